/**
 * csv-table and df-table, assembled as docutils' CSVTable does (the original df_tables
 * extension subclasses it): rows read with the docutils CSV dialect, `:header:` rows first, then
 * `:header-rows:` of the data in thead, the dimension checks docutils makes, short rows padded,
 * and every non-empty cell parsed as body markup (so roles in cells become links).
 * A df-table whose block failed renders as an error box in place of its table.
 */
import type { Diagnostic } from '../../errors.js';
import { DftablesError } from '../../errors.js';
import { OPTION_SPEC, type TableOptions } from '../../directive/options.js';
import type { DirectiveCall, RenderState } from '../context.js';
import { CsvError, docutilsDialect, HEADER_DIALECT, pythonSplitLines, readCsvRows } from '../csvDialect.js';
import { renderTable, type CellInput } from '../table.js';
import { renderTemplate } from '../templates.js';
import { directiveSource } from './options.js';

type CsvOptions = TableOptions & { file?: string; url?: string };

/** A csv-table's options, converted and checked by the same converters df-table's use. */
function csvTableOptions(d: DirectiveCall, rs: RenderState): CsvOptions {
  const out: CsvOptions = { headerRows: 0, stubColumns: 0, classes: [], dfVar: 'df', keepspace: false };
  for (const o of d.options) {
    if (!Object.hasOwn(OPTION_SPEC, o.name) || o.name === 'df-var' || o.name === 'df-arg') {
      rs.warn(o.line, 'DT704', `unknown option ':${o.name}:' for ${d.name} (ignored)`);
      continue;
    }
    let v: unknown;
    try {
      v = OPTION_SPEC[o.name](o.value, { name: o.name, value: o.value, pos: { line: o.line, col: 1 } });
    } catch (e) {
      rs.warn(o.line, 'DT704', e instanceof DftablesError ? `${e.message} (ignored)` : String(e));
      continue;
    }
    switch (o.name) {
      case 'header-rows': out.headerRows = v as number; break;
      case 'stub-columns': out.stubColumns = v as number; break;
      case 'widths': out.widths = v as TableOptions['widths']; break;
      case 'width': out.width = v as string; break;
      case 'align': out.align = v as TableOptions['align']; break;
      case 'class': out.classes.push(...(v as string[])); break;
      case 'name': out.name = v as string; break;
      case 'header': out.header = v as string; break;
      case 'delim': out.delim = v as string; break;
      case 'quote': out.quote = v as string; break;
      case 'keepspace': out.keepspace = true; break;
      case 'escape': out.escape = v as string; break;
      case 'encoding': out.encoding = v as string; break;
      case 'file': out.file = v as string; break;
      case 'url': out.url = v as string; break;
    }
  }
  return out;
}

export function csvTable(d: DirectiveCall, rs: RenderState): string {
  const opts = csvTableOptions(d, rs);
  let lines: string[];
  if (d.content.length) {
    if (opts.file || opts.url) return tableProblem(d, rs, `"${d.name}" directive may not both specify an external file and have content.`);
    lines = d.content;
  } else if (opts.url) {
    return tableProblem(d, rs, `"${d.name}" directive: :url: is not supported (dftables builds offline); download the file and use :file:.`);
  } else if (opts.file) {
    const read = rs.readFile(opts.file, d.file, d.line, 'DT401');
    if (!read) return tableProblem(d, rs, `Problems with "${d.name}" directive path: ${opts.file}`, false);
    lines = pythonSplitLines(read.text.replace(/^\ufeff/, ''));
  } else {
    return tableProblem(d, rs, `The "${d.name}" directive requires content; none supplied.`);
  }
  return assembleTable(d, rs, lines, opts, d.content.length ? d.contentLine : d.line);
}

export function dfTable(d: DirectiveCall, rs: RenderState): string {
  rs.dfTables++;
  const result = rs.env.table(d.line, d.file);
  if (!result || !result.ok || result.csv === undefined || !result.options) {
    rs.dfErrors++;
    if (result?.error) return errorBox(result.error, rs, d.name);
    // The block finder and the page parser disagree about this directive: say so rather than show nothing.
    const error: Diagnostic = { file: d.file, line: d.line, column: d.col, severity: 'error', code: 'DT204', message: 'internal error: this df-table was not evaluated' };
    rs.env.report(error);
    return errorBox(error, rs, d.name);
  }
  let html = assembleTable(d, rs, pythonSplitLines(result.csv), result.options, d.line);
  if (rs.env.showWarnings) for (const w of result.warnings) html += errorBox(w, rs, d.name);
  return html;
}

