/**
 * The tree-walking interpreter for df-table code. Python values follow values.ts; pandas objects
 * are reached only through the PyObject protocol, with a CallSite that knows where in the page
 * each operand and argument is, so errors from deep inside pandas point at the right token.
 *
 * Every failure leaving the interpreter is a positioned DftablesError: errors without a position
 * get the one of the innermost node being evaluated, and stray JS exceptions become DT204 (or
 * DT305 for a blown stack). Time and size are bounded: loops, comprehensions and callbacks tick
 * the deadline; sequences are checked against the size limit before they are built.
 */
import { DftablesError, type Pos } from '../errors.js';
import type { DiagnosticCode } from '../diagnostics/codes.js';
import { closest } from '../diagnostics/suggest.js';
import type { LineMap } from '../directive/types.js';
import {
  PyDict,
  PyList,
  PyObject,
  PySlice,
  PyTuple,
  PyTypeError,
  attributeError,
  typeName,
  type CallSite,
  type Kwargs,
  type Limits,
  type PyValue,
  type Runtime,
} from './values.js';
import type { BinOpName, CompExpr, Comprehension, ConstantExpr, DictCompExpr, Expr, FStringExpr, Keyword, LambdaExpr, Module, Stmt, SubscriptExpr } from './ast.js';
import { parseBlock as parse } from './parser.js';
import { BUILTINS, methodsOf } from './builtins.js';
import { BoundMethod, type MethodImpl } from './callables.js';
import { forbiddenNameMessage } from './forbidden.js';
import { formatSpec } from './formatSpec.js';
import { pyAscii, pyRepr, pyStr } from './pyStr.js';
import { PyIterator, codePoints, collect, indexValue, iterate, pushAll, sizeError, sliceIndices, sliceItems, tick } from './iteration.js';
import { mappingItems } from './mapping.js';
import { binaryOp, compareOp, contains, identical, keyOf, truthy, unaryOp } from './operators.js';
import { PySet } from './pySet.js';
import { keyError } from './containerMethods.js';
import type { AttrAccess } from './strMethods.js';

export function parseBlock(code: string, map?: LineMap): Module {
  try {
    return parse(code, map);
  } catch (e) {
    const first = map?.lines.length ? { line: map.lines[0], col: 1 + map.cols[0] } : { line: 1, col: 1 };
    throw toDftablesError(e, first);
  }
}

export interface Host {
  limits: Limits;
  /** Date.now() milliseconds after which the block fails with DT306. */
  deadline: number;
  readDataFile: Runtime['readDataFile'];
  warn: Runtime['warn'];
}

/** Lambdas calling lambdas deeper than this fail with DT305 (Python's recursion limit, smaller). */
const MAX_CALL_DEPTH = 200;

type Signal = 'break' | 'continue' | undefined;

class Scope {
  constructor(
    readonly vars: Map<string, PyValue>,
    readonly parent: Scope | null,
  ) {}
}

function start(n: { line: number; col: number }): Pos {
  return { line: n.line, col: n.col };
}

/** Converts anything thrown into a positioned DftablesError (the innermost position wins). */
export function toDftablesError(e: unknown, pos: Pos): DftablesError {
  if (e instanceof DftablesError) return e.at(pos);
  const message = e instanceof Error ? e.message : String(e);
  // A stack overflow may surface as another error thrown while handling it (a RegExp that could
  // not compile, say): recognise it by its message.
  if (message.indexOf('Maximum call stack size exceeded') >= 0) return new DftablesError('DT305', 'maximum recursion depth exceeded', { pos });
  if (e instanceof RangeError) return new DftablesError('DT305', `size limit exceeded (${message})`, { pos });
  return new DftablesError('DT204', message, { pos });
}

/** The direct sub-expressions of a node (for CallSite.locate). */
function children(e: Expr): Expr[] {
  switch (e.kind) {
    case 'List':
    case 'Tuple':
    case 'Set':
      return e.elts;
    case 'Dict':
      return [...(e.keys.filter((k) => k !== null) as Expr[]), ...e.values];
    case 'Starred':
      return [e.value];
    case 'BinOp':
      return [e.left, e.right];
    case 'UnaryOp':
      return [e.operand];
    case 'BoolOp':
      return e.values;
    case 'Compare':
      return [e.left, ...e.comparators];
    case 'IfExp':
      return [e.body, e.test, e.orelse];
    case 'Call':
      return [e.func, ...e.args, ...e.keywords.map((k) => k.value)];
    case 'Attribute':
      return [e.value];
    case 'Subscript':
      return [e.value, e.slice];
    case 'Slice':
      return [e.lower, e.upper, e.step].filter((x): x is Expr => x !== null);
    default:
      return [];
  }
}

function findConstant(e: Expr, value: PyValue): Expr | undefined {
  if (e.kind === 'Constant' && e.value === value && !e.ellipsis) return e;
  for (const c of children(e)) {
    const f = findConstant(c, value);
    if (f) return f;
  }
  return undefined;
}

