/**
 * pd.read_csv with the C engine, as pandas 1.5.3 runs it: TextReader._get_header (header row,
 * 'Unnamed: n', duplicate mangling 'a.1', implicit index columns), _convert_column_data
 * (usecols, dtype, NA values, per-column inference) and CParserWrapper.read (usecols
 * validation, index_col). Tokenizing is in csvTokenize.ts, cell conversion in csvConvert.ts.
 *
 * Supported keywords are those of ReadCsvOptions; anything else is the interpreter's to refuse
 * (DT212). Known gaps: regex separators and sep=None (pandas' python engine), callables for
 * usecols/skiprows, converters, parse_dates, multi-row headers, 'category'/'Int64'/'float32'
 * dtypes, and chunked type inference of files over ~130k rows (low_memory).
 */
import { DftablesError } from '../errors.js';
import { hashKey, PyList, type PyValue } from '../python/values.js';
import { pyRepr } from '../python/pyStr.js';
import type { Column, Label } from './column.js';
import { createTokenizer } from './csvTokenize.js';
import { convertColumn, emptyColumn, type ConvertContext, type ConvTarget } from './csvConvert.js';
import { DEFAULT_NA_VALUES, naConfig, naFor, type NaValue } from './csvNa.js';
import { dedupNames, mangleHeader } from './csvNames.js';

export { DEFAULT_NA_VALUES, type NaValue };

/** dtype names read_csv accepts here (Python's str/float/int/bool map to 'str'/'float'/'int'/'bool'). */
export type DTypeSpec =
  | 'str'
  | 'object'
  | 'string'
  | 'float'
  | 'float64'
  | 'int'
  | 'int64'
  | 'int32'
  | 'int16'
  | 'int8'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'bool';


export interface ReadCsvOptions {
  /** One character, or '\s+' (whitespace runs). `delimiter` is an alias. */
  sep?: string;
  delimiter?: string;
  delimWhitespace?: boolean;
  /** 'infer' (default): 0 without names, none with names. */
  header?: number | null | 'infer';
  names?: Label[];
  /** Column names or positions; the result keeps file order. */
  usecols?: (string | number | bigint)[];
  /** One dtype for all columns, or per column (by name or position). */
  dtype?: DTypeSpec | Map<Label, DTypeSpec>;
  /** First n file lines, or these 0-based file lines. */
  skiprows?: number | number[];
  skipfooter?: number;
  nrows?: number;
  comment?: string;
  naValues?: NaValue[] | Map<Label, NaValue[]>;
  keepDefaultNa?: boolean;
  naFilter?: boolean;
  thousands?: string;
  decimal?: string;
  trueValues?: string[];
  falseValues?: string[];
  skipBlankLines?: boolean;
  skipinitialspace?: boolean;
  quotechar?: string;
  /** csv.QUOTE_MINIMAL (0), QUOTE_ALL (1), QUOTE_NONNUMERIC (2), QUOTE_NONE (3). */
  quoting?: number;
  doublequote?: boolean;
  escapechar?: string;
  lineterminator?: string;
  indexCol?: number | string | false | null | (number | string)[];
  onBadLines?: 'error' | 'warn' | 'skip';
  /** Accepted for compatibility; the text is already decoded. */
  encoding?: string;
}

export interface ReadCsvResult {
  names: Label[];
  columns: Column[];
  /** Columns that became the row index (index_col, or an implicit index); to_csv(index=False) drops them. */
  index?: { names: Label[]; columns: Column[] };
  /** Lines skipped with on_bad_lines='warn'. */
  warnings?: string[];
}

function valueError(message: string): DftablesError {
  return new DftablesError('DT208', message);
}

function unsupported(message: string): DftablesError {
  return new DftablesError('DT212', message);
}

const DTYPES: Record<DTypeSpec, { target: ConvTarget; name: string }> = {
  str: { target: 'object', name: 'object' },
  object: { target: 'object', name: 'object' },
  string: { target: 'object', name: 'string' },
  float: { target: 'float64', name: 'float64' },
  float64: { target: 'float64', name: 'float64' },
  int: { target: 'int64', name: 'int64' },
  int64: { target: 'int64', name: 'int64' },
  int32: { target: 'int64', name: 'int32' },
  int16: { target: 'int64', name: 'int16' },
  int8: { target: 'int64', name: 'int8' },
  uint8: { target: 'int64', name: 'uint8' },
  uint16: { target: 'int64', name: 'uint16' },
  uint32: { target: 'int64', name: 'uint32' },
  uint64: { target: 'int64', name: 'uint64' },
  bool: { target: 'bool', name: 'bool' },
};

