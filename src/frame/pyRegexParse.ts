/**
 * Python `re` pattern syntax (3.11's re/_parser.py, str patterns) parsed into a small tree whose
 * character matchers are already resolved to code-point sets under the flags in force where they
 * stand: `\w` is Unicode unless re.ASCII, IGNORECASE is folded into the sets, `.` knows DOTALL.
 * The emitter (pyRegexEmit.ts) then writes JavaScript without the `u` and `i` flags, which V8's
 * linear-time engine cannot run. Errors are Python's messages ("nothing to repeat at position
 * 0") as DT208; Python features JavaScript cannot express (conditionals, atomic groups,
 * possessive quantifiers, \N{name}) are DT212.
 */
import { DftablesError } from '../errors.js';
import { ALL, complement, single, union, type CodePointSet } from './codePointSet.js';
import { categorySet, foldClass, foldLiteral, type Category } from './pyRegexChars.js';

export const RE_IGNORECASE = 2;
export const RE_LOCALE = 4;
export const RE_MULTILINE = 8;
export const RE_DOTALL = 16;
export const RE_UNICODE = 32;
export const RE_VERBOSE = 64;
export const RE_ASCII = 256;
const TYPE_FLAGS = RE_ASCII | RE_LOCALE | RE_UNICODE;
const FLAG_LETTERS: Record<string, number> = { i: RE_IGNORECASE, L: RE_LOCALE, m: RE_MULTILINE, s: RE_DOTALL, x: RE_VERBOSE, a: RE_ASCII, t: 1, u: RE_UNICODE };
const MAXREPEAT = 4294967295;

export type Anchor = 'bol' | 'eol' | 'start' | 'end' | 'boundary' | 'nonboundary';

export type RegexNode =
  /** One code point from the set. */
  | { kind: 'chars'; set: CodePointSet }
  | { kind: 'seq'; items: RegexNode[] }
  | { kind: 'alt'; alts: RegexNode[] }
  /** A capturing group (index, optional name) or a non-capturing one (index null). */
  | { kind: 'group'; index: number | null; name?: string; body: RegexNode }
  | { kind: 'look'; behind: boolean; negate: boolean; body: RegexNode }
  | { kind: 'repeat'; min: number; max: number; lazy: boolean; body: RegexNode }
  /** multiline and ascii are the flags in force at the anchor (scoped flags can change them). */
  | { kind: 'anchor'; at: Anchor; multiline: boolean; ascii: boolean }
  | { kind: 'backref'; index: number };

export interface ParsedRegex {
  root: RegexNode;
  /** Global flags after leading inline flags, in Python's bits. */
  flags: number;
  groups: number;
  /** A backreference stands where IGNORECASE is in force. */
  ignoreCaseBackrefs: boolean;
}

/** re.error as a dftables diagnostic; `at` is a code-point offset like Python's. */
function reError(msg: string, at?: number): DftablesError {
  return new DftablesError('DT208', at === undefined ? msg : `${msg} at position ${at}`);
}

function unsupported(what: string): DftablesError {
  return new DftablesError('DT212', `${what} in regular expressions are not supported by dftables`);
}

const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';
const isOctal = (c: string | undefined) => c !== undefined && c >= '0' && c <= '7';
const isHex = (c: string | undefined) => c !== undefined && /^[0-9a-fA-F]$/.test(c);
const isAsciiLetter = (c: string) => /^[A-Za-z]$/.test(c);
const WHITESPACE = new Set([' ', '\t', '\n', '\r', '\v', '\f']);
const ESCAPES: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };
const CATEGORY_LETTERS = new Set(['d', 'D', 's', 'S', 'w', 'W']);

/** re/_parser.py's Tokenizer: tokens are one code point, or a backslash and the next one. */
class Source {
  readonly chars: string[];
  index = 0;
  next: string | undefined;
  /** The next token's length in code points (2 for an escape). */
  private nextLen = 0;

