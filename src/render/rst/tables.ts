/**
 * Grid and simple tables, parsed as docutils' tableparser does: a grid table is scanned cell by
 * cell from top-left corners (so spans work); a simple table is split into columns by its
 * `=====  =====` border. Both give rows of cells whose text lines are then parsed as body
 * elements by the block parser. A malformed table gives a message instead of throwing.
 */
import { dedent } from './lines.js';

export interface RawCell {
  /** Cell text lines (not yet parsed). */
  lines: string[];
  /** Row of the cell's top edge in the table's source lines (for page line numbers). */
  top: number;
  rowspan: number;
  colspan: number;
}

export interface RawTable {
  colWidths: number[];
  headRows: number;
  rows: RawCell[][];
}

export function parseGridTable(src: string[]): RawTable | string {
  const width = Math.max(...src.map((l) => l.length));
  const block = src.map((l) => l.padEnd(width));
  const headSep = block.findIndex((l, k) => k > 0 && /^\+=[=+]+=\+ *$/.test(l));
  if (headSep >= 0) block[headSep] = block[headSep].replace(/=/g, '-');
  const bottom = block.length - 1;
  const right = block[0].trimEnd().length - 1;
  if (!/^\+-[-+]+-\+$/.test(block[bottom].trimEnd())) return 'Bottom border missing or malformed.';
  const done = new Array<number>(right + 1).fill(-1);
  const rowseps = new Set<number>([0]);
  const colseps = new Set<number>([0]);
  const cells: { top: number; left: number; bottom: number; right: number }[] = [];
  const corners: [number, number][] = [[0, 0]];
  while (corners.length) {
    corners.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    const [top, left] = corners.shift()!;
    if (top === bottom || left === right || top <= done[left]) continue;
    const found = scanCell(block, top, left, bottom, right);
    if (!found) continue;
    for (const r of found.rows) rowseps.add(r);
    for (const c of found.cols) colseps.add(c);
    // docutils' mark_done: a column is seen down to the line above the cell's bottom border.
    for (let c = left; c < found.right; c++) done[c] = found.bottom - 1;
    cells.push({ top, left, bottom: found.bottom, right: found.right });
    corners.push([top, found.right], [found.bottom, left]);
  }
  for (let c = 0; c < right; c++) if (done[c] !== bottom - 1) return 'Parse incomplete (cells do not cover the table).';
  // Row and column boundaries (the right edge and bottom border included), as docutils numbers them.
  const rows = [...rowseps].sort((a, b) => a - b);
  const cols = [...colseps].sort((a, b) => a - b);
  const rowIndex = new Map(rows.map((r, k) => [r, k]));
  const colIndex = new Map(cols.map((c, k) => [c, k]));
  const grid: (RawCell | null)[][] = rows.slice(1).map(() => []);
  for (const c of cells) {
    const r0 = rowIndex.get(c.top)!;
    const c0 = colIndex.get(c.left)!;
    const text = block.slice(c.top + 1, c.bottom).map((l) => l.slice(c.left + 1, c.right).trimEnd());
    grid[r0][c0] = { lines: dedent(text), top: c.top, rowspan: rowIndex.get(c.bottom)! - r0, colspan: colIndex.get(c.right)! - c0 };
  }
  const colWidths = cols.slice(1).map((c, k) => c - cols[k] - 1);
  const headRows = headSep >= 0 ? rowIndex.get(headSep) ?? 0 : 0;
  return { colWidths, headRows, rows: grid.map((r) => r.filter((c): c is RawCell => !!c)) };
}

function scanCell(b: string[], top: number, left: number, bottom: number, right: number) {
  // Right along the top edge to a '+' from which a right edge goes down to a bottom edge.
  const cols: number[] = [];
  for (let i = left + 1; i <= right; i++) {
    const ch = b[top][i];
    if (ch === '+') {
      cols.push(i);
      const down = scanDown(b, top, left, i, bottom);
      if (down) return { right: i, bottom: down.bottom, rows: down.rows, cols: cols.concat(down.cols) };
    } else if (ch !== '-') return null;
  }
  return null;
}

