/**
 * The builtins page code may use: len, min, max, sum, round, sorted, zip, enumerate ... and the
 * builtin classes (int, float, str, bool, list, tuple, dict, set, range), which are values too.
 * The dangerous ones (exec, open, getattr, type ...) are simply not here; the parser refuses them.
 */
import { DftablesError } from '../errors.js';
import { BuiltinFunction, BuiltinType, bindArgs, noKwargs, type MethodImpl, type NativeFn } from './callables.js';
import { DICT_METHODS, LIST_METHODS, TUPLE_METHODS, keyCaller, sortValues, updateDict } from './containerMethods.js';
import { STR_METHODS, pyStrip } from './strMethods.js';
import { SET_METHODS, PySet } from './pySet.js';
import { PyIterator, PyRange, collect, iterate, strLength, tick } from './iteration.js';
import { asBigInt, binaryOp, compareOp, isNumeric, keyOf, truthy } from './operators.js';
import { floatDivmod, intFloorDiv, intMod, intToFloat, roundFloat, roundFloatToInt, roundInt, valueError } from './numbers.js';
import { formatSpec } from './formatSpec.js';
import { asciiDigits } from './floatParse.js';
import { pyAscii, pyRepr, pyStr } from './pyStr.js';
import {
  PyClass,
  PyDict,
  PyList,
  PyObject,
  PySlice,
  PyTuple,
  PyTypeError,
  typeName,
  type CallSite,
  type Kwargs,
  type PyValue,
  type Runtime,
} from './values.js';

// ---- conversions ----------------------------------------------------------------------------


function asIndexInt(v: PyValue): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  throw new PyTypeError(`'${typeName(v)}' object cannot be interpreted as an integer`);
}

/** int(str, base) as Python parses it: whitespace, sign, underscores between digits, 0x/0o/0b with base 0. */
export function parseIntLiteral(text: string, base: number): bigint | undefined {
  let s = pyStrip(asciiDigits(text));
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  let b = base;
  const prefix = s.slice(0, 2).toLowerCase();
  if ((b === 0 || b === 16) && prefix === '0x') {
    b = 16;
    s = s.slice(2);
  } else if ((b === 0 || b === 8) && prefix === '0o') {
    b = 8;
    s = s.slice(2);
  } else if ((b === 0 || b === 2) && prefix === '0b') {
    b = 2;
    s = s.slice(2);
  } else if (b === 0) {
    if (/^0+(_?0)*$/.test(s)) return 0n;
    if (s[0] === '0') return undefined;
    b = 10;
  } else if (s.startsWith('_')) return undefined;
  if (s.startsWith('_')) s = s.slice(1);
  if (!s || /__/.test(s) || s.endsWith('_')) return undefined;
  s = s.replace(/_/g, '');
  let n = 0n;
  const B = BigInt(b);
  for (const ch of s) {
    const d = parseInt(ch, 36);
    if (Number.isNaN(d) || d >= b) return undefined;
    n = n * B + BigInt(d);
  }
  return neg ? -n : n;
}

/** float(str) as Python parses it; undefined when Python raises. */
export function parseFloatLiteral(text: string): number | undefined {
  const s = pyStrip(asciiDigits(text));
  const m = /^([+-]?)(nan|inf|infinity)$/i.exec(s);
  if (m) {
    const low = m[2].toLowerCase();
    if (low === 'nan') return NaN;
    return m[1] === '-' ? -Infinity : Infinity;
  }
  const num = /^[+-]?((\d(_?\d)*)(\.(\d(_?\d)*)?)?|\.\d(_?\d)*)([eE][+-]?\d(_?\d)*)?$/;
  if (!num.test(s)) return undefined;
  return Number(s.replace(/_/g, ''));
}

