/** dftables' version (package.json), part of the incremental cache key and shown in page footers. */
import { readFileSync } from 'node:fs';

function readVersion(): string {
  try {
    // src/site and dist/site are both two levels below the package root.
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string }).version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

export const VERSION = readVersion();
