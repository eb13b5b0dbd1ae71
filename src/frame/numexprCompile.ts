/**
 * numexpr 2.8's compiler, for the trees pandas 1.5.3 hands it from a query (engine='numexpr').
 *
 * pandas prints its tree as a string and numexpr evaluates that string in Python with its own
 * node objects (numexpr/expressions.py): constant sub-expressions fold with Python's arithmetic,
 * the rest becomes typed nodes (bool, int32, int64, float32, float64) with numexpr's quirks:
 *  - no `//` at all, and no `&`/`|` with a constant on the left (TypeError);
 *  - `/` by a float constant multiplies by its inverse (ZeroDivisionError for 0);
 *  - `x ** c` for a constant c in [-50, 50] with 2c integral becomes multiplications (and a
 *    sqrt); int ** negative int constant is a ValueError, int ** int variable a TypeError;
 *  - math functions compute in float64 (float32 for booleans).
 * Then each operation takes the first signature its operands can be cast up to
 * (necompiler.typeCompileAst), or fails with NotImplementedError (`~` on ints, `-` on booleans,
 * `bool + bool`).
 */
import { DftablesError, type Pos } from '../errors.js';
import type { NeExpr, NeLeaf } from '../python/queryTree.js';
import { NUMEXPR_BUILTINS, leavesOf } from '../python/queryTree.js';
import { npFloatArith } from '../python/numbers.js';
import type { BinOpName } from '../python/ast.js';
import { binaryOp, compareOp, unaryOp } from '../python/operators.js';
import type { CallSite, Runtime } from '../python/values.js';
import { pyCompare } from './scalarOps.js';

export type Kind = 'bool' | 'int' | 'long' | 'float' | 'double';

const RANK: readonly Kind[] = ['bool', 'int', 'long', 'float', 'double'];
const CODE: Record<Kind, string> = { bool: 'b', int: 'i', long: 'l', float: 'f', double: 'd' };
const KIND_OF_CODE: Record<string, Kind> = { b: 'bool', i: 'int', l: 'long', f: 'float', d: 'double' };

/** numexpr's opcodes for these kinds (numexpr.interpreter.opcodes, complex and string ones left out). */
const OPCODES = new Set(
  (
    'add_ddd add_fff add_iii add_lll and_bbb cast_df cast_di cast_dl cast_fi cast_fl cast_ib cast_li div_ddd div_fff div_iii ' +
    'div_lll eq_bbb eq_bdd eq_bff eq_bii eq_bll ge_bdd ge_bff ge_bii ge_bll gt_bdd gt_bff gt_bii gt_bll invert_bb mod_ddd ' +
    'mod_fff mod_iii mod_lll mul_ddd mul_fff mul_iii mul_lll ne_bbb ne_bdd ne_bff ne_bii ne_bll neg_dd neg_ff neg_ii neg_ll ' +
    'ones_like_dd ones_like_ff ones_like_ii ones_like_ll or_bbb pow_ddd pow_fff pow_iii pow_lll sqrt_dd sqrt_ff sub_ddd ' +
    'sub_fff sub_iii sub_lll'
  ).split(' '),
);

/** numexpr's function codes (numexpr.interpreter.funccodes, real kinds). */
const FUNCCODES = new Set(
  (
    'absolute_dd absolute_ff arccos_dd arccos_ff arccosh_dd arccosh_ff arcsin_dd arcsin_ff arcsinh_dd arcsinh_ff arctan2_ddd ' +
    'arctan2_fff arctan_dd arctan_ff arctanh_dd arctanh_ff ceil_dd ceil_ff cos_dd cos_ff cosh_dd cosh_ff exp_dd exp_ff ' +
    'expm1_dd expm1_ff floor_dd floor_ff fmod_ddd fmod_fff log10_dd log10_ff log1p_dd log1p_ff log_dd log_ff sin_dd sin_ff ' +
    'sinh_dd sinh_ff sqrt_dd sqrt_ff tan_dd tan_ff tanh_dd tanh_ff'
  ).split(' '),
);

