import { describe, expect, it } from 'vitest';
import { PySlice, PyTuple, type PyObject } from '../../src/python/values.js';
import type { DataFrame } from '../../src/frame/dataframe.js';
import { csv, frame, list, runtime, site } from './helpers.js';

const make = () => frame({ m: ['a', 'b', 'c'], v: [1n, 2n, 3n], f: [0.5, 1.5, 2.5] }) as DataFrame;
const loc = (df: DataFrame, name = 'loc') => df.getAttr(name, site(), runtime()) as PyObject;
const all = new PySlice(null, null, null);

// Goldens from pandas 1.5.3.
describe('.loc', () => {
  it('mask and column list', () => {
    const df = make();
    const mask = df.getItem('v', site(), runtime()) as PyObject;
    const m = mask.compare('>', 1n, site(), runtime());
    expect(csv(loc(df).getItem(new PyTuple([m, list('m')]), site(), runtime()))).toBe('m\nb\nc\n');
  });
  it('label slices include both ends', () => expect(csv(loc(make()).getItem(new PyTuple([new PySlice(0n, 1n, null), new PySlice('m', 'v', null)]), site(), runtime()))).toBe('m,v\na,1\nb,2\n'));
  it('a scalar cell', () => expect(loc(make()).getItem(new PyTuple([1n, 'm']), site(), runtime())).toBe('b'));
  it('setting a float into an int column upcasts to float64', () => {
    const df = make();
    loc(df).setItem(new PyTuple([1n, 'v']), 1.5, site(), runtime());
    expect(csv(df)).toBe('m,v,f\na,1.0,0.5\nb,1.5,1.5\nc,3.0,2.5\n');
  });
  it('setting an integral float into an int column keeps int64', () => {
    const df = make();
    loc(df).setItem(new PyTuple([1n, 'v']), 7.0, site(), runtime());
    expect(csv(df)).toBe('m,v,f\na,1,0.5\nb,7,1.5\nc,3,2.5\n');
  });
  it('a new column starts as NaN', () => {
    const df = make();
    loc(df).setItem(new PyTuple([0n, 'n']), 1n, site(), runtime());
    expect(csv(df)).toBe('m,v,f,n\na,1,0.5,1.0\nb,2,1.5,\nc,3,2.5,\n');
  });
  it('a new row label appends a row (concat upcasting)', () => {
    const df = make();
    loc(df).setItem(3n, list('Total', 6n, 4.5), site(), runtime());
    expect(csv(df)).toBe('m,v,f\na,1,0.5\nb,2,1.5\nc,3,2.5\nTotal,6,4.5\n');
  });
  it('loc[:, col] = series', () => {
    const df = make();
    loc(df).setItem(new PyTuple([all, 'm']), 'z', site(), runtime());
    expect(csv(df)).toBe('m,v,f\nz,1,0.5\nz,2,1.5\nz,3,2.5\n');
  });
  it('a missing label is a KeyError pointing at the label', () => {
    const s = site();
    expect(() => loc(make()).getItem(new PyTuple([7n, 'm']), s, runtime())).toThrow('KeyError: 7');
  });
});

describe('.iloc', () => {
  it('positions and negative positions', () => expect(loc(make(), 'iloc').getItem(new PyTuple([-1n, 0n]), site(), runtime())).toBe('c'));
  it('slices', () => expect(csv(loc(make(), 'iloc').getItem(new PySlice(null, null, 2n), site(), runtime()))).toBe('m,v,f\na,1,0.5\nc,3,2.5\n'));
  it('out of bounds', () => expect(() => loc(make(), 'iloc').getItem(5n, site(), runtime())).toThrow('single positional indexer is out-of-bounds'));
});
