/**
 * Python semantics for operators on single values, for object columns (numpy applies the Python
 * operator to each element) and for reductions that return Python scalars. Only the value kinds
 * cells hold: None, bool, int (bigint), float, str.
 */
import { DftablesError } from '../errors.js';
import { libmPow } from '../python/libmPow.js';
import { PyTypeError, typeName, type BinaryOperator, type CompareOperator, type PyValue } from '../python/values.js';

export function zeroDivision(message: string): DftablesError {
  return new DftablesError('DT211', message);
}

function isNum(v: PyValue): v is number | bigint | boolean {
  return typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean';
}

function toBig(v: bigint | boolean): bigint {
  return typeof v === 'boolean' ? (v ? 1n : 0n) : v;
}

function toNum(v: number | bigint | boolean): number {
  return typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : v ? 1 : 0;
}

/** numpy/Python floor division of floats (npy_divmod). */
export function floatFloorDiv(a: number, b: number): number {
  if (b === 0) return a / b;
  // C's `if (x)` is true for NaN; JS's is not, hence the explicit `!== 0` tests.
  const mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0) {
    if (b < 0 !== mod < 0) div -= 1;
  }
  let floordiv: number;
  if (div !== 0) {
    floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1;
  } else {
    floordiv = (a / b < 0 || Object.is(a / b, -0)) ? -0 : 0;
  }
  return floordiv;
}

/** numpy/Python remainder of floats: the sign of the divisor. */
export function floatMod(a: number, b: number): number {
  if (b === 0) return NaN;
  let mod = a % b;
  if (mod !== 0) {
    if (b < 0 !== mod < 0) mod += b;
  } else {
    mod = b < 0 ? -0 : 0;
  }
  return mod;
}

function bigFloorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

function bigMod(a: bigint, b: bigint): bigint {
  const r = a % b;
  return r !== 0n && (r < 0n) !== (b < 0n) ? r + b : r;
}

function unsupported(op: string, a: PyValue, b: PyValue): DftablesError {
  return new PyTypeError(`unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
}

/** `a op b` for two Python scalars. */
export function pyBinary(op: BinaryOperator, a: PyValue, b: PyValue): PyValue {
  if (isNum(a) && isNum(b)) {
    if (op === '&' || op === '|' || op === '^') {
      if (typeof a === 'number' || typeof b === 'number') throw unsupported(op, a, b);
      if (typeof a === 'boolean' && typeof b === 'boolean') {
        return op === '&' ? a && b : op === '|' ? a || b : a !== b;
      }
      const x = toBig(a);
      const y = toBig(b);
      return op === '&' ? x & y : op === '|' ? x | y : x ^ y;
    }
    if (typeof a === 'number' || typeof b === 'number') return floatBinary(op, toNum(a), toNum(b));
    return intBinary(op, toBig(a), toBig(b));
  }
  if (typeof a === 'string' && typeof b === 'string') {
    if (op === '+') return a + b;
    throw unsupported(op, a, b);
  }
  if (op === '*' && typeof a === 'string' && (typeof b === 'bigint' || typeof b === 'boolean')) return repeat(a, toBig(b));
  if (op === '*' && typeof b === 'string' && (typeof a === 'bigint' || typeof a === 'boolean')) return repeat(b, toBig(a));
  if (op === '*' && (typeof a === 'string' || typeof b === 'string') && (typeof a === 'number' || typeof b === 'number')) {
    throw new PyTypeError(`can't multiply sequence by non-int of type 'float'`);
  }
  if (op === '+' && typeof a === 'string') throw new PyTypeError(`can only concatenate str (not "${typeName(b)}") to str`);
  throw unsupported(op, a, b);
}

function repeat(s: string, n: bigint): string {
  if (n <= 0n) return '';
  if (BigInt(s.length) * n > 100_000_000n) throw new DftablesError('DT305', 'string too long');
  return s.repeat(Number(n));
}

