/**
 * pd.merge / DataFrame.merge as pandas 1.5.3 orders rows (libjoin):
 *
 * - keys get codes in order of first appearance, left then right (NaN keys match each other);
 * - inner and outer: rows grouped by key code; inside a group every left row (in order) with
 *   every right row (in order); outer adds left-only and right-only keys in code order;
 * - left: left row order, each row with its right matches in right order (or NaN);
 * - right: the same driven by the right frame;
 * - sort=True: key groups in sorted key order.
 *
 * Columns: left columns then right columns minus the shared keys; overlapping names get the
 * suffixes. Rows missing on one side turn that side's int columns float and bool columns object.
 */
import { DftablesError } from '../errors.js';
import { pyRepr, pyStr } from '../python/pyStr.js';
import { PyList, PyTuple, type CallSite, type PyValue, type Runtime } from '../python/values.js';
import { bindArgs, listOrScalar, type BoundArgs } from './args.js';
import type { Column, Label } from './column.js';
import { cellAt, colLength, inferColumn, isNA, objCol, takeColumn } from './dtypes.js';
import { DataFrame } from './dataframe.js';
import { RowIndex, valueKey } from './index.js';
import { compareValues } from './sort.js';
import { Factorizer, groupByCode } from './factorize.js';
import { mergeFindings } from '../lint/checks.js';

export const MERGE_SIGNATURE = {
  name: 'merge',
  positional: ['right', 'how', 'on', 'left_on', 'right_on', 'left_index', 'right_index', 'sort', 'suffixes', 'copy', 'indicator', 'validate'],
  required: ['right'],
};

export const PD_MERGE_SIGNATURE = {
  name: 'merge',
  positional: ['left', 'right', 'how', 'on', 'left_on', 'right_on', 'left_index', 'right_index', 'sort', 'suffixes', 'copy', 'indicator', 'validate'],
  required: ['left', 'right'],
};

type How = 'inner' | 'left' | 'right' | 'outer' | 'cross';

function keyList(b: BoundArgs, name: string): PyValue[] | undefined {
  const v = b.get(name);
  if (v === undefined || v === null) return undefined;
  return listOrScalar(v);
}

function isNumericDtype(c: Column): boolean {
  return c.dtype === 'int64' || c.dtype === 'float64';
}

/** Codes per row for the keys of both frames: first appearance order, left then right; NaN keys match. */
function joinCodes(lk: Column[], rk: Column[]): { lcodes: Int32Array; rcodes: Int32Array; count: number } {
  const facs = lk.map(() => new Factorizer());
  if (lk.length === 1) {
    const lcodes = facs[0].codes(lk[0]);
    const rcodes = facs[0].codes(rk[0]);
    return { lcodes, rcodes, count: facs[0].count };
  }
  // Several keys: per-key codes (shared between the sides), then codes of the tuples.
  const lper = lk.map((c, j) => facs[j].codes(c));
  const rper = rk.map((c, j) => facs[j].codes(c));
  const tuples = new Map<string, number>();
  const combine = (per: Int32Array[], n: number): Int32Array => {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      let key = '';
      for (const p of per) key += p[i] + ',';
      let g = tuples.get(key);
      if (g === undefined) {
        g = tuples.size;
        tuples.set(key, g);
      }
      out[i] = g;
    }
    return out;
  };
  const lcodes = combine(lper, lk.length ? colLength(lk[0]) : 0);
  const rcodes = combine(rper, rk.length ? colLength(rk[0]) : 0);
  return { lcodes, rcodes, count: tuples.size };
}

/** First row (side and position) of each code, for sort=True. */
function firstRows(lcodes: Int32Array, rcodes: Int32Array, count: number): { side: 'l' | 'r'; row: number }[] {
  const out: ({ side: 'l' | 'r'; row: number } | undefined)[] = new Array(count);
  for (let i = 0; i < lcodes.length; i++) if (!out[lcodes[i]]) out[lcodes[i]] = { side: 'l', row: i };
  for (let i = 0; i < rcodes.length; i++) if (!out[rcodes[i]]) out[rcodes[i]] = { side: 'r', row: i };
  return out as { side: 'l' | 'r'; row: number }[];
}

