import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellTexts, renderPage } from './helpers.js';
import { splitFence } from '../../src/render/markdown/page.js';

const md = (text: string, opts = {}) => renderPage(text, { format: 'md', ...opts });
const okTable = (csv: string) => ({ ok: true, csv, options: { headerRows: 1, stubColumns: 0, classes: [], dfVar: 'df', keepspace: false } });

describe('MyST Markdown', () => {
  it('renders a df-table fence from its result, cells parsed as Markdown', () => {
    const src = '# Results\n\n```{df-table} Title\n:header-rows: 1\n\ndf = x\n```\n';
    const { html, title } = md(src, { tables: { 3: okTable('Model,Link\nbert,[docs](https://d.example)\n') } });
    expect(title).toBe('Results');
    expect(cellTexts(html)).toEqual(['Model', 'Link', 'bert', 'docs']);
    expect(html).toContain('<td><p><a href="https://d.example" class="reference external">docs</a></p></td>');
    expect(html).toContain('<caption><span class="caption-text">Title</span>');
  });

  it('renders nested directive fences (tab-set > tab-item > note) with backtick and colon fences', () => {
    const src = '````{tab-set}\n```{tab-item} One\n:::{note}\nInside **bold**.\n:::\n```\n````\n';
    const { html } = md(src);
    expect(html).toContain('<label class="sd-tab-label" for="sd-tab-item-1-0">One</label>');
    expect(html).toContain('<div class="admonition note">\n<p class="admonition-title">Note</p>\n<p>Inside <strong>bold</strong>.</p>');
  });

  it('finds df-table results by page line inside nested fences', () => {
    // The nested df-table fence is on page line 4.
    const { html } = md('````{tab-set}\n\n```{tab-item} A\n:::{df-table}\n:header-rows: 1\n\ndf = x\n:::\n```\n````\n', { tables: { 4: okTable('a\n1\n') } });
    expect(cellTexts(html)).toEqual(['a', '1']);
  });

  it('renders MyST roles, targets and heading anchors', () => {
    const src = '(my-label)=\n## Section\n\nSee {ref}`my-label` and {benchmark-pt}`Bench <bert>`.\n';
    const { html } = md(src, { extlinks: { 'benchmark-pt': { url: 'https://b/%s.py', caption: null } } });
    expect(html).toContain('<span id="my-label"></span><h2 id="section">Section<a class="headerlink" href="#section"');
    expect(html).toContain('<a class="reference internal" href="#my-label"><span class="std std-ref">Section</span></a>');
    expect(html).toContain('<a class="reference external" href="https://b/bert.py">Bench</a>');
  });

  it('gives GFM tables the docutils classes, a scrolling wrapper and numeric columns', () => {
    const { html } = md('| Name | Cost |\n|---|---|\n| a | 1.5 |\n| b | 2 |\n');
    expect(html).toContain('<div class="table-wrapper"><table class="docutils align-default">');
    expect(html).toContain('<td class="numeric">1.5</td>');
    expect(html).toContain('<th class="head">Name</th>');
  });

  it('rewrites links to other pages to their HTML, and skips front matter and comments', () => {
    const { html } = md('---\ntitle: x\n---\n% a comment\n[next](other.md#part)\n');
    expect(html).toBe('<p><a href="other.html#part" class="reference internal">next</a></p>\n');
  });

  it('splits a fence into options and body (option lines or a YAML block)', () => {
    expect(splitFence(':header-rows: 1\n:widths: 1 2\n\ndf = x\n', 10)).toEqual({
      options: [
        { name: 'header-rows', value: '1', line: 11 },
        { name: 'widths', value: '1 2', line: 12 },
      ],
      body: ['df = x'],
      contentLine: 14,
    });
    expect(splitFence('---\nheader-rows: 1\n---\ndf = x\n', 1).options).toEqual([{ name: 'header-rows', value: '1', line: 3 }]);
  });

  it('reports problems in inline markup at their page line', () => {
    const { diagnostics } = md('# T\n\ntext\n\n![img](missing.png) and {nosuch}`x`\n');
    expect(diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['DT706', 5],
      ['DT702', 5],
    ]);
  });

  it('renders {eval-rst} content as reStructuredText', () => {
    expect(md('```{eval-rst}\n.. note:: From RST.\n```\n').html).toContain('<p class="admonition-title">Note</p>\n<p>From RST.</p>');
  });

  it('renders a plain table cell exactly as markdown-it would (fast path)', () => {
    // Without < and >: raw HTML blocks keep their own line ends, which the page comparison would trip on.
    const alphabet = fc.constantFrom(...'aZ09 .,-+=$%#()[]&/*_:`|"\'\\@!?{}~'.split(''));
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 12 }), (s) => {
        const csv = 'h\n"' + s.replace(/"/g, '""') + '"\n';
        const cell = /<td[^>]*>([\s\S]*?)<\/td>/.exec(md('```{df-table}\ndf = x\n```\n', { tables: { 1: { ...okTable(csv), options: { headerRows: 1, stubColumns: 0, classes: [], dfVar: 'df', keepspace: true } } } }).html)?.[1];
        const page = s.trim() ? md('first\n\n' + s + '\n').html.replace('<p>first</p>\n', '') : '';
        const lone = /^<p>[\s\S]*<\/p>\n$/.test(page) && page.indexOf('<p>', 1) < 0;
        expect(cell).toBe(lone ? page.slice(0, -1) : page);
      }),
      { numRuns: 400 },
    );
  });
});
