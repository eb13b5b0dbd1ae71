/**
 * pd.DataFrame(...) and pd.Series(...) from Python values: dicts of lists (scalars broadcast,
 * Series aligned on their labels), lists of dicts (missing keys NaN), lists of rows with
 * columns=, and the dtype each column gets (pandas' maybe_convert_objects).
 */
import { DftablesError } from '../errors.js';
import { pyRepr } from '../python/pyStr.js';
import { PyDict, PyList, PyObject, PyTuple, PyTypeError, type CallSite, type Kwargs, type PyValue, type Runtime } from '../python/values.js';
import { reindexColumn, unionIndex } from './align.js';
import { bindArgs } from './args.js';
import type { Column, Label } from './column.js';
import { astypeColumn } from './columnOps.js';
import { cellsOf, colLength, fullColumn, inferColumn, objCol, parseDtypeArg, type DTypeName } from './dtypes.js';
import { DataFrame } from './dataframe.js';
import { RowIndex, valueKey } from './index.js';
import { NdArray } from './ndarray.js';
import { PdIndex } from './pdIndex.js';
import { Series } from './series.js';

/**
 * dtype= at construction is stricter than astype for integers: pandas refuses text and
 * fractional floats ("values cannot be losslessly cast").
 */
function castOnConstruction(c: Column, to: DTypeName, name: string): Column {
  if (to === 'int64' && c.dtype !== 'int64' && c.dtype !== 'bool') {
    for (const v of cellsOf(c)) {
      if (typeof v === 'string') throw new DftablesError('DT208', 'values cannot be losslessly cast to int64');
      if (typeof v === 'number') {
        if (!Number.isFinite(v)) throw new DftablesError('DT210', 'Cannot convert non-finite values (NA or inf) to integer');
        if (!Number.isInteger(v)) throw new DftablesError('DT208', 'Trying to coerce float values to integers');
      }
    }
  }
  return astypeColumn(c, to, name);
}

function isScalar(v: PyValue): boolean {
  return v === null || typeof v !== 'object';
}

/** Values of a list-like (list, tuple, ndarray, Index, range, generator), or undefined for a scalar. */
function listValues(v: PyValue, site: CallSite, rt: Runtime): PyValue[] | undefined {
  if (v instanceof PyList || v instanceof PyTuple) return [...v.items];
  if (v instanceof NdArray || v instanceof PdIndex) return cellsOf(v.col);
  if (v instanceof PyObject && !(v instanceof Series) && !(v instanceof DataFrame) && v.typeName !== 'function' && v.typeName !== 'method') {
    return v.iter(site, rt);
  }
  return undefined;
}

function indexFrom(v: PyValue | undefined, site: CallSite, rt: Runtime): RowIndex | undefined {
  if (v === undefined || v === null) return undefined;
  if (v instanceof PdIndex) return v.toRowIndex();
  if (v instanceof Series) return RowIndex.fromLevels([v.col], [v.name]);
  const vals = listValues(v, site, rt);
  if (!vals) throw new PyTypeError(`Index(...) must be called with a collection of some kind, ${pyRepr(v)} was passed`);
  return RowIndex.fromLevels([vals.length ? inferColumn(vals) : objCol([])], [null]);
}

function checkCells(rows: number, cols: number, rt: Runtime): void {
  if (rows * cols > rt.limits.maxCells) {
    throw new DftablesError('DT305', `the table would have ${rows * cols} cells, more than the limit of ${rt.limits.maxCells}`);
  }
}

function columnsArg(v: PyValue | undefined, site: CallSite, rt: Runtime): Label[] | undefined {
  if (v === undefined || v === null) return undefined;
  const vals = listValues(v, site, rt);
  if (!vals) throw new PyTypeError(`Index(...) must be called with a collection of some kind, ${pyRepr(v)} was passed`);
  return vals;
}

export function newDataFrame(args: PyValue[], kwargs: Kwargs, site: CallSite, rt: Runtime): DataFrame {
  const b = bindArgs({ name: 'DataFrame', positional: ['data', 'index', 'columns', 'dtype', 'copy'] }, args, kwargs, site);
  const data = b.get('data') ?? null;
  const index = indexFrom(b.get('index'), site, rt);
  const columns = columnsArg(b.get('columns'), site, rt);
  let df = buildFrame(data, index, columns, site, rt);
  const dtype = b.get('dtype');
  if (dtype !== undefined && dtype !== null) {
    const d = parseDtypeArg(dtype);
    if (!d) throw new PyTypeError(`data type ${pyRepr(dtype)} not understood`);
    df = new DataFrame(df.names, df.cols.map((c) => castOnConstruction(c, d.dtype, d.name)), df.index);
  }
  checkCells(df.rowCount(), df.names.length, rt);
  return df;
}

