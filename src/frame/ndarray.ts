/**
 * The numpy arrays pages meet: what Series.unique(), .values and .to_numpy() return. Iterable,
 * indexable, with len(), `in`, tolist() and the common reductions; element-wise operators
 * behave like a Series without labels.
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
  type MaybeValue,
  type PyValue,
  type Runtime,
  type UnaryOperator,
} from '../python/values.js';
import { NativeFunction } from './callable.js';
import type { Column } from './column.js';
import { dtypeName, cellAt, cellsOf, colLength, inferColumn, takeColumn } from './dtypes.js';
import { binaryColumns, compareColumns, unaryColumn, type Operand } from './ops.js';
import { colMean, colMinMax, colSum } from './reductions.js';
import { isSlice, maskPositions, positionalKey, sliceBounds } from './selection.js';
import { RowIndex, valueKey } from './index.js';
import { floatRepr } from '../python/floatRepr.js';

export class DTypeObject extends PyObject {
  readonly typeName = 'dtype';
  constructor(readonly dtypeName: string) {
    super();
  }
  override getAttr(name: string): PyValue {
    if (name === 'name') return this.dtypeName;
    if (name === 'kind') return { int64: 'i', float64: 'f', bool: 'b', object: 'O' }[this.dtypeName] ?? 'O';
    throw attributeError('numpy.dtype', name, ['name', 'kind']);
  }
  override attrNames(): string[] {
    return ['name', 'kind'];
  }
  override compare(op: CompareOperator, other: PyValue): MaybeValue {
    if (op !== '==' && op !== '!=') return NotImplemented;
    let same: boolean;
    if (other instanceof DTypeObject) same = other.dtypeName === this.dtypeName;
    else if (typeof other === 'string') same = other === this.dtypeName || (other === 'O' && this.dtypeName === 'object');
    else if (other instanceof PyObject) {
      const m = /^<class '(?:numpy\.)?(\w+)'>$/.exec(other.repr());
      const n = m?.[1];
      same = n === this.dtypeName || (n === 'object' && this.dtypeName === 'object') || (n === 'float' && this.dtypeName === 'float64') || (n === 'int' && this.dtypeName === 'int64') || (n === 'bool' && this.dtypeName === 'bool');
    } else same = false;
    return op === '==' ? same : !same;
  }
  /**
   * str(dtype) is the bare name ('int64', 'object') and repr is dtype('int64'); the protocol has
   * one text form, and pages use str()/f-strings, so this is the str form.
   */
  override repr(): string {
    return this.dtypeName;
  }
}

export class NdArray extends PyObject {
  readonly typeName = 'ndarray';
  constructor(readonly col: Column) {
    super();
  }

  get length(): number {
    return colLength(this.col);
  }

  override getAttr(name: string, site: CallSite, rt: Runtime): PyValue {
    void site;
    void rt;
    const m = (fn: (args: PyValue[]) => PyValue) => new NativeFunction(name, (args) => fn(args), 'method', 'ndarray');
    switch (name) {
      case 'tolist':
        return m(() => new PyList(cellsOf(this.col)));
      case 'shape':
        return new PyTuple([BigInt(this.length)]);
      case 'size':
        return BigInt(this.length);
      case 'ndim':
        return 1n;
      case 'dtype':
        return new DTypeObject(dtypeName(this.col));
      case 'sum':
        return m(() => colSum(this.col));
      case 'mean':
        return m(() => colMean(this.col));
      case 'min':
        return m(() => colMinMax(this.col, 'min'));
      case 'max':
        return m(() => colMinMax(this.col, 'max'));
      case 'copy':
        return m(() => new NdArray(this.col));
      case 'any':
        return m(() => cellsOf(this.col).some((v) => v === true || (typeof v !== 'boolean' && v !== 0 && v !== 0n && v !== '' && v !== null)));
      case 'all':
        return m(() => cellsOf(this.col).every((v) => v === true || (typeof v !== 'boolean' && v !== 0 && v !== 0n && v !== '' && v !== null)));
    }
    throw attributeError('numpy.ndarray', name, this.attrNames());
  }

  override attrNames(): string[] {
    return ['tolist', 'shape', 'size', 'ndim', 'dtype', 'sum', 'mean', 'min', 'max', 'copy', 'any', 'all'];
  }

