/**
 * pd.concat: frames stacked (axis=0: union of columns in order of appearance, missing parts
 * NaN with pandas' upcasting; indexes concatenated unless ignore_index) or side by side (axis=1,
 * rows aligned on the union of labels in order of appearance). Series stack into a Series.
 */
import { DftablesError } from '../errors.js';
import { PyDict, PyList, PyTuple, type CallSite, type Kwargs, type PyValue, type Runtime } from '../python/values.js';
import { bindArgs } from './args.js';
import type { Column, DType, Label } from './column.js';
import { colLength, concatColumns, inferColumn, isNA, isWideInt, naColumn, objCol, upcastColumn } from './dtypes.js';
import { DataFrame } from './dataframe.js';
import { RowIndex, valueKey } from './index.js';
import { Series } from './series.js';
import { getIndexer } from './align.js';
import { takeColumn } from './dtypes.js';

/** find_common_type as pandas' concat applies it: bool with int stays int64, bool with anything else object. */
function concatDtype(dtypes: DType[]): DType {
  const set = new Set(dtypes);
  if (set.size === 1) return dtypes[0];
  if (set.has('object')) return 'object';
  if (set.has('bool')) return set.size === 2 && set.has('int64') ? 'int64' : 'object';
  return 'float64';
}

/** Stacks columns; `present` marks which parts are real (missing parts are NaN placeholders). */
function stack(parts: Column[], present: boolean[]): Column {
  const real = parts.filter((_, i) => present[i]).map((c) => c.dtype);
  const anyMissing = present.some((p) => !p);
  let dtype = concatDtype(real);
  if (anyMissing) {
    if (dtype === 'int64') dtype = 'float64';
    else if (dtype === 'bool') dtype = 'object';
  }
  if (dtype === 'int64' && real.includes('bool')) {
    return { dtype: 'int64', data: Float64Array.from(parts.flatMap((c) => Array.from(c.data as ArrayLike<number>))) };
  }
  const converted = parts.map((c) => {
    if (c.dtype === dtype) return c;
    if (dtype === 'object') return upcastColumn(c, 'object');
    return upcastColumn(c, dtype);
  });
  return concatColumns(converted);
}

/** Is this part all missing (or empty)? pandas' JoinUnit.is_na: only float and object parts can be. */
function isNaPart(c: Column): boolean {
  if (c.dtype === 'float64') {
    for (let i = 0; i < c.data.length; i++) if (c.data[i] === c.data[i]) return false;
    return true;
  }
  if (c.dtype === 'object') return !c.nullable && c.data.every((v) => isNA(v));
  return false;
}

/** numpy's result dtype for np.concatenate (bools count as numbers; any object makes object). */
function numpyConcatDtype(dtypes: DType[]): DType {
  if (dtypes.includes('object')) return 'object';
  if (dtypes.includes('float64')) return 'float64';
  if (dtypes.includes('int64')) return 'int64';
  return 'bool';
}

/** pandas' find_common_type: like numpy, except that bool with int or float is object. */
function findCommonType(dtypes: DType[]): DType {
  const set = new Set(dtypes);
  if (set.size === 1) return dtypes[0];
  if (set.has('object')) return 'object';
  if (set.has('bool')) return 'object';
  return 'float64';
}

function concatAs(parts: Column[], dtype: DType): Column {
  if (dtype === 'int64' || dtype === 'bool') {
    const data = Float64Array.from(parts.flatMap((c) => Array.from(c.data as ArrayLike<number>)));
    return dtype === 'int64' ? { dtype: 'int64', data } : { dtype: 'bool', data: Uint8Array.from(data) };
  }
  return concatColumns(parts.map((c) => upcastColumn(c, dtype)));
}

/**
 * One column of a DataFrame concat, as pandas 1.5.3's concatenate_managers builds it. Parts whose
 * dtype is the first part's (or bool/int after a numeric first part) and that are not all-NaN are
 * simply np.concatenate'd (float then bool gives float, 1.0/0.0). Otherwise
 * _concatenate_join_units: the dtype is find_common_type over the parts that are not all-NaN or
 * empty (missing columns make int float and bool object); when it is bool, or int without
 * missing columns, the parts are concatenated as they are (bool then an all-NaN float column
 * gives float64); else all-NaN parts become NaN of that dtype, bools become objects, and numpy
 * concatenates the rest. Wide ints and nullable columns keep the simpler rules of `stack`.
 */
