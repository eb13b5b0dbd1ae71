/**
 * Methods of str, with Python's semantics: whitespace is Python's (str.isspace), indices count
 * code points, split() without a separator splits on runs of whitespace, title() and
 * capitalize() as in Python 3.8+, format via strFormat.
 */
import { DftablesError } from '../errors.js';
import { bindArgs, noKwargs, type MethodImpl } from './callables.js';
import { strFormat, type StrFormatHooks } from './strFormat.js';
import { PyDict, PyList, PyTuple, PyTypeError, typeName, type CallSite, type Kwargs, type PyValue, type Runtime } from './values.js';
import { codePoints, collect, sizeError, strLength } from './iteration.js';
import { forbiddenNameMessage } from './forbidden.js';

/** What str.format needs from the interpreter to reach into objects ('{0.attr}', '{0[key]}'). */
export interface AttrAccess {
  getAttribute(obj: PyValue, name: string, site: CallSite): PyValue;
  getItemOf(obj: PyValue, key: PyValue, site: CallSite): PyValue;
}

function formatHooks(rt: Runtime, site: CallSite): StrFormatHooks {
  const access = rt as Runtime & Partial<AttrAccess>;
  return {
    getAttr(obj, name) {
      const forbidden = forbiddenNameMessage(name);
      if (forbidden || name === '_') throw new DftablesError('DT302', forbidden ?? `attribute '${name}' is not available in df-table code`);
      if (!access.getAttribute) throw new DftablesError('DT202', `'${typeName(obj)}' object has no attribute '${name}'`);
      return access.getAttribute(obj, name, site);
    },
    getItem(obj, key) {
      if (!access.getItemOf) throw new PyTypeError(`'${typeName(obj)}' object is not subscriptable`);
      return access.getItemOf(obj, key, site);
    },
  };
}

// Python's str.isspace() characters.
const WS = '\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';
const WS_SET = new Set(WS);
const LINE_BREAKS = new Set(['\n', '\r', '\v', '\f', '\x1c', '\x1d', '\x1e', '\x85', '\u2028', '\u2029']);

function isSpace(c: string): boolean {
  return WS_SET.has(c);
}

/** str.strip() with no argument: Python's whitespace, not JS's (which includes U+FEFF). */
export function pyStrip(s: string): string {
  return stripChars(s, null, true, true);
}

function str(v: PyValue | undefined, fname: string, what = 'argument'): string {
  if (typeof v !== 'string') throw new PyTypeError(`${fname}() ${what} must be str, not ${typeName(v ?? null)}`);
  return v;
}

function optStr(v: PyValue | undefined, fname: string): string | null {
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw new PyTypeError(`${fname} arg must be None or str`);
  return v;
}

function int(v: PyValue | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw new PyTypeError(`'${typeName(v)}' object cannot be interpreted as an integer`);
}

/** Slice bounds start/end (code points, None allowed) clamped as Python's str methods do. */
function bounds(s: string[], start: PyValue | undefined, end: PyValue | undefined): [number, number] {
  const n = s.length;
  const conv = (v: PyValue | undefined, d: number): number => {
    if (v === undefined || v === null) return d;
    let i = int(v, d);
    if (i < 0) i = Math.max(0, i + n);
    return Math.min(i, n);
  };
  return [conv(start, 0), conv(end, n)];
}

function stripChars(s: string, chars: string | null, left: boolean, right: boolean): string {
  const cps = codePoints(s);
  const set = chars === null ? null : new Set(codePoints(chars));
  const drop = (c: string): boolean => (set ? set.has(c) : isSpace(c));
  let i = 0;
  let j = cps.length;
  if (left) while (i < j && drop(cps[i])) i++;
  if (right) while (j > i && drop(cps[j - 1])) j--;
  return cps.slice(i, j).join('');
}

function splitWhitespace(s: string, maxsplit: number): string[] {
  const out: string[] = [];
  const cps = codePoints(s);
  let i = 0;
  const n = cps.length;
  while (i < n) {
    while (i < n && isSpace(cps[i])) i++;
    if (i >= n) break;
    if (maxsplit >= 0 && out.length === maxsplit) {
      let j = n;
      while (j > i && isSpace(cps[j - 1])) j--;
      out.push(cps.slice(i, j).join(''));
      return out;
    }
    let j = i;
    while (j < n && !isSpace(cps[j])) j++;
    out.push(cps.slice(i, j).join(''));
    i = j;
  }
  return out;
}

