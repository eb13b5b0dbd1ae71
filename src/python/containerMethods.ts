/**
 * Methods of list, tuple and dict (and dict's live key/value/item views), with CPython's
 * semantics and messages.
 */
import { DftablesError } from '../errors.js';
import { bindArgs, noKwargs, type MethodImpl } from './callables.js';
import { pyRepr } from './pyStr.js';
import { PyDict, PyList, PyObject, PyTuple, PyTypeError, typeName, type CallSite, type Kwargs, type PyValue, type Runtime } from './values.js';
import { collect, iterate, pushAll, sizeError, tick } from './iteration.js';
import { mappingItems } from './mapping.js';
import { contains, equals, keyOf, lessThan, truthy } from './operators.js';
import { pySort } from './sorting.js';

function index(v: PyValue | undefined, dflt: number): number {
  if (v === undefined) return dflt;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw new PyTypeError(`'${typeName(v)}' object cannot be interpreted as an integer`);
}

function clampRange(n: number, start: PyValue | undefined, stop: PyValue | undefined): [number, number] {
  const conv = (v: PyValue | undefined, d: number): number => {
    if (v === undefined) return d;
    let i = index(v, d);
    if (i < 0) i = Math.max(0, i + n);
    return Math.min(i, n);
  };
  return [conv(start, 0), conv(stop, n)];
}

function seqIndex(kind: 'list' | 'tuple'): MethodImpl<PyList | PyTuple> {
  return (self, args, kwargs, site, rt) => {
    noKwargs('index', kwargs);
    const [x, start, stop] = bindArgs('index', args, kwargs, { names: ['value', 'start', 'stop'], required: 1 });
    const [a, b] = clampRange(self.items.length, start, stop);
    for (let i = a; i < b && i < self.items.length; i++) if (equals(self.items[i], x!, site, rt)) return BigInt(i);
    throw new DftablesError('DT208', kind === 'list' ? `${pyRepr(x!)} is not in list` : 'tuple.index(x): x not in tuple');
  };
}

const seqCount: MethodImpl<PyList | PyTuple> = (self, args, kwargs, site, rt) => {
  const [x] = bindArgs('count', args, kwargs, { names: ['value'], required: 1, positionalOnly: true });
  let n = 0n;
  for (const v of self.items) if (equals(v, x!, site, rt)) n++;
  return n;
};

/** Calls a key function given to sort/min/max/sorted. */
export function keyCaller(key: PyValue | undefined, rt: Runtime): ((v: PyValue) => PyValue) | undefined {
  if (key === undefined || key === null) return undefined;
  return (v) => {
    tick(rt);
    return rt.call(key, [v]);
  };
}

export function sortValues(items: PyValue[], key: PyValue | undefined, reverse: PyValue | undefined, site: CallSite, rt: Runtime): void {
  pySort(
    items,
    (a, b) => {
      tick(rt);
      return lessThan(a, b, site, rt);
    },
    keyCaller(key, rt),
    reverse !== undefined && truthy(reverse, site, rt),
  );
}

function checkGrow(n: number, rt: Runtime): void {
  if (n > rt.limits.maxSequence) throw sizeError('the list', rt.limits.maxSequence);
}

