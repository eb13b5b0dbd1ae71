/**
 * Python's repr(float), which is also str(float) and what pandas' to_csv writes for float64.
 *
 * Both CPython (dtoa mode 0) and V8 produce the shortest digit string that round-trips to the
 * same double, choosing the one closest to the exact value, so JS supplies the digits and this
 * file only lays them out the Python way: fixed notation while the decimal exponent is in
 * [-4, 16), scientific otherwise with a signed exponent of at least two digits, and '.0' on
 * integral values.
 */

/** The shortest round-trip digits of |x| (no leading/trailing zeros except for 0) and its decimal exponent. */
export function shortestDigits(x: number): { digits: string; exp: number } {
  // toExponential() without an argument gives as many digits as needed to round-trip.
  const s = Math.abs(x).toExponential();
  const e = s.indexOf('e');
  const digits = s.slice(0, e).replace('.', '');
  return { digits, exp: Number(s.slice(e + 1)) };
}

/** Python's exponent suffix: 'e+16', 'e-05'. */
export function exponentSuffix(exp: number, letter = 'e'): string {
  const sign = exp < 0 ? '-' : '+';
  const n = Math.abs(exp);
  return letter + sign + (n < 10 ? '0' + n : String(n));
}

/**
 * Lays out significant digits (first digit at decimal exponent `exp`) as Python's repr does.
 * `addDot0` appends '.0' to integral fixed-notation results (repr); format(x, '') does the same.
 */
export function layoutRepr(digits: string, exp: number, addDot0 = true): string {
  if (exp < -4 || exp >= 16) {
    const mant = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
    return mant + exponentSuffix(exp);
  }
  if (exp < 0) return '0.' + '0'.repeat(-exp - 1) + digits;
  if (digits.length <= exp + 1) {
    const int = digits + '0'.repeat(exp + 1 - digits.length);
    return addDot0 ? int + '.0' : int;
  }
  return digits.slice(0, exp + 1) + '.' + digits.slice(exp + 1);
}

/** repr(float): '2693.0', '1e-05', '33333.333333333336', '1e+16', 'inf', '-inf', 'nan', '-0.0'. */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  const neg = x < 0 || Object.is(x, -0);
  if (x === 0) return neg ? '-0.0' : '0.0';
  const abs = neg ? -x : x;
  if (abs >= 1e-4 && abs < 1e16) {
    // Fast path: here JS and Python both write fixed notation with the same shortest digits;
    // only Python's '.0' on integral values differs.
    const s = String(x);
    return s.includes('.') ? s : s + '.0';
  }
  const { digits, exp } = shortestDigits(x);
  return (neg ? '-' : '') + layoutRepr(digits, exp);
}