/** A CallSite over AST nodes; argument positions are computed only when asked for. */
class NodeSite implements CallSite {
  constructor(
    readonly pos: Pos,
    private readonly args: readonly Expr[],
    private readonly keywords: readonly Keyword[] = [],
  ) {}
  get argPos(): Pos[] {
    return this.args.map(start);
  }
  get kwPos(): Map<string, Pos> {
    const m = new Map<string, Pos>();
    for (const k of this.keywords) if (k.name !== null) m.set(k.name, k.pos);
    return m;
  }
  locate(value: PyValue, arg?: number | string): Pos {
    let roots: Expr[];
    if (typeof arg === 'number') roots = this.args[arg] ? [this.args[arg]] : [];
    else if (typeof arg === 'string') roots = this.keywords.filter((k) => k.name === arg).map((k) => k.value);
    else roots = [...this.args, ...this.keywords.map((k) => k.value)];
    for (const r of roots) {
      const f = findConstant(r, value);
      if (f) return start(f);
    }
    if (typeof arg === 'string') {
      const kw = this.keywords.find((k) => k.name === arg);
      if (kw) return start(kw.value);
    }
    return roots.length ? start(roots[0]) : this.pos;
  }
}

/** A lambda: calling it runs the body in a child scope of where it was written. */
export class PyFunction extends PyObject {
  readonly typeName = 'function';
  constructor(
    readonly node: LambdaExpr,
    readonly scope: Scope,
    readonly defaults: Map<string, PyValue>,
    private readonly interp: Interpreter,
  ) {
    super();
  }
  override callable(): boolean {
    return true;
  }
  override call(args: PyValue[], kwargs: Kwargs): PyValue {
    return this.interp.callLambda(this, args, kwargs);
  }
  override repr(): string {
    return '<function <lambda>>';
  }
}

export class Interpreter implements Runtime, AttrAccess {
  readonly namespace: Map<string, PyValue>;
  readonly limits: Limits;
  private readonly globalScope: Scope;
  private readonly modules = new Map<string, PyValue>();
  private depth = 0;
  private site: CallSite;
  private readonly literals = new Map<string, ConstantExpr>();
  /** Scope of the call being made, for `@name` in query strings. */
  private callScope: Scope;

  constructor(
    private readonly host: Host,
    globals: Map<string, PyValue>,
  ) {
    this.namespace = new Map(globals);
    this.limits = host.limits;
    this.globalScope = new Scope(this.namespace, null);
    const pd = globals.get('pd');
    const np = globals.get('np');
    if (pd !== undefined) this.modules.set('pandas', pd);
    if (np !== undefined) this.modules.set('numpy', np);
    this.site = new NodeSite({ line: 1, col: 1 }, []);
    this.callScope = this.globalScope;
  }

  // ---- Runtime services -----------------------------------------------------------------

  run(module: Module): void {
    const first = module.body[0];
    try {
      this.indexLiterals(module.body);
      this.execBlock(module.body, this.globalScope);
    } catch (e) {
      // Nothing but a positioned DftablesError leaves a block (a 200,000-term sum overflows the JS stack).
      throw toDftablesError(e, first ? start(first) : { line: 1, col: 1 });
    }
  }

  call(fn: PyValue, args: PyValue[], kwargs: Kwargs = new Map()): PyValue {
    tick(this); // element-wise callbacks from pandas count toward the time limit
    return this.callValue(fn, args, kwargs, this.site);
  }

  checkDeadline(): void {
    if (Date.now() > this.host.deadline) {
      const secs = this.limits.timeoutMs / 1000;
      throw new DftablesError('DT306', `block exceeded the time limit of ${secs} s`, { hint: 'Raise it with --timeout, or make the block do less work.' });
    }
  }

  readDataFile(path: string, site: CallSite): { text: string; resolved: string } {
    try {
      return this.host.readDataFile(path, site);
    } catch (e) {
      throw toDftablesError(e, site.argPos[0] ?? site.pos);
    }
  }

  warn(code: DiagnosticCode, message: string, pos: Pos): void {
    this.host.warn(code, message, pos);
  }

  /** The string literal written at a page position (for query error positions). */
  stringLiteralAt(pos: Pos): ConstantExpr | undefined {
    return this.literals.get(`${pos.line}:${pos.col}`);
  }

  /** Indexes the block's string literals by position (iteratively: expressions may nest deeply). */
  private indexLiterals(body: Stmt[]): void {
    const todo: Expr[] = [];
    const stmts = [...body];
    while (stmts.length) {
      const s = stmts.pop()!;
      switch (s.kind) {
        case 'Expr':
          todo.push(s.value);
          break;
        case 'Assign':
          pushAll(todo, s.targets);
          todo.push(s.value);
          break;
        case 'AugAssign':
          todo.push(s.target, s.value);
          break;
        case 'For':
          todo.push(s.iter);
          pushAll(stmts, s.body);
          pushAll(stmts, s.orelse);
          break;
        case 'If':
          todo.push(s.test);
          pushAll(stmts, s.body);
          pushAll(stmts, s.orelse);
          break;
      }
    }
    while (todo.length) {
      const e = todo.pop()!;
      if (e.kind === 'Constant' && typeof e.value === 'string') this.literals.set(`${e.line}:${e.col}`, e);
      if (e.kind === 'Lambda') todo.push(e.body);
      if (e.kind === 'ListComp' || e.kind === 'SetComp' || e.kind === 'GeneratorExp' || e.kind === 'DictComp') {
        for (const g of e.generators) todo.push(g.iter, ...g.ifs);
        if (e.kind === 'DictComp') todo.push(e.key, e.value);
        else todo.push(e.elt);
      }
      pushAll(todo, children(e));
    }
  }

