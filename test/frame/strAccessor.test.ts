import { describe, expect, it } from 'vitest';
import { compilePyRegex, pyReplacement } from '../../src/frame/pyRegex.js';
import { cellsOf } from '../../src/frame/dtypes.js';
import type { Series } from '../../src/frame/series.js';
import { callMethod, list, pd, runtime, site } from './helpers.js';
import type { PyObject, PyValue } from '../../src/python/values.js';

const str = (...values: PyValue[]) => (callMethod(pd, 'Series', [list(...values)]) as Series).getAttr('str', site(), runtime()) as PyObject;
const vals = (s: PyValue) => cellsOf((s as Series).col);

// Goldens from pandas 1.5.3.
describe('str methods', () => {
  it('missing values stay as they were (None stays None)', () => expect(vals(callMethod(str('ab', null, NaN), 'contains', ['a']))).toEqual([true, null, NaN]));
  it('non-text values give NaN', () => expect(vals(callMethod(str('ab', 1n, null), 'upper'))).toEqual(['AB', NaN, null]));
  it('len with missing values is float', () => expect((callMethod(str('ab', null), 'len') as Series).col.dtype).toBe('float64'));
  it('replace is a regex by default in 1.5.3', () => expect(vals(callMethod(str('ab12', 'c'), 'replace', ['(\\d+)', '<\\1>']))).toEqual(['ab<12>', 'c']));
  it('a one-character pattern is literal', () => expect(vals(callMethod(str('a.b', 'c'), 'replace', ['.', '-']))).toEqual(['a-b', 'c']));
  it('$ in the replacement is literal', () => expect(vals(callMethod(str('ab12'), 'replace', ['b', '$']))).toEqual(['a$12']));
  it('split then str[0] indexes the lists', () => {
    const parts = callMethod(str('a_b', 'c'), 'split', ['_']);
    const s = (parts as Series).getAttr('str', site(), runtime()) as PyObject;
    expect(vals(s.getItem(0n, site(), runtime()))).toEqual(['a', 'c']);
  });
  it('center puts the extra fill on the right for odd padding', () => expect(vals(callMethod(str('ab', 'abc'), 'center', [6n, '*']))).toEqual(['**ab**', '*abc**']));
  it('zfill keeps the sign first', () => expect(vals(callMethod(str('-5', '12'), 'zfill', [4n]))).toEqual(['-005', '0012']));
  it('cat joins with a separator', () => expect(callMethod(str('a', 'b'), 'cat', [], { sep: ',' })).toBe('a,b'));
  it.each([
    ['pad', [10n ** 9n]],
    ['zfill', [10n ** 9n]],
    ['repeat', [10n ** 9n]],
    ['ljust', [60_000_000n]],
  ])('%s refuses, before allocating, text past the size limit', (method, args) => {
    expect(() => callMethod(str('ab', 'c'), method, args)).toThrow('the strings would have more than 100,000,000 characters (the size limit)');
  });
  it('refuses a numeric column', () => {
    const s = callMethod(pd, 'Series', [list(1.5)]) as Series;
    expect(() => s.getAttr('str', site(), runtime())).toThrow('Can only use .str accessor with string values!');
  });
});

describe('Python regexes in JavaScript', () => {
  it('named groups', () => expect(compilePyRegex('(?P<x>a)(?P=x)').test('aa')).toBe(true));
  it('\\Z anchors at the very end', () => expect(compilePyRegex('a\\Z').test('a\n')).toBe(false));
  it('$ matches before a final newline', () => expect(compilePyRegex('a$').test('a\n')).toBe(true));
  it('leading inline flags', () => expect(compilePyRegex('(?i)abc').test('ABC')).toBe(true));
  it('a ] right after [ is literal', () => expect(compilePyRegex('[]a]').test(']')).toBe(true));
  it('replacement templates: \\1, \\g<name>', () => {
    const re = compilePyRegex('(?P<w>\\w+) (\\d+)', {}, true);
    expect('Torch 1'.replace(re, pyReplacement('\\2-\\g<w>'))).toBe('1-Torch');
  });
});
