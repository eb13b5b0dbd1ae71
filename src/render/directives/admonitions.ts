/** note, warning, important and the other admonitions; seealso; versionadded/changed, deprecated. */
import type { DirectiveCall, RenderState } from '../context.js';
import { escapeHtml } from '../html.js';
import { makeId } from '../ids.js';
import { ADMONITIONS } from '../rst/directiveSpecs.js';
import { classOption, nameId } from './options.js';

export function admonition(d: DirectiveCall, rs: RenderState): string {
  let title: string;
  let cls: string[];
  if (d.name === 'admonition') {
    title = rs.markup.inline(d.argument, d.line);
    cls = ['admonition', 'admonition-' + makeId(d.argument)];
  } else {
    title = escapeHtml(ADMONITIONS[d.name]);
    cls = ['admonition', d.name];
  }
  cls.push(...classOption(d));
  return `<div class="${escapeHtml(cls.join(' '))}"${nameId(d)}>\n<p class="admonition-title">${title}</p>\n${d.renderBody()}</div>\n`;
}

const VERSION_LABELS: Record<string, [string, string]> = {
  versionadded: ['New in version %s', 'added'],
  versionchanged: ['Changed in version %s', 'changed'],
  deprecated: ['Deprecated since version %s', 'deprecated'],
};

export function versionChange(d: DirectiveCall, rs: RenderState): string {
  const [label, kind] = VERSION_LABELS[d.name];
  const [version, ...rest] = d.argument.split(/\s+/);
  const extra = rest.join(' ');
  const body = d.renderBody();
  const prefix = escapeHtml(label.replace('%s', version ?? ''));
  let html: string;
  if (extra) {
    html = `<p><span class="versionmodified ${kind}">${prefix}: </span>${rs.markup.inline(extra, d.line)}</p>\n${body}`;
  } else if (body.startsWith('<p>')) {
    html = `<p><span class="versionmodified ${kind}">${prefix}: </span>${body.slice(3)}`;
  } else {
    html = `<p><span class="versionmodified ${kind}">${prefix}.</span></p>\n${body}`;
  }
  return `<div class="${d.name}">\n${html}</div>\n`;
}
