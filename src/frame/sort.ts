/**
 * Sorting exactly as pandas 1.5.3 on numpy 1.24 orders rows, ties included:
 *
 * - one key: pandas' nargsort, which drops missing values, argsorts the rest with numpy's
 *   kind='quicksort' (an introsort: median-of-3 quicksort, insertion sort for 16 elements or fewer,
 *   heapsort past a depth limit; NOT stable), reverses around the argsort for descending
 *   order, and puts the missing values' positions last (or first) in their original order;
 * - several keys: pandas' lexsort_indexer, a stable sort on the categorical codes of each key.
 *
 * The quicksort is a port of numpy/core/src/npysort/quicksort.cpp (aquicksort_ for numeric
 * dtypes, npy_aquicksort for object arrays, which compares through Python's `<` and checks
 * bounds in its partition loops) and heapsort.cpp (aheapsort_).
 */
import type { Column } from './column.js';
import { isNA, naMask } from './dtypes.js';
import { compareStr, pyCompare } from './scalarOps.js';
import { Factorizer } from './factorize.js';
import type { PyValue } from '../python/values.js';

const SMALL_QUICKSORT = 15;

function msb(n: number): number {
  let d = 0;
  while ((n >>= 1) > 0) d++;
  return d;
}

/** numpy's aheapsort_ over tosort[lo .. lo+n-1]. */
function aheapsort(less: (a: number, b: number) => boolean, tosort: Int32Array, lo: number, n: number): void {
  // a[k] is tosort[lo + k - 1]: heapsort indexes from 1.
  const a = (k: number) => tosort[lo + k - 1];
  const set = (k: number, v: number) => {
    tosort[lo + k - 1] = v;
  };
  let i: number;
  let j: number;
  let tmp: number;
  for (let l = n >> 1; l > 0; --l) {
    tmp = a(l);
    for (i = l, j = l << 1; j <= n; ) {
      if (j < n && less(a(j), a(j + 1))) j += 1;
      if (less(tmp, a(j))) {
        set(i, a(j));
        i = j;
        j += j;
      } else break;
    }
    set(i, tmp);
  }
  for (; n > 1; ) {
    tmp = a(n);
    set(n, a(1));
    n -= 1;
    for (i = 1, j = 2; j <= n; ) {
      if (j < n && less(a(j), a(j + 1))) j++;
      if (less(tmp, a(j))) {
        set(i, a(j));
        i = j;
        j += j;
      } else break;
    }
    set(i, tmp);
  }
}

/**
 * numpy's argsort kind='quicksort'. `less(i, j)` compares the values at positions i and j.
 * `guarded` selects the generic (object) variant, whose partition loops also stop at pi < pj.
 */