  constructor(pattern: string) {
    this.chars = [...pattern];
    this.advance();
  }

  private advance(): void {
    let i = this.index;
    const ch = this.chars[i];
    if (ch === undefined) {
      this.next = undefined;
      this.nextLen = 0;
      return;
    }
    if (ch === '\\') {
      i++;
      if (this.chars[i] === undefined) throw reError('bad escape (end of pattern)', this.chars.length - 1);
      this.next = ch + this.chars[i];
    } else this.next = ch;
    this.nextLen = i + 1 - this.index;
    this.index = i + 1;
  }

  get(): string | undefined {
    const t = this.next;
    this.advance();
    return t;
  }

  match(c: string): boolean {
    if (this.next !== c) return false;
    this.advance();
    return true;
  }

  /** Up to n tokens from the set (all single characters). */
  getWhile(n: number, ok: (c: string | undefined) => boolean): string {
    let out = '';
    for (let i = 0; i < n && this.next !== undefined && this.next.length === 1 && ok(this.next); i++) out += this.get();
    return out;
  }

  getUntil(terminator: string, what: string): string {
    let out = '';
    for (;;) {
      const c = this.next;
      this.advance();
      if (c === undefined) {
        if (!out) throw reError(`missing ${what}`, this.tell());
        throw reError(`missing ${terminator}, unterminated name`, this.tell() - out.length);
      }
      if (c === terminator) {
        if (!out) throw reError(`missing ${what}`, this.tell() - 1);
        return out;
      }
      out += c;
    }
  }

  /** Position of the next token, in code points. */
  tell(): number {
    return this.index - this.nextLen;
  }

  seek(index: number): void {
    this.index = index;
    this.advance();
  }
}

type ClassItem = { kind: 'range'; lo: number; hi: number } | { kind: 'category'; cat: Category };

class Parser {
  private readonly src: Source;
  flags: number;
  private groupCount = 1;
  /** Closed groups' (min, max) widths, for backreferences inside lookbehinds. */
  private readonly widths = new Map<number, [number, number]>();
  private readonly names = new Map<string, number>();
  private lookbehindGroups: number | undefined;
  ignoreCaseBackrefs = false;

  constructor(pattern: string, flags: number) {
    this.src = new Source(pattern);
    this.flags = flags;
  }

  parse(): RegexNode {
    const root = this.parseSub(this.flags, true);
    if (this.src.next !== undefined) throw reError('unbalanced parenthesis', this.src.tell());
    if (this.flags & RE_LOCALE) throw reError('cannot use LOCALE flag with a str pattern');
    if (this.flags & RE_ASCII && this.flags & RE_UNICODE) throw reError('ASCII and UNICODE flags are incompatible');
    return root;
  }

  get groups(): number {
    return this.groupCount - 1;
  }

  /** Alternatives up to ')' or the end. */
  private parseSub(flags: number, first = false): RegexNode {
    const alts: RegexNode[] = [];
    for (;;) {
      alts.push(this.parseSeq(flags, first && alts.length === 0));
      // Leading global flags change the flags of everything after them.
      if (first) flags = this.flags;
      if (!this.src.match('|')) break;
    }
    return alts.length === 1 ? alts[0] : { kind: 'alt', alts };
  }

  private parseSeq(flagsIn: number, first: boolean): RegexNode {
    let flags = flagsIn;
    const items: RegexNode[] = [];
    const src = this.src;
    for (;;) {
      const c = src.next;
      if (c === undefined || c === '|' || c === ')') break;
      const here = src.tell();
      src.get();
      if (flags & RE_VERBOSE) {
        if (WHITESPACE.has(c)) continue;
        if (c === '#') {
          for (let t = src.get(); t !== undefined && t !== '\n'; t = src.get());
          continue;
        }
      }
      if (c[0] === '\\') items.push(this.escape(c, flags, here));
      else if (c === '[') items.push(this.charClass(flags, here));
      else if (c === '*' || c === '+' || c === '?' || c === '{') {
        if (!this.repeat(c, items, here)) items.push(this.literal(c.codePointAt(0)!, flags));
      } else if (c === '.') items.push({ kind: 'chars', set: flags & RE_DOTALL ? ALL : complement(single(10)) });
      else if (c === '^') items.push(this.anchor('bol', flags));
      else if (c === '$') items.push(this.anchor('eol', flags));
      else if (c === '(') {
        const node = this.group(flags, here, first && items.length === 0);
        if (node === 'global-flags') {
          flags = this.flags;
          continue;
        }
        if (node) items.push(node);
      } else items.push(this.literal(c.codePointAt(0)!, flags));
    }
    return items.length === 1 ? items[0] : { kind: 'seq', items };
  }

