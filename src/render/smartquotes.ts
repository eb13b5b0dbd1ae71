/**
 * Sphinx's SmartQuotes transform (docutils.utils.smartquotes with Sphinx's default action
 * 'qDe'): straight quotes become curly ones, `--` an en dash, `---` an em dash, `...` an
 * ellipsis, in running text but never in literals. It changes cell text ("FP32, BF16" shows as
 * “FP32, BF16”), so the rendered cells match Sphinx's. The rules below are docutils' regexes,
 * applied in the same order, for English.
 */

const OPQ = '\u201c';
const CPQ = '\u201d';
const OSQ = '\u2018';
const CSQ = '\u2019';
const APOS = '\u2019';

const PUNCT = "[-!\" #$%'()*+,./:;<=>?@[\\\\\\]^_`{|}~]";
const OPEN = '[([{]';
const DASH = '(?:[-\u2013\u2014]|&[mn]dash;|&#8211;|&#8212;|&#x201[34];)';
const SEP = '(?:[\\s\u200b\u200c]|&nbsp;)';
const W = '[\\p{L}\\p{N}\\p{M}_]';

const R = (src: string) => new RegExp(src, 'gu');
const RULES: [RegExp, string][] = [
  [new RegExp(`^'(?=${PUNCT}\\B)`, 'u'), CSQ],
  [new RegExp(`^"(?=${PUNCT}\\B)`, 'u'), CPQ],
  [R(`"'(?=${W})`), OPQ + OSQ],
  [R(`'"(?=${W})`), OSQ + OPQ],
  [R(`(${OPEN}|${DASH})'(?=${PUNCT}? )`), `$1${CSQ}`],
  [R(`(${OPEN}|${DASH})"(?=${PUNCT}? )`), `$1${CPQ}`],
  [R(`'(?=\\d{2}s)`), APOS],
  [R(`(${SEP}|${OPEN}|${DASH})'(?=${W}|${PUNCT})`), `$1${OSQ}`],
  [R(`(?<!\\s)'`), CSQ],
  [R(`'`), OSQ],
  [R(`(${SEP}|${OPEN}|${DASH})"(?=${W}|${PUNCT})`), `$1${OPQ}`],
  [R(`(?<!\\s)"|"(?=\\s)`), CPQ],
  [R(`"`), OPQ],
];

/**
 * Backslash-escaped quotes, dashes, dots and backquotes are never educated (docutils keeps the
 * escape in its text nodes and smartquotes honours it). The inline parser leaves such a character
 * as one of these marks; educate() reads a mark as the entity docutils' processEscapes makes of
 * it (so it gives the same context), and educateHtml() turns marks back into the characters.
 */
export const ESCAPE_MARKS: Readonly<Record<string, string>> = { '"': '\ue022', "'": '\ue027', '-': '\ue02d', '.': '\ue02e', '`': '\ue060' };
/**
 * Where a backslash was: docutils' text nodes keep a NUL there, which the quote rules see as a
 * character that is neither space, word nor punctuation (`_"'\y` gives `_”’y`). Dropped on
 * restoring, with the space or newline after it (an escaped space shows nothing).
 */
export const NUL_MARK = '\ue000';
const MARK_CHARS = new Map(Object.entries(ESCAPE_MARKS).map(([c, m]) => [m, c]));
const MARK = /[\ue022\ue027\ue02d\ue02e\ue060]/g;
const HAS_MARK = /[\ue000\ue022\ue027\ue02d\ue02e\ue060]/;
const MARK_ENTITY = /&#(34|39|45|46|96);/g;

/** Text with escape marks (from the inline parser) back to plain characters. */
export function restoreEscapeMarks(text: string): string {
  return HAS_MARK.test(text) ? text.replace(/\ue000[ \n]?/g, '').replace(MARK, (m) => MARK_CHARS.get(m)!) : text;
}

function educateQuotes(text: string): string {
  for (const [re, rep] of RULES) text = text.replace(re, rep);
  return text;
}

/** One text token, given the last character of the text before it (context for leading quotes). */
function educate(text: string, prev: string): string {
  const marked = HAS_MARK.test(text);
  let t = marked ? text.replace(MARK, (m) => `&#${MARK_CHARS.get(m)!.charCodeAt(0)};`) : text;
  t = t.replace(/---/g, '\u2014').replace(/--/g, '\u2013');
  t = t.replace(/\.\.\./g, '\u2026').replace(/\. \. \./g, '\u2026');
  if (/["']/.test(t)) t = educateQuotes(prev.replace(/["']/g, ';') + t).slice(1);
  return marked ? t.replace(MARK_ENTITY, (_, n: string) => ESCAPE_MARKS[String.fromCharCode(Number(n))]) : t;
}

/** Plain text (a title shown in navigation). */
export function educateText(text: string): string {
  return /["'.-]/.test(text) ? educate(text, ' ') : text;
}

/**
 * The texts of one text block in order, literal ones (code) left alone but giving context: each
 * other text is educated knowing the character before it, as docutils' educate_tokens does.
 */
export function educateParts(parts: { text: string; literal: boolean }[]): string[] {
  let prev = ' ';
  return parts.map(({ text, literal }) => {
    if (!text) return text;
    const last = text[text.length - 1];
    const out = literal ? text : educate(text, prev);
    prev = last;
    return out;
  });
}

const LITERAL_OPEN = /^<(code|kbd|pre|tt|samp|script|style|math)\b/i;
const LITERAL_CLOSE = /^<\/(code|kbd|pre|tt|samp|script|style|math)>/i;

/**
 * HTML of one text block (a paragraph, a title, a cell's paragraph): text between tags is
 * educated with the context carried across inline elements, as docutils does per TextElement;
 * text inside code, kbd, pre and problematic spans is left alone. Text must not have quotes
 * escaped as entities (attributes may).
 */
export function educateHtml(html: string): string {
  if (!/["'.-]/.test(html.replace(/<[^>]*>/g, ''))) return restoreEscapeMarks(html);
  const parts = html.split(/(<[^>]*>)/);
  const texts: { text: string; literal: boolean }[] = [];
  let depth = 0;
  let problematic = false;
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k];
    if (k % 2) {
      if (LITERAL_OPEN.test(p)) depth++;
      else if (LITERAL_CLOSE.test(p)) depth = Math.max(0, depth - 1);
      else if (p.startsWith('<span class="problematic"')) problematic = true;
      else if (problematic && p === '</span>') problematic = false;
    } else texts.push({ text: decodeText(p), literal: depth > 0 || problematic });
  }
  const educated = educateParts(texts);
  for (let k = 0; k < parts.length; k += 2) parts[k] = restoreEscapeMarks(encodeText(educated[k / 2]));
  return parts.join('');
}

// docutils educates text before it is HTML-escaped: `'<` reads a '<', not '&lt;' ('&' is not
// punctuation to its rules). An '&' of the text becomes a mark, so entities already in the HTML
// (a cloaked address's &#64;) are told apart from it and kept.
const AMP = '\ue026';

function decodeText(html: string): string {
  return html.includes('&') ? html.replace(/&(lt|gt|amp);/g, (_, e: string) => (e === 'lt' ? '<' : e === 'gt' ? '>' : AMP)) : html;
}

function encodeText(text: string): string {
  return /[<>\ue026]/.test(text) ? text.replace(/[<>\ue026]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&amp;')) : text;
}
