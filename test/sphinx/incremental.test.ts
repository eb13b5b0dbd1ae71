/**
 * Every CSV a block reads is a Sphinx dependency of its page: editing the data alone rebuilds the
 * page on the next incremental build (the original extension never registered them).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, makeSite, pageHtml, skipReason, tableCells, type Site } from './site.js';

const skip = skipReason();

const page = `Prices
======

.. df-table::
   :header-rows: 1

   df = pd.read_csv('../data/prices.csv')
   df = df.merge(pd.read_csv('names.csv'), on='id')[['name', 'price']]
`;

describe.skipIf(skip)('sphinx_dftables incremental builds', { timeout: 120_000 }, () => {
  let site: Site;

  beforeAll(() => {
    site = makeSite({
      files: {
        'shop/page.rst': page,
        'shop/names.csv': 'id,name\n1,bolt\n2,nut\n',
        'data/prices.csv': 'id,price\n1,0.25\n2,0.5\n',
        'other.rst': 'Other\n=====\n\nNo tables here.\n',
      },
    });
    build(site);
  }, 120_000);
  afterAll(() => site?.remove());

  it('re-reads a page when a CSV it read in another folder changes, and shows the new data', () => {
    writeFileSync(join(site.src, 'data/prices.csv'), 'id,price\n1,0.75\n2,0.5\n');
    const second = build(site);
    expect(second.output).toMatch(/1 changed/);
    expect(tableCells(pageHtml(site, 'shop/page'))).toEqual([['name', 'price', 'bolt', '0.75', 'nut', '0.5']]);
  });

  it('re-reads a page when the second CSV it read changes', () => {
    writeFileSync(join(site.src, 'shop/names.csv'), 'id,name\n1,screw\n2,nut\n');
    const third = build(site);
    expect(third.output).toMatch(/1 changed/);
    expect(tableCells(pageHtml(site, 'shop/page'))[0]).toContain('screw');
  });

  it('re-reads nothing when no data changed', () => {
    expect(build(site).output).toMatch(/0 added, 0 changed, 0 removed/);
  });
});