/** A Python scalar while numexpr parses: constant sub-expressions fold in Python. */
export type Py = boolean | bigint | number | null;

/** A typed numexpr node. Constants hold Python values; variables point at the query's leaves. */
export type Nx =
  | { t: 'const'; kind: Kind; value: boolean | bigint | number }
  | { t: 'var'; kind: Kind; leaf: NeLeaf }
  | { t: 'op'; name: string; kind: Kind; args: Nx[]; func?: boolean; pos: Pos };

/** The result of compiling: a program, or the constant the whole expression folded to. */
export type Compiled = { node: Nx } | { constant: Py };

function isNode(x: Py | Nx): x is Nx {
  return typeof x === 'object' && x !== null;
}

const ENGINE_HINT = "Pass engine='python' to query() for Python's semantics.";

function typeError(message: string, pos: Pos, hint?: string): DftablesError {
  return new DftablesError('DT204', message, { pos, hint });
}

/** The Python class name numexpr's errors print for an operand. */
function pyTypeName(x: Py | Nx): string {
  if (isNode(x)) return x.t === 'var' ? 'VariableNode' : x.t === 'const' ? 'ConstantNode' : x.func ? 'FuncNode' : 'OpNode';
  if (x === null) return 'NoneType';
  return typeof x === 'boolean' ? 'bool' : typeof x === 'bigint' ? 'int' : 'float';
}

const INT32_MIN = -(2n ** 31n);
const INT32_MAX = 2n ** 31n - 1n;

/** numexpr's ConstantNode for a Python scalar (bestConstantType). */
function constNode(x: Py, pos: Pos): Nx {
  if (x === null) {
    throw typeError("unsupported object type: <class 'NoneType'> (numexpr cannot compute with None)", pos, "Test for missing values with x.isna(), or pass engine='python'.");
  }
  if (typeof x === 'boolean') return { t: 'const', kind: 'bool', value: x };
  // Beyond int64 is fine as long as it is cast to float64 (numexpr fails only when it makes the array).
  if (typeof x === 'bigint') return { t: 'const', kind: x >= INT32_MIN && x <= INT32_MAX ? 'int' : 'long', value: x };
  return { t: 'const', kind: 'double', value: x };
}

function toNode(x: Py | Nx, pos: Pos): Nx {
  return isNode(x) ? x : constNode(x, pos);
}

function commonKind(nodes: Nx[]): Kind {
  let r = 0;
  for (const n of nodes) r = Math.max(r, RANK.indexOf(n.kind));
  return RANK[r];
}

function opNode(name: string, args: Nx[], pos: Pos, kind?: Kind): Nx {
  return { t: 'op', name, kind: kind ?? commonKind(args), args, pos };
}

const ARITH: Record<string, string> = { '+': 'add', '-': 'sub', '*': 'mul', '%': 'mod' };

class Builder {
  constructor(
    private readonly kindOf: (leaf: NeLeaf) => Kind,
    private readonly rt: Runtime,
  ) {}

  private site(pos: Pos): CallSite {
    return { pos, argPos: [], kwPos: new Map(), locate: () => pos };
  }

  build(e: NeExpr): Py | Nx {
    if (e.kind === 'leaf') {
      if (!e.constant) return { t: 'var', kind: this.kindOf(e), leaf: e };
      const v = e.value;
      if (typeof v !== 'boolean' && typeof v !== 'bigint' && typeof v !== 'number' && v !== null) throw new DftablesError('DT204', 'unsupported constant in a numexpr expression', { pos: e.pos });
      // pandas' `/` cast the constant to numpy.float64 (NaN for None).
      if (e.toFloat) return v === null ? NaN : Number(v);
      return v;
    }
    const args = e.args.map((a) => this.build(a));
    if (e.kind === 'call') return this.call(e.fn, args, e.pos);
    if (e.op === 'neg' || e.op === 'pos' || e.op === 'invert') return this.unary(e.op, args[0], e.pos);
    return this.binary(e.op, args[0], args[1], e.pos);
  }

