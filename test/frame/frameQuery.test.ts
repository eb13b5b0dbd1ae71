/**
 * DataFrame.query through whole blocks: pandas 1.5.3 runs it on numexpr by default, so the
 * results and the errors are numexpr's unless engine='python' is passed.
 */
import { describe, expect, it } from 'vitest';
import { evaluateCode } from '../../src/engine.js';

function run(code: string) {
  // Code line i is page line 11 + i (the directive sits on line 10).
  return evaluateCode(code, { file: 'page.rst', line: 10, root: '/tmp' });
}

const FRAME = "df = pd.DataFrame({'i': [-1, -4, 5, 7], 'f': [-1.5, 2.5, -7.0, 3.0], 'b': [True, None, False, True]})";

function rows(query: string): string | undefined {
  const r = run(`${FRAME}\ndf = df.query(${query})[['i']]`);
  if (!r.ok) throw new Error(`${r.error?.code} ${r.error?.message}`);
  return r.csv;
}

describe('DataFrame.query on numexpr', () => {
  it('points // at the operator inside the query string, suggesting the python engine', () => {
    const r = run(`${FRAME}\ndf = df.query('i // 2 == -1')`);
    expect(r.error?.code).toBe('DT212');
    // df = df.query('i // 2 == -1'): the query starts at column 16, `//` at 18.
    expect([r.error?.line, r.error?.column]).toEqual([12, 18]);
    expect(r.error?.message).toContain("numexpr, has no '//' operator");
    expect(r.error?.hint).toContain("engine='python'");
  });

  it('points at a `//` deep inside the query, after other operators', () => {
    const r = run(`${FRAME}\ndf = df.query('f > 0 and (i + 1) // 2 == 3')`);
    expect([r.error?.code, r.error?.line, r.error?.column]).toEqual(['DT212', 12, 34]);
  });

  it('floor-divides with engine="python"', () => {
    expect(rows("'i // 2 == -1', engine='python'")).toBe('i\n-1\n');
  });

  it('takes int remainders with the sign of the dividend (C), unlike Python', () => {
    expect(rows("'i % 3 == 2'")).toBe('i\n5\n');
    expect(rows("'i % 3 == 2', engine='python'")).toBe('i\n-1\n-4\n5\n');
  });

  it('points at an object column used outside a comparison', () => {
    const r = run(`${FRAME}\ndf = df.dropna().query('not b')`);
    expect(r.error?.code).toBe('DT204');
    expect(r.error?.message).toContain('unknown type object');
    // df = df.dropna().query('not b'): `b` is at column 29.
    expect([r.error?.line, r.error?.column]).toEqual([12, 29]);
  });

  it('still compares object columns (in Python)', () => {
    expect(rows("'b == True'")).toBe('i\n-1\n7\n');
  });

  it('refuses an engine pandas does not know', () => {
    const r = run(`${FRAME}\ndf = df.query('i > 0', engine='numba')`);
    expect(r.error?.code).toBe('DT208');
    expect(r.error?.message).toBe("Invalid engine 'numba' passed, valid engines are ['numexpr', 'python']");
  });

  it('refuses a column named like a numexpr function, pointing at it', () => {
    const r = run("df = pd.DataFrame({'sum': [1, 2]})\ndf = df.query('sum > 1')");
    expect([r.error?.code, r.error?.line, r.error?.column]).toEqual(['DT212', 12, 16]);
    expect(run("df = pd.DataFrame({'sum': [1, 2]})\ndf = df.query('sum > 1', engine='python')").csv).toBe('sum\n2\n');
  });

  it('fails like pandas when the query is a constant (df.loc[True])', () => {
    expect(run(`${FRAME}\ndf = df.query('1 < 2')`).error?.code).toBe('DT209');
  });
});
