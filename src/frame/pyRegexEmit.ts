/**
 * A parsed Python pattern (pyRegexParse.ts) written out as JavaScript RegExp source WITHOUT the
 * `u` and `i` flags: V8's linear-time engine, which src/sandbox/regexGuard.ts falls back to on
 * catastrophic backtracking, runs neither (`new RegExp('(a+)+$', 'lu')` is refused as "cannot be
 * executed in linear time", as is 'li'). So Unicode classes are spelled out as explicit code-unit
 * classes (astral code points as surrogate pairs, never split), and IGNORECASE is already folded
 * into the sets by the parser.
 *
 * Variants of the same pattern, for different subjects:
 *  - 'unicode' is right for every subject. It needs lookaround for Python's Unicode `\b` / `\B`
 *    and, unless `jsLineBreaks` says the subject has no \r, U+2028 or U+2029 (where
 *    JavaScript's `m` flag also breaks lines), for MULTILINE `^` / `$`.
 *  - 'ascii' is right only for non-empty subjects of ASCII characters other than \r. Every set
 *    shrinks to its ASCII part, `\b` is JavaScript's own (ASCII) `\b`, MULTILINE uses the `m`
 *    flag: no lookaround, small classes, so the linear-time fallback applies and stays fast.
 * pyRegex.ts picks the variant for each subject.
 */
import { ASCII, intersect, isEmpty, pairsOf, size, subtract, type CodePointSet } from './codePointSet.js';
import { categorySet } from './pyRegexChars.js';
import type { ParsedRegex, RegexNode } from './pyRegexParse.js';

export type Variant = 'unicode' | 'ascii';

export interface EmitOptions {
  variant: Variant;
  /** Only whether it matches counts (not the span): a final `$` may consume its newline. */
  test: boolean;
  /** 'start': the match must begin at 0 (re.match); 'full': it must span the subject (re.fullmatch). */
  anchor?: 'start' | 'full';
  /** Matches will be iterated (replace, findall, split), so empty ones are looked for everywhere. */
  global?: boolean;
  /**
   * The subject has no \\r, U+2028 or U+2029, so JavaScript's `m` flag breaks lines where
   * Python's MULTILINE does (only at \\n) and can stand for it without lookaround.
   */
  jsLineBreaks?: boolean;
}

export interface EmittedRegex {
  source: string;
  /** JavaScript flags other than `g`. */
  flags: string;
}

/** Where a node stands: at the end of the whole pattern ('search', 'full') or not ('none'). */
type Tail = 'none' | 'search' | 'full';

const BMP_NON_SURROGATE: CodePointSet = [0, 0xd7ff, 0xe000, 0xffff];
const BMP: CodePointSet = [0, 0xffff];
const ASTRAL: CodePointSet = [0x10000, 0x10ffff];
const ANY = '[\\s\\S]';
/** Not between the two halves of a surrogate pair, where Python has no position. */
const NOT_MID_PAIR = '(?![\\udc00-\\udfff])';

function hex4(unit: number): string {
  return '\\u' + unit.toString(16).padStart(4, '0');
}

/** One code unit, inside or outside a class. */
function unitChar(unit: number): string {
  return /[0-9A-Za-z]/.test(String.fromCharCode(unit)) ? String.fromCharCode(unit) : hex4(unit);
}

function classBody(set: CodePointSet): string {
  return pairsOf(set)
    .map(([lo, hi]) => (lo === hi ? unitChar(lo) : hi === lo + 1 ? unitChar(lo) + unitChar(hi) : `${unitChar(lo)}-${unitChar(hi)}`))
    .join('');
}

/** A class of code units; over all of the BMP, negated when that is shorter. */
function unitClass(set: CodePointSet, wholeBmp = false): string {
  if (set.length === 2 && set[0] === set[1]) return unitChar(set[0]);
  const rest = wholeBmp ? subtract(BMP, set) : undefined;
  return rest && rest.length < set.length ? `[^${classBody(rest)}]` : `[${classBody(set)}]`;
}

