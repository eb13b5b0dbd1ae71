import { describe, expect, it } from 'vitest';
import { floatRepr } from '../../src/python/floatRepr.js';
import { parsePyFloat, parsePyInt } from '../../src/python/floatParse.js';

// [text, repr(float(text)) or null for ValueError, str(int(text)) or null] from CPython 3.11.
// The last rows use Unicode decimal digits (Arabic-Indic, mathematical, Devanagari), which CPython accepts.
const CASES: [string, string | null, string | null][] = [
    ["1.5", "1.5", null],
    [" 1.5 ", "1.5", null],
    ["1_000.5", "1000.5", null],
    ["1__0", null, null],
    ["_1", null, null],
    ["1_", null, null],
    ["+.5", "0.5", null],
    ["-5.", "-5.0", null],
    [".", null, null],
    ["e5", null, null],
    ["1e5", "100000.0", null],
    ["1E+5", "100000.0", null],
    ["1e", null, null],
    ["inf", "inf", null],
    ["-Infinity", "-inf", null],
    ["+nan", "nan", null],
    ["NaN", "nan", null],
    ["infinit", null, null],
    ["\t\n 7 \f", "7.0", "7"],
    [" 12 ", "12.0", "12"],
    ["﻿1", null, null],
    ["0x10", null, null],
    ["1,5", null, null],
    ["", null, null],
    [" ", null, null],
    ["1e400", "inf", null],
    ["-1e-400", "-0.0", null],
    ["00012", "12.0", "12"],
    ["1.5.2", null, null],
    ["١٢", "12.0", "12"],
    ["𝟙.𝟝", "1.5", null],
    ["१२३", "123.0", "123"],
];

describe('parsePyFloat / parsePyInt', () => {
  it.each(CASES)('float() and int() of %j as in CPython', (s, f, i) => {
    const x = parsePyFloat(s);
    expect(x === null ? null : floatRepr(x)).toBe(f);
    const n = parsePyInt(s);
    expect(n === null ? null : n.toString()).toBe(i);
  });
});
