import { describe, expect, it } from 'vitest';
import { parseBlock } from '../../src/python/parser.js';
import { expr, parsed } from './astShow.js';
import { parseError, where } from './helpers.js';
import type { LineMap } from '../../src/directive/types.js';

describe('operator precedence', () => {
  it.each([
    ['a + b * c', '(+ a (* b c))'],
    ['a - b - c', '(- (- a b) c)'],
    ['-2 ** 2', '(u- (** 2 2))'],
    ['2 ** -1', '(** 2 (u- 1))'],
    ['a ** b ** c', '(** a (** b c))'],
    ['a | b & c', '(| a (& b c))'],
    ['a ^ b | c', '(| (^ a b) c)'],
    ['a << 1 + 2', '(<< a (+ 1 2))'],
    ['~a == b', '(cmp (u~ a) == b)'],
    ['not a == b', '(not (cmp a == b))'],
    ['a and b or c', '(or (and a b) c)'],
    ['a or b and c', '(or a (and b c))'],
    ['not a and b', '(and (not a) b)'],
    ['a < b < c', '(cmp a < b < c)'],
    ['a not in b', '(cmp a not in b)'],
    ['a is not None', '(cmp a is not None)'],
    ['x if c else y if d else z', '(if c x (if d y z))'],
    ['lambda x: x + 1', '(lambda (x) (+ x 1))'],
    ['(df.a >= 4) | df.b.isna()', '(| (cmp (. df a) >= 4) (call (. (. df b) isna)))'],
    ['a % b // c', '(// (% a b) c)'],
    ['a @ b', '(@ a b)'],
  ])('%s', (src, tree) => {
    expect(expr(src)).toBe(tree);
  });
});

describe('expressions', () => {
  it.each([
    ["df['Model']", '(sub df "Model")'],
    ["df.loc[:, 'c']", '(sub (. df loc) (tuple (slice _ _ _) "c"))'],
    ['x[1:2:3]', '(sub x (slice 1 2 3))'],
    ['x[::-1]', '(sub x (slice _ _ (u- 1)))'],
    ["df[['a', 'b']]", '(sub df ["a" "b"])'],
    ["f(1, *a, k=2, **kw)", '(call f 1 *a k=2 **=kw)'],
    ["'{:,.3f}'.format", '(. "{:,.3f}" format)'],
    ["'a' 'b'", '"ab"'],
    ["f'{v:.2f} ms'", '(f {v:(f ".2f")} " ms")'],
    ["f'{x!r:>{w}}'", '(f {x!r:(f ">" {w})})'],
    ["'a' f'{b}'", '(f "a" {b})'],
    ['[x for x in y if x for z in x]', '(ListComp x for x in y if x for z in x)'],
    ['{k: v for k, v in d}', '(DictComp k:v for (tuple k v) in d)'],
    ['{1, 2}', '{set 1 2}'],
    ["{'a': 1, **b}", '{"a":1 **:b}'],
    ['sum(x for x in l)', '(call sum (GeneratorExp x for x in l))'],
    ['(1,)', '(tuple 1)'],
    ['()', '(tuple )'],
    ['[*a, *b]', '[*a *b]'],
    ['lambda x, y=2, *a, **k: x', '(lambda (x y=2 *a **k) x)'],
    ['1_000 + 0x10 + 1.0e6 + .5', '(+ (+ (+ 1000 16) 1000000) 0.5)'],
    ['True, False, None', '(tuple true false None)'],
  ])('%s', (src, tree) => {
    expect(expr(src)).toBe(tree);
  });
});

