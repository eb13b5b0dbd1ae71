/**
 * pandas.DataFrame: labelled columns over shared row labels, behind the PyObject protocol.
 * Columns are immutable, so a copy is a new list of the same columns and `df2 = df[cols]`
 * never writes through to `df`. Methods live in frameMethods.ts; this file holds the object:
 * column lookup (DT201 with did-you-mean), df[...] get/set, attribute access, operators.
 */
import { DftablesError } from '../errors.js';
import { closest } from '../diagnostics/suggest.js';
import { pyRepr, pyStr } from '../python/pyStr.js';
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
import { getIndexer, reindexColumn } from './align.js';
import { bindMethod } from './callable.js';
import type { Column, Label } from './column.js';
import { toCsv } from './csvWrite.js';
import { cellAt, cellsOf, colLength, fullColumn, inferColumn, sliceColumn, takeColumn } from './dtypes.js';
import { FRAME_METHODS, FRAME_UNSUPPORTED } from './frameMethods.js';
import { frameProperty, FRAME_PROPERTIES } from './frameProperties.js';
import { RowIndex, valueKey } from './index.js';
import { NdArray } from './ndarray.js';
import { binaryColumns, compareColumns, unaryColumn } from './ops.js';
import { PdIndex } from './pdIndex.js';
import { formatFrame } from './repr.js';
import { isSlice, maskPositions, sliceBounds } from './selection.js';
import { Series, rangePositions } from './series.js';

export function isDataFrame(v: PyValue): v is DataFrame {
  return v instanceof DataFrame;
}

export class DataFrame extends PyObject {
  readonly typeName = 'DataFrame';
  /** Name of the columns Index (df.columns.name), kept for reset_index/rename_axis. */
  columnsName: Label = null;
  /** Attributes set with `df.foo = ...` that are not columns (pandas stores them on the object). */
  private readonly extraAttrs = new Map<string, PyValue>();

  constructor(
    public names: Label[],
    public cols: Column[],
    public index: RowIndex,
  ) {
    super();
  }

  static fromColumns(names: Label[], cols: Column[]): DataFrame {
    return new DataFrame(names, cols, RowIndex.range(cols.length ? colLength(cols[0]) : 0));
  }

  // ---- accessors for renderers, lint and the engine ----

  rowCount(): number {
    return this.index.length;
  }

  columnLabels(): Label[] {
    return [...this.names];
  }

  /** The Python value of one cell (row and column positions). */
  cell(row: number, col: number): PyValue {
    return cellAt(this.cols[col], row);
  }

  column(i: number): Column {
    return this.cols[i];
  }

  /** All rows as Python values, for renderers. */
  rows(): PyValue[][] {
    const out: PyValue[][] = [];
    const cells = this.cols.map(cellsOf);
    for (let r = 0; r < this.rowCount(); r++) out.push(cells.map((c) => c[r]));
    return out;
  }

  /** df.to_csv(index=False). */
  toCsv(): string {
    return toCsv(this.names, this.cols, this.rowCount());
  }

  // ---- columns ----

  colPos(label: PyValue): number {
    const k = valueKey(label);
    for (let i = 0; i < this.names.length; i++) if (valueKey(this.names[i]) === k) return i;
    return -1;
  }

  hasColumn(label: PyValue): boolean {
    return this.colPos(label) >= 0;
  }

  /** The column's position, or DT201 at the label's place in the page with a did-you-mean. */
  requireColumn(label: PyValue, site?: CallSite, arg: number | string = 0): number {
    const i = this.colPos(label);
    if (i >= 0) return i;
    throw this.columnNotFound(label, site, arg);
  }

