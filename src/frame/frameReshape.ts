/** DataFrame methods that change columns, rows or labels: drop, rename, reset_index, set_index, reindex, insert, append, filter, select_dtypes. */
import { DftablesError } from '../errors.js';
import { closest } from '../diagnostics/suggest.js';
import { pyRepr, pyStr } from '../python/pyStr.js';
import { PyDict, PyList, PyObject, PyTuple, PyTypeError, type CallSite, type PyValue, type Runtime } from '../python/values.js';
import { listOrScalar, type BoundArgs } from './args.js';
import type { Column, Label } from './column.js';
import { DataFrame } from './dataframe.js';
import { cellAt, floatCol, fullColumn, inferColumn, objCol } from './dtypes.js';
import { rowColumn } from './locIndexer.js';
import { RowIndex, valueKey } from './index.js';
import { PdIndex } from './pdIndex.js';
import { compilePyRegex } from './pyRegex.js';
import { Series } from './series.js';
import { indexColumns } from './seriesMethods.js';
import { stackFrames } from './concat.js';
import { axisIsColumns, labelsArg } from './frameArgs.js';

export function dropFrame(self: DataFrame, b: BoundArgs, site: CallSite): DataFrame {
  let cols = labelsArg(b, 'columns');
  let rows = labelsArg(b, 'index');
  const labels = labelsArg(b, 'labels');
  if (labels.length) {
    if (axisIsColumns(b)) cols = [...cols, ...labels];
    else rows = [...rows, ...labels];
  }
  const errors = b.str('errors', 'raise');
  let df = self;
  if (cols.length) {
    const missing = cols.filter((c) => !self.hasColumn(c));
    if (missing.length && errors === 'raise') {
      const arg = b.site.kwPos.has('columns') ? 'columns' : b.site.kwPos.has('labels') ? 'labels' : 0;
      const e = self.columnNotFound(missing[0], site, arg);
      throw new DftablesError('DT201', `[${missing.map(pyRepr).join(', ')}] not found in axis` + (e.message.includes('did you mean') ? `; did you mean '${closest(pyStr(missing[0]), self.names.filter((n): n is string => typeof n === 'string'))}'?` : ''), { pos: e.pos });
    }
    const drop = new Set(cols.map(valueKey));
    df = df.selectColumns(self.names.map((_, i) => i).filter((i) => !drop.has(valueKey(self.names[i]))));
  }
  if (rows.length) {
    const keys = df.index.keys();
    const have = new Set(keys);
    const missing = rows.filter((r) => !have.has(valueKey(r)));
    if (missing.length && errors === 'raise') throw new DftablesError('DT209', `[${missing.map(pyRepr).join(', ')}] not found in axis`, { pos: site.locate(missing[0], 0) });
    const drop = new Set(rows.map(valueKey));
    const keep: number[] = [];
    keys.forEach((k, i) => {
      if (!drop.has(k)) keep.push(i);
    });
    df = df.take(keep);
  }
  return df;
}

export function renameFrame(self: DataFrame, b: BoundArgs, site: CallSite, rt: Runtime): DataFrame {
  let colMap = b.get('columns');
  let rowMap = b.get('index');
  const mapper = b.get('mapper');
  if (mapper !== undefined && mapper !== null) {
    if (axisIsColumns(b)) colMap = mapper;
    else rowMap = mapper;
  }
  const errors = b.str('errors', 'ignore');
  const rename = (label: PyValue, m: PyValue): PyValue => {
    if (m instanceof PyDict) return m.has(label) ? m.get(label)! : label;
    if (m instanceof Series) {
      const p = m.index.positions().map.get(valueKey(label));
      return p === undefined ? label : cellAt(m.col, p);
    }
    return rt.call(m, [label]);
  };
  let names = self.names;
  if (colMap !== undefined && colMap !== null) {
    if (errors === 'raise' && colMap instanceof PyDict) {
      const missing = colMap.keys().filter((k) => !self.hasColumn(k));
      if (missing.length) throw new DftablesError('DT201', `[${missing.map(pyRepr).join(', ')}] not found in axis`, { pos: site.locate(missing[0], 'columns') });
    }
    if (!(colMap instanceof PyDict) && !(colMap instanceof Series) && !(colMap instanceof PyObject && colMap.callable())) {
      throw new PyTypeError(`'${colMap instanceof PyObject ? colMap.typeName : typeof colMap === 'string' ? 'str' : 'list'}' object is not callable`, 'rename(columns=...) takes a dict {old: new} or a function.');
    }
    names = self.names.map((l) => rename(l, colMap!));
  }
  let index = self.index;
  if (rowMap !== undefined && rowMap !== null) {
    const labels: PyValue[] = [];
    for (let i = 0; i < index.length; i++) labels.push(rename(index.labelAt(i), rowMap));
    index = RowIndex.fromLevels([inferColumn(labels)], index.names);
  }
  const df = new DataFrame([...names], [...self.cols], index);
  df.columnsName = self.columnsName;
  return df;
}

