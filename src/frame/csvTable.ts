/**
 * The tokenizer's output: every kept row's fields, stored flat and without a string per cell.
 *
 * A field is either a span [start, end) of the source text (most fields: nothing to unquote) or,
 * when its start is negative, the string strs[-1 - start] (quoted fields, escapes, fields the
 * general state machine built). A million-cell file is then a few typed arrays instead of a
 * million small strings and a hundred thousand row arrays, which is most of read_csv's memory
 * and garbage-collection time.
 */

/** The cells of one column, as read_csv's converters see them. */
export class Cells {
  constructor(
    readonly src: string,
    readonly start: Int32Array,
    readonly end: Int32Array,
    readonly strs: readonly string[],
  ) {}

  get length(): number {
    return this.start.length;
  }

  /** The text of cell k. */
  get(k: number): string {
    const s = this.start[k];
    return s >= 0 ? this.src.slice(s, this.end[k]) : this.strs[-1 - s];
  }

  /** Cells holding these strings (tests, and columns built outside the tokenizer). */
  static of(values: readonly string[]): Cells {
    const start = new Int32Array(values.length);
    for (let k = 0; k < values.length; k++) start[k] = -1 - k;
    return new Cells('', start, new Int32Array(values.length), values);
  }
}

/**
 * Fields the text will need. A large text is sampled (delimiters and line ends in its first
 * 16 KiB: ',' ';' '\t' '|' and '\n' counted alike), with some room, so that a 100,000-row file
 * fills its arrays without growing them (a copy, and the old arrays left to the collector); a
 * small one gets one field per 8 characters and grows if it needs to.
 */
function estimateFields(src: string): number {
  if (src.length < 1 << 15) return Math.max(16, src.length >> 3);
  const sample = 1 << 14;
  let stops = 0;
  for (let k = 0; k < sample; k++) {
    const c = src.charCodeAt(k);
    if (c === 44 || c === 10 || c === 59 || c === 9 || c === 124) stops++;
  }
  return Math.min(Math.ceil(src.length * ((stops + 1) / sample) * 1.05) + 64, 1 << 24);
}

function grow(a: Int32Array, need: number): Int32Array {
  if (need <= a.length) return a;
  const b = new Int32Array(Math.max(need, a.length * 2));
  b.set(a);
  return b;
}

/** The arrays of the last released table, for the next one (see release). */
let spareArrays: { fStart: Int32Array; fEnd: Int32Array; first: Int32Array; offsets: Int32Array; spans?: Spans } | null = null;

/** Span arrays that read_csv reuses for every column (see CsvTable.column). */
export interface Spans {
  start: Int32Array;
  end: Int32Array;
}
/** Larger arrays are left to the garbage collector rather than kept for the whole process. */
const SPARE_MAX_FIELDS = 1 << 16;

export class CsvTable {
  /** Field spans (or -1 - index into strs) and ends. */
  private fStart: Int32Array;
  private fEnd: Int32Array;
  /** Number of fields stored, including those of the row being built. */
  nFields = 0;
  readonly strs: string[] = [];
  /** first[k]: index of row k's first field; first[rowCount] is where the next row starts. */
  private first: Int32Array;
  /** Text offset where each kept row starts (diagnostics). */
  private offsets: Int32Array;
  rowCount = 0;
  /** The widest kept row. */
  maxWidth = -1;
  private spans?: Spans;

  constructor(readonly src: string) {
    const guess = estimateFields(src);
    const kept = spareArrays;
    if (kept && kept.fStart.length >= guess) {
      // The arrays of the last read_csv: new typed arrays for every small file cost more (in
      // garbage collection of their buffers) than reading the file.
      spareArrays = null;
      ({ fStart: this.fStart, fEnd: this.fEnd, first: this.first, offsets: this.offsets, spans: this.spans } = kept);
    } else {
      this.fStart = new Int32Array(guess);
      this.fEnd = new Int32Array(guess);
      // Rows: a quarter of the fields at most for tables of four columns or more; grown on demand.
      this.first = new Int32Array(Math.max(16, guess >> 2));
      this.offsets = new Int32Array(Math.max(16, guess >> 2));
    }
    this.first[0] = 0;
  }

