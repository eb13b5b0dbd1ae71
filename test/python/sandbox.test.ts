import { describe, expect, it } from 'vitest';
import { PyObject, type PyValue } from '../../src/python/values.js';
import { evalRepr, run, runError, where } from './helpers.js';

describe('sandbox at run time', () => {
  it.each([
    ["x = '{0.__class__}'.format(1)", 'DT302'],
    ["x = '{0.__init__.__globals__}'.format(len)", 'DT302'],
    ["x = '{0._secret}'.format(1)", 'DT302'],
  ])('refuses private attributes reached through str.format: %s', (src, code) => {
    expect(runError(src).code).toBe(code);
  });

  it.each([
    "x = 'abc'.constructor",
    'x = [].toString',
    'x = {}.hasOwnProperty',
    "x = 'a'.valueOf",
    'x = len.call',
    'x = str.prototype',
    'x = (1).constructor',
    'x = str.constructor',
  ])('never reaches JS properties: %s', (src) => {
    expect(runError(src).code).toBe('DT202');
  });

  it('keeps dict keys apart from JS object properties', () => {
    expect(evalRepr("{'__proto__': 1, 'constructor': 2, 'toString': 3}['constructor']")).toBe('2');
  });

  it("treats a 'constructor' key like any missing key", () => {
    expect(runError("x = {}['constructor']").code).toBe('DT209');
  });

  it('looks up names only in the block and the safe builtins', () => {
    expect(where(runError('x = process'))).toBe('DT205:1:5');
  });

  it('does not expose JS globals as names', () => {
    expect(runError('x = globalThis').code).toBe('DT205');
  });

  it('hands foreign objects attribute names they can refuse', () => {
    const seen: string[] = [];
    const obj = new (class extends PyObject {
      readonly typeName = 'Thing';
      override getAttr(name: string): PyValue {
        seen.push(name);
        return null;
      }
    })();
    run('x = obj.constructor', { globals: new Map<string, PyValue>([['obj', obj]]) });
    expect(seen).toEqual(['constructor']);
  });

  it('does not let format specs build huge strings', () => {
    expect(runError("x = '{:999999999}'.format(1)").code).toBe('DT305');
  });
});
