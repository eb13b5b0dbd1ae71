/**
 * Whole-column transformations shared by Series and DataFrame: astype, fillna, round, isin, map,
 * replace. Each returns a new column (columns are immutable) with the dtype pandas 1.5.3 gives.
 */
import { DftablesError } from '../errors.js';
import { asciiDigits } from '../python/floatParse.js';
import { floatRepr } from '../python/floatRepr.js';
import { pyRepr, pyStr } from '../python/pyStr.js';
import { PyDict, PyObject, PyTypeError, typeName, type PyValue, type Runtime } from '../python/values.js';
import type { Column } from './column.js';
import { boolCol, cellAt, cellsOf, floatCol, inferColumn, intCol, isNA, objCol, takeColumn, type DTypeName } from './dtypes.js';
import { valueKey, type LabelKey } from './index.js';
import { npRound } from './round.js';

const INT_RE = /^[+-]?\d+(?:_\d+)*$/;
const FLOAT_RE = /^[+-]?(?:(?:\d+(?:_\d+)*)?\.?\d+(?:_\d+)*(?:[eE][+-]?\d+(?:_\d+)*)?|\d+(?:_\d+)*\.(?:[eE][+-]?\d+(?:_\d+)*)?|inf|infinity|nan)$/i;

/** Python's float(str): surrounding whitespace, underscores between digits, inf/nan words. */
export function parsePyFloat(s: string): number | undefined {
  const t = asciiDigits(s).trim();
  if (!FLOAT_RE.test(t)) return undefined;
  const lower = t.toLowerCase().replace(/_/g, '');
  const sign = lower.startsWith('-') ? -1 : 1;
  const body = lower.replace(/^[+-]/, '');
  if (body === 'inf' || body === 'infinity') return sign * Infinity;
  if (body === 'nan') return NaN;
  return Number(lower);
}

/** Python's int(str). */
export function parsePyInt(s: string): bigint | undefined {
  const t = asciiDigits(s).trim();
  if (!INT_RE.test(t)) return undefined;
  return BigInt(t.replace(/_/g, ''));
}

function toIntValue(v: PyValue): number {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') {
    if (v !== v) throw new DftablesError('DT210', 'cannot convert float NaN to integer', { hint: 'Fill missing values first: .fillna(0).astype(int).' });
    if (!Number.isFinite(v)) throw new DftablesError('DT210', 'cannot convert float infinity to integer');
    return Math.trunc(v);
  }
  if (typeof v === 'string') {
    const n = parsePyInt(v);
    if (n === undefined) throw new DftablesError('DT208', `invalid literal for int() with base 10: ${pyRepr(v)}`);
    return Number(n);
  }
  throw new PyTypeError(`int() argument must be a string, a bytes-like object or a real number, not '${typeName(v)}'`);
}

function toFloatValue(v: PyValue): number {
  if (v === null) return NaN;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const x = parsePyFloat(v);
    if (x === undefined) {
      throw new DftablesError('DT208', `could not convert string to float: ${pyRepr(v)}`, {
        hint: 'Clean the text first (e.g. .str.replace(",", "")) or use pd.to_numeric(..., errors="coerce").',
      });
    }
    return x;
  }
  throw new PyTypeError(`float() argument must be a string or a real number, not '${typeName(v)}'`);
}

/** str() of an element as astype(str) writes it: float64 via repr, NaN 'nan', None 'None'. */
export function strOfCell(v: PyValue): string {
  if (typeof v === 'number') return floatRepr(v);
  return pyStr(v);
}

function truthy(v: PyValue): boolean {
  if (v === null) return false;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'bigint') return v !== 0n;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string') return v.length > 0;
  return true;
}

