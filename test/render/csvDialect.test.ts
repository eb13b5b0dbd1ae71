import { describe, expect, it } from 'vitest';
import { CsvError, docutilsDialect, HEADER_DIALECT, pythonSplitLines, readCsvRows } from '../../src/render/csvDialect.js';

describe('csv-table CSV reader (Python csv with docutils dialects)', () => {
  const d = docutilsDialect();

  it('skips spaces after the delimiter (skipinitialspace) and unquotes fields', () => {
    expect(readCsvRows(['"a", "b, c",  d'], d)).toEqual([['a', 'b, c', 'd']]);
  });

  it('keeps leading spaces with :keepspace:', () => {
    expect(readCsvRows(['a, b'], docutilsDialect({ keepspace: true }))).toEqual([['a', ' b']]);
  });

  it('reads doubled quotes and quoted newlines across lines', () => {
    expect(readCsvRows(['"say ""hi""","two', 'lines"'], d)).toEqual([['say "hi"', 'two\nlines']]);
  });

  it('gives an empty row for an empty line, as Python does', () => {
    expect(readCsvRows(['a', '', 'b'], d)).toEqual([['a'], [], ['b']]);
  });

  it('uses :delim:, :quote: and :escape:', () => {
    expect(readCsvRows(["'x;y';z"], docutilsDialect({ delim: ';', quote: "'" }))).toEqual([['x;y', 'z']]);
    expect(readCsvRows(['"a\\"b",c'], docutilsDialect({ escape: '\\' }))).toEqual([['a"b', 'c']]);
  });

  it('reads the :header: option with backslash escapes', () => {
    expect(readCsvRows(['"a \\"q\\"", b'], HEADER_DIALECT)).toEqual([['a "q"', 'b']]);
  });

  it('rejects text after a closing quote and an unterminated quote (strict)', () => {
    expect(() => readCsvRows(['"a"b'], d)).toThrow(CsvError);
    expect(() => readCsvRows(['"open'], d)).toThrow(/unexpected end of data/);
  });

  it('splits plain lines like the state machine: empty fields, trailing delimiter, spaces kept inside fields', () => {
    expect(readCsvRows(['a,,b,', ' x ,  y  z'], d)).toEqual([['a', '', 'b', ''], ['x ', 'y  z']]);
    expect(readCsvRows(['a\t b'], docutilsDialect({ delim: '\t' }))).toEqual([['a', 'b']]);
    expect(readCsvRows(['a  b', ' c'], docutilsDialect({ delim: ' ' }))).toEqual([['a', 'b'], ['c']]);
    expect(readCsvRows(['plain,"quoted, one"', 'next'], d)).toEqual([['plain', 'quoted, one'], ['next']]);
  });

  it("splits CSV text into lines like Python's str.splitlines (as docutils and the original extension do)", () => {
    expect(pythonSplitLines('a\x0bb\x0cc\x1cd\x1de\x1ef\x85g\u2028h\u2029i\rj\r\nk\nl\n')).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l']);
    expect(pythonSplitLines('x\n\n')).toEqual(['x', '']);
    expect(pythonSplitLines('')).toEqual([]);
  });
});