export function resetIndexFrame(self: DataFrame, b: BoundArgs): DataFrame {
  if (b.opt('level') !== undefined) throw b.notSupported('level');
  if (b.bool('drop', false)) return new DataFrame([...self.names], [...self.cols], RowIndex.range(self.rowCount()));
  if (self.index.isRange && self.index.start === 0 && self.index.names[0] === null) {
    // still writes the 'index' column, as pandas does
  }
  const { names, cols } = indexColumns(self.index, self.names);
  return new DataFrame([...names, ...self.names], [...cols, ...self.cols], RowIndex.range(self.rowCount()));
}

export function setIndexFrame(self: DataFrame, b: BoundArgs, site: CallSite): DataFrame {
  const keys = labelsArg(b, 'keys');
  const drop = b.bool('drop', true);
  const append = b.bool('append', false);
  const levels: Column[] = [];
  const names: Label[] = [];
  const dropPos = new Set<number>();
  for (const k of keys) {
    if (k instanceof Series) {
      levels.push(k.col);
      names.push(k.name);
      continue;
    }
    const p = self.requireColumn(k, site, 'keys');
    levels.push(self.cols[p]);
    names.push(self.names[p]);
    if (drop) dropPos.add(p);
  }
  const keep = self.names.map((_, i) => i).filter((i) => !dropPos.has(i));
  const base = self.selectColumns(keep);
  const index = append ? RowIndex.fromLevels([...self.index.levels, ...levels], [...self.index.names, ...names]) : RowIndex.fromLevels(levels, names);
  return new DataFrame(base.names, base.cols, index);
}

export function reindexFrame(self: DataFrame, b: BoundArgs): DataFrame {
  const columns = b.get('columns');
  if (b.opt('index') !== undefined || (b.opt('labels') !== undefined && !axisIsColumns(b))) throw new DftablesError('DT212', 'reindexing rows is not supported by dftables');
  const labels = columns instanceof PdIndex ? columns.labels() : listOrScalar(columns ?? b.get('labels') ?? new PyList([]));
  const fill = b.get('fill_value');
  const n = self.rowCount();
  return new DataFrame(
    labels,
    labels.map((l) => {
      const p = self.colPos(l);
      return p >= 0 ? self.cols[p] : fill === undefined || fill === null ? floatCol(new Float64Array(n).fill(NaN)) : fullColumn(fill, n);
    }),
    self.index,
  );
}

export function insertColumn(self: DataFrame, b: BoundArgs, site: CallSite, rt: Runtime): PyValue {
  const loc = b.int('loc', 0);
  const column = b.get('column')!;
  if (self.hasColumn(column) && !b.bool('allow_duplicates', false)) {
    throw new DftablesError('DT208', `cannot insert ${pyStr(column)}, already exists`);
  }
  if (loc < 0 || loc > self.names.length) throw new DftablesError('DT209', `index ${loc} is out of bounds for axis 0 with size ${self.names.length}`);
  const col = self.toColumn(b.get('value')!, site, rt, column);
  self.names.splice(loc, 0, column);
  self.cols.splice(loc, 0, col);
  return null;
}

