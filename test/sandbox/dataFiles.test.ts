import { join } from 'node:path';
import { realpathSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DftablesError } from '../../src/errors.js';
import { createDataFileReader } from '../../src/sandbox/dataFiles.js';
import { makeTree, type Tree } from './helpers.js';

let tree: Tree;
let root: string;
beforeAll(() => {
  tree = makeTree({
    'outside.csv': 'a\n1\n',
    'root/docs/a.csv': 'x,y\n1,2\n',
    'root/docs/prices.csv': 'p\n1\n',
    'root/data/b.csv': 'z\n3\n',
    'root/big.csv': 'x\n' + '1\n'.repeat(100),
  });
  root = realpathSync(join(tree.dir, 'root'));
  tree.write({ 'root/docs/out.csv': `->${join(tree.dir, 'outside.csv')}`, 'root/docs/in.csv': '->../data/b.csv' });
});
afterAll(() => tree.remove());

const reader = (maxBytes = 1 << 20) => createDataFileReader(join(root, 'docs'), root, maxBytes);

function refusal(path: string, maxBytes?: number): { code: string; message: string; hint?: string } {
  try {
    reader(maxBytes).read(path);
  } catch (e) {
    if (e instanceof DftablesError) return { code: e.code, message: e.message, hint: e.hint };
    throw e;
  }
  throw new Error(`read ${path}`);
}

describe('createDataFileReader', () => {
  it('reads a file beside the page and records it', () => {
    const r = reader();
    expect(r.read('a.csv').text).toBe('x,y\n1,2\n');
    expect(r.files).toEqual([join(root, 'docs/a.csv')]);
  });

  it('reads ../ paths that stay inside the docs root', () => {
    expect(reader().read('../data/b.csv').text).toBe('z\n3\n');
  });

  it('follows links that stay inside the root, recording the real file', () => {
    const r = reader();
    r.read('in.csv');
    expect(r.files).toEqual([join(root, 'data/b.csv')]);
  });

  it.each([
    ['/etc/passwd', 'DT304', 'absolute path'],
    ['../../outside.csv', 'DT304', 'outside the docs root'],
    ['out.csv', 'DT304', 'links to'],
    ['https://example.com/a.csv', 'DT304', 'URL'],
    ['~/a.csv', 'DT304', 'absolute path'],
    ['C:\\data\\a.csv', 'DT304', 'absolute path'],
  ])('refuses %s with %s', (path, code, words) => {
    const r = refusal(path);
    expect(r.code).toBe(code);
    expect(r.message).toContain(words);
    expect(r.message).toContain(path);
  });

  it('suggests the closest file beside a missing one', () => {
    const r = refusal('price.csv');
    expect(r.code).toBe('DT401');
    expect(r.message).toBe("file 'price.csv' not found; did you mean 'prices.csv'?");
    expect(r.hint).toContain('a.csv');
  });

  it('refuses a folder', () => {
    expect(refusal('../data').code).toBe('DT401');
  });

  it('refuses a file over the size limit (DT403)', () => {
    expect(refusal('../big.csv', 50).code).toBe('DT403');
  });

  it('refuses an empty path', () => {
    expect(refusal('').code).toBe('DT208');
  });
});

describe('file contents as pandas decodes them', () => {
  const withFile = (name: string, bytes: Uint8Array) => writeFileSync(join(root, 'docs', name), bytes);

  it('inflates a .gz file, as read_csv infers compression from the name', () => {
    withFile('z.csv.gz', gzipSync('a,b\n1,x\n'));
    expect(reader().read('z.csv.gz').text).toBe('a,b\n1,x\n');
  });

  it('stops a gzip file that inflates past the size limit, without inflating it all', () => {
    withFile('bomb.csv.gz', gzipSync(Buffer.alloc(5000, 0x30)));
    expect(refusal('bomb.csv.gz', 1000)).toMatchObject({ code: 'DT403', message: "'bomb.csv.gz' inflates to more than the limit of 1000 bytes" });
  });

  it('refuses compressions Node cannot read, saying what to do', () => {
    withFile('c.csv.bz2', Buffer.from('BZh9'));
    expect(refusal('c.csv.bz2')).toMatchObject({ code: 'DT212', hint: 'Decompress it into the docs tree and read the CSV, or compress it with gzip (.gz).' });
  });

  it('refuses text that is not UTF-8 at the byte Python names', () => {
    withFile('latin.csv', Buffer.from('a,b\n1,caf\xe9\n', 'latin1'));
    expect(refusal('latin.csv')).toMatchObject({ code: 'DT402', message: "'latin.csv' is not UTF-8 text: byte 0xe9 at offset 9 (line 2) cannot be decoded" });
  });

  it('drops a leading byte-order mark', () => {
    withFile('bom.csv', Buffer.from('\ufeffa,b\n1,2\n', 'utf8'));
    expect(reader().read('bom.csv').text).toBe('a,b\n1,2\n');
  });
});
