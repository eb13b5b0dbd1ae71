/**
 * Column conversion of pandas 1.5.3's TextReader (parsers.pyx: _convert_tokens,
 * _convert_with_dtype, _try_int64 / _try_uint64 / _try_double / _try_bool_flex,
 * _string_box_utf8, _maybe_upcast): the per-column type inference int64 -> float64 -> bool ->
 * object and the user dtype paths with pandas' error messages.
 */
import { DftablesError } from '../errors.js';
import type { PyValue } from '../python/values.js';
import type { Column } from './column.js';
import { parseCsvFloat, strToInt64, strToUint64, toBoolean, xstrtodRange, INT64_MAX } from './csvNumbers.js';
import type { Cells } from './csvTable.js';
import { parsePyFloat, parsePyInt } from '../python/floatParse.js';
import { pyRepr } from '../python/pyStr.js';

/** What a column's cells are tested against: NA strings and, for float parsing, NA numbers. */
export interface NaSpec {
  /** false when na_filter=False or no NA list applies (nothing is NA). */
  filter: boolean;
  strings: Set<string>;
  floats: Set<number>;
}

export type ConvTarget = 'int64' | 'float64' | 'bool' | 'object';

export interface ConvertContext {
  decimal: string;
  thousands: string | null;
  trueSet: Set<string>;
  falseSet: Set<string>;
  /** QUOTE_NONNUMERIC: inference starts at float64. */
  noInt: boolean;
}

/** A converted column before _maybe_upcast: NA cells are flagged, not yet NaN. */
type Raw =
  /** `values` is exact while |v| <= 2**53; `big` holds every value as an int once one is larger. */
  | { kind: 'int64'; values: Float64Array; big: bigint[] | null; na: Uint8Array; naCount: number }
  | { kind: 'uint64'; values: bigint[] }
  | { kind: 'float64'; values: Float64Array; naCount: number }
  | { kind: 'bool'; values: Uint8Array; na: Uint8Array; naCount: number }
  | { kind: 'object'; values: PyValue[]; naCount: number };

class Overflow {}
/** _try_uint64's uint64_conflict: a column of huge ints mixed with NA or negatives. */
class Conflict {}

/**
 * A NaSpec ready for testing cells: the longest NA string and the NA strings' first characters
 * reject most cells before any string is built or hashed. Made once per NaSpec.
 */
interface NaTest {
  filter: boolean;
  strings: Set<string>;
  maxLen: number;
  /** 1 where an NA string starts with this ASCII character; others in firstOther. */
  firstAscii: Uint8Array;
  firstOther: Set<number>;
  hasEmpty: boolean;
  parsesInt?: boolean;
  parsesFloat: Map<number, boolean>;
}
const naTests = new WeakMap<NaSpec, NaTest>();

function naTest(na: NaSpec): NaTest {
  let t = naTests.get(na);
  if (!t) {
    t = { filter: na.filter, strings: na.strings, maxLen: 0, firstAscii: new Uint8Array(128), firstOther: new Set(), hasEmpty: na.strings.has(''), parsesFloat: new Map() };
    for (const s of na.strings) {
      t.maxLen = Math.max(t.maxLen, s.length);
      if (!s.length) continue;
      const c = s.charCodeAt(0);
      if (c < 128) t.firstAscii[c] = 1;
      else t.firstOther.add(c);
    }
    naTests.set(na, t);
  }
  return t;
}

function mayStartNa(t: NaTest, c: number): boolean {
  return c < 128 ? t.firstAscii[c] === 1 : t.firstOther.has(c);
}

/**
 * Whether some NA string parses as a plain int / as a float (with these decimal and thousands
 * characters). When none does, a cell that parses cannot be NA, so the converters parse first
 * and test for NA only the cells that do not parse. Cached per NaTest.
 */
