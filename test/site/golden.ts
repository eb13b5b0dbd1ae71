/**
 * A block evaluator for site tests that answers from the pandas goldens (expected.json beside the
 * page, written by scripts/oracle.py), so build tests exercise rendering, caching and output
 * without depending on the engine. It records which blocks it was asked to evaluate.
 */
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { BlockResult, EvalOptions } from '../../src/engine.js';
import type { DirectiveBlock } from '../../src/directive/types.js';
import { parseOptions } from '../../src/directive/options.js';

export function goldenEvaluator() {
  const calls: string[] = [];
  const evaluate = (block: DirectiveBlock, _opts: EvalOptions): BlockResult => {
    calls.push(`${block.file}:${block.line}`);
    const dir = dirname(resolve(block.file));
    const expected = JSON.parse(readFileSync(join(dir, 'expected.json'), 'utf8')) as Record<string, { ok: boolean; csv?: string; error?: string }>;
    const e = expected[String(block.line)];
    const files = [...block.code.matchAll(/read_csv\('([^']+)'\)/g)].map((m) => join(dir, m[1])).filter(existsSync).map((f) => realpathSync(f));
    if (e?.ok) return { file: block.file, line: block.line, ok: true, csv: e.csv, warnings: [], files, options: parseOptions(block) };
    return {
      file: block.file,
      line: block.line,
      ok: false,
      warnings: [],
      files,
      error: { file: block.file, line: block.line, column: block.col, severity: 'error', code: 'DT401', message: e?.error ?? 'no golden' },
    };
  };
  return { evaluate, calls };
}
