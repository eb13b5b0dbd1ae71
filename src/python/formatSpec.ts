/**
 * Python's format(value, spec): the format-spec mini-language, a line-by-line port of CPython
 * 3.11's Python/formatter_unicode.c (parse_internal_render_format_spec, format_long_internal,
 * format_float_internal, format_string_internal, calc_number_widths, fill_number and
 * _PyUnicode_InsertThousandsGrouping), so widths, '=' padding with grouping ('010,' gives
 * '00,001,234'), 'z', '#', inf/nan and error messages all match.
 *
 *   [[fill]align][sign][z][#][0][width][grouping][.precision][type]
 *
 * Widths count code points, as Python does. Error messages are Python's; ValueError and
 * OverflowError become DT208, TypeError DT204.
 */
import { DftablesError } from '../errors.js';
import { PyTypeError, typeName, type PyValue } from './values.js';
import { formatDouble, type FloatCode } from './dtoa.js';
import { intToDecimal, pyStr } from './pyStr.js';

export { strFormat, type StrFormatHooks } from './strFormat.js';

/** The largest width or precision we build; Python would try and run out of memory. */
/** The largest width or precision a format may ask for (Python allows more; a page should not). */
export const MAX_FIELD = 1_000_000;

export interface FormatSpec {
  fill: string;
  align: '<' | '>' | '=' | '^';
  sign: '' | '+' | '-' | ' ';
  noNeg0: boolean;
  alternate: boolean;
  /** -1 when not given. */
  width: number;
  grouping: '' | ',' | '_' | '_4';
  /** -1 when not given. */
  precision: number;
  /** '' when not given (only possible for floats, whose default type is none). */
  type: string;
}

function valueError(message: string): DftablesError {
  return new DftablesError('DT208', message);
}

function isAlign(c: string | undefined): c is FormatSpec['align'] {
  return c === '<' || c === '>' || c === '=' || c === '^';
}

/** '%c' in CPython's messages: the character, or '\xNN' for control and non-ASCII characters. */
function typeChar(c: string): string {
  const n = c.codePointAt(0) ?? 0;
  return n > 32 && n < 128 ? c : '\\x' + n.toString(16);
}

/**
 * Parses a spec for a value whose type is `objType` (for messages), with the type's default
 * presentation type ('d' for int, '' for float, 's' for str) and default alignment.
 */
export function parseFormatSpec(spec: string, objType: string, defaultType: string, defaultAlign: '<' | '>'): FormatSpec {
  const s = Array.from(spec); // code points: the fill may be any character
  const f: FormatSpec = {
    fill: ' ',
    align: defaultAlign,
    sign: '',
    noNeg0: false,
    alternate: false,
    width: -1,
    grouping: '',
    precision: -1,
    type: defaultType,
  };
  let pos = 0;
  let alignSpecified = false;
  let fillSpecified = false;
  if (s.length >= 2 && isAlign(s[1])) {
    f.align = s[1];
    f.fill = s[0];
    fillSpecified = alignSpecified = true;
    pos = 2;
  } else if (s.length >= 1 && isAlign(s[0])) {
    f.align = s[0];
    alignSpecified = true;
    pos = 1;
  }
  if (s[pos] === '+' || s[pos] === '-' || s[pos] === ' ') f.sign = s[pos++] as FormatSpec['sign'];
  if (s[pos] === 'z') {
    f.noNeg0 = true;
    pos++;
  }
  if (s[pos] === '#') {
    f.alternate = true;
    pos++;
  }
  if (!fillSpecified && s[pos] === '0') {
    f.fill = '0';
    if (!alignSpecified && defaultAlign === '>') f.align = '=';
    pos++;
  }
  const readInt = (): number => {
    let digits = '';
    while (pos < s.length && s[pos] >= '0' && s[pos] <= '9') digits += s[pos++];
    if (digits === '') return -1;
    if (digits.length > 18) throw valueError('Too many decimal digits in format string');
    const n = Number(digits);
    if (n > MAX_FIELD) throw new DftablesError('DT305', `format width or precision ${digits} is too large`);
    return n;
  };
  f.width = readInt();
  if (s[pos] === ',') {
    f.grouping = ',';
    pos++;
  }
  if (s[pos] === '_') {
    if (f.grouping !== '') throw valueError("Cannot specify both ',' and '_'.");
    f.grouping = '_';
    pos++;
  }
  if (s[pos] === ',' && f.grouping === '_') throw valueError("Cannot specify both ',' and '_'.");
  if (s[pos] === '.') {
    pos++;
    f.precision = readInt();
    if (f.precision === -1) throw valueError('Format specifier missing precision');
  }
  if (s.length - pos > 1) throw valueError(`Invalid format specifier '${spec}' for object of type '${objType}'`);
  if (s.length - pos === 1) f.type = s[pos];

  if (f.grouping !== '') {
    switch (f.type) {
      case 'd':
      case 'e':
      case 'f':
      case 'g':
      case 'E':
      case 'G':
      case '%':
      case 'F':
      case '':
        break;
      case 'b':
      case 'o':
      case 'x':
      case 'X':
        // PEP 515: underscores every four digits in bin/oct/hex; ',' is refused below.
        if (f.grouping === '_') f.grouping = '_4';
        else throw valueError(`Cannot specify ',' with '${f.type}'.`);
        break;
      default:
        throw valueError(`Cannot specify '${f.grouping}' with '${typeChar(f.type)}'.`);
    }
  }
  return f;
}

