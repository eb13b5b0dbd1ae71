/** Series.rank: average/min/max/first/dense ranks (float64), missing values kept/top/bottom. */
import { DftablesError } from '../errors.js';
import type { Column } from './column.js';
import { cellAt, floatCol, isNA } from './dtypes.js';
import { compareValues } from './sort.js';

/** An object column mixing text with numbers: Python cannot order it (rank raises TypeError). */
export function hasIncomparableValues(c: Column): boolean {
  if (c.dtype !== 'object') return false;
  let text = false;
  let other = false;
  for (let i = 0; i < c.data.length; i++) {
    const v = cellAt(c, i);
    if (isNA(v)) continue;
    if (typeof v === 'string') text = true;
    else if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') other = true;
    if (text && other) return true;
  }
  return false;
}

export function rankColumn(c: Column, method: string, ascending: boolean, naOption: string, pct: boolean): Column {
  if (!['average', 'min', 'max', 'first', 'dense'].includes(method)) throw new DftablesError('DT208', `invalid method ${method}`);
  if (!['keep', 'top', 'bottom'].includes(naOption)) throw new DftablesError('DT208', 'na_option must be one of \'keep\', \'top\', or \'bottom\'');
  const n = c.data.length;
  const vals = Array.from({ length: n }, (_, i) => cellAt(c, i));
  const valid: number[] = [];
  const missing: number[] = [];
  vals.forEach((v, i) => (isNA(v) ? missing : valid).push(i));
  const cmp = (a: number, b: number) => (ascending ? compareValues(vals[a], vals[b]) : compareValues(vals[b], vals[a])) || a - b;
  valid.sort(cmp);
  const out = new Float64Array(n).fill(NaN);
  let order = valid;
  if (naOption === 'top') order = [...missing, ...valid];
  else if (naOption === 'bottom') order = [...valid, ...missing];
  const same = (a: number, b: number) => (isNA(vals[a]) && isNA(vals[b])) || (!isNA(vals[a]) && !isNA(vals[b]) && compareValues(vals[a], vals[b]) === 0);
  let dense = 0;
  let i = 0;
  while (i < order.length) {
    let j = i;
    while (j + 1 < order.length && same(order[i], order[j + 1])) j++;
    dense++;
    for (let k = i; k <= j; k++) {
      const p = order[k];
      out[p] = method === 'average' ? (i + j + 2) / 2 : method === 'min' ? i + 1 : method === 'max' ? j + 1 : method === 'first' ? k + 1 : dense;
    }
    i = j + 1;
  }
  if (pct) {
    const total = method === 'dense' ? dense : order.length;
    for (let k = 0; k < n; k++) out[k] = out[k] / total;
  }
  return floatCol(out);
}
