/**
 * .loc / .iloc / .at / .iat on a DataFrame or a Series: row keys (label, label slice inclusive,
 * list, boolean mask, callable) and column keys, for reading and for assignment (with pandas'
 * upcasting when a value does not fit the column, and a new column when the label is new).
 */
import { DftablesError } from '../errors.js';
import { pyRepr } from '../python/pyStr.js';
import { PyList, PyObject, PyTuple, PyTypeError, type CallSite, type PyValue, type Runtime } from '../python/values.js';
import { reindexColumn } from './align.js';
import type { Column, Label } from './column.js';
import { cellAt, cellsOf, inferColumn, objCol } from './dtypes.js';
import { DataFrame } from './dataframe.js';
import { RowIndex, valueKey } from './index.js';
import { NdArray } from './ndarray.js';
import { PdIndex } from './pdIndex.js';
import { isSlice, maskPositions, positionalKey, sliceBounds } from './selection.js';
import { Series, rangePositions, setResultColumn } from './series.js';
import { stackFrames } from './concat.js';

type Mode = 'loc' | 'iloc';

/** A resolved axis key: positions, and whether it was a scalar (which drops the axis). */
interface AxisSel {
  positions: number[];
  scalar: boolean;
  /** For a scalar column label that does not exist yet (loc assignment creates it). */
  newLabel?: PyValue;
}

export class LocIndexer extends PyObject {
  readonly typeName: string;

  constructor(
    private readonly target: DataFrame | Series,
    private readonly mode: Mode,
    name: string,
  ) {
    super();
    this.typeName = `_${name === 'at' ? 'At' : name === 'iat' ? 'iAt' : mode === 'loc' ? 'Loc' : 'iLoc'}Indexer`;
  }

  private splitKey(key: PyValue): [PyValue, PyValue | undefined] {
    if (key instanceof PyTuple) {
      if (this.target instanceof Series) {
        if (key.items.length === 1) return [key.items[0], undefined];
        throw new DftablesError('DT209', 'Too many indexers');
      }
      if (key.items.length === 2) return [key.items[0], key.items[1]];
      if (key.items.length === 1) return [key.items[0], undefined];
      throw new DftablesError('DT209', 'Too many indexers');
    }
    return [key, undefined];
  }

  private resolveCallable(key: PyValue, site: CallSite, rt: Runtime): PyValue {
    if (key instanceof PyObject && key.callable() && !(key instanceof Series)) return rt.call(key, [this.target]);
    return key;
  }

  /** Rows selected by a key. */
  private rows(key: PyValue, site: CallSite): AxisSel {
    const t = this.target;
    const index = t.index;
    const n = index.length;
    const mask = maskPositions(key, index, n, site);
    if (mask) {
      if (this.mode === 'iloc' && key instanceof Series) {
        throw new DftablesError('DT209', 'iLocation based boolean indexing cannot use an indexable as a mask', { hint: 'Use .loc with a boolean Series, or pass mask.values.' });
      }
      return { positions: [...mask], scalar: false };
    }
    if (isSlice(key)) {
      if (this.mode === 'iloc') {
        const [a, b, st] = sliceBounds(key, n);
        return { positions: [...rangePositions(a, b, st)], scalar: false };
      }
      return { positions: labelSlice(key, index.keys(), (v) => valueKey(v), 'index'), scalar: false };
    }
    if (key instanceof PyList || key instanceof NdArray || key instanceof PdIndex || key instanceof Series) {
      const items = key instanceof PyList ? key.items : key instanceof PdIndex ? key.labels() : cellsOf((key as NdArray | Series).col);
      if (this.mode === 'iloc') return { positions: items.map((k) => ilocPosition(k, n)), scalar: false };
      const { map } = index.positions();
      const missing = items.filter((k) => !map.has(valueKey(k)));
      if (missing.length) {
        const msg = missing.length === items.length ? `None of [${items.map(pyRepr).join(', ')}] are in the [index]` : `[${missing.map(pyRepr).join(', ')}] not in index`;
        throw new DftablesError('DT209', msg, { pos: site.locate(missing[0], 0) });
      }
      const all = index.keys();
      const out: number[] = [];
      for (const k of items) {
        const kk = valueKey(k);
        all.forEach((a, p) => {
          if (a === kk) out.push(p);
        });
      }
      return { positions: out, scalar: false };
    }
    if (this.mode === 'iloc') return { positions: [ilocPosition(key, n)], scalar: true };
    const kk = valueKey(key);
    const hits: number[] = [];
    const keys = index.keys();
    for (let i = 0; i < keys.length; i++) if (keys[i] === kk) hits.push(i);
    if (!hits.length) throw new DftablesError('DT209', `KeyError: ${pyRepr(key)}`, { pos: site.locate(key, 0), hint: 'loc looks rows up by label; use .iloc for positions.' });
    return { positions: hits, scalar: hits.length === 1 };
  }

