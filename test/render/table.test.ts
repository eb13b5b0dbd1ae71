import { describe, expect, it } from 'vitest';
import { isNumericText, renderTable } from '../../src/render/table.js';

describe('tables', () => {
  it('recognises numbers as benchmark tables print them', () => {
    for (const s of ['1056', '-3.5', '1,234.5', '$0.029', '12%', '2.3x', '1e-05']) expect(isNumericText(s), s).toBe(true);
    for (const s of ['fp32', '2.20.0', 'inf1.xlarge', '', '-', 'x']) expect(isNumericText(s), s).toBe(false);
  });

  it('emits Sphinx structure: docutils table, thead th.head, tbody rows alternating from the head', () => {
    const html = renderTable({ head: [[{ html: '<p>A</p>' }, { html: '<p>B</p>' }]], body: [[{ html: '<p>x</p>' }, { html: '<p>1</p>' }], [{ html: '<p>y</p>' }, { html: '<p>2</p>' }]] });
    expect(html).toContain('<table class="docutils align-default">');
    expect(html).toContain('<thead>\n<tr class="row-odd"><th class="head"><p>A</p></th>');
    expect(html).toContain('<tbody>\n<tr class="row-even"><td><p>x</p></td>');
    expect(html).toContain('<tr class="row-odd"><td><p>y</p></td>');
  });

  it('marks numeric columns (header included) for right alignment', () => {
    const html = renderTable({ head: [[{ html: '<p>Name</p>' }, { html: '<p>Cost</p>' }]], body: [[{ html: '<p>a</p>' }, { html: '<p>$1.00</p>' }], [{ html: '<p>b</p>' }, { html: '' }]] });
    expect(html).toContain('<th class="head numeric"><p>Cost</p></th>');
    expect(html).toContain('<td class="numeric"><p>$1.00</p></td>');
    expect(html).toContain('<td><p>a</p></td>');
  });

  it('writes stub columns as th.stub and given widths as a colgroup of percentages', () => {
    const html = renderTable({ head: [], body: [[{ html: 'k' }, { html: 'v' }]], stubColumns: 1, widths: [1, 3] });
    expect(html).toContain('<th class="stub">k</th>');
    expect(html).toContain('<col style="width: 25.0%" />\n<col style="width: 75.0%" />');
    expect(html).toContain('<table class="docutils align-default">');
    expect(html).not.toContain('<thead>');
  });

  it('wraps every table in a scrolling box and writes the caption with a permalink', () => {
    const html = renderTable({ head: [], body: [[{ html: 'x' }]], caption: 'Title', id: 'id1' });
    expect(html.startsWith('<div class="table-wrapper"><table')).toBe(true);
    expect(html).toContain('<caption><span class="caption-text">Title</span><a class="headerlink" href="#id1"');
  });
});
