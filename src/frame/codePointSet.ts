/**
 * Sets of Unicode code points as sorted, disjoint, non-adjacent inclusive ranges flattened into
 * one array: [lo0, hi0, lo1, hi1, ...]. The regex translator (pyRegex*.ts) resolves every Python
 * character class, escape and case-insensitive literal to one of these before writing it out as
 * JavaScript, so set algebra (negation, case closure, ASCII-only views) is exact.
 */
export type CodePointSet = readonly number[];

export const MAX_CODE_POINT = 0x10ffff;
export const EMPTY: CodePointSet = [];
export const ALL: CodePointSet = [0, MAX_CODE_POINT];
export const ASCII: CodePointSet = [0, 0x7f];

export function single(cp: number): CodePointSet {
  return [cp, cp];
}

/** Any list of [lo, hi] pairs (unsorted, overlapping) as a normalized set. */
export function fromPairs(pairs: readonly (readonly [number, number])[]): CodePointSet {
  const sorted = pairs.filter(([lo, hi]) => lo <= hi).sort((a, b) => a[0] - b[0]);
  const out: number[] = [];
  for (const [lo, hi] of sorted) {
    const n = out.length;
    if (n && lo <= out[n - 1] + 1) out[n - 1] = Math.max(out[n - 1], hi);
    else out.push(lo, hi);
  }
  return out;
}

export function fromCodePoints(cps: Iterable<number>): CodePointSet {
  return fromPairs([...cps].map((cp) => [cp, cp] as const));
}

/** Decodes the generated tables' [gap, length - 1, ...] lists (see scripts/gen-py-unicode.py). */
export function fromDeltaRanges(deltas: readonly number[]): CodePointSet {
  const out: number[] = [];
  let prev = -1;
  for (let i = 0; i < deltas.length; i += 2) {
    const lo = prev + deltas[i];
    prev = lo + deltas[i + 1];
    out.push(lo, prev);
  }
  return out;
}

export function isEmpty(set: CodePointSet): boolean {
  return set.length === 0;
}

export function has(set: CodePointSet, cp: number): boolean {
  let lo = 0;
  let hi = set.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (cp < set[2 * mid]) hi = mid - 1;
    else if (cp > set[2 * mid + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}

export function size(set: CodePointSet): number {
  let n = 0;
  for (let i = 0; i < set.length; i += 2) n += set[i + 1] - set[i] + 1;
  return n;
}

export function union(...sets: CodePointSet[]): CodePointSet {
  const pairs: [number, number][] = [];
  for (const s of sets) for (let i = 0; i < s.length; i += 2) pairs.push([s[i], s[i + 1]]);
  return fromPairs(pairs);
}

export function complement(set: CodePointSet): CodePointSet {
  const out: number[] = [];
  let next = 0;
  for (let i = 0; i < set.length; i += 2) {
    if (set[i] > next) out.push(next, set[i] - 1);
    next = set[i + 1] + 1;
  }
  if (next <= MAX_CODE_POINT) out.push(next, MAX_CODE_POINT);
  return out;
}

export function intersect(a: CodePointSet, b: CodePointSet): CodePointSet {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const lo = Math.max(a[i], b[j]);
    const hi = Math.min(a[i + 1], b[j + 1]);
    if (lo <= hi) out.push(lo, hi);
    if (a[i + 1] < b[j + 1]) i += 2;
    else j += 2;
  }
  return out;
}

export function subtract(a: CodePointSet, b: CodePointSet): CodePointSet {
  return intersect(a, complement(b));
}

export function equals(a: CodePointSet, b: CodePointSet): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** The ranges as [lo, hi] pairs. */
export function pairsOf(set: CodePointSet): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < set.length; i += 2) out.push([set[i], set[i + 1]]);
  return out;
}
