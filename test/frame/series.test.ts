import { describe, expect, it } from 'vitest';
import { DftablesError } from '../../src/errors.js';
import { PyList, PySlice } from '../../src/python/values.js';
import { Series } from '../../src/frame/modules.js';
import { NdArray } from '../../src/frame/ndarray.js';
import { cellsOf } from '../../src/frame/dtypes.js';
import { callMethod, dict, JsFunction, list, pd, runtime, site } from './helpers.js';

function series(values: PyList, kwargs: Record<string, unknown> = {}): Series {
  return callMethod(pd, 'Series', [values], kwargs as never) as Series;
}
const values = (s: unknown) => cellsOf((s as Series).col);
const labels = (s: Series) => Array.from({ length: s.index.length }, (_, i) => s.index.labelAt(i));

// Goldens from pandas 1.5.3.
describe('alignment', () => {
  it('adds on the sorted union of labels when indexes differ', () => {
    const a = series(list(1n, 2n, 3n), { index: list(2n, 0n, 1n) });
    const b = series(list(10n, 20n), { index: list(0n, 5n) });
    const r = a.binaryOp('+', b, false, site(), runtime()) as Series;
    expect(labels(r)).toEqual([0n, 1n, 2n, 5n]);
    expect(values(r)).toEqual([12, NaN, NaN, NaN]);
  });
  it('keeps the order when the indexes are equal', () => {
    const a = series(list(1n, 2n), { index: list('b', 'a') });
    const r = a.binaryOp('*', a, false, site(), runtime()) as Series;
    expect(labels(r)).toEqual(['b', 'a']);
    expect(values(r)).toEqual([1n, 4n]);
  });
  it('comparing differently labelled Series is an error', () => {
    const a = series(list(1n, 2n), { index: list('b', 'a') });
    const b = series(list(1n, 2n));
    expect(() => a.compare('==', b, site(), runtime())).toThrow('Can only compare identically-labeled Series objects');
  });
});

describe('indexing', () => {
  const s = () => series(list(10n, 20n, 30n), { index: list(2n, 0n, 1n) });
  it('s[label] uses labels on an int index', () => expect(s().getItem(0n, site(), runtime())).toBe(20n));
  it('s[int] falls back to positions on a text index', () => expect(series(list(10n, 20n), { index: list('a', 'b') }).getItem(0n, site(), runtime())).toBe(10n));
  it('a missing label is a KeyError (DT209)', () => {
    try {
      s().getItem(5n, site(), runtime());
    } catch (e) {
      expect((e as DftablesError).code).toBe('DT209');
      return;
    }
    throw new Error('no error');
  });
  it('s[1:] slices by position', () => expect(values(s().getItem(new PySlice(1n, null, null), site(), runtime()))).toEqual([20n, 30n]));
  it('`x in s` looks at the index', () => {
    expect(s().contains(0n)).toBe(true);
    expect(s().contains(10n)).toBe(false);
  });
});

describe('methods', () => {
  it('map with a dict gives NaN for missing keys (float64)', () => {
    const r = callMethod(series(list('a', 'b', 'c')), 'map', [dict({ a: 1n, b: 2n })]) as Series;
    expect(r.col.dtype).toBe('float64');
    expect(values(r)).toEqual([1, 2, NaN]);
  });
  it('map with a function infers the result dtype', () => {
    const r = callMethod(series(list(1n, 2n)), 'map', [new JsFunction((v) => (v === 1n ? null : v))], {}, runtime()) as Series;
    expect(r.col.dtype).toBe('float64');
    expect(values(r)).toEqual([NaN, 2]);
  });
  it('astype(str) writes floats with repr and NaN as nan', () => {
    const r = callMethod(series(list(1.5, NaN, 1e-5, 1e16)), 'astype', ['str']);
    expect(values(r)).toEqual(['1.5', 'nan', '1e-05', '1e+16']);
  });
  it('astype(int) truncates toward zero', () => expect(values(callMethod(series(list(1.7, -1.7)), 'astype', ['int']))).toEqual([1n, -1n]));
  it('astype(int) with NaN is DT210', () => {
    try {
      callMethod(series(list(1.7, NaN)), 'astype', ['int']);
    } catch (e) {
      expect((e as DftablesError).code).toBe('DT210');
      expect((e as DftablesError).message).toBe('Cannot convert non-finite values (NA or inf) to integer');
      return;
    }
    throw new Error('no error');
  });
  it('round(0) keeps int64', () => expect((callMethod(series(list(1n, 2n)), 'round', [0n]) as Series).col.dtype).toBe('int64'));
  it('round(-1) rounds ints half to even', () => expect(values(callMethod(series(list(15n, 25n)), 'round', [-1n]))).toEqual([20n, 20n]));
  it('fillna with text makes a float column object', () => expect(values(callMethod(series(list(1.5, NaN)), 'fillna', ['-']))).toEqual([1.5, '-']));
  it('fillna with a number keeps float64', () => expect((callMethod(series(list(1.5, NaN)), 'fillna', [0n]) as Series).col.dtype).toBe('float64'));
  it('isin matches 1 with 1.0 and True', () => expect(values(callMethod(series(list(1n, 0n)), 'isin', [list(true)]))).toEqual([true, false]));
  it('isin refuses a scalar', () => expect(() => callMethod(series(list('1')), 'isin', ['1'])).toThrow('only list-like objects are allowed to be passed to isin(), you passed a [str]'));
  it('unique keeps order of appearance, as an array', () => {
    const u = callMethod(series(list(3n, 1n, 3n)), 'unique') as NdArray;
    expect(u).toBeInstanceOf(NdArray);
    expect(u.iter()).toEqual([3n, 1n]);
  });
  it('value_counts sorts by count, ties in order of appearance', () => {
    const r = callMethod(series(list(3n, 1n, 2n, 2n, 1n, 3n, 5n)), 'value_counts') as Series;
    expect(labels(r)).toEqual([3n, 1n, 2n, 5n]);
    expect(values(r)).toEqual([2n, 2n, 2n, 1n]);
  });
  it('sum of bools is an int, mean a float', () => {
    const b = series(list(true, false, true));
    expect(callMethod(b, 'sum')).toBe(2n);
    expect(callMethod(b, 'mean')).toBe(0.6666666666666666);
  });
  it('head(-1) and tail(-1)', () => {
    const s = series(list(1n, 2n, 3n));
    expect(values(callMethod(s, 'head', [-1n]))).toEqual([1n, 2n]);
    expect(values(callMethod(s, 'tail', [-1n]))).toEqual([2n, 3n]);
  });
  it('sort_values is the numpy quicksort order for ties', () => {
    const s = series(list(...[1n, 1n, 1n, 1n, 1n, 1n, 1n, 1n, 0n, 1n, 0n, 0n, 1n, 0n, 1n, 1n, 0n]));
    const r = callMethod(s, 'sort_values') as Series;
    expect(labels(r)).toEqual([8n, 13n, 11n, 10n, 16n, 5n, 6n, 7n, 15n, 9n, 3n, 2n, 12n, 1n, 14n, 4n, 0n]);
  });
  it('reset_index names an unnamed Series 0', () => {
    const df = callMethod(series(list(1n, 2n)), 'reset_index');
    expect((df as { toCsv(): string }).toCsv()).toBe('index,0\n0,1\n1,2\n');
  });
  it('truth value is ambiguous', () => expect(() => series(list(1n)).truthy()).toThrow('The truth value of a Series is ambiguous'));
});
