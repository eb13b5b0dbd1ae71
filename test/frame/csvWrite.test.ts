import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Column } from '../../src/frame/column.js';
import { parseCsvRows, quoteField, toCsv } from '../../src/frame/csvWrite.js';
import { decode, type Encoded } from '../python/goldens.js';

interface WriteCase {
  name: string;
  nrows: number;
  columns: { name: Encoded; dtype: string; values: Encoded[] }[];
  csv: string;
  /** Python's csv.reader over csv. */
  rows: string[][];
}

const cases: WriteCase[] = JSON.parse(
  readFileSync(fileURLToPath(new URL('../fixtures/csv/write.json', import.meta.url)), 'utf8'),
);

function column(dtype: string, values: Encoded[]): Column {
  const vs = values.map(decode);
  if (dtype === 'float64') return { dtype: 'float64', data: Float64Array.from(vs as number[]) };
  if (dtype === 'int64') return { dtype: 'int64', data: Float64Array.from(vs.map((v) => Number(v as bigint))) };
  if (dtype === 'bool') return { dtype: 'bool', data: Uint8Array.from(vs.map((v) => (v ? 1 : 0))) };
  return { dtype: 'object', data: vs };
}

describe('toCsv', () => {
  it('writes NaN as an empty field and quotes a record that is one empty field', () => {
    expect(toCsv(['a'], [{ dtype: 'float64', data: Float64Array.from([NaN, 1]) }])).toBe('a\n""\n1.0\n');
  });

  it('quotes fields with a comma, a quote or a newline, but not a carriage return', () => {
    expect(['a,b', 'a"b', 'a\nb', 'a\rb', ' a '].map(quoteField)).toEqual(['"a,b"', '"a""b"', '"a\nb"', 'a\rb', ' a ']);
  });

  it('writes a frame without columns as one empty line per row after the header', () => {
    expect(toCsv([], [], 2)).toBe('\n\n\n');
  });

  it.each(cases.map((c) => [c.name, c] as const))('matches pandas 1.5.3 for %s', (_name, c) => {
    const names = c.columns.map((col) => decode(col.name));
    const cols = c.columns.map((col) => column(col.dtype, col.values));
    expect(toCsv(names, cols, c.nrows)).toBe(c.csv);
  });
});

describe('parseCsvRows', () => {
  it('reads what csv.reader reads, quoted newlines and lone \\r line ends included', () => {
    expect(parseCsvRows('a,b\nx\ry,"q\nz"\n\n""\n1,"2"x,3\n')).toEqual([
      ['a', 'b'],
      ['x'],
      ['y', 'q\nz'],
      [],
      [''],
      ['1', '2x', '3'],
    ]);
  });

  it('keeps a last record without a line end', () => {
    expect(parseCsvRows('a\n"b')).toEqual([['a'], ['b']]);
  });

  it.each(cases.map((c) => [c.name, c] as const))('reads the to_csv output for %s as csv.reader does', (_name, c) => {
    expect(parseCsvRows(c.csv)).toEqual(c.rows);
  });
});
