/**
 * The engine facade: find blocks, evaluate one block in a fresh sandboxed interpreter, return the
 * table as pandas' to_csv text or a positioned diagnostic. Every command (eval, build, lint,
 * preview, serve-eval) goes through here.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DftablesError, type Diagnostic, type Pos } from './errors.js';
import { findBlocks } from './directive/find.js';
import { parseOptions, type TableOptions } from './directive/options.js';
import type { DirectiveBlock, LineMap, PageFormat } from './directive/types.js';
import { createDataFileReader } from './sandbox/dataFiles.js';
import { resolveDocsRoot } from './sandbox/root.js';
import { DEFAULT_LIMITS, typeName, type Limits, type PyValue } from './python/values.js';
import { parseBlock, Interpreter } from './python/interpreter.js';
import { createNumpyModule, createPandasModule, resultTable } from './frame/modules.js';
import type { DiagnosticCode } from './diagnostics/codes.js';

export { findBlocks } from './directive/find.js';
export { resolveDocsRoot } from './sandbox/root.js';
export type { DirectiveBlock } from './directive/types.js';

export interface EvalOptions {
  /** Docs root; defaults to resolveDocsRoot(page folder). */
  root?: string;
  limits?: Partial<Limits>;
  /**
   * Called before each top-level statement runs, with the block's variables so far (which then
   * run one at a time): lint uses it to tell which statement emptied the table, the isolate to
   * say where a block that had to be stopped was.
   */
  onStatement?: (pos: Pos, namespace: ReadonlyMap<string, PyValue>) => void;
}

export interface BlockResult {
  file: string;
  /** Line of the `.. df-table::` (or fence). */
  line: number;
  ok: boolean;
  csv?: string;
  error?: Diagnostic;
  /** Lint findings (DT6xx) and option warnings; evaluation still succeeded. */
  warnings: Diagnostic[];
  /** Real paths of the data files the block read. */
  files: string[];
  /** The parsed options (absent when the options themselves were invalid). */
  options?: TableOptions;
  /** The result frame, for renderers and lint that want more than text. */
  frame?: PyValue;
}

function diagnosticOf(e: unknown, file: string, fallback: Pos): Diagnostic {
  if (e instanceof DftablesError) return e.toDiagnostic({ file, pos: fallback });
  // A bug of ours, not the page's: still a diagnostic, never a stack trace.
  const message = e instanceof Error ? e.message : String(e);
  return { file, line: fallback.line, column: fallback.col, severity: 'error', code: 'DT204', message: `internal error: ${message}` };
}

export function evaluateBlock(block: DirectiveBlock, opts: EvalOptions = {}): BlockResult {
  const pageDir = dirname(resolve(block.file));
  const root = opts.root ? resolve(opts.root) : resolveDocsRoot(pageDir);
  const limits: Limits = { ...DEFAULT_LIMITS, ...opts.limits };
  const directivePos = { line: block.line, col: block.col };
  const warnings: Diagnostic[] = [];
  const reader = createDataFileReader(pageDir, root, limits.maxCsvBytes);
  const result: BlockResult = { file: block.file, line: block.line, ok: false, warnings, files: reader.files };
  try {
    const options = parseOptions(block);
    result.options = options;
    if (!block.code.trim()) {
      throw new DftablesError('DT504', `${block.name} has no code`, {
        pos: directivePos,
        hint: block.argument ? 'The code must follow a blank line after the options; without it, the text is read as the title.' : undefined,
      });
    }
    const module = parseBlock(block.code, block.map);
    const interp = new Interpreter(
      {
        limits,
        deadline: Date.now() + limits.timeoutMs,
        readDataFile: (path) => reader.read(path),
        warn: (code: DiagnosticCode, message: string, pos: Pos) => {
          warnings.push({ file: block.file, line: pos.line, column: pos.col, severity: 'warning', code, message });
        },
      },
      new Map<string, PyValue>([
        ['pd', createPandasModule()],
        ['np', createNumpyModule()],
      ]),
    );
    if (opts.onStatement) {
      for (const s of module.body) {
        opts.onStatement({ line: s.line, col: s.col }, interp.namespace);
        interp.run({ kind: 'Module', body: [s] });
      }
    } else {
      interp.run(module);
    }
    const value = interp.namespace.get(options.dfVar);
    if (value === undefined) {
      throw new DftablesError('DT206', `the block never assigns '${options.dfVar}', the table to show`, {
        pos: directivePos,
        hint: options.dfVar === 'df' ? 'Assign the table to df, or name its variable with :df-var:.' : `Assign the table to ${options.dfVar}.`,
      });
    }
    const table = resultTable(value);
    if (!table) {
      throw new DftablesError('DT207', `'${options.dfVar}' is ${describe(value)}, not a DataFrame`, {
        pos: directivePos,
        hint: 'Assign a DataFrame to it: the table is df.to_csv(index=False).',
      });
    }
    if (table !== value) {
      // The original extension calls result.to_csv(index=False), which a Series has too.
      warnings.push({ file: block.file, line: directivePos.line, column: directivePos.col, severity: 'warning', code: 'DT606', message: `'${options.dfVar}' is a Series; it is shown as a one-column table` });
    }
    const csv = table.toCsv();
    const rows = table.rowCount() + 1;
    if (options.headerRows > rows) {
      const opt = block.options.find((o) => o.name === 'header-rows');
      throw new DftablesError('DT503', `:header-rows: is ${options.headerRows} but the table has only ${rows} rows (including the column names)`, { pos: opt?.pos ?? directivePos });
    }
    result.ok = true;
    result.csv = csv;
    result.frame = table;
  } catch (e) {
    result.error = diagnosticOf(e, block.file, directivePos);
  }
  return result;
}

/** Evaluates code that does not come from a page finder (serve-eval, tests). */
export function evaluateCode(
  code: string,
  opts: EvalOptions & { file: string; line: number; map?: LineMap; dfVar?: string; format?: PageFormat },
): BlockResult {
  const lines = code.split('\n');
  const map = opts.map ?? { lines: lines.map((_, i) => opts.line + 1 + i), cols: lines.map(() => 0) };
  const block: DirectiveBlock = {
    file: opts.file,
    format: opts.format ?? 'rst',
    name: 'df-table',
    line: opts.line,
    col: 1,
    argument: '',
    options: opts.dfVar ? [{ name: 'df-var', value: opts.dfVar, pos: { line: opts.line, col: 1 } }] : [],
    code,
    map,
    startLine: opts.line,
    endLine: opts.line + lines.length,
    indent: '',
  };
  return evaluateBlock(block, opts);
}

export interface PageResult {
  file: string;
  text: string;
  blocks: DirectiveBlock[];
  results: BlockResult[];
}

/** Reads a page and evaluates every block in it. */
export function evaluatePage(file: string, opts: EvalOptions = {}): PageResult {
  const text = readFileSync(file, 'utf8');
  const blocks = findBlocks(text, file);
  return { file, text, blocks, results: blocks.map((b) => evaluateBlock(b, opts)) };
}

function describe(v: PyValue): string {
  return v === null ? 'None' : `a ${typeName(v)}`;
}
