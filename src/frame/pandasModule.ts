/**
 * The `pd` global: read_csv, DataFrame, Series, merge, concat, isna/notna, to_numeric, unique,
 * and DT212 for the real pandas functions dftables does not implement.
 */
import { DftablesError } from '../errors.js';
import { closest } from '../diagnostics/suggest.js';
import { pyRepr } from '../python/pyStr.js';
import { PyClass, PyList, PyObject, PyTuple, PyTypeError, type CallSite, type Kwargs, type PyValue, type Runtime } from '../python/values.js';
import { bindArgs } from './args.js';
import { NativeFunction, type NativeImpl } from './callable.js';
import type { Column } from './column.js';
import { concatObjects } from './concat.js';
import { frameFromDict, frameFromRecords, newDataFrame, newSeries } from './construct.js';
import { DataFrame } from './dataframe.js';
import { boolCol, cellsOf, floatCol, inferColumn, intCol, isNA, naMask, objCol, takeColumn } from './dtypes.js';
import { valueKey } from './index.js';
import { bindMerge, mergeFrames } from './merge.js';
import { NdArray } from './ndarray.js';
import { PdIndex } from './pdIndex.js';
import { readCsvCall } from './readCsvArgs.js';
import { Series } from './series.js';

/** A pandas class: callable as its constructor, usable with isinstance(). */
export class PandasType extends PyClass {
  constructor(
    name: string,
    module: string,
    private readonly construct: NativeImpl,
    /** Class-level functions (DataFrame.from_dict). */
    private readonly statics: Map<string, NativeImpl> = new Map(),
  ) {
    super(name, module);
  }
  override getAttr(name: string): PyValue {
    const f = this.statics.get(name);
    if (f) return new NativeFunction(name, f, 'function', this.name);
    const guess = closest(name, this.statics.keys());
    throw new DftablesError('DT202', `type object '${this.name}' has no attribute '${name}'` + (guess ? `; did you mean '${guess}'?` : ''));
  }
  override attrNames(): string[] {
    return [...this.statics.keys()];
  }
  override callable(): boolean {
    return true;
  }
  override call(args: PyValue[], kwargs: Kwargs, site: CallSite, rt: Runtime): PyValue {
    return this.construct(args, kwargs, site, rt);
  }
}

/** A module object: named attributes, DT212 for known-unsupported names, DT202 otherwise. */
export class PyModule extends PyObject {
  readonly typeName = 'module';
  constructor(
    readonly name: string,
    private readonly attrs: Map<string, PyValue>,
    private readonly unsupported: Set<string>,
  ) {
    super();
  }
  override getAttr(name: string): PyValue {
    const v = this.attrs.get(name);
    if (v !== undefined) return v;
    if (this.unsupported.has(name)) throw new DftablesError('DT212', `${this.name}.${name} is not supported by dftables`);
    const guess = closest(name, this.attrs.keys());
    throw new DftablesError('DT202', `module '${this.name === 'pd' ? 'pandas' : 'numpy'}' has no attribute '${name}'` + (guess ? `; did you mean '${guess}'?` : ''));
  }
  override attrNames(): string[] {
    return [...this.attrs.keys()];
  }
  override repr(): string {
    return `<module '${this.name === 'pd' ? 'pandas' : 'numpy'}'>`;
  }
}

/** pd.options.display...: display settings never change a table's text, so any path is accepted and ignored. */
class OptionsNamespace extends PyObject {
  readonly typeName = 'DictWrapper';
  constructor(private readonly path: string) {
    super();
  }
  override getAttr(name: string): PyValue {
    return new OptionsNamespace(`${this.path}.${name}`);
  }
  override setAttr(): void {}
  override repr(): string {
    return `<options ${this.path}>`;
  }
}

function fn(name: string, impl: NativeImpl): [string, NativeFunction] {
  return [name, new NativeFunction(name, impl)];
}

