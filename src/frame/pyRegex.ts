/**
 * Python `re` patterns as JavaScript RegExps, with Python's semantics for str patterns: Unicode
 * `\w` `\d` `\s` `\b` (unless re.ASCII), Python's IGNORECASE folding, `.` and classes over code
 * points, `$` before a final newline, named groups, scoped flags, verbose patterns. The pattern
 * is parsed (pyRegexParse.ts) and written out (pyRegexEmit.ts) without the `u` and `i` flags,
 * which V8's linear-time engine cannot run, so src/sandbox/regexGuard.ts's fallback can still stop
 * catastrophic backtracking.
 *
 * Python's Unicode `\b` / `\B` and its MULTILINE `^` / `$` (JavaScript's `m` flag also breaks
 * lines at \r, U+2028, U+2029) need lookaround in JavaScript. A pattern using them gets a
 * RegExp that picks a translation per subject (PyRegExp below): JavaScript's own `\b` for
 * plain-ASCII text, the `m` flag for text without those three breaks, lookaround otherwise.
 * The trade-off: on a non-ASCII subject a Unicode `\b` pattern is outside the linear-time
 * fallback, like a backreference. A `\b` next to a known word or non-word item (`\bau\b`) needs only one
 * lookaround instead of four, which keeps it fast, but still lookaround. The worker pool's
 * watchdog (isolate.ts) stops a runaway one in build and lint; `eval` and `serve-eval`, which
 * evaluate in-process, cannot.
 */
import { DftablesError } from '../errors.js';
import { emitRegex, subjectDependent, type EmittedRegex } from './pyRegexEmit.js';
import { parsePyRegex, RE_IGNORECASE, type ParsedRegex } from './pyRegexParse.js';

export interface PyRegexOptions {
  ignoreCase?: boolean;
  /** re flag bits as Python numbers them (re.I 2, re.M 8, re.S 16, re.X 64, re.A 256). */
  flags?: number;
  /**
   * Only whether it matches counts, not the span (str.contains, match, fullmatch): a final `$`
   * may then consume the newline it allows, which keeps the pattern free of lookaround, so
   * V8's linear-time fallback (src/sandbox/regexGuard.ts) can take over a pattern that would
   * backtrack for minutes, such as `(a+)+$`.
   */
  test?: boolean;
  /** 'start': re.match (str.match); 'full': re.fullmatch (str.fullmatch). */
  anchor?: 'start' | 'full';
}

/** Which translation is exact for a subject (see pyRegexEmit.ts). */
type VariantKey = 'ascii' | 'unicode-lines' | 'unicode';

/** Non-empty, ASCII, no \r. */
const PLAIN_ASCII = /^[\x00-\x0c\x0e-\x7f]+$/;
/** Line breaks JavaScript's `m` flag honours and Python's MULTILINE does not. */
const OTHER_LINE_BREAK = /[\r\u2028\u2029]/;

function variantFor(s: string): VariantKey {
  if (PLAIN_ASCII.test(s)) return 'ascii';
  return OTHER_LINE_BREAK.test(s) ? 'unicode' : 'unicode-lines';
}

/**
 * A translated pattern that runs, for each subject, the most economical translation exact for
 * it: small ASCII classes and JavaScript's own `\b` for plain-ASCII text, JavaScript's `m` flag
 * where no \r, U+2028 or U+2029 can split lines differently, and the lookaround forms only
 * where needed. Every RegExp entry point (test, exec, and the String methods replace, split,
 * match, matchAll, search) delegates to a plain RegExp, so V8's fast paths apply, and lastIndex
 * is carried across. The instance's own source and flags are the exact Unicode translation.
 */
class PyRegExp extends RegExp {
  static override get [Symbol.species](): RegExpConstructor {
    return RegExp;
  }

  private readonly variants = new Map<VariantKey, RegExp>();

  constructor(
    exact: EmittedRegex,
    jsFlags: string,
    private readonly make: (key: VariantKey) => RegExp,
  ) {
    super(exact.source, jsFlags);
  }

  /** The plain RegExp that runs for this subject (lastIndex carried over). */
  variant(s: unknown): RegExp {
    const key = typeof s === 'string' ? variantFor(s) : 'unicode';
    let re = this.variants.get(key);
    if (!re) {
      re = this.make(key);
      this.variants.set(key, re);
    }
    re.lastIndex = this.lastIndex;
    return re;
  }

  override exec(s: string): RegExpExecArray | null {
    const re = this.variant(s);
    const m = re.exec(s);
    this.lastIndex = re.lastIndex;
    return m;
  }

  override test(s: string): boolean {
    const re = this.variant(s);
    const m = re.test(s);
    this.lastIndex = re.lastIndex;
    return m;
  }

  override [Symbol.replace](s: string, replacement: string | ((substring: string, ...args: unknown[]) => string)): string {
    const re = this.variant(s);
    const out = s.replace(re, replacement as string);
    this.lastIndex = re.lastIndex;
    return out;
  }

  override [Symbol.split](s: string, limit?: number): string[] {
    return s.split(this.variant(s), limit);
  }

  override [Symbol.match](s: string): RegExpMatchArray | null {
    const re = this.variant(s);
    const out = s.match(re);
    this.lastIndex = re.lastIndex;
    return out;
  }

