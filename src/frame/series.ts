/**
 * pandas.Series: one column, its row labels and a name, behind the PyObject protocol. Methods
 * live in seriesMethods.ts; this file holds the object itself: attribute lookup, indexing,
 * operators (with index alignment), iteration and the link back to the frame it came from.
 */
import { DftablesError } from '../errors.js';
import { pyRepr } from '../python/pyStr.js';
import {
  NotImplemented,
  PyDict,
  PyList,
  PyObject,
  PyTuple,
  PyTypeError,
  attributeError,
  type BinaryOperator,
  type CallSite,
  type CompareOperator,
  type MaybeValue,
  type PyValue,
  type Runtime,
  type UnaryOperator,
} from '../python/values.js';
import { reindexColumn, unionIndex } from './align.js';
import { bindMethod } from './callable.js';
import type { Column, Label } from './column.js';
import { cellAt, cellsOf, colLength, inferColumn, objCol, takeColumn } from './dtypes.js';
import { RowIndex, valueKey } from './index.js';
import { binaryColumns, compareColumns, unaryColumn, type Operand } from './ops.js';
import { SERIES_METHODS, SERIES_UNSUPPORTED } from './seriesMethods.js';
import { seriesProperty, SERIES_PROPERTIES } from './seriesProperties.js';
import type { DataFrame } from './dataframe.js';
import { NdArray } from './ndarray.js';
import { formatSeries } from './repr.js';
import { maskPositions, positionalKey, sliceBounds } from './selection.js';

export interface ParentLink {
  frame: DataFrame;
  label: Label;
  col: Column;
}

export class Series extends PyObject {
  readonly typeName = 'Series';
  /** The frame this Series was read from with df[col], for chained assignment and inplace methods. */
  parent?: ParentLink;

  constructor(
    public col: Column,
    public index: RowIndex,
    public name: Label = null,
  ) {
    super();
  }

  static fromValues(values: PyValue[], name: Label = null): Series {
    const col = inferColumn(values);
    return new Series(col, RowIndex.range(colLength(col)), name);
  }

  get length(): number {
    return colLength(this.col);
  }

  /** A new Series with the same index and name. */
  withColumn(col: Column, name: Label = this.name): Series {
    return new Series(col, this.index, name);
  }

  take(idx: ArrayLike<number>): Series {
    return new Series(takeColumn(this.col, idx), this.index.take(idx), this.name);
  }

  /** Replaces the data in place (inplace methods, s[k] = v), and in the frame it came from. */
  replaceData(col: Column): void {
    const p = this.parent;
    this.col = col;
    if (p && p.frame.columnIfSame(p.label, p.col)) {
      p.frame.setColumnData(p.label, col);
      p.col = col;
    }
  }

  override getAttr(name: string, site: CallSite, rt: Runtime): PyValue {
    if (SERIES_PROPERTIES.has(name)) return seriesProperty(this, name, site, rt);
    const m = SERIES_METHODS.get(name);
    if (m) return bindMethod(this, 'Series', name, m);
    if (SERIES_UNSUPPORTED.has(name)) {
      throw new DftablesError('DT212', `Series.${name}() is not supported by dftables`);
    }
    throw attributeError('Series', name, this.attrNames());
  }

  override attrNames(): string[] {
    return [...SERIES_PROPERTIES, ...SERIES_METHODS.keys()];
  }

  override getItem(key: PyValue, site: CallSite, rt: Runtime): PyValue {
    void rt;
    // Boolean mask (Series, list of bools): rows where True.
    const mask = maskPositions(key, this.index, this.length, site);
    if (mask) return this.take(mask);
    if (key instanceof PyObject && key.typeName === 'slice') {
      const [start, stop, step] = sliceBounds(key, this.length);
      return this.take(rangePositions(start, stop, step));
    }
    if (key instanceof PyList || key instanceof PyTuple || key instanceof Series || key instanceof NdArray) {
      const labels = key instanceof Series ? cellsOf(key.col) : key instanceof NdArray ? cellsOf(key.col) : [...key.items];
      return this.take(this.labelPositions(labels, site));
    }
    const p = this.scalarPosition(key);
    if (p < 0) throw keyError(key, site);
    return cellAt(this.col, p);
  }

