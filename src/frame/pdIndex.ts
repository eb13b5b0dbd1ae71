/**
 * pandas.Index as a value: `df.columns`, `df.index`, `s.index`. Iterable, `in`, len(), indexing,
 * tolist(), `.str`, element-wise comparison and arithmetic (`df.columns + '_x'`), set operations.
 * Changing the labels is done by assigning a new list to `df.columns` (handled by DataFrame).
 */
import { DftablesError } from '../errors.js';
import { pyRepr } from '../python/pyStr.js';
import {
  NotImplemented,
  PyList,
  PyObject,
  PyTuple,
  attributeError,
  type BinaryOperator,
  type CallSite,
  type CompareOperator,
  type Kwargs,
  type MaybeValue,
  type PyValue,
  type Runtime,
} from '../python/values.js';
import { bindArgs, listOrScalar } from './args.js';
import { NativeFunction } from './callable.js';
import type { Column, Label } from './column.js';
import { astypeColumn, isinColumn, mapColumn } from './columnOps.js';
import { dtypeName, cellAt, cellsOf, colLength, inferColumn, objCol, parseDtypeArg, takeColumn } from './dtypes.js';
import { RowIndex, valueKey } from './index.js';
import { DTypeObject, NdArray } from './ndarray.js';
import { binaryColumns, compareColumns, type Operand } from './ops.js';
import { isSlice, maskPositions, positionalKey, sliceBounds } from './selection.js';
import { nargsort } from './sort.js';
import { StrAccessor } from './strAccessor.js';

export class PdIndex extends PyObject {
  readonly typeName: string = 'Index';

  constructor(
    readonly col: Column,
    public name: Label = null,
    /** Levels of a MultiIndex (then `col` holds the tuples as objects). */
    readonly rowIndex?: RowIndex,
  ) {
    super();
  }

  static ofLabels(labels: Label[], name: Label = null): PdIndex {
    const col = inferColumn(labels);
    // An Index of str is object dtype; of ints int64; an empty one is object.
    return new PdIndex(labels.length ? col : objCol([]), name);
  }

  static ofRowIndex(ix: RowIndex): PdIndex {
    if (ix.nlevels === 1) return new PdIndex(ix.level(0), ix.names[0], ix);
    const tuples: PyValue[] = [];
    for (let i = 0; i < ix.length; i++) tuples.push(ix.labelAt(i));
    const mi = new PdIndex(objCol(tuples), null, ix);
    (mi as { typeName: string }).typeName = 'MultiIndex';
    return mi;
  }

  get length(): number {
    return colLength(this.col);
  }

  labels(): PyValue[] {
    return cellsOf(this.col);
  }

  toRowIndex(): RowIndex {
    return this.rowIndex ?? RowIndex.fromLevels([this.col], [this.name]);
  }

