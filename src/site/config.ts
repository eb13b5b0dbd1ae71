/**
 * dftables.config.json, in the source folder or the nearest folder above it (optional):
 *
 *   { "title": "My docs",
 *     "extlinks": { "benchmark-pt": { "url": "https://.../%s_benchmark.py", "caption": "" } } }
 *
 * extlinks take the shape of the shared corpus' extlinks.json ({role: {url, caption}}) or
 * Sphinx's conf.py tuples ({role: [url, caption]}), inline or as the path of such a JSON file
 * ("extlinks": "extlinks.json"). Without a config file, the nearest extlinks.json is used (a
 * Sphinx project's extlinks exported as JSON, as in the shared corpus). An empty or null caption shows the full
 * URL when the role has no explicit title, as the reference Sphinx build (conf.py maps '' to None).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DftablesError } from '../errors.js';
import type { ExtLink } from '../render/context.js';

export const CONFIG_FILE = 'dftables.config.json';
export const EXTLINKS_FILE = 'extlinks.json';

export interface SiteConfig {
  /** Site title (default: the root page's title). */
  title?: string;
  extlinks: Record<string, ExtLink>;
}

/** The file `name` in `dir` or the nearest folder above it. */
function nearest(dir: string, name: string): string | undefined {
  for (let d = resolve(dir); ; d = dirname(d)) {
    if (existsSync(join(d, name))) return join(d, name);
    if (dirname(d) === d) return undefined;
  }
}

export function loadConfig(srcDir: string): SiteConfig {
  const config: SiteConfig = { extlinks: {} };
  const file = nearest(srcDir, CONFIG_FILE) ?? nearest(srcDir, EXTLINKS_FILE);
  if (!file) return config;
  const obj = readJsonObject(file);
  if (obj.title !== undefined) {
    if (typeof obj.title !== 'string') throw bad(file, '"title" must be a string');
    config.title = obj.title;
  }
  let links = obj.extlinks;
  let linksFile = file;
  if (typeof links === 'string') {
    linksFile = resolve(dirname(file), links);
    if (!existsSync(linksFile)) throw bad(file, `"extlinks": no such file ${links}`);
    links = readJsonObject(linksFile).extlinks;
  }
  if (links !== undefined) {
    if (!links || typeof links !== 'object' || Array.isArray(links)) throw bad(linksFile, '"extlinks" must be an object of roles');
    for (const [role, v] of Object.entries(links as Record<string, unknown>)) {
      config.extlinks[role.toLowerCase()] = extlink(linksFile, role, v);
    }
  }
  return config;
}

function readJsonObject(file: string): Record<string, unknown> {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new DftablesError('DT502', `${file}: not valid JSON (${(e as Error).message})`, { file, pos: { line: 1, col: 1 } });
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw bad(file, 'the file must hold a JSON object');
  return raw as Record<string, unknown>;
}

function extlink(file: string, role: string, v: unknown): ExtLink {
  let url: unknown;
  let caption: unknown;
  if (Array.isArray(v)) [url, caption] = v;
  else if (v && typeof v === 'object') ({ url, caption } = v as { url?: unknown; caption?: unknown });
  if (typeof url !== 'string') throw bad(file, `extlinks.${role}: "url" must be a string`);
  if (caption !== undefined && caption !== null && typeof caption !== 'string') throw bad(file, `extlinks.${role}: "caption" must be a string or null`);
  return { url, caption: typeof caption === 'string' && caption ? caption : null };
}

function bad(file: string, message: string): DftablesError {
  return new DftablesError('DT502', `${file}: ${message}`, { file, pos: { line: 1, col: 1 } });
}
