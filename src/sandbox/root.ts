/**
 * The docs root: the folder a page may read data from. `--root` wins; otherwise the nearest
 * folder at or above the start folder holding dftables.config.json, conf.py or .git; otherwise
 * the start folder itself (the folder given to the command, or the page's own folder).
 * A dftables.config.json may move the root with `"root": ".."` (relative to the config), so
 * docs/ can keep its config and still read ../data.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

export const ROOT_MARKERS = ['dftables.config.json', 'conf.py', '.git'];

export function resolveDocsRoot(startDir: string, explicit?: string): string {
  if (explicit) return resolve(explicit);
  return markedRoot(startDir) ?? resolve(startDir);
}

/**
 * The docs root of one page of a command run: `--root`; else the nearest marked folder at or
 * above the page; else the folder the command was given (when the page is under it); else the
 * page's own folder. So `lint docs/` lets docs/sub/a.rst read docs/data.csv without a marker.
 */
export function resolvePageRoot(pageFile: string, opts: { explicit?: string; given?: string } = {}): string {
  if (opts.explicit) return resolve(opts.explicit);
  const pageDir = dirname(resolve(pageFile));
  const marked = markedRoot(pageDir);
  if (marked) return marked;
  if (opts.given) {
    const given = resolve(opts.given);
    if (pageDir === given || pageDir.startsWith(given.endsWith('/') ? given : given + '/')) return given;
  }
  return pageDir;
}

/** The nearest folder at or above `startDir` holding a root marker (moved by a config's "root"). */
function markedRoot(startDir: string): string | undefined {
  for (let dir = resolve(startDir); ; dir = dirname(dir)) {
    const marker = ROOT_MARKERS.find((m) => existsSync(join(dir, m)));
    if (marker === 'dftables.config.json') return configuredRoot(dir) ?? dir;
    if (marker) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

function configuredRoot(dir: string): string | undefined {
  try {
    const config = JSON.parse(readFileSync(join(dir, 'dftables.config.json'), 'utf8')) as { root?: unknown };
    return typeof config.root === 'string' ? resolve(dir, config.root) : undefined;
  } catch {
    return undefined; // a broken config is reported by the command that loads it
  }
}