function buildFrame(data: PyValue, index: RowIndex | undefined, columns: Label[] | undefined, site: CallSite, rt: Runtime): DataFrame {
  if (data === null) {
    const n = index?.length ?? 0;
    const names = columns ?? [];
    return new DataFrame(names, names.map(() => objCol(new Array<PyValue>(n).fill(NaN))), index ?? RowIndex.range(n));
  }
  if (data instanceof DataFrame) {
    let df = data.copy();
    if (columns) df = df.selectColumns(columns.map((c) => df.requireColumn(c, site, 'columns')));
    if (index) throw new DftablesError('DT212', 'DataFrame(df, index=...) (reindexing) is not supported by dftables');
    return df;
  }
  if (data instanceof Series) {
    const name = data.name === null ? 0n : data.name;
    const df = new DataFrame([columns?.[0] ?? name], [data.col], data.index);
    return df;
  }
  if (data instanceof PyDict) return fromDict(data, index, columns, site, rt);
  const rows = listValues(data, site, rt);
  if (!rows) throw new DftablesError('DT208', 'DataFrame constructor not properly called!', { hint: 'Pass a dict of columns or a list of rows.' });
  if (rows.length && rows.every((r) => r instanceof PyDict)) return fromRecords(rows as PyDict[], index, columns);
  if (rows.length && rows.every((r) => r instanceof PyList || r instanceof PyTuple || r instanceof Series || r instanceof NdArray)) {
    const rowLists = rows.map((r) => (r instanceof PyList || r instanceof PyTuple ? [...r.items] : cellsOf((r as Series | NdArray).col)));
    const width = Math.max(...rowLists.map((r) => r.length));
    const names: Label[] = columns ?? Array.from({ length: width }, (_, i) => BigInt(i));
    if (names.length !== width) throw new DftablesError('DT208', `${names.length} columns passed, passed data had ${width} columns`);
    checkCells(rowLists.length, width, rt);
    const cols = names.map((_, j) => inferColumn(rowLists.map((r) => (j < r.length ? r[j] : null))));
    return new DataFrame(names, cols, lengthChecked(index, rowLists.length));
  }
  // A flat list: one column.
  const names: Label[] = columns ?? [0n];
  if (names.length !== 1 && rows.length) throw new DftablesError('DT208', `Shape of passed values is (${rows.length}, 1), indices imply (${rows.length}, ${names.length})`);
  const col = inferColumn(rows);
  return new DataFrame(names.slice(0, 1), rows.length || names.length ? [col].slice(0, names.length) : [], lengthChecked(index, rows.length));
}

function lengthChecked(index: RowIndex | undefined, n: number): RowIndex {
  if (!index) return RowIndex.range(n);
  if (index.length !== n) throw new DftablesError('DT208', `Length of values (${n}) does not match length of index (${index.length})`);
  return index;
}

function fromDict(data: PyDict, index: RowIndex | undefined, columns: Label[] | undefined, site: CallSite, rt: Runtime): DataFrame {
  let entries = data.items();
  if (columns) {
    entries = columns.map((c) => {
      const v = data.get(c);
      return [c, v === undefined ? null : v] as [PyValue, PyValue];
    });
  }
  const missing = new Set(columns ? columns.filter((c) => !data.has(c)).map(valueKey) : []);
  // The frame's index: the given one, else the union of the Series' labels, else 0..n-1.
  const series = entries.filter(([, v]) => v instanceof Series).map(([, v]) => v as Series);
  let rowIndex = index;
  if (!rowIndex && series.length) {
    rowIndex = series[0].index;
    for (const s of series.slice(1)) {
      if (!s.index.equals(rowIndex)) rowIndex = unionIndex(rowIndex, s.index);
    }
  }
  let n = rowIndex?.length;
  const lists = new Map<number, PyValue[]>();
  entries.forEach(([, v], i) => {
    if (v instanceof Series || v instanceof DataFrame) return;
    const vals = listValues(v, site, rt);
    if (vals) {
      lists.set(i, vals);
      if (n === undefined) n = vals.length;
      else if (vals.length !== n) {
        throw new DftablesError('DT208', rowIndex ? `Length of values (${vals.length}) does not match length of index (${n})` : 'All arrays must be of the same length');
      }
    }
  });
  if (n === undefined) {
    if (entries.length && entries.every(([, v]) => isScalar(v))) {
      throw new DftablesError('DT208', 'If using all scalar values, you must pass an index', { hint: "Wrap the values in lists: {'a': [1]}." });
    }
    n = 0;
  }
  rowIndex = rowIndex ?? RowIndex.range(n);
  checkCells(n, entries.length, rt);
  const names: Label[] = [];
  const cols: Column[] = [];
  entries.forEach(([k, v], i) => {
    names.push(k);
    if (missing.has(valueKey(k))) {
      cols.push(objCol(new Array<PyValue>(n!).fill(NaN)));
      return;
    }
    if (v instanceof Series) {
      cols.push(reindexColumn(v.col, v.index, rowIndex!));
      return;
    }
    if (v instanceof DataFrame) throw new DftablesError('DT212', 'a DataFrame as a column value is not supported by dftables');
    const vals = lists.get(i);
    cols.push(vals ? inferColumn(vals) : fullColumn(v, n!));
  });
  return new DataFrame(names, cols, rowIndex);
}

