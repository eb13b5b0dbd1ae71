/**
 * markdown-it with the MyST syntax Sphinx docs use: directive fences (```` ```{name} arg ````
 * and `:::{name}`), roles (`{ref}`label``), targets (`(label)=`), `%` comments and front
 * matter. Directive fences and roles render through the same tables as reStructuredText; GFM
 * tables get Sphinx's table classes, a scrolling wrapper and numeric column marks.
 */
import { createRequire } from 'node:module';
import type MarkdownIt from 'markdown-it';
import type StateBlock from 'markdown-it/lib/rules_block/state_block.mjs';
import type StateInline from 'markdown-it/lib/rules_inline/state_inline.mjs';
import type StateCore from 'markdown-it/lib/rules_core/state_core.mjs';
import type Token from 'markdown-it/lib/token.mjs';
import { isNumericText } from '../table.js';
import { educateParts } from '../smartquotes.js';

/** A directive fence's info string: `{name} argument`. */
export const DIRECTIVE_INFO = /^\{([A-Za-z0-9][\w.:+-]*)\}\s*(.*)$/;

/** `:::{name}` fences (MyST colon_fence): a copy of markdown-it's fence rule with ':' as the marker. */
function colonFence(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  let pos = state.bMarks[startLine] + state.tShift[startLine];
  let max = state.eMarks[startLine];
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  if (pos + 3 > max || state.src.charCodeAt(pos) !== 0x3a) return false;
  const mem = pos;
  pos = state.skipChars(pos, 0x3a);
  const len = pos - mem;
  if (len < 3) return false;
  const params = state.src.slice(pos, max);
  if (!params.trim().startsWith('{')) return false;
  if (silent) return true;
  let nextLine = startLine;
  let closed = false;
  for (;;) {
    nextLine++;
    if (nextLine >= endLine) break;
    pos = state.bMarks[nextLine] + state.tShift[nextLine];
    max = state.eMarks[nextLine];
    if (pos < max && state.sCount[nextLine] < state.blkIndent) break;
    if (state.src.charCodeAt(pos) !== 0x3a || state.sCount[nextLine] - state.blkIndent >= 4) continue;
    const after = state.skipChars(pos, 0x3a);
    if (after - pos < len) continue;
    if (state.skipSpaces(after) < max) continue;
    closed = true;
    break;
  }
  state.line = nextLine + (closed ? 1 : 0);
  const token = state.push('fence', 'code', 0);
  token.info = params.trim();
  token.content = state.getLines(startLine + 1, nextLine, state.sCount[startLine], true);
  token.markup = state.src.slice(mem, mem + len);
  token.map = [startLine, state.line];
  return true;
}

/** `(label)=` on its own line: a target for the next heading or block. */
function mystTarget(state: StateBlock, startLine: number, _endLine: number, silent: boolean): boolean {
  const pos = state.bMarks[startLine] + state.tShift[startLine];
  const line = state.src.slice(pos, state.eMarks[startLine]);
  const m = /^\(([^()\s][^()]*)\)=\s*$/.exec(line);
  if (!m || state.sCount[startLine] - state.blkIndent >= 4) return false;
  if (silent) return true;
  const token = state.push('myst_target', '', 0);
  token.meta = { label: m[1] };
  token.map = [startLine, startLine + 1];
  state.line = startLine + 1;
  return true;
}

/** `% comment` lines. */
function mystComment(state: StateBlock, startLine: number, _endLine: number, silent: boolean): boolean {
  const pos = state.bMarks[startLine] + state.tShift[startLine];
  if (state.src.charCodeAt(pos) !== 0x25 || state.sCount[startLine] - state.blkIndent >= 4) return false;
  if (silent) return true;
  state.line = startLine + 1;
  return true;
}

