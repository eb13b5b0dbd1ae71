/**
 * Interpreted text roles, as Sphinx renders them: :ref: and :doc: resolve through the site's
 * labels and pages, extlink roles come from dftables.config.json, the standard docutils and
 * Sphinx roles map to their usual elements, and an unknown role is shown as it was written
 * (highlighted) with a DT702 warning, never dropped.
 */
import type { RenderState } from './context.js';
import { escapeHtml, escapeText } from './html.js';
import { unescape } from './rst/inline.js';

/** Sphinx's explicit_title_re: `title <target>`. */
const EXPLICIT_TITLE = /^(.+?)\s*(?<!\x00)<([^<]*?)>$/s;

export function splitExplicitTitle(text: string): { explicit: boolean; title: string; target: string } {
  const m = EXPLICIT_TITLE.exec(text);
  if (m) return { explicit: true, title: unescape(m[1]), target: unescape(m[2]) };
  const t = unescape(text);
  return { explicit: false, title: t, target: t };
}

/** Python's `fmt % part` for the single %s that extlink URLs and captions carry. */
function percentFormat(fmt: string, part: string): string {
  return fmt.replace(/%%|%s/g, (m) => (m === '%%' ? '%' : part));
}

/** Sphinx 5 falls back to appending `%s` when a URL or caption has none (escaping other `%`). */
function withPlaceholder(fmt: string): string {
  return /(^|[^%])(%%)*%s/.test(fmt) ? fmt : fmt.replace(/%/g, '%%') + '%s';
}

const literal = (text: string, cls = '') =>
  `<code class="${cls ? cls + ' ' : ''}docutils literal notranslate">${preWords(text)}</code>`;

/** Sphinx splits literal text into <span class="pre"> words so it never wraps inside one. */
export function preWords(text: string): string {
  return text
    .split(/(\s+)/)
    .map((w, k) => (k % 2 ? w : w ? `<span class="pre">${escapeText(w)}</span>` : ''))
    .join('');
}

const PY_ROLES = new Set(['func', 'class', 'meth', 'mod', 'attr', 'data', 'const', 'exc', 'obj', 'type']);

export function renderRole(role: string, rawText: string, raw: string, line: number, rs: RenderState): string {
  const text = unescape(rawText);
  const custom = rs.customRoles.get(role);
  if (custom) {
    if (custom.base === 'raw') return custom.format === 'html' ? text : '';
    const inner = custom.base ? renderRole(custom.base, rawText, raw, line, rs) : escapeText(text);
    return custom.classes.length ? `<span class="${escapeHtml(custom.classes.join(' '))}">${inner}</span>` : inner;
  }
  const ext = rs.env.site.extlinks[role];
  if (ext && Object.hasOwn(rs.env.site.extlinks, role)) {
    const { explicit, title, target } = splitExplicitTitle(rawText);
    const url = percentFormat(withPlaceholder(ext.url), target);
    const shown = explicit ? title : ext.caption === null ? url : percentFormat(withPlaceholder(ext.caption), target);
    return `<a class="reference external" href="${escapeHtml(url)}">${escapeText(shown)}</a>`;
  }
  const bare = role.replace(/^(py|std|c|cpp|js|rst):/, '');
  switch (role) {
    case 'emphasis':
    case 'i':
      return `<em>${escapeText(text)}</em>`;
    case 'strong':
    case 'b':
      return `<strong>${escapeText(text)}</strong>`;
    case 'literal':
    case 'code':
      return literal(text);
    case 'sub':
    case 'subscript':
      return `<sub>${escapeText(text)}</sub>`;
    case 'sup':
    case 'superscript':
      return `<sup>${escapeText(text)}</sup>`;
    case '':
    case 't':
    case 'title':
    case 'title-reference':
      return `<cite>${escapeText(text)}</cite>`;
    case 'abbr': {
      const m = /^(.+?)\s*\((.*)\)$/s.exec(text);
      return m ? `<abbr title="${escapeHtml(m[2])}">${escapeText(m[1])}</abbr>` : `<abbr>${escapeText(text)}</abbr>`;
    }
    case 'math':
      return `<span class="math notranslate nohighlight">\\(${escapeText(text)}\\)</span>`;
    case 'kbd':
      return `<kbd class="kbd docutils literal notranslate">${escapeText(text)}</kbd>`;
    case 'guilabel':
      return `<span class="guilabel">${escapeText(text.replace(/&(.)/g, '$1'))}</span>`;
    case 'menuselection':
      return `<span class="menuselection">${escapeText(text.replace(/&(.)/g, '$1')).replace(/--&gt;/g, '\u2023')}</span>`;
    case 'file':
    case 'samp':
      return `<code class="${role} docutils literal notranslate">${preWords(text).replace(/\{([^}]*)\}/g, '<em><span class="pre">$1</span></em>')}</code>`;
    case 'command':
    case 'program':
      return `<strong class="${role}">${escapeText(text)}</strong>`;
    case 'dfn':
      return `<em class="dfn">${escapeText(text)}</em>`;
    case 'envvar':
    case 'option':
    case 'mimetype':
    case 'makevar':
    case 'regexp':
    case 'token':
    case 'keyword':
      return literal(text, `xref std std-${role}`);
    case 'pep':
    case 'rfc': {
      const n = parseInt(text, 10);
      const href = role === 'pep' ? `https://peps.python.org/pep-${String(n).padStart(4, '0')}/` : `https://datatracker.ietf.org/doc/html/rfc${n}.html`;
      return `<a class="${role} reference external" href="${href}"><strong>${role.toUpperCase()} ${n}</strong></a>`;
    }
    case 'ref':
    case 'numref':
    case 'any':
    case 'std:ref':
      return refRole(rawText, line, rs);
    case 'doc':
    case 'std:doc':
      return docRole(rawText, line, rs);
    case 'term':
      return `<span class="xref std std-term">${escapeText(splitExplicitTitle(rawText).title)}</span>`;
    case 'download':
      return downloadRole(rawText, rs);
  }
  if (PY_ROLES.has(bare) || /^(py|c|cpp|js):/.test(role)) {
    const { title } = splitExplicitTitle(rawText);
    const shown = title.replace(/^[~!]/, '').replace(/^.*\.(?=[^.]+$)/, title.startsWith('~') ? '' : '$&');
    return literal(shown + (/^(func|meth)$/.test(bare) && !shown.endsWith(')') ? '()' : ''), `xref py py-${bare}`);
  }
  rs.warn(line, 'DT702', `Unknown interpreted text role "${role}".`);
  return `<span class="problematic" title="${escapeHtml(`Unknown role :${role}:`)}">${escapeText(raw)}</span>`;
}

