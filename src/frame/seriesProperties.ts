/** Series attributes that are values, not methods: shape, dtype, index, values, str, loc ... */
import { PyTuple, type CallSite, type PyValue, type Runtime } from '../python/values.js';
import { dtypeName, hasNA } from './dtypes.js';
import { valueKey } from './index.js';
import { LocIndexer } from './locIndexer.js';
import { DTypeObject, NdArray } from './ndarray.js';
import { PdIndex } from './pdIndex.js';
import { Series } from './series.js';
import { StrAccessor } from './strAccessor.js';

export const SERIES_PROPERTIES = new Set([
  'shape', 'size', 'ndim', 'dtype', 'dtypes', 'name', 'index', 'values', 'array', 'empty', 'str', 'loc', 'iloc', 'at', 'iat',
  'is_unique', 'hasnans', 'is_monotonic_increasing', 'is_monotonic_decreasing', 'is_monotonic', 'T', 'axes',
]);

export function seriesProperty(s: Series, name: string, site: CallSite, rt: Runtime): PyValue {
  void site;
  void rt;
  switch (name) {
    case 'shape':
      return new PyTuple([BigInt(s.length)]);
    case 'size':
      return BigInt(s.length);
    case 'ndim':
      return 1n;
    case 'dtype':
    case 'dtypes':
      return new DTypeObject(dtypeName(s.col));
    case 'name':
      return s.name;
    case 'index':
      return PdIndex.ofRowIndex(s.index);
    case 'axes':
      return new PyTuple([PdIndex.ofRowIndex(s.index)]);
    case 'values':
    case 'array':
      return new NdArray(s.col);
    case 'empty':
      return s.length === 0;
    case 'str':
      return new StrAccessor(s.col, (c) => s.withColumn(c), 'Series');
    case 'loc':
    case 'at':
      return new LocIndexer(s, 'loc', name);
    case 'iloc':
    case 'iat':
      return new LocIndexer(s, 'iloc', name);
    case 'is_unique': {
      const keys = new Set<unknown>();
      for (const v of s.iter()) keys.add(valueKey(v));
      return keys.size === s.length;
    }
    case 'hasnans':
      return hasNA(s.col);
    case 'is_monotonic':
    case 'is_monotonic_increasing':
    case 'is_monotonic_decreasing': {
      const vals = s.col.data as ArrayLike<number>;
      if (s.col.dtype === 'object') return false;
      const inc = name !== 'is_monotonic_decreasing';
      for (let i = 1; i < vals.length; i++) if (inc ? vals[i] < vals[i - 1] : vals[i] > vals[i - 1]) return false;
      return !hasNA(s.col);
    }
    case 'T':
      return s;
  }
  throw new Error(`unhandled property ${name}`);
}

export function setSeriesAttr(s: Series, name: string, value: PyValue): boolean {
  if (name === 'name') {
    s.name = value;
    return true;
  }
  return false;
}
