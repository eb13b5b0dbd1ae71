/**
 * DataFrame methods, by name, with pandas 1.5.3's signatures (unknown keywords -> DT203) and
 * results (new frames unless inplace=True).
 */
import { DftablesError } from '../errors.js';
import { PyDict, PyList, PyObject, PyTuple, PyTypeError, type PyValue } from '../python/values.js';
import { bindArgs, isListLike, listOrScalar } from './args.js';
import type { Method } from './callable.js';
import type { Column } from './column.js';
import { fillDirectionColumn, isinColumn } from './columnOps.js';
import { DataFrame } from './dataframe.js';
import { boolCol, cellsOf, colLength, inferColumn, intCol, isNA, naMask } from './dtypes.js';
import { GROUPBY_SIGNATURE, makeGroupBy } from './groupby.js';
import { RowIndex, valueKey } from './index.js';
import { bindMerge, mergeFrames } from './merge.js';
import { PdIndex } from './pdIndex.js';
import { colCount, colMean, colMedian, colMinMax, colProd, colStd, colSum, colVar, colArgMinMax } from './reductions.js';
import { Series } from './series.js';
import { duplicatedMask, isinValues, keepArg, mapSeries, naPosition, replaceValues, sortKind } from './seriesMethods.js';
import { lexsortIndexer, nargsort } from './sort.js';
import { unaryColumn } from './ops.js';
import { frameArray } from './frameProperties.js';
import { sig, def, finish, axisIsColumns, headTail, labelsArg } from './frameArgs.js';
import { sortFrame, nlargestFrame } from './frameSort.js';
import { queryMethod } from './frameQuery.js';
import { frameReduce, applyFrame, aggFrame, arithFrame } from './frameApply.js';
import { dropFrame, renameFrame, resetIndexFrame, setIndexFrame, reindexFrame, insertColumn, appendFrame, filterFrame, selectDtypes, transposeFrame } from './frameReshape.js';
import { fillnaFrame, dropnaFrame, dropDuplicatesFrame, astypeFrame, roundFrame, whereFrame } from './frameValues.js';
import { itertuples, iterrows, toDict } from './frameIter.js';

type Impl = Method<DataFrame>;

