/**
 * A column's storage: one numpy-like dtype and its data. Columns are immutable once built:
 * operations make new columns, so frames may share them freely (a copy of a DataFrame is a copy
 * of its list of columns).
 *
 * int64 is kept in a Float64Array: exact up to 2**53, which covers every benchmark table we
 * have seen; bool is 0/1 in a Uint8Array; object holds Python values (str, None, NaN, mixed).
 */
import type { PyValue } from '../python/values.js';

export type DType = 'int64' | 'float64' | 'bool' | 'object';

export type Column =
  | { readonly dtype: 'int64'; readonly data: Float64Array }
  | { readonly dtype: 'float64'; readonly data: Float64Array }
  | { readonly dtype: 'bool'; readonly data: Uint8Array }
  | {
      readonly dtype: 'object';
      readonly data: readonly PyValue[];
      /**
       * pandas' nullable extension dtypes (astype('Int64'), 'string', 'boolean'), kept as object
       * data with None for pd.NA: they write like object columns but print NA as '<NA>'.
       */
      readonly nullable?: NullableDtype;
      /**
       * An int64 column holding values beyond 2**53 (which a float64 array cannot keep exact):
       * the values are exact ints (bigint) and arithmetic wraps around at 64 bits as numpy does.
       */
      readonly int64?: true;
    };

export type NullableDtype = 'Int64' | 'string' | 'boolean';

/** A column label: usually a str, an int for header=None. */
export type Label = PyValue;

export function columnLength(c: Column): number {
  return c.data.length;
}
