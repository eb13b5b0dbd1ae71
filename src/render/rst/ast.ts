/**
 * The document tree of a reStructuredText page: what the block parser produces and the HTML
 * writer consumes. Inline text stays as source text here (`text` fields) and is parsed by
 * inline.ts when rendered, because roles and substitutions need the page and site context.
 * Every node carries the 1-based page line it starts on, for diagnostics.
 */

export interface DirectiveOptionNode {
  name: string;
  /** The option's text, continuation lines joined with '\n', trimmed; '' for flags. */
  value: string;
  line: number;
}

interface Base {
  line: number;
}

export interface SectionNode extends Base {
  kind: 'section';
  /** Title source (inline markup). */
  title: string;
  level: number;
  id: string;
  children: Block[];
}

/** A section title before sections are nested; only seen inside the parser. */
export interface TitleNode extends Base {
  kind: 'title';
  title: string;
  style: string;
}

export interface ParagraphNode extends Base {
  kind: 'paragraph';
  text: string;
}

export interface LiteralNode extends Base {
  kind: 'literal';
  text: string;
  /** 'doctest' for `>>>` blocks. */
  variant?: 'doctest';
}

export interface ListNode extends Base {
  kind: 'bullet_list' | 'enum_list';
  enumtype?: 'arabic' | 'loweralpha' | 'upperalpha' | 'lowerroman' | 'upperroman';
  start?: number;
  items: Block[][];
}

export interface DefinitionListNode extends Base {
  kind: 'def_list';
  items: { term: string; classifiers: string[]; body: Block[]; line: number }[];
}

export interface FieldListNode extends Base {
  kind: 'field_list';
  fields: { name: string; body: Block[]; line: number }[];
}

export interface LineBlockNode extends Base {
  kind: 'line_block';
  lines: { indent: number; text: string }[];
}

export interface BlockQuoteNode extends Base {
  kind: 'block_quote';
  children: Block[];
  attribution?: string;
}

export interface TransitionNode extends Base {
  kind: 'transition';
}

/** A grid or simple table: cells are parsed body elements. */
export interface TableNode extends Base {
  kind: 'table';
  /** Relative column widths measured from the source (grid tables). */
  colWidths: number[];
  headRows: TableCellNode[][];
  bodyRows: TableCellNode[][];
}

export interface TableCellNode {
  blocks: Block[];
  rowspan: number;
  colspan: number;
}

export interface DirectiveNode extends Base {
  kind: 'directive';
  name: string;
  col: number;
  argument: string;
  options: DirectiveOptionNode[];
  /** Raw content lines (dedented), for directives whose content is not RST (code, CSV). */
  content: string[];
  /** Page line of content[0]. */
  contentLine: number;
  /** Parsed content, for directives whose content is reStructuredText. */
  children?: Block[];
  /** Last page line of the directive (inclusive). */
  endLine: number;
  /** The included file the directive comes from (absent: the page). */
  file?: string;
  /** Id given by the `:name:` option (assigned with the page's ids, so :ref: and the element agree). */
  nameId?: string;
}

export interface TargetNode extends Base {
  kind: 'target';
  /** Normalized reference name; '' for anonymous targets (`.. __: url`). */
  name: string;
  refuri?: string;
  /** Indirect target: points at another reference name. */
  refname?: string;
  /** Element id of an internal target (`.. _label:`), rendered in place as an anchor. */
  id?: string;
}

export interface SubstitutionDefNode extends Base {
  kind: 'substitution_def';
  name: string;
  directive: DirectiveNode;
}

export interface FootnoteNode extends Base {
  kind: 'footnote';
  /** '1', '#', '#name', '*' or a citation label. */
  label: string;
  citation: boolean;
  children: Block[];
}

export interface CommentNode extends Base {
  kind: 'comment';
  text: string;
}

/** A visible markup problem (docutils' system_message): rendered as a warning box with the source. */
export interface ProblemNode extends Base {
  kind: 'problem';
  message: string;
  source: string;
}

/** Pre-rendered HTML (tables built by directives, includes resolved at render time). */
export interface HtmlNode extends Base {
  kind: 'html';
  html: string;
}

export type Block =
  | SectionNode
  | TitleNode
  | ParagraphNode
  | LiteralNode
  | ListNode
  | DefinitionListNode
  | FieldListNode
  | LineBlockNode
  | BlockQuoteNode
  | TransitionNode
  | TableNode
  | DirectiveNode
  | TargetNode
  | SubstitutionDefNode
  | FootnoteNode
  | CommentNode
  | ProblemNode
  | HtmlNode;

/** docutils' `fully_normalize_name`: reference names are case- and whitespace-insensitive. */
export function normalizeName(name: string): string {
  return name.toLowerCase().split(/\s+/).filter(Boolean).join(' ');
}
