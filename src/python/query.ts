/**
 * pandas query expressions (DataFrame.query), evaluated the way pandas 1.5.3 does
 * (pandas/core/computation/expr.py and ops.py), with either of its engines:
 *
 *  - Python expression syntax plus `` `column name` `` and `@local`;
 *  - `&` and `|` have the precedence of `and`/`or`, and `and`/`or`/`not` are element-wise
 *    (`&`, `|`, `~`);
 *  - chained comparisons become `&` of the pairs;
 *  - `==`/`!=`/`in`/`not in` between two terms (names, constants, lists, calls) where either
 *    side is a str or a list become membership tests: `x.isin(y)`, else `y.isin(x)` for a
 *    list-like x, else Python's `in`;
 *  - pandas' own rules, for both engines: math functions by name (`abs(x)`, `sqrt(x)`), no
 *    methods or arguments that are expressions (`(a + b).abs()`, `x.shift(-1)`), `/` only on
 *    numbers, no `and`/`or` with a non-boolean scalar, no `if`/sets/dicts/lambdas.
 *
 * Both engines build pandas' tree (queryTree.ts) and compute membership tests and comparisons
 * with an object operand in Python as they meet them. The rest runs at the end: with Python's
 * operators for engine='python' (queryPython.ts), with numexpr's semantics for engine='numexpr',
 * pandas' default (C remainder for ints, no `//`, no object columns; src/frame/numexpr*.ts).
 *
 * Names go to the caller's `resolveName` (columns, then the frame's rules). Errors point into
 * the page: when the query is a plain string literal of the block, at the offending character.
 */
import { DftablesError, type Pos } from '../errors.js';
import type { BinOpName, CmpOpName, Expr } from './ast.js';
import { parseQueryTokens } from './parser.js';
import { tokenizeWith } from './tokenizer.js';
import { compareOp, contains, unaryOp } from './operators.js';
import { evalPythonTree } from './queryPython.js';
import { PyDict, PyList, PyObject, PySlice, PyTuple, typeName, type CompareOperator, type Kwargs, type PyValue, type Runtime } from './values.js';
import type { Interpreter } from './interpreter.js';
import { toDftablesError } from './interpreter.js';
import { PySet } from './pySet.js';
import { QUERY_MATH_FUNCTIONS, QuerySite as Site, leavesOf, type NeExpr, type NeLeaf, type NeOp, type QueryBackend, type QueryDtype } from './queryTree.js';

export type QueryEngine = 'python' | 'numexpr';

export interface QueryOptions {
  /** pandas' engine. Default 'python'; 'numexpr' needs a backend. */
  engine?: QueryEngine;
  /** The pandas layer: dtypes, numexpr, math functions. Without it, values are opaque. */
  backend?: QueryBackend;
}

/** Maps an offset in the query text to a page position. */
function positionsFor(expr: string, rt: Runtime, exprPos: Pos | undefined): (i: number) => Pos {
  const fallback = exprPos ?? { line: 1, col: 1 };
  const interp = rt as Partial<Interpreter>;
  const lit = exprPos && typeof interp.stringLiteralAt === 'function' ? interp.stringLiteralAt(exprPos) : undefined;
  if (lit && lit.value === expr && lit.exact) {
    const base = lit.exact;
    return (i) => ({ line: base.line, col: base.col + i });
  }
  return () => fallback;
}

function start(e: Expr): Pos {
  return { line: e.line, col: e.col };
}

/** pandas' op classes, named in its error messages ("'BinOp' object has no attribute 'value'"). */
type OpClass = 'BinOp' | 'UnaryOp' | 'MathCall';

/**
 * A visited node: a pandas Term (a name, literal, list, or a value computed in Python), whose
 * value is known, or an Op, computed when its value is needed.
 */
interface Part {
  known: boolean;
  v: PyValue;
  tree: NeExpr;
  term: boolean;
  /** The Op class of a non-term; comparisons and and/or are BinOps that return booleans. */
  opClass?: OpClass;
  boolOp?: boolean;
  /** pandas' return_type. */
  rtype: QueryDtype;
  /** pandas' is_scalar (for an Op: all operands are). */
  scalar: boolean;
  /** The types of the terms under it (pandas flattens an Op to its terms for result_type_many). */
  leafTypes: QueryDtype[];
}

