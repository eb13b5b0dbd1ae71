/**
 * MyST Markdown pages: parsed once with markdown-it (headings, `(label)=` targets and toctree
 * fences collected for the site), rendered with renderer rules that send directive fences and
 * roles through the shared tables, so a MyST df-table renders exactly like an RST one.
 */
import type { DirectiveOptionNode } from '../rst/ast.js';
import type { Markup, PageEnv } from '../context.js';
import { RenderState, type OutlineEntry } from '../context.js';
import { renderDirective } from '../directives/index.js';
import { codeBlockHtml } from '../directives/code.js';
import { escapeHtml } from '../html.js';
import { IdAllocator, makeId } from '../ids.js';
import type { ParsedPage, ParseOptions, ToctreeSource } from '../page.js';
import { renderRole } from '../roles.js';
import type { LabelDef } from '../rst/document.js';
import { parseRst } from '../rst/document.js';
import { RstWriter } from '../rst/writer.js';
import { createMarkdown, DIRECTIVE_INFO, type Token } from './myst.js';

interface MdEnv {
  rs: RenderState;
  /** Page line of the first line of the text being rendered, minus one (nested directive content). */
  lineOffset: number;
  /** Levels of the headings enclosing the current point (for contents :local:). */
  levels: number[];
}

let mdInstance: ReturnType<typeof createMarkdown> | undefined;

/** markdown-it with the MyST rules and our renderer, made when the first Markdown page needs it. */
function markdown(): ReturnType<typeof createMarkdown> {
  if (!mdInstance) {
    mdInstance = createMarkdown();
    installRenderer(mdInstance);
  }
  return mdInstance;
}

/**
 * Text that Markdown could read as anything but itself: inline markup, entities, block starts
 * (list, heading, quote, setext, indented code), smart-quote material. Table cells without it
 * skip markdown-it (nearly all benchmark cells).
 */
