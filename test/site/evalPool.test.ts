/**
 * Worker-thread evaluation (`build --jobs N`) runs the compiled worker, so this test uses dist/
 * (npm run build) and is skipped with a message when it is absent. A build with two workers must
 * write the same pages as a build in one thread.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const repo = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const dist = join(repo, 'dist/site/evalWorker.js');
const fixture = join(repo, 'test/fixtures/site/basic');

describe.skipIf(!existsSync(dist))('build on worker threads (compiled package)', () => {
  const work = mkdtempSync(join(tmpdir(), 'dftables-pool-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('writes the same pages as a one-thread build', () => {
    // Enough pages for the pool to start: the fixture site copied into several folders.
    for (let k = 0; k < 4; k++) cpSync(fixture, join(work, 'src', `copy${k}`), { recursive: true });
    const script = (out: string, jobs: number) => `
      import { buildSite } from ${JSON.stringify(join(repo, 'dist/site/build.js'))};
      import { evaluateBlock } from ${JSON.stringify(join(repo, 'dist/engine.js'))};
      const s = await buildSite({ src: ${JSON.stringify(join(work, 'src'))}, out: ${JSON.stringify(out)}, evaluate: evaluateBlock, jobs: ${jobs}, report: () => {} });
      console.log(JSON.stringify(s));`;
    for (const [out, jobs] of [['one', 1], ['two', 2]] as const) {
      const r = spawnSync('node', ['--input-type=module', '-e', script(join(work, out), jobs)], { encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toMatchObject({ pages: 12, tables: 12, errors: 4 });
    }
    for (const page of ['copy0/guide/intro.html', 'copy3/data.html']) {
      expect(readFileSync(join(work, 'two', page), 'utf8')).toBe(readFileSync(join(work, 'one', page), 'utf8'));
    }
  }, 60_000);
});
