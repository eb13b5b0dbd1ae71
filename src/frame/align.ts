/**
 * Index alignment: what pandas does when two Series meet in arithmetic (union of labels) and
 * when a Series is assigned into a frame (reindex to the frame's labels, NaN where missing).
 */
import { DftablesError } from '../errors.js';
import type { Column } from './column.js';
import { concatColumns, takeColumn } from './dtypes.js';
import { RowIndex } from './index.js';
import { compareValues } from './sort.js';
import type { PyValue } from '../python/values.js';

function duplicateError(): DftablesError {
  return new DftablesError('DT209', 'cannot reindex on an axis with duplicate labels', {
    hint: 'The row labels repeat (after a concat or a merge?): use reset_index(drop=True) first.',
  });
}

/** Positions in `source` of each label of `target`, -1 where absent. */
export function getIndexer(source: RowIndex, target: RowIndex): Int32Array {
  const n = target.length;
  const out = new Int32Array(n);
  if (source.isRange && target.isRange) {
    for (let i = 0; i < n; i++) {
      const p = target.start + i - source.start;
      out[i] = p >= 0 && p < source.length ? p : -1;
    }
    return out;
  }
  const { map, unique } = source.positions();
  if (!unique) throw duplicateError();
  for (let i = 0; i < n; i++) {
    const p = map.get(target.keyAt(i));
    out[i] = p === undefined ? -1 : p;
  }
  return out;
}

/** The column reindexed to `target` labels (missing -> NaN, upcasting int to float). */
export function reindexColumn(col: Column, source: RowIndex, target: RowIndex): Column {
  if (source.equals(target)) return col;
  return takeColumn(col, getIndexer(source, target));
}

/**
 * Union of two indexes for arithmetic (Index.union with sort=None): equal indexes stay as they
 * are; otherwise the distinct labels of both, sorted when they can be (numbers before text).
 */
export function unionIndex(a: RowIndex, b: RowIndex): RowIndex {
  if (a.equals(b)) return a;
  if (a.nlevels !== 1 || b.nlevels !== 1) {
    return unionMulti(a, b);
  }
  const pa = a.positions();
  const pb = b.positions();
  if (!pa.unique || !pb.unique) throw duplicateError();
  const both = concatColumns([a.level(0), b.level(0)]);
  const keys = new Set<unknown>();
  const take: number[] = [];
  const all = RowIndex.fromLevels([both], [a.names[0] === b.names[0] ? a.names[0] : null]);
  for (let i = 0; i < all.length; i++) {
    const k = all.keyAt(i);
    if (!keys.has(k)) {
      keys.add(k);
      take.push(i);
    }
  }
  const labels: PyValue[] = take.map((i) => all.labelAt(i));
  const order = take.map((_, i) => i);
  try {
    order.sort((x, y) => compareValues(labels[x], labels[y]) || x - y);
  } catch {
    // unorderable labels: pandas keeps them unsorted
  }
  return all.take(order.map((i) => take[i]));
}

function unionMulti(a: RowIndex, b: RowIndex): RowIndex {
  if (a.nlevels !== b.nlevels) throw new DftablesError('DT212', 'aligning indexes with different numbers of levels is not supported by dftables');
  const levels: Column[] = [];
  for (let l = 0; l < a.nlevels; l++) levels.push(concatColumns([a.level(l), b.level(l)]));
  const all = RowIndex.fromLevels(levels, a.names);
  const seen = new Set<unknown>();
  const take: number[] = [];
  for (let i = 0; i < all.length; i++) {
    const k = all.keyAt(i);
    if (!seen.has(k)) {
      seen.add(k);
      take.push(i);
    }
  }
  const order = take.map((_, i) => i);
  const labelsOf = (i: number) => all.levels.map((lv) => (lv.dtype === 'object' ? lv.data[take[i]] : (lv.data as ArrayLike<number>)[take[i]]));
  try {
    order.sort((x, y) => {
      const lx = labelsOf(x);
      const ly = labelsOf(y);
      for (let k = 0; k < lx.length; k++) {
        const c = compareValues(lx[k] as PyValue, ly[k] as PyValue);
        if (c) return c;
      }
      return x - y;
    });
  } catch {
    // keep
  }
  return all.take(order.map((i) => take[i]));
}
