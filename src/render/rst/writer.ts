/**
 * reStructuredText document -> HTML body, in the element structure Sphinx 5's HTML5 writer emits
 * (sections with headerlinks, `p` in list items and cells, `dl.field-list`, admonition divs,
 * `table.docutils`), so pages look and link like their Sphinx builds and cell text matches.
 * Directives go through the shared directive table; a few that need the RST tree itself
 * (table, list-table, role, substitutions) are handled here.
 */
import type { DirectiveCall, Markup, RenderState } from '../context.js';
import { renderDirective } from '../directives/index.js';
import { classOption, directiveSource, option } from '../directives/options.js';
import { codeBlockHtml } from '../directives/code.js';
import { escapeHtml, escapeText, externalLink } from '../html.js';
import { educateHtml } from '../smartquotes.js';
import { renderRole, preWords } from '../roles.js';
import { renderTable, type CellInput } from '../table.js';
import { renderTemplate } from '../templates.js';
import type { Block, DirectiveNode, FootnoteNode, ListNode, TableCellNode } from './ast.js';
import { normalizeName } from './ast.js';
import { childBlocks, parseFragment, type HyperlinkTarget, type RstDocument } from './document.js';
import { parseInline, type Inline } from './inline.js';
import { isParagraphLine } from './blocks.js';
import { makeId } from '../ids.js';

/**
 * Characters that can start inline markup, links, smart quotes or dashes, or span lines: text
 * without them renders as itself (the fast path for table cells).
 */
