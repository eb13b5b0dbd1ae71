/** Series operations shared with DataFrame methods: map, value_counts, where, replace, duplicated, isin values, shifts, index-to-columns. */
import { DftablesError } from '../errors.js';
import { pyRepr } from '../python/pyStr.js';
import { PyDict, PyList, PyObject, PyTuple, PyTypeError, type CallSite, type PyValue, type Runtime } from '../python/values.js';
import { reindexColumn } from './align.js';
import type { BoundArgs } from './args.js';
import type { Method } from './callable.js';
import type { Column, Label } from './column.js';
import { mapColumn, mapLookupColumn, replaceColumn } from './columnOps.js';
import { DataFrame } from './dataframe.js';
import { boolCol, cellAt, cellsOf, colLength, floatCol, inferColumn, intCol, isNA, objCol, takeColumn } from './dtypes.js';
import { RowIndex, valueKey } from './index.js';
import { NdArray } from './ndarray.js';
import { binaryColumns } from './ops.js';
import { pyCompare } from './scalarOps.js';
import { Series } from './series.js';
import { inferIndexColumn } from './indexInfer.js';
import { nargsort } from './sort.js';
import { PdIndex } from './pdIndex.js';
import { compilePyRegex, pyReplacement } from './pyRegex.js';
import { def, sig } from './seriesArgs.js';

type Impl = Method<Series>;

/** Series.map / apply with a Python callable, a dict or a Series. */
export function mapSeries(self: Series, arg: PyValue, naIgnore: boolean, rt: Runtime, extraArgs: PyValue[] = []): Series {
  if (arg instanceof PyDict) {
    return self.withColumn(mapLookupColumn(self.col, arg.keys(), inferColumn(arg.values()), naIgnore));
  }
  if (arg instanceof Series) {
    const keys: PyValue[] = [];
    for (let i = 0; i < arg.index.length; i++) keys.push(arg.index.labelAt(i));
    return self.withColumn(mapLookupColumn(self.col, keys, arg.col, naIgnore));
  }
  if (arg instanceof PyObject && arg.callable()) return self.withColumn(mapColumn(self.col, arg, rt, naIgnore, extraArgs));
  throw new PyTypeError(`'${arg instanceof PyObject ? arg.typeName : typeof arg}' object is not callable`, 'map() takes a function, a dict or a Series.');
}

/** value_counts as pandas 1.5.3: counts in order of first appearance, then sort_values (quicksort). */
export function valueCounts(col: Column, normalize: boolean, sort: boolean, ascending: boolean, dropna: boolean, name: Label): Series {
  const order: number[] = [];
  const counts = new Map<unknown, number>();
  const firstPos = new Map<unknown, number>();
  const n = colLength(col);
  for (let i = 0; i < n; i++) {
    const v = cellAt(col, i);
    if (dropna && isNA(v)) continue;
    // pandas' object hashtable counts None and NaN apart.
    const k = isNA(v) && v !== null ? NaN : valueKey(v);
    if (!counts.has(k)) {
      counts.set(k, 0);
      firstPos.set(k, i);
      order.push(i);
    }
    counts.set(k, counts.get(k)! + 1);
  }
  const keysCol = inferIndexColumn(takeColumn(col, order));
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  const values = order.map((p) => {
    const v = cellAt(col, p);
    return counts.get(isNA(v) && v !== null ? NaN : valueKey(v))!;
  });
  let result = new Series(
    normalize ? floatCol(Float64Array.from(values.map((v) => v / total))) : intCol(Float64Array.from(values)),
    RowIndex.fromLevels([keysCol], [null]),
    name,
  );
  if (sort) result = result.take(nargsort(result.col, ascending, 'last'));
  return result;
}

export function seriesToFrame(self: Series, name: Label): DataFrame {
  return new DataFrame([name], [self.col], self.index);
}

/** reset_index: index levels become the first columns ('index' or level_i when unnamed). */
export function indexColumns(index: RowIndex, existing: Label[]): { names: Label[]; cols: Column[] } {
  const names: Label[] = [];
  const cols: Column[] = [];
  const nlev = index.nlevels;
  for (let l = 0; l < nlev; l++) {
    let nm = index.names[l];
    if (nm === null || nm === undefined) {
      nm = nlev === 1 ? (existing.some((e) => valueKey(e) === valueKey('index')) ? 'level_0' : 'index') : `level_${l}`;
    }
    if (existing.some((e) => valueKey(e) === valueKey(nm))) {
      throw new DftablesError('DT208', `cannot insert ${typeof nm === 'string' ? nm : pyRepr(nm)}, already exists`, {
        hint: 'Use reset_index(drop=True) to discard the index instead.',
      });
    }
    names.push(nm);
    cols.push(index.level(l));
  }
  return { names, cols };
}

