/** Which files are pages: `.rst` and `.md` under the given paths, skipping build output and hidden folders. */
import { statSync } from 'node:fs';
import { globSync } from 'glob';
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
      const found = globSync(PAGE_GLOB, { cwd: p, ignore: IGNORED, nodir: true, posix: true }).sort();
      for (const f of found) out.push(p.replace(/\/+$/, '') + '/' + f);
    } else {
      out.push(p);
    }
  }
  return [...new Set(out)];
}
