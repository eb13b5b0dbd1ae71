/**
 * Row positions of Series.nlargest / nsmallest (keep='first'), as pandas 1.5.3's SelectNSeries
 * picks them: n at least the length sorts everything (quicksort order, missing values last);
 * otherwise the n best values, ties in row order, and missing values (in row order) fill the
 * places left when there are fewer than n values.
 */
import type { Column } from './column.js';
import { naMask } from './dtypes.js';
import { nargsort } from './sort.js';

export function selectNPositions(col: Column, n: number, smallest: boolean): number[] {
  const len = col.data.length;
  if (n <= 0) return [];
  if (n >= len) return Array.from(nargsort(col, smallest, 'last')).slice(0, n);
  const mask = naMask(col);
  const idx: number[] = [];
  const missing: number[] = [];
  for (let i = 0; i < len; i++) (mask[i] ? missing : idx).push(i);
  const d = col.data as ArrayLike<number>;
  idx.sort((x, y) => (smallest ? d[x] - d[y] : d[y] - d[x]) || x - y);
  return [...idx.slice(0, n), ...missing].slice(0, n);
}
