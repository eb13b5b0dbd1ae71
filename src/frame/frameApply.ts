/** DataFrame reductions (sum, mean, ... per column), apply (per column or per row), agg and the arithmetic methods. */
import { DftablesError } from '../errors.js';
import { PyDict, PyList, PyObject, PyTuple, PyTypeError, type CallSite, type PyValue, type Runtime } from '../python/values.js';
import type { BoundArgs } from './args.js';
import type { Method } from './callable.js';
import type { Column, Label } from './column.js';
import { DataFrame } from './dataframe.js';
import { cellAt, floatCol, inferColumn, naMask, objCol } from './dtypes.js';
import { RowIndex } from './index.js';
import { Series } from './series.js';
import { rowColumn } from './locIndexer.js';
import { FRAME_METHODS } from './frameMethods.js';
import { axisIsColumns, def, sig } from './frameArgs.js';

type Impl = Method<DataFrame>;

/** numeric_only rules of DataFrame reductions in 1.5.3: try every column, drop those that fail. */
export function frameReduce(name: string, f: (c: Column) => PyValue, numericByDefault: boolean): Impl {
  return def(sig(name, ['axis', 'skipna', 'level', 'numeric_only', 'min_count', 'ddof']), (self, b) => {
    if (axisIsColumns(b)) throw b.notSupported('axis', '1');
    const numericOnly = b.get('numeric_only');
    const skipna = b.bool('skipna', true);
    const labels: Label[] = [];
    const values: PyValue[] = [];
    self.cols.forEach((c, i) => {
      if ((numericOnly === true || (numericOnly === undefined && numericByDefault)) && c.dtype === 'object') return;
      try {
        const v = !skipna && naMask(c).some((x) => x === 1) ? NaN : f(c);
        labels.push(self.names[i]);
        values.push(v);
      } catch (e) {
        if (numericOnly === false || !(e instanceof DftablesError)) throw e;
      }
    });
    const allNumeric = labels.every((_, j) => typeof values[j] === 'number' || typeof values[j] === 'bigint' || typeof values[j] === 'boolean');
    const col = values.length && allNumeric && values.some((v) => typeof v === 'number') ? floatCol(Float64Array.from(values.map((v) => Number(v)))) : inferColumn(values);
    return new Series(col, RowIndex.fromLevels([labels.length ? inferColumn(labels) : objCol([])], [null]), null);
  });
}

/** Errors that pandas' `except Exception` would catch: evaluation errors, not limits or refusals. */
function isCaughtByPandas(e: unknown): boolean {
  return e instanceof DftablesError && e.code.startsWith('DT2') && e.code !== 'DT212';
}

/**
 * apply(axis=1) over a frame without rows (pandas' apply_empty_result): the function is tried on
 * an all-NaN float row labelled by the columns; a result that is not a Series makes the answer an
 * empty Series, while a Series, or an error, gives back a copy of the frame.
 */
function applyRowsEmpty(self: DataFrame, fn: PyValue, rt: Runtime, extraArgs: PyValue[]): DataFrame | Series {
  const colIndex = RowIndex.fromLevels([self.names.length ? inferColumn(self.names) : objCol([])], [null]);
  let reduce = false;
  try {
    const r = rt.call(fn, [new Series(floatCol(new Float64Array(self.names.length).fill(NaN)), colIndex, null), ...extraArgs]);
    reduce = !(r instanceof Series);
  } catch (e) {
    if (!isCaughtByPandas(e)) throw e;
  }
  if (!reduce) return self.copy();
  return new Series(floatCol(new Float64Array(0)), self.index, null);
}