/** The Python type pandas prints for a scalar term in "unsupported operand type(s)" messages. */
function typeText(p: Part): string {
  if (!p.term) return p.rtype === 'bool' ? "<class 'numpy.bool_'>" : p.rtype === 'float' ? 'float64' : p.rtype === 'int' ? 'int64' : p.rtype;
  if (!p.scalar) return p.rtype === 'int' ? 'int64' : p.rtype === 'float' ? 'float64' : p.rtype;
  const names: Partial<Record<QueryDtype, string>> = { bool: 'bool', int: 'int', float: 'float', str: 'str', none: 'NoneType' };
  return `<class '${names[p.rtype] ?? 'object'}'>`;
}

function isNumeric(t: QueryDtype): boolean {
  return t === 'int' || t === 'float' || t === 'unknown';
}

/** pandas' result_type_many over the terms of an arithmetic Op. */
function resultTypeMany(types: QueryDtype[]): QueryDtype {
  if (types.includes('extension')) {
    throw new DftablesError('DT204', "pandas cannot do arithmetic on a nullable column (Int64, string, boolean) inside query(): TypeError: Cannot interpret the nullable dtype as a data type", {
      hint: "Convert the column first (astype(float)), or compute it outside the query.",
    });
  }
  if (types.includes('object')) return 'object';
  if (types.includes('unknown')) return 'unknown';
  if (types.some((t) => t === 'str' || t === 'none' || t === 'other')) return 'other';
  if (types.includes('float')) return 'float';
  if (types.includes('int')) return 'int';
  return 'bool';
}

const UNARY_OPS: Record<'-' | '+' | '~' | 'not', NeOp> = { '-': 'neg', '+': 'pos', '~': 'invert', not: 'invert' };

/** pandas' error for a node kind its query parser refuses. */
function notImplemented(node: string): DftablesError {
  return new DftablesError('DT212', `'${node}' nodes are not implemented in query expressions`, {
    hint: 'pandas evaluates only operators, comparisons, names, literals, lists, attribute access and calls in query().',
  });
}

class QueryEvaluator {
  /** Names whose values a `/` cast to float64 (pandas swaps them in the query's scope). */
  private readonly floatKeys = new Set<string>();

  constructor(
    private readonly resolveName: (name: string, isLocal: boolean, pos: Pos) => PyValue,
    private readonly rt: Runtime,
    private readonly engine: QueryEngine,
    private readonly backend: QueryBackend | undefined,
  ) {}

  private get interp(): Interpreter {
    return this.rt as Interpreter;
  }

  private get numexpr(): boolean {
    return this.engine === 'numexpr';
  }

  /** Evaluates the whole query. */
  run(e: Expr): PyValue {
    const p = this.node(e);
    // pandas hands its engine the whole expression, even a lone name or Python-computed term.
    p.known = false;
    return this.value(p);
  }

  private node(e: Expr): Part {
    try {
      return this.inner(e);
    } catch (err) {
      throw toDftablesError(err, e.kind === 'Attribute' ? e.attrPos : start(e));
    }
  }

  /** The value of a part: an Op's tree runs now, on the engine. */
  private value(p: Part): PyValue {
    if (p.known) return p.v;
    if (!this.numexpr) return evalPythonTree(p.tree, this.rt, this.backend);
    // numexpr reads every name from the scope as it is now.
    for (const leaf of leavesOf(p.tree)) if (leaf.key) leaf.toFloat = this.floatKeys.has(leaf.key);
    return this.backend!.numexpr(p.tree, this.rt);
  }

  private dtype(v: PyValue): QueryDtype {
    if (v === null) return 'none';
    if (v instanceof PyObject) return this.backend ? (this.backend.dtypeOf(v) ?? 'other') : 'unknown';
    // Python scalars: their type names (bool, int, float, str) are the query dtypes.
    const t = typeof v;
    return t === 'boolean' || t === 'bigint' || t === 'number' || t === 'string' ? (typeName(v) as QueryDtype) : 'other';
  }

  /** A pandas Term. `constant`: a number/bool/None literal; `key`/`neName`: a column or @local. */
  private term(v: PyValue, pos: Pos, extra: { constant?: boolean; key?: string; neName?: string } = {}): Part {
    const rtype = this.dtype(v);
    const leaf: NeLeaf = { kind: 'leaf', value: v, constant: !!extra.constant, pos };
    if (extra.key) {
      leaf.key = extra.key;
      // pandas keeps a name's value in the query's scope and a `/` swaps in float64: a column
      // read after that is float64; reading @x puts x's own value back.
      if (extra.key.startsWith('@')) this.floatKeys.delete(extra.key);
      else if (this.floatKeys.has(extra.key)) leaf.toFloat = true;
    }
    if (extra.neName) leaf.neName = extra.neName;
    return { known: true, v, tree: leaf, term: true, rtype, scalar: v === null || typeof v !== 'object', leafTypes: [rtype] };
  }