  // ---- statements -----------------------------------------------------------------------

  private execBlock(body: Stmt[], scope: Scope): Signal {
    for (const s of body) {
      const sig = this.exec(s, scope);
      if (sig) return sig;
    }
    return undefined;
  }

  private exec(s: Stmt, scope: Scope): Signal {
    try {
      tick(this);
      switch (s.kind) {
        case 'Expr':
          this.eval(s.value, scope);
          return undefined;
        case 'Assign': {
          const v = this.eval(s.value, scope);
          for (const t of s.targets) this.assign(t, v, scope);
          return undefined;
        }
        case 'AugAssign':
          this.augAssign(s.target, s.op, s.value, scope);
          return undefined;
        case 'For':
          return this.execFor(s, scope);
        case 'If':
          return this.execBlock(this.test(s.test, scope) ? s.body : s.orelse, scope);
        case 'Pass':
          return undefined;
        case 'Break':
          return 'break';
        case 'Continue':
          return 'continue';
        case 'Import':
          for (const { module, asName } of s.names) {
            const m = this.modules.get(module);
            if (m === undefined) throw new DftablesError('DT303', `import of '${module}' is not allowed in df-table code`, { pos: start(s) });
            scope.vars.set(asName, m);
          }
          return undefined;
        case 'Assert':
          if (!this.test(s.test, scope)) {
            const msg = s.msg ? pyStr(this.eval(s.msg, scope)) : '';
            throw new DftablesError('DT208', msg ? `AssertionError: ${msg}` : 'AssertionError', { pos: start(s.test) });
          }
          return undefined;
        case 'Delete':
          for (const t of s.targets) this.delete(t, scope);
          return undefined;
      }
    } catch (e) {
      throw toDftablesError(e, start(s));
    }
  }

  private execFor(s: Extract<Stmt, { kind: 'For' }>, scope: Scope): Signal {
    const iterable = this.eval(s.iter, scope);
    const site = new NodeSite(start(s.iter), []);
    let it: Iterator<PyValue>;
    try {
      it = iterate(iterable, site, this);
    } catch (e) {
      throw toDftablesError(e, start(s.iter));
    }
    for (;;) {
      let r: IteratorResult<PyValue>;
      try {
        r = it.next();
      } catch (e) {
        throw toDftablesError(e, start(s.iter));
      }
      if (r.done) break;
      tick(this);
      this.assign(s.target, r.value, scope);
      const sig = this.execBlock(s.body, scope);
      if (sig === 'break') return undefined;
    }
    return this.execBlock(s.orelse, scope);
  }

  private test(e: Expr, scope: Scope): boolean {
    const v = this.eval(e, scope);
    try {
      return truthy(v, new NodeSite(start(e), []), this);
    } catch (err) {
      throw toDftablesError(err, start(e));
    }
  }

  // ---- assignment -----------------------------------------------------------------------

  private assign(target: Expr, value: PyValue, scope: Scope): void {
    try {
      switch (target.kind) {
        case 'Name': {
          const forbidden = forbiddenNameMessage(target.id);
          if (forbidden) throw new DftablesError('DT302', forbidden);
          scope.vars.set(target.id, value);
          return;
        }
        case 'Tuple':
        case 'List':
          this.unpack(target.elts, value, scope, start(target));
          return;
        case 'Subscript': {
          const obj = this.eval(target.value, scope);
          const key = this.evalSlice(target.slice, scope);
          this.setItemOf(obj, key, value, this.itemSite(target));
          return;
        }
        case 'Attribute': {
          const obj = this.eval(target.value, scope);
          const site = new NodeSite(target.attrPos, []);
          this.checkAttrName(target.attr);
          if (obj instanceof PyObject) obj.setAttr(target.attr, value, site, this);
          else throw new DftablesError('DT202', `'${typeName(obj)}' object has no attribute '${target.attr}'`, { pos: target.attrPos });
          return;
        }
        case 'Starred':
          throw new DftablesError('DT101', 'starred assignment target must be in a list or tuple');
        default:
          throw new DftablesError('DT101', `cannot assign to ${target.kind}`);
      }
    } catch (e) {
      throw toDftablesError(e, target.kind === 'Subscript' ? start(target.slice) : target.kind === 'Attribute' ? target.attrPos : start(target));
    }
  }

