/** Line utilities for the block parser, following docutils' statemachine (indented blocks, tabs). */

/**
 * Splits page text into lines the way docutils does: tabs to 8-column stops, trailing whitespace
 * dropped. `'cell'` is for a csv-table cell, which docutils parses from `cell.splitlines()` as
 * is: tabs and trailing whitespace stay (a tab is no indentation, `A.\t` is no enumerator).
 */
export function toLines(text: string, mode: 'page' | 'cell' = 'page'): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  return mode === 'cell' ? lines : lines.map((l) => expandTabs(l).replace(/[\s\u000b\u000c]+$/, ''));
}

export function expandTabs(line: string): string {
  if (!line.includes('\t')) return line;
  let out = '';
  for (const ch of line) {
    if (ch === '\t') out += ' '.repeat(8 - (out.length % 8));
    else out += ch;
  }
  return out;
}

export const isBlank = (s: string | undefined): boolean => s === undefined || s.trim() === '';

export function indentOf(line: string): number {
  return line.length - line.trimStart().length;
}

export interface Indented {
  lines: string[];
  /** Index just after the block in the source array. */
  end: number;
  /** The block was followed by a blank line or the end of input (docutils' blank_finish). */
  blankFinish: boolean;
}

/**
 * docutils' get_indented: from `start`, the lines that are blank or indented; the block ends at the
 * first non-blank line in column 0. With `firstIndent`, the first line is taken from that column
 * whatever its indentation (list items, explicit markup). With `blockIndent`, lines need at least
 * that indentation and exactly that much is removed; otherwise the smallest indentation of the
 * (non-first) lines is removed. Trailing blank lines are not part of the block.
 */
export function indentedBlock(src: string[], start: number, opts: { firstIndent?: number; blockIndent?: number } = {}): Indented {
  const { blockIndent } = opts;
  const firstIndent = opts.firstIndent ?? blockIndent;
  let end = start;
  if (firstIndent !== undefined) end++;
  let indent = blockIndent;
  let blankFinish = true;
  while (end < src.length) {
    const line = src[end];
    if (line && (line[0] !== ' ' || (blockIndent !== undefined && line.slice(0, blockIndent).trim()))) {
      blankFinish = end > start && isBlank(src[end - 1]);
      break;
    }
    if (line.trim() && blockIndent === undefined) {
      const li = indentOf(line);
      indent = indent === undefined ? li : Math.min(indent, li);
    }
    end++;
  }
  const block = src.slice(start, end);
  if (firstIndent !== undefined && block.length) block[0] = block[0].slice(firstIndent);
  if (indent) {
    for (let k = firstIndent !== undefined ? 1 : 0; k < block.length; k++) block[k] = block[k].slice(indent);
  }
  let stop = block.length;
  while (stop > 0 && isBlank(block[stop - 1])) stop--;
  return { lines: block.slice(0, stop), end, blankFinish };
}

/** Removes leading and trailing blank lines; returns the lines and how many were removed in front. */
export function trimBlankLines(lines: string[]): { lines: string[]; skipped: number } {
  let a = 0;
  let b = lines.length;
  while (a < b && isBlank(lines[a])) a++;
  while (b > a && isBlank(lines[b - 1])) b--;
  return { lines: lines.slice(a, b), skipped: a };
}

/** Strips the common indentation of non-blank lines. */
export function dedent(lines: string[]): string[] {
  let min = Infinity;
  for (const l of lines) if (l.trim()) min = Math.min(min, indentOf(l));
  if (!Number.isFinite(min) || min === 0) return lines.slice();
  return lines.map((l) => l.slice(min));
}