function rsplitWhitespace(s: string, maxsplit: number): string[] {
  const out: string[] = [];
  const cps = codePoints(s);
  let j = cps.length;
  while (j > 0) {
    while (j > 0 && isSpace(cps[j - 1])) j--;
    if (j <= 0) break;
    if (maxsplit >= 0 && out.length === maxsplit) {
      let i = 0;
      while (i < j && isSpace(cps[i])) i++;
      out.push(cps.slice(i, j).join(''));
      break;
    }
    let i = j;
    while (i > 0 && !isSpace(cps[i - 1])) i--;
    out.push(cps.slice(i, j).join(''));
    j = i;
  }
  return out.reverse();
}

function splitSep(s: string, sep: string, maxsplit: number): string[] {
  if (sep === '') throw new DftablesError('DT208', 'empty separator');
  if (maxsplit < 0) return s.split(sep);
  const out: string[] = [];
  let i = 0;
  while (out.length < maxsplit) {
    const j = s.indexOf(sep, i);
    if (j < 0) break;
    out.push(s.slice(i, j));
    i = j + sep.length;
  }
  out.push(s.slice(i));
  return out;
}

function rsplitSep(s: string, sep: string, maxsplit: number): string[] {
  if (sep === '') throw new DftablesError('DT208', 'empty separator');
  if (maxsplit < 0) return s.split(sep);
  const out: string[] = [];
  let j = s.length;
  while (out.length < maxsplit) {
    const i = s.lastIndexOf(sep, j - sep.length);
    if (i < 0 || j - sep.length < 0) break;
    out.push(s.slice(i + sep.length, j));
    j = i;
  }
  out.push(s.slice(0, j));
  return out.reverse();
}

/** Unicode's Cased property (Lu, Ll, Lt and the Other_Lowercase/Other_Uppercase symbols such as ⓐ), as _PyUnicode_IsCased. */
const CASED = /\p{Cased}/u;
const CASE_IGNORABLE = /\p{Case_Ignorable}/u;
const UPPERCASE = /\p{Uppercase}/u;
const LOWERCASE = /\p{Lowercase}/u;
const TITLECASE_LETTER = /\p{Lt}/u;

/** The titlecase letters (Lt) JS has no mapping to: Python's title() and capitalize() use them. */
const TITLECASE = new Map<string, string>([
  ['\u01c4', '\u01c5'], ['\u01c5', '\u01c5'], ['\u01c6', '\u01c5'],
  ['\u01c7', '\u01c8'], ['\u01c8', '\u01c8'], ['\u01c9', '\u01c8'],
  ['\u01ca', '\u01cb'], ['\u01cb', '\u01cb'], ['\u01cc', '\u01cb'],
  ['\u01f1', '\u01f2'], ['\u01f2', '\u01f2'], ['\u01f3', '\u01f2'],
  ['\u0149', '\u02bcN'], // ŉ: SpecialCasing titlecases it like its uppercase
]);

/**
 * Titlecase of one code point. Where the uppercase is several letters (ß -> SS, ﬁ -> FI) the
 * titlecase keeps only the first one upper (Ss, Fi); a Greek iota subscript stays a subscript
 * (ᾳ -> ᾼ, not Αι), as in Unicode's SpecialCasing.txt.
 */
function toTitle(c: string): string {
  const known = TITLECASE.get(c);
  if (known !== undefined) return known;
  const up = [...c.toUpperCase()];
  if (up.length === 1) return up[0];
  if (c >= '\u1f80' && c <= '\u1ffc' && up[up.length - 1] === '\u0399') {
    // one letter plus the subscript has a precomposed form (ᾀ -> ᾈ); longer ones stay decomposed
    const sub = up.slice(0, -1).join('') + '\u0345';
    return up.length === 2 ? sub.normalize('NFC') : sub;
  }
  return up[0] + up.slice(1).join('').toLowerCase();
}

/** Is the capital sigma at cps[i] the last letter of a word (CPython's handle_capital_sigma)? */
function isFinalSigma(cps: readonly string[], i: number): boolean {
  let j = i - 1;
  while (j >= 0 && CASE_IGNORABLE.test(cps[j])) j--;
  if (j < 0 || !CASED.test(cps[j])) return false;
  j = i + 1;
  while (j < cps.length && CASE_IGNORABLE.test(cps[j])) j++;
  return j === cps.length || !CASED.test(cps[j]);
}

