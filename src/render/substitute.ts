/**
 * `dftables render --to rst|md`: each evaluated df-table is replaced in the page text by a
 * static table, everything else byte for byte unchanged (line endings included).
 *
 * --to rst: a csv-table with the same argument and options (minus df-var/df-arg) and the data
 * inline, quoted so docutils reads back exactly the cells the df-table showed; plain Sphinx then
 * builds the page without dftables or pandas. Markdown pages get the MyST `{csv-table}` fence.
 * --to md: a GitHub pipe table (Markdown pages only), for READMEs regenerated from data.
 * A failed block becomes an `error` admonition (rst) or a quoted error line (md).
 */
import type { BlockResult } from '../engine.js';
import type { DirectiveBlock } from '../directive/types.js';
import { formatDiagnostic } from '../errors.js';
import { docutilsDialect, pythonSplitLines, readCsvRows, type CsvDialect } from './csvDialect.js';
import { isNumericText } from './table.js';

const DROPPED_OPTIONS = new Set(['df-var', 'df-arg']);

/** Replaces each block's lines (startLine..endLine) with what `replace` returns. */
export function substituteBlocks(text: string, blocks: DirectiveBlock[], replace: (block: DirectiveBlock, eol: string) => string[]): string {
  const lines = text.split(/(?<=\n)/);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const sorted = [...blocks].sort((a, b) => a.startLine - b.startLine);
  const out: string[] = [];
  let next = 0;
  for (const b of sorted) {
    out.push(...lines.slice(next, b.startLine - 1));
    const last = lines[b.endLine - 1] ?? '';
    const ending = /\r?\n$/.exec(last)?.[0] ?? '';
    const replacement = replace(b, eol);
    out.push(replacement.map((l, k) => l + (k < replacement.length - 1 ? eol : ending)).join(''));
    next = b.endLine;
  }
  out.push(...lines.slice(next));
  return out.join('');
}

/** Rows as the df-table showed them: to_csv text read with its csv-table dialect options. */
export function tableRows(result: BlockResult): string[][] {
  const opts = result.options!;
  return readCsvRows(pythonSplitLines(result.csv ?? ''), docutilsDialect(opts));
}

/** One CSV line in `d`'s dialect with every field quoted (so no whitespace or delimiter is lost). */
function quoteRow(row: string[], d: CsvDialect): string {
  const q = d.quotechar;
  return row
    .map((f) => {
      const body = d.doublequote ? f.split(q).join(q + q) : f.split(d.escapechar!).join(d.escapechar! + d.escapechar!).split(q).join(d.escapechar! + q);
      return q + body + q;
    })
    .join(d.delimiter === ' ' ? ' ' : d.delimiter);
}

/**
 * docutils parses a df-table cell from `cell.splitlines()` as is, where a tab is neither a space
 * (no indentation, no list-marker gap) nor nothing; but Sphinx expands the tabs of a page it reads,
 * so a tab in the static table would become spaces and change what the cell is. A no-break space
 * is what docutils treats as it treats a tab in a cell (whitespace to inline markup and strip(),
 * not to ' +' patterns) and reads the same.
 */
function keepTabs(cell: string): string {
  return cell.includes('\t') ? cell.replace(/\t/g, '\u00a0') : cell;
}

function optionLines(block: DirectiveBlock, prefix: string): string[] {
  return block.options.filter((o) => !DROPPED_OPTIONS.has(o.name)).map((o) => `${prefix}:${o.name}:${o.value ? ' ' + o.value : ''}`);
}

/** The static replacement of one block, for `--to rst` (RST or MyST syntax, following the page). */
export function staticCsvTable(block: DirectiveBlock, result: BlockResult | undefined, pageLines: string[]): string[] {
  const first = block.indent;
  const rest = block.indent.replace(/[^\t]/g, ' ');
  const myst = block.format === 'md';
  if (!result?.ok || !result.options) {
    const message = result?.error ? formatDiagnostic(result.error) : `${block.file}:${block.line}: df-table was not evaluated`;
    if (myst) {
      const fence = fenceOf(pageLines[block.startLine - 1]);
      return [`${first}${fence}{error}`, `${rest}df-table failed: ${message}`, `${rest}${fence}`];
    }
    return [`${first}.. error::`, '', `${rest}   df-table failed: ${message}`];
  }
  const dialect = docutilsDialect(result.options);
  const data = tableRows(result).flatMap((row) => quoteRow(myst ? row : row.map(keepTabs), dialect).split('\n'));
  if (myst) {
    const fence = fenceOf(pageLines[block.startLine - 1]);
    return [
      `${first}${fence}{csv-table}${block.argument ? ' ' + block.argument : ''}`,
      ...optionLines(block, rest),
      '',
      ...data.map((l) => (l ? rest + l : '')),
      `${rest}${fence}`,
    ];
  }
  const inner = rest + '   ';
  return [`${first}.. csv-table::${block.argument ? ' ' + block.argument : ''}`, ...optionLines(block, inner), '', ...data.map((l) => (l ? inner + l : ''))];
}

/** The fence that opens a MyST block (```` ``` ````, ```` ```` ````, `:::`). */
function fenceOf(line: string | undefined): string {
  return /(`{3,}|~{3,}|:{3,})/.exec(line ?? '')?.[1] ?? '```';
}

/** A GitHub pipe table for `--to md`; the title (argument) becomes a bold line above it. */
export function pipeTable(block: DirectiveBlock, result: BlockResult | undefined): string[] {
  const first = block.indent;
  const rest = block.indent.replace(/[^\t]/g, ' ');
  if (!result?.ok || !result.options) {
    const message = result?.error ? formatDiagnostic(result.error) : `${block.file}:${block.line}: df-table was not evaluated`;
    return [`${first}> **df-table failed:** ${escapeCell(message)}`];
  }
  const rows = tableRows(result);
  const ncols = Math.max(1, ...rows.map((r) => r.length));
  const pad = (r: string[]) => [...r, ...Array<string>(Math.max(0, ncols - r.length)).fill('')];
  const headerRows = result.options.headerRows;
  const header = headerRows > 0 ? pad(rows[0] ?? []) : Array<string>(ncols).fill('');
  // Extra header rows have no place in a pipe table: they lead the body, in bold.
  const extra = rows.slice(1, headerRows).map((r) => pad(r).map((c) => (c ? `**${c}**` : c)));
  const body = rows.slice(headerRows).map(pad);
  const numeric = header.map((_, c) => body.some((r) => r[c].trim()) && body.every((r) => !r[c].trim() || isNumericText(r[c])));
  const line = (cells: string[]) => `| ${cells.map(escapeCell).join(' | ')} |`;
  const out = [
    ...(block.argument ? [`**${block.argument}**`, ''] : []),
    line(header),
    `|${numeric.map((n) => (n ? '---:' : '---')).join('|')}|`,
    ...extra.map(line),
    ...body.map(line),
  ];
  return out.map((l, k) => (k === 0 ? first : l ? rest : '') + l);
}

function escapeCell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}
