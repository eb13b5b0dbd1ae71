/**
 * Finds `.. df-table::` blocks in reStructuredText, at any indentation (inside tab-set/tab-item,
 * admonitions, list items), the way docutils splits a directive into argument, options and
 * content. Literal regions (`::` paragraphs, code-block, comments) are skipped, so a df-table shown
 * as an example in a code block is not evaluated.
 */
import type { DirectiveBlock, DirectiveOption } from './types.js';

const DIRECTIVE = /^(\s*(?:(?:[-*+•‣⁃]|\d+[.)]|#\.|\(\d+\))\s+)*)\.\.\s+([A-Za-z0-9][\w.:+-]*?)::(?:\s+(.*))?$/;
const COMMENT_OR_TARGET = /^(\s*)\.\.(?:\s|$)/;
/** Directives whose content is not reStructuredText: nothing inside them is a df-table. */
const LITERAL_DIRECTIVES = new Set(['code-block', 'code', 'sourcecode', 'literalinclude', 'parsed-literal', 'math', 'raw', 'highlight', 'doctest', 'testcode', 'testoutput', 'ipython', 'jupyter-execute', 'csv-table', 'list-table', 'graphviz', 'mermaid', 'plot']);

export const DF_DIRECTIVES = new Set(['df-table']);

/** Width of leading whitespace, with tabs to 8-column stops as docutils does. */
function indentWidth(line: string): number {
  let w = 0;
  for (const ch of line) {
    if (ch === ' ') w++;
    else if (ch === '\t') w = w + 8 - (w % 8);
    else break;
  }
  return w;
}

function leadingChars(line: string): number {
  return line.length - line.replace(/^[ \t]+/, '').length;
}

const isBlank = (s: string) => s.trim() === '';

export function findRstBlocks(text: string, file: string): DirectiveBlock[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: DirectiveBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    const m = DIRECTIVE.exec(line);
    if (m) {
      const markerCol = m[1].length; // column of '..' (0-based, in characters)
      const markerIndent = indentWidth(line.slice(0, markerCol).replace(/[^\s]/g, ' '));
      const end = blockEnd(lines, i, markerIndent);
      const name = m[2];
      if (DF_DIRECTIVES.has(name)) {
        blocks.push(parseDirective(lines, i, end, markerCol, name, m[3] ?? '', file));
        i = end + 1;
        continue;
      }
      if (LITERAL_DIRECTIVES.has(name)) {
        i = end + 1;
        continue;
      }
      i++; // content of other directives is RST: scan it for nested df-tables
      continue;
    }
    const c = COMMENT_OR_TARGET.exec(line);
    if (c && !/^\s*\.\.\s+(_|\[|\|)/.test(line)) {
      // A comment: everything indented under it is commentary.
      i = blockEnd(lines, i, indentWidth(line)) + 1;
      continue;
    }
    if (/::\s*$/.test(line) && !isBlank(line)) {
      // A paragraph ending in '::' introduces a literal block: the following more-indented lines.
      const base = paragraphIndent(lines, i);
      let j = i + 1;
      while (j < lines.length && isBlank(lines[j])) j++;
      if (j < lines.length && indentWidth(lines[j]) > base) {
        i = blockEnd(lines, j - 1, base) + 1;
        continue;
      }
    }
    i++;
  }
  return blocks;
}

/** Indentation of the paragraph that line `i` ends. */
function paragraphIndent(lines: string[], i: number): number {
  let k = i;
  while (k > 0 && !isBlank(lines[k - 1]) && indentWidth(lines[k - 1]) === indentWidth(lines[i])) k--;
  return indentWidth(lines[k]);
}

/** Last line index (inclusive, non-blank) of the block that starts at `start` and holds lines indented more than `base`. */
function blockEnd(lines: string[], start: number, base: number): number {
  let last = start;
  for (let j = start + 1; j < lines.length; j++) {
    if (isBlank(lines[j])) continue;
    if (indentWidth(lines[j]) <= base) break;
    last = j;
  }
  return last;
}

function parseDirective(lines: string[], start: number, end: number, markerCol: number, name: string, firstArg: string, file: string): DirectiveBlock {
  const body = lines.slice(start + 1, end + 1);
  // docutils dedents the block by the smallest indentation of its non-blank lines after the first.
  const nonBlank = body.filter((l) => !isBlank(l));
  const dedent = nonBlank.length ? Math.min(...nonBlank.map(leadingChars)) : 0;

  let k = 0;
  const argParts = firstArg.trim() ? [firstArg.trim()] : [];
  // Argument continuation lines: until a blank line or the first option.
  while (k < body.length && !isBlank(body[k]) && !body[k].trimStart().startsWith(':')) {
    argParts.push(body[k].trim());
    k++;
  }
  const options: DirectiveOption[] = [];
  while (k < body.length && !isBlank(body[k])) {
    const raw = body[k];
    const om = /^(\s*):((?:\\.|[^:\\])+):(?:\s+(.*)|\s*)$/.exec(raw);
    if (!om) break;
    let value = (om[3] ?? '').trim();
    const optLine = start + 2 + k;
    const optIndent = indentWidth(raw);
    k++;
    // Field bodies may continue on more-indented lines.
    while (k < body.length && !isBlank(body[k]) && indentWidth(body[k]) > optIndent) {
      value += (value ? ' ' : '') + body[k].trim();
      k++;
    }
    options.push({ name: om[2].trim(), value, pos: { line: optLine, col: om[1].length + 1 } });
  }
  // A non-option line right after the options (no blank line) stays part of the options block in
  // docutils and makes it an error; we treat it as content, like most authors mean it.
  while (k < body.length && isBlank(body[k])) k++;
  const contentStart = k;
  const codeLines: string[] = [];
  const mapLines: number[] = [];
  const mapCols: number[] = [];
  for (let j = contentStart; j < body.length; j++) {
    codeLines.push(body[j].slice(Math.min(dedent, leadingChars(body[j]))));
    mapLines.push(start + 2 + j);
    mapCols.push(isBlank(body[j]) ? 0 : Math.min(dedent, leadingChars(body[j])));
  }
  while (codeLines.length && isBlank(codeLines[codeLines.length - 1])) {
    codeLines.pop();
    mapLines.pop();
    mapCols.pop();
  }
  return {
    file,
    format: 'rst',
    name,
    line: start + 1,
    col: markerCol + 1,
    argument: argParts.join(' '),
    options,
    code: codeLines.join('\n'),
    map: { lines: mapLines, cols: mapCols },
    startLine: start + 1,
    endLine: end + 1,
    indent: lines[start].slice(0, markerCol),
  };
}
