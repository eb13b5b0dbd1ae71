/**
 * read_csv's converters parse cells in place (spans of the file text, no string per cell) and
 * test NA only for cells that do not parse; cells given as strings take the general path. Both
 * must give the same column, whatever the cells, NA lists and number formats.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { convertColumn, type ConvertContext, type NaSpec } from '../../src/frame/csvConvert.js';
import { Cells } from '../../src/frame/csvTable.js';
import { preciseXstrtod, xstrtodRange } from '../../src/frame/csvNumbers.js';
import { DEFAULT_NA_VALUES } from '../../src/frame/csvNa.js';

/** The cells as spans of one text (as the tokenizer stores them). */
function spans(values: string[]): Cells {
  const start = new Int32Array(values.length);
  const end = new Int32Array(values.length);
  let src = '#';
  values.forEach((v, k) => {
    start[k] = src.length;
    src += v;
    end[k] = src.length;
    src += '|';
  });
  return new Cells(src, start, end, []);
}

const CELL = fc.oneof(
  fc.integer({ min: -1e6, max: 1e6 }).map(String),
  fc.double({ noNaN: true, min: -1e20, max: 1e20 }).map(String),
  fc.constantFrom('', ' 1', '1 ', '+7', '-0', '007', '1,000', '1.5e3', '2.', '.5', '1e', 'inf', '-Infinity', 'NaN', 'NA', 'n/a', 'null', '#N/A', 'True', 'false', 'TRUE', 'x', 'model-1', '12345678901234567890', '-9223372036854775809', '9223372036854775808', '18446744073709551615', '1.#IND', '5', '5.0'),
);

const NA_LISTS: { strings: string[]; floats: number[] }[] = [
  { strings: [...DEFAULT_NA_VALUES], floats: [] },
  { strings: [], floats: [] },
  { strings: [...DEFAULT_NA_VALUES, '5', '5.0'], floats: [5] },
  { strings: ['-0', '007', ''], floats: [0, 7] },
  { strings: ['1,000'], floats: [] },
];

const setup = fc.record({
  cells: fc.array(CELL, { maxLength: 30 }),
  na: fc.constantFrom(...NA_LISTS.keys()),
  filter: fc.boolean(),
  decimal: fc.constantFrom('.', ','),
  thousands: fc.constantFrom<string | null>(null, ',', '.'),
  noInt: fc.boolean(),
  user: fc.constantFrom<undefined | { target: 'int64' | 'float64' | 'bool' | 'object'; name: string }>(
    undefined,
    { target: 'int64', name: 'int64' },
    { target: 'float64', name: 'float64' },
    { target: 'bool', name: 'bool' },
    { target: 'object', name: 'object' },
  ),
});

/** The converted column, or the error message: comparable with toEqual. */
function convert(cells: Cells, na: NaSpec, ctx: ConvertContext, user?: { target: 'int64' | 'float64' | 'bool' | 'object'; name: string }): unknown {
  try {
    const c = convertColumn(cells, 0, na, ctx, user);
    return { dtype: c.dtype, data: Array.from(c.data as ArrayLike<unknown>, (v) => (typeof v === 'number' ? Object.is(v, -0) ? '-0' : v : v)) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

describe('in-place cell conversion', () => {
  it('converts spans of the text exactly as strings', () => {
    fc.assert(
      fc.property(setup, (s) => {
        if (s.thousands === s.decimal) return;
        const list = NA_LISTS[s.na];
        // Two NaSpecs, so that nothing cached for one serves the other.
        const na = (): NaSpec => ({ filter: s.filter, strings: new Set(list.strings), floats: new Set(list.floats) });
        const ctx: ConvertContext = { decimal: s.decimal, thousands: s.thousands, trueSet: new Set(['True', 'TRUE', 'true']), falseSet: new Set(['False', 'FALSE', 'false']), noInt: s.noInt };
        expect(convert(spans(s.cells), na(), ctx, s.user)).toEqual(convert(Cells.of(s.cells), na(), ctx, s.user));
      }),
      { numRuns: 3000 },
    );
  });

  it('shares one string among equal cells of a text column', () => {
    const values = Array.from({ length: 200 }, (_, k) => `model-${k % 3}`);
    const c = convertColumn(spans(values), 0, { filter: true, strings: new Set(DEFAULT_NA_VALUES), floats: new Set() }, { decimal: '.', thousands: null, trueSet: new Set(), falseSet: new Set(), noInt: false });
    expect(c.data).toEqual(values);
    expect(new Set(c.data as string[]).size).toBe(3);
  });
});

describe('xstrtodRange', () => {
  it('parses a slice of a longer text exactly as preciseXstrtod parses the slice', () => {
    const num = fc.oneof(fc.double().map(String), fc.constantFrom('1e', '1e+', '-.5', ' 2 ', '1,234.5', '00012345678901234567891', '1e309', '9.e231', '.', '-', ''));
    fc.assert(
      fc.property(fc.string({ maxLength: 3 }), num, fc.string({ maxLength: 3 }), fc.constantFrom<string | null>(null, ','), (before, s, after, sep) => {
        const text = before + s + after;
        expect(xstrtodRange(text, before.length, before.length + s.length, 46, sep === null ? -1 : 44)).toBe(preciseXstrtod(s, '.', sep));
      }),
      { numRuns: 3000 },
    );
  });
});