  private anchor(at: Anchor, flags: number): RegexNode {
    return { kind: 'anchor', at, multiline: (flags & RE_MULTILINE) !== 0, ascii: (flags & RE_ASCII) !== 0 };
  }

  private literal(cp: number, flags: number): RegexNode {
    return { kind: 'chars', set: flags & RE_IGNORECASE ? foldLiteral(cp, (flags & RE_ASCII) !== 0) : single(cp) };
  }

  /** Quantifiers apply to the last item; returns false when '{' turns out to be a literal. */
  private repeat(c: string, items: RegexNode[], here: number): boolean {
    const src = this.src;
    let min: number;
    let max: number;
    if (c === '?') [min, max] = [0, 1];
    else if (c === '*') [min, max] = [0, MAXREPEAT];
    else if (c === '+') [min, max] = [1, MAXREPEAT];
    else {
      if (src.next === '}') return false;
      const start = src.tell();
      let lo = '';
      let hi = '';
      while (isDigit(src.next)) lo += src.get();
      if (src.match(',')) while (isDigit(src.next)) hi += src.get();
      else hi = lo;
      if (!src.match('}')) {
        src.seek(start);
        return false;
      }
      min = lo ? Number(lo) : 0;
      max = hi ? Number(hi) : MAXREPEAT;
      if (min >= MAXREPEAT || (hi && max >= MAXREPEAT)) throw new DftablesError('DT208', 'the repetition number is too large');
      if (max < min) throw reError('min repeat greater than max repeat', here + 1);
    }
    const item = items[items.length - 1];
    if (!item || item.kind === 'anchor') throw reError('nothing to repeat', here);
    if (item.kind === 'repeat') throw reError('multiple repeat', here);
    let lazy = false;
    if (src.match('?')) lazy = true;
    else if (src.next === '+') throw unsupported('Possessive quantifiers (*+, ++, ?+, {m,n}+)');
    items[items.length - 1] = { kind: 'repeat', min, max, lazy, body: item };
    return true;
  }

  private escape(token: string, flags: number, here: number): RegexNode {
    const c = token.slice(1);
    const ascii = (flags & RE_ASCII) !== 0;
    if (c === 'A') return this.anchor('start', flags);
    if (c === 'Z') return this.anchor('end', flags);
    if (c === 'b') return this.anchor('boundary', flags);
    if (c === 'B') return this.anchor('nonboundary', flags);
    if (CATEGORY_LETTERS.has(c)) return { kind: 'chars', set: categorySet(c as Category, ascii) };
    if (c in ESCAPES) return this.literal(ESCAPES[c], flags);
    const src = this.src;
    if (c === '0') return this.literal(parseInt('0' + src.getWhile(2, isOctal), 8), flags);
    if (isDigit(c)) {
      let digits = c;
      if (isDigit(src.next)) {
        digits += src.get();
        if (isOctal(digits[0]) && isOctal(digits[1]) && isOctal(src.next)) {
          digits += src.get();
          const v = parseInt(digits, 8);
          if (v > 0o377) throw reError(`octal escape value \\${digits} outside of range 0-0o377`, here);
          return this.literal(v, flags);
        }
      }
      const group = Number(digits);
      if (group < this.groupCount) {
        if (!this.widths.has(group)) throw reError('cannot refer to an open group', here);
        this.checkLookbehindGroup(group, here);
        if (flags & RE_IGNORECASE) this.ignoreCaseBackrefs = true;
        return { kind: 'backref', index: group };
      }
      throw reError(`invalid group reference ${group}`, here + 1);
    }
    const cp = this.codeEscape(token, here);
    if (cp !== undefined) return this.literal(cp, flags);
    if (isAsciiLetter(c)) throw reError(`bad escape ${token}`, here);
    return this.literal(c.codePointAt(0)!, flags);
  }

