/**
 * Python's set. Elements are kept in insertion order (CPython orders by hash, which for strings
 * changes from run to run anyway; sorted(set(...)) is what pages use).
 */
import { DftablesError } from '../errors.js';
import { bindArgs, type MethodImpl } from './callables.js';
import { BoundMethod } from './callables.js';
import { pyRepr } from './pyStr.js';
import { NotImplemented, PyObject, attributeError, type BinaryOperator, type CallSite, type CompareOperator, type Kwargs, type MaybeValue, type PyValue, type Runtime } from './values.js';
import { iterate, tick } from './iteration.js';
import { keyOf } from './operators.js';

export class PySet extends PyObject {
  readonly typeName = 'set';
  readonly map = new Map<string, PyValue>();

  static of(items: Iterable<PyValue>, rt?: Runtime): PySet {
    const s = new PySet();
    for (const v of items) {
      if (rt) tick(rt);
      s.add(v);
    }
    return s;
  }
  add(v: PyValue): void {
    const k = keyOf(v);
    if (!this.map.has(k)) this.map.set(k, v);
  }
  has(v: PyValue): boolean {
    return this.map.has(keyOf(v));
  }
  values(): PyValue[] {
    return [...this.map.values()];
  }
  override len(): number {
    return this.map.size;
  }
  override truthy(): boolean {
    return this.map.size > 0;
  }
  override iter(): PyValue[] {
    return this.values();
  }
  override contains(item: PyValue): boolean {
    return this.has(item);
  }
  override repr(): string {
    return this.map.size ? `{${this.values().map(pyRepr).join(', ')}}` : 'set()';
  }
  override hashId(): number {
    throw new DftablesError('DT204', "unhashable type: 'set'");
  }
  override binaryOp(op: BinaryOperator, other: PyValue, reflected: boolean): MaybeValue {
    if (!(other instanceof PySet)) return NotImplemented;
    const [a, b] = reflected ? [other, this] : [this, other];
    switch (op) {
      case '|':
        return PySet.of([...a.values(), ...b.values()]);
      case '&':
        return PySet.of(a.values().filter((v) => b.has(v)));
      case '-':
        return PySet.of(a.values().filter((v) => !b.has(v)));
      case '^':
        return PySet.of([...a.values().filter((v) => !b.has(v)), ...b.values().filter((v) => !a.has(v))]);
    }
    return NotImplemented;
  }
  override compare(op: CompareOperator, other: PyValue): MaybeValue {
    if (!(other instanceof PySet)) return op === '==' ? false : op === '!=' ? true : NotImplemented;
    const sub = this.values().every((v) => other.has(v));
    const sup = other.values().every((v) => this.has(v));
    switch (op) {
      case '==':
        return sub && sup;
      case '!=':
        return !(sub && sup);
      case '<=':
        return sub;
      case '<':
        return sub && !sup;
      case '>=':
        return sup;
      case '>':
        return sup && !sub;
    }
  }
  override attrNames(): string[] {
    return [...SET_METHODS.keys()];
  }
  override getAttr(name: string): PyValue {
    const m = SET_METHODS.get(name);
    if (!m) throw attributeError('set', name, this.attrNames());
    return new BoundMethod<PySet>(this, name, m);
  }
}

function others(args: PyValue[], site: CallSite, rt: Runtime): PySet[] {
  return args.map((a) => (a instanceof PySet ? a : PySet.of(iterate(a, site, rt), rt)));
}

function nAry(f: (self: PySet, os: PySet[]) => PyValue): MethodImpl<PySet> {
  return (self, args, kwargs: Kwargs, site, rt) => {
    if (kwargs.size) throw new DftablesError('DT203', 'set methods take no keyword arguments');
    return f(self, others(args, site, rt));
  };
}

export const SET_METHODS: ReadonlyMap<string, MethodImpl<PySet>> = new Map<string, MethodImpl<PySet>>([
  [
    'add',
    (self, args, kwargs) => {
      const [v] = bindArgs('add', args, kwargs, { names: ['object'], required: 1, positionalOnly: true });
      self.add(v!);
      return null;
    },
  ],
  [
    'discard',
    (self, args, kwargs) => {
      const [v] = bindArgs('discard', args, kwargs, { names: ['object'], required: 1, positionalOnly: true });
      self.map.delete(keyOf(v!));
      return null;
    },
  ],
  [
    'remove',
    (self, args, kwargs) => {
      const [v] = bindArgs('remove', args, kwargs, { names: ['object'], required: 1, positionalOnly: true });
      if (!self.map.delete(keyOf(v!))) throw new DftablesError('DT209', `KeyError: ${pyRepr(v!)}`);
      return null;
    },
  ],
  [
    'pop',
    (self, args, kwargs) => {
      bindArgs('pop', args, kwargs, { names: [], required: 0, positionalOnly: true });
      const first = self.map.entries().next();
      if (first.done) throw new DftablesError('DT209', "KeyError: 'pop from an empty set'");
      self.map.delete(first.value[0]);
      return first.value[1];
    },
  ],
  ['clear', (self) => (self.map.clear(), null)],
  ['copy', (self) => PySet.of(self.values())],
  [
    'update',
    nAry((self, os) => {
      for (const o of os) for (const v of o.values()) self.add(v);
      return null;
    }),
  ],
  ['union', nAry((self, os) => PySet.of([self, ...os].flatMap((s) => s.values())))],
  ['intersection', nAry((self, os) => PySet.of(self.values().filter((v) => os.every((o) => o.has(v)))))],
  ['difference', nAry((self, os) => PySet.of(self.values().filter((v) => !os.some((o) => o.has(v)))))],
  [
    'symmetric_difference',
    nAry((self, [o]) => PySet.of([...self.values().filter((v) => !o.has(v)), ...o.values().filter((v) => !self.has(v))])),
  ],
  ['issubset', nAry((self, [o]) => self.values().every((v) => o.has(v)))],
  ['issuperset', nAry((self, [o]) => o.values().every((v) => self.has(v)))],
  ['isdisjoint', nAry((self, [o]) => !self.values().some((v) => o.has(v)))],
]);