function unknownType(type: string, objType: string): DftablesError {
  return valueError(`Unknown format code '${typeChar(type)}' for object of type '${objType}'`);
}

/**
 * _PyUnicode_InsertThousandsGrouping: groups `digits` from the right with `sep` every `size`
 * digits, zero-filling on the left until the result is at least `minWidth` characters.
 */
export function insertGrouping(digits: string, minWidth: number, sep: string, size: number): string {
  const parts: string[] = [];
  let remaining = digits.length;
  let end = digits.length;
  let useSep = false;
  const take = (l: number): void => {
    const zeros = Math.max(0, l - remaining);
    const chars = Math.max(0, Math.min(remaining, l));
    parts.push(digits.slice(end - chars, end) + (useSep ? sep : ''));
    if (zeros) parts[parts.length - 1] = '0'.repeat(zeros) + parts[parts.length - 1];
    end -= chars;
    remaining -= chars;
  };
  if (sep !== '') {
    for (;;) {
      const l = Math.min(size, Math.max(remaining, minWidth, 1));
      take(l);
      useSep = true;
      minWidth -= l;
      if (remaining <= 0 && minWidth <= 0) return parts.reverse().join('');
      minWidth -= sep.length;
    }
  }
  take(Math.max(remaining, minWidth, 1));
  return parts.reverse().join('');
}

/**
 * calc_number_widths + fill_number: lays out sign, prefix ('0x'), padding, grouped digits,
 * decimal point and remainder (fraction, exponent, '%', or the character of 'c').
 */
function layoutNumber(
  f: FormatSpec,
  negative: boolean,
  prefix: string,
  digits: string,
  hasDecimal: boolean,
  remainder: string,
  grouping: { sep: string; size: number },
  upper = false,
): string {
  let sign = '';
  if (f.sign === '+') sign = negative ? '-' : '+';
  else if (f.sign === ' ') sign = negative ? '-' : ' ';
  else if (negative) sign = '-';
  const nonDigit = sign.length + prefix.length + (hasDecimal ? 1 : 0) + cpLen(remainder);
  const minWidth = f.fill === '0' && f.align === '=' ? f.width - nonDigit : 0;
  let grouped = digits.length === 0 ? '' : insertGrouping(digits, minWidth, grouping.sep, grouping.size);
  if (upper) {
    grouped = grouped.toUpperCase();
    prefix = prefix.toUpperCase();
  }
  const padding = f.width - (nonDigit + grouped.length);
  let left = '';
  let mid = '';
  let right = '';
  if (padding > 0) {
    const fill = (n: number): string => f.fill.repeat(n);
    switch (f.align) {
      case '<':
        right = fill(padding);
        break;
      case '^':
        left = fill(Math.floor(padding / 2));
        right = fill(padding - Math.floor(padding / 2));
        break;
      case '=':
        mid = fill(padding);
        break;
      case '>':
        left = fill(padding);
        break;
    }
  }
  return left + sign + prefix + mid + grouped + (hasDecimal ? '.' : '') + remainder + right;
}

function cpLen(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff || i + 1 >= s.length) n++;
    else {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
      n++;
    }
  }
  return n;
}

function groupingOf(f: FormatSpec): { sep: string; size: number } {
  // 'n' uses the C locale, which has no grouping: pandas and the oracle never set a locale.
  if (f.type === 'n') return { sep: '', size: 0 };
  if (f.grouping === ',') return { sep: ',', size: 3 };
  if (f.grouping === '_') return { sep: '_', size: 3 };
  if (f.grouping === '_4') return { sep: '_', size: 4 };
  return { sep: '', size: 0 };
}

/** int.__format__ for a parsed spec (types b c d o x X n). */
function formatIntSpec(v: bigint, f: FormatSpec): string {
  if (f.precision !== -1) throw valueError('Precision not allowed in integer format specifier');
  if (f.noNeg0) throw valueError('Negative zero coercion (z) not allowed in integer format specifier');
  if (f.type === 'c') {
    if (f.sign !== '') throw valueError("Sign not allowed with integer format specifier 'c'");
    if (f.alternate) throw valueError("Alternate form (#) not allowed with integer format specifier 'c'");
    // PyLong_AsLong first, then the code point range.
    if (v < -(2n ** 63n) || v >= 2n ** 63n) throw valueError('Python int too large to convert to C long');
    if (v < 0n || v > 0x10ffffn) throw valueError('%c arg not in range(0x110000)');
    return layoutNumber(f, false, '', '', false, String.fromCodePoint(Number(v)), groupingOf(f));
  }
  const base = f.type === 'b' ? 2 : f.type === 'o' ? 8 : f.type === 'x' || f.type === 'X' ? 16 : 10;
  const negative = v < 0n;
  const abs = negative ? -v : v;
  const digits = base === 10 ? intToDecimal(abs) : abs.toString(base);
  const prefix = f.alternate && base !== 10 ? '0' + f.type.toLowerCase() : '';
  return layoutNumber(f, negative, prefix, digits, false, '', groupingOf(f), f.type === 'X');
}