  private op(opClass: OpClass, rtype: QueryDtype, operands: Part[], tree: NeExpr, boolOp = false): Part {
    return {
      known: false,
      v: null,
      tree,
      term: false,
      opClass,
      boolOp,
      rtype,
      scalar: operands.every((o) => o.scalar),
      leafTypes: operands.flatMap((o) => o.leafTypes),
    };
  }

  private inner(e: Expr): Part {
    switch (e.kind) {
      case 'Name': {
        if (!e.local && !e.backtick && (e.id === 'True' || e.id === 'False')) return this.term(e.id === 'True', start(e), { constant: true });
        const v = this.resolveName(e.id, !!e.local, start(e));
        // numexpr sees a column by its name when it is an identifier (pandas mangles the others).
        const neName = !e.local && /^[A-Za-z_]\w*$/.test(e.id) ? e.id : undefined;
        return this.term(v, start(e), { key: `${e.local ? '@' : ''}${e.id}`, neName });
      }
      case 'Constant':
        if (e.ellipsis) throw new DftablesError('DT212', 'Ellipsis is not supported in query expressions');
        return this.term(e.value, start(e), { constant: typeof e.value !== 'string' });
      case 'List':
        return this.term(new PyList(e.elts.map((x) => this.pythonValue(x))), start(e));
      case 'Tuple':
        // pandas makes a list of a tuple literal too.
        return this.term(new PyList(e.elts.map((x) => this.pythonValue(x))), start(e));
      case 'BinOp':
        return this.binOp(e.op, this.node(e.left), this.node(e.right), e.opPos);
      case 'UnaryOp': {
        const o = this.node(e.operand);
        const op = UNARY_OPS[e.op];
        // pandas: `not x` is `~x`; the result is bool for a bool operand, else (it says) int.
        const rtype = o.rtype === 'bool' || o.boolOp ? 'bool' : 'int';
        return this.op('UnaryOp', rtype, [o], { kind: 'op', op, args: [o.tree], pos: start(e) });
      }
      case 'BoolOp': {
        let acc = this.node(e.values[0]);
        for (let i = 1; i < e.values.length; i++) {
          acc = this.boolPair(e.op === 'and' ? '&' : '|', acc, this.node(e.values[i]), start(e.values[i - 1]));
        }
        return acc;
      }
      case 'Compare': {
        let left = e.left;
        let acc: Part | undefined;
        for (let i = 0; i < e.ops.length; i++) {
          const right = e.comparators[i];
          const r = this.compare(e.ops[i], this.node(left), this.node(right), e.opPos[i], start(right));
          acc = acc === undefined ? r : this.boolPair('&', acc, r, start(left));
          left = right;
        }
        return acc!;
      }
      case 'Attribute': {
        const obj = this.termValue(this.node(e.value));
        return this.term(this.interp.getAttribute(obj, e.attr, new Site(e.attrPos)), e.attrPos);
      }
      case 'Subscript': {
        const obj = this.value(this.node(e.value));
        const key = this.slice(e.slice);
        return this.term(this.interp.getItemOf(obj, key, new Site(start(e.slice), [start(e.slice)])), start(e));
      }
      case 'Call':
        return this.call(e);
      case 'Set':
        throw notImplemented('Set');
      case 'Dict':
        throw notImplemented('Dict');
      case 'IfExp':
        throw notImplemented('IfExp');
      case 'Lambda':
        throw notImplemented('Lambda');
      case 'Starred':
        throw notImplemented('Starred');
      case 'FString':
        throw notImplemented('JoinedStr');
      case 'Slice':
        throw notImplemented('Slice');
      default:
        throw notImplemented(e.kind);
    }
  }

  /** A list element or subscript: pandas computes these in Python whatever the engine. */
  private pythonValue(e: Expr): PyValue {
    const p = this.node(e);
    return p.known ? p.v : evalPythonTree(p.tree, this.rt, this.backend);
  }

  /** The value of a term; pandas reads `.value`, which its Ops do not have. */
  private termValue(p: Part): PyValue {
    if (!p.term) {
      throw new DftablesError('DT212', `query() calls methods and passes arguments only on names and literals, not on computed expressions ('${p.opClass}' object has no attribute 'value')`, {
        hint: 'pandas refuses `(a + b).abs()` and `x.shift(-1)` in a query: compute the column first (assign), or use the function form (abs(a + b)).',
      });
    }
    return p.v;
  }

