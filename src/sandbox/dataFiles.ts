/**
 * Reading data files on behalf of page code: the only door from a page to the file system.
 * Paths are relative to the page; anything that resolves (after following links) outside the
 * docs root, absolute paths, URLs and non-regular files are refused; sizes are capped.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { DftablesError } from '../errors.js';
import { closest } from '../diagnostics/suggest.js';
// Every command that evaluates page code reads data through here: install the regexp time guard.
import './regexGuard.js';

export interface DataFileReader {
  read(path: string): { text: string; resolved: string };
  /** Absolute (real) paths of every file read so far, in first-read order. */
  readonly files: string[];
}

function inside(root: string, p: string): boolean {
  const rel = relative(root, p);
  return rel === '' || (!rel.startsWith('..' + sep) && rel !== '..' && !isAbsolute(rel));
}

export function createDataFileReader(pageDir: string, root: string, maxBytes: number): DataFileReader {
  const files: string[] = [];
  const realRoot = safeRealpath(root) ?? resolve(root);
  const cache = new Map<string, string>();
  return {
    files,
    read(path: string) {
      if (typeof path !== 'string' || path === '') throw new DftablesError('DT208', 'expected a file path relative to the page');
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(path)) {
        throw new DftablesError('DT304', `'${path}' is a URL; df-table code cannot reach the network`, { hint: 'Download the file into the docs tree and read it by a relative path.' });
      }
      if (isAbsolute(path) || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('~')) {
        throw new DftablesError('DT304', `absolute path '${path}' is not allowed; use a path relative to the page`, { hint: `Pages may only read files under the docs root ${realRoot}.` });
      }
      const target = resolve(pageDir, path);
      if (!inside(resolve(root), target) && !inside(realRoot, target)) {
        throw new DftablesError('DT304', `'${path}' is outside the docs root ${realRoot}`, { hint: 'Pages may only read files under the docs root (set it with --root, or mark it with dftables.config.json).' });
      }
      const real = safeRealpath(target);
      if (!real) throw notFound(path, target);
      if (!inside(realRoot, real)) {
        throw new DftablesError('DT304', `'${path}' links to ${real}, outside the docs root ${realRoot}`);
      }
      const st = statSync(real);
      if (!st.isFile()) throw new DftablesError('DT401', `'${path}' is not a file`);
      if (st.size > maxBytes) throw new DftablesError('DT403', `'${path}' is ${st.size} bytes, over the limit of ${maxBytes} bytes`);
      let text = cache.get(real);
      if (text === undefined) {
        text = readFileSync(real, 'utf8');
        cache.set(real, text);
      }
      if (!files.includes(real)) files.push(real);
      return { text, resolved: real };
    },
  };
}

function safeRealpath(p: string): string | undefined {
  try {
    // The native call resolves the whole path at once instead of lstat-ing each component.
    return realpathSync.native(p);
  } catch {
    return undefined;
  }
}

function notFound(path: string, target: string): DftablesError {
  const dir = dirname(target);
  let beside: string[] = [];
  try {
    beside = readdirSync(dir).filter((f) => ['.csv', '.tsv', '.txt'].includes(extname(f).toLowerCase()));
  } catch {
    /* the folder itself is missing */
  }
  const guess = closest(basename(path), beside);
  let message = `file '${path}' not found`;
  if (guess) message += `; did you mean '${guess}'?`;
  const hint = beside.length ? `CSV files beside it: ${beside.slice(0, 10).join(', ')}${beside.length > 10 ? ', …' : ''}` : `no CSV files in ${dir}`;
  return new DftablesError('DT401', message, { hint });
}
