/**
 * Python's list.sort using only `<`, stable. Lists under 64 items follow CPython 3.11's timsort
 * step for step (count_run, then binary insertion), so even inconsistent orders (NaN among
 * floats) come out as Python's; longer lists use a stable merge sort, identical for any
 * consistent order.
 */
import type { PyValue } from './values.js';

export type LessThan = (a: PyValue, b: PyValue) => boolean;

function reverseRange<T>(a: T[], lo: number, hi: number): void {
  for (hi--; lo < hi; lo++, hi--) {
    const t = a[lo];
    a[lo] = a[hi];
    a[hi] = t;
  }
}

function countRun<T>(a: T[], lo: number, hi: number, lt: (x: T, y: T) => boolean): { n: number; descending: boolean } {
  let i = lo + 1;
  if (i === hi) return { n: 1, descending: false };
  let n = 2;
  if (lt(a[i], a[i - 1])) {
    for (i = i + 1; i < hi; i++, n++) if (!lt(a[i], a[i - 1])) break;
    return { n, descending: true };
  }
  for (i = i + 1; i < hi; i++, n++) if (lt(a[i], a[i - 1])) break;
  return { n, descending: false };
}

function binarySort<T>(a: T[], lo: number, hi: number, start: number, lt: (x: T, y: T) => boolean): void {
  if (lo === start) start++;
  for (; start < hi; start++) {
    let l = lo;
    let r = start;
    const pivot = a[r];
    do {
      const p = l + ((r - l) >> 1);
      if (lt(pivot, a[p])) r = p;
      else l = p + 1;
    } while (l < r);
    for (let p = start; p > l; p--) a[p] = a[p - 1];
    a[l] = pivot;
  }
}

function mergeSort<T>(a: T[], lt: (x: T, y: T) => boolean): T[] {
  // countRun reads a[lo + 1]: nothing to order below two items (sorted([]) must not touch a[1]).
  if (a.length < 2) return a;
  if (a.length < 64) {
    const { n, descending } = countRun(a, 0, a.length, lt);
    if (descending) reverseRange(a, 0, n);
    if (n < a.length) binarySort(a, 0, a.length, n, lt);
    return a;
  }
  const mid = a.length >> 1;
  const left = mergeSort(a.slice(0, mid), lt);
  const right = mergeSort(a.slice(mid), lt);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < left.length && j < right.length) a[k++] = lt(right[j], left[i]) ? right[j++] : left[i++];
  while (i < left.length) a[k++] = left[i++];
  while (j < right.length) a[k++] = right[j++];
  return a;
}

/** Sorts in place, as list.sort(key=..., reverse=...): keys computed once, reverse keeps stability. */
export function pySort(items: PyValue[], lt: LessThan, key?: (v: PyValue) => PyValue, reverse = false): void {
  const pairs = items.map((v) => ({ k: key ? key(v) : v, v }));
  if (reverse) pairs.reverse();
  mergeSort(pairs, (x, y) => lt(x.k, y.k));
  if (reverse) pairs.reverse();
  for (let i = 0; i < items.length; i++) items[i] = pairs[i].v;
}