  /** Position of a label, falling back to a position for ints on a non-integer index (pandas 1.5.3). */
  scalarPosition(key: PyValue): number {
    const { map } = this.index.positions();
    const p = map.get(valueKey(key));
    if (p !== undefined) return p;
    if ((typeof key === 'bigint' || typeof key === 'number') && !this.hasIntegerIndex()) {
      const i = positionalKey(key, this.length);
      if (i !== undefined) return i;
    }
    return -1;
  }

  hasIntegerIndex(): boolean {
    if (this.index.isRange) return true;
    if (this.index.nlevels !== 1) return false;
    const l = this.index.level(0);
    return l.dtype === 'int64' || l.dtype === 'float64';
  }

  labelPositions(labels: PyValue[], site: CallSite): Int32Array {
    const { map } = this.index.positions();
    const out = new Int32Array(labels.length);
    const missing: PyValue[] = [];
    labels.forEach((l, i) => {
      const p = map.get(valueKey(l));
      if (p === undefined) missing.push(l);
      else out[i] = p;
    });
    if (missing.length) {
      throw new DftablesError('DT209', `None of [${missing.map(pyRepr).join(', ')}] are in the [index]`, { pos: site.locate(missing[0], 0) });
    }
    return out;
  }

  override setItem(key: PyValue, value: PyValue, site: CallSite, rt: Runtime): void {
    void rt;
    let positions: Int32Array;
    const mask = maskPositions(key, this.index, this.length, site);
    if (mask) positions = mask;
    else if (key instanceof PyObject && key.typeName === 'slice') {
      const [start, stop, step] = sliceBounds(key, this.length);
      positions = rangePositions(start, stop, step);
    } else if (key instanceof PyList || key instanceof PyTuple) positions = this.labelPositions([...key.items], site);
    else {
      const p = this.scalarPosition(key);
      if (p < 0) {
        // pandas appends a new label; dftables keeps tables rectangular.
        throw new DftablesError('DT212', `adding the new label ${pyRepr(key)} to a Series is not supported by dftables`);
      }
      positions = Int32Array.of(p);
    }
    this.replaceData(setPositions(this.col, positions, value, this.index));
  }

  private operand(other: PyValue): { operand: Operand; index: RowIndex } | undefined {
    if (other instanceof Series) return { operand: { col: other.col }, index: other.index };
    if (other instanceof NdArray) return { operand: { col: this.checkLength(other.col) }, index: this.index };
    if (other instanceof PyList || other instanceof PyTuple) {
      return { operand: { col: this.checkLength(inferColumn([...other.items])) }, index: this.index };
    }
    if (other instanceof PyObject) return undefined;
    if (other instanceof PyDict) return undefined;
    return { operand: { scalar: other }, index: this.index };
  }

  private checkLength(c: Column): Column {
    if (colLength(c) !== this.length) {
      throw new DftablesError('DT208', `operands could not be broadcast together with shapes (${this.length},) (${colLength(c)},)`);
    }
    return c;
  }

  override binaryOp(op: BinaryOperator, other: PyValue, reflected: boolean, site: CallSite, rt: Runtime): MaybeValue {
    void site;
    void rt;
    if (other instanceof PyObject && !(other instanceof Series) && !(other instanceof NdArray)) return NotImplemented;
    const o = this.operand(other);
    if (!o) return NotImplemented;
    let left: Operand = { col: this.col };
    let right = o.operand;
    let index = this.index;
    if (other instanceof Series && !this.index.equals(other.index)) {
      index = unionIndex(this.index, other.index);
      left = { col: reindexColumn(this.col, this.index, index) };
      right = { col: reindexColumn(other.col, other.index, index) };
    }
    const [a, b] = reflected ? [right, left] : [left, right];
    const name = other instanceof Series ? (other.name === this.name || valueKey(other.name) === valueKey(this.name) ? this.name : null) : this.name;
    return new Series(binaryColumns(op, a, b, index.length), index, name);
  }

