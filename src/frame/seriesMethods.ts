/**
 * Series methods, by name. Each binds its arguments like pandas 1.5.3's signature (unknown
 * keywords -> DT203) and returns a new Series unless inplace=True.
 */
import { DftablesError } from '../errors.js';
import { pyRepr } from '../python/pyStr.js';
import { PyDict, PyList, PyObject, PyTuple, PyTypeError, type CallSite, type Kwargs, type PyValue, type Runtime } from '../python/values.js';
import { reindexColumn, unionIndex } from './align.js';
import { isListLike, listOrScalar } from './args.js';
import type { Method } from './callable.js';
import type { Column, Label } from './column.js';
import { astypeColumn, fillDirectionColumn, fillnaColumn, isinColumn, roundColumn } from './columnOps.js';
import { DataFrame } from './dataframe.js';
import { boolCol, cellAt, cellsOf, floatCol, inferColumn, isNA, naMask, objCol, takeColumn } from './dtypes.js';
import { RowIndex, valueKey } from './index.js';
import { NdArray } from './ndarray.js';
import { binaryColumns, compareColumns, unaryColumn } from './ops.js';
import { colAnyAll, colArgMinMax, colCount, colMean, colMedian, colMinMax, colProd, colQuantile, colStd, colSum, colVar } from './reductions.js';
import { pyCompare } from './scalarOps.js';
import { Series } from './series.js';
import { lexsortIndexer, nargsort } from './sort.js';
import { hasIncomparableValues, rankColumn } from './rank.js';
import { selectNPositions } from './selectN.js';
import { PdIndex } from './pdIndex.js';
import { concatObjects } from './concat.js';
import { def, dtypeArg, finish, keepArg, naPosition, sig, sortKind } from './seriesArgs.js';
import { cumulative, duplicatedMask, headTail, indexColumns, isinValues, mapSeries, replaceValues, seriesToFrame, shiftColumn, shiftIdx, valueCounts, whereColumn } from './seriesTransforms.js';

type Impl = Method<Series>;

/** The scalar of a reduction as pandas returns it, honouring skipna=False. */
function reduce(name: string, f: (c: Column) => PyValue, extra: string[] = []): Impl {
  return def(sig(name, ['axis', 'skipna', 'level', 'numeric_only', ...extra]), (self, b) => {
    if (b.get('level') !== undefined && b.get('level') !== null) throw b.notSupported('level');
    const skipna = b.bool('skipna', true);
    if (!skipna && naMask(self.col).some((x) => x === 1)) return NaN;
    if (b.bool('numeric_only', false) && self.col.dtype === 'object') {
      throw new DftablesError('DT212', `Series.${name} does not implement numeric_only.`);
    }
    return f(self.col);
  });
}

/** Series arithmetic method (add, sub, ...), with fill_value for one-sided missing values. */
function arith(name: string, op: '+' | '-' | '*' | '/' | '//' | '%' | '**', reflected: boolean): Impl {
  return def(sig(name, ['other', 'level', 'fill_value', 'axis'], { required: ['other'] }), (self, b, site, rt) => {
    const other = b.get('other')!;
    const fill = b.get('fill_value');
    if (fill === undefined || fill === null || !(other instanceof Series)) {
      let r = self.binaryOp(op, other, reflected, site, rt);
      if (fill !== undefined && fill !== null && r instanceof Series) r = r.withColumn(r.col);
      if (typeof r === 'symbol') throw new PyTypeError(`unsupported operand type(s) for ${op}: 'Series' and '${other instanceof PyObject ? other.typeName : typeof other}'`);
      return r;
    }
    const index = unionIndex(self.index, other.index);
    let a = reindexColumn(self.col, self.index, index);
    let c = reindexColumn(other.col, other.index, index);
    const ma = naMask(a);
    const mc = naMask(c);
    const fillOne = (col: Column, mine: Uint8Array, theirs: Uint8Array) => {
      const cells = cellsOf(col).slice();
      let changed = false;
      for (let i = 0; i < cells.length; i++) {
        if (mine[i] && !theirs[i]) {
          cells[i] = fill;
          changed = true;
        }
      }
      return changed ? inferColumn(cells) : col;
    };
    a = fillOne(a, ma, mc);
    c = fillOne(c, mc, ma);
    const [x, y] = reflected ? [c, a] : [a, c];
    return new Series(binaryColumns(op, { col: x }, { col: y }, index.length), index, self.name);
  });
}

