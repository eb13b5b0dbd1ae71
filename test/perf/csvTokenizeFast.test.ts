/**
 * The tokenizer's fast path (plain and quoted records scanned directly) against the state
 * machine alone (fastPath: false): same rows, warnings, errors and row lines on random text.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTokenizer, type TokenizeOptions } from '../../src/frame/csvTokenize.js';
import { tokenizeDefaults } from '../frame/helpers.js';

const base = tokenizeDefaults;

// Pieces that exercise every branch: delimiters, quotes (doubled, unclosed, followed by text),
// '\n', '\r\n', a lone '\r', blank and whitespace-only lines, non-Latin-1 text, a BOM.
const PIECES = [',', '"', '""', '\n', '\r\n', '\r', ' ', '\t', 'a', 'bc', '1', '2.5', ';', '#', '\\', 'é', '値', ' \n', '\n\n'];

const text = fc.tuple(fc.boolean(), fc.array(fc.constantFrom(...PIECES), { maxLength: 40 })).map(([bom, ps]) => (bom ? '\ufeff' : '') + ps.join(''));

const options = fc.record({
  delimiter: fc.constantFrom(',', ';', '\t', ' ', 'é'),
  quotechar: fc.constantFrom<string | null>('"', null),
  skipEmptyLines: fc.boolean(),
  headerEnd: fc.constantFrom(-1, 0, 1),
  expectedFields: fc.constantFrom(-1, 2),
  usecols: fc.boolean(),
  onBadLines: fc.constantFrom<'error' | 'warn' | 'skip'>('error', 'warn', 'skip'),
  skipped: fc.array(fc.nat({ max: 6 }), { maxLength: 2 }),
  commentchar: fc.constantFrom<string | null>(null, '#'),
});

/** Tokenizes in the chunks read_csv asks for; returns everything observable, or the error. */
function observe(src: string, o: TokenizeOptions, fastPath: boolean, chunks: number[]): unknown {
  try {
    const t = createTokenizer(src, o, 'f.csv', { fastPath });
    for (const c of chunks) t.tokenizeRows(c);
    t.tokenizeAll();
    const rows = t.rows;
    return { rows, warnings: t.warnings, lines: rows.map((_, k) => t.rowLine(k)), width: t.table.maxWidth };
  } catch (e) {
    return { error: (e as Error).message, pos: (e as { pos?: unknown }).pos };
  }
}

describe('tokenizer fast path', () => {
  it('tokenizes random text exactly as the state machine', () => {
    fc.assert(
      fc.property(text, options, fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 3 }), (src, opt, chunks) => {
        const { skipped, ...rest } = opt;
        const o: TokenizeOptions = { ...base, ...rest, skipRow: (line) => skipped.includes(line) };
        expect(observe(src, o, true, chunks)).toEqual(observe(src, o, false, chunks));
      }),
      { numRuns: 3000 },
    );
  });

  it('tokenizes plain numeric tables as the state machine', () => {
    const cell = fc.oneof(fc.double({ noNaN: true }).map(String), fc.integer().map(String), fc.constantFrom('', 'NA', 'x y'));
    const table = fc.array(fc.array(cell, { minLength: 1, maxLength: 5 }), { maxLength: 20 }).map((rows) => rows.map((r) => r.join(',')).join('\n'));
    fc.assert(
      fc.property(table, fc.boolean(), (src, trailingNewline) => {
        const s = trailingNewline ? src + '\n' : src;
        expect(observe(s, { ...base, onBadLines: 'warn' }, true, [])).toEqual(observe(s, { ...base, onBadLines: 'warn' }, false, []));
      }),
      { numRuns: 1000 },
    );
  });

  it('hands a record with a carriage return to the state machine', () => {
    const t = createTokenizer('a,b\n1,2\r3,4\n"x"y,5\n', base);
    t.tokenizeAll();
    expect(t.rows).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
      ['xy', '5'],
    ]);
  });

  it('keeps plain fields as spans of the text and quoted fields as strings', () => {
    const t = createTokenizer('a,"b ""q"""\n', base);
    t.tokenizeAll();
    const cells = t.table.column(1, 0, 1);
    expect(cells.start[0]).toBeLessThan(0);
    expect(cells.get(0)).toBe('b "q"');
    expect(t.table.column(0, 0, 1).start[0]).toBe(0);
  });
});
