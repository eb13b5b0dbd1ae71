/**
 * DataFrame.groupby: groups by one or more columns (or Series), sorted by key unless sort=False,
 * missing keys dropped unless dropna=False. Aggregations give a frame indexed by the keys (a
 * MultiIndex for several), or with the keys as columns when as_index=False. pandas 1.5.3's
 * numeric_only defaults apply: sum/mean/median/std/var/prod keep numeric columns on a
 * DataFrameGroupBy; other aggregations drop the columns they fail on (pandas warns).
 */
import { DftablesError } from '../errors.js';
import { pyRepr } from '../python/pyStr.js';
import { PyDict, PyList, PyObject, PyTuple, attributeError, type CallSite, type Kwargs, type PyValue, type Runtime } from '../python/values.js';
import { reindexColumn } from './align.js';
import { bindArgs, type BoundArgs, type Signature } from './args.js';
import { NativeFunction } from './callable.js';
import type { Column, Label } from './column.js';
import { cellAt, colLength, inferColumn, isNA, objCol, takeColumn } from './dtypes.js';
import { DataFrame } from './dataframe.js';
import { AGG_NAMES, NUMERIC_BY_DEFAULT, groupAggregate, type AggName } from './groupAgg.js';
import { RowIndex, valueKey } from './index.js';
import { Series } from './series.js';
import { inferIndexColumn } from './indexInfer.js';
import { compareValues } from './sort.js';

interface GroupKey {
  name: Label;
  col: Column;
  /** Position of the key among the frame's columns (excluded from aggregated columns), or -1. */
  colPos: number;
}

interface Grouping {
  codes: Int32Array;
  ngroups: number;
  /** Key values of each group, one column per key, as the group index holds them (inferred). */
  keyCols: Column[];
  /** The same values as factorize gave them (object keys stay object). */
  rawKeyCols: Column[];
}

function naAsNaN(c: Column): Column {
  if (c.dtype !== 'object' || c.nullable || !(c.data as PyValue[]).some((v) => v === null)) return c;
  return objCol((c.data as PyValue[]).map((v) => (v === null ? NaN : v)));
}

export const GROUPBY_SIGNATURE: Signature = {
  name: 'groupby',
  positional: ['by', 'axis', 'level', 'as_index', 'sort', 'group_keys', 'squeeze', 'observed', 'dropna'],
};

export function makeGroupBy(df: DataFrame, b: BoundArgs, site: CallSite): GroupBy {
  if (b.opt('level') !== undefined) throw b.notSupported('level');
  const axis = b.get('axis');
  if (axis !== undefined && axis !== 0n && axis !== 'index') throw b.notSupported('axis');
  const by = b.get('by');
  if (by === undefined || by === null) throw new DftablesError('DT204', "You have to supply one of 'by' and 'level'");
  let items = by instanceof PyList ? [...by.items] : [by];
  // pandas' get_grouper: a list of plain values as long as the frame, not all of them column
  // names, is one array of keys (a label per row), not a list of columns.
  if (by instanceof PyList && items.length === df.rowCount() && items.every((v) => !(v instanceof PyObject)) && !items.every((v) => df.hasColumn(v))) {
    items = [new Series(inferColumn(items), df.index, null)];
  }
  const keys: GroupKey[] = items.map((k) => {
    if (k instanceof Series) {
      const pos = k.parent && k.parent.frame === df ? df.colPos(k.name) : -1;
      return { name: k.name, col: reindexColumn(k.col, k.index, df.index), colPos: pos };
    }
    if (k instanceof PyObject && k.callable()) throw b.notSupported('by', 'a function');
    const p = df.requireColumn(k, site, 'by');
    return { name: df.names[p], col: df.cols[p], colPos: p };
  });
  return new GroupBy(df, keys, null, false, b.bool('as_index', true), b.bool('sort', true), b.bool('dropna', true));
}

export class GroupBy extends PyObject {
  readonly typeName: string;
  private grouping?: Grouping;

  constructor(
    readonly frame: DataFrame,
    readonly keys: GroupKey[],
    /** Selected value columns (positions), or null for every non-key column. */
    readonly selection: number[] | null,
    /** g['col']: a SeriesGroupBy. */
    readonly seriesSel: boolean,
    readonly asIndex: boolean,
    readonly sort: boolean,
    readonly dropna: boolean,
  ) {
    super();
    this.typeName = seriesSel ? 'SeriesGroupBy' : 'DataFrameGroupBy';
  }