  private binOp(op: BinOpName, l: Part, r: Part, opPos: Pos): Part {
    if (op === '&' || op === '|') return this.boolPair(op, l, r, opPos);
    if (op === '^' || op === '<<' || op === '>>' || op === '@') {
      throw notImplemented({ '^': 'BitXor', '<<': 'LShift', '>>': 'RShift', '@': 'MatMult' }[op]);
    }
    if (op === '/' && !(isNumeric(l.rtype) && isNumeric(r.rtype))) {
      throw new DftablesError('DT204', `unsupported operand type(s) for /: '${typeText(l)}' and '${typeText(r)}'`, {
        hint: 'pandas divides only numbers in a query (not booleans or text).',
      });
    }
    const rtype = resultTypeMany([...l.leafTypes, ...r.leafTypes]);
    if (rtype === 'object' && [...l.leafTypes, ...r.leafTypes].some((t) => t !== 'object')) {
      throw new DftablesError('DT204', `unsupported operand type(s) for ${op}: '${typeText(l)}' and '${typeText(r)}'`);
    }
    if (op === '/') {
      // pandas' Div casts every term under it to float64, in the scope too (so later reads of
      // the name get float64, and numexpr, which reads the scope at the end, too).
      for (const leaf of [...leavesOf(l.tree), ...leavesOf(r.tree)]) {
        leaf.toFloat = true;
        if (leaf.key) this.floatKeys.add(leaf.key);
      }
    }
    return this.op('BinOp', rtype, [l, r], { kind: 'op', op, args: [l.tree, r.tree], pos: opPos });
  }

  /** `&`/`|` (and `and`/`or`): element-wise; pandas refuses a scalar operand unless both are booleans. */
  private boolPair(op: '&' | '|', l: Part, r: Part, pos: Pos): Part {
    const boolish = (p: Part) => p.rtype === 'bool' || p.rtype === 'unknown';
    if ((l.scalar || r.scalar) && !(boolish(l) && boolish(r))) {
      throw new DftablesError('DT204', 'cannot evaluate scalar only bool ops', {
        pos,
        hint: `pandas joins with '${op === '&' ? 'and' : 'or'}' only conditions (boolean columns or comparisons), not numbers.`,
      });
    }
    return this.op('BinOp', 'bool', [l, r], { kind: 'op', op, args: [l.tree, r.tree], pos }, true);
  }

  private compare(op: CmpOpName, left: Part, right: Part, opPos: Pos, rightPos: Pos): Part {
    const site = new Site(opPos, [rightPos]);
    let l = left;
    let r = right;
    let membership: 'in' | 'not in' | undefined = op === 'in' || op === 'not in' ? op : undefined;
    if (l.term && r.term && (op === '==' || op === '!=' || membership)) {
      const anyStrOrList = [l.v, r.v].some((v) => typeof v === 'string' || v instanceof PyList);
      if (anyStrOrList && !membership) membership = op === '==' ? 'in' : 'not in';
      // pandas replaces a str operand with a one-element list.
      if (typeof l.v === 'string') l = this.term(new PyList([l.v]), opPos);
      if (typeof r.v === 'string') r = this.term(new PyList([r.v]), rightPos);
    }
    if (membership) {
      const v = this.isin(this.value(l), this.value(r), site);
      return this.term(membership === 'in' ? v : this.invert(v, site), opPos);
    }
    if (op === 'is' || op === 'is not') throw notImplemented(op === 'is' ? 'Is' : 'IsNot');
    const cmp = op as CompareOperator;
    // Comparisons with an object operand are evaluated in Python, whatever the engine.
    if (l.rtype === 'object' || r.rtype === 'object') return this.term(compareOp(cmp, this.value(l), this.value(r), site, this.rt), opPos);
    return this.op('BinOp', 'bool', [l, r], { kind: 'op', op: cmp, args: [l.tree, r.tree], pos: opPos }, true);
  }

