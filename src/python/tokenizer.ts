/**
 * Python 3.11's tokenizer for the df-table subset: NEWLINE/INDENT/DEDENT, implicit and backslash
 * line continuation, numbers, names, operators, and string literals decoded here (escapes,
 * implicit f-string fields with their own token lists). Tokens carry page positions.
 *
 * Errors follow CPython's: the tokenizer stops at the first one and leaves an ERROR token; the
 * parser throws it when it gets there, or earlier in place of its own syntax error when CPython
 * would (see `Token.error` and the parser's `fail`).
 */
import { DftablesError, type Pos } from '../errors.js';
import type { DiagnosticCode } from '../diagnostics/codes.js';
import { codeToPage, type LineMap } from '../directive/types.js';
import type { FStringPart, StringLiteral, Token, TokenType } from './tokens.js';
import { decodeEscapes } from './escapes.js';

export interface TokenizeOptions {
  /** pandas query syntax: `` `name` `` tokens are allowed. */
  query?: boolean;
}

/**
 * How a tokenizer error behaves, after CPython: 'raise' errors (bad characters, unterminated
 * strings, unmatched brackets) win over any parser error in the block; 'lazy' ones (bad
 * dedent, end of input inside brackets) only count when the parser reaches them.
 */
export type TokErrorKind = 'raise' | 'lazy' | 'unclosed';

/** ERROR tokens carry these. */
export interface TokErrorInfo {
  kind: TokErrorKind;
  /** For 'unclosed': the page line of the bracket that was never closed. */
  openLine?: number;
}

const tokErrorInfo = new WeakMap<Token, TokErrorInfo>();

export function errorInfo(t: Token): TokErrorInfo | undefined {
  return tokErrorInfo.get(t);
}

export function tokenize(code: string, map?: LineMap, opts: TokenizeOptions = {}): Token[] {
  const src = code.replace(/\r\n/g, '\n');
  const lineStarts = [0];
  for (let i = 0; i < src.length; i++) if (src[i] === '\n') lineStarts.push(i + 1);
  const posOf = (index: number): Pos => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    const line = lo + 1;
    const col = index - lineStarts[lo] + 1;
    return map && map.lines.length ? codeToPage(map, line, col) : { line, col };
  };
  return new Tokenizer(src, 0, src.length, posOf, !!opts.query, false).run();
}

/** Tokenizes text whose positions are given by `posOf` (query strings): one expression, newlines ignored. */
export function tokenizeWith(src: string, posOf: (index: number) => Pos, opts: TokenizeOptions = {}): Token[] {
  return new Tokenizer(src, 0, src.length, posOf, !!opts.query, true).run();
}

class TokStop {
  constructor(
    readonly error: DftablesError,
    readonly info: TokErrorInfo,
    readonly index: number,
  ) {}
}

const OPERATORS = [
  '**=', '//=', '>>=', '<<=', '...',
  '**', '//', '>>', '<<', '<=', '>=', '==', '!=', '->', ':=', '+=', '-=', '*=', '/=', '%=', '&=', '|=', '^=', '@=',
  '+', '-', '*', '/', '%', '@', '&', '|', '^', '~', '<', '>', '(', ')', '[', ']', '{', '}', ',', ':', '.', ';', '=', '!',
];
const OPENERS = new Set(['(', '[', '{']);
const CLOSERS: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
const MAX_PAREN_DEPTH = 200;
/** CPython's MAXINDENT. */
const MAX_INDENT = 100;
const STRING_PREFIXES = new Set(['r', 'u', 'f', 'b', 'br', 'rb', 'fr', 'rf']);

const ID_START = /[\p{ID_Start}_]/u;
const ID_CONTINUE = /[\p{ID_Continue}_]/u;
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

class Tokenizer {
  private readonly tokens: Token[] = [];
  private readonly parens: { ch: string; index: number }[] = [];
  private readonly indents: number[] = [0];
  private readonly altIndents: number[] = [0];
  private i: number;
  /** Index of the '#' of a comment on the current line: CPython starts the NEWLINE token there. */
  private commentStart = -1;

  constructor(
    private readonly src: string,
    start: number,
    private readonly end: number,
    private readonly posOf: (index: number) => Pos,
    private readonly query: boolean,
    /** Inside an f-string field or a query: one expression, as if in brackets. */
    private readonly exprMode: boolean,
  ) {
    this.i = start;
  }

