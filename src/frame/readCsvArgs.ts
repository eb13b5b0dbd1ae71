/**
 * pd.read_csv's Python keywords onto ReadCsvOptions (csvRead.ts), and the frame built from the
 * result. The file itself comes from the runtime (rt.readDataFile), which enforces the docs root.
 */
import { DftablesError } from '../errors.js';
import { pyRepr } from '../python/pyStr.js';
import { PyDict, PyList, PyObject, PyTuple, PyTypeError, typeName, type CallSite, type Kwargs, type PyValue, type Runtime } from '../python/values.js';
import { bindArgs, type BoundArgs } from './args.js';
import type { Label } from './column.js';
import { readCsv, type DTypeSpec, type NaValue, type ReadCsvOptions } from './csvRead.js';
import { DataFrame } from './dataframe.js';
import { RowIndex } from './index.js';
import { adoptIntColumn } from './dtypes.js';

const READ_CSV_SIGNATURE = {
  name: 'read_csv',
  // pandas 1.5.3 still accepts sep (and the rest, with a FutureWarning) by position.
  positional: ['filepath_or_buffer', 'sep'],
  keywordOnly: [
    'delimiter', 'header', 'names', 'index_col', 'usecols', 'dtype', 'engine', 'true_values', 'false_values',
    'skipinitialspace', 'skiprows', 'skipfooter', 'nrows', 'na_values', 'keep_default_na', 'na_filter', 'verbose',
    'skip_blank_lines', 'thousands', 'decimal', 'lineterminator', 'quotechar', 'quoting', 'doublequote', 'escapechar',
    'comment', 'encoding', 'encoding_errors', 'on_bad_lines', 'delim_whitespace', 'low_memory', 'memory_map', 'float_precision',
    'squeeze', 'prefix', 'mangle_dupe_cols', 'error_bad_lines', 'warn_bad_lines',
  ],
  required: ['filepath_or_buffer'],
  unsupported: ['converters', 'parse_dates', 'infer_datetime_format', 'keep_date_col', 'date_parser', 'dayfirst', 'cache_dates', 'iterator', 'chunksize', 'compression', 'dialect', 'storage_options'],
};

function str(b: BoundArgs, name: string): string | undefined {
  const v = b.get(name);
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw b.invalid(name, `read_csv(${name}=...) must be a str, not ${typeName(v)}`);
  return v;
}

function intArg(b: BoundArgs, name: string): number | undefined {
  const v = b.get(name);
  if (v === undefined || v === null) return undefined;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw b.invalid(name, `'${name}' must be an integer >=0`, 'DT208');
}

function strList(b: BoundArgs, name: string): string[] | undefined {
  const v = b.get(name);
  if (v === undefined || v === null) return undefined;
  const items = v instanceof PyList || v instanceof PyTuple ? v.items : [v];
  return items.map((x) => (typeof x === 'string' ? x : pyRepr(x)));
}

/** A dtype given as a Python value: str, float, int, bool, 'str', 'float64', np.int64 ... */
function dtypeSpec(v: PyValue, b: BoundArgs): DTypeSpec {
  if (typeof v === 'string') return v as DTypeSpec;
  if (v instanceof PyObject) {
    const m = /^<class '(?:numpy\.)?(\w+)'>$/.exec(v.repr());
    if (m) {
      const n = m[1];
      if (n === 'str' || n === 'str_') return 'str';
      if (n === 'object' || n === 'object_') return 'object';
      if (n === 'bool_') return 'bool';
      return n as DTypeSpec;
    }
  }
  throw b.invalid('dtype', `data type ${pyRepr(v)} not understood`);
}

function naValue(v: PyValue, b: BoundArgs): NaValue {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return v;
  throw b.invalid('na_values', `na_values entries must be strings or numbers, not ${typeName(v)}`);
}