export function applyRows(self: DataFrame, fn: PyValue, rt: Runtime, extraArgs: PyValue[]): Series {
  const n = self.rowCount();
  const out = new Array<PyValue>(n);
  const colIndex = RowIndex.fromLevels([self.names.length ? inferColumn(self.names) : objCol([])], [null]);
  for (let r = 0; r < n; r++) {
    if ((r & 255) === 0) rt.checkDeadline();
    const cells = self.cols.map((c) => cellAt(c, r));
    out[r] = rt.call(fn, [new Series(rowColumn(self.cols, cells), colIndex, self.index.labelAt(r)), ...extraArgs]);
  }
  if (out.some((v) => v instanceof Series)) throw new DftablesError('DT212', 'apply(axis=1) returning a Series per row is not supported by dftables');
  return new Series(out.some((v) => v instanceof PyObject) ? objCol(out) : inferColumn(out), self.index, null);
}

export function applyFrame(self: DataFrame, b: BoundArgs, site: CallSite, rt: Runtime): PyValue {
  const fn = b.get('func')!;
  const extra = b.get('args');
  const extraArgs = extra instanceof PyTuple || extra instanceof PyList ? [...extra.items] : [];
  if (axisIsColumns(b)) return self.rowCount() === 0 ? applyRowsEmpty(self, fn, rt, extraArgs) : applyRows(self, fn, rt, extraArgs);
  const results = self.names.map((_, j) => {
    rt.checkDeadline();
    return typeof fn === 'string' ? self.series(j).getAttr(fn, site, rt) : rt.call(fn, [self.series(j), ...extraArgs]);
  });
  const resolved = results.map((r) => (r instanceof PyObject && r.callable() && typeof fn === 'string' ? rt.call(r, []) : r));
  if (resolved.every((r) => r instanceof Series)) {
    const ss = resolved as Series[];
    return new DataFrame([...self.names], ss.map((s) => s.col), ss[0]?.index ?? self.index);
  }
  if (resolved.some((r) => r instanceof PyObject)) throw new DftablesError('DT212', 'DataFrame.apply returning mixed results is not supported by dftables');
  const allNum = resolved.every((v) => typeof v === 'number' || typeof v === 'bigint');
  const col = allNum && resolved.some((v) => typeof v === 'number') ? floatCol(Float64Array.from(resolved.map(Number))) : inferColumn(resolved);
  return new Series(col, RowIndex.fromLevels([inferColumn(self.names)], [null]), null);
}

export function aggFrame(self: DataFrame, func: PyValue, site: CallSite, rt: Runtime): PyValue {
  if (typeof func === 'string') {
    const m = FRAME_METHODS.get(func);
    if (!m || !['sum', 'mean', 'median', 'min', 'max', 'count', 'std', 'var', 'prod', 'nunique'].includes(func)) throw new DftablesError('DT202', `'${func}' is not a valid function for 'DataFrame' object`);
    return m(self, [], new Map(), site, rt);
  }
  if (func instanceof PyDict) {
    const labels: Label[] = [];
    const values: PyValue[] = [];
    for (const [col, f] of func.items()) {
      const p = self.requireColumn(col, site, 0);
      const s = self.series(p);
      labels.push(col);
      values.push(typeof f === 'string' ? rt.call(s.getAttr(f, site, rt), []) : rt.call(f, [s]));
    }
    return new Series(inferColumn(values), RowIndex.fromLevels([inferColumn(labels)], [null]), null);
  }
  throw new DftablesError('DT212', 'DataFrame.agg with this argument is not supported by dftables', { hint: "Use agg('sum') or agg({'col': 'sum'})." });
}

export function arithFrame(name: string, op: '+' | '-' | '*' | '/' | '//' | '%' | '**', reflected: boolean): Impl {
  return def(sig(name, ['other', 'axis', 'level', 'fill_value'], { required: ['other'] }), (self, b, site, rt) => {
    if (b.opt('fill_value') !== undefined) throw b.notSupported('fill_value');
    void site;
    void rt;
    const r = self.binaryOp(op, b.get('other')!, reflected);
    if (typeof r === 'symbol') throw new PyTypeError(`unsupported operand type(s) for ${op}`);
    return r;
  });
}
