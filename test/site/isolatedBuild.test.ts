/**
 * `dftables build` evaluates blocks on the sandbox's worker pool: the pages are the same as an
 * in-thread build, and a block stuck in one long operation is stopped at its time limit while
 * every other page is still built.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/errors.js';
import { evaluateBlock } from '../../src/engine.js';
import { closeIsolatePool, evaluateBlocksIsolated } from '../../src/sandbox/isolate.js';
import { buildSite } from '../../src/site/build.js';

const repo = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const work = mkdtempSync(join(tmpdir(), 'dftables-isolated-'));
afterAll(async () => {
  await closeIsolatePool();
  rmSync(work, { recursive: true, force: true });
});

async function build(src: string, out: string, isolated: boolean, timeout?: number) {
  const diagnostics: Diagnostic[] = [];
  const summary = await buildSite({
    src,
    out,
    timeout,
    evaluate: evaluateBlock,
    evaluateIsolated: isolated ? (blocks, o) => evaluateBlocksIsolated(blocks, o) : undefined,
    report: (d) => diagnostics.push(d),
  });
  return { summary, diagnostics };
}

describe('build with isolated evaluation', () => {
  it('writes the same pages as an in-thread build', async () => {
    const src = join(work, 'basic');
    cpSync(join(repo, 'test/fixtures/site/basic'), src, { recursive: true });
    const one = await build(src, join(work, 'one'), false);
    const two = await build(src, join(work, 'two'), true);
    expect(two.summary).toMatchObject({ pages: one.summary.pages, tables: one.summary.tables, errors: one.summary.errors });
    for (const page of ['guide/intro.html', 'data.html', 'index.html']) {
      expect(readFileSync(join(work, 'two', page), 'utf8')).toBe(readFileSync(join(work, 'one', page), 'utf8'));
    }
  }, 60_000);

  it('stops a backtracking regex at the time limit and still builds the other pages', async () => {
    const src = join(work, 'slow');
    cpSync(join(repo, 'test/fixtures/lint/slow/hostile-regex'), join(src, 'regex'), { recursive: true });
    cpSync(join(repo, 'test/fixtures/site/basic'), join(src, 'good'), { recursive: true });
    const started = Date.now();
    const { summary, diagnostics } = await build(src, join(work, 'slow-out'), true, 0.5);
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(diagnostics.some((d) => d.code === 'DT306' && d.file.includes('regex'))).toBe(true);
    expect(readFileSync(join(work, 'slow-out', 'good', 'guide', 'intro.html'), 'utf8')).toContain('<table');
    expect(summary.errors).toBeGreaterThan(0);
  }, 60_000);
});