  private unpack(elts: Expr[], value: PyValue, scope: Scope, pos: Pos): void {
    const site = new NodeSite(pos, []);
    const isIterable = typeof value === 'string' || value instanceof PyList || value instanceof PyTuple || value instanceof PyDict || value instanceof PyObject;
    if (!isIterable) throw new PyTypeError(`cannot unpack non-iterable ${typeName(value)} object`);
    const items = collect(value, site, this);
    const star = elts.findIndex((e) => e.kind === 'Starred');
    if (star < 0) {
      if (items.length > elts.length) throw new DftablesError('DT208', `too many values to unpack (expected ${elts.length})`);
      if (items.length < elts.length) throw new DftablesError('DT208', `not enough values to unpack (expected ${elts.length}, got ${items.length})`);
      elts.forEach((t, i) => this.assign(t, items[i], scope));
      return;
    }
    const after = elts.length - star - 1;
    if (items.length < elts.length - 1) {
      throw new DftablesError('DT208', `not enough values to unpack (expected at least ${elts.length - 1}, got ${items.length})`);
    }
    elts.slice(0, star).forEach((t, i) => this.assign(t, items[i], scope));
    const starred = elts[star] as Extract<Expr, { kind: 'Starred' }>;
    this.assign(starred.value, new PyList(items.slice(star, items.length - after)), scope);
    elts.slice(star + 1).forEach((t, i) => this.assign(t, items[items.length - after + i], scope));
  }

  private augAssign(target: Expr, op: BinOpName, valueExpr: Expr, scope: Scope): void {
    const apply = (cur: PyValue, v: PyValue): PyValue => {
      const site = new NodeSite(start(target), [valueExpr]);
      try {
        // list += iterable extends the list in place, as list.__iadd__ does.
        if (op === '+' && cur instanceof PyList && !(v instanceof PyObject && !(v instanceof PySet) && !(v instanceof PyIterator))) {
          const add = collect(v, site, this);
          if (cur.items.length + add.length > this.limits.maxSequence) throw sizeError('the list', this.limits.maxSequence);
          pushAll(cur.items, add);
          return cur;
        }
        return binaryOp(op, cur, v, site, this);
      } catch (e) {
        throw toDftablesError(e, start(target));
      }
    };
    switch (target.kind) {
      case 'Name': {
        const cur = this.lookup(target.id, scope, start(target));
        const v = this.eval(valueExpr, scope);
        this.assign(target, apply(cur, v), scope);
        return;
      }
      case 'Subscript': {
        const obj = this.eval(target.value, scope);
        const key = this.evalSlice(target.slice, scope);
        const site = this.itemSite(target);
        let cur: PyValue;
        try {
          cur = this.getItemOf(obj, key, site);
        } catch (e) {
          throw toDftablesError(e, start(target.slice));
        }
        const v = this.eval(valueExpr, scope);
        const res = apply(cur, v);
        try {
          this.setItemOf(obj, key, res, site);
        } catch (e) {
          throw toDftablesError(e, start(target.slice));
        }
        return;
      }
      case 'Attribute': {
        const obj = this.eval(target.value, scope);
        const site = new NodeSite(target.attrPos, []);
        let cur: PyValue;
        try {
          cur = this.getAttribute(obj, target.attr, site);
        } catch (e) {
          throw toDftablesError(e, target.attrPos);
        }
        const v = this.eval(valueExpr, scope);
        const res = apply(cur, v);
        try {
          if (!(obj instanceof PyObject)) throw new DftablesError('DT202', `'${typeName(obj)}' object attribute '${target.attr}' is read-only`);
          obj.setAttr(target.attr, res, site, this);
        } catch (e) {
          throw toDftablesError(e, target.attrPos);
        }
        return;
      }
      default:
        throw new DftablesError('DT101', `'${target.kind}' is an illegal expression for augmented assignment`, { pos: start(target) });
    }
  }

  private delete(target: Expr, scope: Scope): void {
    try {
      switch (target.kind) {
        case 'Name': {
          if (!scope.vars.has(target.id)) throw this.nameError(target.id, scope);
          scope.vars.delete(target.id);
          return;
        }
        case 'Tuple':
        case 'List':
          for (const t of target.elts) this.delete(t, scope);
          return;
        case 'Subscript': {
          const obj = this.eval(target.value, scope);
          const key = this.evalSlice(target.slice, scope);
          if (obj instanceof PyList) {
            if (key instanceof PySlice) {
              const [s0, , step, n] = sliceIndices(key, BigInt(obj.items.length));
              const drop = new Set<number>();
              for (let i = 0n; i < n; i++) drop.add(Number(s0 + i * step));
              obj.items = obj.items.filter((_, i) => !drop.has(i));
            } else {
              const i = this.normIndex(indexValue(key, 'list'), obj.items.length, 'list assignment index out of range');
              obj.items.splice(i, 1);
            }
            return;
          }
          if (obj instanceof PyDict) {
            const h = keyOf(key);
            if (!obj.entries.delete(h)) throw keyError(key);
            return;
          }
          if (obj instanceof PyObject) {
            throw new DftablesError('DT301', `'del' on a ${obj.typeName} is not supported in df-table code; use .drop(columns=[...]) to remove columns`);
          }
          throw new PyTypeError(`'${typeName(obj)}' object doesn't support item deletion`);
        }
        case 'Attribute':
          throw new DftablesError('DT301', "deleting attributes is not supported in df-table code", { pos: target.attrPos });
        default:
          throw new DftablesError('DT101', `cannot delete ${target.kind}`);
      }
    } catch (e) {
      throw toDftablesError(e, target.kind === 'Subscript' ? start(target.slice) : start(target));
    }
  }

