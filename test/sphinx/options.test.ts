/**
 * df-table is csv-table with a computed body: csv-table's options and inline markup work, and
 * :df-var:/:df-arg: name the result variable. Loaded here with the folder above sphinx_dftables/
 * on sys.path (the package layout), the other way users may add it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, errorLines, makeSite, pageHtml, repo, skipReason, tableCells, type BuildResult, type Site } from './site.js';

const skip = skipReason();

const page = `Options
=======

.. df-table:: Parts and prices
   :header-rows: 1
   :stub-columns: 1
   :widths: 30 70
   :class: parts
   :name: parts-table

   parts = pd.read_csv('parts.csv')
   parts['Part'] = '**' + parts['Part'] + '**'
   df = parts

.. df-table::
   :df-var: summary

   summary = pd.DataFrame({'Total': [pd.read_csv('parts.csv')['Price'].sum()]})

.. df-table::
   :df-arg: t

   t = pd.DataFrame({'x': ['\`\`code\`\`', ':ref:\`parts-table\`']})
`;

describe.skipIf(skip)('sphinx_dftables directive options', () => {
  let site: Site;
  let result: BuildResult;
  let html: string;

  beforeAll(() => {
    site = makeSite({ extensionPath: repo, files: { 'opts.rst': page, 'parts.csv': 'Part,Price\nbolt,0.25\nnut,0.5\n' } });
    result = build(site);
    html = pageHtml(site, 'opts');
  }, 120_000);
  afterAll(() => site?.remove());

  it('builds without an error', () => {
    expect(errorLines(result.output)).toEqual([]);
  });

  it('renders csv-table options: title, header rows, stub column, widths, class and name', () => {
    const table = /<table[^>]*>[\s\S]*?<\/table>/.exec(html)![0];
    expect(table).toMatch(/<table class="parts docutils align-default" id="parts-table">/);
    expect(table).toMatch(/<caption><span class="caption-text">Parts and prices<\/span>/);
    expect(table).toMatch(/<col style="width: 30.0%" \/>\s*<col style="width: 70.0%" \/>/);
    expect(table).toMatch(/<th class="head stub"><p>Part<\/p><\/th>/);
    expect(table).toMatch(/<th class="stub"><p><strong>bolt<\/strong><\/p><\/th>/);
  });

  it('takes the table from the :df-var: variable', () => {
    expect(tableCells(html)[1]).toEqual(['Total', '0.75']);
  });

  it('takes the table from the :df-arg: variable, with roles and literals in cells', () => {
    const cells = tableCells(html)[2];
    expect(cells).toEqual(['x', 'code', 'Parts and prices']);
    expect(html).toMatch(/<code class="docutils literal notranslate"><span class="pre">code<\/span><\/code>/);
    expect(html).toMatch(/<a class="reference internal" href="#parts-table">/);
  });
});
