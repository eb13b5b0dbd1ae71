/**
 * Columns and their dtypes: element access as Python values, dtype inference from Python values
 * (pandas' lib.maybe_convert_objects), take/concat with numpy's upcasting, and the dtype names
 * users pass to astype/read_csv.
 */
import type { Column, DType, NullableDtype } from './column.js';
import { PyObject, type PyValue } from '../python/values.js';

export type { Column, DType } from './column.js';

/** NaN or None: pandas' isna for scalars. */
export function isNA(v: PyValue): boolean {
  return v === null || (typeof v === 'number' && v !== v);
}

export function colLength(c: Column): number {
  return c.data.length;
}

export function floatCol(data: Float64Array): Column {
  return { dtype: 'float64', data };
}
/**
 * An int64 column over `data` (taken over, not copied). numpy's int64 has no negative zero, but
 * the double arithmetic that computes int results can make one (0 * -1, -0, 0 // -3, rounding a
 * small negative to 0): turn it into +0 here, or it would print as -0.0 once the column is float.
 */
export function intCol(data: Float64Array): Column {
  for (let i = 0; i < data.length; i++) if (data[i] === 0) data[i] = 0;
  return { dtype: 'int64', data };
}
export function boolCol(data: Uint8Array): Column {
  return { dtype: 'bool', data };
}
export function objCol(data: PyValue[], nullable?: NullableDtype): Column {
  return nullable ? { dtype: 'object', data, nullable } : { dtype: 'object', data };
}

/** The dtype name pandas reports: int64, float64, bool, object, or a nullable one (Int64, string, boolean). */
export function dtypeName(c: Column): string {
  if (c.dtype === 'object' && c.int64) return 'int64';
  return c.dtype === 'object' && c.nullable ? c.nullable : c.dtype;
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

export function inInt64(v: bigint): boolean {
  return v >= INT64_MIN && v <= INT64_MAX;
}

/** An int64 column kept exact beyond 2**53 (see Column.int64). */
export function isWideInt(c: Column): boolean {
  return c.dtype === 'object' && c.int64 === true;
}

/**
 * The reader keeps int64 columns beyond 2**53 as exact Python ints in an object column: mark
 * them as (wide) int64 so they keep numpy's int64 semantics.
 */
export function adoptIntColumn(c: Column): Column {
  if (c.dtype !== 'object' || c.int64 || c.nullable || c.data.length === 0) return c;
  for (const v of c.data) if (typeof v !== 'bigint' || !inInt64(v)) return c;
  return { dtype: 'object', data: c.data, int64: true };
}

/** int64 values (already wrapped to 64 bits) as the narrowest exact column. */
export function intColumnOf(values: readonly bigint[]): Column {
  const n = values.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const x = Number(v);
    if (!Number.isSafeInteger(x)) return { dtype: 'object', data: [...values], int64: true };
    out[i] = x;
  }
  return intCol(out);
}

/** Element i of an int-like column as an exact int (int64, wide int64, bool). */
export function bigAt(c: Column, i: number): bigint {
  if (c.dtype === 'object') {
    const v = c.data[i];
    return typeof v === 'bigint' ? v : typeof v === 'boolean' ? (v ? 1n : 0n) : BigInt(v as number);
  }
  return BigInt(c.data[i]);
}

/** Element i as the Python value pandas hands to a lambda (numpy scalars become int/float/bool). */
export function cellAt(c: Column, i: number): PyValue {
  switch (c.dtype) {
    case 'int64':
      return BigInt(c.data[i]);
    case 'float64':
      return c.data[i];
    case 'bool':
      return c.data[i] === 1;
    case 'object':
      return c.data[i];
  }
}

/** All elements as Python values. */
export function cellsOf(c: Column): PyValue[] {
  if (c.dtype === 'object') return c.data as PyValue[];
  const n = c.data.length;
  const out = new Array<PyValue>(n);
  for (let i = 0; i < n; i++) out[i] = cellAt(c, i);
  return out;
}