function naValues(v: PyValue, b: BoundArgs): NaValue[] | Map<Label, NaValue[]> {
  if (v instanceof PyDict) {
    return new Map(v.items().map(([k, vals]) => [k, (vals instanceof PyList || vals instanceof PyTuple ? [...vals.items] : [vals]).map((x) => naValue(x, b))]));
  }
  const items = v instanceof PyList || v instanceof PyTuple ? [...v.items] : [v];
  return items.map((x) => naValue(x, b));
}

/** `iterate` lists the items of a list-like Python object (a range or a set given as skiprows). */
export function readCsvOptions(b: BoundArgs, iterate?: (v: PyObject) => PyValue[]): ReadCsvOptions {
  const o: ReadCsvOptions = {};
  o.sep = str(b, 'sep');
  o.delimiter = str(b, 'delimiter');
  if (b.has('delim_whitespace')) o.delimWhitespace = b.bool('delim_whitespace', false);
  const header = b.get('header');
  if (header !== undefined) {
    if (header === null) o.header = null;
    else if (header === 'infer') o.header = 'infer';
    else if (typeof header === 'bigint') o.header = Number(header);
    else if (header instanceof PyList) throw b.notSupported('header', 'a list (multi-row header)');
    else throw b.invalid('header', 'header must be integer or list of integers', 'DT208');
  }
  const names = b.get('names');
  if (names !== undefined && names !== null) {
    if (!(names instanceof PyList || names instanceof PyTuple)) throw b.invalid('names', 'Names should be an ordered collection.', 'DT208');
    o.names = [...names.items];
  }
  const idx = b.get('index_col');
  if (idx !== undefined) {
    if (idx === null || idx === false) o.indexCol = idx;
    else if (typeof idx === 'bigint') o.indexCol = Number(idx);
    else if (typeof idx === 'string') o.indexCol = idx;
    else if (idx instanceof PyList || idx instanceof PyTuple) o.indexCol = idx.items.map((x) => (typeof x === 'bigint' ? Number(x) : String(x)));
    else if (idx === true) o.indexCol = true as unknown as number;
    else throw b.invalid('index_col', `index_col must be an int, a column name or a list`, 'DT208');
  }
  const usecols = b.get('usecols');
  if (usecols !== undefined && usecols !== null) {
    if (usecols instanceof PyObject && usecols.callable()) throw b.notSupported('usecols', 'a function');
    if (!(usecols instanceof PyList || usecols instanceof PyTuple)) {
      throw b.invalid('usecols', "'usecols' must either be list-like of all strings, all unicode, all integers or a callable.", 'DT208');
    }
    o.usecols = usecols.items.map((x) => {
      if (typeof x === 'string' || typeof x === 'bigint') return x;
      throw b.invalid('usecols', "'usecols' must either be list-like of all strings, all unicode, all integers or a callable.", 'DT208');
    });
  }
  const dtype = b.get('dtype');
  if (dtype !== undefined && dtype !== null) {
    o.dtype = dtype instanceof PyDict ? new Map(dtype.items().map(([k, v]) => [k, dtypeSpec(v, b)])) : dtypeSpec(dtype, b);
  }
  const skiprows = b.get('skiprows');
  if (skiprows !== undefined && skiprows !== null) {
    if (typeof skiprows === 'bigint') o.skiprows = Number(skiprows);
    else if (skiprows instanceof PyObject && skiprows.callable()) throw b.notSupported('skiprows', 'a function');
    else if (skiprows instanceof PyList || skiprows instanceof PyTuple || (skiprows instanceof PyObject && iterate)) {
      // Any list-like of row numbers (a list, a range, a set): pandas skips each of them.
      const items = skiprows instanceof PyList || skiprows instanceof PyTuple ? skiprows.items : iterate!(skiprows);
      o.skiprows = items.map((x) => {
        // A row number compares equal as int, numpy int or whole float (1.0 skips row 1 too).
        if (typeof x !== 'bigint' && !(typeof x === 'number' && Number.isInteger(x))) throw b.invalid('skiprows', 'skiprows must be an int or a list of ints', 'DT208');
        return Number(x);
      });
    } else throw b.invalid('skiprows', 'skiprows must be an int or a list of ints', 'DT208');
  }
  o.skipfooter = intArg(b, 'skipfooter');
  o.nrows = intArg(b, 'nrows');
  const na = b.get('na_values');
  if (na !== undefined && na !== null) o.naValues = naValues(na, b);
  if (b.has('keep_default_na')) o.keepDefaultNa = b.bool('keep_default_na', true);
  if (b.has('na_filter')) o.naFilter = b.bool('na_filter', true);
  if (b.has('skip_blank_lines')) o.skipBlankLines = b.bool('skip_blank_lines', true);
  if (b.has('skipinitialspace')) o.skipinitialspace = b.bool('skipinitialspace', false);
  o.thousands = str(b, 'thousands');
  o.decimal = str(b, 'decimal');
  o.comment = str(b, 'comment');
  o.quotechar = str(b, 'quotechar');
  o.escapechar = str(b, 'escapechar');
  o.lineterminator = str(b, 'lineterminator');
  if (b.has('quoting')) o.quoting = intArg(b, 'quoting');
  if (b.has('doublequote')) o.doublequote = b.bool('doublequote', true);
  o.trueValues = strList(b, 'true_values');
  o.falseValues = strList(b, 'false_values');
  o.encoding = str(b, 'encoding');
  const bad = str(b, 'on_bad_lines');
  if (bad !== undefined) {
    if (bad !== 'error' && bad !== 'warn' && bad !== 'skip') throw b.invalid('on_bad_lines', `Argument ${bad} is invalid for on_bad_lines`, 'DT208');
    o.onBadLines = bad;
  }
  if (b.get('error_bad_lines') === false) o.onBadLines = b.get('warn_bad_lines') === false ? 'skip' : 'warn';
  const engine = str(b, 'engine');
  if (engine !== undefined && engine !== 'c' && engine !== 'python' && engine !== 'pyarrow') {
    throw b.invalid('engine', `Unknown engine: ${engine} (valid options are "c", "python", or "pyarrow")`, 'DT208');
  }
  if (b.get('squeeze') === true) throw b.notSupported('squeeze', 'True');
  if (b.opt('prefix') !== undefined) throw b.notSupported('prefix');
  for (const k of Object.keys(o) as (keyof ReadCsvOptions)[]) if (o[k] === undefined) delete o[k];
  return o;
}

