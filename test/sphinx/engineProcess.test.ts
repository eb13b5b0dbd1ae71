/**
 * The engine process: one dftables serve-eval per Sphinx process, started on first use and gone when
 * the build ends; with -j N each forked reader starts its own; a wrong command stops the build with
 * one clear message. A wrapper command logs the pid of every engine started.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { build, cli, corpusCases, errorLines, makeSite, pageHtml, referenceHtml, repo, skipReason, tableCells, type Site } from './site.js';

const skip = skipReason({ corpus: true });

/** A dftables_command that appends the engine's pid to `log`, then becomes `node dist/cli.js serve-eval`. */
function loggingCommand(log: string): string[] {
  return ['/bin/sh', '-c', 'echo $$ >> "$0"; exec node "$@"', log, cli];
}

function pids(log: string): number[] {
  return existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).map(Number) : [];
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const small = (n: number) => `Small ${n}\n========\n\n.. df-table::\n   :header-rows: 1\n\n   df = pd.DataFrame({'n': [${n}], 'square': [${n * n}]})\n`;

describe.skipIf(skip)('sphinx_dftables engine process', { timeout: 180_000 }, () => {
  let site: Site | undefined;
  let logDir: string | undefined;
  /** A fresh file for the pid log, outside the site. */
  const newLog = () => join((logDir = mkdtempSync(join(tmpdir(), 'dftables-pids-'))), 'pids');
  afterEach(() => {
    site?.remove();
    if (logDir) rmSync(logDir, { recursive: true, force: true });
  });

  it('starts one engine for a serial build and stops it at the end', () => {
    const log = newLog();
    site = makeSite({ files: { 'a.rst': small(2), 'b.rst': small(3) }, config: { dftables_command: loggingCommand(log) } });
    const r = build(site);
    expect(errorLines(r.output)).toEqual([]);
    expect(pids(log)).toHaveLength(1);
    expect(pids(log).filter(alive)).toEqual([]);
    expect(tableCells(pageHtml(site, 'b'))).toEqual([['n', 'square', '3', '9']]);
  });

  it('builds with -j 2: forked readers each start their own engine, the tables match the reference, no engine is left', () => {
    const cases = corpusCases();
    const extra = Object.fromEntries([1, 2, 3, 4].map((n) => [`small${n}.rst`, small(n)]));
    const log = newLog();
    site = makeSite({ cases, files: extra, config: { dftables_command: loggingCommand(log) } });
    const r = build(site, ['-j', '2']);
    expect(errorLines(r.output)).toEqual([]);
    expect(r.status).toBe(0);
    expect(pids(log).length).toBeGreaterThanOrEqual(2);
    expect(pids(log).filter(alive)).toEqual([]);
    for (const c of cases) {
      expect(tableCells(pageHtml(site, `${c}/page`)), c).toEqual(tableCells(readFileSync(join(referenceHtml, `${c}.html`), 'utf8')));
    }
    expect(tableCells(pageHtml(site, 'small4'))).toEqual([['n', 'square', '4', '16']]);
  });

  it('does not start an engine for a build without df-table', () => {
    const log = newLog();
    site = makeSite({ files: { 'plain.rst': 'Plain\n=====\n\ntext\n' }, config: { dftables_command: loggingCommand(log) } });
    build(site);
    expect(pids(log)).toEqual([]);
  });

  it('stops the build with one message naming dftables_command when the command cannot run', () => {
    site = makeSite({ files: { 'a.rst': small(2) }, config: { dftables_command: ['/nonexistent/dftables'] } });
    const r = build(site);
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/cannot start the dftables engine .*dftables_command/);
  });

  it('stops the build with the engine\'s own words when the command is not a serve-eval server', () => {
    site = makeSite({ files: { 'a.rst': small(2) }, config: { dftables_command: ['node', '-e', 'console.error("no such command"); process.exit(1)', '--'] } });
    const r = build(site);
    expect(r.status).not.toBe(0);
    expect(r.output).toMatch(/the dftables engine stopped:\s*no such command/);
    expect(r.output).toMatch(/check dftables_command/);
  });
});

describe.skipIf(skip)('sphinx_dftables when the engine dies mid-build', { timeout: 120_000 }, () => {
  it('fails only the block it died on, with the engine\'s last words, and restarts it for the next block', () => {
    const page = ['Crash', '=====', '', '.. df-table::', '', '   df = 1', '', '.. df-table::', '', '   df = crash', '', '.. df-table::', '', '   df = 2', ''].join('\n');
    const engine = join(repo, 'test/fixtures/sphinx/crashing-engine.mjs');
    const site = makeSite({ files: { 'crash.rst': page }, config: { dftables_command: ['node', engine] } });
    try {
      const r = build(site);
      expect(errorLines(r.output)).toEqual([expect.stringMatching(/crash\.rst:8: ERROR: DT204 internal error: the dftables engine stopped:$/)]);
      expect(r.output).toMatch(/engine crashed on purpose/);
      // The first engine served the first block; a new one (its count back at 1) the third.
      expect(tableCells(pageHtml(site, 'crash'))).toEqual([['served', '1'], ['served', '1']]);
    } finally {
      site.remove();
    }
  });
});
