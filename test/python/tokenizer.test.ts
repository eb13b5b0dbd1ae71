import { describe, expect, it } from 'vitest';
import { tokenize } from '../../src/python/tokenizer.js';
import type { Token } from '../../src/python/tokens.js';
import type { LineMap } from '../../src/directive/types.js';

/** A block whose code lines sit at page lines 12, 14, 15 ... indented by 12 columns. */
const MAP: LineMap = { lines: [12, 14, 15, 16, 17, 18], cols: [12, 12, 12, 12, 12, 12] };

function brief(tokens: Token[]): string[] {
  return tokens.map((t) => `${t.type} ${t.value} ${t.line}:${t.col}`);
}

describe('tokenize', () => {
  it('stamps page positions through the block line map', () => {
    const toks = tokenize("df = pd.read_csv('a.csv')", MAP);
    expect(brief(toks).slice(0, 7)).toEqual([
      'NAME df 12:13',
      'OP = 12:16',
      'NAME pd 12:18',
      'OP . 12:20',
      'NAME read_csv 12:21',
      'OP ( 12:29',
      "STRING 'a.csv' 12:30",
    ]);
  });

  it('maps the second code line to its own page line', () => {
    const toks = tokenize('x = 1\ny = 2', MAP);
    const y = toks.find((t) => t.value === 'y')!;
    expect([y.line, y.col]).toEqual([14, 13]);
  });

  it('emits INDENT and DEDENT around an indented body', () => {
    const types = tokenize('if x:\n    y = 1\nz = 2').map((t) => t.type);
    expect(types).toEqual(['NAME', 'NAME', 'OP', 'NEWLINE', 'INDENT', 'NAME', 'OP', 'NUMBER', 'NEWLINE', 'DEDENT', 'NAME', 'OP', 'NUMBER', 'NEWLINE', 'ENDMARKER']);
  });

  it('ignores newlines inside brackets (implicit continuation)', () => {
    const types = tokenize('x = (1 +\n  2)').map((t) => t.type);
    expect(types.filter((t) => t === 'NEWLINE')).toHaveLength(1);
  });

  it('joins lines ending in a backslash', () => {
    const toks = tokenize('x = 1 \\\n  + 2', MAP);
    const plus = toks.find((t) => t.value === '+')!;
    expect([plus.line, plus.col, toks.filter((t) => t.type === 'NEWLINE').length]).toEqual([14, 15, 1]);
  });

  it('skips blank and comment-only lines without INDENT', () => {
    const types = tokenize('x = 1\n\n    # note\ny = 2').map((t) => t.type);
    expect(types).not.toContain('INDENT');
  });

  it('starts the NEWLINE token at a trailing comment, as CPython does', () => {
    const nl = tokenize('x = 1  # comment').find((t) => t.type === 'NEWLINE')!;
    expect(nl.col).toBe(8);
  });

  it('reads decimal, hex, octal, binary, float and underscore numbers', () => {
    const nums = tokenize('1_000 0x1F 0o17 0b101 1.0e6 .5 1e-3 5.').filter((t) => t.type === 'NUMBER').map((t) => t.value);
    expect(nums).toEqual(['1_000', '0x1F', '0o17', '0b101', '1.0e6', '.5', '1e-3', '5.']);
  });

  it('allows a keyword right after a number (1if x else 2)', () => {
    expect(brief(tokenize('1if x else 2')).slice(0, 2)).toEqual(['NUMBER 1 1:1', 'NAME if 1:2']);
  });

  it('decodes escapes in plain strings', () => {
    const t = tokenize("'a\\tb\\x41\\u00e9\\N{EN DASH}\\q'")[0];
    expect(t.str!.value).toBe('a\tbAé\u2013\\q');
  });

  it('keeps raw strings as written', () => {
    expect(tokenize("r'\\n\\d'")[0].str!.value).toBe('\\n\\d');
  });

  it('reads triple-quoted strings across lines', () => {
    const t = tokenize("x = '''a\nb'''")[2];
    expect([t.str!.value, t.endLine]).toEqual(['a\nb', 2]);
  });

  it('marks single-line literals without escapes as exact, with the page position of their first character', () => {
    const t = tokenize("q = '`A` > 1'", MAP)[2];
    expect(t.str!.exact).toEqual({ line: 12, col: 18 });
  });

  it('does not mark literals with escapes as exact', () => {
    expect(tokenize("'a\\nb'")[0].str!.exact).toBeUndefined();
  });

  it('splits f-strings into text and fields with their own tokens and page positions', () => {
    const t = tokenize("f'{v:.2f} ms'", MAP)[0];
    const [field, text] = t.str!.parts!;
    expect(text).toEqual({ kind: 'text', value: ' ms' });
    expect(field.kind === 'field' && [field.source, field.tokens[0].line, field.tokens[0].col, field.spec]).toEqual(['v', 12, 16, [{ kind: 'text', value: '.2f' }]]);
  });

  it('reads f-string conversions, nested specs and {x=}', () => {
    const parts = tokenize("f'{a!r:>{w}}{b=}{{x}}'")[0].str!.parts!;
    const [a, b, lit] = parts;
    expect(a.kind === 'field' && [a.conversion, a.spec!.length, a.spec![1].kind]).toEqual(['r', 2, 'field']);
    expect(b.kind === 'field' && b.selfDoc).toBe('b=');
    expect(lit).toEqual({ kind: 'text', value: '{x}' });
  });

  it('does not end an f-string field at != or ==', () => {
    const [f] = tokenize("f'{a != b}'")[0].str!.parts!;
    expect(f.kind === 'field' && f.source).toBe('a != b');
  });

  it('reads backtick names only in query mode', () => {
    expect(brief(tokenize('`Inst. Type` == 1', undefined, { query: true })).slice(0, 1)).toEqual(['BACKTICK Inst. Type 1:1']);
  });

  it('leaves an ERROR token where it stops, carrying the error', () => {
    const toks = tokenize("x = 'abc");
    const last = toks[toks.length - 1];
    expect([last.type, last.error!.code, last.error!.message]).toEqual(['ERROR', 'DT103', 'unterminated string literal (detected at line 1)']);
  });

  it('reports an unterminated string at its opening quote in page coordinates', () => {
    const last = tokenize("x = 1\ny = 'abc", MAP).pop()!;
    expect([last.error!.pos, last.error!.message]).toEqual([{ line: 14, col: 17 }, 'unterminated string literal (detected at line 14)']);
  });

  it('names a smart quote as an invalid character', () => {
    const last = tokenize('x = \u201ca\u201d').pop()!;
    expect([last.error!.message, last.error!.pos]).toEqual(["invalid character '\u201c' (U+201C)", { line: 1, col: 5 }]);
  });

  it('names an unclosed bracket at the bracket', () => {
    const last = tokenize('x = foo(1,\n  2').pop()!;
    expect([last.error!.message, last.error!.pos]).toEqual(["'(' was never closed", { line: 1, col: 8 }]);
  });

  it('reports a bad number one column left of where it stopped, as CPython', () => {
    expect(tokenize('x = 1abc').pop()!.error!.pos).toEqual({ line: 1, col: 5 });
  });
});
