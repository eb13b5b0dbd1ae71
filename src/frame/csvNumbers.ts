/**
 * The text-to-number conversions of pandas 1.5.3's C parser (tokenizer.c): precise_xstrtod
 * (read_csv's default float_precision), str_to_int64 / str_to_uint64 and to_boolean.
 *
 * precise_xstrtod is not correctly rounded: it accumulates the first 17 digits (leading zeros
 * count!) in a double and scales by a table of powers of ten, so many inputs differ from JS
 * Number(): '0.12345678901234567' reads as 0.1234567890123456, '0000531133614.854058' as
 * 531133614.854, '9.e231' as 9.000000000000001e+231. Mirroring it keeps read_csv's values
 * bit-identical. It also refuses exponents above 308 and results that overflow ('1e309',
 * '0e400' and '1.8e308' leave the column as text).
 */

/** C's isspace in the "C" locale. */
export function isSpaceAscii(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

// The e[] table of tokenizer.c: each literal 1eN is the double nearest 10**N.
const POW10: number[] = Array.from({ length: 309 }, (_, k) => Number(`1e${k}`));

/**
 * precise_xstrtod with skip_trailing=1. Returns the value, or null where pandas reports an
 * error or leftover characters (the caller then tries inf/Infinity, then gives up on floats).
 */
export function preciseXstrtod(s: string, decimal = '.', tsep: string | null = null): number | null {
  return xstrtodRange(s, 0, s.length, decimal.charCodeAt(0), tsep === null ? -1 : tsep.charCodeAt(0));
}

/**
 * preciseXstrtod over s[from, to), with the decimal and thousands characters as char codes
 * (-1: no thousands separator). read_csv parses cells in place with it, without slicing them.
 */
export function xstrtodRange(s: string, from: number, to: number, dec: number, sep: number): number | null {
  const n = to;
  let p = from;
  while (p < n && isSpaceAscii(s.charCodeAt(p))) p++;
  let negative = false;
  let c = p < n ? s.charCodeAt(p) : -1;
  if (c === 45) {
    negative = true;
    p++;
  } else if (c === 43) p++;

  const maxDigits = 17;
  let number = 0;
  let exponent = 0;
  let numDigits = 0;
  let numDecimals = 0;
  while (p < n && isDigit((c = s.charCodeAt(p)))) {
    if (numDigits < maxDigits) {
      number = number * 10 + (c - 48);
      numDigits++;
    } else exponent++;
    p++;
    if (sep >= 0 && p < n && s.charCodeAt(p) === sep) p++;
  }
  if (p < n && s.charCodeAt(p) === dec) {
    p++;
    while (numDigits < maxDigits && p < n && isDigit((c = s.charCodeAt(p)))) {
      number = number * 10 + (c - 48);
      p++;
      numDigits++;
      numDecimals++;
    }
    if (numDigits >= maxDigits) while (p < n && isDigit(s.charCodeAt(p))) p++;
    exponent -= numDecimals;
  }
  if (numDigits === 0) return null;
  if (negative) number = -number;

  if (p < n && ((c = s.charCodeAt(p)) === 101 || c === 69)) {
    p++;
    let expNegative = false;
    c = p < n ? s.charCodeAt(p) : -1;
    if (c === 45) {
      expNegative = true;
      p++;
    } else if (c === 43) p++;
    let expDigits = 0;
    let e = 0;
    while (expDigits < maxDigits && p < n && isDigit((c = s.charCodeAt(p)))) {
      e = e * 10 + (c - 48);
      expDigits++;
      p++;
    }
    exponent += expNegative ? -e : e;
    // No digits after the 'e': un-consume it (the sign stays consumed, as in C).
    if (expDigits === 0) p--;
  }

  if (exponent > 308) return null; // ERANGE
  if (exponent > 0) number *= POW10[exponent];
  else if (exponent < -308) {
    if (exponent < -616) number = 0;
    else {
      number /= POW10[-308 - exponent];
      number /= POW10[308];
    }
  } else number /= POW10[-exponent];
  if (number === Infinity || number === -Infinity) return null; // ERANGE

  while (p < n && isSpaceAscii(s.charCodeAt(p))) p++;
  return p === n ? number : null;
}

/** _try_double's fallback spellings of infinity (strcasecmp: any letter case). */
export function parseInfinity(s: string): number | null {
  const l = s.toLowerCase();
  if (l === 'inf' || l === '+inf' || l === 'infinity' || l === '+infinity') return Infinity;
  if (l === '-inf' || l === '-infinity') return -Infinity;
  return null;
}

/** A cell as read_csv's float conversion reads it, or null when the column cannot be float. */
export function parseCsvFloat(s: string, decimal = '.', tsep: string | null = null): number | null {
  return preciseXstrtod(s, decimal, tsep) ?? parseInfinity(s);
}

export type IntParse = { ok: true; value: bigint } | { ok: false; error: 'no-digits' | 'invalid' | 'overflow' };

const SIMPLE_INT = /^[+-]?[0-9]+$/;
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/**
 * str_to_int64 (pandas 1.5.3): optional spaces, sign, digits (thousands separators skipped
 * anywhere after the first digit), optional trailing spaces. Overflow is detected while reading
 * digits, before any invalid trailing character.
 */
export function strToInt64(s: string, tsep: string | null = null, max: bigint = INT64_MAX): IntParse {
  const n = s.length;
  if (n > 0 && n < 16 && SIMPLE_INT.test(s)) return { ok: true, value: BigInt(s) }; // fast path: plain digits
  const sep = tsep === null ? -1 : tsep.charCodeAt(0);
  let p = 0;
  while (p < n && isSpaceAscii(s.charCodeAt(p))) p++;
  let neg = false;
  if (s[p] === '-') {
    neg = true;
    p++;
  } else if (s[p] === '+') p++;
  if (!(p < n && isDigit(s.charCodeAt(p)))) return { ok: false, error: 'no-digits' };
  let digits = '';
  for (; p < n; p++) {
    const c = s.charCodeAt(p);
    if (c === sep) continue;
    if (!isDigit(c)) break;
    digits += s[p];
    // Checking every 18 digits keeps BigInt work small while catching overflow where C does.
    if (digits.length > 18) {
      const v = BigInt(digits);
      if (neg ? -v < INT64_MIN : v > max) return { ok: false, error: 'overflow' };
    }
  }
  const v = neg ? -BigInt(digits) : BigInt(digits);
  if (v < INT64_MIN || v > max) return { ok: false, error: 'overflow' };
  while (p < n && isSpaceAscii(s.charCodeAt(p))) p++;
  if (p < n) return { ok: false, error: 'invalid' };
  return { ok: true, value: v };
}

/** str_to_uint64: like strToInt64 up to 2**64-1; a leading '-' only records that a signed value was seen. */
export function strToUint64(s: string, tsep: string | null = null): IntParse | { ok: true; value: null; signed: true } {
  let p = 0;
  while (p < s.length && isSpaceAscii(s.charCodeAt(p))) p++;
  if (s[p] === '-') return { ok: true, value: null, signed: true };
  const r = strToInt64(s.slice(p).replace(/^\+/, ''), tsep, UINT64_MAX);
  if (r.ok && r.value < 0n) return { ok: false, error: 'no-digits' };
  return r;
}

/** to_boolean: 'TRUE' / 'FALSE' in any letter case. */
export function toBoolean(s: string): boolean | null {
  const l = s.toUpperCase();
  if (l === 'TRUE') return true;
  if (l === 'FALSE') return false;
  return null;
}

export { INT64_MAX };
