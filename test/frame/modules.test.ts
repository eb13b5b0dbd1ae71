import { describe, expect, it } from 'vitest';
import { cellsOf } from '../../src/frame/dtypes.js';
import type { Series } from '../../src/frame/series.js';
import type { NdArray } from '../../src/frame/ndarray.js';
import { PyClass, type PyObject } from '../../src/python/values.js';
import { callMethod, csv, frame, list, np, pd, runtime, site } from './helpers.js';
import { resultTable } from '../../src/frame/modules.js';

const ser = (...v: Parameters<typeof list>) => callMethod(pd, 'Series', [list(...v)]) as Series;

// Goldens from pandas 1.5.3 / numpy 1.24.
describe('pd', () => {
  it('to_numeric: ints stay int64', () => expect((callMethod(pd, 'to_numeric', [ser('1', '2')]) as Series).col.dtype).toBe('int64'));
  it("to_numeric: errors='coerce' gives NaN", () => expect(cellsOf((callMethod(pd, 'to_numeric', [ser('1', 'x', null)], { errors: 'coerce' }) as Series).col)).toEqual([1, NaN, NaN]));
  it('to_numeric: the error names the position', () => expect(() => callMethod(pd, 'to_numeric', [ser('1', 'x')])).toThrow('Unable to parse string "x" at position 1'));
  it("to_numeric: 'nan' text is not a number", () => expect(() => callMethod(pd, 'to_numeric', [ser('nan')])).toThrow('Unable to parse string "nan" at position 0'));
  it('isna on a scalar', () => expect(callMethod(pd, 'isna', [NaN])).toBe(true));
  it('read_csv maps keywords onto the reader', () => {
    const rt = runtime({ 'a.csv': 'x;y\n1;2,5\n' });
    expect(csv(callMethod(pd, 'read_csv', ['a.csv'], { sep: ';', decimal: ',' }, rt))).toBe('x,y\n1,2.5\n');
  });
  it('isinstance works on pd.DataFrame', () => {
    const cls = pd.getAttr('DataFrame', site(), runtime()) as PyClass;
    expect(cls).toBeInstanceOf(PyClass);
    expect(cls.name).toBe(frame({ a: [1n] }).typeName);
  });
  it('unsupported pandas functions are DT212', () => expect(() => pd.getAttr('pivot_table', site(), runtime())).toThrow('pd.pivot_table is not supported by dftables'));
  it('a typo is DT202 with a did-you-mean', () => expect(() => pd.getAttr('read_cvs', site(), runtime())).toThrow("module 'pandas' has no attribute 'read_cvs'; did you mean 'read_csv'?"));
});

describe('np', () => {
  it('round is numpy rounding (2.675 -> 2.68)', () => expect(callMethod(np, 'round', [2.675, 2n])).toBe(2.68));
  it('where with text and NaN gives text (numpy casts nan to "nan")', () => {
    const r = callMethod(np, 'where', [ser(true, false), 'x', NaN]) as NdArray;
    expect(r.iter()).toEqual(['x', 'nan']);
  });
  it('where with None gives an object array', () => expect((callMethod(np, 'where', [ser(true, false), 'x', null]) as NdArray).iter()).toEqual(['x', null]));
  it('where with numbers gives floats', () => expect((callMethod(np, 'where', [ser(true, false), 1n, 2.5]) as NdArray).iter()).toEqual([1, 2.5]));
  it('mean of a Series skips NaN (it is Series.mean)', () => expect(callMethod(np, 'mean', [ser(1.5, NaN)])).toBe(1.5));
  it('mean of a list propagates NaN', () => expect(callMethod(np, 'mean', [list(1.5, NaN)])).toBeNaN());
  it('select picks the first true condition', () => {
    const r = callMethod(np, 'select', [list(ser(true, false), ser(false, true)), list('a', 'b')], { default: 'c' }) as NdArray;
    expect(r.iter()).toEqual(['a', 'b']);
  });
  it('np.float64 works as a dtype for astype', () => {
    const f = np.getAttr('float64', site(), runtime());
    expect((callMethod(ser(1n), 'astype', [f]) as Series).col.dtype).toBe('float64');
  });
  it('np.nan is NaN', () => expect(np.getAttr('nan', site(), runtime())).toBeNaN());
});

void ({} as PyObject);

describe('resultTable', () => {
  it('a DataFrame is its own table', () => {
    const df = frame({ a: [1n] });
    expect(resultTable(df)).toBe(df);
  });
  it("a Series is its one-column frame, as Series.to_csv writes it", () => {
    expect(resultTable(ser(1n, 2n))!.toCsv()).toBe('0\n1\n2\n');
    const named = callMethod(pd, 'Series', [list(1.5)], { name: 'x' });
    expect(resultTable(named)!.toCsv()).toBe('x\n1.5\n');
  });
  it('anything else is not a table', () => expect(resultTable(1n)).toBeUndefined());
});
