/** Picks the finder for a page by its extension. */
import { findMystBlocks } from './myst.js';
import { findRstBlocks } from './rst.js';
import type { DirectiveBlock, PageFormat } from './types.js';

export function pageFormat(file: string): PageFormat | undefined {
  if (/\.rst$/i.test(file)) return 'rst';
  if (/\.(md|markdown)$/i.test(file)) return 'md';
  return undefined;
}

export function findBlocks(text: string, file: string, format: PageFormat = pageFormat(file) ?? 'rst'): DirectiveBlock[] {
  return format === 'md' ? findMystBlocks(text, file) : findRstBlocks(text, file);
}
