/**
 * lexsort_indexer by LSD radix and counting passes (the default) against the sort by packed
 * category codes (radix: false), and the string fast paths of factorizing against code().
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Column } from '../../src/frame/column.js';
import { lexsortIndexer, sortedCodes } from '../../src/frame/sort.js';
import { Factorizer } from '../../src/frame/factorize.js';
import type { PyValue } from '../../src/python/values.js';

const NUM = fc.oneof(fc.double(), fc.constantFrom(0, -0, NaN, Infinity, -Infinity, 1, 1.5, -2, 5e-324, -5e-324, 2 ** 60));
const OBJ: fc.Arbitrary<PyValue> = fc.constantFrom('a', 'b', 'B', '', 'zz', 'é', null, NaN, 1, 2.5, 3n, true);

const key: fc.Arbitrary<(n: number) => fc.Arbitrary<Column>> = fc.constantFrom(
  (n: number) => fc.array(NUM, { minLength: n, maxLength: n }).map((v): Column => ({ dtype: 'float64', data: Float64Array.from(v) })),
  (n: number) => fc.array(fc.integer({ min: -5, max: 5 }), { minLength: n, maxLength: n }).map((v): Column => ({ dtype: 'int64', data: Float64Array.from(v) })),
  (n: number) => fc.array(fc.boolean(), { minLength: n, maxLength: n }).map((v): Column => ({ dtype: 'bool', data: Uint8Array.from(v, Number) })),
  (n: number) => fc.array(fc.constantFrom<PyValue>('a', 'b', 'B', '', 'zz', 'é', null, NaN), { minLength: n, maxLength: n }).map((v): Column => ({ dtype: 'object', data: v })),
  (n: number) => fc.array(fc.constantFrom<PyValue>(1n, -2n, 3n, null), { minLength: n, maxLength: n }).map((v): Column => ({ dtype: 'object', data: v })),
);

const sortCase = fc
  .tuple(fc.nat({ max: 60 }), fc.array(key, { minLength: 1, maxLength: 3 }))
  .chain(([n, makers]) =>
    fc.record({
      keys: fc.tuple(...makers.map((m) => m(n))),
      ascending: fc.array(fc.boolean(), { minLength: makers.length, maxLength: makers.length }),
      na: fc.constantFrom<'last' | 'first'>('last', 'first'),
    }),
  );

describe('lexsortIndexer', () => {
  it('orders rows exactly as the sort by packed codes', () => {
    fc.assert(
      fc.property(sortCase, ({ keys, ascending, na }) => {
        expect(Array.from(lexsortIndexer(keys, ascending, na, { radix: true }))).toEqual(Array.from(lexsortIndexer(keys, ascending, na, { radix: false })));
      }),
      { numRuns: 1000 },
    );
  });

  it('orders a few thousand rows of repeated and distinct keys as the sort by packed codes', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const n = 3000;
    const model: Column = { dtype: 'object', data: Array.from({ length: n }, () => (rand() < 0.02 ? null : `m${Math.floor(rand() * 40)}`)) };
    const cost: Column = { dtype: 'float64', data: Float64Array.from({ length: n }, () => (rand() < 0.02 ? NaN : Math.round(rand() * 1e4) / 7 - 500)) };
    const batch: Column = { dtype: 'int64', data: Float64Array.from({ length: n }, () => 1 << Math.floor(rand() * 6)) };
    for (const [asc, na] of [[[true, false, true], 'last'], [[false, true, false], 'first']] as const) {
      expect(Array.from(lexsortIndexer([model, batch, cost], [...asc], na))).toEqual(Array.from(lexsortIndexer([model, batch, cost], [...asc], na, { radix: false })));
    }
  });

  it('sorts a float key stably with -0 equal to 0 and NaN where asked', () => {
    const k: Column = { dtype: 'float64', data: Float64Array.from([0, NaN, -0, -1, 0]) };
    expect(Array.from(lexsortIndexer([k], [true], 'last', { radix: true }))).toEqual([3, 0, 2, 4, 1]);
    expect(Array.from(lexsortIndexer([k], [false], 'first', { radix: true }))).toEqual([1, 0, 2, 4, 3]);
  });
});

describe('factorizing strings', () => {
  it('gives the codes code() gives, value by value', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(OBJ, fc.string({ maxLength: 2 })), { maxLength: 40 }), (values) => {
        const whole = new Factorizer().codes({ dtype: 'object', data: values });
        const one = new Factorizer();
        expect(Array.from(whole)).toEqual(values.map((v) => one.code(v)));
      }),
      { numRuns: 1000 },
    );
  });

  it('numbers sorted categories of mixed object columns as before', () => {
    const { codes, ncat } = sortedCodes({ dtype: 'object', data: ['b', null, 'a', 2, 'b', NaN, 1n, true] });
    // numbers first (1n and True are one value), then strings; missing values -1
    expect(Array.from(codes)).toEqual([3, -1, 2, 1, 3, -1, 0, 0]);
    expect(ncat).toBe(4);
  });
});