function assembleTable(d: DirectiveCall, rs: RenderState, lines: string[], opts: TableOptions, cellLine: number): string {
  let rows: string[][];
  let head: string[][] = [];
  try {
    if (opts.header) head = readCsvRows(opts.header.split('\n'), HEADER_DIALECT);
    rows = readCsvRows(lines, docutilsDialect(opts));
  } catch (e) {
    if (e instanceof CsvError) return tableProblem(d, rs, `Error with CSV data in "${d.name}" directive: ${e.message}`);
    throw e;
  }
  const maxCols = Math.max(0, ...rows.map((r) => r.length), ...head.map((r) => r.length));
  const { headerRows, stubColumns } = opts;
  if (rows.length < headerRows) {
    return tableProblem(d, rs, `${headerRows} header row(s) specified but only ${rows.length} row(s) of data supplied ("${d.name}" directive).`);
  }
  // df-table too: the original extension is a CSVTable, so a frame with no rows under its header
  // rows, or no columns beside its stub columns, is this error and no table in its pages.
  if (rows.length === headerRows && headerRows > 0) {
    return tableProblem(d, rs, `Insufficient data supplied (${rows.length} row(s)); no data remaining for table body, required by "${d.name}" directive.`);
  }
  for (const row of rows) {
    if (row.length < stubColumns) return tableProblem(d, rs, `${stubColumns} stub column(s) specified but only ${row.length} columns(s) of data supplied ("${d.name}" directive).`);
    if (row.length === stubColumns && stubColumns > 0) {
      return tableProblem(d, rs, `Insufficient data supplied (${row.length} columns(s)); no data remaining for table body, required by "${d.name}" directive.`);
    }
  }
  if (Array.isArray(opts.widths) && opts.widths.length !== maxCols) {
    return tableProblem(d, rs, `"${d.name}" widths do not match the number of columns in table (${maxCols}).`);
  }
  if (!maxCols) return tableProblem(d, rs, 'No table data detected in CSV file.');
  const toCells = (r: string[]): CellInput[] => {
    const cells = r.map((text) => ({ html: text.replace(/[\r\n]/g, '') ? rs.markup.body(text, cellLine) : '' }));
    while (cells.length < maxCols) cells.push({ html: '' });
    return cells;
  };
  return renderTable({
    head: [...head, ...rows.slice(0, headerRows)].map(toCells),
    body: rows.slice(headerRows).map(toCells),
    stubColumns,
    widths: Array.isArray(opts.widths) ? opts.widths : undefined,
    width: opts.width,
    align: opts.align,
    classes: opts.classes,
    id: d.nameId ?? (d.argument ? rs.ids.use() : undefined),
    caption: d.argument ? rs.markup.inline(d.argument, d.line) : undefined,
  });
}

/** docutils' error system message for a table it cannot build: the message and the directive source. */
function tableProblem(d: DirectiveCall, rs: RenderState, message: string, report = true): string {
  if (report) rs.error(d.line, 'DT705', message, d.col, d.file);
  return renderTemplate('problem', { level: 'ERROR', line: d.line, message, source: d.source || directiveSource(d.name, d.argument, d.options, d.content) });
}

/** The visible box a failed df-table leaves in place of its table (also used for its warnings). */
export function errorBox(e: Diagnostic, rs: RenderState, directive = 'df-table'): string {
  let excerpt: { text: string; caret: string } | undefined;
  const src = e.file === rs.env.file ? rs.env.lines?.[e.line - 1] : undefined;
  if (src !== undefined) {
    const col = Math.max(1, e.column);
    const lead = src.slice(0, col - 1).replace(/[^\t]/g, ' ');
    excerpt = { text: src, caret: lead + '^' };
  }
  return renderTemplate('error', {
    severity: e.severity,
    title: `${directive} ${e.severity === 'error' ? 'failed' : 'warning'}: ${e.code}`,
    location: `${e.file}:${e.line}:${e.column}`,
    message: e.message,
    hint: e.hint,
    excerpt,
  });
}
