/**
 * Issues 3 and 5 on a hand-made page of what docutils and Sphinx treat specially in csv-table
 * cells (test/fixtures/sphinx/cells): built by real Sphinx with sphinx_dftables, and its
 * `render --to rst` output built by plain Sphinx (no df-table extension), every table reads as in
 * the page Sphinx 5.3 made with the original exec-based df_tables extension (reference.html).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BlockResult } from '../../src/engine.js';
import { findBlocks } from '../../src/directive/find.js';
import { parseOptions } from '../../src/directive/options.js';
import { staticCsvTable, substituteBlocks } from '../../src/render/substitute.js';
import { build, errorLines, makeSite, pageHtml, repo, skipReason, tableSummaries, type Site } from './site.js';

const skip = skipReason({ corpus: true });
const fixture = join(repo, 'test/fixtures/sphinx/cells');
const page = readFileSync(join(fixture, 'page.rst'), 'utf8');
const reference = tableSummaries(readFileSync(join(fixture, 'reference.html'), 'utf8'));

/** The page with each df-table replaced by the static csv-table `render --to rst` writes (pandas' CSV). */
function staticPage(): string {
  const expected = JSON.parse(readFileSync(join(fixture, 'expected.json'), 'utf8')) as Record<string, { ok: boolean; csv?: string }>;
  const lines = page.split('\n');
  return substituteBlocks(page, findBlocks(page, 'page.rst'), (b) => {
    const result: BlockResult = { file: 'page.rst', line: b.line, ok: true, csv: expected[b.line].csv, warnings: [], files: [], options: parseOptions(b) };
    return staticCsvTable(b, result, lines);
  });
}

describe.skipIf(skip)('cells of the fidelity fixture in real Sphinx', () => {
  let dftables: Site;
  let plain: Site;
  const outputs: string[] = [];
  beforeAll(() => {
    dftables = makeSite({ files: { 'cells/page.rst': page } });
    // No df-table extension: tabstub stands in the extension slot of the fixture conf.py.
    plain = makeSite({ files: { 'cells/page.rst': staticPage() }, extension: 'tabstub', extensionPath: join(repo, 'test/fixtures/sphinx/site') });
    for (const site of [dftables, plain]) {
      const r = build(site);
      if (r.status !== 0) throw new Error(r.output);
      outputs.push(r.output);
    }
  }, 300_000);
  afterAll(() => {
    dftables?.remove();
    plain?.remove();
  });

  it('sphinx_dftables: same tables, thead rows, cells, texts and links as the exec-based build', () => {
    expect(tableSummaries(pageHtml(dftables, 'cells/page'))).toEqual(reference);
  });

  it('render --to rst in plain Sphinx: same tables, thead rows, cells, texts and links', () => {
    expect(tableSummaries(pageHtml(plain, 'cells/page'))).toEqual(reference);
  });

  it('the two blocks docutils refuses are errors in both builds, as in the exec-based one', () => {
    const dims = /Insufficient data supplied/;
    for (const output of outputs) expect(errorLines(output).filter((l) => dims.test(l))).toHaveLength(2);
  });
});
