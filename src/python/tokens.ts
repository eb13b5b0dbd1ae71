/**
 * Tokens of the Python subset. Every token carries its PAGE position (1-based line and
 * column, end exclusive) so nothing downstream converts positions.
 */
import type { Pos } from '../errors.js';
import type { DftablesError } from '../errors.js';

export type TokenType =
  | 'NAME'
  | 'NUMBER'
  | 'STRING'
  | 'OP'
  | 'NEWLINE'
  | 'INDENT'
  | 'DEDENT'
  | 'ENDMARKER'
  /** `` `Inst. Type` `` in pandas query expressions only. */
  | 'BACKTICK'
  /** Where the tokenizer stopped on an error; the parser throws `error` when it reaches it. */
  | 'ERROR';

export interface Token {
  type: TokenType;
  /** Source text (for BACKTICK: the name between the backticks). */
  value: string;
  line: number;
  col: number;
  endLine: number;
  endCol: number;
  /** STRING tokens: the decoded literal. */
  str?: StringLiteral;
  /** ERROR tokens: what to throw. */
  error?: DftablesError;
}

/** One string literal token, decoded. */
export interface StringLiteral {
  /** Prefix letters as written, lower-cased ('', 'r', 'f', 'rf', 'b', 'u' ...). */
  prefix: string;
  /** Plain strings: the value. */
  value?: string;
  /** f-strings: literal text and replacement fields. */
  parts?: FStringPart[];
  /**
   * Page position of the first character of the body when the value is exactly the source
   * text of a single-line literal (no escapes): offsets into the value map to columns.
   */
  exact?: Pos;
  /** A decoding error (bad \x escape): raised when the parser reaches the token, as CPython does. */
  error?: DftablesError;
}

export type FStringPart =
  | { kind: 'text'; value: string }
  | {
      kind: 'field';
      /** Tokens of the expression, ending with ENDMARKER. */
      tokens: Token[];
      /** The expression source ('x' in `{x!r:>10}`), used by the `{x=}` form. */
      source: string;
      /** `{x=}`: the text to print before the value ('x='). */
      selfDoc?: string;
      conversion: 's' | 'r' | 'a' | null;
      /** Format spec, itself an f-string (may hold nested fields); null when absent. */
      spec: FStringPart[] | null;
      pos: Pos;
    };

export function tokenPos(t: Token): Pos {
  return { line: t.line, col: t.col };
}
