/**
 * pandas' python engine for queries (PythonEngine: `expr()`): once the whole tree is built, each
 * operation runs with Python's operators on its terms' values. The tree is evaluated late on
 * purpose: a `/` casts the terms under it to float64 first, which numpy then computes with IEEE
 * arithmetic (1 / 0 is inf, 3.0 % -3.0 is -0.0) where Python ints would raise or differ.
 */
import type { Pos } from '../errors.js';
import { binaryOp, compareOp, unaryOp } from './operators.js';
import { npFloatArith } from './numbers.js';
import { QuerySite as Site, type NeExpr, type NeLeaf, type QueryBackend } from './queryTree.js';
import { PyObject, type BinaryOperator, type CompareOperator, type PyValue, type Runtime } from './values.js';

/** A value, and whether it is a numpy float64 scalar (IEEE arithmetic, never ZeroDivisionError). */
interface Val {
  v: PyValue;
  np: boolean;
}

function isNum(v: PyValue): v is number | bigint | boolean {
  return typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean';
}

const UNARY: Record<string, '-' | '+' | '~'> = { neg: '-', pos: '+', invert: '~' };
const COMPARE = new Set(['>', '<', '>=', '<=', '==', '!=']);

/** Evaluates a query tree as pandas' python engine does. */
export function evalPythonTree(tree: NeExpr, rt: Runtime, backend: QueryBackend | undefined): PyValue {
  const leaf = (l: NeLeaf): Val => {
    const v = l.value;
    if (!l.toFloat) return { v, np: false };
    if (isNum(v)) return { v: Number(v), np: true };
    if (v === null) return { v: NaN, np: true };
    if (v instanceof PyObject && backend) return { v: backend.asFloat64(v), np: false };
    return { v, np: false };
  };
  const walk = (e: NeExpr): Val => {
    if (e.kind === 'leaf') return leaf(e);
    const args = e.args.map(walk);
    const site = new Site(e.pos, args.length > 1 ? [e.args[1].pos] : []);
    if (e.kind === 'call') return { v: backend!.mathCall(e.fn, args.map((a) => a.v)), np: false };
    if (e.op in UNARY) {
      const [a] = args;
      if (a.np && typeof a.v === 'number' && e.op !== 'invert') return { v: e.op === 'neg' ? -a.v : a.v, np: true };
      return { v: unaryOp(UNARY[e.op], a.v, site, rt), np: false };
    }
    const [a, b] = args;
    if (COMPARE.has(e.op)) return { v: compareOp(e.op as CompareOperator, a.v, b.v, site, rt), np: false };
    if ((a.np || b.np) && isNum(a.v) && isNum(b.v)) {
      const r = npFloatArith(e.op, Number(a.v), Number(b.v));
      if (r !== undefined) return { v: r, np: true };
    }
    return { v: binaryOp(e.op as BinaryOperator, a.v, b.v, site, rt), np: false };
  };
  return walk(tree).v;
}
