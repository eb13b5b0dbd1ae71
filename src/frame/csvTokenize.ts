/**
 * pandas' C tokenizer (pandas/_libs/src/parser/tokenizer.c, tokenize_bytes and end_line),
 * ported state for state so that blank lines, comments, skipped rows, quotes spanning lines,
 * '\r' line ends, short rows (padded) and long rows (pandas' "Expected 4 fields in line 7,
 * saw 5") behave exactly as in read_csv. The whole text is one buffer (pandas reads 256 KiB
 * chunks; only the whitespace-line backtrack could tell the difference).
 */
import { DftablesError } from '../errors.js';

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

/** Tokenizes a whole text at once. */
export function tokenize(text: string, o: TokenizeOptions, file?: string): Tokenizer {
  const t = createTokenizer(text, o, file);
  t.tokenizeAll();
  return t;
}

export function createTokenizer(text: string, o: TokenizeOptions, file?: string): Tokenizer {
  const rows: string[][] = [];
  const rowOffsets: number[] = [];
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
  // Characters that end a run of ordinary field text (code units above 0xffff never matter).
  const specialInField = new Uint8Array(0x10000);
  const specialInQuotes = new Uint8Array(0x10000);
  const mark = (table: Uint8Array, ch: string | null) => {
    if (ch !== null && ch.length === 1) table[ch.charCodeAt(0)] = 1;
  };
  for (const ch of [terminator, crlfLogic ? '\r' : null, ws ? ' ' : delim, ws ? '\t' : null, o.escapechar, o.commentchar]) {
    mark(specialInField, ch);
  }
  mark(specialInQuotes, quote);
  mark(specialInQuotes, o.escapechar);

  let state: S = S.START_RECORD;
  let fileLines = 0; // pandas' file_lines: lines ended so far, counting skipped and blank ones
  let rowStart = 0; // offset in text where the current row starts, for diagnostics
  let row: string[] = [];
  let field = '';

  const endField = () => {
    row.push(field);
    field = '';
  };

  let expectedFields = o.expectedFields;
  const endLine = () => {
    const lines = rows.length;
    let fields = row.length;
    let exFields = expectedFields;
    if (lines > 0) exFields = expectedFields >= 0 ? expectedFields : rows[lines - 1].length;
    if (isSkipState(state)) {
      fileLines++;
      row = [];
      return;
    }
    if (!(lines <= o.headerEnd + 1) && fields > exFields && !o.usecols) {
      fileLines++;
      const bad = row;
      row = [];
      if (o.onBadLines === 'error') {
        throw tokenizingError(`Expected ${exFields} fields in line ${fileLines}, saw ${bad.length}`, file, lineOf(rowStart));
      }
      if (o.onBadLines === 'warn') warnings.push(`Skipping line ${fileLines}: expected ${exFields} fields, saw ${bad.length}`);
      return;
    }
    if (lines >= o.headerEnd + 1 && fields < exFields) {
      while (fields < exFields) {
        row.push('');
        fields++;
      }
    }
    fileLines++;
    rows.push(row);
    rowOffsets.push(rowStart);
    row = [];
    if (lineLimit > 0 && rows.length === startLines + lineLimit) limitReached = true;
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
    startLines = rows.length;
    limitReached = false;
    dataStart = i;
    const backtracks = new Set<number>();
    for (; i < n; i++) {
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
              while (j < n && !specialInField[text.charCodeAt(j)]) j++;
              field += text.slice(i, j);
              i = j - 1;
            }
            break;

          case S.IN_QUOTED_FIELD:
            if (isEscape(c)) state = S.ESCAPE_IN_QUOTED_FIELD;
            else if (isQuote(c)) state = o.doublequote ? S.QUOTE_IN_QUOTED_FIELD : S.IN_FIELD;
            else {
              let j = i + 1;
              while (j < n && !specialInQuotes[text.charCodeAt(j)]) j++;
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

  return {
    rows,
    warnings,
    tokenizeRows: (nrows: number) => {
      if (nrows > 0) run(nrows);
    },
    tokenizeAll: () => run(0),
    setExpectedFields: (nf: number) => {
      expectedFields = nf;
    },
    rowLine: (k: number) => lineOf(rowOffsets[k]),
  };
}
