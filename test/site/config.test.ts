import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/site/config.js';

let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'dftables-config-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const write = (v: unknown) => writeFileSync(join(dir, 'dftables.config.json'), typeof v === 'string' ? v : JSON.stringify(v));

describe('dftables.config.json', () => {
  it('is optional', () => {
    expect(loadConfig(dir)).toEqual({ extlinks: {} });
  });

  it('reads extlinks in the corpus shape and in Sphinx tuple shape', () => {
    write({ title: 'T', extlinks: { 'benchmark-pt': { url: 'https://x/%s', caption: '' }, gh: ['https://gh/%s', 'GH %s'] } });
    expect(loadConfig(dir)).toEqual({
      title: 'T',
      extlinks: { 'benchmark-pt': { url: 'https://x/%s', caption: null }, gh: { url: 'https://gh/%s', caption: 'GH %s' } },
    });
  });

  it('reads extlinks from a JSON file the config names, or from extlinks.json beside the pages', () => {
    writeFileSync(join(dir, 'links.json'), JSON.stringify({ extlinks: { a: { url: 'https://a/%s', caption: null } } }));
    write({ extlinks: 'links.json' });
    expect(loadConfig(dir).extlinks).toEqual({ a: { url: 'https://a/%s', caption: null } });
    rmSync(join(dir, 'dftables.config.json'));
    writeFileSync(join(dir, 'extlinks.json'), JSON.stringify({ extlinks: { b: { url: 'https://b/%s', caption: 'B %s' } } }));
    expect(loadConfig(dir).extlinks).toEqual({ b: { url: 'https://b/%s', caption: 'B %s' } });
  });

  it('finds the nearest config or extlinks.json in a folder above the pages', () => {
    write({ title: 'Up' });
    const below = join(dir, 'a', 'b');
    mkdirSync(below, { recursive: true });
    expect(loadConfig(below).title).toBe('Up');
  });

  it('rejects invalid JSON and wrong shapes with DT502 naming the file', () => {
    write('{ nope');
    expect(() => loadConfig(dir)).toThrow(/dftables.config.json: not valid JSON/);
    write({ extlinks: { x: { caption: 'c' } } });
    expect(() => loadConfig(dir)).toThrow(/extlinks.x: "url" must be a string/);
  });
});