function floatBinary(op: BinaryOperator, x: number, y: number): number {
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      if (y === 0) throw zeroDivision('float division by zero');
      return x / y;
    case '//':
      if (y === 0) throw zeroDivision('float floor division by zero');
      return floatFloorDiv(x, y);
    case '%':
      if (y === 0) throw zeroDivision('float modulo');
      return floatMod(x, y);
    case '**':
      if (x === 0 && y < 0) throw zeroDivision('0.0 cannot be raised to a negative power');
      if (x < 0 && !Number.isInteger(y) && Number.isFinite(y)) {
        throw new PyTypeError('complex results are not supported');
      }
      return libmPow(x, y);
    default:
      throw new PyTypeError(`unsupported operand type(s) for ${op}: 'float' and 'float'`);
  }
}

function intBinary(op: BinaryOperator, x: bigint, y: bigint): PyValue {
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      if (y === 0n) throw zeroDivision('division by zero');
      return intTrueDiv(x, y);
    case '//':
      if (y === 0n) throw zeroDivision('integer division or modulo by zero');
      return bigFloorDiv(x, y);
    case '%':
      if (y === 0n) throw zeroDivision('integer division or modulo by zero');
      return bigMod(x, y);
    case '**':
      if (y < 0n) {
        if (x === 0n) throw zeroDivision('0.0 cannot be raised to a negative power');
        return libmPow(Number(x), Number(y));
      }
      if (y > 100_000n && x !== 0n && x !== 1n && x !== -1n) throw new DftablesError('DT305', 'integer power too large');
      return x ** y;
    default:
      throw new PyTypeError(`unsupported operand type(s) for ${op}: 'int' and 'int'`);
  }
}

function intTrueDiv(x: bigint, y: bigint): number {
  const lim = 2n ** 53n;
  const ax = x < 0n ? -x : x;
  const ay = y < 0n ? -y : y;
  if (ax <= lim && ay <= lim) return Number(x) / Number(y);
  // Large ints: scale to keep 64+ significant bits of the quotient, then one rounding.
  const q = (x * 2n ** 128n) / y;
  return Number(q) / 2 ** 128;
}

function cmpResult(op: CompareOperator, c: number): boolean {
  switch (op) {
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
    case '==':
      return c === 0;
    case '!=':
      return c !== 0;
  }
}

/** Code-point order of two JS strings (JS compares UTF-16 units, which misorders astral characters). */
export function compareStr(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x !== y) {
      if (x >= 0xd800 && y >= 0xd800) {
        x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
        y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
      }
      return x < y ? -1 : 1;
    }
  }
  return a.length - b.length;
}

/**
 * `a op b` for two Python scalars: numbers compare by value, str by code point, == across other
 * types is False, ordering across types raises Python's TypeError.
 */
export function pyCompare(op: CompareOperator, a: PyValue, b: PyValue): boolean {
  if (isNum(a) && isNum(b)) {
    if (typeof a === 'number' || typeof b === 'number') {
      const x = toNum(a);
      const y = toNum(b);
      switch (op) {
        case '<':
          return x < y;
        case '<=':
          return x <= y;
        case '>':
          return x > y;
        case '>=':
          return x >= y;
        case '==':
          return x === y;
        case '!=':
          return x !== y;
      }
    }
    const x = toBig(a);
    const y = toBig(b);
    return cmpResult(op, x < y ? -1 : x > y ? 1 : 0);
  }
  if (typeof a === 'string' && typeof b === 'string') return cmpResult(op, compareStr(a, b));
  if (op === '==') return pyEquals(a, b);
  if (op === '!=') return !pyEquals(a, b);
  throw new PyTypeError(`'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

export function pyEquals(a: PyValue, b: PyValue): boolean {
  if (a === b) return !(typeof a === 'number' && a !== a);
  if (isNum(a) && isNum(b)) return pyCompare('==', a, b);
  return false;
}

/** Python's `a < b` for sorting values of one column (TypeError across str and numbers). */
export function pyLess(a: PyValue, b: PyValue): boolean {
  return pyCompare('<', a, b);
}