/** Lowercase of cps[i] in its word, as CPython's lower_ucs4: Σ becomes ς at the end of a word. */
function lowerAt(cps: readonly string[], i: number): string {
  if (cps[i] === '\u03a3') return isFinalSigma(cps, i) ? '\u03c2' : '\u03c3';
  return cps[i].toLowerCase();
}

function title(s: string): string {
  const cps = codePoints(s);
  let out = '';
  let prevCased = false;
  for (let i = 0; i < cps.length; i++) {
    out += prevCased ? lowerAt(cps, i) : toTitle(cps[i]);
    prevCased = CASED.test(cps[i]);
  }
  return out;
}

function capitalize(s: string): string {
  const cps = codePoints(s);
  if (!cps.length) return s;
  let out = toTitle(cps[0]);
  for (let i = 1; i < cps.length; i++) out += lowerAt(cps, i);
  return out;
}

/** CPython's do_swapcase: Uppercase letters are lowered, Lowercase ones raised, titlecase (ǅ) kept. */
function swapcase(s: string): string {
  const cps = codePoints(s);
  let out = '';
  for (let i = 0; i < cps.length; i++) {
    const c = cps[i];
    if (UPPERCASE.test(c)) out += lowerAt(cps, i);
    else if (LOWERCASE.test(c)) out += c.toUpperCase();
    else out += c;
  }
  return out;
}

/** Cherokee small letters fold to the capitals (the only script whose folding is not lowercase). */
const CHEROKEE_SMALL = /[\u13f8-\u13fd\uab70-\uabbf]/u;

/** Full case folding, per code point: folding is the lowercase of the uppercase. */
function casefold(s: string): string {
  let out = '';
  for (const c of s) out += CHEROKEE_SMALL.test(c) ? c.toUpperCase() : c.toUpperCase().toLowerCase();
  return out;
}

function isTitle(s: string): boolean {
  let cased = false;
  let prevCased = false;
  for (const c of s) {
    if (UPPERCASE.test(c) || TITLECASE_LETTER.test(c)) {
      if (prevCased) return false;
      prevCased = true;
      cased = true;
    } else if (LOWERCASE.test(c)) {
      if (!prevCased) return false;
      prevCased = true;
      cased = true;
    } else prevCased = false;
  }
  return cased;
}

const DIGITS_EXTRA = '\u00b2\u00b3\u00b9\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468\u2474-\u247c\u2488-\u2490\u24ea\u24f5-\u24fd\u24ff\u2776-\u277e\u2780-\u2788\u278a-\u2792';
const IS_DECIMAL = /^\p{Nd}+$/u;
const IS_DIGIT = new RegExp(`^[\\p{Nd}${DIGITS_EXTRA}]+$`, 'u');
const IS_NUMERIC = /^[\p{N}]+$/u;
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

function startsOrEnds(self: string, args: PyValue[], kwargs: Kwargs, fname: 'startswith' | 'endswith'): boolean {
  noKwargs(fname, kwargs);
  const [prefix, start, end] = bindArgs(fname, args, kwargs, { names: ['prefix', 'start', 'end'], required: 1 });
  const cps = codePoints(self);
  const [a, b] = bounds(cps, start, end);
  const sub = cps.slice(a, b).join('');
  const test = (p: PyValue): boolean => {
    if (typeof p !== 'string') throw new PyTypeError(`tuple for ${fname} must only contain str, not ${typeName(p)}`);
    // Python: a start beyond the end never matches, even the empty prefix.
    if (a > cps.length || (a > b && p === '')) return false;
    return fname === 'startswith' ? sub.startsWith(p) : sub.endsWith(p);
  };
  if (prefix instanceof PyTuple) return prefix.items.some(test);
  if (typeof prefix !== 'string') throw new PyTypeError(`${fname} first arg must be str or a tuple of str, not ${typeName(prefix ?? null)}`);
  return test(prefix);
}

