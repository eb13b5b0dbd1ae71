/**
 * str() and repr() of Python values, as CPython writes them: the quote choice and escapes of
 * str.__repr__, floats via repr(float), containers with their element reprs.
 */
import { DftablesError } from '../errors.js';
import { floatRepr } from './floatRepr.js';
import { PyDict, PyList, PyObject, PyTuple, type PyValue } from './values.js';

// Python's str.isprintable() is false for these general categories (the space is the one
// printable separator). JS property escapes use a newer Unicode than CPython 3.11 (14.0),
// which only matters for characters assigned since.
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** CPython 3.11 refuses to convert ints of more than 4300 digits to decimal text. */
const MAX_INT_DIGITS = 4300;

export function intToDecimal(v: bigint): string {
  const s = v.toString();
  if (s.length - (v < 0n ? 1 : 0) > MAX_INT_DIGITS) {
    throw new DftablesError(
      'DT208',
      `Exceeds the limit (${MAX_INT_DIGITS} digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit`,
    );
  }
  return s;
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

function escapeCodePoint(cp: number): string {
  if (cp <= 0xff) return '\\x' + hex(cp, 2);
  if (cp <= 0xffff) return '\\u' + hex(cp, 4);
  return '\\U' + hex(cp, 8);
}

/** repr(str): single quotes unless the text has a ' and no ", with Python's escapes. */
export function strRepr(s: string, asciiOnly = false): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  // for..of walks code points; lone surrogates come out as themselves and are escaped.
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\t') out += '\\t';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + hex(cp, 2);
    else if (cp < 0x7f) out += ch;
    else if (asciiOnly || NON_PRINTABLE.test(ch)) out += escapeCodePoint(cp);
    else out += ch;
  }
  return out + quote;
}

function reprInner(v: PyValue, seen: Set<object>, asciiOnly: boolean): string {
  if (v === null) return 'None';
  switch (typeof v) {
    case 'boolean':
      return v ? 'True' : 'False';
    case 'bigint':
      return intToDecimal(v);
    case 'number':
      return floatRepr(v);
    case 'string':
      return strRepr(v, asciiOnly);
  }
  if (v instanceof PyObject) return asciiOnly ? asciiEscape(v.repr()) : v.repr();
  // Containers that contain themselves print as [...], (...), {...}.
  if (seen.has(v)) return v instanceof PyList ? '[...]' : v instanceof PyTuple ? '(...)' : '{...}';
  seen.add(v);
  try {
    if (v instanceof PyList) return '[' + v.items.map((x) => reprInner(x, seen, asciiOnly)).join(', ') + ']';
    if (v instanceof PyTuple) {
      const parts = v.items.map((x) => reprInner(x, seen, asciiOnly));
      return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(', ')})`;
    }
    if (v instanceof PyDict) {
      return '{' + v.items().map(([k, x]) => reprInner(k, seen, asciiOnly) + ': ' + reprInner(x, seen, asciiOnly)).join(', ') + '}';
    }
  } finally {
    seen.delete(v);
  }
  return String(v);
}

/** Escapes every non-ASCII character the way ascii() does. */
function asciiEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    out += cp < 0x80 ? ch : escapeCodePoint(cp);
  }
  return out;
}

/** repr(v). */
export function pyRepr(v: PyValue): string {
  return reprInner(v, new Set(), false);
}

/** ascii(v): repr with non-ASCII characters escaped. */
export function pyAscii(v: PyValue): string {
  return reprInner(v, new Set(), true);
}

/** str(v): strings as themselves, everything else as repr (objects via their repr()). */
export function pyStr(v: PyValue): string {
  if (typeof v === 'string') return v;
  return pyRepr(v);
}
