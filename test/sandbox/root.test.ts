import { join } from 'node:path';
import { realpathSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveDocsRoot, resolvePageRoot } from '../../src/sandbox/root.js';
import { makeTree, type Tree } from './helpers.js';

let tree: Tree;
let dir: string;
beforeEach(() => {
  tree = makeTree();
  dir = realpathSync(tree.dir);
});
afterEach(() => tree.remove());

describe('resolveDocsRoot', () => {
  it('takes --root as given', () => {
    expect(resolveDocsRoot(join(dir, 'a'), join(dir, 'b'))).toBe(join(dir, 'b'));
  });

  it.each(['dftables.config.json', 'conf.py', '.git'])('stops at the nearest folder holding %s', (marker) => {
    tree.write({ [`repo/${marker}`]: '{}', 'repo/docs/x/page.rst': '' });
    expect(resolveDocsRoot(join(dir, 'repo/docs/x'))).toBe(join(dir, 'repo'));
  });

  it('moves the root where dftables.config.json says', () => {
    tree.write({ 'repo/.git': '', 'repo/docs/dftables.config.json': '{"root": ".."}' });
    expect(resolveDocsRoot(join(dir, 'repo/docs'))).toBe(join(dir, 'repo'));
  });

  it('ignores a broken config (the command that loads it reports it)', () => {
    tree.write({ 'repo/docs/dftables.config.json': '{not json' });
    expect(resolveDocsRoot(join(dir, 'repo/docs'))).toBe(join(dir, 'repo/docs'));
  });
});

describe('resolvePageRoot', () => {
  it('uses the marked folder above the page', () => {
    tree.write({ 'repo/conf.py': '', 'repo/docs/perf.rst': '' });
    expect(resolvePageRoot(join(dir, 'repo/docs/perf.rst'), { given: join(dir, 'repo/docs') })).toBe(join(dir, 'repo'));
  });

  it('falls back to the folder given to the command', () => {
    tree.write({ 'site/sub/page.rst': '' });
    expect(resolvePageRoot(join(dir, 'site/sub/page.rst'), { given: join(dir, 'site') })).toBe(join(dir, 'site'));
  });

  it("falls back to the page's own folder without a folder given", () => {
    tree.write({ 'site/sub/page.rst': '' });
    expect(resolvePageRoot(join(dir, 'site/sub/page.rst'))).toBe(join(dir, 'site/sub'));
  });

  it('does not take a given folder that does not hold the page', () => {
    tree.write({ 'site/page.rst': '', 'sitex/page.rst': '' });
    expect(resolvePageRoot(join(dir, 'sitex/page.rst'), { given: join(dir, 'site') })).toBe(join(dir, 'sitex'));
  });

  it('lets --root win over markers', () => {
    tree.write({ 'repo/.git': '', 'repo/docs/page.rst': '' });
    expect(resolvePageRoot(join(dir, 'repo/docs/page.rst'), { explicit: join(dir, 'repo/docs') })).toBe(join(dir, 'repo/docs'));
  });
});