function find(self: string, args: PyValue[], kwargs: Kwargs, fname: string, fromRight: boolean): number {
  noKwargs(fname, kwargs);
  const [sub, start, end] = bindArgs(fname, args, kwargs, { names: ['sub', 'start', 'end'], required: 1 });
  const needle = str(sub, fname, 'argument');
  const cps = codePoints(self);
  const [a, b] = bounds(cps, start, end);
  if (a > b) return -1;
  const hay = cps.slice(a, b);
  const n = codePoints(needle);
  const matchAt = (i: number): boolean => {
    for (let k = 0; k < n.length; k++) if (hay[i + k] !== n[k]) return false;
    return true;
  };
  if (fromRight) {
    for (let i = hay.length - n.length; i >= 0; i--) if (matchAt(i)) return i + a;
  } else {
    for (let i = 0; i + n.length <= hay.length; i++) if (matchAt(i)) return i + a;
  }
  return -1;
}

function justify(self: string, args: PyValue[], kwargs: Kwargs, fname: string, how: 'l' | 'r' | 'c', rt: Runtime): string {
  noKwargs(fname, kwargs);
  const [w, fill] = bindArgs(fname, args, kwargs, { names: ['width', 'fillchar'], required: 1 });
  const width = int(w, 0);
  const f = fill === undefined ? ' ' : fill;
  if (typeof f !== 'string' || strLength(f) !== 1) throw new PyTypeError('The fill character must be exactly one character long');
  const len = strLength(self);
  if (width <= len) return self;
  checkSize(width, rt);
  const marg = width - len;
  if (how === 'l') return self + f.repeat(marg);
  if (how === 'r') return f.repeat(marg) + self;
  const left = Math.floor(marg / 2) + (marg & width & 1);
  return f.repeat(left) + self + f.repeat(marg - left);
}

function checkSize(n: number, rt: Runtime): void {
  if (n > rt.limits.maxSequence) throw sizeError('the string', rt.limits.maxSequence);
}

function noArgs(fname: string, args: PyValue[], kwargs: Kwargs): void {
  noKwargs(fname, kwargs);
  if (args.length) throw new PyTypeError(`str.${fname}() takes no arguments (${args.length} given)`);
}

function predicate(fname: string, test: (s: string) => boolean): MethodImpl<string> {
  return (self, args, kwargs) => {
    noArgs(fname, args, kwargs);
    return test(self);
  };
}

function transform(fname: string, f: (s: string) => string): MethodImpl<string> {
  return (self, args, kwargs) => {
    noArgs(fname, args, kwargs);
    return f(self);
  };
}

function strip(fname: string, left: boolean, right: boolean): MethodImpl<string> {
  return (self, args, kwargs) => {
    noKwargs(fname, kwargs);
    const [chars] = bindArgs(fname, args, kwargs, { names: ['chars'], required: 0 });
    return stripChars(self, optStr(chars, fname), left, right);
  };
}

function splitter(fname: 'split' | 'rsplit'): MethodImpl<string> {
  return (self, args, kwargs) => {
    const [sep, maxsplit] = bindArgs(fname, args, kwargs, { names: ['sep', 'maxsplit'], required: 0 });
    const max = int(maxsplit, -1);
    const s = sep === undefined || sep === null ? null : str(sep, fname, 'argument');
    const parts = s === null ? (fname === 'split' ? splitWhitespace(self, max) : rsplitWhitespace(self, max)) : fname === 'split' ? splitSep(self, s, max) : rsplitSep(self, s, max);
    return new PyList(parts);
  };
}

