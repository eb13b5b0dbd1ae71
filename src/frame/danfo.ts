/**
 * danfo.js interop for programs that use dftables as a library: a result table handed over as
 * a danfo DataFrame, to keep working in the JS data-frame library the project standardises on.
 *
 * Evaluation itself never goes through danfo (see DEVELOPERS.md: its sort, dtype inference and
 * merge order differ from pandas, and it is slower than typed arrays), and loading it costs
 * about a second and 155 MB, so it is imported only here, only when asked for.
 */
import type { DataFrame as DanfoFrame } from 'danfojs-node';
import { pyStr } from '../python/pyStr.js';
import type { PyValue } from '../python/values.js';
import type { DataFrame } from './dataframe.js';
import type { Column } from './column.js';

const DANFO_DTYPE = { int64: 'int32', float64: 'float32', bool: 'boolean', object: 'string' } as const;

function jsValues(c: Column): (number | boolean | string | null)[] {
  switch (c.dtype) {
    case 'int64':
    case 'float64':
      return Array.from(c.data);
    case 'bool':
      return Array.from(c.data, (v) => v === 1);
    case 'object':
      return c.data.map((v: PyValue) => (v === null || (typeof v === 'number' && Number.isNaN(v)) ? null : typeof v === 'boolean' ? v : pyStr(v)));
  }
}

/** The table as a danfo DataFrame: column names as pandas writes them, numbers as numbers, NaN/None as null in text columns. */
export async function toDanfo(frame: DataFrame): Promise<DanfoFrame> {
  // A CommonJS package: its exports arrive as the default export.
  const dfd = (await import('danfojs-node')).default;
  const labels = frame.columnLabels().map((l) => pyStr(l));
  const data: Record<string, unknown[]> = {};
  const dtypes: string[] = [];
  labels.forEach((name, i) => {
    const col = frame.column(i);
    data[name] = jsValues(col);
    dtypes.push(DANFO_DTYPE[col.dtype]);
  });
  return new dfd.DataFrame(data, { columns: labels, dtypes });
}