function stackFrameColumn(parts: Column[], present: boolean[]): Column {
  if (parts.length < 2 || parts.some((c) => isWideInt(c) || (c.dtype === 'object' && c.nullable))) return stack(parts, present);
  const na = parts.map((c, i) => !present[i] || isNaPart(c));
  const first = parts[0].dtype;
  const numeric = (d: DType) => d === 'bool' || d === 'int64' || d === 'float64';
  if (!na.some(Boolean)) {
    if (parts.every((c) => c.dtype === 'object')) return concatColumns(parts);
    if (numeric(first) && parts.every((c) => c.dtype === first || c.dtype === 'bool' || c.dtype === 'int64')) {
      return concatAs(parts, numpyConcatDtype(parts.map((c) => c.dtype)));
    }
  }
  const anyVoid = present.some((p) => !p);
  let dtypes = parts.filter((_, i) => !na[i]).map((c) => c.dtype);
  if (!dtypes.length) dtypes = parts.filter((_, i) => present[i]).map((c) => c.dtype);
  let empty = findCommonType(dtypes);
  if (anyVoid) {
    if (empty === 'int64') empty = 'float64';
    else if (empty === 'bool') empty = 'object';
  }
  if (empty === 'bool' || (empty === 'int64' && !anyVoid)) return concatAs(parts, numpyConcatDtype(parts.map((c) => c.dtype)));
  const values = parts.map((c, i) => {
    // An all-None object part keeps None (JoinUnit.get_reindexed_values), anything else NaN.
    if (na[i]) return empty === 'object' ? objCol(new Array<PyValue>(colLength(c)).fill(present[i] && c.dtype === 'object' && c.data[0] === null ? null : NaN)) : naColumn(colLength(c));
    return c.dtype === 'bool' ? upcastColumn(c, 'object') : c;
  });
  return concatAs(values, numpyConcatDtype(values.map((c) => c.dtype)));
}

/**
 * Series stacked: pandas' concat_compat, i.e. np.concatenate of the non-empty parts, so bool with
 * int or float gives numbers (pandas only warns). When every part is empty, a mix other than
 * numbers alone or bool/int alone is object.
 */
function stackSeries(parts: Column[]): Column {
  if (parts.length < 2 || parts.some((c) => isWideInt(c) || (c.dtype === 'object' && c.nullable))) return stack(parts, parts.map(() => true));
  const nonEmpty = parts.filter((c) => colLength(c) > 0);
  const used = nonEmpty.length ? nonEmpty : parts;
  const kinds = new Set(used.map((c) => c.dtype));
  const dtype = !nonEmpty.length && kinds.has('bool') && kinds.has('float64') ? 'object' : numpyConcatDtype([...kinds]);
  return concatAs(used, dtype);
}

/** Frames stacked on top of each other (pd.concat with axis=0), for append and row enlargement. */
export function stackFrames(frames: DataFrame[], ignoreIndex: boolean): DataFrame {
  const used = frames.filter((f) => f.names.length > 0 || f.rowCount() > 0);
  const parts = used.length ? used : frames;
  const names: Label[] = [];
  const seen = new Set<unknown>();
  for (const f of parts) {
    for (const nm of f.names) {
      const key = valueKey(nm);
      if (!seen.has(key)) {
        seen.add(key);
        names.push(nm);
      }
    }
  }
  const total = parts.reduce((a, f) => a + f.rowCount(), 0);
  const cols = names.map((nm) => {
    const pieces: Column[] = [];
    const present: boolean[] = [];
    for (const f of parts) {
      const p = f.colPos(nm);
      pieces.push(p >= 0 ? f.cols[p] : naColumn(f.rowCount()));
      present.push(p >= 0);
    }
    return stackFrameColumn(pieces, present);
  });
  return new DataFrame(names, cols, ignoreIndex ? RowIndex.range(total) : RowIndex.concat(parts.map((f) => f.index)));
}

