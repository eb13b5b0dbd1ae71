/**
 * Column names as read_csv makes them: TextReader._get_header's mangling of duplicate header
 * cells ('a', 'a.1'; unnamed columns last) and ParserBase._maybe_dedup_names.
 */
import { hashKey } from '../python/values.js';
import { pyStr } from '../python/pyStr.js';
import type { Label } from './column.js';

/** TextReader._get_header's mangling of duplicate header names ('a', 'a.1', unnamed ones last). */
export function mangleHeader<T>(header: string[], unnamed: number[], dtype: Map<string, T> | null): string[] {
  const out = header.slice();
  const order = [...out.keys()].filter((k) => !unnamed.includes(k)).concat(unnamed);
  const counts = new Map<string, number>();
  for (const k of order) {
    let col = out[k];
    const old = col;
    let cur = counts.get(col) ?? 0;
    if (cur > 0) {
      while (cur > 0) {
        counts.set(old, cur + 1);
        col = `${old}.${cur}`;
        if (out.includes(col)) cur += 1;
        else cur = counts.get(col) ?? 0;
      }
      if (dtype && dtype.has(hashKey(old)) && !dtype.has(hashKey(col))) dtype.set(hashKey(col), dtype.get(hashKey(old))!);
    }
    out[k] = col;
    counts.set(col, cur + 1);
  }
  return out;
}

/** ParserBase._maybe_dedup_names. */
export function dedupNames(names: Label[]): Label[] {
  const out = names.slice();
  const counts = new Map<string, number>();
  for (let k = 0; k < out.length; k++) {
    let col: Label = out[k];
    let cur = counts.get(hashKey(col)) ?? 0;
    while (cur > 0) {
      counts.set(hashKey(col), cur + 1);
      col = `${pyStr(col)}.${cur}`;
      cur = counts.get(hashKey(col)) ?? 0;
    }
    out[k] = col;
    counts.set(hashKey(col), cur + 1);
  }
  return out;
}