/** The astral part of a set as `high[lows]` alternatives, high surrogates with equal lows merged. */
function astralAlternatives(set: CodePointSet): string[] {
  const lows = new Map<number, [number, number][]>();
  const add = (high: number, lo: number, hi: number) => {
    const list = lows.get(high) ?? [];
    list.push([lo, hi]);
    lows.set(high, list);
  };
  for (const [lo, hi] of pairsOf(set)) {
    const h1 = 0xd800 + ((lo - 0x10000) >> 10);
    const h2 = 0xd800 + ((hi - 0x10000) >> 10);
    const l1 = 0xdc00 + ((lo - 0x10000) & 0x3ff);
    const l2 = 0xdc00 + ((hi - 0x10000) & 0x3ff);
    if (h1 === h2) add(h1, l1, l2);
    else {
      add(h1, l1, 0xdfff);
      for (let h = h1 + 1; h < h2; h++) add(h, 0xdc00, 0xdfff);
      add(h2, 0xdc00, l2);
    }
  }
  const byLows = new Map<string, { highs: number[]; lows: CodePointSet }>();
  for (const [high, ranges] of lows) {
    const lowSet = ranges.flat();
    const key = lowSet.join(',');
    const entry = byLows.get(key) ?? { highs: [], lows: lowSet };
    entry.highs.push(high);
    byLows.set(key, entry);
  }
  return [...byLows.values()].map(({ highs, lows: lowSet }) => {
    const highSet: number[] = [];
    for (const h of highs) {
      if (highSet.length && highSet[highSet.length - 1] === h - 1) highSet[highSet.length - 1] = h;
      else highSet.push(h, h);
    }
    return unitClass(highSet) + unitClass(lowSet);
  });
}

const setCache = new Map<string, string>();

/** One code point from the set, as a single JavaScript atom (quantifiable as it stands). */
export function emitSet(set: CodePointSet, variant: Variant): string {
  if (variant === 'ascii') {
    const a = intersect(set, ASCII);
    if (isEmpty(a)) return '[]';
    if (size(a) === 1) return unitChar(a[0]);
    // The subject is ASCII, so the class may say anything about other code units.
    const rest = subtract(ASCII, a);
    return rest.length < a.length ? `[^${classBody(rest)}]` : `[${classBody(a)}]`;
  }
  if (set.length === 2 && set[0] === set[1]) {
    const cp = set[0];
    if (cp <= 0xffff) return unitChar(cp);
    const s = String.fromCodePoint(cp);
    return `(?:${hex4(s.charCodeAt(0))}${hex4(s.charCodeAt(1))})`;
  }
  const key = set.join(',');
  let out = setCache.get(key);
  if (out === undefined) {
    const parts: string[] = [];
    const bmp = intersect(set, BMP_NON_SURROGATE);
    // Lone surrogates never match: a class that took them could split a surrogate pair.
    if (!isEmpty(bmp)) parts.push(unitClass(bmp, true));
    parts.push(...astralAlternatives(intersect(set, ASTRAL)));
    out = parts.length === 0 ? '[]' : parts.length === 1 && !isEmpty(bmp) ? parts[0] : `(?:${parts.join('|')})`;
    if (setCache.size > 200) setCache.clear();
    setCache.set(key, out);
  }
  return out;
}

/**
 * Whether the translation depends on the subject: Unicode `\\b` / `\\B` (JavaScript's own are
 * exact for ASCII text) and MULTILINE `^` / `$` (JavaScript's `m` flag is exact without \\r,
 * U+2028, U+2029). Other patterns translate the same for every subject.
 */
export function subjectDependent(node: RegexNode): boolean {
  switch (node.kind) {
    case 'anchor':
      return ((node.at === 'boundary' || node.at === 'nonboundary') && !node.ascii) || (node.multiline && (node.at === 'bol' || node.at === 'eol'));
    case 'seq':
      return node.items.some(subjectDependent);
    case 'alt':
      return node.alts.some(subjectDependent);
    case 'group':
    case 'look':
    case 'repeat':
      return subjectDependent(node.body);
    default:
      return false;
  }
}