function naParsesInt(t: NaTest): boolean {
  if (!t.filter) return false;
  t.parsesInt ??= [...t.strings].some((s) => plainInt(s, 0, s.length) !== null);
  return t.parsesInt;
}

function naParsesFloat(t: NaTest, dec: number, sep: number): boolean {
  if (!t.filter) return false;
  const key = dec * 0x20000 + sep + 1;
  let r = t.parsesFloat.get(key);
  if (r === undefined) {
    r = [...t.strings].some((s) => xstrtodRange(s, 0, s.length, dec, sep) !== null);
    t.parsesFloat.set(key, r);
  }
  return r;
}

function isNaText(cell: string, t: NaTest): boolean {
  if (!t.filter) return false;
  if (cell.length === 0) return t.hasEmpty;
  if (cell.length > t.maxLen || !mayStartNa(t, cell.charCodeAt(0))) return false;
  return t.strings.has(cell);
}

/** isNa for cell k without building its string unless its length and first character could match. */
function isNa(cells: Cells, k: number, t: NaTest): boolean {
  if (!t.filter) return false;
  const s = cells.start[k];
  if (s < 0) return isNaText(cells.strs[-1 - s], t);
  const len = cells.end[k] - s;
  if (len === 0) return t.hasEmpty;
  if (len > t.maxLen || !mayStartNa(t, cells.src.charCodeAt(s))) return false;
  return t.strings.has(cells.src.slice(s, cells.end[k]));
}

/**
 * An optionally signed run of 1 to 15 digits in s[from, to), which a double holds exactly, or
 * null for anything else (the caller then takes the general str_to_int64 path).
 */
function plainInt(s: string, from: number, to: number): number | null {
  let p = from;
  const c = s.charCodeAt(p);
  const neg = c === 45;
  if (neg || c === 43) p++;
  const len = to - p;
  if (len < 1 || len > 15) return null;
  let v = 0;
  for (; p < to; p++) {
    const d = s.charCodeAt(p) - 48;
    if (d < 0 || d > 9) return null;
    v = v * 10 + d;
  }
  return neg ? -v + 0 : v;
}

const SAFE = 2n ** 53n;

// The converters' loops are functions of their own that return a number: a loop inside a
// function that then builds the result object is recompiled for every column (V8 deoptimizes
// it on reaching the code after the loop, which had not run when the loop was optimized).

/** What an in-place loop returns for a column it leaves to the general loop. */
const GENERAL = -1;

/**
 * _try_int64 for the usual column, in place: every cell a plain int (up to 15 digits) or NA.
 * Fills values and naFlags; returns the NA count, or GENERAL at the first other cell (the
 * general loop then converts the column, with its slower paths kept out of this one).
 */
function intsInPlace(cells: Cells, t: NaTest, skipNa: boolean, values: Float64Array, naFlags: Uint8Array): number {
  const n = cells.length;
  const src = cells.src;
  const start = cells.start;
  const end = cells.end;
  let naCount = 0;
  for (let k = 0; k < n; k++) {
    const s = start[k];
    if (s < 0) return GENERAL;
    if (skipNa) {
      const v = plainInt(src, s, end[k]);
      if (v !== null) {
        values[k] = v;
        continue;
      }
    }
    if (isNa(cells, k, t)) {
      naFlags[k] = 1;
      naCount++;
      continue;
    }
    if (skipNa) return GENERAL;
    const v = plainInt(src, s, end[k]);
    if (v === null) return GENERAL;
    values[k] = v;
  }
  return naCount;
}

/** The first cell that is not NA, or -1. */
function firstValue(cells: Cells, t: NaTest): number {
  for (let k = 0; k < cells.length; k++) if (!isNa(cells, k, t)) return k;
  return -1;
}

