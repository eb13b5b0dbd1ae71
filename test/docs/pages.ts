/**
 * The docs site as the tests see it: its pages, and the df-table examples its pages show inside
 * code blocks (which the finders skip on purpose, so the tests find them here).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectPages } from '../../src/pages.js';
import { findBlocks } from '../../src/engine.js';
import type { DirectiveBlock } from '../../src/directive/types.js';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
export const DOCS = join(REPO, 'docs');

/** Every page of the site, as paths relative to docs/ ('benchmarks/llm-report.md'). */
export function docsPages(): string[] {
  return collectPages([DOCS]).map((p) => p.slice(DOCS.length + 1));
}

export function readPage(rel: string): string {
  return readFileSync(join(DOCS, rel), 'utf8');
}

export interface Example {
  /** The page showing the example. */
  page: string;
  /** 1-based page line of the `.. code-block::` directive. */
  line: number;
  language: string;
  text: string;
  /** The df-table blocks inside the example, positioned as if the example were a page of its own, in the page's folder. */
  blocks: DirectiveBlock[];
  /** Page line of the first line of the example's text (block.line + offset - 1 is its page line). */
  offset: number;
  /** 'DT501' when the example is preceded by the comment `.. example-fails: DT501`. */
  fails?: string;
  /** The next code block of the page when it directly follows this one (the output shown for it). */
  next?: { language: string; text: string };
}

const CODE_BLOCK = /^(\s*)\.\. code-block:: *(\S+)\s*$/;

/** The `.. code-block:: rst|md` blocks of an RST page that contain a df-table. */
export function examplesOf(page: string): Example[] {
  const lines = readPage(page).split('\n');
  const found: Omit<Example, 'blocks'>[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = CODE_BLOCK.exec(lines[i]);
    if (!m) continue;
    const indent = m[1].length;
    let j = i + 1;
    while (j < lines.length && (lines[j].trim() === '' || lines[j].length - lines[j].trimStart().length > indent)) j++;
    const body = lines.slice(i + 1, j);
    while (body.length && body[0].trim() === '') body.shift();
    while (body.length && body[body.length - 1].trim() === '') body.pop();
    const first = lines.indexOf(body[0], i + 1);
    const dedent = Math.min(...body.filter((l) => l.trim()).map((l) => l.length - l.trimStart().length));
    const text = body.map((l) => l.slice(dedent)).join('\n') + '\n';
    let k = i - 1;
    while (k >= 0 && lines[k].trim() === '') k--;
    const marker = /^\s*\.\. example-fails: (DT\d{3})\s*$/.exec(lines[k] ?? '');
    found.push({ page, line: i + 1, language: m[2], text, offset: first + 1, ...(marker ? { fails: marker[1] } : {}) });
    // The code block right after this one (only blank lines between) is its shown output.
    let n = j;
    while (n < lines.length && lines[n].trim() === '') n++;
    const next = CODE_BLOCK.exec(lines[n] ?? '');
    if (next && found.length) {
      const o = n + 1;
      let e = o;
      while (e < lines.length && (lines[e].trim() === '' || lines[e].length - lines[e].trimStart().length > next[1].length)) e++;
      found[found.length - 1].next = { language: next[2], text: lines.slice(o, e).filter((l) => l.trim()).map((l) => l.trim()).join('\n') };
    }
  }
  const file = join(DOCS, page);
  return found
    .filter((e) => (e.language === 'rst' || e.language === 'md') && /df-table/.test(e.text))
    .map((e) => ({ ...e, blocks: findBlocks(e.text, file, e.language === 'md' ? 'md' : 'rst') }));
}