/** Series.astype(dtype). */
export function astypeColumn(c: Column, to: DTypeName, label: string): Column {
  const n = c.data.length;
  switch (to) {
    case 'int64': {
      if (c.dtype === 'int64' || (c.dtype === 'object' && c.int64)) return c;
      if (c.dtype === 'object' && c.nullable && c.data.some((v) => v === null)) {
        throw new DftablesError('DT210', 'cannot convert to \'int64\'-dtype NumPy array with missing values. Specify an appropriate \'na_value\' for this dtype.');
      }
      const out = new Float64Array(n);
      if (c.dtype === 'float64') {
        for (let i = 0; i < n; i++) {
          const x = c.data[i];
          if (!Number.isFinite(x)) {
            throw new DftablesError('DT210', 'Cannot convert non-finite values (NA or inf) to integer', {
              hint: 'Fill missing values first: .fillna(0).astype(int).',
            });
          }
          out[i] = Math.trunc(x);
        }
      } else if (c.dtype === 'bool') out.set(c.data);
      else for (let i = 0; i < n; i++) out[i] = toIntValue(c.data[i]);
      return intCol(out);
    }
    case 'float64': {
      if (c.dtype === 'float64') return c;
      if (c.dtype !== 'object') return floatCol(Float64Array.from(c.data as ArrayLike<number>));
      const out = new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = toFloatValue(c.data[i]);
      return floatCol(out);
    }
    case 'bool': {
      if (c.dtype === 'bool') return c;
      const out = new Uint8Array(n);
      if (c.dtype === 'object') for (let i = 0; i < n; i++) out[i] = truthy(c.data[i]) ? 1 : 0;
      else for (let i = 0; i < n; i++) out[i] = (c.data as Float64Array)[i] !== 0 ? 1 : 0;
      return boolCol(out);
    }
    case 'str': {
      const out = new Array<PyValue>(n);
      // pd.NA of a nullable column prints as '<NA>'.
      const nullable = c.dtype === 'object' && c.nullable;
      for (let i = 0; i < n; i++) {
        const v = cellAt(c, i);
        out[i] = nullable && v === null ? '<NA>' : strOfCell(v);
      }
      return objCol(out);
    }
    case 'Int64': {
      const out = new Array<PyValue>(n);
      for (let i = 0; i < n; i++) {
        const v = cellAt(c, i);
        if (isNA(v)) out[i] = null;
        else if (typeof v === 'number') {
          if (!Number.isInteger(v)) throw new PyTypeError(`cannot safely cast non-equivalent float64 to int64`, 'Round first: .round(0).astype("Int64").');
          out[i] = BigInt(v);
        } else out[i] = BigInt(toIntValue(v));
      }
      return objCol(out, 'Int64');
    }
    case 'string': {
      const out = new Array<PyValue>(n);
      for (let i = 0; i < n; i++) {
        const v = cellAt(c, i);
        out[i] = isNA(v) ? null : strOfCell(v);
      }
      return objCol(out, 'string');
    }
    case 'boolean': {
      const out = new Array<PyValue>(n);
      for (let i = 0; i < n; i++) {
        const v = cellAt(c, i);
        out[i] = isNA(v) ? null : truthy(v);
      }
      return objCol(out, 'boolean');
    }
    case 'object':
      return c.dtype === 'object' ? (c.nullable ? objCol([...c.data]) : c) : objCol(cellsOf(c));
    case 'category':
    case 'datetime':
      throw new DftablesError('DT212', `astype('${label}') is not supported by dftables`);
    default:
      throw new PyTypeError(`data type '${label}' not understood`);
  }
}

/** Can a float64 column hold this fill value without becoming object? (numbers only, not bool) */
function floatCanHold(v: PyValue): boolean {
  return typeof v === 'number' || typeof v === 'bigint';
}

/** fillna with a scalar: float columns stay float for numbers and become object otherwise; int and bool columns have nothing to fill. */
export function fillnaColumn(c: Column, value: PyValue): Column {
  const n = c.data.length;
  if (c.dtype === 'int64' || c.dtype === 'bool') return c;
  if (c.dtype === 'float64') {
    let any = false;
    for (let i = 0; i < n; i++) if (c.data[i] !== c.data[i]) any = true;
    if (!any) return c;
    if (floatCanHold(value)) {
      const x = typeof value === 'bigint' ? Number(value) : (value as number);
      const out = Float64Array.from(c.data);
      for (let i = 0; i < n; i++) if (out[i] !== out[i]) out[i] = x;
      return floatCol(out);
    }
    const out = new Array<PyValue>(n);
    for (let i = 0; i < n; i++) out[i] = c.data[i] !== c.data[i] ? value : c.data[i];
    return objCol(out);
  }
  const d = c.data;
  const out = new Array<PyValue>(n);
  for (let i = 0; i < n; i++) out[i] = isNA(d[i]) ? value : d[i];
  // pandas 1.5.3 ends Block.fillna on an object block with _maybe_downcast, which re-infers it
  // (convert(numeric=False)): all ints -> int64, ints and floats -> float64, all bools -> bool,
  // anything with a str stays object; even when nothing was filled (GH#45423). An empty object
  // column stays object; nullable extension dtypes are not object blocks.
  if (c.nullable || n === 0) return objCol(out);
  return inferColumn(out);
}

/** fillna(method='ffill'|'bfill'): propagate the last (next) valid value. */
export function fillDirectionColumn(c: Column, forward: boolean, limit?: number): Column {
  if (c.dtype === 'int64' || c.dtype === 'bool') return c;
  const n = c.data.length;
  const idx = new Int32Array(n);
  let last = -1;
  let run = 0;
  const na = (i: number) => isNA(c.dtype === 'object' ? c.data[i] : (c.data as Float64Array)[i]);
  for (let k = 0; k < n; k++) {
    const i = forward ? k : n - 1 - k;
    if (!na(i)) {
      last = i;
      run = 0;
      idx[i] = i;
    } else {
      run++;
      idx[i] = last >= 0 && (limit === undefined || run <= limit) ? last : i;
    }
  }
  return takeColumn(c, idx);
}

