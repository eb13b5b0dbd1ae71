import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { evaluateBlock } from '../../src/engine.js';
import { IsolatePool, evaluateBlocksIsolated, closeIsolatePool } from '../../src/sandbox/isolate.js';
import { blocksOf, makeTree, rstPage, type Tree } from './helpers.js';

let tree: Tree;
beforeAll(() => {
  tree = makeTree({ '.git': '', 'docs/a.csv': 'Model,Score\nx,1\ny,\n' });
});
afterAll(async () => {
  await closeIsolatePool();
  tree.remove();
});

const page = (code: string, options: string[] = []) => blocksOf(rstPage(code, options), join(tree.dir, 'docs/p.rst'));

describe('evaluateBlocksIsolated', () => {
  it('gives the same results as evaluating in this thread, without the frame', async () => {
    const blocks = [...page("df = pd.read_csv('a.csv')\ndf = df.sort_values('Model', ascending=False)"), ...page("df = pd.read_csv('b.csv')")];
    const isolated = await evaluateBlocksIsolated(blocks);
    const here = blocks.map((b) => {
      const { frame: _frame, ...rest } = evaluateBlock(b);
      return rest;
    });
    expect(isolated).toEqual(here);
    expect(isolated[0].frame).toBeUndefined();
  });

  it('stops a block stuck in one call and reports DT306 at its statement', async () => {
    const blocks = page("df = pd.DataFrame({'m': ['a' * 40 + 'b']})\ndf['x'] = df['m'].str.contains(r'^(a|aa)+\\1$')");
    const t0 = Date.now();
    const [r] = await evaluateBlocksIsolated(blocks, { limits: { timeoutMs: 300 }, graceMs: 200 });
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(r.ok).toBe(false);
    expect(r.error).toMatchObject({ code: 'DT306', line: 4, column: 4 });
  });

  it('goes on with other blocks after a worker was stopped', async () => {
    const stuck = page("df = pd.DataFrame({'m': ['a' * 40 + 'b']})\ndf['x'] = df['m'].str.contains(r'^(a|aa)+\\1$')");
    const fine = page("df = pd.read_csv('a.csv')");
    const rs = await evaluateBlocksIsolated([...stuck, ...fine, ...fine], { limits: { timeoutMs: 300 }, graceMs: 200 });
    expect(rs.map((r) => r.ok)).toEqual([false, true, true]);
    expect(rs[1].csv).toBe('Model,Score\nx,1.0\ny,\n');
  });

  it('runs lint checks on the result when asked', async () => {
    const [r] = await evaluateBlocksIsolated(page("df = pd.read_csv('a.csv')"), { lint: true });
    expect(r.warnings.map((w) => [w.code, w.line])).toEqual([['DT604', 3]]);
  });

  it('keeps results in block order when a pool runs them in parallel', async () => {
    const pool = new IsolatePool(2);
    try {
      const blocks = [1, 2, 3, 4, 5].flatMap((n) => page(`df = pd.DataFrame({'n': [${n}]})`));
      const rs = await Promise.all(blocks.map((b) => pool.evaluate(b)));
      expect(rs.map((r) => r.csv)).toEqual([1, 2, 3, 4, 5].map((n) => `n\n${n}\n`));
    } finally {
      await pool.close();
    }
  });
});

describe('IsolatePool', () => {
  it('fails a block that runs out of memory with DT305, and goes on', async () => {
    const pool = new IsolatePool(1, 64);
    try {
      const hog = page("rows = [[i, str(i) * 3] for i in range(3_000_000)]\ndf = pd.DataFrame(rows)");
      const [r] = await Promise.all(hog.map((b) => pool.evaluate(b)));
      expect(r.error).toMatchObject({ code: 'DT305', line: 3, message: 'block ran out of memory and was stopped' });
      const [after] = await Promise.all(page("df = pd.read_csv('a.csv')").map((b) => pool.evaluate(b)));
      expect(after.ok).toBe(true);
    } finally {
      await pool.close();
    }
  });
});