  /** \xhh, \uhhhh, \Uhhhhhhhh and \N{...}, shared by patterns and classes. */
  private codeEscape(token: string, here: number): number | undefined {
    const c = token.slice(1);
    const width = c === 'x' ? 2 : c === 'u' ? 4 : c === 'U' ? 8 : 0;
    if (width) {
      const hex = this.src.getWhile(width, isHex);
      if (hex.length !== width) throw reError(`incomplete escape ${token}${hex}`, here);
      const cp = parseInt(hex, 16);
      if (cp > 0x10ffff) throw reError(`bad escape ${token}${hex}`, here);
      return cp;
    }
    if (c === 'N') throw unsupported('Named characters (\\N{...})');
    return undefined;
  }

  private charClass(flags: number, here: number): RegexNode {
    const src = this.src;
    const items: ClassItem[] = [];
    const negate = src.match('^');
    for (;;) {
      const t = src.get();
      if (t === undefined) throw reError('unterminated character set', here);
      if (t === ']' && items.length) break;
      const start = src.tell() - (t[0] === '\\' ? 2 : 1);
      let item1 = t[0] === '\\' ? this.classEscape(t, start) : ({ kind: 'range', lo: t.codePointAt(0)!, hi: t.codePointAt(0)! } as ClassItem);
      if (src.match('-')) {
        const that = src.get();
        if (that === undefined) throw reError('unterminated character set', here);
        if (that === ']') {
          items.push(item1, { kind: 'range', lo: 45, hi: 45 });
          break;
        }
        const item2 = that[0] === '\\' ? this.classEscape(that, src.tell() - 2) : ({ kind: 'range', lo: that.codePointAt(0)!, hi: that.codePointAt(0)! } as ClassItem);
        if (item1.kind !== 'range' || item2.kind !== 'range' || item2.lo < item1.lo) throw reError(`bad character range ${t}-${that}`, start);
        item1 = { kind: 'range', lo: item1.lo, hi: item2.lo };
      }
      items.push(item1);
    }
    const ascii = (flags & RE_ASCII) !== 0;
    const members = union(...items.filter((i) => i.kind === 'range').map((i) => [i.lo, i.hi]));
    const categories = union(...items.filter((i) => i.kind === 'category').map((i) => categorySet(i.cat, ascii)));
    const onlyLiteral = items.every((i) => i.kind === 'range' && i.lo === i.hi) && members.length === 2 && members[0] === members[1];
    let set: CodePointSet;
    // sre_parse turns a one-literal class into LITERAL / NOT_LITERAL, which fold as literals.
    if (!(flags & RE_IGNORECASE)) set = union(members, categories);
    else if (onlyLiteral) set = foldLiteral(members[0], ascii);
    else set = foldClass(members, categories, ascii);
    return { kind: 'chars', set: negate ? complement(set) : set };
  }

  private classEscape(token: string, here: number): ClassItem {
    const c = token.slice(1);
    if (c in ESCAPES) return { kind: 'range', lo: ESCAPES[c], hi: ESCAPES[c] };
    if (CATEGORY_LETTERS.has(c)) return { kind: 'category', cat: c as Category };
    const cp = this.codeEscape(token, here);
    if (cp !== undefined) return { kind: 'range', lo: cp, hi: cp };
    if (isOctal(c)) {
      const digits = c + this.src.getWhile(2, isOctal);
      const v = parseInt(digits, 8);
      if (v > 0o377) throw reError(`octal escape value \\${digits} outside of range 0-0o377`, here);
      return { kind: 'range', lo: v, hi: v };
    }
    if (isDigit(c) || isAsciiLetter(c)) throw reError(`bad escape ${token}`, here);
    const v = c.codePointAt(0)!;
    return { kind: 'range', lo: v, hi: v };
  }

