/**
 * Directives that structure a page: contents (a local table of contents), toctree (rendered in
 * place; the site navigation is built from the same entries), rubric, topic, sidebar,
 * container-like directives, hlist, only, and the glossary.
 */
import type { DirectiveCall, RenderState } from '../context.js';
import { escapeHtml, escapeText } from '../html.js';
import { makeId } from '../ids.js';
import { outlineTree, type OutlineNode } from '../outline.js';
import { resolveToctree, tocList } from '../toctree.js';
import { classes, classOption, hasFlag, nameId, option } from './options.js';

export function contents(d: DirectiveCall, rs: RenderState): string {
  const title = d.argument || 'Contents';
  const local = hasFlag(d, 'local');
  const maxDepth = Number(option(d, 'depth') ?? '0') || Infinity;
  const all = rs.headings;
  // The sections listed: those inside the current section (:local:), or the whole page below its title.
  const scope = local ? rs.sectionStack[rs.sectionStack.length - 1] : all.length && all.filter((h) => h.level === all[0].level).length === 1 ? all[0].id : undefined;
  let items = all;
  if (scope) {
    const k = all.findIndex((h) => h.id === scope);
    const end = all.findIndex((h, j) => j > k && h.level <= all[k].level);
    items = all.slice(k + 1, end < 0 ? all.length : end);
  }
  const html = outlineList(outlineTree(items), 1, maxDepth);
  if (!html) return '';
  const id = d.nameId ?? rs.ids.use(makeId(title) || undefined);
  const cls = ['contents', ...(local ? ['local'] : []), ...classOption(d)];
  return `<nav class="${escapeHtml(cls.join(' '))}" id="${escapeHtml(id)}">\n<p class="topic-title">${escapeText(title)}</p>\n${html}</nav>\n`;
}

export function outlineList(nodes: OutlineNode[], depth: number, maxDepth: number): string {
  if (!nodes.length || depth > maxDepth) return '';
  const items = nodes.map((n) => `<li><p><a class="reference internal" href="#${escapeHtml(n.entry.id)}">${escapeText(n.entry.text)}</a></p>${outlineList(n.children, depth + 1, maxDepth)}</li>`);
  return `<ul${depth === 1 ? ' class="simple"' : ''}>\n${items.join('\n')}\n</ul>\n`;
}

export function toctree(d: DirectiveCall, rs: RenderState): string {
  if (hasFlag(d, 'hidden')) return '';
  const { site, docname } = rs.env;
  const entries = resolveToctree(d.content, { glob: hasFlag(d, 'glob'), reversed: hasFlag(d, 'reversed') }, docname, site.pages.keys(), () => {
    /* reported once, when the site was indexed */
  });
  const maxdepth = Number(option(d, 'maxdepth') ?? '0') || Infinity;
  const list = tocList(entries, site.pages, (doc, anchor) => site.href(docname, doc, anchor), { maxdepth, titlesOnly: hasFlag(d, 'titlesonly') });
  const caption = option(d, 'caption');
  const cap = caption ? `<p class="caption" role="heading"><span class="caption-text">${escapeText(caption)}</span></p>\n` : '';
  return `<div class="toctree-wrapper compound">\n${cap}${list}\n</div>\n`;
}

export function rubric(d: DirectiveCall, rs: RenderState): string {
  return `<p${classes(d, 'rubric')}${nameId(d)}>${rs.markup.inline(d.argument, d.line)}</p>\n`;
}

export function topic(d: DirectiveCall, rs: RenderState): string {
  const cls = d.name === 'sidebar' ? 'sidebar' : 'topic';
  const title = d.argument ? `<p class="${cls}-title">${rs.markup.inline(d.argument, d.line)}</p>\n` : '';
  const sub = option(d, 'subtitle');
  const subtitle = sub ? `<p class="sidebar-subtitle">${rs.markup.inline(sub, d.line)}</p>\n` : '';
  return `<aside${classes(d, cls)}${nameId(d)}>\n${title}${subtitle}${d.renderBody()}</aside>\n`;
}

/** container (`.. container:: cls`), class, compound, header/footer, and the quote-like directives. */
export function container(d: DirectiveCall): string {
  if (['epigraph', 'highlights', 'pull-quote'].includes(d.name)) return `<blockquote class="${d.name}">\n<div>${d.renderBody()}</div></blockquote>\n`;
  const args = d.argument.split(/\s+/).filter(Boolean);
  const cls = d.name === 'container' ? ['docutils', 'container', ...args] : d.name === 'class' ? args : [d.name];
  return `<div${classes(d, ...cls)}${nameId(d)}>\n${d.renderBody()}</div>\n`;
}

export function centered(d: DirectiveCall, rs: RenderState): string {
  return `<p class="centered"><strong>${rs.markup.inline(d.argument, d.line)}</strong></p>\n`;
}

export function hlist(d: DirectiveCall): string {
  const body = d.renderBody();
  const cols = Math.max(1, Number(option(d, 'columns') ?? 2));
  return `<div class="hlist" style="column-count: ${cols}">\n${body}</div>\n`;
}

/**
 * `only`: dftables builds HTML, so expressions over the tags html / format_html / builder_html
 * are true and any other tag is false (and, or, not and parentheses as Sphinx allows).
 */
export function only(d: DirectiveCall, rs: RenderState): string {
  const expr = d.argument
    .replace(/\band\b/g, '&&')
    .replace(/\bor\b/g, '||')
    .replace(/\bnot\b/g, '!')
    .replace(/[A-Za-z_][\w-]*/g, (tag) => (['html', 'format_html', 'builder_html', 'dftables'].includes(tag) ? 'true' : 'false'));
  if (!/^[\s()!&|truefals]*$/.test(expr)) {
    rs.warn(d.line, 'DT704', `cannot evaluate 'only' expression: ${d.argument}`);
    return d.renderBody();
  }
  return evalBool(expr) ? d.renderBody() : '';
}

/** Evaluates a boolean expression of true/false/!/&&/||/() (no eval). */
function evalBool(expr: string): boolean {
  const tokens = expr.match(/true|false|&&|\|\||!|\(|\)/g) ?? [];
  let i = 0;
  const or = (): boolean => {
    let v = and();
    while (tokens[i] === '||') {
      i++;
      v = and() || v;
    }
    return v;
  };
  const and = (): boolean => {
    let v = unary();
    while (tokens[i] === '&&') {
      i++;
      v = unary() && v;
    }
    return v;
  };
  const unary = (): boolean => {
    const t = tokens[i++];
    if (t === '!') return !unary();
    if (t === '(') {
      const v = or();
      i++;
      return v;
    }
    return t === 'true';
  };
  return tokens.length ? or() : true;
}

/** glossary: `term` lines followed by indented definitions, as a definition list with anchors. */
export function glossary(d: DirectiveCall, rs: RenderState): string {
  const items: string[] = [];
  let terms: string[] = [];
  let def: string[] = [];
  const flush = () => {
    if (!terms.length) return;
    const dts = terms.map((t) => `<dt id="term-${escapeText(makeId(t))}">${rs.markup.inline(t, d.contentLine)}</dt>`).join('');
    items.push(`${dts}<dd>${rs.markup.body(def.join('\n'), d.contentLine)}</dd>`);
    terms = [];
    def = [];
  };
  for (const line of d.content) {
    if (line.trim() && !/^\s/.test(line)) {
      if (def.length) flush();
      terms.push(line.trim());
    } else def.push(line.replace(/^\s{1,}/, (s) => s.slice(Math.min(s.length, 3))));
  }
  flush();
  return `<dl class="glossary simple">\n${items.join('\n')}\n</dl>\n`;
}
