/** Renders a page from a string with a one-page site: what the render tests look at. */
import type { Diagnostic } from '../../src/errors.js';
import type { BlockResult } from '../../src/engine.js';
import type { ExtLink, LabelTarget, PageInfo, SiteInfo } from '../../src/render/context.js';
import { parsePage } from '../../src/render/page.js';
import { pageHref } from '../../src/site/site.js';

export interface RenderOptions {
  format?: 'rst' | 'md';
  extlinks?: Record<string, ExtLink>;
  /** df-table results by directive line. */
  tables?: Record<number, Partial<BlockResult>>;
  /** Labels and pages of other (imaginary) pages of the site. */
  labels?: Record<string, LabelTarget>;
  pages?: Record<string, PageInfo>;
  docname?: string;
  /** Absolute page path (folder for csv-table :file: and images). */
  path?: string;
  root?: string;
  showWarnings?: boolean;
}

export function renderPage(text: string, opts: RenderOptions = {}): { html: string; diagnostics: Diagnostic[]; title: string } {
  const format = opts.format ?? 'rst';
  const path = opts.path ?? `/tmp/dftables-test/page.${format}`;
  const root = opts.root ?? path.replace(/\/[^/]*$/, '');
  const diagnostics: Diagnostic[] = [];
  const report = (d: Diagnostic) => diagnostics.push(d);
  const docname = opts.docname ?? 'page';
  const page = parsePage(text, path, format, { root, srcDir: root, report, file: 'page.' + format });
  const labels = new Map<string, LabelTarget>(Object.entries(opts.labels ?? {}));
  for (const l of page.labels) labels.set(l.name, { docname, id: l.id, ...(l.title !== undefined ? { title: l.title } : {}) });
  const pages = new Map<string, PageInfo>(Object.entries(opts.pages ?? {}));
  pages.set(docname, { title: page.title, headings: page.headings, toc: [] });
  const site: SiteInfo = { labels, pages, extlinks: opts.extlinks ?? {}, href: pageHref };
  const tables = opts.tables ?? {};
  const rendered = page.render({
    file: 'page.' + format,
    path,
    docname,
    format,
    site,
    root,
    srcDir: root,
    report,
    lines: text.split('\n'),
    showWarnings: opts.showWarnings,
    table: (line) => {
      const t = tables[line];
      return t ? ({ file: 'page.' + format, line, ok: true, warnings: [], files: [], options: { headerRows: 0, stubColumns: 0, classes: [], dfVar: 'df', keepspace: false }, ...t } as BlockResult) : undefined;
    },
  });
  return { html: rendered.html, diagnostics, title: page.title };
}

/** Text of every td/th, in document order, tags dropped and whitespace collapsed. */
export function cellTexts(html: string): string[] {
  const out: string[] = [];
  const re = /<(td|th)\b[^>]*>([\s\S]*?)<\/\1>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(html))) out.push(textOf(m[2]));
  return out;
}

export function textOf(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(lt|gt|quot|amp|#39|#x27);/g, (_, e: string) => ({ lt: '<', gt: '>', quot: '"', amp: '&', '#39': "'", '#x27': "'" })[e]!)
    .replace(/\s+/g, ' ')
    .trim();
}
