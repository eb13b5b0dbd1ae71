/**
 * numexpr's compiler on hand-built query trees: what folds in Python, what numexpr rewrites
 * (powers, division by a constant), which signature an operation gets, and its errors.
 */
import { describe, expect, it } from 'vitest';
import { DftablesError } from '../../src/errors.js';
import { compileNumexpr, type Kind, type Nx } from '../../src/frame/numexprCompile.js';
import type { NeExpr, NeLeaf, NeOp } from '../../src/python/queryTree.js';
import { runtime } from './helpers.js';

const at = { line: 3, col: 7 };

function col(name: string): NeLeaf {
  return { kind: 'leaf', value: null, constant: false, key: name, neName: name, pos: at };
}
function lit(value: bigint | number | boolean): NeLeaf {
  return { kind: 'leaf', value, constant: true, pos: at };
}
function op(o: NeOp, ...args: NeExpr[]): NeExpr {
  return { kind: 'op', op: o, args, pos: { line: 3, col: 9 } };
}

/** Compiles with `i` an int64 column, `f` float64 and `b` bool. */
function compile(tree: NeExpr) {
  const kinds: Record<string, Kind> = { i: 'long', f: 'double', b: 'bool' };
  return compileNumexpr(tree, (leaf) => kinds[leaf.key!], runtime());
}

/** A compiled program as text: op(args) with kinds, constants as value:kind. */
function show(n: Nx): string {
  if (n.t === 'const') return `${n.value}:${n.kind}`;
  if (n.t === 'var') return `${n.leaf.key}:${n.kind}`;
  return `${n.name}_${n.kind}(${n.args.map(show).join(', ')})`;
}

function program(tree: NeExpr): string {
  const c = compile(tree);
  if (!('node' in c)) throw new Error('folded to a constant');
  return show(c.node);
}

function errorOf(f: () => unknown): DftablesError {
  try {
    f();
  } catch (e) {
    if (e instanceof DftablesError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('compileNumexpr', () => {
  it('folds constant sub-expressions with Python arithmetic (7 % -3 is -2)', () => {
    expect(program(op('>', col('i'), op('%', lit(7n), lit(-3n))))).toBe('gt_bool(i:long, -2:long)');
  });

  it('turns x ** 3 into multiplications', () => {
    expect(program(op('**', col('i'), lit(3n)))).toBe('mul_long(i:long, mul_long(i:long, i:long))');
  });

  it('turns int ** -2.0 into an integer division of 1 by i * i', () => {
    expect(program(op('**', col('i'), lit(-2)))).toBe('div_long(1:long, mul_long(i:long, i:long))');
  });

  it('divides a float by a constant as a multiplication by its inverse', () => {
    expect(program(op('/', col('f'), lit(4)))).toBe('mul_double(f:double, 0.25:double)');
  });

  it('casts booleans up to int32 to compare them', () => {
    expect(program(op('>', col('b'), col('b')))).toBe('gt_bool(cast_int(b:bool), cast_int(b:bool))');
  });

  it('refuses // wherever it is, at the operator', () => {
    const e = errorOf(() => compile(op('//', col('i'), lit(2n))));
    expect([e.code, e.pos]).toEqual(['DT212', { line: 3, col: 9 }]);
    expect(e.message).toContain("'VariableNode' and 'int'");
  });

  it('refuses a constant on the left of &', () => {
    expect(errorOf(() => compile(op('&', lit(true), col('b')))).message).toContain("unsupported operand type(s) for &: 'bool' and 'VariableNode'");
    expect(program(op('&', col('b'), lit(true)))).toBe('and_bool(b:bool, true:bool)');
  });

  it('refuses division by a constant zero (it would multiply by 1 / 0)', () => {
    expect(errorOf(() => compile(op('/', col('f'), lit(0)))).code).toBe('DT211');
  });

  it('refuses ~ on ints and - on booleans (no such opcodes)', () => {
    expect(errorOf(() => compile(op('invert', col('i')))).message).toContain("couldn't find matching opcode for 'invert_ll'");
    expect(errorOf(() => compile(op('neg', col('b')))).message).toContain("couldn't find matching opcode for 'neg_bb'");
  });

  it('refuses an int ** int column, and an int ** negative int constant', () => {
    expect(errorOf(() => compile(op('**', col('i'), col('i')))).code).toBe('DT204');
    expect(errorOf(() => compile(op('**', col('i'), lit(-1n)))).message).toBe('Integers to negative integer powers are not allowed.');
  });

  it('refuses a column named like a numexpr function', () => {
    const e = errorOf(() => compileNumexpr(op('>', { ...col('i'), neName: 'sum' }, lit(1n)), () => 'long', runtime()));
    expect(e.message).toContain("column 'sum'");
  });

  it('computes math functions in float64 for ints', () => {
    expect(program({ kind: 'call', fn: 'abs', args: [col('i')], pos: at })).toBe('absolute_double(cast_double(i:long))');
  });
});
