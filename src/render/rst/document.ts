/**
 * From parsed blocks to a document: titles nested into sections, ids assigned, and everything
 * other pages and the renderer look up collected in one pass (labels for :ref:, hyperlink
 * targets, substitution definitions, headings for the outline and `contents`, toctrees).
 * This is docutils' transform stage, reduced to what the HTML output needs.
 */
import type { Block, DirectiveNode, SectionNode, SubstitutionDefNode, TitleNode } from './ast.js';
import { normalizeName } from './ast.js';
import { parseBlocks, type ParseState } from './blocks.js';
import { inlineText, parseInline } from './inline.js';
import { toLines } from './lines.js';
import { educateText } from '../smartquotes.js';
import { IdAllocator, makeId } from '../ids.js';

export interface Heading {
  id: string;
  level: number;
  /** Title source (inline markup). */
  title: string;
  /** Title as plain text. */
  text: string;
  line: number;
}

export interface LabelDef {
  /** Normalized label name. */
  name: string;
  id: string;
  /** Plain-text title for :ref: without explicit text (a section's title, a table's caption). */
  title?: string;
  line: number;
}

export interface HyperlinkTarget {
  refuri?: string;
  refid?: string;
  refname?: string;
}

export interface RstDocument {
  blocks: Block[];
  /** Plain text of the first section title. */
  title?: string;
  headings: Heading[];
  labels: LabelDef[];
  /** Named hyperlink targets: explicit (`.. _name: url`), implicit (section titles), inline. */
  targets: Map<string, HyperlinkTarget>;
  /** Anonymous targets' URIs in order (`.. __: url`), matched to `text`__ references in order. */
  anonymous: string[];
  substitutions: Map<string, SubstitutionDefNode>;
  toctrees: DirectiveNode[];
  ids: IdAllocator;
}

export interface ParseProblem {
  line: number;
  message: string;
}

/** Parses a page (or an included file) into a document. */
export function parseRst(text: string, include?: ParseState['include']): { doc: RstDocument; problems: ParseProblem[] } {
  const problems: ParseProblem[] = [];
  const st: ParseState = { warn: (line, message) => problems.push({ line, message }), include };
  const flat = parseBlocks(toLines(text), 1, st);
  return { doc: buildDocument(flat), problems };
}

export function buildDocument(flat: Block[]): RstDocument {
  const doc: RstDocument = {
    blocks: nestSections(flat, []),
    headings: [],
    labels: [],
    targets: new Map(),
    anonymous: [],
    substitutions: new Map(),
    toctrees: [],
    ids: new IdAllocator(),
  };
  const pending: { name: string; id: string; line: number }[] = [];
  const walk = (blocks: Block[]) => {
    for (const b of blocks) visit(b);
  };
  const attach = (title: string | undefined) => {
    for (const p of pending) doc.labels.push({ ...p, ...(title !== undefined ? { title } : {}) });
    pending.length = 0;
  };
  const visit = (b: Block): void => {
    switch (b.kind) {
      case 'target':
        if (!b.name) {
          if (b.refuri) doc.anonymous.push(b.refuri);
          return;
        }
        if (b.refuri || b.refname) {
          setTarget(doc, b.name, { refuri: b.refuri, refname: b.refname });
          return;
        }
        b.id = doc.ids.use(makeId(b.name) || undefined);
        setTarget(doc, b.name, { refid: b.id });
        pending.push({ name: b.name, id: b.id, line: b.line });
        return;
      case 'comment':
      case 'substitution_def':
        if (b.kind === 'substitution_def') doc.substitutions.set(b.name, b);
        return;
      case 'section': {
        const raw = inlineText(parseInline(b.title));
        b.id = doc.ids.use(makeId(raw) || undefined);
        // Ids come from the source text; what is shown has smart quotes (Sphinx transforms after ids).
        const text = educateText(raw);
        if (!doc.title) doc.title = text;
        doc.headings.push({ id: b.id, level: b.level, title: b.title, text, line: b.line });
        if (!doc.targets.has(normalizeName(raw))) doc.targets.set(normalizeName(raw), { refid: b.id });
        attach(text);
        walk(b.children);
        return;
      }
      case 'directive': {
        attach(directiveTitle(b));
        const named = b.options.find((o) => o.name === 'name');
        if (named?.value) {
          b.nameId = doc.ids.use(makeId(named.value) || undefined);
          const name = normalizeName(named.value);
          setTarget(doc, name, { refid: b.nameId });
          doc.labels.push({ name, id: b.nameId, line: b.line, ...(directiveTitle(b) !== undefined ? { title: directiveTitle(b) } : {}) });
        }
        if (b.name === 'toctree') doc.toctrees.push(b);
        if (b.children) walk(b.children);
        return;
      }
      default:
        attach(undefined);
        for (const child of childBlocks(b)) walk(child);
        // Inline targets and embedded URIs (`text <url>`_) define names too.
        for (const text of inlineSources(b)) collectInlineTargets(doc, text);
    }
  };
  walk(doc.blocks);
  attach(undefined);
  return doc;
}

