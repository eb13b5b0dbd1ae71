/**
 * dftables' own documentation (docs/ over data/): every table evaluates, equals what pandas 1.5.3
 * returns (goldens in test/fixtures/docs/expected, written by scripts/oracle.py; see the README
 * there), every example shown in a code block does what the page says, and the site builds clean.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evaluateBlock, evaluatePage } from '../../src/engine.js';
import { formatDiagnostic, type Diagnostic } from '../../src/errors.js';
import { buildSite, type BuildSummary } from '../../src/site/build.js';
import { DOCS, REPO, docsPages, examplesOf, readPage } from './pages.js';

type Golden = Record<string, { ok: boolean; csv?: string; error?: string }>;

function golden(page: string): Golden {
  const file = join(REPO, 'test/fixtures/docs/expected', page.replace(/\.(rst|md)$/, '.json'));
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Golden) : {};
}

/** Pages whose code-block examples are fragments rather than blocks that run where they are shown. */
const FRAGMENT_EXAMPLES = new Set([
  'reference/diagnostics.rst', // one snippet per code, generated from src/diagnostics/codes.ts
  'sphinx.rst', // shows a conf.py project's page, with files that are not in this repository
]);

const pages = docsPages();

describe('the docs site', () => {
  it('has the pages the toctree promises, including the Sphinx page', () => {
    for (const p of ['index.rst', 'benchmarks/trn1-inference.rst', 'benchmarks/llm-report.md', 'benchmarks/cost-comparison.rst',
      'reference/cli.rst', 'reference/directive.rst', 'reference/pandas-subset.rst', 'reference/configuration.rst',
      'reference/diagnostics.rst', 'sphinx.rst']) {
      expect(pages).toContain(p);
    }
  });

  it('reads ../data through "root": ".." in docs/dftables.config.json', () => {
    const config = JSON.parse(readPage('dftables.config.json')) as { root?: string; title?: string; extlinks?: object };
    expect(config.root).toBe('..');
    expect(typeof config.title).toBe('string');
    expect(Object.keys(config.extlinks ?? {})).toEqual(expect.arrayContaining(['benchmark-pt', 'llama-sample']));
  });

  it('has df-tables in the benchmark pages, in both page languages', () => {
    const count = (p: string) => evaluatePage(join(DOCS, p)).blocks.length;
    expect(count('benchmarks/trn1-inference.rst')).toBeGreaterThanOrEqual(4);
    expect(count('benchmarks/llm-report.md')).toBeGreaterThanOrEqual(4);
    expect(count('benchmarks/cost-comparison.rst')).toBeGreaterThanOrEqual(3);
  });
});

describe.each(pages)('docs/%s', (page) => {
  const result = evaluatePage(join(DOCS, page));
  const expected = golden(page);

  it('evaluates every df-table without an error or a warning', () => {
    const problems = result.results.flatMap((r) => (r.error ? [r.error] : r.warnings)).map(formatDiagnostic);
    expect(problems).toEqual([]);
  });

  it.each(result.results.map((r) => [r.line, r] as const))('block at line %i equals pandas 1.5.3', (line, r) => {
    expect(expected[String(line)], `no golden for line ${line}: regenerate test/fixtures/docs/expected (see its README)`).toMatchObject({ ok: true });
    expect(r.csv).toBe(expected[String(line)].csv);
  });

  const examples = FRAGMENT_EXAMPLES.has(page) ? [] : examplesOf(page);
  if (!examples.length) return;

  it.each(examples.map((e) => [e.line, e] as const))('example at line %i does what the page says', (line, e) => {
    expect(e.blocks.length, `the example at line ${line} holds no df-table the finder recognises`).toBeGreaterThan(0);
    for (const block of e.blocks) {
      const r = evaluateBlock(block);
      if (e.fails) {
        expect(r.error?.code, `the example at line ${line} is marked to fail with ${e.fails}`).toBe(e.fails);
        // The diagnostic shown under it is the one dftables prints for that snippet as docs/page.rst.
        const shown = e.next?.language === 'text' ? e.next.text : undefined;
        expect(shown, `show the diagnostic of the example at line ${line} in a text code block after it`).toBeDefined();
        expect(shown).toBe(formatDiagnostic({ ...r.error!, file: 'docs/page.rst' }));
        continue;
      }
      expect(r.error ? formatDiagnostic(r.error) : undefined).toBeUndefined();
      // Where pandas ran the same example (the oracle also reads code blocks), the tables agree.
      const g = expected[String(e.offset + block.line - 1)];
      if (g?.ok) expect(r.csv).toBe(g.csv);
    }
  });

  it('shows, next to each titled example, the live block with the same title and the same code', () => {
    for (const e of examples.filter((x) => !x.fails)) {
      for (const block of e.blocks.filter((b) => b.argument)) {
        const twin = result.blocks.find((b) => b.argument === block.argument);
        if (twin) expect(twin.code, `live block "${block.argument}"`).toBe(block.code);
      }
    }
  });
});

describe('building docs/ to HTML', () => {
  let out: string;
  let summary: BuildSummary;
  const diagnostics: Diagnostic[] = [];

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'dftables-docs-'));
    summary = await buildSite({ src: DOCS, out, force: true, evaluate: evaluateBlock, report: (d) => diagnostics.push(d) });
  }, 60_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('builds every page with no error and no warning (links, roles, labels, tables)', () => {
    expect(diagnostics.map(formatDiagnostic)).toEqual([]);
    expect(summary).toMatchObject({ pages: pages.length, errors: 0, warnings: 0 });
  });

  it('writes a page per source page, with the navigation of the index toctrees', () => {
    for (const p of pages) expect(existsSync(join(out, p.replace(/\.(rst|md)$/, '.html'))), p).toBe(true);
    const nav = readFileSync(join(out, 'reference/cli.html'), 'utf8');
    for (const title of ['Trn1 inference performance', 'LLM benchmark report', 'Diagnostic codes', 'Using dftables from Sphinx']) {
      expect(nav).toContain(title);
    }
  });

  it('renders roles in table cells as links', () => {
    const html = readFileSync(join(out, 'benchmarks/trn1-inference.html'), 'utf8');
    expect(html).toContain('href="https://github.com/aws-neuron/aws-neuron-sdk/blob/master/archive/src/benchmark/pytorch/inf2_benchmark.py"');
    expect(html).toContain('href="https://github.com/aws-neuron/aws-neuron-samples/blob/master/torch-neuronx/transformers-neuronx/inference/meta-llama-3-8b-sampling.ipynb"');
  });
});