export const FRAME_METHODS = new Map<string, Impl>([
  ['append', def(sig('append', ['other', 'ignore_index', 'verify_integrity', 'sort'], { required: ['other'] }), (self, b, site, rt) => appendFrame(self, b, site, rt))],
  ['iterrows', def(sig('iterrows', []), (self) => iterrows(self))],
  ['transpose', def(sig('transpose', ['copy']), (self) => transposeFrame(self))],
  ['to_numpy', def(sig('to_numpy', ['dtype', 'copy', 'na_value']), (self) => frameArray(self))],
  ['itertuples', def(sig('itertuples', ['index', 'name']), (self, b) => itertuples(self, b))],
  ['head', def(sig('head', ['n']), (self, b) => headTail(self, b.int('n', 5), false))],
  ['tail', def(sig('tail', ['n']), (self, b) => headTail(self, b.int('n', 5), true))],
  [
    'sort_values',
    def(sig('sort_values', ['by', 'axis', 'ascending', 'inplace', 'kind', 'na_position', 'ignore_index', 'key'], { required: ['by'] }), (self, b, site, rt) =>
      finish(self, b, sortFrame(self, b, site, rt)),
    ),
  ],
  [
    'sort_index',
    def(sig('sort_index', ['axis', 'level', 'ascending', 'inplace', 'kind', 'na_position', 'sort_remaining', 'ignore_index', 'key']), (self, b) => {
      if (axisIsColumns(b)) throw b.notSupported('axis', '1');
      const asc = b.get('ascending') ?? true;
      const ix = self.index;
      const ascList = asc instanceof PyList ? asc.items.map((x) => x === true) : ix.levels.map(() => asc === true || asc === 1n);
      const order = ix.nlevels === 1 ? nargsort(ix.level(0), ascList[0], naPosition(b), sortKind(b)) : lexsortIndexer(ix.levels, ascList, naPosition(b));
      let r = self.take(order);
      if (b.bool('ignore_index', false)) r = new DataFrame(r.names, r.cols, RowIndex.range(r.rowCount()));
      return finish(self, b, r);
    }),
  ],
  ['query', def(sig('query', ['expr', 'inplace'], { required: ['expr'], varKeywords: true }), queryMethod)],
  [
    'groupby',
    def(GROUPBY_SIGNATURE, (self, b, site) => makeGroupBy(self, b, site)),
  ],
  [
    'merge',
    (self, args, kwargs, site, rt) => {
      const b = bindMerge(args, kwargs, site, true);
      const right = b.get('right');
      if (!(right instanceof DataFrame)) {
        if (right instanceof Series && right.name !== null) return mergeFrames(self, new DataFrame([right.name], [right.col], right.index), b, site, rt);
        throw new PyTypeError(`Can only merge Series or DataFrame objects, a ${right instanceof PyObject ? right.typeName : typeof right} was passed`);
      }
      return mergeFrames(self, right, b, site, rt);
    },
  ],
  [
    'join',
    () => {
      throw new DftablesError('DT212', 'DataFrame.join (on the index) is not supported by dftables', { hint: "Use merge(other, on='key', how='left')." });
    },
  ],
  [
    'rename',
    def(sig('rename', ['mapper'], { keywordOnly: ['index', 'columns', 'axis', 'copy', 'inplace', 'level', 'errors'] }), (self, b, site, rt) => finish(self, b, renameFrame(self, b, site, rt))),
  ],
  [
    'drop',
    def(sig('drop', ['labels', 'axis', 'index', 'columns', 'level', 'inplace', 'errors']), (self, b, site) => finish(self, b, dropFrame(self, b, site))),
  ],
  [
    'drop_duplicates',
    def(sig('drop_duplicates', ['subset', 'keep', 'inplace', 'ignore_index']), (self, b, site) => finish(self, b, dropDuplicatesFrame(self, b, site))),
  ],
  [
    'duplicated',
    def(sig('duplicated', ['subset', 'keep']), (self, b, site) => {
      const subset = labelsArg(b, 'subset');
      const positions = subset.length ? subset.map((s) => self.requireColumn(s, site, 'subset')) : self.cols.map((_, i) => i);
      return new Series(boolCol(duplicatedMask(positions.map((p) => self.cols[p]), keepArg(b))), self.index, null);
    }),
  ],
  ['dropna', def(sig('dropna', ['axis', 'how', 'thresh', 'subset', 'inplace']), (self, b, site) => finish(self, b, dropnaFrame(self, b, site)))],
  ['fillna', def(sig('fillna', ['value', 'method', 'axis', 'inplace', 'limit', 'downcast']), (self, b) => finish(self, b, fillnaFrame(self, b)))],
  ['ffill', def(sig('ffill', ['axis', 'inplace', 'limit', 'downcast']), (self, b) => finish(self, b, new DataFrame([...self.names], self.cols.map((c) => fillDirectionColumn(c, true, b.int('limit'))), self.index)))],
  ['bfill', def(sig('bfill', ['axis', 'inplace', 'limit', 'downcast']), (self, b) => finish(self, b, new DataFrame([...self.names], self.cols.map((c) => fillDirectionColumn(c, false, b.int('limit'))), self.index)))],
  ['round', def(sig('round', ['decimals']), (self, b) => roundFrame(self, b))],
  ['astype', def(sig('astype', ['dtype', 'copy', 'errors'], { required: ['dtype'] }), (self, b, site) => astypeFrame(self, b, site))],
  ['copy', def(sig('copy', ['deep']), (self) => self.copy())],
  ['reset_index', def(sig('reset_index', ['level', 'drop', 'inplace', 'col_level', 'col_fill'], { keywordOnly: ['allow_duplicates', 'names'] }), (self, b) => finish(self, b, resetIndexFrame(self, b)))],
  ['set_index', def(sig('set_index', ['keys', 'drop', 'append', 'inplace', 'verify_integrity'], { required: ['keys'] }), (self, b, site) => finish(self, b, setIndexFrame(self, b, site)))],
  [
    'assign',
    def(sig('assign', [], { varKeywords: true }), (self, b, site, rt) => {
      const df = self.copy();
      for (const [k, v] of b.extraKwargs) {
        const value = v instanceof PyObject && v.callable() && !(v instanceof Series) ? rt.call(v, [df]) : v;
        df.setColumn(k, df.toColumn(value, site, rt, k), rt);
      }
      return df;
    }),
  ],
  ['apply', def(sig('apply', ['func', 'axis', 'raw', 'result_type', 'args'], { required: ['func'], varKeywords: true }), (self, b, site, rt) => applyFrame(self, b, site, rt))],
  [
    'applymap',
    def(sig('applymap', ['func', 'na_action'], { required: ['func'] }), (self, b, site, rt) => {
      const ignore = b.get('na_action') === 'ignore';
      return new DataFrame([...self.names], self.names.map((_, j) => mapSeries(self.series(j), b.get('func')!, ignore, rt).col), self.index);
    }),
  ],
  ['isna', def(sig('isna', []), (self) => new DataFrame([...self.names], self.cols.map((c) => boolCol(naMask(c))), self.index))],
  ['isnull', def(sig('isnull', []), (self) => new DataFrame([...self.names], self.cols.map((c) => boolCol(naMask(c))), self.index))],
  ['notna', def(sig('notna', []), (self) => new DataFrame([...self.names], self.cols.map((c) => boolCol(naMask(c).map((x) => 1 - x))), self.index))],
  ['notnull', def(sig('notnull', []), (self) => new DataFrame([...self.names], self.cols.map((c) => boolCol(naMask(c).map((x) => 1 - x))), self.index))],
  [
    'isin',
    def(sig('isin', ['values'], { required: ['values'] }), (self, b, site, rt) => {
      const v = b.get('values')!;
      if (v instanceof PyDict) {
        return new DataFrame([...self.names], self.cols.map((c, j) => (v.has(self.names[j]) ? isinColumn(c, isinValues(v.get(self.names[j])!, site, rt, 'DataFrame')) : boolCol(new Uint8Array(colLength(c))))), self.index);
      }
      const values = isinValues(v, site, rt, 'DataFrame');
      return new DataFrame([...self.names], self.cols.map((c) => isinColumn(c, values)), self.index);
    }),
  ],
  ['insert', def(sig('insert', ['loc', 'column', 'value', 'allow_duplicates'], { required: ['loc', 'column', 'value'] }), (self, b, site, rt) => insertColumn(self, b, site, rt))],
  [
    'pop',
    def(sig('pop', ['item'], { required: ['item'] }), (self, b, site) => {
      const p = self.requireColumn(b.get('item')!, site, 0);
      const s = new Series(self.cols[p], self.index, self.names[p]);
      self.names.splice(p, 1);
      self.cols.splice(p, 1);
      return s;
    }),
  ],
  ['filter', def(sig('filter', ['items', 'like', 'regex', 'axis']), (self, b) => filterFrame(self, b))],
  ['select_dtypes', def(sig('select_dtypes', ['include', 'exclude']), (self, b) => selectDtypes(self, b))],
  ['nlargest', nlargestFrame('nlargest')],
  ['nsmallest', nlargestFrame('nsmallest')],
  ['sum', frameReduce('sum', (c) => colSum(c), false)],
  ['prod', frameReduce('prod', (c) => colProd(c), false)],
  ['mean', frameReduce('mean', (c) => colMean(c), false)],
  ['median', frameReduce('median', (c) => colMedian(c), false)],
  ['min', frameReduce('min', (c) => colMinMax(c, 'min'), false)],
  ['max', frameReduce('max', (c) => colMinMax(c, 'max'), false)],
  ['std', frameReduce('std', (c) => colStd(c), false)],
  ['var', frameReduce('var', (c) => colVar(c), false)],
  [
    'count',
    def(sig('count', ['axis', 'level', 'numeric_only']), (self) => new Series(intCol(Float64Array.from(self.cols.map(colCount))), RowIndex.fromLevels([inferColumn(self.names)], [null]), null)),
  ],
  [
    'nunique',
    def(sig('nunique', ['axis', 'dropna']), (self) => {
      const counts = self.cols.map((c) => new Set(cellsOf(c).filter((v) => !isNA(v)).map(valueKey)).size);
      return new Series(intCol(Float64Array.from(counts)), RowIndex.fromLevels([inferColumn(self.names)], [null]), null);
    }),
  ],
  [
    'idxmax',
    def(sig('idxmax', ['axis', 'skipna', 'numeric_only']), (self) => new Series(inferColumn(self.cols.map((c) => self.index.labelAt(colArgMinMax(c, 'max')))), RowIndex.fromLevels([inferColumn(self.names)], [null]), null)),
  ],
  [
    'idxmin',
    def(sig('idxmin', ['axis', 'skipna', 'numeric_only']), (self) => new Series(inferColumn(self.cols.map((c) => self.index.labelAt(colArgMinMax(c, 'min')))), RowIndex.fromLevels([inferColumn(self.names)], [null]), null)),
  ],
  ['abs', def(sig('abs', []), (self) => new DataFrame([...self.names], self.cols.map((c) => unaryColumn('abs', c)), self.index))],
  [
    'replace',
    def(sig('replace', ['to_replace', 'value', 'inplace', 'limit', 'regex', 'method']), (self, b) => {
      const what = b.get('to_replace');
      // {column: {old: new}}: per-column replacements.
      if (what instanceof PyDict && what.values().every((v) => v instanceof PyDict)) {
        const cols = self.cols.map((c, j) => {
          const m = what.get(self.names[j]);
          if (!(m instanceof PyDict)) return c;
          const sub = bindArgs(sig('replace', ['to_replace', 'value']), [m], new Map(), b.site);
          return replaceValues(c, sub);
        });
        return finish(self, b, new DataFrame([...self.names], cols, self.index));
      }
      return finish(self, b, new DataFrame([...self.names], self.cols.map((c) => replaceValues(c, b)), self.index));
    }),
  ],
  ['where', def(sig('where', ['cond', 'other', 'inplace', 'axis', 'level', 'errors', 'try_cast']), (self, b) => finish(self, b, whereFrame(self, b, false)))],
  ['mask', def(sig('mask', ['cond', 'other', 'inplace', 'axis', 'level', 'errors', 'try_cast']), (self, b) => finish(self, b, whereFrame(self, b, true)))],
  ['reindex', def(sig('reindex', ['labels', 'index', 'columns', 'axis', 'method', 'copy', 'level', 'fill_value', 'limit', 'tolerance']), (self, b) => reindexFrame(self, b))],
  [
    'to_csv',
    def(sig('to_csv', ['path_or_buf', 'sep', 'na_rep', 'float_format', 'columns', 'header', 'index', 'index_label', 'mode', 'encoding'], { varKeywords: true }), (self, b) => {
      if (b.opt('path_or_buf') !== undefined) throw new DftablesError('DT212', 'writing files (to_csv with a path) is not supported by dftables');
      for (const k of ['sep', 'na_rep', 'float_format', 'columns', 'header', 'index_label']) if (b.opt(k) !== undefined) throw b.notSupported(k);
      if (b.bool('index', true)) throw new DftablesError('DT212', 'to_csv() with the index is not supported by dftables', { hint: 'Use to_csv(index=False).' });
      return self.toCsv();
    }),
  ],
  ['to_dict', def(sig('to_dict', ['orient', 'into']), (self, b) => toDict(self, b))],
  [
    'get',
    def(sig('get', ['key', 'default'], { required: ['key'] }), (self, b, site, rt) => {
      const key = b.get('key')!;
      if (isListLike(key)) {
        if (key.items.every((k) => self.hasColumn(k))) return self.getItem(key instanceof PyTuple ? new PyList([...key.items]) : key, site, rt);
        return b.get('default') ?? null;
      }
      const p = self.colPos(key);
      return p >= 0 ? self.series(p) : b.get('default') ?? null;
    }),
  ],
  ['keys', def(sig('keys', []), (self) => PdIndex.ofLabels(self.names, self.columnsName))],
  ['items', def(sig('items', []), (self) => new PyList(self.names.map((nm, j) => new PyTuple([nm, self.series(j)]))))],
  ['iteritems', def(sig('iteritems', []), (self) => new PyList(self.names.map((nm, j) => new PyTuple([nm, self.series(j)]))))],
  [
    'equals',
    def(sig('equals', ['other'], { required: ['other'] }), (self, b) => {
      const o = b.get('other');
      if (!(o instanceof DataFrame) || o.names.length !== self.names.length || o.rowCount() !== self.rowCount()) return false;
      return self.names.every((nm, j) => {
        if (valueKey(nm) !== valueKey(o.names[j]) || o.cols[j].dtype !== self.cols[j].dtype) return false;
        const a = cellsOf(self.cols[j]);
        const c = cellsOf(o.cols[j]);
        return a.every((v, i) => (isNA(v) && isNA(c[i])) || valueKey(v) === valueKey(c[i]));
      });
    }),
  ],
  [
    'value_counts',
    def(sig('value_counts', ['subset', 'normalize', 'sort', 'ascending', 'dropna']), () => {
      throw new DftablesError('DT212', 'DataFrame.value_counts (a MultiIndex result) is not supported by dftables', { hint: "Use df['column'].value_counts()." });
    }),
  ],
  ['add', arithFrame('add', '+', false)],
  ['radd', arithFrame('radd', '+', true)],
  ['sub', arithFrame('sub', '-', false)],
  ['rsub', arithFrame('rsub', '-', true)],
  ['mul', arithFrame('mul', '*', false)],
  ['rmul', arithFrame('rmul', '*', true)],
  ['div', arithFrame('div', '/', false)],
  ['truediv', arithFrame('truediv', '/', false)],
  ['rdiv', arithFrame('rdiv', '/', true)],
  ['floordiv', arithFrame('floordiv', '//', false)],
  ['mod', arithFrame('mod', '%', false)],
  ['pow', arithFrame('pow', '**', false)],
  [
    'agg',
    def(sig('agg', ['func', 'axis'], { varKeywords: true }), (self, b, site, rt) => aggFrame(self, b.get('func') ?? null, site, rt)),
  ],
  [
    'aggregate',
    def(sig('aggregate', ['func', 'axis'], { varKeywords: true }), (self, b, site, rt) => aggFrame(self, b.get('func') ?? null, site, rt)),
  ],
  ['describe', () => {
    throw new DftablesError('DT212', 'DataFrame.describe() is not supported by dftables', { hint: 'Compute the statistics you need with agg or groupby.' });
  }],
  [
    'squeeze',
    def(sig('squeeze', ['axis']), (self) => {
      if (self.names.length === 1) return self.series(0);
      return self;
    }),
  ],
  [
    'set_axis',
    def(sig('set_axis', ['labels', 'axis', 'inplace', 'copy']), (self, b, site, rt) => {
      const labels = b.get('labels')!;
      const items = labels instanceof PdIndex ? labels.labels() : labels instanceof PyObject ? labels.iter(site, rt) : listOrScalar(labels);
      const df = self.copy();
      if (axisIsColumns(b)) {
        if (items.length !== self.names.length) throw new DftablesError('DT208', `Length mismatch: Expected axis has ${self.names.length} elements, new values have ${items.length} elements`);
        df.names = items;
      } else {
        if (items.length !== self.rowCount()) throw new DftablesError('DT208', `Length mismatch: Expected axis has ${self.rowCount()} elements, new values have ${items.length} elements`);
        df.index = RowIndex.fromLevels([inferColumn(items)], [null]);
      }
      return finish(self, b, df);
    }),
  ],
  [
    'rename_axis',
    def(sig('rename_axis', ['mapper'], { keywordOnly: ['index', 'columns', 'axis', 'copy', 'inplace'] }), (self, b) => {
      const df = self.copy();
      if (axisIsColumns(b) || b.has('columns')) df.columnsName = (b.has('columns') ? b.get('columns') : b.get('mapper')) ?? null;
      else df.index = df.index.withNames([...listOrScalar(b.get('index') ?? b.get('mapper') ?? null)]);
      return finish(self, b, df);
    }),
  ],
  [
    'infer_objects',
    def(sig('infer_objects', []), (self) => new DataFrame([...self.names], self.cols.map((c) => (c.dtype === 'object' ? inferObjects(c) : c)), self.index)),
  ],
]);