  columnNotFound(label: PyValue, site?: CallSite, arg: number | string = 0): DftablesError {
    const text = typeof label === 'string' ? label : pyStr(label);
    const guess = closest(text, this.names.filter((n): n is string => typeof n === 'string'));
    const shown = typeof label === 'string' ? `'${label}'` : pyRepr(label);
    return new DftablesError('DT201', `column ${shown} not found` + (guess !== undefined ? `; did you mean '${guess}'?` : ''), {
      pos: site ? site.locate(label, arg) : undefined,
      hint: guess === undefined ? `The columns are: ${this.names.map((n) => pyRepr(n)).join(', ')}` : undefined,
    });
  }

  series(i: number): Series {
    const s = new Series(this.cols[i], this.index, this.names[i]);
    s.parent = { frame: this, label: this.names[i], col: this.cols[i] };
    return s;
  }

  /** True if `label` still holds exactly `col` (a Series read earlier is still a view of it). */
  columnIfSame(label: Label, col: Column): boolean {
    const i = this.colPos(label);
    return i >= 0 && this.cols[i] === col;
  }

  setColumnData(label: Label, col: Column): void {
    const i = this.colPos(label);
    if (i >= 0) this.cols[i] = col;
  }

  /** Adds or replaces a column (the column already has the frame's length and order). */
  setColumn(label: Label, col: Column, rt?: Runtime): void {
    const i = this.colPos(label);
    if (i >= 0) this.cols[i] = col;
    else {
      if (rt && (this.names.length + 1) * colLength(col) > rt.limits.maxCells) {
        throw new DftablesError('DT305', `the table would exceed ${rt.limits.maxCells} cells`);
      }
      this.names.push(label);
      this.cols.push(col);
    }
  }

  /** A value assigned to a column as a column of this frame's length (broadcast, list, aligned Series). */
  toColumn(value: PyValue, site: CallSite, rt: Runtime, label: PyValue = null): Column {
    const n = this.rowCount();
    if (value instanceof Series) return reindexColumn(value.col, value.index, this.index);
    if (value instanceof DataFrame) {
      if (value.cols.length !== 1) {
        throw new DftablesError('DT208', `Cannot set a DataFrame with multiple columns to the single column ${pyStr(label)}`);
      }
      return reindexColumn(value.cols[0], value.index, this.index);
    }
    let items: PyValue[] | undefined;
    let col: Column | undefined;
    if (value instanceof PyList || value instanceof PyTuple) items = [...value.items];
    else if (value instanceof NdArray || value instanceof PdIndex) col = value.col;
    else if (value instanceof PyObject && value.typeName !== 'function' && value.typeName !== 'method') {
      items = value.iter(site, rt);
    }
    if (items) col = inferColumn(items);
    if (col) {
      if (colLength(col) !== n) {
        throw new DftablesError('DT208', `Length of values (${colLength(col)}) does not match length of index (${n})`);
      }
      return col;
    }
    return fullColumn(value, n);
  }

  /** A frame of the same rows and the given columns (positions). */
  selectColumns(positions: number[]): DataFrame {
    const df = new DataFrame(
      positions.map((p) => this.names[p]),
      positions.map((p) => this.cols[p]),
      this.index,
    );
    df.columnsName = this.columnsName;
    return df;
  }

  take(idx: ArrayLike<number>): DataFrame {
    const df = new DataFrame([...this.names], this.cols.map((c) => takeColumn(c, idx)), this.index.take(idx));
    df.columnsName = this.columnsName;
    return df;
  }

  sliceRows(start: number, end: number): DataFrame {
    const df = new DataFrame([...this.names], this.cols.map((c) => sliceColumn(c, start, end)), this.index.slice(start, end));
    df.columnsName = this.columnsName;
    return df;
  }

  copy(): DataFrame {
    const df = new DataFrame([...this.names], [...this.cols], this.index);
    df.columnsName = this.columnsName;
    return df;
  }

  /** Makes this frame hold another's data (inplace=True methods). */
  assignFrom(other: DataFrame): void {
    this.names = [...other.names];
    this.cols = [...other.cols];
    this.index = other.index;
    this.columnsName = other.columnsName;
  }

