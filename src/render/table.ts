/**
 * Every table (grid, simple, csv-table, list-table, df-table, Markdown pipe tables) ends here:
 * cells already rendered to HTML go in, the structure Sphinx emits comes out through
 * templates/table.ejs (`table.docutils`, `thead` for header rows, `th.stub` for stub columns,
 * `colgroup` when widths were given, alternating row classes), plus what the theme needs:
 * numeric columns marked for right alignment and a wrapper that scrolls wide tables.
 */
import { htmlToText } from './html.js';
import { renderTemplate } from './templates.js';

export interface CellInput {
  html: string;
  rowspan?: number;
  colspan?: number;
}

export interface TableInput {
  head: CellInput[][];
  body: CellInput[][];
  stubColumns?: number;
  /** Relative widths (any scale), when the page gives them: written as percentages in a colgroup. */
  widths?: number[];
  width?: string;
  align?: string;
  classes?: string[];
  id?: string;
  /** Caption HTML (the directive's title). */
  caption?: string;
}

interface CellView {
  html: string;
  tag: 'td' | 'th';
  classes: string[];
  rowspan: number;
  colspan: number;
}

/** A number as benchmark tables print them: 1,234.5 / -3e-05 / $0.029 / 12% / 2.3x. */
const NUMBER = /^[-+\u2212]?[$\u20ac\u00a3\u00a5]?[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?(?:[eE][-+]?\d+)?\s?(?:%|x|\u00d7)?$/;

export function isNumericText(s: string): boolean {
  const t = s.trim();
  return t !== '' && /\d/.test(t) && NUMBER.test(t);
}

/** Columns whose body cells are all numbers (blank cells allowed, at least one number). */
export function numericColumns(body: CellInput[][], ncols: number): boolean[] {
  const out = new Array<boolean>(ncols).fill(false);
  for (let c = 0; c < ncols; c++) {
    let any = false;
    let ok = true;
    for (const row of body) {
      const cell = row[c];
      if (!cell || (cell.colspan ?? 1) > 1) continue;
      const text = htmlToText(cell.html).trim();
      if (!text) continue;
      if (!isNumericText(text)) {
        ok = false;
        break;
      }
      any = true;
    }
    out[c] = ok && any;
  }
  return out;
}

export function renderTable(t: TableInput): string {
  const ncols = Math.max(0, ...[...t.head, ...t.body].map((r) => r.reduce((n, c) => n + (c.colspan ?? 1), 0)));
  const numeric = numericColumns(t.body, ncols);
  const stub = t.stubColumns ?? 0;
  const view = (rows: CellInput[][], head: boolean): CellView[][] =>
    rows.map((row) => {
      let col = 0;
      return row.map((c) => {
        const classes: string[] = [];
        if (head) classes.push('head');
        if (col < stub) classes.push('stub');
        if (numeric[col]) classes.push('numeric');
        col += c.colspan ?? 1;
        return { html: c.html, tag: head || classes.includes('stub') ? 'th' : 'td', classes, rowspan: c.rowspan ?? 1, colspan: c.colspan ?? 1 };
      });
    });
  // Sphinx 5's writer: docutils, the :class: values, align-*; no colwidths-* classes in the output.
  const classes = ['docutils', ...(t.classes ?? []), `align-${t.align ?? 'default'}`];
  let widths: string[] | undefined;
  if (t.widths) {
    const total = t.widths.reduce((a, b) => a + b, 0) || 1;
    widths = t.widths.map((w) => `${((100 * w) / total).toFixed(1)}%`);
  }
  return renderTemplate('table', {
    id: t.id,
    classes,
    width: t.width,
    caption: t.caption,
    widths,
    head: view(t.head, true),
    body: view(t.body, false),
  });
}