function toInt(args: PyValue[], kwargs: Kwargs): PyValue {
  const [x, base] = bindArgs('int', args, kwargs, { names: ['x', 'base'], required: 0 });
  if (x === undefined) {
    if (base !== undefined) throw new PyTypeError("int() missing string argument");
    return 0n;
  }
  if (base !== undefined) {
    if (typeof x !== 'string') throw new PyTypeError("int() can't convert non-string with explicit base");
    const b = Number(asIndexInt(base));
    if (b !== 0 && (b < 2 || b > 36)) throw valueError('int() base must be >= 2 and <= 36, or 0');
    const n = parseIntLiteral(x, b);
    if (n === undefined) throw valueError(`invalid literal for int() with base ${b}: ${pyRepr(x)}`);
    return n;
  }
  if (typeof x === 'bigint') return x;
  if (typeof x === 'boolean') return x ? 1n : 0n;
  if (typeof x === 'number') {
    if (Number.isNaN(x)) throw valueError('cannot convert float NaN to integer');
    if (!Number.isFinite(x)) throw new DftablesError('DT208', 'cannot convert float infinity to integer');
    return BigInt(Math.trunc(x));
  }
  if (typeof x === 'string') {
    const n = parseIntLiteral(x, 10);
    if (n === undefined) throw valueError(`invalid literal for int() with base 10: ${pyRepr(x)}`);
    return n;
  }
  throw new PyTypeError(`int() argument must be a string, a bytes-like object or a real number, not '${typeName(x)}'`);
}

function toFloat(args: PyValue[], kwargs: Kwargs): PyValue {
  const [x] = bindArgs('float', args, kwargs, { names: ['x'], required: 0, positionalOnly: true });
  if (x === undefined) return 0;
  if (typeof x === 'number') return x;
  if (typeof x === 'bigint') return intToFloat(x);
  if (typeof x === 'boolean') return x ? 1 : 0;
  if (typeof x === 'string') {
    const f = parseFloatLiteral(x);
    if (f === undefined) throw valueError(`could not convert string to float: ${pyRepr(x)}`);
    return f;
  }
  throw new PyTypeError(`float() argument must be a string or a real number, not '${typeName(x)}'`);
}

// ---- helpers ---------------------------------------------------------------------------------

function fn(name: string, impl: NativeFn): [string, BuiltinFunction] {
  return [name, new BuiltinFunction(name, impl)];
}

function onlyIterable(fname: string, args: PyValue[], kwargs: Kwargs): PyValue {
  const [it] = bindArgs(fname, args, kwargs, { names: ['iterable'], required: 1, positionalOnly: true });
  return it!;
}

function minmax(fname: 'min' | 'max', args: PyValue[], kwargs: Kwargs, site: CallSite, rt: Runtime): PyValue {
  for (const k of kwargs.keys()) {
    if (k !== 'key' && k !== 'default') throw new DftablesError('DT203', `${fname}() got an unexpected keyword argument '${k}'`);
  }
  if (!args.length) throw new PyTypeError(`${fname} expected at least 1 argument, got 0`);
  const hasDefault = kwargs.has('default');
  if (args.length > 1 && hasDefault) throw new PyTypeError(`Cannot specify a default for ${fname}() with multiple positional arguments`);
  const key = keyCaller(kwargs.get('key'), rt);
  const op = fname === 'max' ? '>' : '<';
  let best: PyValue | undefined;
  let bestKey: PyValue = null;
  for (const v of args.length === 1 ? iterate(args[0], site, rt) : args) {
    tick(rt);
    const k = key ? key(v) : v;
    if (best === undefined || truthy(compareOp(op, k, bestKey, site, rt), site, rt)) {
      best = v;
      bestKey = k;
    }
  }
  if (best === undefined) {
    if (hasDefault) return kwargs.get('default')!;
    throw valueError(`${fname}() arg is an empty sequence`);
  }
  return best;
}

function builtinRound(args: PyValue[], kwargs: Kwargs, site: CallSite, rt: Runtime): PyValue {
  const [x, nd] = bindArgs('round', args, kwargs, { names: ['number', 'ndigits'], required: 1 });
  const digits = nd === undefined || nd === null ? null : asIndexInt(nd);
  if (x instanceof PyObject) {
    const m = x.getAttr('round', site, rt);
    return rt.call(m, digits === null ? [] : [digits]);
  }
  if (typeof x === 'bigint' || typeof x === 'boolean') return digits === null ? asBigInt(x) : roundInt(asBigInt(x), digits);
  if (typeof x === 'number') return digits === null ? roundFloatToInt(x) : roundFloat(x, Number(digits));
  throw new PyTypeError(`type ${typeName(x!)} doesn't define __round__ method`);
}

