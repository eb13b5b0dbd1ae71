/** DataFrame.query: the interpreter parses the pandas query syntax; names resolve to columns, @names to the block's variables. */
import { DftablesError } from '../errors.js';
import { closest } from '../diagnostics/suggest.js';
import type { CallSite, PyValue, Runtime } from '../python/values.js';
import { evalQuery } from '../python/query.js';
import type { BoundArgs } from './args.js';
import { DataFrame } from './dataframe.js';
import { Series } from './series.js';

/** DataFrame.query: columns by name (backticks for any name), @locals from the block. */
export function queryFrame(df: DataFrame, b: BoundArgs, site: CallSite, rt: Runtime): DataFrame {
  const expr = b.get('expr');
  if (typeof expr !== 'string') throw b.invalid('expr', `expr must be a string to be evaluated, ${expr === null ? 'NoneType' : typeof expr} given`, 'DT208');
  const exprPos = b.pos('expr');
  const ns = (rt as unknown as { namespace?: Map<string, PyValue> }).namespace;
  const resolve = (name: string, isLocal: boolean, pos: { line: number; col: number }): PyValue => {
    if (isLocal) {
      const v = ns?.get(name);
      if (v === undefined) {
        const guess = ns ? closest(name, [...ns.keys()]) : undefined;
        throw new DftablesError('DT205', `local variable '${name}' is not defined` + (guess ? `; did you mean '@${guess}'?` : ''), { pos });
      }
      return v;
    }
    const p = df.colPos(name);
    if (p >= 0) return df.series(p);
    if (name === 'index') return new Series(df.index.level(0), df.index, null);
    const guess = closest(name, df.names.filter((n): n is string => typeof n === 'string'));
    throw new DftablesError('DT201', `column '${name}' not found` + (guess ? `; did you mean '${guess}'?` : ''), {
      pos,
      hint: /\s|[^\w]/.test(guess ?? '') ? 'Names with spaces or symbols go in backticks: `Inst. Type`.' : undefined,
    });
  };
  const mask = evalQuery(expr, resolve, rt, exprPos);
  if (mask instanceof Series) {
    const r = df.getItem(mask, site, rt);
    if (r instanceof DataFrame) return r;
  }
  if (typeof mask === 'boolean') return mask ? df.copy() : df.take([]);
  throw new DftablesError('DT208', 'query must evaluate to a boolean mask (a comparison of columns)');
}
