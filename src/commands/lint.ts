/**
 * `dftables lint PATH... [--json] [--max-warnings N]`: the mistakes in df-table blocks, found by
 * reading the code and by evaluating it with the real data (writing nothing), printed tsc-style
 * with a code frame, or as one JSON array. Exit status 1 on any error, or on more warnings than
 * --max-warnings; 2 when a path does not exist.
 */
import type { Command } from 'commander';
import { statSync } from 'node:fs';
import { isDftablesError } from '../errors.js';
import { collectPages } from '../pages.js';
import { lintPages, type LintTarget } from '../lint/lintPages.js';
import { countFindings, formatJson, formatText } from '../lint/report.js';
import { paintFor } from '../lint/paint.js';

export interface LintCommandOptions {
  json?: boolean;
  /** Exit 1 when there are more warnings than this (default: warnings never fail). */
  maxWarnings?: number;
  root?: string;
  /** Time limit per block, in seconds. */
  timeout?: number;
  /** Evaluate on worker threads with a watchdog (default true). */
  isolate?: boolean;
}

interface Streams {
  out: NodeJS.WritableStream & { isTTY?: boolean };
  err: NodeJS.WritableStream;
}

/** Pages under each path, each with the folder it was found in (the docs root fallback). */
function targetsOf(paths: string[]): LintTarget[] {
  const seen = new Set<string>();
  const out: LintTarget[] = [];
  for (const p of paths) {
    const given = statSync(p, { throwIfNoEntry: false })?.isDirectory() ? p : undefined;
    for (const file of collectPages([p])) {
      if (seen.has(file)) continue;
      seen.add(file);
      out.push({ file, given });
    }
  }
  return out;
}

export async function runLint(paths: string[], opts: LintCommandOptions = {}, streams: Streams = { out: process.stdout, err: process.stderr }): Promise<number> {
  let targets: LintTarget[];
  try {
    targets = targetsOf(paths);
  } catch (e) {
    if (!isDftablesError(e)) throw e;
    streams.err.write(`dftables lint: error ${e.code} ${e.message}\n`);
    return 2;
  }
  const maxWarnings = opts.maxWarnings ?? -1;
  if (!Number.isInteger(maxWarnings)) {
    streams.err.write('dftables lint: --max-warnings takes a whole number\n');
    return 2;
  }
  if (opts.timeout !== undefined && !(opts.timeout > 0)) {
    streams.err.write('dftables lint: --timeout takes a number of seconds above 0\n');
    return 2;
  }
  const pages = await lintPages(targets, {
    root: opts.root,
    timeoutMs: opts.timeout ? Math.round(opts.timeout * 1000) : undefined,
    isolate: opts.isolate,
  });
  const counts = countFindings(pages);
  const tooManyWarnings = maxWarnings >= 0 && counts.warnings > maxWarnings;
  if (opts.json) {
    streams.out.write(formatJson(pages));
  } else {
    streams.out.write(formatText(pages, paintFor(streams.out)));
    if (tooManyWarnings) streams.out.write(`dftables lint found too many warnings (maximum: ${maxWarnings})\n`);
  }
  return counts.errors || tooManyWarnings ? 1 : 0;
}

export function registerLint(program: Command): void {
  program
    .command('lint')
    .description('check df-table blocks for mistakes: evaluates them with the real data and writes nothing')
    .argument('<paths...>', 'pages (.rst, .md) or folders')
    .option('--json', 'print one JSON array of {file, line, column, severity, code, message}')
    .option('--max-warnings <n>', 'exit with status 1 when there are more than N warnings', (v) => Number(v))
    .option('--root <dir>', 'docs root: pages may read data only under it (default: nearest folder with dftables.config.json, conf.py or .git)')
    .option('--timeout <seconds>', 'time limit per block (default 10)', (v) => Number(v))
    .option('--no-isolate', 'evaluate in this thread, without the watchdog that stops a stuck block')
    .action(async (paths: string[], opts: LintCommandOptions) => {
      process.exitCode = await runLint(paths, opts);
    });
}
