/**
 * The folder of deliberately broken (and hostile) pages: lint must report, per page, exactly the
 * diagnostics in its expected-lint.json (file, line, column, severity, code), and leave no file
 * behind.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintPages, type PageLint } from '../../src/lint/lintPages.js';
import { collectPages } from '../../src/pages.js';
import { closeIsolatePool } from '../../src/sandbox/isolate.js';

const repo = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const folder = join(repo, 'test/fixtures/lint/broken');

interface Expected {
  file: string;
  line: number;
  column: number;
  severity: string;
  code: string;
}

function listTree(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    out.push(relative(folder, p));
    if (statSync(p).isDirectory()) out.push(...listTree(p));
  }
  return out.sort();
}

const cases = readdirSync(folder).filter((c) => existsSync(join(folder, c, 'expected-lint.json')));
let before: string[];
let pages: PageLint[];
let seconds: number;

beforeAll(async () => {
  before = listTree(folder);
  const t0 = performance.now();
  pages = await lintPages(collectPages([folder]).map((file) => ({ file, given: folder })));
  seconds = (performance.now() - t0) / 1000;
});
afterAll(() => closeIsolatePool());

describe('lint over the broken pages', () => {
  it('has a case for every mistake the issue lists', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)('%s: reports the expected diagnostics', (c) => {
    const dir = join(folder, c);
    const page = pages.find((p) => resolve(p.file).startsWith(dir + '/'));
    expect(page, `no page linted in ${c}`).toBeDefined();
    const expected = JSON.parse(readFileSync(join(dir, 'expected-lint.json'), 'utf8')) as Expected[];
    const got = page!.diagnostics.map((d) => ({ file: relative(dir, d.file), line: d.line, column: d.column, severity: d.severity, code: d.code }));
    expect(got).toEqual(expected);
    for (const d of page!.diagnostics) expect(d.message.length).toBeGreaterThan(10);
  });

  it('reports nothing for a page without blocks', () => {
    expect(pages.find((p) => p.file.endsWith('/index.rst'))?.diagnostics).toEqual([]);
  });

  it('writes nothing: no file appears or disappears in the folder', () => {
    expect(listTree(folder)).toEqual(before);
  });

  it('runs quickly', () => {
    expect(seconds).toBeLessThan(10);
  });
});