export const STR_METHODS: ReadonlyMap<string, MethodImpl<string>> = new Map<string, MethodImpl<string>>([
  ['format', (self, args, kwargs, site, rt) => strFormat(self, args, kwargs, formatHooks(rt, site))],
  [
    'format_map',
    (self, args, kwargs, site, rt) => {
      const [m] = bindArgs('format_map', args, kwargs, { names: ['mapping'], required: 1, positionalOnly: true });
      if (!(m instanceof PyDict)) throw new PyTypeError(`format_map() argument must be a mapping, not ${typeName(m ?? null)}`);
      const kw: Kwargs = new Map();
      for (const [k, v] of m.items()) if (typeof k === 'string') kw.set(k, v);
      return strFormat(self, [], kw, formatHooks(rt, site));
    },
  ],
  ['upper', transform('upper', (s) => s.toUpperCase())],
  ['lower', transform('lower', (s) => s.toLowerCase())],
  ['casefold', transform('casefold', casefold)],
  ['swapcase', transform('swapcase', swapcase)],
  ['title', transform('title', title)],
  ['capitalize', transform('capitalize', capitalize)],
  ['strip', strip('strip', true, true)],
  ['lstrip', strip('lstrip', true, false)],
  ['rstrip', strip('rstrip', false, true)],
  ['split', splitter('split')],
  ['rsplit', splitter('rsplit')],
  [
    'splitlines',
    (self, args, kwargs) => {
      const [keep] = bindArgs('splitlines', args, kwargs, { names: ['keepends'], required: 0 });
      const keepends = keep !== undefined && keep !== false && keep !== 0n;
      const out: string[] = [];
      let line = '';
      const cps = codePoints(self);
      for (let i = 0; i < cps.length; i++) {
        const c = cps[i];
        if (!LINE_BREAKS.has(c)) {
          line += c;
          continue;
        }
        let brk = c;
        if (c === '\r' && cps[i + 1] === '\n') {
          brk = '\r\n';
          i++;
        }
        out.push(keepends ? line + brk : line);
        line = '';
      }
      if (line) out.push(line);
      return new PyList(out);
    },
  ],
  [
    'join',
    (self, args, kwargs, site, rt) => {
      const [it] = bindArgs('join', args, kwargs, { names: ['iterable'], required: 1, positionalOnly: true });
      const items = collect(it!, site, rt);
      let total = 0;
      items.forEach((x, i) => {
        if (typeof x !== 'string') throw new PyTypeError(`sequence item ${i}: expected str instance, ${typeName(x)} found`);
        total += x.length + self.length;
      });
      checkSize(total, rt);
      return (items as string[]).join(self);
    },
  ],
  [
    'replace',
    (self, args, kwargs, _site, rt) => {
      noKwargs('replace', kwargs);
      const [o, n, c] = bindArgs('replace', args, kwargs, { names: ['old', 'new', 'count'], required: 2 });
      const old = str(o, 'replace', 'argument 1');
      const neu = str(n, 'replace', 'argument 2');
      let count = int(c, -1);
      if (count < 0) count = Infinity;
      if (old === '') {
        const cps = codePoints(self);
        const slots = Math.min(count, cps.length + 1);
        checkSize(self.length + slots * neu.length, rt);
        let out = '';
        for (let i = 0; i < cps.length; i++) out += (i < slots ? neu : '') + cps[i];
        if (slots > cps.length) out += neu;
        return out;
      }
      const parts = self.split(old);
      const k = Math.min(count, parts.length - 1);
      checkSize(self.length + k * Math.max(0, neu.length - old.length), rt);
      if (k === parts.length - 1) return parts.join(neu);
      return parts.slice(0, k + 1).join(neu) + old + parts.slice(k + 1).join(old);
    },
  ],
  ['startswith', (self, args, kwargs) => startsOrEnds(self, args, kwargs, 'startswith')],
  ['endswith', (self, args, kwargs) => startsOrEnds(self, args, kwargs, 'endswith')],
  ['find', (self, args, kwargs) => BigInt(find(self, args, kwargs, 'find', false))],
  ['rfind', (self, args, kwargs) => BigInt(find(self, args, kwargs, 'rfind', true))],
  [
    'index',
    (self, args, kwargs) => {
      const i = find(self, args, kwargs, 'index', false);
      if (i < 0) throw new DftablesError('DT208', 'substring not found');
      return BigInt(i);
    },
  ],
  [
    'rindex',
    (self, args, kwargs) => {
      const i = find(self, args, kwargs, 'rindex', true);
      if (i < 0) throw new DftablesError('DT208', 'substring not found');
      return BigInt(i);
    },
  ],
  [
    'count',
    (self, args, kwargs) => {
      noKwargs('count', kwargs);
      const [sub, start, end] = bindArgs('count', args, kwargs, { names: ['sub', 'start', 'end'], required: 1 });
      const needle = str(sub, 'count', 'argument');
      const cps = codePoints(self);
      const [a, b] = bounds(cps, start, end);
      if (a > b) return 0n;
      const hay = cps.slice(a, b).join('');
      if (needle === '') return BigInt(b - a + 1);
      return BigInt(hay.split(needle).length - 1);
    },
  ],
  ['isdigit', predicate('isdigit', (s) => IS_DIGIT.test(s))],
  ['isdecimal', predicate('isdecimal', (s) => IS_DECIMAL.test(s))],
  ['isnumeric', predicate('isnumeric', (s) => IS_NUMERIC.test(s))],
  ['isalpha', predicate('isalpha', (s) => /^\p{L}+$/u.test(s))],
  ['isalnum', predicate('isalnum', (s) => /^[\p{L}\p{N}]+$/u.test(s))],
  ['isspace', predicate('isspace', (s) => s.length > 0 && [...s].every(isSpace))],
  ['isupper', predicate('isupper', (s) => UPPERCASE.test(s) && !LOWERCASE.test(s) && !TITLECASE_LETTER.test(s))],
  ['islower', predicate('islower', (s) => LOWERCASE.test(s) && !UPPERCASE.test(s) && !TITLECASE_LETTER.test(s))],
  ['istitle', predicate('istitle', isTitle)],
  ['isidentifier', predicate('isidentifier', (s) => /^[\p{ID_Start}_][\p{ID_Continue}_]*$/u.test(s))],
  ['isascii', predicate('isascii', (s) => /^[\x00-\x7f]*$/.test(s))],
  ['isprintable', predicate('isprintable', (s) => !NON_PRINTABLE.test(s.replace(/ /g, '')))],
  [
    'zfill',
    (self, args, kwargs, _site, rt) => {
      const [w] = bindArgs('zfill', args, kwargs, { names: ['width'], required: 1, positionalOnly: true });
      const width = int(w, 0);
      const len = strLength(self);
      if (width <= len) return self;
      checkSize(width, rt);
      const fill = '0'.repeat(width - len);
      if (self[0] === '+' || self[0] === '-') return self[0] + fill + self.slice(1);
      return fill + self;
    },
  ],
  ['center', (self, args, kwargs, _site, rt) => justify(self, args, kwargs, 'center', 'c', rt)],
  ['ljust', (self, args, kwargs, _site, rt) => justify(self, args, kwargs, 'ljust', 'l', rt)],
  ['rjust', (self, args, kwargs, _site, rt) => justify(self, args, kwargs, 'rjust', 'r', rt)],
  [
    'partition',
    (self, args, kwargs) => {
      const [s] = bindArgs('partition', args, kwargs, { names: ['sep'], required: 1, positionalOnly: true });
      const sep = str(s, 'partition', 'argument');
      if (sep === '') throw new DftablesError('DT208', 'empty separator');
      const i = self.indexOf(sep);
      return i < 0 ? new PyTuple([self, '', '']) : new PyTuple([self.slice(0, i), sep, self.slice(i + sep.length)]);
    },
  ],
  [
    'rpartition',
    (self, args, kwargs) => {
      const [s] = bindArgs('rpartition', args, kwargs, { names: ['sep'], required: 1, positionalOnly: true });
      const sep = str(s, 'rpartition', 'argument');
      if (sep === '') throw new DftablesError('DT208', 'empty separator');
      const i = self.lastIndexOf(sep);
      return i < 0 ? new PyTuple(['', '', self]) : new PyTuple([self.slice(0, i), sep, self.slice(i + sep.length)]);
    },
  ],
  [
    'removeprefix',
    (self, args, kwargs) => {
      const [p] = bindArgs('removeprefix', args, kwargs, { names: ['prefix'], required: 1, positionalOnly: true });
      const prefix = str(p, 'removeprefix', 'argument');
      return prefix && self.startsWith(prefix) ? self.slice(prefix.length) : self;
    },
  ],
  [
    'removesuffix',
    (self, args, kwargs) => {
      const [p] = bindArgs('removesuffix', args, kwargs, { names: ['suffix'], required: 1, positionalOnly: true });
      const suffix = str(p, 'removesuffix', 'argument');
      return suffix && self.endsWith(suffix) ? self.slice(0, self.length - suffix.length) : self;
    },
  ],
  [
    'expandtabs',
    (self, args, kwargs) => {
      const [t] = bindArgs('expandtabs', args, kwargs, { names: ['tabsize'], required: 0 });
      const size = int(t, 8);
      let out = '';
      let col = 0;
      for (const c of self) {
        if (c === '\t') {
          if (size > 0) {
            const n = size - (col % size);
            out += ' '.repeat(n);
            col += n;
          }
        } else {
          out += c;
          col = c === '\n' || c === '\r' ? 0 : col + 1;
        }
      }
      return out;
    },
  ],
]);