  /** Column positions of a list of labels; DT201 on the first missing one. */
  labelsToPositions(labels: PyValue[], site?: CallSite, arg: number | string = 0): number[] {
    return labels.map((l) => this.requireColumn(l, site, arg));
  }

  // ---- protocol ----

  override getAttr(name: string, site: CallSite, rt: Runtime): PyValue {
    if (FRAME_PROPERTIES.has(name)) return frameProperty(this, name, site, rt);
    const m = FRAME_METHODS.get(name);
    if (m) return bindMethod(this, 'DataFrame', name, m);
    if (this.extraAttrs.has(name)) return this.extraAttrs.get(name)!;
    const i = this.colPos(name);
    if (i >= 0) return this.series(i);
    if (FRAME_UNSUPPORTED.has(name)) throw new DftablesError('DT212', `DataFrame.${name} is not supported by dftables`);
    throw attributeError('DataFrame', name, this.attrNames());
  }

  override attrNames(): string[] {
    return [...FRAME_PROPERTIES, ...FRAME_METHODS.keys(), ...this.names.filter((n): n is string => typeof n === 'string' && /^[A-Za-z_]\w*$/.test(n))];
  }

  override setAttr(name: string, value: PyValue, site: CallSite, rt: Runtime): void {
    if (name === 'columns') {
      const labels = value instanceof PdIndex ? value.labels() : value instanceof PyObject ? value.iter(site, rt) : value instanceof PyList || value instanceof PyTuple ? [...value.items] : undefined;
      if (!labels) throw new DftablesError('DT204', `Index(...) must be called with a collection of some kind, ${pyRepr(value)} was passed`);
      if (labels.length !== this.names.length) {
        throw new DftablesError('DT208', `Length mismatch: Expected axis has ${this.names.length} elements, new values have ${labels.length} elements`);
      }
      this.names = labels;
      if (value instanceof PdIndex) this.columnsName = value.name;
      return;
    }
    if (name === 'index') {
      this.index = rowIndexFrom(value, this.rowCount(), site, rt);
      return;
    }
    const i = this.colPos(name);
    if (i >= 0) {
      this.cols[i] = this.toColumn(value, site, rt, name);
      return;
    }
    // pandas warns and stores a plain attribute; the table does not change.
    this.extraAttrs.set(name, value);
  }

  override getItem(key: PyValue, site: CallSite, rt: Runtime): PyValue {
    void rt;
    const n = this.rowCount();
    const mask = maskPositions(key, this.index, n, site);
    if (mask) return this.take(mask);
    if (isSlice(key)) {
      const [start, stop, step] = sliceBounds(key, n);
      if (step === 1) return this.sliceRows(start, Math.max(start, stop));
      return this.take(rangePositions(start, stop, step));
    }
    if (key instanceof PyList || key instanceof PdIndex || key instanceof NdArray || (key instanceof Series && key.col.dtype !== 'bool')) {
      const labels = key instanceof PyList ? key.items : key instanceof PdIndex ? key.labels() : cellsOf(key.col);
      return this.selectColumns(this.selectLabels(labels, site));
    }
    if (key instanceof DataFrame) throw new DftablesError('DT212', 'df[boolean DataFrame] (where) is not supported by dftables', { hint: 'Use df.where(cond) or a row mask.' });
    const i = this.colPos(key);
    if (i < 0) throw this.columnNotFound(key, site, 0);
    const dups = this.names.filter((l) => valueKey(l) === valueKey(key)).length;
    if (dups > 1) return this.selectColumns(this.names.map((l, p) => (valueKey(l) === valueKey(key) ? p : -1)).filter((p) => p >= 0));
    return this.series(i);
  }

