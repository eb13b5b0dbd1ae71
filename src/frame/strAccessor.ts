/**
 * Series.str / Index.str, as pandas 1.5.3's object-dtype string methods: each method runs on
 * the str elements; missing values stay as they are (None stays None, NaN stays NaN), other
 * non-str values give NaN, and the results go through maybe_convert_objects (so a mask without
 * missing values is bool, with them object). Regexes are Python's (see pyRegex.ts);
 * str.contains and str.replace default to regex=True in 1.5.3.
 */
import { DftablesError } from '../errors.js';
import { DEFAULT_LIMITS, PyDict, PyList, PyObject, PyTuple, PyTypeError, attributeError, type CallSite, type Kwargs, type PyValue, type Runtime } from '../python/values.js';
import { bindArgs, type Signature } from './args.js';
import { NativeFunction } from './callable.js';
import type { Column } from './column.js';
import { boolCol, cellAt, cellsOf, colLength, inferColumn, intCol, isNA, objCol } from './dtypes.js';
import { compilePyRegex, escapePyRegex, pyReplacement } from './pyRegex.js';
import { isSlice, sliceBounds } from './selection.js';
import { pyStr } from '../python/pyStr.js';

type Wrap = (c: Column) => PyValue;

const NA = Symbol('na');

/** Python's str.isspace/isdigit/... approximations on Unicode classes. */
const PREDICATES: Record<string, (s: string) => boolean> = {
  isdigit: (s) => s.length > 0 && /^\p{Nd}+$/u.test(s),
  isdecimal: (s) => s.length > 0 && /^\p{Nd}+$/u.test(s),
  isnumeric: (s) => s.length > 0 && /^[\p{Nd}\p{Nl}\p{No}]+$/u.test(s),
  isalpha: (s) => s.length > 0 && /^\p{L}+$/u.test(s),
  isalnum: (s) => s.length > 0 && /^[\p{L}\p{Nd}\p{Nl}\p{No}]+$/u.test(s),
  isspace: (s) => s.length > 0 && /^\s+$/u.test(s),
  islower: (s) => /\p{Ll}/u.test(s) && !/[\p{Lu}\p{Lt}]/u.test(s),
  isupper: (s) => /\p{Lu}/u.test(s) && !/[\p{Ll}\p{Lt}]/u.test(s),
  istitle: (s) => /\p{L}/u.test(s) && s === pyTitle(s),
};

/** Python's str.title: first letter of each run of letters upper, the rest lower. */
export function pyTitle(s: string): string {
  let out = '';
  let prevCased = false;
  for (const ch of s) {
    const isLetter = /\p{L}/u.test(ch);
    out += isLetter ? (prevCased ? ch.toLowerCase() : ch.toUpperCase()) : ch;
    prevCased = isLetter;
  }
  return out;
}

function pyCapitalize(s: string): string {
  if (!s) return s;
  const first = String.fromCodePoint(s.codePointAt(0)!);
  return first.toUpperCase() + s.slice(first.length).toLowerCase();
}

/** Python's str.strip(chars): whitespace by default, else the given characters. */
export function pyStrip(s: string, chars: string | null | undefined, side: 'both' | 'left' | 'right'): string {
  const set = chars === null || chars === undefined ? null : new Set([...chars]);
  const strip = (ch: string) => (set ? set.has(ch) : /\s/u.test(ch));
  const cps = [...s];
  let a = 0;
  let b = cps.length;
  if (side !== 'right') while (a < b && strip(cps[a])) a++;
  if (side !== 'left') while (b > a && strip(cps[b - 1])) b--;
  return cps.slice(a, b).join('');
}

