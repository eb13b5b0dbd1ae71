/**
 * Exact decimal conversion of doubles, mirroring CPython's _Py_dg_dtoa and PyOS_double_to_string
 * (Python/pystrtod.c, format_float_short). Every finite double is a dyadic rational, so its
 * decimal expansion is finite; we compute it exactly with BigInt and round half-to-even only on
 * exact ties, which is what dtoa does ('%.2f' % 2.675 is '2.67' because the double is below the
 * tie; '%.2f' % 0.125 is '0.12' because it is an exact tie).
 */
import { shortestDigits } from './floatRepr.js';

const bigPow = new Map<string, bigint>();
function pow(base: 5n | 10n, n: number): bigint {
  const key = `${base}^${n}`;
  let v = bigPow.get(key);
  if (v === undefined) {
    v = base ** BigInt(n);
    bigPow.set(key, v);
  }
  return v;
}

/** |x| exactly as coeff * 10**exp (x finite). */
export function exactDecimal(x: number): { coeff: bigint; exp: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e2: number;
  if (biased === 0) {
    e2 = -1074; // subnormal
  } else {
    mant |= 1n << 52n;
    e2 = biased - 1075;
  }
  if (mant === 0n) return { coeff: 0n, exp: 0 };
  if (e2 >= 0) return { coeff: mant << BigInt(e2), exp: 0 };
  // m / 2**k == m * 5**k / 10**k
  return { coeff: mant * pow(5n, -e2), exp: e2 };
}

/** coeff / 10**shift rounded half-to-even (shift > 0). */
function divRoundHalfEven(coeff: bigint, shift: number): bigint {
  const d = pow(10n, shift);
  const q = coeff / d;
  const r = coeff - q * d;
  const twice = r * 2n;
  if (twice > d || (twice === d && q % 2n === 1n)) return q + 1n;
  return q;
}

export interface Digits {
  /** Significant digits without trailing zeros; '' when the value rounded to zero in mode 3. */
  digits: string;
  /** Position of the decimal point relative to the start of `digits` (dtoa's decpt). */
  decpt: number;
  /** The sign bit (true for -0.0 too). */
  neg: boolean;
}

function stripZeros(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 48) end--;
  return s.slice(0, end);
}

/**
 * dtoa for a finite double. mode 0: shortest round-trip digits; mode 2: `ndigits` significant
 * digits (at least 1); mode 3: `ndigits` digits after the decimal point (may be negative).
 */
export function dtoa(x: number, mode: 0 | 2 | 3, ndigits: number): Digits {
  const neg = x < 0 || Object.is(x, -0);
  if (x === 0) return { digits: '0', decpt: 1, neg };
  if (mode === 0) {
    const { digits, exp } = shortestDigits(x);
    return { digits: stripZeros(digits), decpt: exp + 1, neg };
  }
  const { coeff, exp } = exactDecimal(x);
  const len = coeff.toString().length;
  // decimal exponent of the leading digit is len - 1 + exp
  const places = mode === 2 ? Math.max(ndigits, 1) - len - exp : ndigits; // digits kept after the point
  let rounded: bigint;
  let pointShift: number; // rounded * 10**-pointShift is the value
  if (-exp <= places) {
    rounded = coeff;
    pointShift = -exp;
  } else {
    rounded = divRoundHalfEven(coeff, -exp - places);
    pointShift = places;
  }
  if (rounded === 0n) return { digits: '', decpt: -ndigits, neg };
  const s = rounded.toString();
  return { digits: stripZeros(s), decpt: s.length - pointShift, neg };
}

export type FloatCode = 'e' | 'f' | 'g' | 'r';

export interface DoubleFormatFlags {
  /** Always write a sign ('+' for non-negative). */
  sign?: boolean;
  /** Append '.0' to integral results (repr, and format() with no type). */
  addDot0?: boolean;
  /** The '#' alternate form: keep the decimal point and, for 'g', trailing zeros. */
  alt?: boolean;
  /** The 'z' option: drop the sign of a result that rounds to zero. */
  noNeg0?: boolean;
  /** Uppercase 'E', 'INF', 'NAN' ('E', 'F', 'G' types). */
  upper?: boolean;
}

/** PyOS_double_to_string: the text of a double for the 'e', 'f', 'g' and 'r' (repr) codes. */
export function formatDouble(x: number, code: FloatCode, precision: number, flags: DoubleFormatFlags = {}): string {
  if (!Number.isFinite(x)) {
    const word = Number.isNaN(x) ? 'nan' : 'inf';
    const sign = x === -Infinity ? '-' : flags.sign ? '+' : '';
    return sign + (flags.upper ? word.toUpperCase() : word);
  }
  let mode: 0 | 2 | 3;
  let nd = precision;
  switch (code) {
    case 'e':
      mode = 2;
      nd = precision + 1;
      break;
    case 'f':
      mode = 3;
      break;
    case 'g':
      mode = 2;
      if (nd === 0) nd = 1;
      precision = nd;
      break;
    default:
      mode = 0;
  }
  const d = dtoa(x, mode, nd);
  const { digits, neg } = d;
  let decpt = d.decpt;
  const digitsLen = digits.length;
  const addDot0 = !!flags.addDot0;
  const alt = !!flags.alt;

  let useExp = false;
  let vEnd = digitsLen;
  switch (code) {
    case 'e':
      useExp = true;
      vEnd = precision + 1;
      break;
    case 'f':
      vEnd = decpt + precision;
      break;
    case 'g':
      if (decpt <= -4 || decpt > (addDot0 ? precision - 1 : precision)) useExp = true;
      if (alt) vEnd = precision;
      break;
    case 'r':
      if (decpt <= -4 || decpt > 16) useExp = true;
      break;
  }
  let exp = 0;
  if (useExp) {
    exp = decpt - 1;
    decpt = 1;
  }
  const vStart = decpt <= 0 ? decpt - 1 : 0;
  if (!useExp && addDot0) vEnd = vEnd > decpt ? vEnd : decpt + 1;
  else vEnd = vEnd > decpt ? vEnd : decpt;

  let out = '';
  if (decpt <= 0) {
    out += '0'.repeat(decpt - vStart) + '.' + '0'.repeat(-decpt);
  } else {
    out += '0'.repeat(-vStart);
  }
  if (decpt > 0 && decpt <= digitsLen) {
    out += digits.slice(0, decpt) + '.' + digits.slice(decpt);
  } else {
    out += digits;
  }
  if (digitsLen < decpt) {
    out += '0'.repeat(decpt - digitsLen) + '.' + '0'.repeat(vEnd - decpt);
  } else {
    out += '0'.repeat(vEnd - digitsLen);
  }
  if (out.endsWith('.') && !alt) out = out.slice(0, -1);
  if (useExp) {
    const a = Math.abs(exp);
    out += (flags.upper ? 'E' : 'e') + (exp < 0 ? '-' : '+') + (a < 10 ? '0' + a : String(a));
  }

  let negative = neg;
  if (negative && flags.noNeg0 && /^0*$/.test(digits)) negative = false;
  const sign = negative ? '-' : flags.sign ? '+' : '';
  return sign + out;
}
