/**
 * pandas query expressions (DataFrame.query), evaluated the way pandas 1.5.3's python engine
 * does (pandas/core/computation/expr.py):
 *
 *  - Python expression syntax plus `` `column name` `` and `@local`;
 *  - `&` and `|` have the precedence of `and`/`or`, and `and`/`or`/`not` are element-wise
 *    (`&`, `|`, `~`);
 *  - chained comparisons become `&` of the pairs;
 *  - `==`/`!=`/`in`/`not in` between two terms (names, constants, lists, calls) where either
 *    side is a str or a list become membership tests: `x.isin(y)`, else `y.isin(x)` for a
 *    list-like x, else Python's `in`.
 *
 * Names go to the caller's `resolveName` (columns, then the frame's rules). Errors point into
 * the page: when the query is a plain string literal of the block, at the offending character.
 */
import { DftablesError, type Pos } from '../errors.js';
import type { Expr } from './ast.js';
import { parseQueryTokens } from './parser.js';
import { tokenizeWith } from './tokenizer.js';
import { binaryOp, compareOp, contains, truthy, unaryOp } from './operators.js';
import { PyDict, PyList, PyObject, PySlice, PyTuple, type CallSite, type Kwargs, type PyValue, type Runtime } from './values.js';
import type { Interpreter } from './interpreter.js';
import { toDftablesError } from './interpreter.js';
import { PySet } from './pySet.js';

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

class Site implements CallSite {
  constructor(
    readonly pos: Pos,
    readonly argPos: Pos[] = [],
  ) {}
  readonly kwPos = new Map<string, Pos>();
  locate(): Pos {
    return this.argPos[0] ?? this.pos;
  }
}

function start(e: Expr): Pos {
  return { line: e.line, col: e.col };
}

/** Result of evaluating a query node, and whether pandas would treat it as a term (not an operation). */
interface Val {
  v: PyValue;
  term: boolean;
}

class QueryEvaluator {
  constructor(
    private readonly resolveName: (name: string, isLocal: boolean, pos: Pos) => PyValue,
    private readonly rt: Runtime,
  ) {}

  private get interp(): Interpreter {
    return this.rt as Interpreter;
  }

  eval(e: Expr): PyValue {
    return this.node(e).v;
  }

  private node(e: Expr): Val {
    try {
      return this.inner(e);
    } catch (err) {
      throw toDftablesError(err, e.kind === 'Attribute' ? e.attrPos : start(e));
    }
  }

  private inner(e: Expr): Val {
    const site = new Site(start(e));
    switch (e.kind) {
      case 'Name':
        if (!e.local && !e.backtick && (e.id === 'True' || e.id === 'False')) return { v: e.id === 'True', term: true };
        return { v: this.resolveName(e.id, !!e.local, start(e)), term: true };
      case 'Constant':
        if (e.ellipsis) throw new DftablesError('DT212', 'Ellipsis is not supported in query expressions');
        return { v: e.value, term: true };
      case 'List':
        return { v: new PyList(e.elts.map((x) => this.eval(x))), term: true };
      case 'Tuple':
        return { v: new PyTuple(e.elts.map((x) => this.eval(x))), term: true };
      case 'Set':
        return { v: PySet.of(e.elts.map((x) => this.eval(x))), term: true };
      case 'Dict': {
        const d = new PyDict();
        e.keys.forEach((k, i) => {
          if (k === null) throw new DftablesError('DT212', '** is not supported in query expressions');
          d.set(this.eval(k), this.eval(e.values[i]));
        });
        return { v: d, term: true };
      }
      case 'BinOp':
        return { v: binaryOp(e.op, this.eval(e.left), this.eval(e.right), new Site(start(e), [start(e.right)]), this.rt), term: false };
      case 'UnaryOp': {
        const v = this.eval(e.operand);
        // pandas maps `not` to `~` (element-wise invert).
        return { v: unaryOp(e.op === 'not' ? '~' : e.op, v, site, this.rt), term: false };
      }
      case 'BoolOp': {
        let acc = this.eval(e.values[0]);
        for (let i = 1; i < e.values.length; i++) {
          acc = binaryOp(e.op === 'and' ? '&' : '|', acc, this.eval(e.values[i]), new Site(start(e.values[i - 1]), [start(e.values[i])]), this.rt);
        }
        return { v: acc, term: false };
      }
      case 'Compare': {
        let left = this.node(e.left);
        let acc: PyValue | undefined;
        for (let i = 0; i < e.ops.length; i++) {
          const right = this.node(e.comparators[i]);
          const pos = i === 0 ? start(e) : start(e.comparators[i - 1]);
          const r = this.compare(e.ops[i], left, right, new Site(pos, [start(e.comparators[i])]));
          acc = acc === undefined ? r : binaryOp('&', acc, r, new Site(pos), this.rt);
          left = right;
        }
        return { v: acc!, term: false };
      }
      case 'IfExp':
        return { v: truthy(this.eval(e.test), site, this.rt) ? this.eval(e.body) : this.eval(e.orelse), term: false };
      case 'Attribute':
        return { v: this.interp.getAttribute(this.eval(e.value), e.attr, new Site(e.attrPos)), term: true };
      case 'Subscript': {
        const obj = this.eval(e.value);
        const key = this.slice(e.slice);
        return { v: this.interp.getItemOf(obj, key, new Site(start(e.slice), [start(e.slice)])), term: true };
      }
      case 'Call': {
        const fn = this.eval(e.func);
        const args = e.args.map((a) => {
          if (a.kind === 'Starred') throw new DftablesError('DT212', '*args is not supported in query expressions');
          return this.eval(a);
        });
        const kwargs: Kwargs = new Map();
        for (const k of e.keywords) {
          if (k.name === null) throw new DftablesError('DT212', '**kwargs is not supported in query expressions');
          kwargs.set(k.name, this.eval(k.value));
        }
        const pos = e.func.kind === 'Attribute' ? e.func.attrPos : start(e);
        return { v: this.interp.callValue(fn, args, kwargs, new Site(pos, e.args.map(start))), term: true };
      }
      default:
        throw new DftablesError('DT212', `${e.kind === 'Lambda' ? 'lambda' : 'comprehensions'} are not supported in query expressions`);
    }
  }

