/**
 * `dftables eval PATH... [--json]`: evaluate every df-table block and print the tables (or, with
 * --json, one array of {file, line, ok, csv, error}). Exit status 1 if any block failed.
 */
import type { Command } from 'commander';
import { evaluatePage, type BlockResult } from '../engine.js';
import { collectPages } from '../pages.js';
import { parseCsvRows } from '../frame/csvWrite.js';
import { formatDiagnostic, isDftablesError } from '../errors.js';
import { printDiagnostic } from './output.js';

export interface EvalCommandOptions {
  json?: boolean;
  root?: string;
  timeout?: number;
}

export function runEval(paths: string[], opts: EvalCommandOptions, out: NodeJS.WritableStream = process.stdout): number {
  const results: BlockResult[] = [];
  let failed = false;
  let pages: string[];
  try {
    pages = collectPages(paths);
  } catch (e) {
    if (!isDftablesError(e)) throw e;
    process.stderr.write(`error ${e.code} ${e.message}\n`);
    return 2;
  }
  for (const page of pages) {
    let res;
    try {
      res = evaluatePage(page, { root: opts.root, limits: opts.timeout ? { timeoutMs: opts.timeout * 1000 } : undefined });
    } catch (e) {
      process.stderr.write(`${page}: error DT401 cannot read page: ${(e as Error).message}\n`);
      failed = true;
      continue;
    }
    for (const r of res.results) {
      results.push(r);
      if (!r.ok) failed = true;
    }
  }
  if (opts.json) {
    const json = results.map((r) => ({
      file: r.file,
      line: r.line,
      ok: r.ok,
      csv: r.ok ? r.csv : null,
      error: r.error ? { line: r.error.line, column: r.error.column, code: r.error.code, message: r.error.message, ...(r.error.hint ? { hint: r.error.hint } : {}) } : null,
    }));
    out.write(JSON.stringify(json, null, 1) + '\n');
  } else {
    for (const r of results) {
      if (r.ok) {
        out.write(`${r.file}:${r.line}\n${textTable(parseCsvRows(r.csv ?? ''))}\n\n`);
      } else if (r.error) {
        printDiagnostic(r.error, out);
      }
    }
    const bad = results.filter((r) => !r.ok).length;
    out.write(`${results.length} table${results.length === 1 ? '' : 's'} in ${pages.length} page${pages.length === 1 ? '' : 's'}, ${bad} error${bad === 1 ? '' : 's'}\n`);
  }
  return failed ? 1 : 0;
}

/** A plain aligned text table: numbers right-aligned, text left-aligned, a rule under the header. */
export function textTable(rows: string[][]): string {
  if (!rows.length) return '(empty)';
  const ncol = Math.max(...rows.map((r) => r.length));
  const widths = Array.from({ length: ncol }, (_, c) => Math.max(...rows.map((r) => [...(r[c] ?? '')].length)));
  const numeric = Array.from({ length: ncol }, (_, c) => rows.slice(1).every((r) => (r[c] ?? '') === '' || /^[-+$]?[\d,.]+(e[-+]?\d+)?%?$/i.test(r[c] ?? '')));
  const fmt = (r: string[]) =>
    Array.from({ length: ncol }, (_, c) => {
      const s = r[c] ?? '';
      const pad = ' '.repeat(widths[c] - [...s].length);
      return numeric[c] ? pad + s : s + pad;
    })
      .join('  ')
      .trimEnd();
  return [fmt(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(fmt)].join('\n');
}

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description('evaluate the df-table blocks of pages (or folders of pages) and print their tables')
    .argument('<paths...>', 'pages (.rst, .md) or folders')
    .option('--json', 'print one JSON array: {file, line, ok, csv, error} per block')
    .option('--root <dir>', 'docs root: pages may read data only under it (default: nearest folder with dftables.config.json, conf.py or .git)')
    .option('--timeout <seconds>', 'time limit per block', (v) => Number(v))
    .action((paths: string[], opts: EvalCommandOptions) => {
      process.exitCode = runEval(paths, opts);
    });
}

export { formatDiagnostic };
