/**
 * printf-style `'%.2f' % x` (Python's str.__mod__): flags, width, precision (`*` too), mapping
 * keys `%(name)s`, and the conversions d i u o x X e E f F g G c s r a %. Floats go through
 * formatSpec, which has the same rounding as Python's %-formatting.
 */
import { DftablesError } from '../errors.js';
import { MAX_FIELD, formatSpec } from './formatSpec.js';
import { pyAscii, pyRepr, pyStr } from './pyStr.js';
import { PyDict, PyObject, PyTuple, PyTypeError, typeName, type PyValue } from './values.js';

interface Flags {
  minus: boolean;
  plus: boolean;
  space: boolean;
  alt: boolean;
  zero: boolean;
}

function valueError(message: string): DftablesError {
  return new DftablesError('DT208', message);
}

function truncToInt(v: number): bigint {
  if (Number.isNaN(v)) throw valueError('cannot convert float NaN to integer');
  if (!Number.isFinite(v)) throw new DftablesError('DT208', 'cannot convert float infinity to integer');
  return BigInt(Math.trunc(v));
}

function pad(body: string, width: number, f: Flags): string {
  const n = Array.from(body).length;
  if (n >= width) return body;
  return f.minus ? body + ' '.repeat(width - n) : ' '.repeat(width - n) + body;
}

function formatInt(v: PyValue, conv: string, f: Flags, width: number, prec: number | undefined): string {
  let n: bigint;
  if (typeof v === 'bigint') n = v;
  else if (typeof v === 'boolean') n = v ? 1n : 0n;
  else if (typeof v === 'number' && (conv === 'd' || conv === 'i' || conv === 'u')) n = truncToInt(v);
  else if (conv === 'd' || conv === 'i' || conv === 'u')
    throw new PyTypeError(`%${conv} format: a real number is required, not ${typeName(v)}`);
  else throw new PyTypeError(`%${conv} format: an integer is required, not ${typeName(v)}`);
  const neg = n < 0n;
  const abs = neg ? -n : n;
  let digits =
    conv === 'o' ? abs.toString(8) : conv === 'x' ? abs.toString(16) : conv === 'X' ? abs.toString(16).toUpperCase() : abs.toString();
  if (prec !== undefined && digits.length < prec) digits = '0'.repeat(prec - digits.length) + digits;
  const prefix = f.alt ? (conv === 'o' ? '0o' : conv === 'x' ? '0x' : conv === 'X' ? '0X' : '') : '';
  const sign = neg ? '-' : f.plus ? '+' : f.space ? ' ' : '';
  const head = sign + prefix;
  if (f.zero && !f.minus && head.length + digits.length < width) digits = '0'.repeat(width - head.length - digits.length) + digits;
  return pad(head + digits, width, f);
}

function formatFloat(v: PyValue, conv: string, f: Flags, width: number, prec: number | undefined): string {
  if (typeof v !== 'number' && typeof v !== 'bigint' && typeof v !== 'boolean')
    throw new PyTypeError(`must be real number, not ${typeName(v)}`);
  const x = typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : Number(v);
  let spec = f.minus ? '<' : '';
  spec += f.plus ? '+' : f.space ? ' ' : '';
  if (f.alt) spec += '#';
  if (f.zero && !f.minus) spec += '0';
  if (width) spec += String(width);
  spec += '.' + String(prec ?? 6) + conv;
  return formatSpec(x, spec);
}

function formatChar(v: PyValue): string {
  if (typeof v === 'string') {
    if (Array.from(v).length !== 1) throw new PyTypeError('%c requires int or char');
    return v;
  }
  if (typeof v === 'bigint' || typeof v === 'boolean') {
    const n = typeof v === 'boolean' ? (v ? 1 : 0) : Number(v);
    if (n < 0 || n > 0x10ffff) throw new DftablesError('DT208', '%c arg not in range(0x110000)');
    return String.fromCodePoint(n);
  }
  throw new PyTypeError('%c requires int or char');
}