  override getItem(key: PyValue, site: CallSite): PyValue {
    const n = this.length;
    const mask = maskPositions(key, RowIndex.range(n), n, site);
    if (mask) return new NdArray(takeColumn(this.col, mask));
    if (isSlice(key)) {
      const [start, stop, step] = sliceBounds(key, n);
      const idx: number[] = [];
      if (step > 0) for (let i = start; i < stop; i += step) idx.push(i);
      else for (let i = start; i > stop; i += step) idx.push(i);
      return new NdArray(takeColumn(this.col, idx));
    }
    if (key instanceof PyList) {
      const idx = key.items.map((k) => {
        const p = positionalKey(k, n);
        if (p === undefined) throw new DftablesError('DT209', `index ${pyRepr(k)} is out of bounds for axis 0 with size ${n}`);
        return p;
      });
      return new NdArray(takeColumn(this.col, idx));
    }
    const p = positionalKey(key, n);
    if (p === undefined) {
      if (typeof key === 'bigint') throw new DftablesError('DT209', `index ${key} is out of bounds for axis 0 with size ${n}`);
      throw new DftablesError('DT209', 'only integers, slices (`:`), ellipsis (`...`), numpy.newaxis (`None`) and integer or boolean arrays are valid indices');
    }
    return cellAt(this.col, p);
  }

  private operand(other: PyValue): Operand | undefined {
    if (other instanceof NdArray) return { col: other.col };
    if (other instanceof PyList || other instanceof PyTuple) return { col: inferColumn([...other.items]) };
    if (other instanceof PyObject) return undefined;
    return { scalar: other };
  }

  override binaryOp(op: BinaryOperator, other: PyValue, reflected: boolean): MaybeValue {
    const o = this.operand(other);
    if (!o) return NotImplemented;
    const self: Operand = { col: this.col };
    return new NdArray(binaryColumns(op, reflected ? o : self, reflected ? self : o, this.length));
  }

  override compare(op: CompareOperator, other: PyValue): MaybeValue {
    const o = this.operand(other);
    if (!o) return NotImplemented;
    return new NdArray(compareColumns(op, { col: this.col }, o, this.length));
  }

  override unaryOp(op: UnaryOperator): PyValue {
    return new NdArray(unaryColumn(op, this.col));
  }

  override contains(item: PyValue): boolean {
    const k = valueKey(item);
    return cellsOf(this.col).some((v) => valueKey(v) === k && !(typeof v === 'number' && v !== v));
  }

  override truthy(): boolean {
    if (this.length === 1) {
      const v = cellAt(this.col, 0);
      return !(v === false || v === 0 || v === 0n || v === '' || v === null);
    }
    throw new DftablesError('DT208', 'The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()');
  }

  override len(): number {
    return this.length;
  }

  override iter(): PyValue[] {
    return cellsOf(this.col);
  }

  override repr(): string {
    const cells = cellsOf(this.col).map((v) => (typeof v === 'number' ? floatRepr(v).replace(/\.0$/, '.') : pyRepr(v)));
    const dt = this.col.dtype === 'object' ? ', dtype=object' : '';
    return `array([${cells.join(', ')}]${dt})`;
  }
}

/** A 2-D array (df.values, df.to_numpy()): rows as 1-D arrays, tolist() as lists of rows. */
export class NdArray2D extends PyObject {
  readonly typeName = 'ndarray';
  constructor(private readonly rows: PyValue[][]) {
    super();
  }
  override getAttr(name: string): PyValue {
    switch (name) {
      case 'tolist':
        return new NativeFunction('tolist', () => new PyList(this.rows.map((r) => new PyList([...r]))), 'method', 'ndarray');
      case 'shape':
        return new PyTuple([BigInt(this.rows.length), BigInt(this.rows[0]?.length ?? 0)]);
      case 'ndim':
        return 2n;
      case 'size':
        return BigInt(this.rows.length * (this.rows[0]?.length ?? 0));
    }
    throw attributeError('numpy.ndarray', name, ['tolist', 'shape', 'ndim', 'size']);
  }
  override attrNames(): string[] {
    return ['tolist', 'shape', 'ndim', 'size'];
  }
  override getItem(key: PyValue): PyValue {
    const p = positionalKey(key, this.rows.length);
    if (p === undefined) throw new DftablesError('DT209', `index ${pyRepr(key)} is out of bounds for axis 0 with size ${this.rows.length}`);
    return new NdArray(inferColumn(this.rows[p]));
  }
  override iter(): PyValue[] {
    return this.rows.map((r) => new NdArray(inferColumn(r)));
  }
  override len(): number {
    return this.rows.length;
  }
  override truthy(): boolean {
    throw new DftablesError('DT208', 'The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()');
  }
  override repr(): string {
    return `array([${this.rows.map((r) => `[${r.map((v) => pyRepr(v)).join(', ')}]`).join(',\n       ')}])`;
  }
}
