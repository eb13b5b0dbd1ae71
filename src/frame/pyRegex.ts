/**
 * Python `re` patterns and replacement strings as JavaScript RegExps. The syntaxes agree on
 * everything pages use (classes, groups, quantifiers, anchors, alternation, lookaround); this
 * rewrites the parts that differ: named groups (?P<n>..) and (?P=n), \A and \Z, leading inline
 * flags (?i), and Python's `$` (which also matches before a final newline).
 */
import { DftablesError } from '../errors.js';

export interface PyRegexOptions {
  ignoreCase?: boolean;
  /** re.MULTILINE, re.DOTALL flag bits as Python numbers them. */
  flags?: number;
  /**
   * Only whether it matches counts, not the span (str.contains, match, fullmatch): a final `$`
   * may then consume the newline it allows, which keeps the pattern free of lookaround, so
   * V8's linear-time fallback (src/sandbox/regexGuard.ts) can take over a pattern that would
   * backtrack for minutes, such as `(a+)+$`.
   */
  test?: boolean;
}

const RE_IGNORECASE = 2;
const RE_MULTILINE = 8;
const RE_DOTALL = 16;

const cache = new Map<string, RegExp>();

export function compilePyRegex(pattern: string, opts: PyRegexOptions = {}, global = false): RegExp {
  let flags = opts.flags ?? 0;
  if (opts.ignoreCase) flags |= RE_IGNORECASE;
  const test = opts.test ?? false;
  const key = `${flags}|${global}|${test}|${pattern}`;
  const hit = cache.get(key);
  if (hit) {
    hit.lastIndex = 0;
    return hit;
  }
  let src = pattern;
  // Leading global inline flags: (?i), (?s), (?m), (?x is not supported).
  const inline = /^\(\?([aiLmsux]+)\)/.exec(src);
  if (inline) {
    for (const f of inline[1]) {
      if (f === 'i') flags |= RE_IGNORECASE;
      else if (f === 'm') flags |= RE_MULTILINE;
      else if (f === 's') flags |= RE_DOTALL;
      else if (f === 'x') throw new DftablesError('DT212', 'verbose regular expressions (?x) are not supported by dftables');
    }
    src = src.slice(inline[0].length);
  }
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (ch === '\\') {
      const next = src[i + 1] ?? '';
      // Without the m flag, JS's ^ and $ are already the absolute start and end.
      if (!inClass && next === 'A') out += flags & RE_MULTILINE ? '^(?<![\\s\\S])' : '^';
      else if (!inClass && next === 'Z') out += flags & RE_MULTILINE ? '(?![\\s\\S])' : '$';
      else out += ch + next;
      i++;
      continue;
    }
    if (inClass) {
      if (ch === ']') inClass = false;
      out += ch;
      continue;
    }
    if (ch === '[') {
      inClass = true;
      out += ch;
      // a ']' right after '[' or '[^' is literal in Python
      if (src[i + 1] === '^') {
        out += '^';
        i++;
      }
      if (src[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (ch === '(' && src.startsWith('(?P<', i)) {
      out += '(?<';
      i += 3;
      continue;
    }
    if (ch === '(' && src.startsWith('(?P=', i)) {
      const close = src.indexOf(')', i);
      out += `\\k<${src.slice(i + 4, close)}>`;
      i = close;
      continue;
    }
    if (ch === '$' && !(flags & RE_MULTILINE)) {
      // Python's $ also matches just before a newline that ends the string.
      const last = i + 1 === src.length || src[i + 1] === '|' || src[i + 1] === ')';
      out += test && last ? '\\n?$' : '(?=\\n?(?![\\s\\S]))';
      continue;
    }
    out += ch;
  }
  let jsFlags = global ? 'g' : '';
  if (flags & RE_IGNORECASE) jsFlags += 'i';
  if (flags & RE_MULTILINE) jsFlags += 'm';
  if (flags & RE_DOTALL) jsFlags += 's';
  let re: RegExp;
  try {
    re = new RegExp(out, jsFlags);
  } catch (e) {
    throw new DftablesError('DT208', `invalid regular expression ${JSON.stringify(pattern)}: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`);
  }
  if (cache.size > 500) cache.clear();
  cache.set(key, re);
  return re;
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
