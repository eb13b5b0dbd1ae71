/**
 * The two roundings a page meets, which disagree on purpose:
 *
 * - numpy's round (Series.round, DataFrame.round, np.round): scale by a power of ten, rint,
 *   scale back, all in float arithmetic. round(2.675, 2) is 2.68 because 2.675 * 100 is exactly
 *   267.5 in doubles; round(1.005, 2) is 1.0 because 1.005 * 100 is 100.49999999999999.
 * - Python's round(float, n): correctly rounded on the exact binary value. round(2.675, 2) is
 *   2.67 because the double 2.675 is slightly below the tie.
 */
import { DftablesError } from '../errors.js';
import { dtoa } from '../python/dtoa.js';

/** C's rint in the default rounding mode: nearest, ties to even; keeps the sign of zero. */
export function rint(y: number): number {
  if (!Number.isFinite(y)) return y;
  const f = Math.floor(y);
  const diff = y - f; // exact: f and y share the exponent range below 2**52, and above it y is integral
  let r: number;
  if (diff < 0.5) r = f;
  else if (diff > 0.5) r = f + 1;
  else r = f % 2 === 0 ? f : f + 1;
  if (r === 0) return y < 0 || Object.is(y, -0) ? -0 : 0;
  return r;
}

/** numpy's power_of_ten: a table up to 1e8, then repeated multiplication (inexact past 1e22, as in numpy). */
function powerOfTen(n: number): number {
  const table = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8];
  if (n < 9) return table[n];
  let ret = 1e9;
  while (n-- > 9) ret *= 10;
  return ret;
}

/** numpy.round(x, decimals) for a float64 (PyArray_Round): NaN and inf pass through. */
export function npRound(x: number, decimals: number): number {
  if (decimals === 0) return rint(x);
  if (decimals > 0) {
    const f = powerOfTen(decimals);
    return rint(x * f) / f;
  }
  const f = powerOfTen(-decimals);
  return rint(x / f) * f;
}

// float.__round__: beyond these ndigits a double rounds to itself / to a signed zero.
const NDIGITS_MAX = Math.trunc((53 + 1021) * 0.30103);
const NDIGITS_MIN = -Math.trunc((1024 + 1) * 0.30103);

/**
 * Python's round(x, ndigits) for a float: correctly rounded, ties to even on the exact value.
 * Without ndigits Python returns an int: this returns the integral double (the caller makes it
 * an int) and raises Python's errors for inf and NaN.
 */
export function pyRound(x: number, ndigits?: number): number {
  if (ndigits === undefined) {
    if (Number.isNaN(x)) throw new DftablesError('DT208', 'cannot convert float NaN to integer');
    if (!Number.isFinite(x)) throw new DftablesError('DT208', 'cannot convert float infinity to integer');
    return rint(x);
  }
  if (!Number.isFinite(x)) return x;
  if (ndigits > NDIGITS_MAX) return x;
  if (ndigits < NDIGITS_MIN) return 0 * x;
  // double_round: dtoa mode 3, then strtod of '<sign>0<digits>e<exp>'.
  const { digits, decpt, neg } = dtoa(x, 3, ndigits);
  const rounded = Number(`${neg ? '-' : ''}0${digits}e${decpt - digits.length}`);
  if (!Number.isFinite(rounded)) throw new DftablesError('DT208', 'rounded value too large to represent');
  return rounded;
}

/** Python's round(int, ndigits): exact, ties to even (round(1250, -2) == 1200, round(1350, -2) == 1400). */
export function pyRoundInt(n: bigint, ndigits: number): bigint {
  if (ndigits >= 0) return n;
  const q = 10n ** BigInt(-ndigits);
  // _PyLong_DivmodNear: quotient rounded half-to-even.
  let div = n / q;
  let rem = n - div * q;
  if (rem < 0n) {
    div -= 1n;
    rem += q;
  }
  const twice = rem * 2n;
  if (twice > q || (twice === q && div % 2n !== 0n)) div += 1n;
  return div * q;
}
