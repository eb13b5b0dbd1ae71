/**
 * read_csv's missing-value strings: readers._clean_na_values (na_values, keep_default_na, with
 * numbers stringified as '5', '5.0' and matched by value when parsing floats) and
 * TextReader._get_na_list (which list applies to a column).
 */
import { hashKey } from '../python/values.js';
import { floatRepr } from '../python/floatRepr.js';
import { pyStr } from '../python/pyStr.js';
import type { Label } from './column.js';
import type { NaSpec } from './csvConvert.js';

/** An na_values entry: pandas stringifies numbers ('5', '5.0') and matches floats by value. */
export type NaValue = string | number | bigint | boolean;

// pandas' STR_NA_VALUES.
export const DEFAULT_NA_VALUES: readonly string[] = [
  '-1.#IND', '1.#QNAN', '1.#IND', '-1.#QNAN', '#N/A N/A', '#N/A', 'N/A', 'n/a', 'NA', '<NA>', '#NA',
  'NULL', 'null', 'NaN', '-NaN', 'nan', '-nan', '',
];

/** Python's str() of an na_values entry. */
function naText(v: NaValue): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return floatRepr(v);
  return pyStr(v);
}

/** Python's float() of an na_values entry, or null. */
function naFloat(v: NaValue): number | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  const t = v.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$|^[+-]?(inf|infinity|nan)$/i.test(t)) return null;
  const x = /^[+-]?inf/i.test(t) ? (t.startsWith('-') ? -Infinity : Infinity) : /nan/i.test(t) ? NaN : Number(t);
  return x;
}

/** readers._stringify_na_values: each value, its str, and for integral numbers 'n' and 'n.0'. */
function stringifyNa(values: NaValue[]): Set<string> {
  const out = new Set<string>();
  for (const x of values) {
    out.add(naText(x));
    const f = naFloat(x);
    if (f !== null && Number.isFinite(f) && Number.isInteger(f)) {
      const i = BigInt(f).toString();
      out.add(`${i}.0`);
      out.add(i);
    }
    if (f !== null && !Number.isNaN(f)) out.add(floatRepr(f));
    if (typeof x === 'string' && /^\s*[+-]?\d+\s*$/.test(x)) out.add(BigInt(x.trim()).toString());
  }
  return out;
}

function floatifyNa(values: Iterable<NaValue>): Set<number> {
  const out = new Set<number>();
  for (const v of values) {
    const f = naFloat(v);
    if (f !== null && !Number.isNaN(f)) out.add(f === 0 ? 0 : f);
  }
  return out;
}

export interface NaConfig {
  filter: boolean;
  global?: NaSpec;
  perColumn?: Map<string, NaSpec>;
  keepDefault: boolean;
}

const DEFAULT_CONFIG: NaConfig = {
  filter: true,
  keepDefault: true,
  global: { filter: true, strings: new Set(DEFAULT_NA_VALUES), floats: new Set() },
};

/** readers._clean_na_values + TextReader._get_na_list. */
export function naConfig(o: { naValues?: NaValue[] | Map<Label, NaValue[]>; keepDefaultNa?: boolean; naFilter?: boolean }): NaConfig {
  const keepDefault = o.keepDefaultNa ?? true;
  const filter = o.naFilter ?? true;
  const na = o.naValues;
  if (na === undefined) {
    // The usual read_csv: one shared spec (never modified), so that what the converters derive
    // from it (csvConvert's NaTest) is made once per process, not once per file.
    if (filter && keepDefault) return DEFAULT_CONFIG;
    return {
      filter,
      keepDefault,
      global: { filter, strings: new Set(keepDefault ? DEFAULT_NA_VALUES : []), floats: new Set() },
    };
  }
  if (na instanceof Map) {
    const perColumn = new Map<string, NaSpec>();
    for (const [k, v] of na) {
      const list = [...v, ...(keepDefault ? DEFAULT_NA_VALUES : [])];
      perColumn.set(hashKey(k), { filter, strings: new Set(list.map(naText)), floats: floatifyNa(list) });
    }
    return { filter, keepDefault, perColumn };
  }
  const strings = stringifyNa(na);
  if (keepDefault) for (const s of DEFAULT_NA_VALUES) strings.add(s);
  return { filter, keepDefault, global: { filter, strings, floats: floatifyNa([...na, ...strings]) } };
}

export function naFor(cfg: NaConfig, col: number, name: Label | undefined): NaSpec {
  const none: NaSpec = { filter: false, strings: new Set(), floats: new Set() };
  if (!cfg.filter) return none;
  if (cfg.global) return cfg.global;
  const per = cfg.perColumn!;
  if (name !== undefined && per.has(hashKey(name))) return per.get(hashKey(name))!;
  if (per.has(hashKey(BigInt(col)))) return per.get(hashKey(BigInt(col)))!;
  return { filter: true, strings: new Set(cfg.keepDefault ? DEFAULT_NA_VALUES : []), floats: new Set() };
}