function usesMultilineAnchor(node: RegexNode): boolean {
  switch (node.kind) {
    case 'anchor':
      return node.multiline && (node.at === 'bol' || node.at === 'eol');
    case 'seq':
      return node.items.some(usesMultilineAnchor);
    case 'alt':
      return node.alts.some(usesMultilineAnchor);
    case 'group':
    case 'look':
    case 'repeat':
      return usesMultilineAnchor(node.body);
    default:
      return false;
  }
}

/**
 * The code point on one side of a `\\b`, as far as the neighbouring item tells: a word
 * character, a non-word one, or 'edge' (the start or end of the subject or a line, where there
 * is no word character but the subject may be empty).
 */
type Side = 'word' | 'nonword' | 'edge' | undefined;
interface Edges {
  before?: Side;
  after?: Side;
}

/** What the first or last code point an item matches is known to be. */
function sideOf(item: RegexNode | undefined, which: 'first' | 'last'): Side {
  if (!item) return undefined;
  switch (item.kind) {
    case 'chars': {
      const word = categorySet('w', false);
      if (isEmpty(subtract(item.set, word))) return 'word';
      if (isEmpty(intersect(item.set, word))) return 'nonword';
      return undefined;
    }
    case 'repeat':
      return item.min >= 1 ? sideOf(item.body, which) : undefined;
    case 'group':
      return sideOf(item.body, which);
    case 'seq':
      return sideOf(which === 'first' ? item.items[0] : item.items[item.items.length - 1], which);
    case 'anchor':
      // Before a `\\b`, ^ and \\A leave nothing or a newline; after it, $ and \\Z do.
      if (which === 'last') return item.at === 'start' || item.at === 'bol' ? 'edge' : undefined;
      return item.at === 'end' || item.at === 'eol' ? 'edge' : undefined;
    default:
      return undefined;
  }
}

/** Whether the node can match the empty string. */
function nullable(node: RegexNode): boolean {
  switch (node.kind) {
    case 'chars':
      return false;
    case 'seq':
      return node.items.every(nullable);
    case 'alt':
      return node.alts.some(nullable);
    case 'group':
      return nullable(node.body);
    case 'repeat':
      return node.min === 0 || nullable(node.body);
    default:
      return true;
  }
}

class Emitter {
  /** JavaScript's `m` flag is on (MULTILINE anchors, subject without other line breaks). */
  readonly jsMultiline: boolean;

  constructor(
    private readonly opts: EmitOptions,
    root: RegexNode,
  ) {
    this.jsMultiline = (opts.variant === 'ascii' || opts.jsLineBreaks === true) && usesMultilineAnchor(root);
  }

  private get start(): string {
    return this.jsMultiline ? `(?<!${ANY})` : '^';
  }

  private get end(): string {
    return this.jsMultiline ? `(?!${ANY})` : '$';
  }

  private word(): string {
    return emitSet(categorySet('w', false), 'unicode');
  }

  /** `edges`: what is known of the code points just outside the node (for `\\b`). */
  node(node: RegexNode, tail: Tail, edges: Edges = {}): string {
    switch (node.kind) {
      case 'chars':
        return emitSet(node.set, this.opts.variant);
      case 'seq':
        return node.items
          .map((item, i) => {
            const last = i === node.items.length - 1;
            const before = i === 0 ? edges.before : sideOf(node.items[i - 1], 'last');
            const after = last ? edges.after : sideOf(node.items[i + 1], 'first');
            return this.node(item, last ? tail : 'none', { before, after });
          })
          .join('');
      case 'alt':
        return node.alts.map((a) => this.node(a, tail, edges)).join('|');
      case 'group': {
        const open = node.index === null ? '(?:' : node.name !== undefined ? `(?<${node.name}>` : '(';
        return open + this.node(node.body, tail, edges) + ')';
      }
      case 'look':
        return `(?${node.behind ? '<' : ''}${node.negate ? '!' : '='}${this.node(node.body, 'none')})`;
      case 'repeat': {
        let body = this.node(node.body, 'none');
        if (node.body.kind === 'look') body = `(?:${body})`;
        const inf = node.max >= 4294967295;
        const q = node.min === 0 && inf ? '*' : node.min === 1 && inf ? '+' : node.min === 0 && node.max === 1 ? '?' : inf ? `{${node.min},}` : node.min === node.max ? `{${node.min}}` : `{${node.min},${node.max}}`;
        return body + q + (node.lazy ? '?' : '');
      }
      case 'backref':
        return `(?:\\${node.index})`;
      case 'anchor':
        return this.anchor(node, tail, edges);
    }
  }