  private unary(op: 'neg' | 'pos' | 'invert', a: Py | Nx, pos: Pos): Py | Nx {
    if (isNode(a) && a.t === 'const' && op !== 'pos') {
      const v = a.value;
      if (op === 'neg') return npConst(typeof v === 'number' ? -v : -BigInt(v), pos);
      if (typeof v === 'number') throw typeError("ufunc 'invert' not supported for the input types", pos);
      return npConst(typeof v === 'boolean' ? !v : ~v, pos);
    }
    if (!isNode(a)) return unaryOp(op === 'neg' ? '-' : op === 'pos' ? '+' : '~', a, this.site(pos), this.rt) as Py;
    if (op === 'pos') return a;
    return opNode(op, [a], pos, op === 'invert' ? a.kind : undefined);
  }

  private binary(op: string, a: Py | Nx, b: Py | Nx, pos: Pos): Py | Nx {
    if (!isNode(a) && !isNode(b)) {
      // Python folds constant sub-expressions before numexpr sees them.
      if (op === '>' || op === '<' || op === '>=' || op === '<=' || op === '==' || op === '!=') return compareOp(op, a, b, this.site(pos), this.rt) as Py;
      return binaryOp(op as BinOpName, a, b, this.site(pos), this.rt) as Py;
    }
    // numexpr's ConstantNodes (from a function of constants) fold with numpy's arithmetic.
    const constish = (x: Py | Nx) => !isNode(x) || x.t === 'const';
    const foldable = constish(a) && constish(b) && op !== '/' && op !== '//' && (isNode(a) || !(op === '&' || op === '|'));
    if (foldable) return npConst(npFold(op, constValue(a), constValue(b), pos), pos);
    switch (op) {
      case '//':
        throw new DftablesError('DT212', `query()'s default engine, numexpr, has no '//' operator (pandas: TypeError: unsupported operand type(s) for //: '${pyTypeName(a)}' and '${pyTypeName(b)}')`, {
          pos,
          hint: "Pass engine='python' to query() to floor-divide, or write floor(a / b).",
        });
      case '&':
      case '|':
        if (!isNode(a)) {
          throw typeError(`unsupported operand type(s) for ${op}: '${pyTypeName(a)}' and '${pyTypeName(b)}' (numexpr cannot start '${op}' with a constant)`, pos, `Put the constant on the right (x ${op} True), or pass engine='python'.`);
        }
        return opNode(op === '&' ? 'and' : 'or', [a, toNode(b, pos)], pos, 'bool');
      case '>':
      case '>=':
        return opNode(op === '>' ? 'gt' : 'ge', [toNode(a, pos), toNode(b, pos)], pos, 'bool');
      case '<':
      case '<=':
        // numexpr has only gt/ge: a < b is b > a.
        return opNode(op === '<' ? 'gt' : 'ge', [toNode(b, pos), toNode(a, pos)], pos, 'bool');
      case '==':
      case '!=':
        return opNode(op === '==' ? 'eq' : 'ne', [toNode(a, pos), toNode(b, pos)], pos, 'bool');
      case '/':
        return this.truediv(toNode(a, pos), toNode(b, pos), pos);
      case '**':
        // A constant base: Python calls the node's __rpow__, which checks nothing.
        if (!isNode(a)) return opNode('pow', [constNode(a, pos), b as Nx], pos);
        return this.pow(a, toNode(b, pos), pos);
      default:
        return opNode(ARITH[op], [toNode(a, pos), toNode(b, pos)], pos);
    }
  }