function builtinAbs(args: PyValue[], kwargs: Kwargs, site: CallSite, rt: Runtime): PyValue {
  const [x] = bindArgs('abs', args, kwargs, { names: ['x'], required: 1, positionalOnly: true });
  if (typeof x === 'bigint' || typeof x === 'boolean') {
    const n = asBigInt(x);
    return n < 0n ? -n : n;
  }
  if (typeof x === 'number') return Math.abs(x);
  if (x instanceof PyObject && x.attrNames().includes('abs')) return rt.call(x.getAttr('abs', site, rt), []);
  throw new PyTypeError(`bad operand type for abs(): '${typeName(x!)}'`);
}

function builtinSum(args: PyValue[], kwargs: Kwargs, site: CallSite, rt: Runtime): PyValue {
  const [it, start] = bindArgs('sum', args, kwargs, { names: ['iterable', 'start'], required: 1 });
  let acc: PyValue = start === undefined ? 0n : start;
  if (typeof acc === 'string') throw new PyTypeError("sum() can't sum strings [use ''.join(seq) instead]");
  for (const v of iterate(it!, site, rt)) {
    tick(rt);
    acc = binaryOp('+', acc, v, site, rt);
  }
  return acc;
}

function builtinLen(args: PyValue[], kwargs: Kwargs, site: CallSite, rt: Runtime): PyValue {
  const [x] = bindArgs('len', args, kwargs, { names: ['obj'], required: 1, positionalOnly: true });
  return BigInt(lengthOf(x!, site, rt));
}

export function lengthOf(x: PyValue, site: CallSite, rt: Runtime): number {
  if (typeof x === 'string') return strLength(x);
  if (x instanceof PyList || x instanceof PyTuple) return x.items.length;
  if (x instanceof PyDict) return x.size;
  if (x instanceof PyObject) return x.len(site, rt);
  throw new PyTypeError(`object of type '${typeName(x)}' has no len()`);
}

function builtinRange(args: PyValue[], kwargs: Kwargs): PyValue {
  noKwargs('range', kwargs);
  if (!args.length) throw new PyTypeError('range expected at least 1 argument, got 0');
  if (args.length > 3) throw new PyTypeError(`range expected at most 3 arguments, got ${args.length}`);
  const n = args.map(asIndexInt);
  if (n.length === 1) return new PyRange(0n, n[0], 1n);
  const step = n.length === 3 ? n[2] : 1n;
  if (step === 0n) throw valueError('range() arg 3 must not be zero');
  return new PyRange(n[0], n[1], step);
}

function builtinSorted(args: PyValue[], kwargs: Kwargs, site: CallSite, rt: Runtime): PyValue {
  if (args.length !== 1) throw new PyTypeError(`sorted expected 1 argument, got ${args.length}`);
  const [key, reverse] = bindArgs('sorted', [], kwargs, { names: ['key', 'reverse'], required: 0 });
  const items = collect(args[0], site, rt);
  sortValues(items, key, reverse, site, rt);
  return new PyList(items);
}

function builtinReversed(args: PyValue[], kwargs: Kwargs, site: CallSite, rt: Runtime): PyValue {
  const [x] = bindArgs('reversed', args, kwargs, { names: ['sequence'], required: 1, positionalOnly: true });
  if (x instanceof PyRange) {
    const r = x;
    return new PyIterator('range_iterator', (function* () {
      for (let i = r.length - 1n; i >= 0n; i--) yield r.at(i);
    })());
  }
  let items: PyValue[];
  if (x instanceof PyList || x instanceof PyTuple) items = x.items.slice();
  else if (typeof x === 'string') items = Array.from(x);
  else if (x instanceof PyDict) items = x.keys();
  else if (x instanceof PyObject && !(x instanceof PyIterator) && !(x instanceof PySet)) items = collect(x, site, rt);
  else throw new PyTypeError(`'${typeName(x!)}' object is not reversible`);
  items.reverse();
  return new PyIterator(x instanceof PyList ? 'list_reverseiterator' : 'reversed', items[Symbol.iterator]());
}

