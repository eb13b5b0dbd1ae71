/**
 * DataFrame.query: the interpreter parses the pandas query syntax; names resolve to columns,
 * @names to the block's variables. pandas 1.5.3 runs queries on numexpr when it is installed
 * (the usual install, and the one that wrote our goldens); engine='python' asks for Python's
 * semantics.
 */
import { DftablesError } from '../errors.js';
import { closest } from '../diagnostics/suggest.js';
import type { CallSite, PyValue, Runtime } from '../python/values.js';
import { evalQuery, type QueryEngine } from '../python/query.js';
import { pyRepr } from '../python/pyStr.js';
import type { BoundArgs } from './args.js';
import { DataFrame } from './dataframe.js';
import { finish } from './frameArgs.js';
import { LocIndexer } from './locIndexer.js';
import { pandasQueryBackend } from './queryBackend.js';
import { Series } from './series.js';

/** The engine= and parser= keywords pandas' eval accepts. */
function engineOf(b: BoundArgs): QueryEngine {
  const engine = b.extraKwargs.get('engine');
  const parser = b.extraKwargs.get('parser');
  const at = (name: string) => b.site.kwPos.get(name);
  if (parser !== undefined && parser !== null && parser !== 'pandas') {
    if (parser === 'python') throw new DftablesError('DT212', "query(parser='python') is not supported by dftables", { pos: at('parser'), hint: "Leave out parser=: the pandas parser is pandas' default." });
    throw new DftablesError('DT208', `Invalid parser ${pyRepr(parser)} passed, valid parsers are dict_keys(['python', 'pandas'])`, { pos: at('parser') });
  }
  if (engine === undefined || engine === null || engine === 'numexpr') return 'numexpr';
  if (engine === 'python') return 'python';
  throw new DftablesError('DT208', `Invalid engine ${pyRepr(engine)} passed, valid engines are ['numexpr', 'python']`, { pos: at('engine') });
}

/** DataFrame.query: columns by name (backticks for any name), @locals from the block. */
export function queryFrame(df: DataFrame, b: BoundArgs, site: CallSite, rt: Runtime): PyValue {
  const expr = b.get('expr');
  if (typeof expr !== 'string') throw b.invalid('expr', `expr must be a string to be evaluated, ${expr === null ? 'NoneType' : typeof expr} given`, 'DT208');
  const exprPos = b.pos('expr');
  const engine = engineOf(b);
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
  const res = evalQuery(expr, resolve, rt, exprPos, { engine, backend: pandasQueryBackend });
  if (typeof res === 'boolean') {
    throw new DftablesError('DT209', `KeyError: ${pyRepr(res)}: the query evaluated to a single value, not a row mask`, {
      pos: exprPos,
      hint: 'A query must compare columns (x > 1), not only constants.',
    });
  }
  // pandas: df.loc[res], so a mask selects rows and anything else is looked up as row labels.
  return new LocIndexer(df, 'loc', 'loc').getItem(res, site, rt);
}

/** DataFrame.query(expr, inplace=False, **kwargs). */
export function queryMethod(df: DataFrame, b: BoundArgs, site: CallSite, rt: Runtime): PyValue {
  const r = queryFrame(df, b, site, rt);
  return r instanceof DataFrame ? finish(df, b, r) : r;
}