/** `{role}`text``. */
function mystRole(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x7b) return false;
  const m = /^\{([A-Za-z0-9][\w.:+-]*)\}(`+)([\s\S]*?[^`])\2(?!`)/.exec(state.src.slice(state.pos));
  if (!m) return false;
  if (!silent) {
    const token = state.push('myst_role', '', 0);
    token.meta = { role: m[1].toLowerCase(), text: m[3].trim(), raw: m[0] };
  }
  state.pos += m[0].length;
  return true;
}

/** Front matter (`---` ... `---` at the very top) is metadata, not content. */
function frontMatter(state: StateCore): void {
  const m = /^---[ \t]*\n[\s\S]*?\n---[ \t]*(\n|$)/.exec(state.src);
  if (m) {
    // Keep line numbers: blank out the front matter instead of cutting it.
    state.src = m[0].replace(/[^\n]/g, ' ') + state.src.slice(m[0].length);
  }
}

/** Marks numeric columns of GFM tables (all body cells numbers) for right alignment. */
function numericTableColumns(state: StateCore): void {
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].type !== 'table_open') continue;
    let end = i;
    while (end < tokens.length && tokens[end].type !== 'table_close') end++;
    const cols = new Map<number, { any: boolean; ok: boolean }>();
    let col = 0;
    let inBody = false;
    for (let k = i; k < end; k++) {
      const t = tokens[k];
      if (t.type === 'tbody_open') inBody = true;
      if (t.type === 'tr_open') col = 0;
      if (t.type === 'td_open' && inBody) {
        const text = tokens[k + 1]?.type === 'inline' ? tokens[k + 1].content.replace(/[*_`]/g, '') : '';
        const c = cols.get(col) ?? { any: false, ok: true };
        if (text.trim()) {
          if (isNumericText(text)) c.any = true;
          else c.ok = false;
        }
        cols.set(col, c);
        col++;
      }
    }
    for (let k = i; k < end; k++) {
      const t = tokens[k];
      if (t.type === 'tr_open') col = 0;
      if (t.type === 'td_open' || t.type === 'th_open') {
        const c = cols.get(col);
        if (c?.any && c.ok) t.attrJoin('class', 'numeric');
        if (t.type === 'th_open') t.attrJoin('class', 'head');
        col++;
      }
    }
    i = end;
  }
}

/** Inline tokens get their block's line range, so links, images and roles report page lines. */
function inlineLines(state: StateCore): void {
  for (const block of state.tokens) {
    if (block.type === 'inline' && block.map && block.children) for (const child of block.children) child.map ??= block.map;
  }
}

/** Sphinx's SmartQuotes transform runs on MyST pages too: curly quotes and dashes in text, not in code. */
function smartQuotes(state: StateCore): void {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    const texts = block.children.filter((t) => t.type === 'text' || t.type === 'code_inline');
    const out = educateParts(texts.map((t) => ({ text: t.content, literal: t.type === 'code_inline' })));
    texts.forEach((t, k) => (t.content = out[k]));
  }
}

/**
 * markdown-it is loaded when the first Markdown page is parsed (through its CommonJS build, the
 * one a synchronous load can take): loading it costs every command about 30 ms, and most sites
 * have no Markdown page.
 */
const loadCjs = createRequire(import.meta.url);

export function createMarkdown(): MarkdownIt {
  const MarkdownItClass = loadCjs('markdown-it') as typeof MarkdownIt;
  const md = new MarkdownItClass({ html: true, linkify: false, typographer: false });
  md.block.ruler.before('fence', 'colon_fence', colonFence, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  md.block.ruler.before('heading', 'myst_target', mystTarget);
  md.block.ruler.before('heading', 'myst_comment', mystComment);
  md.inline.ruler.before('backticks', 'myst_role', mystRole);
  md.core.ruler.before('normalize', 'front_matter', frontMatter);
  md.core.ruler.push('numeric_table_columns', numericTableColumns);
  md.core.ruler.push('smartquotes', smartQuotes);
  md.core.ruler.push('inline_lines', inlineLines);
  return md;
}

export type { Token };
