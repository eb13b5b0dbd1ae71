import { describe, expect, it } from 'vitest';
import { findRstBlocks } from '../../src/directive/rst.js';
import { codeToPage } from '../../src/directive/types.js';

const page = [
  'Title', //                                    1
  '=====', //                                    2
  '', //                                         3
  '.. tab-set::', //                             4
  '', //                                         5
  '    .. tab-item:: Throughput', //             6
  '', //                                         7
  '        .. df-table:: Costs', //              8
  '            :header-rows: 1', //              9
  '            :widths: 20 30', //              10
  '', //                                        11
  "            df = pd.read_csv('a.csv')", //   12
  '', //                                        13
  "            df['x'] = 1", //                 14
  '', //                                        15
  'After.', //                                  16
].join('\n');

describe('findRstBlocks', () => {
  it('finds a df-table nested in tab-set/tab-item with its line, title and options', () => {
    const [b] = findRstBlocks(page, 'p.rst');
    expect(b.line).toBe(8);
    expect(b.col).toBe(9);
    expect(b.argument).toBe('Costs');
    expect(b.options.map((o) => [o.name, o.value, o.pos.line, o.pos.col])).toEqual([
      ['header-rows', '1', 9, 13],
      ['widths', '20 30', 10, 13],
    ]);
  });

  it('dedents the code and keeps blank lines inside it', () => {
    const [b] = findRstBlocks(page, 'p.rst');
    expect(b.code).toBe("df = pd.read_csv('a.csv')\n\ndf['x'] = 1");
  });

  it('maps code positions back to page lines and columns', () => {
    const [b] = findRstBlocks(page, 'p.rst');
    expect(codeToPage(b.map, 1, 1)).toEqual({ line: 12, col: 13 });
    expect(codeToPage(b.map, 3, 4)).toEqual({ line: 14, col: 16 });
    expect(b.endLine).toBe(14);
  });

  it('ignores a df-table shown inside a code-block or a literal block', () => {
    const text = ['.. code-block:: rst', '', '   .. df-table::', '', '      df = 1', '', 'Example::', '', '   .. df-table::', '', '      df = 2', ''].join('\n');
    expect(findRstBlocks(text, 'p.rst')).toEqual([]);
  });

  it('ignores a df-table inside a comment', () => {
    const text = ['..', '   .. df-table::', '', '      df = 1'].join('\n');
    expect(findRstBlocks(text, 'p.rst')).toEqual([]);
  });

  it('reads code written right after the directive (no options, no blank line) as the title, as docutils does', () => {
    const [b] = findRstBlocks(['.. df-table::', "   df = pd.read_csv('a.csv')"].join('\n'), 'p.rst');
    expect(b.argument).toBe("df = pd.read_csv('a.csv')");
    expect(b.code).toBe('');
  });

  it('finds a df-table that opens a list item', () => {
    const [b] = findRstBlocks(['- .. df-table::', '', '     df = 1', '', '- next'].join('\n'), 'p.rst');
    expect(b.code).toBe('df = 1');
    expect(b.col).toBe(3);
  });

  it('keeps relative indentation beyond the block indentation (Python will then report it)', () => {
    const [b] = findRstBlocks(['.. df-table::', '   :header-rows: 1', '', '     df = 1'].join('\n'), 'p.rst');
    expect(b.code).toBe('  df = 1');
    expect(codeToPage(b.map, 1, 3)).toEqual({ line: 4, col: 6 });
  });

  it('finds every block of a real page at the lines pandas was run on', () => {
    const text = ['.. df-table::', '   :header-rows: 1', '', '   df = 1', '', '.. note::', '', '   .. df-table::', '', '      df = 2'].join('\n');
    expect(findRstBlocks(text, 'p.rst').map((b) => b.line)).toEqual([1, 8]);
  });
});
