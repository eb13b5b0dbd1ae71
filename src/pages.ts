/** Which files are pages: `.rst` and `.md` under the given paths, skipping build output and hidden folders. */
import { statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { DftablesError } from './errors.js';

export const PAGE_GLOB = '**/*.{rst,md}';
export const IGNORED = ['**/_build/**', '**/node_modules/**', '**/.*/**'];

/** Expands each path (a page or a folder) to pages, in a stable order (folders sorted, pages as given). */
export function collectPages(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new DftablesError('DT401', `no such file or folder: ${p}`);
    }
    if (st.isDirectory()) {
      const found = globModule().globSync(PAGE_GLOB, { cwd: p, ignore: IGNORED, nodir: true, posix: true }).sort();
      for (const f of found) out.push(p.replace(/\/+$/, '') + '/' + f);
    } else {
      out.push(p);
    }
  }
  return [...new Set(out)];
}

/** glob, loaded on first use: a command on single pages (most evals, the Sphinx engine) never needs it. */
export function globModule(): typeof import('glob') {
  return createRequire(import.meta.url)('glob') as typeof import('glob');
}
