import { describe, expect, it } from 'vitest';
import { strFormat } from '../../src/python/formatSpec.js';
import { PyList, type PyValue } from '../../src/python/values.js';
import { attempt, CODE_OF, decode, goldens } from './goldens.js';

const kw = (o: Record<string, PyValue>) => new Map(Object.entries(o));

describe('strFormat', () => {
  it('numbers automatic fields in order', () => {
    expect(strFormat('{} and {}', ['a', 2.5], kw({}))).toBe('a and 2.5');
  });

  it('takes nested fields in the spec from the arguments', () => {
    expect(strFormat('{:>{w}}|', ['ab'], kw({ w: 5n }))).toBe('   ab|');
  });

  it('indexes into arguments', () => {
    expect(strFormat('{0[1]}', [new PyList([1n, 2n])], kw({}))).toBe('2');
  });

  it('unescapes doubled braces', () => {
    expect(strFormat('{{{}}}', [7n], kw({}))).toBe('{7}');
  });

  it('refuses to mix automatic and manual numbering', () => {
    expect(() => strFormat('{0} {}', [1n, 2n], kw({}))).toThrow(
      'cannot switch from manual field specification to automatic field numbering',
    );
  });

  it('uses the attribute hook for .attr fields', () => {
    const out = strFormat('{0.name}', ['x'], kw({}), { getAttr: (o, n) => `${String(o)}.${n}` });
    expect(out).toBe('x.name');
  });

  it.each(goldens.strformat.map((c) => [c.template, c] as const))('matches CPython for %j', (_t, c) => {
    const got = attempt(() => strFormat(c.template, c.args.map(decode), new Map(c.kwargs.map(([k, v]) => [k, decode(v)]))));
    expect(got).toEqual(c.error ? { code: CODE_OF[c.error], message: c.message } : { ok: c.ok });
  });
});
