import { describe, expect, it } from 'vitest';
import { colMean, colMedian, colMinMax, colQuantile, colStd, colSum, colVar, npSum } from '../../src/frame/reductions.js';
import { groupAggregate } from '../../src/frame/groupAgg.js';
import { cellsOf, inferColumn } from '../../src/frame/dtypes.js';

// Goldens printed by pandas 1.5.3 / numpy 1.24 (repr of the results).
const tenths = Array.from({ length: 200 }, (_, i) => 0.1 * (i + 1));

describe("numpy's pairwise summation", () => {
  it('sums 200 tenths to 2010.0 (a plain loop gives 2010.0000000000002)', () => expect(colSum(inferColumn(tenths))).toBe(2010.0));
  it('sums in 8192-element blocks', () => {
    const b = [...Array(9000).fill(1 / 3), ...Array(9000).fill(2 / 7)];
    expect(npSum(Float64Array.from(b))).toBe(5571.42857142857);
  });
  it('mean is the pairwise sum over the count', () => expect(colMean(inferColumn(tenths))).toBe(10.05));
  it('int sums are exact ints', () => expect(colSum(inferColumn([1n, 2n]))).toBe(3n));
  it('all-NaN float sum is 0.0', () => expect(colSum(inferColumn([NaN]))).toBe(0));
  it('object sum concatenates', () => expect(colSum(inferColumn(['b', 'a']))).toBe('ba'));
});

describe('bottleneck-style std/var, median, quantile', () => {
  it('std', () => expect(colStd(inferColumn([1n, 2n, 4n, 8n, 16.5]))).toBe(6.300793600809345));
  it('var', () => expect(colVar(inferColumn([1n, 2n, 4n, 8n, 16.5]))).toBe(39.699999999999996));
  it('std of tenths', () => expect(colStd(inferColumn(tenths))).toBe(5.787918451395113));
  it('median of an even count averages', () => expect(colMedian(inferColumn([3n, 1n, 2n, 10n]))).toBe(2.5));
  it('quantile interpolates linearly', () => expect(colQuantile(inferColumn([1, 2, 4, 5]), 0.3)).toBe(1.9));
});

describe('min/max', () => {
  it('int min is an int', () => expect(colMinMax(inferColumn([3n, 1n]), 'min')).toBe(1n));
  it('skips NaN', () => expect(colMinMax(inferColumn([NaN, 2.5, 1.5]), 'max')).toBe(2.5));
  it("text with NaN raises pandas' TypeError", () =>
    expect(() => colMinMax(inferColumn(['b', 'a', NaN]), 'min')).toThrow("'<=' not supported between instances of 'str' and 'float'"));
});

describe('groupby kernels', () => {
  const codes = new Int32Array(200).fill(0);
  it('Kahan sum', () => expect(cellsOf(groupAggregate(inferColumn(tenths), codes, 1, 'sum'))).toEqual([2010.0]));
  it('Kahan mean', () => expect(cellsOf(groupAggregate(inferColumn(tenths), codes, 1, 'mean'))).toEqual([10.05]));
  it('Welford std', () => expect(cellsOf(groupAggregate(inferColumn(tenths), codes, 1, 'std'))).toEqual([5.78791845139512]));
  it('sum of 0.1, 0.2, 0.3 is 0.6', () => expect(cellsOf(groupAggregate(inferColumn([0.1, 0.2, 0.3]), new Int32Array(3), 1, 'sum'))).toEqual([0.6]));
  it('first skips missing values', () => expect(cellsOf(groupAggregate(inferColumn([NaN, 2.5, 3.5]), new Int32Array(3), 1, 'first'))).toEqual([2.5]));
  it('dropped rows (-1) are ignored', () => expect(cellsOf(groupAggregate(inferColumn([1n, 5n, 2n]), Int32Array.of(0, -1, 0), 1, 'sum'))).toEqual([3n]));
});