const MARKUP_CHARS = /[*`_|\\:@"'\t\n\r\u00a0]|--|\.\.\.|\. \. \./;

interface FootnoteEntry {
  id: string;
  display: string;
}

const SYMBOLS = ['*', '†', '‡', '§', '¶', '#', '♠', '♥', '♦', '♣'];

export class RstWriter implements Markup {
  private anonymousIndex = 0;
  private footnotes = new Map<FootnoteNode, FootnoteEntry>();
  private footnoteLabels = new Map<string, FootnoteEntry>();
  private autoFootnotes: FootnoteEntry[] = [];
  private symbolFootnotes: FootnoteEntry[] = [];
  private autoRefs = 0;
  private symbolRefs = 0;
  private defaultRole = '';
  /** body() results of cells that rendered without side effects, by default role and text. */
  private readonly cellCache = new Map<string, string>();

  constructor(
    private readonly doc: RstDocument,
    private readonly rs: RenderState,
  ) {
    this.numberFootnotes();
  }

  render(): string {
    return this.blocks(this.doc.blocks, true);
  }

  // ---- Markup (used by directives for titles and table cells)

  /** One text element (paragraph, title, caption, cell paragraph): inline markup, then smart quotes. */
  inline(text: string, line: number): string {
    return educateHtml(this.inlineNodes(parseInline(text, (m) => this.rs.warn(line, 'DT704', m)), line));
  }

  body(text: string, line: number): string {
    if (!MARKUP_CHARS.test(text)) {
      const plain = text.trimEnd();
      if (isParagraphLine(plain)) return `<p>${escapeText(plain)}</p>`;
    }
    // Table cells repeat their markup row after row (a benchmark link, a :ref:): a cell that
    // rendered as one paragraph and changed nothing else renders the same again.
    const key = this.defaultRole + '\u0000' + text;
    const cached = this.cellCache.get(key);
    if (cached !== undefined) return cached;
    const before = this.mark();
    const blocks = parseFragment(text, line, (l, m) => this.rs.warn(l, 'DT704', m), 'cell');
    const html = this.cellBody(blocks);
    if (blocks.length === 1 && blocks[0].kind === 'paragraph' && this.mark() === before) this.cellCache.set(key, html);
    return html;
  }

  /** RenderState.mark() and this writer's own counters. */
  private mark(): string {
    return `${this.rs.mark()},${this.anonymousIndex},${this.autoRefs},${this.symbolRefs},${this.defaultRole}`;
  }

  /** A list item's or table cell's content: a lone paragraph closes on the same line (`<td><p>x</p></td>`). */
  private cellBody(blocks: Block[]): string {
    const html = this.blocks(blocks);
    return blocks.length === 1 && blocks[0].kind === 'paragraph' ? html.replace(/\n$/, '') : html;
  }

  // ---- blocks

  private blocks(blocks: Block[], top = false): string {
    let out = '';
    for (let k = 0; k < blocks.length; k++) {
      const b = blocks[k];
      // A field list at the very top of a page is Sphinx's file-wide metadata (:orphan:, :tocdepth:), not content.
      if (top && b.kind === 'field_list' && blocks.slice(0, k).every((p) => p.kind === 'comment' || p.kind === 'target')) continue;
      out += this.block(b);
    }
    return out;
  }

  private block(b: Block): string {
    const rs = this.rs;
    switch (b.kind) {
      case 'section': {
        const h = Math.min(b.level, 6);
        rs.sectionStack.push(b.id);
        const title = this.inline(b.title, b.line);
        const html =
          `<section id="${escapeHtml(b.id)}">\n<h${h}>${title}<a class="headerlink" href="#${escapeHtml(b.id)}" title="Permalink to this heading">¶</a></h${h}>\n` +
          this.blocks(b.children) +
          '</section>\n';
        rs.sectionStack.pop();
        return html;
      }
      case 'title':
        return `<p class="rubric">${this.inline(b.title, b.line)}</p>\n`;
      case 'paragraph':
        return `<p>${this.inline(b.text, b.line)}</p>\n`;
      case 'literal':
        return codeBlockHtml(b.text, b.variant === 'doctest' ? 'pycon' : 'default', rs, { line: b.line, classes: b.variant === 'doctest' ? ['doctest'] : [] });
      case 'bullet_list':
      case 'enum_list':
        return this.list(b);
      case 'def_list': {
        const simple = b.items.every((i) => isSimpleItem(i.body));
        const items = b.items.map((i) => {
          const cls = i.classifiers.map((c) => `<span class="classifier">${this.inline(c, i.line)}</span>`).join('');
          return `<dt>${this.inline(i.term, i.line)}${cls}</dt><dd>${this.blocks(i.body)}</dd>`;
        });
        return `<dl${simple ? ' class="simple"' : ''}>\n${items.join('\n')}\n</dl>\n`;
      }
      case 'field_list': {
        const simple = b.fields.every((f) => isSimpleItem(f.body));
        const items = b.fields.map((f, k) => {
          const parity = k % 2 ? 'field-even' : 'field-odd';
          return `<dt class="${parity}">${this.inline(f.name, f.line)}<span class="colon">:</span></dt>\n<dd class="${parity}">${this.blocks(f.body)}</dd>`;
        });
        return `<dl class="field-list${simple ? ' simple' : ''}">\n${items.join('\n')}\n</dl>\n`;
      }
      case 'line_block':
        return this.lineBlock(b.lines, b.line);
      case 'block_quote': {
        // Sphinx's HandleCodeBlocks: a block quote of doctest blocks only is replaced by them.
        if (!b.attribution && b.children.length && b.children.every((c) => c.kind === 'literal' && c.variant === 'doctest')) return this.blocks(b.children);
        const attribution = b.attribution ? `<p class="attribution">—${this.inline(b.attribution, b.line)}</p>\n` : '';
        return `<blockquote>\n<div>${this.blocks(b.children)}${attribution}</div></blockquote>\n`;
      }
      case 'transition':
        return '<hr class="docutils" />\n';
      case 'table':
        // A bare grid or simple table: Sphinx writes no widths (only :widths: grid does).
        return this.table(b.headRows, b.bodyRows, {});
      case 'directive':
        return this.directive(b);
      case 'target':
        return b.id ? `<span id="${escapeHtml(b.id)}"></span>` : '';
      case 'substitution_def':
      case 'comment':
        return '';
      case 'footnote': {
        const fn = this.footnotes.get(b)!;
        return `<aside class="footnote brackets" id="${escapeHtml(fn.id)}" role="note">\n<span class="label"><span class="fn-bracket">[</span>${escapeText(fn.display)}<span class="fn-bracket">]</span></span>\n${this.blocks(b.children)}</aside>\n`;
      }
      case 'problem':
        return renderTemplate('problem', { level: 'WARNING', line: b.line, message: b.message, source: b.source });
      case 'html':
        return b.html;
    }
  }

  private list(b: ListNode): string {
    const simple = b.items.every(isSimpleItem);
    const items = b.items.map((i) => `<li>${this.cellBody(i)}</li>`).join('\n');
    if (b.kind === 'bullet_list') return `<ul${simple ? ' class="simple"' : ''}>\n${items}\n</ul>\n`;
    const start = b.start && b.start !== 1 ? ` start="${b.start}"` : '';
    return `<ol class="${b.enumtype}${simple ? ' simple' : ''}"${start}>\n${items}\n</ol>\n`;
  }

  private lineBlock(lines: { indent: number; text: string }[], line: number): string {
    let html = '<div class="line-block">\n';
    let depth = 0;
    const base = Math.min(...lines.map((l) => l.indent));
    for (const l of lines) {
      const want = l.indent > base ? 1 : 0;
      while (depth < want) {
        html += '<div class="line-block">\n';
        depth++;
      }
      while (depth > want) {
        html += '</div>\n';
        depth--;
      }
      html += l.text ? `<div class="line">${this.inline(l.text, line)}</div>\n` : '<div class="line"><br /></div>\n';
    }
    while (depth-- > 0) html += '</div>\n';
    return html + '</div>\n';
  }

  private table(head: TableCellNode[][], body: TableCellNode[][], opts: Partial<Parameters<typeof renderTable>[0]>): string {
    const cells = (rows: TableCellNode[][]): CellInput[][] => rows.map((r) => r.map((c) => ({ html: this.cellBody(c.blocks), rowspan: c.rowspan, colspan: c.colspan })));
    return renderTable({ head: cells(head), body: cells(body), ...opts });
  }

  // ---- directives

  private call(b: DirectiveNode): DirectiveCall {
    return {
      name: b.name,
      argument: b.argument,
      options: b.options,
      content: b.content,
      line: b.line,
      col: b.col,
      contentLine: b.contentLine,
      file: b.file ?? this.rs.env.file,
      nameId: b.nameId,
      renderBody: () => this.blocks(b.children ?? []),
      // Only unknown or failed directives show their source: build it on demand.
      get source() {
        return directiveSource(b.name, b.argument, b.options, b.content);
      },
    };
  }

  private directive(b: DirectiveNode): string {
    switch (b.name) {
      case 'table':
        return this.tableDirective(b);
      case 'list-table':
        return this.listTable(b);
      case 'role':
        this.defineRole(b);
        return '';
      case 'default-role':
        this.defaultRole = b.argument.toLowerCase();
        return '';
      case 'include':
        // Reached only when the include could not be read (reported already).
        return '';
    }
    return renderDirective(this.call(b), this.rs);
  }

  /** Options table and list-table share; `widths` is an explicit list, if given. */
  private tableOptions(b: DirectiveNode) {
    const d = this.call(b);
    const widths = option(d, 'widths');
    return {
      widths: widths && /^[\d\s,]+$/.test(widths) ? widths.split(/[\s,]+/).filter(Boolean).map(Number) : undefined,
      width: option(d, 'width'),
      align: option(d, 'align'),
      classes: classOption(d),
      id: b.nameId ?? (b.argument ? this.rs.ids.use() : undefined),
      caption: b.argument ? this.inline(b.argument, b.line) : undefined,
    };
  }

  private tableDirective(b: DirectiveNode): string {
    const table = b.children?.find((c) => c.kind === 'table');
    if (!table || table.kind !== 'table') {
      this.rs.error(b.line, 'DT705', 'Error parsing content block for the "table" directive: exactly one table expected.');
      return this.blocks(b.children ?? []);
    }
    const o = this.tableOptions(b);
    const widths = o.widths ?? (option(this.call(b), 'widths') === 'grid' ? table.colWidths : undefined);
    return this.table(table.headRows, table.bodyRows, { ...o, widths });
  }

  private listTable(b: DirectiveNode): string {
    const list = b.children?.find((c) => c.kind === 'bullet_list');
    const rows = list && list.kind === 'bullet_list' ? list.items.map((item) => item.find((c) => c.kind === 'bullet_list')) : [];
    if (!list || rows.some((r) => !r || r.kind !== 'bullet_list')) {
      this.rs.error(b.line, 'DT705', 'Error parsing content block for the "list-table" directive: uniform two-level bullet list expected.');
      return this.blocks(b.children ?? []);
    }
    const cellRows = rows.map((r) => (r as ListNode).items.map((blocks) => ({ blocks, rowspan: 1, colspan: 1 })));
    const d = this.call(b);
    const headerRows = Number(option(d, 'header-rows') ?? 0);
    return this.table(cellRows.slice(0, headerRows), cellRows.slice(headerRows), {
      ...this.tableOptions(b),
      stubColumns: Number(option(d, 'stub-columns') ?? 0),
    });
  }

  /** `.. role:: name(base)` with :class: / :format: makes a role for the rest of the page. */
  private defineRole(b: DirectiveNode): void {
    const m = /^([\w.+:-]+)(?:\s*\(\s*([\w.+:-]+)\s*\))?$/.exec(b.argument.trim());
    if (!m) {
      this.rs.warn(b.line, 'DT704', `Invalid argument for "role" directive: ${b.argument}`);
      return;
    }
    const d = this.call(b);
    const cls = classOption(d);
    this.rs.customRoles.set(m[1].toLowerCase(), { base: (m[2] ?? '').toLowerCase(), classes: cls.length || m[2] ? cls : [m[1].toLowerCase()], format: option(d, 'format')?.trim() });
  }

  // ---- inline

  private inlineNodes(nodes: Inline[], line: number): string {
    return nodes.map((n) => this.inlineNode(n, line)).join('');
  }

  private inlineNode(n: Inline, line: number): string {
    const rs = this.rs;
    switch (n.t) {
      case 'text':
        return escapeText(n.v);
      case 'emphasis':
        return `<em>${escapeText(n.v)}</em>`;
      case 'strong':
        return `<strong>${escapeText(n.v)}</strong>`;
      case 'literal':
        return `<code class="docutils literal notranslate">${preWords(n.v)}</code>`;
      case 'role':
        return renderRole(n.role || this.defaultRole, n.text, n.raw, line, rs);
      case 'reference':
        return this.reference(n, line);
      case 'target':
        return `<span class="target" id="${escapeHtml(rs.ids.use(makeId(n.name) || undefined))}">${escapeText(n.text)}</span>`;
      case 'substitution':
        return this.substitution(n, line);
      case 'footnote_ref':
        return this.footnoteRef(n.label, n.citation, line);
      case 'problematic':
        return `<span class="problematic" title="${escapeHtml(n.message)}">${escapeText(n.raw)}</span>`;
    }
  }

  private reference(n: Extract<Inline, { t: 'reference' }>, line: number): string {
    let target: HyperlinkTarget | undefined;
    if (n.refuri !== undefined) target = { refuri: n.refuri };
    else if (n.anonymous) {
      const uri = this.doc.anonymous[this.anonymousIndex++];
      if (uri === undefined) {
        this.rs.warn(line, 'DT703', 'Anonymous hyperlink mismatch: more anonymous references than targets.');
        return `<span class="problematic">${escapeText(n.raw ?? n.text + '__')}</span>`;
      }
      target = { refuri: uri };
    } else target = this.resolveName(n.refname!);
    if (!target || (target.refuri === undefined && target.refid === undefined)) {
      this.rs.warn(line, 'DT703', `Unknown target name: "${n.refname ?? n.text}".`);
      return `<span class="problematic">${escapeText(n.raw ?? n.text + '_')}</span>`;
    }
    if (target.refuri !== undefined) return externalLink(target.refuri, escapeText(n.text));
    return `<a class="reference internal" href="#${escapeHtml(target.refid!)}">${escapeText(n.text)}</a>`;
  }

  private resolveName(name: string): HyperlinkTarget | undefined {
    let t = this.doc.targets.get(name);
    for (let hops = 0; t?.refname !== undefined && hops < 10; hops++) t = this.doc.targets.get(t.refname);
    return t;
  }

  private substitution(n: Extract<Inline, { t: 'substitution' }>, line: number): string {
    const def = this.doc.substitutions.get(n.name) ?? this.doc.substitutions.get(normalizeName(n.name));
    let html: string;
    if (!def) {
      const builtin = builtinSubstitution(n.name);
      if (builtin === undefined) {
        this.rs.warn(line, 'DT703', `Undefined substitution referenced: "${n.name}".`);
        return `<span class="problematic">${escapeText(n.raw)}</span>`;
      }
      html = escapeText(builtin);
    } else {
      html = this.substitutionHtml(def.directive, line);
    }
    if (n.refend) {
      const t = n.refend === '__' ? { refuri: this.doc.anonymous[this.anonymousIndex++] } : this.resolveName(n.name);
      if (t?.refuri !== undefined) return externalLink(t.refuri, html);
      if (t?.refid !== undefined) return `<a class="reference internal" href="#${escapeHtml(t.refid)}">${html}</a>`;
    }
    return html;
  }

  private substitutionHtml(d: DirectiveNode, line: number): string {
    switch (d.name) {
      case 'replace':
        return this.inline(d.content.join('\n'), d.contentLine);
      case 'unicode':
        return escapeText(
          d.argument
            .split(/\s+/)
            .map((c) => (/^(?:0x|x|\\x|U\+|u|\\u|&#x)([0-9a-f]+);?$/i.test(c) ? String.fromCodePoint(parseInt(/([0-9a-f]+);?$/i.exec(c)![1], 16)) : /^\d+$/.test(c) ? String.fromCodePoint(Number(c)) : c))
            .join(''),
        );
      case 'date':
        return escapeText(new Date().toISOString().slice(0, 10));
      case 'image':
        return renderDirective(this.call(d), this.rs).trimEnd();
      default:
        this.rs.warn(line, 'DT701', `Substitution definition uses unknown directive "${d.name}".`);
        return '';
    }
  }

  // ---- footnotes: manual numbers, auto-numbers (#, #label) in order, symbols (*), citations

  private numberFootnotes(): void {
    const found: FootnoteNode[] = [];
    const walk = (blocks: Block[]) => {
      for (const b of blocks) {
        if (b.kind === 'footnote') found.push(b);
        if (b.kind === 'section') walk(b.children);
        if (b.kind === 'directive' && b.children) walk(b.children);
        for (const c of childBlocks(b)) walk(c);
      }
    };
    walk(this.doc.blocks);
    const used = new Set(found.filter((f) => /^\d+$/.test(f.label)).map((f) => Number(f.label)));
    let next = 1;
    for (const f of found) {
      let display = f.label;
      if (f.label.startsWith('#')) {
        while (used.has(next)) next++;
        used.add(next);
        display = String(next);
      } else if (f.label === '*') {
        const k = this.symbolFootnotes.length;
        display = SYMBOLS[k % SYMBOLS.length].repeat(Math.floor(k / SYMBOLS.length) + 1);
      }
      const wanted = f.citation ? makeId(f.label) : f.label.length > 1 && f.label.startsWith('#') ? makeId(f.label.slice(1)) : undefined;
      const entry = { id: this.rs.ids.use(wanted || undefined), display };
      this.footnotes.set(f, entry);
      if (f.label === '#') this.autoFootnotes.push(entry);
      else if (f.label === '*') this.symbolFootnotes.push(entry);
      else this.footnoteLabels.set(f.citation ? f.label.toLowerCase() : f.label, entry);
    }
  }

  private footnoteRef(label: string, citation: boolean, line: number): string {
    const fn =
      label === '#' ? this.autoFootnotes[this.autoRefs++] : label === '*' ? this.symbolFootnotes[this.symbolRefs++] : this.footnoteLabels.get(citation ? label.toLowerCase() : label);
    if (!fn) {
      this.rs.warn(line, 'DT703', `Unknown target name: "${label}".`);
      return `<span class="problematic">[${escapeText(label)}]_</span>`;
    }
    return `<a class="${citation ? 'citation-reference' : 'footnote-reference brackets'}" href="#${escapeHtml(fn.id)}" role="doc-noteref"><span class="fn-bracket">[</span>${escapeText(fn.display)}<span class="fn-bracket">]</span></a>`;
  }
}

/** docutils' compact-list test: each item is empty, one paragraph, or a paragraph and a simple list. */
function isSimpleItem(blocks: Block[]): boolean {
  if (blocks.length === 0) return true;
  if (blocks[0].kind !== 'paragraph') return false;
  if (blocks.length === 1) return true;
  if (blocks.length === 2 && (blocks[1].kind === 'bullet_list' || blocks[1].kind === 'enum_list')) return blocks[1].items.every(isSimpleItem);
  return false;
}

function builtinSubstitution(name: string): string | undefined {
  if (name === 'today') return new Date().toISOString().slice(0, 10);
  return undefined;
}
