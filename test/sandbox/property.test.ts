/**
 * Robustness of whole pages: random and mutated page text goes through the finder, the static
 * pass, the engine with the real pd and np, and lint's checks. The only outcomes are a table or
 * positioned diagnostics inside the page; never a JS exception, a hang, or a JS error message
 * dressed up as a diagnostic.
 */
import fc from 'fast-check';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBlocks } from '../../src/directive/find.js';
import { checkBlockStatically } from '../../src/lint/static.js';
import { lintBlock } from '../../src/lint/lintBlock.js';
import type { Diagnostic } from '../../src/errors.js';
import { makeTree, type Tree } from './helpers.js';

let tree: Tree;
let before: string[];
beforeAll(() => {
  tree = makeTree({
    '.git': '',
    'docs/models.csv': 'Model,Inst. Type,Batch Size,Throughput (/sec),Cost\nbert,inf2.xlarge,1,1520.5,$10.000\nvit,trn1.2xlarge,,2650,$2.000\nresnet,inf2.xlarge,16,4210.75,$3.500\n',
    'docs/prices.csv': 'Inst. Type,Rate\ninf2.xlarge,0.758\ninf2.xlarge,0.5\n',
  });
  before = tree.list();
});
afterAll(() => {
  expect(tree.list()).toEqual(before);
  tree.remove();
});

const PAGES = [
  ".. df-table:: Cost\n   :header-rows: 1\n\n   df = pd.read_csv('models.csv')\n   df = pd.merge(df, pd.read_csv('prices.csv'), on='Inst. Type')\n   df['Per 1M'] = (1e6 / df['Throughput (/sec)']) * df['Rate'] / 3.6e3\n   df = df.sort_values('Cost').round(3)\n",
  ".. df-table::\n   :header-rows: 1\n   :widths: auto\n\n   df = pd.read_csv('models.csv')\n   df = df.groupby('Inst. Type', as_index=False)['Throughput (/sec)'].sum()\n   df['Tput'] = df['Throughput (/sec)'].map('{:,.1f}'.format)\n",
  "```{df-table}\n:header-rows: 1\n\ndf = pd.read_csv('models.csv')\ndf = df[df['Batch Size'].fillna(0) > 0]\ndf['Batch Size'] = df['Batch Size'].astype(int)\ndf = df.query('`Throughput (/sec)` > 2000')\n```\n",
  ".. df-table::\n\n   df = pd.DataFrame({'a': [1, 2, np.nan], 'b': list('xyz')})\n   df['c'] = np.where(df['a'] > 1, 'big', 'small')\n   df = df.rename(columns={'a': 'A'}).reset_index(drop=True)\n   for c in ['A', 'b']:\n       df[c + '!'] = df[c].astype(str).str.upper()\n",
  ".. df-table::\n\n   rows = [{'k': i % 3, 'v': i ** 2 / 7} for i in range(20)]\n   df = pd.DataFrame(rows).groupby('k').mean()\n   df = df.reset_index()\n   df['v'] = df['v'].apply(lambda x: f'{x:.2f}')\n",
];

const ALPHABET = [...'abcxyz_019 .,:;()[]{}\'"`=+-*/%<>!&|^~@#\\\n\t', '   ', '\n   ', 'df', "['Model']", '.sort_values(', '.merge(', 'pd.', 'np.', 'lambda x: ', 'for ', ' in ', 'import ', '__', ':header-rows: ', '.. df-table::\n\n', '```', '10**9', '* 10**8', "'(a+)+$'", '\u00e9', '\ud83d\ude42'];

const mutation = fc.record({
  page: fc.constantFrom(...PAGES),
  edits: fc.array(fc.record({ at: fc.nat(), del: fc.nat({ max: 6 }), ins: fc.array(fc.constantFrom(...ALPHABET), { maxLength: 4 }) }), { minLength: 1, maxLength: 3 }),
});

function mutate({ page, edits }: { page: string; edits: { at: number; del: number; ins: string[] }[] }): string {
  let s = page;
  for (const e of edits) {
    const at = e.at % (s.length + 1);
    s = s.slice(0, at) + e.ins.join('') + s.slice(at + e.del);
  }
  return s;
}

/** Messages of JavaScript's own exceptions: a bug of ours leaking through as a diagnostic. */
const JS_ISMS = /Cannot read propert|is not a function|is not defined \(|undefined is not|null is not|Cannot convert a BigInt|Maximum call stack|internal error|Invalid array length|\[object Object\]/;

function checkDiagnostic(d: Diagnostic, lineCount: number, file: string): void {
  expect(d.file).toBe(file);
  expect(d.line).toBeGreaterThanOrEqual(1);
  expect(d.line).toBeLessThanOrEqual(lineCount + 1);
  expect(d.column).toBeGreaterThanOrEqual(1);
  expect(d.message).not.toMatch(JS_ISMS);
}

/** Lints every block of a page in this thread, as lint does; throws on anything unexpected. */
function lintText(text: string): Diagnostic[] {
  const found: Diagnostic[] = [];
  const file = join(tree.dir, text.startsWith('```') ? 'docs/p.md' : 'docs/p.rst');
  const lines = text.split('\n').length;
  const t0 = Date.now();
  for (const block of findBlocks(text, file)) {
    const { errors } = checkBlockStatically(block);
    for (const d of errors) checkDiagnostic(d, lines, file);
    found.push(...errors);
    if (errors.length) continue;
    const r = lintBlock(block, { limits: { timeoutMs: 200, maxSequence: 1_000_000, maxCells: 1_000_000 } });
    expect(r.ok).toBe(!r.error);
    if (r.error) checkDiagnostic(r.error, lines, file);
    for (const w of r.warnings) checkDiagnostic(w, lines, file);
    found.push(...(r.error ? [r.error] : []), ...r.warnings);
    evaluated++;
  }
  expect(Date.now() - t0).toBeLessThan(3000);
  return found;
}

/** Blocks that passed the static pass and ran: proof that mutated pages still reach the engine. */
let evaluated = 0;

describe('whole pages through the engine', () => {
  it('the seed pages lint without errors', () => {
    for (const p of PAGES) expect(lintText(p).filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('mutated pages end with tables or positioned diagnostics, quickly', () => {
    fc.assert(
      fc.property(mutation, (m) => {
        lintText(mutate(m));
      }),
      { numRuns: 300 },
    );
    expect(evaluated).toBeGreaterThan(30);
  });

  it('random page text never throws', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ALPHABET, '.. df-table::\n   ', 'pd.read_csv("models.csv")', 'df = ', 'x'), { maxLength: 30 }), (parts) => {
        lintText(parts.join(''));
      }),
      { numRuns: 300 },
    );
  });
});