function dtypeOf(spec: string): { target: ConvTarget; name: string } {
  const d = (DTYPES as Record<string, { target: ConvTarget; name: string }>)[spec];
  if (!d) throw unsupported(`read_csv dtype '${spec}' is not supported; use str, float, int or bool`);
  return d;
}

function labelEq(a: PyValue, b: PyValue): boolean {
  try {
    return hashKey(a) === hashKey(b);
  } catch {
    return false;
  }
}

function checkNonNegativeInt(name: string, v: number | undefined): void {
  if (v !== undefined && !(Number.isInteger(v) && v >= 0)) throw valueError(`'${name}' must be an integer >=0`);
}

export function readCsv(text: string, opts: ReadCsvOptions, file?: string): ReadCsvResult {
  // ---- options (readers._refine_defaults_read / _clean_options) ----
  if (opts.sep !== undefined && opts.delimiter !== undefined) {
    throw valueError('Specified a sep and a delimiter; you can only specify one.');
  }
  let sep = opts.delimiter ?? opts.sep ?? ',';
  let delimWhitespace = opts.delimWhitespace ?? false;
  if (delimWhitespace && (opts.sep !== undefined || opts.delimiter !== undefined)) {
    throw valueError('Specified a delimiter with both sep and delim_whitespace=True; you can only specify one.');
  }
  if (sep === '\\s+') {
    delimWhitespace = true;
    sep = ' ';
  }
  if (sep === '\n') {
    throw valueError(
      'Specified \\n as separator or delimiter. This forces the python engine which does not accept a line terminator. Hence it is not allowed to use the line terminator as separator.',
    );
  }
  if (sep.length !== 1) throw unsupported(`read_csv sep=${pyRepr(sep)}: only one-character separators and '\\s+' are supported`);
  if (opts.indexCol === (true as unknown)) throw valueError("The value of index_col couldn't be 'True'");
  checkNonNegativeInt('nrows', opts.nrows);
  checkNonNegativeInt('skipfooter', opts.skipfooter);
  const names = opts.names;
  if (names) {
    const seen = new Set(names.map(hashKey));
    if (seen.size !== names.length) throw valueError('Duplicate names are not allowed.');
  }
  const headerOpt = opts.header === undefined || opts.header === 'infer' ? (names ? null : 0) : opts.header;
  if (headerOpt !== null && !(Number.isInteger(headerOpt) && headerOpt >= 0)) {
    throw valueError('header must be integer or list of integers');
  }
  const quoting = opts.quoting ?? 0;
  if (!(quoting >= 0 && quoting <= 3)) throw new DftablesError('DT204', 'bad "quoting" value');
  const quotechar = quoting === 3 ? null : (opts.quotechar ?? '"');
  if (quotechar !== null && quotechar.length !== 1) throw new DftablesError('DT204', '"quotechar" must be a 1-character string');
  for (const [k, v] of [
    ['decimal', opts.decimal],
    ['thousands', opts.thousands],
    ['comment', opts.comment],
    ['escapechar', opts.escapechar],
    ['lineterminator', opts.lineterminator],
  ] as const) {
    if (v !== undefined && v.length !== 1) throw valueError(`Only length-1 ${k} characters supported`);
  }
  let usecols: (string | number)[] | undefined;
  let usecolsDtype: 'string' | 'integer' | 'empty' | undefined;
  if (opts.usecols !== undefined) {
    usecols = opts.usecols.map((u) => (typeof u === 'bigint' ? Number(u) : u));
    const allStr = usecols.every((u) => typeof u === 'string');
    const allInt = usecols.every((u) => typeof u === 'number' && Number.isInteger(u));
    if (!allStr && !allInt) {
      throw valueError("'usecols' must either be list-like of all strings, all unicode, all integers or a callable.");
    }
    usecolsDtype = usecols.length === 0 ? 'empty' : allStr ? 'string' : 'integer';
    // pandas turns usecols into a set.
    usecols = [...new Map(usecols.map((u) => [hashKey(typeof u === 'number' ? BigInt(u) : u), u])).values()];
  }
  const hasUsecols = usecols !== undefined;
  const inUsecols = (i: number, name: Label | undefined): boolean =>
    !!usecols && (usecols.includes(i) || (name !== undefined && name !== null && usecols.some((u) => labelEq(u, name))));
  const indexColOpt = opts.indexCol ?? null;
  const allowLeadingCols = indexColOpt !== false;
  let indexCol: (number | string)[] | null =
    indexColOpt === null || indexColOpt === false ? null : Array.isArray(indexColOpt) ? indexColOpt.slice() : [indexColOpt];

  const skip =
    opts.skiprows === undefined
      ? () => false
      : typeof opts.skiprows === 'number'
        ? ((n: number) => (line: number) => line < n)(opts.skiprows)
        : ((set: Set<number>) => (line: number) => set.has(line))(new Set(opts.skiprows));

  const dtypeMap = opts.dtype instanceof Map ? new Map([...opts.dtype].map(([k, v]) => [hashKey(k), v])) : null;
  const dtypeAll = typeof opts.dtype === 'string' ? opts.dtype : undefined;
  if (dtypeAll) dtypeOf(dtypeAll);
  if (dtypeMap) for (const v of dtypeMap.values()) dtypeOf(v);

  // ---- tokenizing, in the calls pandas makes (see Tokenizer) ----
  const headerRow = headerOpt;
  const tok = createTokenizer(
    text,
    {
      delimiter: sep,
      delimWhitespace,
      quotechar,
      doublequote: opts.doublequote ?? true,
      escapechar: opts.escapechar ?? null,
      lineterminator: opts.lineterminator ?? null,
      skipinitialspace: opts.skipinitialspace ?? false,
      commentchar: opts.comment ?? null,
      skipEmptyLines: opts.skipBlankLines ?? true,
      skipRow: skip,
      headerEnd: headerRow === null ? -1 : headerRow,
      expectedFields: -1,
      usecols: hasUsecols,
      onBadLines: opts.onBadLines ?? 'error',
    },
    file,
  );
  const table = tok.table;
  if (headerRow !== null) {
    if (table.rowCount < headerRow + 1) tok.tokenizeRows(headerRow + 2);
  } else if (table.rowCount < 1) tok.tokenizeRows(1);
  if (headerRow === null && names && !hasUsecols) {
    tok.setExpectedFields(Math.max(table.rowCount < 1 ? names.length : table.width(0), names.length));
  }

  // ---- TextReader._get_header ----
  let header: Label[] | null = null;
  let tableWidth: number;
  let leadingCols = 0;
  let dataLine = 0;
  const unnamedCols = new Set<string>();
  if (headerRow !== null) {
    let fields: string[] = [];
    if (table.rowCount === 0) fields = [];
    else if (table.rowCount < headerRow + 1) {
      throw new DftablesError('DT402', `Passed header=${headerRow} but only ${table.rowCount} lines in file`, file ? { file } : undefined);
    } else fields = table.row(headerRow);
    const unnamed: number[] = [];
    const raw = fields.map((f, k) => {
      if (f !== '') return f;
      unnamed.push(k);
      return `Unnamed: ${k}`;
    });
    const mangled = mangleHeader(raw, unnamed, dtypeMap);
    for (const k of unnamed) unnamedCols.add(mangled[k]);
    header = names ? names.slice() : mangled;
    dataLine = headerRow + 1;
  } else if (names) {
    header = names.slice();
  }
  if (header === null) {
    tableWidth = table.rowCount ? table.width(0) : 0;
  } else {
    let fieldCount = table.rowCount < dataLine + 1 ? header.length : table.width(dataLine);
    if (names) fieldCount = Math.max(fieldCount, names.length);
    const passed = header.length;
    if (hasUsecols && allowLeadingCols) {
      const nuse = usecols!.length;
      if (nuse === passed) leadingCols = 0;
      else if (!names && nuse < passed) leadingCols = fieldCount - passed;
      else if (passed !== fieldCount) throw valueError('Number of passed names did not match number of header fields in the file');
    } else if (allowLeadingCols && passed < fieldCount) leadingCols = fieldCount - passed;
    tableWidth = fieldCount;
  }
  if (!tableWidth) throw new DftablesError('DT402', 'No columns to parse from file', file ? { file } : undefined);

  // ---- TextReader.read_low_memory: the data, buffer_lines rows per call ----
  const bufferLines = bufferLinesFor(tableWidth);
  let parserStart = dataLine;
  const dataEnd = readDataRows();

  // ---- CParserWrapper.__init__: names, usecols validation, index names ----
  let wrapperNames: Label[] = header === null ? Array.from({ length: tableWidth }, (_, k) => BigInt(k)) : header.slice();
  if (usecols && usecols.length) {
    if (usecolsDtype === 'string' && !usecols.every((u) => wrapperNames.some((n) => labelEq(n, u)))) {
      missingUsecols(usecols, wrapperNames);
    }
    if (wrapperNames.length > usecols.length) wrapperNames = wrapperNames.filter((n, k) => inUsecols(k, n));
    if (wrapperNames.length < usecols.length) missingUsecols(usecols, wrapperNames);
  }
  const origNames = wrapperNames.slice();
  if (leadingCols === 0 && indexCol) {
    // _clean_index_names: string entries become positions in the names list.
    indexCol = indexCol.map((c) => {
      if (typeof c === 'string') {
        const j = origNames.findIndex((n) => labelEq(n, c));
        return j >= 0 ? j : c;
      }
      if (c >= origNames.length || c < -origNames.length) throw new DftablesError('DT209', 'list index out of range');
      return c < 0 ? c + origNames.length : c;
    });
  }

  // ---- TextReader._convert_column_data ----
  if (dataEnd <= dataLine) return emptyResult();

  const numCols = table.maxWidth;
  const namesLarger = !!names && names.length - leadingCols > numCols;
  if (tableWidth - leadingCols > numCols) {
    if ((usecols && usecols.length && tableWidth - leadingCols < usecols.length) || namesLarger) {
      throw new DftablesError('DT402', `Too many columns specified: expected ${tableWidth - leadingCols} and found ${numCols}`);
    }
  }

  const na = naConfig(opts);
  const ctx: ConvertContext = {
    decimal: opts.decimal ?? '.',
    thousands: opts.thousands ?? null,
    trueSet: new Set(['True', 'TRUE', 'true', ...(opts.trueValues ?? [])]),
    falseSet: new Set(['False', 'FALSE', 'false', ...(opts.falseValues ?? [])]),
    noInt: quoting === 2,
  };
  const columnName = (i: number, nused: number): Label | undefined => {
    if (hasUsecols && names) return names.length === usecols!.length ? names[nused] : names[i - leadingCols];
    if (header !== null) {
      const j = i - leadingCols;
      return j >= header.length ? String(j) : header[j];
    }
    return undefined;
  };
  const data = new Map<number, Column>();
  // One pair of span arrays for every column: a column is converted before the next is read.
  const spans = table.scratchSpans(dataEnd - dataLine);
  let nused = 0;
  for (let i = 0; i < tableWidth; i++) {
    let name: Label | undefined;
    if (i < leadingCols) name = BigInt(i);
    else if (usecols && usecols.length && nused === usecols.length) break;
    else {
      name = columnName(i, nused);
      if (hasUsecols && !inUsecols(i, name)) continue;
      nused++;
    }
    let spec: DTypeSpec | undefined = dtypeAll;
    if (dtypeMap) {
      if (name !== undefined && name !== null && dtypeMap.has(hashKey(name))) spec = dtypeMap.get(hashKey(name));
      else if (dtypeMap.has(hashKey(BigInt(i)))) spec = dtypeMap.get(hashKey(BigInt(i)));
    }
    const cells = table.column(i, dataLine, dataEnd, spans);
    data.set(i, convertColumn(cells, i, naFor(na, i, name), ctx, spec ? dtypeOf(spec) : undefined));
  }

  // ---- CParserWrapper.read: index columns and final names ----
  const sortedKeys = [...data.keys()].sort((a, b) => a - b);
  if (leadingCols > 0) {
    const indexColumns: Column[] = [];
    for (let k = 0; k < leadingCols; k++) {
      const key = indexCol === null ? k : indexCol[k];
      if (typeof key !== 'number' || !data.has(key)) throw new DftablesError('DT209', pyRepr(key ?? null));
      indexColumns.push(data.get(key)!);
      data.delete(key);
    }
    let finalNames = wrapperNames;
    if (usecols) finalNames = filterUsecols(finalNames);
    finalNames = dedupNames(finalNames);
    const keys = [...data.keys()].sort((a, b) => a - b);
    return frame(finalNames, zipColumns(finalNames, keys), {
      names: indexColumns.map(() => null),
      columns: indexColumns,
    });
  }
  let finalNames = dedupNames(origNames);
  if (usecols) finalNames = filterUsecols(finalNames);
  const byName = zipColumns(finalNames, sortedKeys);
  if (indexCol && indexCol.length) {
    // _get_simple_index: positions index the data columns in file order.
    const positions = indexCol.map((c) => {
      if (typeof c === 'string') throw valueError(`Index ${c} invalid`);
      if (c >= sortedKeys.length) throw new DftablesError('DT209', 'list index out of range');
      return c;
    });
    const index = {
      names: positions.map((p) => indexName(finalNames[p])),
      columns: positions.map((p) => data.get(sortedKeys[p])!),
    };
    const drop = new Set(positions);
    return frame(finalNames.filter((_, k) => !drop.has(k)), byName, index);
  }
  return frame(finalNames, byName);

  /** {name: column for name, column in zip(names, data)} (a dict: later names win). */
  function zipColumns(ns: Label[], keys: number[]): Map<string, Column> {
    const out = new Map<string, Column>();
    for (let k = 0; k < Math.min(ns.length, keys.length); k++) out.set(hashKey(ns[k]), data.get(keys[k])!);
    return out;
  }

  /** DataFrame(col_dict, columns=names, index=index): names without data become all-NaN columns. */
  function frame(ns: Label[], byName: Map<string, Column>, index?: ReadCsvResult['index']): ReadCsvResult {
    const first = byName.values().next();
    const nrows = index ? index.columns[0].data.length : first.done ? 0 : first.value.data.length;
    const cols = ns.map((nm) => byName.get(hashKey(nm)) ?? { dtype: 'object' as const, data: new Array<PyValue>(nrows).fill(NaN) });
    return result(ns, cols, index);
  }

  /** _read_rows until StopIteration (or nrows); returns the end of the data rows in `rows`. */
  function readDataRows(): number {
    if (opts.skipfooter) {
      // skipfooter makes pandas use its python engine, which reads everything first.
      tok.tokenizeAll();
      return Math.max(table.rowCount - opts.skipfooter, dataLine);
    }
    let read = 0;
    for (;;) {
      const want = opts.nrows === undefined ? bufferLines : Math.min(bufferLines, opts.nrows - read);
      if (opts.nrows !== undefined && read >= opts.nrows) break;
      const buffered = table.rowCount - parserStart;
      if (buffered < want) tok.tokenizeRows(want - buffered);
      if (parserStart >= table.rowCount) break;
      const end = Math.min(parserStart + want, table.rowCount);
      read += end - parserStart;
      parserStart = end;
    }
    return parserStart;
  }

  function indexName(n: Label): Label {
    return typeof n === 'string' && unnamedCols.has(n) ? null : n;
  }

  function filterUsecols(list: Label[]): Label[] {
    if (!usecols || list.length === usecols.length) return list;
    return list.filter((nm, k) => inUsecols(k, nm));
  }

  function result(ns: Label[], cs: Column[], index?: ReadCsvResult['index']): ReadCsvResult {
    // Every column is converted: the tokenizer's arrays can serve the next read_csv.
    table.release();
    const out: ReadCsvResult = { names: ns, columns: cs };
    if (index) out.index = index;
    if (tok.warnings.length) out.warnings = tok.warnings.slice();
    return out;
  }

  /** _get_empty_meta: the header's columns, no rows, dtype as asked or object. */
  function emptyResult(): ReadCsvResult {
    let cols = dedupNames(origNames);
    let index: ReadCsvResult['index'];
    if (indexCol && indexCol.length && indexCol.every((c) => typeof c === 'number')) {
      const positions = (indexCol as number[]).slice().sort((a, b) => a - b);
      index = { names: positions.map((p) => indexName(cols[p])), columns: positions.map(() => emptyColumn(undefined)) };
      const drop = new Set(positions);
      cols = cols.filter((_, k) => !drop.has(k));
    }
    if (usecols) cols = filterUsecols(cols);
    const columns = cols.map((nm) => {
      let spec = dtypeAll;
      if (dtypeMap && dtypeMap.has(hashKey(nm))) spec = dtypeMap.get(hashKey(nm));
      return emptyColumn(spec ? dtypeOf(spec).target : undefined);
    });
    return result(cols, columns, index);
  }
}

/** TextReader's buffer_lines: the largest power of two below (2**20 // table_width) / 2. */
function bufferLinesFor(tableWidth: number): number {
  const heuristic = Math.floor(2 ** 20 / tableWidth);
  let lines = 1;
  while (lines * 2 < heuristic) lines *= 2;
  return lines;
}

function missingUsecols(usecols: (string | number)[], names: Label[]): never {
  const missing = usecols.filter((u) => !names.some((n) => labelEq(n, typeof u === 'number' ? BigInt(u) : u) || labelEq(n, u)));
  throw valueError(
    `Usecols do not match columns, columns expected but not found: ${pyRepr(new PyList(missing.map((m) => (typeof m === 'number' ? BigInt(m) : m))))}`,
  );
}
