/**
 * Element-wise arithmetic, comparison and logical operators on columns, with numpy's dtype rules
 * (int op int -> int64, / -> float64, bool + int -> int64) and pandas' fix-ups (int // 0 -> inf,
 * int % 0 -> NaN, comparisons with NaN are False except !=). Object columns apply the Python
 * operator per element, skipping missing values as pandas' masked ops do.
 */
import { DftablesError } from '../errors.js';
import { libmPow } from '../python/libmPow.js';
import { PyTypeError, typeName, type BinaryOperator, type CompareOperator, type PyValue, type UnaryOperator } from '../python/values.js';
import type { Column, DType } from './column.js';
import { bigAt, boolCol, cellAt, floatCol, inInt64, intCol, intColumnOf, isNA, isWideInt, objCol } from './dtypes.js';
import { floatFloorDiv, floatMod, pyBinary, pyCompare } from './scalarOps.js';

export type Operand = { col: Column; scalar?: undefined } | { col?: undefined; scalar: PyValue };

type NumKind = 'int64' | 'float64' | 'bool';

function numKind(o: Operand): NumKind | null {
  if (o.col) return o.col.dtype === 'object' ? null : o.col.dtype;
  const v = o.scalar;
  if (typeof v === 'bigint') {
    // numpy: an int beyond int64 but within uint64 meets int64 as float64; beyond that it is an object.
    if (inInt64(v)) return 'int64';
    return v < 2n ** 64n && v > 0n ? 'float64' : null;
  }
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'boolean') return 'bool';
  return null;
}

/** A numeric operand as an accessor: typed array or a repeated scalar. */
function numArray(o: Operand, n: number): ArrayLike<number> {
  if (o.col) return o.col.data as ArrayLike<number>;
  const v = o.scalar;
  const x = typeof v === 'bigint' ? Number(v) : typeof v === 'boolean' ? (v ? 1 : 0) : (v as number);
  return new Float64Array(n).fill(x);
}

/** What numpy calls the operand's dtype in error messages: dtype('int64'), dtype('<U1'). */
function npDtypeRepr(o: Operand): string {
  if (o.col) return o.col.dtype === 'object' ? 'dtype(\'O\')' : `dtype('${o.col.dtype}')`;
  const v = o.scalar;
  if (typeof v === 'string') return `dtype('<U${[...v].length}')`;
  if (typeof v === 'bigint') return "dtype('int64')";
  if (typeof v === 'number') return "dtype('float64')";
  if (typeof v === 'boolean') return "dtype('bool')";
  return "dtype('O')";
}

const UFUNC: Record<string, string> = {
  '+': 'add',
  '-': 'subtract',
  '*': 'multiply',
  '/': 'true_divide',
  '//': 'floor_divide',
  '%': 'remainder',
  '**': 'power',
};

const TEXT_HINT = 'The column holds text: convert it with .astype(float) (or pd.to_numeric) before doing arithmetic, or .astype(str) to join text.';

function cellOf(o: Operand, i: number): PyValue {
  return o.col ? cellAt(o.col, i) : o.scalar!;
}

