/**
 * The site index: what every page needs to know about the others before any is rendered.
 * Labels (for :ref:), titles, sections and toctree entries (for :doc:, toctrees and the
 * navigation), relative URLs between pages, and the reading order (prev/next).
 */
import { posix } from 'node:path';
import type { Diagnostic } from '../errors.js';
import type { ExtLink, LabelTarget, PageInfo, SiteInfo, TocEntry } from '../render/context.js';
import type { ParsedPage } from '../render/page.js';
import { resolveToctree } from '../render/toctree.js';

export interface IndexedPage {
  docname: string;
  /** Path shown in diagnostics. */
  file: string;
  parsed: ParsedPage;
}

/** Relative URL of `to`'s HTML page (and anchor) from `from`'s. */
export function pageHref(from: string, to: string, anchor?: string): string {
  const hash = anchor ? `#${anchor}` : '';
  // Sphinx: a link to the page itself is its anchor alone, or '#' (an empty refuri written as '#').
  if (from === to) return hash || '#';
  return posix.relative(posix.dirname(from), to) + '.html' + hash;
}

export function indexSite(pages: IndexedPage[], extlinks: Record<string, ExtLink>, report: (d: Diagnostic) => void): SiteInfo {
  const labels = new Map<string, LabelTarget>();
  const labelFile = new Map<string, string>();
  const infos = new Map<string, PageInfo>();
  for (const p of pages) {
    infos.set(p.docname, { title: p.parsed.title || posix.basename(p.docname), headings: p.parsed.headings, toc: [] });
    for (const l of p.parsed.labels) {
      if (labels.has(l.name)) {
        report({ file: p.file, line: l.line, column: 1, severity: 'warning', code: 'DT703', message: `duplicate label ${l.name}, other instance in ${labelFile.get(l.name)}` });
        continue;
      }
      labels.set(l.name, { docname: p.docname, id: l.id, ...(l.title !== undefined ? { title: l.title } : {}) });
      labelFile.set(l.name, p.file);
    }
  }
  for (const p of pages) {
    const toc: TocEntry[] = [];
    for (const t of p.parsed.toctrees) {
      toc.push(
        ...resolveToctree(t.lines, t, p.docname, infos.keys(), (message) =>
          report({ file: p.file, line: t.line, column: 1, severity: 'warning', code: 'DT703', message }),
        ),
      );
    }
    infos.get(p.docname)!.toc = toc;
  }
  return { labels, pages: infos, extlinks, href: pageHref };
}

/**
 * Reading order: the root page, then its toctree depth first; pages no toctree reaches follow
 * in path order (a site without an index page is just the sorted pages).
 */
export function readingOrder(site: SiteInfo, root: string | undefined): string[] {
  const order: string[] = [];
  const seen = new Set<string>();
  const visit = (doc: string) => {
    if (seen.has(doc) || !site.pages.has(doc)) return;
    seen.add(doc);
    order.push(doc);
    for (const e of site.pages.get(doc)!.toc) if (e.docname) visit(e.docname);
  };
  if (root) visit(root);
  for (const doc of [...site.pages.keys()].sort()) visit(doc);
  return order;
}
