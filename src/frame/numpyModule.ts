/**
 * The `np` global: constants (nan, inf, pi, e), dtype names (np.float64, np.int64 ... usable
 * with astype and as converters), element-wise math on scalars, Series and arrays (round, abs,
 * sqrt, log, floor, ceil, isnan, maximum, minimum), where/select, and reductions.
 */
import { DftablesError } from '../errors.js';
import { libmPow } from '../python/libmPow.js';
import { pyRepr } from '../python/pyStr.js';
import { PyList, PyObject, PyTuple, PyTypeError, type CallSite, type Kwargs, type PyValue, type Runtime } from '../python/values.js';
import { bindArgs } from './args.js';
import { NativeFunction, type NativeImpl } from './callable.js';
import type { Column } from './column.js';
import { astypeColumn, parsePyFloat, parsePyInt, roundColumn, strOfCell } from './columnOps.js';
import { DataFrame } from './dataframe.js';
import { boolCol, cellAt, cellsOf, colLength, floatCol, fullColumn, inferColumn, intCol, isNA, naMask, objCol } from './dtypes.js';
import { NdArray } from './ndarray.js';
import { PandasType, PyModule } from './pandasModule.js';
import { PdIndex } from './pdIndex.js';
import { colMean, colMedian, colMinMax, colStd, colSum, colVar } from './reductions.js';
import { npRound } from './round.js';
import { Series } from './series.js';
import { reindexColumn } from './align.js';

function fn(name: string, impl: NativeImpl): [string, NativeFunction] {
  return [name, new NativeFunction(name, impl)];
}

/** The column behind an array-like argument, and how to wrap a result like it. */
function arrayOf(v: PyValue, site: CallSite, rt: Runtime): { col: Column; wrap: (c: Column) => PyValue } | undefined {
  if (v instanceof Series) return { col: v.col, wrap: (c) => v.withColumn(c) };
  if (v instanceof NdArray) return { col: v.col, wrap: (c) => new NdArray(c) };
  if (v instanceof PdIndex) return { col: v.col, wrap: (c) => new NdArray(c) };
  if (v instanceof PyList || v instanceof PyTuple) return { col: inferColumn([...v.items]), wrap: (c) => new NdArray(c) };
  if (v instanceof DataFrame) return undefined;
  if (v instanceof PyObject && v.typeName !== 'function') return { col: inferColumn(v.iter(site, rt)), wrap: (c) => new NdArray(c) };
  return undefined;
}

function toNumber(v: PyValue, fname: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v === null) return NaN;
  throw new PyTypeError(`ufunc '${fname}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''`);
}

/** An element-wise float function (sqrt, log, ...): scalars give floats, arrays give float arrays. */
function unaryMath(name: string, f: (x: number) => number, keepInt = false): [string, NativeFunction] {
  return fn(name, (args, kwargs, site, rt) => {
    const b = bindArgs({ name, positional: ['x'], required: ['x'], varKeywords: true }, args, kwargs, site);
    const x = b.get('x')!;
    if (x instanceof DataFrame) {
      return new DataFrame([...x.names], x.cols.map((c) => mapFloat(c, f, keepInt, name)), x.index);
    }
    const arr = arrayOf(x, site, rt);
    if (arr) return arr.wrap(mapFloat(arr.col, f, keepInt, name));
    if (keepInt && typeof x === 'bigint') return BigInt(f(Number(x)));
    return f(toNumber(x, name));
  });
}

function mapFloat(c: Column, f: (x: number) => number, keepInt: boolean, name: string): Column {
  const n = colLength(c);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = f(toNumber(cellAt(c, i), name));
  return keepInt && c.dtype === 'int64' ? intCol(out) : floatCol(out);
}

/**
 * Does numpy see this operand as text ('<U')? A Python str, or a list/tuple of plain scalars with
 * a str among them. A pandas Series of str is an object array to numpy, so it never is.
 */
function isNumpyText(v: PyValue): boolean {
  if (typeof v === 'string') return true;
  if (v instanceof PyList || v instanceof PyTuple) {
    let text = false;
    for (const x of v.items) {
      if (typeof x === 'string') text = true;
      else if (!(typeof x === 'number' || typeof x === 'bigint' || typeof x === 'boolean')) return false;
    }
    return text;
  }
  return false;
}

/**
 * numpy's result array for where/select: numbers stay numbers, text with numbers becomes text
 * (numpy's '<U' cast, so NaN becomes 'nan'), None or any object array (a pandas str Series)
 * makes object, where NaN stays missing. `text[k]` says whether choice k is numpy text.
 */
