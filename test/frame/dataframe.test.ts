import { describe, expect, it } from 'vitest';
import { DftablesError } from '../../src/errors.js';
import { PyList, PyObject, PySlice, PyTuple } from '../../src/python/values.js';
import { DataFrame, Series } from '../../src/frame/modules.js';
import { callMethod, csv, frame, list, runtime, site } from './helpers.js';

function err(f: () => unknown): DftablesError {
  try {
    f();
  } catch (e) {
    if (e instanceof DftablesError) return e;
    throw e;
  }
  throw new Error('no error');
}

const make = () => frame({ Model: ['a', 'b', 'c'], 'Throughput (/sec)': [1n, 2n, 3n] }) as DataFrame;

describe('column access', () => {
  it('df[col] is a Series named after the column', () => {
    const s = make().getItem('Model', site(), runtime()) as Series;
    expect(s).toBeInstanceOf(Series);
    expect(s.name).toBe('Model');
  });
  it('an unknown column is DT201 with a did-you-mean at the label', () => {
    const st = site();
    const e = err(() => make().getItem('Throughput (/sec', st, runtime()));
    expect(e.code).toBe('DT201');
    expect(e.message).toBe("column 'Throughput (/sec' not found; did you mean 'Throughput (/sec)'?");
    expect(e.pos).toEqual({ line: 9, col: 99 });
    expect(st.located[0].value).toBe('Throughput (/sec');
  });
  it('df[[a, b]] points at the missing element', () => {
    const st = site();
    err(() => make().getItem(list('Model', 'Modle'), st, runtime()));
    expect(st.located[0].value).toBe('Modle');
  });
  it('df.col reads a column as an attribute', () => {
    expect((make().getAttr('Model', site(), runtime()) as Series).name).toBe('Model');
  });
  it('an unknown method is DT202 with a did-you-mean', () => {
    const e = err(() => make().getAttr('sort_value', site(), runtime()));
    expect(e.code).toBe('DT202');
    expect(e.message).toBe("'DataFrame' object has no attribute 'sort_value'; did you mean 'sort_values'?");
  });
  it('a real but unsupported pandas method is DT212', () => {
    const e = err(() => make().getAttr('pivot_table', site(), runtime()));
    expect(e.code).toBe('DT212');
    expect(e.message).toContain('pivot_table');
  });
  it('an unknown keyword is DT203 at the keyword', () => {
    const e = err(() => callMethod(make(), 'sort_values', ['Model'], { ascend: false }));
    expect(e.code).toBe('DT203');
    expect(e.message).toBe("sort_values() got an unexpected keyword argument 'ascend'; did you mean 'ascending'?");
    expect(e.pos).toEqual({ line: 2, col: 10 });
  });
});

describe('assignment', () => {
  it('broadcasts a scalar', () => {
    const df = make();
    df.setItem('k', 'x', site(), runtime());
    expect(csv(df)).toBe('Model,Throughput (/sec),k\na,1,x\nb,2,x\nc,3,x\n');
  });
  it('aligns a Series on the index (missing labels -> NaN)', () => {
    const df = make();
    const s = callMethod(df.getItem('Throughput (/sec)', site(), runtime()), 'tail', [2n]);
    df.setItem('t', s, site(), runtime());
    expect(csv(df)).toBe('Model,Throughput (/sec),t\na,1,\nb,2,2.0\nc,3,3.0\n');
  });
  it('refuses a list of the wrong length', () => {
    expect(err(() => make().setItem('t', list(1n), site(), runtime())).message).toBe('Length of values (1) does not match length of index (3)');
  });
  it('df[[a, b]] = frame assigns column by column', () => {
    const df = make();
    const other = frame({ p: [7n, 8n, 9n], q: ['x', 'y', 'z'] });
    df.setItem(list('Model', 'new'), other, site(), runtime());
    expect(csv(df)).toBe('Model,Throughput (/sec),new\n7,1,x\n8,2,y\n9,3,z\n');
  });
  it('df.columns = [...] renames, with pandas\' length check', () => {
    const df = make();
    df.setAttr('columns', list('x', 'y'), site(), runtime());
    expect(df.columnLabels()).toEqual(['x', 'y']);
    expect(err(() => df.setAttr('columns', list('x'), site(), runtime())).message).toBe('Length mismatch: Expected axis has 2 elements, new values have 1 elements');
  });
  it('a filtered frame is a copy (df[mask][col] = v leaves df alone)', () => {
    const df = make();
    const mask = (df.getItem('Throughput (/sec)', site(), runtime()) as Series).compare('>', 1n, site(), runtime());
    const sub = df.getItem(mask, site(), runtime()) as DataFrame;
    sub.setItem('Model', 'z', site(), runtime());
    expect(csv(df)).toBe('Model,Throughput (/sec)\na,1\nb,2\nc,3\n');
    expect(csv(sub)).toBe('Model,Throughput (/sec)\nz,2\nz,3\n');
  });
  it('an inplace fillna on df[col] writes through to the frame', () => {
    const df = frame({ a: [1.5, NaN] }) as DataFrame;
    callMethod(df.getItem('a', site(), runtime()), 'fillna', [0n], { inplace: true });
    expect(csv(df)).toBe('a\n1.5\n0.0\n');
  });
});

describe('rows', () => {
  it('df[1:] slices rows by position', () => {
    expect(csv(make().getItem(new PySlice(1n, null, null), site(), runtime()))).toBe('Model,Throughput (/sec)\nb,2\nc,3\n');
  });
  it('a bool list of the wrong length is an error', () => {
    expect(err(() => make().getItem(list(true, false), site(), runtime())).message).toBe('Boolean index has wrong length: 2 instead of 3');
  });
  it('len() and shape', () => {
    const df = make();
    expect(df.len()).toBe(3);
    expect((df.getAttr('shape', site(), runtime()) as PyTuple).items).toEqual([3n, 2n]);
  });
  it('iteration yields the column labels', () => expect(make().iter()).toEqual(['Model', 'Throughput (/sec)']));
  it('truth value is ambiguous', () => expect(err(() => make().truthy()).message).toContain('The truth value of a DataFrame is ambiguous'));
});

describe('limits and deadlines', () => {
  it('refuses to build a frame over maxCells (DT305)', () => {
    const rt = runtime({}, { maxCells: 4 });
    expect(err(() => frame({ a: [1n, 2n, 3n], b: [1n, 2n, 3n] }, rt)).code).toBe('DT305');
  });
  it('checks the deadline while mapping a function over rows', () => {
    const rt = runtime();
    const s = make().getItem('Model', site(), rt);
    callMethod(s, 'map', [new (class extends PyObject {
      readonly typeName = 'function';
      override callable() {
        return true;
      }
      override call() {
        return 1n;
      }
    })()], {}, rt);
    expect(rt.deadlineChecks).toBeGreaterThan(0);
  });
});

describe('renderer accessors', () => {
  it('rows() and cell() return Python values', () => {
    const df = make();
    expect(df.rows()).toEqual([['a', 1n], ['b', 2n], ['c', 3n]]);
    expect(df.cell(1, 0)).toBe('b');
    expect(df.rowCount()).toBe(3);
  });
  it('a frame with no columns still writes its rows', () => {
    const df = new DataFrame([], [], make().index);
    expect(df.toCsv()).toBe('\n\n\n\n');
  });
});

void PyList;