/** Element i as a JS number for numeric dtypes (bool as 0/1); NaN for missing. */
export function numAt(c: Column, i: number): number {
  if (c.dtype === 'object') {
    const v = c.data[i];
    if (typeof v === 'number') return v;
    if (typeof v === 'bigint') return Number(v);
    if (typeof v === 'boolean') return v ? 1 : 0;
    return NaN;
  }
  return c.data[i];
}

export function isNumericDtype(d: DType): boolean {
  return d === 'int64' || d === 'float64';
}

/** Missing-value mask: true where pandas' isna is true. */
export function naMask(c: Column): Uint8Array {
  const n = c.data.length;
  const m = new Uint8Array(n);
  if (c.dtype === 'float64') {
    const d = c.data;
    for (let i = 0; i < n; i++) if (d[i] !== d[i]) m[i] = 1;
  } else if (c.dtype === 'object') {
    const d = c.data;
    for (let i = 0; i < n; i++) if (isNA(d[i])) m[i] = 1;
  }
  return m;
}

export function hasNA(c: Column): boolean {
  if (c.dtype === 'float64') {
    for (const x of c.data) if (x !== x) return true;
    return false;
  }
  if (c.dtype === 'object') return c.data.some(isNA);
  return false;
}

/**
 * pandas' lib.maybe_convert_objects: the dtype of a list of Python values. Ints -> int64, any
 * float or None among numbers -> float64, only bools -> bool, anything else (str, bool mixed
 * with numbers or None, only None) -> object keeping the values as they are.
 */
export function inferColumn(values: readonly PyValue[]): Column {
  let seenNull = false;
  let seenNan = false;
  let seenFloat = false;
  let seenInt = false;
  let seenBool = false;
  let bigInt = false;
  let wideInt = false;
  for (const v of values) {
    if (v === null) seenNull = true;
    else if (typeof v === 'boolean') seenBool = true;
    else if (typeof v === 'number') {
      if (v !== v) seenNan = true;
      else seenFloat = true;
    } else if (typeof v === 'bigint') {
      seenInt = true;
      // ints beyond int64 stay Python objects, as pandas keeps them (uint64 or object).
      if (v > 9223372036854775807n || v < -9223372036854775808n) bigInt = true;
      else if (v > 9007199254740992n || v < -9007199254740992n) wideInt = true;
    } else return objCol([...values]);
  }
  if (bigInt && !seenNull) return objCol([...values]);
  const n = values.length;
  if (seenNull || seenNan) {
    if (seenBool) return objCol([...values]);
    if (seenFloat || seenInt || seenNan) return floatCol(toFloats(values));
    return objCol([...values]);
  }
  if (seenBool) {
    if (seenFloat || seenInt) return objCol([...values]);
    const d = new Uint8Array(n);
    for (let i = 0; i < n; i++) d[i] = values[i] ? 1 : 0;
    return boolCol(d);
  }
  if (seenFloat) return floatCol(toFloats(values));
  if (seenInt) return wideInt ? { dtype: 'object', data: [...values], int64: true } : intCol(toFloats(values));
  // Empty: pandas 1.5.3 makes an empty Series float64 (2.x makes it object).
  return floatCol(new Float64Array(0));
}

function toFloats(values: readonly PyValue[]): Float64Array {
  const n = values.length;
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    d[i] = v === null ? NaN : typeof v === 'bigint' ? Number(v) : typeof v === 'boolean' ? (v ? 1 : 0) : (v as number);
  }
  return d;
}