/** Left and right row indexers (-1 for a missing side) in pandas' order. */
export function joinIndexers(lk: Column[], rk: Column[], how: How, sort: boolean): { li: Int32Array; ri: Int32Array } {
  // pandas 1.5.3 get_join_indexers' fast path for an empty side: without sort=True the other
  // side's rows come back in their own order (an outer merge is not key-sorted then).
  const ln = lk.length ? colLength(lk[0]) : 0;
  const rn = rk.length ? colLength(rk[0]) : 0;
  if (!sort && ln === 0 && (how === 'right' || how === 'outer')) {
    return { li: new Int32Array(rn).fill(-1), ri: Int32Array.from({ length: rn }, (_, i) => i) };
  }
  if (!sort && rn === 0 && (how === 'left' || how === 'outer')) {
    return { li: Int32Array.from({ length: ln }, (_, i) => i), ri: new Int32Array(ln).fill(-1) };
  }
  const { lcodes, rcodes, count } = joinCodes(lk, rk);
  let order: Int32Array | number[] = Int32Array.from({ length: count }, (_, i) => i);
  if (sort) {
    const first = firstRows(lcodes, rcodes, count);
    const keyVals = first.map(({ side, row }) => (side === 'l' ? lk : rk).map((c) => cellAt(c, row)));
    order = [...order].sort((a, b) => {
      for (let j = 0; j < lk.length; j++) {
        const x = keyVals[a][j];
        const y = keyVals[b][j];
        const xa = isNA(x);
        const ya = isNA(y);
        if (xa || ya) {
          if (xa && ya) continue;
          return xa ? 1 : -1;
        }
        const c = compareValues(x, y);
        if (c) return c;
      }
      return a - b;
    });
  }
  const L = groupByCode(lcodes, count);
  const R = groupByCode(rcodes, count);
  const lcount = (g: number) => L.start[g + 1] - L.start[g];
  const rcount = (g: number) => R.start[g + 1] - R.start[g];
  // Size first, then fill preallocated indexers.
  let total = 0;
  if (how === 'left' && !sort) for (let i = 0; i < lcodes.length; i++) total += Math.max(1, rcount(lcodes[i]));
  else if (how === 'right' && !sort) for (let j = 0; j < rcodes.length; j++) total += Math.max(1, lcount(rcodes[j]));
  else {
    for (let g = 0; g < count; g++) {
      const a = lcount(g);
      const b = rcount(g);
      if (a && b) total += a * b;
      else if (a && (how === 'left' || how === 'outer')) total += a;
      else if (b && (how === 'right' || how === 'outer')) total += b;
    }
  }
  const li = new Int32Array(total);
  const ri = new Int32Array(total);
  let o = 0;
  if (how === 'left' && !sort) {
    for (let i = 0; i < lcodes.length; i++) {
      const g = lcodes[i];
      const s = R.start[g];
      const e = R.start[g + 1];
      if (s === e) {
        li[o] = i;
        ri[o++] = -1;
      } else
        for (let k = s; k < e; k++) {
          li[o] = i;
          ri[o++] = R.order[k];
        }
    }
  } else if (how === 'right' && !sort) {
    for (let j = 0; j < rcodes.length; j++) {
      const g = rcodes[j];
      const s = L.start[g];
      const e = L.start[g + 1];
      if (s === e) {
        li[o] = -1;
        ri[o++] = j;
      } else
        for (let k = s; k < e; k++) {
          li[o] = L.order[k];
          ri[o++] = j;
        }
    }
  } else {
    for (const g of order) {
      const a = lcount(g);
      const b = rcount(g);
      if (a && b) {
        for (let x = L.start[g]; x < L.start[g + 1]; x++)
          for (let y = R.start[g]; y < R.start[g + 1]; y++) {
            li[o] = L.order[x];
            ri[o++] = R.order[y];
          }
      } else if (a && (how === 'left' || how === 'outer')) {
        for (let x = L.start[g]; x < L.start[g + 1]; x++) {
          li[o] = L.order[x];
          ri[o++] = -1;
        }
      } else if (b && (how === 'right' || how === 'outer')) {
        for (let y = R.start[g]; y < R.start[g + 1]; y++) {
          li[o] = -1;
          ri[o++] = R.order[y];
        }
      }
    }
  }
  return { li, ri };
}

function suffixesArg(b: BoundArgs): [string | null, string | null] {
  const s = b.get('suffixes');
  if (s === undefined) return ['_x', '_y'];
  if (!(s instanceof PyTuple || s instanceof PyList) || s.items.length !== 2) {
    throw b.invalid('suffixes', 'suffixes must be a tuple of two strings, like ("_x", "_y")', 'DT208');
  }
  const [a, c] = s.items;
  return [a === null ? null : pyStr(a), c === null ? null : pyStr(c)];
}

function dtypeKind(c: Column): string {
  return c.dtype === 'object' ? (c.data.some((v) => typeof v === 'string') ? 'object' : 'object') : c.dtype;
}