export const LIST_METHODS: ReadonlyMap<string, MethodImpl<PyList>> = new Map<string, MethodImpl<PyList>>([
  [
    'append',
    (self, args, kwargs, _site, rt) => {
      const [x] = bindArgs('append', args, kwargs, { names: ['object'], required: 1, positionalOnly: true });
      checkGrow(self.items.length + 1, rt);
      self.items.push(x!);
      return null;
    },
  ],
  [
    'extend',
    (self, args, kwargs, site, rt) => {
      const [it] = bindArgs('extend', args, kwargs, { names: ['iterable'], required: 1, positionalOnly: true });
      const add = collect(it!, site, rt);
      checkGrow(self.items.length + add.length, rt);
      pushAll(self.items, add);
      return null;
    },
  ],
  [
    'insert',
    (self, args, kwargs, _site, rt) => {
      const [i, x] = bindArgs('insert', args, kwargs, { names: ['index', 'object'], required: 2, positionalOnly: true });
      checkGrow(self.items.length + 1, rt);
      const n = self.items.length;
      let at = index(i, 0);
      if (at < 0) at = Math.max(0, at + n);
      self.items.splice(Math.min(at, n), 0, x!);
      return null;
    },
  ],
  [
    'pop',
    (self, args, kwargs) => {
      const [i] = bindArgs('pop', args, kwargs, { names: ['index'], required: 0, positionalOnly: true });
      if (!self.items.length) throw new DftablesError('DT209', 'pop from empty list');
      let at = index(i, -1);
      if (at < 0) at += self.items.length;
      if (at < 0 || at >= self.items.length) throw new DftablesError('DT209', 'pop index out of range');
      return self.items.splice(at, 1)[0];
    },
  ],
  [
    'remove',
    (self, args, kwargs, site, rt) => {
      const [x] = bindArgs('remove', args, kwargs, { names: ['value'], required: 1, positionalOnly: true });
      const i = self.items.findIndex((v) => equals(v, x!, site, rt));
      if (i < 0) throw new DftablesError('DT208', 'list.remove(x): x not in list');
      self.items.splice(i, 1);
      return null;
    },
  ],
  ['index', seqIndex('list') as MethodImpl<PyList>],
  ['count', seqCount as MethodImpl<PyList>],
  [
    'sort',
    (self, args, kwargs, site, rt) => {
      if (args.length) throw new PyTypeError('sort() takes no positional arguments');
      const [key, reverse] = bindArgs('sort', [], kwargs, { names: ['key', 'reverse'], required: 0 });
      sortValues(self.items, key, reverse, site, rt);
      return null;
    },
  ],
  [
    'reverse',
    (self, args, kwargs) => {
      bindArgs('reverse', args, kwargs, { names: [], required: 0, positionalOnly: true });
      self.items.reverse();
      return null;
    },
  ],
  [
    'copy',
    (self, args, kwargs) => {
      bindArgs('copy', args, kwargs, { names: [], required: 0, positionalOnly: true });
      return new PyList(self.items.slice());
    },
  ],
  [
    'clear',
    (self, args, kwargs) => {
      bindArgs('clear', args, kwargs, { names: [], required: 0, positionalOnly: true });
      self.items.length = 0;
      return null;
    },
  ],
]);

export const TUPLE_METHODS: ReadonlyMap<string, MethodImpl<PyTuple>> = new Map<string, MethodImpl<PyTuple>>([
  ['index', seqIndex('tuple') as MethodImpl<PyTuple>],
  ['count', seqCount as MethodImpl<PyTuple>],
]);

/** `d.keys()`, `d.values()`, `d.items()`: live views of the dict. */
export class DictView extends PyObject {
  readonly typeName: string;
  constructor(
    readonly dict: PyDict,
    readonly kind: 'keys' | 'values' | 'items',
  ) {
    super();
    this.typeName = `dict_${kind}`;
  }
  values(): PyValue[] {
    if (this.kind === 'keys') return this.dict.keys();
    if (this.kind === 'values') return this.dict.values();
    return this.dict.items().map(([k, v]) => new PyTuple([k, v]));
  }
  override iter(): PyValue[] {
    return this.values();
  }
  override len(): number {
    return this.dict.size;
  }
  override truthy(): boolean {
    return this.dict.size > 0;
  }
  override contains(item: PyValue, site: CallSite, rt: Runtime): boolean {
    if (this.kind === 'keys') return this.dict.entries.has(keyOf(item));
    return contains(new PyList(this.values()), item, site, rt);
  }
  override repr(): string {
    return `${this.typeName}(${pyRepr(new PyList(this.values()))})`;
  }
}

