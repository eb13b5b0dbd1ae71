/**
 * numexpr 2.8's virtual machine (interp_body.cpp) for a compiled tree: element-wise C arithmetic
 * on typed arrays. The differences from numpy that a query can see:
 *  - int `%` is C's remainder (the sign of the dividend: -1 % 3 == -1) and `x % 0` is 0;
 *  - float `%` is a - floor(a / b) * b;
 *  - int32 arithmetic (int literals with booleans) wraps at 32 bits;
 *  - int ** int is pow() in long double cast back (1 / a for a negative exponent), so it
 *    saturates to INT64_MIN where numpy wraps.
 */
import { DftablesError } from '../errors.js';
import type { NeLeaf } from '../python/queryTree.js';
import { MATH, type Kind, type Nx } from './numexprCompile.js';
import { libmPow } from '../python/libmPow.js';

type Data = Uint8Array | Int32Array | BigInt64Array | Float32Array | Float64Array;

/** One operand or result: `scalar` data has one element that stands for every row. */
export interface Vec {
  kind: Kind;
  data: Data;
  scalar: boolean;
}

function alloc(kind: Kind, n: number): Data {
  switch (kind) {
    case 'bool':
      return new Uint8Array(n);
    case 'int':
      return new Int32Array(n);
    case 'long':
      return new BigInt64Array(n);
    case 'float':
      return new Float32Array(n);
    case 'double':
      return new Float64Array(n);
  }
}

/** A constant as a one-element vector. */
function constVec(kind: Kind, value: boolean | bigint | number): Vec {
  if (kind === 'long' && typeof value === 'bigint' && BigInt.asIntN(64, value) !== value) throw new DftablesError('DT208', 'Python int too large to convert to C long');
  const data = alloc(kind, 1);
  if (kind === 'long') (data as BigInt64Array)[0] = typeof value === 'bigint' ? value : BigInt(Math.trunc(Number(value)));
  else (data as Exclude<Data, BigInt64Array>)[0] = Number(value);
  return { kind, data, scalar: true };
}

const INT32_MIN = -2147483648;

/** C's (int) of a double that may not fit: x86 gives INT_MIN. */
function toInt32(x: number): number {
  return x >= -2147483648 && x < 2147483648 ? Math.trunc(x) : INT32_MIN;
}

const TWO63 = 2n ** 63n;

/** (long long)powl(a, b) for b >= 0: exact while it fits, INT64_MIN (x86's conversion) beyond. */
function powLong(a: bigint, b: bigint): bigint {
  if (b === 0n || a === 1n) return 1n;
  if (a === 0n) return 0n;
  if (a === -1n) return b % 2n === 0n ? 1n : -1n;
  if (b >= 64n) return -TWO63;
  const r = a ** b;
  return r >= TWO63 || r < -TWO63 ? -TWO63 : r;
}

type Num = number | bigint;

/** The element function of an operation for a result kind (operands already cast by the compiler). */
function elementOp(n: Extract<Nx, { t: 'op' }>): (a: Num, b: Num) => Num {
  const k = n.args[0]?.kind ?? n.kind;
  const pos = n.pos;
  const f32 = Math.fround;
  switch (n.name) {
    case 'add':
      return k === 'long' ? (a, b) => (a as bigint) + (b as bigint) : k === 'int' ? (a, b) => ((a as number) + (b as number)) | 0 : (a, b) => (a as number) + (b as number);
    case 'sub':
      return k === 'long' ? (a, b) => (a as bigint) - (b as bigint) : k === 'int' ? (a, b) => ((a as number) - (b as number)) | 0 : (a, b) => (a as number) - (b as number);
    case 'mul':
      return k === 'long' ? (a, b) => (a as bigint) * (b as bigint) : k === 'int' ? (a, b) => Math.imul(a as number, b as number) : (a, b) => (a as number) * (b as number);
    case 'div':
      if (k === 'long') return (a, b) => ((b as bigint) === 0n ? 0n : (a as bigint) / (b as bigint));
      if (k === 'int') return (a, b) => ((b as number) === 0 ? 0 : Math.trunc((a as number) / (b as number)) | 0);
      return (a, b) => (a as number) / (b as number);
    case 'mod':
      if (k === 'long') return (a, b) => ((b as bigint) === 0n ? 0n : (a as bigint) % (b as bigint));
      if (k === 'int') return (a, b) => ((b as number) === 0 ? 0 : (a as number) % (b as number) | 0);
      if (k === 'float') return (a, b) => f32((a as number) - f32(Math.floor(f32((a as number) / (b as number))) * (b as number)));
      return (a, b) => (a as number) - Math.floor((a as number) / (b as number)) * (b as number);
    case 'pow':
      if (k === 'long') {
        return (a, b) => {
          // 1 / a in C; numexpr 2.8.4 gives 0 for 0 ** -n (checked against it).
          if ((b as bigint) < 0n) return (a as bigint) === 0n ? 0n : 1n / (a as bigint);
          return powLong(a as bigint, b as bigint);
        };
      }
      if (k === 'int') {
        return (a, b) => {
          if ((b as number) < 0) return (a as number) === 0 ? 0 : Math.trunc(1 / (a as number));
          return toInt32(Math.pow(a as number, b as number));
        };
      }
      return (a, b) => libmPow(a as number, b as number);
    case 'gt':
      return (a, b) => (a > b ? 1 : 0);
    case 'ge':
      return (a, b) => (a >= b ? 1 : 0);
    case 'eq':
      return (a, b) => (a === b ? 1 : 0);
    case 'ne':
      return (a, b) => (a !== b ? 1 : 0);
    case 'and':
      return (a, b) => (a && b ? 1 : 0);
    case 'or':
      return (a, b) => (a || b ? 1 : 0);
    case 'neg':
      return k === 'long' ? (a) => -(a as bigint) : k === 'int' ? (a) => -(a as number) | 0 : (a) => -(a as number);
    case 'invert':
      return (a) => (a ? 0 : 1);
    case 'ones_like':
      return () => (n.kind === 'long' ? 1n : 1);
    case 'cast':
      if (n.kind === 'long') return (a) => (typeof a === 'bigint' ? a : BigInt(a));
      return (a) => Number(a);
    default: {
      const f = MATH[n.name] as ((x: number, y?: number) => number) | undefined;
      if (!f) throw new DftablesError('DT204', `numexpr has no function ${n.name}()`, { pos });
      return (a, b) => f(a as number, b as number);
    }
  }
}

/**
 * Runs a compiled tree over `n` rows. `leafVec` gives each variable's data in the kind the
 * compiler chose for it.
 */
export function runNumexpr(node: Nx, n: number, leafVec: (leaf: NeLeaf, kind: Kind) => Vec): Vec {
  if (node.t === 'const') return constVec(node.kind, node.value);
  if (node.t === 'var') return leafVec(node.leaf, node.kind);
  const args = node.args.map((a) => runNumexpr(a, n, leafVec));
  const scalar = args.every((a) => a.scalar);
  const len = scalar ? 1 : n;
  const out = alloc(node.kind, len);
  const f = elementOp(node);
  const [a, b] = args;
  const da = a?.data as ArrayLike<Num> | undefined;
  const db = b?.data as ArrayLike<Num> | undefined;
  const sa = a?.scalar ?? true;
  const sb = b?.scalar ?? true;
  const o = out as unknown as { [i: number]: Num };
  for (let i = 0; i < len; i++) {
    const x = da ? da[sa ? 0 : i] : 0;
    const y = db ? db[sb ? 0 : i] : 0;
    o[i] = f(x, y);
  }
  return { kind: node.kind, data: out, scalar };
}