  /** Columns selected by a key (DataFrame only). */
  private cols(df: DataFrame, key: PyValue | undefined, site: CallSite, forSet: boolean): AxisSel {
    const all = df.names.map((_, i) => i);
    if (key === undefined) return { positions: all, scalar: false };
    if (isSlice(key)) {
      if (this.mode === 'iloc') {
        const [a, b, st] = sliceBounds(key, df.names.length);
        return { positions: [...rangePositions(a, b, st)], scalar: false };
      }
      return { positions: labelSlice(key, df.names.map(valueKey), valueKey, 'columns', df), scalar: false };
    }
    const mask = maskPositions(key, RowIndex.range(df.names.length), df.names.length, site);
    if (mask) return { positions: [...mask], scalar: false };
    if (key instanceof PyList || key instanceof PdIndex || key instanceof NdArray) {
      const items = key instanceof PyList ? key.items : key instanceof PdIndex ? key.labels() : cellsOf(key.col);
      if (this.mode === 'iloc') return { positions: items.map((k) => ilocPosition(k, df.names.length)), scalar: false };
      if (forSet) {
        // New columns named in a list start as float NaN, as in pandas.
        for (const m of items) if (!df.hasColumn(m)) df.setColumn(m, { dtype: 'float64', data: new Float64Array(df.rowCount()).fill(NaN) });
      }
      return { positions: df.labelsToPositions([...items], site, 1), scalar: false };
    }
    if (this.mode === 'iloc') return { positions: [ilocPosition(key, df.names.length)], scalar: true };
    const i = df.colPos(key);
    if (i < 0) {
      if (forSet) return { positions: [], scalar: true, newLabel: key };
      throw df.columnNotFound(key, site, 1);
    }
    return { positions: [i], scalar: true };
  }

  override getItem(key: PyValue, site: CallSite, rt: Runtime): PyValue {
    const [rk0, ck0] = this.splitKey(key);
    const rk = this.resolveCallable(rk0, site, rt);
    const t = this.target;
    if (t instanceof Series) {
      const r = this.rows(rk, site);
      if (r.scalar) return cellAt(t.col, r.positions[0]);
      return t.take(r.positions);
    }
    const ck = ck0 === undefined ? undefined : this.resolveCallable(ck0, site, rt);
    const r = this.rows(rk, site);
    const c = this.cols(t, ck, site, false);
    if (r.scalar && c.scalar) return cellAt(t.cols[c.positions[0]], r.positions[0]);
    if (c.scalar) {
      const p = c.positions[0];
      return new Series(t.cols[p], t.index, t.names[p]).take(r.positions);
    }
    if (r.scalar) {
      const row = r.positions[0];
      const labels = c.positions.map((p) => t.names[p]);
      const values = c.positions.map((p) => cellAt(t.cols[p], row));
      return new Series(rowColumn(c.positions.map((p) => t.cols[p]), values), RowIndex.fromLevels([inferColumnLabels(labels)], [t.columnsName]), t.index.labelAt(row));
    }
    return t.selectColumns(c.positions).take(r.positions);
  }

