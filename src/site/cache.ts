/**
 * The incremental build cache (OUT/.dftables/cache.json): a page's df-table results are reused
 * when the page text, every data file its blocks read (content hashes) and the dftables version
 * are all unchanged. Pages with a failed block are not cached: the failure may be a missing
 * file that appears later, which no hash of what was read could notice.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { BlockResult } from '../engine.js';

export const CACHE_FILE = join('.dftables', 'cache.json');

type StoredResult = Omit<BlockResult, 'frame'>;

interface Entry {
  text: string;
  files: Record<string, string>;
  results: StoredResult[];
}

interface CacheData {
  version: string;
  pages: Record<string, Entry>;
}

export function sha1(text: string | Buffer): string {
  return createHash('sha1').update(text).digest('hex');
}

export class EvalCache {
  private data: CacheData;
  private fileHashes = new Map<string, string | null>();
  private dirty = false;

  private constructor(
    private readonly path: string,
    private readonly version: string,
    data: CacheData | undefined,
  ) {
    this.data = data && data.version === version && data.pages ? data : { version, pages: {} };
  }

  static load(outDir: string, version: string): EvalCache {
    const path = join(outDir, CACHE_FILE);
    let data: CacheData | undefined;
    try {
      data = JSON.parse(readFileSync(path, 'utf8')) as CacheData;
    } catch {
      data = undefined;
    }
    return new EvalCache(path, version, data);
  }

  /** Content hash of a data file, once per build; null if it cannot be read. */
  private hashFile(file: string): string | null {
    let h = this.fileHashes.get(file);
    if (h === undefined) {
      try {
        h = sha1(readFileSync(file));
      } catch {
        h = null;
      }
      this.fileHashes.set(file, h);
    }
    return h;
  }

  /** The cached results for a page whose text and data files are unchanged; `display` re-labels diagnostics. */
  lookup(key: string, text: string, display: string): BlockResult[] | undefined {
    const e = this.data.pages[key];
    if (!e || e.text !== sha1(text)) return undefined;
    for (const [file, hash] of Object.entries(e.files)) if (this.hashFile(file) !== hash) return undefined;
    return e.results.map((r) => ({
      ...r,
      file: display,
      warnings: r.warnings.map((w) => ({ ...w, file: w.file === r.file ? display : w.file })),
    }));
  }

  store(key: string, text: string, results: BlockResult[]): void {
    if (results.some((r) => !r.ok)) {
      if (this.data.pages[key]) {
        delete this.data.pages[key];
        this.dirty = true;
      }
      return;
    }
    const files: Record<string, string> = {};
    for (const r of results) for (const f of r.files) files[f] = this.hashFile(f) ?? '';
    this.data.pages[key] = { text: sha1(text), files, results: results.map(({ frame: _frame, ...rest }) => rest) };
    this.dirty = true;
  }

  /** Forgets pages that no longer exist. */
  retain(keys: Set<string>): void {
    for (const k of Object.keys(this.data.pages)) {
      if (!keys.has(k)) {
        delete this.data.pages[k];
        this.dirty = true;
      }
    }
  }

  save(): void {
    if (!this.dirty) return;
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.data));
    renameSync(tmp, this.path);
    this.dirty = false;
  }
}
