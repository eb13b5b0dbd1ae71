/**
 * Python's csv reader (the _csv.c state machine) with the dialects docutils' csv-table uses:
 * DocutilsDialect for the data (skipinitialspace, strict, overridable delimiter/quote/escape)
 * and HeaderDialect for the :header: option. df-table cells go through the same reader, as in
 * the original extension (a CSVTable subclass), so a cell reads exactly as csv-table reads it.
 */

export interface CsvDialect {
  delimiter: string;
  quotechar: string;
  escapechar?: string;
  doublequote: boolean;
  skipinitialspace: boolean;
  strict: boolean;
}

export class CsvError extends Error {}

export function docutilsDialect(opts: { delim?: string; quote?: string; escape?: string; keepspace?: boolean } = {}): CsvDialect {
  return {
    delimiter: opts.delim ?? ',',
    quotechar: opts.quote ?? '"',
    escapechar: opts.escape,
    doublequote: opts.escape === undefined,
    skipinitialspace: !opts.keepspace,
    strict: true,
  };
}

/**
 * Python's str.splitlines(): docutils reads csv-table data (a :file:, the original df_tables
 * extension's `df.to_csv(index=False).splitlines()`) with it, so a cell holding \v, \f, \x1c-\x1e,
 * \x85, U+2028 or U+2029 breaks the CSV line there, as \r, \n and \r\n do. No trailing empty line.
 */
const PY_LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;

export function pythonSplitLines(text: string): string[] {
  const lines = text.split(PY_LINE_BREAK);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export const HEADER_DIALECT: CsvDialect = { delimiter: ',', quotechar: '"', escapechar: '\\', doublequote: false, skipinitialspace: true, strict: true };

const EOL = '';

type State = 'startRecord' | 'startField' | 'escaped' | 'afterEscapedCrnl' | 'inField' | 'inQuoted' | 'escapeInQuoted' | 'quoteInQuoted' | 'eatCrnl';

/**
 * Reads rows from lines (each is given a trailing '\n', as docutils does). Throws CsvError like
 * csv.Error. A line holding a whole record with no quote, escape or CR is split directly: the
 * state machine would produce exactly that, only slower.
 */
export function readCsvRows(lines: string[], d: CsvDialect): string[][] {
  const special = new RegExp(`[${[d.quotechar, d.escapechar ?? '', '\\r'].map((c) => c.replace(/[\\\]^-]/g, '\\$&')).join('')}]`);
  const plain = (raw: string) => raw !== '' && d.delimiter !== ' ' && !special.test(raw);
  const rows: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let fieldLen = 0;
  let state: State = 'startRecord';
  let lineNo = 0;
  const save = () => {
    fields.push(field);
    field = '';
    fieldLen = 0;
  };
  const add = (c: string) => {
    field += c;
    fieldLen++;
  };
  const isNl = (c: string) => c === '\n' || c === '\r';
  const step = (c: string): void => {
    switch (state) {
      case 'startRecord':
        if (c === EOL) return;
        if (isNl(c)) {
          state = 'eatCrnl';
          return;
        }
        state = 'startField';
        return step(c);
      case 'startField':
        if (isNl(c) || c === EOL) {
          save();
          state = c === EOL ? 'startRecord' : 'eatCrnl';
        } else if (c === d.quotechar) state = 'inQuoted';
        else if (c === d.escapechar) state = 'escaped';
        else if (c === ' ' && d.skipinitialspace) {
          /* skipped */
        } else if (c === d.delimiter) save();
        else {
          add(c);
          state = 'inField';
        }
        return;
      case 'escaped':
        if (isNl(c)) {
          add(c);
          state = 'afterEscapedCrnl';
          return;
        }
        add(c === EOL ? '\n' : c);
        state = 'inField';
        return;
      case 'afterEscapedCrnl':
        if (c === EOL) return;
        state = 'inField';
        return step(c);
      case 'inField':
        if (isNl(c) || c === EOL) {
          save();
          state = c === EOL ? 'startRecord' : 'eatCrnl';
        } else if (c === d.escapechar) state = 'escaped';
        else if (c === d.delimiter) {
          save();
          state = 'startField';
        } else add(c);
        return;
      case 'inQuoted':
        if (c === EOL) {
          /* the newline itself was added as a character */
        } else if (c === d.escapechar) state = 'escapeInQuoted';
        else if (c === d.quotechar) state = d.doublequote ? 'quoteInQuoted' : 'inField';
        else add(c);
        return;
      case 'escapeInQuoted':
        add(c === EOL ? '\n' : c);
        state = 'inQuoted';
        return;
      case 'quoteInQuoted':
        if (c === d.quotechar) {
          add(c);
          state = 'inQuoted';
        } else if (c === d.delimiter) {
          save();
          state = 'startField';
        } else if (isNl(c) || c === EOL) {
          save();
          state = c === EOL ? 'startRecord' : 'eatCrnl';
        } else if (!d.strict) {
          add(c);
          state = 'inField';
        } else throw new CsvError(`'${d.delimiter}' expected after '${d.quotechar}' (line ${lineNo})`);
        return;
      case 'eatCrnl':
        if (c === EOL) state = 'startRecord';
        else if (!isNl(c)) throw new CsvError(`new-line character seen in unquoted field (line ${lineNo})`);
        return;
    }
  };
  for (const raw of lines) {
    lineNo++;
    if (state === 'startRecord' && plain(raw)) {
      rows.push(d.skipinitialspace ? raw.split(d.delimiter).map((f) => f.replace(/^ +/, '')) : raw.split(d.delimiter));
      continue;
    }
    for (const c of raw + '\n') step(c);
    step(EOL);
    if (state === 'startRecord') {
      rows.push(fields);
      fields = [];
    }
  }
  if (state !== 'startRecord' && state !== 'eatCrnl' && (fieldLen !== 0 || state === 'inQuoted')) {
    if (d.strict) throw new CsvError(`unexpected end of data (line ${lineNo})`);
    save();
    rows.push(fields);
  } else if (fields.length) rows.push(fields);
  return rows;
}