  override setItem(key: PyValue, value: PyValue, site: CallSite, rt: Runtime): void {
    const [rk0, ck0] = this.splitKey(key);
    const rk = this.resolveCallable(rk0, site, rt);
    const t = this.target;
    if (t instanceof Series) {
      const r = this.rowsForSet(rk, site);
      t.replaceData(writeColumn(t.col, t.index, r, value, site, rt));
      return;
    }
    const ck = ck0 === undefined ? undefined : this.resolveCallable(ck0, site, rt);
    if (this.mode === 'loc' && isNewRowLabel(t, rk)) {
      enlarge(t, rk, ck, value, site, rt);
      return;
    }
    const r = this.rowsForSet(rk, site);
    const c = this.cols(t, ck, site, true);
    if (c.newLabel !== undefined && t.rowCount() === 0 && !(value instanceof PyObject)) {
      // pandas 1.5.3 (_setitem_with_indexer_missing): a new column from a scalar needs rows.
      throw new DftablesError('DT208', 'cannot set a frame with no defined index and a scalar', {
        hint: 'The table has no rows here; check the filter before this line.',
      });
    }
    if (this.replacesColumns(t, rk, r, c, value, site, rt)) return;
    if (c.newLabel !== undefined) {
      t.setColumn(c.newLabel, { dtype: 'float64', data: new Float64Array(t.rowCount()).fill(NaN) }, rt);
      c.positions = [t.colPos(c.newLabel)];
    }
    if (c.positions.length === 1) {
      const p = c.positions[0];
      t.cols[p] = writeColumn(t.cols[p], t.index, r, value instanceof DataFrame ? frameColumn(value, 0) : value, site, rt);
      return;
    }
    // Several columns: a frame (aligned), a row of values (one per column), or one value.
    c.positions.forEach((p, j) => {
      let v: PyValue = value;
      if (value instanceof DataFrame) v = frameColumn(value, j);
      else if (value instanceof PyList || value instanceof PyTuple) {
        if (value.items.length && value.items.every((x) => x instanceof PyList || x instanceof PyTuple)) {
          // 2-D: one list per selected row.
          v = new PyList(value.items.map((row) => (row as PyList).items[j] ?? null));
        } else {
          // 1-D: numpy broadcasts it along the rows, one value per column.
          if (value.items.length !== c.positions.length) {
            throw new DftablesError('DT208', `shape mismatch: value array of shape (${value.items.length},) could not be broadcast to indexing result of shape (${r.positions.length},${c.positions.length})`);
          }
          v = value.items[j];
        }
      }
      t.cols[p] = writeColumn(t.cols[p], t.index, r, v, site, rt);
    });
  }

  /**
   * pandas 1.5.3 (_setitem_single_column): when the rows are a null slice (`:`) or a slice over
   * every row in order, the value is not written into the column, it replaces it, as
   * df['c'] = value would: df.loc[:, 'f'] = 1 makes f int64 even if it was float64 (and warns
   * that a later version will set in place). Plain values and 1-D lists only; a frame value and
   * duplicate column labels keep the in-place path.
   */
  private replacesColumns(t: DataFrame, rk: PyValue, r: AxisSel, c: AxisSel, value: PyValue, site: CallSite, rt: Runtime): boolean {
    if (!isSlice(rk) || rk.step !== null || value instanceof DataFrame) return false;
    const n = t.rowCount();
    if (r.positions.length !== n || r.positions.some((p, i) => p !== i)) return false;
    const labels = c.newLabel !== undefined ? [c.newLabel] : c.positions.map((p) => t.names[p]);
    const keys = new Set(labels.map(valueKey));
    if (keys.size !== labels.length || labels.some((l) => t.names.filter((nm) => valueKey(nm) === valueKey(l)).length > 1)) return false;
    if (labels.length === 1) {
      t.setItem(labels[0], value, site, rt);
      return true;
    }
    if (value instanceof PyList || value instanceof PyTuple) {
      if (value.items.length !== labels.length || value.items.some((x) => x instanceof PyObject || x instanceof PyList || x instanceof PyTuple)) return false;
      labels.forEach((l, j) => t.setItem(l, value.items[j], site, rt));
      return true;
    }
    if (value instanceof PyObject) return false;
    for (const l of labels) t.setItem(l, value, site, rt);
    return true;
  }

