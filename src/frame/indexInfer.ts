/**
 * pandas 1.5.3 builds group and value_counts indexes with Index._with_infer (and the Index
 * constructor infers the same way): object values that are all numbers, or all bools, become an
 * int, float or bool index. NaN is allowed with numbers (float), not with bools (stays object).
 */
import type { Column } from './column.js';
import { colLength, inferColumn } from './dtypes.js';
import type { PyValue } from '../python/values.js';

export function inferIndexColumn(c: Column): Column {
  if (c.dtype !== 'object' || c.nullable || colLength(c) === 0) return c;
  const inferred = inferColumn(c.data as PyValue[]);
  return inferred.dtype === 'object' ? c : inferred;
}
