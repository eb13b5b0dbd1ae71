import { describe, expect, it } from 'vitest';
import { createTokenizer, tokenize, type TokenizeOptions } from '../../src/frame/csvTokenize.js';
import { tokenizeDefaults } from './helpers.js';

const base = tokenizeDefaults;

const rows = (text: string, o: Partial<TokenizeOptions> = {}) => tokenize(text, { ...base, ...o }).rows;

describe('tokenize', () => {
  it('pads a short row to the previous row length', () => {
    expect(rows('a,b,c\n1\n')).toEqual([['a', 'b', 'c'], ['1', '', '']]);
  });

  it('allows the first data row to be longer than the header', () => {
    expect(rows('a,b\n1,2,3\n4\n')).toEqual([['a', 'b'], ['1', '2', '3'], ['4', '', '']]);
  });

  it('reads quotes, doubled quotes and newlines inside quotes', () => {
    expect(rows('"a,b","say ""hi""","x\ny"\n')).toEqual([['a,b', 'say "hi"', 'x\ny']]);
  });

  it('keeps text after a closing quote in the same field', () => {
    expect(rows('"x"y,z\n')).toEqual([['xy', 'z']]);
  });

  it('ends lines at \\r\\n and at a lone \\r', () => {
    expect(rows('a,b\r\n1,2\r3,4')).toEqual([['a', 'b'], ['1', '2'], ['3', '4']]);
  });

  it('skips blank and whitespace-only lines', () => {
    expect(rows('a\n\n  \n\t\n1\n')).toEqual([['a'], ['1']]);
  });

  it('keeps blank lines as empty rows when asked', () => {
    expect(rows('a,b\n\n1,2\n', { skipEmptyLines: false })).toEqual([['a', 'b'], ['', ''], ['1', '2']]);
  });

  it('drops comment lines and truncates a row at a comment', () => {
    expect(rows('#x\na,b\n1,2#c\n', { commentchar: '#' })).toEqual([['a', 'b'], ['1', '2']]);
  });

  it('skips rows by pandas file line number', () => {
    expect(rows('a\nskip\nb\n', { skipRow: (l) => l === 1 })).toEqual([['a'], ['b']]);
  });

  it('reports a long row with the line pandas counts and the physical line of the row', () => {
    let err: unknown;
    try {
      createTokenizer('a,b\n"x\ny",2\n1,2,3\n', base, 'f.csv').tokenizeAll();
    } catch (e) {
      err = e;
    }
    // pandas counts records (line 3); the row starts on physical line 4 of the file
    expect(err).toMatchObject({
      code: 'DT402',
      message: 'Error tokenizing data. C error: Expected 2 fields in line 3, saw 3',
      file: 'f.csv',
      pos: { line: 4, col: 1 },
    });
  });

  it('reports EOF inside a quoted field', () => {
    expect(() => rows('a\n"open\n')).toThrow('EOF inside string starting at row 1');
  });

  it('stops after the requested rows and resumes where it stopped', () => {
    const t = createTokenizer('a\n1\n2\n3\n', base);
    t.tokenizeRows(2);
    expect(t.rows.length).toBe(2);
    t.tokenizeAll();
    expect(t.rows).toEqual([['a'], ['1'], ['2'], ['3']]);
  });

  it('splits on runs of whitespace with delim_whitespace', () => {
    expect(rows('a  b\tc\n 1 2   3\n', { delimWhitespace: true })).toEqual([['a', 'b', 'c'], ['1', '2', '3']]);
  });

  it('strips a UTF-8 byte order mark', () => {
    expect(rows('\ufeffa,b\n')).toEqual([['a', 'b']]);
  });
});
