/**
 * Reductions of one column to a scalar with the exact arithmetic pandas 1.5.3 uses, so that sums
 * and means print the same last digit:
 *
 * - sum/mean: numpy's add.reduce, pairwise summation over blocks of 8192 elements (the ufunc
 *   iterator's buffer size) added into an accumulator that starts at 0; missing values count 0;
 * - std/var/median/min/max: bottleneck (installed with Debian's pandas), a plain loop;
 * - groupby sum/mean: Kahan summation (see groupby.ts).
 */
import { DftablesError } from '../errors.js';
import { PyTypeError, typeName, type PyValue } from '../python/values.js';
import type { Column } from './column.js';
import { isNA } from './dtypes.js';
import { pyBinary, pyCompare } from './scalarOps.js';
import { pyStr } from '../python/pyStr.js';
import { parsePyFloat } from '../python/floatParse.js';

/** numpy's pairwise_sum_DOUBLE over a[lo .. lo+n-1]. */
export function pairwiseSum(a: ArrayLike<number>, lo: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[lo + i];
    // numpy starts this loop from -0.0? No: from 0., so -0.0 sums print 0.0.
    return res;
  }
  if (n <= 128) {
    let r0 = a[lo];
    let r1 = a[lo + 1];
    let r2 = a[lo + 2];
    let r3 = a[lo + 3];
    let r4 = a[lo + 4];
    let r5 = a[lo + 5];
    let r6 = a[lo + 6];
    let r7 = a[lo + 7];
    let i: number;
    const end = n - (n % 8);
    for (i = 8; i < end; i += 8) {
      r0 += a[lo + i];
      r1 += a[lo + i + 1];
      r2 += a[lo + i + 2];
      r3 += a[lo + i + 3];
      r4 += a[lo + i + 4];
      r5 += a[lo + i + 5];
      r6 += a[lo + i + 6];
      r7 += a[lo + i + 7];
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (; i < n; i++) res += a[lo + i];
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(a, lo, n2) + pairwiseSum(a, lo + n2, n - n2);
}

const BUFSIZE = 8192;

/** numpy's float64 sum of an array (blocks of 8192 summed pairwise into a running total). */
export function npSum(a: ArrayLike<number>): number {
  let acc = 0;
  for (let lo = 0; lo < a.length; lo += BUFSIZE) acc += pairwiseSum(a, lo, Math.min(BUFSIZE, a.length - lo));
  return acc;
}

/** Values with missing entries replaced by 0 (pandas' _get_values fill for sums). */
function filledNumbers(c: Column): { values: Float64Array; count: number } {
  const d = c.data as ArrayLike<number>;
  const n = d.length;
  const values = new Float64Array(n);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const x = d[i];
    if (x === x) {
      values[i] = x;
      count++;
    }
  }
  return { values, count };
}

function nonMissing(c: Column): PyValue[] {
  return (c.data as PyValue[]).filter((v) => !isNA(v));
}

export function colSum(c: Column, minCount = 0): PyValue {
  if (c.dtype === 'int64' || c.dtype === 'bool') {
    const d = c.data as ArrayLike<number>;
    let s = 0;
    let big = false;
    for (let i = 0; i < d.length; i++) {
      s += d[i];
      if (!Number.isSafeInteger(s)) big = true;
    }
    if (big) {
      let b = 0n;
      for (let i = 0; i < d.length; i++) b += BigInt(d[i]);
      return BigInt.asIntN(64, b);
    }
    if (c.data.length < minCount) return NaN;
    return BigInt(s);
  }
  if (c.dtype === 'float64') {
    const { values, count } = filledNumbers(c);
    if (count < minCount) return NaN;
    return npSum(values);
  }
  if (c.int64) {
    // numpy's int64 sum wraps around at 64 bits.
    let s = 0n;
    for (const v of c.data as bigint[]) s += v;
    return BigInt.asIntN(64, s);
  }
  // object: Python's + from the first element, missing values as 0 (pandas fills them with 0).
  const vals = (c.data as PyValue[]).map((v) => (isNA(v) ? 0n : v));
  if (vals.filter((v, i) => !isNA((c.data as PyValue[])[i])).length < minCount) return NaN;
  if (vals.length === 0) return 0n;
  let acc = vals[0];
  for (let i = 1; i < vals.length; i++) acc = pyBinary('+', acc, vals[i]);
  return acc;
}

export function colProd(c: Column): PyValue {
  if (c.dtype === 'object') {
    const vals = (c.data as PyValue[]).map((v) => (isNA(v) ? 1n : v));
    let acc: PyValue = 1n;
    for (const v of vals) acc = pyBinary('*', acc, v);
    return acc;
  }
  let p = 1;
  const d = c.data as ArrayLike<number>;
  for (let i = 0; i < d.length; i++) if (d[i] === d[i]) p *= d[i];
  return c.dtype === 'float64' ? p : BigInt(p);
}

/** Count of non-missing values. */
export function colCount(c: Column): number {
  if (c.dtype === 'float64') {
    let n = 0;
    for (const x of c.data) if (x === x) n++;
    return n;
  }
  if (c.dtype === 'object') return nonMissing(c).length;
  return c.data.length;
}

/** pandas' _ensure_numeric on an object sum: numbers pass, text raises as pandas does. */
function ensureNumeric(v: PyValue): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    const x = Number(v.trim());
    if (v.trim() !== '' && !Number.isNaN(x)) return x;
  }
  throw new PyTypeError(`Could not convert ${pyStr(v)} to numeric`, 'mean/median/std need numbers: convert the column with astype(float) first.');
}