/** DataFrame.append (deprecated in 1.4, still in 1.5.3): pd.concat of the frame and the rows. */
export function appendFrame(self: DataFrame, b: BoundArgs, site: CallSite, rt: Runtime): DataFrame {
  const other = b.get('other')!;
  const ignore = b.bool('ignore_index', false);
  let frames: DataFrame[];
  const fromDict = (d: PyDict) => new DataFrame(d.keys(), d.values().map((v) => inferColumn([v])), RowIndex.range(1));
  if (other instanceof DataFrame) frames = [other];
  else if (other instanceof PyDict || other instanceof Series) {
    if (!ignore && other instanceof PyDict) throw new PyTypeError('Can only append a dict if ignore_index=True');
    if (other instanceof Series) {
      const labels = Array.from({ length: other.index.length }, (_, i) => other.index.labelAt(i));
      const row = new DataFrame(labels, labels.map((_, i) => inferColumn([cellAt(other.col, i)])), RowIndex.fromLevels([inferColumn([other.name])], [null]));
      if (!ignore && other.name === null) throw new PyTypeError('Can only append a Series if ignore_index=True or if the Series has a name');
      frames = [row];
    } else frames = [fromDict(other)];
  } else if (other instanceof PyList || other instanceof PyTuple) {
    frames = other.items.map((x) => {
      if (x instanceof DataFrame) return x;
      if (x instanceof PyDict) {
        if (!ignore) throw new PyTypeError('Can only append a dict if ignore_index=True');
        return fromDict(x);
      }
      throw new PyTypeError(`cannot concatenate object of type '${x instanceof PyObject ? x.typeName : typeof x}'; only Series and DataFrame objs are valid`);
    });
  } else throw new PyTypeError(`cannot concatenate object of type '${other instanceof PyObject ? other.typeName : typeof other}'; only Series and DataFrame objs are valid`);
  void site;
  void rt;
  return stackFrames([self, ...frames], ignore);
}

export function filterFrame(self: DataFrame, b: BoundArgs): DataFrame {
  const items = b.get('items');
  const like = b.str('like');
  const regex = b.str('regex');
  const given = [items !== undefined && items !== null, like !== undefined, regex !== undefined].filter(Boolean).length;
  if (given !== 1) throw new PyTypeError('Keyword arguments `items`, `like`, or `regex` are mutually exclusive');
  if (axisIsColumns(b) === false && b.has('axis') && b.get('axis') !== 1n && b.get('axis') !== 'columns') throw b.notSupported('axis');
  if (items !== undefined && items !== null) {
    const want = listOrScalar(items);
    return self.selectColumns(want.map((w) => self.colPos(w)).filter((p) => p >= 0));
  }
  if (like !== undefined) return self.selectColumns(self.names.map((n, i) => [pyStr(n), i] as const).filter(([n]) => n.includes(like)).map(([, i]) => i));
  const re = compilePyRegex(regex!);
  return self.selectColumns(self.names.map((n, i) => [pyStr(n), i] as const).filter(([n]) => re.test(n)).map(([, i]) => i));
}

export function selectDtypes(self: DataFrame, b: BoundArgs): DataFrame {
  const norm = (v: PyValue | undefined): Set<string> | undefined => {
    if (v === undefined || v === null) return undefined;
    const out = new Set<string>();
    for (const x of listOrScalar(v)) {
      const name = typeof x === 'string' ? x : x instanceof PyObject ? (/^<class '(?:numpy\.)?(\w+)'>$/.exec(x.repr())?.[1] ?? x.repr()) : pyStr(x);
      if (name === 'number' || name === 'numeric') ['int64', 'float64'].forEach((d) => out.add(d));
      else if (name === 'object' || name === 'O' || name === 'str') out.add('object');
      else if (name === 'int' || name === 'int64' || name === 'integer') out.add('int64');
      else if (name === 'float' || name === 'float64' || name === 'floating') out.add('float64');
      else if (name === 'bool') out.add('bool');
      else throw new DftablesError('DT212', `select_dtypes(${pyRepr(x)}) is not supported by dftables`);
    }
    return out;
  };
  const inc = norm(b.get('include'));
  const exc = norm(b.get('exclude'));
  if (!inc && !exc) throw new DftablesError('DT208', 'at least one of include or exclude must be nonempty');
  return self.selectColumns(
    self.cols
      .map((c, i) => [c.dtype, i] as const)
      .filter(([d]) => (!inc || inc.has(d)) && (!exc || !exc.has(d)))
      .map(([, i]) => i),
  );
}

/** DataFrame.T: rows become columns; every new column has the frame's interleaved dtype. */
export function transposeFrame(df: DataFrame): DataFrame {
  const n = df.rowCount();
  const names: PyValue[] = [];
  const cols: Column[] = [];
  for (let r = 0; r < n; r++) {
    names.push(df.index.labelAt(r));
    cols.push(rowColumn(df.cols, df.cols.map((c) => cellAt(c, r))));
  }
  const labels = df.names.length ? inferColumn(df.names) : objCol([]);
  const out = new DataFrame(names, cols, RowIndex.fromLevels([labels], [df.columnsName]));
  out.columnsName = df.index.names[0] ?? null;
  return out;
}