function pyLen(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/** Python's str.split(sep=None, maxsplit). */
export function pySplit(s: string, sep: string | null, maxsplit: number): string[] {
  if (sep === null) {
    const out: string[] = [];
    let rest = s.replace(/^\s+/u, '');
    while (rest.length) {
      if (maxsplit >= 0 && out.length === maxsplit) {
        out.push(rest);
        return out;
      }
      const m = /\s+/u.exec(rest);
      if (!m) {
        out.push(rest);
        break;
      }
      out.push(rest.slice(0, m.index));
      rest = rest.slice(m.index + m[0].length);
    }
    return out;
  }
  if (sep === '') throw new DftablesError('DT208', 'empty separator');
  const parts = s.split(sep);
  if (maxsplit < 0 || parts.length <= maxsplit + 1) return parts;
  return [...parts.slice(0, maxsplit), parts.slice(maxsplit).join(sep)];
}

function pyRsplit(s: string, sep: string | null, maxsplit: number): string[] {
  if (maxsplit < 0) return pySplit(s, sep, -1);
  if (sep === null) {
    const parts = pySplit(s, null, -1);
    if (parts.length <= maxsplit + 1) return parts;
    // keep the leading text (with its inner whitespace) together
    const tail = parts.slice(parts.length - maxsplit);
    let head = s.replace(/\s+$/u, '');
    for (let i = tail.length - 1; i >= 0; i--) head = head.slice(0, head.lastIndexOf(tail[i])).replace(/\s+$/u, '');
    return [head, ...tail];
  }
  const parts = s.split(sep);
  if (parts.length <= maxsplit + 1) return parts;
  return [parts.slice(0, parts.length - maxsplit).join(sep), ...parts.slice(parts.length - maxsplit)];
}

/** Python's str slicing by code points. */
function pySlice(s: string, start: PyValue, stop: PyValue, step: PyValue): string {
  const cps = [...s];
  const fake = { start, stop, step } as unknown as PyValue;
  const [a, b, st] = sliceBounds(fake, cps.length);
  let out = '';
  if (st > 0) for (let i = a; i < b; i += st) out += cps[i];
  else for (let i = a; i > b; i += st) out += cps[i];
  return out;
}

function allowedForStr(c: Column): boolean {
  if (c.dtype !== 'object') return false;
  let numeric = true;
  let bools = true;
  let any = false;
  for (const v of c.data) {
    if (isNA(v)) continue;
    any = true;
    if (typeof v !== 'bigint' && typeof v !== 'number') numeric = false;
    if (typeof v !== 'boolean') bools = false;
  }
  // pandas' infer_dtype must say 'string', 'empty', 'mixed' or 'mixed-integer': only numbers
  // ('integer', 'floating') or only bools ('boolean') are refused.
  return !any || (!numeric && !bools);
}

export class StrAccessor extends PyObject {
  readonly typeName = 'StringMethods';

  constructor(
    private readonly col: Column,
    private readonly wrap: Wrap,
    owner: string,
  ) {
    super();
    if (!allowedForStr(col)) {
      throw new DftablesError('DT202', 'Can only use .str accessor with string values!', {
        hint: `The ${owner === 'Index' ? 'labels are' : 'column is'} not text (dtype ${col.dtype}): convert with .astype(str) first.`,
      });
    }
  }

  /** Number of cells. */
  get length(): number {
    return colLength(this.col);
  }

  /** Length of the longest str cell (0 when there is none). */
  longest(): number {
    let max = 0;
    for (let i = 0; i < this.length; i++) {
      const v = cellAt(this.col, i);
      if (typeof v === 'string' && v.length > max) max = v.length;
    }
    return max;
  }

  /**
   * pandas' _str_map: f on each str element; missing values kept; other values NaN; then
   * maybe_convert_objects (unless every element is missing).
   */
  private map(f: (s: string) => PyValue | typeof NA, naValue?: PyValue, onList?: (items: PyValue[]) => PyValue): Column {
    const n = colLength(this.col);
    if (n === 0) {
      // pandas gives an empty result the method's dtype (bool for contains, int64 for len):
      // the kind of value the method returns for a string tells which.
      const probe = f('');
      return typeof probe === 'boolean' ? boolCol(new Uint8Array(0)) : typeof probe === 'bigint' ? intCol(new Float64Array(0)) : objCol([]);
    }
    const out = new Array<PyValue>(n);
    let allMissing = true;
    for (let i = 0; i < n; i++) {
      const v = cellAt(this.col, i);
      if (isNA(v)) {
        out[i] = naValue === undefined ? v : naValue;
        continue;
      }
      allMissing = false;
      if (typeof v !== 'string') {
        if (onList && (v instanceof PyList || v instanceof PyTuple)) out[i] = onList([...v.items]);
        else out[i] = naValue === undefined ? NaN : naValue;
        continue;
      }
      const r = f(v);
      out[i] = r === NA ? NaN : r;
    }
    if (allMissing && naValue === undefined) return objCol(out);
    if (out.some((v) => v instanceof PyObject)) return objCol(out);
    return inferColumn(out);
  }

  private result(c: Column): PyValue {
    return this.wrap(c);
  }

  override getAttr(name: string, site: CallSite, rt: Runtime): PyValue {
    void site;
    void rt;
    const impl = STR_METHODS[name];
    if (impl) {
      return new NativeFunction(name, (args, kwargs, s, r) => impl.call(this, args, kwargs, s, r), 'method', 'StringMethods');
    }
    if (UNSUPPORTED_STR.has(name)) throw new DftablesError('DT212', `Series.str.${name}() is not supported by dftables`);
    throw attributeError('StringMethods', name, this.attrNames());
  }

  override attrNames(): string[] {
    return Object.keys(STR_METHODS);
  }

  override getItem(key: PyValue): PyValue {
    if (isSlice(key)) {
      const k = key as unknown as { start: PyValue; stop: PyValue; step: PyValue };
      return this.result(this.map((s) => pySlice(s, k.start, k.stop, k.step), undefined, (items) => new PyList(sliceItems(items, k.start, k.stop, k.step))));
    }
    if (typeof key === 'bigint') return this.result(this.map((s) => strGet(s, Number(key)), undefined, (items) => listGet(items, Number(key))));
    throw new PyTypeError('string indices must be integers or slices');
  }

  // --- method implementations (this-bound through STR_METHODS) ---

  _simple(f: (s: string) => PyValue, onList?: (items: PyValue[]) => PyValue): PyValue {
    return this.result(this.map(f, undefined, onList));
  }

  _contains(b: Bound): PyValue {
    const pat = b.str('pat', '');
    const caseSensitive = b.bool('case', true);
    const regex = b.bool('regex', true);
    const flags = b.int('flags', 0);
    const na = b.get('na');
    let f: (s: string) => boolean;
    if (regex) {
      const re = compilePyRegex(pat, { ignoreCase: !caseSensitive, flags, test: true });
      f = (s) => {
        re.lastIndex = 0;
        return re.test(s);
      };
    } else if (caseSensitive) f = (s) => s.includes(pat);
    else {
      const p = pat.toUpperCase();
      f = (s) => s.toUpperCase().includes(p);
    }
    return this.result(this.map(f, na === undefined || na === null ? undefined : na));
  }

  _affix(b: Bound, which: 'startswith' | 'endswith'): PyValue {
    const pat = b.get('pat');
    let pats: string[];
    if (typeof pat === 'string') pats = [pat];
    else if (pat instanceof PyTuple && pat.items.every((p) => typeof p === 'string')) pats = pat.items as string[];
    else {
      throw new PyTypeError(`expected a string or tuple, not ${pat instanceof PyObject ? pat.typeName : pat === null ? 'NoneType' : typeof pat === 'bigint' ? 'int' : typeof pat}`);
    }
    const na = b.get('na');
    return this.result(this.map((s) => pats.some((p) => (which === 'startswith' ? s.startsWith(p) : s.endsWith(p))), na === undefined || na === null ? undefined : na));
  }

  _replace(b: Bound, rt: Runtime): PyValue {
    const pat = b.str('pat', '');
    const repl = b.get('repl');
    const n = b.int('n', -1);
    const caseOpt = b.get('case');
    const flags = b.int('flags', 0);
    const regexArg = b.get('regex');
    // pandas 1.5.3: regex=None means True (with a FutureWarning); 2.0 changed it to False.
    // A one-character pattern is always literal, even with regex=True (pandas 1.5.3).
    const regex = pyLen(pat) === 1 ? false : regexArg === undefined || regexArg === null ? true : regexArg === true;
    const callableRepl = repl instanceof PyObject && repl.callable();
    if (typeof repl !== 'string' && !callableRepl) throw new PyTypeError('repl must be a string or callable');
    if (callableRepl && !regex) throw new DftablesError('DT208', 'Cannot use a callable replacement when regex=False');
    const ignoreCase = caseOpt === false;
    if (regex || flags || ignoreCase || callableRepl) {
      const src = regex ? pat : escapePyRegex(pat);
      const re = compilePyRegex(src, { ignoreCase, flags }, true);
      if (callableRepl) throw new DftablesError('DT212', 'str.replace with a function as replacement is not supported by dftables');
      void rt;
      const replFn = pyReplacement(repl as string);
      return this.result(
        this.map((s) => {
          re.lastIndex = 0;
          if (n < 0 || n === 0) return s.replace(re, replFn as (m: string, ...a: unknown[]) => string);
          let count = 0;
          return s.replace(re, (...a: unknown[]) => (count++ < n ? (replFn as (...x: unknown[]) => string)(...a) : (a[0] as string)));
        }),
      );
    }
    return this.result(this.map((s) => pyStrReplace(s, pat, repl as string, n)));
  }

  _split(b: Bound, fromRight: boolean): PyValue {
    const pat = b.str('pat');
    const n = b.int('n', -1);
    const expand = b.bool('expand', false);
    const regexArg = b.get('regex');
    let splitter: (s: string) => string[];
    const isRegex = regexArg === true || (regexArg !== false && pat !== undefined && pat.length > 1 && !fromRight);
    if (pat !== undefined && isRegex) {
      const re = compilePyRegex(pat, {}, true);
      splitter = (s) => regexSplit(s, re, n <= 0 ? -1 : n);
    } else splitter = (s) => (fromRight ? pyRsplit(s, pat ?? null, n <= 0 ? -1 : n) : pySplit(s, pat ?? null, n <= 0 ? -1 : n));
    const lists = this.map((s) => new PyList(splitter(s)));
    if (!expand) return this.result(lists);
    throw new DftablesError('DT212', 'str.split(expand=True) is not supported by dftables', { hint: 'Use .str.split().str[0] (or .str.get(i)) for one part.' });
  }

  _cat(b: Bound): PyValue {
    const others = b.get('others');
    const sep = b.str('sep', '');
    const naRep = b.get('na_rep');
    if (others === undefined || others === null) {
      const parts: string[] = [];
      for (const v of cellsOf(this.col)) {
        if (isNA(v)) {
          if (typeof naRep === 'string') parts.push(naRep);
          continue;
        }
        parts.push(pyStr(v));
      }
      return parts.join(sep);
    }
    let otherCells: PyValue[];
    if (others instanceof PyList || others instanceof PyTuple) otherCells = [...others.items];
    else if (others instanceof PyObject && 'col' in others) otherCells = cellsOf((others as unknown as { col: Column }).col);
    else throw new PyTypeError('others must be Series, Index, DataFrame, np.ndarray or list-like');
    const n = colLength(this.col);
    if (otherCells.length !== n) throw new DftablesError('DT208', 'If `others` contains arrays or lists (or other list-likes without an index), these must all be of the same length as the calling Series/Index.');
    const out = new Array<PyValue>(n);
    for (let i = 0; i < n; i++) {
      const a = cellAt(this.col, i);
      const o = otherCells[i];
      const na = typeof naRep === 'string' ? naRep : undefined;
      if ((isNA(a) || isNA(o)) && na === undefined) out[i] = NaN;
      else out[i] = (isNA(a) ? na! : pyStr(a)) + sep + (isNA(o) ? na! : pyStr(o));
    }
    return this.result(objCol(out));
  }

  _extract(b: Bound): PyValue {
    const pat = b.str('pat', '');
    const flags = b.int('flags', 0);
    const expand = b.bool('expand', true);
    const re = compilePyRegex(pat, { flags });
    const groups = countGroups(pat);
    if (groups === 0) throw new DftablesError('DT208', 'pattern contains no capture groups');
    if (expand || groups > 1) throw new DftablesError('DT212', 'str.extract with expand=True is not supported by dftables', { hint: 'Use expand=False with one group.' });
    return this.result(
      this.map((s) => {
        const m = re.exec(s);
        return m ? (m[1] ?? NaN) : NaN;
      }),
    );
  }
}

type Bound = ReturnType<typeof bindArgs>;

function strGet(s: string, i: number): PyValue {
  const cps = [...s];
  const k = i < 0 ? cps.length + i : i;
  return k >= 0 && k < cps.length ? cps[k] : NaN;
}

function listGet(items: PyValue[], i: number): PyValue {
  const k = i < 0 ? items.length + i : i;
  return k >= 0 && k < items.length ? items[k] : NaN;
}

function sliceItems(items: PyValue[], start: PyValue, stop: PyValue, step: PyValue): PyValue[] {
  const [a, b, st] = sliceBounds({ start, stop, step } as unknown as PyValue, items.length);
  const out: PyValue[] = [];
  if (st > 0) for (let i = a; i < b; i += st) out.push(items[i]);
  else for (let i = a; i > b; i += st) out.push(items[i]);
  return out;
}

function pyStrReplace(s: string, pat: string, repl: string, n: number): string {
  if (n < 0) return s.split(pat).join(repl);
  let out = '';
  let rest = s;
  let count = 0;
  while (count < n) {
    const i = rest.indexOf(pat);
    if (i < 0) break;
    out += rest.slice(0, i) + repl;
    rest = rest.slice(i + pat.length);
    count++;
    if (pat === '') {
      out += rest.slice(0, 1);
      rest = rest.slice(1);
      if (!rest) break;
    }
  }
  return out + rest;
}

function regexSplit(s: string, re: RegExp, maxsplit: number): string[] {
  const out: string[] = [];
  let last = 0;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(s)) !== null) {
    if (maxsplit >= 0 && out.length >= maxsplit) break;
    if (m[0] === '') {
      re.lastIndex++;
      if (m.index === 0 || m.index >= s.length) continue;
    }
    out.push(s.slice(last, m.index), ...m.slice(1).map((g) => g ?? ''));
    last = m.index + m[0].length;
  }
  out.push(s.slice(last));
  return out;
}