describe('statements', () => {
  it('reads assignments, chained and tuple unpacking', () => {
    expect(parsed('a = b = 1\nx, y = 1, 2')).toEqual(['(= a b 1)', '(= (tuple x y) (tuple 1 2))']);
  });

  it('reads subscript, .loc and attribute targets', () => {
    expect(parsed("df['c'] = 1\ndf.loc[m, 'c'] = 2\nobj.attr = 3")).toEqual(['(= (sub df "c") 1)', '(= (sub (. df loc) (tuple m "c")) 2)', '(= (. obj attr) 3)']);
  });

  it('reads augmented assignments', () => {
    expect(parsed("x += 1\ndf['a'] *= 2\ny //= 3")).toEqual(['(+= x 1)', '(*= (sub df "a") 2)', '(//= y 3)']);
  });

  it('reads for loops with else, break and continue', () => {
    expect(parsed('for i in range(3):\n    if i:\n        continue\n    break\nelse:\n    pass')).toEqual(['(for i (call range 3) [(if i [continue]) break] else [pass])']);
  });

  it('reads if/elif/else', () => {
    expect(parsed('if a:\n    x = 1\nelif b:\n    x = 2\nelse:\n    x = 3')).toEqual(['(if a [(= x 1)] else [(if b [(= x 2)] else [(= x 3)])])']);
  });

  it('reads one-line bodies and ;-separated statements', () => {
    expect(parsed('if a: x = 1; y = 2\nz = 3;')).toEqual(['(if a [(= x 1) (= y 2)])', '(= z 3)']);
  });

  it('accepts the pandas and numpy imports', () => {
    expect(parsed('import pandas as pd\nimport numpy as np, pandas')).toEqual(['(import pandas as pd)', '(import numpy as np, pandas as pandas)']);
  });

  it('reads pass, assert and del', () => {
    expect(parsed("pass\nassert x, 'm'\ndel d['k'], y")).toEqual(['pass', '(assert x "m")', '(del (sub d "k") y)']);
  });

  it('ignores comments, blank lines and backslash continuations', () => {
    expect(parsed('# c\n\nx = 1 + \\\n    2  # end\n')).toEqual(['(= x (+ 1 2))']);
  });

  it('treats annotated assignments as plain assignments', () => {
    expect(parsed('x: int = 5')).toEqual(['(= x 5)']);
  });
});

describe('node positions', () => {
  const map: LineMap = { lines: [12, 14], cols: [12, 12] };

  it('stamps page spans on every node', () => {
    const [s] = parseBlock("df = df['Throughput (/sec']", map).body;
    if (s.kind !== 'Assign' || s.value.kind !== 'Subscript') throw new Error('shape');
    expect([s.line, s.col, s.value.slice.line, s.value.slice.col, s.value.endCol]).toEqual([12, 13, 12, 21, 40]);
  });

  it('keeps the attribute name position of a method call', () => {
    const [s] = parseBlock('df.sort_value("Model")', map).body;
    if (s.kind !== 'Expr' || s.value.kind !== 'Call' || s.value.func.kind !== 'Attribute') throw new Error('shape');
    expect(s.value.func.attrPos).toEqual({ line: 12, col: 16 });
  });
});

