import { beforeEach, describe, expect, it } from 'vitest';
import type { LineMap } from '../../src/directive/types.js';
import { pyRepr } from '../../src/python/pyStr.js';
import type { PyValue } from '../../src/python/values.js';
import { FakeFrame, FakeSeries, calls } from './fakes.js';
import { run, runError, where } from './helpers.js';

function frame(): FakeFrame {
  return new FakeFrame({ Model: ['m1', 'm2', 'm4'], 'Throughput (/sec)': [10, 20, 30], Application: ['CV', 'NLP', 'CV'] });
}

function withDf(code: string, map?: LineMap): Map<string, PyValue> {
  return run(code, { globals: new Map([['df', frame()]]), map }).namespace;
}

function values(v: PyValue | undefined): unknown {
  if (v instanceof FakeSeries) return v.values;
  if (v instanceof FakeFrame) return Object.fromEntries([...v.columns].map(([k, s]) => [k, s.values]));
  return v === undefined ? undefined : pyRepr(v);
}

function errorWithDf(code: string, map?: LineMap): string {
  return where(runError(code, { globals: new Map([['df', frame()]]), map }));
}

beforeEach(() => {
  calls.length = 0;
});

describe('operators on foreign objects', () => {
  it('calls binaryOp on the left operand first', () => {
    const ns = withDf("x = df['Throughput (/sec)'] * 2");
    expect([values(ns.get('x')), calls]).toEqual([[20, 40, 60], ['binaryOp * direct']]);
  });

  it('falls back to the reflected operation on the right operand', () => {
    const ns = withDf("x = 1.0e6 / df['Throughput (/sec)']");
    expect([values(ns.get('x')), calls]).toEqual([[100000, 50000, 1e6 / 30], ['binaryOp / reflected']]);
  });

  it('mirrors a comparison when the object is on the right', () => {
    const ns = withDf("x = 15 < df['Throughput (/sec)']");
    expect([values(ns.get('x')), calls]).toEqual([[false, true, true], ['compare >']]);
  });

  it('combines masks with | and & and inverts with ~', () => {
    const ns = withDf("t = df['Throughput (/sec)']\nx = ~((t >= 30) | (t == 10))");
    expect(values(ns.get('x'))).toEqual([false, true, false]);
  });

  it('raises Python\'s TypeError when neither side handles the operator', () => {
    expect(runError("x = df['Model'] - 'a'", { globals: new Map([['df', frame()]]) }).message).toBe("unsupported operand type(s) for -: 'Series' and 'str'");
  });

  it('puts an operator error at the start of the operation', () => {
    expect(errorWithDf("x = 1\ny = 2 + df['Model'] - 'a'")).toBe('DT204:2:5');
  });

  it('asks the object for its truth value (pandas refuses)', () => {
    expect(errorWithDf("if df['Model'] == 'm1':\n    pass")).toBe('DT204:1:4');
  });

  it('evaluates `and` with the object\'s truth value, at the operand', () => {
    expect(errorWithDf("x = (df['Model'] == 'm1') and True")).toBe('DT204:1:6');
  });

  it('asks the object for membership', () => {
    expect(values(withDf("x = 1 in df['Model']").get('x'))).toBe('True');
  });

  it('iterates a DataFrame as its column labels', () => {
    expect(values(withDf("x = [c for c in df if c != 'Model']").get('x'))).toBe("['Throughput (/sec)', 'Application']");
  });

  it('gets len() from the object', () => {
    expect(values(withDf('x = len(df)').get('x'))).toBe('3');
  });
});