  private call(e: Extract<Expr, { kind: 'Call' }>): Part {
    const pos = e.func.kind === 'Attribute' ? e.func.attrPos : start(e);
    let fn: PyValue;
    if (e.func.kind === 'Attribute') {
      fn = this.node(e.func).v;
    } else if (e.func.kind === 'Name' && !e.func.backtick) {
      try {
        fn = this.resolveName(e.func.id, !!e.func.local, start(e.func));
      } catch (err) {
        if (!(err instanceof DftablesError) || err.code !== 'DT201') throw err;
        if (QUERY_MATH_FUNCTIONS.has(e.func.id)) return this.mathCall(e.func.id, e);
        throw new DftablesError('DT212', `"${e.func.id}" is not a supported function in a query`, {
          pos: start(e.func),
          hint: `The functions are ${[...QUERY_MATH_FUNCTIONS].join(', ')}; call methods on columns (col.str.len()).`,
        });
      }
    } else {
      throw new DftablesError('DT212', 'Only named functions are supported in query expressions');
    }
    const args = e.args.map((a) => {
      if (a.kind === 'Starred') throw notImplemented('Starred');
      return this.termValue(this.node(a));
    });
    const kwargs: Kwargs = new Map();
    for (const k of e.keywords) {
      if (k.name === null) throw notImplemented('keyword');
      kwargs.set(k.name, this.termValue(this.node(k.value)));
    }
    return this.term(this.interp.callValue(fn, args, kwargs, new Site(pos, e.args.map(start))), pos);
  }

  /** `sqrt(x)`: pandas' MathCall, run by numexpr or (python engine) by numpy. */
  private mathCall(fn: string, e: Extract<Expr, { kind: 'Call' }>): Part {
    if (e.keywords.length) throw new DftablesError('DT204', `Function "${fn}" does not support keyword arguments`, { pos: e.keywords[0].pos });
    const args = e.args.map((a) => {
      if (a.kind === 'Starred') throw notImplemented('Starred');
      return this.node(a);
    });
    if (!this.backend) throw new DftablesError('DT212', `${fn}() is not available in this query`);
    return this.op('MathCall', resultTypeMany(args.flatMap((a) => a.leafTypes)), args, { kind: 'call', fn, args: args.map((a) => a.tree), pos: start(e) });
  }

  private slice(e: Expr): PyValue {
    if (e.kind === 'Slice') {
      const part = (x: Expr | null) => (x ? this.pythonValue(x) : null);
      return new PySlice(part(e.lower), part(e.upper), part(e.step));
    }
    if (e.kind === 'Tuple') return new PyTuple(e.elts.map((x) => this.slice(x)));
    return this.pythonValue(e);
  }

  private invert(v: PyValue, site: Site): PyValue {
    return typeof v === 'boolean' ? !v : unaryOp('~', v, site, this.rt);
  }

  private hasIsin(v: PyValue): boolean {
    return v instanceof PyObject && v.attrNames().includes('isin');
  }

  /** pandas' _in(x, y). */
  private isin(x: PyValue, y: PyValue, site: Site): PyValue {
    if (x instanceof PyObject && this.hasIsin(x)) return this.rt.call(x.getAttr('isin', site, this.rt), [y]);
    const listLike = x instanceof PyList || x instanceof PyTuple || x instanceof PySet || x instanceof PyDict || (x instanceof PyObject && !(x instanceof PySlice));
    if (listLike && y instanceof PyObject && this.hasIsin(y)) return this.rt.call(y.getAttr('isin', site, this.rt), [x]);
    return contains(y, x, site, this.rt);
  }
}

/**
 * `@name` in a query: the variable where the query call was written, or pandas' error
 * ("local variable 'x' is not defined", DT205). For the pandas layer's resolveName.
 */
export function queryLocal(rt: Runtime, name: string, pos: Pos): PyValue {
  const interp = rt as Partial<Interpreter>;
  const v = typeof interp.lookupLocal === 'function' ? interp.lookupLocal(name) : undefined;
  if (v === undefined) throw new DftablesError('DT205', `local variable '${name}' is not defined`, { pos });
  return v;
}

/**
 * Evaluates a pandas query string. `resolveName(name, isLocal, pos)` returns a column (or throws a
 * positioned DT201/DT205); `exprPos` is where the query's string literal starts in the page.
 */
export function evalQuery(
  expr: string,
  resolveName: (name: string, isLocal: boolean, pos: Pos) => PyValue,
  rt: Runtime,
  exprPos?: Pos,
  opts: QueryOptions = {},
): PyValue {
  const posOf = positionsFor(expr, rt, exprPos);
  let ast: Expr;
  try {
    ast = parseQueryTokens(tokenizeWith(expr, posOf, { query: true }));
  } catch (e) {
    throw toDftablesError(e, exprPos ?? { line: 1, col: 1 });
  }
  const engine = opts.engine === 'numexpr' && opts.backend ? 'numexpr' : 'python';
  const ev = new QueryEvaluator(resolveName, rt, engine, opts.backend);
  try {
    return ev.run(ast);
  } catch (e) {
    throw toDftablesError(e, exprPos ?? { line: 1, col: 1 });
  }
}
