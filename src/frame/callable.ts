/** Native functions and bound methods of the pandas layer, as Python callables. */
import { PyObject, type CallSite, type Kwargs, type PyValue, type Runtime } from '../python/values.js';

export type NativeImpl = (args: PyValue[], kwargs: Kwargs, site: CallSite, rt: Runtime) => PyValue;

export class NativeFunction extends PyObject {
  readonly typeName: string;

  constructor(
    readonly name: string,
    private readonly impl: NativeImpl,
    /** 'method' for bound methods (df.sort_values), 'function' for module functions (pd.merge). */
    kind: 'method' | 'function' = 'function',
    private readonly owner?: string,
  ) {
    super();
    this.typeName = kind;
  }

  override callable(): boolean {
    return true;
  }

  override call(args: PyValue[], kwargs: Kwargs, site: CallSite, rt: Runtime): PyValue {
    return this.impl(args, kwargs, site, rt);
  }

  override repr(): string {
    return this.owner ? `<bound method ${this.owner}.${this.name}>` : `<function ${this.name}>`;
  }
}

/** A method table entry: the implementation receives the object it was looked up on. */
export type Method<T> = (self: T, args: PyValue[], kwargs: Kwargs, site: CallSite, rt: Runtime) => PyValue;

export function bindMethod<T>(self: T, owner: string, name: string, m: Method<T>): NativeFunction {
  return new NativeFunction(name, (args, kwargs, site, rt) => m(self, args, kwargs, site, rt), 'method', owner);
}
