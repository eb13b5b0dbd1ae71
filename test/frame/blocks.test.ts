/**
 * Whole blocks through the interpreter: errors land on the right token of the page, and
 * warnings come out for lint.
 */
import { describe, expect, it } from 'vitest';
import { evaluateCode } from '../../src/engine.js';

function run(code: string) {
  // Code line i is page line 11 + i (the directive sits on line 10).
  return evaluateCode(code, { file: 'page.rst', line: 10, root: '/tmp' });
}

describe('error positions', () => {
  it('an unknown column points at its string literal', () => {
    const r = run("df = pd.DataFrame({'Throughput (/sec)': [1]})\ndf['x'] = df['Throughput (/sec']");
    expect(r.error?.code).toBe('DT201');
    expect(r.error?.message).toBe("column 'Throughput (/sec' not found; did you mean 'Throughput (/sec)'?");
    expect([r.error?.line, r.error?.column]).toEqual([12, 14]);
  });
  it('an unknown keyword points at the keyword', () => {
    const r = run("df = pd.DataFrame({'a': [1]})\ndf = df.sort_values(by='a', ascend=False)");
    expect(r.error?.code).toBe('DT203');
    expect([r.error?.line, r.error?.column]).toEqual([12, 29]);
  });
  it('a missing element of a column list points at that element', () => {
    const r = run("df = pd.DataFrame({'Model': [1]})\ndf = df[['Model', 'Modle']]");
    expect(r.error?.code).toBe('DT201');
    expect([r.error?.line, r.error?.column]).toEqual([12, 19]);
  });
  it('an unknown name in a query points into the query string', () => {
    const r = run("df = pd.DataFrame({'Model': ['a']})\ndf = df.query('Modle == \"a\"')");
    expect(r.error?.code).toBe('DT201');
    expect(r.error?.line).toBe(12);
    expect(r.error?.column).toBe(16);
  });
  it('astype(int) with NaN is DT210', () => {
    const r = run("df = pd.DataFrame({'a': [1.5, None]})\ndf['a'] = df['a'].astype(int)");
    expect(r.error?.code).toBe('DT210');
  });
  it('arithmetic on text is DT204 with a hint', () => {
    const r = run("df = pd.DataFrame({'m': ['a']})\ndf['x'] = df['m'] * 2.5");
    expect(r.error?.code).toBe('DT204');
    expect(r.error?.message).toBe("can't multiply sequence by non-int of type 'float'");
    expect(r.error?.hint).toMatch(/astype\(float\)/);
  });
});

describe('lint warnings', () => {
  it('DT601 when sorting by formatted numbers', () => {
    const r = run("df = pd.DataFrame({'c': [2.0, 10.0]})\ndf['c'] = df['c'].map('${:,.3f}'.format)\ndf = df.sort_values('c')");
    expect(r.ok).toBe(true);
    expect(r.warnings.map((w) => w.code)).toContain('DT601');
  });
});

describe('pipelines', () => {
  it('groupby -> agg -> reset_index -> rename', () => {
    const r = run(
      [
        "df = pd.DataFrame({'Model': ['b', 'a', 'b'], 'Cost': [1.5, 2.0, 0.5]})",
        "df = df.groupby('Model')[['Cost']].max().reset_index().rename(columns={'Cost': 'Max cost'})",
      ].join('\n'),
    );
    expect(r.csv).toBe('Model,Max cost\na,2.0\nb,1.5\n');
  });
  it('list comprehension over df.columns', () => {
    const r = run("df = pd.DataFrame({'a': [1], 'tput': [2], 'b': [3]})\ndf = df[[c for c in df.columns if c != 'tput']]");
    expect(r.csv).toBe('a,b\n1,3\n');
  });
});