/** pandas refuses to merge text keys with number keys. */
function checkKeyTypes(lk: Column[], rk: Column[], lnames: PyValue[], rnames: PyValue[]): void {
  lk.forEach((l, j) => {
    const r = rk[j];
    const lText = l.dtype === 'object' && l.data.some((v) => typeof v === 'string');
    const rText = r.dtype === 'object' && r.data.some((v) => typeof v === 'string');
    if ((lText && isNumericDtype(r)) || (rText && isNumericDtype(l))) {
      throw new DftablesError(
        'DT204',
        `You are trying to merge on ${dtypeKind(l)} and ${dtypeKind(r)} columns. If you wish to proceed you should use pd.concat`,
        { hint: `Key ${pyRepr(lnames[j])} holds ${lText ? 'text' : 'numbers'} on the left and ${rText ? 'text' : 'numbers'} on the right: convert one with astype(str) or astype(int).` },
      );
    }
  });
}

export function mergeFrames(left: DataFrame, right: DataFrame, b: BoundArgs, site: CallSite, rt: Runtime): DataFrame {
  const how = b.str('how', 'inner') as How;
  if (!['inner', 'left', 'right', 'outer', 'cross'].includes(how)) {
    throw b.invalid('how', `'${how}' is not a valid Merge type: left, right, inner, outer, cross`, 'DT208');
  }
  if (b.bool('left_index', false) || b.bool('right_index', false)) throw b.notSupported(b.bool('left_index', false) ? 'left_index' : 'right_index', 'True');
  if (b.opt('indicator') !== undefined && b.get('indicator') !== false) throw b.notSupported('indicator');
  const sort = b.bool('sort', false);
  const on = keyList(b, 'on');
  let leftOn = keyList(b, 'left_on');
  let rightOn = keyList(b, 'right_on');
  if (how === 'cross') {
    if (on || leftOn || rightOn) throw new DftablesError('DT208', 'Can not pass on, right_on, left_on or set right_index=True or left_index=True');
    return crossJoin(left, right, suffixesArg(b));
  }
  if (on && (leftOn || rightOn)) {
    throw new DftablesError('DT208', 'Can only pass argument "on" OR "left_on" and "right_on", not a combination of both.');
  }
  if (on) {
    leftOn = on;
    rightOn = on;
  } else if (!leftOn && !rightOn) {
    const common = left.names.filter((n) => right.hasColumn(n));
    if (!common.length) {
      throw new DftablesError('DT208', 'No common columns to perform merge on. Merge options: left_on=None, right_on=None, left_index=False, right_index=False', {
        hint: "Name the key: pd.merge(a, b, on='column').",
      });
    }
    leftOn = common;
    rightOn = common;
  } else if (!leftOn || !rightOn) {
    throw new DftablesError('DT208', `Must pass "${leftOn ? 'right_on' : 'left_on'}" OR "${leftOn ? 'right_index' : 'left_index'}".`);
  }
  if (leftOn.length !== rightOn.length) throw new DftablesError('DT208', 'len(right_on) must equal len(left_on)');
  const arg = on ? 'on' : 'left_on';
  const lpos = leftOn.map((k) => left.requireColumn(k, site, arg));
  const rpos = rightOn.map((k) => right.requireColumn(k, site, on ? 'on' : 'right_on'));
  const lk = lpos.map((p) => left.cols[p]);
  const rk = rpos.map((p) => right.cols[p]);
  checkKeyTypes(lk, rk, leftOn, rightOn);
  const { li, ri } = joinIndexers(lk, rk, how, sort);
  const n = li.length;
  if (n * (left.names.length + right.names.length) > rt.limits.maxCells) {
    throw new DftablesError('DT305', `the merged table would have ${n} rows, more than the ${rt.limits.maxCells}-cell limit`, {
      hint: 'The key repeats on both sides: check the key columns.',
    });
  }
  // Keys with the same name on both sides become one column (combined for outer/right rows).
  // pandas keeps it where the left frame has it, except when the left frame has no rows: then
  // ("avoid key upcast in corner case (length-0)", _get_merge_keys in 1.5.3) the left key is
  // dropped and the right one kept, in the right frame's position and with its dtype.
  const leftEmpty = left.rowCount() === 0;
  const sharedKeys = new Set<number>();
  const droppedLeft = new Set<number>();
  const combine = new Map<number, number>();
  leftOn.forEach((k, j) => {
    if (valueKey(k) !== valueKey(rightOn![j])) return;
    if (leftEmpty) droppedLeft.add(lpos[j]);
    else {
      sharedKeys.add(rpos[j]);
      combine.set(lpos[j], rpos[j]);
    }
  });
  const [lsuf, rsuf] = suffixesArg(b);
  const leftKept = left.names.map((_, i) => i).filter((i) => !droppedLeft.has(i));
  const rightKept = right.names.map((_, i) => i).filter((i) => !sharedKeys.has(i));
  const overlap = new Set(leftKept.map((l) => valueKey(left.names[l])).filter((k) => rightKept.some((r) => valueKey(right.names[r]) === k)));
  const leftNames = leftKept.map((l) => (overlap.has(valueKey(left.names[l])) ? suffixed(left.names[l], lsuf) : left.names[l]));
  const rightNames = rightKept.map((r) => (overlap.has(valueKey(right.names[r])) ? suffixed(right.names[r], rsuf) : right.names[r]));
  if (lsuf === null && rsuf === null && overlap.size) {
    throw new DftablesError('DT208', `columns overlap but no suffix specified`);
  }
  const cols: Column[] = [];
  for (const i of leftKept) {
    const r = combine.get(i);
    if (r === undefined) cols.push(takeColumn(left.cols[i], li));
    else cols.push(combinedKey(left.cols[i], right.cols[r], li, ri));
  }
  for (const r of rightKept) cols.push(takeColumn(right.cols[r], ri));
  const out = new DataFrame([...leftNames, ...rightNames], cols, RowIndex.range(n));
  warnMerge(left, right, lk, rk, li, ri, how, leftOn, site, rt);
  return out;
}