/** Series.round(decimals): numpy's round on floats; ints only change for negative decimals. */
export function roundColumn(c: Column, decimals: number): Column {
  const n = c.data.length;
  if (c.dtype === 'float64') {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = npRound(c.data[i], decimals);
    return floatCol(out);
  }
  if (c.dtype === 'int64') {
    if (decimals >= 0) return c;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = npRound(c.data[i], decimals);
    return intCol(out);
  }
  if (c.dtype === 'bool') {
    throw new PyTypeError("Cannot cast ufunc 'multiply' output from dtype('float64') to dtype('bool') with casting rule 'same_kind'");
  }
  // numpy rounds an empty object array without calling rint on anything (a header-only CSV).
  if (n === 0) return c;
  const first = c.data.find((v) => !isNA(v));
  if (typeof first === 'string') throw new PyTypeError("can't multiply sequence by non-int of type 'float'", 'round() needs numbers: convert the column with astype(float) first.');
  throw new PyTypeError(`loop of ufunc does not support argument 0 of type ${typeName(first ?? NaN)} which has no callable rint method`);
}

/** Keys of a list of values for membership tests: 1, 1.0 and True match; NaN matches NaN. */
export function keySet(values: PyValue[]): Set<LabelKey> {
  const s = new Set<LabelKey>();
  for (const v of values) s.add(valueKey(v));
  return s;
}

export function isinColumn(c: Column, values: PyValue[]): Column {
  const keys = keySet(values);
  const n = c.data.length;
  const out = new Uint8Array(n);
  if (c.dtype === 'object') {
    for (let i = 0; i < n; i++) {
      const v = c.data[i];
      // None matches None and NaN matches NaN, as in pandas' hashtable.
      out[i] = keys.has(valueKey(v)) ? 1 : 0;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const x = (c.data as ArrayLike<number>)[i];
      out[i] = keys.has(x) ? 1 : 0;
    }
  }
  return boolCol(out);
}

/** Series.map with a Python callable: each element in, maybe_convert_objects on the results. */
export function mapColumn(c: Column, fn: PyValue, rt: Runtime, naIgnore: boolean, extraArgs: PyValue[] = []): Column {
  const n = c.data.length;
  const out = new Array<PyValue>(n);
  for (let i = 0; i < n; i++) {
    if ((i & 1023) === 0) rt.checkDeadline();
    const v = cellAt(c, i);
    if (naIgnore && isNA(v)) {
      out[i] = v;
      continue;
    }
    out[i] = rt.call(fn, [v, ...extraArgs]);
  }
  if (out.some((v) => v instanceof PyObject)) return objCol(out);
  return inferColumn(out);
}

/** Series.map with a dict (or a Series given as keys and values): missing keys give NaN. */
export function mapLookupColumn(c: Column, keys: PyValue[], values: Column, naIgnore: boolean): Column {
  const pos = new Map<LabelKey, number>();
  keys.forEach((k, i) => {
    const key = valueKey(k);
    if (!pos.has(key)) pos.set(key, i);
  });
  const n = c.data.length;
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = cellAt(c, i);
    if (naIgnore && isNA(v)) {
      idx[i] = -1;
      continue;
    }
    const p = pos.get(valueKey(v));
    idx[i] = p === undefined ? -1 : p;
  }
  return takeColumn(values, idx);
}

export function dictKeysValues(d: PyDict): { keys: PyValue[]; values: Column } {
  return { keys: d.keys(), values: inferColumn(d.values()) };
}

/** Series.replace(to_replace, value) with exact matches (numbers by value, text exactly). */
export function replaceColumn(c: Column, pairs: [PyValue, PyValue][]): Column {
  const map = new Map<LabelKey, PyValue>();
  for (const [k, v] of pairs) if (!map.has(valueKey(k))) map.set(valueKey(k), v);
  const n = c.data.length;
  const out = new Array<PyValue>(n);
  let changed = false;
  for (let i = 0; i < n; i++) {
    const v = cellAt(c, i);
    const key = valueKey(v);
    if (map.has(key) && !(isNA(v) && !map.has(NaN) && !map.has('N'))) {
      out[i] = map.get(key)!;
      changed = true;
    } else if (isNA(v) && (map.has(NaN) || map.has('N'))) {
      out[i] = map.has(NaN) ? map.get(NaN)! : map.get('N')!;
      changed = true;
    } else out[i] = v;
  }
  if (!changed) return c;
  // pandas keeps the column's dtype when the replacement fits it, else infers (object).
  const inferred = inferColumn(out);
  if (c.dtype === 'object') return objCol(out);
  if (c.dtype === 'float64' && inferred.dtype === 'int64') return floatCol(Float64Array.from(inferred.data as Float64Array));
  return inferred;
}

export { takeColumn };
