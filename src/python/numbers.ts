/**
 * Python's int (bigint) and float (number) arithmetic where JS differs: true division of ints
 * correctly rounded, floor division and modulo with Python's sign rules, float ** with C99 pow's
 * special cases, exact int/float comparison, and round() on the exact decimal value.
 */
import { DftablesError } from '../errors.js';
import { exactDecimal } from './dtoa.js';
import { libmPow } from './libmPow.js';

/** Results above about 10,000 decimal digits are refused (DT305) before they are computed. */
export const MAX_INT_BITS = 33_220;

export function zeroDivision(message: string): DftablesError {
  return new DftablesError('DT211', message);
}

export function valueError(message: string): DftablesError {
  return new DftablesError('DT208', message);
}

/** Python's OverflowError has no code of its own: it is an invalid value for the operation. */
export function overflowError(message: string): DftablesError {
  return new DftablesError('DT208', message);
}

function tooLarge(): DftablesError {
  return new DftablesError('DT305', 'integer result too large: it would have more than 10000 digits');
}

export function bitLength(n: bigint): number {
  if (n < 0n) n = -n;
  if (n < 0x100000000n) return 32 - Math.clz32(Number(n));
  const hex = n.toString(16);
  return (hex.length - 1) * 4 + (32 - Math.clz32(parseInt(hex[0], 16)));
}

export function intToFloat(v: bigint): number {
  const x = Number(v);
  if (!Number.isFinite(x)) throw overflowError('int too large to convert to float');
  return x;
}

/** x * 2**e without intermediate overflow or underflow. */
function ldexp(x: number, e: number): number {
  while (e > 1000) {
    x *= 2 ** 1000;
    e -= 1000;
  }
  while (e < -1000) {
    x *= 2 ** -1000;
    e += 1000;
  }
  return x * 2 ** e;
}

const EXACT = 2n ** 53n;

/** int / int, correctly rounded as CPython's long_true_divide. */
export function intTrueDiv(a: bigint, b: bigint): number {
  if (b === 0n) throw zeroDivision('division by zero');
  const neg = a < 0n !== b < 0n;
  let n = a < 0n ? -a : a;
  let d = b < 0n ? -b : b;
  if (n <= EXACT && d <= EXACT) return Number(a) / Number(b);
  if (n === 0n) return neg ? -0 : 0;
  const shift = bitLength(d) - bitLength(n) + 55;
  if (shift >= 0) n <<= BigInt(shift);
  else d <<= BigInt(-shift);
  let q = n / d;
  if (n % d !== 0n) q |= 1n; // sticky bit: breaks ties the right way when Number() rounds
  const r = ldexp(Number(q), -shift);
  if (!Number.isFinite(r)) throw overflowError('integer division result too large for a float');
  return neg ? -r : r;
}

export function intFloorDiv(a: bigint, b: bigint): bigint {
  if (b === 0n) throw zeroDivision('integer division or modulo by zero');
  const q = a / b;
  return (a % b !== 0n && a < 0n !== b < 0n) ? q - 1n : q;
}

export function intMod(a: bigint, b: bigint, message = 'integer modulo by zero'): bigint {
  if (b === 0n) throw zeroDivision(message);
  const r = a % b;
  return r !== 0n && r < 0n !== b < 0n ? r + b : r;
}

export function intMul(a: bigint, b: bigint): bigint {
  if (a !== 0n && b !== 0n && bitLength(a) + bitLength(b) > MAX_INT_BITS + 1) throw tooLarge();
  return a * b;
}

export function intShiftLeft(a: bigint, b: bigint): bigint {
  if (b < 0n) throw valueError('negative shift count');
  if (a === 0n) return 0n;
  if (BigInt(bitLength(a)) + b > BigInt(MAX_INT_BITS)) throw tooLarge();
  return a << b;
}

export function intShiftRight(a: bigint, b: bigint): bigint {
  if (b < 0n) throw valueError('negative shift count');
  if (b > BigInt(MAX_INT_BITS)) return a < 0n ? -1n : 0n;
  return a >> b;
}

/** int ** int: an int for exponents >= 0, a float for negative ones. */
export function intPow(a: bigint, b: bigint): bigint | number {
  if (b < 0n) {
    if (a === 0n) throw zeroDivision('0.0 cannot be raised to a negative power');
    return floatPow(intToFloat(a), Number(b));
  }
  if (a === 0n || a === 1n) return b === 0n ? 1n : a;
  if (a === -1n) return b % 2n === 0n ? 1n : -1n;
  if (bitLength(a) * Number(b) > MAX_INT_BITS + bitLength(a)) throw tooLarge();
  return a ** b;
}

/** Python's float divmod (floatobject.c _float_div_mod); b must not be 0. */
function floatDivMod(vx: number, wx: number): [number, number] {
  let mod = vx % wx;
  let div = (vx - mod) / wx;
  // C's `if (mod)` / `if (div)` are true for NaN, JS's are not: compare with 0 explicitly so
  // NaN and inf operands give nan as in Python (1.0 // nan, inf % 7).
  if (mod !== 0) {
    if (wx < 0 !== mod < 0) {
      mod += wx;
      div -= 1.0;
    }
  } else {
    mod = wx < 0 ? -0 : 0;
  }
  let floordiv: number;
  if (div !== 0) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1.0;
  } else {
    const q = vx / wx;
    floordiv = q < 0 || Object.is(q, -0) ? -0 : 0;
  }
  return [floordiv, mod];
}