function suffixed(name: Label, suffix: string | null): Label {
  if (suffix === null) return name;
  return pyStr(name) + suffix;
}

/** The key column of a merge on a shared name: left values, right values where the left row is missing. */
function combinedKey(l: Column, r: Column, li: Int32Array, ri: Int32Array): Column {
  let anyMissing = false;
  for (let i = 0; i < li.length; i++) {
    if (li[i] < 0) {
      anyMissing = true;
      break;
    }
  }
  if (!anyMissing) return takeColumn(l, li);
  let allMissing = true;
  for (let i = 0; i < li.length; i++) {
    if (li[i] >= 0) {
      allMissing = false;
      break;
    }
  }
  if (allMissing) return takeColumn(r, ri);
  const cells: PyValue[] = [];
  for (let i = 0; i < li.length; i++) cells.push(li[i] >= 0 ? cellAt(l, li[i]) : ri[i] >= 0 ? cellAt(r, ri[i]) : NaN);
  if (l.dtype === 'object' || r.dtype === 'object') return objCol(cells);
  const c = inferColumn(cells);
  // int keys from both sides stay int64; a float side makes the key float64.
  if ((l.dtype === 'float64' || r.dtype === 'float64') && c.dtype === 'int64') return { dtype: 'float64', data: c.data as Float64Array };
  return c;
}

function crossJoin(left: DataFrame, right: DataFrame, [lsuf, rsuf]: [string | null, string | null]): DataFrame {
  const nl = left.rowCount();
  const nr = right.rowCount();
  const li = new Int32Array(nl * nr);
  const ri = new Int32Array(nl * nr);
  for (let i = 0; i < nl; i++)
    for (let j = 0; j < nr; j++) {
      li[i * nr + j] = i;
      ri[i * nr + j] = j;
    }
  const clash = (nm: Label, others: Label[]) => others.some((o) => valueKey(o) === valueKey(nm));
  const names = [...left.names.map((n) => (clash(n, right.names) ? suffixed(n, lsuf) : n)), ...right.names.map((n) => (clash(n, left.names) ? suffixed(n, rsuf) : n))];
  const cols = [...left.cols.map((c) => takeColumn(c, li)), ...right.cols.map((c) => takeColumn(c, ri))];
  return new DataFrame(names, cols, RowIndex.range(nl * nr));
}

/** Lint: DT602 when an inner merge drops left rows, DT603 when a merge multiplies them (the checks live in src/lint). */
function warnMerge(left: DataFrame, right: DataFrame, lk: Column[], rk: Column[], li: Int32Array, ri: Int32Array, how: How, keys: PyValue[], site: CallSite, rt: Runtime): void {
  void right;
  const keyOf = (cols: Column[]) => (row: number) => cols.map((c) => pyStr(cellAt(c, row))).join('/');
  const findings = mergeFindings({ how, keys, leftRows: left.rowCount(), leftIndexer: li, rightIndexer: ri, leftKey: keyOf(lk), rightKey: keyOf(rk) });
  for (const f of findings) rt.warn(f.code, f.message, site.pos);
}

export function bindMerge(args: PyValue[], kwargs: Map<string, PyValue>, site: CallSite, method: boolean): BoundArgs {
  return bindArgs(method ? MERGE_SIGNATURE : PD_MERGE_SIGNATURE, args, kwargs, site);
}