/** A column of n copies of one value (scalar broadcast), with the value's dtype. */
export function fullColumn(v: PyValue, n: number): Column {
  if (typeof v === 'number' || v === null) {
    if (v === null) return objCol(new Array<PyValue>(n).fill(null));
    return floatCol(new Float64Array(n).fill(v));
  }
  if (typeof v === 'bigint') {
    if (!inInt64(v)) return objCol(new Array<PyValue>(n).fill(v));
    if (!Number.isSafeInteger(Number(v))) return { dtype: 'object', data: new Array<PyValue>(n).fill(v), int64: true };
    return intCol(new Float64Array(n).fill(Number(v)));
  }
  if (typeof v === 'boolean') return boolCol(new Uint8Array(n).fill(v ? 1 : 0));
  return objCol(new Array<PyValue>(n).fill(v));
}

/**
 * Rows at `idx` (positions; -1 means a missing row, as in a left join or a reindex): a missing
 * row turns int64 into float64 and bool into object, as numpy's take with fill does in pandas.
 */
export function takeColumn(c: Column, idx: ArrayLike<number>): Column {
  const n = idx.length;
  const missing = anyMissing(idx);
  switch (c.dtype) {
    case 'float64':
    case 'int64':
      return { dtype: missing ? 'float64' : c.dtype, data: takeNumbers(c.data, idx) };
    case 'bool': {
      const src = c.data;
      if (missing) {
        const out = new Array<PyValue>(n);
        for (let i = 0; i < n; i++) out[i] = idx[i] < 0 ? NaN : src[idx[i]] === 1;
        return objCol(out);
      }
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = src[idx[i]];
      return boolCol(out);
    }
    case 'object': {
      const src = c.data;
      if (c.int64) {
        // Missing rows turn a (wide) int64 column float64, as for any int64 column.
        if (!missing) return { dtype: 'object', data: Array.from(idx, (j) => src[j]), int64: true };
        const out = new Float64Array(n);
        for (let i = 0; i < n; i++) out[i] = idx[i] < 0 ? NaN : Number(src[idx[i]]);
        return floatCol(out);
      }
      // A nullable column's missing value is pd.NA (None here), not NaN.
      return objCol(takeValues(src, idx, c.nullable ? null : NaN), c.nullable);
    }
  }
}

// takeColumn's loops, one per function: a merge or a sort takes every column, and a small
// function is optimized once for all of them (a loop inside a larger one is recompiled per call).

function anyMissing(idx: ArrayLike<number>): boolean {
  for (let i = 0; i < idx.length; i++) if (idx[i] < 0) return true;
  return false;
}

function takeNumbers(src: Float64Array, idx: ArrayLike<number>): Float64Array {
  const n = idx.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const j = idx[i];
    out[i] = j < 0 ? NaN : src[j];
  }
  return out;
}

function takeValues(src: readonly PyValue[], idx: ArrayLike<number>, na: PyValue): PyValue[] {
  const n = idx.length;
  const out = new Array<PyValue>(n);
  for (let i = 0; i < n; i++) {
    const j = idx[i];
    out[i] = j < 0 ? na : src[j];
  }
  return out;
}

export function sliceColumn(c: Column, start: number, end: number): Column {
  switch (c.dtype) {
    case 'object':
      if (c.int64) return { dtype: 'object', data: c.data.slice(start, end), int64: true };
      return objCol(c.data.slice(start, end), c.nullable);
    case 'bool':
      return boolCol(c.data.slice(start, end));
    default:
      return { dtype: c.dtype, data: c.data.slice(start, end) };
  }
}

/** numpy's common type of column dtypes (find_common_type): int+float -> float, bool+number -> object. */
export function commonDtype(dtypes: DType[]): DType {
  const set = new Set(dtypes);
  if (set.size === 1) return dtypes[0];
  if (set.has('object')) return 'object';
  if (set.has('bool')) return 'object';
  return 'float64';
}

/** Converts a column to a dtype that can hold it (for concat and alignment): values unchanged. */
export function upcastColumn(c: Column, to: DType): Column {
  if (c.dtype === to) return c;
  if (to === 'object') return objCol(cellsOf(c));
  if (to === 'float64') return floatCol(Float64Array.from(c.data as ArrayLike<number>));
  throw new Error(`cannot upcast ${c.dtype} to ${to}`);
}

