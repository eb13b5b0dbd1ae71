/**
 * Row labels of a DataFrame or Series. pandas keeps them through filtering and sorting, and
 * aligns on them in assignment and arithmetic, so they matter even though to_csv(index=False)
 * never writes them. A fresh frame has a RangeIndex (0..n-1, stored as start + length); any
 * other index is one column per level (a MultiIndex after groupby on several keys).
 */
import type { Column, Label } from './column.js';
import { cellAt, concatColumns, intCol, sliceColumn, takeColumn } from './dtypes.js';
import { PyObject, PyTuple, PyTypeError, typeName, type PyValue } from '../python/values.js';

export type LabelKey = number | string;

/** Key of one label for hashing: numbers as themselves (1 and 1.0 and True match, NaN matches NaN), other values tagged. */
export function valueKey(v: PyValue): LabelKey {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') {
    // Beyond 2**53 a double cannot tell ints apart: key them exactly.
    const x = Number(v);
    return Number.isSafeInteger(x) ? x : 'b' + v.toString();
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') return 's' + v;
  if (v === null) return 'N';
  if (v instanceof PyTuple) return 't' + v.items.map((x) => String(valueKey(x))).join('\u0000');
  if (v instanceof PyObject) return 'o' + v.hashId();
  // lists and dicts: Python's TypeError, as pandas' hashtables raise it
  throw new PyTypeError(`unhashable type: '${typeName(v)}'`);
}

export class RowIndex {
  private constructor(
    readonly length: number,
    /** For a RangeIndex: the first label; the index is start, start+1, ... */
    readonly start: number,
    /** null for a RangeIndex. */
    private readonly _levels: Column[] | null,
    readonly names: Label[],
  ) {}

  static range(length: number, start = 0, name: Label = null): RowIndex {
    return new RowIndex(length, start, null, [name]);
  }

  static fromLevels(levels: Column[], names: Label[]): RowIndex {
    return new RowIndex(levels.length ? levels[0].data.length : 0, 0, levels, names);
  }

  get isRange(): boolean {
    return this._levels === null;
  }

  get nlevels(): number {
    return this._levels ? this._levels.length : 1;
  }

  /** The labels of one level as a column (a RangeIndex materialises as int64). */
  level(i: number): Column {
    if (this._levels) return this._levels[i];
    const d = new Float64Array(this.length);
    for (let k = 0; k < this.length; k++) d[k] = this.start + k;
    return intCol(d);
  }

  get levels(): Column[] {
    return this._levels ?? [this.level(0)];
  }

  /** The label at position i: a scalar, or a tuple for a MultiIndex. */
  labelAt(i: number): PyValue {
    if (!this._levels) return BigInt(this.start + i);
    if (this._levels.length === 1) return cellAt(this._levels[0], i);
    return new PyTuple(this._levels.map((l) => cellAt(l, i)));
  }

  keyAt(i: number): LabelKey {
    if (!this._levels) return this.start + i;
    if (this._levels.length === 1) return columnKey(this._levels[0], i);
    return 't' + this._levels.map((l) => String(columnKey(l, i))).join('\u0000');
  }

  /** Hash keys of every label, for alignment and lookups. */
  keys(): LabelKey[] {
    const out = new Array<LabelKey>(this.length);
    for (let i = 0; i < this.length; i++) out[i] = this.keyAt(i);
    return out;
  }

  /** Label key -> first position, and whether any label repeats. */
  positions(): { map: Map<LabelKey, number>; unique: boolean } {
    const map = new Map<LabelKey, number>();
    let unique = true;
    for (let i = 0; i < this.length; i++) {
      const k = this.keyAt(i);
      if (map.has(k)) unique = false;
      else map.set(k, i);
    }
    return { map, unique };
  }

  take(idx: ArrayLike<number>): RowIndex {
    return RowIndex.fromLevels(
      this.levels.map((l) => takeColumn(l, idx)),
      this.names,
    );
  }

  slice(start: number, end: number): RowIndex {
    if (!this._levels) return new RowIndex(Math.max(0, end - start), this.start + start, null, this.names);
    return RowIndex.fromLevels(
      this._levels.map((l) => sliceColumn(l, start, end)),
      this.names,
    );
  }

  equals(other: RowIndex): boolean {
    if (this === other) return true;
    if (this.length !== other.length) return false;
    if (this.isRange && other.isRange) return this.start === other.start;
    if (this.nlevels !== other.nlevels) return false;
    for (let i = 0; i < this.length; i++) {
      const a = this.keyAt(i);
      const b = other.keyAt(i);
      if (a !== b && !(typeof a === 'number' && typeof b === 'number' && a !== a && b !== b)) return false;
    }
    return true;
  }

  withNames(names: Label[]): RowIndex {
    return new RowIndex(this.length, this.start, this._levels, names);
  }

  static concat(parts: RowIndex[]): RowIndex {
    if (parts.length === 1) return parts[0];
    const nlev = parts[0].nlevels;
    if (parts.every((p) => p.nlevels === nlev)) {
      const levels: Column[] = [];
      for (let l = 0; l < nlev; l++) levels.push(concatColumns(parts.map((p) => p.level(l))));
      const names = parts[0].names.map((n, i) => (parts.every((p) => p.names[i] === n) ? n : null));
      return RowIndex.fromLevels(levels, names);
    }
    return RowIndex.range(parts.reduce((a, p) => a + p.length, 0));
  }
}

function columnKey(c: Column, i: number): LabelKey {
  if (c.dtype === 'object') return valueKey(c.data[i]);
  return c.data[i];
}
