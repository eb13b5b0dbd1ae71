/**
 * Finds df-table directives in Markdown (MyST): ```` ```{df-table} ```` and `:::{df-table}`
 * fences, options as `:name: value` lines or a `---` YAML block at the top of the body. Other
 * code fences are skipped (a df-table shown as an example is not evaluated); fences of other
 * directives (tab-set, note, ...) are scanned for nested df-tables.
 */
import type { DirectiveBlock, DirectiveOption } from './types.js';
import { DF_DIRECTIVES } from './rst.js';

const FENCE = /^(\s*(?:(?:[-*+]|\d+[.)])\s+)*)(`{3,}|~{3,}|:{3,})\s*(\{([A-Za-z0-9][\w.:+-]*)\})?\s*(.*)$/;
const LITERAL_DIRECTIVES = new Set(['code-block', 'code', 'sourcecode', 'literalinclude', 'math', 'raw', 'eval-rst', 'csv-table', 'list-table', 'mermaid', 'graphviz']);

const isBlank = (s: string) => s.trim() === '';

export function findMystBlocks(text: string, file: string): DirectiveBlock[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const blocks: DirectiveBlock[] = [];
  // Open fences whose content we scan (directives other than df-table), innermost last.
  const open: { char: string; len: number }[] = [];
  let i = 0;
  // Front matter is not content.
  if (lines[0]?.trim() === '---') {
    const close = lines.findIndex((l, k) => k > 0 && l.trim() === '---');
    if (close > 0) i = close + 1;
  }
  while (i < lines.length) {
    const m = FENCE.exec(lines[i]);
    if (!m) {
      i++;
      continue;
    }
    const fence = m[2];
    const top = open[open.length - 1];
    if (top && fence[0] === top.char && fence.length >= top.len && !m[3] && isBlank(m[5])) {
      open.pop(); // closes the enclosing directive fence
      i++;
      continue;
    }
    if (fence[0] === ':' && !m[3]) {
      i++; // a bare ':::' that closes nothing we track
      continue;
    }
    const name = m[4];
    const close = findClose(lines, i + 1, fence);
    if (name && DF_DIRECTIVES.has(name)) {
      blocks.push(parseFence(lines, i, close, m[1].length, name, m[5], file));
      i = close + 1;
    } else if (name && !LITERAL_DIRECTIVES.has(name)) {
      open.push({ char: fence[0], len: fence.length });
      i++;
    } else {
      i = close + 1; // a code fence: literal
    }
  }
  return blocks;
}

/** Index of the closing fence line (or the last line if the fence is never closed). */
function findClose(lines: string[], from: number, fence: string): number {
  const re = new RegExp(`^\\s*${fence[0] === '`' ? '`' : fence[0] === '~' ? '~' : ':'}{${fence.length},}\\s*$`);
  for (let j = from; j < lines.length; j++) if (re.test(lines[j])) return j;
  return lines.length - 1;
}

function parseFence(lines: string[], start: number, close: number, indentLen: number, name: string, argument: string, file: string): DirectiveBlock {
  const closed = close > start && /^\s*(`{3,}|~{3,}|:{3,})\s*$/.test(lines[close]);
  const bodyEnd = closed ? close : close + 1; // exclusive
  const strip = (l: string) => Math.min(indentLen, l.length - l.trimStart().length);
  let k = start + 1;
  const options: DirectiveOption[] = [];
  if (k < bodyEnd && lines[k].trim() === '---') {
    // YAML-style options block: `key: value` lines up to the next '---'.
    let j = k + 1;
    while (j < bodyEnd && lines[j].trim() !== '---') {
      const om = /^(\s*)([\w-]+)\s*:\s*(.*)$/.exec(lines[j]);
      if (om) options.push({ name: om[2], value: unquote(om[3].trim()), pos: { line: j + 1, col: om[1].length + 1 } });
      j++;
    }
    k = j + 1;
  } else {
    while (k < bodyEnd) {
      const om = /^(\s*):([\w-]+):(?:\s+(.*)|\s*)$/.exec(lines[k]);
      if (!om) break;
      options.push({ name: om[2], value: (om[3] ?? '').trim(), pos: { line: k + 1, col: om[1].length + 1 } });
      k++;
    }
  }
  while (k < bodyEnd && isBlank(lines[k])) k++;
  const code: string[] = [];
  const mapLines: number[] = [];
  const mapCols: number[] = [];
  for (let j = k; j < bodyEnd; j++) {
    const s = strip(lines[j]);
    code.push(lines[j].slice(s));
    mapLines.push(j + 1);
    mapCols.push(s);
  }
  while (code.length && isBlank(code[code.length - 1])) {
    code.pop();
    mapLines.pop();
    mapCols.pop();
  }
  return {
    file,
    format: 'md',
    name,
    line: start + 1,
    col: indentLen + 1,
    argument: argument.trim(),
    options,
    code: code.join('\n'),
    map: { lines: mapLines, cols: mapCols },
    startLine: start + 1,
    endLine: closed ? close + 1 : lines.length,
    indent: lines[start].slice(0, indentLen),
  };
}

function unquote(v: string): string {
  const m = /^(['"])(.*)\1$/.exec(v);
  return m ? m[2] : v;
}