  private anchor(node: Extract<RegexNode, { kind: 'anchor' }>, tail: Tail, edges: Edges): string {
    switch (node.at) {
      case 'start':
        return this.start;
      case 'end':
        // Right before fullmatch's own end check, \Z and $ are always true.
        return tail === 'full' ? '' : this.end;
      case 'bol':
        if (!node.multiline) return this.start;
        return this.jsMultiline ? '^' : '(?<![^\\n])';
      case 'eol':
        if (tail === 'full') return '';
        if (node.multiline) return this.jsMultiline ? '$' : '(?![^\\n])';
        // Python's $ also matches before a newline that ends the string. When nothing follows
        // and only the match's existence counts, consuming that newline says the same without
        // lookaround.
        return tail === 'search' ? '\\n?' + this.end : `(?=\\n?${this.end})`;
      case 'boundary': {
        if (this.opts.variant === 'ascii' || node.ascii) return '\\b';
        // A side the neighbouring item settles needs no lookaround: `\\bau\\b` is
        // `(?<!\\w)au(?!\\w)`, far cheaper than testing both sides at every position.
        const before = edges.before === 'edge' ? 'nonword' : edges.before;
        const after = edges.after === 'edge' ? 'nonword' : edges.after;
        const w = this.word();
        if (before && after) return before !== after ? '' : '[]';
        if (before) return before === 'word' ? `(?!${w})` : `(?=${w})`;
        if (after) return after === 'word' ? `(?<!${w})` : `(?<=${w})`;
        return `(?:(?<=${w})(?!${w})|(?<!${w})(?=${w}))`;
      }
      case 'nonboundary': {
        // Python's \B never matches in an empty string (the ascii variant never sees one).
        if (this.opts.variant === 'ascii') return '\\B';
        if (node.ascii) return `(?:(?<=${ANY})|(?=${ANY}))${NOT_MID_PAIR}\\B`;
        // A consumed neighbour also rules out the empty string and the middle of a pair.
        const before = edges.before === 'edge' ? undefined : edges.before;
        const after = edges.after === 'edge' ? undefined : edges.after;
        const w = this.word();
        if (before && after) return before === after ? '' : '[]';
        if (before) return before === 'word' ? `(?=${w})` : `(?!${w})`;
        if (after) return after === 'word' ? `(?<=${w})` : `(?<!${w})`;
        return `(?:(?<=${w})(?=${w})|(?<!${w})(?!${w})${NOT_MID_PAIR}(?:(?<=${ANY})|(?=${ANY})))`;
      }
    }
  }

  root(root: RegexNode): string {
    const { anchor, test } = this.opts;
    if (anchor === 'full') return `${this.start}(?:${this.node(root, 'full', { before: 'edge', after: 'edge' })})${this.end}`;
    if (anchor === 'start') return `${this.start}(?:${this.node(root, test ? 'search' : 'none', { before: 'edge' })})`;
    const body = this.node(root, test ? 'search' : 'none');
    // Iterating, JavaScript steps one code unit past an empty match, into a surrogate pair; only
    // a pattern that can match empty can match there (its sets never take half a pair).
    if (this.opts.global && this.opts.variant === 'unicode' && nullable(root)) return `${NOT_MID_PAIR}(?:${body})`;
    return body;
  }
}

export function emitRegex(parsed: ParsedRegex, opts: EmitOptions): EmittedRegex {
  const emitter = new Emitter(opts, parsed.root);
  const source = emitter.root(parsed.root);
  let flags = emitter.jsMultiline ? 'm' : '';
  // A backreference compares text, which only JavaScript's `i` can make case-blind; patterns
  // with backreferences lose the linear-time fallback anyway.
  if (parsed.ignoreCaseBackrefs) flags += 'i';
  return { source, flags };
}
