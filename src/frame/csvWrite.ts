/**
 * df.to_csv(index=False) as pandas 1.5.3 writes it through Python's csv module (QUOTE_MINIMAL,
 * '\n' line ends), and csv.reader for reading that text back (renderers).
 *
 * Cells: float64 as repr(float) with NaN empty; int64 as digits; bool as True/False; object
 * cells via str() with None/NaN/pd.NA/NaT empty. A field is quoted when it holds ',', '"' or
 * '\n' (not '\r': the writer's line terminator is '\n'), and a record that is one empty field is
 * written as "" so that it is not a blank line.
 */
import { floatRepr } from '../python/floatRepr.js';
import { pyStr } from '../python/pyStr.js';
import type { Column, Label } from './column.js';
import { isMissingCell } from './csvMissing.js';
import { csvBodyBytes } from './csvWriteBytes.js';

export { parseCsvRows } from './csvParse.js';
export { isMissingCell };

/** Tables with at least this many cells are written as bytes (csvWriteBytes.ts). */
const BYTES_MIN_CELLS = 4096;

/** The text pandas writes for one cell. */
export function cellText(c: Column, row: number): string {
  switch (c.dtype) {
    case 'float64': {
      const x = c.data[row];
      return Number.isNaN(x) ? '' : floatRepr(x);
    }
    case 'int64': {
      const x = c.data[row];
      return Number.isSafeInteger(x) ? String(x) : BigInt(x).toString();
    }
    case 'bool':
      return c.data[row] ? 'True' : 'False';
    case 'object': {
      const v = c.data[row];
      return isMissingCell(v) ? '' : pyStr(v);
    }
  }
}

/** Python csv QUOTE_MINIMAL for one field. */
export function quoteField(s: string): string {
  for (let k = 0; k < s.length; k++) {
    const ch = s.charCodeAt(k);
    if (ch === 44 || ch === 34 || ch === 10) return '"' + s.replace(/"/g, '""') + '"';
  }
  return s;
}

function record(fields: string[]): string {
  // csv.writer: a record made of one empty field is written as "" (else it would be a blank line).
  if (fields.length === 1 && fields[0] === '') return '""\n';
  return fields.map(quoteField).join(',') + '\n';
}

/** A column label as the header writes it: str(label), missing labels empty. */
function labelText(l: Label): string {
  return isMissingCell(l) ? '' : pyStr(l);
}

/**
 * df.to_csv(index=False). `nrows` is only needed for a frame without columns, which pandas
 * writes as one empty line per row after the (empty) header line.
 */
export function toCsv(names: Label[], columns: Column[], nrows?: number): string {
  if (columns.length && columns[0].data.length * columns.length >= BYTES_MIN_CELLS) {
    const body = csvBodyBytes(columns);
    if (body !== null) return (names.length ? record(names.map(labelText)) : '\n') + body;
  }
  return toCsvStrings(names, columns, nrows);
}

/** toCsv a string per cell: small tables, and text that is not Latin-1. */
export function toCsvStrings(names: Label[], columns: Column[], nrows?: number): string {
  const parts: string[] = [record(names.map(labelText))];
  if (names.length === 0) parts[0] = '\n';
  const n = columns.length ? columns[0].data.length : (nrows ?? 0);
  const fields: string[] = new Array(columns.length);
  for (let r = 0; r < n; r++) {
    if (columns.length === 0) {
      parts.push('\n');
      continue;
    }
    for (let k = 0; k < columns.length; k++) fields[k] = cellText(columns[k], r);
    parts.push(record(fields));
  }
  return parts.join('');
}
