/**
 * What a pandas query evaluates to before an engine runs it, and what the evaluator asks of the
 * pandas layer. pandas 1.5.3 builds a tree of Terms and Ops (pandas/core/computation/ops.py);
 * with engine='numexpr' (its default when numexpr is installed) the Ops that are not evaluated in
 * Python are printed as a string and handed to numexpr, whose typing and arithmetic differ from
 * Python's. `NeExpr` is that tree; the pandas layer (src/frame/numexpr*.ts) runs it.
 */
import type { Pos } from '../errors.js';
import type { CallSite, PyValue, Runtime } from './values.js';

/** pandas' math functions, callable by name in a query (MATHOPS in pandas/core/computation/ops.py). */
export const QUERY_MATH_FUNCTIONS: ReadonlySet<string> = new Set([
  'sin', 'cos', 'exp', 'log', 'expm1', 'log1p', 'sqrt', 'sinh', 'cosh', 'tanh', 'arcsin', 'arccos', 'arctan',
  'arccosh', 'arcsinh', 'arctanh', 'abs', 'log10', 'floor', 'ceil', 'arctan2',
]);

/**
 * Names numexpr keeps for itself (MATHOPS + REDUCTIONS): pandas refuses a query whose numexpr
 * part uses a column with one of these names (NumExprClobberingError).
 */
export const NUMEXPR_BUILTINS: ReadonlySet<string> = new Set([...QUERY_MATH_FUNCTIONS, 'sum', 'prod']);

export type NeOp = '+' | '-' | '*' | '/' | '**' | '%' | '//' | '>' | '<' | '>=' | '<=' | '==' | '!=' | '&' | '|' | 'neg' | 'pos' | 'invert';

/** A value in the tree: a pandas Term (column, @local, literal, or a result computed in Python). */
export interface NeLeaf {
  kind: 'leaf';
  value: PyValue;
  /** A number, bool or None literal: numexpr sees it as a constant, everything else as a variable. */
  constant: boolean;
  /**
   * Identity of a column or @local (pandas' scope key): pandas' `/` casts the terms under it to
   * float64 *in the scope*, so every use of the same name in the query becomes float64.
   */
  key?: string;
  /** The name numexpr sees for a column (for NumExprClobberingError); absent for locals and temporaries. */
  neName?: string;
  /** Cast to float64 (by a `/` above it, or of the same name elsewhere). */
  toFloat?: boolean;
  pos: Pos;
}

export type NeExpr =
  | NeLeaf
  | { kind: 'op'; op: NeOp; args: NeExpr[]; pos: Pos }
  | { kind: 'call'; fn: string; args: NeExpr[]; pos: Pos };

/**
 * pandas' idea of a value's type (Term.type / Op.return_type), as far as its rules need it:
 * object operands of comparisons are compared in Python, `/` wants numbers, `&` wants booleans.
 * 'extension' is a nullable dtype (Int64, string, boolean): not object for pandas, but object
 * arrays for numexpr. 'unknown' is a foreign object without a backend to ask: no rule applies.
 */
export type QueryDtype = 'bool' | 'int' | 'float' | 'object' | 'extension' | 'str' | 'none' | 'other' | 'unknown';

/** What the query evaluator needs from the pandas layer. */
export interface QueryBackend {
  /** The dtype of an array-like (Series, ndarray); undefined for anything else. */
  dtypeOf(v: PyValue): QueryDtype | undefined;
  /** Runs a tree as pandas' numexpr engine does (aligning the Series first); a Series or a scalar. */
  numexpr(tree: NeExpr, rt: Runtime): PyValue;
  /** A math function as the python engine calls it (numpy's ufunc on the values). */
  mathCall(fn: string, args: PyValue[]): PyValue;
  /** An array-like as float64 (what pandas' `/` does to the terms under it). */
  asFloat64(v: PyValue): PyValue;
}

/** Every leaf of a tree, left to right. */
export function leavesOf(e: NeExpr, out: NeLeaf[] = []): NeLeaf[] {
  if (e.kind === 'leaf') out.push(e);
  else for (const a of e.args) leavesOf(a, out);
  return out;
}

/** The call site of an operation inside a query string (positions are page positions). */
export class QuerySite implements CallSite {
  constructor(
    readonly pos: Pos,
    readonly argPos: Pos[] = [],
  ) {}
  readonly kwPos = new Map<string, Pos>();
  locate(): Pos {
    return this.argPos[0] ?? this.pos;
  }
}
