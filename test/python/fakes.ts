/**
 * Minimal pandas look-alikes that speak the PyObject protocol, to test the interpreter's side of
 * it: operator dispatch, reflected operations, call sites and their positions, rt.call.
 */
import { DftablesError } from '../../src/errors.js';
import { closest } from '../../src/diagnostics/suggest.js';
import { evalQuery, queryLocal } from '../../src/python/query.js';
import {
  NotImplemented,
  PyList,
  PyObject,
  PyTuple,
  PyTypeError,
  attributeError,
  type BinaryOperator,
  type CallSite,
  type CompareOperator,
  type Kwargs,
  type MaybeValue,
  type PyValue,
  type Runtime,
  type UnaryOperator,
} from '../../src/python/values.js';

type Cell = number | string | boolean | null;

function num(v: PyValue): number {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  throw new PyTypeError(`unsupported operand: ${String(v)}`);
}

function cell(v: PyValue): Cell {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v === null) return v;
  throw new PyTypeError('cannot store that in a FakeSeries');
}

export class FakeMethod extends PyObject {
  readonly typeName = 'method';
  constructor(
    readonly name: string,
    private readonly impl: (args: PyValue[], kwargs: Kwargs, site: CallSite, rt: Runtime) => PyValue,
  ) {
    super();
  }
  override callable(): boolean {
    return true;
  }
  override call(args: PyValue[], kwargs: Kwargs, site: CallSite, rt: Runtime): PyValue {
    return this.impl(args, kwargs, site, rt);
  }
}

/** Records every protocol call it receives, for dispatch tests. */
export const calls: string[] = [];

export class FakeSeries extends PyObject {
  readonly typeName = 'Series';
  constructor(readonly values: Cell[]) {
    super();
  }

  private zip(other: PyValue, f: (a: Cell, b: Cell) => Cell): FakeSeries {
    if (other instanceof FakeSeries) return new FakeSeries(this.values.map((a, i) => f(a, other.values[i])));
    const b = cell(other);
    return new FakeSeries(this.values.map((a) => f(a, b)));
  }

  override binaryOp(op: BinaryOperator, other: PyValue, reflected: boolean): MaybeValue {
    calls.push(`binaryOp ${op} ${reflected ? 'reflected' : 'direct'}`);
    if (typeof other === 'string' && op !== '+') return NotImplemented;
    const f = (a: Cell, b: Cell): Cell => {
      const [x, y] = reflected ? [b, a] : [a, b];
      switch (op) {
        case '+':
          return typeof x === 'string' || typeof y === 'string' ? String(x) + String(y) : num(x as number) + num(y as number);
        case '-':
          return num(x as number) - num(y as number);
        case '*':
          return num(x as number) * num(y as number);
        case '/':
          return num(x as number) / num(y as number);
        case '&':
          return Boolean(x) && Boolean(y);
        case '|':
          return Boolean(x) || Boolean(y);
        default:
          throw new DftablesError('DT212', `operator ${op} is not supported by FakeSeries`);
      }
    };
    return this.zip(other, f);
  }

  override compare(op: CompareOperator, other: PyValue): MaybeValue {
    calls.push(`compare ${op}`);
    return this.zip(other, (a, b) => {
      switch (op) {
        case '==':
          return a === b;
        case '!=':
          return a !== b;
        case '<':
          return (a as number) < (b as number);
        case '<=':
          return (a as number) <= (b as number);
        case '>':
          return (a as number) > (b as number);
        case '>=':
          return (a as number) >= (b as number);
      }
    });
  }

  override unaryOp(op: UnaryOperator): PyValue {
    calls.push(`unaryOp ${op}`);
    if (op === '~') return new FakeSeries(this.values.map((v) => !v));
    if (op === '-') return new FakeSeries(this.values.map((v) => -num(v as number)));
    return this;
  }

  override truthy(): boolean {
    throw new DftablesError('DT204', 'The truth value of a Series is ambiguous. Use a.empty, a.bool(), a.item(), a.any() or a.all().');
  }

  override len(): number {
    return this.values.length;
  }

  override iter(): PyValue[] {
    return this.values.map((v) => (typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : v));
  }

  override contains(item: PyValue): boolean {
    // pandas: `x in series` looks at the index (0..n-1 here).
    return typeof item === 'bigint' && item >= 0n && item < BigInt(this.values.length);
  }

  override attrNames(): string[] {
    return ['map', 'isin', 'sum', 'abs', 'round', 'explode'];
  }

