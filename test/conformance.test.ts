/**
 * Conformance: every block of every page with an expected.json (written by pandas 1.5.3) must
 * evaluate to byte-identical CSV. Sources: ../shared/corpus/{neuron,spec} (skipped with a message
 * when absent) and our own test/fixtures/**.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { globSync } from 'glob';
import { describe, expect, it } from 'vitest';
import { evaluatePage } from '../src/engine.js';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const shared = resolve(repo, '../shared/corpus');

interface Expected {
  ok: boolean;
  csv?: string;
  error?: string;
}

function pagesIn(folder: string): string[] {
  return globSync('**/expected.json', { cwd: folder, ignore: ['**/node_modules/**'] })
    .sort()
    .map((e) => {
      const dir = join(folder, dirname(e));
      const page = ['page.rst', 'page.md'].map((p) => join(dir, p)).find((p) => existsSync(p));
      return page ?? '';
    })
    .filter(Boolean);
}

function suite(name: string, folder: string) {
  describe(name, () => {
    for (const page of pagesIn(folder)) {
      const expected: Record<string, Expected> = JSON.parse(readFileSync(join(dirname(page), 'expected.json'), 'utf8'));
      describe(relative(folder, page), () => {
        const res = evaluatePage(page, { root: dirname(page) });
        it('finds every block pandas evaluated', () => {
          expect(res.results.map((r) => String(r.line)).sort()).toEqual(Object.keys(expected).sort());
        });
        for (const [line, exp] of Object.entries(expected)) {
          it(`block at line ${line} ${exp.ok ? 'matches pandas' : 'fails as in pandas'}`, () => {
            const got = res.results.find((r) => String(r.line) === line);
            expect(got, `no block at line ${line}`).toBeDefined();
            if (exp.ok) {
              expect(got!.error).toBeUndefined();
              expect(got!.csv).toBe(exp.csv);
            } else {
              expect(got!.ok).toBe(false);
            }
          });
        }
      });
    }
  });
}

if (existsSync(shared) && readdirSync(shared).length) {
  suite('shared corpus: neuron', join(shared, 'neuron'));
  suite('shared corpus: spec', join(shared, 'spec'));
} else {
  describe('shared corpus', () => {
    it.skip(`skipped: ${shared} is absent (the conformance corpus lives beside the repository)`, () => {});
  });
}
suite('fixtures', join(repo, 'test/fixtures'));