  /** Positions of the labels of df[[...]], with pandas' errors for missing ones. */
  selectLabels(labels: readonly PyValue[], site: CallSite): number[] {
    const missing = labels.filter((l) => this.colPos(l) < 0);
    if (missing.length) throw this.columnNotFound(missing[0], site, 0);
    const out: number[] = [];
    for (const l of labels) {
      const k = valueKey(l);
      this.names.forEach((nm, p) => {
        if (valueKey(nm) === k) out.push(p);
      });
    }
    return out;
  }

  override setItem(key: PyValue, value: PyValue, site: CallSite, rt: Runtime): void {
    if (key instanceof PyList || key instanceof PdIndex) {
      const labels = key instanceof PyList ? [...key.items] : key.labels();
      if (labels.every((l) => typeof l === 'boolean') && labels.length === this.rowCount() && labels.length > 0) {
        throw new DftablesError('DT212', 'df[mask] = value is not supported by dftables', { hint: "Use df.loc[mask, 'column'] = value." });
      }
      this.setColumns(labels, value, site, rt);
      return;
    }
    if (key instanceof Series || key instanceof DataFrame || key instanceof NdArray) {
      throw new DftablesError('DT212', 'df[mask] = value is not supported by dftables', { hint: "Use df.loc[mask, 'column'] = value." });
    }
    if (key instanceof PyTuple) throw new DftablesError('DT212', 'tuple column labels (MultiIndex columns) are not supported by dftables');
    if (this.names.length === 0 && this.rowCount() === 0) {
      // An empty frame takes its length from the first column assigned to it.
      const col = value instanceof Series ? value.col : this.toColumnForEmpty(value, site, rt);
      if (value instanceof Series) this.index = value.index;
      else this.index = RowIndex.range(colLength(col));
      this.setColumn(key, col, rt);
      return;
    }
    this.setColumn(key, this.toColumn(value, site, rt, key), rt);
  }

  private toColumnForEmpty(value: PyValue, site: CallSite, rt: Runtime): Column {
    if (value instanceof PyList || value instanceof PyTuple) return inferColumn([...value.items]);
    if (value instanceof NdArray || value instanceof PdIndex) return value.col;
    if (value instanceof PyObject) return inferColumn(value.iter(site, rt));
    return fullColumn(value, 0);
  }

  /** df[[a, b]] = value: a frame column by column (aligned on the index), or one value for all. */
  setColumns(labels: PyValue[], value: PyValue, site: CallSite, rt: Runtime): void {
    if (value instanceof DataFrame) {
      if (value.names.length !== labels.length) throw new DftablesError('DT208', 'Columns must be same length as key');
      labels.forEach((l, j) => this.setColumn(l, reindexColumn(value.cols[j], value.index, this.index), rt));
      return;
    }
    if (value instanceof PyList || value instanceof PyTuple || value instanceof NdArray) {
      const items = value instanceof NdArray ? cellsOf(value.col) : value.items;
      if (items.length && items.every((r) => r instanceof PyList || r instanceof PyTuple)) {
        if (items.length !== this.rowCount()) throw new DftablesError('DT208', `Length of values (${items.length}) does not match length of index (${this.rowCount()})`);
        labels.forEach((l, j) => this.setColumn(l, inferColumn(items.map((r) => (r as PyList).items[j] ?? null)), rt));
        return;
      }
      if (items.length !== labels.length) throw new DftablesError('DT208', 'Columns must be same length as key');
      labels.forEach((l, j) => this.setColumn(l, fullColumn(items[j], this.rowCount()), rt));
      return;
    }
    if (value instanceof Series) throw new DftablesError('DT212', 'df[[cols]] = Series is not supported by dftables');
    labels.forEach((l) => this.setColumn(l, this.toColumn(value, site, rt, l), rt));
  }

