/**
 * Python `re` semantics for str patterns, translated to JavaScript. Expected values are what
 * Python 3.11's `re` answers (the pandas 1.5.3 oracle's Python).
 */
import { setFlagsFromString } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { compilePyRegex, pyRegexFor, pyReplacement, type PyRegexOptions } from '../../src/frame/pyRegex.js';
import { isDftablesError } from '../../src/errors.js';

// Lets a test ask V8 whether its linear-time engine can run a RegExp (the 'l' flag).
setFlagsFromString('--enable-experimental-regexp-engine');

const search = (pattern: string, subject: string, opts: PyRegexOptions = {}) => compilePyRegex(pattern, { ...opts, test: true }).test(subject);
const sub = (pattern: string, repl: string, subject: string, opts: PyRegexOptions = {}) => subject.replace(compilePyRegex(pattern, opts, true), pyReplacement(repl) as (m: string, ...a: unknown[]) => string);
const findall = (pattern: string, subject: string) => [...subject.matchAll(compilePyRegex(pattern, {}, true))].map((m) => m[0]);
const RE_I = 2;
const RE_M = 8;
const RE_A = 256;

function linearTime(re: RegExp): boolean {
  try {
    new RegExp(re.source, re.flags.replace('g', '') + 'l');
    return true;
  } catch {
    return false;
  }
}