  private slice(e: Expr): PyValue {
    if (e.kind === 'Slice') {
      return new PySlice(e.lower ? this.eval(e.lower) : null, e.upper ? this.eval(e.upper) : null, e.step ? this.eval(e.step) : null);
    }
    if (e.kind === 'Tuple') return new PyTuple(e.elts.map((x) => this.slice(x)));
    return this.eval(e);
  }

  private compare(op: import('./ast.js').CmpOpName, left: Val, right: Val, site: Site): PyValue {
    let l = left.v;
    let r = right.v;
    let membership: 'in' | 'not in' | undefined = op === 'in' || op === 'not in' ? op : undefined;
    if (left.term && right.term && (op === '==' || op === '!=' || membership)) {
      const anyStrOrList = [l, r].some((v) => typeof v === 'string' || v instanceof PyList);
      if (anyStrOrList && !membership) membership = op === '==' ? 'in' : 'not in';
      // pandas replaces a str operand with a one-element list.
      if (typeof l === 'string') l = new PyList([l]);
      if (typeof r === 'string') r = new PyList([r]);
    }
    if (membership) {
      const v = this.isin(l, r, site);
      return membership === 'in' ? v : this.invert(v, site);
    }
    if (op === 'is' || op === 'is not' || op === 'in' || op === 'not in') throw new DftablesError('DT212', `'${op}' is not supported in query expressions`);
    return compareOp(op, l, r, site, this.rt);
  }

  private invert(v: PyValue, site: Site): PyValue {
    return typeof v === 'boolean' ? !v : unaryOp('~', v, site, this.rt);
  }

  private hasIsin(v: PyValue): v is PyObject {
    return v instanceof PyObject && v.attrNames().includes('isin');
  }

  /** pandas' _in(x, y). */
  private isin(x: PyValue, y: PyValue, site: Site): PyValue {
    if (this.hasIsin(x)) return this.rt.call(x.getAttr('isin', site, this.rt), [y]);
    const listLike = x instanceof PyList || x instanceof PyTuple || x instanceof PySet || (x instanceof PyObject && !(x instanceof PySlice));
    if (listLike && this.hasIsin(y)) return this.rt.call(y.getAttr('isin', site, this.rt), [x]);
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
export function evalQuery(expr: string, resolveName: (name: string, isLocal: boolean, pos: Pos) => PyValue, rt: Runtime, exprPos?: Pos): PyValue {
  const posOf = positionsFor(expr, rt, exprPos);
  let ast: Expr;
  try {
    ast = parseQueryTokens(tokenizeWith(expr, posOf, { query: true }));
  } catch (e) {
    throw toDftablesError(e, exprPos ?? { line: 1, col: 1 });
  }
  const ev = new QueryEvaluator(resolveName, rt);
  try {
    return ev.eval(ast);
  } catch (e) {
    throw toDftablesError(e, exprPos ?? { line: 1, col: 1 });
  }
}
