/** HTML escaping shared by every renderer (ejs templates use the same rules through `<%= %>`). */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Escaping for text content (not attributes): quotes stay, so smart quotes can still see them. */
export function escapeText(s: string): string {
  return s.replace(/[&<>]/g, (c) => ESCAPES[c]);
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
