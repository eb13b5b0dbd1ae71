import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runBuild } from '../../src/commands/build.js';
import { cellTexts } from '../render/helpers.js';

const repo = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const fixture = join(repo, 'test/fixtures/site/basic');
const corpus = resolve(repo, '../shared/corpus/neuron');
const reference = resolve(repo, '../shared/corpus/neuron-sphinx-html');

function sink() {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += String(chunk);
      done();
    },
  });
  return { stream, text: () => text };
}

let work: string;
beforeEach(() => (work = mkdtempSync(join(tmpdir(), 'dftables-build-cmd-'))));
afterEach(() => rmSync(work, { recursive: true, force: true }));

async function run(src: string, out: string, opts = {}) {
  const o = sink();
  const e = sink();
  const code = await runBuild(src, { out, ...opts }, { out: o.stream, err: e.stream });
  return { code, stdout: o.text(), stderr: e.text() };
}

describe('dftables build', () => {
  it('builds the site, prints file:line:col diagnostics and a summary, and exits 1 on a failed block', async () => {
    const src = join(work, 'docs');
    cpSync(fixture, src, { recursive: true });
    const { code, stdout, stderr } = await run(src, join(work, 'out'));
    expect(code).toBe(1);
    expect(stderr).toMatch(/docs\/guide\/intro\.rst:31:\d+: error DT401 /);
    expect(stdout).toMatch(/^built 3 pages \(3 tables\) into .*out: 1 error, 0 warnings in \d+\.\d\d s\n$/);
    const html = readFileSync(join(work, 'out/guide/intro.html'), 'utf8');
    expect(cellTexts(html).slice(0, 3)).toEqual(['Instance', 'Hourly', 'Cost']);
    expect(html).toContain('df-table failed: DT401');
  });

  it('exits 0 when every block evaluates, and reports cached pages on the next build', async () => {
    const src = join(work, 'docs');
    cpSync(fixture, src, { recursive: true });
    const intro = join(src, 'guide/intro.rst');
    writeFileSync(intro, readFileSync(intro, 'utf8').replace(/\n\.\. df-table::\n   :header-rows: 1\n\n   df = pd.read_csv\('..\/missing.csv'\)\n/, '\n'));
    expect((await run(src, join(work, 'out'))).code).toBe(0);
    const again = await run(src, join(work, 'out'));
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('(2 tables, 2 from cache)');
  });

  it('refuses a source that is not a folder (exit 2)', async () => {
    expect(await run(join(work, 'nope'), join(work, 'out'))).toMatchObject({ code: 2, stderr: expect.stringContaining('is not a folder') });
  });

  it.skipIf(!existsSync(reference))('builds the Neuron pages with the same table cells, in order, as their Sphinx build', async () => {
    const out = join(work, 'neuron');
    const { stderr } = await run(corpus, out, { quiet: true });
    expect(stderr).toBe('');
    for (const f of readdirSync(reference)) {
      const ours = readFileSync(join(out, f.replace(/\.html$/, ''), 'page.html'), 'utf8');
      expect(cellTexts(ours), f).toEqual(cellTexts(readFileSync(join(reference, f), 'utf8')));
    }
  });
});
