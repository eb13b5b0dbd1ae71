/**
 * Reading data files on behalf of page code: the only door from a page to the file system.
 * Paths are relative to the page; anything that resolves (after following links) outside the
 * docs root, absolute paths, URLs and non-regular files are refused; sizes are capped.
 */
import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
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
        text = decodeText(path, readFileSync(real), maxBytes);
        cache.set(real, text);
      }
      if (!files.includes(real)) files.push(real);
      return { text, resolved: real };
    },
  };
}

/** Compressions pandas infers from the file name; only gzip has a decoder in Node itself. */
const COMPRESSED = /\.(gz|bz2|zip|xz|zst|tar)$/i;

/**
 * The file's text as pandas reads it: gzip is inflated (compression='infer'), and the bytes must
 * be UTF-8 (pandas raises UnicodeDecodeError otherwise; a lenient decode would show U+FFFD
 * in the table instead of an error). A leading BOM is dropped, as pandas does.
 */
function decodeText(path: string, bytes: Buffer, maxBytes: number): string {
  const ext = COMPRESSED.exec(path)?.[1].toLowerCase();
  if (ext && ext !== 'gz') {
    throw new DftablesError('DT212', `reading a .${ext} file is not supported by dftables`, { hint: 'Decompress it into the docs tree and read the CSV, or compress it with gzip (.gz).' });
  }
  if (ext === 'gz') {
    try {
      // maxOutputLength stops a decompression bomb before it is inflated.
      bytes = gunzipSync(bytes, { maxOutputLength: maxBytes });
    } catch (e) {
      const tooLarge = (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE';
      if (tooLarge) throw new DftablesError('DT403', `'${path}' inflates to more than the limit of ${maxBytes} bytes`);
      throw new DftablesError('DT402', `'${path}' is not a valid gzip file (${(e as Error).message})`);
    }
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    const line = bytes.subarray(0, at).toString('latin1').split('\n').length;
    throw new DftablesError('DT402', `'${path}' is not UTF-8 text: byte 0x${bytes[at].toString(16)} at offset ${at} (line ${line}) cannot be decoded`, {
      hint: 'Save the file as UTF-8 (pandas fails on it too, with UnicodeDecodeError).',
    });
  }
}

/** Offset of the first byte of the first sequence that is not valid UTF-8 (as Python reports it). */
function firstInvalidUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    const len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    if (!len) return i;
    // The second byte's range excludes overlong forms, surrogates and code points past U+10FFFF.
    const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80;
    const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf;
    if (i + 1 >= b.length || b[i + 1] < lo || b[i + 1] > hi) return i;
    for (let k = 2; k < len; k++) if (i + k >= b.length || (b[i + k] & 0xc0) !== 0x80) return i;
    i += len;
  }
  return b.length - 1;
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