const MARKDOWN_CHARS = /[\\`*_{}[\]<>&~|"'\t\n\r\u00a0]|--|\.\.\.|^\s|^[#>=+%(-]|^\d+[.)](\s|$)/;

/** Options and body of a directive fence: `:key: value` lines or a `---` YAML block first. */
export function splitFence(content: string, fenceLine: number): { options: DirectiveOptionNode[]; body: string[]; contentLine: number } {
  const lines = content.replace(/\n$/, '').split('\n');
  const options: DirectiveOptionNode[] = [];
  let k = 0;
  if (lines[0]?.trim() === '---') {
    k = 1;
    while (k < lines.length && lines[k].trim() !== '---') {
      const m = /^\s*([\w-]+)\s*:\s*(.*)$/.exec(lines[k]);
      if (m) options.push({ name: m[1].toLowerCase(), value: m[2].trim().replace(/^(['"])(.*)\1$/, '$2'), line: fenceLine + 1 + k });
      k++;
    }
    k++;
  } else {
    for (; k < lines.length; k++) {
      const m = /^\s*:([\w-]+):(?:\s+(.*)|\s*)$/.exec(lines[k]);
      if (!m) break;
      options.push({ name: m[1].toLowerCase(), value: (m[2] ?? '').trim(), line: fenceLine + 1 + k });
    }
  }
  while (k < lines.length && !lines[k].trim()) k++;
  let end = lines.length;
  while (end > k && !lines[end - 1].trim()) end--;
  return { options, body: lines.slice(k, end), contentLine: fenceLine + 1 + k };
}

function pageLine(token: Token, env: MdEnv): number {
  return (token.map?.[0] ?? 0) + 1 + env.lineOffset;
}

function nested(env: MdEnv, firstLine: number): MdEnv {
  return { rs: env.rs, lineOffset: firstLine - 1, levels: env.levels };
}

function installRenderer(md: ReturnType<typeof createMarkdown>): void {
  const rules = md.renderer.rules;
  rules.fence = (tokens, idx, _opts, env: MdEnv) => {
    const t = tokens[idx];
    const m = DIRECTIVE_INFO.exec(t.info.trim());
    const line = pageLine(t, env);
    if (!m) {
      const lang = t.info.trim().split(/\s+/)[0] ?? '';
      return codeBlockHtml(t.content.replace(/\n$/, ''), lang, env.rs, { line });
    }
    const name = m[1].toLowerCase();
    const { options, body, contentLine } = splitFence(t.content, line);
    if (name === 'eval-rst' || name === 'eval-rest') return evalRst(body.join('\n'), env.rs);
    return renderDirective(
      {
        name,
        argument: m[2].trim(),
        options,
        content: body,
        line,
        col: 1,
        contentLine,
        file: env.rs.env.file,
        nameId: options.find((o) => o.name === 'name') ? env.rs.ids.use(makeId(options.find((o) => o.name === 'name')!.value) || undefined) : undefined,
        renderBody: () => md.render(body.join('\n'), nested(env, contentLine)),
        source: `${t.markup}${t.info}\n${t.content}${t.markup}`,
      },
      env.rs,
    );
  };
  rules.myst_role = (tokens, idx, _opts, env: MdEnv) => {
    const { role, text, raw } = tokens[idx].meta as { role: string; text: string; raw: string };
    return renderRole(role, text, raw, pageLine(tokens[idx], env), env.rs);
  };
  rules.myst_target = (tokens, idx) => {
    const id = (tokens[idx].meta as { id?: string }).id;
    return id ? `<span id="${escapeHtml(id)}"></span>` : '';
  };
  rules.heading_open = (tokens, idx, _opts, env: MdEnv) => {
    const t = tokens[idx];
    const level = Number(t.tag.slice(1));
    let id = t.attrGet('id');
    if (!id) {
      id = env.rs.ids.use(makeId(tokens[idx + 1]?.content ?? '') || undefined);
      t.attrSet('id', id);
    }
    while (env.levels.length && env.levels[env.levels.length - 1] >= level) {
      env.levels.pop();
      env.rs.sectionStack.pop();
    }
    env.levels.push(level);
    env.rs.sectionStack.push(id);
    return `<${t.tag} id="${escapeHtml(id)}">`;
  };
  rules.heading_close = (tokens, idx) => {
    const id = tokens[idx - 2]?.attrGet('id');
    return `${id ? `<a class="headerlink" href="#${escapeHtml(id)}" title="Permalink to this heading">¶</a>` : ''}</${tokens[idx].tag}>\n`;
  };
  rules.table_open = () => '<div class="table-wrapper"><table class="docutils align-default">\n';
  rules.table_close = () => '</table></div>\n';
  const tr = rules.tr_open;
  let rowParity = 0;
  rules.thead_open = () => {
    rowParity = 0;
    return '<thead>\n';
  };
  rules.tr_open = (tokens, idx, opts, env, self) => {
    rowParity++;
    tokens[idx].attrSet('class', rowParity % 2 ? 'row-odd' : 'row-even');
    return tr ? tr(tokens, idx, opts, env, self) : self.renderToken(tokens, idx, opts);
  };
  const link = rules.link_open;
  rules.link_open = (tokens, idx, opts, env: MdEnv, self) => {
    const t = tokens[idx];
    const href = t.attrGet('href') ?? '';
    if (/^[a-z][a-z0-9+.-]*:/i.test(href)) t.attrJoin('class', 'reference external');
    else {
      t.attrJoin('class', 'reference internal');
      const m = /^([^#?]*?)\.(md|rst)(#.*)?$/.exec(href);
      if (m) t.attrSet('href', `${m[1]}.html${m[3] ?? ''}`);
      else if (href && !href.startsWith('#')) t.attrSet('href', env.rs.assetUrl(href, pageLine(t, env)));
    }
    return link ? link(tokens, idx, opts, env, self) : self.renderToken(tokens, idx, opts);
  };
  const image = rules.image!;
  rules.image = (tokens, idx, opts, env: MdEnv, self) => {
    const t = tokens[idx];
    t.attrSet('src', env.rs.assetUrl(t.attrGet('src') ?? '', pageLine(t, env)));
    return image(tokens, idx, opts, env, self);
  };
}

/** `{eval-rst}`: reStructuredText inside a Markdown page. */
function evalRst(text: string, rs: RenderState): string {
  const { doc } = parseRst(text);
  const writer = new RstWriter(doc, rs);
  const prev = rs.markup;
  rs.markup = writer;
  try {
    return writer.render();
  } finally {
    rs.markup = prev;
  }
}

/** The text an inline token shows (headings: outline, ids, titles). */
function inlineTokenText(inline: Token | undefined): string {
  if (!inline?.children) return inline?.content ?? '';
  return inline.children
    .map((c) => (c.type === 'myst_role' ? (c.meta as { text: string }).text.replace(/\s*<[^>]*>$/, '') : c.type === 'text' || c.type === 'code_inline' ? c.content : c.type === 'softbreak' ? ' ' : ''))
    .join('')
    .trim();
}

export function parseMarkdownPage(text: string, _path: string, _opts: ParseOptions): ParsedPage {
  const md = markdown();
  const ids = new IdAllocator();
  const tokens = md.parse(text, {});
  const headings: OutlineEntry[] = [];
  const labels: LabelDef[] = [];
  const toctrees: ToctreeSource[] = [];
  let pending: LabelDef[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type === 'myst_target') {
      const label = (t.meta as { label: string }).label;
      const id = ids.use(makeId(label) || undefined);
      t.meta = { ...t.meta, id };
      pending.push({ name: label.toLowerCase().trim(), id, line: (t.map?.[0] ?? 0) + 1 });
      continue;
    }
    if (t.type === 'heading_open') {
      const inline = tokens[i + 1];
      const textContent = inlineTokenText(inline);
      const id = ids.use(makeId(textContent) || undefined);
      t.attrSet('id', id);
      headings.push({ id, level: Number(t.tag.slice(1)), text: textContent });
      labels.push(...pending.map((p) => ({ ...p, title: textContent })));
      pending = [];
      continue;
    }
    if (t.block && t.nesting >= 0 && t.type !== 'inline' && pending.length) {
      labels.push(...pending);
      pending = [];
    }
    if (t.type === 'fence') {
      const m = DIRECTIVE_INFO.exec(t.info.trim());
      if (m && m[1] === 'toctree') {
        const { options, body } = splitFence(t.content, (t.map?.[0] ?? 0) + 1);
        toctrees.push({
          lines: body,
          glob: options.some((o) => o.name === 'glob'),
          reversed: options.some((o) => o.name === 'reversed'),
          line: (t.map?.[0] ?? 0) + 1,
        });
      }
    }
  }
  labels.push(...pending);
  const title = headings[0]?.text ?? '';
  let fresh: Token[] | undefined = tokens;
  return {
    format: 'md',
    title,
    headings,
    labels,
    toctrees,
    includes: [],
    render(env: PageEnv) {
      // The first render uses the tokens parsed above (ids already assigned); later renders re-parse.
      const toks = fresh ?? md.parse(text, {});
      const alloc = fresh ? ids : new IdAllocator();
      if (!fresh) reassignIds(toks, alloc);
      fresh = undefined;
      const rs = new RenderState(env, { inline: () => '', body: () => '' }, alloc);
      rs.headings = headings;
      const mdEnv: MdEnv = { rs, lineOffset: 0, levels: [] };
      const markup: Markup = {
        inline: (s, line) => md.renderInline(s, nested(mdEnv, line)),
        body: (s, line) => {
          if (!MARKDOWN_CHARS.test(s) && s.trim()) return `<p>${s.trim()}</p>`;
          const html = md.render(s, nested(mdEnv, line));
          // A lone paragraph in a cell closes on the same line, as in RST pages (`<td><p>x</p></td>`).
          return html.startsWith('<p>') && html.endsWith('</p>\n') && html.indexOf('<p>', 1) < 0 ? html.slice(0, -1) : html;
        },
      };
      rs.markup = markup;
      const html = md.renderer.render(toks, md.options, mdEnv);
      return { html, headings, assets: rs.assets, reads: rs.reads, dfTables: rs.dfTables, dfErrors: rs.dfErrors };
    },
  };
}

/** Gives a re-parsed token list the same heading and target ids as the first parse. */
function reassignIds(tokens: Token[], ids: IdAllocator): void {
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type === 'myst_target') t.meta = { ...t.meta, id: ids.use(makeId((t.meta as { label: string }).label) || undefined) };
    if (t.type === 'heading_open') {
      t.attrSet('id', ids.use(makeId(inlineTokenText(tokens[i + 1])) || undefined));
    }
  }
}