function scanDown(b: string[], top: number, left: number, right: number, bottom: number) {
  const rows: number[] = [];
  for (let i = top + 1; i <= bottom; i++) {
    const ch = b[i][right];
    if (ch === '+') {
      rows.push(i);
      const l = scanLeft(b, top, left, i, right);
      if (l) return { bottom: i, rows: rows.concat(l.rows), cols: l.cols };
    } else if (ch !== '|') return null;
  }
  return null;
}

function scanLeft(b: string[], top: number, left: number, bottom: number, right: number) {
  const cols: number[] = [];
  for (let i = right - 1; i > left; i--) {
    const ch = b[bottom][i];
    if (ch === '+') cols.push(i);
    else if (ch !== '-') return null;
  }
  if (b[bottom][left] !== '+') return null;
  const rows: number[] = [];
  for (let i = bottom - 1; i > top; i--) {
    const ch = b[i][left];
    if (ch === '+') rows.push(i);
    else if (ch !== '|') return null;
  }
  return { rows, cols };
}

/**
 * A simple table: columns are the runs of '=' in the top border; a row whose first column is
 * blank continues the previous row; a '-' underline row joins columns of the row above (spans);
 * a second '=' border ends the header.
 */
export function parseSimpleTable(src: string[]): RawTable | string {
  const border = src[0];
  const spans: [number, number][] = [];
  const re = /=+/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(border))) spans.push([m.index, m.index + m[0].length]);
  if (spans.length < 2) return 'A simple table needs at least two columns.';
  const isBorder = (l: string) => /^=+[ =]*$/.test(l);
  const body = src.slice(1);
  let headRows = 0;
  const rows: RawCell[][] = [];
  let current: { cells: string[][]; top: number; spans: [number, number][] } | null = null;
  const flush = () => {
    if (!current) return;
    const cells = current.cells;
    rows.push(
      current.spans.map((s, k) => ({
        lines: dedent(trimTrailing(cells[k])),
        top: current!.top,
        rowspan: 1,
        colspan: spanCount(spans, s),
      })),
    );
    current = null;
  };
  for (let k = 0; k < body.length; k++) {
    const line = body[k];
    if (isBorder(line)) {
      flush();
      if (k < body.length - 1 && headRows === 0) headRows = rows.length;
      continue;
    }
    if (/^-+[ -]*$/.test(line) && line.trim()) {
      // Column-span underline: the previous row's cells cover these runs.
      if (rows.length) {
        const last = rows.pop()!;
        const runs: [number, number][] = [];
        const r2 = /-+/g;
        let mm: RegExpExecArray | null;
        while ((mm = r2.exec(line))) runs.push([mm.index, mm.index + mm[0].length]);
        const text = last.map((c) => c.lines);
        const merged: RawCell[] = [];
        let col = 0;
        for (const run of runs) {
          const n = spanCount(spans, run);
          merged.push({ lines: text.slice(col, col + n).flat(), top: last[0]?.top ?? 0, rowspan: 1, colspan: n });
          col += n;
        }
        rows.push(merged);
      }
      continue;
    }
    const startsRow = line.slice(spans[0][0], spans[0][1]).trim() !== '' || !current;
    if (startsRow && line.trim()) {
      flush();
      current = { cells: spans.map(() => []), top: k + 1, spans };
    }
    if (!current) continue;
    for (let c = 0; c < spans.length; c++) {
      const from = spans[c][0];
      const to = c + 1 < spans.length ? spans[c + 1][0] : Infinity;
      current.cells[c].push(line.slice(from, to === Infinity ? undefined : to).trimEnd());
    }
  }
  flush();
  const colWidths = spans.map(([a, b]) => b - a);
  return { colWidths, headRows, rows };
}

function spanCount(spans: [number, number][], run: [number, number]): number {
  return Math.max(1, spans.filter(([a]) => a >= run[0] && a < run[1]).length);
}

function trimTrailing(lines: string[]): string[] {
  let n = lines.length;
  while (n > 0 && !lines[n - 1].trim()) n--;
  return lines.slice(0, n);
}