function tryInt64(cells: Cells, na: NaSpec, ctx: ConvertContext): Raw | null {
  const t = naTest(na);
  // A text column fails at its first value: say so before allocating anything.
  const k0 = firstValue(cells, t);
  if (k0 >= 0) {
    const cell = cells.get(k0);
    if (plainInt(cell, 0, cell.length) === null) {
      const r = strToInt64(cell, ctx.thousands);
      if (!r.ok && r.error !== 'overflow') return null;
    }
  }
  const n = cells.length;
  const values = new Float64Array(n);
  const naFlags = new Uint8Array(n);
  const naCount = intsInPlace(cells, t, !naParsesInt(t), values, naFlags);
  if (naCount === GENERAL) return tryInt64General(cells, t, ctx);
  return { kind: 'int64', values, big: null, na: naFlags, naCount };
}

/** _try_int64 for any column: ints beyond 2**53 kept exact, overflow thrown for _try_uint64. */
function tryInt64General(cells: Cells, t: NaTest, ctx: ConvertContext): Raw | null {
  const n = cells.length;
  const values = new Float64Array(n);
  let big: bigint[] | null = null;
  const naFlags = new Uint8Array(n);
  let naCount = 0;
  for (let k = 0; k < n; k++) {
    if (isNa(cells, k, t)) {
      naFlags[k] = 1;
      naCount++;
      if (big) big.push(0n);
      continue;
    }
    const cell = cells.get(k);
    const plain = plainInt(cell, 0, cell.length);
    if (plain !== null) {
      values[k] = plain;
      if (big) big.push(BigInt(plain));
      continue;
    }
    const r = strToInt64(cell, ctx.thousands);
    if (!r.ok) {
      if (r.error === 'overflow') throw new Overflow();
      return null;
    }
    values[k] = Number(r.value);
    if (!big && (r.value > SAFE || r.value < -SAFE)) big = Array.from(values.subarray(0, k), (v) => BigInt(v));
    if (big) big.push(r.value);
  }
  return { kind: 'int64', values, big, na: naFlags, naCount };
}

function tryUint64(cells: Cells, na: NaSpec, ctx: ConvertContext): Raw | null {
  const t = naTest(na);
  const values: bigint[] = new Array(cells.length);
  let seenSint = false;
  let seenUint = false;
  let seenNull = false;
  for (let k = 0; k < cells.length; k++) {
    const cell = cells.get(k);
    if (isNaText(cell, t)) {
      seenNull = true;
      values[k] = 0n;
      continue;
    }
    const r = strToUint64(cell, ctx.thousands);
    if (!r.ok) {
      if (r.error === 'overflow') throw new Overflow();
      return null;
    }
    if (r.value === null) {
      seenSint = true;
      values[k] = 0n;
      continue;
    }
    if (r.value > INT64_MAX) seenUint = true;
    values[k] = r.value;
  }
  if (seenUint && (seenSint || seenNull)) throw new Conflict();
  if (seenSint) throw new Overflow();
  return { kind: 'uint64', values };
}

/**
 * _try_double for the usual column, in place: every cell a float by precise_xstrtod or NA.
 * Fills values; returns the NA count, or GENERAL at the first other cell.
 */
function floatsInPlace(cells: Cells, t: NaTest, floats: Set<number> | null, dec: number, sep: number, values: Float64Array): number {
  const n = cells.length;
  const src = cells.src;
  const start = cells.start;
  const end = cells.end;
  let naCount = 0;
  for (let k = 0; k < n; k++) {
    const s = start[k];
    if (s < 0) return GENERAL;
    const v = xstrtodRange(src, s, end[k], dec, sep);
    if (v === null) {
      if (!isNa(cells, k, t)) return GENERAL;
      values[k] = NaN;
      naCount++;
    } else if (floats !== null && floats.has(v)) {
      values[k] = NaN;
      naCount++;
    } else values[k] = v;
  }
  return naCount;
}

