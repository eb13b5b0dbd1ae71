/**
 * Per-group reductions with pandas 1.5.3's cython kernels' arithmetic (_libs/groupby.pyx):
 * Kahan summation for sum and mean, Welford for var/std, (a+b)/2 medians, NaN skipped,
 * first/last take the first/last non-missing value. Object columns use Python operators.
 */
import { DftablesError } from '../errors.js';
import { PyTypeError, type PyValue } from '../python/values.js';
import type { Column } from './column.js';
import { boolCol, cellAt, floatCol, intCol, isNA, objCol } from './dtypes.js';
import { valueKey } from './index.js';
import { colMean, colMedian, colMinMax, colSum } from './reductions.js';
import { pyBinary } from './scalarOps.js';

export type AggName = 'sum' | 'mean' | 'median' | 'min' | 'max' | 'count' | 'first' | 'last' | 'nunique' | 'std' | 'var' | 'prod' | 'size';

export const AGG_NAMES: AggName[] = ['sum', 'mean', 'median', 'min', 'max', 'count', 'first', 'last', 'nunique', 'std', 'var', 'prod', 'size'];

/** Aggregations that 1.5.3 restricts to numeric columns by default on a DataFrameGroupBy. */
export const NUMERIC_BY_DEFAULT = new Set<AggName>(['sum', 'mean', 'median', 'std', 'var', 'prod']);

function rowsByGroup(codes: Int32Array, ngroups: number): number[][] {
  const groups: number[][] = Array.from({ length: ngroups }, () => []);
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) groups[codes[i]].push(i);
  return groups;
}

function numbers(c: Column): ArrayLike<number> {
  return c.data as ArrayLike<number>;
}