export function concatObjects(args: PyValue[], kwargs: Kwargs, site: CallSite, rt: Runtime): PyValue {
  const b = bindArgs(
    {
      name: 'concat',
      positional: ['objs', 'axis', 'join', 'ignore_index', 'keys', 'levels', 'names', 'verify_integrity', 'sort', 'copy'],
      required: ['objs'],
    },
    args,
    kwargs,
    site,
  );
  const objsArg = b.get('objs')!;
  let objs: PyValue[];
  let keys: PyValue[] | undefined;
  if (objsArg instanceof PyList || objsArg instanceof PyTuple) objs = [...objsArg.items];
  else if (objsArg instanceof PyDict) {
    keys = objsArg.keys();
    objs = objsArg.values();
  } else if (objsArg instanceof Series || objsArg instanceof DataFrame) {
    throw new DftablesError('DT204', `first argument must be an iterable of pandas objects, you passed an object of type "${objsArg.typeName}"`, {
      hint: 'Put the frames in a list: pd.concat([a, b]).',
    });
  } else objs = objsArg && typeof objsArg === 'object' && 'iter' in objsArg ? objsArg.iter(site, rt) : [];
  const k = b.get('keys');
  if (k instanceof PyList || k instanceof PyTuple) keys = [...k.items];
  const keep = objs.map((o, i) => [o, i] as const).filter(([o]) => o !== null);
  if (keys) keys = keep.map(([, i]) => keys![i]);
  objs = keep.map(([o]) => o);
  if (!objs.length) throw new DftablesError('DT208', 'No objects to concatenate');
  for (const o of objs) {
    if (!(o instanceof DataFrame) && !(o instanceof Series)) {
      throw new DftablesError('DT204', `cannot concatenate object of type '${o === null ? 'NoneType' : typeof o === 'object' && 'typeName' in o ? `<class '${(o as { typeName: string }).typeName}'>` : typeof o}'; only Series and DataFrame objs are valid`);
    }
  }
  const axis = b.get('axis') ?? 0n;
  const axis1 = axis === 1n || axis === 'columns';
  if (!axis1 && axis !== 0n && axis !== 'index') throw b.invalid('axis', `No axis named ${String(axis)} for object type DataFrame`, 'DT208');
  const join = b.str('join', 'outer');
  if (join !== 'outer' && join !== 'inner') throw b.invalid('join', 'Only can inner (intersect) or outer (union) join the other axis', 'DT208');
  const ignoreIndex = b.bool('ignore_index', false);
  const sort = b.bool('sort', false);
  if (axis1) return concatColumnsWise(objs as (DataFrame | Series)[], join, ignoreIndex);
  if (objs.every((o) => o instanceof Series)) {
    const ss = objs as Series[];
    const col = stackSeries(ss.map((s) => s.col));
    const name = ss.every((s) => valueKey(s.name) === valueKey(ss[0].name)) ? ss[0].name : null;
    return new Series(col, ignoreIndex ? RowIndex.range(colLength(col)) : stackIndex(ss.map((s) => s.index), keys), name);
  }
  if (objs.some((o) => o instanceof Series)) {
    throw new DftablesError('DT212', 'pd.concat of DataFrames with Series is not supported by dftables', { hint: 'Turn the Series into a frame first: s.to_frame().' });
  }
  const frames = (objs as DataFrame[]).filter((f) => f.names.length > 0 || f.rowCount() > 0);
  const used = frames.length ? frames : (objs as DataFrame[]);
  let names: Label[] = [];
  const seen = new Set<unknown>();
  for (const f of used) {
    for (const nm of f.names) {
      const key = valueKey(nm);
      if (!seen.has(key)) {
        seen.add(key);
        names.push(nm);
      }
    }
  }
  // pandas reindexes each frame to the combined columns; a frame with repeated labels cannot be
  // (InvalidIndexError), unless every frame already has exactly the same columns.
  const sameColumns = used.every((f) => f.names.length === used[0].names.length && f.names.every((nm, i) => valueKey(nm) === valueKey(used[0].names[i])));
  if (!sameColumns && used.some((f) => new Set(f.names.map(valueKey)).size < f.names.length)) {
    throw new DftablesError('DT208', 'Reindexing only valid with uniquely valued Index objects', {
      hint: 'The frames have repeated column names; rename them (e.g. merge suffixes) before pd.concat.',
    });
  }
  if (join === 'inner') names = names.filter((nm) => used.every((f) => f.hasColumn(nm)));
  if (sort) names = sortLabels(names);
  const total = used.reduce((a, f) => a + f.rowCount(), 0);
  if (total * names.length > rt.limits.maxCells) throw new DftablesError('DT305', `the concatenated table would exceed ${rt.limits.maxCells} cells`);
  // Identical column lists are stacked position by position (repeated labels stay repeated).
  if (sameColumns && !sort) names = [...used[0].names];
  const cols = names.map((nm, j) => {
    const parts: Column[] = [];
    const present: boolean[] = [];
    for (const f of used) {
      const p = sameColumns && !sort ? j : f.colPos(nm);
      parts.push(p >= 0 ? f.cols[p] : naColumn(f.rowCount()));
      present.push(p >= 0);
    }
    return stackFrameColumn(parts, present);
  });
  const index = ignoreIndex ? RowIndex.range(total) : stackIndex(used.map((f) => f.index), keys);
  return new DataFrame(names, cols, index);
}