export function concatColumns(cols: Column[]): Column {
  // Nullable Int64 with int64 (or Int64) stays Int64, as pandas' extension-array concat does.
  if (cols.some((c) => c.dtype === 'object' && c.nullable === 'Int64') && cols.every((c) => c.dtype === 'int64' || (c.dtype === 'object' && c.nullable === 'Int64'))) {
    const out: PyValue[] = [];
    for (const c of cols) for (let i = 0; i < c.data.length; i++) out.push(cellAt(c, i));
    return objCol(out, 'Int64');
  }
  // Wide int64 with int64: still int64 (exact).
  if (cols.some(isWideInt) && cols.every((c) => c.dtype === 'int64' || isWideInt(c))) {
    const all: bigint[] = [];
    for (const c of cols) for (let i = 0; i < c.data.length; i++) all.push(bigAt(c, i));
    return intColumnOf(all);
  }
  const dtype = commonDtype(cols.map((c) => (isWideInt(c) ? 'int64' : c.dtype)));
  const parts = cols.map((c) => (isWideInt(c) && dtype !== 'object' ? floatCol(Float64Array.from(c.data as bigint[], Number)) : upcastColumn(c, dtype)));
  const n = parts.reduce((a, c) => a + c.data.length, 0);
  if (dtype === 'object') {
    const out: PyValue[] = [];
    for (const p of parts) for (const v of p.data as PyValue[]) out.push(v);
    return objCol(out);
  }
  if (dtype === 'bool') {
    const out = new Uint8Array(n);
    let o = 0;
    for (const p of parts) {
      out.set(p.data as Uint8Array, o);
      o += p.data.length;
    }
    return boolCol(out);
  }
  const out = new Float64Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p.data as Float64Array, o);
    o += p.data.length;
  }
  return { dtype, data: out } as Column;
}

/** A column of n missing values (NaN, float64), as pandas creates for a column absent from one frame. */
export function naColumn(n: number): Column {
  return floatCol(new Float64Array(n).fill(NaN));
}

export function copyColumn(c: Column): Column {
  return sliceColumn(c, 0, c.data.length);
}

/** Target types of astype and read_csv's dtype=. */
export type DTypeName = DType | NullableDtype | 'str' | 'category' | 'datetime' | 'unsupported';

/**
 * Reads a dtype argument: 'int', 'float64', int, float, str, np.int64, 'object', object, bool.
 * Returns undefined for things that are not a dtype at all.
 */
export function parseDtypeArg(v: PyValue): { dtype: DTypeName; name: string } | undefined {
  let name: string | undefined;
  if (typeof v === 'string') name = v;
  else if (v instanceof PyObject) {
    const m = /^<class '(?:numpy\.)?([A-Za-z0-9_]+)'>$/.exec(v.repr());
    if (m) name = m[1];
    else if ('dtypeName' in v && typeof (v as { dtypeName: unknown }).dtypeName === 'string') name = (v as unknown as { dtypeName: string }).dtypeName;
  }
  if (name === undefined) return undefined;
  const lower = name;
  const map: Record<string, DTypeName> = {
    int: 'int64',
    int64: 'int64',
    Int64: 'Int64',
    Int32: 'Int64',
    Int16: 'Int64',
    Int8: 'Int64',
    string: 'string',
    boolean: 'boolean',
    int32: 'int64',
    int16: 'int64',
    int8: 'int64',
    i8: 'int64',
    float: 'float64',
    float64: 'float64',
    f8: 'float64',
    double: 'float64',
    bool: 'bool',
    bool_: 'bool',
    str: 'str',
    str_: 'str',
    object: 'object',
    object_: 'object',
    O: 'object',
    category: 'category',
    'datetime64[ns]': 'datetime',
    datetime64: 'datetime',
  };
  const d = Object.prototype.hasOwnProperty.call(map, lower) ? map[lower] : 'unsupported';
  return { dtype: d, name };
}