function countGroups(pat: string): number {
  let n = 0;
  for (let i = 0; i < pat.length; i++) {
    if (pat[i] === '\\') {
      i++;
      continue;
    }
    if (pat[i] === '(' && (pat[i + 1] !== '?' || pat.startsWith('(?P<', i) || (pat[i + 2] === '<' && pat[i + 3] !== '=' && pat[i + 3] !== '!'))) n++;
  }
  return n;
}

function sig(name: string, positional: string[], extra: Partial<Signature> = {}): Signature {
  return { name, positional, ...extra };
}

type StrImpl = (this: StrAccessor, args: PyValue[], kwargs: Kwargs, site: CallSite, rt: Runtime) => PyValue;

function simple(name: string, f: (s: string) => PyValue): StrImpl {
  return function (args, kwargs, site) {
    bindArgs(sig(name, []), args, kwargs, site);
    return this._simple(f);
  };
}

function stripper(name: string, side: 'both' | 'left' | 'right'): StrImpl {
  return function (args, kwargs, site) {
    const b = bindArgs(sig(name, ['to_strip']), args, kwargs, site);
    const chars = b.str('to_strip');
    return this._simple((s) => pyStrip(s, chars, side));
  };
}

/** At most this many characters in all the cells a pad, zfill or repeat writes (as `'x' * n` allows). */
const MAX_TEXT = 100_000_000;

