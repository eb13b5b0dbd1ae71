/**
 * to_csv of large tables is written as bytes (csvWriteBytes.ts, with its own repr of short
 * decimals); it must give exactly the text of the string-per-cell writer.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Column } from '../../src/frame/column.js';
import { csvBodyBytes } from '../../src/frame/csvWriteBytes.js';
import { toCsv, toCsvStrings } from '../../src/frame/csvWrite.js';
import { floatRepr } from '../../src/python/floatRepr.js';
import { PyTuple, type PyValue } from '../../src/python/values.js';

/** The body the string writer produces (its text after the header line). */
function stringsBody(columns: Column[]): string {
  const all = toCsvStrings(columns.map((_, k) => `c${k}`), columns);
  return all.slice(all.indexOf('\n') + 1);
}

// Doubles that stress the short-decimal path: few decimals, 17 digits, the limits of fixed
// notation (1e-4, 1e16), integers beyond 2**50, negative zero, infinities, NaN.
const DOUBLE = fc.oneof(
  fc.double(),
  fc.integer({ min: -1e9, max: 1e9 }).chain((m) => fc.integer({ min: 0, max: 9 }).map((d) => m / 10 ** d)),
  fc.double({ min: 1e-5, max: 1e-3 }),
  fc.double({ min: 1e15, max: 1e17 }),
  fc.constantFrom(0, -0, 1e-4, 9.999999999999999e-5, 1e16, 9999999999999998, 2 ** 50, 2 ** 50 + 1, 2 ** 53, 0.1 + 0.2, 1 / 3, -2.5, Infinity, -Infinity, NaN, 5e-324),
);

const OBJECT: fc.Arbitrary<PyValue> = fc.oneof(
  fc.string(),
  fc.constantFrom('', 'a,b', 'say "hi"', 'x\ny', 'a\rb', 'é', '値', '\ud83d\ude42', null, NaN, 1.5, 3n, true),
  fc.constant(new PyTuple(['a', 1n])),
);

const column: fc.Arbitrary<(n: number) => fc.Arbitrary<Column>> = fc.constantFrom(
  (n: number) => fc.array(DOUBLE, { minLength: n, maxLength: n }).map((v): Column => ({ dtype: 'float64', data: Float64Array.from(v) })),
  (n: number) => fc.array(fc.oneof(fc.integer(), fc.constantFrom(2 ** 53, -(2 ** 53) + 1, 0)), { minLength: n, maxLength: n }).map((v): Column => ({ dtype: 'int64', data: Float64Array.from(v) })),
  (n: number) => fc.array(fc.boolean(), { minLength: n, maxLength: n }).map((v): Column => ({ dtype: 'bool', data: Uint8Array.from(v, Number) })),
  (n: number) => fc.array(OBJECT, { minLength: n, maxLength: n }).map((v): Column => ({ dtype: 'object', data: v })),
);

const table = fc
  .tuple(fc.nat({ max: 40 }), fc.array(column, { minLength: 1, maxLength: 4 }))
  .chain(([n, makers]) => fc.tuple(...makers.map((make) => make(n))));

describe('csvBodyBytes', () => {
  it('writes random tables exactly as the string writer (or declines non-Latin-1 text)', () => {
    fc.assert(
      fc.property(table, (columns) => {
        const bytes = csvBodyBytes(columns);
        const latin1 = columns.every((c) => c.dtype !== 'object' || c.data.every((v) => typeof v !== 'string' || /^[\u0000-\u00ff]*$/.test(v)));
        if (latin1) expect(bytes).toBe(stringsBody(columns));
        else expect(bytes).toBeNull();
      }),
      { numRuns: 2000 },
    );
  });

  it('writes every double as repr(float)', () => {
    fc.assert(
      fc.property(fc.array(DOUBLE, { minLength: 1, maxLength: 200 }), (xs) => {
        const body = csvBodyBytes([{ dtype: 'float64', data: Float64Array.from(xs) }, { dtype: 'bool', data: new Uint8Array(xs.length) }]);
        expect(body).toBe(xs.map((x) => (Number.isNaN(x) ? '' : floatRepr(x)) + ',False\n').join(''));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes a lone empty cell as "" and quotes only text cells that need it', () => {
    expect(csvBodyBytes([{ dtype: 'object', data: ['', 'a,b', null] }])).toBe('""\n"a,b"\n""\n');
    expect(csvBodyBytes([{ dtype: 'float64', data: Float64Array.from([NaN, 1234.5]) }])).toBe('""\n1234.5\n');
  });

  it('writes tables of several blocks of rows exactly as the string writer', () => {
    const n = 10_000;
    const cols: Column[] = [
      { dtype: 'float64', data: Float64Array.from({ length: n }, (_, i) => (i % 97 === 0 ? NaN : i % 3 ? i / 7 : i / 8)) },
      { dtype: 'int64', data: Float64Array.from({ length: n }, (_, i) => i * (i % 2 ? -1 : 1) * 12345) },
      { dtype: 'bool', data: Uint8Array.from({ length: n }, (_, i) => i % 2) },
      { dtype: 'object', data: Array.from({ length: n }, (_, i) => (i % 5 === 0 ? null : i % 7 === 0 ? 'say "hi", x' : `m${i % 11}`)) },
    ];
    expect(csvBodyBytes(cols)).toBe(stringsBody(cols));
    const lone: Column[] = [{ dtype: 'object', data: Array.from({ length: n }, (_, i) => (i % 3 ? `v${i}` : '')) }];
    expect(csvBodyBytes(lone)).toBe(stringsBody(lone));
  });

  it('is what toCsv uses for a large table', () => {
    const n = 5000;
    const cols: Column[] = [
      { dtype: 'float64', data: Float64Array.from({ length: n }, (_, i) => i / 7) },
      { dtype: 'object', data: Array.from({ length: n }, (_, i) => `m${i % 9}`) },
    ];
    expect(toCsv(['a', 'b'], cols)).toBe(toCsvStrings(['a', 'b'], cols));
  });
});
