import { describe, expect, it } from 'vitest';
import { joinIndexers } from '../../src/frame/merge.js';
import { inferColumn } from '../../src/frame/dtypes.js';
import { callMethod, csv, frame, pd, runtime, list, site } from './helpers.js';

// Row orders from pandas 1.5.3 (libjoin): left keys b a c b d, right keys a b b e.
const L = () => [inferColumn(['b', 'a', 'c', 'b', 'd'])];
const R = () => [inferColumn(['a', 'b', 'b', 'e'])];

describe('join order', () => {
  it('inner: grouped by key in order of first appearance', () => {
    const { li, ri } = joinIndexers(L(), R(), 'inner', false);
    expect([...li]).toEqual([0, 0, 3, 3, 1]);
    expect([...ri]).toEqual([1, 2, 1, 2, 0]);
  });
  it('left: left row order, each with its matches', () => {
    const { li, ri } = joinIndexers(L(), R(), 'left', false);
    expect([...li]).toEqual([0, 0, 1, 2, 3, 3, 4]);
    expect([...ri]).toEqual([1, 2, 0, -1, 1, 2, -1]);
  });
  it('right: right row order', () => {
    const { li, ri } = joinIndexers(L(), R(), 'right', false);
    expect([...li]).toEqual([1, 0, 3, 0, 3, -1]);
    expect([...ri]).toEqual([0, 1, 1, 2, 2, 3]);
  });
  it('outer: key groups, then right-only keys', () => {
    const { li, ri } = joinIndexers(L(), R(), 'outer', false);
    expect([...li]).toEqual([0, 0, 3, 3, 1, 2, 4, -1]);
    expect([...ri]).toEqual([1, 2, 1, 2, 0, -1, -1, 3]);
  });
  it('NaN keys match each other', () => {
    const { li, ri } = joinIndexers([inferColumn([1.0, NaN])], [inferColumn([NaN])], 'inner', false);
    expect([...li]).toEqual([1]);
    expect([...ri]).toEqual([0]);
  });
});

describe('pd.merge', () => {
  it('suffixes overlapping columns and keeps the key once', () => {
    const l = frame({ k: [1n, 2n], v: [1n, 2n] });
    const r = frame({ k: [2n, 1n], v: [3n, 4n] });
    expect(csv(callMethod(pd, 'merge', [l, r], { on: 'k' }))).toBe('k,v_x,v_y\n1,1,4\n2,2,3\n');
  });
  it('int columns with missing rows become float', () => {
    const l = frame({ k: [1n, 2n, 3n], a: [true, false, true] });
    const r = frame({ k: [3n, 4n, 1n], b: [10n, 20n, 30n] });
    expect(csv(callMethod(pd, 'merge', [l, r], { on: 'k', how: 'outer' }))).toBe('k,a,b\n1,True,30.0\n2,False,\n3,True,10.0\n4,,20.0\n');
  });
  it('warns DT602 when an inner merge drops rows and DT603 when it repeats them', () => {
    const rt = runtime();
    const l = frame({ k: ['a', 'b', 'z'] });
    const r = frame({ k: ['a', 'b', 'b'] });
    callMethod(pd, 'merge', [l, r], { on: 'k' }, rt);
    expect(rt.warnings.map((w) => w.code)).toEqual(['DT602', 'DT603']);
  });
  it('refuses text keys against number keys', () => {
    expect(() => callMethod(pd, 'merge', [frame({ k: ['1'] }), frame({ k: [1n] })], { on: 'k' })).toThrow('You are trying to merge on object and int64 columns');
  });
  it('an unknown key column is DT201 located in the on= argument', () => {
    const s = site(['on']);
    try {
      callMethod(pd, 'merge', [frame({ k: [1n] }), frame({ k: [1n] })], { on: 'kk' }, runtime(), s);
    } catch (e) {
      expect((e as { code: string }).code).toBe('DT201');
      expect(s.located).toEqual([{ value: 'kk', arg: 'on' }]);
      return;
    }
    throw new Error('no error');
  });
});

describe('pd.concat', () => {
  it('unions columns in order of appearance; missing parts become NaN', () => {
    const a = frame({ a: [1n], b: [true] });
    const b = frame({ c: ['x'], a: [2n] });
    expect(csv(callMethod(pd, 'concat', [list(a, b)]))).toBe('a,b,c\n1,True,\n2,,x\n');
  });
  it('bool with int stays int64', () => {
    expect(csv(callMethod(pd, 'concat', [list(frame({ x: [true] }), frame({ x: [1n] }))]))).toBe('x\n1\n1\n');
  });
  it('needs at least one object', () => expect(() => callMethod(pd, 'concat', [list()])).toThrow('No objects to concatenate'));
});
