/**
 * Python's float(str) and int(str) for base 10: surrounding whitespace, a sign, underscores
 * between digits, 'inf' / 'infinity' / 'nan' in any case. Both return null where Python raises
 * ValueError (the caller words the error: "could not convert string to float: 'x'").
 * Non-ASCII decimal digits, which CPython also accepts, are not handled.
 */

// str.strip() whitespace as CPython defines it (Py_UNICODE_ISSPACE).
const SPACE = '[\\t\\n\\v\\f\\r\\u001c-\\u001f \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const WS = new RegExp(`^${SPACE}+|${SPACE}+$`, 'g');

const DIGITS = '[0-9](?:_?[0-9])*';
const FLOAT_RE = new RegExp(`^[+-]?(?:(?:${DIGITS})(?:\\.(?:${DIGITS})?)?|\\.(?:${DIGITS}))(?:[eE][+-]?(?:${DIGITS}))?$`);
const INT_RE = new RegExp(`^[+-]?${DIGITS}$`);

/** float(s) for a str, or null when Python raises ValueError. */
export function parsePyFloat(s: string): number | null {
  const t = s.replace(WS, '');
  const lower = t.toLowerCase();
  const body = lower.replace(/^[+-]/, '');
  const sign = lower.startsWith('-') ? -1 : 1;
  if (body === 'inf' || body === 'infinity') return sign * Infinity;
  if (body === 'nan') return NaN;
  if (!FLOAT_RE.test(t)) return null;
  return Number(t.replace(/_/g, ''));
}

/** int(s) for a str in base 10, or null when Python raises ValueError. */
export function parsePyInt(s: string): bigint | null {
  const t = s.replace(WS, '');
  if (!INT_RE.test(t)) return null;
  return BigInt(t.replace(/_/g, ''));
}
