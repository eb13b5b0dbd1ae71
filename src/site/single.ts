/**
 * One page on its own (`dftables render`, `dftables preview`): evaluated in this process,
 * rendered with a one-page site (its own labels; extlinks from the dftables.config.json of its
 * docs root), and the list of files it depends on, for preview to watch.
 */
import { readFileSync } from 'node:fs';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import type { Diagnostic } from '../errors.js';
import type { BlockResult, EvalOptions } from '../engine.js';
import { findBlocks, pageFormat } from '../directive/find.js';
import { resolveDocsRoot } from '../sandbox/root.js';
import type { DirectiveBlock, PageFormat } from '../directive/types.js';
import { renderLayout } from '../render/layout.js';
import { parsePage } from '../render/page.js';
import { loadConfig, type SiteConfig } from './config.js';
import { indexSite } from './site.js';
import { VERSION } from './version.js';

export interface SinglePageOptions {
  /** Docs root (default: resolveDocsRoot of the page's folder). */
  root?: string;
  timeout?: number;
  /** Show DT6xx warnings as boxes under their tables (preview). */
  showWarnings?: boolean;
  /** Evaluates one block: the engine's evaluateBlock (commands pass it; tests may use goldens). */
  evaluate(block: DirectiveBlock, opts: EvalOptions): BlockResult;
}

export interface SinglePage {
  file: string;
  format: PageFormat;
  text: string;
  blocks: DirectiveBlock[];
  results: BlockResult[];
  /** The page body (HTML fragment). */
  body: string;
  title: string;
  /** The whole HTML page (theme layout), with optional extra markup in head and at the end of body. */
  document(extra?: { head?: string; body?: string }): string;
  /** Everything reported: block errors and warnings, markup problems. */
  diagnostics: Diagnostic[];
  /** Absolute paths whose change changes the page: the page, data files, included and linked files. */
  dependencies: string[];
  failed: boolean;
  config: SiteConfig;
}

/** The page's name under the docs root ('guide/intro'), so its links and assets resolve as in a build. */
export function docnameUnder(root: string, abs: string): string {
  const rel = relative(root, abs);
  const name = rel.startsWith('..') ? basename(abs) : rel.split(sep).join('/');
  return name.replace(/\.(rst|md)$/i, '');
}

export function renderSinglePage(file: string, opts: SinglePageOptions): SinglePage {
  const abs = resolve(file);
  const text = readFileSync(abs, 'utf8');
  const format = pageFormat(file) ?? 'rst';
  const root = resolveDocsRoot(dirname(abs), opts.root);
  const config = loadConfig(root);
  const diagnostics: Diagnostic[] = [];
  const report = (d: Diagnostic) => diagnostics.push(d);
  const { evaluate } = opts;
  const evalOpts: EvalOptions = { root, ...(opts.timeout ? { limits: { timeoutMs: opts.timeout * 1000 } } : {}) };

  const blocks = findBlocks(text, file, format);
  const results = blocks.map((b) => evaluate(b, evalOpts));
  for (const r of results) {
    if (r.error) report(r.error);
    for (const w of r.warnings) report(w);
  }
  const byLine = new Map(results.map((r) => [r.line, r]));
  const docname = docnameUnder(root, abs);
  const parsed = parsePage(text, abs, format, { root, srcDir: root, report, file });
  const site = indexSite([{ docname, file, parsed }], config.extlinks, report);
  const rendered = parsed.render({
    file,
    path: abs,
    docname,
    format,
    site,
    root,
    srcDir: root,
    report,
    lines: text.split(/\r?\n/),
    showWarnings: opts.showWarnings,
    table: (line, f) => (f === file ? byLine.get(line) : undefined),
  });
  const dependencies = new Set<string>([abs, ...results.flatMap((r) => r.files), ...parsed.includes, ...rendered.reads, ...rendered.assets]);
  return {
    file,
    format,
    text,
    blocks,
    results,
    body: rendered.html,
    title: parsed.title,
    document: (extra = {}) =>
      renderLayout({
        siteTitle: config.title ?? parsed.title,
        docname,
        title: parsed.title,
        body: rendered.html,
        headings: rendered.headings,
        site,
        order: [docname],
        version: VERSION,
        headExtra: extra.head,
        bodyExtra: extra.body,
      }),
    diagnostics,
    dependencies: [...dependencies],
    failed: results.some((r) => !r.ok) || diagnostics.some((d) => d.severity === 'error'),
    config,
  };
}