  run(): Token[] {
    try {
      this.scan();
    } catch (e) {
      if (!(e instanceof TokStop)) throw e;
      const p = this.posOf(e.index);
      const t: Token = { type: 'ERROR', value: '', line: p.line, col: p.col, endLine: p.line, endCol: p.col, error: e.error };
      tokErrorInfo.set(t, e.info);
      this.tokens.push(t);
    }
    return this.tokens;
  }

  // ---- errors ---------------------------------------------------------------------------

  private err(code: DiagnosticCode, message: string, pos: Pos, kind: TokErrorKind = 'raise', at = this.i, openLine?: number): TokStop {
    return new TokStop(new DftablesError(code, message, { pos }), { kind, openLine }, at);
  }

  /** CPython reports number errors one column left of the character it stopped on. */
  private numberErr(message: string, index: number): TokStop {
    const p = this.posOf(index);
    return this.err('DT101', message, { line: p.line, col: Math.max(1, p.col - 1) }, 'raise', index);
  }

  // ---- main loop ------------------------------------------------------------------------

  private push(type: TokenType, value: string, start: number, end: number, extra?: Partial<Token>): Token {
    const s = this.posOf(start);
    const e = this.posOf(end);
    const t: Token = { type, value, line: s.line, col: s.col, endLine: e.line, endCol: e.col, ...extra };
    this.tokens.push(t);
    return t;
  }

  private lineHasTokens(): boolean {
    const last = this.tokens[this.tokens.length - 1];
    return !!last && last.type !== 'NEWLINE' && last.type !== 'INDENT' && last.type !== 'DEDENT';
  }

  private scan(): void {
    const src = this.src;
    let atLineStart = !this.exprMode;
    for (;;) {
      if (atLineStart) {
        atLineStart = false;
        this.commentStart = -1;
        if (this.parens.length === 0 && this.indentation()) {
          atLineStart = true; // a blank or comment-only line: measure the next one
          continue;
        }
      }
      while (this.i < this.end && (src[this.i] === ' ' || src[this.i] === '\t' || src[this.i] === '\f' || src[this.i] === '\r')) this.i++;
      if (this.i >= this.end) break;
      const c = src[this.i];
      if (c === '#') {
        if (this.exprMode && !this.query) {
          throw this.err('DT101', "f-string expression part cannot include '#'", this.posOf(this.i));
        }
        this.commentStart = this.i;
        while (this.i < this.end && src[this.i] !== '\n') this.i++;
        continue;
      }
      if (c === '\n') {
        if (!this.exprMode && this.parens.length === 0 && this.lineHasTokens()) {
          const nl = this.push('NEWLINE', '', this.commentStart >= 0 ? this.commentStart : this.i, this.i);
          nl.endCol++; // ends after the '\n', on its own line
        }
        this.i++;
        if (!this.exprMode && this.parens.length === 0) atLineStart = true;
        this.commentStart = -1;
        continue;
      }
      if (c === '\\') {
        const p = this.posOf(this.i + 1);
        if (this.i + 1 >= this.end) throw this.err('DT101', 'unexpected EOF while parsing', p, 'lazy', this.i + 1);
        if (src[this.i + 1] === '\n' || (src[this.i + 1] === '\r' && src[this.i + 2] === '\n')) {
          this.i += src[this.i + 1] === '\n' ? 2 : 3;
          if (this.i >= this.end) throw this.err('DT101', 'unexpected EOF while parsing', this.posOf(this.i - 1), 'lazy', this.i);
          continue;
        }
        throw this.err('DT101', 'unexpected character after line continuation character', p, 'raise', this.i + 1);
      }
      if (this.query && c === '`') {
        this.backtick();
        continue;
      }
      const cp = src.codePointAt(this.i)!;
      const ch = String.fromCodePoint(cp);
      if (ID_START.test(ch)) {
        this.nameOrString();
        continue;
      }
      if ((c >= '0' && c <= '9') || (c === '.' && src[this.i + 1] >= '0' && src[this.i + 1] <= '9')) {
        this.number();
        continue;
      }
      if (c === '"' || c === "'") {
        this.string(this.i, '');
        continue;
      }
      const op = OPERATORS.find((o) => src.startsWith(o, this.i));
      if (op) {
        this.operator(op);
        continue;
      }
      if (cp < 128) {
        // '$', '?', '`': CPython makes an error token and the parser says "invalid syntax" there.
        this.push('OP', c, this.i, this.i + 1);
        this.i++;
        continue;
      }
      const hex = cp.toString(16).toUpperCase().padStart(4, '0');
      const msg = NON_PRINTABLE.test(ch) ? `invalid non-printable character U+${hex}` : `invalid character '${ch}' (U+${hex})`;
      throw this.err('DT101', msg, this.posOf(this.i));
    }
    this.finish();
  }

