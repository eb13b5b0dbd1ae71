import { describe, expect, it } from 'vitest';
import { binaryColumns, compareColumns, unaryColumn } from '../../src/frame/ops.js';
import { cellsOf, inferColumn } from '../../src/frame/dtypes.js';
import { DftablesError } from '../../src/errors.js';
import type { PyValue } from '../../src/python/values.js';

const I = () => inferColumn([1n, 0n, -1n]);
const F = () => inferColumn([5.5, -5.5, 5.0]);
const S = () => inferColumn(['a', NaN]);

function err(f: () => unknown): DftablesError {
  try {
    f();
  } catch (e) {
    return e as DftablesError;
  }
  throw new Error('no error');
}

// Goldens from pandas 1.5.3 (Series ops).
describe('numeric arithmetic', () => {
  it('int // 0 is inf, nan, -inf (float64)', () => {
    const c = binaryColumns('//', { col: I() }, { scalar: 0n }, 3);
    expect(c.dtype).toBe('float64');
    expect(cellsOf(c)).toEqual([Infinity, NaN, -Infinity]);
  });
  it('int % 0 is NaN', () => expect(cellsOf(binaryColumns('%', { col: I() }, { scalar: 0n }, 3))).toEqual([NaN, NaN, NaN]));
  it('int / int is float64', () => expect(binaryColumns('/', { col: I() }, { scalar: 1n }, 3).dtype).toBe('float64'));
  it('float % 2 takes the sign of the divisor', () => expect(cellsOf(binaryColumns('%', { col: F() }, { scalar: 2n }, 3))).toEqual([1.5, 0.5, 1]));
  it('int % -3 and // -3 floor', () => {
    const c = inferColumn([5n, -5n]);
    expect(cellsOf(binaryColumns('%', { col: c }, { scalar: -3n }, 2))).toEqual([-1n, -2n]);
    expect(cellsOf(binaryColumns('//', { col: c }, { scalar: -3n }, 2))).toEqual([-2n, 1n]);
  });
  it('NaN // 2 stays NaN', () => expect(cellsOf(binaryColumns('//', { col: inferColumn([NaN]) }, { scalar: 2n }, 1))).toEqual([NaN]));
  it('bool + int is int64', () => expect(binaryColumns('+', { col: inferColumn([true, false]) }, { scalar: 1n }, 2).dtype).toBe('int64'));
  it('int ** negative raises', () => expect(err(() => binaryColumns('**', { col: I() }, { scalar: -1n }, 3)).message).toBe('Integers to negative integer powers are not allowed.'));
  it('int + str names numpy loop', () => {
    const e = err(() => binaryColumns('+', { col: I() }, { scalar: 'a' }, 3));
    expect(e.code).toBe('DT204');
    expect(e.message).toBe("ufunc 'add' did not contain a loop with signature matching types (dtype('int64'), dtype('<U1')) -> None");
  });
});

describe('object arithmetic', () => {
  it('concatenates text and keeps NaN', () => expect(cellsOf(binaryColumns('+', { col: S() }, { scalar: ' x' }, 2))).toEqual(['a x', NaN]));
  it('reflected concatenation', () => expect(cellsOf(binaryColumns('+', { scalar: ' x' }, { col: S() }, 2))).toEqual([' xa', NaN]));
  it("raises Python's TypeError for str + int", () => expect(err(() => binaryColumns('+', { col: S() }, { scalar: 1n }, 2)).message).toBe('can only concatenate str (not "int") to str'));
  it('repeats text', () => expect(cellsOf(binaryColumns('*', { col: inferColumn(['a', 'b']) }, { scalar: 2n }, 2))).toEqual(['aa', 'bb']));
});

describe('comparisons', () => {
  it('NaN compares False except !=', () => {
    const c = inferColumn([1.5, NaN]);
    expect(cellsOf(compareColumns('>', { col: c }, { scalar: 1n }, 2))).toEqual([true, false]);
    expect(cellsOf(compareColumns('!=', { col: c }, { scalar: 1.5 }, 2))).toEqual([false, true]);
  });
  it('int column == str is all False', () => expect(cellsOf(compareColumns('==', { col: I() }, { scalar: 'a' }, 3))).toEqual([false, false, false]));
  it('int column > str raises', () => expect(err(() => compareColumns('>', { col: I() }, { scalar: 'a' }, 3)).message).toBe('Invalid comparison between dtype=int64 and str'));
  it('str column > int raises Python TypeError', () =>
    expect(err(() => compareColumns('>', { col: inferColumn(['a', 'b']) }, { scalar: 1n }, 2)).message).toBe("'>' not supported between instances of 'str' and 'int'"));
  it('missing text compares False', () => expect(cellsOf(compareColumns('>', { col: S() }, { scalar: 'a' }, 2))).toEqual([false, false]));
});

describe('logical and unary', () => {
  it('bool & int scalar stays bool', () => expect(cellsOf(binaryColumns('&', { col: inferColumn([true, false]) }, { scalar: 1n }, 2))).toEqual([true, false]));
  it('int & int is bitwise', () => expect(cellsOf(binaryColumns('&', { col: inferColumn([1n, 3n]) }, { scalar: 1n }, 2))).toEqual([1n, 1n]));
  it('object masks treat missing as False', () => {
    const m = inferColumn([true, null] as PyValue[]);
    expect(cellsOf(binaryColumns('|', { col: m }, { col: inferColumn([true, false]) }, 2))).toEqual([true, false]);
  });
  it('~int is bitwise not', () => expect(cellsOf(unaryColumn('~', inferColumn([1n, 2n])))).toEqual([-2n, -3n]));
  it('~float raises', () => expect(err(() => unaryColumn('~', inferColumn([1.5]))).code).toBe('DT204'));
});
