import { beforeEach, describe, expect, it } from 'vitest';
import type { LineMap } from '../../src/directive/types.js';
import { evalQuery } from '../../src/python/query.js';
import type { PyValue } from '../../src/python/values.js';
import { FakeFrame, FakeSeries, calls } from './fakes.js';
import { errorOf, makeInterpreter, run, runError, where } from './helpers.js';
import { pyRepr } from '../../src/python/pyStr.js';

function frame(): FakeFrame {
  return new FakeFrame({
    Model: ['m1', 'm2', 'm3', 'm4'],
    Application: ['CV', 'NLP', 'CV', 'LLM'],
    'Throughput (/sec)': [100, 200, 300, 400],
    'Batch Size': [1, 4, 8, 16],
  });
}

function models(code: string, map?: LineMap): unknown {
  const df = run(code, { globals: new Map([['df', frame()]]), map }).namespace.get('df') as FakeFrame;
  return df.columns.get('Model')!.values;
}

function queryError(code: string, map?: LineMap): string {
  return where(runError(code, { globals: new Map([['df', frame()]]), map }));
}

beforeEach(() => {
  calls.length = 0;
});

describe('evalQuery', () => {
  it('reads backtick-quoted column names', () => {
    expect(models('df = df.query(\'`Application`=="CV"\')')).toEqual(['m1', 'm3']);
  });

  it('turns == with a string into isin, as pandas rewrites it', () => {
    models('df = df.query(\'Application == "CV"\')');
    expect(calls).toContain('isin');
  });

  it('makes `and` element-wise', () => {
    expect(models("df = df.query(\"`Throughput (/sec)` > 150 and Application != 'CV'\")")).toEqual(['m2', 'm4']);
  });

  it('gives & and | the precedence of and/or', () => {
    expect(models("df = df.query('`Batch Size` > 2 & `Batch Size` < 10 | Model == \"m1\"')")).toEqual(['m1', 'm2', 'm3']);
  });

  it('resolves @locals from the calling code', () => {
    expect(models("limit = 250\ndf = df.query('`Throughput (/sec)` > @limit')")).toEqual(['m3', 'm4']);
  });

  it('means isin for `in` with a list, and inverts `not`', () => {
    expect(models('df = df.query(\'not (Model in ["m1", "m2"])\')')).toEqual(['m3', 'm4']);
  });

  it('means isin for == with a list literal', () => {
    expect(models("df = df.query('`Batch Size` == [1, 16]')")).toEqual(['m1', 'm4']);
  });

  it('means ~isin for `not in`', () => {
    expect(models("df = df.query('Application not in [\"CV\"]')")).toEqual(['m2', 'm4']);
  });

  it('turns a chained comparison into & of the pairs', () => {
    expect(models("df = df.query('100 < `Throughput (/sec)` <= 300')")).toEqual(['m2', 'm3']);
  });

  it('evaluates arithmetic inside the query', () => {
    expect(models("df = df.query('`Throughput (/sec)` / `Batch Size` >= 50')")).toEqual(['m1', 'm2']);
  });

  it('points an unknown column at its character inside the string literal', () => {
    const map: LineMap = { lines: [20], cols: [3] };
    // df = df.query('Aplication == "CV"'): the name starts 16 characters into the code line.
    expect(queryError('df = df.query(\'Aplication == "CV"\')', map)).toBe('DT201:20:19');
  });

  it('points a syntax error inside the query into the string literal', () => {
    expect(queryError("df = df.query('Model == ')")).toBe('DT101:1:25');
  });

  it('points at the argument when the query is not a literal', () => {
    expect(queryError("q = 'Aplication == 1'\ndf = df.query(q)")).toBe('DT201:2:15');
  });

  it('refuses an unknown @local with pandas\' message', () => {
    const e = runError("df = df.query('Model == @missing')", { globals: new Map([['df', frame()]]) });
    expect([e.code, e.message]).toEqual(['DT205', "local variable 'missing' is not defined"]);
  });

  it('evaluates scalars as pandas 1.5.3 does (`not` is ~, so `not False` is -1)', () => {
    const rt = makeInterpreter();
    const v = evalQuery('1 + 2 * 3 > 6 and not False', () => null, rt);
    expect(pyRepr(v as PyValue)).toBe('1');
  });

  it('follows pandas even where its membership rewrite surprises ("a" == "a" is False)', () => {
    const rt = makeInterpreter();
    expect(pyRepr(evalQuery('"a" == "a"', () => null, rt) as PyValue)).toBe('False');
  });

  it('calls resolveName with the page position of each name', () => {
    const seen: string[] = [];
    const rt = makeInterpreter();
    evalQuery('`a b` + c', (n, local, pos) => (seen.push(`${n}:${local}:${pos.line}:${pos.col}`), 1n), rt, { line: 5, col: 10 });
    expect(seen).toEqual(['a b:false:5:10', 'c:false:5:10']);
  });

  it('refuses forbidden names in queries too', () => {
    const rt = makeInterpreter();
    expect(errorOf(() => evalQuery('@__import__', () => null, rt)).code).toBe('DT302');
  });

  it('returns foreign results untouched', () => {
    const rt = makeInterpreter();
    const s = new FakeSeries([1, 2]);
    expect(evalQuery('x * 2', () => s, rt)).toBeInstanceOf(FakeSeries);
  });
});

describe("pandas' query parser rules (both engines)", () => {
  const rt = () => makeInterpreter();
  const series = () => new FakeSeries([1, 2]);

  it("refuses conditional expressions, as pandas' parser does", () => {
    const e = errorOf(() => evalQuery('x if x else x', series, rt()));
    expect([e.code, e.message]).toEqual(['DT212', "'IfExp' nodes are not implemented in query expressions"]);
  });

  it('refuses sets, which pandas does not turn into isin', () => {
    expect(errorOf(() => evalQuery('x in {1, 2}', series, rt())).code).toBe('DT212');
  });

  it('refuses methods on computed expressions and expressions as arguments (x.shift(-1))', () => {
    expect(errorOf(() => evalQuery('(x * 2).abs()', series, rt())).message).toContain("'BinOp' object has no attribute 'value'");
    expect(errorOf(() => evalQuery('x.isin(-1)', series, rt())).message).toContain("'UnaryOp' object has no attribute 'value'");
  });

  it('refuses and/or with a number', () => {
    expect(errorOf(() => evalQuery('1 and 2', () => null, rt())).message).toBe('cannot evaluate scalar only bool ops');
  });

  it("computes a `/` of constants in numpy's float64 (1 / 0 is inf, not ZeroDivisionError)", () => {
    expect(pyRepr(evalQuery('1 / 0 > 10 ** 300', () => null, rt()) as PyValue)).toBe('True');
  });

  it('points a refused node at its position in the query', () => {
    const map: LineMap = { lines: [20], cols: [3] };
    // df = df.query('Model if 1 else 2'): the query starts 16 characters into the code line.
    expect(queryError("df = df.query('Model if 1 else 2')", map)).toBe('DT212:20:19');
  });
});
