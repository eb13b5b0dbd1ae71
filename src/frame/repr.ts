/**
 * Text forms of Series and DataFrame for print() and f-strings: pandas' layout (labels left,
 * values right-aligned, 'Name: x, dtype: int64' footer) with a simplified number format
 * (floats share one number of decimals, at most 6). Tables themselves never go through here.
 */
import { floatRepr } from '../python/floatRepr.js';
import { pyStr } from '../python/pyStr.js';
import type { Column } from './column.js';
import { cellAt, colLength } from './dtypes.js';
import type { RowIndex } from './index.js';
import type { PyValue } from '../python/values.js';

interface SeriesLike {
  col: Column;
  index: RowIndex;
  name: PyValue;
}

interface FrameLike {
  names: PyValue[];
  cols: Column[];
  index: RowIndex;
}

function formatColumn(c: Column): string[] {
  const n = colLength(c);
  if (c.dtype === 'float64') {
    let decimals = 1;
    for (let i = 0; i < n; i++) {
      const x = c.data[i];
      if (!Number.isFinite(x)) continue;
      const r = floatRepr(x);
      if (r.includes('e')) {
        decimals = 6;
        break;
      }
      const dot = r.indexOf('.');
      decimals = Math.max(decimals, Math.min(6, r.length - dot - 1));
    }
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      const x = c.data[i];
      out.push(x !== x ? 'NaN' : Number.isFinite(x) ? x.toFixed(decimals) : x > 0 ? 'inf' : '-inf');
    }
    return out;
  }
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const v = cellAt(c, i);
    out.push(typeof v === 'number' ? (v !== v ? 'NaN' : floatRepr(v)) : pyStr(v));
  }
  return out;
}

function indexLabels(index: RowIndex): string[] {
  const out: string[] = [];
  for (let i = 0; i < index.length; i++) {
    const l = index.labelAt(i);
    out.push(typeof l === 'number' ? floatRepr(l) : pyStr(l));
  }
  return out;
}

export function formatSeries(s: SeriesLike): string {
  const labels = indexLabels(s.index);
  const values = formatColumn(s.col);
  const lw = Math.max(0, ...labels.map((l) => l.length));
  const vw = Math.max(0, ...values.map((v) => v.length));
  const lines = values.map((v, i) => labels[i].padEnd(lw) + '    ' + v.padStart(vw));
  const footer = (s.name !== null ? `Name: ${pyStr(s.name)}, ` : '') + `dtype: ${s.col.dtype}`;
  if (!lines.length) return `Series([], ${footer})`;
  return [...lines, footer].join('\n');
}

export function formatFrame(df: FrameLike): string {
  const labels = indexLabels(df.index);
  const cols = df.cols.map(formatColumn);
  const heads = df.names.map((n) => pyStr(n));
  if (!cols.length || !labels.length) {
    return `Empty DataFrame\nColumns: [${heads.join(', ')}]\nIndex: []`;
  }
  const lw = Math.max(0, ...labels.map((l) => l.length));
  const widths = cols.map((c, j) => Math.max(heads[j].length, ...c.map((v) => v.length)));
  const header = ' '.repeat(lw) + widths.map((w, j) => '  ' + heads[j].padStart(w)).join('');
  const rows = labels.map((l, i) => l.padEnd(lw) + widths.map((w, j) => '  ' + cols[j][i].padStart(w)).join(''));
  return [header, ...rows].join('\n');
}