  /** Measures a line's indentation; returns true when the line is blank (skipped). */
  private indentation(): boolean {
    const src = this.src;
    let col = 0;
    let alt = 0;
    let j = this.i;
    while (j < this.end) {
      const c = src[j];
      if (c === ' ') {
        col++;
        alt++;
      } else if (c === '\t') {
        col = (Math.floor(col / 8) + 1) * 8;
        alt++;
      } else if (c === '\f') {
        col = 0;
        alt = 0;
      } else if (c === '\r') {
        // part of a line end
      } else break;
      j++;
    }
    if (j >= this.end) {
      this.i = j;
      return false;
    }
    if (src[j] === '#' || src[j] === '\n') {
      while (j < this.end && src[j] !== '\n') j++;
      this.i = Math.min(j + 1, this.end);
      return true;
    }
    const width = j - this.i;
    this.i = j;
    const top = this.indents[this.indents.length - 1];
    const altTop = this.altIndents[this.altIndents.length - 1];
    const tabError = (): TokStop =>
      this.err('DT102', 'inconsistent use of tabs and spaces in indentation', { line: this.posOf(j).line, col: this.posOf(j).col - width }, 'lazy', j);
    if (col > top) {
      if (alt <= altTop) throw tabError();
      if (this.indents.length >= MAX_INDENT) throw this.err('DT102', 'too many levels of indentation', this.posOf(j - width), 'raise', j);
      this.indents.push(col);
      this.altIndents.push(alt);
      this.push('INDENT', src.slice(j - width, j), j - width, j);
    } else if (col < top) {
      while (this.indents.length > 1 && col < this.indents[this.indents.length - 1]) {
        this.indents.pop();
        this.altIndents.pop();
        this.push('DEDENT', '', j, j);
      }
      if (col !== this.indents[this.indents.length - 1]) {
        let e = j;
        while (e < this.end && src[e] !== '\n') e++;
        throw this.err('DT102', 'unindent does not match any outer indentation level', this.posOf(e), 'lazy', j);
      }
      if (alt !== this.altIndents[this.altIndents.length - 1]) throw tabError();
    } else if (alt !== altTop) {
      throw tabError();
    }
    return false;
  }

  private finish(): void {
    if (this.parens.length) {
      const open = this.parens[this.parens.length - 1];
      const p = this.posOf(open.index);
      throw this.err('DT103', `'${open.ch}' was never closed`, p, 'unclosed', this.end, p.line);
    }
    if (this.exprMode) {
      this.push('ENDMARKER', '', this.end, this.end);
      return;
    }
    if (this.lineHasTokens()) {
      // CPython appends the missing final newline; a trailing comment starts the NEWLINE token.
      this.push('NEWLINE', '', this.commentStart >= 0 ? this.commentStart : this.end, this.end);
    }
    while (this.indents.length > 1) {
      this.indents.pop();
      this.push('DEDENT', '', this.end, this.end);
    }
    this.push('ENDMARKER', '', this.end, this.end);
  }

  private operator(op: string): void {
    const start = this.i;
    if (OPENERS.has(op)) {
      if (this.parens.length >= MAX_PAREN_DEPTH) throw this.err('DT101', 'too many nested parentheses', this.posOf(start));
      this.parens.push({ ch: op, index: start });
    } else if (op in CLOSERS) {
      const open = this.parens.pop();
      if (!open) {
        if (this.exprMode && !this.query) throw this.err('DT101', `f-string: unmatched '${op}'`, this.posOf(start));
        throw this.err('DT101', `unmatched '${op}'`, this.posOf(start));
      }
      if (open.ch !== CLOSERS[op]) {
        const ol = this.posOf(open.index).line;
        const here = this.posOf(start);
        const where = ol !== here.line ? ` on line ${ol}` : '';
        throw this.err('DT101', `closing parenthesis '${op}' does not match opening parenthesis '${open.ch}'${where}`, here);
      }
    }
    this.i += op.length;
    this.push('OP', op, start, this.i);
  }