export function readCsvCall(args: PyValue[], kwargs: Kwargs, site: CallSite, rt: Runtime): DataFrame {
  const b = bindArgs(READ_CSV_SIGNATURE, args, kwargs, site);
  const path = b.get('filepath_or_buffer');
  if (typeof path !== 'string') {
    throw new PyTypeError(`read_csv() needs a file name, not ${typeName(path ?? null)}`, "Pass the CSV's path relative to the page: pd.read_csv('data.csv').");
  }
  const opts = readCsvOptions(b, (v) => v.iter(site, rt));
  const { text, resolved } = rt.readDataFile(path, site);
  let result;
  try {
    result = readCsv(text, opts, resolved);
  } catch (e) {
    if (e instanceof DftablesError) {
      // Parse errors name the file and line; keep them at the read_csv call in the page.
      throw e.at(site.argPos[0] ?? site.pos);
    }
    throw e;
  }
  const n = result.columns.length ? result.columns[0].data.length : result.index?.columns[0]?.data.length ?? 0;
  if (n * Math.max(1, result.columns.length) > rt.limits.maxCells) {
    throw new DftablesError('DT305', `${path} has ${n} rows x ${result.columns.length} columns, more than the limit of ${rt.limits.maxCells} cells`);
  }
  const index = result.index && result.index.columns.length ? RowIndex.fromLevels(result.index.columns, result.index.names) : RowIndex.range(n);
  return new DataFrame(result.names, result.columns.map(adoptIntColumn), index);
}
