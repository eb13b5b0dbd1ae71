/**
 * Iteration over Python values, lazily where Python is lazy: `range` objects and iterators
 * (zip, enumerate, map, generator expressions) yield one value at a time, so
 * `for i in range(10**8)` runs into the time limit rather than allocating. Materialising
 * (list(), sorted()) is bounded by the size limit.
 */
import { DftablesError } from '../errors.js';
import { NotImplemented, PyDict, PyList, PyObject, PySlice, PyTuple, PyTypeError, typeName, type CallSite, type CompareOperator, type MaybeValue, type PyValue, type Runtime } from './values.js';

let ticks = 0;

/** Counts a step of work; checks the deadline every 1024 steps. */
export function tick(rt: Runtime): void {
  if ((++ticks & 1023) === 0) rt.checkDeadline();
}

export function sizeError(what: string, limit: number): DftablesError {
  const unit = what === 'the string' ? 'characters' : 'items';
  return new DftablesError('DT305', `${what} would have more than ${limit.toLocaleString('en-US')} ${unit} (the size limit)`);
}

/** `range(start, stop, step)`: never materialised unless asked. */
export class PyRange extends PyObject {
  readonly typeName = 'range';
  readonly length: bigint;
  constructor(
    readonly start: bigint,
    readonly stop: bigint,
    readonly step: bigint,
  ) {
    super();
    const span = step > 0n ? stop - start : start - stop;
    const s = step > 0n ? step : -step;
    this.length = span <= 0n ? 0n : (span + s - 1n) / s;
  }
  at(i: bigint): bigint {
    return this.start + i * this.step;
  }
  *values(): Generator<bigint> {
    for (let i = 0n; i < this.length; i++) yield this.at(i);
  }
  override len(): number {
    return Number(this.length);
  }
  override truthy(): boolean {
    return this.length > 0n;
  }
  override iter(site: CallSite, rt: Runtime): PyValue[] {
    return collect(this, site, rt);
  }
  override contains(item: PyValue): boolean {
    let v: bigint;
    if (typeof item === 'bigint') v = item;
    else if (typeof item === 'boolean') v = item ? 1n : 0n;
    else if (typeof item === 'number' && Number.isInteger(item)) v = BigInt(item);
    else return false;
    if (this.step > 0n ? v < this.start || v >= this.stop : v > this.start || v <= this.stop) return false;
    return (v - this.start) % this.step === 0n;
  }
  override getItem(key: PyValue): PyValue {
    if (key instanceof PySlice) {
      const [start, stop, step] = sliceIndices(key, this.length);
      return new PyRange(this.at(start), this.at(stop), this.step * step);
    }
    const i = indexValue(key, 'range object');
    const j = i < 0n ? i + this.length : i;
    if (j < 0n || j >= this.length) throw new DftablesError('DT209', 'range object index out of range');
    return this.at(j);
  }
  override compare(op: CompareOperator, other: PyValue): MaybeValue {
    if (op !== '==' && op !== '!=') return NotImplemented;
    let eq = other === this;
    if (other instanceof PyRange) {
      eq = this.length === other.length && (this.length === 0n || (this.start === other.start && (this.length === 1n || this.step === other.step)));
    }
    return op === '==' ? eq : !eq;
  }
  override repr(): string {
    return this.step === 1n ? `range(${this.start}, ${this.stop})` : `range(${this.start}, ${this.stop}, ${this.step})`;
  }
}

/** A one-pass iterator: zip, enumerate, map, filter, reversed, generator expressions. */
export class PyIterator extends PyObject {
  constructor(
    readonly typeName: string,
    private readonly source: Iterator<PyValue>,
  ) {
    super();
  }
  next(): IteratorResult<PyValue> {
    return this.source.next();
  }
  override iter(site: CallSite, rt: Runtime): PyValue[] {
    return collect(this, site, rt);
  }
  override repr(): string {
    return `<${this.typeName} object>`;
  }
}

/** A list, tuple or str index: int or bool, else Python's TypeError. */
export function indexValue(key: PyValue, what: string): bigint {
  if (typeof key === 'bigint') return key;
  if (typeof key === 'boolean') return key ? 1n : 0n;
  throw new PyTypeError(`${what} indices must be integers or slices, not ${typeName(key)}`);
}