export function colMean(c: Column): number {
  if (c.dtype === 'object') {
    const vals = nonMissing(c);
    if (!vals.length) return NaN;
    const s = ensureNumeric(colSum(c));
    return s / vals.length;
  }
  const { values, count } = filledNumbers(c);
  if (count === 0) return NaN;
  return npSum(values) / count;
}

/** bottleneck's nanvar: mean by a plain loop, then the plain sum of squared deviations. */
export function colVar(c: Column, ddof = 1): number {
  const vals = numericValues(c, 'var');
  const n = vals.length;
  if (n - ddof <= 0) return NaN;
  let s = 0;
  for (const x of vals) s += x;
  const mean = s / n;
  let ss = 0;
  for (const x of vals) {
    const d = x - mean;
    ss += d * d;
  }
  return ss / (n - ddof);
}

export function colStd(c: Column, ddof = 1): number {
  return Math.sqrt(colVar(c, ddof));
}

function numericValues(c: Column, what: string): number[] {
  if (c.dtype === 'object') {
    const vals = nonMissing(c);
    return vals.map((v) => {
      if (typeof v === 'string') {
        // nanmedian casts object values to float64 first, so numeric text counts as its number.
        const x = what === 'median' ? parsePyFloat(v) : null;
        if (x === null) throw new PyTypeError(`could not convert string to float: '${v}'`, `${what} needs numbers: convert the column with astype(float) first.`);
        return x;
      }
      return ensureNumeric(v);
    });
  }
  const out: number[] = [];
  const d = c.data as ArrayLike<number>;
  for (let i = 0; i < d.length; i++) if (d[i] === d[i]) out.push(d[i]);
  return out;
}

export function colMedian(c: Column): number {
  const vals = numericValues(c, 'median').sort((a, b) => a - b);
  const n = vals.length;
  if (!n) return NaN;
  const k = n >> 1;
  return n % 2 ? vals[k] : 0.5 * (vals[k - 1] + vals[k]);
}

/** min or max, skipping missing values; object columns compare with Python's operators. */
export function colMinMax(c: Column, which: 'min' | 'max'): PyValue {
  const n = c.data.length;
  if (c.dtype === 'object') {
    const d = c.data as PyValue[];
    if (!n) return NaN;
    // pandas fills missing values with +inf (min) or -inf (max) before numpy's reduce, so
    // text with NaN raises Python's TypeError as pandas does.
    const fill = which === 'min' ? Infinity : -Infinity;
    const vals = d.map((v) => (isNA(v) ? fill : v));
    if (vals.every((v) => v === fill) && d.every(isNA)) return NaN;
    const op = which === 'min' ? '<=' : '>=';
    let acc = vals[0];
    for (let i = 1; i < vals.length; i++) {
      if (!pyCompare(op, acc, vals[i])) acc = vals[i];
    }
    return acc;
  }
  let best = NaN;
  const d = c.data as ArrayLike<number>;
  for (let i = 0; i < n; i++) {
    const x = d[i];
    if (x !== x) continue;
    if (best !== best || (which === 'min' ? x < best : x > best)) best = x;
  }
  if (c.dtype === 'int64') return n ? BigInt(best) : NaN;
  if (c.dtype === 'bool') return n ? best === 1 : NaN;
  return best;
}

/** Position of the min or max (first one), skipping missing values; -1 if all missing. */
export function colArgMinMax(c: Column, which: 'min' | 'max'): number {
  let best = -1;
  const n = c.data.length;
  for (let i = 0; i < n; i++) {
    const v = c.dtype === 'object' ? (c.data as PyValue[])[i] : (c.data as ArrayLike<number>)[i];
    if (isNA(v)) continue;
    if (best < 0) {
      best = i;
      continue;
    }
    const b = c.dtype === 'object' ? (c.data as PyValue[])[best] : (c.data as ArrayLike<number>)[best];
    if (pyCompare(which === 'min' ? '<' : '>', v, b)) best = i;
  }
  return best;
}

export function colAnyAll(c: Column, which: 'any' | 'all'): boolean {
  const n = c.data.length;
  for (let i = 0; i < n; i++) {
    const v = c.dtype === 'object' ? (c.data as PyValue[])[i] : (c.data as ArrayLike<number>)[i];
    if (c.dtype === 'object' && isNA(v)) continue;
    const t = truthyCell(v);
    if (which === 'any' && t) return true;
    if (which === 'all' && !t) return false;
  }
  return which === 'all';
}

function truthyCell(v: PyValue): boolean {
  if (v === null) return false;
  if (typeof v === 'number') return v !== 0;
  if (typeof v === 'bigint') return v !== 0n;
  if (typeof v === 'string') return v.length > 0;
  if (typeof v === 'boolean') return v;
  return true;
}

/** numpy's default (linear) quantile of the non-missing values. */
export function colQuantile(c: Column, q: number): number {
  if (!(q >= 0 && q <= 1)) throw new DftablesError('DT208', 'percentiles should all be in the interval [0, 1]. Try 1.0 instead.');
  const vals = numericValues(c, 'quantile').sort((a, b) => a - b);
  const n = vals.length;
  if (!n) return NaN;
  const pos = q * (n - 1);
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, n - 1);
  const g = pos - lo;
  // numpy's _lerp: a + (b - a) * t, and b - (b - a) * (1 - t) when t >= 0.5.
  const a = vals[lo];
  const b = vals[hi];
  const diff = b - a;
  return g >= 0.5 ? b - diff * (1 - g) : a + diff * g;
}

export function describeType(c: Column): string {
  return c.dtype === 'object' ? 'object' : c.dtype;
}

export { typeName };