/** `left op right`, element-wise over n rows (operands are already aligned). */
export function binaryColumns(op: BinaryOperator, left: Operand, right: Operand, n: number): Column {
  if (op === '&' || op === '|' || op === '^') return logicalColumns(op, left, right, n);
  if (op === '@') throw new DftablesError('DT212', "the matrix product '@' is not supported by dftables");
  // int64 beyond 2**53 (a wide column or a big int scalar): exact 64-bit arithmetic.
  if (isWide(left) || isWide(right)) {
    if (intLikeOperand(left) && intLikeOperand(right)) return exactIntBinary(op, left, right, n);
    const asFloat = (o: Operand): Operand => (o.col && isWideInt(o.col) ? { col: floatCol(Float64Array.from(o.col.data as bigint[], Number)) } : o);
    left = asFloat(left);
    right = asFloat(right);
  }
  const lk = numKind(left);
  const rk = numKind(right);
  if (lk && rk) return numericBinary(op, lk, rk, numArray(left, n), numArray(right, n), n);
  // A numeric column against a str scalar: numpy has no loop for it (the message is numpy's).
  if ((lk && left.col && typeof right.scalar === 'string') || (rk && right.col && typeof left.scalar === 'string')) {
    throw new PyTypeError(
      `ufunc '${UFUNC[op]}' did not contain a loop with signature matching types (${npDtypeRepr(left)}, ${npDtypeRepr(right)}) -> None`,
      TEXT_HINT,
    );
  }
  // Nullable Int64 with ints stays Int64, pd.NA propagating.
  const nullableInt = isNullableInt(left) || isNullableInt(right);
  const intLike = (o: Operand) => isNullableInt(o) || o.col?.dtype === 'int64' || o.col?.dtype === 'bool' || typeof o.scalar === 'bigint' || typeof o.scalar === 'boolean';
  const keepInt = nullableInt && intLike(left) && intLike(right) && op !== '/';
  // Object arithmetic: Python's operator per element; pandas retries on the non-missing
  // elements only, so NaN/None give NaN.
  const out = new Array<PyValue>(n);
  for (let i = 0; i < n; i++) {
    const a = cellOf(left, i);
    const b = cellOf(right, i);
    if (isNA(a) || isNA(b)) {
      out[i] = keepInt ? null : NaN;
      continue;
    }
    try {
      out[i] = pyBinary(op, a, b);
    } catch (e) {
      if (e instanceof PyTypeError && !e.hint) e.hint = TEXT_HINT;
      throw e;
    }
  }
  return objCol(out, keepInt ? 'Int64' : undefined);
}

function isNullableInt(o: Operand): boolean {
  return o.col?.dtype === 'object' && o.col.nullable === 'Int64';
}

/** A wide int64 column, or an int scalar inside int64 that a double cannot hold exactly. */
function isWide(o: Operand): boolean {
  if (o.col) return isWideInt(o.col);
  return typeof o.scalar === 'bigint' && inInt64(o.scalar) && !Number.isSafeInteger(Number(o.scalar));
}

function intLikeOperand(o: Operand): boolean {
  if (o.col) return o.col.dtype === 'int64' || o.col.dtype === 'bool' || isWideInt(o.col);
  return (typeof o.scalar === 'bigint' && inInt64(o.scalar)) || typeof o.scalar === 'boolean';
}

function bigOperand(o: Operand, i: number): bigint {
  if (o.col) return bigAt(o.col, i);
  return typeof o.scalar === 'boolean' ? (o.scalar ? 1n : 0n) : (o.scalar as bigint);
}

/** int64 arithmetic as numpy does it: exact, wrapping around at 64 bits; // and % by zero as pandas fixes them up. */
export function exactIntBinary(op: BinaryOperator, left: Operand, right: Operand, n: number): Column {
  const wrap = (v: bigint) => BigInt.asIntN(64, v);
  if (op === '/') {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = Number(bigOperand(left, i)) / Number(bigOperand(right, i));
    return floatCol(out);
  }
  const vals: bigint[] = new Array(n);
  const zero: boolean[] = [];
  let anyZero = false;
  for (let i = 0; i < n; i++) {
    const a = bigOperand(left, i);
    const b = bigOperand(right, i);
    switch (op) {
      case '+':
        vals[i] = wrap(a + b);
        break;
      case '-':
        vals[i] = wrap(a - b);
        break;
      case '*':
        vals[i] = wrap(a * b);
        break;
      case '**': {
        if (b < 0n) throw new DftablesError('DT208', 'Integers to negative integer powers are not allowed.');
        let r = 1n;
        let base = wrap(a);
        let e = b;
        while (e > 0n) {
          if (e & 1n) r = wrap(r * base);
          base = wrap(base * base);
          e >>= 1n;
        }
        vals[i] = r;
        break;
      }
      case '//':
      case '%': {
        if (b === 0n) {
          anyZero = true;
          zero[i] = true;
          vals[i] = a;
          break;
        }
        let q = a / b;
        if (a % b !== 0n && a < 0n !== b < 0n) q -= 1n;
        vals[i] = op === '//' ? wrap(q) : a - q * b;
        break;
      }
      default:
        throw new PyTypeError(`unsupported operand type(s) for ${op}: 'int' and 'int'`);
    }
  }
  if (anyZero) {
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (!zero[i]) out[i] = Number(vals[i]);
      else out[i] = op === '%' ? NaN : vals[i] === 0n ? NaN : vals[i] > 0n ? Infinity : -Infinity;
    }
    return floatCol(out);
  }
  return intColumnOf(vals);
}

