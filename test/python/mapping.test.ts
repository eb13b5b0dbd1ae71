/** f(**obj) accepts any mapping (keys() and []), as CPython does; expected CSVs from pandas 1.5.3. */
import { describe, expect, it } from 'vitest';
import { evaluateCode } from '../../src/engine.js';

function run(code: string) {
  return evaluateCode(code, { file: 'page.rst', line: 10, root: '/tmp' });
}

describe('** unpacking of mappings', () => {
  it('unpacks the row Series that apply(axis=1) passes', () => {
    const r = run("df = pd.DataFrame({'n': ['a', 'b'], 'c': [1, 22]})\ndf['l'] = df.apply(lambda row: '{n}:{c:>3}'.format(**row), axis=1)");
    expect(r.csv).toBe('n,c,l\na,1,a:  1\nb,22,b: 22\n');
  });

  it('dict() of a row Series reads it as a mapping, not as pairs', () => {
    const r = run("df = pd.DataFrame({'n': ['a'], 'v': [0.25]})\ndf['p'] = df.apply(lambda row: '%(n)s=%(v).1e' % dict(row), axis=1)");
    expect(r.csv).toBe('n,v,p\na,0.25,a=2.5e-01\n');
  });

  it('a dict display unpacks a row Series', () => {
    const r = run("df = pd.DataFrame({'n': ['a'], 'v': [0.25]})\nd = {**df.iloc[0], 'x': 1}\ndf = pd.DataFrame({'k': list(d)})");
    expect(r.csv).toBe('k\nn\nv\nx\n');
  });

  it('still refuses a value that is not a mapping', () => {
    const r = run("df = pd.DataFrame({'v': ['{a}'.format(**[1])]})");
    expect(r.error?.code).toBe('DT204');
    expect(r.error?.message).toBe('format() argument after ** must be a mapping, not list');
  });
});
