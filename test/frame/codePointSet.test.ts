import { describe, expect, it } from 'vitest';
import { complement, fromDeltaRanges, fromPairs, has, intersect, MAX_CODE_POINT, subtract, union } from '../../src/frame/codePointSet.js';

describe('code point sets', () => {
  it('normalizes overlapping and adjacent ranges', () => expect(fromPairs([[5, 9], [0, 2], [3, 4], [20, 20]])).toEqual([0, 9, 20, 20]));
  it('complement covers the rest of Unicode', () => expect(complement([0, 9, 20, 20])).toEqual([10, 19, 21, MAX_CODE_POINT]));
  it('complement of everything is empty', () => expect(complement([0, MAX_CODE_POINT])).toEqual([]));
  it('intersect', () => expect(intersect([0, 10, 20, 30], [5, 25])).toEqual([5, 10, 20, 25]));
  it('subtract', () => expect(subtract([0, 10], [3, 4])).toEqual([0, 2, 5, 10]));
  it('union', () => expect(union([0, 1], [2, 3], [10, 10])).toEqual([0, 3, 10, 10]));
  it('has finds members by binary search', () => expect([has([0, 1, 10, 12], 11), has([0, 1, 10, 12], 5)]).toEqual([true, false]));
  it('decodes the generated [gap, length - 1] lists', () => expect(fromDeltaRanges([49, 9, 8, 25])).toEqual([48, 57, 65, 90]));
});
