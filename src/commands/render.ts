/**
 * `dftables render PAGE --to rst|md|html [-o FILE]`: the page with its tables substituted.
 *   rst   every df-table becomes a static csv-table (same options, data inline); the rest of
 *         the page is unchanged, so plain Sphinx builds it with no extension and no pandas.
 *         Markdown pages get MyST `{csv-table}` fences.
 *   md    df-table fences become GitHub pipe tables (Markdown pages).
 *   html  the rendered page body.
 * Output goes to FILE (written whole, never half) or stdout; diagnostics to stderr; exit
 * status 1 if a block failed (its place shows the error).
 */
import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { isDftablesError } from '../errors.js';
import { evaluateBlock } from '../engine.js';
import { pipeTable, staticCsvTable, substituteBlocks } from '../render/substitute.js';
import { writeIfChanged } from '../site/build.js';
import { renderSinglePage, type SinglePageOptions } from '../site/single.js';
import { printDiagnostic } from './output.js';

export type RenderTarget = 'rst' | 'md' | 'html';

export interface RenderCommandOptions {
  to: RenderTarget;
  out?: string;
  root?: string;
  timeout?: number;
}

/** The page rendered to `to`, plus what went wrong. */
export function renderPageTo(file: string, to: RenderTarget, opts: SinglePageOptions) {
  const page = renderSinglePage(file, opts);
  const byLine = new Map(page.results.map((r) => [r.line, r]));
  let text: string;
  if (to === 'html') text = page.body;
  else if (to === 'rst') {
    const lines = page.text.split(/\r?\n/);
    text = substituteBlocks(page.text, page.blocks, (b) => staticCsvTable(b, byLine.get(b.line), lines));
  } else {
    if (page.format !== 'md') throw new Error(`--to md substitutes tables in Markdown pages; ${file} is reStructuredText (use --to rst)`);
    text = substituteBlocks(page.text, page.blocks, (b) => pipeTable(b, byLine.get(b.line)));
  }
  return { text, page };
}

export function runRender(file: string, opts: RenderCommandOptions, streams = { out: process.stdout as NodeJS.WritableStream, err: process.stderr as NodeJS.WritableStream }): number {
  if (!['rst', 'md', 'html'].includes(opts.to)) {
    streams.err.write(`dftables render: --to must be rst, md or html (got '${opts.to}')\n`);
    return 2;
  }
  if (!existsSync(file)) {
    streams.err.write(`dftables render: no such page: ${file}\n`);
    return 2;
  }
  let result: ReturnType<typeof renderPageTo>;
  try {
    result = renderPageTo(file, opts.to, { root: opts.root, timeout: opts.timeout, evaluate: evaluateBlock });
  } catch (e) {
    if (isDftablesError(e)) printDiagnostic(e.toDiagnostic({ file, pos: e.pos ?? { line: 1, col: 1 } }), streams.err);
    else streams.err.write(`dftables render: ${(e as Error).message}\n`);
    return 2;
  }
  for (const d of result.page.diagnostics) printDiagnostic(d, streams.err);
  if (opts.out) writeIfChanged(opts.out, result.text);
  else streams.out.write(result.text);
  return result.page.failed ? 1 : 0;
}

export function registerRender(program: Command): void {
  program
    .command('render')
    .description('substitute the evaluated tables into a page: static csv-table RST, Markdown pipe tables, or HTML')
    .argument('<page>', 'page (.rst or .md)')
    .requiredOption('--to <format>', 'rst | md | html')
    .option('-o, --out <file>', 'write to FILE instead of stdout')
    .option('--root <dir>', 'docs root: pages may read data only under it')
    .option('--timeout <seconds>', 'time limit per block', (v) => Number(v))
    .action((page: string, opts: RenderCommandOptions) => {
      process.exitCode = runRender(page, opts);
    });
}
