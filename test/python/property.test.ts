/**
 * Robustness: whatever the page holds, evaluation ends quickly with a result or a DftablesError
 * (never a raw JS exception, never a hang).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DftablesError } from '../../src/errors.js';
import { tokenize } from '../../src/python/tokenizer.js';
import { parseBlock } from '../../src/python/parser.js';
import type { PyValue } from '../../src/python/values.js';
import { makeInterpreter } from './helpers.js';
import { FakeFrame } from './fakes.js';

const SAMPLES = [
  "df = df[['Model', 'Application']]\ndf['x'] = df['Throughput (/sec)'].map('${:,.3f}'.format)",
  "cols = [c for c in df if c != 'Model']\nrank = list(range(len(df))) if len(df) > 1 else [0]",
  "df.loc[df['Model'] == 'm4', 'Application'] = 'LLM'\ndf = df.query('`Application`==\"CV\"')",
  "x = {'a': [1, 2.5, 3], 'b': (1, 'x')}\ny = sorted(x, key=lambda k: -len(x[k]))\nz = f'{y!r:>{10}} {1e6:,.2f}'",
  "s = 0\nfor i, v in enumerate(range(10)):\n    if v % 2:\n        continue\n    s += v ** 2 // 3 % 7\nelse:\n    s -= 1",
  "t = '%5.1f%%' % 12.345 + 'abc'.upper().center(9, '*')[::-1]\nu = [*'ab', *range(3)]\nv = max(u[2:], default=None)",
  "g = (a * b for a in range(3) for b in range(a))\nh = sum(g) / 0.5 if any([0, 1]) else None\nk = divmod(-7, 2), round(2.675, 2)",
];

const ALPHABET = [...'abcdefxyz_019 .,:;()[]{}\'"`=+-*/%<>!&|^~@#\\\n\t', 'lambda ', 'for ', ' in ', 'if ', 'else ', 'not ', 'and ', ' or ', 'import ', 'def ', 'f\'{', '}', '**', '//', '"""', '\u201c', '\u00e9', '\ud83d\ude42'];

const mutation = fc.record({
  sample: fc.constantFrom(...SAMPLES),
  edits: fc.array(fc.record({ at: fc.nat(), del: fc.nat({ max: 4 }), ins: fc.array(fc.constantFrom(...ALPHABET), { maxLength: 4 }) }), { minLength: 1, maxLength: 6 }),
});

function mutate({ sample, edits }: { sample: string; edits: { at: number; del: number; ins: string[] }[] }): string {
  let s = sample;
  for (const e of edits) {
    const at = e.at % (s.length + 1);
    s = s.slice(0, at) + e.ins.join('') + s.slice(at + e.del);
  }
  return s;
}

/** Runs code; returns 'ok' or the DftablesError code, and rethrows anything else. */
function outcome(code: string): string {
  const interp = makeInterpreter({
    timeoutMs: 100,
    limits: { maxSequence: 100_000 },
    globals: new Map<string, PyValue>([['df', new FakeFrame({ Model: ['m1', 'm2'], Application: ['CV', 'NLP'], 'Throughput (/sec)': [1, 2] })]]),
  });
  try {
    interp.run(parseBlock(code));
    return 'ok';
  } catch (e) {
    if (e instanceof DftablesError) {
      if (!e.pos) throw new Error(`DftablesError without a position: ${e.code} ${e.message}`);
      return e.code;
    }
    throw e;
  }
}

describe('robustness', () => {
  it('mutated page code ends with a result or a positioned DftablesError, quickly', () => {
    fc.assert(
      fc.property(mutation, (m) => {
        const code = mutate(m);
        const t0 = Date.now();
        outcome(code);
        expect(Date.now() - t0).toBeLessThan(3000);
      }),
      { numRuns: 400 },
    );
  });

  it('random token soup never throws a JS exception', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ALPHABET, 'df', 'x', '1', '2.5', "'s'", 'len', 'range', 'sorted', 'print', 'True', 'None'), { maxLength: 40 }), (parts) => {
        outcome(parts.join(''));
      }),
      { numRuns: 400 },
    );
  });

  it('the tokenizer accepts any string, leaving an ERROR token at worst', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        const toks = tokenize(s);
        const last = toks[toks.length - 1];
        expect(['ENDMARKER', 'ERROR']).toContain(last.type);
      }),
      { numRuns: 500 },
    );
  });
});
