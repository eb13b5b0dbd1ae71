/**
 * The directive table: name -> renderer, shared by reStructuredText and MyST pages. A directive
 * not in the table is shown as a box with its source and a DT701 warning, never dropped.
 */
import type { DirectiveCall, RenderState } from '../context.js';
import { escapeHtml, escapeText } from '../html.js';
import { ADMONITIONS } from '../rst/directiveSpecs.js';
import { admonition, versionChange } from './admonitions.js';
import { codeBlock, literalInclude, mathBlock, parsedLiteral, raw } from './code.js';
import { figure, image } from './media.js';
import { directiveSource } from './options.js';
import { centered, container, contents, glossary, hlist, only, rubric, toctree, topic } from './structure.js';
import { csvTable, dfTable } from './tables.js';
import { card, dropdown, grid, gridItem, tabItem, tabSet } from './tabs.js';

export type DirectiveRenderer = (d: DirectiveCall, rs: RenderState) => string;

const none: DirectiveRenderer = () => '';

const DIRECTIVES: Record<string, DirectiveRenderer> = {
  admonition,
  versionadded: versionChange,
  versionchanged: versionChange,
  deprecated: versionChange,
  contents,
  toctree,
  rubric,
  topic,
  sidebar: topic,
  container,
  class: container,
  compound: container,
  header: container,
  footer: container,
  epigraph: container,
  highlights: container,
  'pull-quote': container,
  centered,
  hlist,
  only,
  glossary,
  'tab-set': tabSet,
  tabs: tabSet,
  'tab-set-code': tabSet,
  'tab-item': tabItem,
  tab: tabItem,
  'group-tab': tabItem,
  'code-tab': tabItem,
  dropdown,
  card,
  'grid-item-card': card,
  grid,
  'grid-item': gridItem,
  'csv-table': csvTable,
  'df-table': dfTable,
  image,
  figure,
  'code-block': codeBlock,
  sourcecode: codeBlock,
  code: codeBlock,
  literalinclude: literalInclude,
  'parsed-literal': parsedLiteral,
  math: mathBlock,
  raw,
  // Metadata and settings: nothing to show.
  highlight: none,
  meta: none,
  index: none,
  tabularcolumns: none,
  sectionauthor: none,
  codeauthor: none,
  moduleauthor: none,
  currentmodule: none,
  module: none,
  title: none,
  'default-role': none,
  todo: none,
};

for (const name of Object.keys(ADMONITIONS)) if (name !== 'todo') DIRECTIVES[name] = admonition;

export function hasDirective(name: string): boolean {
  return Object.hasOwn(DIRECTIVES, name);
}

export function renderDirective(d: DirectiveCall, rs: RenderState): string {
  const render = Object.hasOwn(DIRECTIVES, d.name) ? DIRECTIVES[d.name] : undefined;
  if (render) return render(d, rs);
  rs.warn(d.line, 'DT701', `Unknown directive type "${d.name}".`, d.col, d.file);
  const source = d.source || directiveSource(d.name, d.argument, d.options, d.content);
  return `<div class="system-message dftables-unknown-directive">\n<p class="system-message-title">Unknown directive type “${escapeText(d.name)}” (line ${d.line})</p>\n<pre class="literal-block">${escapeText(source)}</pre>\n</div>\n`;
}