/** pd.isna / pd.notna on a scalar, a list, a Series or a DataFrame. */
function isnaValue(v: PyValue, negate: boolean): PyValue {
  const flip = (m: Uint8Array) => (negate ? m.map((x) => 1 - x) : m);
  if (v instanceof Series) return v.withColumn(boolCol(flip(naMask(v.col))));
  if (v instanceof DataFrame) return new DataFrame([...v.names], v.cols.map((c) => boolCol(flip(naMask(c)))), v.index);
  if (v instanceof NdArray || v instanceof PdIndex) return new NdArray(boolCol(flip(naMask(v.col))));
  if (v instanceof PyList || v instanceof PyTuple) return new NdArray(boolCol(flip(naMask(objCol([...v.items])))));
  return isNA(v) !== negate;
}

const NUMERIC_TEXT = /^[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|inf|infinity)$/i;

/** pandas' maybe_convert_numeric on one value: a number, NaN for '' and None, or undefined if unparseable. */
function parseNumeric(v: PyValue): { value: number | bigint | boolean } | undefined {
  if (v === null) return { value: NaN };
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return { value: v };
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  if (t === '') return { value: NaN };
  if (!NUMERIC_TEXT.test(t)) return undefined;
  if (/^[+-]?\d+$/.test(t)) return { value: BigInt(t) };
  const lower = t.toLowerCase();
  if (lower.endsWith('inf') || lower.endsWith('infinity')) return { value: t.startsWith('-') ? -Infinity : Infinity };
  return { value: Number(t) };
}

function toNumericColumn(c: Column, errors: string): Column | undefined {
  if (c.dtype !== 'object') return c;
  const out: PyValue[] = [];
  for (let i = 0; i < c.data.length; i++) {
    const v = c.data[i];
    if (typeof v === 'number' && v !== v) {
      out.push(NaN);
      continue;
    }
    const r = parseNumeric(v);
    if (!r) {
      if (errors === 'coerce') {
        out.push(NaN);
        continue;
      }
      if (errors === 'ignore') return undefined;
      throw new DftablesError('DT208', `Unable to parse string ${JSON.stringify(typeof v === 'string' ? v : pyRepr(v))} at position ${i}`, {
        hint: "Clean the text first, or pass errors='coerce' to get NaN for it.",
      });
    }
    out.push(r.value);
  }
  const col = inferColumn(out);
  if (col.dtype === 'object') {
    // bools mixed with numbers count as the ints 1 and 0, as maybe_convert_numeric does: int64
    // when every value is integral ([True, 0] -> 1, 0), float64 once a float or NaN is there.
    const asInts = inferColumn(out.map((v) => (typeof v === 'boolean' ? (v ? 1n : 0n) : v)));
    if (asInts.dtype !== 'object') return asInts;
    return floatCol(Float64Array.from(out.map((v) => Number(v))));
  }
  return col;
}

function toNumeric(args: PyValue[], kwargs: Kwargs, site: CallSite): PyValue {
  const b = bindArgs({ name: 'to_numeric', positional: ['arg', 'errors', 'downcast'], required: ['arg'] }, args, kwargs, site);
  const arg = b.get('arg')!;
  const errors = b.str('errors', 'raise');
  if (!['raise', 'coerce', 'ignore'].includes(errors)) throw b.invalid('errors', 'invalid error value specified', 'DT208');
  if (b.opt('downcast') !== undefined) throw b.notSupported('downcast');
  if (arg instanceof Series) {
    const c = toNumericColumn(arg.col, errors);
    return c ? arg.withColumn(c) : arg;
  }
  if (arg instanceof NdArray || arg instanceof PyList || arg instanceof PyTuple) {
    const col = arg instanceof NdArray ? arg.col : objCol([...arg.items]);
    const c = toNumericColumn(col, errors);
    return new NdArray(c ?? col);
  }
  if (arg instanceof PyObject) throw new PyTypeError('arg must be a list, tuple, 1-d array, or Series');
  const c = toNumericColumn(objCol([arg]), errors);
  if (!c) return arg;
  const v = cellsOf(c)[0];
  return v;
}

function unique(args: PyValue[], kwargs: Kwargs, site: CallSite, rt: Runtime): PyValue {
  const b = bindArgs({ name: 'unique', positional: ['values'], required: ['values'] }, args, kwargs, site);
  const v = b.get('values')!;
  const col = v instanceof Series || v instanceof NdArray || v instanceof PdIndex ? v.col : v instanceof PyObject ? inferColumn(v.iter(site, rt)) : v instanceof PyList || v instanceof PyTuple ? inferColumn([...v.items]) : undefined;
  if (!col) throw new PyTypeError('unique() needs a list, a Series or an array');
  const seen = new Set<unknown>();
  const idx: number[] = [];
  cellsOf(col).forEach((x, i) => {
    const k = x === null ? 'None' : valueKey(x);
    if (!seen.has(k)) {
      seen.add(k);
      idx.push(i);
    }
  });
  return new NdArray(takeColumn(col, idx));
}