function tryDouble(cells: Cells, na: NaSpec, ctx: ConvertContext): Raw | null {
  const t = naTest(na);
  const k0 = firstValue(cells, t);
  if (k0 >= 0 && parseCsvFloat(cells.get(k0), ctx.decimal, ctx.thousands) === null) return null;
  const values = new Float64Array(cells.length);
  const dec = ctx.decimal.charCodeAt(0);
  const sep = ctx.thousands === null ? -1 : ctx.thousands.charCodeAt(0);
  const floats = na.filter && na.floats.size > 0 ? na.floats : null;
  // Parsing first is right only when no NA string parses (see naParsesFloat).
  const naCount = naParsesFloat(t, dec, sep) ? GENERAL : floatsInPlace(cells, t, floats, dec, sep, values);
  if (naCount === GENERAL) return tryDoubleGeneral(cells, t, floats, ctx);
  return { kind: 'float64', values, naCount };
}

/** _try_double for any column. */
function tryDoubleGeneral(cells: Cells, t: NaTest, floats: Set<number> | null, ctx: ConvertContext): Raw | null {
  const n = cells.length;
  const values = new Float64Array(n);
  let naCount = 0;
  for (let k = 0; k < n; k++) {
    if (isNa(cells, k, t)) {
      values[k] = NaN;
      naCount++;
      continue;
    }
    const v = parseCsvFloat(cells.get(k), ctx.decimal, ctx.thousands);
    if (v === null) return null;
    if (floats !== null && floats.has(v)) {
      values[k] = NaN;
      naCount++;
      continue;
    }
    values[k] = v;
  }
  return { kind: 'float64', values, naCount };
}

function tryBool(cells: Cells, na: NaSpec, ctx: ConvertContext): Raw | null {
  const t = naTest(na);
  const k0 = firstValue(cells, t);
  if (k0 >= 0) {
    const cell = cells.get(k0);
    if (!ctx.trueSet.has(cell) && !ctx.falseSet.has(cell) && toBoolean(cell) === null) return null;
  }
  const values = new Uint8Array(cells.length);
  const naFlags = new Uint8Array(cells.length);
  let naCount = 0;
  for (let k = 0; k < cells.length; k++) {
    const cell = cells.get(k);
    if (isNaText(cell, t)) {
      naFlags[k] = 1;
      naCount++;
      continue;
    }
    if (ctx.trueSet.has(cell)) values[k] = 1;
    else if (ctx.falseSet.has(cell)) values[k] = 0;
    else {
      const b = toBoolean(cell);
      if (b === null) return null;
      values[k] = b ? 1 : 0;
    }
  }
  return { kind: 'bool', values, na: naFlags, naCount };
}

/**
 * Text columns repeat their values (model names, instance types): equal cells share one string,
 * so that a 100,000-row column holds a few hundred strings, not 100,000 that survive garbage
 * collection one by one and are hashed one by one by merge, groupby and sort. Sharing stops
 * once the column looks mostly distinct (the table would cost more than it saves).
 */
const INTERN_PROBE = 1024;

/** _string_box_utf8's loop: fills values (NaN for NA cells); returns the NA count. */
function objectsInPlace(cells: Cells, t: NaTest, values: PyValue[]): number {
  const n = cells.length;
  let naCount = 0;
  let shared: Map<string, string> | null = n > 64 ? new Map() : null;
  for (let k = 0; k < n; k++) {
    if (isNa(cells, k, t)) {
      values[k] = NaN;
      naCount++;
      continue;
    }
    const s = cells.get(k);
    if (shared === null) {
      values[k] = s;
      continue;
    }
    const same = shared.get(s);
    if (same !== undefined) values[k] = same;
    else {
      values[k] = s;
      shared.set(s, s);
    }
    if (k === INTERN_PROBE && shared.size > INTERN_PROBE / 2) shared = null;
  }
  return naCount;
}

function toObject(cells: Cells, na: NaSpec): Raw {
  const values: PyValue[] = new Array(cells.length);
  const naCount = objectsInPlace(cells, naTest(na), values);
  return { kind: 'object', values, naCount };
}

