/**
 * The acceptance check: the neuron pages built by real Sphinx with sphinx_dftables (found
 * the documented way, its folder on sys.path, engine located by default) give the same table cells as
 * the reference build made with the original exec-based extension.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, corpusCases, errorLines, makeSite, pageHtml, referenceHtml, skipReason, tableCellHtml, tableCells, type BuildResult, type Site } from './site.js';

const skip = skipReason({ corpus: true });

describe.skipIf(skip)('sphinx_dftables on the neuron corpus', () => {
  const cases = skip ? [] : corpusCases();
  let site: Site;
  let result: BuildResult;

  beforeAll(() => {
    site = makeSite({ cases });
    result = build(site);
  }, 300_000);
  afterAll(() => site?.remove());

  it('builds without an error', () => {
    expect(errorLines(result.output)).toEqual([]);
    expect(result.status).toBe(0);
  });

  for (const c of cases) {
    const reference = () => readFileSync(join(referenceHtml, `${c}.html`), 'utf8');

    it(`${c}: every table cell has the reference text`, () => {
      const expected = tableCells(reference());
      expect(expected.length).toBeGreaterThan(0);
      expect(tableCells(pageHtml(site, `${c}/page`))).toEqual(expected);
    });

    it(`${c}: roles and markup in cells render as in the reference`, () => {
      expect(tableCellHtml(pageHtml(site, `${c}/page`))).toEqual(tableCellHtml(reference()));
    });
  }
});