describe('refused constructs, at their position', () => {
  it.each([
    ['import os', 'DT303:1:8'],
    ['import os.path as p', 'DT303:1:8'],
    ['from pandas import DataFrame', 'DT303:1:6'],
    ['import pandas as np', 'DT303:1:8'],
    ['import numpy as pd', 'DT303:1:8'],
    ['x = 1\ndef f(x): return x', 'DT301:2:1'],
    ['class A: pass', 'DT301:1:1'],
    ['while True: pass', 'DT301:1:1'],
    ["with open('a') as f: pass", 'DT301:1:1'],
    ['global x', 'DT301:1:1'],
    ['nonlocal x', 'DT301:1:1'],
    ['try:\n    x = 1\nexcept Exception:\n    pass', 'DT301:1:1'],
    ['raise ValueError', 'DT301:1:1'],
    ['x = (yield 1)', 'DT301:1:6'],
    ['async def f(): pass', 'DT301:1:1'],
    ['x = await y', 'DT301:1:5'],
    ['return 1', 'DT301:1:1'],
    ['x = (y := 2)', 'DT301:1:8'],
    ['if (n := len(df)) > 1: pass', 'DT301:1:7'],
    ['x = 1j', 'DT301:1:5'],
    ["x = b'raw'", 'DT301:1:5'],
    ["x = eval('1')", 'DT302:1:5'],
    ["exec('x = 1')", 'DT302:1:1'],
    ["f = open('/etc/passwd')", 'DT302:1:5'],
    ["x = compile('1', 'f', 'eval')", 'DT302:1:5'],
    ["getattr(df, 'x')", 'DT302:1:1'],
    ['setattr(df, "x", 1)', 'DT302:1:1'],
    ['delattr(df, "x")', 'DT302:1:1'],
    ['g = globals()', 'DT302:1:5'],
    ['l = locals()', 'DT302:1:5'],
    ['v = vars()', 'DT302:1:5'],
    ['d = dir(df)', 'DT302:1:5'],
    ['s = input()', 'DT302:1:5'],
    ['breakpoint()', 'DT302:1:1'],
    ['help(df)', 'DT302:1:1'],
    ['m = memoryview(x)', 'DT302:1:5'],
    ["os = __import__('os')", 'DT302:1:6'],
    ['t = type(df)', 'DT302:1:5'],
    ['o = object()', 'DT302:1:5'],
    ['c = df.__class__', 'DT302:1:8'],
    ['b = __builtins__', 'DT302:1:5'],
    ['_secret = 1', 'DT302:1:1'],
    ["df['a'].map(lambda v: v.__class__)", 'DT302:1:25'],
    ['f = lambda __x: 1', 'DT302:1:12'],
    ["x = f'{df.__class__}'", 'DT302:1:11'],
    ["x = f'{eval(\"1\")}'", 'DT302:1:8'],
  ])('%s', (src, expected) => {
    expect(where(parseError(src))).toBe(expected);
  });

  it('says what to use instead of def', () => {
    expect(parseError('def f(x): return x').message).toBe("'def' is not supported in df-table code; use a lambda (name = lambda x: ...)");
  });

  it('names the refused builtin', () => {
    expect(parseError("x = eval('1')").message).toBe("'eval' is not available in df-table code");
  });

  it('allows a lone _ as a throwaway name', () => {
    expect(() => parseBlock('for _ in range(3): pass\n_ = 1')).not.toThrow();
  });

  it('refuses in page coordinates through the line map', () => {
    const map: LineMap = { lines: [40, 41], cols: [8, 8] };
    expect(where(parseError('x = 1\nimport os', map))).toBe('DT303:41:16');
  });
});

describe('syntax errors in page coordinates', () => {
  const map: LineMap = { lines: [12, 14, 15], cols: [12, 12, 12] };

  it('puts an unclosed call at its bracket', () => {
    expect(parseError("df = pd.read_csv('a.csv'", map)).toEqual({ code: 'DT103', message: "'(' was never closed", line: 12, col: 29 });
  });

  it('counts "detected at line" in page lines', () => {
    expect(parseError("x = 1\ny = 'abc", map).message).toBe('unterminated string literal (detected at line 14)');
  });

  it('names the header line of a missing block in page lines', () => {
    expect(parseError('for x in y:\nz = 1', map)).toEqual({ code: 'DT102', message: "expected an indented block after 'for' statement on line 12", line: 14, col: 13 });
  });

  it('prefixes f-string expression errors and points into the page', () => {
    expect(parseError("x = f'{a b}'", map)).toEqual({ code: 'DT101', message: 'f-string: invalid syntax. Perhaps you forgot a comma?', line: 12, col: 20 });
  });

  it('refuses very deep nesting instead of overflowing the stack', () => {
    expect(parseError('x = ' + '-'.repeat(5000) + '1').code).toBe('DT305');
  });

  it('refuses more than 200 nested brackets as CPython does', () => {
    expect(parseError('x = ' + '('.repeat(201) + '1' + ')'.repeat(201)).message).toBe('too many nested parentheses');
  });
});
