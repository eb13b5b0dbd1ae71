/**
 * reStructuredText inline markup, recognised with docutils' own rules (states.Inliner): a
 * start-string must follow whitespace, an opener or a delimiter and be followed by non-space;
 * the end-string must follow non-space and precede whitespace or punctuation; `'*'` and `(*)`
 * are quoted, not markup; backslash escapes are turned into NUL marks first (escape2null) so
 * the patterns can see them. Like docutils, inline markup does not nest.
 */

import { ESCAPE_MARKS, NUL_MARK, restoreEscapeMarks } from '../smartquotes.js';
import { URI_SCHEMES } from './uriSchemes.js';

export type Inline =
  | { t: 'text'; v: string }
  | { t: 'emphasis' | 'strong' | 'literal'; v: string }
  /** Interpreted text. `text` keeps escapes as NUL marks: roles unescape as they need. */
  | { t: 'role'; role: string; text: string; raw: string }
  /** A hyperlink reference; `defines` names the target an embedded URI creates (`text <url>`_). */
  /** `raw`: the source (shown as problematic when the reference cannot be resolved). */
  | { t: 'reference'; text: string; refuri?: string; refname?: string; anonymous?: boolean; defines?: string; raw?: string }
  /** Inline internal target: _`text`. */
  | { t: 'target'; text: string; name: string }
  | { t: 'substitution'; name: string; refend: string; raw: string }
  | { t: 'footnote_ref'; label: string; citation: boolean }
  | { t: 'problematic'; raw: string; message: string };

const ALNUM = '[\\p{L}\\p{N}\\p{M}]';
export const SIMPLENAME = `${ALNUM}+(?:[-._+:]${ALNUM}+)*`;
const OPENERS = `"'(<\\[{\\p{Ps}\\p{Pi}\\p{Pf}`;
const CLOSERS = `"')>\\]}\\p{Pe}\\p{Pi}\\p{Pf}`;
const DELIMITERS = '\\-/:\\p{Pd}\\u00a1\\u00b7\\u00bf\\u2016-\\u2027\\u2030-\\u205e';
const CLOSING_DELIMITERS = '\\\\.,;!?';
const PREFIX = `(?<=^|[\\s${OPENERS}${DELIMITERS}])`;
const SUFFIX = `(?=$|[\\s\\x00${CLOSING_DELIMITERS}${DELIMITERS}${CLOSERS}])`;

const INITIAL = new RegExp(
  PREFIX +
    '(?:' +
    '(?<start>\\*\\*|\\*(?!\\*)|``|_`|\\|(?!\\|))(?!\\s)' +
    `|(?<whole>(?<refname>${SIMPLENAME})(?<refend>__?)|\\[(?<fnlabel>[0-9]+|#(?:${SIMPLENAME})?|\\*|${SIMPLENAME})(?<fnend>\\]_))${SUFFIX}` +
    `|(?<role>(?::${SIMPLENAME}:)?)(?<backquote>\`(?!\`))(?!\\s)` +
    ')',
  'u',
);

const END = {
  emphasis: new RegExp(`(?<![\\s\\x00])(\\*)${SUFFIX}`, 'u'),
  strong: new RegExp(`(?<![\\s\\x00])(\\*\\*)${SUFFIX}`, 'u'),
  literal: new RegExp(`(?<!\\s)(\`\`)${SUFFIX}`, 'u'),
  target: new RegExp(`(?<![\\s\\x00])(\`)${SUFFIX}`, 'u'),
  substitution: new RegExp(`(?<![\\s\\x00])(\\|_{0,2})${SUFFIX}`, 'u'),
  interpreted: new RegExp(`(?<!(?<!\\x00)[\\s\\x00])(\`(?<suffix>(?<role>:${SIMPLENAME}:)?(?<refend>__?)?))${SUFFIX}`, 'u'),
};

const EMBEDDED = /(?:[ \n]+|^)<(?!\s)((?:[^<>]|\x00[<>])+)(?<![\s\x00])>$/u;

const URIC = "[-_.!~*'()\\[\\];/:@&=+$,%a-zA-Z0-9\\x00]";
const URI_END = `(?:[_~*/=+a-zA-Z0-9]|${URIC}(?=[>]))`;
const EMAILC = "[-_!~*'{|}/#?^`&=+$%a-zA-Z0-9\\x00]";
const STANDALONE = new RegExp(
  PREFIX +
    `(?<whole>(?<scheme>[a-zA-Z][a-zA-Z0-9.+-]*):(?:(?:\\/\\/?)?${URIC}*${URI_END})(?:\\?${URIC}*${URI_END})?(?:#${URIC}*${URI_END})?` +
    `|(?<email>${EMAILC}+(?:\\.${EMAILC}+)*(?<!\\x00)@${EMAILC}+(?:\\.${EMAILC}*)*${URI_END}))` +
    SUFFIX,
  'gu',
);

