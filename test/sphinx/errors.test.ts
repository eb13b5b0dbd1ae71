/**
 * Engine errors become Sphinx errors at the page line of the fault, with the DT code, the way Sphinx
 * shows any directive error; the rest of the page still builds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, errorLines, makeSite, pageHtml, skipReason, tableCells, type BuildResult, type Site } from './site.js';

const skip = skipReason();

const page = [
  'Errors', //                                  1
  '======', //                                  2
  '', //                                        3
  '.. tab-set::', //                            4
  '', //                                        5
  '   .. tab-item:: Unknown column', //         6
  '', //                                        7
  '      .. df-table::', //                     8
  '         :header-rows: 1', //                9
  '', //                                       10
  "         df = pd.read_csv('data.csv')", //  11
  "         df = df[['Modle']]", //            12
  '', //                                       13
  '.. df-table::', //                          14
  '', //                                       15
  "   df = pd.read_csv('nope.csv')", //        16
  '', //                                       17
  '.. df-table::', //                          18
  '   :header-rows: 1', //                     19
  '', //                                       20
  "   table = pd.read_csv('data.csv')", //     21
  '', //                                       22
  'A good table:', //                          23
  '', //                                       24
  '.. df-table::', //                          25
  '   :header-rows: 1', //                     26
  '', //                                       27
  "   df = pd.read_csv('data.csv')", //        28
  '',
].join('\n');

describe.skipIf(skip)('sphinx_dftables errors', () => {
  let site: Site;
  let result: BuildResult;
  let errors: string[];

  beforeAll(() => {
    site = makeSite({ files: { 'err/page.rst': page, 'err/data.csv': 'Model,Cost\nbert,1.5\ngpt,2.25\n' } });
    result = build(site);
    errors = errorLines(result.output);
  }, 120_000);
  afterAll(() => site?.remove());

  const errorAt = (line: number) => errors.find((e) => e.includes(`err/page.rst:${line}: ERROR: `));

  it('reports an unknown column at the code line inside nested directives, with the DT code and column', () => {
    expect(errorAt(12)).toMatch(/ERROR: DT201 .*'Modle'.*\(col (\d+)\)$/);
    // The column is a page column: past the 9 spaces that indent the code.
    expect(Number(/\(col (\d+)\)$/.exec(errorAt(12)!)![1])).toBeGreaterThan(9);
  });

  it('reports a missing CSV at the line that reads it', () => {
    expect(errorAt(16)).toMatch(/ERROR: DT401 .*nope\.csv/);
  });

  it('reports a block that never assigns df at the directive line', () => {
    expect(errorAt(18)).toMatch(/ERROR: DT206 /);
  });

  it('reports nothing else, and the build still succeeds as with any directive error', () => {
    expect(errors).toHaveLength(3);
    expect(result.status).toBe(0);
  });

  it('still renders the good table of the page', () => {
    expect(tableCells(pageHtml(site, 'err/page'))).toEqual([['Model', 'Cost', 'bert', '1.5', 'gpt', '2.25']]);
  });
});
