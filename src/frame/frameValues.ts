/** DataFrame methods that change values column by column: fillna, dropna, drop_duplicates, astype, round, where/mask. */
import { DftablesError } from '../errors.js';
import { pyRepr, pyStr } from '../python/pyStr.js';
import { PyDict, PyList, PyTuple, PyTypeError, type CallSite, type PyValue } from '../python/values.js';
import type { BoundArgs } from './args.js';
import type { Column } from './column.js';
import { astypeColumn, fillDirectionColumn, fillnaColumn, roundColumn } from './columnOps.js';
import { DataFrame } from './dataframe.js';
import { cellAt, cellsOf, floatCol, inferColumn, naMask, objCol, parseDtypeArg } from './dtypes.js';
import { RowIndex, valueKey } from './index.js';
import { Series } from './series.js';
import { dtypeArg, duplicatedMask, keepArg } from './seriesMethods.js';
import { axisIsColumns, labelsArg } from './frameArgs.js';

export function fillnaFrame(self: DataFrame, b: BoundArgs): DataFrame {
  const value = b.get('value');
  const method = b.str('method');
  if ((value === undefined || value === null) && !method) throw new DftablesError('DT208', "Must specify a fill 'value' or 'method'.");
  if (axisIsColumns(b)) throw b.notSupported('axis', '1');
  let cols: Column[];
  if (method) {
    if (!['ffill', 'pad', 'bfill', 'backfill'].includes(method)) throw b.invalid('method', `Invalid fill method. Expecting pad (ffill) or backfill (bfill). Got ${method}`, 'DT208');
    cols = self.cols.map((c) => fillDirectionColumn(c, method === 'ffill' || method === 'pad', b.int('limit')));
  } else if (value instanceof PyDict || value instanceof Series) {
    cols = self.cols.map((c, i) => {
      const label = self.names[i];
      if (value instanceof PyDict) return value.has(label) ? fillnaColumn(c, value.get(label)!) : c;
      const p = value.index.positions().map.get(valueKey(label));
      return p === undefined ? c : fillnaColumn(c, cellAt(value.col, p));
    });
  } else if (value instanceof DataFrame) {
    throw new DftablesError('DT212', 'fillna with a DataFrame is not supported by dftables');
  } else if (value instanceof PyList || value instanceof PyTuple) {
    throw new PyTypeError(`"value" parameter must be a scalar or dict, but you passed a "${value instanceof PyList ? 'list' : 'tuple'}"`);
  } else cols = self.cols.map((c) => fillnaColumn(c, value!));
  return new DataFrame([...self.names], cols, self.index);
}

export function dropnaFrame(self: DataFrame, b: BoundArgs, site: CallSite): DataFrame {
  const how = b.str('how', 'any');
  if (how !== 'any' && how !== 'all') throw b.invalid('how', `invalid how option: ${how}`, 'DT208');
  const thresh = b.int('thresh');
  if (b.has('how') && thresh !== undefined) throw new DftablesError('DT208', 'You cannot set both the how and thresh arguments at the same time.');
  if (axisIsColumns(b)) {
    const keep = self.cols
      .map((c, i) => [naMask(c).reduce((a, x) => a + x, 0), i] as const)
      .filter(([na]) => {
        const n = self.rowCount();
        if (thresh !== undefined) return n - na >= thresh;
        return how === 'any' ? na === 0 : na < n || n === 0;
      })
      .map(([, i]) => i);
    return self.selectColumns(keep);
  }
  const subset = labelsArg(b, 'subset');
  const missing = subset.filter((s) => !self.hasColumn(s));
  if (missing.length) throw new DftablesError('DT201', `[${missing.map(pyRepr).join(', ')}]`, { pos: site.locate(missing[0], 'subset'), hint: `column ${pyRepr(missing[0])} not found` });
  const positions = subset.length ? subset.map((s) => self.colPos(s)) : self.cols.map((_, i) => i);
  const masks = positions.map((p) => naMask(self.cols[p]));
  const keep: number[] = [];
  for (let r = 0; r < self.rowCount(); r++) {
    let na = 0;
    for (const m of masks) na += m[r];
    const ok = thresh !== undefined ? positions.length - na >= thresh : how === 'any' ? na === 0 : na < positions.length;
    if (ok) keep.push(r);
  }
  return self.take(keep);
}