  /**
   * Gives the arrays to the next table. Only for the owner of a table that nothing will read
   * again (read_csv, once every column is converted).
   */
  release(): void {
    if (this.fStart.length <= SPARE_MAX_FIELDS) {
      spareArrays = { fStart: this.fStart, fEnd: this.fEnd, first: this.first, offsets: this.offsets, spans: this.spans };
    }
    this.rowCount = 0;
    this.nFields = 0;
  }

  pushSpan(s: number, e: number): void {
    if (this.nFields === this.fStart.length) this.growFields();
    this.fStart[this.nFields] = s;
    this.fEnd[this.nFields++] = e;
  }

  pushString(v: string): void {
    if (this.nFields === this.fStart.length) this.growFields();
    this.strs.push(v);
    this.fStart[this.nFields] = -this.strs.length;
    this.fEnd[this.nFields++] = 0;
  }

  private growFields(): void {
    this.fStart = grow(this.fStart, this.nFields + 1);
    this.fEnd = grow(this.fEnd, this.nFields + 1);
  }

  /** Fields of the row being built. */
  pendingWidth(): number {
    return this.nFields - this.first[this.rowCount];
  }

  /** Drops the row being built. */
  discardRow(): void {
    this.nFields = this.first[this.rowCount];
  }

  /** Keeps the row being built (its fields are those stored since the last kept row). */
  commitRow(offset: number): void {
    const k = this.rowCount;
    if (k + 2 > this.first.length) this.first = grow(this.first, k + 2);
    if (k + 1 > this.offsets.length) this.offsets = grow(this.offsets, k + 1);
    this.offsets[k] = offset;
    this.first[k + 1] = this.nFields;
    this.rowCount = k + 1;
    const w = this.nFields - this.first[k];
    if (w > this.maxWidth) this.maxWidth = w;
  }

  width(k: number): number {
    return this.first[k + 1] - this.first[k];
  }

  offset(k: number): number {
    return this.offsets[k];
  }

  private fieldText(f: number): string {
    const s = this.fStart[f];
    return s >= 0 ? this.src.slice(s, this.fEnd[f]) : this.strs[-1 - s];
  }

  cell(k: number, j: number): string {
    return j < this.width(k) ? this.fieldText(this.first[k] + j) : '';
  }

  row(k: number): string[] {
    const out: string[] = [];
    for (let f = this.first[k]; f < this.first[k + 1]; f++) out.push(this.fieldText(f));
    return out;
  }

  /** All kept rows as arrays of strings (tests and small tables). */
  toArrays(): string[][] {
    return Array.from({ length: this.rowCount }, (_, k) => this.row(k));
  }

  /** Span arrays of n entries for column(), the same ones on every call (and kept by release). */
  scratchSpans(n: number): Spans {
    if (!this.spans || this.spans.start.length < n) this.spans = { start: new Int32Array(n), end: new Int32Array(n) };
    const { start, end } = this.spans;
    return start.length === n ? { start, end } : { start: start.subarray(0, n), end: end.subarray(0, n) };
  }

  /**
   * Column j of rows [from, to); missing fields of short rows are ''. `into` (arrays of
   * to - from entries) is reused for the spans: read_csv converts one column at a time.
   */
  column(j: number, from: number, to: number, into?: Spans): Cells {
    const n = Math.max(0, to - from);
    const start = into ? into.start : new Int32Array(n);
    const end = into ? into.end : new Int32Array(n);
    start.fill(0);
    end.fill(0);
    gather(this.first, this.fStart, this.fEnd, j, from, start, end);
    return new Cells(this.src, start, end, this.strs);
  }
}

/** The spans of field j of rows from, from+1, ... (a loop of its own: optimized once for every column). */
function gather(first: Int32Array, fs: Int32Array, fe: Int32Array, j: number, from: number, start: Int32Array, end: Int32Array): void {
  const n = start.length;
  for (let r = 0; r < n; r++) {
    const f = first[from + r] + j;
    if (f < first[from + r + 1]) {
      start[r] = fs[f];
      end[r] = fe[f];
    }
  }
}