  private rowsForSet(key: PyValue, site: CallSite): AxisSel {
    try {
      return this.rows(key, site);
    } catch (e) {
      if (e instanceof DftablesError && this.mode === 'loc' && !(key instanceof PyList) && !(key instanceof PyObject)) {
        throw new DftablesError('DT212', `adding the new row ${pyRepr(key)} with .loc is not supported by dftables`, {
          hint: 'Build the rows first and use pd.concat.',
        });
      }
      throw e;
    }
  }
}

/** A scalar row label that the frame does not have yet: .loc assignment appends a row. */
function isNewRowLabel(df: DataFrame, key: PyValue): boolean {
  if (key instanceof PyObject || key instanceof PyList || key instanceof PyTuple) return false;
  return !df.index.positions().map.has(valueKey(key));
}

/**
 * df.loc[label] = values (or df.loc[label, cols] = values): a new row, stacked like pd.concat so
 * columns upcast as pandas does (int + float -> float, bool + text -> object, missing -> NaN).
 */
function enlarge(df: DataFrame, label: PyValue, ck: PyValue | undefined, value: PyValue, site: CallSite, rt: Runtime): void {
  let labels: PyValue[];
  if (ck === undefined || (isSlice(ck) && (ck as unknown as { start: PyValue }).start === null && (ck as unknown as { stop: PyValue }).stop === null)) labels = [...df.names];
  else if (ck instanceof PyList) labels = [...ck.items];
  else if (ck instanceof PyObject) throw new DftablesError('DT212', 'this column key with a new row label is not supported by dftables');
  else labels = [ck];
  let values: PyValue[];
  if (value instanceof PyList || value instanceof PyTuple) {
    if (value.items.length !== labels.length) throw new DftablesError('DT208', 'cannot set a row with mismatched columns');
    values = [...value.items];
  } else if (value instanceof Series) {
    const pos = value.index.positions().map;
    values = labels.map((l) => {
      const p = pos.get(valueKey(l));
      return p === undefined ? NaN : cellAt(value.col, p);
    });
  } else if (value instanceof PyObject) throw new PyTypeError(`cannot set a row to a ${value.typeName}`);
  else values = labels.map(() => value);
  const row = new DataFrame(labels, values.map((v) => inferColumn([v])), RowIndex.fromLevels([inferColumn([label])], [df.index.names[0] ?? null]));
  if (df.rowCount() === 0 && df.names.length === 0) {
    df.assignFrom(row);
    return;
  }
  const stacked = stackFrames([df, row], false);
  if (stacked.rowCount() * stacked.names.length > rt.limits.maxCells) throw new DftablesError('DT305', `the table would exceed ${rt.limits.maxCells} cells`);
  void site;
  df.assignFrom(stacked);
}

/** A frame's column j as a Series (for aligned assignment). */
function frameColumn(df: DataFrame, j: number): Series {
  if (j >= df.cols.length) throw new DftablesError('DT208', 'shape mismatch: value array could not be broadcast to indexing result');
  return new Series(df.cols[j], df.index, df.names[j]);
}

/** The values written into one column at the selected rows, with pandas' upcasting. */
function writeColumn(col: Column, index: RowIndex, r: AxisSel, value: PyValue, site: CallSite, rt: Runtime): Column {
  void site;
  void rt;
  const positions = Int32Array.from(r.positions);
  const cells = cellsOf(col).slice();
  if (value instanceof Series) {
    const aligned = reindexColumn(value.col, value.index, index.take(positions));
    for (let k = 0; k < positions.length; k++) cells[positions[k]] = cellAt(aligned, k);
  } else if (value instanceof PyList || value instanceof PyTuple || value instanceof NdArray) {
    const items = value instanceof NdArray ? cellsOf(value.col) : value.items;
    if (items.length !== positions.length) {
      throw new DftablesError('DT208', `Must have equal len keys and value when setting with an iterable`);
    }
    for (let k = 0; k < positions.length; k++) cells[positions[k]] = items[k];
  } else if (value instanceof PyObject) {
    throw new PyTypeError(`cannot set a cell to a ${value.typeName}`);
  } else {
    if (positions.length === 0) return castForValue(col, value);
    for (let k = 0; k < positions.length; k++) cells[positions[k]] = value;
  }
  return setResultColumn(col, cells, positions);
}

