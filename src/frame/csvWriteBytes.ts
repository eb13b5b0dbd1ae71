/**
 * to_csv for large tables, written as bytes: each column's cells are encoded once into a byte
 * buffer (a tight loop per dtype), then the rows are interleaved into one buffer that becomes
 * one string. Building the same text from a string per cell and a string per row allocates a
 * few million short-lived strings for a 100,000-row table; this allocates a few arrays.
 *
 * Only for tables whose text is Latin-1 (every code unit below 256, the usual case): the bytes
 * are then the code units, and Buffer's latin1 decoding gives the string back exactly. A
 * column with any other character returns null and the caller writes the table as strings.
 * Output is byte-identical to the string writer (csvWrite.ts); test/perf compares the two.
 */
import { floatRepr } from '../python/floatRepr.js';
import { pyStr } from '../python/pyStr.js';
import type { PyValue } from '../python/values.js';
import type { Column } from './column.js';
import { isMissingCell } from './csvMissing.js';

// 10**d for d <= 22 is exact in a double.
const POW10 = Array.from({ length: 23 }, (_, d) => 10 ** d);
const M_MAX = 2 ** 50;

class ByteSink {
  bytes: Uint8Array;
  o = 0;
  constructor(size: number) {
    this.bytes = new Uint8Array(Math.max(64, size));
  }
  reserve(k: number): void {
    if (this.o + k > this.bytes.length) {
      const b = new Uint8Array(Math.max(this.bytes.length * 2, this.o + k));
      b.set(this.bytes.subarray(0, this.o));
      this.bytes = b;
    }
  }
}

/** Writes the decimal digits of a non-negative integer below 2**53. */
function writeDigits(sink: ByteSink, m: number): void {
  const b = sink.bytes;
  const first = sink.o;
  let o = first;
  do {
    const q = Math.floor(m / 10);
    b[o++] = 48 + (m - q * 10);
    m = q;
  } while (m > 0);
  for (let l = first, r = o - 1; l < r; l++, r--) {
    const t = b[l];
    b[l] = b[r];
    b[r] = t;
  }
  sink.o = o;
}

/**
 * repr(x) written as bytes, for finite non-zero x with 1e-4 <= |x| < 1e16 (fixed notation).
 *
 * The shortest digits that round-trip are found directly when they are few: the smallest d for
 * which m = round(|x| * 10**d) satisfies m / 10**d === |x| gives them. With m <= 2**50 this is
 * exact: the product's rounding error and the round-trip interval are each under a quarter of
 * a unit of m, so rounding finds the only d-decimal candidate if there is one, the division
 * (correctly rounded, like float()) tests the round trip exactly, no other d-decimal string
 * round-trips, and a string with more decimals would need m > 2**52 to be as short. Returns
 * false (nothing written) when no such d exists: the caller then uses floatRepr.
 */
function writeShortDecimal(sink: ByteSink, x: number): boolean {
  const ax = x < 0 ? -x : x;
  // Up to 7 decimals: values with more are rare in tables and are left to floatRepr.
  for (let d = 0; d <= 7; d++) {
    const p = POW10[d];
    const m = Math.round(ax * p);
    if (m > M_MAX) return false;
    if (m / p !== ax) continue;
    sink.reserve(48);
    const b = sink.bytes;
    if (x < 0) b[sink.o++] = 45;
    if (d === 0) {
      writeDigits(sink, m);
      b[sink.o++] = 46;
      b[sink.o++] = 48;
      return true;
    }
    const ip = Math.floor(m / p);
    writeDigits(sink, ip);
    b[sink.o++] = 46;
    // The fraction, d digits with its leading zeros (m is not a multiple of 10 here).
    let frac = m - ip * p;
    const end = sink.o + d;
    for (let k = end - 1; k >= sink.o; k--) {
      const q = Math.floor(frac / 10);
      b[k] = 48 + (frac - q * 10);
      frac = q;
    }
    sink.o = end;
    return true;
  }
  return false;
}

/** Copies a Latin-1 string; false if it has a code unit above 255. */
function writeLatin1(sink: ByteSink, s: string): boolean {
  sink.reserve(s.length);
  const b = sink.bytes;
  let o = sink.o;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c > 255) return false;
    b[o++] = c;
  }
  sink.o = o;
  return true;
}

/**
 * Python csv QUOTE_MINIMAL: a field with ',', '"' or '\n' is quoted, its quotes doubled.
 * False (nothing written) for a code unit above 255.
 */
function writeField(sink: ByteSink, s: string): boolean {
  sink.reserve(s.length);
  const b = sink.bytes;
  let o = sink.o;
  let special = false;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c > 255) return false;
    if (c === 44 || c === 34 || c === 10) special = true;
    b[o++] = c;
  }
  if (!special) {
    sink.o = o;
    return true;
  }
  sink.reserve(2 * s.length + 2);
  const q = sink.bytes;
  o = sink.o;
  q[o++] = 34;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    q[o++] = c;
    if (c === 34) q[o++] = 34;
  }
  q[o++] = 34;
  sink.o = o;
  return true;
}

