import { describe, expect, it } from 'vitest';
import type { LineMap } from '../../src/directive/types.js';
import { pyRepr } from '../../src/python/pyStr.js';
import { PyObject, type PyValue } from '../../src/python/values.js';
import { makeInterpreter, run, runError, where } from './helpers.js';
import { parseBlock } from '../../src/python/parser.js';

function vars(code: string, ...names: string[]): string[] {
  const ns = run(code).namespace;
  return names.map((n) => (ns.has(n) ? pyRepr(ns.get(n)!) : '<unset>'));
}

describe('statements', () => {
  it('assigns chained targets and unpacks tuples', () => {
    expect(vars('a = b = [1]\nx, (y, z) = 1, (2, 3)', 'a', 'b', 'x', 'y', 'z')).toEqual(['[1]', '[1]', '1', '2', '3']);
  });

  it('shares one object between chained targets', () => {
    expect(vars('a = b = []\na.append(1)', 'b')).toEqual(['[1]']);
  });

  it('unpacks with a starred target', () => {
    expect(vars('first, *rest = range(4)', 'first', 'rest')).toEqual(['0', '[1, 2, 3]']);
  });

  it('swaps with tuple assignment', () => {
    expect(vars('a, b = 1, 2\na, b = b, a', 'a', 'b')).toEqual(['2', '1']);
  });

  it('augments names, items and in-place lists', () => {
    expect(vars("n = 1\nn += 2\nd = {'k': 1}\nd['k'] *= 5\nl = [1]\nm = l\nl += (2,)", 'n', 'd', 'm')).toEqual(['3', "{'k': 5}", '[1, 2]']);
  });

  it('assigns into list slices', () => {
    expect(vars('l = [1, 2, 3, 4]\nl[1:3] = ["a"]\nm = [0] * 4\nm[::2] = [7, 8]', 'l', 'm')).toEqual(["[1, 'a', 4]", '[7, 0, 8, 0]']);
  });

  it('runs for loops with break, continue and else', () => {
    const code = 'out = []\nfor i in range(10):\n    if i % 2:\n        continue\n    if i > 6:\n        break\n    out.append(i)\nelse:\n    out.append("no break")';
    expect(vars(code, 'out', 'i')).toEqual(['[0, 2, 4, 6]', '8']);
  });

  it('runs the else of a loop that did not break', () => {
    expect(vars('for i in []:\n    pass\nelse:\n    done = True', 'done')).toEqual(['True']);
  });

  it('runs if/elif/else', () => {
    expect(vars('x = 5\nif x < 3:\n    s = "low"\nelif x < 10:\n    s = "mid"\nelse:\n    s = "high"', 's')).toEqual(["'mid'"]);
  });

  it('loops over a dict, a string and enumerate(zip())', () => {
    expect(vars("out = []\nfor i, (a, b) in enumerate(zip('xy', [1, 2])):\n    out.append(f'{i}{a}{b}')", 'out')).toEqual(["['0x1', '1y2']"]);
  });

  it('deletes names and items', () => {
    expect(vars("x = 1\nd = {'a': 1, 'b': 2}\nl = [1, 2, 3]\ndel x, d['a'], l[0]", 'x', 'd', 'l')).toEqual(['<unset>', "{'b': 2}", '[2, 3]']);
  });

  it('treats pandas and numpy imports as the pre-imported modules', () => {
    const pd = new (class extends PyObject {
      readonly typeName = 'module';
    })();
    const ns = run('import pandas as pd\nimport pandas\nx = pandas', { globals: new Map<string, PyValue>([['pd', pd]]) }).namespace;
    expect([ns.get('x') === pd, ns.get('pd') === pd]).toEqual([true, true]);
  });

  it('makes print a no-op', () => {
    expect(vars("print('hello', 1, sep='-')\nx = 1", 'x')).toEqual(['1']);
  });

  it('passes a true assert and fails a false one with its message', () => {
    expect(runError("assert 1 == 1\nassert len([]) > 0, 'empty'")).toEqual({ code: 'DT208', message: 'AssertionError: empty', line: 2, col: 8 });
  });

  it('keeps comprehension variables out of the enclosing scope', () => {
    expect(vars('y = [x for x in range(3)]', 'x')).toEqual(['<unset>']);
  });

  it('binds lambda variables late, as Python closures do', () => {
    expect(vars('fs = [lambda: i for i in range(3)]\nr = [f() for f in fs]', 'r')).toEqual(['[2, 2, 2]']);
  });

  it('lets a lambda see globals assigned after it was made', () => {
    expect(vars('f = lambda x: x * k\nk = 10\nr = f(2)', 'r')).toEqual(['20']);
  });

  it('evaluates generator expressions lazily', () => {
    expect(vars('g = (1 // x for x in [1, 0])\nfirst = next(g)', 'first')).toEqual(['1']);
  });

  it('short-circuits and/or, returning an operand', () => {
    expect(vars("a = 0 and 1 // 0\nb = 'x' or 1 // 0\nc = [] or {}", 'a', 'b', 'c')).toEqual(['0', "'x'", '{}']);
  });

  it('keeps ints exact beyond 2**53', () => {
    expect(vars('x = 2 ** 64 + 1\ny = x // 3\nz = x % 7', 'x', 'y', 'z')).toEqual(['18446744073709551617', '6148914691236517205', '3']);
  });

  it('runs ;-separated statements and one-line bodies', () => {
    expect(vars('a = 1; b = 2\nif a: c = a + b', 'c')).toEqual(['3']);
  });

  it('runs the rank example from the spec pages', () => {
    const code = "data = {'model': ['a', 'b', 'c'], 'tput': [1, 2.5, 3]}\nrank = list(range(len(data['model']))) if len(data) > 1 else [0]\ncols = [c for c in data if c != 'tput']";
    expect(vars(code, 'rank', 'cols')).toEqual(['[0, 1, 2]', "['model']"]);
  });
});