/**
 * A scalar set through a mask that selects no row: pandas 1.5.3 (Block.setitem) asks whether the
 * column can hold the value before it looks at the mask, so the column is still upcast: int64
 * becomes float64 for a non-integral float or NaN and object for text or a bool, float64 becomes
 * object for text or a bool, bool becomes object for anything but a bool.
 */
function castForValue(col: Column, value: PyValue): Column {
  const isNumber = typeof value === 'number' || typeof value === 'bigint';
  if (col.dtype === 'int64') {
    if (typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value))) return col;
    if (typeof value === 'number') return { dtype: 'float64', data: Float64Array.from(col.data) };
    return objCol(cellsOf(col));
  }
  if (col.dtype === 'float64') return isNumber || value === null ? col : objCol(cellsOf(col));
  if (col.dtype === 'bool') return typeof value === 'boolean' ? col : objCol(cellsOf(col));
  return col;
}

/**
 * Values of one row across columns: the frame's interleaved dtype (one dtype stays, int+float is
 * float64, anything with text or bools mixed in is object).
 */
export function rowColumn(cols: Column[], values: PyValue[]): Column {
  const dtypes = new Set(cols.map((c) => c.dtype));
  if (dtypes.size === 1 && !dtypes.has('object')) return inferColumn(values);
  if (dtypes.size === 0 || dtypes.has('object') || dtypes.has('bool')) return objCol(values);
  return { dtype: 'float64', data: Float64Array.from(values.map((v) => Number(v))) };
}

function inferColumnLabels(labels: Label[]): Column {
  const c = inferColumn(labels);
  return labels.length ? c : objCol([]);
}

function ilocPosition(k: PyValue, n: number): number {
  if (typeof k !== 'bigint' && typeof k !== 'boolean') {
    throw new DftablesError('DT209', `Cannot index by location index with a non-integer key`, { hint: 'iloc takes positions (0, 1, -1); use .loc for labels.' });
  }
  const p = positionalKey(k, n);
  if (p === undefined) throw new DftablesError('DT209', 'single positional indexer is out-of-bounds');
  return p;
}

/** Positions of a label slice 'a':'c' (both ends included, as pandas' .loc does). */
function labelSlice(key: PyValue, keys: (number | string)[], keyOf: (v: PyValue) => number | string, axis: string, df?: DataFrame): number[] {
  const s = key as unknown as { start: PyValue; stop: PyValue; step: PyValue };
  const step = s.step === null ? 1 : Number(s.step);
  const find = (v: PyValue, last: boolean): number => {
    const k = keyOf(v);
    const idx = last ? keys.lastIndexOf(k) : keys.indexOf(k);
    if (idx < 0) {
      if (df && axis === 'columns') throw df.columnNotFound(v);
      throw new DftablesError('DT209', `KeyError: ${pyRepr(v)}`);
    }
    return idx;
  };
  const n = keys.length;
  if (step > 0) {
    const a = s.start === null ? 0 : find(s.start, false);
    const b = s.stop === null ? n - 1 : find(s.stop, true);
    const out: number[] = [];
    for (let i = a; i <= b; i += step) out.push(i);
    return out;
  }
  const a = s.start === null ? n - 1 : find(s.start, true);
  const b = s.stop === null ? 0 : find(s.stop, false);
  const out: number[] = [];
  for (let i = a; i >= b; i += step) out.push(i);
  return out;
}

