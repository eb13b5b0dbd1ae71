import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/errors.js';
import { buildSite, type BuildOptions } from '../../src/site/build.js';
import { cellTexts } from '../render/helpers.js';
import { goldenEvaluator } from './golden.js';

const fixture = fileURLToPath(new URL('../fixtures/site/basic', import.meta.url));
let work: string;
let src: string;
let out: string;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'dftables-build-'));
  src = join(work, 'docs');
  out = join(work, 'out');
  cpSync(fixture, src, { recursive: true });
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

async function build(extra: Partial<BuildOptions> = {}) {
  const diagnostics: Diagnostic[] = [];
  const golden = goldenEvaluator();
  const summary = await buildSite({ src, out, report: (d) => diagnostics.push(d), evaluate: golden.evaluate, ...extra });
  return { summary, diagnostics, calls: golden.calls };
}

const read = (rel: string) => readFileSync(join(out, rel), 'utf8');

describe('buildSite', () => {
  it('writes every page to OUT/<same path>.html with the theme and linked files', async () => {
    const { summary } = await build();
    for (const f of ['index.html', 'guide/intro.html', 'data.html', '_static/dftables.css', 'img/dot.png']) expect(existsSync(join(out, f)), f).toBe(true);
    expect(summary).toMatchObject({ pages: 3, tables: 3, errors: 1 });
    expect(read('guide/intro.html')).toContain('<link rel="stylesheet" href="../_static/dftables.css">');
  });

  it('renders each table in place and the failed block as an error box, with file:line:col diagnostics', async () => {
    const { diagnostics } = await build();
    const html = read('guide/intro.html');
    expect(cellTexts(html)).toEqual(['Instance', 'Hourly', 'Cost', 'inf1.xlarge', '0.228', '$0.228', 'inf2.xlarge', '0.7582', '$0.758']);
    expect(html).toContain('df-table failed: DT401');
    const err = diagnostics.find((d) => d.severity === 'error')!;
    expect(err).toMatchObject({ line: 28, code: 'DT401' });
    expect(err.file.endsWith(join('docs', 'guide', 'intro.rst'))).toBe(true);
  });

  it('renders Markdown pages with MyST tables, roles and extlinks from dftables.config.json', async () => {
    await build();
    const html = read('data.html');
    expect(cellTexts(html)).toEqual(['Model', 'Scripts', 'Throughput', 'bert', 'Run', '1056.5', 'gpt2', 'Docs', '88.25']);
    expect(html).toContain('<a class="reference external" href="https://example.com/bench/bert.py">Run</a>');
  });

  it('resolves :ref: and :doc: across pages and builds the navigation from the toctree', async () => {
    await build();
    const index = read('index.html');
    expect(index).toContain('<a class="reference internal" href="guide/intro.html#prices-label"><span class="std std-ref">Prices</span></a>');
    expect(index).toContain('<p class="caption" role="heading"><span class="caption-text">Contents</span></p>');
    expect(index).toContain('<a class="reference internal" href="data.html">Data tables</a>');
    const intro = read('guide/intro.html');
    expect(intro).toContain('<a class="reference internal" href="../data.html"><span class="doc">the data page</span></a>');
    expect(intro).toContain('<li class="current" data-doc="guide/intro"><a aria-current="page" href="../guide/intro.html">Introduction</a>');
    expect(intro).toContain('<a class="next" rel="next" href="../data.html">');
  });

  it('writes an index page listing the pages when the site has none', async () => {
    rmSync(join(src, 'index.rst'));
    await build();
    expect(read('index.html')).toContain('<li><a href="guide/intro.html">Introduction</a></li>');
  });

  it('does not evaluate an unchanged page again, and does when a CSV it read changes', async () => {
    await build();
    const second = await build();
    // data.md is cached; intro.rst has a failed block, so it is evaluated again (the missing file may appear).
    expect(second.calls.some((c) => c.includes('data.md'))).toBe(false);
    expect(second.summary.cached).toBe(1);
    writeFileSync(join(src, 'throughput.csv'), readFileSync(join(src, 'throughput.csv'), 'utf8') + 't5,x,1\n');
    expect((await build()).calls.some((c) => c.includes('data.md'))).toBe(true);
  });

  it('evaluates a page again when its text changes, and always with force', async () => {
    await build();
    writeFileSync(join(src, 'data.md'), readFileSync(join(src, 'data.md'), 'utf8') + '\nMore text.\n');
    expect((await build()).calls.some((c) => c.includes('data.md'))).toBe(true);
    expect((await build({ force: true })).calls.some((c) => c.includes('data.md'))).toBe(true);
  });

  it('leaves unchanged HTML files untouched on a rebuild', async () => {
    await build();
    const before = statSync(join(out, 'data.html')).mtimeMs;
    const { summary } = await build();
    expect(statSync(join(out, 'data.html')).mtimeMs).toBe(before);
    expect(summary.written).toBe(0);
  });

  it('skips _build, node_modules, dot-folders and an output folder inside the source', async () => {
    for (const d of ['_build', 'node_modules/pkg', '.hidden', 'site']) {
      mkdirSync(join(src, d), { recursive: true });
      writeFileSync(join(src, d, 'x.rst'), 'X\n=\n');
    }
    out = join(src, 'site');
    const { summary } = await build();
    expect(summary.pages).toBe(3);
  });

  it('reports a failure of the evaluator itself on its block and builds every other page', async () => {
    const golden = goldenEvaluator();
    const diagnostics: Diagnostic[] = [];
    const summary = await buildSite({
      src,
      out,
      report: (d) => diagnostics.push(d),
      evaluate: (b, o) => {
        if (b.file.endsWith('data.md')) throw new Error('boom');
        return golden.evaluate(b, o);
      },
    });
    expect(summary.pages).toBe(3);
    expect(diagnostics).toContainEqual(expect.objectContaining({ code: 'DT204', line: 6, message: 'internal error: boom' }));
    expect(read('data.html')).toContain('df-table failed: DT204');
    expect(cellTexts(read('guide/intro.html')).slice(0, 3)).toEqual(['Instance', 'Hourly', 'Cost']);
  });
});