  override [Symbol.matchAll](s: string): RegExpStringIterator<RegExpMatchArray> {
    return this.variant(s)[Symbol.matchAll](s);
  }

  override [Symbol.search](s: string): number {
    return s.search(this.variant(s));
  }
}

const cache = new Map<string, RegExp>();

function toRegExp(pattern: string, make: () => RegExp): RegExp {
  try {
    return make();
  } catch (e) {
    throw new DftablesError('DT208', `invalid regular expression ${JSON.stringify(pattern)}: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`);
  }
}

export function compilePyRegex(pattern: string, opts: PyRegexOptions = {}, global = false): RegExp {
  let flags = opts.flags ?? 0;
  if (opts.ignoreCase) flags |= RE_IGNORECASE;
  const test = opts.test ?? false;
  const key = `${flags}|${global}|${test}|${opts.anchor ?? ''}|${pattern}`;
  const hit = cache.get(key);
  if (hit) {
    hit.lastIndex = 0;
    return hit;
  }
  let parsed: ParsedRegex;
  try {
    parsed = parsePyRegex(pattern, flags);
  } catch (e) {
    if (e instanceof DftablesError && e.code === 'DT208') throw new DftablesError('DT208', `invalid regular expression ${JSON.stringify(pattern)}: ${e.message}`);
    throw e;
  }
  const g = global ? 'g' : '';
  const emitted = new Map<string, RegExp>();
  const make = (variant: VariantKey): RegExp => {
    const out = emitRegex(parsed, { test, anchor: opts.anchor, global, variant: variant === 'ascii' ? 'ascii' : 'unicode', jsLineBreaks: variant !== 'unicode' });
    // Most patterns translate the same for both Unicode subject kinds: share one RegExp.
    const id = `${out.flags}/${out.source}`;
    let re = emitted.get(id);
    if (!re) {
      re = toRegExp(pattern, () => new RegExp(out.source, g + out.flags));
      emitted.set(id, re);
    }
    return re;
  };
  const exact = make('unicode');
  // Only Unicode \b / \B and MULTILINE anchors translate differently per subject.
  const re = subjectDependent(parsed.root) ? new PyRegExp({ source: exact.source, flags: exact.flags }, exact.flags, make) : exact;
  if (cache.size > 500) cache.clear();
  cache.set(key, re);
  return re;
}

/** The plain RegExp a compiled pattern runs for this subject (itself unless it picks per subject). */
export function pyRegexFor(re: RegExp, subject: string): RegExp {
  return re instanceof PyRegExp ? re.variant(subject) : re;
}

/** Python's re.escape. */
export function escapePyRegex(s: string): string {
  return s.replace(/[^A-Za-z0-9_]/g, (c) => (c.charCodeAt(0) > 127 ? c : '\\' + c));
}

/**
 * A Python re.sub replacement template as a JS replacement function: \1, \g<1>, \g<name>,
 * \n and other escapes; `$` is literal.
 */
export function pyReplacement(template: string): (match: string, ...rest: unknown[]) => string {
  const parts: (string | number | { name: string })[] = [];
  let lit = '';
  for (let i = 0; i < template.length; i++) {
    const ch = template[i];
    if (ch !== '\\') {
      lit += ch;
      continue;
    }
    const next = template[i + 1];
    if (next === undefined) throw new DftablesError('DT208', 'bad escape (end of pattern)');
    if (/[0-9]/.test(next)) {
      let j = i + 1;
      let num = '';
      while (j < template.length && /[0-9]/.test(template[j]) && num.length < 2) num += template[j++];
      parts.push(lit, Number(num));
      lit = '';
      i = j - 1;
      continue;
    }
    if (next === 'g' && template[i + 2] === '<') {
      const close = template.indexOf('>', i);
      const name = template.slice(i + 3, close);
      parts.push(lit, /^\d+$/.test(name) ? Number(name) : { name });
      lit = '';
      i = close;
      continue;
    }
    const escapes: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', a: '\x07', b: '\b', f: '\f', v: '\v' };
    if (next in escapes) {
      lit += escapes[next];
      i++;
      continue;
    }
    if (/[A-Za-z]/.test(next)) throw new DftablesError('DT208', `bad escape \\${next} at position ${i}`);
    lit += '\\' + next;
    i++;
  }
  parts.push(lit);
  return (match: string, ...rest: unknown[]) => {
    const last = rest[rest.length - 1];
    const groups = typeof last === 'object' && last !== null ? (last as Record<string, string | undefined>) : undefined;
    const nGroups = rest.length - (groups ? 3 : 2);
    let s = '';
    for (const p of parts) {
      if (typeof p === 'string') s += p;
      else if (typeof p === 'number') {
        if (p === 0) s += match;
        else if (p > nGroups) throw new DftablesError('DT208', `invalid group reference ${p}`);
        else s += (rest[p - 1] as string | undefined) ?? '';
      } else {
        if (!groups || !(p.name in groups)) throw new DftablesError('DT208', `unknown group name '${p.name}'`);
        s += groups[p.name] ?? '';
      }
    }
    return s;
  };
}
