#!/usr/bin/env node
/**
 * Compare dftables with pandas' goldens, block by block, for any folders of cases.
 *
 *   node scripts/compare-corpus.mjs [--cli PATH] [--quiet] DIR...
 *
 * A case is any folder under DIR holding page.rst (or page.md) and expected.json, the latter
 * written by `scripts/oracle.py` (pandas 1.5.3): {"<line>": {ok, csv} | {ok: false, error}}.
 * Each page is evaluated with `node dist/cli.js eval PAGE --json --root CASE` (another build can be
 * named with --cli) and every block is compared byte for byte: a block pandas evaluated must give
 * the identical CSV; a block pandas refused must fail with us too. Mismatches are printed with the
 * first differing line of each side. Exit status 1 when any block differs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const opts = { cli: join(repo, 'dist/cli.js'), quiet: false, dirs: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--cli') opts.cli = resolve(argv[++i]);
    else if (a === '--quiet') opts.quiet = true;
    else if (a === '-h' || a === '--help') {
      console.log('usage: node scripts/compare-corpus.mjs [--cli PATH] [--quiet] DIR...');
      process.exit(0);
    } else opts.dirs.push(resolve(a));
  }
  if (!opts.dirs.length) {
    console.error('compare-corpus: name at least one folder of cases');
    process.exit(2);
  }
  return opts;
}

/** Every folder at or under `dir` that holds expected.json beside page.rst/page.md. */
function findCases(dir) {
  const out = [];
  const walk = (d) => {
    const names = readdirSync(d);
    if (names.includes('expected.json')) {
      const page = ['page.rst', 'page.md'].find((p) => names.includes(p));
      if (page) out.push(join(d, page));
    }
    for (const n of names.sort()) {
      if (n === 'node_modules' || n.startsWith('.')) continue;
      const p = join(d, n);
      if (statSync(p).isDirectory()) walk(p);
    }
  };
  walk(dir);
  return out;
}

function evaluate(cli, page) {
  const dir = dirname(page);
  let stdout;
  try {
    stdout = execFileSync(process.execPath, [cli, 'eval', page, '--json', '--root', dir], {
      cwd: dir,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    // eval exits non-zero when a block fails; its JSON is still on stdout
    stdout = err.stdout ?? '';
    if (!stdout.trim()) return { crash: String(err.stderr || err.message).trim() };
  }
  try {
    return { results: JSON.parse(stdout) };
  } catch {
    return { crash: `unparsable output: ${stdout.slice(0, 300)}` };
  }
}

/** The first line where two CSV texts differ, with its number (1-based). */
function firstDiff(want, got) {
  const a = want.split('\n');
  const b = got.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    if (a[i] !== b[i]) return { line: i + 1, want: a[i], got: b[i] };
  }
  return null;
}

/** eval --json reports an error as {line, column, code, message}; older builds as a string. */
function describeError(e) {
  if (e && typeof e === 'object') return `${e.code ?? ''} ${e.line ?? '?'}:${e.column ?? '?'} ${e.message ?? ''}`.trim();
  return String(e ?? '');
}

const clip = (s, n = 240) => (s === undefined ? '<none>' : s.length > n ? `${s.slice(0, n)}…` : s);

function main() {
  const opts = parseArgs(process.argv.slice(2));
  let blocks = 0;
  let matched = 0;
  let pages = 0;
  let pagesClean = 0;
  for (const dir of opts.dirs) {
    for (const page of findCases(dir)) {
      pages++;
      const name = relative(dir, dirname(page)) || '.';
      const expected = JSON.parse(readFileSync(join(dirname(page), 'expected.json'), 'utf8'));
      const run = evaluate(opts.cli, page);
      const byLine = new Map((run.results ?? []).map((r) => [String(r.line), r]));
      const problems = [];
      for (const [line, exp] of Object.entries(expected)) {
        blocks++;
        const got = byLine.get(line);
        if (run.crash) {
          problems.push(`  line ${line}: dftables crashed: ${clip(run.crash)}`);
          continue;
        }
        if (!got) {
          problems.push(`  line ${line}: no block found by dftables`);
          continue;
        }
        if (!exp.ok) {
          if (got.ok === false) matched++;
          else problems.push(`  line ${line}: pandas refused (${clip(exp.error, 160)}) but dftables gave a table`);
          continue;
        }
        if (!got.ok) {
          problems.push(`  line ${line}: dftables failed: ${clip(describeError(got.error), 300)}`);
          continue;
        }
        if (got.csv === exp.csv) {
          matched++;
          continue;
        }
        const d = firstDiff(exp.csv, got.csv);
        problems.push(`  line ${line}: CSV differs at output line ${d.line}\n    pandas:   ${clip(d.want)}\n    dftables: ${clip(d.got)}`);
      }
      for (const line of byLine.keys()) {
        if (!(line in expected)) problems.push(`  line ${line}: block found by dftables but not by pandas' oracle`);
      }
      if (!problems.length) pagesClean++;
      if (problems.length || !opts.quiet) {
        console.log(`${problems.length ? 'DIFF' : 'ok  '} ${join(relative(process.cwd(), dir) || '.', name)}`);
        for (const p of problems) console.log(p);
      }
    }
  }
  console.log(`\n${matched}/${blocks} blocks match pandas; ${pagesClean}/${pages} pages fully match`);
  process.exit(matched === blocks ? 0 : 1);
}

main();
