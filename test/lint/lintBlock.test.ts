import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { findBlocks } from '../../src/directive/find.js';
import { lintBlock } from '../../src/lint/lintBlock.js';
import { makeTree, rstPage, type Tree } from '../sandbox/helpers.js';

let tree: Tree;
beforeAll(() => {
  tree = makeTree({
    '.git': '',
    'docs/models.csv': 'Model,Type,Batch\nbert,inf2,1\nvit,trn1,\nresnet,inf2,4\n',
    'docs/prices.csv': 'Type,Rate\ninf2,0.75\n',
    'docs/bad.csv': 'a,b\n1,2\n3,4,5\n',
  });
});
afterAll(() => tree.remove());

/** Lints a one-block page whose code starts at page line 3, column 4; returns "CODE:line:col" per finding. */
function lint(code: string, options: string[] = []) {
  const [block] = findBlocks(rstPage(code, options), join(tree.dir, 'docs/p.rst'));
  const r = lintBlock(block);
  return { r, found: [...(r.error ? [r.error] : []), ...r.warnings].map((d) => `${d.code}:${d.line}:${d.column}`) };
}

describe('lintBlock: the table shown', () => {
  it('finds nothing in a complete table', () => {
    expect(lint("df = pd.read_csv('models.csv')\ndf = df.fillna(0)").found).toEqual([]);
  });

  it('blames empty cells on the statement that brought them in (DT604)', () => {
    const { found, r } = lint("df = pd.read_csv('models.csv')\ndf = df[['Model', 'Batch']]");
    expect(found).toEqual(['DT604:3:4']);
    expect(r.warnings[0].message).toBe("the table has empty cells in column 'Batch' (row 2)");
  });

  it('blames the merge that left cells empty, not the read', () => {
    const { found } = lint("df = pd.read_csv('models.csv').fillna(0)\nprices = pd.read_csv('prices.csv')\ndf = df.merge(prices, on='Type', how='left')");
    expect(found).toEqual(['DT604:5:4']);
  });

  it('counts blank text as empty', () => {
    expect(lint("df = pd.DataFrame({'a': ['x', '', '  ']})").r.warnings[0].message).toBe("the table has empty cells in column 'a' (rows 2, 3)");
  });

  it('blames an empty table on the filter that emptied it (DT605)', () => {
    const { found } = lint("df = pd.read_csv('models.csv')\ndf = df[df['Model'] == 'gpt']\ndf = df[['Model']]");
    expect(found).toEqual(['DT605:4:4']);
  });

  it('reports a table without columns as empty', () => {
    expect(lint("df = pd.read_csv('models.csv')[[]]").r.warnings[0].message).toBe("the table is empty: 'df' has no columns");
  });

  it('follows :df-var:', () => {
    expect(lint("t = pd.read_csv('models.csv')\nt = t[t['Model'] == 'x']", [':df-var: t']).found).toEqual(['DT605:5:4']);
  });

  it('keeps the frame-layer warnings (DT602) beside its own', () => {
    const { found } = lint("df = pd.read_csv('models.csv').fillna(0)\ndf = pd.merge(df, pd.read_csv('prices.csv'), on='Type')");
    expect(found).toEqual(['DT602:4:12']);
  });
});

describe('lintBlock: sorting formatted numbers (DT601, from the frame layer)', () => {
  const costs = "df = pd.DataFrame({'Cost': ['$2.000', '$10.000', '$3.500']})";

  it('warns at the sort key', () => {
    expect(lint(`${costs}\ndf = df.sort_values('Cost')`).found).toEqual(['DT601:4:24']);
  });

  it('is silent when key= sorts by the numbers', () => {
    expect(lint(`${costs}\ndf = df.sort_values('Cost', key=lambda s: s.str.lstrip('$').astype(float))`).found).toEqual([]);
  });
});

describe('lintBlock: errors', () => {
  it('reports a malformed CSV at the statement that read it, naming the file', () => {
    const { r, found } = lint("x = 1\ndf = pd.read_csv('bad.csv')");
    expect(found).toEqual(['DT402:4:4']);
    expect(r.error?.file).toBe(join(tree.dir, 'docs/p.rst'));
    expect(r.error?.message).toBe('bad.csv: Error tokenizing data. C error: Expected 2 fields in line 3, saw 3');
  });

  it('gives no table warnings for a block that failed', () => {
    expect(lint("df = pd.read_csv('models.csv')\ndf = df['Modle']").found).toEqual(['DT201:4:12']);
  });
});
