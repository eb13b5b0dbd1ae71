/**
 * Building a site: every page under SRC to OUT/<same path>.html. Pages are parsed first (so
 * labels, titles and toctrees of all pages are known), then each page's df-table blocks are
 * evaluated in this process (or taken from the incremental cache), rendered into the layout and
 * written only if the HTML changed. A failed block becomes an error box in its page; the build
 * goes on with everything else and reports it.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import type { Diagnostic } from '../errors.js';
import type { BlockResult, EvalOptions } from '../engine.js';
import { findBlocks } from '../directive/find.js';
import { resolveDocsRoot } from '../sandbox/root.js';
import type { DirectiveBlock } from '../directive/types.js';
import type { PageEnv } from '../render/context.js';
import { renderLayout, SiteNav } from '../render/layout.js';
import { parsePage, type ParsedPage, type RenderedPage } from '../render/page.js';
import { readAsset } from '../render/templates.js';
import { escapeHtml, escapeText } from '../render/html.js';
import { EvalCache } from './cache.js';
import { loadConfig } from './config.js';
import { discoverPages, type PageFile } from './discover.js';
import { indexSite, readingOrder } from './site.js';
import { VERSION } from './version.js';

export interface BuildOptions {
  src: string;
  out: string;
  /** Docs root for data files (default: resolveDocsRoot(src)). */
  root?: string;
  /** Time limit per block, in seconds. */
  timeout?: number;
  /** Ignore the incremental cache. */
  force?: boolean;
  report(d: Diagnostic): void;
  /** Called as pages are evaluated and rendered (for a progress line). */
  progress?(done: number, total: number, page: string): void;
  /** Evaluates one block: the engine's evaluateBlock (the command passes it; tests may use goldens). */
  evaluate(block: DirectiveBlock, opts: EvalOptions): BlockResult;
  /**
   * Evaluates a page's blocks off this thread, with a hard time limit (the sandbox's worker pool):
   * a block stuck in one long operation, such as a backtracking regex, is stopped at its limit.
   * The command passes it; without it every block goes through `evaluate`, in this thread.
   */
  evaluateIsolated?(blocks: readonly DirectiveBlock[], opts: EvalOptions): Promise<BlockResult[]>;
}

export interface BuildSummary {
  pages: number;
  tables: number;
  /** Failed blocks and other errors (exit status 1 when non-zero). */
  errors: number;
  warnings: number;
  /** Pages whose blocks came from the cache. */
  cached: number;
  /** HTML files written (changed). */
  written: number;
  seconds: number;
}

export const STATIC_ASSETS = ['dftables.css'];