  override compare(op: CompareOperator, other: PyValue, site: CallSite, rt: Runtime): MaybeValue {
    void site;
    void rt;
    if (other instanceof PyObject && !(other instanceof Series) && !(other instanceof NdArray)) return NotImplemented;
    if (other instanceof PyList || other instanceof PyTuple) {
      if (other.items.length !== this.length) {
        throw new DftablesError('DT208', `('Lengths must match to compare', (${this.length},), (${other.items.length},))`);
      }
    }
    if (other instanceof Series && !this.index.equals(other.index)) {
      throw new DftablesError('DT208', 'Can only compare identically-labeled Series objects', {
        hint: 'The two Series have different row labels: use .reset_index(drop=True) on both, or compare columns of one frame.',
      });
    }
    const o = this.operand(other);
    if (!o) return NotImplemented;
    const name = other instanceof Series ? (valueKey(other.name) === valueKey(this.name) ? this.name : null) : this.name;
    return new Series(compareColumns(op, { col: this.col }, o.operand, this.length), this.index, name);
  }

  override unaryOp(op: UnaryOperator, site: CallSite, rt: Runtime): PyValue {
    void site;
    void rt;
    return this.withColumn(unaryColumn(op, this.col));
  }

  override contains(item: PyValue): boolean {
    // `x in series` looks at the index, as in pandas.
    return this.index.positions().map.has(valueKey(item));
  }

  override truthy(): boolean {
    throw new DftablesError(
      'DT208',
      'The truth value of a Series is ambiguous. Use a.empty, a.bool(), a.item(), a.any() or a.all().',
      { hint: 'Combine conditions with & and | (with parentheses), not and/or.' },
    );
  }

  override len(): number {
    return this.length;
  }

  override iter(): PyValue[] {
    return cellsOf(this.col);
  }

  override repr(): string {
    return formatSeries(this);
  }
}


export function keyError(key: PyValue, site: CallSite): DftablesError {
  return new DftablesError('DT209', `KeyError: ${pyRepr(key)}`, { pos: site.locate(key, 0) });
}

export function rangePositions(start: number, stop: number, step: number): Int32Array {
  const out: number[] = [];
  if (step > 0) for (let i = start; i < stop; i += step) out.push(i);
  else for (let i = start; i > stop; i += step) out.push(i);
  return Int32Array.from(out);
}

/** A copy of `col` with `value` written at `positions` (value: scalar, list, Series aligned on labels). */
export function setPositions(col: Column, positions: Int32Array, value: PyValue, index: RowIndex): Column {
  const cells = cellsOf(col).slice();
  let vals: (i: number) => PyValue;
  if (value instanceof Series) {
    const target = index.take(positions);
    const aligned = reindexColumn(value.col, value.index, target);
    vals = (k) => cellAt(aligned, k);
  } else if (value instanceof PyList || value instanceof PyTuple || value instanceof NdArray) {
    const items = value instanceof NdArray ? cellsOf(value.col) : value.items;
    if (items.length !== positions.length) {
      throw new DftablesError('DT208', `cannot set using a list-like indexer with a different length than the value (${positions.length} != ${items.length})`);
    }
    vals = (k) => items[k];
  } else if (value instanceof PyObject) {
    throw new PyTypeError(`cannot set a Series element to a ${value.typeName}`);
  } else vals = () => value;
  for (let k = 0; k < positions.length; k++) cells[positions[k]] = vals(k);
  return setResultColumn(col, cells, positions);
}

/**
 * pandas keeps the column dtype when the new values fit it (an int into a float column), and
 * otherwise upcasts (a float into an int column -> float64, text into numbers -> object).
 */
export function setResultColumn(col: Column, cells: PyValue[], positions: Int32Array): Column {
  if (positions.length === 0) return col;
  if (col.dtype === 'object') return { dtype: 'object', data: cells };
  const inferred = inferColumn(cells);
  if (inferred.dtype === col.dtype) return inferred;
  // pandas casts the column to a type that holds both the old values and the new one
  // (find_result_type), it does not re-infer: bools and numbers only meet in object, even when
  // every row was overwritten (int64 column, mask all True, value True -> object of True).
  if (inferred.dtype === 'bool' || col.dtype === 'bool') return objCol(cells);
  if (col.dtype === 'float64' && inferred.dtype === 'int64') return { dtype: 'float64', data: inferred.data as Float64Array };
  if (col.dtype === 'int64' && inferred.dtype === 'float64') {
    // int column given a float: 1.5.3 upcasts to float64 (an integral float keeps int64).
    const written = positions.length ? [...positions].map((p) => cells[p]) : [];
    if (written.every((v) => typeof v === 'number' && Number.isInteger(v))) {
      return { dtype: 'int64', data: inferred.data as Float64Array };
    }
    return inferred;
  }
  return inferred;
}

