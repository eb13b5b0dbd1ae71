/** Helpers for the sandbox tests: a throwaway docs tree, and blocks made from page text. */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { findBlocks } from '../../src/directive/find.js';
import type { DirectiveBlock } from '../../src/directive/types.js';

export interface Tree {
  dir: string;
  /** Writes files (relative path -> content); '->target' makes a symbolic link. */
  write(files: Record<string, string>): void;
  /** Every path under the tree (files and folders), sorted: to prove nothing was written. */
  list(): string[];
  remove(): void;
}

export function makeTree(files: Record<string, string> = {}): Tree {
  const dir = mkdtempSync(join(tmpdir(), 'dftables-sandbox-'));
  const tree: Tree = {
    dir,
    write(more) {
      for (const [path, content] of Object.entries(more)) {
        const full = join(dir, path);
        mkdirSync(dirname(full), { recursive: true });
        if (content.startsWith('->')) symlinkSync(content.slice(2), full);
        else writeFileSync(full, content);
      }
    },
    list() {
      const out: string[] = [];
      const walk = (d: string) => {
        for (const name of readdirSync(d)) {
          const p = join(d, name);
          out.push(relative(dir, p));
          if (statSync(p, { throwIfNoEntry: false })?.isDirectory() && !name.startsWith('.')) walk(p);
        }
      };
      walk(dir);
      return out.sort();
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
  tree.write(files);
  return tree;
}

/** A one-block rst page holding `code` (indented under the directive); its code starts on line 3. */
export function rstPage(code: string, options: string[] = []): string {
  const body = code.split('\n').map((l) => (l ? '   ' + l : l));
  return ['.. df-table::', ...options.map((o) => '   ' + o), '', ...body, ''].join('\n');
}

export function blocksOf(text: string, file: string): DirectiveBlock[] {
  return findBlocks(text, file);
}
