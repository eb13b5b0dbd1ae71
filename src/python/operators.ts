/**
 * Python's operators on values: arithmetic, comparisons, truth, identity and `in`. Foreign
 * objects (pandas) go first through the PyObject protocol (then the reflected operation on the
 * right operand), as Python tries __add__ then __radd__; builtin values follow CPython's rules
 * and error messages.
 */
import { DftablesError } from '../errors.js';
import type { BinOpName } from './ast.js';
import {
  NotImplemented,
  PyDict,
  PyList,
  PyObject,
  PyTuple,
  PyTypeError,
  hashKey,
  typeName,
  type BinaryOperator,
  type CallSite,
  type CompareOperator,
  type MaybeValue,
  type PyValue,
  type Runtime,
  type UnaryOperator,
} from './values.js';
import {
  cmpIntFloat,
  floatFloorDiv,
  floatMod,
  floatPow,
  floatTrueDiv,
  intFloorDiv,
  intMod,
  intMul,
  intPow,
  intShiftLeft,
  intShiftRight,
  intToFloat,
  intTrueDiv,
} from './numbers.js';
import { percentFormat } from './percentFormat.js';
import { sizeError } from './iteration.js';

export type Numeric = boolean | bigint | number;

export function isNumeric(v: PyValue): v is Numeric {
  return typeof v === 'boolean' || typeof v === 'bigint' || typeof v === 'number';
}

export function asBigInt(v: boolean | bigint): bigint {
  return typeof v === 'boolean' ? (v ? 1n : 0n) : v;
}

export function asFloat(v: Numeric): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return intToFloat(v);
}

/** A dict key's identity; unhashable values raise Python's TypeError. */
export function keyOf(v: PyValue): string {
  try {
    return hashKey(v);
  } catch (e) {
    if (e instanceof DftablesError) throw e;
    throw new PyTypeError(`unhashable type: '${typeName(v)}'`);
  }
}

const PROTOCOL_OPS = new Set<string>(['+', '-', '*', '/', '//', '%', '**', '&', '|', '^', '@']);

// ---- arithmetic ---------------------------------------------------------------------------

export function binaryOp(op: BinOpName, a: PyValue, b: PyValue, site: CallSite, rt: Runtime): PyValue {
  if (PROTOCOL_OPS.has(op)) {
    if (a instanceof PyObject) {
      const r = a.binaryOp(op as BinaryOperator, b, false, site, rt);
      if (r !== NotImplemented) return r;
    }
    if (b instanceof PyObject) {
      const r = b.binaryOp(op as BinaryOperator, a, true, site, rt);
      if (r !== NotImplemented) return r;
    }
  }
  const r = scalarBinary(op, a, b, rt);
  if (r !== NotImplemented) return r;
  throw binaryTypeError(op, a, b);
}

function binaryTypeError(op: BinOpName, a: PyValue, b: PyValue): DftablesError {
  const ta = typeName(a);
  const tb = typeName(b);
  if (op === '+' && (typeof a === 'string' || a instanceof PyList || a instanceof PyTuple)) {
    return new PyTypeError(`can only concatenate ${ta} (not "${tb}") to ${ta}`);
  }
  if (op === '*' && (isSequence(a) || isSequence(b))) {
    const other = isSequence(a) ? b : a;
    return new PyTypeError(`can't multiply sequence by non-int of type '${typeName(other)}'`);
  }
  const shown = op === '**' ? '** or pow()' : op;
  return new PyTypeError(`unsupported operand type(s) for ${shown}: '${ta}' and '${tb}'`);
}

function isSequence(v: PyValue): boolean {
  return typeof v === 'string' || v instanceof PyList || v instanceof PyTuple;
}

function scalarBinary(op: BinOpName, a: PyValue, b: PyValue, rt: Runtime): MaybeValue {
  if (isNumeric(a) && isNumeric(b)) return numericBinary(op, a, b);
  switch (op) {
    case '+':
      if (typeof a === 'string' && typeof b === 'string') {
        if (a.length + b.length > rt.limits.maxSequence) throw sizeError('the string', rt.limits.maxSequence);
        return a + b;
      }
      if (a instanceof PyList && b instanceof PyList) {
        if (a.items.length + b.items.length > rt.limits.maxSequence) throw sizeError('the list', rt.limits.maxSequence);
        return new PyList([...a.items, ...b.items]);
      }
      if (a instanceof PyTuple && b instanceof PyTuple) {
        if (a.items.length + b.items.length > rt.limits.maxSequence) throw sizeError('the tuple', rt.limits.maxSequence);
        return new PyTuple([...a.items, ...b.items]);
      }
      return NotImplemented;
    case '*':
      if (isSequence(a) && (typeof b === 'bigint' || typeof b === 'boolean')) return repeat(a, asBigInt(b), rt);
      if (isSequence(b) && (typeof a === 'bigint' || typeof a === 'boolean')) return repeat(b, asBigInt(a), rt);
      return NotImplemented;
    case '%':
      if (typeof a === 'string') return percentFormat(a, b);
      return NotImplemented;
    case '|':
      if (a instanceof PyDict && b instanceof PyDict) {
        const d = new PyDict();
        for (const [k, v] of a.items()) d.set(k, v);
        for (const [k, v] of b.items()) d.set(k, v);
        return d;
      }
      return NotImplemented;
  }
  return NotImplemented;
}

