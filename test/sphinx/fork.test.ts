/**
 * An engine started before a fork belongs to the parent: the forked process starts its own and
 * never writes into the parent's pipe, and the parent's engine keeps answering afterwards.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, repo, skipReason } from './site.js';

const skip = skipReason();

describe.skipIf(skip)('sphinx_dftables across fork', { timeout: 120_000 }, () => {
  it('gives a forked process its own engine and leaves the parent\'s working', () => {
    const fixtures = join(repo, 'test/fixtures/sphinx');
    const r = spawnSync('/usr/bin/python3', [join(fixtures, 'fork_check.py'), join(repo, 'sphinx_dftables'), cli, join(fixtures, 'protocol/page.rst')], {
      encoding: 'utf8',
      timeout: 60_000,
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
    });
    expect(r.stderr).toBe('');
    const out = JSON.parse(r.stdout) as { parent: { engine_pid: number; ok: boolean; csv: string }; child: { same_object: boolean; engine_pid: number; ok: boolean } };
    expect(out.child.same_object).toBe(false);
    expect(out.child.engine_pid).not.toBe(out.parent.engine_pid);
    expect(out.child.ok).toBe(true);
    expect(out.parent.ok).toBe(true);
    expect(out.parent.csv).toBe('Item,Price\nwasher,1.75\nbolt,0.25\nnut,0.5\n');
  });
});