function chooseColumn(choices: Column[], pick: (i: number) => number, n: number, text: boolean[]): Column {
  const kinds = new Set(choices.map((c) => c.dtype));
  const hasText = choices.some((c) => c.dtype === 'object' && c.data.some((v) => typeof v === 'string'));
  const hasOtherObject = choices.some((c) => c.dtype === 'object' && c.data.some((v) => typeof v !== 'string'));
  const onlyNumpyText = choices.every((c, k) => c.dtype !== 'object' || text[k]);
  const out: PyValue[] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = cellAt(choices[pick(i)], i);
  if (kinds.has('object')) {
    if (hasText && !hasOtherObject && onlyNumpyText) return objCol(out.map((v) => (typeof v === 'string' ? v : strOfCell(v))));
    return objCol(out);
  }
  if (kinds.has('float64')) return floatCol(Float64Array.from(out.map((v) => toNumber(v, 'where'))));
  if (kinds.has('int64')) return intCol(Float64Array.from(out.map((v) => toNumber(v, 'where'))));
  return boolCol(Uint8Array.from(out.map((v) => (v ? 1 : 0))));
}

function asChoice(v: PyValue, n: number, site: CallSite, rt: Runtime, index?: Series): Column {
  if (v instanceof Series && index && !v.index.equals(index.index)) return reindexColumn(v.col, v.index, index.index);
  const arr = arrayOf(v, site, rt);
  if (arr) {
    if (colLength(arr.col) !== n) throw new DftablesError('DT208', `operands could not be broadcast together with shapes (${n},) (${colLength(arr.col)},)`);
    return arr.col;
  }
  if (typeof v === 'string') return objCol(new Array<PyValue>(n).fill(v));
  return fullColumn(v, n);
}

function condBits(v: PyValue, site: CallSite, rt: Runtime): { bits: Uint8Array; like?: Series } {
  const arr = arrayOf(v, site, rt);
  if (!arr) throw new DftablesError('DT208', 'np.where needs a condition array (a boolean Series or list)');
  const c = arr.col;
  const bits = new Uint8Array(colLength(c));
  for (let i = 0; i < bits.length; i++) {
    const x = cellAt(c, i);
    bits[i] = x === true || (typeof x === 'number' && x !== 0 && x === x) || (typeof x === 'bigint' && x !== 0n) || (typeof x === 'string' && x !== '') || (typeof x === 'number' && x !== x) ? 1 : 0;
  }
  return { bits, like: v instanceof Series ? v : undefined };
}

function npWhere(args: PyValue[], kwargs: Kwargs, site: CallSite, rt: Runtime): PyValue {
  const b = bindArgs({ name: 'where', positional: ['condition', 'x', 'y'], required: ['condition'] }, args, kwargs, site);
  if (!b.has('x') || !b.has('y')) throw new DftablesError('DT212', 'np.where(condition) with one argument (positions) is not supported by dftables');
  const { bits, like } = condBits(b.get('condition')!, site, rt);
  const n = bits.length;
  const x = asChoice(b.get('x')!, n, site, rt, like);
  const y = asChoice(b.get('y')!, n, site, rt, like);
  return new NdArray(chooseColumn([x, y], (i) => (bits[i] ? 0 : 1), n, [isNumpyText(b.get('x')!), isNumpyText(b.get('y')!)]));
}

function npSelect(args: PyValue[], kwargs: Kwargs, site: CallSite, rt: Runtime): PyValue {
  const b = bindArgs({ name: 'select', positional: ['condlist', 'choicelist', 'default'], required: ['condlist', 'choicelist'] }, args, kwargs, site);
  const conds = b.get('condlist')!;
  const choices = b.get('choicelist')!;
  if (!(conds instanceof PyList || conds instanceof PyTuple) || !(choices instanceof PyList || choices instanceof PyTuple)) {
    throw new DftablesError('DT208', 'np.select takes a list of conditions and a list of choices');
  }
  if (conds.items.length !== choices.items.length) throw new DftablesError('DT208', 'list of cases must be same length as list of conditions');
  const masks = conds.items.map((c) => condBits(c, site, rt).bits);
  const n = masks[0]?.length ?? 0;
  const cols = [...choices.items.map((c) => asChoice(c, n, site, rt)), asChoice(b.get('default') ?? 0n, n, site, rt)];
  const text = [...choices.items.map(isNumpyText), isNumpyText(b.get('default') ?? 0n)];
  return new NdArray(
    chooseColumn(
      cols,
      (i) => {
        const k = masks.findIndex((m) => m[i] === 1);
        return k < 0 ? cols.length - 1 : k;
      },
      n,
      text,
    ),
  );
}

