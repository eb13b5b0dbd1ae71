/**
 * How docutils splits each directive's block into arguments, options and content. The split
 * depends on the directive (a `note` has no argument, so text after `note::` is content; a
 * `tab-item` has one, so it is the label), hence this table. Directives not listed are parsed
 * with the generic shape (one optional argument, options, raw content) and rendered as unknown.
 */

export interface DirectiveSpec {
  required: number;
  optional: number;
  /** The last argument may contain spaces (docutils' final_argument_whitespace). */
  finalWhitespace: boolean;
  /** Whether the directive takes options (docutils' option_spec). */
  options: boolean;
  /** 'rst': content is parsed as body elements; 'raw': kept as lines; 'none': no content. */
  content: 'rst' | 'raw' | 'none';
}

const spec = (required: number, optional: number, content: DirectiveSpec['content'], finalWhitespace = true, options = true): DirectiveSpec => ({
  required,
  optional,
  finalWhitespace,
  options,
  content,
});

export const ADMONITIONS: Record<string, string> = {
  attention: 'Attention',
  caution: 'Caution',
  danger: 'Danger',
  error: 'Error',
  hint: 'Hint',
  important: 'Important',
  note: 'Note',
  tip: 'Tip',
  warning: 'Warning',
  seealso: 'See also',
  todo: 'Todo',
};

const SPECS: Record<string, DirectiveSpec> = {
  admonition: spec(1, 0, 'rst'),
  versionadded: spec(1, 1, 'rst'),
  versionchanged: spec(1, 1, 'rst'),
  deprecated: spec(1, 1, 'rst'),
  contents: spec(0, 1, 'none'),
  topic: spec(1, 0, 'rst'),
  sidebar: spec(0, 1, 'rst'),
  rubric: spec(1, 0, 'none'),
  container: spec(0, 1, 'rst'),
  compound: spec(0, 0, 'rst'),
  epigraph: spec(0, 0, 'rst', true, false),
  highlights: spec(0, 0, 'rst', true, false),
  'pull-quote': spec(0, 0, 'rst', true, false),
  centered: spec(1, 0, 'none', true, false),
  hlist: spec(0, 0, 'rst'),
  glossary: spec(0, 0, 'raw'),
  only: spec(1, 0, 'rst', true, false),
  // sphinx-design and sphinx-tabs
  'tab-set': spec(0, 0, 'rst'),
  'tab-item': spec(1, 0, 'rst'),
  'tab-set-code': spec(0, 0, 'rst'),
  tabs: spec(0, 0, 'rst'),
  tab: spec(1, 0, 'rst'),
  'group-tab': spec(1, 0, 'rst'),
  'code-tab': spec(1, 1, 'raw'),
  dropdown: spec(0, 1, 'rst'),
  card: spec(0, 1, 'rst'),
  grid: spec(0, 1, 'rst'),
  'grid-item': spec(0, 0, 'rst'),
  'grid-item-card': spec(0, 1, 'rst'),
  // tables
  'csv-table': spec(0, 1, 'raw'),
  'df-table': spec(0, 1, 'raw'),
  table: spec(0, 1, 'rst'),
  'list-table': spec(0, 1, 'rst'),
  // navigation and media
  toctree: spec(0, 0, 'raw'),
  image: spec(1, 0, 'none'),
  figure: spec(1, 0, 'rst'),
  // code
  'code-block': spec(0, 1, 'raw', false),
  sourcecode: spec(0, 1, 'raw', false),
  code: spec(0, 1, 'raw', false),
  'parsed-literal': spec(0, 0, 'raw'),
  literalinclude: spec(1, 0, 'none'),
  include: spec(1, 0, 'none'),
  raw: spec(1, 0, 'raw'),
  math: spec(0, 1, 'raw'),
  highlight: spec(1, 0, 'none', false),
  // substitution-definition directives
  replace: spec(0, 0, 'raw', true, false),
  unicode: spec(1, 0, 'none'),
  date: spec(0, 1, 'none', true, false),
  // metadata: no output
  meta: spec(0, 0, 'raw', true, false),
  index: spec(0, 1, 'raw'),
  tabularcolumns: spec(1, 0, 'none', true, false),
  sectionauthor: spec(1, 0, 'none', true, false),
  codeauthor: spec(1, 0, 'none', true, false),
  moduleauthor: spec(1, 0, 'none', true, false),
  'default-role': spec(0, 1, 'none', false, false),
  role: spec(1, 0, 'none'),
  currentmodule: spec(1, 0, 'none', false, false),
  module: spec(1, 0, 'none', false),
  title: spec(1, 0, 'none', true, false),
  class: spec(1, 0, 'rst', true, false),
  header: spec(0, 0, 'rst', true, false),
  footer: spec(0, 0, 'rst', true, false),
};

for (const name of Object.keys(ADMONITIONS)) SPECS[name] = spec(0, 0, 'rst');

export const GENERIC_SPEC: DirectiveSpec = spec(0, 1, 'raw');

export function directiveSpec(name: string): DirectiveSpec | undefined {
  return Object.hasOwn(SPECS, name) ? SPECS[name] : undefined;
}
