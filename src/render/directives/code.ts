/** code-block / code / sourcecode, literalinclude, math and raw, in Sphinx's HTML structure (no highlighting). */
import type { DirectiveCall, RenderState } from '../context.js';
import { escapeHtml } from '../html.js';
import { classOption, hasFlag, option } from './options.js';

/** A code block as Sphinx writes it: highlight-LANG wrapper, optional caption container. */
export function codeBlockHtml(code: string, lang: string, rs: RenderState, opts: { caption?: string; id?: string; classes?: string[]; line: number; linenos?: boolean }): string {
  const lines = code.split('\n');
  const body = opts.linenos
    ? lines.map((l, k) => `<span class="linenos">${String(k + 1).padStart(String(lines.length).length)}</span>${escapeHtml(l)}`).join('\n')
    : escapeHtml(code);
  const cls = [`highlight-${lang || 'default'}`, 'notranslate', ...(opts.classes ?? [])].join(' ');
  const pre = `<div class="${escapeHtml(cls)}"><div class="highlight"><pre>${body}\n</pre></div>\n</div>\n`;
  if (opts.caption === undefined) return opts.id ? pre.replace('<div class=', `<div id="${escapeHtml(opts.id)}" class=`) : pre;
  const id = opts.id ?? rs.ids.use();
  return (
    `<div class="literal-block-wrapper docutils container" id="${escapeHtml(id)}">\n` +
    `<div class="code-block-caption"><span class="caption-text">${rs.markup.inline(opts.caption, opts.line)}</span>` +
    `<a class="headerlink" href="#${escapeHtml(id)}" title="Permalink to this code">¶</a></div>\n${pre}</div>\n`
  );
}

/** Lines kept by :lines: ("1-3,5"), 1-based. */
function selectLines(lines: string[], spec: string): string[] {
  const out: string[] = [];
  for (const part of spec.split(',')) {
    const m = /^\s*(\d*)\s*(-?)\s*(\d*)\s*$/.exec(part);
    if (!m) continue;
    const a = m[1] ? Number(m[1]) : 1;
    const b = m[2] ? (m[3] ? Number(m[3]) : lines.length) : a;
    out.push(...lines.slice(a - 1, b));
  }
  return out;
}

function dedentBy(lines: string[], n: string | undefined): string[] {
  if (n === undefined) return lines;
  const k = n === '' ? Math.min(...lines.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length)) : Number(n);
  return lines.map((l) => l.slice(Math.min(k, l.length - l.trimStart().length)));
}

export function codeBlock(d: DirectiveCall, rs: RenderState): string {
  const lang = d.argument.split(/\s+/)[0] ?? '';
  return codeBlockHtml(dedentBy(d.content, option(d, 'dedent')).join('\n'), lang, rs, {
    caption: option(d, 'caption'),
    id: d.nameId,
    classes: classOption(d),
    line: d.line,
    linenos: hasFlag(d, 'linenos'),
  });
}

export function literalInclude(d: DirectiveCall, rs: RenderState): string {
  const read = rs.readFile(d.argument, d.file, d.line);
  if (!read) return '';
  let lines = read.text.replace(/\r\n?/g, '\n').replace(/\n$/, '').split('\n');
  const startAfter = option(d, 'start-after');
  const endBefore = option(d, 'end-before');
  if (startAfter) {
    const k = lines.findIndex((l) => l.includes(startAfter));
    if (k >= 0) lines = lines.slice(k + 1);
  }
  if (endBefore) {
    const k = lines.findIndex((l) => l.includes(endBefore));
    if (k >= 0) lines = lines.slice(0, k);
  }
  const spec = option(d, 'lines');
  if (spec) lines = selectLines(lines, spec);
  const lang = option(d, 'language') ?? (/\.py$/.test(d.argument) ? 'python' : 'default');
  return codeBlockHtml(dedentBy(lines, option(d, 'dedent')).join('\n'), lang, rs, {
    caption: option(d, 'caption'),
    id: d.nameId,
    classes: classOption(d),
    line: d.line,
    linenos: hasFlag(d, 'linenos'),
  });
}

export function mathBlock(d: DirectiveCall): string {
  const text = [d.argument, ...d.content].filter(Boolean).join('\n');
  return `<div class="math notranslate nohighlight">\n\\[${escapeHtml(text)}\\]\n</div>\n`;
}

export function raw(d: DirectiveCall): string {
  const formats = d.argument.toLowerCase().split(/\s+/);
  return formats.includes('html') ? d.content.join('\n') + '\n' : '';
}

export function parsedLiteral(d: DirectiveCall, rs: RenderState): string {
  return `<pre class="literal-block">${rs.markup.inline(d.content.join('\n'), d.contentLine)}</pre>\n`;
}
