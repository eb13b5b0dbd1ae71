/** Loads test/fixtures/format/goldens.json (written by CPython 3.11 / numpy 1.24 via gen_goldens.py). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PyDict, PyList, PyTuple, type PyValue } from '../../src/python/values.js';

export type Encoded =
  | { t: 'none' }
  | { t: 'bool'; v: boolean }
  | { t: 'int'; v: string }
  | { t: 'float'; v: string }
  | { t: 'str'; v: string }
  | { t: 'list' | 'tuple'; v: Encoded[] }
  | { t: 'dict'; v: [Encoded, Encoded][] };

export interface Outcome {
  ok?: string;
  error?: string;
  message?: string;
}

export function parseFloatRepr(s: string): number {
  if (s === 'inf') return Infinity;
  if (s === '-inf') return -Infinity;
  if (s === 'nan') return NaN;
  return Number(s);
}

export function decode(e: Encoded): PyValue {
  switch (e.t) {
    case 'none':
      return null;
    case 'bool':
      return e.v;
    case 'int':
      return BigInt(e.v);
    case 'float':
      return parseFloatRepr(e.v);
    case 'str':
      return e.v;
    case 'list':
      return new PyList(e.v.map(decode));
    case 'tuple':
      return new PyTuple(e.v.map(decode));
    case 'dict':
      return PyDict.from(e.v.map(([k, v]) => [decode(k), decode(v)] as [PyValue, PyValue]));
  }
}

export const goldens = JSON.parse(
  readFileSync(fileURLToPath(new URL('../fixtures/format/goldens.json', import.meta.url)), 'utf8'),
) as {
  /** results[i][j] = format(values[i], specs[j]): the text, or [exception name, message]. */
  format: { values: Encoded[]; specs: string[]; results: (string | [string, string])[][] }[];
  exact: ({ value: Encoded; spec: string } & Outcome)[];
  repr: { x: string; repr: string; f: string | null }[];
  round: { x: string; d: number | null; py: Outcome; np?: Outcome }[];
  pyrepr: { value: Encoded; repr: string; str: string; ascii: string }[];
  strformat: ({ template: string; args: Encoded[]; kwargs: [string, Encoded][] } & Outcome)[];
  printf: ({ template: string; args: Encoded } & Outcome)[];
};

/** Python exception name -> the dftables code we raise for it. */
export const CODE_OF: Record<string, string> = {
  ValueError: 'DT208',
  OverflowError: 'DT208',
  TypeError: 'DT204',
  IndexError: 'DT209',
  KeyError: 'DT209',
  AttributeError: 'DT202',
};

/** Runs fn and reports what happened in the goldens' terms. */
export function attempt(fn: () => string): Outcome & { code?: string } {
  try {
    return { ok: fn() };
  } catch (e) {
    const err = e as { code?: string; message: string };
    return { code: err.code, message: err.message };
  }
}
