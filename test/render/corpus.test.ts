/**
 * Fidelity on the shared Neuron pages: our HTML has the same table cells, in the same order, as
 * the published Sphinx build (../shared/corpus/neuron-sphinx-html), and `render --to rst` output
 * built by plain Sphinx (no df-table extension, no pandas) gives those cells too. Tables come
 * from expected.json (pandas 1.5.3's output), so this checks rendering, not evaluation.
 * Skipped with a message when ../shared (or sphinx-build, for the second part) is absent.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { BlockResult } from '../../src/engine.js';
import { findBlocks } from '../../src/directive/find.js';
import { parseOptions } from '../../src/directive/options.js';
import { loadConfig } from '../../src/site/config.js';
import { staticCsvTable, substituteBlocks } from '../../src/render/substitute.js';
import { cellTexts, renderPage, textOf } from './helpers.js';

const repo = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const corpus = resolve(repo, '../shared/corpus/neuron');
const reference = resolve(repo, '../shared/corpus/neuron-sphinx-html');
const cases = existsSync(reference) ? readdirSync(reference).map((f) => f.replace(/\.html$/, '')).filter((c) => existsSync(join(corpus, c, 'page.rst'))) : [];
const sphinx = existsSync('/usr/bin/sphinx-build') ? '/usr/bin/sphinx-build' : undefined;

/** The page's blocks with pandas' own results (expected.json). */
function goldenResults(page: string, text: string): Map<number, BlockResult> {
  const expected = JSON.parse(readFileSync(join(page, '..', 'expected.json'), 'utf8')) as Record<string, { ok: boolean; csv?: string }>;
  const out = new Map<number, BlockResult>();
  for (const b of findBlocks(text, 'page.rst')) {
    const e = expected[String(b.line)];
    out.set(b.line, { file: 'page.rst', line: b.line, ok: e.ok, csv: e.csv, warnings: [], files: [], options: parseOptions(b) });
  }
  return out;
}

function extlinks() {
  // The corpus extlinks.json has the dftables.config.json shape.
  const dir = mkdtempSync(join(tmpdir(), 'dftables-ext-'));
  writeFileSync(join(dir, 'dftables.config.json'), readFileSync(join(corpus, 'extlinks.json')));
  const config = loadConfig(dir);
  rmSync(dir, { recursive: true, force: true });
  return config.extlinks;
}

describe.skipIf(!cases.length)('Neuron pages: same cells as the Sphinx build', () => {
  if (!cases.length) it.skip(`../shared/corpus not found at ${corpus}`, () => {});
  for (const c of cases) {
    it(c, () => {
      const path = join(corpus, c, 'page.rst');
      const text = readFileSync(path, 'utf8');
      const results = goldenResults(path, text);
      const { html } = renderPage(text, { path, extlinks: extlinks(), tables: Object.fromEntries(results) });
      expect(cellTexts(html)).toEqual(cellTexts(readFileSync(join(reference, c + '.html'), 'utf8')));
    });
    it(`${c}: the whole body reads the same (notes, contents, tab labels, links)`, () => {
      const path = join(corpus, c, 'page.rst');
      const text = readFileSync(path, 'utf8');
      const { html } = renderPage(text, { path, extlinks: extlinks(), tables: Object.fromEntries(goldenResults(path, text)) });
      const ref = /<div class="body" role="main">([\s\S]*?)<div class="sphinxsidebar"/.exec(readFileSync(join(reference, c + '.html'), 'utf8'))![1];
      const read = (h: string) => textOf(h.replace(/<a class="headerlink"[^>]*>¶<\/a>/g, '').replace(/<[^>]*>/g, ' '));
      expect(read(html)).toBe(read(ref));
    });
  }
});

describe.skipIf(!cases.length || !sphinx)('render --to rst builds in plain Sphinx to the same cells', () => {
  const work = mkdtempSync(join(tmpdir(), 'dftables-plain-sphinx-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  it('builds every corpus page without the df-table extension', () => {
    const src = join(work, 'src');
    mkdirSync(src, { recursive: true });
    const stubs = join(repo, 'test/fixtures/sphinx/site');
    writeFileSync(
      join(src, 'conf.py'),
      [
        'import json, sys',
        `sys.path.insert(0, ${JSON.stringify(stubs)})`,
        "project = 'Python'",
        "extensions = ['sphinx.ext.extlinks', 'tabstub']",
        `extlinks = {r: (v['url'], v['caption'] or None) for r, v in json.load(open(${JSON.stringify(join(corpus, 'extlinks.json'))}))['extlinks'].items()}`,
        "exclude_patterns = ['_build']",
      ].join('\n'),
    );
    const toc = ['Index', '=====', '', '.. toctree::', '', ...cases.map((c) => `   ${c}`), ''];
    writeFileSync(join(src, 'index.rst'), toc.join('\n'));
    for (const c of cases) {
      const text = readFileSync(join(corpus, c, 'page.rst'), 'utf8');
      const results = goldenResults(join(corpus, c, 'page.rst'), text);
      const lines = text.split('\n');
      writeFileSync(join(src, c + '.rst'), substituteBlocks(text, findBlocks(text, 'page.rst'), (b) => staticCsvTable(b, results.get(b.line), lines)));
    }
    const run = spawnSync(sphinx!, ['-q', '-b', 'html', src, join(work, 'out')], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    for (const c of cases) {
      const ours = cellTexts(readFileSync(join(work, 'out', c + '.html'), 'utf8'));
      expect(ours, c).toEqual(cellTexts(readFileSync(join(reference, c + '.html'), 'utf8')));
    }
  }, 60_000);
});
