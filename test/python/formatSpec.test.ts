import { describe, expect, it } from 'vitest';
import { formatSpec, parseFormatSpec, insertGrouping } from '../../src/python/formatSpec.js';
import { attempt, CODE_OF, decode, goldens } from './goldens.js';

describe('formatSpec', () => {
  it.each([
    [1234.5678, ',.3f', '1,234.568'],
    [1e21, ',.0f', '1,000,000,000,000,000,000,000'],
    [1e21, '.1%', '99999999999999991611392.0%'],
    [2.675, '.2f', '2.67'],
    [0.125, '.2f', '0.12'],
    [0.375, '.2f', '0.38'],
    [-0.0001, ',.3f', '-0.000'],
    [-0.0001, 'z,.3f', '0.000'],
    [1e21, '', '1e+21'],
    [2.5, '.3', '2.5'],
    [123.0, '.3', '1.23e+02'],
    [2.0, '.1', '2e+00'],
    [2.0, '.3', '2.0'],
    [Infinity, '%', 'inf%'],
    [Infinity, 'F', 'INF'],
    [NaN, 'E', 'NAN'],
    [Infinity, '010', '0000000inf'],
    [-1.5, '08.2f', '-0001.50'],
    [1234.5, '012,.2f', '0,001,234.50'],
    [5e-4, '.2e', '5.00e-04'],
    [-0.125, ',.0f', '-0'],
  ])('format(%s, %j) is %j', (x, spec, want) => {
    expect(formatSpec(x, spec)).toBe(want);
  });

  it.each([
    [1234n, '010,', '00,001,234'],
    [1234n, '08,', '0,001,234'],
    [1234n, '*=10,', '*****1,234'],
    [1234567n, '>8,', '1,234,567'],
    [-42n, '+05d', '-0042'],
    [-42n, '_^9', '___-42___'],
    [255n, '#012_x', '0x0_0000_00ff'],
    [255n, '#X', '0XFF'],
    [65n, 'c', 'A'],
    [7n, '.2f', '7.00'],
    [10n ** 25n, ',', '10,000,000,000,000,000,000,000,000'],
  ])('format(%s, %j) is %j', (n, spec, want) => {
    expect(formatSpec(n, spec)).toBe(want);
  });

  it('formats bool as its name for the empty spec and as an int otherwise', () => {
    expect(formatSpec(true, '')).toBe('True');
    expect(formatSpec(true, '>5')).toBe('    1');
    expect(formatSpec(false, '.1f')).toBe('0.0');
  });

  it('formats str left-aligned, truncating to the precision', () => {
    expect(formatSpec('abc', '5')).toBe('abc  ');
    expect(formatSpec('abcdef', '.2')).toBe('ab');
    expect(formatSpec('ab', '05')).toBe('ab000');
    expect(formatSpec('😀x', '^6')).toBe('  😀x  ');
  });

  it('accepts only the empty spec for None', () => {
    expect(formatSpec(null, '')).toBe('None');
    expect(() => formatSpec(null, '>5')).toThrow('unsupported format string passed to NoneType.__format__');
  });

  it('refuses decimal ints of more than 4300 digits, like CPython 3.11', () => {
    expect(() => formatSpec(10n ** 4300n, ',')).toThrow('Exceeds the limit (4300 digits) for integer string conversion');
    expect(formatSpec(10n ** 5000n, 'x').length).toBe(4153);
  });

  it('raises ValueError as DT208 with Python message', () => {
    const r = attempt(() => formatSpec(1.5, 'd'));
    expect(r).toEqual({ code: 'DT208', message: "Unknown format code 'd' for object of type 'float'" });
  });

  it('parses every part of a spec', () => {
    expect(parseFormatSpec('*^+z#012,.3f', 'float', '', '>')).toEqual({
      fill: '*', align: '^', sign: '+', noNeg0: true, alternate: true, width: 12,
      grouping: ',', precision: 3, type: 'f',
    });
  });

  it('zero-fills grouped digits to a minimum width like CPython', () => {
    expect(insertGrouping('1234', 10, ',', 3)).toBe('00,001,234');
    expect(insertGrouping('1234', 0, ',', 3)).toBe('1,234');
    expect(insertGrouping('12', 5, '', 0)).toBe('00012');
  });

  // One test per (value kind, spec): every value of the golden grid formatted with that spec.
  const columns = goldens.format.flatMap((g) =>
    g.specs.map((spec, j) => {
      const kinds = [...new Set(g.values.map((v) => v.t))].join('/');
      return [`${kinds} ${JSON.stringify(spec)}`, g, j] as const;
    }),
  );
  it.each(columns)('matches CPython for %s', (_key, g, j) => {
    const got = g.values.map((v) => attempt(() => formatSpec(decode(v), g.specs[j])));
    const want = g.results.map((row) => {
      const r = row[j];
      return typeof r === 'string' ? { ok: r } : { code: CODE_OF[r[0]], message: r[1] };
    });
    expect(got).toEqual(want);
  });

  it('matches CPython exact decimal expansion on random doubles and precisions', () => {
    const bad = goldens.exact
      .map((c) => ({ c, got: attempt(() => formatSpec(decode(c.value), c.spec)) }))
      .filter(({ c, got }) => got.ok !== c.ok);
    expect(bad).toEqual([]);
  });
});