// The table is written a block of rows at a time: each column's cells of the block are encoded
// into that column's buffer, then the block's rows are interleaved into the output. Memory stays
// at the output plus one block per column, and the loops are small functions called once per
// block and column: optimized once, for every column of their dtype.

/** Rows per block. */
const BLOCK_ROWS = 4096;
/** After this many cells of a block, a column whose cells mostly had no short decimal form stops trying. */
const DECIMAL_PROBE = 64;

/** Rows [from, to) of a float64 column; ends[i - from] is where cell i's bytes end in sink. */
function encodeFloats(d: Float64Array, from: number, to: number, alone: boolean, sink: ByteSink, ends: Int32Array): void {
  // Computed values (17 digits) rarely have a short decimal form, and trying costs more than
  // floatRepr: give up on a block where most of the first cells had none.
  let tries = 0;
  let misses = 0;
  let decimals = true;
  for (let i = from; i < to; i++) {
    const x = d[i];
    if (x !== x) {
      if (alone) writeLatin1(sink, '""');
    } else {
      const ax = x < 0 ? -x : x;
      let done = false;
      if (decimals && ax >= 1e-4 && ax < 1e16) {
        done = writeShortDecimal(sink, x);
        if (!done) misses++;
        if (++tries === DECIMAL_PROBE && misses * 2 > tries) decimals = false;
      }
      if (!done) writeLatin1(sink, floatRepr(x));
    }
    ends[i - from] = sink.o;
  }
}

function encodeInts(d: Float64Array, from: number, to: number, sink: ByteSink, ends: Int32Array): void {
  for (let i = from; i < to; i++) {
    const x = d[i];
    if (Number.isSafeInteger(x)) {
      sink.reserve(24);
      if (x < 0) {
        sink.bytes[sink.o++] = 45;
        writeDigits(sink, -x);
      } else writeDigits(sink, x);
    } else writeLatin1(sink, BigInt(x).toString());
    ends[i - from] = sink.o;
  }
}

function encodeBools(d: Uint8Array, from: number, to: number, sink: ByteSink, ends: Int32Array): void {
  for (let i = from; i < to; i++) {
    writeLatin1(sink, d[i] ? 'True' : 'False');
    ends[i - from] = sink.o;
  }
}

/** False when a cell is not Latin-1. */
function encodeObjects(d: readonly PyValue[], from: number, to: number, alone: boolean, sink: ByteSink, ends: Int32Array): boolean {
  for (let i = from; i < to; i++) {
    const v = d[i];
    const s = typeof v === 'string' ? v : isMissingCell(v) ? '' : pyStr(v);
    if (s === '' && alone) writeLatin1(sink, '""');
    else if (!writeField(sink, s)) return false;
    ends[i - from] = sink.o;
  }
  return true;
}

/** Rows [from, to) of a column into sink (emptied first); false when a cell is not Latin-1. */
function encodeBlock(c: Column, from: number, to: number, alone: boolean, sink: ByteSink, ends: Int32Array): boolean {
  sink.o = 0;
  switch (c.dtype) {
    case 'float64':
      encodeFloats(c.data, from, to, alone, sink, ends);
      return true;
    case 'int64':
      encodeInts(c.data, from, to, sink, ends);
      return true;
    case 'bool':
      encodeBools(c.data, from, to, sink, ends);
      return true;
    case 'object':
      return encodeObjects(c.data, from, to, alone, sink, ends);
  }
}

/** Appends rows of the block (each column's cells, ',' between, '\n' after) to out. */
function interleave(blocks: ByteSink[], ends: Int32Array[], rows: number, out: ByteSink): void {
  const m = blocks.length;
  let size = rows * m;
  for (let k = 0; k < m; k++) size += blocks[k].o;
  out.reserve(size);
  const dst = out.bytes;
  let o = out.o;
  for (let r = 0; r < rows; r++) {
    for (let k = 0; k < m; k++) {
      const src = blocks[k].bytes;
      const e = ends[k];
      const end = e[r];
      for (let p = r === 0 ? 0 : e[r - 1]; p < end; p++) dst[o++] = src[p];
      dst[o++] = k === m - 1 ? 10 : 44;
    }
  }
  out.o = o;
}

/**
 * The data rows of df.to_csv(index=False) (no header) for a table with at least one column,
 * or null when some cell is not Latin-1.
 */
export function csvBodyBytes(columns: Column[]): string | null {
  const m = columns.length;
  const n = columns[0].data.length;
  const rows = Math.min(n, BLOCK_ROWS);
  const blocks = columns.map(() => new ByteSink(rows * 12));
  const ends = columns.map(() => new Int32Array(rows));
  const out = new ByteSink(n * m * 8);
  for (let from = 0; from < n; from += BLOCK_ROWS) {
    const to = Math.min(n, from + BLOCK_ROWS);
    for (let k = 0; k < m; k++) if (!encodeBlock(columns[k], from, to, m === 1, blocks[k], ends[k])) return null;
    interleave(blocks, ends, to - from, out);
  }
  return Buffer.from(out.bytes.buffer, out.bytes.byteOffset, out.o).toString('latin1');
}
