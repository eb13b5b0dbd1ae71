import { describe, expect, it } from 'vitest';
import { inferColumn, cellsOf, takeColumn, concatColumns, parseDtypeArg } from '../../src/frame/dtypes.js';
import { PyClass, type PyValue } from '../../src/python/values.js';

// Goldens from pandas 1.5.3: pd.Series(values).dtype
describe('inferColumn (maybe_convert_objects)', () => {
  const cases: [string, PyValue[], string][] = [
    ['ints', [1n, 2n], 'int64'],
    ['ints and floats', [1n, 2.5, 3n], 'float64'],
    ['int and None', [1n, null], 'float64'],
    ['bools', [true, false], 'bool'],
    ['bool and None', [true, null], 'object'],
    ['str and None', ['a', null], 'object'],
    ['only None', [null, null], 'object'],
    ['NaN and str', [NaN, 'a'], 'object'],
    ['int and bool', [1n, true], 'object'],
    ['float and bool', [1.5, true], 'object'],
    ['empty', [], 'float64'],
    ['int beyond uint64', [2n ** 64n], 'object'],
  ];
  for (const [name, values, dtype] of cases) {
    it(`${name} -> ${dtype}`, () => expect(inferColumn(values).dtype).toBe(dtype));
  }
  it('keeps None as None in an object column', () => {
    expect(cellsOf(inferColumn(['a', null]))).toEqual(['a', null]);
  });
  it('turns None into NaN in a float column', () => {
    expect(cellsOf(inferColumn([1n, null]))).toEqual([1, NaN]);
  });
});

describe('takeColumn with missing rows', () => {
  it('turns int64 into float64 with NaN', () => {
    const c = takeColumn(inferColumn([1n, 2n]), [1, -1]);
    expect(c.dtype).toBe('float64');
    expect(cellsOf(c)).toEqual([2, NaN]);
  });
  it('turns bool into object with NaN', () => {
    const c = takeColumn(inferColumn([true, false]), [-1, 0]);
    expect(c.dtype).toBe('object');
    expect(cellsOf(c)).toEqual([NaN, true]);
  });
  it('keeps int64 when nothing is missing', () => {
    expect(takeColumn(inferColumn([1n, 2n]), [1, 0]).dtype).toBe('int64');
  });
});

describe('concatColumns', () => {
  it('int with float is float64', () => expect(concatColumns([inferColumn([1n]), inferColumn([2.5])]).dtype).toBe('float64'));
  it('text with numbers is object', () => expect(concatColumns([inferColumn(['a']), inferColumn([2.5])]).dtype).toBe('object'));
});

describe('parseDtypeArg', () => {
  it('reads builtin classes', () => expect(parseDtypeArg(new PyClass('int'))?.dtype).toBe('int64'));
  it('reads numpy classes', () => expect(parseDtypeArg(new PyClass('float64', 'numpy'))?.dtype).toBe('float64'));
  it('reads names', () => expect(parseDtypeArg('str')?.dtype).toBe('str'));
  it('marks unknown names unsupported', () => expect(parseDtypeArg('foo')?.dtype).toBe('unsupported'));
});
