import { describe, expect, it } from 'vitest';
import { pyAscii, pyRepr, pyStr } from '../../src/python/pyStr.js';
import { PyDict, PyList, PyObject, PyTuple } from '../../src/python/values.js';
import { decode, goldens } from './goldens.js';

class Thing extends PyObject {
  readonly typeName = 'Thing';
  override repr(): string {
    return '<thing>';
  }
}

describe('pyRepr', () => {
  it.each([
    ['a', "'a'"],
    ["it's", '"it\'s"'],
    ['a"b', `'a"b'`],
    [`a'b"c`, `'a\\'b"c'`],
    ['line\nnext', "'line\\nnext'"],
    ['\x00', "'\\x00'"],
    ['\u200b', "'\\u200b'"],
    ['é', "'é'"],
  ])('repr(%j) is %s', (s, want) => {
    expect(pyRepr(s)).toBe(want);
  });

  it('writes containers with element reprs', () => {
    expect(pyRepr(new PyList([1n, 'a', 2.5]))).toBe("[1, 'a', 2.5]");
    expect(pyRepr(new PyTuple([1n]))).toBe('(1,)');
    expect(pyRepr(new PyTuple([]))).toBe('()');
    expect(pyRepr(PyDict.from([['a', 1n]]))).toBe("{'a': 1}");
    expect(pyRepr(new PyList([true, null, -0]))).toBe('[True, None, -0.0]');
  });

  it('writes a list that contains itself as [...]', () => {
    const l = new PyList([1n]);
    l.items.push(l);
    expect(pyRepr(l)).toBe('[1, [...]]');
  });

  it('uses repr() of foreign objects', () => {
    expect(pyRepr(new PyList([new Thing()]))).toBe('[<thing>]');
    expect(pyStr(new Thing())).toBe('<thing>');
  });

  it('refuses to write ints of more than 4300 digits, like CPython 3.11', () => {
    expect(() => pyStr(10n ** 4300n)).toThrow('Exceeds the limit (4300 digits)');
    expect(pyStr(10n ** 4299n).length).toBe(4300);
  });

  it('matches CPython repr, str and ascii', () => {
    const got = goldens.pyrepr.map((c) => {
      const v = decode(c.value);
      return { repr: pyRepr(v), str: pyStr(v), ascii: pyAscii(v) };
    });
    expect(got).toEqual(goldens.pyrepr.map((c) => ({ repr: c.repr, str: c.str, ascii: c.ascii })));
  });
});

describe('pyStr', () => {
  it('is the text itself for str and repr for everything else', () => {
    expect(pyStr("it's")).toBe("it's");
    expect(pyStr(2693)).toBe('2693.0');
    expect(pyStr(12n)).toBe('12');
    expect(pyStr(null)).toBe('None');
    expect(pyStr(false)).toBe('False');
    expect(pyStr(new PyList(['a']))).toBe("['a']");
  });
});
