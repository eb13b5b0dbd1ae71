/**
 * The checks on the table a block shows (DT604 empty cells, DT605 empty table), blamed on the
 * statement that caused them. The engine calls `onStatement` before each top-level statement;
 * the tracker looks at the result variable each time, so the warning points at the read_csv,
 * merge or filter after which the cells (or all rows) went missing, not at the directive.
 */
import type { Diagnostic, Pos } from '../errors.js';
import type { Column } from '../frame/column.js';
import { isDataFrame } from '../frame/modules.js';
import { pyRepr } from '../python/pyStr.js';
import type { PyValue } from '../python/values.js';

/** What the result variable looked like at one point: empty or not, and its columns with empty cells. */
interface Snapshot {
  empty: boolean;
  /** Column label (repr) -> its empty rows (0-based), for columns with at least one. */
  holes: Map<string, number[]>;
}

const NONE: Snapshot = { empty: false, holes: new Map() };

/** A cell that renders as nothing: NaN, None, or text that is blank. */
function emptyRows(c: Column, cache: WeakMap<Column, number[]>): number[] {
  const hit = cache.get(c);
  if (hit) return hit;
  const rows: number[] = [];
  if (c.dtype === 'float64') {
    const d = c.data;
    for (let i = 0; i < d.length; i++) if (d[i] !== d[i]) rows.push(i);
  } else if (c.dtype === 'object') {
    const d = c.data;
    for (let i = 0; i < d.length; i++) {
      const v = d[i];
      if (v === null || (typeof v === 'number' && v !== v) || (typeof v === 'string' && v.trim() === '')) rows.push(i);
    }
  }
  cache.set(c, rows); // columns are immutable: a column unchanged by a statement is not scanned again
  return rows;
}

export interface ResultTracker {
  onStatement(pos: Pos, namespace: ReadonlyMap<string, PyValue>): void;
  /** The warnings about the block's final table (`frame`: the value of the result variable). */
  finish(frame: PyValue | undefined): Diagnostic[];
}

export function trackResult(file: string, dfVar: string): ResultTracker {
  const cache = new WeakMap<Column, number[]>();
  const snapshots: Snapshot[] = [];
  const positions: Pos[] = [];
  const snapshot = (v: PyValue | undefined): Snapshot => {
    if (v === undefined || !isDataFrame(v)) return NONE;
    const holes = new Map<string, number[]>();
    v.names.forEach((name, j) => {
      const rows = emptyRows(v.cols[j], cache);
      if (rows.length) holes.set(pyRepr(name), rows);
    });
    return { empty: v.rowCount() === 0 || v.names.length === 0, holes };
  };
  return {
    onStatement(pos, namespace) {
      snapshots.push(snapshot(namespace.get(dfVar)));
      positions.push(pos);
    },
    finish(frame) {
      if (!positions.length || frame === undefined || !isDataFrame(frame)) return [];
      const last = snapshot(frame);
      // State after statement k is snapshots[k + 1] (before the next one), or the final table.
      const after = (k: number) => (k + 1 < snapshots.length ? snapshots[k + 1] : last);
      /** The last statement after which `has` became true (and stayed so to the end). */
      const blame = (has: (s: Snapshot) => boolean): Pos => {
        for (let k = positions.length - 1; k >= 0; k--) if (has(after(k)) && !has(snapshots[k])) return positions[k];
        return positions[0];
      };
      const warn = (pos: Pos, code: 'DT604' | 'DT605', message: string): Diagnostic => ({ file, line: pos.line, column: pos.col, severity: 'warning', code, message });
      if (last.empty) {
        const what = frame.names.length === 0 ? 'no columns' : 'no rows';
        return [warn(blame((s) => s.empty), 'DT605', `the table is empty: '${dfVar}' has ${what}`)];
      }
      // One warning per statement to blame, naming its columns.
      const byStatement = new Map<number, string[]>();
      const positionsOf = new Map<number, Pos>();
      for (const [label, rows] of last.holes) {
        const pos = blame((s) => s.holes.has(label));
        const key = pos.line * 100000 + pos.col;
        positionsOf.set(key, pos);
        const shown = rows.slice(0, 5).map((r) => r + 1).join(', ') + (rows.length > 5 ? ', …' : '');
        const list = byStatement.get(key) ?? [];
        list.push(`${label} (${rows.length === 1 ? 'row' : 'rows'} ${shown})`);
        byStatement.set(key, list);
      }
      const out: Diagnostic[] = [];
      for (const [key, cols] of [...byStatement].sort((a, b) => a[0] - b[0])) {
        out.push(warn(positionsOf.get(key)!, 'DT604', `the table has empty cells in ${cols.length === 1 ? 'column' : 'columns'} ${cols.join(', ')}`));
      }
      return out;
    },
  };
}
