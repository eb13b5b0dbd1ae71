/**
 * Backslash escapes of Python string literals. Unknown escapes (`\q`) stay as written, as in
 * Python. `\N{...}` knows a table of names common in documentation (dashes, spaces, units,
 * marks); other names are refused with Python's message.
 */

/** A few Unicode names by value; Node has no Unicode name database. */
const UNICODE_NAMES = new Map<string, string>([
  ['EN DASH', '\u2013'],
  ['EM DASH', '\u2014'],
  ['HYPHEN', '\u2010'],
  ['NON-BREAKING HYPHEN', '\u2011'],
  ['MINUS SIGN', '\u2212'],
  ['NO-BREAK SPACE', '\u00a0'],
  ['NARROW NO-BREAK SPACE', '\u202f'],
  ['THIN SPACE', '\u2009'],
  ['EN SPACE', '\u2002'],
  ['EM SPACE', '\u2003'],
  ['SPACE', ' '],
  ['ZERO WIDTH SPACE', '\u200b'],
  ['DEGREE SIGN', '\u00b0'],
  ['MICRO SIGN', '\u00b5'],
  ['GREEK SMALL LETTER MU', '\u03bc'],
  ['MULTIPLICATION SIGN', '\u00d7'],
  ['DIVISION SIGN', '\u00f7'],
  ['PLUS-MINUS SIGN', '\u00b1'],
  ['BULLET', '\u2022'],
  ['MIDDLE DOT', '\u00b7'],
  ['HORIZONTAL ELLIPSIS', '\u2026'],
  ['CHECK MARK', '\u2713'],
  ['HEAVY CHECK MARK', '\u2714'],
  ['BALLOT X', '\u2717'],
  ['CROSS MARK', '\u274c'],
  ['WHITE HEAVY CHECK MARK', '\u2705'],
  ['RIGHTWARDS ARROW', '\u2192'],
  ['LEFTWARDS ARROW', '\u2190'],
  ['UPWARDS ARROW', '\u2191'],
  ['DOWNWARDS ARROW', '\u2193'],
  ['LESS-THAN OR EQUAL TO', '\u2264'],
  ['GREATER-THAN OR EQUAL TO', '\u2265'],
  ['NOT EQUAL TO', '\u2260'],
  ['ALMOST EQUAL TO', '\u2248'],
  ['INFINITY', '\u221e'],
  ['EURO SIGN', '\u20ac'],
  ['POUND SIGN', '\u00a3'],
  ['YEN SIGN', '\u00a5'],
  ['DOLLAR SIGN', '$'],
  ['PERCENT SIGN', '%'],
  ['COPYRIGHT SIGN', '\u00a9'],
  ['REGISTERED SIGN', '\u00ae'],
  ['TRADE MARK SIGN', '\u2122'],
  ['SECTION SIGN', '\u00a7'],
  ['PILCROW SIGN', '\u00b6'],
  ['LEFT-POINTING DOUBLE ANGLE QUOTATION MARK', '\u00ab'],
  ['RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK', '\u00bb'],
  ['LEFT DOUBLE QUOTATION MARK', '\u201c'],
  ['RIGHT DOUBLE QUOTATION MARK', '\u201d'],
  ['LEFT SINGLE QUOTATION MARK', '\u2018'],
  ['RIGHT SINGLE QUOTATION MARK', '\u2019'],
  ['SUPERSCRIPT TWO', '\u00b2'],
  ['SUPERSCRIPT THREE', '\u00b3'],
  ['VULGAR FRACTION ONE HALF', '\u00bd'],
  ['BLACK STAR', '\u2605'],
  ['WHITE STAR', '\u2606'],
  ['BLACK SQUARE', '\u25a0'],
  ['WHITE SQUARE', '\u25a1'],
  ['BLACK CIRCLE', '\u25cf'],
  ['WHITE CIRCLE', '\u25cb'],
  ['LARGE GREEN CIRCLE', '\u{1f7e2}'],
  ['LARGE RED CIRCLE', '\u{1f534}'],
  ['LARGE YELLOW CIRCLE', '\u{1f7e1}'],
  ['WARNING SIGN', '\u26a0'],
  ['LATIN SMALL LETTER SHARP S', '\u00df'],
  ['LINE FEED', '\n'],
  ['CHARACTER TABULATION', '\t'],
]);

export interface EscapeError {
  message: string;
}

function codecError(start: number, end: number, what: string): EscapeError {
  return { message: `(unicode error) 'unicodeescape' codec can't decode bytes in position ${start}-${end}: ${what}` };
}

const SIMPLE: Record<string, string> = {
  '\n': '',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

const HEX = /^[0-9a-fA-F]$/;

/** Decodes the escapes of a non-raw string body; returns Python's error for a malformed one. */
export function decodeEscapes(body: string): string | EscapeError {
  if (!body.includes('\\')) return body;
  let out = '';
  let i = 0;
  while (i < body.length) {
    const c = body[i];
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const e = body[i + 1];
    if (e === undefined) {
      out += '\\';
      i++;
      continue;
    }
    if (Object.prototype.hasOwnProperty.call(SIMPLE, e)) {
      out += SIMPLE[e];
      i += 2;
      continue;
    }
    if (e >= '0' && e <= '7') {
      let j = i + 1;
      let n = 0;
      while (j < body.length && j < i + 4 && body[j] >= '0' && body[j] <= '7') n = n * 8 + Number(body[j++]);
      out += String.fromCodePoint(n);
      i = j;
      continue;
    }
    if (e === 'x' || e === 'u' || e === 'U') {
      const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
      let j = i + 2;
      while (j < body.length && j < i + 2 + len && HEX.test(body[j])) j++;
      if (j - (i + 2) < len) {
        const name = e === 'x' ? '\\xXX' : e === 'u' ? '\\uXXXX' : '\\UXXXXXXXX';
        return codecError(i, j - 1, `truncated ${name} escape`);
      }
      const cp = parseInt(body.slice(i + 2, j), 16);
      if (cp > 0x10ffff) return codecError(i, j - 1, 'illegal Unicode character');
      out += String.fromCodePoint(cp);
      i = j;
      continue;
    }
    if (e === 'N') {
      const close = body[i + 2] === '{' ? body.indexOf('}', i + 3) : -1;
      if (close < 0) return codecError(i, i + 1, 'malformed \\N character escape');
      const name = body.slice(i + 3, close).toUpperCase();
      const ch = UNICODE_NAMES.get(name);
      if (ch === undefined) return codecError(i, close, 'unknown Unicode character name');
      out += ch;
      i = close + 1;
      continue;
    }
    // Python keeps unknown escapes as written (with a DeprecationWarning).
    out += '\\' + e;
    i += 2;
  }
  return out;
}
