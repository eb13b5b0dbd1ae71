/** Diagnostic output shared by commands: tsc-style line, then the hint indented under it. */
import type { Diagnostic } from '../errors.js';
import { formatDiagnostic } from '../errors.js';

export function printDiagnostic(d: Diagnostic, out: NodeJS.WritableStream = process.stderr): void {
  out.write(formatDiagnostic(d) + '\n');
  if (d.hint) out.write(d.hint.replace(/^/gm, '    ') + '\n');
}
