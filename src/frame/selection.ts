/**
 * Row selection keys shared by Series/DataFrame indexing and .loc/.iloc: boolean masks (aligned
 * on labels as pandas does), Python slices, positions.
 */
import { DftablesError } from '../errors.js';
import { PyList, PyObject, PySlice, PyTuple, PyTypeError, type CallSite, type PyValue } from '../python/values.js';
import { getIndexer } from './align.js';
import type { Column } from './column.js';
import { isNA } from './dtypes.js';
import type { RowIndex } from './index.js';

/** Duck-typed views of our Series/NdArray, to keep this file free of import cycles. */
interface HasColumn {
  col: Column;
  index?: RowIndex;
}

function isSeriesLike(v: PyValue): v is PyObject & HasColumn & { index: RowIndex } {
  return v instanceof PyObject && v.typeName === 'Series';
}

function isArrayLike(v: PyValue): v is PyObject & HasColumn {
  return v instanceof PyObject && v.typeName === 'ndarray';
}

function boolPositions(values: ArrayLike<number>): Int32Array {
  const out: number[] = [];
  for (let i = 0; i < values.length; i++) if (values[i]) out.push(i);
  return Int32Array.from(out);
}

function objectMaskToBits(c: Column): Uint8Array | undefined {
  if (c.dtype === 'bool') return c.data;
  if (c.dtype !== 'object') return undefined;
  const out = new Uint8Array(c.data.length);
  for (let i = 0; i < c.data.length; i++) {
    const v = c.data[i];
    if (typeof v === 'boolean') out[i] = v ? 1 : 0;
    else if (v === null && c.nullable === 'boolean') out[i] = 0;
    else if (isNA(v)) {
      throw new DftablesError('DT208', 'Cannot mask with non-boolean array containing NA / NaN values', {
        hint: 'Fill the mask first: mask.fillna(False).',
      });
    } else return undefined;
  }
  return out;
}

/**
 * Positions selected by a boolean mask key, or undefined when the key is not a mask.
 * A bool Series is aligned on the target's labels first (pandas reindexes it).
 */
export function maskPositions(key: PyValue, index: RowIndex, n: number, site: CallSite): Int32Array | undefined {
  if (isSeriesLike(key)) {
    const bits = objectMaskToBits(key.col);
    if (!bits) return undefined;
    if (key.index.equals(index)) return boolPositions(bits);
    const idx = getIndexer(key.index, index);
    const out: number[] = [];
    for (let i = 0; i < idx.length; i++) {
      if (idx[i] < 0) {
        throw new DftablesError(
          'DT209',
          'Unalignable boolean Series provided as indexer (index of the boolean Series and of the indexed object do not match).',
          { pos: site.argPos[0] },
        );
      }
      if (bits[idx[i]]) out.push(i);
    }
    return Int32Array.from(out);
  }
  if (isArrayLike(key)) {
    const bits = objectMaskToBits(key.col);
    if (!bits) return undefined;
    checkMaskLength(bits.length, n);
    return boolPositions(bits);
  }
  if ((key instanceof PyList || key instanceof PyTuple) && key.items.length > 0 && key.items.every((v) => typeof v === 'boolean')) {
    checkMaskLength(key.items.length, n);
    const out: number[] = [];
    key.items.forEach((v, i) => {
      if (v) out.push(i);
    });
    return Int32Array.from(out);
  }
  return undefined;
}

function checkMaskLength(got: number, n: number): void {
  if (got !== n) throw new DftablesError('DT209', `Boolean index has wrong length: ${got} instead of ${n}`);
}

function sliceInt(v: PyValue, what: string): number | null {
  if (v === null) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw new PyTypeError(`slice ${what} must be an integer or None, not ${typeof v === 'number' ? 'float' : typeof v === 'string' ? 'str' : 'object'}`);
}

/** Python's slice.indices(n): [start, stop, step] clamped to a sequence of length n. */
export function sliceBounds(key: PyValue, n: number): [number, number, number] {
  const s = key as PySlice;
  const step = sliceInt(s.step, 'step') ?? 1;
  if (step === 0) throw new DftablesError('DT208', 'slice step cannot be zero');
  let start = sliceInt(s.start, 'start');
  let stop = sliceInt(s.stop, 'stop');
  if (step > 0) {
    start = start === null ? 0 : start < 0 ? Math.max(0, start + n) : Math.min(start, n);
    stop = stop === null ? n : stop < 0 ? Math.max(0, stop + n) : Math.min(stop, n);
  } else {
    start = start === null ? n - 1 : start < 0 ? Math.max(-1, start + n) : Math.min(start, n - 1);
    stop = stop === null ? -1 : stop < 0 ? Math.max(-1, stop + n) : Math.min(stop, n - 1);
  }
  return [start, stop, step];
}

export function isSlice(v: PyValue): v is PySlice {
  return v instanceof PySlice || (v instanceof PyObject && v.typeName === 'slice');
}

/** An int (or integral float) as a position in 0..n-1 (negative from the end), or undefined. */
export function positionalKey(key: PyValue, n: number): number | undefined {
  let i: number;
  if (typeof key === 'bigint') i = Number(key);
  else if (typeof key === 'number' && Number.isInteger(key)) i = key;
  else return undefined;
  if (i < 0) i += n;
  return i >= 0 && i < n ? i : undefined;
}
