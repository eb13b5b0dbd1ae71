import { describe, expect, it } from 'vitest';
import { npRound, pyRound, pyRoundInt, rint } from '../../src/frame/round.js';
import { floatRepr } from '../../src/python/floatRepr.js';
import { goldens, parseFloatRepr } from '../python/goldens.js';

describe('npRound', () => {
  it.each([
    [2.675, 2, 2.68],
    [1.005, 2, 1.0],
    [0.125, 2, 0.12],
    [0.375, 2, 0.38],
    [2.5, 0, 2.0],
    [3.5, 0, 4.0],
    [-2.5, 0, -2.0],
    [11.86499999, 2, 11.86],
    [1250, -2, 1200],
    [1350, -2, 1400],
  ])('np.round(%s, %s) is %s', (x, d, want) => {
    expect(npRound(x, d)).toBe(want);
  });

  it('passes NaN and infinities through', () => {
    expect(npRound(NaN, 2)).toBeNaN();
    expect(npRound(-Infinity, 1)).toBe(-Infinity);
  });

  it('keeps the sign of a negative value that rounds to zero', () => {
    expect(Object.is(npRound(-0.4, 0), -0)).toBe(true);
  });

  it('matches numpy 1.24 on the golden table', () => {
    const cases = goldens.round.filter((c) => c.d !== null && c.np?.ok !== undefined);
    const got = cases.map((c) => floatRepr(npRound(parseFloatRepr(c.x), c.d!)));
    expect(got).toEqual(cases.map((c) => c.np!.ok));
  });
});

describe('pyRound', () => {
  it('rounds the exact binary value, so 2.675 goes down', () => {
    expect(pyRound(2.675, 2)).toBe(2.67);
    expect(pyRound(0.125, 2)).toBe(0.12);
    expect(pyRound(1250, -2)).toBe(1200);
  });

  it('rounds to an integral value, ties to even, without ndigits', () => {
    expect(pyRound(0.5)).toBe(0);
    expect(pyRound(1.5)).toBe(2);
    expect(pyRound(2.5)).toBe(2);
  });

  it('raises for NaN and inf without ndigits', () => {
    expect(() => pyRound(NaN)).toThrow('cannot convert float NaN to integer');
    expect(() => pyRound(Infinity)).toThrow('cannot convert float infinity to integer');
  });

  it('matches CPython on the golden table', () => {
    const cases = goldens.round;
    const got = cases.map((c) => {
      try {
        const r = pyRound(parseFloatRepr(c.x), c.d ?? undefined);
        return c.d === null ? BigInt(r).toString() : floatRepr(r);
      } catch (e) {
        return 'error: ' + (e as Error).message;
      }
    });
    expect(got).toEqual(cases.map((c) => (c.py.ok !== undefined ? c.py.ok : 'error: ' + c.py.message)));
  });
});

describe('pyRoundInt', () => {
  it('rounds ints half to even at negative ndigits', () => {
    expect(pyRoundInt(1250n, -2)).toBe(1200n);
    expect(pyRoundInt(1350n, -2)).toBe(1400n);
    expect(pyRoundInt(-1250n, -2)).toBe(-1200n);
    expect(pyRoundInt(-1251n, -2)).toBe(-1300n);
    expect(pyRoundInt(17n, 3)).toBe(17n);
  });
});

describe('rint', () => {
  it('rounds half to even', () => {
    expect([0.5, 1.5, 2.5, -0.5, -1.5, 2.4999999999999996].map(rint)).toEqual([0, 2, 2, -0, -2, 2]);
  });
});