function numericBinary(op: BinaryOperator, lk: NumKind, rk: NumKind, a: ArrayLike<number>, b: ArrayLike<number>, n: number): Column {
  const anyFloat = lk === 'float64' || rk === 'float64';
  const bothBool = lk === 'bool' && rk === 'bool';
  if (bothBool) {
    if (op === '+' || op === '*') {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = op === '+' ? (a[i] || b[i] ? 1 : 0) : a[i] && b[i] ? 1 : 0;
      return boolCol(out);
    }
    if (op === '-') {
      throw new PyTypeError(
        'numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.',
      );
    }
    if (op === '/' || op === '//' || op === '%' || op === '**') {
      const name = { '/': 'truediv', '//': 'floordiv', '%': 'mod', '**': 'pow' }[op];
      throw new DftablesError('DT212', `operator '${name}' not implemented for bool dtypes`);
    }
  }
  const out = new Float64Array(n);
  switch (op) {
    case '+':
      for (let i = 0; i < n; i++) out[i] = a[i] + b[i];
      break;
    case '-':
      for (let i = 0; i < n; i++) out[i] = a[i] - b[i];
      break;
    case '*':
      for (let i = 0; i < n; i++) out[i] = a[i] * b[i];
      break;
    case '/':
      for (let i = 0; i < n; i++) out[i] = a[i] / b[i];
      return floatCol(out);
    case '//':
      if (anyFloat) {
        for (let i = 0; i < n; i++) out[i] = floatFloorDiv(a[i], b[i]);
        return floatCol(out);
      }
      return intDivMod(op, a, b, n);
    case '%':
      if (anyFloat) {
        for (let i = 0; i < n; i++) out[i] = floatMod(a[i], b[i]);
        return floatCol(out);
      }
      return intDivMod(op, a, b, n);
    case '**':
      if (!anyFloat) {
        for (let i = 0; i < n; i++) {
          if (b[i] < 0) throw new DftablesError('DT208', 'Integers to negative integer powers are not allowed.');
          out[i] = intPow(a[i], b[i]);
          if (!Number.isSafeInteger(out[i])) return exactIntBinary('**', { col: intCol(Float64Array.from(a)) }, { col: intCol(Float64Array.from(b)) }, n);
        }
        return intCol(out);
      }
      for (let i = 0; i < n; i++) out[i] = npPow(a[i], b[i]);
      return floatCol(out);
    default:
      throw new PyTypeError(`unsupported operand ${op}`);
  }
  if (!anyFloat) {
    // A result beyond 2**53 is not exact in a double: redo the column in 64-bit ints.
    for (let i = 0; i < n; i++) {
      if (!Number.isSafeInteger(out[i])) return exactIntBinary(op, { col: intCol(Float64Array.from(a)) }, { col: intCol(Float64Array.from(b)) }, n);
    }
  }
  return anyFloat ? floatCol(out) : intCol(out);
}

/** numpy's pow for doubles: C pow, with pow(1, nan) = 1 and pow(nan, 0) = 1. */
function npPow(x: number, y: number): number {
  if (x === 1 || y === 0) return 1;
  return libmPow(x, y);
}

function intPow(x: number, y: number): number {
  let r = 1;
  let base = x;
  let e = y;
  while (e > 0) {
    if (e & 1) r *= base;
    base *= base;
    e = Math.floor(e / 2);
  }
  return r;
}