function builtinEnumerate(args: PyValue[], kwargs: Kwargs, site: CallSite, rt: Runtime): PyValue {
  const [it, start] = bindArgs('enumerate', args, kwargs, { names: ['iterable', 'start'], required: 1 });
  let i = start === undefined ? 0n : asIndexInt(start);
  const src = iterate(it!, site, rt);
  return new PyIterator('enumerate', (function* () {
    for (const v of src) {
      tick(rt);
      yield new PyTuple([i++, v]);
    }
  })());
}

function builtinZip(args: PyValue[], kwargs: Kwargs, site: CallSite, rt: Runtime): PyValue {
  for (const k of kwargs.keys()) if (k !== 'strict') throw new DftablesError('DT203', `zip() got an unexpected keyword argument '${k}'`);
  const strict = kwargs.has('strict') && truthy(kwargs.get('strict')!, site, rt);
  const its = args.map((a) => iterate(a, site, rt));
  return new PyIterator('zip', (function* () {
    if (!its.length) return;
    for (;;) {
      tick(rt);
      const row: PyValue[] = [];
      for (let k = 0; k < its.length; k++) {
        const r = its[k].next();
        if (r.done) {
          if (strict && (k > 0 || its.slice(1).some((o) => !o.next().done))) {
            throw valueError(k > 0 ? `zip() argument ${k + 1} is shorter than argument${k > 1 ? `s 1-${k}` : ' 1'}` : 'zip() argument 2 is longer than argument 1');
          }
          return;
        }
        row.push(r.value);
      }
      yield new PyTuple(row);
    }
  })());
}

function builtinMap(args: PyValue[], kwargs: Kwargs, site: CallSite, rt: Runtime): PyValue {
  noKwargs('map', kwargs);
  if (args.length < 2) throw new PyTypeError('map() must have at least two arguments.');
  const f = args[0];
  const its = args.slice(1).map((a) => iterate(a, site, rt));
  return new PyIterator('map', (function* () {
    for (;;) {
      tick(rt);
      const row: PyValue[] = [];
      for (const it of its) {
        const r = it.next();
        if (r.done) return;
        row.push(r.value);
      }
      yield rt.call(f, row);
    }
  })());
}

function builtinFilter(args: PyValue[], kwargs: Kwargs, site: CallSite, rt: Runtime): PyValue {
  noKwargs('filter', kwargs);
  if (args.length !== 2) throw new PyTypeError(`filter expected 2 arguments, got ${args.length}`);
  const [f, it] = args;
  const src = iterate(it, site, rt);
  return new PyIterator('filter', (function* () {
    for (const v of src) {
      tick(rt);
      const keep = f === null ? truthy(v, site, rt) : truthy(rt.call(f, [v]), site, rt);
      if (keep) yield v;
    }
  })());
}

function anyAll(fname: 'any' | 'all'): NativeFn {
  return (args, kwargs, site, rt) => {
    const it = onlyIterable(fname, args, kwargs);
    for (const v of iterate(it, site, rt)) {
      tick(rt);
      const t = truthy(v, site, rt);
      if (fname === 'any' && t) return true;
      if (fname === 'all' && !t) return false;
    }
    return fname === 'all';
  };
}

function isInstanceOf(v: PyValue, cls: PyValue): boolean {
  if (cls instanceof PyTuple) return cls.items.some((c) => isInstanceOf(v, c));
  if (cls instanceof BuiltinType) return cls.isInstance(v);
  if (cls instanceof PyClass) return v instanceof PyObject && v.typeName === cls.name;
  throw new PyTypeError('isinstance() arg 2 must be a type, a tuple of types, or a union');
}

