/**
 * The lint checks for tables pandas builds without complaint but that are probably wrong
 * (DT601-DT603). They are pure functions over column values and join indexers, so the frame
 * layer calls them with one line where it sorts and merges, and reports what they return with
 * `rt.warn`. The checks on the finished table (DT604, DT605) are in resultTracker.ts.
 */
import type { DiagnosticCode } from '../diagnostics/codes.js';
import { pyRepr } from '../python/pyStr.js';
import type { PyValue } from '../python/values.js';

export interface Finding {
  code: DiagnosticCode;
  message: string;
}

// ---- DT601: sorting numbers that were formatted as text ------------------------------------

const CURRENCY = '[$€£¥₹]|USD|EUR|GBP';
/** 1,234,567 or 1234567, with an optional fraction; or a bare fraction (.5); an optional exponent. */
const MAGNITUDE = String.raw`(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?`;
/** %, or a unit: ms, GB, x, tokens/s, img/sec, K (a few letters, an optional per-unit). */
const SUFFIX = String.raw`%|[A-Za-zµ×]{1,12}(?:\/[A-Za-z]{1,8})?|\/[A-Za-z]{1,8}`;
const FORMATTED = new RegExp(String.raw`^\s*([-+]?)\s*(?:${CURRENCY})?\s*([-+]?)\s*(${MAGNITUDE})\s*(?:${SUFFIX})?\s*$`);

/**
 * The number a formatted string shows ('$1,234.50' -> 1234.5, '12.5%' -> 12.5, '3.2 ms' ->
 * 3.2), or undefined when the text is not a number with decorations.
 */
export function parseFormattedNumber(text: string): number | undefined {
  const m = FORMATTED.exec(text);
  if (!m) return undefined;
  if (m[1] && m[2]) return undefined; // two signs: not a number
  const n = Number(m[3].replace(/,/g, ''));
  if (!Number.isFinite(n)) return undefined;
  return m[1] === '-' || m[2] === '-' ? -n : n;
}

function isMissing(v: PyValue): boolean {
  return v === null || (typeof v === 'number' && v !== v);
}

/** JavaScript compares strings by UTF-16 units, Python (and pandas) by code points. */
function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/**
 * DT601 when a sort key holds only numbers written as text (currency, thousands separators,
 * percent, units) and text order differs from numeric order: '$10.000' sorts before '$2.000'.
 * `values` are the key's cells; non-text keys and keys with any other text are fine.
 */
export function formattedSortFinding(label: PyValue, values: Iterable<PyValue>): Finding | undefined {
  const numbers = new Map<string, number>();
  for (const v of values) {
    if (isMissing(v)) continue;
    if (typeof v !== 'string') return undefined;
    if (numbers.has(v)) continue;
    const n = parseFormattedNumber(v);
    if (n === undefined) return undefined;
    numbers.set(v, n);
  }
  if (numbers.size < 2) return undefined;
  const texts = [...numbers.keys()].sort(compareCodePoints);
  for (let i = 1; i < texts.length; i++) {
    const before = texts[i - 1];
    const after = texts[i];
    if (numbers.get(before)! > numbers.get(after)!) {
      return {
        code: 'DT601',
        message: `sorting by ${pyRepr(label)}, whose values are numbers formatted as text: ${pyRepr(before)} sorts before ${pyRepr(after)}`,
      };
    }
  }
  return undefined;
}

// ---- DT602 / DT603: merges that drop or multiply rows --------------------------------------

export interface JoinFacts {
  how: string;
  /** The key names, as written ('Inst. Type'). */
  keys: readonly PyValue[];
  leftRows: number;
  /** For each output row, the left row it came from (-1: none) and the right row (-1: none). */
  leftIndexer: ArrayLike<number>;
  rightIndexer: ArrayLike<number>;
  /** The key of a left row and of a right row, as text for messages ('trn1.2xlarge', 'a/1'). */
  leftKey(row: number): string;
  rightKey(row: number): string;
}

const MAX_NAMED = 3;

function named(keys: Map<string, number>): string {
  const list = [...keys].slice(0, MAX_NAMED).map(([k, n]) => (n > 1 ? `${pyRepr(k)} (${n} rows)` : pyRepr(k)));
  return list.join(', ') + (keys.size > MAX_NAMED ? `, and ${keys.size - MAX_NAMED} more` : '');
}

/**
 * DT602 when an inner merge leaves left rows out (their keys are missing from the right table:
 * an instance type missing from the price list), DT603 when left rows come out more than once
 * (their key occurs several times on the right).
 */
export function mergeFindings(j: JoinFacts): Finding[] {
  const out: Finding[] = [];
  const seen = new Uint32Array(j.leftRows);
  for (let i = 0; i < j.leftIndexer.length; i++) {
    const l = j.leftIndexer[i];
    if (l < 0) continue;
    seen[l]++;
  }
  const on = j.keys.length === 1 ? pyRepr(j.keys[0]) : `(${j.keys.map((k) => pyRepr(k)).join(', ')})`;
  if (j.how === 'inner') {
    const missing = new Map<string, number>();
    let dropped = 0;
    for (let l = 0; l < j.leftRows; l++) {
      if (seen[l]) continue;
      dropped++;
      const k = j.leftKey(l);
      missing.set(k, (missing.get(k) ?? 0) + 1);
    }
    if (dropped) {
      out.push({
        code: 'DT602',
        message: `inner merge on ${on} drops ${dropped} of ${j.leftRows} rows: no match on the right for ${named(missing)}`,
      });
    }
  }
  // Right rows behind a left row that comes out more than once, grouped by their key.
  const dupRows = new Map<string, Set<number>>();
  let multiplied = 0;
  for (let l = 0; l < j.leftRows; l++) if (seen[l] > 1) multiplied++;
  if (multiplied) {
    for (let i = 0; i < j.leftIndexer.length; i++) {
      const l = j.leftIndexer[i];
      const r = j.rightIndexer[i];
      if (l < 0 || r < 0 || seen[l] < 2) continue;
      const k = j.rightKey(r);
      let rows = dupRows.get(k);
      if (!rows) dupRows.set(k, (rows = new Set()));
      rows.add(r);
    }
    const list = [...dupRows].slice(0, MAX_NAMED).map(([k, rows]) => `${pyRepr(k)} ${rows.size} times`);
    const more = dupRows.size > MAX_NAMED ? ` and ${dupRows.size - MAX_NAMED} more keys` : '';
    out.push({
      code: 'DT603',
      message: `merge on ${on} multiplies rows: the right table has ${list.join(', ')}${more}, so ${multiplied} left row${multiplied === 1 ? '' : 's'} come${multiplied === 1 ? 's' : ''} out more than once`,
    });
  }
  return out;
}
