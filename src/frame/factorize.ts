/**
 * Dense integer codes for cell values, shared by merge, groupby and drop_duplicates. Equal
 * values get one code the way pandas' hashtables see equality: 1, 1.0 and True are one key,
 * NaN is one key (None another), text is compared exactly. No per-cell string building for
 * the common cases (numbers, text), which keeps 100,000-row joins fast.
 */
import type { Column } from './column.js';
import { hashKey, type PyValue } from '../python/values.js';

export class Factorizer {
  private readonly nums = new Map<number, number>();
  private readonly strs = new Map<string, number>();
  private readonly others = new Map<string, number>();
  private noneCode = -1;
  /** Number of distinct values seen. */
  count = 0;

  /** naEqual: None and NaN are one value (pandas' factorize treats both as missing). */
  constructor(private readonly naEqual = true) {}

  /** The code of a value (a new one for a value not seen yet). */
  code(v: PyValue): number {
    let m: Map<number, number> | Map<string, number>;
    let k: number | string;
    if (typeof v === 'number') {
      m = this.nums;
      k = v;
    } else if (typeof v === 'string') {
      m = this.strs;
      k = v;
    } else if (typeof v === 'bigint') {
      const x = Number(v);
      if (Number.isSafeInteger(x)) {
        m = this.nums;
        k = x;
      } else {
        m = this.others;
        k = 'b' + v.toString();
      }
    } else if (typeof v === 'boolean') {
      m = this.nums;
      k = v ? 1 : 0;
    } else if (v === null) {
      if (this.naEqual) {
        m = this.nums;
        k = NaN;
      } else {
        if (this.noneCode < 0) this.noneCode = this.count++;
        return this.noneCode;
      }
    } else {
      m = this.others;
      k = hashKey(v);
    }
    const got = (m as Map<number | string, number>).get(k);
    if (got !== undefined) return got;
    const c = this.count++;
    (m as Map<number | string, number>).set(k, c);
    return c;
  }

  /** code(s) for a str: the usual key, without code()'s type dispatch. */
  codeString(s: string): number {
    let g = this.strs.get(s);
    if (g === undefined) {
      g = this.count++;
      this.strs.set(s, g);
    }
    return g;
  }

  /** Codes of a whole column (numeric columns skip the value boxing). */
  codes(c: Column): Int32Array {
    const n = c.data.length;
    const out = new Int32Array(n);
    if (c.dtype === 'object') {
      // Strings straight to their map (the common key); anything else through code().
      const d = c.data;
      for (let i = 0; i < n; i++) {
        const v = d[i];
        out[i] = typeof v === 'string' ? this.codeString(v) : this.code(v);
      }
      return out;
    }
    const d = c.data as ArrayLike<number>;
    const m = this.nums;
    for (let i = 0; i < n; i++) {
      const x = d[i];
      let g = m.get(x);
      if (g === undefined) {
        g = this.count++;
        m.set(x, g);
      }
      out[i] = g;
    }
    return out;
  }
}

/**
 * Codes of rows over several columns (a row's tuple of values): per-column codes combined into
 * one dense code in order of first appearance.
 */
export function rowCodes(cols: Column[], shared?: Factorizer[]): { codes: Int32Array; count: number } {
  const n = cols.length ? cols[0].data.length : 0;
  if (cols.length === 1) {
    const f = shared?.[0] ?? new Factorizer();
    const codes = f.codes(cols[0]);
    return { codes, count: f.count };
  }
  const per = cols.map((c, j) => (shared?.[j] ?? new Factorizer()).codes(c));
  const combined = new Map<string, number>();
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let key = '';
    for (const p of per) key += p[i] + ',';
    let g = combined.get(key);
    if (g === undefined) {
      g = combined.size;
      combined.set(key, g);
    }
    out[i] = g;
  }
  return { codes: out, count: combined.size };
}

/** Rows grouped by code with a counting sort: rows of code g are order[start[g] .. start[g+1]). */
export function groupByCode(codes: Int32Array, count: number): { start: Int32Array; order: Int32Array } {
  const start = new Int32Array(count + 1);
  for (let i = 0; i < codes.length; i++) if (codes[i] >= 0) start[codes[i] + 1]++;
  for (let g = 0; g < count; g++) start[g + 1] += start[g];
  const fill = start.slice(0, count);
  const order = new Int32Array(start[count]);
  for (let i = 0; i < codes.length; i++) {
    const g = codes[i];
    if (g >= 0) order[fill[g]++] = i;
  }
  return { start, order };
}