export function npArgsortQuick(n: number, less: (a: number, b: number) => boolean, guarded: boolean): Int32Array {
  const tosort = new Int32Array(n);
  for (let i = 0; i < n; i++) tosort[i] = i;
  if (n < 2) return tosort;
  let pl = 0;
  let pr = n - 1;
  const stack: number[] = [];
  const depthStack: number[] = [];
  let cdepth = msb(n) * 2;
  let tmp: number;
  for (;;) {
    let popped = false;
    if (cdepth < 0) {
      aheapsort(less, tosort, pl, pr - pl + 1);
      popped = true;
    }
    if (!popped) {
      while (pr - pl > SMALL_QUICKSORT) {
        const pm = pl + ((pr - pl) >> 1);
        if (less(tosort[pm], tosort[pl])) {
          tmp = tosort[pm];
          tosort[pm] = tosort[pl];
          tosort[pl] = tmp;
        }
        if (less(tosort[pr], tosort[pm])) {
          tmp = tosort[pr];
          tosort[pr] = tosort[pm];
          tosort[pm] = tmp;
        }
        if (less(tosort[pm], tosort[pl])) {
          tmp = tosort[pm];
          tosort[pm] = tosort[pl];
          tosort[pl] = tmp;
        }
        const vp = tosort[pm];
        let pi = pl;
        let pj = pr - 1;
        tmp = tosort[pm];
        tosort[pm] = tosort[pj];
        tosort[pj] = tmp;
        for (;;) {
          if (guarded) {
            do ++pi;
            while (less(tosort[pi], vp) && pi < pj);
            do --pj;
            while (less(vp, tosort[pj]) && pi < pj);
          } else {
            do ++pi;
            while (less(tosort[pi], vp));
            do --pj;
            while (less(vp, tosort[pj]));
          }
          if (pi >= pj) break;
          tmp = tosort[pi];
          tosort[pi] = tosort[pj];
          tosort[pj] = tmp;
        }
        const pk = pr - 1;
        tmp = tosort[pi];
        tosort[pi] = tosort[pk];
        tosort[pk] = tmp;
        if (pi - pl < pr - pi) {
          stack.push(pi + 1, pr);
          pr = pi - 1;
        } else {
          stack.push(pl, pi - 1);
          pl = pi + 1;
        }
        depthStack.push(--cdepth);
      }
      // insertion sort
      for (let pi = pl + 1; pi <= pr; ++pi) {
        const vi = tosort[pi];
        let pj = pi;
        let pk = pi - 1;
        while (pj > pl && less(vi, tosort[pk])) {
          tosort[pj--] = tosort[pk--];
        }
        tosort[pj] = vi;
      }
    }
    if (stack.length === 0) break;
    pr = stack.pop()!;
    pl = stack.pop()!;
    cdepth = depthStack.pop()!;
  }
  return tosort;
}

/** Stable argsort (numpy's mergesort/timsort give the stable order). */
export function stableArgsort(n: number, cmp: (a: number, b: number) => number): Int32Array {
  const idx = Array.from({ length: n }, (_, i) => i);
  idx.sort((a, b) => cmp(a, b) || a - b);
  return Int32Array.from(idx);
}

export type SortKind = 'quicksort' | 'mergesort' | 'stable' | 'heapsort';

/** numpy's float less: NaN sorts last (never present here: pandas removes missing values first). */
function floatLess(v: ArrayLike<number>) {
  return (a: number, b: number) => {
    const x = v[a];
    const y = v[b];
    return x < y || (y !== y && x === x);
  };
}

function objectLess(v: readonly PyValue[]) {
  return (a: number, b: number) => pyCompare('<', v[a], v[b]);
}

/** Argsort of values with numpy's algorithm for the given kind. */
function npArgsort(values: Column, kind: SortKind): Int32Array {
  const n = values.data.length;
  const less = values.dtype === 'object' ? objectLess(values.data) : floatLess(values.data as ArrayLike<number>);
  // numpy sorts int64 with the typed introsort; object arrays with the generic one (bounds-checked).
  if (kind === 'quicksort') return npArgsortQuick(n, less, values.dtype === 'object' && !values.int64);
  if (kind === 'heapsort') {
    const tosort = new Int32Array(n);
    for (let i = 0; i < n; i++) tosort[i] = i;
    aheapsort(less, tosort, 0, n);
    return tosort;
  }
  return stableArgsort(n, (a, b) => (less(a, b) ? -1 : less(b, a) ? 1 : 0));
}

function takeValues(c: Column, idx: ArrayLike<number>): Column {
  const n = idx.length;
  if (c.dtype === 'object') {
    const out = new Array<PyValue>(n);
    for (let i = 0; i < n; i++) out[i] = c.data[idx[i]];
    return c.int64 ? { dtype: 'object', data: out, int64: true } : { dtype: 'object', data: out };
  }
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = c.data[idx[i]];
  return { dtype: 'float64', data: out };
}

/**
 * pandas.core.sorting.nargsort: positions that sort `values`, missing values last (or first)
 * in their original order.
 */
