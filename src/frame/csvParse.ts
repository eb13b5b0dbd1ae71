/**
 * Python's csv.reader (default dialect, strict=False) over a text opened with newline='':
 * lines end after '\n', '\r\n' or a lone '\r'; quoted fields may span lines; a blank line is an
 * empty record. Ported from CPython 3.11 Modules/_csv.c (parse_process_char).
 */
import { DftablesError } from '../errors.js';

const enum S {
  START_RECORD,
  START_FIELD,
  IN_FIELD,
  IN_QUOTED_FIELD,
  QUOTE_IN_QUOTED_FIELD,
  EAT_CRNL,
}

/** Splits like io.StringIO(text, newline='').readline(), keeping the line ends. */
function lines(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 10) {
      out.push(text.slice(start, k + 1));
      start = k + 1;
    } else if (c === 13) {
      if (text.charCodeAt(k + 1) === 10) k++;
      out.push(text.slice(start, k + 1));
      start = k + 1;
    }
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

/** csv.reader(io.StringIO(text, newline='')): the records of a CSV text. */
export function parseCsvRows(text: string): string[][] {
  const records: string[][] = [];
  let fields: string[] = [];
  let field = '';
  let fieldLen = 0; // characters added to the current field (csv's field_len)
  let state: S = S.START_RECORD;

  const saveField = () => {
    fields.push(field);
    field = '';
    fieldLen = 0;
  };
  const add = (c: string) => {
    field += c;
    fieldLen++;
  };

  // c === null is the end-of-line marker CPython feeds after each line (EOL).
  const process = (c: string | null) => {
    switch (state) {
      case S.START_RECORD:
        if (c === null) return;
        if (c === '\n' || c === '\r') {
          state = S.EAT_CRNL;
          return;
        }
        state = S.START_FIELD;
        process(c);
        return;
      case S.START_FIELD:
        if (c === '\n' || c === '\r' || c === null) {
          saveField();
          state = c === null ? S.START_RECORD : S.EAT_CRNL;
        } else if (c === '"') state = S.IN_QUOTED_FIELD;
        else if (c === ',') saveField();
        else {
          add(c);
          state = S.IN_FIELD;
        }
        return;
      case S.IN_FIELD:
        if (c === '\n' || c === '\r' || c === null) {
          saveField();
          state = c === null ? S.START_RECORD : S.EAT_CRNL;
        } else if (c === ',') {
          saveField();
          state = S.START_FIELD;
        } else add(c);
        return;
      case S.IN_QUOTED_FIELD:
        if (c === null) return;
        if (c === '"') state = S.QUOTE_IN_QUOTED_FIELD;
        else add(c);
        return;
      case S.QUOTE_IN_QUOTED_FIELD:
        if (c === '"') {
          add(c);
          state = S.IN_QUOTED_FIELD;
        } else if (c === ',') {
          saveField();
          state = S.START_FIELD;
        } else if (c === '\n' || c === '\r' || c === null) {
          saveField();
          state = c === null ? S.START_RECORD : S.EAT_CRNL;
        } else {
          add(c);
          state = S.IN_FIELD;
        }
        return;
      case S.EAT_CRNL:
        if (c === '\n' || c === '\r') return;
        if (c === null) {
          state = S.START_RECORD;
          return;
        }
        throw new DftablesError('DT402', "new-line character seen in unquoted field - do you need to open the file with newline=''?");
    }
  };

  for (const line of lines(text)) {
    for (const c of line) process(c);
    process(null);
    if (state === S.START_RECORD) {
      records.push(fields);
      fields = [];
    }
  }
  // End of input inside a record: csv (strict=False) keeps what it has.
  if (fieldLen !== 0 || (state as S) === S.IN_QUOTED_FIELD) {
    saveField();
    records.push(fields);
  }
  return records;
}