function fromRecords(rows: PyDict[], index: RowIndex | undefined, columns: Label[] | undefined): DataFrame {
  const names: Label[] = [];
  const seen = new Set<unknown>();
  for (const r of rows) {
    for (const k of r.keys()) {
      const key = valueKey(k);
      if (!seen.has(key)) {
        seen.add(key);
        names.push(k);
      }
    }
  }
  const use = columns ?? names;
  const cols = use.map((nm) => inferColumn(rows.map((r) => (r.has(nm) ? r.get(nm)! : NaN))));
  return new DataFrame(use, cols, lengthChecked(index, rows.length));
}

export function newSeries(args: PyValue[], kwargs: Kwargs, site: CallSite, rt: Runtime): Series {
  const b = bindArgs({ name: 'Series', positional: ['data', 'index', 'dtype', 'name', 'copy', 'fastpath'] }, args, kwargs, site);
  const data = b.get('data') ?? null;
  const index = indexFrom(b.get('index'), site, rt);
  const name = b.get('name') ?? null;
  let s: Series;
  if (data instanceof Series) {
    s = new Series(data.col, data.index, b.has('name') ? name : data.name);
    if (index) s = new Series(reindexColumn(data.col, data.index, index), index, s.name);
  } else if (data instanceof PyDict) {
    const keys = data.keys();
    const col = inferColumn(data.values());
    s = new Series(col, RowIndex.fromLevels([keys.length ? inferColumn(keys) : objCol([])], [null]), name);
    if (index) s = new Series(reindexColumn(col, s.index, index), index, name);
  } else {
    const vals = data === null ? [] : listValues(data, site, rt);
    if (vals) {
      if (vals.length > rt.limits.maxCells) throw new DftablesError('DT305', `the Series would exceed ${rt.limits.maxCells} cells`);
      const col = inferColumn(vals);
      s = new Series(col, lengthChecked(index, colLength(col)), name);
    } else {
      const n = index?.length ?? 1;
      s = new Series(fullColumn(data, n), index ?? RowIndex.range(n), name);
    }
  }
  const dtype = b.get('dtype');
  if (dtype !== undefined && dtype !== null) {
    const d = parseDtypeArg(dtype);
    if (!d) throw new PyTypeError(`data type ${pyRepr(dtype)} not understood`);
    s = s.withColumn(castOnConstruction(s.col, d.dtype, d.name));
  }
  return s;
}


/** DataFrame.from_dict(data, orient='columns'|'index', columns=). */
export function frameFromDict(args: PyValue[], kwargs: Kwargs, site: CallSite, rt: Runtime): DataFrame {
  const b = bindArgs({ name: 'from_dict', positional: ['data', 'orient', 'dtype', 'columns'], required: ['data'] }, args, kwargs, site);
  const data = b.get('data')!;
  const orient = b.str('orient', 'columns');
  if (!(data instanceof PyDict)) throw new PyTypeError('from_dict() needs a dict');
  if (orient === 'columns') {
    if (b.opt('columns') !== undefined) throw new DftablesError('DT208', "cannot use columns parameter with orient='columns'");
    return newDataFrame([data], new Map(), site, rt);
  }
  if (orient !== 'index') throw b.invalid('orient', `Expected 'index', 'columns' or 'tight' for orient parameter. Got '${orient}' instead`, 'DT208');
  const keys = data.keys();
  const rows = data.values();
  const index = RowIndex.fromLevels([keys.length ? inferColumn(keys) : objCol([])], [null]);
  if (rows.every((r) => r instanceof PyDict)) {
    const df = fromRecords(rows as PyDict[], undefined, columnsArg(b.get('columns'), site, rt));
    return new DataFrame(df.names, df.cols, index);
  }
  const df = buildFrame(new PyList(rows), undefined, columnsArg(b.get('columns'), site, rt), site, rt);
  return new DataFrame(df.names, df.cols, index);
}

/** DataFrame.from_records(rows, columns=). */
export function frameFromRecords(args: PyValue[], kwargs: Kwargs, site: CallSite, rt: Runtime): DataFrame {
  const b = bindArgs({ name: 'from_records', positional: ['data', 'index', 'exclude', 'columns', 'coerce_float', 'nrows'], required: ['data'] }, args, kwargs, site);
  for (const k of ['index', 'exclude', 'nrows']) if (b.opt(k) !== undefined) throw b.notSupported(k);
  return buildFrame(b.get('data')!, undefined, columnsArg(b.get('columns'), site, rt), site, rt);
}
