/**
 * sphinx-design tab-set/tab-item (and sphinx-tabs' tabs/tab/group-tab/code-tab) as working tabs
 * with no JavaScript: one radio input per tab, labels in a row, the checked input's panel shown
 * by CSS (the markup sphinx-design emits, so its selectors and ours agree). Also dropdown, card
 * and grid, which pages built with sphinx-design use beside tabs.
 */
import type { DirectiveCall, RenderState, TabCollector } from '../context.js';
import { escapeHtml, escapeText } from '../html.js';
import { classes, classOption, hasFlag, nameId, option } from './options.js';

export function tabSet(d: DirectiveCall, rs: RenderState): string {
  const set = rs.nextTabSet();
  const collector: TabCollector = { tabs: [] };
  rs.collectors.push(collector);
  let stray: string;
  try {
    stray = d.renderBody();
  } finally {
    rs.collectors.pop();
  }
  if (stray.trim()) rs.warn(d.line, 'DT704', `All children of a '${d.name}' should be tab items; other content is shown after the tabs.`);
  const tabs = collector.tabs;
  if (!tabs.length) return stray;
  let selected = tabs.findIndex((t) => t.selected);
  if (selected < 0) selected = 0;
  const parts = tabs.map((t, k) => {
    const id = t.id ?? `sd-tab-item-${set}-${k}`;
    return (
      `<input${k === selected ? ' checked="checked"' : ''} id="${escapeHtml(id)}" name="sd-tab-set-${set}" type="radio">\n` +
      `<label class="sd-tab-label${t.classLabel ? ' ' + escapeHtml(t.classLabel) : ''}" for="${escapeHtml(id)}">${t.label}</label>` +
      `<div class="sd-tab-content docutils${t.classContent ? ' ' + escapeHtml(t.classContent) : ''}">\n${t.html}</div>\n`
    );
  });
  return `<div${classes(d, 'sd-tab-set', 'docutils')}${nameId(d)}>\n${parts.join('')}</div>\n${stray}`;
}

export function tabItem(d: DirectiveCall, rs: RenderState): string {
  const label = d.name === 'code-tab' ? escapeHtml(d.argument.split(/\s+/).slice(1).join(' ') || d.argument) : rs.markup.inline(d.argument, d.line);
  const html = d.name === 'code-tab' ? codeBody(d) : d.renderBody();
  const collector = rs.collectors[rs.collectors.length - 1];
  if (!collector) {
    rs.warn(d.line, 'DT704', `'${d.name}' outside a tab set: shown as a plain section.`);
    return `<div class="sd-tab-item docutils container">\n<p class="rubric">${label}</p>\n${html}</div>\n`;
  }
  collector.tabs.push({
    label,
    html,
    selected: hasFlag(d, 'selected'),
    classLabel: classOption(d, 'class-label').join(' ') || undefined,
    classContent: classOption(d, 'class-content').join(' ') || undefined,
    id: d.nameId,
  });
  return '';
}

function codeBody(d: DirectiveCall): string {
  const lang = d.argument.split(/\s+/)[0] || 'default';
  return `<div class="highlight-${escapeText(lang)} notranslate"><div class="highlight"><pre>${escapeText(d.content.join('\n'))}\n</pre></div></div>\n`;
}

export function dropdown(d: DirectiveCall, rs: RenderState): string {
  const title = d.argument ? rs.markup.inline(d.argument, d.line) : '…';
  return `<details${classes(d, 'sd-dropdown', 'docutils')}${nameId(d)}${hasFlag(d, 'open') ? ' open="open"' : ''}>\n<summary class="sd-summary-title">${title}</summary>\n<div class="sd-summary-content">\n${d.renderBody()}</div>\n</details>\n`;
}

export function card(d: DirectiveCall, rs: RenderState): string {
  const title = d.argument ? `<div class="sd-card-title">${rs.markup.inline(d.argument, d.line)}</div>\n` : '';
  const inner = `<div class="sd-card-body">\n${title}${d.renderBody()}</div>\n`;
  const link = option(d, 'link');
  const body = link ? `${inner}<a class="sd-stretched-link" href="${escapeHtml(/^[a-z]+:/i.test(link) ? link : link + '.html')}"></a>\n` : inner;
  const wrap = d.name === 'grid-item-card' ? ['<div class="sd-col">\n', '</div>\n'] : ['', ''];
  return `${wrap[0]}<div${classes(d, 'sd-card', 'docutils')}${nameId(d)}>\n${body}</div>\n${wrap[1]}`;
}

export function grid(d: DirectiveCall): string {
  return `<div${classes(d, 'sd-grid', 'docutils')}${nameId(d)}>\n${d.renderBody()}</div>\n`;
}

export function gridItem(d: DirectiveCall): string {
  return `<div${classes(d, 'sd-col', 'docutils')}>\n${d.renderBody()}</div>\n`;
}
