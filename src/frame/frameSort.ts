/** DataFrame.sort_values / nlargest / nsmallest, and the DT601 lint for sorting numbers written as text. */
import { DftablesError } from '../errors.js';
import { pyRepr } from '../python/pyStr.js';
import { PyList, PyTuple, PyTypeError, type CallSite, type PyValue, type Runtime } from '../python/values.js';
import type { BoundArgs } from './args.js';
import type { Method } from './callable.js';
import { DataFrame } from './dataframe.js';
import { naMask } from './dtypes.js';
import { RowIndex } from './index.js';
import { Series } from './series.js';
import { naPosition, sortKind } from './seriesMethods.js';
import { lexsortIndexer, nargsort } from './sort.js';
import { selectNPositions } from './selectN.js';
import type { Column } from './column.js';
import { formattedSortFinding } from '../lint/checks.js';
import { axisIsColumns, def, labelsArg, sig } from './frameArgs.js';

type Impl = Method<DataFrame>;

/** DT601: a sort key holding numbers written as text ('$10.000' sorts before '$2.000'); the check lives in src/lint. */
function warnFormattedSort(keys: Column[], labels: PyValue[], site: CallSite, rt: Runtime, argName: string | number): void {
  keys.forEach((c, j) => {
    const f = c.dtype === 'object' ? formattedSortFinding(labels[j], c.data) : undefined;
    if (f) rt.warn(f.code, f.message, site.locate(labels[j], argName));
  });
}

export function sortFrame(df: DataFrame, b: BoundArgs, site: CallSite, rt: Runtime): DataFrame {
  if (axisIsColumns(b)) throw b.notSupported('axis', '1');
  const by = labelsArg(b, 'by');
  const byArg = b.site.kwPos.has('by') ? 'by' : 0;
  const positions = by.map((l) => df.requireColumn(l, site, byArg));
  let asc = b.get('ascending') ?? true;
  let ascList: boolean[];
  if (asc instanceof PyList || asc instanceof PyTuple) {
    if (asc.items.length !== by.length) throw b.invalid('ascending', `Length of ascending (${asc.items.length}) != length of by (${by.length})`, 'DT208');
    ascList = asc.items.map((x) => x === true || x === 1n);
  } else {
    if (typeof asc !== 'boolean' && typeof asc !== 'bigint') throw b.invalid('ascending', `For argument "ascending" expected type bool, received type ${pyRepr(asc)}.`);
    asc = asc === true || asc === 1n;
    ascList = by.map(() => asc as boolean);
  }
  const key = b.opt('key');
  const keyCols = positions.map((p) => {
    if (key === undefined) return df.cols[p];
    const r = rt.call(key, [df.series(p)]);
    if (!(r instanceof Series)) throw new DftablesError('DT208', 'key must return a Series of the same length');
    return r.col;
  });
  warnFormattedSort(keyCols, by, site, rt, byArg); // the keys sorted by: a key= that parses the text is fine
  const na = naPosition(b);
  let order: Int32Array;
  if (positions.length === 0) order = Int32Array.from({ length: df.rowCount() }, (_, i) => i);
  else if (positions.length === 1) order = nargsort(keyCols[0], ascList[0], na, sortKind(b));
  else order = lexsortIndexer(keyCols, ascList, na);
  let r = df.take(order);
  if (b.bool('ignore_index', false)) r = new DataFrame(r.names, r.cols, RowIndex.range(r.rowCount()));
  return r;
}

export function nlargestFrame(name: 'nlargest' | 'nsmallest'): Impl {
  return def(sig(name, ['n', 'columns', 'keep'], { required: ['n', 'columns'] }), (self, b, site) => {
    const n = b.int('n', 5);
    const cols = labelsArg(b, 'columns');
    const positions = cols.map((c) => self.requireColumn(c, site, 'columns'));
    if (b.str('keep', 'first') !== 'first') throw b.notSupported('keep');
    const asc = name === 'nsmallest';
    const keys = positions.map((p) => self.cols[p]);
    for (const k of keys) if (k.dtype === 'object') throw new PyTypeError(`Column ${pyRepr(self.names[positions[keys.indexOf(k)]])} has dtype object, cannot use method '${name}' with this dtype`);
    // One column: Series.nlargest's rows (missing values fill up to n).
    if (keys.length === 1) return self.take(selectNPositions(keys[0], n, asc));
    // Stable order by the keys, missing values last, then the first n.
    const order = lexsortIndexer(keys, keys.map(() => asc), 'last');
    const masks = keys.map(naMask);
    const kept = [...order].filter((i) => !masks[0][i]);
    return self.take(kept.slice(0, Math.max(0, n)));
  });
}