function stackIndex(parts: RowIndex[], keys: PyValue[] | undefined): RowIndex {
  const idx = RowIndex.concat(parts);
  if (!keys) return idx;
  const outer: PyValue[] = [];
  parts.forEach((p, i) => {
    for (let r = 0; r < p.length; r++) outer.push(keys[i] ?? null);
  });
  return RowIndex.fromLevels([inferColumn(outer), ...idx.levels], [null, ...idx.names]);
}

function sortLabels(names: Label[]): Label[] {
  return [...names].sort((a, b) => {
    if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
    return String(a) < String(b) ? -1 : 1;
  });
}

/** axis=1: columns side by side, rows aligned on the union (or intersection) of the labels. */
function concatColumnsWise(objs: (DataFrame | Series)[], join: string, ignoreIndex: boolean): DataFrame {
  const frames = objs.map((o, i) => (o instanceof Series ? new DataFrame([o.name === null ? BigInt(i) : o.name], [o.col], o.index) : o));
  let index = frames[0].index;
  const same = frames.every((f) => f.index.equals(index));
  if (!same) {
    const keys = new Map<unknown, [number, number]>();
    const order: [number, number][] = [];
    frames.forEach((f, fi) => {
      for (let r = 0; r < f.rowCount(); r++) {
        const kk = f.index.keyAt(r);
        if (!keys.has(kk)) {
          keys.set(kk, [fi, r]);
          order.push([fi, r]);
        }
      }
    });
    let chosen = order;
    if (join === 'inner') chosen = order.filter(([fi, r]) => frames.every((f) => f.index.positions().map.has(frames[fi].index.keyAt(r))));
    const levels = frames[0].index.levels.map((_, l) => {
      const vals = chosen.map(([fi, r]) => {
        const lab = frames[fi].index.levels[l];
        return lab.dtype === 'object' ? lab.data[r] : (lab.data as ArrayLike<number>)[r];
      });
      const c = inferColumn(vals.map((v) => (typeof v === 'number' && frames[0].index.levels[l].dtype === 'int64' ? BigInt(v) : v)));
      return c;
    });
    index = RowIndex.fromLevels(levels, frames[0].index.names);
  }
  const names: Label[] = [];
  const cols: Column[] = [];
  for (const f of frames) {
    const idx = same ? null : getIndexer(f.index, index);
    f.names.forEach((nm, j) => {
      names.push(nm);
      cols.push(idx ? takeColumn(f.cols[j], idx) : f.cols[j]);
    });
  }
  return new DataFrame(names, cols, ignoreIndex ? RowIndex.range(index.length) : index);
}
