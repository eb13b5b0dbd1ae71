import { describe, expect, it } from 'vitest';
import { libmPow } from '../../src/python/libmPow.js';

// Expected values are CPython's (glibc pow) results, written with repr().
describe('libmPow', () => {
  it('rounds a fractional power where V8 Math.pow is one ULP off', () => {
    expect(libmPow(7, 1.5)).toBe(18.520259177452136);
  });

  it('rounds an integer power where V8 Math.pow is one ULP off', () => {
    expect(libmPow(1.1625979700146916, 7)).toBe(2.8708263394102347);
  });

  it('rounds a large power correctly', () => {
    expect(libmPow(705325.1366963367, 2.5)).toBe(417804779934429.3);
  });

  it('gives compound growth as C does', () => {
    expect(libmPow(1.05, 10)).toBe(1.628894626777442);
  });

  it('keeps a huge exponent of a number near one accurate', () => {
    expect(libmPow(1.0000001, 1e9)).toBe(2.6881038582144647e43);
  });

  it('gives exact results exactly', () => {
    expect([libmPow(2, 0.5), libmPow(-2.5, 3), libmPow(3, -2), libmPow(10, 308), libmPow(1e300, 1)]).toEqual([
      1.4142135623730951, -15.625, 0.1111111111111111, 1e308, 1e300,
    ]);
  });

  it('rounds subnormal results', () => {
    expect([libmPow(2, -1074), libmPow(0.5, 1074.5)]).toEqual([5e-324, 5e-324]);
  });

  it('follows C99 for special values', () => {
    expect([libmPow(1, NaN), libmPow(NaN, 0), libmPow(-1, Infinity), libmPow(-8, 1 / 3), libmPow(0, -1), libmPow(10, 400)]).toEqual([
      1, 1, 1, NaN, Infinity, Infinity,
    ]);
  });
});
