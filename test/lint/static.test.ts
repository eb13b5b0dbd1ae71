import { describe, expect, it } from 'vitest';
import { findBlocks } from '../../src/directive/find.js';
import { checkBlockStatically } from '../../src/lint/static.js';

function check(page: string) {
  const [block] = findBlocks(page, 'p.rst');
  return checkBlockStatically(block);
}

const brief = (r: ReturnType<typeof check>) => r.errors.map((d) => `${d.code}:${d.line}:${d.column}`);

describe('checkBlockStatically', () => {
  it('passes a good block and returns its options', () => {
    const r = check('.. df-table::\n   :header-rows: 1\n\n   df = pd.read_csv("a.csv")\n');
    expect(r.errors).toEqual([]);
    expect(r.options?.headerRows).toBe(1);
  });

  it('reports every bad option at its own line', () => {
    const r = check('.. df-table::\n   :header-row: 1\n   :widths: x\n   :align: left\n\n   df = 1\n');
    expect(brief(r)).toEqual(['DT501:2:4', 'DT502:3:4']);
    expect(r.errors[0].message).toContain("did you mean ':header-rows:'?");
  });

  it('reports a syntax error where Python would', () => {
    const r = check(".. df-table::\n\n   df = pd.read_csv('a.csv'\n");
    expect(brief(r)).toEqual(['DT103:3:20']);
  });

  it('refuses imports, def and private names without running anything', () => {
    expect(brief(check('.. df-table::\n\n   import os\n'))[0]).toMatch(/^DT303:3:/);
    expect(brief(check('.. df-table::\n\n   def f(x):\n       return x\n'))).toEqual(['DT301:3:4']);
    expect(brief(check('.. df-table::\n\n   x = ().__class__\n'))[0]).toMatch(/^DT302:3:/);
  });

  it('reports a bad option and a syntax error of the same block', () => {
    expect(brief(check('.. df-table::\n   :nope: 1\n\n   df = (\n')).map((s) => s.slice(0, 5))).toEqual(['DT501', 'DT103']);
  });

  it('leaves an empty block to the engine', () => {
    expect(check('.. df-table::\n   :header-rows: 1\n').errors).toEqual([]);
  });
});