  private checkLookbehindGroup(group: number, here: number): void {
    if (this.lookbehindGroups !== undefined && group >= this.lookbehindGroups) throw reError('cannot refer to group defined in the same lookbehind subpattern', here);
  }

  /** After '(': a group, an assertion, a comment (null), or leading global flags. */
  private group(flags: number, start: number, first: boolean): RegexNode | null | 'global-flags' {
    const src = this.src;
    let capture = true;
    let name: string | undefined;
    let subFlags = flags;
    if (src.match('?')) {
      const char = src.get();
      if (char === undefined) throw reError('unexpected end of pattern', src.tell());
      if (char === 'P') {
        if (src.match('<')) {
          name = src.getUntil('>', 'group name');
          this.checkGroupName(name, src.tell() - name.length - 1);
        } else if (src.match('=')) {
          const ref = src.getUntil(')', 'group name');
          const at = src.tell() - ref.length - 1;
          this.checkGroupName(ref, at);
          const gid = this.names.get(ref);
          if (gid === undefined) throw reError(`unknown group name '${ref}'`, at);
          if (!this.widths.has(gid)) throw reError('cannot refer to an open group', at);
          this.checkLookbehindGroup(gid, at);
          if (flags & RE_IGNORECASE) this.ignoreCaseBackrefs = true;
          return { kind: 'backref', index: gid };
        } else {
          const next = src.get();
          if (next === undefined) throw reError('unexpected end of pattern', src.tell());
          throw reError(`unknown extension ?P${next}`, src.tell() - next.length - 2);
        }
      } else if (char === ':') capture = false;
      else if (char === '#') {
        for (;;) {
          if (src.next === undefined) throw reError('missing ), unterminated comment', start);
          if (src.get() === ')') return null;
        }
      } else if (char === '=' || char === '!' || char === '<') {
        let kind = char;
        let behind = false;
        if (char === '<') {
          const d = src.get();
          if (d === undefined) throw reError('unexpected end of pattern', src.tell());
          if (d !== '=' && d !== '!') throw reError(`unknown extension ?<${d}`, src.tell() - d.length - 2);
          kind = d;
          behind = true;
        }
        const outer = this.lookbehindGroups;
        if (behind && outer === undefined) this.lookbehindGroups = this.groupCount;
        const body = this.parseSub(flags);
        if (behind && outer === undefined) this.lookbehindGroups = undefined;
        if (!src.match(')')) throw reError('missing ), unterminated subpattern', start);
        if (behind) {
          const [lo, hi] = this.width(body);
          if (lo !== hi) throw reError('look-behind requires fixed-width pattern');
        }
        return { kind: 'look', behind, negate: kind === '!', body };
      } else if (char === '(') throw unsupported('Conditional groups (?(id)yes|no)');
      else if (char === '>') throw unsupported('Atomic groups (?>...)');
      else if (char in FLAG_LETTERS || char === '-') {
        const scoped = this.inlineFlags(char);
        if (!scoped) {
          if (!first) throw reError('global flags not at the start of the expression', start);
          return 'global-flags';
        }
        subFlags = (flags | scoped.add) & ~scoped.del;
        capture = false;
      } else throw reError(`unknown extension ?${char}`, src.tell() - char.length - 1);
    }
    let index: number | null = null;
    if (capture) {
      index = this.groupCount++;
      if (name !== undefined) {
        const was = this.names.get(name);
        if (was !== undefined) throw reError(`redefinition of group name '${name}' as group ${index}; was group ${was}`, src.tell() - name.length - 1);
        this.names.set(name, index);
      }
    }
    const body = this.parseSub(subFlags);
    if (!src.match(')')) throw reError('missing ), unterminated subpattern', start);
    if (index !== null) this.widths.set(index, this.width(body));
    return { kind: 'group', index, ...(name !== undefined ? { name } : {}), body };
  }