  /** numexpr's truediv_op with optimization='aggressive'. */
  private truediv(a: Nx, b: Nx, pos: Pos): Nx {
    if (b.t === 'const' && a.kind === b.kind && (a.kind === 'float' || a.kind === 'double')) {
      const d = Number(b.value);
      if (d === 0) {
        throw new DftablesError('DT211', 'float division by zero (numexpr divides by a constant by multiplying with its inverse)', {
          pos,
          hint: "Divide by a column, or pass engine='python' to get inf.",
        });
      }
      return opNode('mul', [a, constNode(1 / d, pos)], pos);
    }
    const kind = commonKind([a, b]);
    return opNode('div', [a, b], pos, kind === 'bool' || kind === 'int' || kind === 'long' ? 'double' : kind);
  }

  /** numexpr's pow_op with optimization='aggressive'. */
  private pow(a: Nx, b: Nx, pos: Pos): Nx {
    const intKind = (k: Kind) => k === 'int' || k === 'long';
    if (intKind(a.kind) && intKind(b.kind)) {
      if (b.t !== 'const') {
        // numexpr compares the exponent node's name with 0.
        throw typeError(
          "numexpr cannot raise integers to an integer column or expression (pandas: TypeError: '<' not supported between instances of 'str' and 'int')",
          pos,
          "Make one side a float (x.astype(float) or 2.0 ** n), or pass engine='python'.",
        );
      }
      if (Number(b.value) < 0) throw new DftablesError('DT208', 'Integers to negative integer powers are not allowed.', { pos, hint: 'Use a float exponent (x ** -1.0).' });
    }
    if (b.t === 'const') {
      const x = Number(b.value);
      if (Number.isFinite(x) && Number.isInteger(2 * x) && Math.abs(x) <= 50) {
        const n = Math.trunc(Math.abs(x));
        const half = Math.trunc(Math.abs(2 * x)) % 2 === 1;
        let r: Nx | undefined;
        let p = a;
        for (let mask = 1; ; ) {
          if (n & mask) r = r ? opNode('mul', [r, p], pos) : p;
          mask <<= 1;
          if (mask > n) break;
          p = opNode('mul', [p, p], pos);
        }
        if (half) {
          const k = commonKind([a]);
          const sqrt = opNode('sqrt', [a], pos, k === 'int' || k === 'long' ? 'double' : k);
          r = r ? opNode('mul', [r, sqrt], pos) : sqrt;
        }
        if (!r) r = opNode('ones_like', [a], pos);
        if (x < 0) r = opNode('div', [constNode(1n, pos), r], pos);
        return r;
      }
    }
    return opNode('pow', [a, b], pos);
  }

  /** numexpr's functions: float64 for integers, at least float32 otherwise, floor/ceil at most float64. */
  private call(fn: string, args: (Py | Nx)[], pos: Pos): Py | Nx {
    const name = fn === 'abs' ? 'absolute' : fn;
    if (args.every((a) => !isNode(a) || a.t === 'const')) return npConst(foldCall(name, args.map(constValue), pos), pos);
    const nodes = args.map((a) => toNode(a, pos));
    let kind = commonKind(nodes);
    if (kind === 'int' || kind === 'long') kind = 'double';
    else if (RANK.indexOf(kind) < RANK.indexOf('float')) kind = 'float';
    return { t: 'op', name, kind, args: nodes, func: true, pos };
  }
}

/** A math function of constants, as numpy computes it when numexpr folds the call. */
function foldCall(name: string, args: Py[], pos: Pos): Py {
  const f = MATH[name];
  if (!f || f.length !== args.length) throw new DftablesError('DT204', `${name}() takes ${f ? f.length : 'other'} arguments`, { pos });
  if (name === 'absolute' && typeof args[0] === 'bigint') return args[0] < 0n ? -args[0] : args[0];
  if (name === 'absolute' && typeof args[0] === 'boolean') return args[0];
  return (f as (...x: number[]) => number)(...args.map((a) => (a === null ? NaN : Number(a))));
}