function comparison(name: string, op: '==' | '!=' | '<' | '<=' | '>' | '>='): Impl {
  return def(sig(name, ['other', 'level', 'fill_value', 'axis'], { required: ['other'] }), (self, b, site, rt) => {
    const r = self.compare(op, b.get('other')!, site, rt);
    if (typeof r === 'symbol') throw new PyTypeError(`'${op}' not supported`);
    return r;
  });
}

function nlargest(name: 'nlargest' | 'nsmallest'): Impl {
  return def(sig(name, ['n', 'keep']), (self, b) => {
    const n = b.int('n', 5);
    const keep = b.str('keep', 'first');
    if (keep !== 'first' && keep !== 'last' && keep !== 'all') throw b.invalid('keep', 'keep must be either "first", "last" or "all"', 'DT208');
    if (keep !== 'first') throw b.notSupported('keep');
    if (self.col.dtype === 'object') throw new PyTypeError(`Cannot use method '${name}' with dtype object`);
    return self.take(selectNPositions(self.col, n, name === 'nsmallest'));
  });
}

export const SERIES_METHODS: Map<string, Impl> = new Map<string, Impl>([
  [
    'map',
    def(sig('map', ['arg', 'na_action'], { required: ['arg'] }), (self, b, site, rt) => {
      const na = b.get('na_action');
      if (na !== undefined && na !== null && na !== 'ignore') throw b.invalid('na_action', `na_action must either be 'ignore' or None, ${pyRepr(na)} was passed`, 'DT208');
      return mapSeries(self, b.get('arg')!, na === 'ignore', rt);
    }),
  ],
  [
    'apply',
    def(sig('apply', ['func', 'convert_dtype', 'args'], { required: ['func'], varKeywords: true }), (self, b, site, rt) => {
      const f = b.get('func')!;
      if (typeof f === 'string') {
        const m = SERIES_METHODS.get(f);
        if (!m) throw new DftablesError('DT202', `'${f}' is not a valid function for 'Series' object`);
        return m(self, [], new Map(), site, rt);
      }
      const extra = b.get('args');
      const extraArgs = extra instanceof PyTuple || extra instanceof PyList ? [...extra.items] : [];
      if (b.extraKwargs.size) {
        const kw = b.extraKwargs;
        const n = self.length;
        const out = new Array<PyValue>(n);
        for (let i = 0; i < n; i++) {
          if ((i & 1023) === 0) rt.checkDeadline();
          out[i] = rt.call(f, [cellAt(self.col, i), ...extraArgs], kw);
        }
        return self.withColumn(inferColumn(out));
      }
      return mapSeries(self, f, false, rt, extraArgs);
    }),
  ],
  [
    'astype',
    def(sig('astype', ['dtype', 'copy', 'errors'], { required: ['dtype'] }), (self, b) => {
      const d = dtypeArg(b);
      const errors = b.str('errors', 'raise');
      try {
        return self.withColumn(astypeColumn(self.col, d.dtype, d.name));
      } catch (e) {
        if (errors === 'ignore' && e instanceof DftablesError && e.code !== 'DT212') return self.withColumn(self.col);
        throw e;
      }
    }),
  ],
  [
    'round',
    def(sig('round', ['decimals']), (self, b) => self.withColumn(roundColumn(self.col, b.int('decimals', 0)))),
  ],
  [
    'fillna',
    def(sig('fillna', ['value', 'method', 'axis', 'inplace', 'limit', 'downcast']), (self, b) => {
      const value = b.get('value');
      const method = b.str('method');
      if ((value === undefined || value === null) && !method) throw new DftablesError('DT208', "Must specify a fill 'value' or 'method'.");
      if (method) {
        if (!['ffill', 'pad', 'bfill', 'backfill'].includes(method)) throw b.invalid('method', `Invalid fill method. Expecting pad (ffill) or backfill (bfill). Got ${method}`, 'DT208');
        return finish(self, b, self.withColumn(fillDirectionColumn(self.col, method === 'ffill' || method === 'pad', b.int('limit'))));
      }
      if (value instanceof PyDict || value instanceof Series) {
        const cells = cellsOf(self.col).slice();
        for (let i = 0; i < cells.length; i++) {
          if (!isNA(cells[i])) continue;
          const label = self.index.labelAt(i);
          if (value instanceof PyDict) {
            if (value.has(label)) cells[i] = value.get(label)!;
          } else {
            const p = value.index.positions().map.get(valueKey(label));
            if (p !== undefined) cells[i] = cellAt(value.col, p);
          }
        }
        return finish(self, b, self.withColumn(self.col.dtype === 'object' ? objCol(cells) : inferColumn(cells)));
      }
      if (value instanceof PyList || value instanceof PyTuple) {
        throw new PyTypeError(`"value" parameter must be a scalar or dict, but you passed a "${value instanceof PyList ? 'list' : 'tuple'}"`);
      }
      return finish(self, b, self.withColumn(fillnaColumn(self.col, value!)));
    }),
  ],
  ['ffill', def(sig('ffill', ['axis', 'inplace', 'limit', 'downcast']), (self, b) => finish(self, b, self.withColumn(fillDirectionColumn(self.col, true, b.int('limit')))))],
  ['bfill', def(sig('bfill', ['axis', 'inplace', 'limit', 'downcast']), (self, b) => finish(self, b, self.withColumn(fillDirectionColumn(self.col, false, b.int('limit')))))],
  ['isna', def(sig('isna', []), (self) => self.withColumn(boolCol(naMask(self.col))))],
  ['isnull', def(sig('isnull', []), (self) => self.withColumn(boolCol(naMask(self.col))))],
  ['notna', def(sig('notna', []), (self) => self.withColumn(boolCol(naMask(self.col).map((x) => 1 - x))))],
  ['notnull', def(sig('notnull', []), (self) => self.withColumn(boolCol(naMask(self.col).map((x) => 1 - x))))],
  [
    'isin',
    def(sig('isin', ['values'], { required: ['values'] }), (self, b, site, rt) => {
      const v = b.get('values')!;
      const values = isinValues(v, site, rt, 'Series');
      return self.withColumn(isinColumn(self.col, values));
    }),
  ],
  [
    'sort_values',
    def(sig('sort_values', ['axis', 'ascending', 'inplace', 'kind', 'na_position', 'ignore_index', 'key']), (self, b, site, rt) => {
      let asc: PyValue = b.get('ascending') ?? true;
      if (asc instanceof PyList || asc instanceof PyTuple) {
        if (asc.items.length !== 1) throw b.invalid('ascending', `Length of ascending (${asc.items.length}) must be 1 for Series`, 'DT208');
        asc = asc.items[0];
      }
      if (typeof asc !== 'boolean' && typeof asc !== 'bigint') throw b.invalid('ascending', `For argument "ascending" expected type bool, received type ${asc === null ? 'NoneType' : typeof asc}.`);
      let keyCol = self.col;
      const key = b.opt('key');
      if (key !== undefined) {
        const k = rt.call(key, [self]);
        if (!(k instanceof Series)) throw new DftablesError('DT208', 'key must return a Series');
        keyCol = k.col;
      }
      const order = nargsort(keyCol, asc === true || asc === 1n, naPosition(b), sortKind(b));
      let r = self.take(order);
      if (b.bool('ignore_index', false)) r = new Series(r.col, RowIndex.range(r.length), r.name);
      void site;
      return finish(self, b, r);
    }),
  ],
  [
    'sort_index',
    def(sig('sort_index', ['axis', 'level', 'ascending', 'inplace', 'kind', 'na_position', 'sort_remaining', 'ignore_index', 'key']), (self, b) => {
      const asc = b.bool('ascending', true);
      const order = self.index.nlevels === 1 ? nargsort(self.index.level(0), asc, naPosition(b), sortKind(b)) : lexsortIndexer(self.index.levels, self.index.levels.map(() => asc), naPosition(b));
      let r = self.take(order);
      if (b.bool('ignore_index', false)) r = new Series(r.col, RowIndex.range(r.length), r.name);
      return finish(self, b, r);
    }),
  ],
  ['head', def(sig('head', ['n']), (self, b) => headTail(self, b.int('n', 5), false))],
  ['tail', def(sig('tail', ['n']), (self, b) => headTail(self, b.int('n', 5), true))],
  [
    'unique',
    def(sig('unique', []), (self) => {
      const seen = new Set<unknown>();
      const idx: number[] = [];
      for (let i = 0; i < self.length; i++) {
        const v = cellAt(self.col, i);
        // None and NaN are distinct in an object array's unique (pandas keeps both).
        const k = v === null ? 'None' : valueKey(v);
        if (!seen.has(k)) {
          seen.add(k);
          idx.push(i);
        }
      }
      return new NdArray(takeColumn(self.col, idx));
    }),
  ],
  [
    'nunique',
    def(sig('nunique', ['dropna']), (self, b) => {
      const dropna = b.bool('dropna', true);
      const seen = new Set<unknown>();
      for (const v of cellsOf(self.col)) {
        if (isNA(v)) {
          if (!dropna) seen.add('NA');
          continue;
        }
        seen.add(valueKey(v));
      }
      return BigInt(seen.size);
    }),
  ],
  [
    'value_counts',
    def(sig('value_counts', ['normalize', 'sort', 'ascending', 'bins', 'dropna']), (self, b) => {
      if (b.opt('bins') !== undefined) throw b.notSupported('bins');
      return valueCounts(self.col, b.bool('normalize', false), b.bool('sort', true), b.bool('ascending', false), b.bool('dropna', true), self.name);
    }),
  ],
  ['tolist', def(sig('tolist', []), (self) => new PyList(cellsOf(self.col)))],
  ['to_list', def(sig('to_list', []), (self) => new PyList(cellsOf(self.col)))],
  ['to_numpy', def(sig('to_numpy', ['dtype', 'copy', 'na_value']), (self) => new NdArray(self.col))],
  ['copy', def(sig('copy', ['deep']), (self) => self.withColumn(self.col))],
  ['sum', reduce('sum', (c) => colSum(c), ['min_count'])],
  ['prod', reduce('prod', (c) => colProd(c), ['min_count'])],
  ['product', reduce('product', (c) => colProd(c), ['min_count'])],
  ['mean', reduce('mean', (c) => colMean(c))],
  ['median', reduce('median', (c) => colMedian(c))],
  ['min', reduce('min', (c) => colMinMax(c, 'min'))],
  ['max', reduce('max', (c) => colMinMax(c, 'max'))],
  [
    'std',
    def(sig('std', ['axis', 'skipna', 'level', 'ddof', 'numeric_only']), (self, b) => {
      if (!b.bool('skipna', true) && naMask(self.col).some((x) => x === 1)) return NaN;
      return colStd(self.col, b.int('ddof', 1));
    }),
  ],
  [
    'var',
    def(sig('var', ['axis', 'skipna', 'level', 'ddof', 'numeric_only']), (self, b) => {
      if (!b.bool('skipna', true) && naMask(self.col).some((x) => x === 1)) return NaN;
      return colVar(self.col, b.int('ddof', 1));
    }),
  ],
  ['count', def(sig('count', ['level']), (self) => BigInt(colCount(self.col)))],
  [
    'quantile',
    def(sig('quantile', ['q', 'interpolation']), (self, b) => {
      const q = b.get('q') ?? 0.5;
      if (isListLike(q)) {
        const qs = [...q.items].map(Number);
        return new Series(floatCol(Float64Array.from(qs.map((x) => colQuantile(self.col, x)))), RowIndex.fromLevels([floatCol(Float64Array.from(qs))], [null]), self.name);
      }
      return colQuantile(self.col, Number(q));
    }),
  ],
  ['any', def(sig('any', ['axis', 'bool_only', 'skipna', 'level']), (self) => colAnyAll(self.col, 'any'))],
  ['all', def(sig('all', ['axis', 'bool_only', 'skipna', 'level']), (self) => colAnyAll(self.col, 'all'))],
  ['abs', def(sig('abs', []), (self) => self.withColumn(unaryColumn('abs', self.col)))],
  [
    'idxmax',
    def(sig('idxmax', ['axis', 'skipna']), (self) => {
      const p = colArgMinMax(self.col, 'max');
      if (p < 0) throw new DftablesError('DT208', 'attempt to get argmax of an empty sequence');
      return self.index.labelAt(p);
    }),
  ],
  [
    'idxmin',
    def(sig('idxmin', ['axis', 'skipna']), (self) => {
      const p = colArgMinMax(self.col, 'min');
      if (p < 0) throw new DftablesError('DT208', 'attempt to get argmin of an empty sequence');
      return self.index.labelAt(p);
    }),
  ],
  ['nlargest', nlargest('nlargest')],
  ['nsmallest', nlargest('nsmallest')],
  [
    'rename',
    def(sig('rename', ['index'], { keywordOnly: ['axis', 'copy', 'inplace', 'level', 'errors'] }), (self, b, site, rt) => {
      const v = b.get('index');
      if (v instanceof PyDict || (v instanceof PyObject && v.callable())) {
        const labels: PyValue[] = [];
        for (let i = 0; i < self.length; i++) {
          const l = self.index.labelAt(i);
          labels.push(v instanceof PyDict ? (v.has(l) ? v.get(l)! : l) : rt.call(v, [l]));
        }
        return finish(self, b, new Series(self.col, RowIndex.fromLevels([inferColumn(labels)], self.index.names), self.name));
      }
      return finish(self, b, self.withColumn(self.col, v ?? null));
    }),
  ],
  [
    'reset_index',
    def(sig('reset_index', ['level', 'drop', 'name', 'inplace', 'allow_duplicates']), (self, b) => {
      if (b.bool('drop', false)) {
        const r = new Series(self.col, RowIndex.range(self.length), self.name);
        return finish(self, b, r);
      }
      if (b.bool('inplace', false)) throw new DftablesError('DT208', 'Cannot reset_index inplace on a Series to create a DataFrame');
      const name: Label = b.has('name') ? b.get('name')! : self.name === null ? 0n : self.name;
      const { names, cols } = indexColumns(self.index, [name]);
      return new DataFrame([...names, name], [...cols, self.col], RowIndex.range(self.length));
    }),
  ],
  [
    'to_frame',
    def(sig('to_frame', ['name']), (self, b) => seriesToFrame(self, b.has('name') ? b.get('name')! : self.name === null ? 0n : self.name)),
  ],
  [
    'between',
    def(sig('between', ['left', 'right', 'inclusive'], { required: ['left', 'right'] }), (self, b) => {
      let inc = b.get('inclusive') ?? 'both';
      if (inc === true) inc = 'both';
      if (inc === false) inc = 'neither';
      if (inc !== 'both' && inc !== 'neither' && inc !== 'left' && inc !== 'right') throw b.invalid('inclusive', 'Inclusive has to be either string of "both","left", "right", or "neither".', 'DT208');
      const n = self.length;
      const lo = compareColumns(inc === 'both' || inc === 'left' ? '>=' : '>', { col: self.col }, { scalar: b.get('left')! }, n);
      const hi = compareColumns(inc === 'both' || inc === 'right' ? '<=' : '<', { col: self.col }, { scalar: b.get('right')! }, n);
      return self.withColumn(binaryColumns('&', { col: lo }, { col: hi }, n));
    }),
  ],
  [
    'clip',
    def(sig('clip', ['lower', 'upper', 'axis', 'inplace']), (self, b) => {
      const lo = b.opt('lower');
      const hi = b.opt('upper');
      const cells = cellsOf(self.col).map((v) => {
        if (isNA(v)) return v;
        let x = v;
        if (lo !== undefined && pyCompare('<', x, lo)) x = lo;
        if (hi !== undefined && pyCompare('>', x, hi)) x = hi;
        return x;
      });
      const c = inferColumn(cells);
      return finish(self, b, self.withColumn(self.col.dtype === 'float64' && c.dtype === 'int64' ? floatCol(c.data as Float64Array) : c));
    }),
  ],
  [
    'replace',
    def(sig('replace', ['to_replace', 'value', 'inplace', 'limit', 'regex', 'method']), (self, b) => {
      return finish(self, b, self.withColumn(replaceValues(self.col, b)));
    }),
  ],
  [
    'where',
    def(sig('where', ['cond', 'other', 'inplace', 'axis', 'level', 'errors', 'try_cast']), (self, b, site, rt) =>
      finish(self, b, self.withColumn(whereColumn(self, b.get('cond')!, b.get('other'), false, site, rt))),
    ),
  ],
  [
    'mask',
    def(sig('mask', ['cond', 'other', 'inplace', 'axis', 'level', 'errors', 'try_cast']), (self, b, site, rt) =>
      finish(self, b, self.withColumn(whereColumn(self, b.get('cond')!, b.get('other'), true, site, rt))),
    ),
  ],
  [
    'dropna',
    def(sig('dropna', ['axis', 'inplace', 'how']), (self, b) => {
      const m = naMask(self.col);
      const idx: number[] = [];
      for (let i = 0; i < m.length; i++) if (!m[i]) idx.push(i);
      return finish(self, b, self.take(idx));
    }),
  ],
  [
    'drop_duplicates',
    def(sig('drop_duplicates', ['keep', 'inplace']), (self, b) => {
      const dup = duplicatedMask([self.col], keepArg(b));
      const idx: number[] = [];
      for (let i = 0; i < dup.length; i++) if (!dup[i]) idx.push(i);
      return finish(self, b, self.take(idx));
    }),
  ],
  ['duplicated', def(sig('duplicated', ['keep']), (self, b) => self.withColumn(boolCol(duplicatedMask([self.col], keepArg(b)))))],
  ['add', arith('add', '+', false)],
  ['radd', arith('radd', '+', true)],
  ['sub', arith('sub', '-', false)],
  ['subtract', arith('subtract', '-', false)],
  ['rsub', arith('rsub', '-', true)],
  ['mul', arith('mul', '*', false)],
  ['multiply', arith('multiply', '*', false)],
  ['rmul', arith('rmul', '*', true)],
  ['div', arith('div', '/', false)],
  ['divide', arith('divide', '/', false)],
  ['truediv', arith('truediv', '/', false)],
  ['rdiv', arith('rdiv', '/', true)],
  ['rtruediv', arith('rtruediv', '/', true)],
  ['floordiv', arith('floordiv', '//', false)],
  ['rfloordiv', arith('rfloordiv', '//', true)],
  ['mod', arith('mod', '%', false)],
  ['rmod', arith('rmod', '%', true)],
  ['pow', arith('pow', '**', false)],
  ['rpow', arith('rpow', '**', true)],
  ['eq', comparison('eq', '==')],
  ['ne', comparison('ne', '!=')],
  ['lt', comparison('lt', '<')],
  ['le', comparison('le', '<=')],
  ['gt', comparison('gt', '>')],
  ['ge', comparison('ge', '>=')],
  ['cumsum', cumulative('cumsum', 'sum')],
  ['cumprod', cumulative('cumprod', 'prod')],
  ['cummax', cumulative('cummax', 'max')],
  ['cummin', cumulative('cummin', 'min')],
  [
    'shift',
    def(sig('shift', ['periods', 'freq', 'axis', 'fill_value']), (self, b) => self.withColumn(shiftColumn(self.col, b.int('periods', 1), b.get('fill_value')))),
  ],
  [
    'diff',
    def(sig('diff', ['periods']), (self, b) => {
      if (self.col.dtype === 'object') throw new PyTypeError("unsupported operand type(s) for -: 'str' and 'str'");
      const shifted = takeColumn(self.col, shiftIdx(self.length, b.int('periods', 1)));
      const base = self.col.dtype === 'bool' ? floatCol(Float64Array.from(self.col.data)) : self.col;
      const r = binaryColumns('-', { col: base }, { col: shifted.dtype === 'object' ? floatCol(Float64Array.from(cellsOf(shifted).map((v) => (isNA(v) ? NaN : Number(v))))) : shifted }, self.length);
      return self.withColumn(r.dtype === 'int64' ? floatCol(r.data as Float64Array) : r);
    }),
  ],
  [
    'pct_change',
    def(sig('pct_change', ['periods', 'fill_method', 'limit', 'freq']), (self, b) => {
      const periods = b.int('periods', 1);
      const filled = fillDirectionColumn(self.col, true);
      const shifted = takeColumn(filled, shiftIdx(self.length, periods));
      const ratio = binaryColumns('/', { col: filled }, { col: shifted }, self.length);
      return self.withColumn(binaryColumns('-', { col: ratio }, { scalar: 1n }, self.length));
    }),
  ],
  [
    'rank',
    def(sig('rank', ['axis', 'method', 'numeric_only', 'na_option', 'ascending', 'pct']), (self, b) => {
      if (hasIncomparableValues(self.col)) {
        // pandas 1.5.3 catches the TypeError and ranks the numeric data only: none, for an object Series.
        if (b.get('numeric_only') === false || b.get('numeric_only') === true) throw new PyTypeError("'<' not supported between instances of 'str' and a number");
        return new Series(floatCol(new Float64Array(0)), RowIndex.range(0), self.name);
      }
      return self.withColumn(rankColumn(self.col, b.str('method', 'average'), b.bool('ascending', true), b.str('na_option', 'keep'), b.bool('pct', false)));
    }),
  ],
  [
    'agg',
    def(sig('agg', ['func', 'axis'], { varKeywords: true }), (self, b, site, rt) => aggSeries(self, b.get('func') ?? null, site, rt)),
  ],
  [
    'aggregate',
    def(sig('aggregate', ['func', 'axis'], { varKeywords: true }), (self, b, site, rt) => aggSeries(self, b.get('func') ?? null, site, rt)),
  ],
  [
    'item',
    def(sig('item', []), (self) => {
      if (self.length !== 1) throw new DftablesError('DT208', 'can only convert an array of size 1 to a Python scalar');
      return cellAt(self.col, 0);
    }),
  ],
  [
    'equals',
    def(sig('equals', ['other'], { required: ['other'] }), (self, b) => {
      const o = b.get('other');
      if (!(o instanceof Series) || o.length !== self.length || o.col.dtype !== self.col.dtype || !o.index.equals(self.index)) return false;
      const a = cellsOf(self.col);
      return cellsOf(o.col).every((v, i) => (isNA(v) && isNA(a[i])) || valueKey(v) === valueKey(a[i]));
    }),
  ],
  [
    'to_dict',
    def(sig('to_dict', ['into']), (self) => {
      const d = new PyDict();
      for (let i = 0; i < self.length; i++) d.set(self.index.labelAt(i), cellAt(self.col, i));
      return d;
    }),
  ],
  [
    'items',
    def(sig('items', []), (self) => {
      const out: PyValue[] = [];
      for (let i = 0; i < self.length; i++) out.push(new PyTuple([self.index.labelAt(i), cellAt(self.col, i)]));
      return new PyList(out);
    }),
  ],
  ['keys', def(sig('keys', []), (self) => PdIndex.ofRowIndex(self.index))],
  [
    'append',
    def(sig('append', ['to_append', 'ignore_index', 'verify_integrity'], { required: ['to_append'] }), (self, b, site, rt) => {
      const other = b.get('to_append')!;
      const items = other instanceof PyList || other instanceof PyTuple ? [...other.items] : [other];
      return concatObjects([new PyList([self, ...items])], new Map([['ignore_index', b.bool('ignore_index', false)]]), site, rt);
    }),
  ],
  [
    'drop',
    def(sig('drop', ['labels', 'axis', 'index', 'columns', 'level', 'inplace', 'errors']), (self, b, site) => {
      const labels = listOrScalar(b.get('labels') ?? b.get('index') ?? new PyList([]));
      const keys = new Set(labels.map(valueKey));
      const all = self.index.keys();
      const missing = labels.filter((l) => !all.includes(valueKey(l)));
      if (missing.length && b.str('errors', 'raise') === 'raise') {
        throw new DftablesError('DT209', `[${missing.map(pyRepr).join(', ')}] not found in axis`, { pos: site.locate(missing[0], 0) });
      }
      const idx: number[] = [];
      all.forEach((k, i) => {
        if (!keys.has(k)) idx.push(i);
      });
      return finish(self, b, self.take(idx));
    }),
  ],
  [
    'set_axis',
    def(sig('set_axis', ['labels', 'axis', 'inplace', 'copy']), (self, b, site, rt) => {
      const labels = b.get('labels')!;
      const items = labels instanceof PdIndex ? labels.labels() : labels instanceof PyObject ? labels.iter(site, rt) : listOrScalar(labels);
      if (items.length !== self.length) throw new DftablesError('DT208', `Length mismatch: Expected axis has ${self.length} elements, new values have ${items.length} elements`);
      return new Series(self.col, RowIndex.fromLevels([inferColumn(items)], [null]), self.name);
    }),
  ],
  [
    'describe',
    (() => {
      throw new DftablesError('DT212', 'Series.describe() is not supported by dftables', { hint: 'Compute the statistics you need: s.mean(), s.min(), ...' });
    }) as Impl,
  ],
]);