/** _convert_with_dtype for one of the four inference dtypes (user_dtype=0). */
function convertAs(target: ConvTarget, cells: Cells, na: NaSpec, ctx: ConvertContext): Raw | null {
  switch (target) {
    case 'int64':
      try {
        return tryInt64(cells, na, ctx);
      } catch (e) {
        if (!(e instanceof Overflow)) throw e;
        return tryUint64(cells, na, ctx);
      }
    case 'float64':
      return tryDouble(cells, na, ctx);
    case 'bool':
      return tryBool(cells, na, ctx);
    case 'object':
      return toObject(cells, na);
  }
}

/** The inference loop of _convert_tokens. */
function infer(cells: Cells, na: NaSpec, ctx: ConvertContext): Raw {
  const order: ConvTarget[] = ctx.noInt ? ['float64', 'bool', 'object'] : ['int64', 'float64', 'bool', 'object'];
  for (const target of order) {
    try {
      const r = convertAs(target, cells, na, ctx);
      if (r) return r;
    } catch (e) {
      // ValueError from uint64_conflict: object *without* NA filtering (pandas keeps 'NA' text).
      if (e instanceof Conflict) return toObject(cells, { filter: false, strings: new Set(), floats: new Set() });
      if (e instanceof Overflow) return toObject(cells, na);
      throw e;
    }
  }
  return toObject(cells, na);
}

function valueError(message: string): DftablesError {
  return new DftablesError('DT208', message);
}

const rawDtypeName = (r: Raw): string => (r.kind === 'uint64' ? 'uint64' : r.kind);

/**
 * The cast after a fallback parse (`col_res.astype(col_dtype, casting='safe')`, then a plain
 * astype that must not change any value).
 */
function castFallback(r: Raw, target: ConvTarget, dtypeName: string, col: number): Raw {
  const unsafe = () =>
    valueError(`cannot safely convert passed user dtype of ${dtypeName} for ${rawDtypeName(r)} dtyped data in column ${col}`);
  if (target === 'object' || (r.kind === target && target !== 'int64')) return r;
  if (r.kind === 'bool' && target === 'float64') {
    const values = new Float64Array(r.values.length);
    for (let k = 0; k < values.length; k++) values[k] = r.na[k] ? NaN : r.values[k];
    return { kind: 'float64', values, naCount: r.naCount };
  }
  if (r.kind === 'bool' && target === 'int64') {
    if (r.naCount > 0) {
      throw valueError(
        `cannot safely convert passed user dtype of ${dtypeName} for <class 'numpy.bool_'> dtyped data in column ${col} due to NA values`,
      );
    }
    return { kind: 'int64', values: Float64Array.from(r.values), big: null, na: new Uint8Array(r.values.length), naCount: 0 };
  }
  if (r.kind === 'int64' && target === 'int64') return r;
  if (r.kind === 'uint64' && target === 'int64') throw unsafe();
  if (r.kind === 'int64' && target === 'float64') {
    // int64 -> float64 is a safe cast; pandas leaves NA slots at the int64 sentinel here.
    const values = new Float64Array(r.values.length);
    for (let k = 0; k < values.length; k++) values[k] = r.na[k] ? -9223372036854775808 : r.values[k];
    return { kind: 'float64', values, naCount: 0 };
  }
  if (r.kind === 'object') {
    // numpy calls float() / int() / bool() on each element, then compares with the originals:
    // a str never equals a number, and NaN never equals itself, so any survivor is unsafe.
    for (const v of r.values) {
      if (typeof v !== 'string') {
        if (target === 'int64') throw valueError('cannot convert float NaN to integer');
        continue;
      }
      if (target === 'float64' && parsePyFloat(v) === null) throw valueError(`could not convert string to float: ${pyRepr(v)}`);
      if (target === 'int64' && parsePyInt(v) === null) throw valueError(`invalid literal for int() with base 10: ${pyRepr(v)}`);
    }
    throw unsafe();
  }
  // Numeric to numeric: cast, then every value must survive unchanged.
  const nums: number[] =
    r.kind === 'float64'
      ? Array.from(r.values)
      : r.kind === 'bool'
        ? Array.from(r.values)
        : r.kind === 'int64'
          ? Array.from(r.values, (v, k) => (r.na[k] ? -9223372036854775808 : v))
          : r.values.map((v) => Number(v));
  if (target === 'int64') {
    if (nums.some((v) => !Number.isFinite(v) || !Number.isInteger(v))) throw unsafe();
    return { kind: 'int64', values: Float64Array.from(nums), big: null, na: new Uint8Array(nums.length), naCount: 0 };
  }
  if (target === 'bool') {
    if (nums.some((v) => v !== 0 && v !== 1)) throw unsafe();
    return { kind: 'bool', values: Uint8Array.from(nums), na: new Uint8Array(nums.length), naCount: 0 };
  }
  throw unsafe();
}

