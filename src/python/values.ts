/**
 * The value model shared by the interpreter (src/python) and the pandas layer (src/frame).
 *
 *   Python      JS
 *   None        null
 *   bool        boolean
 *   int         bigint          (exact, so 10 ** 10 and // behave as in Python)
 *   float       number          (NaN is numpy's nan)
 *   str         string
 *   list        PyList
 *   tuple       PyTuple
 *   dict        PyDict          (insertion ordered, keys hashed by value)
 *   anything    PyObject        (DataFrame, Series, functions, modules, bound methods ...)
 *
 * pandas objects talk to the interpreter only through the PyObject protocol below, so the
 * interpreter knows nothing about pandas and the pandas layer knows nothing about syntax.
 */
import type { Pos } from '../errors.js';

export type PyValue = null | boolean | bigint | number | string | PyList | PyTuple | PyDict | PyObject;

export class PyList {
  constructor(public items: PyValue[]) {}
}

export class PyTuple {
  constructor(public readonly items: readonly PyValue[]) {}
}

/** Insertion-ordered dict. Keys are hashed with `hashKey`, so 1, 1.0 and True collide as in Python. */
export class PyDict {
  readonly entries = new Map<string, [PyValue, PyValue]>();

  static from(pairs: Iterable<[PyValue, PyValue]>): PyDict {
    const d = new PyDict();
    for (const [k, v] of pairs) d.set(k, v);
    return d;
  }
  get size(): number {
    return this.entries.size;
  }
  get(key: PyValue): PyValue | undefined {
    return this.entries.get(hashKey(key))?.[1];
  }
  has(key: PyValue): boolean {
    return this.entries.has(hashKey(key));
  }
  set(key: PyValue, value: PyValue): void {
    const h = hashKey(key);
    const prev = this.entries.get(h);
    // Python keeps the first key object when an equal key is re-assigned.
    this.entries.set(h, [prev ? prev[0] : key, value]);
  }
  keys(): PyValue[] {
    return [...this.entries.values()].map((e) => e[0]);
  }
  values(): PyValue[] {
    return [...this.entries.values()].map((e) => e[1]);
  }
  items(): [PyValue, PyValue][] {
    return [...this.entries.values()];
  }
}

/** A hashable value's identity for dict keys and sets; throws for unhashable values. */
export function hashKey(v: PyValue): string {
  if (v === null) return 'N';
  if (typeof v === 'boolean') return v ? 'n1' : 'n0';
  if (typeof v === 'bigint') return 'n' + v.toString();
  if (typeof v === 'number') {
    if (Number.isInteger(v)) return 'n' + BigInt(v).toString();
    return Number.isNaN(v) ? 'fnan' : 'f' + v.toString();
  }
  if (typeof v === 'string') return 's' + v;
  if (v instanceof PyTuple) return 't(' + v.items.map(hashKey).join(',') + ')';
  if (v instanceof PyObject) return 'o' + v.hashId();
  throw new TypeError(`unhashable type: '${typeName(v)}'`);
}

export function typeName(v: PyValue): string {
  if (v === null) return 'NoneType';
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float';
    case 'string':
      return 'str';
  }
  if (v instanceof PyList) return 'list';
  if (v instanceof PyTuple) return 'tuple';
  if (v instanceof PyDict) return 'dict';
  return v.typeName;
}

/** Keyword arguments of a call, in the order written. */
export type Kwargs = Map<string, PyValue>;

/**
 * Where a protocol call comes from in the page. Foreign objects use it to put errors on the
 * exact token (the column name in `df['x']`, the keyword in `sort_values(ascend=...)`).
 */
export interface CallSite {
  /** Position of the whole expression (call, subscript, attribute, operator). */
  pos: Pos;
  /** Positions of positional arguments (for getItem/setItem: [key]). */
  argPos: Pos[];
  /** Positions of keyword arguments, by name (the position of the keyword itself). */
  kwPos: Map<string, Pos>;
  /**
   * Where a value appears in the argument's source, for errors about one element of a list
   * literal: `df[['Model', 'Modle']]` points at 'Modle'. Falls back to the argument's position.
   */
  locate(value: PyValue, arg?: number | string): Pos;
}