  // ---- expressions ----------------------------------------------------------------------

  /** Evaluates an expression; errors without a position get this node's. */
  private eval(e: Expr, scope: Scope): PyValue {
    try {
      return this.evalNode(e, scope);
    } catch (err) {
      throw toDftablesError(err, this.errorPos(e));
    }
  }

  private errorPos(e: Expr): Pos {
    if (e.kind === 'Call' && e.func.kind === 'Attribute') return e.func.attrPos;
    if (e.kind === 'Attribute') return e.attrPos;
    if (e.kind === 'Subscript') return start(e.slice);
    return start(e);
  }

  private evalNode(e: Expr, scope: Scope): PyValue {
    switch (e.kind) {
      case 'Name':
        return this.lookup(e.id, scope, start(e));
      case 'Constant':
        if (e.ellipsis) throw new DftablesError('DT301', 'Ellipsis (...) is not supported in df-table code');
        return e.value;
      case 'FString':
        return this.evalFString(e, scope);
      case 'List':
        return new PyList(this.evalElements(e.elts, scope));
      case 'Tuple':
        return new PyTuple(this.evalElements(e.elts, scope));
      case 'Set':
        return PySet.of(this.evalElements(e.elts, scope), this);
      case 'Dict':
        return this.evalDict(e, scope);
      case 'Starred':
        throw new DftablesError('DT101', "can't use starred expression here");
      case 'BinOp': {
        const l = this.eval(e.left, scope);
        const r = this.eval(e.right, scope);
        return binaryOp(e.op, l, r, new NodeSite(start(e), [e.left, e.right]), this);
      }
      case 'UnaryOp': {
        const v = this.eval(e.operand, scope);
        const site = new NodeSite(start(e), [e.operand]);
        if (e.op === 'not') return !truthy(v, site, this);
        return unaryOp(e.op, v, site, this);
      }
      case 'BoolOp': {
        let v = this.eval(e.values[0], scope);
        for (let i = 1; i < e.values.length; i++) {
          const t = truthy(v, new NodeSite(start(e.values[i - 1]), []), this);
          if (e.op === 'and' ? !t : t) return v;
          v = this.eval(e.values[i], scope);
        }
        return v;
      }
      case 'Compare':
        return this.evalCompare(e, scope);
      case 'IfExp':
        return this.test(e.test, scope) ? this.eval(e.body, scope) : this.eval(e.orelse, scope);
      case 'Lambda': {
        const defaults = new Map<string, PyValue>();
        for (const p of e.params) if (p.default) defaults.set(p.name, this.eval(p.default, scope));
        return new PyFunction(e, scope, defaults, this);
      }
      case 'Call':
        return this.evalCall(e, scope);
      case 'Attribute': {
        const obj = this.eval(e.value, scope);
        return this.getAttribute(obj, e.attr, new NodeSite(e.attrPos, []));
      }
      case 'Subscript': {
        const obj = this.eval(e.value, scope);
        const key = this.evalSlice(e.slice, scope);
        return this.getItemOf(obj, key, this.itemSite(e));
      }
      case 'Slice':
        return this.evalSlice(e, scope);
      case 'ListComp': {
        const out: PyValue[] = [];
        for (const s of this.comprehension(e, scope)) {
          if (out.length >= this.limits.maxSequence) throw sizeError('the list', this.limits.maxSequence);
          out.push(this.eval(e.elt, s));
        }
        return new PyList(out);
      }
      case 'SetComp': {
        const out = new PySet();
        for (const s of this.comprehension(e, scope)) {
          out.add(this.eval(e.elt, s));
          if (out.map.size > this.limits.maxSequence) throw sizeError('the set', this.limits.maxSequence);
        }
        return out;
      }
      case 'DictComp': {
        const out = new PyDict();
        for (const s of this.comprehension(e, scope)) {
          const k = this.eval(e.key, s);
          const v = this.eval(e.value, s);
          keyOf(k);
          out.set(k, v);
          if (out.size > this.limits.maxSequence) throw sizeError('the dict', this.limits.maxSequence);
        }
        return out;
      }
      case 'GeneratorExp': {
        const scopes = this.comprehension(e, scope);
        const self = this;
        return new PyIterator(
          'generator',
          (function* () {
            for (const s of scopes) yield self.eval(e.elt, s);
          })(),
        );
      }
    }
  }

  private lookup(id: string, scope: Scope, pos: Pos): PyValue {
    for (let s: Scope | null = scope; s; s = s.parent) {
      const v = s.vars.get(id);
      if (v !== undefined) return v;
    }
    const forbidden = forbiddenNameMessage(id);
    if (forbidden) throw new DftablesError('DT302', forbidden, { pos });
    const b = BUILTINS.get(id);
    if (b !== undefined) return b;
    throw this.nameError(id, scope).at(pos);
  }

  private nameError(id: string, scope: Scope): DftablesError {
    const names = new Set<string>(BUILTINS.keys());
    for (let s: Scope | null = scope; s; s = s.parent) for (const k of s.vars.keys()) names.add(k);
    const guess = closest(id, names);
    return new DftablesError('DT205', `name '${id}' is not defined` + (guess ? `; did you mean '${guess}'?` : ''));
  }