/** _maybe_upcast and the step from a converted array to a dftables Column. */
function finish(r: Raw): Column {
  switch (r.kind) {
    case 'float64':
      return { dtype: 'float64', data: r.values };
    case 'int64': {
      if (r.naCount > 0) {
        const data = new Float64Array(r.values.length);
        for (let k = 0; k < data.length; k++) data[k] = r.na[k] ? NaN : r.values[k];
        return { dtype: 'float64', data };
      }
      // int64 is stored in a Float64Array: beyond 2**53 keep exact Python ints instead.
      if (r.big) return { dtype: 'object', data: r.big };
      return { dtype: 'int64', data: r.values };
    }
    case 'uint64':
      // No uint64 dtype here: exact Python ints print as pandas prints uint64.
      return { dtype: 'object', data: r.values.slice() };
    case 'bool':
      if (r.naCount > 0) {
        return { dtype: 'object', data: Array.from(r.values, (b, k) => (r.na[k] ? NaN : b === 1)) };
      }
      return { dtype: 'bool', data: r.values };
    case 'object':
      return { dtype: 'object', data: r.values };
  }
}

/**
 * Converts the cells of file column `col`. `userDtype` is the dtype asked for (pandas' name for
 * messages, e.g. 'int64') and its storage target, or undefined to infer.
 */
export function convertColumn(
  cells: Cells,
  col: number,
  na: NaSpec,
  ctx: ConvertContext,
  user?: { target: ConvTarget; name: string },
): Column {
  if (user) {
    let r: Raw | null;
    try {
      r = convertAs(user.target, cells, na, ctx);
    } catch (e) {
      // Only the int64 path throws: pandas lets _try_uint64's errors through here.
      if (e instanceof Overflow) throw new DftablesError('DT208', 'Overflow');
      if (e instanceof Conflict) throw valueError('Cannot convert to numerical dtype');
      throw e;
    }
    if (r && user.target === 'int64' && r.kind === 'int64' && r.naCount > 0) {
      throw valueError(`Integer column has NA values in column ${col}`);
    }
    if (r && user.target === 'bool' && r.kind === 'bool' && r.naCount > 0) {
      throw valueError(`Bool column has NA values in column ${col}`);
    }
    if (r) return finish(r);
    return finish(castFallback(infer(cells, na, ctx), user.target, user.name, col));
  }
  return finish(infer(cells, na, ctx));
}

/** An empty column of a dtype (pandas' _get_empty_meta). */
export function emptyColumn(target: ConvTarget | undefined): Column {
  switch (target) {
    case 'int64':
      return { dtype: 'int64', data: new Float64Array(0) };
    case 'float64':
      return { dtype: 'float64', data: new Float64Array(0) };
    case 'bool':
      return { dtype: 'bool', data: new Uint8Array(0) };
    default:
      return { dtype: 'object', data: [] };
  }
}