function repeat(seq: PyValue, n: bigint, rt: Runtime): PyValue {
  const len = typeof seq === 'string' ? seq.length : (seq as PyList | PyTuple).items.length;
  const count = n < 0n ? 0 : n;
  const max = rt.limits.maxSequence;
  if (len > 0 && BigInt(len) * BigInt(count) > BigInt(max)) {
    throw sizeError(typeof seq === 'string' ? 'the string' : `the ${typeName(seq)}`, max);
  }
  const k = Number(count);
  if (typeof seq === 'string') return seq.repeat(k);
  const items = (seq as PyList | PyTuple).items;
  const out: PyValue[] = [];
  for (let i = 0; i < k; i++) for (const x of items) out.push(x);
  return seq instanceof PyList ? new PyList(out) : new PyTuple(out);
}

function numericBinary(op: BinOpName, a: Numeric, b: Numeric): MaybeValue {
  if (typeof a !== 'number' && typeof b !== 'number') {
    // Two bools stay bool under & | ^ (True & False is False).
    if (typeof a === 'boolean' && typeof b === 'boolean') {
      if (op === '&') return a && b;
      if (op === '|') return a || b;
      if (op === '^') return a !== b;
    }
    const x = asBigInt(a);
    const y = asBigInt(b);
    switch (op) {
      case '+':
        return x + y;
      case '-':
        return x - y;
      case '*':
        return intMul(x, y);
      case '/':
        return intTrueDiv(x, y);
      case '//':
        return intFloorDiv(x, y);
      case '%':
        return intMod(x, y);
      case '**':
        return intPow(x, y);
      case '&':
        return x & y;
      case '|':
        return x | y;
      case '^':
        return x ^ y;
      case '<<':
        return intShiftLeft(x, y);
      case '>>':
        return intShiftRight(x, y);
      default:
        return NotImplemented;
    }
  }
  const x = asFloat(a);
  const y = asFloat(b);
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      return floatTrueDiv(x, y);
    case '//':
      return floatFloorDiv(x, y);
    case '%':
      return floatMod(x, y);
    case '**':
      return floatPow(x, y);
    default:
      return NotImplemented;
  }
}

export function unaryOp(op: UnaryOperator, a: PyValue, site: CallSite, rt: Runtime): PyValue {
  if (a instanceof PyObject) return a.unaryOp(op, site, rt);
  if (typeof a === 'boolean' || typeof a === 'bigint') {
    const n = asBigInt(a);
    return op === '-' ? -n : op === '+' ? n : ~n;
  }
  if (typeof a === 'number' && op !== '~') return op === '-' ? -a : a;
  throw new PyTypeError(`bad operand type for unary ${op}: '${typeName(a)}'`);
}

// ---- truth, identity, comparison ---------------------------------------------------------

export function truthy(v: PyValue, site: CallSite, rt: Runtime): boolean {
  if (v === null) return false;
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'bigint':
      return v !== 0n;
    case 'number':
      return v !== 0;
    case 'string':
      return v.length > 0;
  }
  if (v instanceof PyList || v instanceof PyTuple) return v.items.length > 0;
  if (v instanceof PyDict) return v.size > 0;
  return v.truthy(site, rt);
}

/** `a is b`. Numbers and strings are compared by value (np.nan is np.nan). */
export function identical(a: PyValue, b: PyValue): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Object.is(a, b);
  return a === b;
}

