/**
 * numexpr's element-wise C arithmetic, checked against numexpr 2.8.4 (numexpr.evaluate on the
 * same arrays): remainders, int32 wrap-around, integer powers.
 */
import { describe, expect, it } from 'vitest';
import type { Kind, Nx } from '../../src/frame/numexprCompile.js';
import { runNumexpr, type Vec } from '../../src/frame/numexprRun.js';
import type { NeLeaf } from '../../src/python/queryTree.js';

const pos = { line: 1, col: 1 };
const leaf: NeLeaf = { kind: 'leaf', value: null, constant: false, pos };

function vec(kind: Kind, values: number[]): Vec {
  const data =
    kind === 'long' ? BigInt64Array.from(values, BigInt) : kind === 'int' ? Int32Array.from(values) : kind === 'bool' ? Uint8Array.from(values) : Float64Array.from(values);
  return { kind, data, scalar: false };
}

/** `x <name> c` over the values of x. */
function run(name: string, kind: Kind, values: number[], c: bigint | number, cKind: Kind = kind): unknown[] {
  const node: Nx = { t: 'op', name, kind, args: [{ t: 'var', kind, leaf }, { t: 'const', kind: cKind, value: c }], pos };
  return Array.from(runNumexpr(node, values.length, () => vec(kind, values)).data as ArrayLike<unknown>);
}

describe('runNumexpr', () => {
  it('takes int remainders with the sign of the dividend, and 0 for % 0', () => {
    expect(run('mod', 'long', [-1, -4, 5, 7], 3n)).toEqual([-1n, -1n, 2n, 1n]);
    expect(run('mod', 'long', [-1, 5], 0n)).toEqual([0n, 0n]);
  });

  it('takes float remainders as a - floor(a / b) * b (1e20 % 3.0 is 0, Python says 1)', () => {
    expect(run('mod', 'double', [1e20, -1.5, 7.5], 3)).toEqual([0, 1.5, 1.5]);
  });

  it('wraps int32 arithmetic', () => {
    expect(run('add', 'int', [2147483647, 1], 1)).toEqual([-2147483648, 2]);
    expect(run('mul', 'int', [65536], 65536)).toEqual([0]);
  });

  it('computes int powers as pow() cast back: 1 / a for negative exponents, INT64_MIN on overflow', () => {
    expect(run('pow', 'long', [2, 3, 1, -1], -1n)).toEqual([0n, 0n, 1n, -1n]);
    expect(run('pow', 'long', [3, 2, -2], 40n)).toEqual([-(2n ** 63n), 2n ** 40n, 2n ** 40n]);
  });

  it('gives 0 for 0 ** -n, as numexpr 2.8.4 does', () => {
    expect(run('pow', 'long', [0], -7n)).toEqual([0n]);
  });
});
