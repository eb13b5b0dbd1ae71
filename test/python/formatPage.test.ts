/**
 * The blocks of test/fixtures/format/page.rst that are plain `Series.map(fmt.format)` or rounding,
 * computed with readCsv + strFormat / npRound / pyRound + toCsv, against pandas' expected.json.
 * (The conformance runner checks every block end to end through the interpreter.)
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Column } from '../../src/frame/column.js';
import { readCsv } from '../../src/frame/csvRead.js';
import { toCsv } from '../../src/frame/csvWrite.js';
import { npRound, pyRound, pyRoundInt } from '../../src/frame/round.js';
import { strFormat } from '../../src/python/formatSpec.js';
import type { PyValue } from '../../src/python/values.js';

const dir = fileURLToPath(new URL('../fixtures/format/', import.meta.url));
const expected: Record<string, { csv: string }> = JSON.parse(readFileSync(dir + 'expected.json', 'utf8'));
const frame = readCsv(readFileSync(dir + 'data.csv', 'utf8'), {});

function values(name: string): PyValue[] {
  const c = frame.columns[frame.names.indexOf(name)];
  if (c.dtype === 'int64') return Array.from(c.data, (v) => BigInt(v));
  if (c.dtype === 'bool') return Array.from(c.data, (v) => v === 1);
  return Array.from(c.data as ArrayLike<PyValue>);
}

const obj = (data: PyValue[]): Column => ({ dtype: 'object', data });
const fmt = (col: string, template: string): Column => obj(values(col).map((v) => strFormat(template, [v], new Map())));

describe('format fixture page', () => {
  it('float format specs (block at line 6)', () => {
    const specs = ['{:,.2f}', '{:.0f}', '{:e}', '{:.3E}', '{:g}', '{:#.4G}', '{}', '{:.3}', '{:.2%}'];
    const names = ['name', 'f2', 'f0', 'e', 'E3', 'g', 'G', 'none', 'p3', 'pct'];
    expect(toCsv(names, [obj(values('name')), ...specs.map((s) => fmt('x', s))])).toBe(expected['6'].csv);
  });

  it('widths, fills, alignment and signs (block at line 23)', () => {
    const x = ['[{:>12.3f}]', '[{:*<12.1f}]', '[{:^+14,.2f}]', '[{:012.2f}]', '[{: .1f}]', '[{:=+12,.1f}]', '[{:z.2f}]'];
    const cols = [...x.map((s) => fmt('x', s)), fmt('name', '[{:_^11}]'), fmt('name', '[{:.3}]')];
    expect(toCsv(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'], cols)).toBe(expected['23'].csv);
  });

  it('integer presentation types (block at line 40)', () => {
    const specs = ['{:,d}', '{:_}', '{:010,}', '{:#x}', '{:08X}', '{:o}', '{:#b}', '{:.1f}', '{:.0%}', '{: d}'];
    const names = ['d', 'u', 'z', 'x', 'X', 'o', 'b', 'f', 'pct', 'sp'];
    expect(toCsv(names, specs.map((s) => fmt('n', s)))).toBe(expected['40'].csv);
  });

  it('numpy and Python rounding (block at line 72)', () => {
    const x = values('x') as number[];
    const f64 = (f: (v: number) => number): Column => ({ dtype: 'float64', data: Float64Array.from(x, f) });
    const i64 = (vs: bigint[]): Column => ({ dtype: 'int64', data: Float64Array.from(vs, Number) });
    const cols = [
      obj(values('name')),
      f64((v) => npRound(v, 2)),
      f64((v) => npRound(v, 0)),
      f64((v) => npRound(v, -2)),
      f64((v) => pyRound(v, 2)),
      // round(v) is an int; to_csv writes the int column
      obj(x.map((v) => BigInt(pyRound(v)))),
      i64((values('n') as bigint[]).map((v) => pyRoundInt(v, -2))),
    ];
    expect(toCsv(['name', 'np2', 'np0', 'npm2', 'py2', 'py0', 'pyn'], cols)).toBe(expected['72'].csv);
  });
});