  private backtick(): void {
    const start = this.i;
    const close = this.src.indexOf('`', start + 1);
    if (close < 0 || close >= this.end) throw this.err('DT101', 'unterminated backtick-quoted name', this.posOf(start));
    this.i = close + 1;
    this.push('BACKTICK', this.src.slice(start + 1, close), start, this.i);
  }

  private nameOrString(): void {
    const src = this.src;
    const start = this.i;
    let j = this.i;
    while (j < this.end) {
      const cp = src.codePointAt(j)!;
      const ch = String.fromCodePoint(cp);
      if (!ID_CONTINUE.test(ch)) break;
      j += ch.length;
    }
    const word = src.slice(start, j);
    if ((src[j] === '"' || src[j] === "'") && STRING_PREFIXES.has(word.toLowerCase())) {
      this.string(start, word.toLowerCase());
      return;
    }
    this.i = j;
    this.push('NAME', word, start, j);
  }

  // ---- numbers --------------------------------------------------------------------------

  private digits(isDigit: (c: string) => boolean, kind: string): boolean {
    const src = this.src;
    let any = false;
    for (;;) {
      const c = src[this.i];
      if (c !== undefined && this.i < this.end && isDigit(c)) {
        this.i++;
        any = true;
      } else if (c === '_' && any && this.i < this.end) {
        this.i++;
        const d = src[this.i];
        if (d === undefined || this.i >= this.end || !isDigit(d)) throw this.numberErr(`invalid ${kind} literal`, this.i);
      } else return any;
    }
  }

  private number(): void {
    const src = this.src;
    const start = this.i;
    const dec = (c: string): boolean => c >= '0' && c <= '9';
    const c1 = src[start + 1]?.toLowerCase();
    if (src[start] === '0' && (c1 === 'x' || c1 === 'o' || c1 === 'b')) {
      const kind = c1 === 'x' ? 'hexadecimal' : c1 === 'o' ? 'octal' : 'binary';
      const ok = c1 === 'x' ? (c: string) => /[0-9a-fA-F]/.test(c) : c1 === 'o' ? (c: string) => c >= '0' && c <= '7' : (c: string) => c === '0' || c === '1';
      this.i = start + 2;
      if (src[this.i] === '_') this.i++;
      if (!this.digits(ok, kind)) {
        const c = src[this.i];
        if (c !== undefined && dec(c) && this.i < this.end) throw this.numberErr(`invalid digit '${c}' in ${kind} literal`, this.i + 1);
        throw this.numberErr(`invalid ${kind} literal`, this.i);
      }
      const c = src[this.i];
      if (c !== undefined && dec(c) && this.i < this.end) throw this.numberErr(`invalid digit '${c}' in ${kind} literal`, this.i + 1);
      this.endOfNumber(kind);
      this.push('NUMBER', src.slice(start, this.i), start, this.i);
      return;
    }
    if (src[start] !== '.') {
      this.digits(dec, 'decimal');
      const intPart = src.slice(start, this.i).replace(/_/g, '');
      const next = src[this.i];
      if (/^0+[0-9]*[1-9]/.test(intPart) && next !== '.' && next !== 'e' && next !== 'E' && next !== 'j' && next !== 'J') {
        const s = this.posOf(start);
        throw this.err('DT101', 'leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers', s, 'raise', start);
      }
    }
    if (src[this.i] === '.' && this.i < this.end) {
      this.i++;
      this.digits(dec, 'decimal');
    }
    if ((src[this.i] === 'e' || src[this.i] === 'E') && this.i < this.end) {
      const ePos = this.i;
      this.i++;
      if ((src[this.i] === '+' || src[this.i] === '-') && this.i < this.end) {
        this.i++;
        if (!dec(src[this.i] ?? '') || this.i >= this.end) throw this.numberErr('invalid decimal literal', this.i);
        this.digits(dec, 'decimal');
      } else if (!dec(src[this.i] ?? '') || this.i >= this.end) {
        // "1else": the 'e' starts a keyword; "1e" alone is an error at the 'e'.
        this.i = ePos;
        this.endOfNumber('decimal');
        this.push('NUMBER', src.slice(start, this.i), start, this.i);
        return;
      } else {
        this.digits(dec, 'decimal');
      }
    }
    if ((src[this.i] === 'j' || src[this.i] === 'J') && this.i < this.end) this.i++;
    this.endOfNumber('decimal');
    this.push('NUMBER', src.slice(start, this.i), start, this.i);
  }

