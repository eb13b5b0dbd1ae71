/** A page's sections as a tree: the `contents` directive and the theme's "On this page" both list it. */
import type { OutlineEntry } from './context.js';

export interface OutlineNode {
  entry: OutlineEntry;
  children: OutlineNode[];
}

/** Nests a flat list of headings by level. */
export function outlineTree(items: OutlineEntry[]): OutlineNode[] {
  const root: OutlineNode[] = [];
  const stack: OutlineNode[] = [];
  for (const entry of items) {
    const node = { entry, children: [] };
    while (stack.length && stack[stack.length - 1].entry.level >= entry.level) stack.pop();
    (stack.length ? stack[stack.length - 1].children : root).push(node);
    stack.push(node);
  }
  return root;
}
