/**
 * The static half of lint: what can be told about a block without running it or reading data.
 * Every bad option is reported (each at its own line), and the code is parsed, which gives the
 * syntax errors (DT1xx) at the position Python would give and the refusals the parser makes
 * (def, while, imports, private and forbidden names: DT301-DT303). A block with any of these is
 * not evaluated.
 */
import { DftablesError, type Diagnostic } from '../errors.js';
import { parseOptions, type TableOptions } from '../directive/options.js';
import type { DirectiveBlock } from '../directive/types.js';
import { parseBlock } from '../python/interpreter.js';

export interface StaticResult {
  /** The block's options when they are all valid. */
  options?: TableOptions;
  errors: Diagnostic[];
}

function diagnostic(e: unknown, block: DirectiveBlock): Diagnostic {
  const err = e instanceof DftablesError ? e : new DftablesError('DT204', `internal error: ${e instanceof Error ? e.message : String(e)}`);
  return err.toDiagnostic({ file: block.file, pos: { line: block.line, col: block.col } });
}

export function checkBlockStatically(block: DirectiveBlock): StaticResult {
  const errors: Diagnostic[] = [];
  let options: TableOptions | undefined;
  try {
    options = parseOptions(block);
  } catch {
    // parseOptions stops at the first bad option; look at each one alone to report them all.
    for (const o of block.options) {
      try {
        parseOptions({ ...block, options: [o] });
      } catch (e) {
        errors.push(diagnostic(e, block));
      }
    }
  }
  if (block.code.trim()) {
    try {
      parseBlock(block.code, block.map);
    } catch (e) {
      errors.push(diagnostic(e, block));
    }
  }
  return { options, errors };
}