  private checkGroupName(name: string, at: number): void {
    // Python's str.isidentifier(); JavaScript group names accept the same letters.
    if (!/^[\p{ID_Start}_][\p{ID_Continue}]*$/u.test(name)) throw reError(`bad character in group name '${name}'`, at);
  }

  /** (?aiLmsux) (returns null, the flags now global) or (?aiLmsux-imsx: (returns the change). */
  private inlineFlags(first: string): { add: number; del: number } | null {
    const src = this.src;
    let add = 0;
    let del = 0;
    let char: string | undefined = first;
    if (char !== '-') {
      for (;;) {
        if (char === 'L') throw reError("bad inline flags: cannot use 'L' flag with a str pattern", src.tell());
        const flag = FLAG_LETTERS[char!];
        add |= flag;
        if (flag & TYPE_FLAGS && (add & TYPE_FLAGS) !== flag) throw reError("bad inline flags: flags 'a', 'u' and 'L' are incompatible", src.tell());
        char = src.get();
        if (char === undefined) throw reError('missing -, : or )', src.tell());
        if (char === ')' || char === '-' || char === ':') break;
        if (!(char in FLAG_LETTERS)) throw reError(/\p{L}/u.test(char) ? 'unknown flag' : 'missing -, : or )', src.tell() - 1);
      }
    }
    if (char === ')') {
      this.flags |= add;
      return null;
    }
    if (char === '-') {
      char = src.get();
      if (char === undefined) throw reError('missing flag', src.tell());
      if (!(char in FLAG_LETTERS)) throw reError(/\p{L}/u.test(char) ? 'unknown flag' : 'missing flag', src.tell() - 1);
      for (;;) {
        const flag = FLAG_LETTERS[char!];
        if (flag & TYPE_FLAGS) throw reError("bad inline flags: cannot turn off flags 'a', 'u' and 'L'", src.tell());
        del |= flag;
        char = src.get();
        if (char === undefined) throw reError('missing :', src.tell());
        if (char === ':') break;
        if (!(char in FLAG_LETTERS)) throw reError(/\p{L}/u.test(char) ? 'unknown flag' : 'missing :', src.tell() - 1);
      }
    }
    if (add & del) throw reError('bad inline flags: flag turned on and off', src.tell() - 1);
    return { add, del };
  }

  /** SubPattern.getwidth(): the (min, max) number of code points a node matches. */
  private width(node: RegexNode): [number, number] {
    switch (node.kind) {
      case 'chars':
        return [1, 1];
      case 'seq': {
        let lo = 0;
        let hi = 0;
        for (const item of node.items) {
          const [l, h] = this.width(item);
          lo += l;
          hi += h;
        }
        return [Math.min(lo, MAXREPEAT - 1), Math.min(hi, MAXREPEAT)];
      }
      case 'alt': {
        const ws = node.alts.map((a) => this.width(a));
        return [Math.min(...ws.map((w) => w[0])), Math.max(...ws.map((w) => w[1]))];
      }
      case 'group':
        return this.width(node.body);
      case 'repeat': {
        const [l, h] = this.width(node.body);
        return [Math.min(l * node.min, MAXREPEAT - 1), Math.min(h * node.max, MAXREPEAT)];
      }
      case 'backref':
        return this.widths.get(node.index) ?? [0, 0];
      default:
        return [0, 0];
    }
  }
}

export function parsePyRegex(pattern: string, flags: number): ParsedRegex {
  const parser = new Parser(pattern, flags);
  const root = parser.parse();
  return { root, flags: parser.flags, groups: parser.groups, ignoreCaseBackrefs: parser.ignoreCaseBackrefs };
}