const PD_UNSUPPORTED = new Set([
  'pivot', 'pivot_table', 'melt', 'crosstab', 'cut', 'qcut', 'get_dummies', 'to_datetime', 'to_timedelta', 'date_range', 'Timestamp',
  'Timedelta', 'Period', 'read_excel', 'read_json', 'read_html', 'read_table', 'read_parquet', 'read_sql', 'read_clipboard',
  'read_fwf', 'read_pickle', 'eval', 'factorize', 'MultiIndex', 'Categorical', 'CategoricalDtype', 'Grouper', 'NamedAgg', 'IndexSlice',
  'merge_asof', 'merge_ordered', 'wide_to_long', 'json_normalize', 'interval_range', 'api', 'plotting', 'testing', 'io', 'NaT',
  'ExcelWriter', 'option_context', 'describe_option', 'reset_option', 'array', 'StringDtype', 'Int64Dtype', 'Float64Dtype', 'BooleanDtype',
]);

export function createPandasModule(): PyObject {
  const attrs = new Map<string, PyValue>([
    fn('read_csv', readCsvCall),
    ['DataFrame', new PandasType('DataFrame', 'pandas.core.frame', newDataFrame, new Map([['from_dict', frameFromDict], ['from_records', frameFromRecords]]))],
    ['Series', new PandasType('Series', 'pandas.core.series', newSeries)],
    [
      'Index',
      new PandasType('Index', 'pandas.core.indexes.base', (args, kwargs, site, rt) => {
        const b = bindArgs({ name: 'Index', positional: ['data', 'dtype', 'copy', 'name'] }, args, kwargs, site);
        const d = b.get('data') ?? new PyList([]);
        const labels = d instanceof PyList || d instanceof PyTuple ? [...d.items] : d instanceof PyObject ? d.iter(site, rt) : [d];
        return PdIndex.ofLabels(labels, b.get('name') ?? null);
      }),
    ],
    fn('merge', (args, kwargs, site, rt) => {
      const b = bindMerge(args, kwargs, site, false);
      const left = b.get('left');
      const right = b.get('right');
      const asFrame = (v: PyValue | undefined, which: string): DataFrame => {
        if (v instanceof DataFrame) return v;
        if (v instanceof Series && v.name !== null) return new DataFrame([v.name], [v.col], v.index);
        throw new PyTypeError(`Can only merge Series or DataFrame objects, a ${v instanceof PyObject ? v.typeName : typeof v} was passed`, `${which} must be a DataFrame.`);
      };
      return mergeFrames(asFrame(left, 'left'), asFrame(right, 'right'), b, site, rt);
    }),
    fn('concat', concatObjects),
    fn('isna', (args, kwargs, site) => isnaValue(bindArgs({ name: 'isna', positional: ['obj'], required: ['obj'] }, args, kwargs, site).get('obj')!, false)),
    fn('isnull', (args, kwargs, site) => isnaValue(bindArgs({ name: 'isnull', positional: ['obj'], required: ['obj'] }, args, kwargs, site).get('obj')!, false)),
    fn('notna', (args, kwargs, site) => isnaValue(bindArgs({ name: 'notna', positional: ['obj'], required: ['obj'] }, args, kwargs, site).get('obj')!, true)),
    fn('notnull', (args, kwargs, site) => isnaValue(bindArgs({ name: 'notnull', positional: ['obj'], required: ['obj'] }, args, kwargs, site).get('obj')!, true)),
    fn('to_numeric', toNumeric),
    fn('unique', unique),
    // Display options do not change a table's text: accepted and ignored.
    fn('set_option', () => null),
    fn('get_option', () => null),
    ['options', new OptionsNamespace('options')],
    ['NA', null],
    ['__version__', '1.5.3'],
  ]);
  return new PyModule('pd', attrs, PD_UNSUPPORTED);
}

export { intCol };
