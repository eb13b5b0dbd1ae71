/**
 * pandas' C tokenizer (pandas/_libs/src/parser/tokenizer.c, tokenize_bytes and end_line),
 * ported state for state so that blank lines, comments, skipped rows, quotes spanning lines,
 * '\r' line ends, short rows (padded) and long rows (pandas' "Expected 4 fields in line 7,
 * saw 5") behave exactly as in read_csv. The whole text is one buffer (pandas reads 256 KiB
 * chunks; only the whitespace-line backtrack could tell the difference).
 */
import { DftablesError } from '../errors.js';
import { CsvTable } from './csvTable.js';

export interface TokenizeOptions {
  /** One character; ignored with delimWhitespace. */
  delimiter: string;
  /** sep='\s+' / delim_whitespace=True: runs of spaces and tabs separate fields. */
  delimWhitespace: boolean;
  /** null for quoting=QUOTE_NONE. */
  quotechar: string | null;
  doublequote: boolean;
  escapechar: string | null;
  /** null: '\n', '\r\n' and '\r' all end lines. */
  lineterminator: string | null;
  skipinitialspace: boolean;
  commentchar: string | null;
  skipEmptyLines: boolean;
  /** Rows to drop, by pandas' file line counter (0-based). */
  skipRow: (fileLine: number) => boolean;
  /** Index of the last header line among kept lines; -1 when there is no header. */
  headerEnd: number;
  /** Fields every row is padded to; -1 for "as many as the previous row". */
  expectedFields: number;
  /** usecols given: rows longer than the previous one are not an error. */
  usecols: boolean;
  onBadLines: 'error' | 'warn' | 'skip';
}

/**
 * A resumable tokenizer, driven like pandas' parser_t: read_csv first tokenizes the header
 * rows, then the data, and where one call stops matters (a whitespace-only line backtracks at
 * most to where the current call started).
 */
export interface Tokenizer {
  /** Kept lines so far, each padded as pandas pads them. */
  readonly table: CsvTable;
  /** The same rows as arrays of strings (tests and diagnostics: read_csv uses `table`). */
  readonly rows: string[][];
  /** Warnings for skipped bad lines (on_bad_lines='warn'). */
  readonly warnings: string[];
  /** tokenize_nrows: reads until `nrows` more lines are kept or the text ends. */
  tokenizeRows(nrows: number): void;
  /** tokenize_all_rows. */
  tokenizeAll(): void;
  /** parser.expected_fields, which read_csv sets after the header when names are given. */
  setExpectedFields(n: number): void;
  /** 1-based physical line where kept row k starts (for diagnostics). */
  rowLine(k: number): number;
}

const enum S {
  START_RECORD,
  START_FIELD,
  ESCAPED_CHAR,
  IN_FIELD,
  IN_QUOTED_FIELD,
  ESCAPE_IN_QUOTED_FIELD,
  QUOTE_IN_QUOTED_FIELD,
  EAT_CRNL,
  EAT_CRNL_NOP,
  EAT_WHITESPACE,
  EAT_COMMENT,
  EAT_LINE_COMMENT,
  WHITESPACE_LINE,
  START_FIELD_IN_SKIP_LINE,
  IN_FIELD_IN_SKIP_LINE,
  IN_QUOTED_FIELD_IN_SKIP_LINE,
  QUOTE_IN_QUOTED_FIELD_IN_SKIP_LINE,
}

function isSkipState(s: S): boolean {
  return (
    s === S.START_FIELD_IN_SKIP_LINE ||
    s === S.IN_FIELD_IN_SKIP_LINE ||
    s === S.IN_QUOTED_FIELD_IN_SKIP_LINE ||
    s === S.QUOTE_IN_QUOTED_FIELD_IN_SKIP_LINE
  );
}

/** Thrown as pandas' ParserError: "Error tokenizing data. C error: ...". */
export function tokenizingError(detail: string, file?: string, line?: number): DftablesError {
  return new DftablesError(
    'DT402',
    `Error tokenizing data. C error: ${detail}`,
    file !== undefined ? { file, pos: line !== undefined ? { line, col: 1 } : undefined } : undefined,
  );
}

