/**
 * The pandas side of DataFrame.query (see src/python/query.ts): dtypes of the values a query
 * meets, pandas' numexpr engine (align the Series, compile, run, wrap the result as a Series),
 * and the math functions the python engine calls through numpy.
 */
import { DftablesError } from '../errors.js';
import type { NeExpr, NeLeaf, QueryBackend, QueryDtype } from '../python/queryTree.js';
import { leavesOf } from '../python/queryTree.js';
import { PyObject, PyTypeError, type PyValue, type Runtime } from '../python/values.js';
import { reindexColumn, unionIndex } from './align.js';
import type { Column } from './column.js';
import { bigAt, boolCol, colLength, floatCol, intColumnOf, isWideInt } from './dtypes.js';
import type { RowIndex } from './index.js';
import { NdArray } from './ndarray.js';
import { compileNumexpr, MATH, type Kind } from './numexprCompile.js';
import { runNumexpr, type Vec } from './numexprRun.js';
import { PdIndex } from './pdIndex.js';
import { Series } from './series.js';

function columnOf(v: PyValue): Column | undefined {
  if (v instanceof Series || v instanceof NdArray || v instanceof PdIndex) return v.col;
  return undefined;
}

function dtypeOfColumn(c: Column): QueryDtype {
  if (c.dtype === 'int64') return 'int';
  if (c.dtype === 'float64') return 'float';
  if (c.dtype === 'bool') return 'bool';
  if (c.int64) return 'int';
  return c.nullable ? 'extension' : 'object';
}

/** What numexpr's getType says about a column: its kind, or its error. */
function columnKind(c: Column, leaf: NeLeaf): Kind {
  const t = dtypeOfColumn(c);
  if (t === 'bool') return leaf.toFloat ? 'double' : 'bool';
  if (t === 'int') return leaf.toFloat ? 'double' : 'long';
  if (t === 'float') return 'double';
  throw objectError(leaf);
}

function describeLeaf(leaf: NeLeaf): string {
  if (!leaf.key) return 'an operand';
  return leaf.key.startsWith('@') ? `variable ${leaf.key}` : `column '${leaf.key}'`;
}

function objectError(leaf: NeLeaf): DftablesError {
  return new DftablesError(
    'DT204',
    `${describeLeaf(leaf)} holds Python objects (text, or values with empty cells), which query()'s numexpr engine cannot compute with (pandas: ValueError: unknown type object)`,
    {
      pos: leaf.pos,
      hint: "Compare it instead (x == True), convert or fill it first (astype, fillna), or pass engine='python' to query().",
    },
  );
}

/** numexpr's getType of a variable (numpy.asarray of its value; `col` once aligned). */
function leafKind(leaf: NeLeaf, col: Column | undefined): Kind {
  const v = leaf.value;
  if (col) return columnKind(col, leaf);
  if (typeof v === 'boolean') return leaf.toFloat ? 'double' : 'bool';
  if (typeof v === 'bigint') {
    if (v < -(2n ** 63n) || v >= 2n ** 63n) throw objectError(leaf);
    return leaf.toFloat ? 'double' : 'long';
  }
  if (typeof v === 'number') return 'double';
  if (typeof v === 'string') {
    throw new DftablesError('DT204', `NumExpr 2 does not support Unicode as a dtype: query()'s numexpr engine cannot compute with the string ${leaf.key ? describeLeaf(leaf) : JSON.stringify(v)}`, {
      pos: leaf.pos,
      hint: "Compare text with == or in (pandas turns those into isin), or pass engine='python'.",
    });
  }
  if (v === null) throw objectError(leaf);
  throw new DftablesError('DT212', `numexpr cannot compute with ${v instanceof PyObject ? `a ${v.typeName}` : 'a list'} in a query`, { pos: leaf.pos, hint: "Pass engine='python' to query()." });
}

/** A column's values as a numexpr vector of `kind`. */
function columnVec(c: Column, kind: Kind): Vec {
  const n = colLength(c);
  if (kind === 'bool') return { kind, data: Uint8Array.from(c.data as Uint8Array), scalar: false };
  if (kind === 'long') {
    const data = new BigInt64Array(n);
    for (let i = 0; i < n; i++) data[i] = bigAt(c, i);
    return { kind, data, scalar: false };
  }
  const data = new Float64Array(n);
  if (c.dtype === 'object') for (let i = 0; i < n; i++) data[i] = Number(c.data[i] as bigint);
  else for (let i = 0; i < n; i++) data[i] = Number(c.data[i]);
  return { kind, data, scalar: false };
}

function scalarVec(v: PyValue, kind: Kind): Vec {
  if (kind === 'bool') return { kind, data: Uint8Array.of(v ? 1 : 0), scalar: true };
  if (kind === 'long') return { kind, data: BigInt64Array.of(typeof v === 'bigint' ? v : BigInt(Number(v))), scalar: true };
  return { kind, data: Float64Array.of(Number(v)), scalar: true };
}

