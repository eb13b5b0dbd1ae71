import { describe, expect, it } from 'vitest';
import { codeFrame } from '../../src/lint/codeFrame.js';
import { ANSI_PAINT, NO_PAINT, paintFor } from '../../src/lint/paint.js';

const lines = ['Title', '', "   df = df[['Model', 'Thru']]", '\tx = 1'];

describe('codeFrame', () => {
  it('shows the page line with its number and a caret under the column', () => {
    expect(codeFrame(lines, { line: 3, column: 22, severity: 'error' }, NO_PAINT)).toBe(["3 |    df = df[['Model', 'Thru']]", "  |                      ^"].join('\n'));
  });

  it('underlines a span that ends on the same line', () => {
    const frame = codeFrame(lines, { line: 3, column: 22, endLine: 3, endColumn: 28, severity: 'error' }, NO_PAINT);
    expect(frame.split('\n')[1]).toBe('  |                      ^^^^^^');
  });

  it('keeps tabs in the caret line so it lines up', () => {
    expect(codeFrame(lines, { line: 4, column: 4, severity: 'warning' }, NO_PAINT).split('\n')[1]).toBe('  | \t  ^');
  });

  it('puts the caret after the end of a line for a column past it', () => {
    expect(codeFrame(['ab'], { line: 1, column: 9, severity: 'error' }, NO_PAINT).split('\n')[1]).toBe('  |   ^');
  });

  it('is empty for a line the page does not have', () => {
    expect(codeFrame(lines, { line: 99, column: 1, severity: 'error' }, NO_PAINT)).toBe('');
  });

  it('colours the caret red for errors when painting', () => {
    expect(codeFrame(lines, { line: 1, column: 1, severity: 'error' }, ANSI_PAINT)).toContain('\x1b[31m^\x1b[39m');
  });
});

describe('paintFor', () => {
  it('paints on a terminal', () => {
    expect(paintFor({ isTTY: true }, {})).toBe(ANSI_PAINT);
  });

  it('does not paint into a pipe', () => {
    expect(paintFor({ isTTY: false }, {})).toBe(NO_PAINT);
  });

  it('respects NO_COLOR on a terminal', () => {
    expect(paintFor({ isTTY: true }, { NO_COLOR: '1' })).toBe(NO_PAINT);
  });

  it('paints into a pipe with FORCE_COLOR', () => {
    expect(paintFor({ isTTY: false }, { FORCE_COLOR: '1' })).toBe(ANSI_PAINT);
  });
});
