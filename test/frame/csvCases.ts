/** Loads test/fixtures/csv/cases.json (pandas 1.5.3's read_csv + to_csv per case, from gen_cases.py). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ReadCsvOptions } from '../../src/frame/csvRead.js';

type Enc = string | number | boolean | null | Enc[] | { $dtype: string } | { $int: string } | { $float: string } | { $map: [Enc, Enc][] };

export interface CsvCase {
  name: string;
  file: string;
  kwargs: { $map: [Enc, Enc][] };
  ok: boolean;
  csv?: string;
  error?: string;
  message?: string;
}

const fixtures = fileURLToPath(new URL('../fixtures/csv/', import.meta.url));

export const csvCases: CsvCase[] = JSON.parse(readFileSync(fixtures + 'cases.json', 'utf8'));

export function caseText(c: CsvCase): string {
  return readFileSync(fixtures + 'readcsv/' + c.file, 'utf8');
}

/** Decodes a Python value: ints become bigint where they are labels, numbers elsewhere. */
function decode(e: Enc, asLabel: boolean): unknown {
  if (Array.isArray(e)) return e.map((x) => decode(x, asLabel));
  if (e && typeof e === 'object') {
    if ('$dtype' in e) return e.$dtype;
    if ('$int' in e) return asLabel ? BigInt(e.$int) : Number(e.$int);
    if ('$float' in e) return Number(e.$float);
    if ('$map' in e) return new Map(e.$map.map(([k, v]) => [decode(k, true), decode(v, asLabel)]));
  }
  return e;
}

const KEYS: Record<string, keyof ReadCsvOptions> = {
  sep: 'sep',
  delimiter: 'delimiter',
  header: 'header',
  names: 'names',
  usecols: 'usecols',
  dtype: 'dtype',
  skiprows: 'skiprows',
  skipfooter: 'skipfooter',
  nrows: 'nrows',
  comment: 'comment',
  na_values: 'naValues',
  keep_default_na: 'keepDefaultNa',
  na_filter: 'naFilter',
  thousands: 'thousands',
  decimal: 'decimal',
  true_values: 'trueValues',
  false_values: 'falseValues',
  skip_blank_lines: 'skipBlankLines',
  skipinitialspace: 'skipinitialspace',
  quotechar: 'quotechar',
  quoting: 'quoting',
  escapechar: 'escapechar',
  doublequote: 'doublequote',
  lineterminator: 'lineterminator',
  delim_whitespace: 'delimWhitespace',
  index_col: 'indexCol',
  on_bad_lines: 'onBadLines',
};

/** The case's keyword arguments as ReadCsvOptions (as the interpreter would pass them). */
export function caseOptions(c: CsvCase): ReadCsvOptions {
  const o: Record<string, unknown> = {};
  for (const [k, v] of c.kwargs.$map) {
    const key = KEYS[k as string];
    if (!key) throw new Error(`no ReadCsvOptions key for ${String(k)}`);
    // names and na_values hold Python values (ints are labels / bigints); the rest are plain numbers.
    o[key] = decode(v, key === 'names' || key === 'naValues');
  }
  return o as ReadCsvOptions;
}
