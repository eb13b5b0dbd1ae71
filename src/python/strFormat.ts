/**
 * Python's str.format, ported from CPython 3.11's Objects/stringlib/unicode_format.h:
 * literal text with {{ and }}, fields {} {0} {name} {0[1]} {0.attr}, conversions !r !s !a, and
 * format specs that may hold nested fields ('{:>{w}}', two levels deep at most).
 * Error messages are Python's.
 */
import { DftablesError } from '../errors.js';
import { formatSpec } from './formatSpec.js';
import { pyAscii, pyRepr, pyStr, strRepr } from './pyStr.js';
import { PyDict, PyList, PyObject, PyTuple, PyTypeError, typeName, type Kwargs, type PyValue } from './values.js';

/** How to reach into values the formatter does not know (pandas objects): supplied by the interpreter. */
export interface StrFormatHooks {
  getAttr?(obj: PyValue, name: string): PyValue;
  getItem?(obj: PyValue, key: PyValue): PyValue;
}

function valueError(message: string): DftablesError {
  return new DftablesError('DT208', message);
}

interface AutoNumber {
  state: 'init' | 'auto' | 'manual';
  next: number;
}

/** get_integer: a field name made only of digits is an index; -1 otherwise. */
function asIndex(s: string): number {
  if (s === '' || !/^[0-9]+$/.test(s)) return -1;
  if (s.length > 18) throw valueError('Too many decimal digits in format string');
  return Number(s);
}

function sequenceItem(obj: PyValue, key: PyValue): PyValue {
  if (obj instanceof PyList || obj instanceof PyTuple || typeof obj === 'string') {
    const kind = typeName(obj);
    if (typeof key !== 'bigint') throw new PyTypeError(`${kind} indices must be integers or slices, not ${typeName(key)}`);
    const items = typeof obj === 'string' ? Array.from(obj) : obj.items;
    const i = Number(key);
    if (i >= items.length) throw new DftablesError('DT209', `${kind === 'str' ? 'string' : kind} index out of range`);
    return items[i];
  }
  if (obj instanceof PyDict) {
    if (!obj.has(key)) throw new DftablesError('DT209', pyRepr(key));
    return obj.get(key)!;
  }
  throw new PyTypeError(`'${typeName(obj)}' object is not subscriptable`);
}

interface Field {
  name: string;
  conversion: string;
  spec: string;
  /** The spec holds replacement fields of its own. */
  nested: boolean;
  /** Index just past the closing brace. */
  end: number;
}

/**
 * parse_field (CPython 3.11): the name runs to '}', ':' or '!' ('[...]' may hold any of them),
 * then an optional conversion, then a spec whose braces must balance.
 */
function parseField(t: string, p: number): Field {
  const n = t.length;
  const nameStart = p;
  let c = '';
  while (p < n) {
    c = t[p++];
    if (c === '{') throw valueError("unexpected '{' in field name");
    if (c === '[') {
      while (p < n && t[p] !== ']') p++;
      continue;
    }
    if (c === '}' || c === ':' || c === '!') break;
  }
  const name = t.slice(nameStart, p - 1);
  if (c === '!' || c === ':') {
    let conversion = '';
    if (c === '!') {
      if (p >= n) throw valueError('end of string while looking for conversion specifier');
      conversion = String.fromCodePoint(t.codePointAt(p)!);
      p += conversion.length;
      if (p < n) {
        const d = t[p++];
        if (d === '}') return { name, conversion, spec: '', nested: false, end: p };
        if (d !== ':') throw valueError("expected ':' after conversion specifier");
      }
    }
    const specStart = p;
    let count = 1;
    let nested = false;
    while (p < n) {
      const d = t[p++];
      if (d === '{') {
        nested = true;
        count++;
      } else if (d === '}' && --count === 0) {
        return { name, conversion, spec: t.slice(specStart, p - 1), nested, end: p };
      }
    }
    throw valueError("unmatched '{' in format spec");
  }
  if (c !== '}' || p > n) throw valueError("expected '}' before end of string");
  return { name, conversion: '', spec: '', nested: false, end: p };
}

class Formatter {
  private auto: AutoNumber = { state: 'init', next: 0 };

  constructor(
    private readonly args: PyValue[],
    private readonly kwargs: Kwargs,
    private readonly hooks: StrFormatHooks,
  ) {}

