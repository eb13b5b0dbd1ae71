/**
 * Printing lint results: tsc/eslint-style text (the diagnostic line, a code frame under it, the
 * hint, a summary line) or one JSON array of {file, line, column, severity, code, message}.
 */
import { formatDiagnostic, type Diagnostic } from '../errors.js';
import { codeFrame } from './codeFrame.js';
import type { PageLint } from './lintPages.js';
import type { Paint } from './paint.js';

export interface LintCounts {
  pages: number;
  tables: number;
  errors: number;
  warnings: number;
}

export function countFindings(pages: readonly PageLint[]): LintCounts {
  const all = pages.flatMap((p) => p.diagnostics);
  return {
    pages: pages.length,
    tables: pages.reduce((n, p) => n + p.blocks, 0),
    errors: all.filter((d) => d.severity === 'error').length,
    warnings: all.filter((d) => d.severity === 'warning').length,
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function formatText(pages: readonly PageLint[], paint: Paint): string {
  const out: string[] = [];
  for (const page of pages) {
    for (const d of page.diagnostics) {
      const head = formatDiagnostic(d);
      const sev = head.indexOf(`: ${d.severity} `);
      // Colour the severity word only; the rest stays plain, so it still reads (and greps) as tsc's.
      const line = sev < 0 ? head : head.slice(0, sev + 2) + (d.severity === 'error' ? paint.red : paint.yellow)(d.severity) + head.slice(sev + 2 + d.severity.length);
      const block = [paint.bold(line)];
      const frame = codeFrame(page.lines, d, paint);
      if (frame) block.push(frame);
      if (d.hint) block.push(d.hint.replace(/^/gm, '    '));
      out.push(block.join('\n'));
    }
  }
  const c = countFindings(pages);
  const where = `in ${plural(c.pages, 'page')} (${plural(c.tables, 'table')})`;
  const problems = c.errors + c.warnings;
  const summary = problems ? `${plural(problems, 'problem')} (${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}) ${where}` : `no problems ${where}`;
  out.push((c.errors ? paint.red : c.warnings ? paint.yellow : (s: string) => s)(summary));
  return out.join('\n\n') + '\n';
}

/** The JSON form: only the six documented fields of each diagnostic, in page order. */
export function formatJson(pages: readonly PageLint[]): string {
  const list = pages.flatMap((p) =>
    p.diagnostics.map((d: Diagnostic) => ({ file: d.file, line: d.line, column: d.column, severity: d.severity, code: d.code, message: d.message })),
  );
  return JSON.stringify(list, null, 1) + '\n';
}
