/**
 * The full HTML page around a rendered body: site navigation (the toctree from the root page,
 * then pages no toctree reaches), the page outline, previous/next links, theme assets. All
 * markup is in templates/page.ejs, nav.ejs and outline.ejs.
 */
import type { OutlineEntry, SiteInfo } from './context.js';
import { outlineTree, type OutlineNode } from './outline.js';
import { renderTemplate } from './templates.js';
import { escapeHtml } from './html.js';

export interface NavItem {
  title: string;
  /** A page of the site (its link is made relative per page) or an external URL. */
  doc?: string;
  url?: string;
  children: NavItem[];
}

/** Stands for the path from a page up to the site root in the shared navigation HTML. */
const ROOT = '\u0001root\u0001';

/**
 * The site navigation, rendered once per build: links are written from the site root with a
 * placeholder prefix, so each page only swaps in its own `../` prefix and marks itself current
 * (rendering the whole tree for every page would be quadratic in the number of pages).
 */
export class SiteNav {
  private readonly html: string;

  constructor(site: SiteInfo, order: string[], root?: string) {
    this.html = renderTemplate('nav', { items: navItems(site, order, root), root: ROOT });
  }

  forPage(docname: string): string {
    const mark = `<li data-doc="${escapeHtml(docname)}"><a `;
    const prefix = '../'.repeat(docname.split('/').length - 1);
    return this.html
      .split(mark)
      .join(`<li class="current" data-doc="${escapeHtml(docname)}"><a aria-current="page" `)
      .split(ROOT)
      .join(prefix);
  }
}

export interface LayoutInput {
  siteTitle: string;
  docname: string;
  /** Plain-text page title. */
  title: string;
  body: string;
  headings: OutlineEntry[];
  site: SiteInfo;
  /** Reading order of the site (prev/next). */
  order: string[];
  /** Root page (index) if the site has one. */
  root?: string;
  /** The site's navigation, when already rendered for the build. */
  nav?: SiteNav;
  /** dftables version, shown in the footer and generator tag. */
  version: string;
  headExtra?: string;
  bodyExtra?: string;
}

/** Navigation tree: the root page's toctree, recursively, then pages outside it. */
export function navItems(site: SiteInfo, order: string[], root?: string): NavItem[] {
  const placed = new Set<string>(root ? [root] : []);
  const build = (doc: string, depth: number, trail: Set<string>): NavItem[] => {
    const info = site.pages.get(doc);
    if (!info || depth > 4) return [];
    const items: NavItem[] = [];
    for (const e of info.toc) {
      if (e.url) {
        items.push({ title: e.title ?? e.url, url: e.url, children: [] });
        continue;
      }
      const d = e.docname!;
      if (trail.has(d)) continue;
      placed.add(d);
      items.push({ title: e.title ?? site.pages.get(d)?.title ?? d, doc: d, children: build(d, depth + 1, new Set(trail).add(d)) });
    }
    return items;
  };
  const items = root ? build(root, 1, new Set([root])) : [];
  for (const doc of order) if (!placed.has(doc) && doc !== root) items.push({ title: site.pages.get(doc)?.title ?? doc, doc, children: [] });
  return items;
}

function outlineHtml(headings: OutlineEntry[]): string {
  // The page title is the heading; the outline lists what is under it.
  const minLevel = Math.min(...headings.map((h) => h.level));
  const below = headings.filter((h) => h.level > minLevel && h.level <= minLevel + 2);
  if (!below.length) return '';
  const toView = (nodes: OutlineNode[]): unknown[] => nodes.map((n) => ({ id: n.entry.id, text: n.entry.text, children: toView(n.children) }));
  return renderTemplate('outline', { nodes: toView(outlineTree(below)) });
}

export function renderLayout(input: LayoutInput): string {
  const { site, docname, order } = input;
  const k = order.indexOf(docname);
  const link = (doc: string | undefined) => (doc ? { href: site.href(docname, doc), title: site.pages.get(doc)?.title ?? doc } : undefined);
  const depth = docname.split('/').length - 1;
  const up = '../'.repeat(depth);
  const nav = (input.nav ?? new SiteNav(site, order, input.root)).forPage(docname);
  return renderTemplate('page', {
    version: input.version,
    siteTitle: input.siteTitle,
    title: input.title,
    body: input.body,
    nav,
    outline: outlineHtml(input.headings),
    prev: k > 0 ? link(order[k - 1]) : undefined,
    next: k >= 0 && k + 1 < order.length ? link(order[k + 1]) : undefined,
    staticPrefix: `${up}_static/`,
    rootHref: `${up}index.html`,
    headExtra: input.headExtra ?? '',
    bodyExtra: input.bodyExtra ?? '',
  });
}