function sliceInt(v: PyValue): bigint | null {
  if (v === null) return null;
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  throw new PyTypeError('slice indices must be integers or None or have an __index__ method');
}

/** PySlice_GetIndicesEx: [start, stop, step, count] for a sequence of `length` items. */
export function sliceIndices(s: PySlice, length: bigint): [bigint, bigint, bigint, bigint] {
  const stepV = sliceInt(s.step);
  const step = stepV === null ? 1n : stepV;
  if (step === 0n) throw new DftablesError('DT208', 'slice step cannot be zero');
  const clamp = (v: bigint | null, dflt: bigint): bigint => {
    if (v === null) return dflt;
    if (v < 0n) {
      v += length;
      if (v < 0n) v = step < 0n ? -1n : 0n;
    } else if (v >= length) {
      v = step < 0n ? length - 1n : length;
    }
    return v;
  };
  const start = clamp(sliceInt(s.start), step < 0n ? length - 1n : 0n);
  const stop = clamp(sliceInt(s.stop), step < 0n ? -1n : length);
  let count = 0n;
  if (step < 0n) {
    if (stop < start) count = (start - stop - 1n) / -step + 1n;
  } else if (start < stop) {
    count = (stop - start - 1n) / step + 1n;
  }
  return [start, stop, step, count];
}

/** Items of a sequence picked by a slice. */
export function sliceItems<T>(items: readonly T[], s: PySlice): T[] {
  const [start, , step, count] = sliceIndices(s, BigInt(items.length));
  if (step === 1n) return items.slice(Number(start), Number(start + count));
  const out: T[] = [];
  const st = Number(step);
  for (let i = 0, j = Number(start); i < Number(count); i++, j += st) out.push(items[j]);
  return out;
}

/** target.push(...items) without spreading: a spread of millions of arguments overflows the JS stack. */
export function pushAll<T>(target: T[], items: readonly T[]): void {
  for (let i = 0; i < items.length; i++) target.push(items[i]);
}

/** Characters of a str by code point (Python indexes code points, JS strings UTF-16 units). */
export function codePoints(s: string): string[] {
  return /[\ud800-\udfff]/.test(s) ? Array.from(s) : s.split('');
}

export function strLength(s: string): number {
  return /[\ud800-\udfff]/.test(s) ? Array.from(s).length : s.length;
}

/** A JS iterator over any iterable Python value. */
export function* iterate(v: PyValue, site: CallSite, rt: Runtime): Generator<PyValue> {
  if (v instanceof PyList) {
    // Python iterates a list live: items appended during the loop are visited.
    for (let i = 0; i < v.items.length; i++) yield v.items[i];
    return;
  }
  if (v instanceof PyTuple) {
    yield* v.items;
    return;
  }
  if (typeof v === 'string') {
    yield* v;
    return;
  }
  if (v instanceof PyDict) {
    yield* v.keys();
    return;
  }
  if (v instanceof PyRange) {
    yield* v.values();
    return;
  }
  if (v instanceof PyIterator) {
    for (;;) {
      const r = v.next();
      if (r.done) return;
      yield r.value;
    }
  }
  if (v instanceof PyObject) {
    const own = (v as { values?: () => Iterable<PyValue> }).values;
    if (v.typeName === 'set' && typeof own === 'function') {
      yield* own.call(v);
      return;
    }
    yield* v.iter(site, rt);
    return;
  }
  throw new PyTypeError(`'${typeName(v)}' object is not iterable`);
}

/** All items of an iterable, refusing more than the size limit before building them. */
export function collect(v: PyValue, site: CallSite, rt: Runtime): PyValue[] {
  if (v instanceof PyList) return v.items.slice();
  if (v instanceof PyTuple) return v.items.slice();
  const max = rt.limits.maxSequence;
  if (v instanceof PyRange && v.length > BigInt(max)) throw sizeError('the list', max);
  if (typeof v === 'string' && v.length > max) throw sizeError('the list', max);
  const out: PyValue[] = [];
  for (const x of iterate(v, site, rt)) {
    if (out.length >= max) throw sizeError('the list', max);
    tick(rt);
    out.push(x);
  }
  return out;
}
