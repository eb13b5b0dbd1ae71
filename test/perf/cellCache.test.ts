/**
 * Table cells that repeat their markup render once per page (RstWriter.body caches a cell that
 * rendered as one paragraph and changed nothing else): the HTML and the diagnostics must be
 * those of rendering every cell.
 */
import { describe, expect, it } from 'vitest';
import { cellTexts, renderPage } from '../render/helpers.js';

const LINKS = { 'benchmark-pt': { url: 'https://example.com/%s.py', caption: '' } };

function table(cells: string[]): string {
  return ['.. csv-table::', '', ...cells.map((c) => `   "${c.replace(/"/g, '""')}", x`), ''].join('\n');
}

describe('repeated table cells', () => {
  it('render the same HTML in every row', () => {
    const cell = ':benchmark-pt:`Benchmark <inf2>` and *fast*';
    const { html } = renderPage(table([cell, 'other', cell, cell]), { extlinks: LINKS });
    const first = [...html.matchAll(/<tr[^>]*>\s*<td[^>]*>([\s\S]*?)<\/td>/g)].map((m) => m[1]);
    expect(first[0]).toContain('href="https://example.com/inf2.py"');
    expect(first).toEqual([first[0], first[1], first[0], first[0]]);
    expect(cellTexts(html)).toEqual(['Benchmark and fast', 'x', 'other', 'x', 'Benchmark and fast', 'x', 'Benchmark and fast', 'x']);
  });

  it('report a problem once per cell that has it', () => {
    const { diagnostics } = renderPage(table([':nosuchrole:`a`', ':nosuchrole:`a`', ':nosuchrole:`a`']));
    expect(diagnostics.length).toBeGreaterThanOrEqual(3);
    expect(new Set(diagnostics.map((d) => d.message)).size).toBe(1);
  });

  it('give every anonymous reference its own target', () => {
    const page = [table(['`a`__', '`a`__']), '', '__ https://one.example', '__ https://two.example', ''].join('\n');
    const { html } = renderPage(page);
    expect(html.match(/href="[^"]*"/g)).toEqual(['href="https://one.example"', 'href="https://two.example"']);
  });
});
