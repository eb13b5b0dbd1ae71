/** image and figure: local files are recorded for the build to copy beside the page. */
import type { DirectiveCall, RenderState } from '../context.js';
import { escapeHtml } from '../html.js';
import { classOption, option } from './options.js';

function lengthCss(v: string): string {
  return /^\d+(\.\d+)?$/.test(v.trim()) ? `${v.trim()}px` : v.trim();
}

export function imageHtml(uri: string, d: DirectiveCall, rs: RenderState, inFigure = false): string {
  const src = rs.assetUrl(uri.replace(/\s+/g, ''), d.line);
  const style: string[] = [];
  const width = option(d, 'width');
  const height = option(d, 'height');
  const scale = option(d, 'scale');
  if (width) style.push(`width: ${lengthCss(width)}`);
  if (height) style.push(`height: ${lengthCss(height)}`);
  if (scale && !width && !height) style.push(`zoom: ${parseFloat(scale) / 100}`);
  const align = option(d, 'align');
  const cls = [...(!inFigure && align ? [`align-${align}`] : []), ...classOption(d)];
  const alt = option(d, 'alt') ?? uri;
  let img = `<img alt="${escapeHtml(alt)}"${cls.length ? ` class="${escapeHtml(cls.join(' '))}"` : ''}${!inFigure && d.nameId ? ` id="${escapeHtml(d.nameId)}"` : ''} src="${escapeHtml(src)}"${style.length ? ` style="${escapeHtml(style.join('; '))}"` : ''} />`;
  const target = option(d, 'target');
  if (target) img = `<a class="reference external image-reference" href="${escapeHtml(target)}">${img}</a>`;
  return img;
}

export function image(d: DirectiveCall, rs: RenderState): string {
  return imageHtml(d.argument, d, rs) + '\n';
}

export function figure(d: DirectiveCall, rs: RenderState): string {
  const body = d.renderBody();
  const m = /^<p>([\s\S]*?)<\/p>\n?/.exec(body);
  const caption = m ? `<figcaption>\n<p><span class="caption-text">${m[1]}</span></p>\n${body.slice(m[0].length) ? `<div class="legend">\n${body.slice(m[0].length)}</div>\n` : ''}</figcaption>\n` : body ? `<figcaption>\n${body}</figcaption>\n` : '';
  const align = option(d, 'align') ?? 'default';
  const cls = [`align-${align}`, ...classOption(d, 'figclass')];
  const width = option(d, 'figwidth');
  return `<figure class="${escapeHtml(cls.join(' '))}"${d.nameId ? ` id="${escapeHtml(d.nameId)}"` : ''}${width ? ` style="width: ${escapeHtml(lengthCss(width))}"` : ''}>\n${imageHtml(d.argument, d, rs, true)}\n${caption}</figure>\n`;
}