  build(template: string, depth: number): string {
    if (depth <= 0) throw valueError('Max string recursion exceeded');
    let out = '';
    let i = 0;
    const n = template.length;
    while (i < n) {
      // Literal text up to a brace.
      let j = i;
      while (j < n && template[j] !== '{' && template[j] !== '}') j++;
      out += template.slice(i, j);
      if (j >= n) break;
      const c = template[j];
      const atEnd = j + 1 >= n;
      if (c === '}' && (atEnd || template[j + 1] !== '}')) throw valueError("Single '}' encountered in format string");
      if (c === '{' && atEnd) throw valueError("Single '{' encountered in format string");
      if (template[j + 1] === c) {
        out += c;
        i = j + 2;
        continue;
      }
      const field = parseField(template, j + 1);
      out += this.render(field, depth);
      i = field.end;
    }
    return out;
  }

  /** get_field_object + conversion + nested spec expansion + format. */
  private render(field: Field, depth: number): string {
    let value = this.lookup(field.name);
    switch (field.conversion) {
      case '':
        break;
      case 'r':
        value = pyRepr(value);
        break;
      case 's':
        value = pyStr(value);
        break;
      case 'a':
        value = pyAscii(value);
        break;
      default: {
        const cp = field.conversion.codePointAt(0)!;
        throw valueError(`Unknown conversion specifier ${cp > 32 && cp < 128 ? field.conversion : '\\x' + cp.toString(16)}`);
      }
    }
    const spec = field.nested ? this.build(field.spec, depth - 1) : field.spec;
    return formatSpec(value, spec);
  }

  /** field_name_split + FieldNameIterator: the argument, then .attr and [key] steps. */
  private lookup(name: string): PyValue {
    let i = 0;
    while (i < name.length && name[i] !== '.' && name[i] !== '[') i++;
    const first = name.slice(0, i);
    let index = asIndex(first);
    const empty = first === '';
    if (empty || index !== -1) {
      if (this.auto.state === 'init') this.auto.state = empty ? 'auto' : 'manual';
      if (this.auto.state === 'manual' && empty) {
        throw valueError('cannot switch from manual field specification to automatic field numbering');
      }
      if (this.auto.state === 'auto' && !empty) {
        throw valueError('cannot switch from automatic field numbering to manual field specification');
      }
      if (empty) index = this.auto.next++;
    }
    let obj: PyValue;
    if (index === -1) {
      if (!this.kwargs.has(first)) throw new DftablesError('DT209', strRepr(first));
      obj = this.kwargs.get(first)!;
    } else {
      if (index >= this.args.length) {
        throw new DftablesError('DT209', `Replacement index ${index} out of range for positional args tuple`);
      }
      obj = this.args[index];
    }
    while (i < name.length) {
      const c = name[i++];
      let part: string;
      if (c === '.') {
        const s = i;
        while (i < name.length && name[i] !== '.' && name[i] !== '[') i++;
        part = name.slice(s, i);
        if (part === '') throw valueError('Empty attribute in format string');
        obj = this.attr(obj, part);
      } else if (c === '[') {
        const s = i;
        while (i < name.length && name[i] !== ']') i++;
        if (i >= name.length) throw valueError("Missing ']' in format string");
        part = name.slice(s, i);
        i++;
        if (part === '') throw valueError('Empty attribute in format string');
        const idx = asIndex(part);
        const key: PyValue = idx === -1 ? part : BigInt(idx);
        obj = this.item(obj, key);
      } else {
        throw valueError("Only '.' or '[' may follow ']' in format field specifier");
      }
    }
    return obj;
  }

  private attr(obj: PyValue, name: string): PyValue {
    if (this.hooks.getAttr) return this.hooks.getAttr(obj, name);
    if ((typeof obj === 'number' || typeof obj === 'bigint') && name === 'real') return obj;
    if (typeof obj === 'number' && name === 'imag') return 0;
    if (typeof obj === 'bigint' && name === 'imag') return 0n;
    throw new DftablesError('DT202', `'${typeName(obj)}' object has no attribute '${name}'`);
  }

  private item(obj: PyValue, key: PyValue): PyValue {
    if (obj instanceof PyObject && this.hooks.getItem) return this.hooks.getItem(obj, key);
    return sequenceItem(obj, key);
  }
}

/** template.format(*args, **kwargs). */
export function strFormat(template: string, args: PyValue[], kwargs: Kwargs, hooks: StrFormatHooks = {}): string {
  return new Formatter(args, kwargs, hooks).build(template, 2);
}
