import { describe, expect, it } from 'vitest';
import { bindArgs } from '../../src/frame/args.js';
import { DftablesError } from '../../src/errors.js';
import { site } from './helpers.js';

const sig = { name: 'sort_values', positional: ['by', 'axis', 'ascending'], required: ['by'], unsupported: ['key'] };

function err(f: () => unknown): DftablesError {
  try {
    f();
  } catch (e) {
    return e as DftablesError;
  }
  throw new Error('no error');
}

describe('bindArgs', () => {
  it('binds positional then keyword arguments', () => {
    const b = bindArgs(sig, ['Model'], new Map([['ascending', false]]), site(['ascending']));
    expect(b.get('by')).toBe('Model');
    expect(b.bool('ascending', true)).toBe(false);
  });
  it('an unknown keyword is DT203 with a did-you-mean at the keyword', () => {
    const e = err(() => bindArgs(sig, ['Model'], new Map([['ascend', false]]), site(['ascend'])));
    expect(e.code).toBe('DT203');
    expect(e.message).toBe("sort_values() got an unexpected keyword argument 'ascend'; did you mean 'ascending'?");
    expect(e.pos).toEqual({ line: 2, col: 10 });
  });
  it('a known but unsupported keyword is DT212', () => expect(err(() => bindArgs(sig, ['M'], new Map([['key', null]]), site(['key']))).code).toBe('DT212'));
  it('too many positional arguments is a TypeError', () =>
    expect(err(() => bindArgs(sig, [1n, 2n, 3n, 4n], new Map(), site([], 4))).message).toBe('sort_values() takes from 1 to 3 positional arguments but 4 were given'));
  it('a missing required argument is a TypeError', () => expect(err(() => bindArgs(sig, [], new Map(), site())).message).toBe("sort_values() missing 1 required positional argument: 'by'"));
  it('a value given twice is DT203', () => expect(err(() => bindArgs(sig, ['a'], new Map([['by', 'b']]), site(['by']))).code).toBe('DT203'));
  it('typed getters refuse the wrong kind', () => {
    const b = bindArgs(sig, ['a', 0n, 'yes'], new Map(), site());
    expect(() => b.bool('ascending', true)).toThrow('For argument "ascending" expected type bool, received type str.');
  });
});