export function nargsort(values: Column, ascending: boolean, naPosition: 'last' | 'first', kind: SortKind = 'quicksort'): Int32Array {
  const n = values.data.length;
  const mask = naMask(values);
  const nonNanIdx: number[] = [];
  const nanIdx: number[] = [];
  for (let i = 0; i < n; i++) (mask[i] ? nanIdx : nonNanIdx).push(i);
  if (!ascending) nonNanIdx.reverse();
  const nonNans = takeValues(values, nonNanIdx);
  const order = npArgsort(nonNans, kind);
  const indexer = new Int32Array(n);
  const m = order.length;
  let o = 0;
  if (naPosition === 'first') for (const i of nanIdx) indexer[o++] = i;
  if (ascending) for (let i = 0; i < m; i++) indexer[o++] = nonNanIdx[order[i]];
  else for (let i = m - 1; i >= 0; i--) indexer[o++] = nonNanIdx[order[i]];
  if (naPosition === 'last') for (const i of nanIdx) indexer[o++] = i;
  return indexer;
}

/** Order of distinct values as pandas sorts categories (safe_sort: numbers before strings). */
export function compareValues(a: PyValue, b: PyValue): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  if (ra === 1) {
    const x = Number(a);
    const y = Number(b);
    if (typeof a === 'bigint' && typeof b === 'bigint') return a < b ? -1 : a > b ? 1 : 0;
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (ra === 2) return compareStr(a as string, b as string);
  if (pyCompare('<', a, b)) return -1;
  if (pyCompare('<', b, a)) return 1;
  return 0;
}

function rank(v: PyValue): number {
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return 1;
  if (typeof v === 'string') return 2;
  return 3;
}

/**
 * Stable argsort of doubles by LSD radix sort on their bits (four 16-bit digits), NaN last and
 * -0 equal to 0: about ten times faster than a comparison sort on 100,000 values.
 */
export function radixArgsort(d: ArrayLike<number>): Int32Array {
  const n = d.length;
  const lo = new Uint32Array(n);
  const hi = new Uint32Array(n);
  const f = new Float64Array(1);
  const w = new Uint32Array(f.buffer);
  // Little-endian word order, as on every platform Node runs on.
  for (let i = 0; i < n; i++) {
    let x = d[i];
    if (x !== x) x = Infinity; // placed after +inf below
    else if (x === 0) x = 0;
    f[0] = x;
    let l = w[0];
    let h = w[1];
    if (h & 0x80000000) {
      l = ~l >>> 0;
      h = ~h >>> 0;
    } else h = (h | 0x80000000) >>> 0;
    if (d[i] !== d[i]) {
      l = 0xffffffff;
      h = 0xffffffff;
    }
    lo[i] = l;
    hi[i] = h;
  }
  let src = new Int32Array(n);
  for (let i = 0; i < n; i++) src[i] = i;
  let dst = new Int32Array(n);
  const count = new Int32Array(65537);
  for (let pass = 0; pass < 4; pass++) {
    const words = pass < 2 ? lo : hi;
    const shift = pass % 2 === 0 ? 0 : 16;
    count.fill(0);
    for (let k = 0; k < n; k++) count[((words[src[k]] >>> shift) & 0xffff) + 1]++;
    for (let b = 0; b < 65536; b++) count[b + 1] += count[b];
    for (let k = 0; k < n; k++) {
      const i = src[k];
      dst[count[(words[i] >>> shift) & 0xffff]++] = i;
    }
    const t = src;
    src = dst;
    dst = t;
  }
  return src;
}

/**
 * Categorical codes of a column (pandas' factorize with sort=True): code of each row in the
 * sorted distinct values, -1 for missing. Also returns the number of categories.
 */