/** Services the interpreter gives to foreign objects while a block runs. */
export interface Runtime {
  /** Call any Python callable (lambda, builtin, bound method, '{:.2f}'.format) with values. */
  call(fn: PyValue, args: PyValue[], kwargs?: Kwargs): PyValue;
  /** Throws DT306 when the block's time is up; call it in long loops. */
  checkDeadline(): void;
  readonly limits: Limits;
  /**
   * Reads a data file for the page: resolves `path` relative to the page, refuses anything
   * outside the docs root (DT304), missing files (DT401, with suggestions) and oversized files
   * (DT403), and records the file as a dependency of the block.
   */
  readDataFile(path: string, site: CallSite): { text: string; resolved: string };
  /** Non-fatal findings for `dftables lint` (DT6xx). Evaluation goes on. */
  warn(code: import('../diagnostics/codes.js').DiagnosticCode, message: string, pos: Pos): void;
}

export interface Limits {
  /** Max cells (rows x columns) in any DataFrame or list a block builds. */
  maxCells: number;
  /** Max length of a list, tuple, str or range a block builds. */
  maxSequence: number;
  /** Max bytes of a CSV file. */
  maxCsvBytes: number;
  /** Milliseconds a block may run. */
  timeoutMs: number;
}

export const DEFAULT_LIMITS: Limits = {
  maxCells: 10_000_000,
  maxSequence: 10_000_000,
  maxCsvBytes: 200 * 1024 * 1024,
  timeoutMs: 10_000,
};

/** Returned by binaryOp/compare when the object does not handle the operator (Python's NotImplemented). */
export const NotImplemented: unique symbol = Symbol('NotImplemented');
export type MaybeValue = PyValue | typeof NotImplemented;

export type BinaryOperator = '+' | '-' | '*' | '/' | '//' | '%' | '**' | '&' | '|' | '^' | '@';
export type CompareOperator = '==' | '!=' | '<' | '<=' | '>' | '>=';
export type UnaryOperator = '-' | '+' | '~';

let nextHashId = 1;

/**
 * Any object that is not a plain Python value. Methods throw DftablesError (usually without a
 * position: the interpreter fills in the call site's). Default implementations raise the errors
 * Python would raise.
 */
export abstract class PyObject {
  abstract readonly typeName: string;
  private _hashId = 0;

  hashId(): number {
    if (!this._hashId) this._hashId = nextHashId++;
    return this._hashId;
  }

