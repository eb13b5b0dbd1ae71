/** Shared argument helpers of the DataFrame methods: the signature shorthand, inplace handling, axis and label arguments. */
import { pyStr } from '../python/pyStr.js';
import type { CallSite, PyValue, Runtime } from '../python/values.js';
import { bindArgs, listOrScalar, type BoundArgs, type Signature } from './args.js';
import type { Method } from './callable.js';
import { DataFrame } from './dataframe.js';
import { PdIndex } from './pdIndex.js';

type Impl = Method<DataFrame>;

export function sig(name: string, positional: string[], extra: Partial<Signature> = {}): Signature {
  return { name, positional, ...extra };
}

export function def(s: Signature, body: (self: DataFrame, b: BoundArgs, site: CallSite, rt: Runtime) => PyValue): Impl {
  return (self, args, kwargs, site, rt) => body(self, bindArgs(s, args, kwargs, site), site, rt);
}

/** inplace=True: the frame takes the result and the call returns None. */
export function finish(self: DataFrame, b: BoundArgs, result: DataFrame): PyValue {
  if (b.bool('inplace', false)) {
    self.assignFrom(result);
    return null;
  }
  return result;
}

export function axisIsColumns(b: BoundArgs, name = 'axis'): boolean {
  const a = b.get(name);
  if (a === undefined || a === null || a === 0n || a === 'index' || a === 'rows') return false;
  if (a === 1n || a === 'columns') return true;
  throw b.invalid(name, `No axis named ${pyStr(a)} for object type DataFrame`, 'DT208');
}

export function headTail(df: DataFrame, n: number, tail: boolean): DataFrame {
  const len = df.rowCount();
  if (tail) {
    const start = n >= 0 ? Math.max(0, len - n) : Math.min(len, -n);
    return df.sliceRows(start, len);
  }
  return df.sliceRows(0, n >= 0 ? Math.min(n, len) : Math.max(0, len + n));
}

/** Labels given as a list or a single label, with their page argument for error positions. */
export function labelsArg(b: BoundArgs, name: string): PyValue[] {
  const v = b.get(name);
  if (v === undefined || v === null) return [];
  if (v instanceof PdIndex) return v.labels();
  return listOrScalar(v);
}