  override getAttr(name: string, site: CallSite, rt: Runtime): PyValue {
    void site;
    void rt;
    const m = (impl: (args: PyValue[], kwargs: Kwargs, site: CallSite, rt: Runtime) => PyValue) => new NativeFunction(name, impl, 'method', 'Index');
    switch (name) {
      case 'tolist':
      case 'to_list':
        return m(() => new PyList(this.labels()));
      case 'values':
      case 'array':
        return new NdArray(this.col);
      case 'to_numpy':
        return m(() => new NdArray(this.col));
      case 'name':
        return this.name;
      case 'names':
        return new PyList(this.rowIndex ? [...this.rowIndex.names] : [this.name]);
      case 'nlevels':
        return BigInt(this.rowIndex?.nlevels ?? 1);
      case 'shape':
        return new PyTuple([BigInt(this.length)]);
      case 'size':
        return BigInt(this.length);
      case 'empty':
        return this.length === 0;
      case 'dtype':
        return new DTypeObject(dtypeName(this.col));
      case 'is_unique':
        return new Set(this.labels().map(valueKey)).size === this.length;
      case 'str':
        return new StrAccessor(this.col, (c) => new PdIndex(c, this.name), 'Index');
      case 'copy':
        return m(() => new PdIndex(this.col, this.name, this.rowIndex));
      case 'unique':
        return m(() => {
          const seen = new Set<unknown>();
          const idx: number[] = [];
          this.labels().forEach((v, i) => {
            const k = valueKey(v);
            if (!seen.has(k)) {
              seen.add(k);
              idx.push(i);
            }
          });
          return new PdIndex(takeColumn(this.col, idx), this.name);
        });
      case 'map':
        return m((args, kwargs, site, rt) => {
          const b = bindArgs({ name: 'map', positional: ['mapper', 'na_action'], required: ['mapper'] }, args, kwargs, site);
          return new PdIndex(mapColumn(this.col, b.get('mapper')!, rt, b.get('na_action') === 'ignore'), this.name);
        });
      case 'isin':
        return m((args, kwargs, site) => {
          const b = bindArgs({ name: 'isin', positional: ['values', 'level'], required: ['values'] }, args, kwargs, site);
          return new NdArray(isinColumn(this.col, listOrScalar(b.get('values')!)));
        });
      case 'astype':
        return m((args, kwargs, site) => {
          const b = bindArgs({ name: 'astype', positional: ['dtype', 'copy'], required: ['dtype'] }, args, kwargs, site);
          const d = parseDtypeArg(b.get('dtype')!);
          if (!d) throw new DftablesError('DT208', `data type ${pyRepr(b.get('dtype')!)} not understood`);
          return new PdIndex(astypeColumn(this.col, d.dtype, d.name), this.name);
        });
      case 'get_loc':
        return m((args) => {
          const k = valueKey(args[0] ?? null);
          const i = this.labels().findIndex((v) => valueKey(v) === k);
          if (i < 0) throw new DftablesError('DT209', `KeyError: ${pyRepr(args[0] ?? null)}`);
          return BigInt(i);
        });
      case 'difference':
        return m((args) => {
          const drop = new Set(listOrScalar(args[0] ?? new PyList([])).map(valueKey));
          const kept = uniqueSorted(this.labels().filter((v) => !drop.has(valueKey(v))));
          return PdIndex.ofLabels(kept, this.name);
        });
      case 'intersection':
        return m((args) => {
          const other = listOrScalar(args[0] ?? new PyList([]));
          const keep = new Set(other.map(valueKey));
          return PdIndex.ofLabels(dedupe(this.labels().filter((v) => keep.has(valueKey(v)))), this.name);
        });
      case 'union':
        return m((args) => {
          const other = iterLabels(args[0] ?? new PyList([]));
          return PdIndex.ofLabels(uniqueSorted([...this.labels(), ...other]), this.name);
        });
      case 'append':
        return m((args) => PdIndex.ofLabels([...this.labels(), ...iterLabels(args[0] ?? new PyList([]))], this.name));
      case 'drop':
        return m((args) => {
          const drop = listOrScalar(args[0] ?? new PyList([]));
          const labels = this.labels();
          const keys = new Set(labels.map(valueKey));
          const missing = drop.filter((d) => !keys.has(valueKey(d)));
          if (missing.length) throw new DftablesError('DT201', `[${missing.map(pyRepr).join(', ')}] not found in axis`);
          const dk = new Set(drop.map(valueKey));
          return PdIndex.ofLabels(labels.filter((v) => !dk.has(valueKey(v))), this.name);
        });
      case 'insert':
        return m((args) => {
          const labels = this.labels();
          const at = Number(args[0] ?? 0n);
          labels.splice(at < 0 ? labels.length + at : at, 0, args[1] ?? null);
          return PdIndex.ofLabels(labels, this.name);
        });
      case 'sort_values':
        return m((args, kwargs, site) => {
          const b = bindArgs({ name: 'sort_values', positional: ['return_indexer', 'ascending', 'na_position', 'key'] }, args, kwargs, site);
          const order = nargsort(this.col, b.bool('ascending', true), 'last');
          return new PdIndex(takeColumn(this.col, order), this.name);
        });
      case 'equals':
        return m((args) => {
          const o = args[0];
          if (!(o instanceof PdIndex) || o.length !== this.length) return false;
          const a = this.labels();
          return o.labels().every((v, i) => valueKey(v) === valueKey(a[i]));
        });
      case 'duplicated':
        return m(() => {
          const seen = new Set<unknown>();
          return new NdArray(
            inferColumn(
              this.labels().map((v) => {
                const k = valueKey(v);
                const d = seen.has(k);
                seen.add(k);
                return d;
              }),
            ),
          );
        });
    }
    throw attributeError(this.typeName, name, this.attrNames());
  }