function setTarget(doc: RstDocument, name: string, t: HyperlinkTarget): void {
  // Explicit targets win over the implicit ones section titles make.
  doc.targets.set(name, t);
}

/** What a :ref: to a label in front of this directive shows: a table's or figure's caption. */
function directiveTitle(d: DirectiveNode): string | undefined {
  if (['csv-table', 'df-table', 'table', 'list-table'].includes(d.name) && d.argument) return educateText(inlineText(parseInline(d.argument)));
  if (d.name === 'figure') {
    const caption = d.children?.find((c) => c.kind === 'paragraph');
    return caption && caption.kind === 'paragraph' ? inlineText(parseInline(caption.text)) : undefined;
  }
  const caption = d.options.find((o) => o.name === 'caption');
  if (caption?.value) return inlineText(parseInline(caption.value));
  return undefined;
}

function collectInlineTargets(doc: RstDocument, text: string): void {
  if (!text.includes('`')) return;
  for (const n of parseInline(text)) {
    if (n.t === 'reference' && n.defines && !doc.targets.has(n.defines)) {
      doc.targets.set(n.defines, n.refuri !== undefined ? { refuri: n.refuri } : { refname: n.refname });
    }
  }
}

/** The block lists directly inside a block (list items, cells, quoted and footnote bodies). */
export function childBlocks(b: Block): Block[][] {
  switch (b.kind) {
    case 'bullet_list':
    case 'enum_list':
      return b.items;
    case 'def_list':
      return b.items.map((i) => i.body);
    case 'field_list':
      return b.fields.map((f) => f.body);
    case 'block_quote':
    case 'footnote':
      return [b.children];
    case 'table':
      return [...b.headRows, ...b.bodyRows].flat().map((c) => c.blocks);
    default:
      return [];
  }
}

function inlineSources(b: Block): string[] {
  switch (b.kind) {
    case 'paragraph':
      return [b.text];
    case 'def_list':
      return b.items.map((i) => i.term);
    case 'line_block':
      return b.lines.map((l) => l.text);
    default:
      return [];
  }
}

/** Turns `title` markers into nested sections (level = order of first use of the adornment style). */
function nestSections(flat: Block[], styles: string[]): Block[] {
  const root: Block[] = [];
  const stack: { level: number; children: Block[] }[] = [{ level: 0, children: root }];
  for (const b of flat) {
    if (b.kind === 'title') {
      const level = styleLevel(styles, b);
      while (stack.length > 1 && stack[stack.length - 1].level >= level) stack.pop();
      const section: SectionNode = { kind: 'section', line: b.line, level, title: b.title, id: '', children: [] };
      stack[stack.length - 1].children.push(section);
      stack.push({ level, children: section.children });
    } else {
      if (b.kind === 'directive' && b.children) b.children = nestSections(b.children, styles);
      if (b.kind === 'block_quote') b.children = nestSections(b.children, styles);
      stack[stack.length - 1].children.push(b);
    }
  }
  return root;
}

function styleLevel(styles: string[], t: TitleNode): number {
  let k = styles.indexOf(t.style);
  if (k < 0) {
    styles.push(t.style);
    k = styles.length - 1;
  }
  return k + 1;
}

/**
 * Parses a csv-table cell (or other RST text inside a page) as body elements: a nested parse, as
 * docutils makes for a cell, so no section titles or transitions (match_titles off); `'cell'`
 * keeps the lines as docutils gets them from `cell.splitlines()` (tabs, trailing whitespace).
 */
export function parseFragment(text: string, firstLine: number, warn: ParseState['warn'], lines: 'page' | 'cell' = 'page'): Block[] {
  return parseBlocks(toLines(text, lines), firstLine, { warn, titles: false });
}
