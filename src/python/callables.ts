/**
 * Python callables made in JS: builtin functions (len, sorted), methods bound to builtin values
 * ('{:,.3f}'.format, lst.append), and the builtin classes (str, int, float ...) that are values
 * too (`astype(str)`, `map(float)`, `str.upper`). Lambdas live in interpreter.ts.
 */
import { DftablesError } from '../errors.js';
import { closest } from '../diagnostics/suggest.js';
import { PyClass, PyObject, PyTypeError, typeName, type CallSite, type Kwargs, type PyValue, type Runtime } from './values.js';

export type NativeFn = (args: PyValue[], kwargs: Kwargs, site: CallSite, rt: Runtime) => PyValue;
export type MethodImpl<T = never> = (self: T, args: PyValue[], kwargs: Kwargs, site: CallSite, rt: Runtime) => PyValue;
export type MethodTable<T> = ReadonlyMap<string, MethodImpl<T>>;

export class BuiltinFunction extends PyObject {
  readonly typeName = 'builtin_function_or_method';
  constructor(
    readonly name: string,
    private readonly impl: NativeFn,
  ) {
    super();
  }
  override callable(): boolean {
    return true;
  }
  override call(args: PyValue[], kwargs: Kwargs, site: CallSite, rt: Runtime): PyValue {
    return this.impl(args, kwargs, site, rt);
  }
  override repr(): string {
    return `<built-in function ${this.name}>`;
  }
}

/** A method looked up on a builtin value: `'{:,.3f}'.format`, `cols.append`. */
export class BoundMethod<T extends PyValue = PyValue> extends PyObject {
  readonly typeName = 'builtin_function_or_method';
  constructor(
    readonly self: T,
    readonly name: string,
    private readonly impl: MethodImpl<T>,
  ) {
    super();
  }
  override callable(): boolean {
    return true;
  }
  override call(args: PyValue[], kwargs: Kwargs, site: CallSite, rt: Runtime): PyValue {
    return this.impl(this.self, args, kwargs, site, rt);
  }
  override repr(): string {
    return `<built-in method ${this.name} of ${typeName(this.self)} object>`;
  }
}

/** A builtin class: callable (its constructor) and holding its methods unbound (`str.upper`). */
export class BuiltinType extends PyClass {
  constructor(
    name: string,
    private readonly construct: NativeFn,
    private readonly methods: MethodTable<never> = new Map(),
    /** Whether a value is an instance (bool counts as int). */
    readonly isInstance: (v: PyValue) => boolean = () => false,
    /** Class methods (`dict.fromkeys`): called without an instance. */
    private readonly classMethods: ReadonlyMap<string, NativeFn> = new Map(),
  ) {
    super(name);
  }
  override callable(): boolean {
    return true;
  }
  override call(args: PyValue[], kwargs: Kwargs, site: CallSite, rt: Runtime): PyValue {
    return this.construct(args, kwargs, site, rt);
  }
  override attrNames(): string[] {
    return [...this.methods.keys(), ...this.classMethods.keys()];
  }
  override getAttr(name: string): PyValue {
    const cm = this.classMethods.get(name);
    if (cm) return new BuiltinFunction(`${this.name}.${name}`, cm);
    const m = this.methods.get(name);
    if (!m) {
      const guess = closest(name, this.attrNames());
      throw new DftablesError('DT202', `type object '${this.name}' has no attribute '${name}'` + (guess ? `; did you mean '${guess}'?` : ''));
    }
    const owner = this.name;
    const check = this.isInstance;
    return new BuiltinFunction(`${owner}.${name}`, (args, kwargs, site, rt) => {
      if (!args.length) throw new PyTypeError(`unbound method ${owner}.${name}() needs an argument`);
      const self = args[0];
      if (!check(self)) throw new PyTypeError(`descriptor '${name}' for '${owner}' objects doesn't apply to a '${typeName(self)}' object`);
      return (m as MethodImpl<PyValue>)(self, args.slice(1), kwargs, site, rt);
    });
  }
}

export interface ArgSpec {
  /** Parameter names in order; a name may be passed by keyword unless `positionalOnly`. */
  names: string[];
  /** How many of `names` are required. */
  required: number;
  positionalOnly?: boolean;
}

/**
 * Binds positional and keyword arguments to parameters with CPython's messages
 * ("split() takes at most 2 arguments (3 given)", "got an unexpected keyword argument").
 * Missing optional parameters come back as undefined.
 */
export function bindArgs(fname: string, args: PyValue[], kwargs: Kwargs, spec: ArgSpec): (PyValue | undefined)[] {
  const n = spec.names.length;
  if (args.length > n) {
    if (n === 0) throw new PyTypeError(`${fname}() takes no arguments (${args.length} given)`);
    if (n === 1 && spec.required === 1) throw new PyTypeError(`${fname}() takes exactly one argument (${args.length} given)`);
    throw new PyTypeError(spec.required === n ? `${fname}() takes exactly ${n} arguments (${args.length} given)` : `${fname}() takes at most ${n} arguments (${args.length} given)`);
  }
  const out: (PyValue | undefined)[] = spec.names.map((_, i) => args[i]);
  if (kwargs.size) {
    if (spec.positionalOnly) throw new DftablesError('DT203', `${fname}() takes no keyword arguments`);
    for (const [k, v] of kwargs) {
      const i = spec.names.indexOf(k);
      if (i < 0) {
        const guess = closest(k, spec.names);
        throw new DftablesError('DT203', `${fname}() got an unexpected keyword argument '${k}'` + (guess ? `; did you mean '${guess}'?` : ''));
      }
      if (out[i] !== undefined) throw new PyTypeError(`argument for ${fname}() given by name ('${k}') and position (${i + 1})`);
      out[i] = v;
    }
  }
  for (let i = 0; i < spec.required; i++) {
    if (out[i] === undefined) {
      if (spec.required === 1 && n === 1) throw new PyTypeError(`${fname}() takes exactly one argument (0 given)`);
      throw new PyTypeError(`${fname}() missing required argument '${spec.names[i]}' (pos ${i + 1})`);
    }
  }
  return out;
}

/** Refuses keyword arguments for functions that take none. */
export function noKwargs(fname: string, kwargs: Kwargs): void {
  if (kwargs.size) throw new DftablesError('DT203', `${fname}() takes no keyword arguments`);
}
