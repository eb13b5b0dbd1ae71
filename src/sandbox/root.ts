/**
 * The docs root: the folder a page may read data from. `--root` wins; otherwise the nearest
 * folder at or above the start folder holding dftables.config.json, conf.py or .git; otherwise
 * the start folder itself (the folder given to the command, or the page's own folder).
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const ROOT_MARKERS = ['dftables.config.json', 'conf.py', '.git'];

export function resolveDocsRoot(startDir: string, explicit?: string): string {
  if (explicit) return resolve(explicit);
  const start = resolve(startDir);
  for (let dir = start; ; dir = dirname(dir)) {
    if (ROOT_MARKERS.some((m) => existsSync(join(dir, m)))) return dir;
    if (dirname(dir) === dir) break;
  }
  return start;
}
