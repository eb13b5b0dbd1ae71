/**
 * `dftables build` over the folder of broken and hostile pages: it ends quickly, exits 1, still
 * builds the good pages (and every other page, with an error box), and leaves no stray file in
 * the sources or in the output.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuild } from '../../src/commands/build.js';

const repo = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const folder = join(repo, 'test/fixtures/lint/broken');

function listTree(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    out.push(relative(dir, p));
    if (statSync(p).isDirectory()) out.push(...listTree(p).map((q) => join(name, q)));
  }
  return out.sort();
}

function sink() {
  let text = '';
  return {
    stream: new Writable({
      write(chunk, _enc, done) {
        text += String(chunk);
        done();
      },
    }),
    text: () => text,
  };
}

let out: string;
let before: string[];
let result: { code: number; stdout: string; stderr: string; ms: number };

beforeAll(async () => {
  out = mkdtempSync(join(tmpdir(), 'dftables-broken-build-'));
  before = listTree(folder);
  const o = sink();
  const e = sink();
  const t0 = performance.now();
  const code = await runBuild(folder, { out }, { out: o.stream, err: e.stream });
  result = { code, stdout: o.text(), stderr: e.text(), ms: performance.now() - t0 };
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

const cases = readdirSync(folder).filter((c) => existsSync(join(folder, c, 'expected-lint.json')));

describe('dftables build over the broken pages', () => {
  it('exits 1, quickly', () => {
    expect(result.code).toBe(1);
    expect(result.ms).toBeLessThan(15_000);
  });

  it('builds the good pages with their tables', () => {
    const html = readFileSync(join(out, 'good-throughput/page.html'), 'utf8');
    expect(html).toContain('$0.096');
    expect(readFileSync(join(out, 'good-myst/page.html'), 'utf8')).toContain('ResNet-50');
  });

  it('still builds every broken page', () => {
    for (const c of cases) {
      const page = readdirSync(join(folder, c)).find((f) => f.startsWith('page.'))!;
      expect(existsSync(join(out, c, page.replace(/\.(rst|md)$/, '.html'))), c).toBe(true);
    }
  });

  it('reports the errors lint finds, at the same places', () => {
    expect(result.stderr).toContain('unknown-column/page.rst:8:22: error DT201');
    expect(result.stderr).toContain('hostile-read-passwd/page.rst:6:21: error DT304');
  });

  it('writes nothing into the sources', () => {
    expect(listTree(folder)).toEqual(before);
  });

  it('writes only pages, styles and its cache into the output', () => {
    const stray = listTree(out).filter((p) => !statSync(join(out, p)).isDirectory() && !/\.(html|css)$/.test(p) && !p.startsWith('.dftables'));
    expect(stray).toEqual([]);
  });
});
