import { describe, expect, it } from 'vitest';
import { floatRepr } from '../../src/python/floatRepr.js';
import { goldens, parseFloatRepr } from './goldens.js';

describe('floatRepr', () => {
  it.each([
    [2693, '2693.0'],
    [1e-5, '1e-05'],
    [1e-4, '0.0001'],
    [100000 / 3, '33333.333333333336'],
    [1e16, '1e+16'],
    [1e15, '1000000000000000.0'],
    [9999999999999998, '9999999999999998.0'],
    [2.5e-7, '2.5e-07'],
    [1e21, '1e+21'],
    [1.7976931348623157e308, '1.7976931348623157e+308'],
    [5e-324, '5e-324'],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
    [NaN, 'nan'],
    [-0, '-0.0'],
    [0, '0.0'],
    [0.1 + 0.2, '0.30000000000000004'],
  ])('repr(%s) is %s', (x, want) => {
    expect(floatRepr(x)).toBe(want);
  });

  it('matches CPython on 600+ random doubles', () => {
    const bad = goldens.repr.filter((c) => floatRepr(parseFloatRepr(c.x)) !== c.repr);
    expect(bad).toEqual([]);
  });
});