export function floatFloorDiv(a: number, b: number): number {
  if (b === 0) throw zeroDivision('float floor division by zero');
  return floatDivMod(a, b)[0];
}

export function floatMod(a: number, b: number): number {
  if (b === 0) throw zeroDivision('float modulo');
  return floatDivMod(a, b)[1];
}

/**
 * numpy's float64 arithmetic on two scalars: IEEE results where Python raises (x / 0 is inf,
 * x % 0 is nan), Python's floor rules otherwise. undefined for an operator numpy floats lack.
 */
export function npFloatArith(op: string, x: number, y: number): number | undefined {
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      return x / y;
    case '%':
      return y === 0 ? NaN : floatMod(x, y);
    case '//':
      return y === 0 ? x / y : floatFloorDiv(x, y);
    case '**':
      return libmPow(x, y);
    default:
      return undefined;
  }
}

export function floatDivmod(a: number, b: number): [number, number] {
  if (b === 0) throw zeroDivision('float divmod()');
  return floatDivMod(a, b);
}

export function floatTrueDiv(a: number, b: number): number {
  if (b === 0) throw zeroDivision('float division by zero');
  return a / b;
}

/** float ** float with CPython's float_pow special cases (JS Math.pow differs on 1**nan, (-1)**inf). */
export function floatPow(a: number, b: number): number {
  if (b === 0) return 1.0;
  if (Number.isNaN(a)) return a;
  if (Number.isNaN(b)) return a === 1.0 ? 1.0 : b;
  if (!Number.isFinite(b)) {
    const abs = Math.abs(a);
    if (abs === 1.0) return 1.0;
    return (abs > 1.0) === (b > 0) ? Infinity : 0.0;
  }
  if (!Number.isFinite(a)) return Math.pow(a, b);
  if (a === 0) {
    if (b < 0) throw zeroDivision('0.0 cannot be raised to a negative power');
    return Math.pow(a, b);
  }
  if (a < 0 && !Number.isInteger(b)) {
    throw valueError('a negative number raised to a fractional power is a complex number, which df-table code does not support');
  }
  const r = libmPow(a, b);
  if (!Number.isFinite(r)) throw overflowError("(34, 'Numerical result out of range')");
  return r;
}

/** Sign of i - f, exactly; NaN when f is NaN. */
export function cmpIntFloat(i: bigint, f: number): number {
  if (Number.isNaN(f)) return NaN;
  if (f === Infinity) return -1;
  if (f === -Infinity) return 1;
  const fl = Math.floor(f);
  const bi = BigInt(fl);
  if (i < bi) return -1;
  if (i > bi) return 1;
  return f > fl ? -1 : 0;
}

/** round(x) for a float: half to even, an int. */
export function roundFloatToInt(x: number): bigint {
  if (Number.isNaN(x)) throw valueError('cannot convert float NaN to integer');
  if (!Number.isFinite(x)) throw overflowError('cannot convert float infinity to integer');
  const fl = Math.floor(x);
  const diff = x - fl;
  let r = fl;
  if (diff > 0.5) r = fl + 1;
  else if (diff === 0.5) r = fl % 2 === 0 ? fl : fl + 1;
  return BigInt(r);
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** round(x, ndigits) for a float: the exact decimal value rounded half to even (round(2.675, 2) == 2.67). */
export function roundFloat(x: number, ndigits: number): number {
  if (!Number.isFinite(x) || x === 0) return x;
  if (ndigits > 323) return x;
  if (ndigits < -308) return x < 0 ? -0 : 0;
  const neg = x < 0 || Object.is(x, -0);
  const { coeff, exp } = exactDecimal(Math.abs(x));
  const shift = exp + ndigits; // |x| * 10**ndigits == coeff * 10**shift
  if (shift >= 0) return x;
  const d = pow10(-shift);
  let q = coeff / d;
  const twice = (coeff - q * d) * 2n;
  if (twice > d || (twice === d && q % 2n === 1n)) q += 1n;
  const r = Number(`${q}e${-ndigits}`);
  if (!Number.isFinite(r)) throw overflowError('rounded value too large to represent');
  return neg ? -r : r;
}

/** round(n, ndigits) for an int: unchanged for ndigits >= 0, else half to even at 10**-ndigits. */
export function roundInt(n: bigint, ndigits: bigint): bigint {
  if (ndigits >= 0n) return n;
  if (-ndigits > BigInt(MAX_INT_BITS)) return 0n;
  const p = pow10(Number(-ndigits));
  let q = intFloorDiv(n, p);
  const r = n - q * p;
  const twice = r * 2n;
  if (twice > p || (twice === p && q % 2n !== 0n)) q += 1n;
  return q * p;
}