/** infer_objects: object columns of only numbers/bools become numeric (no text is parsed). */
function inferObjects(c: Column): Column {
  const inferred = inferColumn(c.data as PyValue[]);
  return inferred;
}

/** Real pandas DataFrame attributes dftables does not implement: DT212 instead of "no attribute". */
export const FRAME_UNSUPPORTED = new Set([
  'pivot', 'pivot_table', 'melt', 'stack', 'unstack', 'explode', 'style', 'plot', 'hist', 'boxplot', 'resample', 'rolling', 'expanding', 'ewm', 'sample', 'corr', 'cov', 'to_excel', 'to_html', 'to_json', 'to_markdown',
  'to_latex', 'to_string', 'to_records', 'to_parquet', 'to_sql', 'to_pickle', 'interpolate', 'combine_first', 'update',
  'pipe', 'transform', 'eval', 'swapaxes', 'droplevel', 'swaplevel', 'xs', 'lookup', 'align', 'combine', 'compare', 'mode',
  'cumsum', 'cumprod', 'cummax', 'cummin', 'diff', 'shift', 'pct_change', 'rank', 'clip', 'quantile', 'sem', 'skew', 'kurt', 'mad',
  'convert_dtypes', 'first_valid_index', 'last_valid_index', 'memory_usage', 'info', 'truncate', 'at_time', 'between_time',
]);