  private evalElements(elts: Expr[], scope: Scope): PyValue[] {
    const out: PyValue[] = [];
    for (const x of elts) {
      if (x.kind === 'Starred') {
        const v = this.eval(x.value, scope);
        try {
          const items = collect(v, new NodeSite(start(x), []), this);
          if (out.length + items.length > this.limits.maxSequence) throw sizeError('the list', this.limits.maxSequence);
          pushAll(out, items);
        } catch (err) {
          throw toDftablesError(err, start(x.value));
        }
      } else out.push(this.eval(x, scope));
    }
    return out;
  }

  private evalDict(e: Extract<Expr, { kind: 'Dict' }>, scope: Scope): PyValue {
    const d = new PyDict();
    for (let i = 0; i < e.values.length; i++) {
      const k = e.keys[i];
      if (k === null) {
        const m = this.eval(e.values[i], scope);
        const pairs = mappingItems(m, new NodeSite(start(e.values[i]), []), this);
        if (pairs === undefined) throw new PyTypeError(`'${typeName(m)}' object is not a mapping`).at(start(e.values[i]));
        for (const [kk, vv] of pairs) d.set(kk, vv);
        continue;
      }
      const key = this.eval(k, scope);
      const value = this.eval(e.values[i], scope);
      try {
        keyOf(key);
      } catch (err) {
        throw toDftablesError(err, start(k));
      }
      d.set(key, value);
    }
    return d;
  }

  private evalFString(e: FStringExpr, scope: Scope): string {
    let out = '';
    for (const p of e.parts) {
      if (typeof p === 'string') {
        out += p;
        continue;
      }
      const v = this.eval(p.value, scope);
      try {
        const spec = p.spec ? this.evalFString(p.spec, scope) : '';
        let s: string;
        if (p.conversion === 'r') s = formatSpec(pyRepr(v), spec);
        else if (p.conversion === 's') s = formatSpec(pyStr(v), spec);
        else if (p.conversion === 'a') s = formatSpec(pyAscii(v), spec);
        else s = spec === '' ? pyStr(v) : formatSpec(v, spec);
        out += (p.selfDoc ?? '') + s;
      } catch (err) {
        throw toDftablesError(err, start(p.value));
      }
      if (out.length > this.limits.maxSequence) throw sizeError('the string', this.limits.maxSequence);
    }
    return out;
  }

  private evalCompare(e: Extract<Expr, { kind: 'Compare' }>, scope: Scope): PyValue {
    let left = this.eval(e.left, scope);
    let result: PyValue = true;
    for (let i = 0; i < e.ops.length; i++) {
      const rightExpr = e.comparators[i];
      const right = this.eval(rightExpr, scope);
      const site = new NodeSite(start(i === 0 ? e : e.comparators[i - 1]), [rightExpr]);
      const op = e.ops[i];
      switch (op) {
        case 'in':
          result = contains(right, left, site, this);
          break;
        case 'not in':
          result = !contains(right, left, site, this);
          break;
        case 'is':
          result = identical(left, right);
          break;
        case 'is not':
          result = !identical(left, right);
          break;
        default:
          result = compareOp(op, left, right, site, this);
      }
      if (i < e.ops.length - 1 && !truthy(result, site, this)) return result;
      left = right;
    }
    return result;
  }

  private evalSlice(e: Expr, scope: Scope): PyValue {
    if (e.kind === 'Slice') {
      return new PySlice(e.lower ? this.eval(e.lower, scope) : null, e.upper ? this.eval(e.upper, scope) : null, e.step ? this.eval(e.step, scope) : null);
    }
    if (e.kind === 'Tuple' && e.elts.some((x) => x.kind === 'Slice')) {
      return new PyTuple(e.elts.map((x) => this.evalSlice(x, scope)));
    }
    return this.eval(e, scope);
  }

  /** getItem/setItem sites: the key is the one argument (a tuple key as a whole: `df.loc[m, 'c']`). */
  private itemSite(e: SubscriptExpr): NodeSite {
    return new NodeSite(start(e.slice), [e.slice]);
  }

  /** Scopes of a comprehension, one per produced element; the first iterable is evaluated now. */
  private comprehension(e: CompExpr | DictCompExpr, scope: Scope): Generator<Scope> {
    const first = this.eval(e.generators[0].iter, scope);
    const inner = new Scope(new Map(), scope);
    return this.compLevel(e.generators, 0, first, inner);
  }

  private *compLevel(gens: Comprehension[], level: number, iterable: PyValue, scope: Scope): Generator<Scope> {
    const g = gens[level];
    let it: Iterator<PyValue>;
    try {
      it = iterate(iterable, new NodeSite(start(g.iter), []), this);
    } catch (err) {
      throw toDftablesError(err, start(g.iter));
    }
    for (;;) {
      let r: IteratorResult<PyValue>;
      try {
        r = it.next();
      } catch (err) {
        throw toDftablesError(err, start(g.iter));
      }
      if (r.done) return;
      tick(this);
      this.assign(g.target, r.value, scope);
      if (!g.ifs.every((c) => this.test(c, scope))) continue;
      if (level === gens.length - 1) yield scope;
      else yield* this.compLevel(gens, level + 1, this.eval(gens[level + 1].iter, scope), scope);
    }
  }