describe('runtime errors at their position', () => {
  const map: LineMap = { lines: [30, 31, 32], cols: [4, 4, 4] };

  it('names an undefined variable with a suggestion', () => {
    expect(runError('df = 1\nx = dff + 1', { map })).toEqual({ code: 'DT205', message: "name 'dff' is not defined; did you mean 'df'?", line: 31, col: 9 });
  });

  it('suggests builtins too', () => {
    expect(runError('x = lenn([1])').message).toBe("name 'lenn' is not defined; did you mean 'len'?");
  });

  it('points a division by zero at the operation', () => {
    expect(runError('x = 1\ny = 2 * (x / 0)', { map })).toEqual({ code: 'DT211', message: 'division by zero', line: 31, col: 14 });
  });

  it('points an index error at the index', () => {
    expect(where(runError('cols = [1, 2]\nx = cols[10]'))).toBe('DT209:2:10');
  });

  it('points a key error at the key, with a suggestion', () => {
    const e = runError("d = {'Model': 1}\nx = d['model']");
    expect([where(e), e.message]).toEqual(['DT209:2:7', "KeyError: 'model'; did you mean 'Model'?"]);
  });

  it('points an unknown str method at its name', () => {
    const e = runError("x = 'abc'.uper()");
    expect([where(e), e.message]).toEqual(['DT202:1:11', "'str' object has no attribute 'uper'; did you mean 'upper'?"]);
  });

  it('points a wrong call at the call', () => {
    expect(where(runError('x = 5\ny = x(1)'))).toBe('DT204:2:5');
  });

  it('points an error inside an f-string field at the field', () => {
    expect(where(runError("x = 'a'\ny = f'value: {x:.2f}'"))).toBe('DT208:2:15');
  });

  it('reports an unknown keyword argument to a builtin', () => {
    expect(runError('x = sorted([1], reversed=True)')).toMatchObject({ code: 'DT203', message: "sorted() got an unexpected keyword argument 'reversed'; did you mean 'reverse'?" });
  });

  it('reports failed unpacking as Python does', () => {
    expect(runError('a, b = [1, 2, 3]').message).toBe('too many values to unpack (expected 2)');
  });

  it('refuses del on foreign objects with advice', () => {
    const obj = new (class extends PyObject {
      readonly typeName = 'DataFrame';
    })();
    expect(runError("del df['a']", { globals: new Map<string, PyValue>([['df', obj]]) }).code).toBe('DT301');
  });

  it('stops at the first failing statement', () => {
    const interp = makeInterpreter();
    expect(() => interp.run(parseBlock('a = 1\nb = 1 // 0\nc = 3'))).toThrow();
    expect([interp.namespace.has('a'), interp.namespace.has('c')]).toEqual([true, false]);
  });
});

describe('Runtime services', () => {
  it('calls Python callables for foreign code with rt.call', () => {
    const interp = run('f = lambda x, y=10: x + y');
    expect(pyRepr(interp.call(interp.namespace.get('f')!, [1n], new Map([['y', 2n]])))).toBe('3');
  });

  it("calls a bound str.format through rt.call", () => {
    const interp = run("f = '{:,.3f}'.format");
    expect(interp.call(interp.namespace.get('f')!, [1234.5])).toBe('1,234.500');
  });

  it('counts element-wise callbacks toward the time limit', () => {
    const interp = run('f = lambda v: v', { timeoutMs: 30 });
    const f = interp.namespace.get('f')!;
    const until = Date.now() + 40;
    while (Date.now() < until) {
      // let the block's time run out
    }
    expect(() => {
      for (let i = 0; i < 5000; i++) interp.call(f, [BigInt(i)]);
    }).toThrow('block exceeded the time limit');
  });

  it('reports the time limit with DT306', () => {
    const interp = makeInterpreter({ timeoutMs: -1 });
    expect(() => interp.checkDeadline()).toThrow('block exceeded the time limit of 10 s');
  });
});
