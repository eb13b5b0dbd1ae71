/** What the directive finders (rst.ts, myst.ts) hand to everything downstream. */
import type { Pos } from '../errors.js';

export type PageFormat = 'rst' | 'md';

export interface DirectiveOption {
  name: string;
  /** Raw text after the option name, trimmed; '' for flag options. */
  value: string;
  /** Page position of the option's name (the ':' that opens it). */
  pos: Pos;
}

/** Maps code lines back into the page: code line i (0-based) is page line `lines[i]`, shifted right by `cols[i]` characters. */
export interface LineMap {
  lines: number[];
  cols: number[];
}

export interface DirectiveBlock {
  /** Path of the page as given to the command (used in diagnostics). */
  file: string;
  format: PageFormat;
  /** The directive's name as written ('df-table'). */
  name: string;
  /** 1-based page line of `.. df-table::` or of the opening fence: the block's identity in eval --json and expected.json. */
  line: number;
  /** 1-based column of the `..` or of the fence. */
  col: number;
  /** Directive argument (the table title), '' if none. */
  argument: string;
  options: DirectiveOption[];
  /** The code body, dedented, with lines joined by '\n'. */
  code: string;
  /** Where each code line sits in the page. */
  map: LineMap;
  /** 1-based page line of the first line of the directive and of its last line (inclusive), for substitution. */
  startLine: number;
  endLine: number;
  /** Indentation (the exact whitespace) in front of the directive marker. */
  indent: string;
}

/** Page position of a 1-based (line, col) inside a block's code. */
export function codeToPage(map: LineMap, line: number, col: number): Pos {
  const i = Math.min(Math.max(line - 1, 0), map.lines.length - 1);
  if (i < 0) return { line, col };
  return { line: map.lines[i], col: col + map.cols[i] };
}