  /** CPython's verify_end_of_number: `1if x else 2` is fine, `1abc` is not. */
  private endOfNumber(kind: string): void {
    const src = this.src;
    if (this.i >= this.end) return;
    const rest = src.slice(this.i, this.i + 4);
    const c = rest[0];
    if (/^(and|else|for|if|in|is|or|not)/.test(rest) || /^(i[fns])/.test(rest)) return;
    const cp = src.codePointAt(this.i)!;
    if (ID_CONTINUE.test(String.fromCodePoint(cp)) || c === '_') throw this.numberErr(`invalid ${kind} literal`, this.i);
  }

  // ---- strings --------------------------------------------------------------------------

  private string(start: number, prefix: string): void {
    const src = this.src;
    let j = start + prefix.length;
    const q = src[j];
    const triple = src.startsWith(q + q + q, j) && j + 2 < this.end;
    const qlen = triple ? 3 : 1;
    const bodyStart = j + qlen;
    j = bodyStart;
    let bodyEnd = -1;
    while (j < this.end) {
      const c = src[j];
      if (c === '\\') {
        j += 2;
        continue;
      }
      if (triple) {
        if (src.startsWith(q + q + q, j)) {
          bodyEnd = j;
          break;
        }
      } else {
        if (c === q) {
          bodyEnd = j;
          break;
        }
        if (c === '\n') break;
      }
      j++;
    }
    if (bodyEnd < 0 || bodyEnd + qlen > this.end) {
      const startPos = this.posOf(start);
      if (this.exprMode && !this.query) {
        // A string inside an f-string field runs into the end of the field.
        throw this.err('DT101', "f-string: expecting '}'", startPos);
      }
      const detected = triple ? this.posOf(Math.max(start, this.end - 1)).line : this.posOf(Math.min(j, this.end)).line;
      const msg = triple
        ? `unterminated triple-quoted string literal (detected at line ${detected})`
        : `unterminated string literal (detected at line ${detected})`;
      throw this.err('DT103', msg, startPos);
    }
    const end = bodyEnd + qlen;
    this.i = end;
    const raw = prefix.includes('r');
    const lit: StringLiteral = { prefix };
    const tokenEnd = this.posOf(end);
    if (prefix.includes('f')) {
      try {
        lit.parts = this.fstring(bodyStart, bodyEnd, raw, tokenEnd, 0);
      } catch (e) {
        if (!(e instanceof TokStop)) throw e;
        lit.error = e.error;
        lit.parts = [];
      }
    } else {
      const body = src.slice(bodyStart, bodyEnd);
      if (raw) lit.value = body;
      else {
        const d = decodeEscapes(body);
        if (typeof d === 'string') lit.value = d;
        else {
          lit.value = '';
          lit.error = new DftablesError('DT101', d.message, { pos: tokenEnd });
        }
      }
      if (lit.value === body && !body.includes('\n')) lit.exact = this.posOf(bodyStart);
    }
    this.push('STRING', src.slice(start, end), start, end, { str: lit });
  }

  /** Splits an f-string body into text and fields; errors point just after the literal, as CPython 3.11 does. */
  private fstring(from: number, to: number, raw: boolean, tokenEnd: Pos, depth: number): FStringPart[] {
    const src = this.src;
    const parts: FStringPart[] = [];
    let text = '';
    const fail = (message: string): TokStop => new TokStop(new DftablesError('DT101', message, { pos: tokenEnd }), { kind: 'raise' }, from);
    let j = from;
    const flush = (): void => {
      if (!text) return;
      if (!raw) {
        const d = decodeEscapes(text);
        if (typeof d !== 'string') throw fail(d.message);
        text = d;
      }
      parts.push({ kind: 'text', value: text });
      text = '';
    };
    while (j < to) {
      const c = src[j];
      if (c === '{') {
        if (depth === 0 && src[j + 1] === '{' && j + 1 < to) {
          text += '{';
          j += 2;
          continue;
        }
        flush();
        j = this.field(j + 1, to, raw, tokenEnd, depth, parts, fail);
        continue;
      }
      if (c === '}') {
        if (depth === 0 && src[j + 1] === '}' && j + 1 < to) {
          text += '}';
          j += 2;
          continue;
        }
        throw fail("f-string: single '}' is not allowed");
      }
      if (c === '\\' && !raw && src[j + 1] === 'N' && src[j + 2] === '{') {
        // \N{NAME} holds braces that are not a field.
        const close = src.indexOf('}', j);
        if (close > 0 && close < to) {
          text += src.slice(j, close + 1);
          j = close + 1;
          continue;
        }
      }
      if (c === '\\' && j + 1 < to && src[j + 1] !== '{' && src[j + 1] !== '}') {
        text += src.slice(j, j + 2);
        j += 2;
        continue;
      }
      text += c;
      j++;
    }
    flush();
    return parts;
  }

