import { mkdtempSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateCode } from '../../src/engine.js';
import { isDataFrame } from '../../src/frame/modules.js';
import { toDanfo } from '../../src/frame/danfo.js';

const danfoLoaded = () => Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes('danfojs-node'));

function table() {
  const dir = mkdtempSync(join(tmpdir(), 'dft-danfo-'));
  writeFileSync(join(dir, 'a.csv'), 'Model,Batch,Tput\nbert,1,10.5\ngpt2,,20\n');
  return evaluateCode("df = pd.read_csv('a.csv')\ndf['Note'] = df['Model'].map({'bert': 'ok'})", { file: join(dir, 'p.rst'), line: 1, root: dir });
}

// Order matters: the first test must run before anything in this file loads danfo.
describe('toDanfo', () => {
  it('is not loaded when blocks are evaluated', () => {
    expect(table().ok).toBe(true);
    expect(danfoLoaded()).toBe(false);
  });

  it('hands a result table to danfo with its columns, numbers and missing text cells', async () => {
    const r = table();
    expect(isDataFrame(r.frame!)).toBe(true);
    const d = await toDanfo(r.frame as never);
    expect(danfoLoaded()).toBe(true);
    expect(d.columns).toEqual(['Model', 'Batch', 'Tput', 'Note']);
    expect(d.values).toEqual([
      ['bert', 1, 10.5, 'ok'],
      ['gpt2', NaN, 20, null],
    ]);
  }, 60_000);
});
