/**
 * The engine's lint findings (DT6xx) stay quiet by default, as with the original extension (so
 * `sphinx-build -W` keeps passing); dftables_warnings = True reports them as Sphinx warnings at their
 * page line, and suppress_warnings silences one code.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { build, makeSite, skipReason, type Site } from './site.js';

const skip = skipReason();

const files = {
  'merge.rst': `Merge
=====

.. df-table::

   df = pd.read_csv('sizes.csv')
   df = pd.merge(df, pd.read_csv('prices.csv'), on='Type')
`,
  'sizes.csv': 'Type,Size\na,1\nb,2\nc,3\n',
  'prices.csv': 'Type,Price\na,10\nb,20\n',
};

const warningLines = (output: string) => output.split('\n').filter((l) => /: WARNING: DT6/.test(l));

describe.skipIf(skip)('sphinx_dftables lint warnings', { timeout: 120_000 }, () => {
  let site: Site | undefined;
  afterEach(() => site?.remove());

  it('reports none by default', () => {
    site = makeSite({ files });
    expect(warningLines(build(site).output)).toEqual([]);
  });

  it('reports them at their page line with the DT code when dftables_warnings is on', () => {
    site = makeSite({ files, config: { dftables_warnings: true } });
    const lines = warningLines(build(site).output);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/merge\.rst:7: WARNING: DT602 inner merge .*\(col \d+\)/);
  });

  it('leaves out a code listed in suppress_warnings', () => {
    site = makeSite({ files, config: { dftables_warnings: true, suppress_warnings: ['dftables.DT602'] } });
    expect(warningLines(build(site).output)).toEqual([]);
  });
});
