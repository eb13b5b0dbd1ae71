import { describe, expect, it } from 'vitest';
import { runError, where } from './helpers.js';

/** Every case must fail fast: the test timeout is the proof that nothing is built first. */
describe('size limits (DT305) refuse before allocating', () => {
  it.each([
    ['[0] * (10 ** 10)', 'x = [0] * (10 ** 10)'],
    ["'x' * 10**9", "x = 'x' * 10**9"],
    ['list(range(10**12))', 'x = list(range(10**12))'],
    ['sorted(range(10**12))', 'x = sorted(range(10**12))'],
    ['10 ** 10 ** 10', 'x = 10 ** 10 ** 10'],
    ['1 << 10**9', 'x = 1 << 10**9'],
    ['repeated squaring', 'x = 3\nfor i in range(100):\n    x = x * x'],
    ['string doubling', "s = 'ab'\nfor i in range(100):\n    s = s + s"],
    ['list doubling', 'l = [1]\nfor i in range(100):\n    l.extend(l)'],
    ['list += doubling', 'l = [1]\nfor i in range(100):\n    l += l'],
    ["str.replace growth", "s = 'x' * 1000\nfor i in range(10):\n    s = s.replace('x', 'xxxxxxxxxx')"],
    ['join', "x = '-'.join(['abc' * 1000] * 10**5)"],
    ['zfill', "x = '1'.zfill(10**10)"],
    ['center', "x = 'a'.center(10**9)"],
    ['% with a * width', "x = '%*d' % (10**9, 1)"],
    ['% with a huge precision', "x = '%.1000000000f' % 1.0"],
  ])('%s', (_name, code) => {
    expect(runError(code).code).toBe('DT305');
  });

  it('caps comprehensions at the sequence limit', () => {
    expect(runError('x = [i for i in range(5000)]', { limits: { maxSequence: 1000 } }).code).toBe('DT305');
  });

  it('caps dict and set comprehensions', () => {
    expect(runError('x = {i: i for i in range(5000)}', { limits: { maxSequence: 1000 } }).code).toBe('DT305');
  });

  it('caps lambda recursion', () => {
    const e = runError('f = lambda n: f(n - 1) if n else 0\nx = f(10 ** 6)');
    expect([e.code, e.message]).toEqual(['DT305', 'maximum recursion depth exceeded (more than 200 nested calls)']);
  });

  it('says which limit was hit', () => {
    expect(runError('x = [0] * (10 ** 10)').message).toBe('the list would have more than 10,000,000 items (the size limit)');
  });

  it('points at the operation that would be too large', () => {
    expect(where(runError('x = 1\ny = [0] * (10 ** 10)'))).toBe('DT305:2:5');
  });
});

describe('time limit (DT306)', () => {
  it('stops a for loop over a huge range at the deadline', () => {
    const t0 = Date.now();
    const e = runError('n = 0\nfor i in range(10 ** 12):\n    n += 1', { timeoutMs: 200 });
    expect([e.code, Date.now() - t0 < 3000]).toEqual(['DT306', true]);
  });

  it('stops a lazy reduction at the deadline', () => {
    expect(runError('x = sum(range(10 ** 12))', { timeoutMs: 200 }).code).toBe('DT306');
  });

  it('stops nested comprehensions at the deadline', () => {
    expect(runError('x = sum(1 for a in range(10 ** 6) for b in range(10 ** 6))', { timeoutMs: 200 }).code).toBe('DT306');
  });

  it('stops a loop that keeps growing the list it walks', () => {
    expect(['DT305', 'DT306']).toContain(runError('l = [1]\nfor x in l:\n    l.append(x)', { timeoutMs: 300 }).code);
  });

  it('points a timeout inside a loop body at the loop', () => {
    const e = runError('n = 0\nfor i in range(10 ** 12):\n    n += 1', { timeoutMs: 100 });
    expect(e.line).toBeGreaterThanOrEqual(2);
  });
});

describe('deep and wide code', () => {
  it('reports a 200,000-term sum as too deep instead of crashing', () => {
    expect(runError('x = ' + Array(200_000).fill('1').join(' + ')).code).toBe('DT305');
  });

  it('evaluates a very long flat list literal', () => {
    expect(runError('x = [' + Array(100_000).fill('1').join(',') + ']\ny = 1 // 0').code).toBe('DT211');
  });

  it('extends lists by millions of items without spreading them onto the stack', () => {
    expect(runError('x = [0] * 3000000\ny = []\ny.extend(x)\ny += x\nz = [*y]\nw = 1 // 0').code).toBe('DT211');
  });

  it('refuses more than 99 levels of indentation, as CPython does', () => {
    const code = Array.from({ length: 100 }, (_, i) => '    '.repeat(i) + 'if x:\n').join('') + '    '.repeat(100) + 'pass';
    expect(where(runError(code))).toBe('DT102:101:1');
  });
});