export function sortedCodes(c: Column): { codes: Int32Array; ncat: number } {
  const n = c.data.length;
  const codes = new Int32Array(n);
  if (c.dtype !== 'object') {
    // Rows in value order (a radix argsort), then one pass numbering the distinct values.
    const d = c.data as ArrayLike<number>;
    const order = radixArgsort(d);
    let u = -1;
    let prev = NaN;
    for (let k = 0; k < order.length; k++) {
      const i = order[k];
      const x = d[i];
      if (x !== x) {
        codes[i] = -1;
        continue;
      }
      if (u < 0 || x !== prev) {
        u++;
        prev = x;
      }
      codes[i] = u;
    }
    return { codes, ncat: u + 1 };
  }
  const d = c.data;
  const f = new Factorizer();
  const uniq: PyValue[] = [];
  const raw = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = d[i];
    const str = typeof v === 'string';
    if (!str && isNA(v)) {
      raw[i] = -1;
      continue;
    }
    const k = str ? f.codeString(v) : f.code(v);
    if (k === uniq.length) uniq.push(v);
    raw[i] = k;
  }
  const order = uniq.map((_, i) => i).sort((a, b) => compareValues(uniq[a], uniq[b]));
  const rank = new Int32Array(uniq.length);
  order.forEach((u, r) => (rank[u] = r));
  for (let i = 0; i < n; i++) codes[i] = raw[i] < 0 ? -1 : rank[raw[i]];
  return { codes, ncat: uniq.length };
}

/** Rows from which lexsortIndexer sorts by radix passes. */
const RADIX_MIN_ROWS = 2048;

/**
 * The 64-bit order key of a double as two 32-bit words (hi, lo): unsigned order of the words
 * is numeric order, -0 equal to 0; NaN is all ones (last) or all zeros (first), which no
 * number reaches in either direction. `descending` reverses the numbers, not NaN's place.
 */
function floatOrderWords(d: ArrayLike<number>, descending: boolean, naLast: boolean, hi: Uint32Array, lo: Uint32Array): void {
  const n = d.length;
  const f = new Float64Array(1);
  const w = new Uint32Array(f.buffer); // little-endian word order, as on every platform Node runs on
  const flip = descending ? 0xffffffff : 0;
  const nan = naLast ? 0xffffffff : 0;
  for (let i = 0; i < n; i++) {
    const x = d[i];
    if (x !== x) {
      lo[i] = nan;
      hi[i] = nan;
      continue;
    }
    f[0] = x === 0 ? 0 : x;
    const h = w[1];
    // Negative numbers: all bits flipped; others: the sign bit set.
    const neg = h >>> 31 === 1;
    lo[i] = ((neg ? ~w[0] : w[0]) ^ flip) >>> 0;
    hi[i] = ((neg ? ~h : h | 0x80000000) ^ flip) >>> 0;
  }
}

// A radix pass in three loops, each its own small function: the four passes per key (and every
// key) then share one optimized copy instead of recompiling a larger function's loops per call.

/** count[d + 1] = number of rows whose 16-bit digit is d. */
function histogram(perm: Int32Array, words: Uint32Array, shift: number, count: Int32Array): void {
  count.fill(0);
  const n = perm.length;
  for (let k = 0; k < n; k++) count[((words[perm[k]] >>> shift) & 0xffff) + 1]++;
}

/** Whether one digit holds every row (the pass would not move any). */
function oneBucket(count: Int32Array, n: number): boolean {
  for (let b = 1; b <= 65536; b++) if (count[b]) return count[b] === n;
  return true;
}

function prefixSums(count: Int32Array): void {
  for (let b = 0; b < 65536; b++) count[b + 1] += count[b];
}

function scatter(perm: Int32Array, words: Uint32Array, shift: number, count: Int32Array, out: Int32Array): void {
  const n = perm.length;
  for (let k = 0; k < n; k++) {
    const i = perm[k];
    out[count[(words[i] >>> shift) & 0xffff]++] = i;
  }
}

/**
 * One stable counting-sort pass of `perm` by a 16-bit digit of words[row]; returns the new
 * order (or perm itself when every row has the same digit).
 */
function digitPass(perm: Int32Array, words: Uint32Array, shift: number, count: Int32Array, spare: Int32Array): Int32Array {
  histogram(perm, words, shift, count);
  if (oneBucket(count, perm.length)) return perm;
  prefixSums(count);
  scatter(perm, words, shift, count, spare);
  return spare;
}

/** Stable sort of `perm` by the codes (0 .. size-1) of each row. */
function countingPass(perm: Int32Array, codes: Int32Array, size: number, spare: Int32Array): Int32Array {
  const n = perm.length;
  const start = new Int32Array(size + 1);
  for (let k = 0; k < n; k++) start[codes[perm[k]] + 1]++;
  for (let c = 0; c < size; c++) start[c + 1] += start[c];
  for (let k = 0; k < n; k++) {
    const i = perm[k];
    spare[start[codes[i]]++] = i;
  }
  return spare;
}