/** float.__format__ for a parsed spec (types e E f F g G n % and none). */
function formatFloatSpec(x: number, f: FormatSpec): string {
  let type = f.type;
  let precision = f.precision;
  let defaultPrecision = 6;
  let addDot0 = false;
  if (type === '') {
    // Like repr without a precision, like 'g' with one, but always with a digit after the point.
    addDot0 = true;
    type = 'r';
    defaultPrecision = 0;
  }
  if (type === 'n') type = 'g';
  let pct = false;
  if (type === '%') {
    type = 'f';
    x *= 100; // a float multiplication, rounded, as in CPython
    pct = true;
  }
  if (precision < 0) precision = defaultPrecision;
  else if (type === 'r') type = 'g';
  const upper = type === 'E' || type === 'F' || type === 'G';
  let text = formatDouble(x, type.toLowerCase() as FloatCode, precision, {
    addDot0,
    alt: f.alternate,
    noNeg0: f.noNeg0,
    upper,
  });
  if (pct) text += '%';
  let negative = false;
  if (text.startsWith('-')) {
    negative = true;
    text = text.slice(1);
  }
  let i = 0;
  while (i < text.length && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i++;
  const digits = text.slice(0, i);
  const hasDecimal = text[i] === '.';
  const remainder = text.slice(hasDecimal ? i + 1 : i);
  return layoutNumber(f, negative, '', digits, hasDecimal, remainder, groupingOf(f));
}

/** str.__format__ for a parsed spec. */
function formatStrSpec(s: string, f: FormatSpec): string {
  if (f.sign === ' ') throw valueError('Space not allowed in string format specifier');
  if (f.sign !== '') throw valueError('Sign not allowed in string format specifier');
  if (f.noNeg0) throw valueError('Negative zero coercion (z) not allowed in string format specifier');
  if (f.alternate) throw valueError('Alternate form (#) not allowed in string format specifier');
  if (f.align === '=') throw valueError("'=' alignment not allowed in string format specifier");
  let chars = Array.from(s);
  if (f.precision >= 0 && chars.length > f.precision) chars = chars.slice(0, f.precision);
  const n = chars.length;
  const total = f.width > n ? f.width : n;
  let left = 0;
  if (f.align === '>') left = total - n;
  else if (f.align === '^') left = Math.floor((total - n) / 2);
  const right = total - n - left;
  return f.fill.repeat(left) + chars.join('') + f.fill.repeat(right);
}

/** int -> float as Python does (correctly rounded), with Python's OverflowError. */
function intToFloat(v: bigint): number {
  const x = Number(v);
  if (!Number.isFinite(x)) throw valueError('int too large to convert to float');
  return x;
}

/** format(value, spec). */
export function formatSpec(value: PyValue, spec: string): string {
  if (typeof value === 'string') {
    if (spec === '') return value;
    const f = parseFormatSpec(spec, 'str', 's', '<');
    if (f.type !== 's') throw unknownType(f.type, 'str');
    return formatStrSpec(value, f);
  }
  if (typeof value === 'bigint' || typeof value === 'boolean') {
    // bool is an int subclass: only the empty spec gives 'True'.
    if (spec === '') return pyStr(value);
    const objType = typeof value === 'boolean' ? 'bool' : 'int';
    const n = typeof value === 'boolean' ? (value ? 1n : 0n) : value;
    const f = parseFormatSpec(spec, objType, 'd', '>');
    switch (f.type) {
      case 'b':
      case 'c':
      case 'd':
      case 'o':
      case 'x':
      case 'X':
      case 'n':
        return formatIntSpec(n, f);
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G':
      case '%':
        return formatFloatSpec(intToFloat(n), f);
      default:
        throw unknownType(f.type, objType);
    }
  }
  if (typeof value === 'number') {
    if (spec === '') return pyStr(value);
    const f = parseFormatSpec(spec, 'float', '', '>');
    switch (f.type) {
      case '':
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G':
      case 'n':
      case '%':
        return formatFloatSpec(value, f);
      default:
        throw unknownType(f.type, 'float');
    }
  }
  // object.__format__: str(obj) for the empty spec, a TypeError otherwise.
  if (spec === '') return pyStr(value);
  throw new PyTypeError(`unsupported format string passed to ${typeName(value)}.__format__`);
}
