/** Row iteration and export: iterrows, itertuples, to_dict. */
import { DftablesError } from '../errors.js';
import { closest } from '../diagnostics/suggest.js';
import { pyRepr, pyStr } from '../python/pyStr.js';
import { PyDict, PyList, PyObject, PyTuple, PyTypeError, type PyValue } from '../python/values.js';
import type { BoundArgs } from './args.js';
import { DataFrame } from './dataframe.js';
import { cellAt, cellsOf, inferColumn, objCol } from './dtypes.js';
import { RowIndex } from './index.js';
import { Series } from './series.js';
import { rowColumn } from './locIndexer.js';

/** A row of itertuples(): positional like a tuple, fields by name like pandas' namedtuple. */
export class RowTuple extends PyObject {
  readonly typeName = 'Pandas';
  constructor(
    private readonly fields: string[],
    private readonly values: PyValue[],
  ) {
    super();
  }
  override getAttr(name: string): PyValue {
    const i = this.fields.indexOf(name);
    if (i < 0) {
      const guess = closest(name, this.fields);
      throw new DftablesError('DT202', `'Pandas' object has no attribute '${name}'` + (guess ? `; did you mean '${guess}'?` : ''));
    }
    return this.values[i];
  }
  override attrNames(): string[] {
    return this.fields;
  }
  override getItem(key: PyValue): PyValue {
    if (typeof key !== 'bigint') throw new PyTypeError('tuple indices must be integers or slices, not ' + (typeof key === 'string' ? 'str' : typeof key));
    const i = Number(key) < 0 ? this.values.length + Number(key) : Number(key);
    if (i < 0 || i >= this.values.length) throw new DftablesError('DT209', 'tuple index out of range');
    return this.values[i];
  }
  override iter(): PyValue[] {
    return [...this.values];
  }
  override len(): number {
    return this.values.length;
  }
  override repr(): string {
    return `Pandas(${this.fields.map((f, i) => `${f}=${pyRepr(this.values[i])}`).join(', ')})`;
  }
}

export function itertuples(self: DataFrame, b: BoundArgs): PyValue {
  const withIndex = b.bool('index', true);
  const name = b.get('name');
  if (name !== undefined && name !== 'Pandas') throw b.notSupported('name');
  const keywords = new Set(['False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'raise', 'return', 'try', 'while', 'with', 'yield']);
  const raw = [...(withIndex ? ['Index'] : []), ...self.names.map((n) => pyStr(n))];
  // namedtuple(rename=True): invalid or repeated names become _<position>.
  const fields = raw.map((f, i) => (/^[A-Za-z][A-Za-z0-9_]*$/.test(f) && !keywords.has(f) && raw.indexOf(f) === i ? f : `_${i}`));
  const rows: PyValue[] = [];
  for (let r = 0; r < self.rowCount(); r++) {
    const vals = self.cols.map((c) => cellAt(c, r));
    rows.push(new RowTuple(fields, withIndex ? [self.index.labelAt(r), ...vals] : vals));
  }
  return new PyList(rows);
}

export function iterrows(self: DataFrame): PyValue {
  const labels = RowIndex.fromLevels([self.names.length ? inferColumn(self.names) : objCol([])], [self.columnsName]);
  const rows: PyValue[] = [];
  for (let r = 0; r < self.rowCount(); r++) {
    const cells = self.cols.map((c) => cellAt(c, r));
    rows.push(new PyTuple([self.index.labelAt(r), new Series(rowColumn(self.cols, cells), labels, self.index.labelAt(r))]));
  }
  return new PyList(rows);
}

export function toDict(self: DataFrame, b: BoundArgs): PyValue {
  const orient = b.str('orient', 'dict');
  const n = self.rowCount();
  switch (orient) {
    case 'dict':
      return PyDict.from(
        self.names.map((nm, j) => {
          const d = new PyDict();
          for (let r = 0; r < n; r++) d.set(self.index.labelAt(r), cellAt(self.cols[j], r));
          return [nm, d];
        }),
      );
    case 'list':
      return PyDict.from(self.names.map((nm, j) => [nm, new PyList(cellsOf(self.cols[j]).slice())]));
    case 'records': {
      const rows: PyValue[] = [];
      for (let r = 0; r < n; r++) rows.push(PyDict.from(self.names.map((nm, j) => [nm, cellAt(self.cols[j], r)])));
      return new PyList(rows);
    }
    case 'index': {
      const d = new PyDict();
      for (let r = 0; r < n; r++) d.set(self.index.labelAt(r), PyDict.from(self.names.map((nm, j) => [nm, cellAt(self.cols[j], r)])));
      return d;
    }
  }
  throw b.invalid('orient', `orient '${orient}' not understood`, 'DT208');
}