const PAIRS: Record<string, string> = {
  '(': ')', '[': ']', '{': '}', '<': '>', '"': '"', "'": "'",
  '\u201c': '\u201d', '\u2018': '\u2019', '\u00ab': '\u00bb', '\u2039': '\u203a', '\u201e': '\u201c', '\u201a': '\u2018',
};

/** docutils' escape2null: `\x` becomes NUL + x, so escaped characters are never markup. */
export function escape2null(text: string): string {
  return text.replace(/\\([\s\S]?)/g, '\x00$1');
}

/**
 * Text shown as text (not a link target or name), with its escapes left as smartquotes' marks:
 * an escaped quote, dash, dot or backquote is not educated, and the backslash's place still counts
 * as context, as in docutils' text nodes. educateHtml() (or inlineText()) restores the text.
 */
export function unescapeText(text: string): string {
  return text.includes('\x00') ? text.replace(/\x00([\s\S]?)/g, (_, c: string) => NUL_MARK + (ESCAPE_MARKS[c] ?? c)) : text;
}

/** docutils' unescape: drop NUL marks (and escaped whitespace), or turn them back into backslashes. */
export function unescape(text: string, restoreBackslashes = false): string {
  if (restoreBackslashes) return text.replace(/\x00/g, '\\');
  return text.replace(/\x00[ \n]?/g, '');
}