  private group(): Grouping {
    if (this.grouping) return this.grouping;
    const n = this.frame.rowCount();
    const codes = new Int32Array(n);
    const map = new Map<unknown, number>();
    const first: number[] = [];
    const single = this.keys.length === 1;
    // Several keys: pandas factorizes each key column on its own, so a level shows the value
    // first seen in the whole column (0 and False are one key: whichever came first names it).
    const levels = single ? [] : this.keys.map(() => ({ map: new Map<unknown, number>(), first: [] as number[] }));
    const levelRep = single ? [] : this.keys.map(() => new Int32Array(n));
    for (let i = 0; i < n; i++) {
      let na = false;
      let k: unknown;
      if (single) {
        const v = cellAt(this.keys[0].col, i);
        na = isNA(v);
        k = na ? NaN : valueKey(v);
      } else {
        k = this.keys
          .map((key, j) => {
            const v = cellAt(key.col, i);
            if (isNA(v)) na = true;
            const lk = isNA(v) ? NaN : valueKey(v);
            const lv = levels[j];
            let lc = lv.map.get(lk);
            if (lc === undefined) {
              lc = lv.first.length;
              lv.map.set(lk, lc);
              lv.first.push(i);
            }
            levelRep[j][i] = lv.first[lc];
            return String(isNA(v) ? 'NaN' : valueKey(v));
          })
          .join('\u0000');
      }
      if (na && this.dropna) {
        codes[i] = -1;
        continue;
      }
      let g = map.get(k);
      if (g === undefined) {
        g = first.length;
        map.set(k, g);
        first.push(i);
      }
      codes[i] = g;
    }
    let order = first.map((_, g) => g);
    if (this.sort) {
      order.sort((a, b) => {
        for (const key of this.keys) {
          const x = cellAt(key.col, first[a]);
          const y = cellAt(key.col, first[b]);
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
      const rank = new Int32Array(order.length);
      order.forEach((g, r) => (rank[g] = r));
      for (let i = 0; i < n; i++) if (codes[i] >= 0) codes[i] = rank[codes[i]];
    } else order = order.slice();
    const firstRows = order.map((g) => first[g]);
    // A missing key (dropna=False) is NaN in the group index, whichever missing value it came from.
    const rawKeyCols = this.keys.map((k, j) => naAsNaN(takeColumn(k.col, single ? firstRows : firstRows.map((r) => levelRep[j][r]))));
    this.grouping = { codes, ngroups: order.length, keyCols: rawKeyCols.map(inferIndexColumn), rawKeyCols };
    return this.grouping;
  }

  private groupIndex(): RowIndex {
    const { keyCols } = this.group();
    return RowIndex.fromLevels(keyCols, this.keys.map((k) => k.name));
  }

  /** Value columns: the selection, or every column that is not a key. */
  private valuePositions(): number[] {
    if (this.selection) return this.selection;
    const keyPos = new Set(this.keys.map((k) => k.colPos));
    return this.frame.names.map((_, i) => i).filter((i) => !keyPos.has(i));
  }

  /**
   * The aggregated columns, indexed by the groups or (as_index=False) after the key columns. Key
   * columns are inferred like the group index, except (raw) where pandas 1.5.3 inserts the
   * factorized values as they are: nunique, std, idxmax/idxmin, agg with a dict, a function
   * or names, apply.
   */
  private result(names: Label[], cols: Column[], raw = false): PyValue {
    const keyCols = raw ? this.group().rawKeyCols : this.group().keyCols;
    // Only keys that are columns of the frame are inserted (pandas' in_axis groupings).
    const inAxis = this.keys.map((k, j) => [k, keyCols[j]] as const).filter(([k]) => k.colPos >= 0);
    if (this.seriesSel) {
      if (this.asIndex) return new Series(cols[0], this.groupIndex(), names[0]);
      return new DataFrame([...inAxis.map(([k]) => k.name), names[0]], [...inAxis.map(([, c]) => c), cols[0]], RowIndex.range(colLength(cols[0])));
    }
    if (this.asIndex) return new DataFrame(names, cols, this.groupIndex());
    // pandas inserts the key columns in front, except a key that was itself aggregated: that one
    // keeps its aggregated values, in its place among the results.
    const front = inAxis.map(([k, c]) => [k.name, c] as const).filter(([k]) => !names.some((nm) => valueKey(k) === valueKey(nm)));
    return new DataFrame([...front.map(([k]) => k), ...names], [...front.map(([, c]) => c), ...cols], RowIndex.range(this.group().ngroups));
  }

  /** An aggregation by name over the value columns, with pandas 1.5.3's nuisance-column rules. */
  aggregate(how: AggName, numericOnly: PyValue | undefined, ddof = 1, minCount = 0): PyValue {
    const { codes, ngroups } = this.group();
    if (how === 'size') {
      const col = groupAggregate(objCol([]), codes, ngroups, 'size');
      if (this.asIndex) return new Series(col, this.groupIndex(), this.seriesSel ? this.frame.names[this.selection![0]] : null);
      return new DataFrame([...this.keys.map((k) => k.name), 'size'], [...this.group().keyCols, col], RowIndex.range(ngroups));
    }
    let positions = this.valuePositions();
    if (!this.seriesSel) {
      const numeric = (p: number) => this.frame.cols[p].dtype !== 'object';
      let restrict = numericOnly === true;
      if (numericOnly === undefined && NUMERIC_BY_DEFAULT.has(how)) {
        // 1.5.3: numeric only, unless that leaves nothing (then every column is tried).
        restrict = positions.some(numeric) || positions.length === 0;
      }
      if (restrict) positions = positions.filter(numeric);
    }
    const names: Label[] = [];
    const cols: Column[] = [];
    for (const p of positions) {
      try {
        let col = groupAggregate(this.frame.cols[p], codes, ngroups, how, ddof);
        if (minCount > 0 && (how === 'sum' || how === 'prod')) {
          // min_count: groups with fewer values are NaN (ints turn float).
          const counts = groupAggregate(this.frame.cols[p], codes, ngroups, 'count').data as Float64Array;
          if (counts.some((c) => c < minCount)) {
            const vals = Array.from({ length: ngroups }, (_, g) => (counts[g] < minCount ? NaN : Number(cellAt(col, g))));
            col = { dtype: 'float64', data: Float64Array.from(vals) };
          }
        }
        cols.push(col);
        names.push(this.frame.names[p]);
      } catch (e) {
        // A DataFrameGroupBy drops the columns an aggregation fails on (a FutureWarning in 1.5.3).
        if (this.seriesSel || !(e instanceof DftablesError) || e.code !== 'DT204') throw e;
      }
    }
    // Every column failed (text only): pandas 1.5.3 returns the groups with no columns.
    return this.result(names, cols, how === 'nunique' || how === 'std');
  }

  /** idxmax/idxmin: the row label of each group's first largest (smallest) value, NaN skipped. */
  private argExtreme(which: 'max' | 'min'): PyValue {
    const { codes, ngroups } = this.group();
    const positions = this.valuePositions();
    const cols = positions.map((p) => {
      const c = this.frame.cols[p];
      if (c.dtype === 'object') throw new DftablesError('DT204', `reduction operation 'arg${which}' not allowed for this dtype`);
      const d = c.data as ArrayLike<number>;
      const best = new Int32Array(ngroups).fill(-1);
      for (let i = 0; i < codes.length; i++) {
        const g = codes[i];
        const x = d[i];
        if (g < 0 || x !== x) continue;
        const b = best[g];
        if (b < 0 || (which === 'max' ? x > d[b] : x < d[b])) best[g] = i;
      }
      if (best.some((b) => b < 0)) throw new DftablesError('DT208', `attempt to get arg${which} of an empty sequence`);
      return this.frame.index.take(best).levels[0];
    });
    return this.result(positions.map((p) => this.frame.names[p]), cols, true);
  }

  private headTail(n: number, tail: boolean): PyValue {
    const { codes, ngroups } = this.group();
    const counts = new Int32Array(ngroups);
    const total = new Int32Array(ngroups);
    for (const g of codes) if (g >= 0) total[g]++;
    const keep: number[] = [];
    for (let i = 0; i < codes.length; i++) {
      const g = codes[i];
      if (g < 0) continue;
      const k = counts[g]++;
      const ok = tail ? (n >= 0 ? k >= total[g] - n : k >= -n) : n >= 0 ? k < n : k < total[g] + n;
      if (ok) keep.push(i);
    }
    return this.selectedFrameOrSeries().take(keep);
  }

  /** The object the rows come from: the frame (or the selected columns) or the selected Series. */
  private selectedFrameOrSeries(): DataFrame | Series {
    if (this.seriesSel) {
      const p = this.selection![0];
      return new Series(this.frame.cols[p], this.frame.index, this.frame.names[p]);
    }
    if (this.selection) return this.frame.selectColumns(this.selection);
    return this.frame;
  }

  /** transform with a function: each group's Series in, a same-length Series or one value out. */
  private transformCallable(func: PyValue, rt: Runtime): PyValue {
    if (!this.seriesSel) {
      throw new DftablesError('DT212', 'DataFrameGroupBy.transform with a function is not supported by dftables', { hint: "Select a column first: g['col'].transform(f)." });
    }
    const p = this.selection![0];
    const n = this.frame.rowCount();
    const out = new Array<PyValue>(n).fill(NaN);
    for (const { rows } of this.groupsList()) {
      rt.checkDeadline();
      const sub = new Series(takeColumn(this.frame.cols[p], rows), this.frame.index.take(rows), this.frame.names[p]);
      const r = rt.call(func, [sub]);
      if (r instanceof Series) {
        if (r.length !== rows.length) throw new DftablesError('DT208', 'transform must return a scalar value for each group, or a Series of the same length');
        const pos = r.index.positions().map;
        rows.forEach((row, k) => {
          const q = pos.get(this.frame.index.keyAt(row));
          out[row] = cellAt(r.col, q === undefined ? k : q);
        });
      } else if (r instanceof PyObject) {
        throw new DftablesError('DT212', `transform returning a ${r.typeName} is not supported by dftables`);
      } else rows.forEach((row) => (out[row] = r));
    }
    return new Series(inferColumn(out), this.frame.index, this.frame.names[p]);
  }

  /** apply with a function returning one value per group (a Series indexed by the keys). */
  private applyScalar(func: PyValue, rt: Runtime): PyValue {
    const groups = this.groupsList();
    const values = groups.map(({ rows }) => {
      rt.checkDeadline();
      const sub = this.selectedFrameOrSeries().take(rows);
      const r = rt.call(func, [sub]);
      if (r instanceof Series || r instanceof DataFrame) {
        throw new DftablesError('DT212', 'groupby(...).apply returning a Series or DataFrame is not supported by dftables', { hint: 'Return one value per group, or use agg/transform.' });
      }
      return r;
    });
    const col = values.some((v) => v instanceof PyObject) ? objCol(values) : inferColumn(values);
    const name = this.seriesSel ? this.frame.names[this.selection![0]] : null;
    if (this.asIndex) return new Series(col, this.groupIndex(), name);
    const { rawKeyCols, ngroups } = this.group();
    return new DataFrame([...this.keys.map((k) => k.name), name], [...rawKeyCols, col], RowIndex.range(ngroups));
  }

  /** nth(n): the n-th row of each group (negative from the end), indexed by the group keys (1.5.3). */
  private nth(n: number): PyValue {
    const picks: number[] = [];
    const keyRows: number[] = [];
    this.groupsList().forEach(({ rows }, g) => {
      const k = n >= 0 ? n : rows.length + n;
      if (k >= 0 && k < rows.length) {
        picks.push(rows[k]);
        keyRows.push(g);
      }
    });
    const src = this.selectedFrameOrSeries();
    if (!this.asIndex) return src.take(picks);
    const { keyCols } = this.group();
    const index = RowIndex.fromLevels(keyCols.map((c) => takeColumn(c, keyRows)), this.keys.map((k) => k.name));
    if (src instanceof Series) return new Series(takeColumn(src.col, picks), index, src.name);
    const keep = src.names.map((_, i) => i).filter((i) => !this.keys.some((k) => k.colPos >= 0 && valueKey(k.name) === valueKey(src.names[i])));
    const df = src.selectColumns(keep).take(picks);
    return new DataFrame(df.names, df.cols, index);
  }

  private transform(func: PyValue, site: CallSite, rt: Runtime): PyValue {
    const { codes } = this.group();
    if (typeof func !== 'string') {
      if (func instanceof PyObject && func.callable()) return this.transformCallable(func, rt);
      throw new DftablesError('DT208', `${pyRepr(func)} is not a valid function for transform`);
    }
    if (!AGG_NAMES.includes(func as AggName)) throw new DftablesError('DT208', `'${func}' is not a valid function name for transform(name)`);
    const agg = this.aggregate(func as AggName, undefined);
    const idx = Int32Array.from(codes);
    void site;
    void rt;
    if (agg instanceof Series) return new Series(takeColumn(agg.col, idx), this.frame.index, agg.name);
    const df = agg as DataFrame;
    const valueNames = df.names.filter((nm) => !this.keys.some((k) => !this.asIndex && valueKey(k.name) === valueKey(nm)));
    const cols = valueNames.map((nm) => takeColumn(df.cols[df.colPos(nm)], idx));
    return new DataFrame(valueNames, cols, this.frame.index);
  }

  private agg(b: BoundArgs, site: CallSite, rt: Runtime): PyValue {
    const func = b.get('func');
    const named = b.extraKwargs;
    if (named.size && (func === undefined || func === null)) {
      if (this.seriesSel) {
        const names: Label[] = [];
        const cols: Column[] = [];
        for (const [out, f] of named) {
          names.push(out);
          cols.push(this.aggColumn(this.selection![0], f, site, rt));
        }
        return this.frameResult(names, cols);
      }
      const names: Label[] = [];
      const cols: Column[] = [];
      for (const [out, spec] of named) {
        if (!(spec instanceof PyTuple) || spec.items.length !== 2) {
          throw new DftablesError('DT208', `Must provide 'func' or tuples of '(column, aggfunc).`);
        }
        const p = this.frame.requireColumn(spec.items[0], site, out);
        names.push(out);
        cols.push(this.aggColumn(p, spec.items[1], site, rt));
      }
      return this.frameResult(names, cols);
    }
    if (func === undefined || func === null) throw new DftablesError('DT208', "Must provide 'func' or tuples of '(column, aggfunc).");
    if (typeof func === 'string') return this.byName(func, new Map());
    if (func instanceof PyDict) {
      if (this.seriesSel) throw new DftablesError('DT212', 'nested renamer is not supported');
      const names: Label[] = [];
      const cols: Column[] = [];
      for (const [col, f] of func.items()) {
        const p = this.frame.requireColumn(col, site, 0);
        if (f instanceof PyList || f instanceof PyTuple) {
          throw new DftablesError('DT212', 'agg with a list of functions per column (MultiIndex columns) is not supported by dftables', {
            hint: "Use named aggregation: agg(total=('col', 'sum'), avg=('col', 'mean')).",
          });
        }
        names.push(col);
        cols.push(this.aggColumn(p, f, site, rt));
      }
      return this.result(names, cols, true);
    }
    if (func instanceof PyList || func instanceof PyTuple) {
      if (!this.seriesSel) {
        throw new DftablesError('DT212', 'agg with a list of functions on a DataFrameGroupBy (MultiIndex columns) is not supported by dftables', {
          hint: "Select one column first (g['col'].agg([...])) or use named aggregation.",
        });
      }
      const names: Label[] = [];
      const cols: Column[] = [];
      for (const f of func.items) {
        names.push(typeof f === 'string' ? f : f instanceof PyObject ? funcName(f) : pyRepr(f));
        cols.push(this.aggColumn(this.selection![0], f, site, rt));
      }
      // SeriesGroupBy.agg([...]) with as_index=False: pandas 1.5.3 leaves the keys out.
      return this.frameResult(names, cols, false);
    }
    if (func instanceof PyObject && func.callable()) {
      const positions = this.valuePositions();
      return this.result(
        positions.map((p) => this.frame.names[p]),
        positions.map((p) => this.aggColumn(p, func, site, rt)),
        true,
      );
    }
    throw new DftablesError('DT208', `${pyRepr(func)} is not a valid aggregation`);
  }

  /** A frame indexed like the groups (for SeriesGroupBy.agg lists and named aggregations). */
  private frameResult(names: Label[], cols: Column[], withKeys = true): DataFrame {
    const { rawKeyCols: keyCols, ngroups } = this.group();
    if (this.asIndex) return new DataFrame(names, cols, this.groupIndex());
    if (!withKeys) return new DataFrame(names, cols, RowIndex.range(ngroups));
    const inAxis = this.keys.map((k, j) => [k, keyCols[j]] as const).filter(([k]) => k.colPos >= 0);
    return new DataFrame([...inAxis.map(([k]) => k.name), ...names], [...inAxis.map(([, c]) => c), ...cols], RowIndex.range(ngroups));
  }

  private aggColumn(p: number, f: PyValue, site: CallSite, rt: Runtime): Column {
    const { codes, ngroups } = this.group();
    if (typeof f === 'string') {
      if (!AGG_NAMES.includes(f as AggName)) throw new DftablesError('DT202', `'${f}' is not a valid function for '${this.typeName}' object`);
      return groupAggregate(this.frame.cols[p], codes, ngroups, f as AggName);
    }
    if (f instanceof PyObject && f.callable()) {
      const rows: number[][] = Array.from({ length: ngroups }, () => []);
      codes.forEach((g, i) => {
        if (g >= 0) rows[g].push(i);
      });
      const out = rows.map((r) => {
        rt.checkDeadline();
        const s = new Series(takeColumn(this.frame.cols[p], r), this.frame.index.take(r), this.frame.names[p]);
        return rt.call(f, [s]);
      });
      return inferColumn(out);
    }
    throw new DftablesError('DT208', `${pyRepr(f)} is not a valid aggregation`);
  }

  private byName(name: string, kwargs: Kwargs): PyValue {
    if (!AGG_NAMES.includes(name as AggName)) throw new DftablesError('DT202', `'${name}' is not a valid function for '${this.typeName}' object`);
    return this.aggregate(name as AggName, kwargs.get('numeric_only') ?? undefined);
  }

  private groupsList(): { key: PyValue; rows: number[] }[] {
    const { codes, ngroups, keyCols } = this.group();
    const rows: number[][] = Array.from({ length: ngroups }, () => []);
    codes.forEach((g, i) => {
      if (g >= 0) rows[g].push(i);
    });
    return rows.map((r, g) => ({
      key: keyCols.length === 1 ? cellAt(keyCols[0], g) : new PyTuple(keyCols.map((c) => cellAt(c, g))),
      rows: r,
    }));
  }

  override getItem(key: PyValue, site: CallSite): PyValue {
    if (this.seriesSel) throw new DftablesError('DT209', `Column(s) ${pyRepr(key)} already selected`);
    if (key instanceof PyList || key instanceof PyTuple) {
      const positions = [...key.items].map((k) => {
        const p = this.frame.colPos(k);
        if (p < 0) throw this.frame.columnNotFound(k, site, 0);
        return p;
      });
      return new GroupBy(this.frame, this.keys, positions, false, this.asIndex, this.sort, this.dropna);
    }
    const p = this.frame.colPos(key);
    if (p < 0) throw this.frame.columnNotFound(key, site, 0);
    return new GroupBy(this.frame, this.keys, [p], true, this.asIndex, this.sort, this.dropna);
  }

  override getAttr(name: string, site: CallSite, rt: Runtime): PyValue {
    const m = (sig: Signature, body: (b: BoundArgs, site: CallSite, rt: Runtime) => PyValue) =>
      new NativeFunction(name, (args, kwargs, s, r) => body(bindArgs(sig, args, kwargs, s), s, r), 'method', this.typeName);
    if ((AGG_NAMES as string[]).includes(name)) {
      const how = name as AggName;
      const positional = how === 'std' || how === 'var' ? ['ddof', 'engine', 'engine_kwargs', 'numeric_only'] : how === 'nunique' ? ['dropna'] : ['numeric_only', 'min_count'];
      return m({ name, positional }, (b) => {
        if (how === 'nunique' && b.get('dropna') === false) throw b.notSupported('dropna', 'False');
        return this.aggregate(how, b.get('numeric_only') ?? undefined, b.int('ddof', 1), b.int('min_count', 0));
      });
    }
    switch (name) {
      case 'idxmax':
      case 'idxmin':
        return m({ name, positional: ['axis', 'skipna', 'numeric_only'] }, () => this.argExtreme(name === 'idxmax' ? 'max' : 'min'));
      case 'head':
      case 'tail':
        return m({ name, positional: ['n'] }, (b) => this.headTail(b.int('n', 5), name === 'tail'));
      case 'agg':
      case 'aggregate':
        return m({ name, positional: ['func'], varKeywords: true }, (b, s, r) => this.agg(b, s, r));
      case 'transform':
        return m({ name, positional: ['func'], varKeywords: true, required: ['func'] }, (b, s, r) => this.transform(b.get('func')!, s, r));
      case 'cumcount':
        return m({ name, positional: ['ascending'] }, (b) => {
          const { codes, ngroups } = this.group();
          const asc = b.bool('ascending', true);
          const total = new Int32Array(ngroups);
          for (const g of codes) if (g >= 0) total[g]++;
          const seen = new Int32Array(ngroups);
          const out = new Float64Array(codes.length);
          let dropped = false;
          codes.forEach((g, i) => {
            if (g < 0) {
              out[i] = NaN;
              dropped = true;
              return;
            }
            const k = seen[g]++;
            out[i] = asc ? k : total[g] - 1 - k;
          });
          return new Series({ dtype: dropped ? 'float64' : 'int64', data: out }, this.frame.index, null);
        });
      case 'ngroups':
        return BigInt(this.group().ngroups);
      case 'groups': {
        const d = new PyDict();
        for (const { key, rows } of this.groupsList()) d.set(key, new PyList(rows.map((r) => this.frame.index.labelAt(r))));
        return d;
      }
      case 'get_group':
        return m({ name, positional: ['name', 'obj'], required: ['name'] }, (b) => {
          const want = valueKey(b.get('name')!);
          const g = this.groupsList().find((x) => valueKey(x.key) === want);
          if (!g) throw new DftablesError('DT209', `KeyError: ${pyRepr(b.get('name')!)}`);
          return this.selectedFrameOrSeries().take(g.rows);
        });
      case 'filter':
        return m({ name, positional: ['func', 'dropna'], required: ['func'] }, (b, s, r) => {
          const f = b.get('func')!;
          const keep: number[] = [];
          for (const { rows } of this.groupsList()) {
            r.checkDeadline();
            const sub = this.selectedFrameOrSeries().take(rows);
            const ok = r.call(f, [sub]);
            if (ok === true || (ok instanceof PyObject && ok.truthy(s, r))) keep.push(...rows);
          }
          keep.sort((a, c) => a - c);
          return this.selectedFrameOrSeries().take(keep);
        });
      case 'apply':
        return m({ name, positional: ['func'], required: ['func'], varKeywords: true }, (b, _s, r) => this.applyScalar(b.get('func')!, r));
      case 'nth':
        return m({ name, positional: ['n', 'dropna'], required: ['n'] }, (b) => {
          if (b.opt('dropna') !== undefined) throw b.notSupported('dropna');
          return this.nth(b.int('n', 0));
        });
    }
    if (!this.seriesSel) {
      const p = this.frame.colPos(name);
      if (p >= 0) return new GroupBy(this.frame, this.keys, [p], true, this.asIndex, this.sort, this.dropna);
    }
    if (GROUPBY_UNSUPPORTED.has(name)) throw new DftablesError('DT212', `groupby(...).${name} is not supported by dftables`);
    void site;
    void rt;
    throw attributeError(this.typeName, name, this.attrNames());
  }

  override attrNames(): string[] {
    return [...AGG_NAMES, 'idxmax', 'idxmin', 'head', 'tail', 'agg', 'aggregate', 'transform', 'apply', 'nth', 'cumcount', 'ngroups', 'groups', 'get_group', 'filter'];
  }

  override iter(): PyValue[] {
    return this.groupsList().map(({ key, rows }) => new PyTuple([key, this.selectedFrameOrSeries().take(rows)]));
  }

  override len(): number {
    return this.group().ngroups;
  }

  override repr(): string {
    return `<pandas.core.groupby.generic.${this.typeName} object>`;
  }
}

function funcName(f: PyObject): string {
  const m = /^<(?:function|built-in function|bound method) ([\w.<>]+)/.exec(f.repr());
  return m ? m[1].split('.').pop()! : '<lambda>';
}

const GROUPBY_UNSUPPORTED = new Set(['rolling', 'expanding', 'resample', 'describe', 'ohlc', 'pipe', 'plot', 'rank', 'shift', 'diff', 'cumsum', 'cummax', 'cummin', 'cumprod', 'pct_change', 'fillna', 'value_counts', 'quantile', 'sem', 'corr', 'cov']);