  // ---- calls ----------------------------------------------------------------------------

  private evalCall(e: Extract<Expr, { kind: 'Call' }>, scope: Scope): PyValue {
    const fn = this.eval(e.func, scope);
    const args: PyValue[] = [];
    const argNodes: Expr[] = [];
    for (const a of e.args) {
      if (a.kind === 'Starred') {
        const v = this.eval(a.value, scope);
        let items: PyValue[];
        try {
          items = collect(v, new NodeSite(start(a), []), this);
        } catch (err) {
          if (err instanceof DftablesError && err.code === 'DT204' && !(v instanceof PyObject)) {
            throw new PyTypeError(`argument after * must be an iterable, not ${typeName(v)}`).at(start(a.value));
          }
          throw toDftablesError(err, start(a.value));
        }
        for (const x of items) {
          args.push(x);
          argNodes.push(a);
        }
      } else {
        args.push(this.eval(a, scope));
        argNodes.push(a);
      }
    }
    const kwargs: Kwargs = new Map();
    const fname = e.func.kind === 'Name' ? e.func.id : e.func.kind === 'Attribute' ? e.func.attr : 'function';
    for (const k of e.keywords) {
      const v = this.eval(k.value, scope);
      if (k.name === null) {
        const pairs = mappingItems(v, new NodeSite(k.pos, []), this);
        if (pairs === undefined) throw new PyTypeError(`${fname}() argument after ** must be a mapping, not ${typeName(v)}`).at(k.pos);
        for (const [kk, vv] of pairs) {
          if (typeof kk !== 'string') throw new PyTypeError('keywords must be strings').at(k.pos);
          if (kwargs.has(kk)) throw new PyTypeError(`${fname}() got multiple values for keyword argument '${kk}'`).at(k.pos);
          kwargs.set(kk, vv);
        }
      } else {
        kwargs.set(k.name, v);
      }
    }
    const pos = e.func.kind === 'Attribute' ? e.func.attrPos : start(e);
    const savedScope = this.callScope;
    this.callScope = scope;
    try {
      return this.callValue(fn, args, kwargs, new NodeSite(pos, argNodes, e.keywords));
    } finally {
      this.callScope = savedScope;
    }
  }

