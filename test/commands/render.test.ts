import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runRender, type RenderCommandOptions } from '../../src/commands/render.js';
import { cellTexts } from '../render/helpers.js';

const repo = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const fixture = join(repo, 'test/fixtures/site/basic');
const corpus = resolve(repo, '../shared/corpus/neuron');
const reference = resolve(repo, '../shared/corpus/neuron-sphinx-html');
const sphinx = existsSync('/usr/bin/sphinx-build');

function sink() {
  let text = '';
  return {
    stream: new Writable({
      write(chunk, _e, done) {
        text += String(chunk);
        done();
      },
    }),
    text: () => text,
  };
}

function run(page: string, opts: RenderCommandOptions) {
  const o = sink();
  const e = sink();
  const code = runRender(page, opts, { out: o.stream, err: e.stream });
  return { code, stdout: o.text(), stderr: e.text() };
}

let work: string;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'dftables-render-'));
  cpSync(fixture, join(work, 'docs'), { recursive: true });
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('dftables render', () => {
  it('--to md turns df-table fences into pipe tables, the rest unchanged', () => {
    const { code, stdout } = run(join(work, 'docs/data.md'), { to: 'md' });
    expect(code).toBe(0);
    const original = readFileSync(join(work, 'docs/data.md'), 'utf8');
    expect(stdout).toBe(
      original.replace(
        /```\{df-table\}[\s\S]*?\n```\n/,
        '**Throughput by model**\n\n| Model | Scripts | Throughput |\n|---|---|---:|\n| bert | {benchmark}`Run <bert>` | 1056.5 |\n| gpt2 | [Docs](https://example.com/gpt2) | 88.25 |\n',
      ),
    );
  });

  it('--to rst writes static csv-tables, marks the failed block as an error, and exits 1', () => {
    const out = join(work, 'intro.static.rst');
    const { code, stderr } = run(join(work, 'docs/guide/intro.rst'), { to: 'rst', out });
    expect(code).toBe(1);
    expect(stderr).toMatch(/intro\.rst:31:\d+: error DT401/);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain('.. csv-table:: Instance prices\n   :header-rows: 1\n\n   "Instance","Hourly","Cost"\n   "inf1.xlarge","0.228","$0.228"\n');
    expect(text).toContain('.. error::\n\n   df-table failed: ');
    expect(text).not.toContain('df-table::');
  });

  it('--to html prints the page body', () => {
    const { code, stdout } = run(join(work, 'docs/data.md'), { to: 'html' });
    expect(code).toBe(0);
    expect(stdout.startsWith('<h1 id="data-tables">Data tables')).toBe(true);
    expect(cellTexts(stdout)).toContain('1056.5');
  });

  it('refuses --to md for a reStructuredText page and an unknown format (exit 2)', () => {
    expect(run(join(work, 'docs/index.rst'), { to: 'md' })).toMatchObject({ code: 2, stderr: expect.stringContaining('use --to rst') });
    expect(run(join(work, 'docs/index.rst'), { to: 'pdf' as 'md' }).code).toBe(2);
  });

  it.skipIf(!existsSync(reference) || !sphinx)('--to rst output builds in plain Sphinx to the same cells as the exec-based build', () => {
    const src = join(work, 'plain');
    mkdirSync(src);
    const cases = ['about-neuron-benchmarks-inf1-index', 'about-neuron-benchmarks-inf2-inf2-performance', 'about-neuron-benchmarks-trn1-trn1-inference-performance'];
    for (const c of cases) {
      const { code } = run(join(corpus, c, 'page.rst'), { to: 'rst', out: join(src, c + '.rst') });
      expect(code).toBe(0);
    }
    writeFileSync(join(src, 'index.rst'), ['Index', '=====', '', '.. toctree::', '', ...cases.map((c) => '   ' + c), ''].join('\n'));
    writeFileSync(
      join(src, 'conf.py'),
      [
        'import json, sys',
        `sys.path.insert(0, ${JSON.stringify(join(repo, 'test/fixtures/sphinx/site'))})`,
        "extensions = ['sphinx.ext.extlinks', 'tabstub']",
        `extlinks = {r: (v['url'], v['caption'] or None) for r, v in json.load(open(${JSON.stringify(join(corpus, 'extlinks.json'))}))['extlinks'].items()}`,
      ].join('\n'),
    );
    const r = spawnSync('/usr/bin/sphinx-build', ['-q', '-b', 'html', src, join(work, 'html')], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    for (const c of cases) {
      expect(cellTexts(readFileSync(join(work, 'html', c + '.html'), 'utf8')), c).toEqual(cellTexts(readFileSync(join(reference, c + '.html'), 'utf8')));
    }
  }, 60_000);
});