function aggSeries(self: Series, func: PyValue, site: CallSite, rt: Runtime): PyValue {
  const one = (f: PyValue): PyValue => {
    if (typeof f === 'string') {
      const m = SERIES_METHODS.get(f);
      if (!m || !AGG_NAMES.has(f)) throw new DftablesError('DT202', `'${f}' is not a valid function for 'Series' object`);
      return m(self, [], new Map(), site, rt);
    }
    if (f instanceof PyObject && f.callable()) return rt.call(f, [self]);
    throw new PyTypeError(`'${typeof f}' object is not callable`);
  };
  if (func instanceof PyList || func instanceof PyTuple) {
    const names = func.items.map((f) => (typeof f === 'string' ? f : f instanceof PyObject ? f.repr() : String(f)));
    const vals = func.items.map(one);
    return new Series(inferColumn(vals), RowIndex.fromLevels([objCol(names)], [null]), self.name);
  }
  return one(func);
}

const AGG_NAMES = new Set(['sum', 'mean', 'median', 'min', 'max', 'count', 'std', 'var', 'prod', 'nunique', 'first', 'last', 'size', 'any', 'all', 'idxmax', 'idxmin']);

/** Real pandas Series methods dftables does not implement (DT212 instead of "no attribute"). */
export const SERIES_UNSUPPORTED = new Set([
  'plot', 'hist', 'resample', 'rolling', 'expanding', 'ewm', 'groupby', 'interpolate', 'explode', 'sample', 'dt', 'cat', 'sparse',
  'to_csv', 'to_excel', 'to_json', 'to_markdown', 'to_string', 'autocorr', 'corr', 'cov', 'kurt', 'skew', 'sem', 'mad', 'mode',
  'transform', 'pipe', 'unstack', 'searchsorted', 'argsort', 'argmax', 'argmin', 'factorize', 'asof', 'at_time', 'between_time',
  'convert_dtypes', 'infer_objects', 'reindex', 'align', 'combine', 'combine_first', 'update', 'dot', 'swaplevel', 'droplevel',
]);

export { Kwargs };

export { dtypeArg, keepArg, naPosition, sortKind } from './seriesArgs.js';
export { duplicatedMask, indexColumns, isinValues, mapSeries, replaceValues, valueCounts, whereColumn } from './seriesTransforms.js';
