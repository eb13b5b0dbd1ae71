/** HTML escaping shared by every renderer (ejs templates use the same rules through `<%= %>`). */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Escaping for text content (not attributes): quotes stay, so smart quotes can still see them. */
export function escapeText(s: string): string {
  return s.replace(/[&<>]/g, (c) => ESCAPES[c]);
}

/**
 * `<a class="reference external">` to `uri` around already-rendered `html`. A mailto: link is
 * cloaked as Sphinx writes it (its default cloak_email_addresses): `@` in the href as `%40`, with
 * `%40` and `.` as character references, and `@`/`.` of the link text each wrapped in a span.
 */
export function externalLink(uri: string, html: string, classes = 'reference external'): string {
  if (!uri.startsWith('mailto:')) return `<a class="${classes}" href="${escapeHtml(uri)}">${html}</a>`;
  const href = escapeHtml(uri.replace(/@/g, '%40')).replace(/%40/g, '&#37;&#52;&#48;').replace(/\./g, '&#46;');
  const text = html
    .split(/(<[^>]*>|&[#\w]+;)/)
    .map((part, k) => (k % 2 ? part : part.replace(/@/g, '<span>&#64;</span>').replace(/\./g, '<span>&#46;</span>')))
    .join('');
  return `<a class="${classes}" href="${href}">${text}</a>`;
}

/** Plain text of an HTML fragment (tags dropped, the five entities decoded): titles for nav and <title>. */
export function htmlToText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39|#8212);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#8212': '—' })[e] ?? '');
}

/** ` class="a b"` or '' when there are no classes. */
export function classAttr(classes: (string | undefined | false)[]): string {
  const list = classes.filter(Boolean);
  return list.length ? ` class="${escapeHtml(list.join(' '))}"` : '';
}

/** ` id="x"` or ''. */
export function idAttr(id: string | undefined): string {
  return id ? ` id="${escapeHtml(id)}"` : '';
}