/** Maps a text offset to its 1-based physical line ('\n', '\r\n' and '\r' end lines). */
function lineFinder(text: string): (offset: number) => number {
  let starts: number[] | null = null;
  return (offset) => {
    if (!starts) {
      starts = [0];
      for (let k = 0; k < text.length; k++) {
        const ch = text.charCodeAt(k);
        if (ch === 10 || (ch === 13 && text.charCodeAt(k + 1) !== 10)) starts.push(k + 1);
      }
    }
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

/** A few characters to stop at: a table for Latin-1 (cheap to make for every read), a list beyond. */
interface StopSet {
  low: Uint8Array;
  high: number[];
}

function stopSet(chars: (string | null)[]): StopSet {
  const set: StopSet = { low: new Uint8Array(256), high: [] };
  for (const ch of chars) {
    if (ch === null || ch.length !== 1) continue;
    const c = ch.charCodeAt(0);
    if (c < 256) set.low[c] = 1;
    else set.high.push(c);
  }
  return set;
}

function isStop(set: StopSet, c: number): boolean {
  return c < 256 ? set.low[c] === 1 : set.high.length > 0 && set.high.includes(c);
}

/** Tokenizes a whole text at once. */
export function tokenize(text: string, o: TokenizeOptions, file?: string): Tokenizer {
  const t = createTokenizer(text, o, file);
  t.tokenizeAll();
  return t;
}

/**
 * `fastPath: false` runs every record through the state machine (the property tests compare
 * both ways); by default simple records are scanned directly (see fastRecords).
 */
export function createTokenizer(text: string, o: TokenizeOptions, file?: string, tuning: { fastPath?: boolean } = {}): Tokenizer {
  const table = new CsvTable(text);
  const lineOf = lineFinder(text);
  const warnings: string[] = [];
  const n = text.length;

  const terminator = o.lineterminator ?? '\n';
  const crlfLogic = o.lineterminator === null; // '\r' handling only without a custom terminator
  const quote = o.quotechar;
  const delim = o.delimiter;
  const ws = o.delimWhitespace;

  const isTerm = (c: string) => c === terminator;
  const isCarriage = (c: string) => crlfLogic && c === '\r';
  const isQuote = (c: string) => quote !== null && c === quote;
  const isComment = (c: string) => o.commentchar !== null && c === o.commentchar;
  const isEscape = (c: string) => o.escapechar !== null && c === o.escapechar;
  const isBlank = (c: string) => c === ' ' || c === '\t';
  const isSkippableSpace = (c: string) => !ws && c === ' ' && o.skipinitialspace;
  const isDelim = (c: string) => (!ws && c === delim) || (ws && isBlank(c));
  // Characters that end a run of ordinary field text.
  const fieldStops = stopSet([terminator, crlfLogic ? '\r' : null, ws ? ' ' : delim, ws ? '\t' : null, o.escapechar, o.commentchar]);
  const quoteStops = stopSet([quote, o.escapechar]);

  let state: S = S.START_RECORD;
  let fileLines = 0; // pandas' file_lines: lines ended so far, counting skipped and blank ones
  let rowStart = 0; // offset in text where the current row starts, for diagnostics
  let field = '';

  const endField = () => {
    table.pushString(field);
    field = '';
  };

  let expectedFields = o.expectedFields;
  const endLine = () => {
    const lines = table.rowCount;
    let fields = table.pendingWidth();
    let exFields = expectedFields;
    if (lines > 0) exFields = expectedFields >= 0 ? expectedFields : table.width(lines - 1);
    if (isSkipState(state)) {
      fileLines++;
      table.discardRow();
      return;
    }
    if (!(lines <= o.headerEnd + 1) && fields > exFields && !o.usecols) {
      fileLines++;
      table.discardRow();
      if (o.onBadLines === 'error') {
        throw tokenizingError(`Expected ${exFields} fields in line ${fileLines}, saw ${fields}`, file, lineOf(rowStart));
      }
      if (o.onBadLines === 'warn') warnings.push(`Skipping line ${fileLines}: expected ${exFields} fields, saw ${fields}`);
      return;
    }
    if (lines >= o.headerEnd + 1 && fields < exFields) {
      while (fields < exFields) {
        table.pushSpan(0, 0);
        fields++;
      }
    }
    fileLines++;
    table.commitRow(rowStart);
    if (lineLimit > 0 && table.rowCount === startLines + lineLimit) limitReached = true;
  };

  // ---- the fast path: records with nothing but plain and quoted fields ----
  // Options under which a record of plain fields, quoted fields (doubled quotes inside) and a
  // '\n' or '\r\n' end tokenizes the same as the state machine; anything else in a record (a
  // lone '\r', text after a closing quote, a line starting with a blank, a skipped row, EOF
  // inside quotes) hands that record to the state machine, which resumes fast scanning at the
  // next record. test/perf/csvTokenizeFast.test.ts compares the two on random text.
  const fast =
    tuning.fastPath !== false &&
    !ws &&
    o.lineterminator === null &&
    o.escapechar === null &&
    o.commentchar === null &&
    !o.skipinitialspace &&
    o.doublequote &&
    delim.length === 1 &&
    delim !== quote &&
    delim !== '\n' &&
    delim !== '\r';
  const delimCode = delim.charCodeAt(0);
  const quoteCode = quote === null ? -1 : quote.charCodeAt(0);

  // Next '\n', '\r', quote and delimiter at or after the scan position (n + 1: none left),
  // found with indexOf and reused until passed, so each character is searched for once.
  let nextLF = -1;
  let nextCR = -1;
  let nextQuote = -1;
  let nextDelim = -1;
  const find = (ch: string, from: number) => {
    const k = text.indexOf(ch, from);
    return k < 0 ? n + 1 : k;
  };

  /**
   * One record from i with quotes in it (which may span lines), character by character; returns
   * the offset after it, or -1 when the record needs the state machine (nothing is kept then).
   */
  const quotedRecord = (): number => {
    const fieldMark = table.nFields;
    const strMark = table.strs.length;
    let p = i;
    for (;;) {
      // p is the start of a field (p === n: an empty last field after a delimiter at EOF).
      if (p < n && text.charCodeAt(p) === quoteCode) {
        let q = p + 1;
        let acc = '';
        let after: number;
        let close: number;
        for (;;) {
          close = text.indexOf(quote!, q);
          if (close < 0) {
            after = -2; // EOF inside quotes: the state machine reports it
            break;
          }
          acc += text.slice(q, close);
          after = close + 1 < n ? text.charCodeAt(close + 1) : -1;
          if (after !== quoteCode) break;
          acc += quote;
          q = close + 2;
        }
        if (after === delimCode || after === 10 || after === -1) {
          table.pushString(acc);
          p = after === -1 ? n : close + 2;
          if (after === delimCode) continue;
          return p;
        }
        if (after === 13 && close + 2 < n && text.charCodeAt(close + 2) === 10) {
          table.pushString(acc); // '\r\n' ends the line as '\n' does
          return close + 3;
        }
        break; // text after a closing quote, a lone '\r', EOF inside quotes
      }
      let q = p;
      let ch = -1;
      while (q < n) {
        ch = text.charCodeAt(q);
        if (ch === delimCode || ch === 10 || ch === 13) break;
        q++;
      }
      if (q === n) {
        table.pushSpan(p, q);
        return n;
      }
      if (ch === 13) {
        if (q + 1 < n && text.charCodeAt(q + 1) === 10) {
          table.pushSpan(p, q);
          return q + 2;
        }
        break; // a lone '\r' ends a line its own way
      }
      table.pushSpan(p, q);
      p = q + 1;
      if (ch === 10) return p;
    }
    table.nFields = fieldMark;
    table.strs.length = strMark;
    return -1;
  };

  /** Tokenizes records from i while they are simple; returns true when record i needs the state machine. */
  const fastRecords = (): boolean => {
    while (i < n) {
      if (o.skipRow(fileLines)) return true;
      const c0 = text.charCodeAt(i);
      if (c0 === 10) {
        if (!o.skipEmptyLines) return true;
        fileLines++;
        i++;
        continue;
      }
      if (c0 === 13 || c0 === 32 || c0 === 9) return true;
      if (nextLF < i) nextLF = find('\n', i);
      if (nextCR < i) nextCR = find('\r', i);
      if (quote !== null && nextQuote < i) nextQuote = find(quote, i);
      const lineEnd = nextLF > n ? n : nextLF;
      // A '\r' right before the '\n' ends the line like the '\n' alone; any other needs the
      // state machine (unless it is inside quotes, which quotedRecord reads).
      const crlf = nextCR === lineEnd - 1 && lineEnd < n;
      let next: number;
      if (quote !== null && nextQuote < lineEnd) {
        next = quotedRecord();
        if (next < 0) return true;
      } else {
        if (nextCR < lineEnd && !crlf) return true;
        const contentEnd = crlf ? lineEnd - 1 : lineEnd;
        // No quote: fields are the text between delimiters.
        let p = i;
        for (;;) {
          if (nextDelim < p) nextDelim = find(delim, p);
          if (nextDelim >= contentEnd) break;
          table.pushSpan(p, nextDelim);
          p = nextDelim + 1;
        }
        table.pushSpan(p, contentEnd);
        next = lineEnd + 1;
      }
      rowStart = i;
      endLine();
      i = next > n ? n : next;
      if (limitReached) return false;
    }
    return false;
  };

  let i = 0;
  if (text.charCodeAt(0) === 0xfeff) i = 1; // CHECK_FOR_BOM
  let dataStart = i; // pandas' datapos when the current call started
  let finished = false;
  let lineLimit = 0;
  let startLines = 0;
  let limitReached = false;

  /** tokenize_bytes for one call, then parser_handle_eof if the text ran out. */
  const run = (limit: number) => {
    if (finished) return;
    lineLimit = limit;
    startLines = table.rowCount;
    limitReached = false;
    dataStart = i;
    const backtracks = new Set<number>();
    for (; i < n; i++) {
      if (fast && state === S.START_RECORD) {
        const needsMachine = fastRecords();
        if (limitReached) return;
        if (!needsMachine) break;
      }
      const c = text[i];

      // C falls through between cases; here a case sets `dispatch` and continues instead.
      let dispatch = state;
      dispatchLoop: for (;;) {
        switch (dispatch) {
          case S.START_FIELD_IN_SKIP_LINE:
            if (isTerm(c)) {
              endLine();
              state = S.START_RECORD;
            } else if (isCarriage(c)) {
              fileLines++;
              state = S.EAT_CRNL_NOP;
            } else if (isQuote(c)) state = S.IN_QUOTED_FIELD_IN_SKIP_LINE;
            else if (isDelim(c)) {
              // a new field of the skipped line
            } else state = S.IN_FIELD_IN_SKIP_LINE;
            break;

          case S.IN_FIELD_IN_SKIP_LINE:
            if (isTerm(c)) {
              endLine();
              state = S.START_RECORD;
            } else if (isCarriage(c)) {
              fileLines++;
              state = S.EAT_CRNL_NOP;
            } else if (isDelim(c)) state = S.START_FIELD_IN_SKIP_LINE;
            break;

          case S.IN_QUOTED_FIELD_IN_SKIP_LINE:
            if (isQuote(c)) state = o.doublequote ? S.QUOTE_IN_QUOTED_FIELD_IN_SKIP_LINE : S.IN_FIELD_IN_SKIP_LINE;
            break;

          case S.QUOTE_IN_QUOTED_FIELD_IN_SKIP_LINE:
            if (isQuote(c)) state = S.IN_QUOTED_FIELD_IN_SKIP_LINE;
            else if (isTerm(c)) {
              endLine();
              state = S.START_RECORD;
            } else if (isCarriage(c)) {
              fileLines++;
              state = S.EAT_CRNL_NOP;
            } else if (isDelim(c)) state = S.START_FIELD_IN_SKIP_LINE;
            else state = S.IN_FIELD_IN_SKIP_LINE;
            break;

          case S.WHITESPACE_LINE:
            if (isTerm(c)) {
              fileLines++;
              state = S.START_RECORD;
              break;
            } else if (isCarriage(c)) {
              fileLines++;
              state = S.EAT_CRNL_NOP;
              break;
            } else if (!ws) {
              if (!(isBlank(c) && c !== delim)) {
                // Not a blank line after all: back up to the character after the last
                // terminator (not a lone '\r', as in pandas) and read the line as fields.
                let p = i + 1;
                do p--;
                while (p > dataStart && !isTerm(text[p]));
                if (isTerm(text[p])) p++;
                // Backing up over a '\r'-ended line re-reads it; doing so twice from the same
                // place loops forever in pandas until its buffers overflow.
                if (p < rowStart) {
                  if (backtracks.has(p)) throw tokenizingError('Buffer overflow caught - possible malformed input file.', file, lineOf(rowStart));
                  backtracks.add(p);
                }
                i = p - 1; // the loop's i++ reads text[p] next
                state = S.START_FIELD;
              }
              break;
            }
            dispatch = S.EAT_WHITESPACE; // delim_whitespace
            continue dispatchLoop;
          case S.EAT_WHITESPACE:
            if (isTerm(c)) {
              endLine();
              state = S.START_RECORD;
              break;
            } else if (isCarriage(c)) {
              state = S.EAT_CRNL;
              break;
            } else if (isComment(c)) {
              state = S.EAT_COMMENT;
              break;
            } else if (!isBlank(c)) {
              state = S.START_FIELD;
              dispatch = S.START_FIELD;
              continue dispatchLoop;
            }
            break;
          case S.START_RECORD: {
            {
              rowStart = i;
              if (o.skipRow(fileLines)) {
                if (isQuote(c)) state = S.IN_QUOTED_FIELD_IN_SKIP_LINE;
                else {
                  state = S.IN_FIELD_IN_SKIP_LINE;
                  if (isTerm(c)) {
                    endLine();
                    state = S.START_RECORD;
                  }
                }
                break;
              } else if (isTerm(c)) {
                if (o.skipEmptyLines) fileLines++;
                else {
                  endLine();
                  state = S.START_RECORD;
                }
                break;
              } else if (isCarriage(c)) {
                if (o.skipEmptyLines) {
                  fileLines++;
                  state = S.EAT_CRNL_NOP;
                } else state = S.EAT_CRNL;
                break;
              } else if (isComment(c)) {
                state = S.EAT_LINE_COMMENT;
                break;
              } else if (isBlank(c)) {
                if (ws) {
                  state = o.skipEmptyLines ? S.WHITESPACE_LINE : S.EAT_WHITESPACE;
                  break;
                } else if (c !== delim && o.skipEmptyLines) {
                  state = S.WHITESPACE_LINE;
                  break;
                }
              }
              state = S.START_FIELD;
            }
            dispatch = S.START_FIELD;
            continue dispatchLoop;
          }
          case S.START_FIELD:
            if (isTerm(c)) {
              endField();
              endLine();
              state = S.START_RECORD;
            } else if (isCarriage(c)) {
              endField();
              state = S.EAT_CRNL;
            } else if (isQuote(c)) state = S.IN_QUOTED_FIELD;
            else if (isEscape(c)) state = S.ESCAPED_CHAR;
            else if (isSkippableSpace(c)) {
              // spaces at the start of a field are dropped (skipinitialspace)
            } else if (isDelim(c)) {
              if (ws) state = S.EAT_WHITESPACE;
              else endField();
            } else if (isComment(c)) {
              endField();
              state = S.EAT_COMMENT;
            } else {
              field += c;
              state = S.IN_FIELD;
            }
            break;

          case S.ESCAPED_CHAR:
            field += c;
            state = S.IN_FIELD;
            break;

          case S.EAT_LINE_COMMENT:
            if (isTerm(c)) {
              fileLines++;
              state = S.START_RECORD;
            } else if (isCarriage(c)) {
              fileLines++;
              state = S.EAT_CRNL_NOP;
            }
            break;

          case S.IN_FIELD:
            if (isTerm(c)) {
              endField();
              endLine();
              state = S.START_RECORD;
            } else if (isCarriage(c)) {
              endField();
              state = S.EAT_CRNL;
            } else if (isEscape(c)) state = S.ESCAPED_CHAR;
            else if (isDelim(c)) {
              endField();
              state = ws ? S.EAT_WHITESPACE : S.START_FIELD;
            } else if (isComment(c)) {
              endField();
              state = S.EAT_COMMENT;
            } else {
              // Ordinary characters up to the next one that matters, in one slice.
              let j = i + 1;
              while (j < n && !isStop(fieldStops, text.charCodeAt(j))) j++;
              field += text.slice(i, j);
              i = j - 1;
            }
            break;

          case S.IN_QUOTED_FIELD:
            if (isEscape(c)) state = S.ESCAPE_IN_QUOTED_FIELD;
            else if (isQuote(c)) state = o.doublequote ? S.QUOTE_IN_QUOTED_FIELD : S.IN_FIELD;
            else {
              let j = i + 1;
              while (j < n && !isStop(quoteStops, text.charCodeAt(j))) j++;
              field += text.slice(i, j);
              i = j - 1;
            }
            break;

          case S.ESCAPE_IN_QUOTED_FIELD:
            field += c;
            state = S.IN_QUOTED_FIELD;
            break;

          case S.QUOTE_IN_QUOTED_FIELD:
            if (isQuote(c)) {
              field += c;
              state = S.IN_QUOTED_FIELD;
            } else if (isDelim(c)) {
              endField();
              state = ws ? S.EAT_WHITESPACE : S.START_FIELD;
            } else if (isTerm(c)) {
              endField();
              endLine();
              state = S.START_RECORD;
            } else if (isCarriage(c)) {
              endField();
              state = S.EAT_CRNL;
            } else {
              field += c;
              state = S.IN_FIELD;
            }
            break;

          case S.EAT_COMMENT:
            if (isTerm(c)) {
              endLine();
              state = S.START_RECORD;
            } else if (isCarriage(c)) state = S.EAT_CRNL;
            break;

          case S.EAT_CRNL:
            if (c === '\n') {
              endLine();
              state = S.START_RECORD;
            } else if (isDelim(c)) {
              if (ws) {
                endLine();
                state = S.EAT_WHITESPACE;
              } else {
                // a '\r'-ended line whose next line starts with a delimiter
                endLine();
                state = S.START_FIELD;
                rowStart = i;
                endField();
              }
            } else {
              // '\r' line end: this character starts the next record (read it again)
              state = S.START_RECORD;
              i--;
              endLine();
            }
            break;

          case S.EAT_CRNL_NOP:
            state = S.START_RECORD;
            if (c !== '\n' && !isDelim(c)) i--;
            break;
        }
        break;
      }
      if (limitReached) {
        i++;
        return;
      }
    }

    // parser_handle_eof
    finished = true;
    switch (state) {
      case S.START_RECORD:
      case S.WHITESPACE_LINE:
      case S.EAT_CRNL_NOP:
      case S.EAT_LINE_COMMENT:
        break;
      case S.ESCAPE_IN_QUOTED_FIELD:
      case S.IN_QUOTED_FIELD:
        throw tokenizingError(`EOF inside string starting at row ${fileLines}`, file, lineOf(rowStart));
      case S.ESCAPED_CHAR:
        throw tokenizingError('EOF following escape character', file, lineOf(rowStart));
      case S.IN_FIELD:
      case S.START_FIELD:
      case S.QUOTE_IN_QUOTED_FIELD:
        endField();
        endLine();
        break;
      default:
        endLine();
    }
  };

  return new TokenizerHandle(table, warnings, run, (nf) => {
    expectedFields = nf;
  }, lineOf);
}

/**
 * The Tokenizer a createTokenizer call returns. A class, not an object literal: returned as a
 * literal with a getter, it kept every read's young objects alive through the next scavenges
 * (measured with --trace-gc: megabytes promoted per scavenge and a full collection every few
 * hundred small read_csv calls, which a build of many pages makes).
 */
class TokenizerHandle implements Tokenizer {
  constructor(
    readonly table: CsvTable,
    readonly warnings: string[],
    private readonly run: (limit: number) => void,
    readonly setExpectedFields: (n: number) => void,
    private readonly lineOf: (offset: number) => number,
  ) {}

  get rows(): string[][] {
    return this.table.toArrays();
  }

  tokenizeRows(nrows: number): void {
    if (nrows > 0) this.run(nrows);
  }

  tokenizeAll(): void {
    this.run(0);
  }

  rowLine(k: number): number {
    return this.lineOf(this.table.offset(k));
  }
}
