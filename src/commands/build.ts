/**
 * `dftables build SRC -o OUT`: every page under SRC to OUT/<same path>.html. Diagnostics are
 * printed tsc-style (file:line:col) after the build, then a summary (pages, tables, errors,
 * seconds). A progress line shows on a terminal. Exit status 1 if any block or table failed.
 */
import type { Command } from 'commander';
import { existsSync, statSync } from 'node:fs';
import type { Diagnostic } from '../errors.js';
import { isDftablesError } from '../errors.js';
import { evaluateBlock } from '../engine.js';
import { evaluateBlocksIsolated, isolatePool } from '../sandbox/isolate.js';
import { buildSite, type BuildOptions, type BuildSummary } from '../site/build.js';
import { printDiagnostic } from './output.js';

export interface BuildCommandOptions {
  out: string;
  root?: string;
  timeout?: number;
  force?: boolean;
  /** Print errors only (warnings are still counted). */
  quiet?: boolean;
  /** Worker threads for evaluation (default 1: in this process). */
  jobs?: number;
  isolate?: boolean;
}

interface Streams {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream & { isTTY?: boolean };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function formatSummary(s: BuildSummary, out: string): string {
  const cached = s.cached ? `, ${s.cached} from cache` : '';
  return `built ${plural(s.pages, 'page')} (${plural(s.tables, 'table')}${cached}) into ${out}: ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')} in ${s.seconds.toFixed(2)} s\n`;
}

/** A progress line on a terminal, redrawn at most every 80 ms. */
function progressLine(err: Streams['err']): { update: BuildOptions['progress']; clear(): void } {
  if (!err.isTTY) return { update: undefined, clear() {} };
  let last = 0;
  let shown = false;
  return {
    update(done, total, page) {
      const now = Date.now();
      if (now - last < 80 && done < total) return;
      last = now;
      shown = true;
      const width = Math.max(20, ((err as { columns?: number }).columns ?? 80) - 20);
      err.write(`\r\x1b[K[${done}/${total}] ${page.length > width ? '…' + page.slice(-width) : page}`);
    },
    clear() {
      if (shown) err.write('\r\x1b[K');
    },
  };
}

export async function runBuild(src: string, opts: BuildCommandOptions, streams: Streams = { out: process.stdout, err: process.stderr }): Promise<number> {
  if (!existsSync(src) || !statSync(src).isDirectory()) {
    streams.err.write(`dftables build: ${src} is not a folder\n`);
    return 2;
  }
  const diagnostics: Diagnostic[] = [];
  const progress = progressLine(streams.err);
  let summary: BuildSummary;
  // Workers load the engine while the pages are parsed.
  if (opts.isolate !== false) isolatePool(opts.jobs).warm();
  try {
    summary = await buildSite({
      src,
      out: opts.out,
      root: opts.root,
      timeout: opts.timeout,
      force: opts.force,
      evaluate: evaluateBlock,
      evaluateIsolated: opts.isolate === false ? undefined : (blocks, o) => evaluateBlocksIsolated(blocks, o, opts.jobs),
      report: (d) => diagnostics.push(d),
      progress: progress.update,
    });
  } catch (e) {
    progress.clear();
    if (!isDftablesError(e)) throw e;
    printDiagnostic(e.toDiagnostic({ file: e.file ?? src, pos: e.pos ?? { line: 1, col: 1 } }), streams.err);
    return 2;
  }
  progress.clear();
  for (const d of diagnostics) if (!opts.quiet || d.severity === 'error') printDiagnostic(d, streams.err);
  streams.out.write(formatSummary(summary, opts.out));
  return summary.errors ? 1 : 0;
}

export function registerBuild(program: Command): void {
  program
    .command('build')
    .description('build every .rst and .md page under SRC to HTML in OUT, evaluating df-table blocks')
    .argument('<src>', 'source folder')
    .requiredOption('-o, --out <dir>', 'output folder')
    .option('--root <dir>', 'docs root: pages may read data only under it (default: nearest folder with dftables.config.json, conf.py or .git)')
    .option('--timeout <seconds>', 'time limit per block', (v) => Number(v))
    .option('--force', 'ignore the incremental cache: evaluate every block again')
    .option('-q, --quiet', 'print errors only, not warnings')
    .option('-j, --jobs <n>', 'worker threads evaluating blocks (default: 2, or 1 on a single core)', (v) => Number(v))
    .option('--no-isolate', 'evaluate blocks in the build process itself: a little faster, but a block stuck in one long operation (a backtracking regex) cannot be stopped at its time limit')
    .action(async (src: string, opts: BuildCommandOptions) => {
      process.exitCode = await runBuild(src, opts);
    });
}
