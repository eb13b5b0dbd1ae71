import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { preciseXstrtod, strToInt64, toBoolean } from '../../src/frame/csvNumbers.js';
import { floatRepr } from '../../src/python/floatRepr.js';
import { readCsv } from '../../src/frame/csvRead.js';

const numbers: [string, string | null][] = JSON.parse(
  readFileSync(fileURLToPath(new URL('../fixtures/csv/numbers.json', import.meta.url)), 'utf8'),
);

describe('preciseXstrtod', () => {
  it('reads at most 17 significant digits, as pandas does (not correctly rounded)', () => {
    expect(preciseXstrtod('0.12345678901234567')).toBe(0.1234567890123456);
    expect(preciseXstrtod('0.30000000000000004')).toBe(0.3);
  });

  it('refuses exponents above 308 and overflowing results', () => {
    expect(preciseXstrtod('1e309')).toBeNull();
    expect(preciseXstrtod('0e400')).toBeNull();
    expect(preciseXstrtod('1.8e308')).toBeNull();
  });

  it('skips surrounding whitespace and honours decimal and thousands characters', () => {
    expect(preciseXstrtod(' 1.5 ')).toBe(1.5);
    expect(preciseXstrtod('1.234,5', ',', '.')).toBe(1234.5);
  });

  it('matches pandas on 3000 random numeric cells read as a column', () => {
    const bad = numbers
      .map(([s, want]) => {
        const col = readCsv(`v\n${s}\n`, {}).columns[0];
        // ints beyond 2**53 (and uint64) are kept as exact Python ints in an object column
        const isInt = col.dtype === 'int64' || (col.dtype === 'object' && typeof col.data[0] === 'bigint');
        const got = col.dtype === 'float64' ? floatRepr(col.data[0]) : isInt ? 'int' : null;
        return { s, got, want };
      })
      .filter((r) => r.got !== r.want);
    expect(bad).toEqual([]);
  });
});

describe('strToInt64', () => {
  it('reads signed ints with surrounding spaces', () => {
    expect(strToInt64(' -12 ')).toEqual({ ok: true, value: -12n });
  });

  it('reports overflow before trailing garbage', () => {
    expect(strToInt64('99999999999999999999x')).toEqual({ ok: false, error: 'overflow' });
    expect(strToInt64('12x')).toEqual({ ok: false, error: 'invalid' });
  });

  it('skips thousands separators after the first digit', () => {
    expect(strToInt64('1,234,567', ',')).toEqual({ ok: true, value: 1234567n });
    expect(strToInt64(',1', ',')).toEqual({ ok: false, error: 'no-digits' });
  });
});

describe('toBoolean', () => {
  it('accepts true/false in any letter case only', () => {
    expect(['tRuE', 'FALSE', 'yes'].map(toBoolean)).toEqual([true, false, null]);
  });
});
