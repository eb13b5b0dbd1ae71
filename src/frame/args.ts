/**
 * Python-style argument binding for pandas functions: positional then keyword arguments onto a
 * parameter list, with Python's TypeErrors for too many or missing arguments, DT203 (with a
 * did-you-mean) for keywords the function does not have, and DT212 for keywords pandas has but
 * dftables does not implement.
 */
import { DftablesError } from '../errors.js';
import { closest } from '../diagnostics/suggest.js';
import { PyTypeError, typeName, PyList, PyTuple, type CallSite, type Kwargs, type PyValue } from '../python/values.js';
import { pyRepr } from '../python/pyStr.js';

export interface Signature {
  /** Name shown in messages: 'sort_values'. */
  name: string;
  /** Parameters that may be passed by position, in order. */
  positional: string[];
  /** Parameters that may only be passed by keyword. */
  keywordOnly?: string[];
  /** Parameters required (no default). */
  required?: string[];
  /** Real pandas keywords that dftables accepts only with their default value (or not at all). */
  unsupported?: string[];
  /** Accept any extra keyword (**kwargs). */
  varKeywords?: boolean;
  /** Accept extra positionals (*args); they are returned in `rest`. */
  varPositional?: boolean;
}

export class BoundArgs {
  constructor(
    readonly sig: Signature,
    readonly values: Map<string, PyValue>,
    readonly rest: PyValue[],
    readonly extraKwargs: Map<string, PyValue>,
    readonly site: CallSite,
  ) {}

  has(name: string): boolean {
    return this.values.has(name);
  }

  get(name: string): PyValue | undefined {
    return this.values.get(name);
  }

  /** The value, treating an explicit None like an absent argument. */
  opt(name: string): PyValue | undefined {
    const v = this.values.get(name);
    return v === null ? undefined : v;
  }

  /** Position of an argument in the page (keyword position or positional position). */
  pos(name: string) {
    const kw = this.site.kwPos.get(name);
    if (kw) return kw;
    const i = this.sig.positional.indexOf(name);
    return i >= 0 ? this.site.argPos[i] : undefined;
  }

  bool(name: string, dflt: boolean): boolean {
    const v = this.values.get(name);
    if (v === undefined) return dflt;
    if (typeof v === 'boolean') return v;
    if (typeof v === 'bigint') return v !== 0n;
    if (v === null) return false;
    throw this.invalid(name, `For argument "${name}" expected type bool, received type ${typeName(v)}.`);
  }

  str(name: string, dflt: string): string;
  str(name: string, dflt?: string): string | undefined;
  str(name: string, dflt?: string): string | undefined {
    const v = this.values.get(name);
    if (v === undefined || v === null) return dflt;
    if (typeof v === 'string') return v;
    throw this.invalid(name, `${this.sig.name}() argument '${name}' must be str, not ${typeName(v)}`);
  }

  int(name: string, dflt: number): number;
  int(name: string, dflt?: number): number | undefined;
  int(name: string, dflt?: number): number | undefined {
    const v = this.values.get(name);
    if (v === undefined || v === null) return dflt;
    if (typeof v === 'bigint') return Number(v);
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (typeof v === 'number' && Number.isInteger(v)) return v;
    throw this.invalid(name, `${this.sig.name}() argument '${name}' must be an integer, not ${typeName(v)}${typeof v === 'number' ? ` (${pyRepr(v)})` : ''}`);
  }

  invalid(name: string, message: string, code: 'DT208' | 'DT204' = 'DT204'): DftablesError {
    return new DftablesError(code, message, { pos: this.pos(name) });
  }

  /** Refuses a supported-by-pandas keyword whose non-default value dftables does not implement. */
  notSupported(name: string, what?: string): DftablesError {
    return new DftablesError('DT212', `${this.sig.name}(${name}=${what ?? pyRepr(this.values.get(name) ?? null)}) is not supported by dftables`, {
      pos: this.pos(name),
    });
  }
}

export function bindArgs(sig: Signature, args: PyValue[], kwargs: Kwargs, site: CallSite): BoundArgs {
  const values = new Map<string, PyValue>();
  const rest: PyValue[] = [];
  const extra = new Map<string, PyValue>();
  const nPos = sig.positional.length;
  if (args.length > nPos && !sig.varPositional) {
    const req = sig.required?.filter((r) => sig.positional.includes(r)).length ?? 0;
    // Python counts self for methods; pandas' messages are Python's, so keep "takes N".
    const takes = req === nPos ? `${nPos}` : `from ${req} to ${nPos}`;
    throw new PyTypeError(
      `${sig.name}() takes ${takes} positional argument${nPos === 1 && req === nPos ? '' : 's'} but ${args.length} ${args.length === 1 ? 'was' : 'were'} given`,
    ).at(site.argPos[nPos]);
  }
  args.forEach((a, i) => {
    if (i < nPos) values.set(sig.positional[i], a);
    else rest.push(a);
  });
  const known = [...sig.positional, ...(sig.keywordOnly ?? []), ...(sig.unsupported ?? [])];
  for (const [k, v] of kwargs) {
    if (!known.includes(k)) {
      if (sig.varKeywords) {
        extra.set(k, v);
        continue;
      }
      const guess = closest(k, known);
      throw new DftablesError(
        'DT203',
        `${sig.name}() got an unexpected keyword argument '${k}'` + (guess ? `; did you mean '${guess}'?` : ''),
        { pos: site.kwPos.get(k) ?? site.pos },
      );
    }
    if (values.has(k)) {
      throw new DftablesError('DT203', `${sig.name}() got multiple values for argument '${k}'`, { pos: site.kwPos.get(k) ?? site.pos });
    }
    if (sig.unsupported?.includes(k)) {
      throw new DftablesError('DT212', `${sig.name}(${k}=...) is not supported by dftables`, { pos: site.kwPos.get(k) ?? site.pos });
    }
    values.set(k, v);
  }
  const missing = (sig.required ?? []).filter((r) => !values.has(r));
  if (missing.length) {
    const names = missing.map((m) => `'${m}'`);
    const list = names.length === 1 ? names[0] : names.slice(0, -1).join(', ') + ' and ' + names[names.length - 1];
    throw new PyTypeError(
      `${sig.name}() missing ${missing.length} required ${sig.positional.includes(missing[0]) ? 'positional' : 'keyword-only'} argument${missing.length > 1 ? 's' : ''}: ${list}`,
    );
  }
  return new BoundArgs(sig, values, rest, extra, site);
}

/** A list-like argument as an array: list, tuple, or a single value as [value]. */
export function listOrScalar(v: PyValue): PyValue[] {
  if (v instanceof PyList || v instanceof PyTuple) return [...v.items];
  return [v];
}

export function isListLike(v: PyValue): v is PyList | PyTuple {
  return v instanceof PyList || v instanceof PyTuple;
}