/** Refuse, before allocating, a width or repeat count that would make the column's text too large. */
function checkTextSize(perCell: number, cells: number): void {
  if (perCell > DEFAULT_LIMITS.maxSequence || perCell * cells > MAX_TEXT) {
    throw new DftablesError('DT305', `the strings would have more than ${MAX_TEXT.toLocaleString('en-US')} characters (the size limit)`);
  }
}

function padder(name: string, side: 'left' | 'right' | 'both'): StrImpl {
  return function (args, kwargs, site) {
    const b = bindArgs(sig(name, name === 'pad' ? ['width', 'side', 'fillchar'] : ['width', 'fillchar'], { required: ['width'] }), args, kwargs, site);
    const width = b.int('width', 0);
    const fill = b.str('fillchar', ' ');
    if ([...fill].length !== 1) throw new PyTypeError('fillchar must be a character, not str');
    const where = name === 'pad' ? (b.str('side', 'left') as 'left' | 'right' | 'both') : side;
    checkTextSize(width, this.length);
    return this._simple((s) => {
      const len = pyLen(s);
      if (len >= width) return s;
      const total = width - len;
      if (where === 'left') return fill.repeat(total) + s;
      if (where === 'right') return s + fill.repeat(total);
      // Python's str.center: the extra character goes left when the width is odd and the text even.
      const left = Math.floor(total / 2) + (total & width & 1);
      return fill.repeat(left) + s + fill.repeat(total - left);
    });
  };
}