/** dict(...) / d.update(...): a mapping, or an iterable of pairs, then keywords. */
export function updateDict(d: PyDict, source: PyValue | undefined, kwargs: Kwargs, site: CallSite, rt: Runtime): void {
  if (source !== undefined) {
    const pairs = mappingItems(source, site, rt);
    if (pairs !== undefined) {
      for (const [k, v] of pairs) d.set(k, v);
    } else {
      let i = 0;
      for (const item of iterate(source, site, rt)) {
        tick(rt);
        let pair: PyValue[];
        if (item instanceof PyList || item instanceof PyTuple) pair = [...item.items];
        else if (typeof item === 'string') pair = Array.from(item);
        else throw new PyTypeError(`cannot convert dictionary update sequence element #${i} to a sequence`);
        if (pair.length !== 2) throw new DftablesError('DT208', `dictionary update sequence element #${i} has length ${pair.length}; 2 is required`);
        keyOf(pair[0]);
        d.set(pair[0], pair[1]);
        i++;
      }
    }
  }
  for (const [k, v] of kwargs) d.set(k, v);
}

function keyError(key: PyValue): DftablesError {
  return new DftablesError('DT209', `KeyError: ${pyRepr(key)}`);
}

export const DICT_METHODS: ReadonlyMap<string, MethodImpl<PyDict>> = new Map<string, MethodImpl<PyDict>>([
  [
    'get',
    (self, args, kwargs) => {
      const [k, d] = bindArgs('get', args, kwargs, { names: ['key', 'default'], required: 1, positionalOnly: true });
      keyOf(k!);
      const v = self.get(k!);
      return v === undefined ? (d === undefined ? null : d) : v;
    },
  ],
  ['keys', (self, args, kwargs) => (bindArgs('keys', args, kwargs, { names: [], required: 0, positionalOnly: true }), new DictView(self, 'keys'))],
  ['values', (self, args, kwargs) => (bindArgs('values', args, kwargs, { names: [], required: 0, positionalOnly: true }), new DictView(self, 'values'))],
  ['items', (self, args, kwargs) => (bindArgs('items', args, kwargs, { names: [], required: 0, positionalOnly: true }), new DictView(self, 'items'))],
  [
    'update',
    (self, args, kwargs, site, rt) => {
      if (args.length > 1) throw new PyTypeError(`update expected at most 1 argument, got ${args.length}`);
      updateDict(self, args[0], kwargs, site, rt);
      return null;
    },
  ],
  [
    'pop',
    (self, args, kwargs) => {
      const [k, d] = bindArgs('pop', args, kwargs, { names: ['key', 'default'], required: 1, positionalOnly: true });
      const h = keyOf(k!);
      const e = self.entries.get(h);
      if (!e) {
        if (d !== undefined) return d;
        throw keyError(k!);
      }
      self.entries.delete(h);
      return e[1];
    },
  ],
  [
    'popitem',
    (self, args, kwargs) => {
      bindArgs('popitem', args, kwargs, { names: [], required: 0, positionalOnly: true });
      const keys = [...self.entries.keys()];
      if (!keys.length) throw new DftablesError('DT209', "KeyError: 'popitem(): dictionary is empty'");
      const h = keys[keys.length - 1];
      const [k, v] = self.entries.get(h)!;
      self.entries.delete(h);
      return new PyTuple([k, v]);
    },
  ],
  [
    'setdefault',
    (self, args, kwargs) => {
      const [k, d] = bindArgs('setdefault', args, kwargs, { names: ['key', 'default'], required: 1, positionalOnly: true });
      keyOf(k!);
      const v = self.get(k!);
      if (v !== undefined) return v;
      const value = d === undefined ? null : d;
      self.set(k!, value);
      return value;
    },
  ],
  [
    'copy',
    (self, args, kwargs) => {
      bindArgs('copy', args, kwargs, { names: [], required: 0, positionalOnly: true });
      return PyDict.from(self.items());
    },
  ],
  [
    'clear',
    (self, args, kwargs) => {
      bindArgs('clear', args, kwargs, { names: [], required: 0, positionalOnly: true });
      self.entries.clear();
      return null;
    },
  ],
]);

export { keyError };
