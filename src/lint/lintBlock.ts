/**
 * The evaluating half of lint for one block: the engine runs it with the real data (the frame
 * layer's own warnings, DT601-DT603, arrive in `warnings`), and the result tracker adds the
 * warnings about the table shown (DT604, DT605). Writes nothing: the sandbox refuses writes.
 */
import { dirname, relative, resolve } from 'node:path';
import { evaluateBlock, type BlockResult, type EvalOptions } from '../engine.js';
import type { Diagnostic, Pos } from '../errors.js';
import type { DirectiveBlock } from '../directive/types.js';
import { trackResult } from './resultTracker.js';

/** The variable holding a block's table (:df-var:), read without validating the options. */
function resultVariable(block: DirectiveBlock): string {
  const opt = [...block.options].reverse().find((o) => o.name === 'df-var' || o.name === 'df-arg');
  return opt?.value.trim() || 'df';
}

/**
 * An error found inside a data file (a malformed CSV) is reported by the frame layer at the
 * file's own line; lint reports every finding in the page, so it moves to the statement that
 * read the file, and the message names the file (its line is in pandas' message).
 */
function intoPage(d: Diagnostic, block: DirectiveBlock, statement: Pos | undefined): Diagnostic {
  if (d.file === block.file || !statement) return d;
  const shown = relative(dirname(resolve(block.file)), resolve(d.file)) || d.file;
  const { endLine: _endLine, endColumn: _endColumn, ...rest } = d;
  return { ...rest, file: block.file, line: statement.line, column: statement.col, message: `${shown}: ${d.message}` };
}

export function lintBlock(block: DirectiveBlock, opts: EvalOptions = {}): BlockResult {
  const tracker = trackResult(block.file, resultVariable(block));
  const outer = opts.onStatement;
  let statement: Pos | undefined;
  const result = evaluateBlock(block, {
    ...opts,
    onStatement: (pos, namespace) => {
      statement = pos;
      outer?.(pos, namespace);
      tracker.onStatement(pos, namespace);
    },
  });
  if (result.error) result.error = intoPage(result.error, block, statement);
  if (result.ok) result.warnings.push(...tracker.finish(result.frame));
  return result;
}