/** Python's (and numpy's) int remainder: the sign of the divisor. */
function floorMod(x: bigint, y: bigint): bigint {
  const r = x % y;
  return r !== 0n && (r < 0n) !== (y < 0n) ? r + y : r;
}

function constValue(x: Py | Nx): Py {
  return isNode(x) ? (x as { value: boolean | bigint | number }).value : x;
}

/** A ConstantNode holding a numpy scalar: numpy's int64 is numexpr's long. */
function npConst(v: Py, pos: Pos): Nx {
  if (v === null) return constNode(v, pos);
  if (typeof v === 'boolean') return { t: 'const', kind: 'bool', value: v };
  if (typeof v === 'bigint') return { t: 'const', kind: 'long', value: BigInt.asIntN(64, v) };
  return { t: 'const', kind: 'double', value: v };
}

/** (a ** b) mod 2**64, numpy's wrapping int64 power. */
function powWrap(a: bigint, b: bigint): bigint {
  let r = 1n;
  let x = BigInt.asIntN(64, a);
  for (let e = b; e > 0n; e >>= 1n) {
    if (e & 1n) r = BigInt.asIntN(64, r * x);
    x = BigInt.asIntN(64, x * x);
  }
  return r;
}

/** numpy's scalar arithmetic, for numexpr's ConstantNodes. */
function npFold(op: string, a: Py, b: Py, pos: Pos): Py {
  if (a === null || b === null) throw typeError("unsupported object type: <class 'NoneType'> (numexpr cannot compute with None)", pos);
  if (op === '>' || op === '<' || op === '>=' || op === '<=' || op === '==' || op === '!=') return pyCompare(op, a, b);
  if (typeof a === 'number' || typeof b === 'number') {
    // The float operators folded here; any other reaching this point is numexpr's bitwise error.
    if (op === '+' || op === '-' || op === '*' || op === '%' || op === '**') return npFloatArith(op, Number(a), Number(b))!;
    throw typeError(`ufunc 'bitwise_${op === '&' ? 'and' : 'or'}' not supported for the input types`, pos);
  }
  if ((op === '&' || op === '|') && typeof a === 'boolean' && typeof b === 'boolean') return op === '&' ? a && b : a || b;
  const x = BigInt(a);
  const y = BigInt(b);
  switch (op) {
    case '+':
      return BigInt.asIntN(64, x + y);
    case '-':
      return BigInt.asIntN(64, x - y);
    case '*':
      return BigInt.asIntN(64, x * y);
    case '%':
      return y === 0n ? 0n : floorMod(x, y);
    case '**':
      if (y < 0n) throw new DftablesError('DT208', 'Integers to negative integer powers are not allowed.', { pos });
      return powWrap(x, y);
    case '&':
      return x & y;
    case '|':
      return x | y;
  }
  throw typeError(`unsupported operand for ${op}`, pos);
}

/** numexpr's functions on float64, by numexpr's names. */
export const MATH: Record<string, ((x: number) => number) | ((x: number, y: number) => number)> = {
  absolute: Math.abs,
  arccos: Math.acos,
  arccosh: Math.acosh,
  arcsin: Math.asin,
  arcsinh: Math.asinh,
  arctan: Math.atan,
  arctanh: Math.atanh,
  ceil: Math.ceil,
  cos: Math.cos,
  cosh: Math.cosh,
  exp: Math.exp,
  expm1: Math.expm1,
  floor: Math.floor,
  log10: Math.log10,
  log1p: Math.log1p,
  log: Math.log,
  sin: Math.sin,
  sinh: Math.sinh,
  sqrt: Math.sqrt,
  tan: Math.tan,
  tanh: Math.tanh,
  arctan2: Math.atan2,
  fmod: (x: number, y: number) => x % y,
};

/** Signatures the operands can be cast up to, in numexpr's order (necompiler.sigPerms). */
function* sigPerms(s: string): Generator<string> {
  const codes = 'bilfdc';
  if (!s) {
    yield '';
    return;
  }
  for (const x of codes.slice(codes.indexOf(s[0]))) for (const y of sigPerms(s.slice(1))) yield x + y;
}

