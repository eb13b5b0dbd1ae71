/**
 * What the engine imports from the pandas layer: the `pd` and `np` globals and the tests for a
 * block's result.
 */
import type { PyValue } from '../python/values.js';
import { DataFrame } from './dataframe.js';
import { Series } from './series.js';

export { createPandasModule } from './pandasModule.js';
export { createNumpyModule } from './numpyModule.js';
export { DataFrame, isDataFrame } from './dataframe.js';
export { Series } from './series.js';

/**
 * The table a block's result variable stands for, as the original extension's
 * `result.to_csv(index=False)` sees it: a DataFrame as is, a Series as its one-column frame
 * (Series.to_csv writes the name, or 0 for an unnamed Series, then the values); anything else
 * is not a table (undefined).
 */
export function resultTable(v: PyValue): DataFrame | undefined {
  if (v instanceof DataFrame) return v;
  if (v instanceof Series) return new DataFrame([v.name === null ? 0n : v.name], [v.col], v.index);
  return undefined;
}