  /** Scans one `{expr!c:spec}` field starting after '{'; returns the index after its '}'. */
  private field(start: number, to: number, raw: boolean, tokenEnd: Pos, depth: number, parts: FStringPart[], fail: (m: string) => TokStop): number {
    const src = this.src;
    if (depth >= 2) throw fail('f-string: expressions nested too deeply');
    let j = start;
    let nest = 0;
    let quote = '';
    let exprEnd = -1;
    let selfDoc: string | undefined;
    while (j < to) {
      const c = src[j];
      if (quote) {
        if (c === '\\') throw fail('f-string expression part cannot include a backslash');
        if (src.startsWith(quote, j)) {
          j += quote.length;
          quote = '';
          continue;
        }
        j++;
        continue;
      }
      if (c === '\\') throw fail('f-string expression part cannot include a backslash');
      if (c === "'" || c === '"') {
        quote = src.startsWith(c + c + c, j) ? c + c + c : c;
        j += quote.length;
        continue;
      }
      if (c === '#') throw fail("f-string expression part cannot include '#'");
      if (c === '(' || c === '[' || c === '{') nest++;
      else if (c === ')' || c === ']') {
        if (nest === 0) throw fail(`f-string: unmatched '${c}'`);
        nest--;
      } else if (c === '}') {
        if (nest === 0) {
          exprEnd = j;
          break;
        }
        nest--;
      } else if (nest === 0 && c === '!' && src[j + 1] !== '=') {
        exprEnd = j;
        break;
      } else if (nest === 0 && c === ':') {
        exprEnd = j;
        break;
      } else if (nest === 0 && c === '=' && src[j + 1] !== '=' && !'=!<>'.includes(src[j - 1] ?? '')) {
        exprEnd = j;
        j++;
        while (j < to && /\s/.test(src[j])) j++;
        selfDoc = src.slice(start, j);
        break;
      } else if (nest === 0 && c === '=' && src[j + 1] === '=') {
        j += 2;
        continue;
      }
      j++;
    }
    if (quote || exprEnd < 0) throw fail("f-string: expecting '}'");
    const source = src.slice(start, exprEnd);
    if (!source.trim()) {
      throw fail(src[exprEnd] === '!' ? "f-string: expression required before '!'" : src[exprEnd] === ':' ? "f-string: expression required before ':'" : 'f-string: empty expression not allowed');
    }
    if (selfDoc === undefined) j = exprEnd;
    let conversion: 's' | 'r' | 'a' | null = null;
    if (src[j] === '!' && j < to) {
      const cc = src[j + 1];
      if (j + 1 >= to) throw fail("f-string: expecting '}'");
      if (cc !== 's' && cc !== 'r' && cc !== 'a') throw fail("f-string: invalid conversion character: expected 's', 'r', or 'a'");
      conversion = cc;
      j += 2;
    }
    let spec: FStringPart[] | null = null;
    if (src[j] === ':' && j < to) {
      // The spec runs to the matching '}' and may hold nested fields.
      const specStart = j + 1;
      let k = specStart;
      let n = 0;
      while (k < to) {
        if (src[k] === '{') n++;
        else if (src[k] === '}') {
          if (n === 0) break;
          n--;
        }
        k++;
      }
      if (k >= to) throw fail("f-string: expecting '}'");
      spec = this.fstring(specStart, k, raw, tokenEnd, depth + 1);
      j = k;
    }
    if (src[j] !== '}' || j >= to) throw fail("f-string: expecting '}'");
    const sub = new Tokenizer(src, start, exprEnd, this.posOf, false, true).run();
    parts.push({ kind: 'field', tokens: sub, source, selfDoc, conversion, spec, pos: this.posOf(start) });
    return j + 1;
  }
}