  override binaryOp(op: BinaryOperator, other: PyValue, reflected: boolean): MaybeValue {
    if (other instanceof DataFrame) {
      const { left, right, names, index } = alignFrames(this, other);
      const a = reflected ? right : left;
      const b = reflected ? left : right;
      return new DataFrame(names, names.map((_, j) => binaryColumns(op, { col: a[j] }, { col: b[j] }, index.length)), index);
    }
    if (other instanceof Series) throw new DftablesError('DT212', 'arithmetic between a DataFrame and a Series is not supported by dftables', { hint: 'Operate on the columns one at a time.' });
    if (other instanceof PyObject) return NotImplemented;
    if (other instanceof PyList || other instanceof PyTuple) {
      throw new DftablesError('DT212', 'arithmetic between a DataFrame and a list is not supported by dftables');
    }
    const n = this.rowCount();
    const cols = this.cols.map((c) => (reflected ? binaryColumns(op, { scalar: other }, { col: c }, n) : binaryColumns(op, { col: c }, { scalar: other }, n)));
    return new DataFrame([...this.names], cols, this.index);
  }

  override compare(op: CompareOperator, other: PyValue): MaybeValue {
    if (other instanceof DataFrame) {
      const { left, right, names, index } = alignFrames(this, other);
      return new DataFrame(names, names.map((_, j) => compareColumns(op, { col: left[j] }, { col: right[j] }, index.length)), index);
    }
    if (other instanceof PyObject) return NotImplemented;
    const n = this.rowCount();
    return new DataFrame([...this.names], this.cols.map((c) => compareColumns(op, { col: c }, { scalar: other }, n)), this.index);
  }

  override unaryOp(op: UnaryOperator): PyValue {
    return new DataFrame([...this.names], this.cols.map((c) => unaryColumn(op, c)), this.index);
  }

  override contains(item: PyValue): boolean {
    return this.hasColumn(item);
  }

  override truthy(): boolean {
    throw new DftablesError('DT208', 'The truth value of a DataFrame is ambiguous. Use a.empty, a.bool(), a.item(), a.any() or a.all().');
  }

  override len(): number {
    return this.rowCount();
  }

  override iter(): PyValue[] {
    return [...this.names];
  }

  override repr(): string {
    return formatFrame(this);
  }
}

/** Aligns two frames on columns (union, in pandas' order) and rows, for frame-frame arithmetic. */
function alignFrames(a: DataFrame, b: DataFrame): { left: Column[]; right: Column[]; names: Label[]; index: RowIndex } {
  const sameCols = a.names.length === b.names.length && a.names.every((n, i) => valueKey(n) === valueKey(b.names[i]));
  if (!sameCols) throw new DftablesError('DT212', 'arithmetic between DataFrames with different columns is not supported by dftables');
  if (!a.index.equals(b.index)) {
    const idx = getIndexer(b.index, a.index);
    return { left: a.cols, right: b.cols.map((c) => takeColumn(c, idx)), names: [...a.names], index: a.index };
  }
  return { left: a.cols, right: b.cols, names: [...a.names], index: a.index };
}

/** `df.index = ...`: a list, an Index, a Series or any iterable of the frame's length. */
export function rowIndexFrom(value: PyValue, n: number, site: CallSite, rt: Runtime): RowIndex {
  let col: Column;
  let name: Label = null;
  if (value instanceof PdIndex) return lengthChecked(value.toRowIndex(), n);
  if (value instanceof Series) {
    col = value.col;
    name = value.name;
  } else if (value instanceof NdArray) col = value.col;
  else if (value instanceof PyList || value instanceof PyTuple) col = inferColumn([...value.items]);
  else if (value instanceof PyObject) col = inferColumn(value.iter(site, rt));
  else throw new DftablesError('DT204', `Index(...) must be called with a collection of some kind, ${pyRepr(value)} was passed`);
  return lengthChecked(RowIndex.fromLevels([col], [name]), n);
}

function lengthChecked(ix: RowIndex, n: number): RowIndex {
  if (ix.length !== n) throw new DftablesError('DT208', `Length mismatch: Expected axis has ${n} elements, new values have ${ix.length} elements`);
  return ix;
}