const MIRROR: Record<CompareOperator, CompareOperator> = { '==': '==', '!=': '!=', '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

export function compareOp(op: CompareOperator, a: PyValue, b: PyValue, site: CallSite, rt: Runtime): PyValue {
  if (a instanceof PyObject) {
    const r = a.compare(op, b, site, rt);
    if (r !== NotImplemented) return r;
  }
  if (b instanceof PyObject) {
    const r = b.compare(MIRROR[op], a, site, rt);
    if (r !== NotImplemented) return r;
  }
  const r = scalarCompare(op, a, b, site, rt);
  if (r !== NotImplemented) return r;
  if (op === '==') return identical(a, b);
  if (op === '!=') return !identical(a, b);
  throw new PyTypeError(`'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

/** `a == b` as a bool, with Python's identity shortcut (used by `in`, list.index, count). */
export function equals(a: PyValue, b: PyValue, site: CallSite, rt: Runtime): boolean {
  if (identical(a, b)) return true;
  return truthy(compareOp('==', a, b, site, rt), site, rt);
}

export function lessThan(a: PyValue, b: PyValue, site: CallSite, rt: Runtime): boolean {
  return truthy(compareOp('<', a, b, site, rt), site, rt);
}

function applyOrder(op: CompareOperator, c: number): boolean {
  if (Number.isNaN(c)) return op === '!=';
  switch (op) {
    case '==':
      return c === 0;
    case '!=':
      return c !== 0;
    case '<':
      return c < 0;
    case '<=':
      return c <= 0;
    case '>':
      return c > 0;
    case '>=':
      return c >= 0;
  }
}

export function compareNumbers(a: Numeric, b: Numeric): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : a === b ? 0 : NaN;
  if (typeof a !== 'number' && typeof b !== 'number') {
    const x = asBigInt(a);
    const y = asBigInt(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'number') return -cmpIntFloat(asBigInt(b as boolean | bigint), a);
  return cmpIntFloat(asBigInt(a), b as number);
}

/** Code point order (JS compares UTF-16 units, which differs only around surrogates). */
export function compareStrings(a: string, b: string): number {
  if (!/[\ud800-\udfff]/.test(a) && !/[\ud800-\udfff]/.test(b)) return a < b ? -1 : a > b ? 1 : 0;
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = x[i].codePointAt(0)! - y[i].codePointAt(0)!;
    if (d) return d < 0 ? -1 : 1;
  }
  return x.length - y.length < 0 ? -1 : x.length > y.length ? 1 : 0;
}

function scalarCompare(op: CompareOperator, a: PyValue, b: PyValue, site: CallSite, rt: Runtime): MaybeValue {
  if (isNumeric(a) && isNumeric(b)) return applyOrder(op, compareNumbers(a, b));
  if (typeof a === 'string' && typeof b === 'string') return applyOrder(op, compareStrings(a, b));
  if ((a instanceof PyList && b instanceof PyList) || (a instanceof PyTuple && b instanceof PyTuple)) {
    return compareSequences(op, a.items, b.items, site, rt);
  }
  if (a === null && b === null && (op === '==' || op === '!=')) return op === '==';
  if (a instanceof PyDict && b instanceof PyDict && (op === '==' || op === '!=')) {
    const eq = dictEquals(a, b, site, rt);
    return op === '==' ? eq : !eq;
  }
  return NotImplemented;
}

function compareSequences(op: CompareOperator, a: readonly PyValue[], b: readonly PyValue[], site: CallSite, rt: Runtime): PyValue {
  if ((op === '==' || op === '!=') && a.length !== b.length) return op === '!=';
  let i = 0;
  while (i < a.length && i < b.length && equals(a[i], b[i], site, rt)) i++;
  if (i >= a.length || i >= b.length) return applyOrder(op, a.length - b.length);
  if (op === '==') return false;
  if (op === '!=') return true;
  return compareOp(op, a[i], b[i], site, rt);
}

function dictEquals(a: PyDict, b: PyDict, site: CallSite, rt: Runtime): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a.items()) {
    const w = b.get(k);
    if (w === undefined || !equals(v, w, site, rt)) return false;
  }
  return true;
}

/** `item in container`. */
export function contains(container: PyValue, item: PyValue, site: CallSite, rt: Runtime): boolean {
  if (container instanceof PyObject) return container.contains(item, site, rt);
  if (typeof container === 'string') {
    if (typeof item !== 'string') throw new PyTypeError(`'in <string>' requires string as left operand, not ${typeName(item)}`);
    return container.includes(item);
  }
  if (container instanceof PyList || container instanceof PyTuple) {
    for (const x of container.items) if (equals(x, item, site, rt)) return true;
    return false;
  }
  if (container instanceof PyDict) return container.entries.has(keyOf(item));
  throw new PyTypeError(`argument of type '${typeName(container)}' is not iterable`);
}
