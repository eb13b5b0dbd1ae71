/**
 * CPython's test for "is this a mapping" in dict(x), d.update(x) and f(**x): a dict, or any
 * object with a keys() method, read as x[k] for each k in x.keys(). That is what lets
 * `'{name}'.format(**row)` and `dict(row)` work on the Series that apply(axis=1) passes.
 */
import { DftablesError } from '../errors.js';
import { collect } from './iteration.js';
import { PyDict, PyObject, type CallSite, type PyValue, type Runtime } from './values.js';

/** The (key, value) pairs of a mapping, in keys() order; undefined when `v` has no keys(). */
export function mappingItems(v: PyValue, site: CallSite, rt: Runtime): [PyValue, PyValue][] | undefined {
  if (v instanceof PyDict) return v.items();
  if (!(v instanceof PyObject)) return undefined;
  let keysFn: PyValue;
  try {
    keysFn = v.getAttr('keys', site, rt);
  } catch (err) {
    if (err instanceof DftablesError && err.code === 'DT202') return undefined;
    throw err;
  }
  const keys = collect(rt.call(keysFn, []), site, rt);
  return keys.map((key): [PyValue, PyValue] => [key, v.getItem(key, site, rt)]);
}
