import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { lexsortIndexer, nargsort, npArgsortQuick, radixArgsort } from '../../src/frame/sort.js';
import { inferColumn, objCol } from '../../src/frame/dtypes.js';
import { pyCompare } from '../../src/frame/scalarOps.js';
import type { Column } from '../../src/frame/column.js';

interface Case {
  kind: 'int' | 'float' | 'str' | 'floatnan';
  values: (number | string | null)[];
  argsort: number[] | null;
  asc: number[];
  desc: number[];
  first: number[];
  heap: number[];
}

const here = dirname(fileURLToPath(import.meta.url));
// Written by test/fixtures/frame/argsort/gen.py with numpy 1.24 / pandas 1.5.3.
const cases: Case[] = JSON.parse(readFileSync(join(here, '../fixtures/frame/argsort/goldens.json'), 'utf8'));

function column(c: Case): Column {
  if (c.kind === 'str') return objCol(c.values);
  if (c.kind === 'int') return inferColumn(c.values.map((v) => BigInt(v as number)));
  return inferColumn(c.values.map((v) => (v === null ? NaN : (v as number))));
}

describe('numpy quicksort argsort', () => {
  for (const c of cases.filter((x) => x.argsort)) {
    it(`matches numpy on ${c.values.length} ${c.kind} values with ties`, () => {
      const col = column(c);
      const less =
        col.dtype === 'object'
          ? (a: number, b: number) => pyCompare('<', col.data[a], col.data[b])
          : (a: number, b: number) => (col.data as Float64Array)[a] < (col.data as Float64Array)[b];
      expect([...npArgsortQuick(c.values.length, less, col.dtype === 'object')]).toEqual(c.argsort);
    });
  }
});

describe('pandas nargsort (Series.sort_values order)', () => {
  for (const c of cases) {
    const n = c.values.length;
    it(`ascending, ${n} ${c.kind}`, () => expect([...nargsort(column(c), true, 'last')]).toEqual(c.asc));
    it(`descending, ${n} ${c.kind}`, () => expect([...nargsort(column(c), false, 'last')]).toEqual(c.desc));
    it(`na_position first, ${n} ${c.kind}`, () => expect([...nargsort(column(c), true, 'first')]).toEqual(c.first));
    it(`heapsort, ${n} ${c.kind}`, () => expect([...nargsort(column(c), true, 'last', 'heapsort')]).toEqual(c.heap));
  }
});

describe('lexsort_indexer', () => {
  it('is stable on ties and orders each key by its direction', () => {
    const a = objCol(['b', 'a', 'b', 'a']);
    const b = inferColumn([1n, 2n, 1n, 1n]);
    expect([...lexsortIndexer([a, b], [true, false], 'last')]).toEqual([1, 3, 0, 2]);
  });
  it('puts missing values last for both directions', () => {
    const a = inferColumn([NaN, 1, NaN, 0]);
    expect([...lexsortIndexer([a], [false], 'last')]).toEqual([1, 3, 0, 2]);
    expect([...lexsortIndexer([a], [true], 'first')]).toEqual([0, 2, 3, 1]);
  });
});

describe('radixArgsort', () => {
  it('orders negatives, zeros, infinities and NaN like a stable numeric sort', () => {
    const vals = [3.5, -0, -2, Infinity, NaN, 0, -Infinity, 1e-300, -1e-300, 3.5, 2 ** 60, -(2 ** 60)];
    const expected = vals
      .map((v, i) => [v, i] as const)
      .sort((a, b) => {
        const x = a[0] !== a[0] ? Infinity : a[0];
        const y = b[0] !== b[0] ? Infinity : b[0];
        if (a[0] !== a[0] && b[0] === b[0]) return 1;
        if (b[0] !== b[0] && a[0] === a[0]) return -1;
        return x - y || a[1] - b[1];
      })
      .map(([, i]) => i);
    expect([...radixArgsort(Float64Array.from(vals))]).toEqual(expected);
  });
  it('is stable for equal values', () => expect([...radixArgsort(Float64Array.from([1, 1, 0, 1]))]).toEqual([2, 0, 1, 3]));
});
