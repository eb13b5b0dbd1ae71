/**
 * Lint of a set of pages: the static pass on every block, then the blocks that pass it are
 * evaluated with the real data (on the isolate's workers, with the watchdog, or in this thread),
 * and every finding of every page is collected: at most one error per block (the first stops
 * the block), all option errors, all warnings. Nothing is written anywhere.
 */
import { readFileSync } from 'node:fs';
import type { BlockResult, EvalOptions } from '../engine.js';
import type { Diagnostic } from '../errors.js';
import { findBlocks } from '../directive/find.js';
import type { DirectiveBlock } from '../directive/types.js';
import { resolvePageRoot } from '../sandbox/root.js';
import { isolateAvailable, isolatePool } from '../sandbox/isolate.js';
import { checkBlockStatically } from './static.js';
import { lintBlock } from './lintBlock.js';

export interface LintTarget {
  /** The page, as given to the command (diagnostics name it so). */
  file: string;
  /** The folder the command was given that holds the page, if any (docs root fallback). */
  given?: string;
}

export interface LintOptions {
  /** --root: the docs root for every page. */
  root?: string;
  /** Time limit per block, in milliseconds. */
  timeoutMs?: number;
  /** Evaluate on isolate workers with a watchdog (default: when available). */
  isolate?: boolean;
}

export interface PageLint {
  file: string;
  /** The page's lines, for code frames (empty when it could not be read). */
  lines: string[];
  /** Blocks found in the page. */
  blocks: number;
  diagnostics: Diagnostic[];
}

const SEVERITY_ORDER = { error: 0, warning: 1 } as const;

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return a.line - b.line || a.column - b.column || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.code.localeCompare(b.code);
}

/** One finding once: a warning inside a loop is raised at every turn. */
function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.line}:${d.column}:${d.code}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function resultDiagnostics(r: BlockResult): Diagnostic[] {
  return [...(r.error ? [r.error] : []), ...r.warnings];
}

export async function lintPages(targets: readonly LintTarget[], opts: LintOptions = {}): Promise<PageLint[]> {
  const pages: PageLint[] = [];
  const pending: { page: PageLint; block: DirectiveBlock; evalOpts: EvalOptions }[] = [];
  for (const t of targets) {
    const page: PageLint = { file: t.file, lines: [], blocks: 0, diagnostics: [] };
    pages.push(page);
    let text: string;
    try {
      text = readFileSync(t.file, 'utf8');
    } catch (e) {
      page.diagnostics.push({ file: t.file, line: 1, column: 1, severity: 'error', code: 'DT401', message: `cannot read page: ${(e as Error).message}` });
      continue;
    }
    page.lines = text.split(/\r?\n/);
    let blocks: DirectiveBlock[];
    try {
      blocks = findBlocks(text, t.file);
    } catch (e) {
      // A bug of ours in the finder: one diagnostic for the page, and the other pages go on.
      page.diagnostics.push({ file: t.file, line: 1, column: 1, severity: 'error', code: 'DT204', message: `internal error: ${(e as Error).message}` });
      continue;
    }
    page.blocks = blocks.length;
    const evalOpts: EvalOptions = {
      root: resolvePageRoot(t.file, { explicit: opts.root, given: t.given }),
      ...(opts.timeoutMs ? { limits: { timeoutMs: opts.timeoutMs } } : {}),
    };
    for (const block of blocks) {
      const { errors } = checkBlockStatically(block);
      if (errors.length) page.diagnostics.push(...errors);
      else pending.push({ page, block, evalOpts });
    }
  }
  const useIsolate = (opts.isolate ?? true) && isolateAvailable();
  const results = useIsolate
    ? await Promise.all(pending.map((p) => isolatePool().evaluate(p.block, { ...p.evalOpts, lint: true })))
    : pending.map((p) => lintBlock(p.block, p.evalOpts));
  pending.forEach((p, i) => p.page.diagnostics.push(...resultDiagnostics(results[i])));
  for (const page of pages) page.diagnostics = dedupe(page.diagnostics.sort(compareDiagnostics));
  return pages;
}