/** `template % args`. */
export function percentFormat(template: string, args: PyValue): string {
  const mapping = args instanceof PyDict || (args instanceof PyObject && !(args instanceof PyTuple)) ? args : null;
  const list: PyValue[] = args instanceof PyTuple ? [...args.items] : [args];
  let argi = 0;
  let usedMapping = false;
  const nextArg = (): PyValue => {
    if (argi >= list.length) throw new PyTypeError('not enough arguments for format string');
    return list[argi++];
  };
  let out = '';
  let i = 0;
  while (i < template.length) {
    const c = template[i];
    if (c !== '%') {
      out += c;
      i++;
      continue;
    }
    i++;
    if (i >= template.length) throw valueError('incomplete format');
    let value: PyValue | undefined;
    if (template[i] === '(') {
      if (!(mapping instanceof PyDict)) throw new PyTypeError('format requires a mapping');
      let depth = 1;
      let j = i + 1;
      while (j < template.length && depth) {
        if (template[j] === '(') depth++;
        else if (template[j] === ')') depth--;
        j++;
      }
      if (depth) throw valueError('incomplete format key');
      const key = template.slice(i + 1, j - 1);
      const got = mapping.get(key);
      if (got === undefined) throw new DftablesError('DT209', `KeyError: ${pyRepr(key)}`);
      value = got;
      usedMapping = true;
      i = j;
    }
    const f: Flags = { minus: false, plus: false, space: false, alt: false, zero: false };
    for (; i < template.length; i++) {
      const ch = template[i];
      if (ch === '-') f.minus = true;
      else if (ch === '+') f.plus = true;
      else if (ch === ' ') f.space = true;
      else if (ch === '#') f.alt = true;
      else if (ch === '0') f.zero = true;
      else break;
    }
    let width = 0;
    if (template[i] === '*') {
      const w = nextArg();
      if (typeof w !== 'bigint') throw new PyTypeError('* wants int');
      width = Number(w);
      if (width < 0) {
        f.minus = true;
        width = -width;
      }
      i++;
    } else {
      while (i < template.length && template[i] >= '0' && template[i] <= '9') width = width * 10 + Number(template[i++]);
    }
    let prec: number | undefined;
    if (template[i] === '.') {
      i++;
      prec = 0;
      if (template[i] === '*') {
        const p = nextArg();
        if (typeof p !== 'bigint') throw new PyTypeError('* wants int');
        prec = Math.max(0, Number(p));
        i++;
      } else {
        while (i < template.length && template[i] >= '0' && template[i] <= '9') prec = prec * 10 + Number(template[i++]);
      }
    }
    // A page may not make a string of a billion spaces: the same bound as format specs.
    if (width > MAX_FIELD || (prec ?? 0) > MAX_FIELD) {
      throw new DftablesError('DT305', `format width or precision ${Math.max(width, prec ?? 0)} is too large`);
    }
    while (template[i] === 'h' || template[i] === 'l' || template[i] === 'L') i++;
    if (i >= template.length) throw valueError('incomplete format');
    const conv = template[i++];
    if (conv === '%') {
      out += '%';
      continue;
    }
    if (!'diuoxXeEfFgGcsra'.includes(conv)) {
      const code = conv.codePointAt(0)!;
      throw valueError(`unsupported format character '${conv}' (0x${code.toString(16)}) at index ${i - 1}`);
    }
    const v = value !== undefined ? value : nextArg();
    switch (conv) {
      case 'd':
      case 'i':
      case 'u':
      case 'o':
      case 'x':
      case 'X':
        out += formatInt(v, conv, f, width, prec);
        break;
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G':
        out += formatFloat(v, conv, f, width, prec);
        break;
      case 'c':
        out += pad(formatChar(v), width, f);
        break;
      default: {
        let s = conv === 's' ? pyStr(v) : conv === 'r' ? pyRepr(v) : pyAscii(v);
        if (prec !== undefined) s = Array.from(s).slice(0, prec).join('');
        out += pad(s, width, f);
      }
    }
  }
  if (!usedMapping && argi < list.length && !(mapping && !(args instanceof PyTuple))) {
    throw new PyTypeError('not all arguments converted during string formatting');
  }
  return out;
}