function refRole(rawText: string, line: number, rs: RenderState): string {
  const { explicit, title, target } = splitExplicitTitle(rawText);
  const label = target.toLowerCase().trim();
  const found = rs.env.site.labels.get(label);
  if (found && (explicit || found.title !== undefined)) {
    const shown = explicit ? title : found.title!;
    const href = rs.env.site.href(rs.env.docname, found.docname, found.id);
    return `<a class="reference internal" href="${escapeHtml(href)}"><span class="std std-ref">${escapeText(shown)}</span></a>`;
  }
  rs.warn(line, 'DT703', found ? `Failed to create a cross reference: a title or caption not found for '${label}'.` : `undefined label: '${label}'`);
  return `<span class="xref std std-ref">${escapeText(title)}</span>`;
}

/** Docname a :doc: or toctree entry names, relative to the current page unless it starts with '/'. */
export function resolveDocname(target: string, fromDoc: string): string {
  const base = target.startsWith('/') ? [] : fromDoc.split('/').slice(0, -1);
  for (const part of target.replace(/\.(rst|md)$/, '').split('/')) {
    if (!part || part === '.') continue;
    if (part === '..') base.pop();
    else base.push(part);
  }
  return base.join('/');
}

function docRole(rawText: string, line: number, rs: RenderState): string {
  const { explicit, title, target } = splitExplicitTitle(rawText);
  const docname = resolveDocname(target, rs.env.docname);
  const pageTitle = rs.env.site.pages.get(docname)?.title;
  if (pageTitle === undefined) {
    rs.warn(line, 'DT703', `unknown document: '${target}'`);
    return `<span class="xref std std-doc">${escapeText(title)}</span>`;
  }
  const href = rs.env.site.href(rs.env.docname, docname);
  return `<a class="reference internal" href="${escapeHtml(href)}"><span class="doc">${escapeText(explicit ? title : pageTitle)}</span></a>`;
}

function downloadRole(rawText: string, rs: RenderState): string {
  const { title, target } = splitExplicitTitle(rawText);
  if (/^[a-z][a-z0-9+.-]*:/i.test(target)) {
    return `<a class="reference download external" href="${escapeHtml(target)}">${literal(title, 'xref download')}</a>`;
  }
  return `<a class="reference download internal" download="" href="${escapeHtml(target)}">${literal(title, 'xref download')}</a>`;
}
