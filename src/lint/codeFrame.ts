/**
 * The code frame under a diagnostic, as eslint and tsc print it: the page line with its number
 * and a caret under the column (a line of carets under the span when it ends on the same line).
 * Columns count UTF-16 units, like every position in dftables; the caret line copies the tabs
 * of the source line so it lines up in a terminal.
 */
import type { Diagnostic } from '../errors.js';
import type { Paint } from './paint.js';

export function codeFrame(lines: readonly string[], d: Pick<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn' | 'severity'>, paint: Paint): string {
  const text = lines[d.line - 1];
  if (text === undefined) return '';
  const gutter = String(d.line);
  const col = Math.max(1, Math.min(d.column, text.length + 1));
  const pad = text.slice(0, col - 1).replace(/[^\t]/g, ' ');
  const end = d.endLine === d.line && d.endColumn !== undefined && d.endColumn > col ? Math.min(d.endColumn, text.length + 1) : col + 1;
  const marks = '^'.repeat(Math.max(1, end - col));
  const colour = d.severity === 'error' ? paint.red : paint.yellow;
  return [`${paint.dim(`${gutter} |`)} ${text}`, `${paint.dim(`${' '.repeat(gutter.length)} |`)} ${pad}${colour(marks)}`].join('\n');
}