  /**
   * A variable visible where the current call was written (globals, lambda parameters,
   * comprehension variables): what pandas' `@name` in query strings refers to.
   */
  lookupLocal(name: string): PyValue | undefined {
    for (let s: Scope | null = this.callScope; s; s = s.parent) {
      const v = s.vars.get(name);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  callValue(fn: PyValue, args: PyValue[], kwargs: Kwargs, site: CallSite): PyValue {
    if (!(fn instanceof PyObject) || !fn.callable()) throw new PyTypeError(`'${typeName(fn)}' object is not callable`).at(site.pos);
    const saved = this.site;
    this.site = site;
    try {
      return fn.call(args, kwargs, site, this);
    } catch (e) {
      throw toDftablesError(e, site.pos);
    } finally {
      this.site = saved;
    }
  }

  /** Runs a lambda's body in a child scope of where it was written (called by PyFunction). */
  callLambda(f: PyFunction, args: PyValue[], kwargs: Kwargs): PyValue {
    if (this.depth >= MAX_CALL_DEPTH) {
      throw new DftablesError('DT305', `maximum recursion depth exceeded (more than ${MAX_CALL_DEPTH} nested calls)`, { pos: start(f.node) });
    }
    tick(this);
    const vars = this.bindParams(f, args, kwargs);
    this.depth++;
    try {
      return this.eval(f.node.body, new Scope(vars, f.scope));
    } finally {
      this.depth--;
    }
  }

  private bindParams(f: PyFunction, args: PyValue[], kwargs: Kwargs): Map<string, PyValue> {
    const params = f.node.params;
    const vars = new Map<string, PyValue>();
    const positional = params.filter((p) => !p.star && !p.kwOnly);
    const varArgs = params.find((p) => p.star === '*');
    const varKw = params.find((p) => p.star === '**');
    if (args.length > positional.length && !varArgs) {
      const n = positional.length;
      const withDefaults = positional.filter((p) => p.default).length;
      const takes = withDefaults ? `from ${n - withDefaults} to ${n}` : String(n);
      throw new PyTypeError(`<lambda>() takes ${takes} positional argument${n === 1 && !withDefaults ? '' : 's'} but ${args.length} ${args.length === 1 ? 'was' : 'were'} given`);
    }
    positional.forEach((p, i) => {
      if (i < args.length) vars.set(p.name, args[i]);
    });
    if (varArgs) vars.set(varArgs.name, new PyTuple(args.slice(positional.length)));
    const extra = new PyDict();
    for (const [k, v] of kwargs) {
      const p = params.find((q) => q.name === k && !q.star);
      if (!p) {
        if (varKw) {
          extra.set(k, v);
          continue;
        }
        throw new DftablesError('DT203', `<lambda>() got an unexpected keyword argument '${k}'`);
      }
      if (vars.has(k)) throw new PyTypeError(`<lambda>() got multiple values for argument '${k}'`);
      vars.set(k, v);
    }
    if (varKw) vars.set(varKw.name, extra);
    const missing: string[] = [];
    for (const p of params) {
      if (p.star || vars.has(p.name)) continue;
      const d = f.defaults.get(p.name);
      if (d !== undefined) vars.set(p.name, d);
      else missing.push(p.name);
    }
    if (missing.length) {
      const names = missing.map((m) => `'${m}'`);
      const list = names.length === 1 ? names[0] : names.slice(0, -1).join(', ') + ' and ' + names[names.length - 1];
      throw new PyTypeError(`<lambda>() missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ${list}`);
    }
    return vars;
  }

  // ---- attributes and items -------------------------------------------------------------

  private checkAttrName(name: string): void {
    const forbidden = name.startsWith('_') ? `attribute '${name}' is not available in df-table code (names starting with '_' are private)` : undefined;
    if (forbidden) throw new DftablesError('DT302', forbidden);
  }

  getAttribute(obj: PyValue, name: string, site: CallSite): PyValue {
    this.checkAttrName(name);
    if (obj instanceof PyObject) return obj.getAttr(name, site, this);
    if ((typeof obj === 'bigint' || typeof obj === 'boolean' || typeof obj === 'number') && (name === 'real' || name === 'imag')) {
      if (name === 'imag') return typeof obj === 'number' ? 0 : 0n;
      return typeof obj === 'boolean' ? (obj ? 1n : 0n) : obj;
    }
    const table = methodsOf(obj);
    const m = table?.get(name);
    if (!m) throw attributeError(typeName(obj), name, table ? [...table.keys()] : []);
    return new BoundMethod(obj, name, m as MethodImpl<PyValue>);
  }

  private normIndex(i: bigint, n: number, message: string): number {
    const j = i < 0n ? i + BigInt(n) : i;
    if (j < 0n || j >= BigInt(n)) throw new DftablesError('DT209', message);
    return Number(j);
  }

  getItemOf(obj: PyValue, key: PyValue, site: CallSite): PyValue {
    if (obj instanceof PyList || obj instanceof PyTuple) {
      const kind = obj instanceof PyList ? 'list' : 'tuple';
      if (key instanceof PySlice) {
        const items = sliceItems(obj.items, key);
        return obj instanceof PyList ? new PyList(items) : new PyTuple(items);
      }
      return obj.items[this.normIndex(indexValue(key, kind), obj.items.length, `${kind} index out of range`)];
    }
    if (typeof obj === 'string') {
      const cps = codePoints(obj);
      if (key instanceof PySlice) return sliceItems(cps, key).join('');
      return cps[this.normIndex(indexValue(key, 'string'), cps.length, 'string index out of range')];
    }
    if (obj instanceof PyDict) {
      keyOf(key);
      const v = obj.get(key);
      if (v === undefined) {
        const guess = typeof key === 'string' ? closest(key, obj.keys().filter((k): k is string => typeof k === 'string')) : undefined;
        throw new DftablesError('DT209', `KeyError: ${pyRepr(key)}` + (guess ? `; did you mean ${pyRepr(guess)}?` : ''));
      }
      return v;
    }
    if (obj instanceof PyObject) return obj.getItem(key, site, this);
    throw new PyTypeError(`'${typeName(obj)}' object is not subscriptable`);
  }

  private setItemOf(obj: PyValue, key: PyValue, value: PyValue, site: CallSite): void {
    if (obj instanceof PyList) {
      if (key instanceof PySlice) {
        const items = collect(value, site, this);
        const [s0, , step, n] = sliceIndices(key, BigInt(obj.items.length));
        if (step === 1n) {
          if (obj.items.length - Number(n) + items.length > this.limits.maxSequence) throw sizeError('the list', this.limits.maxSequence);
          obj.items = [...obj.items.slice(0, Number(s0)), ...items, ...obj.items.slice(Number(s0 + n))];
          return;
        }
        if (BigInt(items.length) !== n) throw new DftablesError('DT208', `attempt to assign sequence of size ${items.length} to extended slice of size ${n}`);
        items.forEach((v, i) => (obj.items[Number(s0 + BigInt(i) * step)] = v));
        return;
      }
      obj.items[this.normIndex(indexValue(key, 'list'), obj.items.length, 'list assignment index out of range')] = value;
      return;
    }
    if (obj instanceof PyDict) {
      keyOf(key);
      obj.set(key, value);
      return;
    }
    if (obj instanceof PyObject) {
      obj.setItem(key, value, site, this);
      return;
    }
    throw new PyTypeError(`'${typeName(obj)}' object does not support item assignment`);
  }
}

/** Runs code against globals: a convenience for tests and serve-eval. */
export function runCode(code: string, host: Host, globals: Map<string, PyValue> = new Map(), map?: LineMap): Interpreter {
  const interp = new Interpreter(host, globals);
  interp.run(parseBlock(code, map));
  return interp;
}
