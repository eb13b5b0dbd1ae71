/** Shared argument helpers of the Series methods: the signature shorthand, inplace handling, sort and dtype arguments. */
import { pyRepr } from '../python/pyStr.js';
import type { CallSite, PyValue, Runtime } from '../python/values.js';
import { bindArgs, type BoundArgs, type Signature } from './args.js';
import type { Method } from './callable.js';
import { parseDtypeArg } from './dtypes.js';
import { Series } from './series.js';
import type { SortKind } from './sort.js';

type Impl = Method<Series>;

export function sig(name: string, positional: string[], extra: Partial<Signature> = {}): Signature {
  return { name, positional, ...extra };
}

/** A method with a signature: arguments are bound before the body runs. */
export function def(s: Signature, body: (self: Series, b: BoundArgs, site: CallSite, rt: Runtime) => PyValue): Impl {
  return (self, args, kwargs, site, rt) => body(self, bindArgs(s, args, kwargs, site), site, rt);
}

/** inplace=True: replace the data (and the frame's column it came from) and return None. */
export function finish(self: Series, b: BoundArgs, result: Series): PyValue {
  if (b.bool('inplace', false)) {
    self.replaceData(result.col);
    self.index = result.index;
    return null;
  }
  return result;
}

export function sortKind(b: BoundArgs): SortKind {
  const k = b.str('kind', 'quicksort');
  if (k === 'quicksort' || k === 'mergesort' || k === 'stable' || k === 'heapsort') return k;
  throw b.invalid('kind', `sort kind must be 'quicksort', 'mergesort', 'heapsort' or 'stable', not ${pyRepr(k)}`, 'DT208');
}

export function naPosition(b: BoundArgs): 'last' | 'first' {
  const p = b.str('na_position', 'last');
  if (p !== 'last' && p !== 'first') throw b.invalid('na_position', `invalid na_position: ${pyRepr(p)}`, 'DT208');
  return p;
}

export function dtypeArg(b: BoundArgs, name = 'dtype') {
  const v = b.get(name)!;
  const d = parseDtypeArg(v);
  if (!d) throw b.invalid(name, `data type ${pyRepr(v)} not understood`);
  return d;
}

export function keepArg(b: BoundArgs): 'first' | 'last' | false {
  const k = b.get('keep');
  if (k === undefined || k === 'first') return 'first';
  if (k === 'last') return 'last';
  if (k === false) return false;
  throw b.invalid('keep', 'keep must be either "first", "last" or False', 'DT208');
}
