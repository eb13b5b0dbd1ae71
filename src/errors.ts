/**
 * One error class for everything a user can get wrong: a code (DT201), a message, and
 * where in the page it happened. Commands print it tsc-style; nothing else is ever shown
 * to a user for a bad page (no stack traces).
 */
import { CODES, type DiagnosticCode } from './diagnostics/codes.js';

export type Severity = 'error' | 'warning';

/** A 1-based line and 1-based column in a page (tsc and eslint count columns from 1). */
export interface Pos {
  line: number;
  col: number;
}

export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  severity: Severity;
  code: DiagnosticCode;
  message: string;
  /** Extra lines of advice shown under the message (did-you-mean lists, what to do). */
  hint?: string;
  endLine?: number;
  endColumn?: number;
}

export class DftablesError extends Error {
  readonly code: DiagnosticCode;
  severity: Severity;
  file?: string;
  pos?: Pos;
  end?: Pos;
  hint?: string;

  constructor(code: DiagnosticCode, message: string, where?: { pos?: Pos; end?: Pos; file?: string; hint?: string }) {
    super(message);
    this.name = 'DftablesError';
    this.code = code;
    this.severity = CODES[code]?.severity ?? 'error';
    this.pos = where?.pos;
    this.end = where?.end;
    this.file = where?.file;
    this.hint = where?.hint;
  }

  /** Fills in a position (and file) only where none is known yet: the innermost site wins. */
  at(pos: Pos | undefined, file?: string): this {
    if (!this.pos && pos) this.pos = pos;
    if (!this.file && file) this.file = file;
    return this;
  }

  toDiagnostic(fallback: { file: string; pos: Pos }): Diagnostic {
    const pos = this.pos ?? fallback.pos;
    const d: Diagnostic = {
      file: this.file ?? fallback.file,
      line: pos.line,
      column: pos.col,
      severity: this.severity,
      code: this.code,
      message: this.message,
    };
    if (this.hint) d.hint = this.hint;
    if (this.end) {
      d.endLine = this.end.line;
      d.endColumn = this.end.col;
    }
    return d;
  }
}

export function isDftablesError(e: unknown): e is DftablesError {
  return e instanceof DftablesError;
}

/** `docs/trn1.rst:44:31: error DT201 column 'x' not found; did you mean 'y'?` */
export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity} ${d.code} ${d.message}`;
}