function errorOf(pattern: string): { code: string; message: string } {
  try {
    compilePyRegex(pattern);
  } catch (e) {
    if (isDftablesError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('compiled');
}

describe('Unicode classes', () => {
  it('\\w matches accented letters', () => expect(search('^\\w+$', 'café')).toBe(true));
  it('\\w matches fullwidth letters and digits', () => expect(search('^\\w+$', 'Ａｂｃ１２３')).toBe(true));
  it('\\w matches other numbers (str.isalnum)', () => expect(search('^\\w+$', '²')).toBe(true));
  it('\\w does not match a combining mark', () => expect(search('^\\w+$', 'a\u0301')).toBe(false));
  it('\\d matches decimal digits of any script', () => expect(search('^\\d+$', '١٢٣')).toBe(true));
  it('\\d does not match superscripts', () => expect(search('\\d', '²')).toBe(false));
  it('\\s matches the separators str.isspace() knows', () => expect(['\x1c', '\x85', '\u3000', '\xa0'].map((c) => search('\\s', c))).toEqual([true, true, true, true]));
  it('\\s does not match a byte-order mark', () => expect(search('\\s', '\ufeff')).toBe(false));
  it('\\W inside a class is Unicode too', () => expect(search('[\\W\\d]', 'é')).toBe(false));
  it('replace swaps Unicode words', () => expect(sub('(\\w+) (\\w+)', '\\2 \\1', 'café au lait')).toBe('au café lait'));
  it('\\s+ replaces Unicode whitespace', () => expect(sub('\\s+', '_', 'a\x1cb\u3000c')).toBe('a_b_c'));
});

describe('word boundaries', () => {
  it('\\b sees accented letters as word characters', () => expect(search('\\bna', 'ïna')).toBe(false));
  it('\\b after a non-ASCII letter', () => expect(search('é\\b', 'café!')).toBe(true));
  it('\\b between words', () => expect(search('\\bau\\b', 'café au lait')).toBe(true));
  it('\\B between two non-ASCII word characters', () => expect(search('\\Bé', 'cé')).toBe(true));
  it('\\B never matches an empty string', () => expect(search('\\B', '')).toBe(false));
  it('\\B does not match inside a surrogate pair', () => expect(search('\\B', 'a😀b')).toBe(false));
});

describe('re.ASCII', () => {
  it('makes \\w ASCII', () => expect(search('^\\w+$', 'café', { flags: RE_A })).toBe(false));
  it('(?a) makes \\d ASCII', () => expect(search('(?a)\\d', '١')).toBe(false));
  it('makes \\s ASCII', () => expect(search('\\s', '\x1c', { flags: RE_A })).toBe(false));
  it('makes \\b ASCII', () => expect(search('\\bé', 'aé', { flags: RE_A })).toBe(true));
});

describe('IGNORECASE', () => {
  it('s matches long s', () => expect(search('s', 'ſ', { ignoreCase: true })).toBe(true));
  it('k matches the Kelvin sign', () => expect(search('k', '\u212a', { ignoreCase: true })).toBe(true));
  it('a class range folds too', () => expect(search('[a-z]', '\u212a', { ignoreCase: true })).toBe(true));
  it('a negated class folds before negating', () => expect(search('[^k]', 'K', { ignoreCase: true })).toBe(false));
  it('İ matches i (simple lowercase)', () => expect(search('i', 'İ', { ignoreCase: true })).toBe(true));
  it('ß does not match ss (no full case folding)', () => expect(search('ss', 'ß', { ignoreCase: true })).toBe(false));
  it('final sigma matches sigma', () => expect(search('σ', 'ς', { flags: RE_I })).toBe(true));
  it('accented letters fold', () => expect(search('é', 'É', { ignoreCase: true })).toBe(true));
  it('with re.ASCII only ASCII letters fold', () => expect(search('k', '\u212a', { flags: RE_I | RE_A })).toBe(false));
  it('(?i) replace', () => expect(sub('(?i)strasse', '-', 'STRASSE Straße')).toBe('- Straße'));
  it('scoped (?i:...) folds only its group', () => expect([search('(?i:a)b', 'AB'), search('(?i:a)b', 'Ab')]).toEqual([false, true]));
  it('scoped (?-i:...) turns folding off', () => expect(search('(?-i:a)b', 'aB', { ignoreCase: true })).toBe(true));
});

describe('code points, not UTF-16 units', () => {
  it('. matches an astral character whole', () => expect([search('^.$', '😀'), search('^..$', '😀')]).toEqual([true, false]));
  it('a negated class matches an astral character whole', () => expect(search('^[^a]$', '😀')).toBe(true));
  it('a quantifier repeats an astral literal', () => expect(search('^😀+$', '😀😀')).toBe(true));
  it('an astral range', () => expect(search('[😀-😂]', '😁')).toBe(true));
  it('\\w+ keeps emoji out of words', () => expect(findall('\\w+', 'naïve 😀 x²')).toEqual(['naïve', 'x²']));
  it('empty matches are not found inside a surrogate pair', () => expect(sub('x*', '-', 'a😀')).toBe('-a-😀-'));
});

describe('anchors and lines', () => {
  it('. matches \\r (only \\n is excluded)', () => expect(search('a.b', 'a\rb')).toBe(true));
  it('$ matches before a final newline only', () => expect([search('a$', 'a\n'), search('a$', 'a\n\n')]).toEqual([true, false]));
  it('MULTILINE ^ starts lines after \\n', () => expect(search('^b', 'a\nb', { flags: RE_M })).toBe(true));
  it('MULTILINE ^ does not start a line after \\r', () => expect(search('^b', 'a\rb', { flags: RE_M })).toBe(false));
  it('MULTILINE $ does not end a line before \\r', () => expect(search('a$', 'éa\rb', { flags: RE_M })).toBe(false));
  it('match with leading inline flags', () => expect(compilePyRegex('(?i)abc', { test: true, anchor: 'start' }).test('ABCd')).toBe(true));
  it('fullmatch does not allow the final newline $ allows', () => expect(compilePyRegex('a$', { test: true, anchor: 'full' }).test('a\n')).toBe(false));
  it('fullmatch tries every alternative', () => expect(compilePyRegex('a|ab', { test: true, anchor: 'full' }).test('ab')).toBe(true));
});

describe('Python syntax', () => {
  it('{,n} is a quantifier', () => expect([search('^a{,2}$', 'aa'), search('^a{,2}$', 'aaa')]).toEqual([true, false]));
  it('a { that starts no quantifier is literal', () => expect(search('a{1', 'a{1')).toBe(true));
  it('verbose patterns ignore spaces and comments', () => expect(search('(?x) a b # comment', 'ab')).toBe(true));
  it('comments (?#...)', () => expect(search('a(?#note)b', 'ab')).toBe(true));
  it('escaped punctuation is literal', () => expect(search('\\-\\#\\ \\/', '-# /')).toBe(true));
  it('\\b inside a class is a backspace', () => expect(search('[\\b]', '\b')).toBe(true));
  it('octal and \\U escapes', () => expect([search('\\101', 'A'), search('\\U0001F600', '😀')]).toEqual([true, true]));
  it('a backreference under IGNORECASE ignores case', () => expect(search('(a)\\1', 'aA', { ignoreCase: true })).toBe(true));
});

describe("Python's errors", () => {
  it('nothing to repeat', () => expect(errorOf('*')).toEqual({ code: 'DT208', message: 'invalid regular expression "*": nothing to repeat at position 0' }));
  it('global flags must lead', () => expect(errorOf('a(?i)b').message).toContain('global flags not at the start of the expression at position 1'));
  it('lookbehind must have a fixed width', () => expect(errorOf('(?<=a+)b').message).toContain('look-behind requires fixed-width pattern'));
  it('bad escapes', () => expect(errorOf('\\q').message).toContain('bad escape \\q at position 0'));
  it('bad ranges', () => expect(errorOf('[z-a]').message).toContain('bad character range z-a at position 1'));
  it('(?<name>...) is not Python syntax', () => expect(errorOf('(?<a>x)').message).toContain('unknown extension ?<a at position 1'));
  it('possessive quantifiers are not supported', () => expect(errorOf('a*+').code).toBe('DT212'));
  it('atomic groups are not supported', () => expect(errorOf('(?>a)').code).toBe('DT212'));
});

describe("V8's linear-time engine can run boolean matches", () => {
  const runs = (pattern: string, subject: string, opts: PyRegexOptions = {}) => linearTime(pyRegexFor(compilePyRegex(pattern, { ...opts, test: true }), subject));
  it('Unicode classes', () => expect(runs('(\\w+\\s?)+$', 'café au lait')).toBe(true));
  it('case-insensitive patterns (no i flag)', () => expect(runs('(a+)+$', 'é', { ignoreCase: true })).toBe(true));
  it('. and negated classes', () => expect(runs('(.*[^a])+$', 'é😀')).toBe(true));
  it('\\b on ASCII text', () => expect(runs('\\b(a+)+$', 'aaa!')).toBe(true));
  it('MULTILINE without \\r', () => expect(runs('^(a+)+$', 'é\naa', { flags: RE_M })).toBe(true));
  it('match and fullmatch', () => {
    const re = (anchor: 'start' | 'full') => pyRegexFor(compilePyRegex('(a+)+$', { test: true, anchor }), 'é');
    expect([linearTime(re('start')), linearTime(re('full'))]).toEqual([true, true]);
  });
  it('but not \\b on non-ASCII text (the trade-off)', () => expect(runs('\\b(a+)+$', 'éaa!')).toBe(false));
});