export function dropDuplicatesFrame(self: DataFrame, b: BoundArgs, site: CallSite): DataFrame {
  const subset = labelsArg(b, 'subset');
  // pandas 1.5.3 returns an empty frame before it checks the subset's labels.
  if (self.rowCount() === 0) return b.bool('ignore_index', false) ? new DataFrame(self.names, self.cols, RowIndex.range(0)) : self.take([]);
  const positions = subset.length ? subset.map((s) => self.requireColumn(s, site, 'subset')) : self.cols.map((_, i) => i);
  const dup = duplicatedMask(positions.map((p) => self.cols[p]), keepArg(b));
  const keep: number[] = [];
  for (let i = 0; i < dup.length; i++) if (!dup[i]) keep.push(i);
  let r = self.take(keep);
  if (b.bool('ignore_index', false)) r = new DataFrame(r.names, r.cols, RowIndex.range(r.rowCount()));
  return r;
}

export function astypeFrame(self: DataFrame, b: BoundArgs, site: CallSite): DataFrame {
  const d = b.get('dtype')!;
  if (d instanceof PyDict) {
    for (const k of d.keys()) if (!self.hasColumn(k)) throw new DftablesError('DT201', 'Only a column name can be used for the key in a dtype mappings argument. ' + `'${pyStr(k)}' not found in columns.`, { pos: site.locate(k, 0) });
    const cols = self.cols.map((c, i) => {
      const label = self.names[i];
      if (!d.has(label)) return c;
      const spec = parseDtypeArg(d.get(label)!);
      if (!spec) throw new DftablesError('DT204', `data type ${pyRepr(d.get(label)!)} not understood`);
      return astypeColumn(c, spec.dtype, spec.name);
    });
    return new DataFrame([...self.names], cols, self.index);
  }
  const spec = dtypeArg(b);
  return new DataFrame([...self.names], self.cols.map((c) => astypeColumn(c, spec.dtype, spec.name)), self.index);
}

export function roundFrame(self: DataFrame, b: BoundArgs): DataFrame {
  const d = b.get('decimals') ?? 0n;
  const decimalsFor = (label: PyValue): number | undefined => {
    if (d instanceof PyDict) {
      const v = d.get(label);
      return v === undefined ? undefined : Number(v);
    }
    if (d instanceof Series) {
      const p = d.index.positions().map.get(valueKey(label));
      return p === undefined ? undefined : Number(cellAt(d.col, p));
    }
    if (typeof d === 'bigint') return Number(d);
    throw new PyTypeError('decimals must be an integer, a dict-like or a Series');
  };
  // DataFrame.round rounds float and int columns (ints only change for negative decimals); others are left alone.
  const cols = self.cols.map((c, i) => {
    const dec = decimalsFor(self.names[i]);
    if (dec === undefined || (c.dtype !== 'float64' && c.dtype !== 'int64')) return c;
    return roundColumn(c, dec);
  });
  return new DataFrame([...self.names], cols, self.index);
}

export function whereFrame(self: DataFrame, b: BoundArgs, invert: boolean): DataFrame {
  const cond = b.get('cond');
  const other = b.get('other');
  if (!(cond instanceof DataFrame)) throw new DftablesError('DT212', 'DataFrame.where with a condition that is not a DataFrame is not supported by dftables');
  const cols = self.cols.map((c, j) => {
    const p = cond.colPos(self.names[j]);
    const cells = cellsOf(c).slice();
    let changed = false;
    for (let r = 0; r < cells.length; r++) {
      const ok = p >= 0 && cellAt(cond.cols[p], r) === true;
      if (ok === invert) {
        cells[r] = other === undefined ? NaN : other;
        changed = true;
      }
    }
    if (!changed) return c;
    const inferred = inferColumn(cells);
    return c.dtype === 'object' ? objCol(cells) : c.dtype === 'float64' && inferred.dtype === 'int64' ? floatCol(inferred.data as Float64Array) : inferred;
  });
  return new DataFrame([...self.names], cols, self.index);
}
