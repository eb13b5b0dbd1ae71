/**
 * The pages of a source folder: every .rst and .md under it, skipping build output,
 * node_modules and dot-folders (the same globs `dftables eval` uses), and the output folder
 * when it lies inside the source. Each page gets its docname: the path without extension.
 */
import { relative, resolve, sep } from 'node:path';
import { globModule, IGNORED, PAGE_GLOB } from '../pages.js';
import type { PageFormat } from '../directive/types.js';

export interface PageFile {
  /** Absolute path. */
  abs: string;
  /** Path under the source folder, '/'-separated. */
  rel: string;
  /** rel without extension: the page's name in toctrees, :doc: and URLs. */
  docname: string;
  format: PageFormat;
}

export function discoverPages(srcDir: string, outDir?: string): { pages: PageFile[]; duplicates: PageFile[] } {
  const src = resolve(srcDir);
  const ignore = [...IGNORED];
  if (outDir) {
    const rel = relative(src, resolve(outDir));
    if (rel && !rel.startsWith('..') && !rel.startsWith(sep)) ignore.push(rel.split(sep).join('/') + '/**');
  }
  const found = globModule().globSync(PAGE_GLOB, { cwd: src, ignore, nodir: true, posix: true }).sort();
  const byDoc = new Map<string, PageFile>();
  const duplicates: PageFile[] = [];
  for (const rel of found) {
    const format: PageFormat = rel.toLowerCase().endsWith('.md') ? 'md' : 'rst';
    const page: PageFile = { abs: resolve(src, rel), rel, docname: rel.replace(/\.(rst|md)$/i, ''), format };
    const prev = byDoc.get(page.docname);
    // page.rst and page.md would both become page.html: the reStructuredText one wins.
    if (prev) {
      if (prev.format === 'md' && format === 'rst') {
        duplicates.push(prev);
        byDoc.set(page.docname, page);
      } else duplicates.push(page);
      continue;
    }
    byDoc.set(page.docname, page);
  }
  return { pages: [...byDoc.values()], duplicates };
}
