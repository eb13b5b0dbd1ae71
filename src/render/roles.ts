/**
 * Interpreted text roles, as Sphinx renders them: :ref: and :doc: resolve through the site's
 * labels and pages, extlink roles come from dftables.config.json, the standard docutils and
 * Sphinx roles map to their usual elements, and an unknown role is shown as it was written
 * (highlighted) with a DT702 warning, never dropped.
 */
import type { RenderState } from './context.js';
import { escapeHtml, escapeText, externalLink } from './html.js';
import { unescape } from './rst/inline.js';

/**
 * `title <target>` as Sphinx 5.3 splits it. Cross-reference roles (ReferenceRole: ref, doc, term,
 * download, ...) match the escaped text with a target that may hold '<' (so the title is the
 * shortest prefix); extlinks unescape first and match sphinx.util.nodes' explicit_title_re,
 * whose target has no '<' (so `\<` counts as a bracket there).
 */
const REFERENCE_TITLE = /^(.+?)\s*(?<!\x00)<(.*?)>$/s;
const EXTLINK_TITLE = /^(.+?)\s*<([^<]*?)>$/s;

export function splitExplicitTitle(text: string, style: 'reference' | 'extlink' = 'reference'): { explicit: boolean; title: string; target: string } {
  const subject = style === 'extlink' ? unescape(text) : text;
  const m = (style === 'extlink' ? EXTLINK_TITLE : REFERENCE_TITLE).exec(subject);
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

/** Sphinx's KeyboardTransform: keys joined by -, +, ^ or spaces become one kbd per key. */
const KBD_SEPARATOR = /(?<=.)(-|\+|\^|\s+)(?=.)/s;
// Sphinx 5.3's table, typos included: ('page' 'down') is the one string 'pagedown', so only these match.
const KBD_MULTIWORD = new Set(['caps lock', 'page up', 'num lock']);

function kbdHtml(text: string): string {
  const key = (k: string) => `<kbd class="kbd docutils literal notranslate">${escapeText(k)}</kbd>`;
  const parts = text.split(KBD_SEPARATOR);
  const multiword = (p: string[]) => p.length >= 3 && p[1].trim() === '' && KBD_MULTIWORD.has(`${p[0].toLowerCase()} ${p[2].toLowerCase()}`);
  if (parts.length === 1 || multiword(parts)) return key(text);
  let inner = '';
  while (parts.length) {
    inner += key(multiword(parts) ? parts.splice(0, 3).join('') : parts.shift()!);
    if (parts.length) inner += escapeText(parts.shift()!);
  }
  return `<kbd class="kbd compound docutils literal notranslate">${inner}</kbd>`;
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
    const { explicit, title, target } = splitExplicitTitle(rawText, 'extlink');
    const url = percentFormat(withPlaceholder(ext.url), target);
    const shown = explicit ? title : ext.caption === null ? url : percentFormat(withPlaceholder(ext.caption), target);
    return externalLink(url, escapeText(shown));
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
      return kbdHtml(text);
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

/** A cross-reference role whose text starts with '!' makes no link (Sphinx's XRefRole): its text, as an xref. */
function disabledXref(rawText: string, cls: string): string | undefined {
  return rawText.startsWith('!') ? `<span class="xref std ${cls}">${escapeText(unescape(rawText.slice(1)))}</span>` : undefined;
}

function refRole(rawText: string, line: number, rs: RenderState): string {
  const disabled = disabledXref(rawText, 'std-ref');
  if (disabled) return disabled;
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
  const disabled = disabledXref(rawText, 'std-doc');
  if (disabled) return disabled;
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
