/** DataFrame attributes that are values: columns, index, shape, dtypes, loc ... */
import { PyList, PyTuple, type CallSite, type PyValue, type Runtime } from '../python/values.js';
import type { DataFrame } from './dataframe.js';
import { dtypeName, objCol } from './dtypes.js';
import { RowIndex } from './index.js';
import { LocIndexer } from './locIndexer.js';
import { DTypeObject, NdArray2D } from './ndarray.js';
import { PdIndex } from './pdIndex.js';
import { transposeFrame } from './frameReshape.js';
import { Series } from './series.js';

export const FRAME_PROPERTIES = new Set(['columns', 'index', 'shape', 'size', 'ndim', 'empty', 'dtypes', 'values', 'loc', 'iloc', 'at', 'iat', 'axes', 'T']);

/** df.values: rows as a 2-D array; a frame of mixed dtypes gives Python objects, as numpy's object array. */
export function frameArray(df: DataFrame): NdArray2D {
  const rows: PyValue[][] = df.rows();
  const dtypes = new Set(df.cols.map((c) => c.dtype));
  if (dtypes.size > 1 && !dtypes.has('object') && !dtypes.has('bool')) {
    // int and float columns interleave to float64.
    return new NdArray2D(rows.map((r) => r.map((v) => (typeof v === 'bigint' ? Number(v) : v))));
  }
  return new NdArray2D(rows);
}

export function frameProperty(df: DataFrame, name: string, site: CallSite, rt: Runtime): PyValue {
  void site;
  void rt;
  switch (name) {
    case 'columns':
      return PdIndex.ofLabels(df.names, df.columnsName);
    case 'index':
      return PdIndex.ofRowIndex(df.index);
    case 'axes':
      return new PyList([PdIndex.ofRowIndex(df.index), PdIndex.ofLabels(df.names, df.columnsName)]);
    case 'shape':
      return new PyTuple([BigInt(df.rowCount()), BigInt(df.names.length)]);
    case 'size':
      return BigInt(df.rowCount() * df.names.length);
    case 'ndim':
      return 2n;
    case 'empty':
      return df.rowCount() === 0 || df.names.length === 0;
    case 'dtypes':
      return new Series(
        objCol(df.cols.map((c) => new DTypeObject(dtypeName(c)))),
        RowIndex.fromLevels([objCol([...df.names])], [null]),
        null,
      );
    case 'values':
      return frameArray(df);
    case 'T':
      return transposeFrame(df);
    case 'loc':
    case 'at':
      return new LocIndexer(df, 'loc', name);
    case 'iloc':
    case 'iat':
      return new LocIndexer(df, 'iloc', name);
  }
  throw new Error(`unhandled property ${name}`);
}
