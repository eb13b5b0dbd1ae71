/**
 * toctree entries, resolved as Sphinx does (`doc`, `Title <doc>`, `self`, URLs, `:glob:`
 * patterns, `:reversed:`), and the nested lists the in-page toctree and the site navigation
 * show. Docnames are '/'-separated paths under the source folder without extension.
 */
import type { PageInfo, TocEntry } from './context.js';
import { escapeHtml, escapeText } from './html.js';
import { resolveDocname } from './roles.js';

export interface ToctreeOptions {
  glob: boolean;
  reversed: boolean;
}

export function resolveToctree(
  lines: string[],
  opts: ToctreeOptions,
  fromDoc: string,
  docnames: Iterable<string>,
  warn: (message: string) => void,
): TocEntry[] {
  const all = [...docnames];
  const known = new Set(all);
  const entries: TocEntry[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    if (!line || line.startsWith('..')) continue;
    const m = /^(.+?)\s*<([^<>]+)>$/.exec(line);
    const title = m ? m[1] : undefined;
    const target = m ? m[2] : line;
    if (target === 'self') {
      entries.push({ docname: fromDoc, ...(title ? { title } : {}) });
    } else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(target) || /^mailto:/i.test(target)) {
      entries.push({ url: target, title: title ?? target });
    } else if (opts.glob && !title && /[*?[]/.test(target)) {
      const pattern = globToRegExp(resolveDocname(target, fromDoc));
      const matched = all.filter((d) => d !== fromDoc && pattern.test(d)).sort();
      if (!matched.length) warn(`toctree glob pattern '${target}' didn't match any documents`);
      for (const d of matched) entries.push({ docname: d });
    } else {
      const docname = resolveDocname(target, fromDoc);
      if (!known.has(docname)) {
        warn(`toctree contains reference to nonexisting document '${target}'`);
        continue;
      }
      entries.push({ docname, ...(title ? { title } : {}) });
    }
  }
  return opts.reversed ? entries.reverse() : entries;
}

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const j = glob.indexOf(']', i);
      if (j < 0) re += '\\[';
      else {
        re += '[' + glob.slice(i + 1, j).replace(/^!/, '^') + ']';
        i = j;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export interface TocListOptions {
  maxdepth: number;
  titlesOnly?: boolean;
  /** The page being shown: its entry is marked `current` (navigation). */
  currentDoc?: string;
}

/**
 * Nested <ul> of toctree entries: each page links to itself, then (depth allowing) its own
 * sections and its own toctree, as Sphinx's toctree shows them.
 */
export function tocList(
  entries: TocEntry[],
  pages: Map<string, PageInfo>,
  href: (docname: string, anchor?: string) => string,
  opts: TocListOptions,
  depth = 1,
  seen = new Set<string>(),
): string {
  if (!entries.length || depth > opts.maxdepth) return '';
  const items = entries.map((e) => {
    if (e.url) return `<li class="toctree-l${depth}"><a class="reference external" href="${escapeHtml(e.url)}">${escapeText(e.title ?? e.url)}</a></li>`;
    const page = pages.get(e.docname!);
    const title = e.title ?? page?.title ?? e.docname!;
    const current = opts.currentDoc === e.docname;
    let inner = '';
    if (page && !seen.has(e.docname!) && depth < opts.maxdepth) {
      const nextSeen = new Set(seen).add(e.docname!);
      const sections = opts.titlesOnly ? '' : sectionList(page, e.docname!, href, depth + 1, opts.maxdepth);
      inner = sections + tocList(page.toc, pages, href, opts, depth + 1, nextSeen);
    }
    return `<li class="toctree-l${depth}${current ? ' current' : ''}"><a class="reference internal${current ? ' current' : ''}" href="${escapeHtml(href(e.docname!))}">${escapeText(title)}</a>${inner}</li>`;
  });
  return `<ul>\n${items.join('\n')}\n</ul>`;
}

/** A page's sections below its title, nested by level, down to maxdepth. */
function sectionList(page: PageInfo, docname: string, href: (d: string, a?: string) => string, depth: number, maxdepth: number): string {
  const sections = page.headings.filter((h) => h.level > 1);
  if (!sections.length || depth > maxdepth) return '';
  const minLevel = Math.min(...sections.map((h) => h.level));
  const top = sections.filter((h) => h.level === minLevel);
  if (minLevel > 2) return '';
  const items = top.map((h) => `<li class="toctree-l${depth}"><a class="reference internal" href="${escapeHtml(href(docname, h.id))}">${escapeText(h.text)}</a></li>`);
  return `<ul>\n${items.join('\n')}\n</ul>`;
}