/** int64 // and %: floor semantics; a zero divisor turns the result float (inf/-inf/NaN for //, NaN for %). */
function intDivMod(op: '//' | '%', a: ArrayLike<number>, b: ArrayLike<number>, n: number): Column {
  const out = new Float64Array(n);
  let zero = false;
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (y === 0) {
      zero = true;
      out[i] = op === '%' ? NaN : x === 0 ? NaN : x > 0 ? Infinity : -Infinity;
    } else if (op === '//') {
      out[i] = Math.floor(x / y);
      // Division of large ints can round; fix with the exact remainder.
      if (!Number.isSafeInteger(x) || !Number.isSafeInteger(y)) out[i] = Number(bigFloor(BigInt(x), BigInt(y)));
    } else {
      const r = x % y;
      out[i] = r !== 0 && r < 0 !== y < 0 ? r + y : r === 0 ? 0 : r;
    }
  }
  return zero ? floatCol(out) : intCol(out);
}

function bigFloor(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && (a < 0n) !== (b < 0n) ? q - 1n : q;
}

function logicalColumns(op: '&' | '|' | '^', left: Operand, right: Operand, n: number): Column {
  const lk = numKind(left);
  const rk = numKind(right);
  const fn = (x: boolean, y: boolean) => (op === '&' ? x && y : op === '|' ? x || y : x !== y);
  if (lk === 'int64' && rk === 'int64') {
    const a = numArray(left, n);
    const b = numArray(right, n);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const x = BigInt(a[i]);
      const y = BigInt(b[i]);
      out[i] = Number(op === '&' ? x & y : op === '|' ? x | y : x ^ y);
    }
    return intCol(out);
  }
  if ((lk === 'bool' && (rk === 'bool' || (rk === 'int64' && !right.col))) || (rk === 'bool' && lk === 'int64' && !left.col)) {
    const a = numArray(left, n);
    const b = numArray(right, n);
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = fn(a[i] !== 0, b[i] !== 0) ? 1 : 0;
    return boolCol(out);
  }
  if (lk === 'float64' || rk === 'float64') {
    const dtype = left.col ? left.col.dtype : right.col!.dtype;
    const other = left.col ? right : left;
    const otherType = other.col ? other.col.dtype : typeName(other.scalar!);
    const opName = op === '&' ? 'and_' : op === '|' ? 'or_' : 'xor';
    throw new PyTypeError(`Cannot perform '${opName}' with a dtyped [${dtype}] array and scalar of type [${otherType === 'float' ? 'bool' : otherType}]`);
  }
  // Object masks (bools with NaN after alignment): missing counts as False, as pandas' na_logical_op.
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const a = cellOf(left, i);
    const b = cellOf(right, i);
    const x = isNA(a) ? false : a;
    const y = isNA(b) ? false : b;
    if (typeof x === 'boolean' && typeof y === 'boolean') out[i] = fn(x, y) ? 1 : 0;
    else {
      const r = pyBinary(op, x, y);
      out[i] = r === true || (typeof r === 'bigint' && r !== 0n) ? 1 : 0;
    }
  }
  return boolCol(out);
}