function predicate(name: string): StrImpl {
  return simple(name, PREDICATES[name]);
}

const STR_METHODS: Record<string, StrImpl> = {
  upper: simple('upper', (s) => s.toUpperCase()),
  lower: simple('lower', (s) => s.toLowerCase()),
  casefold: simple('casefold', (s) => s.toLowerCase()),
  title: simple('title', pyTitle),
  capitalize: simple('capitalize', pyCapitalize),
  swapcase: simple('swapcase', (s) => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('')),
  len(args, kwargs, site) {
    bindArgs(sig('len', []), args, kwargs, site);
    return this._simple((s) => BigInt(pyLen(s)), (items) => BigInt(items.length));
  },
  strip: stripper('strip', 'both'),
  lstrip: stripper('lstrip', 'left'),
  rstrip: stripper('rstrip', 'right'),
  pad: padder('pad', 'left'),
  center: padder('center', 'both'),
  ljust: padder('ljust', 'right'),
  rjust: padder('rjust', 'left'),
  zfill(args, kwargs, site) {
    const b = bindArgs(sig('zfill', ['width'], { required: ['width'] }), args, kwargs, site);
    const width = b.int('width', 0);
    checkTextSize(width, this.length);
    return this._simple((s) => {
      const len = pyLen(s);
      if (len >= width) return s;
      const sign = s[0] === '+' || s[0] === '-' ? s[0] : '';
      return sign + '0'.repeat(width - len) + s.slice(sign.length);
    });
  },
  contains(args, kwargs, site) {
    return this._contains(bindArgs(sig('contains', ['pat', 'case', 'flags', 'na', 'regex'], { required: ['pat'] }), args, kwargs, site));
  },
  startswith(args, kwargs, site) {
    return this._affix(bindArgs(sig('startswith', ['pat', 'na'], { required: ['pat'] }), args, kwargs, site), 'startswith');
  },
  endswith(args, kwargs, site) {
    return this._affix(bindArgs(sig('endswith', ['pat', 'na'], { required: ['pat'] }), args, kwargs, site), 'endswith');
  },
  replace(args, kwargs, site, rt) {
    return this._replace(bindArgs(sig('replace', ['pat', 'repl', 'n', 'case', 'flags', 'regex'], { required: ['pat', 'repl'] }), args, kwargs, site), rt);
  },
  split(args, kwargs, site) {
    return this._split(bindArgs(sig('split', ['pat', 'n', 'expand'], { keywordOnly: ['regex'] }), args, kwargs, site), false);
  },
  rsplit(args, kwargs, site) {
    return this._split(bindArgs(sig('rsplit', ['pat', 'n', 'expand']), args, kwargs, site), true);
  },
  slice(args, kwargs, site) {
    const b = bindArgs(sig('slice', ['start', 'stop', 'step']), args, kwargs, site);
    const [start, stop, step] = [b.get('start') ?? null, b.get('stop') ?? null, b.get('step') ?? null];
    return this._simple((s) => pySlice(s, start, stop, step), (items) => new PyList(sliceItems(items, start, stop, step)));
  },
  get(args, kwargs, site) {
    const b = bindArgs(sig('get', ['i'], { required: ['i'] }), args, kwargs, site);
    const i = b.int('i', 0);
    return this._simple((s) => strGet(s, i), (items) => listGet(items, i));
  },
  find(args, kwargs, site) {
    const b = bindArgs(sig('find', ['sub', 'start', 'end'], { required: ['sub'] }), args, kwargs, site);
    const sub = b.str('sub', '');
    return this._simple((s) => BigInt(codePointIndex(s, s.indexOf(sub))));
  },
  count(args, kwargs, site) {
    const b = bindArgs(sig('count', ['pat', 'flags']), args, kwargs, site);
    const re = compilePyRegex(b.str('pat', ''), { flags: b.int('flags', 0) }, true);
    return this._simple((s) => {
      re.lastIndex = 0;
      return BigInt([...s.matchAll(re)].length);
    });
  },
  match(args, kwargs, site) {
    const b = bindArgs(sig('match', ['pat', 'case', 'flags', 'na'], { required: ['pat'] }), args, kwargs, site);
    const re = compilePyRegex(b.str('pat', ''), { ignoreCase: !b.bool('case', true), flags: b.int('flags', 0), test: true, anchor: 'start' });
    return this._simple((s) => re.test(s));
  },
  fullmatch(args, kwargs, site) {
    const b = bindArgs(sig('fullmatch', ['pat', 'case', 'flags', 'na'], { required: ['pat'] }), args, kwargs, site);
    // fullmatch spans the whole string: no final newline, unlike $.
    const re = compilePyRegex(b.str('pat', ''), { ignoreCase: !b.bool('case', true), flags: b.int('flags', 0), test: true, anchor: 'full' });
    return this._simple((s) => re.test(s));
  },
  extract(args, kwargs, site) {
    return this._extract(bindArgs(sig('extract', ['pat', 'flags', 'expand'], { required: ['pat'] }), args, kwargs, site));
  },
  cat(args, kwargs, site) {
    return this._cat(bindArgs(sig('cat', ['others', 'sep', 'na_rep', 'join']), args, kwargs, site));
  },
  repeat(args, kwargs, site) {
    const b = bindArgs(sig('repeat', ['repeats'], { required: ['repeats'] }), args, kwargs, site);
    const r = b.int('repeats', 1);
    checkTextSize(r * this.longest(), this.length);
    return this._simple((s) => s.repeat(Math.max(0, r)));
  },
  join(args, kwargs, site) {
    const b = bindArgs(sig('join', ['sep'], { required: ['sep'] }), args, kwargs, site);
    const sep = b.str('sep', '');
    return this._simple(
      (s) => [...s].join(sep),
      (items) => (items.every((x) => typeof x === 'string') ? items.join(sep) : NaN),
    );
  },
  isdigit: predicate('isdigit'),
  isdecimal: predicate('isdecimal'),
  isnumeric: predicate('isnumeric'),
  isalpha: predicate('isalpha'),
  isalnum: predicate('isalnum'),
  isspace: predicate('isspace'),
  islower: predicate('islower'),
  isupper: predicate('isupper'),
  istitle: predicate('istitle'),
};

function codePointIndex(s: string, unitIndex: number): number {
  if (unitIndex < 0) return -1;
  return [...s.slice(0, unitIndex)].length;
}

const UNSUPPORTED_STR = new Set(['extractall', 'findall', 'get_dummies', 'normalize', 'translate', 'wrap', 'partition', 'rpartition', 'encode', 'decode', 'removeprefix', 'removesuffix', 'index', 'rindex', 'rfind']);

export { PyDict };
