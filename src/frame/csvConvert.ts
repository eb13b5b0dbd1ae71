/**
 * Column conversion of pandas 1.5.3's TextReader (parsers.pyx: _convert_tokens,
 * _convert_with_dtype, _try_int64 / _try_uint64 / _try_double / _try_bool_flex,
 * _string_box_utf8, _maybe_upcast): the per-column type inference int64 -> float64 -> bool ->
 * object and the user dtype paths with pandas' error messages.
 */
import { DftablesError } from '../errors.js';
import type { PyValue } from '../python/values.js';
import type { Column } from './column.js';
import { parseCsvFloat, strToInt64, strToUint64, toBoolean, INT64_MAX } from './csvNumbers.js';
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

// NaSpec -> [longest NA string, first characters of NA strings]: a cheap test before the Set.
const quickReject = new WeakMap<NaSpec, { maxLen: number; first: Set<number> }>();

function isNa(cell: string, na: NaSpec): boolean {
  if (!na.filter) return false;
  let q = quickReject.get(na);
  if (!q) {
    q = { maxLen: 0, first: new Set() };
    for (const s of na.strings) {
      q.maxLen = Math.max(q.maxLen, s.length);
      q.first.add(s.length ? s.charCodeAt(0) : -1);
    }
    quickReject.set(na, q);
  }
  if (cell.length > q.maxLen || !q.first.has(cell.length ? cell.charCodeAt(0) : -1)) return false;
  return na.strings.has(cell);
}

const PLAIN_INT = /^[+-]?[0-9]{1,15}$/;
const SAFE = 2n ** 53n;

function tryInt64(cells: string[], na: NaSpec, ctx: ConvertContext): Raw | null {
  const values = new Float64Array(cells.length);
  let big: bigint[] | null = null;
  const naFlags = new Uint8Array(cells.length);
  let naCount = 0;
  for (let k = 0; k < cells.length; k++) {
    const cell = cells[k];
    if (isNa(cell, na)) {
      naFlags[k] = 1;
      naCount++;
      if (big) big.push(0n);
      continue;
    }
    if (PLAIN_INT.test(cell)) {
      // fast path: up to 15 digits is exact in a double
      values[k] = Number(cell) + 0;
      if (big) big.push(BigInt(values[k]));
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

function tryUint64(cells: string[], na: NaSpec, ctx: ConvertContext): Raw | null {
  const values: bigint[] = new Array(cells.length);
  let seenSint = false;
  let seenUint = false;
  let seenNull = false;
  for (let k = 0; k < cells.length; k++) {
    const cell = cells[k];
    if (isNa(cell, na)) {
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

function tryDouble(cells: string[], na: NaSpec, ctx: ConvertContext): Raw | null {
  const values = new Float64Array(cells.length);
  let naCount = 0;
  for (let k = 0; k < cells.length; k++) {
    const cell = cells[k];
    if (isNa(cell, na)) {
      values[k] = NaN;
      naCount++;
      continue;
    }
    const v = parseCsvFloat(cell, ctx.decimal, ctx.thousands);
    if (v === null) return null;
    if (na.filter && na.floats.size && na.floats.has(v)) {
      values[k] = NaN;
      naCount++;
      continue;
    }
    values[k] = v;
  }
  return { kind: 'float64', values, naCount };
}

function tryBool(cells: string[], na: NaSpec, ctx: ConvertContext): Raw | null {
  const values = new Uint8Array(cells.length);
  const naFlags = new Uint8Array(cells.length);
  let naCount = 0;
  for (let k = 0; k < cells.length; k++) {
    const cell = cells[k];
    if (isNa(cell, na)) {
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

function toObject(cells: string[], na: NaSpec): Raw {
  const values: PyValue[] = new Array(cells.length);
  let naCount = 0;
  for (let k = 0; k < cells.length; k++) {
    if (isNa(cells[k], na)) {
      values[k] = NaN;
      naCount++;
    } else values[k] = cells[k];
  }
  return { kind: 'object', values, naCount };
}

/** _convert_with_dtype for one of the four inference dtypes (user_dtype=0). */
function convertAs(target: ConvTarget, cells: string[], na: NaSpec, ctx: ConvertContext): Raw | null {
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
function infer(cells: string[], na: NaSpec, ctx: ConvertContext): Raw {
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
  cells: string[],
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