/** `left op right` element-wise, a bool column. */
export function compareColumns(op: CompareOperator, left: Operand, right: Operand, n: number): Column {
  const lk = numKind(left);
  const rk = numKind(right);
  const out = new Uint8Array(n);
  if (lk && rk) {
    const a = numArray(left, n);
    const b = numArray(right, n);
    switch (op) {
      case '==':
        for (let i = 0; i < n; i++) out[i] = a[i] === b[i] ? 1 : 0;
        break;
      case '!=':
        for (let i = 0; i < n; i++) out[i] = a[i] !== b[i] ? 1 : 0;
        break;
      case '<':
        for (let i = 0; i < n; i++) out[i] = a[i] < b[i] ? 1 : 0;
        break;
      case '<=':
        for (let i = 0; i < n; i++) out[i] = a[i] <= b[i] ? 1 : 0;
        break;
      case '>':
        for (let i = 0; i < n; i++) out[i] = a[i] > b[i] ? 1 : 0;
        break;
      case '>=':
        for (let i = 0; i < n; i++) out[i] = a[i] >= b[i] ? 1 : 0;
        break;
    }
    return boolCol(out);
  }
  // A numeric column against a str (or other object) scalar: pandas' invalid_comparison.
  const numericColVsScalar = (lk && left.col && right.scalar !== undefined) || (rk && right.col && left.scalar !== undefined);
  if (numericColVsScalar) {
    const scalar = left.col ? right.scalar! : left.scalar!;
    const dtype: DType = left.col ? left.col.dtype : right.col!.dtype;
    if (op === '==' || op === '!=') return boolCol(out.fill(op === '!=' ? 1 : 0));
    if (scalar === null) return boolCol(out);
    throw new PyTypeError(
      `Invalid comparison between dtype=${dtype} and ${typeName(scalar)}`,
      'Compare the column with a number, or convert the column first.',
    );
  }
  // Nullable columns compare to pandas' 'boolean' dtype: pd.NA where a side is missing.
  if ((left.col?.dtype === 'object' && left.col.nullable) || (right.col?.dtype === 'object' && right.col.nullable)) {
    const res = new Array<PyValue>(n);
    for (let i = 0; i < n; i++) {
      const a = cellOf(left, i);
      const b = cellOf(right, i);
      res[i] = isNA(a) || isNA(b) ? null : pyCompare(op, a, b);
    }
    return objCol(res, 'boolean');
  }
  // Object comparison, element by element; missing values compare False (True for !=).
  for (let i = 0; i < n; i++) {
    const a = cellOf(left, i);
    const b = cellOf(right, i);
    if (isNA(a) || isNA(b)) {
      out[i] = op === '!=' ? 1 : 0;
      continue;
    }
    out[i] = pyCompare(op, a, b) ? 1 : 0;
  }
  return boolCol(out);
}

export function unaryColumn(op: UnaryOperator | 'abs', c: Column): Column {
  const n = c.data.length;
  if (isWideInt(c)) {
    const d = c.data as bigint[];
    if (op === '+') return c;
    return intColumnOf(d.map((v) => BigInt.asIntN(64, op === '-' ? -v : op === 'abs' ? (v < 0n ? -v : v) : -v - 1n)));
  }
  if (c.dtype === 'bool') {
    if (op === '~' || op === '-') {
      const out = new Uint8Array(n);
      for (let i = 0; i < n; i++) out[i] = c.data[i] ? 0 : 1;
      return boolCol(out);
    }
    return c;
  }
  if (c.dtype === 'int64' || c.dtype === 'float64') {
    if (op === '+') return c;
    const out = new Float64Array(n);
    const d = c.data;
    if (op === '-') for (let i = 0; i < n; i++) out[i] = -d[i];
    else if (op === 'abs') for (let i = 0; i < n; i++) out[i] = Math.abs(d[i]);
    else {
      if (c.dtype === 'float64') {
        throw new PyTypeError(
          "ufunc 'invert' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''",
        );
      }
      for (let i = 0; i < n; i++) out[i] = -d[i] - 1;
    }
    return c.dtype === 'int64' ? intCol(out) : floatCol(out);
  }
  const out = new Array<PyValue>(n);
  for (let i = 0; i < n; i++) {
    const v = c.data[i];
    if (isNA(v)) {
      out[i] = v;
      continue;
    }
    out[i] = unaryScalar(op, v);
  }
  return objCol(out);
}

export function unaryScalar(op: UnaryOperator | 'abs', v: PyValue): PyValue {
  if (typeof v === 'number') return op === '-' ? -v : op === 'abs' ? Math.abs(v) : op === '+' ? v : badUnary(op, v);
  if (typeof v === 'bigint') return op === '-' ? -v : op === 'abs' ? (v < 0n ? -v : v) : op === '+' ? v : -v - 1n;
  if (typeof v === 'boolean') {
    const x = v ? 1n : 0n;
    return op === '-' ? -x : op === 'abs' ? x : op === '+' ? x : -x - 1n;
  }
  return badUnary(op, v);
}

function badUnary(op: string, v: PyValue): never {
  if (op === 'abs') throw new PyTypeError(`bad operand type for abs(): '${typeName(v)}'`);
  throw new PyTypeError(`bad operand type for unary ${op}: '${typeName(v)}'`);
}
