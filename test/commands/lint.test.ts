import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runLint, type LintCommandOptions } from '../../src/commands/lint.js';
import { closeIsolatePool } from '../../src/sandbox/isolate.js';
import { makeTree, type Tree } from '../sandbox/helpers.js';

function sink(isTTY = false) {
  let text = '';
  const stream = Object.assign(
    new Writable({
      write(chunk, _enc, done) {
        text += String(chunk);
        done();
      },
    }),
    { isTTY },
  );
  return { stream, text: () => text };
}

let tree: Tree;
beforeAll(() => {
  tree = makeTree({
    'conf.py': '',
    'docs/models.csv': 'Model,Throughput (/sec),Batch\nbert,10.5,1\nvit,2.25,\n',
    'docs/good.rst': 'Good\n====\n\n.. df-table::\n\n   df = pd.read_csv("models.csv").fillna(0)\n',
    'docs/column.rst': "Bad column\n==========\n\n.. df-table::\n\n   df = pd.read_csv('models.csv')\n   df = df[['Model', 'Throughput (/sec']]\n",
    'docs/empty.md': "# Empty cells\n\n```{df-table}\ndf = pd.read_csv('models.csv')\n```\n",
    'sub/data/prices.csv': 'a,b\n1,2\n',
    'sub/docs/perf.rst': ".. df-table::\n\n   df = pd.read_csv('../data/prices.csv')\n",
  });
});
afterAll(async () => {
  await closeIsolatePool();
  tree.remove();
});

async function lint(paths: string[], opts: LintCommandOptions = {}, tty = false) {
  const out = sink(tty);
  const err = sink();
  const code = await runLint(
    paths.map((p) => join(tree.dir, p)),
    opts,
    { out: out.stream, err: err.stream },
  );
  return { code, stdout: out.text().split(tree.dir + '/').join(''), stderr: err.text() };
}

describe('dftables lint', () => {
  it('prints tsc-style diagnostics with a code frame and a summary, and exits 1 on an error', async () => {
    const r = await lint(['docs/column.rst']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      [
        "docs/column.rst:7:22: error DT201 column 'Throughput (/sec' not found; did you mean 'Throughput (/sec)'?",
        "7 |    df = df[['Model', 'Throughput (/sec']]",
        '  |                      ^',
        '',
        '1 problem (1 error, 0 warnings) in 1 page (1 table)',
        '',
      ].join('\n'),
    );
  });

  it('exits 0 on a clean page and says so', async () => {
    const r = await lint(['docs/good.rst']);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('no problems in 1 page (1 table)\n');
  });

  it('exits 0 on warnings alone', async () => {
    const r = await lint(['docs/empty.md']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('docs/empty.md:4:1: warning DT604 ');
  });

  it('exits 1 on more warnings than --max-warnings', async () => {
    const r = await lint(['docs/empty.md'], { maxWarnings: 0 });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('too many warnings (maximum: 0)');
  });

  it('accepts as many warnings as --max-warnings', async () => {
    expect((await lint(['docs/empty.md'], { maxWarnings: 1 })).code).toBe(0);
  });

  it('prints one JSON array of {file, line, column, severity, code, message} with --json', async () => {
    const r = await lint(['docs'], { json: true });
    const list = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(list.map((d) => Object.keys(d))).toEqual([
      ['file', 'line', 'column', 'severity', 'code', 'message'],
      ['file', 'line', 'column', 'severity', 'code', 'message'],
    ]);
    expect(list.map((d) => [d.file, d.line, d.column, d.severity, d.code])).toEqual([
      ['docs/column.rst', 7, 22, 'error', 'DT201'],
      ['docs/empty.md', 4, 1, 'warning', 'DT604'],
    ]);
    expect(r.code).toBe(1);
  });

  it('prints an empty JSON array for clean pages', async () => {
    const r = await lint(['docs/good.rst'], { json: true });
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  it('lets a page read ../data inside its repository (root found by a marker above the page)', async () => {
    const r = await lint(['sub/docs/perf.rst'], { json: true });
    expect(JSON.parse(r.stdout)).toEqual([]);
  });

  it('refuses ../data outside the --root given', async () => {
    const r = await lint(['sub/docs/perf.rst'], { json: true, root: join(tree.dir, 'sub/docs') });
    expect((JSON.parse(r.stdout) as { code: string }[]).map((d) => d.code)).toEqual(['DT304']);
  });

  it('paints severities on a terminal', async () => {
    vi.stubEnv('NO_COLOR', '');
    vi.stubEnv('FORCE_COLOR', '');
    const r = await lint(['docs/column.rst'], {}, true);
    vi.unstubAllEnvs();
    expect(r.stdout).toContain('\x1b[31merror\x1b[39m');
  });

  it('exits 2 for a path that does not exist', async () => {
    const r = await lint(['nope.rst']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('nope.rst');
  });

  it('gives the same findings in this thread with --no-isolate', async () => {
    const isolated = await lint(['docs'], { json: true });
    const here = await lint(['docs'], { json: true, isolate: false });
    expect(here.stdout).toBe(isolated.stdout);
  });

  it('honours --timeout', async () => {
    tree.write({ 'slow/loop.rst': '.. df-table::\n\n   for i in range(10**12):\n       pass\n' });
    const t0 = Date.now();
    const r = await lint(['slow/loop.rst'], { json: true, timeout: 0.3 });
    expect(Date.now() - t0).toBeLessThan(5000);
    const [d, ...more] = JSON.parse(r.stdout) as { code: string; line: number }[];
    expect(more).toEqual([]);
    expect(d.code).toBe('DT306');
    expect([3, 4]).toContain(d.line); // the for statement or its body, wherever the deadline struck
  });
});