const OP_WORDS: Record<string, string> = {
  add: "'+'", sub: "'-'", mul: "'*'", div: "'/'", pow: "'**'", mod: "'%'", neg: "unary '-'", invert: "'~' (not)",
  and: "'&' (and)", or: "'|' (or)", gt: 'comparisons', ge: 'comparisons', eq: "'=='", ne: "'!='",
};
const KIND_WORDS: Record<Kind, string> = { bool: 'bool', int: 'int32', long: 'int64', float: 'float32', double: 'float64' };

/** necompiler.typeCompileAst: picks each operation's signature and inserts the casts. */
function typeCompile(n: Nx): Nx {
  if (n.t !== 'op') return n;
  const ret = CODE[n.kind];
  const base = n.args.map((a) => CODE[a.kind]).join('');
  let sig: string | undefined;
  let func = false;
  for (const s of sigPerms(base)) {
    if (OPCODES.has(`${n.name}_${ret}${s}`)) {
      sig = s;
      break;
    }
  }
  if (sig === undefined) {
    for (const s of sigPerms(base)) {
      if (FUNCCODES.has(`${n.name}_${ret}${s}`)) {
        sig = s;
        func = true;
        break;
      }
    }
  }
  if (sig === undefined) {
    const kinds = [...new Set(n.args.map((a) => KIND_WORDS[a.kind]))].join(' and ');
    const what = OP_WORDS[n.name] ?? `${n.name}()`;
    throw typeError(
      `numexpr cannot apply ${what} to ${kinds} values (pandas: NotImplementedError: couldn't find matching opcode for '${n.name}_${ret}${base}')`,
      n.pos,
      ENGINE_HINT,
    );
  }
  const args = n.args.map((a, i) => {
    const want = KIND_OF_CODE[sig![i]];
    if (a.kind === want) return typeCompile(a);
    if (a.t === 'const') return { t: 'const' as const, kind: want, value: convertConstant(a.value, want) };
    return typeCompile({ t: 'op' as const, name: 'cast', kind: want, args: [a], pos: n.pos });
  });
  return { ...n, args, func: func || undefined };
}

function convertConstant(v: boolean | bigint | number, kind: Kind): boolean | bigint | number {
  if (kind === 'bool') return Boolean(v);
  if (kind === 'int' || kind === 'long') return typeof v === 'number' ? BigInt(Math.trunc(v)) : BigInt(v);
  return kind === 'float' ? Math.fround(Number(v)) : Number(v);
}

/** NumExprClobberingError: a column named like a numexpr function. */
function checkClobbering(tree: NeExpr): void {
  for (const leaf of leavesOf(tree)) {
    if (leaf.neName && NUMEXPR_BUILTINS.has(leaf.neName)) {
      throw new DftablesError('DT212', `column '${leaf.neName}' has the name of a numexpr function, which query()'s numexpr engine refuses (pandas: NumExprClobberingError)`, {
        pos: leaf.pos,
        hint: "Rename the column (df.rename(columns={...})), or pass engine='python' to query().",
      });
    }
  }
}

/**
 * Compiles a tree as pandas' NumExprEngine and numexpr.evaluate do: the clobbering check, a
 * first parse with every variable float64 (syntax-level errors), `kindOf` on each variable (which
 * throws numexpr's getType errors), the real parse, then typing.
 */
export function compileNumexpr(tree: NeExpr, kindOf: (leaf: NeLeaf) => Kind, rt: Runtime): Compiled {
  checkClobbering(tree);
  new Builder(() => 'double', rt).build(tree);
  for (const leaf of leavesOf(tree)) if (!leaf.constant) kindOf(leaf);
  const built = new Builder(kindOf, rt).build(tree);
  if (!isNode(built)) return { constant: built };
  return { node: typeCompile(built) };
}