export async function buildSite(opts: BuildOptions): Promise<BuildSummary> {
  const t0 = performance.now();
  const src = resolve(opts.src);
  const out = resolve(opts.out);
  // The engine reports page errors as results; anything it throws is a bug, reported the same way.
  const evaluate = (block: DirectiveBlock, o: EvalOptions): BlockResult => {
    try {
      return opts.evaluate(block, o);
    } catch (e) {
      const error = internalError(block.file, e);
      return { file: block.file, line: block.line, ok: false, error: { ...error, line: block.line, column: block.col }, warnings: [], files: [] };
    }
  };
  const config = loadConfig(src);
  const root = resolveDocsRoot(src, opts.root);
  const evalOpts: EvalOptions = { root, ...(opts.timeout ? { limits: { timeoutMs: opts.timeout * 1000 } } : {}) };
  let errors = 0;
  let warnings = 0;
  const report = (d: Diagnostic) => {
    if (d.severity === 'error') errors++;
    else warnings++;
    opts.report(d);
  };

  const { pages: files, duplicates } = discoverPages(src, out);
  const display = (f: PageFile) => relative(process.cwd(), f.abs) || f.rel;
  for (const d of duplicates) report({ file: display(d), line: 1, column: 1, severity: 'warning', code: 'DT704', message: `${d.rel} is skipped: another page has the same name (${d.docname}.html)` });

  // 1. Parse every page: the site index needs all titles, labels and toctrees before rendering.
  const parsed: { file: PageFile; text: string; page: ParsedPage; shown: string }[] = [];
  for (const f of files) {
    const shown = display(f);
    let text: string;
    try {
      text = readFileSync(f.abs, 'utf8');
    } catch (e) {
      report({ file: shown, line: 1, column: 1, severity: 'error', code: 'DT401', message: `cannot read page: ${(e as Error).message}` });
      continue;
    }
    let page: ParsedPage;
    try {
      page = parsePage(text, f.abs, f.format, { root, srcDir: src, report, file: shown });
    } catch (e) {
      // A bug of ours on this page: report it, show it in the page, build the others.
      report(internalError(shown, e));
      page = failedPage(shown, e);
    }
    parsed.push({ file: f, text, page, shown });
  }
  const site = indexSite(
    parsed.map((p) => ({ docname: p.file.docname, file: p.shown, parsed: p.page })),
    config.extlinks,
    report,
  );
  const rootDoc = site.pages.has('index') ? 'index' : undefined;
  const siteTitle = config.title ?? (rootDoc && site.pages.get(rootDoc)!.title) ?? 'Documentation';
  const order = readingOrder(site, rootDoc);
  const nav = new SiteNav(site, order, rootDoc);

  // 2. Evaluate (or reuse) each page's blocks; isolated, on worker threads, so the main thread
  // renders pages while the next ones are evaluated.
  const cache = EvalCache.load(out, VERSION);
  const cachedResults = parsed.map((p) => {
    const blocks = findBlocks(p.text, p.shown, p.file.format);
    return { blocks, results: opts.force || !blocks.length ? undefined : cache.lookup(p.file.rel, p.text, p.shown) };
  });
  const jobs = cachedResults.map((c) => (c.results || !c.blocks.length || !opts.evaluateIsolated ? undefined : opts.evaluateIsolated(c.blocks, evalOpts)));

  // 3. Render each page as its results are ready.
  let tables = 0;
  let cached = 0;
  let written = 0;
  const assets = new Set<string>();
  const included = includedEvaluator(evaluate, evalOpts, report);
  try {
    for (let k = 0; k < parsed.length; k++) {
      const p = parsed[k];
      opts.progress?.(k, parsed.length, p.file.rel);
      const { blocks } = cachedResults[k];
      let results = cachedResults[k].results;
      if (results) cached++;
      else {
        results = (await jobs[k]) ?? blocks.map((b) => evaluate(b, evalOpts));
        if (blocks.length) cache.store(p.file.rel, p.text, results);
      }
      const byLine = new Map(results.map((r) => [r.line, r]));
      for (const r of results) {
        if (r.error) report(r.error);
        for (const w of r.warnings) report(w);
      }
      const env: PageEnv = {
        file: p.shown,
        path: p.file.abs,
        docname: p.file.docname,
        format: p.file.format,
        site,
        root,
        srcDir: src,
        report,
        lines: p.text.split(/\r?\n/),
        table: (line, file) => (file === p.shown ? byLine.get(line) : included(file, line)),
      };
      let rendered: RenderedPage;
      try {
        rendered = p.page.render(env);
      } catch (e) {
        report(internalError(p.shown, e));
        rendered = failedPage(p.shown, e).render(env);
      }
      tables += rendered.dfTables;
      for (const a of rendered.assets) assets.add(a);
      const html = renderLayout({
        siteTitle,
        docname: p.file.docname,
        title: p.page.title,
        body: rendered.html,
        headings: rendered.headings,
        site,
        order,
        root: rootDoc,
        nav,
        version: VERSION,
      });
      if (writeIfChanged(join(out, p.file.docname + '.html'), html)) written++;
    }
  } finally {
    // Results of pages never rendered (an exception above) are not waited for.
    void Promise.allSettled(jobs.filter(Boolean));
  }
  opts.progress?.(parsed.length, parsed.length, '');
  // Pages deleted since the last build leave the cache.
  cache.retain(new Set(parsed.map((p) => p.file.rel)));
  cache.save();

  // 4. Theme assets, linked files, and an index page when the site has none.
  for (const name of STATIC_ASSETS) writeIfChanged(join(out, '_static', name), readAsset(name));
  for (const a of assets) copyIfChanged(a, join(out, relative(src, a)));
  if (!rootDoc) {
    const list = order.map((d) => `<li><a href="${escapeHtml(site.href('index', d))}">${escapeText(site.pages.get(d)!.title)}</a></li>`).join('\n');
    const html = renderLayout({
      siteTitle,
      docname: 'index',
      title: siteTitle,
      body: `<section id="pages">\n<h1>${escapeText(siteTitle)}</h1>\n<ul>\n${list}\n</ul>\n</section>\n`,
      headings: [],
      site,
      order,
      nav,
      version: VERSION,
    });
    if (writeIfChanged(join(out, 'index.html'), html)) written++;
  }
  return { pages: parsed.length, tables, errors, warnings, cached, written, seconds: (performance.now() - t0) / 1000 };
}

function internalError(file: string, e: unknown): Diagnostic {
  return { file, line: 1, column: 1, severity: 'error', code: 'DT204', message: `internal error: ${e instanceof Error ? e.message : String(e)}` };
}

/** What a page that could not be parsed or rendered shows: the error, in the theme. */
function failedPage(file: string, e: unknown): ParsedPage {
  const html = `<div class="dftables-error" role="alert"><p class="dftables-error-title">Cannot render ${escapeText(file)}</p><pre>${escapeText(e instanceof Error ? e.message : String(e))}</pre></div>\n`;
  return { format: 'rst', title: '', headings: [], labels: [], toctrees: [], includes: [], render: () => ({ html, headings: [], assets: new Set(), reads: new Set(), dfTables: 0, dfErrors: 0 }) };
}

/** df-tables inside included files: evaluated on demand, once per file per build. */
function includedEvaluator(evaluate: (block: DirectiveBlock, opts: EvalOptions) => BlockResult, opts: EvalOptions, report: (d: Diagnostic) => void) {
  const byFile = new Map<string, Map<number, BlockResult>>();
  return (file: string, line: number): BlockResult | undefined => {
    let results = byFile.get(file);
    if (!results) {
      results = new Map();
      try {
        for (const b of findBlocks(readFileSync(file, 'utf8'), file)) {
          const r = evaluate(b, opts);
          if (r.error) report(r.error);
          results.set(b.line, r);
        }
      } catch {
        /* unreadable: the include directive reported it */
      }
      byFile.set(file, results);
    }
    return results.get(line);
  };
}

/** Writes a file atomically (temp file + rename) unless it already holds exactly this text. */
export function writeIfChanged(path: string, text: string): boolean {
  try {
    if (readFileSync(path, 'utf8') === text) return false;
  } catch {
    /* new file */
  }
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, text);
  } catch (e) {
    // Folders are made only when missing: checking each time costs more than the rare retry.
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(tmp, text);
  }
  renameSync(tmp, path);
  return true;
}

function copyIfChanged(from: string, to: string): void {
  try {
    const a = statSync(from);
    if (existsSync(to)) {
      const b = statSync(to);
      if (a.size === b.size && b.mtimeMs >= a.mtimeMs) return;
    }
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to);
  } catch {
    /* reported when the page referenced it */
  }
}