export function headTail(self: Series, n: number, tail: boolean): Series {
  const len = self.length;
  let start: number;
  let end: number;
  if (tail) {
    start = n >= 0 ? Math.max(0, len - n) : Math.min(len, -n);
    end = len;
  } else {
    start = 0;
    end = n >= 0 ? Math.min(n, len) : Math.max(0, len + n);
  }
  const idx: number[] = [];
  for (let i = start; i < end; i++) idx.push(i);
  return self.take(idx);
}

export function cumulative(name: string, kind: 'sum' | 'prod' | 'max' | 'min'): Impl {
  return def(sig(name, ['axis', 'skipna']), (self, b) => {
    const skipna = b.bool('skipna', true);
    const c = self.col;
    const n = colLength(c);
    if (c.dtype === 'object') {
      const out: PyValue[] = [];
      let acc: PyValue | undefined;
      for (let i = 0; i < n; i++) {
        const v = c.data[i];
        if (isNA(v)) {
          out.push(v);
          if (!skipna) acc = NaN;
          continue;
        }
        if (acc === undefined) acc = v;
        else if (!(typeof acc === 'number' && acc !== acc)) {
          if (kind === 'sum') acc = binaryColumns('+', { scalar: acc }, { scalar: v }, 1).data[0] as PyValue;
          else if (kind === 'prod') acc = binaryColumns('*', { scalar: acc }, { scalar: v }, 1).data[0] as PyValue;
          else if (kind === 'max') acc = pyCompare('>', v, acc) ? v : acc;
          else acc = pyCompare('<', v, acc) ? v : acc;
        }
        out.push(acc);
      }
      return self.withColumn(objCol(out));
    }
    const d = c.data as ArrayLike<number>;
    const out = new Float64Array(n);
    let acc = NaN;
    let poisoned = false;
    for (let i = 0; i < n; i++) {
      const x = d[i];
      if (x !== x) {
        out[i] = NaN;
        if (!skipna) poisoned = true;
        continue;
      }
      if (poisoned) {
        out[i] = NaN;
        continue;
      }
      if (acc !== acc) acc = x;
      else if (kind === 'sum') acc += x;
      else if (kind === 'prod') acc *= x;
      else if (kind === 'max') acc = x > acc ? x : acc;
      else acc = x < acc ? x : acc;
      out[i] = acc;
    }
    const dtype = c.dtype === 'bool' ? (kind === 'max' || kind === 'min' ? 'bool' : 'int64') : c.dtype;
    if (dtype === 'bool') return self.withColumn(boolCol(Uint8Array.from(out)));
    return self.withColumn({ dtype, data: out } as Column);
  });
}

export function shiftColumn(c: Column, periods: number, fill: PyValue | undefined): Column {
  const n = colLength(c);
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const j = i - periods;
    idx[i] = j >= 0 && j < n ? j : -1;
  }
  if (fill === undefined || fill === null) return takeColumn(c, idx);
  const cells = cellsOf(c);
  const out = Array.from(idx, (j) => (j < 0 ? fill : cells[j]));
  const inferred = inferColumn(out);
  return c.dtype === 'object' ? objCol(out) : inferred;
}

export function shiftIdx(n: number, periods: number): Int32Array {
  const idx = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const j = i - periods;
    idx[i] = j >= 0 && j < n ? j : -1;
  }
  return idx;
}

export function whereColumn(self: Series, cond: PyValue, other: PyValue | undefined, invert: boolean, site: CallSite, rt: Runtime): Column {
  let bits: Uint8Array;
  if (cond instanceof PyObject && cond.callable() && !(cond instanceof Series)) cond = rt.call(cond, [self]);
  if (cond instanceof Series) {
    const c = reindexColumn(cond.col, cond.index, self.index);
    bits = new Uint8Array(self.length);
    for (let i = 0; i < self.length; i++) {
      const v = cellAt(c, i);
      bits[i] = v === true ? 1 : 0;
    }
  } else if (cond instanceof PyList || cond instanceof NdArray) {
    const items = cond instanceof PyList ? cond.items : cellsOf(cond.col);
    if (items.length !== self.length) throw new DftablesError('DT208', 'Array conditional must be same shape as self');
    bits = Uint8Array.from(items.map((v) => (v === true ? 1 : 0)));
  } else throw new DftablesError('DT208', 'Array conditional must be same shape as self');
  if (invert) bits = bits.map((x) => 1 - x);
  let otherAt: (i: number) => PyValue;
  if (other instanceof Series) {
    const oc = reindexColumn(other.col, other.index, self.index);
    otherAt = (i) => cellAt(oc, i);
  } else if (other === undefined) otherAt = () => NaN;
  else otherAt = () => other;
  const cells = cellsOf(self.col).slice();
  let changed = false;
  for (let i = 0; i < cells.length; i++) {
    if (!bits[i]) {
      cells[i] = otherAt(i);
      changed = true;
    }
  }
  void site;
  if (!changed) return self.col;
  if (self.col.dtype === 'object') return objCol(cells);
  const inferred = inferColumn(cells);
  if (self.col.dtype === 'float64' && inferred.dtype === 'int64') return floatCol(inferred.data as Float64Array);
  return inferred;
}

