/**
 * Python's float(str) and int(str) for base 10: surrounding whitespace, a sign, underscores
 * between digits, 'inf' / 'infinity' / 'nan' in any case. Both return null where Python raises
 * ValueError (the caller words the error: "could not convert string to float: 'x'").
 * Non-ASCII decimal digits (Arabic-Indic ٣, Devanagari ३, fullwidth ３) count as their ASCII
 * digit, as CPython's _PyUnicode_TransformDecimalAndSpaceToASCII makes them.
 */

// str.strip() whitespace as CPython defines it (Py_UNICODE_ISSPACE).
const SPACE = '[\\t\\n\\v\\f\\r\\u001c-\\u001f \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]';
const WS = new RegExp(`^${SPACE}+|${SPACE}+$`, 'g');

const DIGITS = '[0-9](?:_?[0-9])*';
const FLOAT_RE = new RegExp(`^[+-]?(?:(?:${DIGITS})(?:\\.(?:${DIGITS})?)?|\\.(?:${DIGITS}))(?:[eE][+-]?(?:${DIGITS}))?$`);
const INT_RE = new RegExp(`^[+-]?${DIGITS}$`);

const NON_ASCII_DIGIT = /(?![0-9])\p{Nd}/gu;
const DECIMAL = /\p{Nd}/u;

/**
 * The ASCII digit of a Unicode decimal digit. Unicode lays decimal digits out in runs of ten
 * from 0 to 9 (the mathematical digits are five such runs back to back), so the value is the
 * distance from the start of the run, modulo ten.
 */
function digitValue(c: string): string {
  const cp = c.codePointAt(0)!;
  let start = cp;
  while (DECIMAL.test(String.fromCodePoint(start - 1))) start--;
  return String((cp - start) % 10);
}

/** `s` with every non-ASCII decimal digit replaced by its ASCII digit. */
export function asciiDigits(s: string): string {
  return s.replace(NON_ASCII_DIGIT, digitValue);
}

/** float(s) for a str, or null when Python raises ValueError. */
export function parsePyFloat(s: string): number | null {
  const t = asciiDigits(s).replace(WS, '');
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
  const t = asciiDigits(s).replace(WS, '');
  if (!INT_RE.test(t)) return null;
  return BigInt(t.replace(/_/g, ''));
}