/**
 * A numpy reduction. A Series dispatches to its own method (pandas skips NaN: np.mean(s) is
 * s.mean()); a list or array follows numpy (NaN propagates unless the nan- variant is used).
 */
function reduction(name: string, onSeries: (c: Column) => PyValue, onArray: (c: Column) => PyValue = onSeries): [string, NativeFunction] {
  return fn(name, (args, kwargs, site, rt) => {
    const b = bindArgs({ name, positional: ['a', 'axis', 'dtype', 'out', 'keepdims'], required: ['a'], varKeywords: true }, args, kwargs, site);
    const a = b.get('a')!;
    if (a instanceof DataFrame) throw new DftablesError('DT212', `np.${name} of a DataFrame is not supported by dftables`, { hint: `Use df.${name.replace(/^nan/, '')}().` });
    if (a instanceof Series) return onSeries(a.col);
    const arr = arrayOf(a, site, rt);
    return onArray(arr ? arr.col : inferColumn([a]));
  });
}

/** numpy (not pandas) semantics: any NaN in a float array makes the result NaN. */
function propagating(f: (c: Column) => PyValue): (c: Column) => PyValue {
  return (c) => (c.dtype === 'float64' && naMask(c).some((x) => x === 1) ? NaN : f(c));
}

/** np.float64 / np.int64 / ...: a dtype for astype and a converter when called. */
function numpyType(name: string, convert: (v: PyValue) => PyValue): PandasType {
  return new PandasType(name, 'numpy', (args) => {
    const v = args[0] ?? 0n;
    if (v instanceof Series) return v.withColumn(astypeColumn(v.col, name.startsWith('int') ? 'int64' : name.startsWith('float') ? 'float64' : name === 'bool_' ? 'bool' : 'str', name));
    return convert(v);
  });
}

function toFloat64(v: PyValue): number {
  if (typeof v === 'string') {
    const x = parsePyFloat(v);
    if (x === undefined) throw new DftablesError('DT208', `could not convert string to float: ${pyRepr(v)}`);
    return x;
  }
  return toNumber(v, 'float64');
}

function toInt64(v: PyValue): bigint {
  if (typeof v === 'string') {
    const x = parsePyInt(v);
    if (x === undefined) throw new DftablesError('DT208', `invalid literal for int() with base 10: ${pyRepr(v)}`);
    return x;
  }
  const x = toNumber(v, 'int64');
  if (!Number.isFinite(x)) throw new DftablesError('DT210', 'cannot convert float NaN to integer');
  return BigInt(Math.trunc(x));
}

function npRoundFn(args: PyValue[], kwargs: Kwargs, site: CallSite, rt: Runtime): PyValue {
  const b = bindArgs({ name: 'round', positional: ['a', 'decimals', 'out'], required: ['a'] }, args, kwargs, site);
  const a = b.get('a')!;
  const d = b.int('decimals', 0);
  if (a instanceof DataFrame) return new DataFrame([...a.names], a.cols.map((c) => (c.dtype === 'float64' || c.dtype === 'int64' ? roundColumn(c, d) : c)), a.index);
  const arr = arrayOf(a, site, rt);
  if (arr) return arr.wrap(roundColumn(arr.col, d));
  if (typeof a === 'bigint') return d >= 0 ? a : BigInt(npRound(Number(a), d));
  return npRound(toNumber(a, 'rint'), d);
}

function binaryMath(name: string, f: (a: number, b: number) => number): [string, NativeFunction] {
  return fn(name, (args, kwargs, site, rt) => {
    const b = bindArgs({ name, positional: ['x1', 'x2'], required: ['x1', 'x2'], varKeywords: true }, args, kwargs, site);
    const x1 = b.get('x1')!;
    const x2 = b.get('x2')!;
    const a1 = arrayOf(x1, site, rt);
    const a2 = arrayOf(x2, site, rt);
    if (!a1 && !a2) {
      const r = f(toNumber(x1, name), toNumber(x2, name));
      return typeof x1 === 'bigint' && typeof x2 === 'bigint' ? BigInt(r) : r;
    }
    const n = colLength((a1 ?? a2)!.col);
    const c1 = a1 ? a1.col : fullColumn(x1, n);
    const c2 = a2 ? a2.col : fullColumn(x2, n);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = f(toNumber(cellAt(c1, i), name), toNumber(cellAt(c2, i), name));
    const intResult = c1.dtype === 'int64' && c2.dtype === 'int64';
    return (a1 ?? a2)!.wrap(intResult ? intCol(out) : floatCol(out));
  });
}

