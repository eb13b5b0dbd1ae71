import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cellTexts, renderPage } from './helpers.js';

const files = fileURLToPath(new URL('../fixtures/render/files/', import.meta.url));
const inFiles = { path: files + 'page.rst', root: files };
const okTable = (csv: string, headerRows = 1) => ({ ok: true, csv, options: { headerRows, stubColumns: 0, classes: [], dfVar: 'df', keepspace: false } });

describe('directives', () => {
  it('renders tab-set/tab-item as radio tabs that work without JavaScript', () => {
    const { html } = renderPage('.. tab-set::\n\n   .. tab-item:: One\n\n      first\n\n   .. tab-item:: Two\n      :selected:\n\n      second\n');
    expect(html).toContain('<div class="sd-tab-set docutils">');
    expect(html).toContain('<input id="sd-tab-item-1-0" name="sd-tab-set-1" type="radio">\n<label class="sd-tab-label" for="sd-tab-item-1-0">One</label><div class="sd-tab-content docutils">\n<p>first</p>');
    expect(html).toContain('<input checked="checked" id="sd-tab-item-1-1" name="sd-tab-set-1" type="radio">');
    expect(html).not.toContain('<script');
  });

  it('renders the first tab selected when none says :selected:', () => {
    expect(renderPage('.. tab-set::\n\n   .. tab-item:: A\n\n      a\n').html).toContain('<input checked="checked" id="sd-tab-item-1-0"');
  });

  it('renders a local table of contents of the sections below', () => {
    const { html } = renderPage('T\n=\n\n.. contents:: Table of contents\n   :local:\n\nA\n-\n\nB\n-\n\nB1\n~~\n');
    expect(html).toContain('<nav class="contents local" id="table-of-contents">\n<p class="topic-title">Table of contents</p>\n<ul class="simple">');
    expect(html).toContain('<li><p><a class="reference internal" href="#b">B</a></p><ul>\n<li><p><a class="reference internal" href="#b1">B1</a></p></li>');
  });

  it('limits contents to :depth:', () => {
    const { html } = renderPage('T\n=\n\n.. contents::\n   :depth: 1\n\nA\n-\n\nA1\n~~\n');
    const nav = /<nav class="contents"[\s\S]*?<\/nav>/.exec(html)![0];
    expect(nav).toContain('href="#a"');
    expect(nav).not.toContain('href="#a1"');
  });

  it('renders csv-table from :file: with header rows, parsing cell markup', () => {
    const { html, diagnostics } = renderPage('.. csv-table:: Results\n   :file: data.csv\n   :header-rows: 1\n', inFiles);
    expect(diagnostics).toEqual([]);
    expect(cellTexts(html)).toEqual(['Model', 'Throughput', 'Link', 'bert', '1,056', 'Docs', 'gpt', '12.5', '']);
    expect(html).toContain('<a class="reference external" href="https://d.example">Docs</a>');
    expect(html).toContain('<caption><span class="caption-text">Results</span>');
  });

  it('reports a missing csv-table file as an error and shows the problem in place', () => {
    const { html, diagnostics } = renderPage('.. csv-table::\n   :file: nope.csv\n', inFiles);
    expect(diagnostics.map((d) => [d.code, d.severity])).toContainEqual(['DT401', 'error']);
    expect(html).toContain('System Message: ERROR');
  });

  it('reports :widths: that do not match the columns (DT705)', () => {
    const { diagnostics } = renderPage('.. csv-table::\n   :widths: 1 2 3\n\n   a, b\n');
    expect(diagnostics).toMatchObject([{ code: 'DT705', severity: 'error', line: 1 }]);
  });

  it('renders a df-table result like csv-table, with stub columns and title', () => {
    const src = '.. df-table:: Prices\n   :header-rows: 1\n\n   df = x\n';
    const { html } = renderPage(src, { tables: { 1: { ...okTable('Inst,Cost\ninf1,"$0.03"\n'), options: { headerRows: 1, stubColumns: 1, classes: [], dfVar: 'df', keepspace: false } } } });
    expect(cellTexts(html)).toEqual(['Inst', 'Cost', 'inf1', '$0.03']);
    expect(html).toContain('<th class="stub"><p>inf1</p></th>');
    expect(html).toContain('<caption><span class="caption-text">Prices</span>');
  });

  it("splits a df-table's CSV where Python's splitlines does (a \\v in a value breaks its row, as in the original)", () => {
    const { html } = renderPage('.. df-table::\n   :header-rows: 1\n\n   df = x\n', { tables: { 1: okTable('a,b\nv\x0bw,1\n') } });
    expect(cellTexts(html)).toEqual(['a', 'b', 'v', '', 'w', '1']);
  });

  it('shows no table for a df-table whose frame has no rows under its header rows, as docutils', () => {
    const { html, diagnostics } = renderPage('.. df-table::\n   :header-rows: 1\n\n   df = x\n', { tables: { 1: okTable('a,b\n') } });
    expect(html).not.toContain('<table');
    expect(diagnostics).toMatchObject([{ code: 'DT705', message: 'Insufficient data supplied (1 row(s)); no data remaining for table body, required by "df-table" directive.' }]);
  });

  it('shows no table when the stub columns are all the columns, as docutils', () => {
    const table = { ...okTable('a,b\nx,y\n', 0), options: { headerRows: 0, stubColumns: 2, classes: [], dfVar: 'df', keepspace: false } };
    const { html, diagnostics } = renderPage('.. df-table::\n   :stub-columns: 2\n\n   df = x\n', { tables: { 1: table } });
    expect(html).not.toContain('<table');
    expect(diagnostics).toMatchObject([{ code: 'DT705', message: 'Insufficient data supplied (2 columns(s)); no data remaining for table body, required by "df-table" directive.' }]);
  });

  it('parses a cell as docutils parses cell.splitlines(): tabs and trailing space are not indentation or list markers', () => {
    const { html } = renderPage('.. df-table::\n\n   df = x\n', { tables: { 1: okTable('\tleading tab,A.\t,| * \n', 0) } });
    expect(html).toContain('<td><p>\tleading tab</p></td>');
    expect(html).toContain('<td><p>A.</p></td>');
    expect(html).not.toContain('problematic');
  });

  it('shows nothing for a title or transition in a cell (docutils: unexpected section title)', () => {
    const { html } = renderPage('.. csv-table::\n\n   "****", "Title\n   =====", "----\n   after"\n');
    expect(cellTexts(html)).toEqual(['', '', 'after']);
    expect(html).not.toContain('<hr');
  });

  it('renders a failed df-table as an error box quoting the failing line', () => {
    const src = '.. df-table::\n\n   df = pd.read_csv("x.csv")\n';
    const error = { file: 'page.rst', line: 3, column: 21, severity: 'error' as const, code: 'DT401' as const, message: "file 'x.csv' not found", hint: 'CSV files beside it: y.csv' };
    const { html } = renderPage(src, { tables: { 1: { ok: false, error } } });
    expect(html).toContain('<div class="dftables-error dftables-error" role="alert">');
    expect(html).toContain('df-table failed: DT401');
    expect(html).toContain('page.rst:3:21</span> file &#39;x.csv&#39; not found');
    expect(html).toContain('<pre class="dftables-error-excerpt">   df = pd.read_csv(&#34;x.csv&#34;)\n<span class="dftables-caret">                    ^</span></pre>');
    expect(html).toContain('CSV files beside it: y.csv');
  });

  it('shows evaluation warnings under the table when asked (preview)', () => {
    const warning = { file: 'page.rst', line: 3, column: 1, severity: 'warning' as const, code: 'DT605' as const, message: 'the table has no rows' };
    const { html } = renderPage('.. df-table::\n\n   df = x\n', { showWarnings: true, tables: { 1: { ...okTable('a\n'), warnings: [warning] } } });
    expect(html).toContain('df-table warning: DT605');
  });

  it('shows an unknown directive as a box with its source and warns DT701', () => {
    const { html, diagnostics } = renderPage('.. tabset::\n   :opt: 1\n\n   body\n');
    expect(html).toContain('Unknown directive type “tabset”');
    expect(html).toContain('.. tabset::\n   :opt: 1\n\n   body');
    expect(diagnostics).toMatchObject([{ code: 'DT701', line: 1 }]);
  });

  it('renders list-table with header rows', () => {
    const { html } = renderPage('.. list-table::\n   :header-rows: 1\n\n   * - A\n     - B\n   * - 1\n     - 2\n');
    expect(cellTexts(html)).toEqual(['A', 'B', '1', '2']);
    expect(html).toContain('<th class="head numeric"><p>A</p></th>');
  });

  it('includes another file in place, and literalinclude shows a file as code', () => {
    const { html } = renderPage('.. include:: part.rst\n\n.. literalinclude:: snippet.py\n   :lines: 2\n', inFiles);
    expect(html).toContain('<h1>Included<a');
    expect(html).toContain('<pre>world = 2\n</pre>');
  });

  it('renders image and figure with caption, recording local files', () => {
    const { html, diagnostics } = renderPage('.. figure:: data.csv\n   :alt: chart\n\n   The caption.\n', inFiles);
    expect(html).toContain('<figure class="align-default">\n<img alt="chart" src="data.csv" />');
    expect(html).toContain('<figcaption>\n<p><span class="caption-text">The caption.</span></p>');
    expect(diagnostics).toEqual([]);
  });

  it('warns about a missing image file', () => {
    expect(renderPage('.. image:: missing.png\n', inFiles).diagnostics).toMatchObject([{ code: 'DT706' }]);
  });

  it('keeps "only" content for html and drops it for other builders', () => {
    const { html } = renderPage('.. only:: html\n\n   yes\n\n.. only:: latex and not html\n\n   no\n');
    expect(html).toContain('<p>yes</p>');
    expect(html).not.toContain('no');
  });
});