function builtinDivmod(args: PyValue[], kwargs: Kwargs): PyValue {
  const [a, b] = bindArgs('divmod', args, kwargs, { names: ['x', 'y'], required: 2, positionalOnly: true });
  if (isNumeric(a!) && isNumeric(b!)) {
    if (typeof a !== 'number' && typeof b !== 'number') {
      const x = asBigInt(a as bigint | boolean);
      const y = asBigInt(b as bigint | boolean);
      return new PyTuple([intFloorDiv(x, y), intMod(x, y, 'integer division or modulo by zero')]);
    }
    const toF = (v: PyValue): number => (typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : intToFloat(v as bigint));
    const [q, r] = floatDivmod(toF(a!), toF(b!));
    return new PyTuple([q, r]);
  }
  throw new PyTypeError(`unsupported operand type(s) for divmod(): '${typeName(a!)}' and '${typeName(b!)}'`);
}

function modInverse(a: bigint, m: bigint): bigint {
  let [r0, r1] = [((a % m) + m) % m, m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  if (r0 !== 1n) throw valueError('base is not invertible for the given modulus');
  return ((s0 % m) + m) % m;
}

function builtinPow(args: PyValue[], kwargs: Kwargs, site: CallSite, rt: Runtime): PyValue {
  const [base, exp, mod] = bindArgs('pow', args, kwargs, { names: ['base', 'exp', 'mod'], required: 2 });
  if (mod === undefined || mod === null) return binaryOp('**', base!, exp!, site, rt);
  if (![base, exp, mod].every((v) => typeof v === 'bigint' || typeof v === 'boolean')) {
    throw new PyTypeError('pow() 3rd argument not allowed unless all arguments are integers');
  }
  let b = asBigInt(base as bigint);
  let e = asBigInt(exp as bigint);
  const m = asBigInt(mod as bigint);
  if (m === 0n) throw valueError('pow() 3rd argument cannot be 0');
  const am = m < 0n ? -m : m;
  if (e < 0n) {
    b = modInverse(b, am);
    e = -e;
  }
  let r = 1n % am;
  b = ((b % am) + am) % am;
  while (e > 0n) {
    if (e & 1n) r = (r * b) % am;
    b = (b * b) % am;
    e >>= 1n;
  }
  if (m < 0n && r !== 0n) r += m;
  return r;
}

function radix(fname: string, prefix: string, base: number): NativeFn {
  return (args, kwargs) => {
    const [x] = bindArgs(fname, args, kwargs, { names: ['number'], required: 1, positionalOnly: true });
    const n = asIndexInt(x!);
    return (n < 0n ? '-' : '') + prefix + (n < 0n ? -n : n).toString(base);
  };
}

// ---- builtin classes -------------------------------------------------------------------------

const INT_METHODS = new Map<string, MethodImpl<bigint | boolean>>([
  ['bit_length', (self) => BigInt(asBigInt(self) === 0n ? 0 : (asBigInt(self) < 0n ? -asBigInt(self) : asBigInt(self)).toString(2).length)],
  ['conjugate', (self) => asBigInt(self)],
]);

const FLOAT_METHODS = new Map<string, MethodImpl<number>>([
  ['is_integer', (self) => Number.isFinite(self) && Number.isInteger(self)],
  ['conjugate', (self) => self],
]);

function typeMethods<T>(m: ReadonlyMap<string, MethodImpl<T>>): ReadonlyMap<string, MethodImpl<never>> {
  return m as unknown as ReadonlyMap<string, MethodImpl<never>>;
}

export const INT_TYPE = new BuiltinType('int', (a, k) => toInt(a, k), typeMethods(INT_METHODS), (v) => typeof v === 'bigint' || typeof v === 'boolean');
export const FLOAT_TYPE = new BuiltinType('float', (a, k) => toFloat(a, k), typeMethods(FLOAT_METHODS), (v) => typeof v === 'number');
export const STR_TYPE = new BuiltinType(
  'str',
  (args, kwargs) => {
    const [x] = bindArgs('str', args, kwargs, { names: ['object'], required: 0 });
    return x === undefined ? '' : pyStr(x);
  },
  typeMethods(STR_METHODS),
  (v) => typeof v === 'string',
);
export const BOOL_TYPE = new BuiltinType(
  'bool',
  (args, kwargs, site, rt) => {
    const [x] = bindArgs('bool', args, kwargs, { names: ['x'], required: 0, positionalOnly: true });
    return x === undefined ? false : truthy(x, site, rt);
  },
  new Map(),
  (v) => typeof v === 'boolean',
);
export const LIST_TYPE = new BuiltinType(
  'list',
  (args, kwargs, site, rt) => {
    const [x] = bindArgs('list', args, kwargs, { names: ['iterable'], required: 0, positionalOnly: true });
    return new PyList(x === undefined ? [] : collect(x, site, rt));
  },
  typeMethods(LIST_METHODS),
  (v) => v instanceof PyList,
);
export const TUPLE_TYPE = new BuiltinType(
  'tuple',
  (args, kwargs, site, rt) => {
    const [x] = bindArgs('tuple', args, kwargs, { names: ['iterable'], required: 0, positionalOnly: true });
    if (x instanceof PyTuple) return x;
    return new PyTuple(x === undefined ? [] : collect(x, site, rt));
  },
  typeMethods(TUPLE_METHODS),
  (v) => v instanceof PyTuple,
);
export const DICT_TYPE = new BuiltinType(
  'dict',
  (args, kwargs, site, rt) => {
    if (args.length > 1) throw new PyTypeError(`dict expected at most 1 argument, got ${args.length}`);
    const d = new PyDict();
    updateDict(d, args[0], kwargs, site, rt);
    return d;
  },
  typeMethods(
    new Map<string, MethodImpl<PyDict>>([
      ...DICT_METHODS,
    ]),
  ),
  (v) => v instanceof PyDict,
  new Map<string, NativeFn>([
    [
      'fromkeys',
      (args, kwargs, site, rt) => {
        const [keys, value] = bindArgs('fromkeys', args, kwargs, { names: ['iterable', 'value'], required: 1, positionalOnly: true });
        const d = new PyDict();
        for (const k of iterate(keys!, site, rt)) {
          tick(rt);
          keyOf(k);
          d.set(k, value === undefined ? null : value);
        }
        return d;
      },
    ],
  ]),
);
export const SET_TYPE = new BuiltinType(
  'set',
  (args, kwargs, site, rt) => {
    const [x] = bindArgs('set', args, kwargs, { names: ['iterable'], required: 0, positionalOnly: true });
    return x === undefined ? new PySet() : PySet.of(iterate(x, site, rt), rt);
  },
  typeMethods(SET_METHODS),
  (v) => v instanceof PySet,
);
export const RANGE_TYPE = new BuiltinType('range', (a, k) => builtinRange(a, k), new Map(), (v) => v instanceof PyRange);

/** The method table of a builtin value's type, for attribute lookup. */
export function methodsOf(v: PyValue): ReadonlyMap<string, MethodImpl<never>> | undefined {
  if (typeof v === 'string') return typeMethods(STR_METHODS);
  if (v instanceof PyList) return typeMethods(LIST_METHODS);
  if (v instanceof PyTuple) return typeMethods(TUPLE_METHODS);
  if (v instanceof PyDict) return typeMethods(DICT_METHODS);
  if (typeof v === 'bigint' || typeof v === 'boolean') return typeMethods(INT_METHODS);
  if (typeof v === 'number') return typeMethods(FLOAT_METHODS);
  return undefined;
}

/** `str`, `int` ... as a value: for the pandas layer (`astype(str)`, `dtype={'c': str}`). */
export function builtinTypeName(v: PyValue): string | undefined {
  return v instanceof BuiltinType ? v.name : undefined;
}

export const BUILTINS: ReadonlyMap<string, PyValue> = new Map<string, PyValue>([
  ['int', INT_TYPE],
  ['float', FLOAT_TYPE],
  ['str', STR_TYPE],
  ['bool', BOOL_TYPE],
  ['list', LIST_TYPE],
  ['tuple', TUPLE_TYPE],
  ['dict', DICT_TYPE],
  ['set', SET_TYPE],
  ['range', RANGE_TYPE],
  fn('len', builtinLen),
  fn('min', (a, k, s, r) => minmax('min', a, k, s, r)),
  fn('max', (a, k, s, r) => minmax('max', a, k, s, r)),
  fn('sum', builtinSum),
  fn('round', builtinRound),
  fn('abs', builtinAbs),
  fn('sorted', builtinSorted),
  fn('reversed', builtinReversed),
  fn('enumerate', builtinEnumerate),
  fn('zip', builtinZip),
  fn('map', builtinMap),
  fn('filter', builtinFilter),
  fn('any', anyAll('any')),
  fn('all', anyAll('all')),
  fn('isinstance', (args, kwargs) => {
    const [v, cls] = bindArgs('isinstance', args, kwargs, { names: ['obj', 'class_or_tuple'], required: 2, positionalOnly: true });
    return isInstanceOf(v!, cls!);
  }),
  fn('callable', (args, kwargs) => {
    const [v] = bindArgs('callable', args, kwargs, { names: ['obj'], required: 1, positionalOnly: true });
    return v instanceof PyObject && v.callable();
  }),
  // print() writes nowhere: a block's only output is its table.
  fn('print', () => null),
  fn('repr', (args, kwargs) => pyRepr(bindArgs('repr', args, kwargs, { names: ['obj'], required: 1, positionalOnly: true })[0]!)),
  fn('ascii', (args, kwargs) => pyAscii(bindArgs('ascii', args, kwargs, { names: ['obj'], required: 1, positionalOnly: true })[0]!)),
  fn('format', (args, kwargs) => {
    const [v, spec] = bindArgs('format', args, kwargs, { names: ['value', 'format_spec'], required: 1, positionalOnly: true });
    if (spec !== undefined && typeof spec !== 'string') throw new PyTypeError(`format() argument 2 must be str, not ${typeName(spec)}`);
    return formatSpec(v!, spec ?? '');
  }),
  fn('chr', (args, kwargs) => {
    const [i] = bindArgs('chr', args, kwargs, { names: ['i'], required: 1, positionalOnly: true });
    const n = asIndexInt(i!);
    if (n < 0n || n > 0x10ffffn) throw valueError('chr() arg not in range(0x110000)');
    return String.fromCodePoint(Number(n));
  }),
  fn('ord', (args, kwargs) => {
    const [c] = bindArgs('ord', args, kwargs, { names: ['c'], required: 1, positionalOnly: true });
    if (typeof c !== 'string') throw new PyTypeError(`ord() expected string of length 1, but ${typeName(c!)} found`);
    const cps = Array.from(c);
    if (cps.length !== 1) throw new PyTypeError(`ord() expected a character, but string of length ${cps.length} found`);
    return BigInt(cps[0].codePointAt(0)!);
  }),
  fn('divmod', builtinDivmod),
  fn('pow', builtinPow),
  fn('hex', radix('hex', '0x', 16)),
  fn('oct', radix('oct', '0o', 8)),
  fn('bin', radix('bin', '0b', 2)),
  fn('iter', (args, kwargs, site, rt) => {
    const [x] = bindArgs('iter', args, kwargs, { names: ['object'], required: 1, positionalOnly: true });
    if (x instanceof PyIterator) return x;
    return new PyIterator(`${typeName(x!)}_iterator`, iterate(x!, site, rt));
  }),
  fn('next', (args, kwargs) => {
    const [it, dflt] = bindArgs('next', args, kwargs, { names: ['iterator', 'default'], required: 1, positionalOnly: true });
    if (!(it instanceof PyIterator)) throw new PyTypeError(`'${typeName(it!)}' object is not an iterator`);
    const r = it.next();
    if (!r.done) return r.value;
    if (dflt !== undefined) return dflt;
    throw valueError('StopIteration: the iterator is exhausted');
  }),
  fn('slice', (args, kwargs) => {
    noKwargs('slice', kwargs);
    if (!args.length || args.length > 3) throw new PyTypeError(`slice expected at least 1 argument, got ${args.length}`);
    if (args.length === 1) return new PySlice(null, args[0], null);
    return new PySlice(args[0], args[1], args[2] ?? null);
  }),
]);