/** numpy's maximum/minimum propagate NaN. */
function npMax(a: number, b: number): number {
  return a !== a || b !== b ? NaN : Math.max(a, b);
}
function npMin(a: number, b: number): number {
  return a !== a || b !== b ? NaN : Math.min(a, b);
}

const NP_UNSUPPORTED = new Set([
  'random', 'linalg', 'fft', 'datetime64', 'timedelta64', 'vectorize', 'apply_along_axis', 'meshgrid', 'reshape', 'concatenate',
  'stack', 'vstack', 'hstack', 'zeros', 'ones', 'empty', 'full', 'linspace', 'histogram', 'digitize', 'percentile', 'quantile',
  'cumsum', 'diff', 'sort', 'argsort', 'unique', 'polyfit', 'interp', 'dot', 'matmul', 'corrcoef', 'cov',
]);

export function createNumpyModule(): PyObject {
  const attrs = new Map<string, PyValue>([
    ['nan', NaN],
    ['NaN', NaN],
    ['NAN', NaN],
    ['inf', Infinity],
    ['Inf', Infinity],
    ['infty', Infinity],
    ['PINF', Infinity],
    ['NINF', -Infinity],
    ['pi', Math.PI],
    ['e', Math.E],
    ['float64', numpyType('float64', toFloat64)],
    ['float32', numpyType('float32', toFloat64)],
    ['float_', numpyType('float64', toFloat64)],
    ['int64', numpyType('int64', toInt64)],
    ['int32', numpyType('int32', toInt64)],
    ['int_', numpyType('int64', toInt64)],
    ['bool_', numpyType('bool_', (v) => !(v === null || v === false || v === 0 || v === 0n || v === ''))],
    ['object_', numpyType('object_', (v) => v)],
    ['str_', numpyType('str_', (v) => strOfCell(v))],
    fn('round', npRoundFn),
    fn('around', npRoundFn),
    fn('where', npWhere),
    fn('select', npSelect),
    reduction('sum', (c) => colSum(c), propagating((c) => colSum(c))),
    reduction('nansum', (c) => colSum(c)),
    reduction('mean', (c) => colMean(c), propagating((c) => colMean(c))),
    reduction('nanmean', (c) => colMean(c)),
    reduction('median', (c) => colMedian(c), propagating((c) => colMedian(c))),
    reduction('nanmedian', (c) => colMedian(c)),
    reduction('min', (c) => colMinMax(c, 'min'), propagating((c) => colMinMax(c, 'min'))),
    reduction('max', (c) => colMinMax(c, 'max'), propagating((c) => colMinMax(c, 'max'))),
    reduction('amin', (c) => colMinMax(c, 'min'), propagating((c) => colMinMax(c, 'min'))),
    reduction('amax', (c) => colMinMax(c, 'max'), propagating((c) => colMinMax(c, 'max'))),
    reduction('nanmin', (c) => colMinMax(c, 'min')),
    reduction('nanmax', (c) => colMinMax(c, 'max')),
    // np.std/np.var use ddof=0, also on a Series (numpy passes ddof=0 to Series.std).
    reduction('std', (c) => colStd(c, 0), propagating((c) => colStd(c, 0))),
    reduction('var', (c) => colVar(c, 0), propagating((c) => colVar(c, 0))),
    reduction('nanstd', (c) => colStd(c, 0)),
    reduction('nanvar', (c) => colVar(c, 0)),
    unaryMath('abs', Math.abs, true),
    unaryMath('absolute', Math.abs, true),
    unaryMath('sqrt', Math.sqrt),
    unaryMath('log', Math.log),
    unaryMath('log10', Math.log10),
    unaryMath('log2', Math.log2),
    unaryMath('log1p', Math.log1p),
    unaryMath('exp', Math.exp),
    unaryMath('floor', Math.floor),
    unaryMath('ceil', Math.ceil),
    unaryMath('trunc', Math.trunc),
    unaryMath('rint', (x) => npRound(x, 0)),
    unaryMath('sign', (x) => (x !== x ? NaN : Math.sign(x)), true),
    unaryMath('square', (x) => x * x, true),
    binaryMath('maximum', npMax),
    binaryMath('minimum', npMin),
    binaryMath('power', libmPow),
    fn('isnan', (args, kwargs, site, rt) => {
      const x = bindArgs({ name: 'isnan', positional: ['x'], required: ['x'] }, args, kwargs, site).get('x')!;
      const arr = arrayOf(x, site, rt);
      if (arr) {
        if (arr.col.dtype === 'object' && arr.col.data.some((v) => typeof v === 'string')) {
          throw new PyTypeError("ufunc 'isnan' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''", 'Use pd.isna() for text columns.');
        }
        return arr.wrap(boolCol(naMask(arr.col)));
      }
      return isNA(x) && x !== null ? true : x === null ? (() => { throw new PyTypeError("ufunc 'isnan' not supported for the input types"); })() : (toNumber(x, 'isnan'), false);
    }),
    fn('isinf', (args, kwargs, site, rt) => {
      const x = bindArgs({ name: 'isinf', positional: ['x'], required: ['x'] }, args, kwargs, site).get('x')!;
      const arr = arrayOf(x, site, rt);
      if (arr) return arr.wrap(boolCol(Uint8Array.from(cellsOf(arr.col).map((v) => (Math.abs(toNumber(v, 'isinf')) === Infinity ? 1 : 0)))));
      return Math.abs(toNumber(x, 'isinf')) === Infinity;
    }),
    fn('isfinite', (args, kwargs, site, rt) => {
      const x = bindArgs({ name: 'isfinite', positional: ['x'], required: ['x'] }, args, kwargs, site).get('x')!;
      const arr = arrayOf(x, site, rt);
      if (arr) return arr.wrap(boolCol(Uint8Array.from(cellsOf(arr.col).map((v) => (Number.isFinite(toNumber(v, 'isfinite')) ? 1 : 0)))));
      return Number.isFinite(toNumber(x, 'isfinite'));
    }),
    fn('array', (args, kwargs, site, rt) => {
      const b = bindArgs({ name: 'array', positional: ['object', 'dtype', 'copy'], required: ['object'] }, args, kwargs, site);
      const arr = arrayOf(b.get('object')!, site, rt);
      if (!arr) return new NdArray(inferColumn([b.get('object')!]));
      const dt = b.get('dtype');
      if (dt !== undefined && dt !== null) {
        const m = /^<class '(?:numpy\.)?(\w+)'>$/.exec(dt instanceof PyObject ? dt.repr() : '');
        const name = typeof dt === 'string' ? dt : m?.[1];
        if (name === 'float' || name === 'float64') return new NdArray(astypeColumn(arr.col, 'float64', name));
        if (name === 'int' || name === 'int64') return new NdArray(astypeColumn(arr.col, 'int64', name));
        if (name === 'str') return new NdArray(astypeColumn(arr.col, 'str', name));
        if (name === 'object') return new NdArray(astypeColumn(arr.col, 'object', name));
      }
      return new NdArray(arr.col);
    }),
    fn('arange', (args, kwargs, site) => {
      const b = bindArgs({ name: 'arange', positional: ['start', 'stop', 'step'], required: ['start'] }, args, kwargs, site);
      let start = b.get('start')!;
      let stop = b.get('stop');
      if (stop === undefined || stop === null) {
        stop = start;
        start = 0n;
      }
      const step = b.get('step') ?? 1n;
      const allInt = [start, stop, step].every((v) => typeof v === 'bigint');
      const s = toNumber(start, 'arange');
      const e = toNumber(stop, 'arange');
      const st = toNumber(step, 'arange');
      if (st === 0) throw new DftablesError('DT208', 'Maximum allowed size exceeded');
      const n = Math.max(0, Math.ceil((e - s) / st));
      if (n > 10_000_000) throw new DftablesError('DT305', 'np.arange would be too large');
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = s + i * st;
      return new NdArray(allInt ? intCol(out) : floatCol(out));
    }),
    fn('isclose', (args, kwargs, site) => {
      const b = bindArgs({ name: 'isclose', positional: ['a', 'b', 'rtol', 'atol', 'equal_nan'], required: ['a', 'b'] }, args, kwargs, site);
      const a = toNumber(b.get('a')!, 'isclose');
      const c = toNumber(b.get('b')!, 'isclose');
      const rtol = b.get('rtol') === undefined ? 1e-5 : toNumber(b.get('rtol')!, 'isclose');
      const atol = b.get('atol') === undefined ? 1e-8 : toNumber(b.get('atol')!, 'isclose');
      return Math.abs(a - c) <= atol + rtol * Math.abs(c);
    }),
  ]);
  return new PyModule('np', attrs, NP_UNSUPPORTED);
}