/** pandas' duplicated over one or more columns (rows equal on all of them). */
export function duplicatedMask(cols: Column[], keep: 'first' | 'last' | false): Uint8Array {
  const n = cols.length ? colLength(cols[0]) : 0;
  // One column goes through pandas' object hashtable, where None and NaN are different values;
  // several columns are factorized first, which makes every missing value one code.
  const naKey = (v: PyValue) => (cols.length === 1 && v === null ? 'None' : 'NaN');
  const keyOf = (i: number) => cols.map((c) => String(isNA(cellAt(c, i)) ? naKey(cellAt(c, i)) : valueKey(cellAt(c, i)))).join('\u0000');
  const out = new Uint8Array(n);
  const keys = Array.from({ length: n }, (_, i) => keyOf(i));
  if (keep === false) {
    const counts = new Map<string, number>();
    for (const k of keys) counts.set(k, (counts.get(k) ?? 0) + 1);
    for (let i = 0; i < n; i++) out[i] = counts.get(keys[i])! > 1 ? 1 : 0;
    return out;
  }
  const seen = new Set<string>();
  const order = keep === 'first' ? [...Array(n).keys()] : [...Array(n).keys()].reverse();
  for (const i of order) {
    if (seen.has(keys[i])) out[i] = 1;
    else seen.add(keys[i]);
  }
  return out;
}

/** The values a list-like isin() argument stands for. */
export function isinValues(v: PyValue, site: CallSite, rt: Runtime, owner: string): PyValue[] {
  if (v instanceof PyList || v instanceof PyTuple) return [...v.items];
  if (v instanceof Series || v instanceof NdArray || v instanceof PdIndex) return cellsOf(v.col);
  if (v instanceof PyDict) return v.keys();
  if (v instanceof PyObject) return v.iter(site, rt);
  void owner;
  throw new PyTypeError(`only list-like objects are allowed to be passed to isin(), you passed a [${v === null ? 'NoneType' : typeof v === 'string' ? 'str' : typeof v === 'bigint' ? 'int' : typeof v === 'number' ? 'float' : 'bool'}]`);
}

/** Series.replace: scalar, list (-> one value or a list of values), or a dict of replacements. */
export function replaceValues(col: Column, b: BoundArgs): Column {
  const what = b.get('to_replace');
  const value = b.get('value');
  const regex = b.bool('regex', false);
  let pairs: [PyValue, PyValue][];
  if (what instanceof PyDict) pairs = what.items();
  else if (what instanceof PyList || what instanceof PyTuple) {
    if (value instanceof PyList || value instanceof PyTuple) {
      if (value.items.length !== what.items.length) throw new DftablesError('DT208', `Replacement lists must match in length. Expecting ${what.items.length} got ${value.items.length} `);
      pairs = what.items.map((w, i) => [w, value.items[i]]);
    } else pairs = what.items.map((w) => [w, value ?? null]);
  } else {
    if (value === undefined) throw new DftablesError('DT212', 'replace() without a value (pad) is not supported by dftables');
    pairs = [[what ?? null, value]];
  }
  if (regex) {
    // regex=True: text patterns substitute inside text cells (re.sub); other keys match exactly.
    const patterns = pairs.filter(([k]) => typeof k === 'string');
    const exact = pairs.filter(([k]) => typeof k !== 'string');
    let out = exact.length ? replaceColumn(col, exact) : col;
    if (patterns.length && out.dtype === 'object') {
      const cells = (out.data as PyValue[]).map((v) => {
        if (typeof v !== 'string') return v;
        let s = v;
        for (const [k, r] of patterns) {
          if (typeof r !== 'string') {
            if (compilePyRegex(k as string).test(s)) return r;
            continue;
          }
          s = s.replace(compilePyRegex(k as string, {}, true), pyReplacement(r) as (m: string, ...a: unknown[]) => string);
        }
        return s;
      });
      out = objCol(cells);
    }
    return out;
  }
  return replaceColumn(col, pairs);
}
