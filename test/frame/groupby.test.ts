import { describe, expect, it } from 'vitest';
import { callMethod, csv, frame, list, runtime, site } from './helpers.js';
import { PyTuple, type PyObject } from '../../src/python/values.js';

const data = () =>
  frame({
    k: ['b', 'a', 'b', 'a', NaN],
    s: ['x', 'y', NaN, 'w', 'q'],
    i: [1n, 2n, 3n, 4n, 5n],
    f: [1.5, NaN, 2.5, NaN, 1.0],
    t: [true, false, true, true, false],
  });
const gb = (...args: Parameters<typeof callMethod>[1][]) => callMethod(data(), 'groupby', args as never) as PyObject;
const agg = (g: PyObject, name: string, kwargs: Record<string, unknown> = {}) => callMethod(callMethod(g, name, [], kwargs as never), 'reset_index');

// Goldens from pandas 1.5.3.
describe('DataFrameGroupBy aggregations', () => {
  it('sum keeps numeric columns (bool sums to int)', () => expect(csv(agg(gb('k'), 'sum'))).toBe('k,i,f,t\na,6,0.0,1\nb,4,4.0,2\n'));
  it('mean', () => expect(csv(agg(gb('k'), 'mean'))).toBe('k,i,f,t\na,3.0,,0.5\nb,2.0,2.0,1.0\n'));
  it('min drops the text column it fails on', () => expect(csv(agg(gb('k'), 'min'))).toBe('k,i,f,t\na,2,,False\nb,1,1.5,True\n'));
  it('count keeps every column', () => expect(csv(agg(gb('k'), 'count'))).toBe('k,s,i,f,t\na,2,2,0,2\nb,1,2,2,2\n'));
  it('first skips missing values', () => expect(csv(agg(gb('k'), 'first'))).toBe('k,s,i,f,t\na,y,2,,False\nb,x,1,1.5,True\n'));
  it('std', () => expect(csv(agg(gb('k'), 'std'))).toBe('k,i,f,t\na,1.4142135623730951,,0.7071067811865476\nb,1.4142135623730951,0.7071067811865476,0.0\n'));
  it('dropna=False keeps the NaN group last', () => {
    const g = callMethod(callMethod(data(), 'groupby', ['k'], { dropna: false }) as PyObject, 'sum');
    expect(csv(callMethod(g, 'reset_index'))).toBe('k,i,f,t\na,6,0.0,1\nb,4,4.0,2\n,5,1.0,0\n');
  });
  it('sort=False keeps first appearance', () => {
    const g = callMethod(data(), 'groupby', ['k'], { sort: false }) as PyObject;
    const s = g.getItem('i', site(), runtime()) as PyObject;
    expect(csv(callMethod(callMethod(s, 'sum'), 'reset_index'))).toBe('k,i\nb,4\na,6\n');
  });
  it('as_index=False puts the keys in columns', () => {
    const g = callMethod(data(), 'groupby', ['k'], { as_index: false }) as PyObject;
    expect(csv(callMethod(g.getItem('i', site(), runtime()), 'sum'))).toBe('k,i\na,6\nb,4\n');
  });
  it('several keys give a MultiIndex that reset_index spreads', () => {
    const g = gb(list('k', 't'));
    expect(csv(callMethod(callMethod(g.getItem('i', site(), runtime()), 'sum'), 'reset_index'))).toBe('k,t,i\na,False,2\na,True,4\nb,True,4\n');
  });
  it('head(n) keeps original order and drops NaN keys', () => expect(csv(callMethod(gb('k'), 'head', [1n]))).toBe('k,s,i,f,t\nb,x,1,1.5,True\na,y,2,,False\n'));
  it('named aggregation', () => {
    const r = callMethod(gb('k'), 'agg', [], { total: new PyTuple(['i', 'sum']), m: new PyTuple(['f', 'max']) });
    expect(csv(callMethod(r, 'reset_index'))).toBe('k,total,m\na,6,\nb,4,2.5\n');
  });
  it('an unknown key is DT201', () => expect(() => gb('kk')).toThrow("column 'kk' not found; did you mean 'k'?"));
  it('SeriesGroupBy.mean of text raises', () => expect(() => callMethod(gb('k').getItem('s', site(), runtime()), 'mean')).toThrow('Could not convert yw to numeric'));
});