  override attrNames(): string[] {
    return [
      'tolist', 'to_list', 'values', 'array', 'to_numpy', 'name', 'names', 'nlevels', 'shape', 'size', 'empty', 'dtype', 'is_unique', 'str',
      'copy', 'unique', 'map', 'isin', 'astype', 'get_loc', 'difference', 'intersection', 'union', 'append', 'drop', 'insert',
      'sort_values', 'equals', 'duplicated',
    ];
  }

  override setAttr(name: string, value: PyValue): void {
    if (name === 'name') {
      this.name = value;
      return;
    }
    throw attributeError(this.typeName, name, ['name']);
  }

  override getItem(key: PyValue, site: CallSite): PyValue {
    const n = this.length;
    const mask = maskPositions(key, RowIndex.range(n), n, site);
    if (mask) return new PdIndex(takeColumn(this.col, mask), this.name);
    if (isSlice(key)) {
      const [start, stop, step] = sliceBounds(key, n);
      const idx: number[] = [];
      if (step > 0) for (let i = start; i < stop; i += step) idx.push(i);
      else for (let i = start; i > stop; i += step) idx.push(i);
      return new PdIndex(takeColumn(this.col, idx), this.name);
    }
    if (key instanceof PyList) {
      const idx = key.items.map((k) => {
        const p = positionalKey(k, n);
        if (p === undefined) throw new DftablesError('DT209', `index ${pyRepr(k)} is out of bounds for axis 0 with size ${n}`);
        return p;
      });
      return new PdIndex(takeColumn(this.col, idx), this.name);
    }
    const p = positionalKey(key, n);
    if (p === undefined) throw new DftablesError('DT209', `index ${pyRepr(key)} is out of bounds for axis 0 with size ${n}`, { pos: site.argPos[0] });
    return cellAt(this.col, p);
  }

  private operand(other: PyValue): Operand | undefined {
    if (other instanceof PdIndex || other instanceof NdArray) return { col: other.col };
    if (other instanceof PyList || other instanceof PyTuple) return { col: inferColumn([...other.items]) };
    if (other instanceof PyObject) return undefined;
    return { scalar: other };
  }

  override binaryOp(op: BinaryOperator, other: PyValue, reflected: boolean): MaybeValue {
    const o = this.operand(other);
    if (!o) return NotImplemented;
    const self: Operand = { col: this.col };
    return new PdIndex(binaryColumns(op, reflected ? o : self, reflected ? self : o, this.length), this.name);
  }

  override compare(op: CompareOperator, other: PyValue): MaybeValue {
    const o = this.operand(other);
    if (!o) return NotImplemented;
    if (o.col && colLength(o.col) !== this.length) throw new DftablesError('DT208', 'Lengths must match to compare');
    return new NdArray(compareColumns(op, { col: this.col }, o, this.length));
  }

  override contains(item: PyValue): boolean {
    const k = valueKey(item);
    return this.labels().some((v) => valueKey(v) === k);
  }

  override truthy(): boolean {
    throw new DftablesError('DT208', 'The truth value of a Index is ambiguous. Use a.empty, a.bool(), a.item(), a.any() or a.all().');
  }

  override len(): number {
    return this.length;
  }

  override iter(): PyValue[] {
    return this.labels();
  }

  override repr(): string {
    const items = this.labels().map(pyRepr).join(', ');
    const dt = this.col.dtype === 'object' ? "dtype='object'" : `dtype='${this.col.dtype}'`;
    return `${this.typeName}([${items}], ${dt})`;
  }
}

function dedupe(values: PyValue[]): PyValue[] {
  const seen = new Set<unknown>();
  return values.filter((v) => {
    const k = valueKey(v);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function uniqueSorted(values: PyValue[]): PyValue[] {
  const u = dedupe(values);
  try {
    const c = inferColumn(u);
    return cellsOf(takeColumn(c, nargsort(c, true, 'last')));
  } catch {
    return u;
  }
}

function iterLabels(v: PyValue): PyValue[] {
  if (v instanceof PdIndex) return v.labels();
  return listOrScalar(v);
}