/** Aligns the Series under a tree (pandas' align_terms): one index, each leaf's column on it. */
function align(leaves: NeLeaf[]): { index?: RowIndex; n: number; cols: Map<NeLeaf, Column> } {
  const cols = new Map<NeLeaf, Column>();
  let index: RowIndex | undefined;
  for (const leaf of leaves) if (leaf.value instanceof Series) index = index ? unionIndex(index, leaf.value.index) : leaf.value.index;
  let n = index ? index.length : -1;
  for (const leaf of leaves) {
    const v = leaf.value;
    if (v instanceof Series) cols.set(leaf, reindexColumn(v.col, v.index, index!));
    else {
      const c = columnOf(v);
      if (!c) continue;
      if (n >= 0 && colLength(c) !== n) {
        throw new DftablesError('DT208', `operands could not be broadcast together with shapes (${n},) (${colLength(c)},)`, { pos: leaf.pos });
      }
      n = colLength(c);
      cols.set(leaf, c);
    }
  }
  return { index, n: Math.max(n, 0), cols };
}

function scalarOf(vec: Vec): PyValue {
  const x = vec.data[0];
  if (vec.kind === 'bool') return x !== 0;
  if (vec.kind === 'long') return x as bigint;
  if (vec.kind === 'int') return BigInt(x as number);
  return x as number;
}

function columnOfVec(vec: Vec, n: number): Column {
  const full = (i: number) => vec.data[vec.scalar ? 0 : i];
  if (vec.kind === 'bool') return boolCol(Uint8Array.from({ length: n }, (_, i) => full(i) as number));
  if (vec.kind === 'long' || vec.kind === 'int') return intColumnOf(Array.from({ length: n }, (_, i) => BigInt(full(i))));
  return floatCol(Float64Array.from({ length: n }, (_, i) => full(i) as number));
}

/** pandas' numexpr engine on a query tree. */
function numexpr(tree: NeExpr, rt: Runtime): PyValue {
  const leaves = leavesOf(tree).filter((l) => !l.constant);
  const { index, n, cols } = align(leaves);
  const compiled = compileNumexpr(tree, (leaf) => leafKind(leaf, cols.get(leaf)), rt);
  if ('constant' in compiled) return compiled.constant;
  const vec = runNumexpr(compiled.node, n, (leaf, kind) => {
    const c = cols.get(leaf);
    return c ? columnVec(c, kind) : scalarVec(leaf.value, kind);
  });
  if (vec.scalar && !cols.size) return scalarOf(vec);
  const col = columnOfVec(vec, n);
  return index ? new Series(col, index, null) : new NdArray(col);
}

const MATH_NAMES: Record<string, string> = { abs: 'absolute' };

/** numpy's ufunc on a value, for the python engine: abs keeps ints and booleans, the others give floats. */
function mathCall(fn: string, args: PyValue[]): PyValue {
  const f = MATH[MATH_NAMES[fn] ?? fn] as (x: number, y?: number) => number;
  const arity = fn === 'arctan2' ? 2 : 1;
  if (args.length !== arity) throw new PyTypeError(`${fn}() takes ${arity} positional argument${arity > 1 ? 's' : ''} but ${args.length} were given`);
  const cols = args.map(columnOf);
  const series = args.find((a): a is Series => a instanceof Series);
  const first = cols.find((c) => c);
  const n = first ? colLength(first) : -1;
  if (n < 0) {
    if (fn === 'abs' && typeof args[0] === 'bigint') return args[0] < 0n ? -args[0] : args[0];
    if (fn === 'abs' && typeof args[0] === 'boolean') return args[0];
    return f(...(args.map((a) => numberOf(a, fn)) as [number, number?]));
  }
  const at = (k: number, i: number): number => {
    const c = cols[k];
    if (!c) return numberOf(args[k], fn);
    if (c.dtype === 'object' && !c.int64) throw new PyTypeError(`loop of ufunc does not support argument 0 of type object which has no callable ${fn} method`);
    return Number(c.data[i]);
  };
  const c0 = cols[0];
  let col: Column;
  if (fn === 'abs' && c0 && (c0.dtype === 'bool' || c0.dtype === 'int64' || isWideInt(c0))) {
    col = c0.dtype === 'bool' ? c0 : intColumnOf(Array.from({ length: n }, (_, i) => BigInt.asIntN(64, ((v) => (v < 0n ? -v : v))(bigAt(c0, i)))));
  } else {
    col = floatCol(Float64Array.from({ length: n }, (_, i) => f(at(0, i), arity > 1 ? at(1, i) : undefined)));
  }
  return series ? new Series(col, series.index, series.name) : new NdArray(col);
}

function numberOf(v: PyValue, fn: string): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw new PyTypeError(`ufunc '${fn}' not supported for the input types`);
}

/** An int or bool array-like as float64 (pandas' Div casts the terms under a `/`). */
function asFloat64(v: PyValue): PyValue {
  const c = columnOf(v);
  if (!c || c.dtype === 'float64' || (c.dtype === 'object' && !c.int64)) return v;
  const col = floatCol(columnVec(c, 'double').data as Float64Array);
  return v instanceof Series ? v.withColumn(col) : new NdArray(col);
}

export const pandasQueryBackend: QueryBackend = {
  dtypeOf(v: PyValue): QueryDtype | undefined {
    const c = columnOf(v);
    return c ? dtypeOfColumn(c) : undefined;
  },
  numexpr,
  mathCall,
  asFloat64,
};
