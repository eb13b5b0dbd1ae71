import { describe, expect, it } from 'vitest';
import { findMystBlocks } from '../../src/directive/myst.js';
import { codeToPage } from '../../src/directive/types.js';

describe('findMystBlocks', () => {
  it('finds a backtick fence with a title and :option: lines', () => {
    const text = ['# Page', '', '```{df-table} Costs', ':header-rows: 1', '', "df = pd.read_csv('a.csv')", '```', ''].join('\n');
    const [b] = findMystBlocks(text, 'p.md');
    expect([b.line, b.argument, b.code, b.endLine]).toEqual([3, 'Costs', "df = pd.read_csv('a.csv')", 7]);
    expect(b.options.map((o) => [o.name, o.value, o.pos.line])).toEqual([['header-rows', '1', 4]]);
    expect(codeToPage(b.map, 1, 6)).toEqual({ line: 6, col: 6 });
  });

  it('finds a colon fence with YAML options', () => {
    const text = [':::{df-table}', '---', 'header-rows: 1', 'df-var: t', '---', 't = 1', ':::'].join('\n');
    const [b] = findMystBlocks(text, 'p.md');
    expect(b.options.map((o) => [o.name, o.value])).toEqual([['header-rows', '1'], ['df-var', 't']]);
    expect(b.code).toBe('t = 1');
  });

  it('finds df-tables nested in other directive fences', () => {
    const text = ['````{tab-set}', '```{tab-item} A', '', '```', '```{df-table}', 'df = 1', '```', '````'].join('\n');
    expect(findMystBlocks(text, 'p.md').map((b) => b.line)).toEqual([5]);
  });

  it('ignores a df-table shown inside a plain code fence', () => {
    const text = ['````markdown', '```{df-table}', 'df = 1', '```', '````'].join('\n');
    expect(findMystBlocks(text, 'p.md')).toEqual([]);
  });

  it('strips the fence indentation inside a list item', () => {
    const text = ['1. Item', '', '   ```{df-table}', '   df = 1', '   ```'].join('\n');
    const [b] = findMystBlocks(text, 'p.md');
    expect(b.code).toBe('df = 1');
    expect(codeToPage(b.map, 1, 1)).toEqual({ line: 4, col: 4 });
  });
});