/** Parses inline markup. Problems become `problematic` nodes; `warn` is told about each. */
export function parseInline(text: string, warn?: (message: string) => void): Inline[] {
  const out: Inline[] = [];
  let remaining = escape2null(text);
  let pending = '';
  const problem = (raw: string, message: string) => {
    warn?.(message);
    return { t: 'problematic', raw: unescape(raw, true), message } as Inline;
  };
  while (remaining) {
    const m = INITIAL.exec(remaining);
    if (!m) break;
    const g = m.groups!;
    const s = remaining;
    let before: string;
    let nodes: Inline[] = [];
    let rest: string;
    if (g.start !== undefined || g.backquote !== undefined) {
      const isBack = g.backquote !== undefined;
      const startStr = isBack ? '`' : g.start!;
      const matchStart = m.index + (isBack ? (g.role ?? '').length : 0);
      const matchEnd = matchStart + startStr.length;
      const roleStart = m.index;
      const role = isBack && g.role ? g.role.slice(1, -1) : '';
      if (!role && quotedStart(s, m.index, m.index + m[0].length)) {
        pending += s.slice(0, matchEnd);
        remaining = s.slice(matchEnd);
        continue;
      }
      const after = s.slice(matchEnd);
      if (isBack) {
        const e = END.interpreted.exec(after);
        if (e && e.index > 0) {
          const textEnd = matchEnd + e.index + e[0].length;
          const escaped = after.slice(0, e.index);
          let endRole = e.groups!.role ? e.groups!.role.slice(1, -1) : '';
          const refend = e.groups!.refend ?? '';
          before = s.slice(0, roleStart);
          rest = s.slice(textEnd);
          if (role && endRole) {
            nodes = [problem(s.slice(roleStart, textEnd), 'Multiple roles in interpreted text (both prefix and suffix present; only one allowed).')];
          } else if (refend) {
            if (role || endRole) nodes = [problem(s.slice(roleStart, textEnd), 'Mismatch: both interpreted text role and reference suffix.')];
            else nodes = phraseRef(escaped, refend === '__', unescape(s.slice(roleStart, textEnd), true));
          } else {
            endRole = role || endRole;
            nodes = [{ t: 'role', role: endRole.toLowerCase(), text: escaped, raw: unescape(s.slice(roleStart, textEnd), true) }];
          }
        } else {
          before = s.slice(0, matchStart);
          nodes = [problem('`', 'Inline interpreted text or phrase reference start-string without end-string.')];
          rest = s.slice(matchEnd);
        }
      } else {
        const kind = startStr === '**' ? 'strong' : startStr === '*' ? 'emphasis' : startStr === '``' ? 'literal' : startStr === '_`' ? 'target' : 'substitution';
        const e = END[kind].exec(after);
        before = s.slice(0, matchStart);
        if (e && e.index > 0) {
          const inner = after.slice(0, e.index);
          const endStr = e[1];
          rest = after.slice(e.index + endStr.length);
          if (kind === 'literal') nodes = [{ t: 'literal', v: unescape(inner, true) }];
          else if (kind === 'emphasis' || kind === 'strong') nodes = [{ t: kind, v: unescapeText(inner) }];
          else if (kind === 'target') nodes = [{ t: 'target', text: unescape(inner), name: normalize(unescape(inner)) }];
          else nodes = [{ t: 'substitution', name: normalize(unescape(inner)), refend: endStr.slice(1), raw: unescape(s.slice(matchStart, matchEnd + e.index + endStr.length), true) }];
        } else {
          const label = { strong: 'strong', emphasis: 'emphasis', literal: 'literal', target: 'target', substitution: 'substitution_reference' }[kind];
          nodes = [problem(startStr, `Inline ${label} start-string without end-string.`)];
          rest = after;
        }
      }
    } else if (g.refend !== undefined) {
      before = s.slice(0, m.index);
      rest = s.slice(m.index + m[0].length);
      const name = unescape(g.refname!);
      const raw = name + g.refend;
      nodes = [g.refend === '__' ? { t: 'reference', text: name, anonymous: true, raw } : { t: 'reference', text: name, refname: normalize(name), raw }];
    } else {
      before = s.slice(0, m.index);
      rest = s.slice(m.index + m[0].length);
      const label = g.fnlabel!;
      nodes = [{ t: 'footnote_ref', label, citation: !/^([0-9]+|#.*|\*)$/.test(label) }];
    }
    pending += before;
    if (nodes.length) {
      implicit(pending, out);
      pending = '';
      out.push(...nodes);
    }
    remaining = rest;
  }
  implicit(pending + remaining, out);
  return out;
}

function normalize(name: string): string {
  return name.toLowerCase().split(/\s+/).filter(Boolean).join(' ');
}

function quotedStart(s: string, start: number, end: number): boolean {
  if (start === 0) return false;
  if (end >= s.length) return true;
  const pre = s[start - 1];
  const post = s[end];
  return PAIRS[pre] === post;
}

/** `text <uri>`_ , `text <name_>`_ or `name`_ (docutils phrase_ref). */
function phraseRef(escaped: string, anonymous: boolean, raw: string): Inline[] {
  const m = EMBEDDED.exec(escaped);
  if (!m) {
    const text = unescape(escaped);
    return [anonymous ? { t: 'reference', text, anonymous: true, raw } : { t: 'reference', text, refname: normalize(text), raw }];
  }
  const textPart = escaped.slice(0, m.index);
  const alias = m[1];
  const isName = alias.endsWith('_') && !alias.endsWith('\x00_') && !new RegExp(`^[a-zA-Z][a-zA-Z0-9.+-]*:`).test(alias);
  let text = unescape(textPart);
  if (isName) {
    const refname = normalize(unescape(alias.slice(0, -1)));
    if (!text) text = unescape(alias);
    return [{ t: 'reference', text, refname, raw, ...(anonymous ? {} : { defines: normalize(text) }) }];
  }
  const uri = unescape(alias.split(/\x00 /).map((p) => p.replace(/\s+/g, '')).join(' '));
  if (!text) text = uri;
  return [{ t: 'reference', text, refuri: uri, ...(anonymous ? {} : { defines: normalize(text) }) }];
}

/**
 * Text between inline objects: standalone URIs and email addresses become links, found as
 * docutils' implicit_inline does: the first match in the text, then the text before and after it
 * searched again on their own (so `^` of the start-string prefix matches at each piece's start).
 * A first match with a scheme docutils does not know leaves the whole piece plain text.
 */
function implicit(text: string, out: Inline[]): void {
  if (!text) return;
  STANDALONE.lastIndex = 0;
  const m = STANDALONE.exec(text);
  const g = m?.groups;
  if (!m || !g || (g.scheme && !URI_SCHEMES.has(g.scheme.toLowerCase()))) {
    pushText(out, unescapeText(text));
    return;
  }
  implicit(text.slice(0, m.index), out);
  const whole = unescape(g.whole);
  out.push({ t: 'reference', text: whole, refuri: g.email ? 'mailto:' + whole : whole });
  implicit(text.slice(m.index + m[0].length), out);
}

function pushText(out: Inline[], v: string): void {
  if (!v) return;
  const prev = out[out.length - 1];
  if (prev && prev.t === 'text') prev.v += v;
  else out.push({ t: 'text', v });
}

/** The text an inline list shows (for titles in navigation, ids and the page <title>). */
export function inlineText(nodes: Inline[]): string {
  return restoreEscapeMarks(inlineTextMarked(nodes));
}

function inlineTextMarked(nodes: Inline[]): string {
  return nodes
    .map((n) => {
      switch (n.t) {
        case 'text':
        case 'emphasis':
        case 'strong':
        case 'literal':
          return n.v;
        case 'reference':
        case 'target':
          return n.text;
        case 'role': {
          const t = unescape(n.text);
          const m = /^(.+?)\s*<(.*?)>$/s.exec(t);
          return m ? m[1] : t.replace(/^[~!]/, '');
        }
        case 'substitution':
          return n.raw;
        case 'footnote_ref':
          return `[${n.label}]`;
        case 'problematic':
          return n.raw;
      }
    })
    .join('');
}
