/**
 * Table-cell fidelity of our renderer (what `dftables build` writes) on a hand-made page of what
 * docutils and Sphinx treat specially in csv-table cells (test/fixtures/sphinx/cells): with
 * pandas' CSV for each block (expected.json), every table reads as in the page Sphinx 5.3 made
 * with the original exec-based df_tables extension (reference.html): same tables, thead rows,
 * stub cells, cell texts and links.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { BlockResult } from '../../src/engine.js';
import { findBlocks } from '../../src/directive/find.js';
import { parseOptions } from '../../src/directive/options.js';
import { tableSummaries } from '../sphinx/site.js';
import { renderPage } from './helpers.js';

const fixture = resolve(fileURLToPath(new URL('../fixtures/sphinx/cells', import.meta.url)));
const path = join(fixture, 'page.rst');
const text = readFileSync(path, 'utf8');

/** The page's blocks with pandas' results. */
function goldenResults(): Record<number, BlockResult> {
  const expected = JSON.parse(readFileSync(join(fixture, 'expected.json'), 'utf8')) as Record<string, { ok: boolean; csv?: string }>;
  const out: Record<number, BlockResult> = {};
  for (const b of findBlocks(text, 'page.rst')) {
    out[b.line] = { file: 'page.rst', line: b.line, ok: expected[b.line].ok, csv: expected[b.line].csv, warnings: [], files: [], options: parseOptions(b) };
  }
  return out;
}

const extlinks = { 'pytorch-neuron': { url: 'https://github.com/aws-neuron/aws-neuron-sdk/blob/master/neuron-guide/neuron-frameworks/pytorch-neuron/%s', caption: null } };

describe('cells of the fidelity fixture, as the exec-based Sphinx build shows them', () => {
  const { html } = renderPage(text, { path, docname: 'cells/page', extlinks, tables: goldenResults() });
  const ours = tableSummaries(html);
  const reference = tableSummaries(readFileSync(join(fixture, 'reference.html'), 'utf8'));

  it('has the same tables (the two blocks docutils refuses make none)', () => {
    expect(ours.map((t) => t.caption)).toEqual(reference.map((t) => t.caption));
  });

  for (const [k, t] of reference.entries()) {
    it(`table ${k + 1} (${t.caption}): same thead, cells, texts and links`, () => {
      expect(ours[k]).toEqual(t);
    });
  }
});