  override getAttr(name: string, _site: CallSite, rt: Runtime): PyValue {
    switch (name) {
      case 'map':
        return new FakeMethod('map', (args) => new FakeSeries(this.values.map((v) => cell(rt.call(args[0], [typeof v === 'number' && Number.isInteger(v) ? BigInt(v) : v])))));
      case 'isin':
        return new FakeMethod('isin', (args) => {
          calls.push('isin');
          const set = args[0] instanceof PyList || args[0] instanceof PyTuple ? args[0].items.map(cell) : (args[0] as FakeSeries).values;
          return new FakeSeries(this.values.map((v) => set.includes(v)));
        });
      case 'sum':
        return new FakeMethod('sum', () => this.values.reduce<number>((a, b) => a + num(b as number), 0));
      case 'abs':
        return new FakeMethod('abs', () => new FakeSeries(this.values.map((v) => Math.abs(num(v as number)))));
      case 'round':
        return new FakeMethod('round', (args) => new FakeSeries(this.values.map((v) => Number(num(v as number).toFixed(args.length ? num(args[0]) : 0)))));
      case 'explode':
        // A bug on purpose: a JS exception escaping from foreign code.
        return new FakeMethod('explode', () => {
          (undefined as unknown as { x: number }).x;
          return null;
        });
    }
    throw attributeError('Series', name, this.attrNames());
  }

  override repr(): string {
    return `FakeSeries(${JSON.stringify(this.values)})`;
  }
}

class FakeLoc extends PyObject {
  readonly typeName = '_LocIndexer';
  constructor(private readonly frame: FakeFrame) {
    super();
  }
  override setItem(key: PyValue, value: PyValue, site: CallSite): void {
    if (!(key instanceof PyTuple) || key.items.length !== 2) throw new DftablesError('DT212', 'loc needs [rows, column]');
    const [mask, col] = key.items;
    if (!(mask instanceof FakeSeries)) throw new DftablesError('DT212', 'rows must be a mask');
    const name = col as string;
    const cur = this.frame.columns.get(name);
    if (!cur) throw new DftablesError('DT201', `column '${name}' not found`, { pos: site.locate(name, 0) });
    this.frame.columns.set(name, new FakeSeries(cur.values.map((v, i) => (mask.values[i] ? cell(value) : v))));
  }
}

export class FakeFrame extends PyObject {
  readonly typeName = 'DataFrame';
  readonly columns: Map<string, FakeSeries>;
  constructor(cols: Record<string, Cell[]>) {
    super();
    this.columns = new Map(Object.entries(cols).map(([k, v]) => [k, new FakeSeries(v)]));
  }

  private column(name: PyValue, site: CallSite, locateArg: number): FakeSeries {
    const c = typeof name === 'string' ? this.columns.get(name) : undefined;
    if (!c) {
      const guess = typeof name === 'string' ? closest(name, this.columns.keys()) : undefined;
      // Thrown with the position of the offending string inside the key (df[['a', 'bad']]).
      throw new DftablesError('DT201', `column '${String(name)}' not found` + (guess ? `; did you mean '${guess}'?` : ''), { pos: site.locate(name, locateArg) });
    }
    return c;
  }

  override getItem(key: PyValue, site: CallSite): PyValue {
    if (key instanceof FakeSeries) {
      const cols: Record<string, Cell[]> = {};
      for (const [k, s] of this.columns) cols[k] = s.values.filter((_, i) => key.values[i]);
      return new FakeFrame(cols);
    }
    if (key instanceof PyList) {
      const cols: Record<string, Cell[]> = {};
      for (const k of key.items) cols[k as string] = this.column(k, site, 0).values;
      return new FakeFrame(cols);
    }
    return this.column(key, site, 0);
  }

  override setItem(key: PyValue, value: PyValue): void {
    if (typeof key !== 'string') throw new DftablesError('DT212', 'column keys are strings');
    const n = this.columns.values().next().value?.values.length ?? 0;
    this.columns.set(key, value instanceof FakeSeries ? value : new FakeSeries(Array.from({ length: n }, () => cell(value))));
  }

  override len(): number {
    return this.columns.values().next().value?.values.length ?? 0;
  }

  override iter(): PyValue[] {
    return [...this.columns.keys()];
  }

  override attrNames(): string[] {
    return ['loc', 'query', 'sort_values'];
  }

  override getAttr(name: string, _site: CallSite, rt: Runtime): PyValue {
    if (name === 'loc') return new FakeLoc(this);
    if (name === 'query') {
      return new FakeMethod('query', (args, _kw, site) => {
        const mask = evalQuery(
          args[0] as string,
          (n, isLocal, pos) => {
            if (isLocal) return queryLocal(rt, n, pos);
            const c = this.columns.get(n);
            if (!c) throw new DftablesError('DT201', `column '${n}' not found`, { pos });
            return c;
          },
          rt,
          site.argPos[0],
        );
        return this.getItem(mask, site);
      });
    }
    if (name === 'sort_values') {
      return new FakeMethod('sort_values', (_args, kwargs, site) => {
        for (const k of kwargs.keys()) {
          if (k !== 'by' && k !== 'ascending') throw new DftablesError('DT203', `sort_values() got an unexpected keyword argument '${k}'`, { pos: site.kwPos.get(k) });
        }
        return this;
      });
    }
    throw attributeError('DataFrame', name, this.attrNames());
  }
}
