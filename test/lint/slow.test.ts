/**
 * Pages that must be stopped: loops that never end (the interpreter's deadline) and regular
 * expressions that backtrack inside one call (the isolate's watchdog). Lint ends quickly anyway,
 * with DT306 at the statement, and goes on with the next block.
 */
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintPages, type PageLint } from '../../src/lint/lintPages.js';
import { closeIsolatePool } from '../../src/sandbox/isolate.js';

const repo = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const folder = join(repo, 'test/fixtures/lint/slow');

let pages: PageLint[];
let ms: number;
beforeAll(async () => {
  const t0 = performance.now();
  pages = await lintPages(
    ['hostile-regex/page.rst', 'hostile-loops/page.rst'].map((p) => ({ file: join(folder, p), given: folder })),
    { timeoutMs: 500 },
  );
  ms = performance.now() - t0;
});
afterAll(() => closeIsolatePool());

const found = (i: number) => pages[i].diagnostics.map((d) => `${d.code}:${d.line}:${d.column}`);

describe('lint of pages that must be stopped', () => {
  it('finishes a backtracking regex the linear engine can run, and stops one it cannot (a backreference) at its statement', () => {
    expect(found(0)).toEqual(['DT306:16:4']);
    expect(pages[0].diagnostics[0].message).toBe('block exceeded the time limit of 0.5 s and was stopped');
  });

  it('stops endless loops inside their blocks and lints the block after them', () => {
    const lines = pages[1].diagnostics.map((d) => d.line);
    expect(pages[1].diagnostics.map((d) => d.code)).toEqual(['DT306', 'DT306', 'DT306']);
    expect(lines[0]).toBeGreaterThanOrEqual(6);
    expect(lines[0]).toBeLessThanOrEqual(8);
    expect(lines[1]).toBe(13);
    expect(lines[2]).toBe(18);
  });

  it('ends in a few seconds', () => {
    expect(ms).toBeLessThan(8000);
  });
});
