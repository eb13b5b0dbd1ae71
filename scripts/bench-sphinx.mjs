#!/usr/bin/env node
// Sphinx build time: sphinx_dftables against the exec-based original (a test-only copy of its logic,
// test/fixtures/sphinx/original/df_tables.py, which needs pandas at /usr/bin/python3), full builds of
// the same pages (../shared/corpus/neuron, optionally repeated to make a bigger site), median of N runs.
// The issue's bar: no slower than 1.5x the original.
//
//   npm run build && node scripts/bench-sphinx.mjs [--runs 5] [--copies 1,10] [-j 1]
//
// The site is the one the Sphinx tests build (test/sphinx/site.ts): the fixture conf.py reading
// site.json, tab-set/tab-item stubs, extlinks from the corpus.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = resolve(repo, '../shared/corpus/neuron');
const fixtures = join(repo, 'test/fixtures/sphinx');

function arg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
}
const runs = Number(arg('--runs', '5'));
const copiesList = arg('--copies', '1,10').split(',').map(Number);
const jobs = arg('-j', '1');

const EXTENSIONS = {
  original: { extension_path: join(fixtures, 'original'), extension: 'df_tables' },
  sphinx_dftables: { extension_path: join(repo, 'sphinx_dftables'), extension: 'sphinx_dftables' },
};

for (const [what, path] of [['sphinx-build', '/usr/bin/sphinx-build'], ['the corpus', corpus], ['dist/cli.js (npm run build)', join(repo, 'dist/cli.js')]]) {
  if (!existsSync(path)) {
    console.error(`bench-sphinx: ${what} not found at ${path}`);
    process.exit(2);
  }
}

/** A source folder with `copies` copies of every corpus case, built with the given extension. */
function makeSite(extension, copies) {
  const dir = mkdtempSync(join(tmpdir(), 'dftables-bench-sphinx-'));
  const src = join(dir, 'src');
  mkdirSync(src);
  for (const f of ['conf.py', 'tabstub.py']) cpSync(join(fixtures, 'site', f), join(src, f));
  writeFileSync(join(src, 'site.json'), JSON.stringify({ ...EXTENSIONS[extension], extlinks: join(corpus, 'extlinks.json'), config: {} }));
  const pages = [];
  const cases = readdirSync(corpus).filter((c) => existsSync(join(corpus, c, 'page.rst')));
  for (let k = 0; k < copies; k++) {
    for (const c of cases) {
      const name = copies === 1 ? c : `${c}-${k}`;
      cpSync(join(corpus, c), join(src, name), { recursive: true });
      pages.push(`${name}/page`);
    }
  }
  writeFileSync(join(src, 'index.rst'), `Index\n=====\n\n.. toctree::\n\n${pages.map((p) => `   ${p}\n`).join('')}`);
  return { dir, src, pages: pages.length };
}

/** One full build (fresh output and doctrees); milliseconds. */
function timeBuild(site) {
  rmSync(join(site.dir, 'out'), { recursive: true, force: true });
  rmSync(join(site.dir, 'doctrees'), { recursive: true, force: true });
  const started = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/sphinx-build', ['-q', '-b', 'html', '-j', jobs, '-d', join(site.dir, 'doctrees'), site.src, join(site.dir, 'out')], { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const errors = r.stderr.split('\n').filter((l) => l.includes(': ERROR: ') || l.startsWith('Extension error') || l.startsWith('Exception occurred'));
  if (r.status !== 0 || errors.length) throw new Error(`build failed (${r.status}):\n${errors.join('\n') || r.stderr.slice(-2000)}`);
  return ms;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

let worst = 0;
for (const copies of copiesList) {
  const sites = Object.fromEntries(Object.keys(EXTENSIONS).map((e) => [e, makeSite(e, copies)]));
  const times = Object.fromEntries(Object.keys(EXTENSIONS).map((e) => [e, []]));
  try {
    for (const site of Object.values(sites)) timeBuild(site); // warm the OS caches (Python and Node modules, pandas)
    // Interleaved, so that a change in machine load hits both alike.
    for (let i = 0; i < runs; i++) for (const [e, site] of Object.entries(sites)) times[e].push(timeBuild(site));
  } finally {
    for (const site of Object.values(sites)) rmSync(site.dir, { recursive: true, force: true });
  }
  const original = median(times.original);
  const ours = median(times.sphinx_dftables);
  const ratio = ours / original;
  worst = Math.max(worst, ratio);
  console.log(
    `${sites.original.pages} pages, -j ${jobs}: original (exec + pandas) ${original.toFixed(0)} ms, sphinx_dftables ${ours.toFixed(0)} ms, ` +
      `ratio ${ratio.toFixed(2)} (median of ${runs} full builds each)`,
  );
}
console.log(worst <= 1.5 ? `OK: at most ${worst.toFixed(2)}x the original (bar: 1.5x)` : `SLOWER than 1.5x the original: ${worst.toFixed(2)}x`);
process.exitCode = worst <= 1.5 ? 0 : 1;
