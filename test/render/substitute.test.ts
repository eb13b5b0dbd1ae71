import { describe, expect, it } from 'vitest';
import type { BlockResult } from '../../src/engine.js';
import { findBlocks } from '../../src/directive/find.js';
import { pipeTable, staticCsvTable, substituteBlocks } from '../../src/render/substitute.js';
import { readCsvRows, docutilsDialect } from '../../src/render/csvDialect.js';

const options = { headerRows: 1, stubColumns: 0, classes: [], dfVar: 'df', keepspace: false };
const ok = (csv: string, extra = {}): BlockResult => ({ file: 'p', line: 0, ok: true, csv, warnings: [], files: [], options: { ...options, ...extra } });

function toRst(text: string, csv: Record<number, BlockResult>, file = 'page.rst'): string {
  const blocks = findBlocks(text, file);
  const lines = text.split(/\r?\n/);
  return substituteBlocks(text, blocks, (b) => staticCsvTable(b, csv[b.line], lines));
}

describe('render --to rst: df-table to static csv-table', () => {
  const page = 'Title\n=====\n\n.. tab-set::\n\n   .. tab-item:: A\n\n      .. df-table:: Caption\n         :header-rows: 1\n         :df-var: out\n\n         out = pd.read_csv("a.csv")\n\ntail text\n';

  it('keeps everything but the block byte for byte, with the same options (minus df-var) and data inline', () => {
    const out = toRst(page, { 8: ok('Model,Note\nbert,"a, ""b"""\n') });
    expect(out).toBe(
      'Title\n=====\n\n.. tab-set::\n\n   .. tab-item:: A\n\n      .. csv-table:: Caption\n         :header-rows: 1\n\n         "Model","Note"\n         "bert","a, ""b"""\n\ntail text\n',
    );
  });

  it('quotes every cell so docutils reads back the same cells (tabs as no-break spaces)', () => {
    const cells = [['  leading', 'tab\there', 'quote "x"', ''], ['multi\nline', ',', ' ', '`role`_']];
    const csv = cells.map((r) => r.map((c) => `"${c.replace(/"/g, '""')}"`).join(',')).join('\n') + '\n';
    const out = toRst('.. df-table::\n   :header-rows: 1\n\n   df = x\n', { 1: ok(csv, { keepspace: true }) });
    const content = out.split('\n').slice(3).map((l) => l.slice(3));
    expect(readCsvRows(content.slice(0, -1), docutilsDialect({ keepspace: true }))).toEqual(cells.map((r) => r.map((c) => c.replace(/\t/g, '\u00a0'))));
  });

  it('breaks rows where the original did: the CSV is split with Python\'s splitlines', () => {
    const out = toRst('.. df-table::\n\n   df = x\n', { 1: ok('a,b\nv\x0bw,1\n', { headerRows: 0 }) });
    expect(out).toBe('.. csv-table::\n\n   "a","b"\n   "v"\n   "w","1"\n');
  });

  it('writes tabs in cells as no-break spaces, which Sphinx does not expand into indentation when it reads the page', () => {
    const out = toRst('.. df-table::\n\n   df = x\n', { 1: ok('"\tx\n-\ty",z\n', { headerRows: 0 }) });
    expect(out).toBe('.. csv-table::\n\n   "\u00a0x\n   -\u00a0y","z"\n');
  });

  it('preserves CRLF line endings', () => {
    const out = toRst('A\r\n\r\n.. df-table::\r\n\r\n   df = x\r\nB\r\n', { 3: ok('a\n1\n') });
    expect(out).toBe('A\r\n\r\n.. csv-table::\r\n\r\n   "a"\r\n   "1"\r\nB\r\n');
  });

  it('replaces a failed block by an error admonition', () => {
    const error = { file: 'page.rst', line: 4, column: 4, severity: 'error' as const, code: 'DT205' as const, message: "name 'x' is not defined" };
    const out = toRst('.. df-table::\n\n   df = x\n', { 1: { file: 'page.rst', line: 1, ok: false, error, warnings: [], files: [] } });
    expect(out).toBe(".. error::\n\n   df-table failed: page.rst:4:4: error DT205 name 'x' is not defined\n");
  });

  it('writes MyST {csv-table} fences for Markdown pages', () => {
    const text = '# T\n\n```{df-table} Cap\n:header-rows: 1\n\ndf = x\n```\n';
    const out = toRst(text, { 3: ok('a,b\n1,2\n') }, 'page.md');
    expect(out).toBe('# T\n\n```{csv-table} Cap\n:header-rows: 1\n\n"a","b"\n"1","2"\n```\n');
  });
});

describe('render --to md: df-table fences to pipe tables', () => {
  it('writes a GitHub pipe table with numeric columns right-aligned and the title above', () => {
    const text = 'Intro\n\n```{df-table} Costs\n:header-rows: 1\n\ndf = x\n```\n\nEnd\n';
    const blocks = findBlocks(text, 'README.md');
    const out = substituteBlocks(text, blocks, (b) => pipeTable(b, ok('Model,Cost\nbert,1.5\n"a|b",2\n')));
    expect(out).toBe('Intro\n\n**Costs**\n\n| Model | Cost |\n|---|---:|\n| bert | 1.5 |\n| a\\|b | 2 |\n\nEnd\n');
  });

  it('uses an empty header row when the table has no header rows', () => {
    const [b] = findBlocks('```{df-table}\ndf = x\n```\n', 'p.md');
    expect(pipeTable(b, ok('1,2\n', { headerRows: 0 }))).toEqual(['|  |  |', '|---:|---:|', '| 1 | 2 |']);
  });
});