describe('call sites', () => {
  const map: LineMap = { lines: [12], cols: [0] };

  it("puts a column error on the key inside the subscript (the README's example)", () => {
    const e = runError("df = df['Throughput (/sec']", { globals: new Map([['df', frame()]]), map });
    expect(e).toEqual({ code: 'DT201', message: "column 'Throughput (/sec' not found; did you mean 'Throughput (/sec)'?", line: 12, col: 9 });
  });

  it('locates one bad name inside a list key', () => {
    expect(errorWithDf("x = df[['Model', 'Modle']]")).toBe('DT201:1:18');
  });

  it('locates a keyword argument', () => {
    expect(errorWithDf("x = df.sort_values(by='Model', ascend=False)")).toBe('DT203:1:32');
  });

  it('puts an unknown method at the attribute name, with a suggestion', () => {
    const e = runError("x = df.sort_value('Model')", { globals: new Map([['df', frame()]]) });
    expect([where(e), e.message]).toEqual(['DT202:1:8', "'DataFrame' object has no attribute 'sort_value'; did you mean 'sort_values'?"]);
  });

  it('turns a JS exception from foreign code into DT204 at the method', () => {
    const e = runError("x = df['Model'].explode()", { globals: new Map([['df', frame()]]) });
    expect([e.code, e.line, e.col]).toEqual(['DT204', 1, 17]);
  });

  it('sets a column through setItem', () => {
    expect(values(withDf("df['x'] = df['Throughput (/sec)'] * 2\ny = df['x']").get('y'))).toEqual([20, 40, 60]);
  });

  it('passes a (mask, column) tuple to .loc setItem', () => {
    const ns = withDf("df.loc[df['Model'] == 'm4', 'Application'] = 'LLM'");
    expect(values((ns.get('df') as FakeFrame).columns.get('Application'))).toEqual(['CV', 'NLP', 'LLM']);
  });

  it('locates the column inside a .loc key', () => {
    expect(errorWithDf("df.loc[df['Model'] == 'm4', 'Aplication'] = 'LLM'")).toBe('DT201:1:29');
  });

  it('filters with a boolean mask key', () => {
    expect(values(withDf("x = df[df['Model'] != 'm2']['Model']").get('x'))).toEqual(['m1', 'm4']);
  });

  it('applies augmented assignment to a column', () => {
    expect(values(withDf("df['Throughput (/sec)'] += 1\nx = df['Throughput (/sec)']").get('x'))).toEqual([11, 21, 31]);
  });
});

describe('Python callables handed to foreign code', () => {
  it('calls a lambda through rt.call', () => {
    expect(values(withDf("x = df['Throughput (/sec)'].map(lambda v: v / 4)").get('x'))).toEqual([2.5, 5, 7.5]);
  });

  it("calls '{:,.3f}'.format as a function", () => {
    expect(values(withDf("x = (df['Throughput (/sec)'] * 100.5).map('${:,.3f}'.format)").get('x'))).toEqual(['$1,005.000', '$2,010.000', '$3,015.000']);
  });

  it('calls builtin classes and functions', () => {
    expect(values(withDf("x = df['Throughput (/sec)'].map(str).map(len)").get('x'))).toEqual([2, 2, 2]);
  });

  it('calls an f-string lambda with a closure', () => {
    expect(values(withDf("unit = 'ms'\nx = df['Throughput (/sec)'].map(lambda v: f'{v:.2f} {unit}')").get('x'))).toEqual(['10.00 ms', '20.00 ms', '30.00 ms']);
  });

  it('reports an error inside a lambda at the failing node of its body', () => {
    expect(errorWithDf("x = df['Model'].map(lambda v: v + 1)")).toBe('DT204:1:31');
  });

  it('reports a lambda called with the wrong arity at the method', () => {
    const e = runError("x = df['Model'].map(lambda a, b: a)", { globals: new Map([['df', frame()]]) });
    expect([where(e), e.message]).toEqual(["DT204:1:17", "<lambda>() missing 1 required positional argument: 'b'"]);
  });

  it('lets round() and abs() delegate to the object', () => {
    expect(values(withDf("x = abs(round(df['Throughput (/sec)'] / -3, 1))").get('x'))).toEqual([3.3, 6.7, 10]);
  });
});