/** Codes of a key as lexsort_indexer orders them: NaN last (code ncat) or first (0), descending reversed. */
function keyCodes(k: Column, asc: boolean, naPosition: 'last' | 'first'): { codes: Int32Array; size: number } {
  const { codes, ncat } = sortedCodes(k);
  const n = codes.length;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = codes[i];
    // NaN takes code ncat (last) or 0 (first, the others shifted up), as pandas does.
    if (c < 0) out[i] = naPosition === 'last' ? ncat : 0;
    else {
      const v = asc ? c : ncat - c - 1;
      out[i] = naPosition === 'last' ? v : v + 1;
    }
  }
  return { codes: out, size: ncat + 1 };
}

/**
 * pandas' lexsort_indexer: a stable sort by several keys, each ascending or descending, NaN
 * last or first. The order is the stable sort by the tuple of the keys' codes, which an LSD
 * sort reaches one key at a time from the last: a radix sort on the order bits of a numeric key
 * (no codes needed), a counting sort on the codes of an object key. Small tables sort by packed
 * codes instead (a radix pass costs its 65,536 buckets whatever the rows); `radix` forces one
 * way or the other (the property tests compare them).
 */
export function lexsortIndexer(keys: Column[], ascending: boolean[], naPosition: 'last' | 'first', tuning: { radix?: boolean } = {}): Int32Array {
  const n = keys.length ? keys[0].data.length : 0;
  if (!(tuning.radix ?? n >= RADIX_MIN_ROWS)) return lexsortByPackedCodes(keys, ascending, naPosition);
  // perm is the order so far; each pass writes the next order into spare, then they swap.
  let perm: Int32Array = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  let spare: Int32Array = new Int32Array(n);
  const advance = (next: Int32Array) => {
    if (next === perm) return;
    spare = perm;
    perm = next;
  };
  let count: Int32Array | null = null;
  let hi: Uint32Array | null = null;
  let lo: Uint32Array | null = null;
  for (let j = keys.length - 1; j >= 0; j--) {
    const k = keys[j];
    if (k.dtype === 'object') {
      const { codes, size } = keyCodes(k, ascending[j], naPosition);
      advance(countingPass(perm, codes, size, spare));
    } else {
      hi ??= new Uint32Array(n);
      lo ??= new Uint32Array(n);
      floatOrderWords(k.data, !ascending[j], naPosition === 'last', hi, lo);
      count ??= new Int32Array(65537);
      advance(digitPass(perm, lo, 0, count, spare));
      advance(digitPass(perm, lo, 16, count, spare));
      advance(digitPass(perm, hi, 0, count, spare));
      advance(digitPass(perm, hi, 16, count, spare));
    }
  }
  return perm;
}

/** lexsort_indexer by packing every key's codes and the row into one double. */
function lexsortByPackedCodes(keys: Column[], ascending: boolean[], naPosition: 'last' | 'first'): Int32Array {
  const n = keys.length ? keys[0].data.length : 0;
  const all: Int32Array[] = [];
  const sizes: number[] = [];
  keys.forEach((k, j) => {
    const { codes, size } = keyCodes(k, ascending[j], naPosition);
    all.push(codes);
    sizes.push(size);
  });
  // Pack the codes and the row into one double when they fit (a plain numeric sort is stable
  // by construction); otherwise compare code by code.
  let space = n;
  for (const s of sizes) space *= s;
  if (space < 2 ** 52) {
    const packed = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      let key = 0;
      for (let j = 0; j < all.length; j++) key = key * sizes[j] + all[j][i];
      packed[i] = key * n + i;
    }
    packed.sort();
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = packed[i] % n;
    return out;
  }
  return stableArgsort(n, (a, b) => {
    for (const codes of all) {
      const d = codes[a] - codes[b];
      if (d) return d;
    }
    return 0;
  });
}