  /** `obj.name`. Unknown names throw DT202 with a did-you-mean from `attrNames()`. */
  getAttr(name: string, site: CallSite, rt: Runtime): PyValue {
    void site;
    void rt;
    throw attributeError(this.typeName, name, this.attrNames());
  }
  /** Names offered by did-you-mean suggestions and lint. */
  attrNames(): string[] {
    return [];
  }
  setAttr(name: string, value: PyValue, site: CallSite, rt: Runtime): void {
    void value;
    void site;
    void rt;
    throw attributeError(this.typeName, name, []);
  }
  getItem(key: PyValue, site: CallSite, rt: Runtime): PyValue {
    void key;
    void site;
    void rt;
    throw new PyTypeError(`'${this.typeName}' object is not subscriptable`);
  }
  setItem(key: PyValue, value: PyValue, site: CallSite, rt: Runtime): void {
    void key;
    void value;
    void site;
    void rt;
    throw new PyTypeError(`'${this.typeName}' object does not support item assignment`);
  }
  callable(): boolean {
    return false;
  }
  call(args: PyValue[], kwargs: Kwargs, site: CallSite, rt: Runtime): PyValue {
    void args;
    void kwargs;
    void site;
    void rt;
    throw new PyTypeError(`'${this.typeName}' object is not callable`);
  }
  /** `self op other` (reflected: `other op self`). */
  binaryOp(op: BinaryOperator, other: PyValue, reflected: boolean, site: CallSite, rt: Runtime): MaybeValue {
    void op;
    void other;
    void reflected;
    void site;
    void rt;
    return NotImplemented;
  }
  /** `self op other`; the interpreter tries the mirrored operator on `other` when this returns NotImplemented. */
  compare(op: CompareOperator, other: PyValue, site: CallSite, rt: Runtime): MaybeValue {
    void site;
    void rt;
    if (op === '==') return other === this;
    if (op === '!=') return other !== this;
    return NotImplemented;
  }
  unaryOp(op: UnaryOperator, site: CallSite, rt: Runtime): PyValue {
    void site;
    void rt;
    throw new PyTypeError(`bad operand type for unary ${op}: '${this.typeName}'`);
  }
  /** `x in self`. */
  contains(item: PyValue, site: CallSite, rt: Runtime): boolean {
    void item;
    void site;
    void rt;
    throw new PyTypeError(`argument of type '${this.typeName}' is not iterable`);
  }
  /** `bool(self)`; DataFrame and Series raise pandas' "truth value is ambiguous" error. */
  truthy(site: CallSite, rt: Runtime): boolean {
    void site;
    void rt;
    return true;
  }
  len(site: CallSite, rt: Runtime): number {
    void site;
    void rt;
    throw new PyTypeError(`object of type '${this.typeName}' has no len()`);
  }
  /** `for x in self`: DataFrame yields column labels, Series its values. */
  iter(site: CallSite, rt: Runtime): PyValue[] {
    void site;
    void rt;
    throw new PyTypeError(`'${this.typeName}' object is not iterable`);
  }
  /** `str(self)` / `repr(self)`. */
  repr(): string {
    return `<${this.typeName} object>`;
  }
}

// Errors Python would raise, mapped onto dftables codes. Imported lazily to keep this file a leaf.
import { DftablesError } from '../errors.js';
import { closest } from '../diagnostics/suggest.js';

export class PyTypeError extends DftablesError {
  constructor(message: string, hint?: string) {
    super('DT204', message, { hint });
  }
}

export function attributeError(type: string, name: string, known: string[]): DftablesError {
  const guess = closest(name, known);
  return new DftablesError(
    'DT202',
    `'${type}' object has no attribute '${name}'` + (guess ? `; did you mean '${guess}'?` : ''),
  );
}

/**
 * `start:stop:step` inside a subscript (`lst[1:3]`, `df.iloc[::2]`, `df.loc[:, 'c']`); each part
 * is None when omitted. Built by the interpreter and handed to getItem/setItem as the key (or as
 * an item of a PyTuple key).
 */
export class PySlice extends PyObject {
  readonly typeName = 'slice';
  constructor(
    readonly start: PyValue,
    readonly stop: PyValue,
    readonly step: PyValue,
  ) {
    super();
  }
  override repr(): string {
    const r = (v: PyValue): string => (v === null ? 'None' : v instanceof PyObject ? v.repr() : typeof v === 'string' ? `'${v}'` : String(v));
    return `slice(${r(this.start)}, ${r(this.stop)}, ${r(this.step)})`;
  }
}

/**
 * A class used as a value: the builtins `str`, `int`, `float`, `bool`, `list` ... (as in
 * `astype(str)`, `dtype={'code': str}`, `map(float)`, `isinstance(x, int)`), and pandas/numpy
 * types. `name` is Python's `__name__` ('str', 'float64'); `module` is 'builtins' for builtins.
 */
export class PyClass extends PyObject {
  readonly typeName: string = 'type';
  constructor(
    readonly name: string,
    readonly module: string = 'builtins',
  ) {
    super();
  }
  override repr(): string {
    return this.module === 'builtins' ? `<class '${this.name}'>` : `<class '${this.module}.${this.name}'>`;
  }
}