/** One aggregation of one column over the groups (codes: group of each row, -1 = dropped). */
export function groupAggregate(c: Column, codes: Int32Array, ngroups: number, how: AggName, ddof = 1): Column {
  const n = codes.length;
  if (how === 'size') {
    const out = new Float64Array(ngroups);
    for (let i = 0; i < n; i++) if (codes[i] >= 0) out[codes[i]]++;
    return intCol(out);
  }
  if (how === 'count') {
    const out = new Float64Array(ngroups);
    for (let i = 0; i < n; i++) if (codes[i] >= 0 && !isNA(cellAt(c, i))) out[codes[i]]++;
    return intCol(out);
  }
  if (how === 'nunique') {
    const sets = Array.from({ length: ngroups }, () => new Set<unknown>());
    for (let i = 0; i < n; i++) {
      const g = codes[i];
      if (g < 0) continue;
      const v = cellAt(c, i);
      if (!isNA(v)) sets[g].add(valueKey(v));
    }
    return intCol(Float64Array.from(sets.map((s) => s.size)));
  }
  if (how === 'first' || how === 'last') {
    const pick = new Int32Array(ngroups).fill(-1);
    for (let k = 0; k < n; k++) {
      const i = how === 'first' ? k : n - 1 - k;
      const g = codes[i];
      if (g < 0 || pick[g] >= 0) continue;
      if (!isNA(cellAt(c, i))) pick[g] = i;
    }
    const cells: PyValue[] = [];
    let missing = false;
    for (let g = 0; g < ngroups; g++) {
      if (pick[g] < 0) missing = true;
      cells.push(pick[g] < 0 ? NaN : cellAt(c, pick[g]));
    }
    if (c.dtype === 'object' || (missing && c.dtype === 'bool')) return objCol(cells);
    if (c.dtype === 'bool') return boolCol(Uint8Array.from(cells.map((v) => (v ? 1 : 0))));
    const d = Float64Array.from(cells.map((v) => (typeof v === 'bigint' ? Number(v) : typeof v === 'boolean' ? Number(v) : (v as number))));
    return { dtype: missing ? 'float64' : c.dtype, data: d } as Column;
  }
  if (c.dtype === 'object') return objectAggregate(c, codes, ngroups, how);
  const d = numbers(c);
  switch (how) {
    case 'sum': {
      const sum = new Float64Array(ngroups);
      const comp = new Float64Array(ngroups);
      for (let i = 0; i < n; i++) {
        const g = codes[i];
        const x = d[i];
        if (g < 0 || x !== x) continue;
        const y = x - comp[g];
        const t = sum[g] + y;
        comp[g] = t - sum[g] - y;
        sum[g] = t;
      }
      return c.dtype === 'float64' ? floatCol(sum) : intCol(sum);
    }
    case 'prod': {
      const out = new Float64Array(ngroups).fill(1);
      for (let i = 0; i < n; i++) {
        const g = codes[i];
        const x = d[i];
        if (g < 0 || x !== x) continue;
        out[g] *= x;
      }
      return c.dtype === 'float64' ? floatCol(out) : intCol(out);
    }
    case 'mean': {
      const sum = new Float64Array(ngroups);
      const comp = new Float64Array(ngroups);
      const nobs = new Float64Array(ngroups);
      for (let i = 0; i < n; i++) {
        const g = codes[i];
        const x = d[i];
        if (g < 0 || x !== x) continue;
        nobs[g]++;
        const y = x - comp[g];
        const t = sum[g] + y;
        comp[g] = t - sum[g] - y;
        sum[g] = t;
      }
      const out = new Float64Array(ngroups);
      for (let g = 0; g < ngroups; g++) out[g] = nobs[g] === 0 ? NaN : sum[g] / nobs[g];
      return floatCol(out);
    }
    case 'var':
    case 'std': {
      const mean = new Float64Array(ngroups);
      const m2 = new Float64Array(ngroups);
      const nobs = new Float64Array(ngroups);
      for (let i = 0; i < n; i++) {
        const g = codes[i];
        const x = d[i];
        if (g < 0 || x !== x) continue;
        nobs[g]++;
        const old = mean[g];
        mean[g] += (x - old) / nobs[g];
        m2[g] += (x - mean[g]) * (x - old);
      }
      const out = new Float64Array(ngroups);
      for (let g = 0; g < ngroups; g++) {
        out[g] = nobs[g] <= ddof ? NaN : m2[g] / (nobs[g] - ddof);
        if (how === 'std') out[g] = Math.sqrt(out[g]);
      }
      return floatCol(out);
    }
    case 'median': {
      const groups = rowsByGroup(codes, ngroups);
      const out = new Float64Array(ngroups);
      groups.forEach((rows, g) => {
        const vals = rows.map((i) => d[i]).filter((x) => x === x).sort((a, b) => a - b);
        const m = vals.length;
        out[g] = m === 0 ? NaN : m % 2 ? vals[m >> 1] : (vals[(m >> 1) - 1] + vals[m >> 1]) / 2;
      });
      return floatCol(out);
    }
    case 'min':
    case 'max': {
      const out = new Float64Array(ngroups).fill(NaN);
      const seen = new Uint8Array(ngroups);
      for (let i = 0; i < n; i++) {
        const g = codes[i];
        const x = d[i];
        if (g < 0 || x !== x) continue;
        if (!seen[g] || (how === 'min' ? x < out[g] : x > out[g])) out[g] = x;
        seen[g] = 1;
      }
      const empty = seen.some((s) => !s);
      if (c.dtype === 'bool' && !empty) return boolCol(Uint8Array.from(out));
      if (c.dtype === 'int64' && !empty) return intCol(out);
      return floatCol(out);
    }
  }
  throw new DftablesError('DT212', `groupby ${how} is not supported by dftables`);
}

/** Object columns: Python semantics per group (pandas falls back to a Python loop). */
function objectAggregate(c: Column, codes: Int32Array, ngroups: number, how: AggName): Column {
  const groups = rowsByGroup(codes, ngroups);
  const sub = (rows: number[]): Column => objCol(rows.map((i) => c.data[i]));
  const out: PyValue[] = groups.map((rows) => {
    switch (how) {
      case 'sum': {
        // group_sum on objects: the first non-missing value, then + in order.
        let acc: PyValue = 0n;
        let nobs = 0;
        for (const i of rows) {
          const v = c.data[i];
          if (isNA(v)) continue;
          acc = nobs === 0 ? v : pyBinary('+', acc, v);
          nobs++;
        }
        return acc;
      }
      case 'mean':
        return colMean(sub(rows));
      case 'min':
      case 'max':
        return colMinMax(sub(rows), how);
      case 'prod': {
        let acc: PyValue = 1n;
        for (const i of rows) if (!isNA(c.data[i])) acc = pyBinary('*', acc, c.data[i]);
        return acc;
      }
      case 'median':
        // Per group through Series.median, which casts the values to float (numeric text included).
        return colMedian(sub(rows));
      case 'std':
      case 'var': {
        const s = colSum(sub(rows));
        if (typeof s === 'string') throw new PyTypeError(`Could not convert ${s} to numeric`);
        throw new PyTypeError(`could not convert string to float`);
      }
    }
    throw new DftablesError('DT212', `groupby ${how} is not supported by dftables`);
  });
  if (how === 'mean' || how === 'median') return floatCol(Float64Array.from(out as number[]));
  return objCol(out);
}
