#!/usr/bin/env node
// Lint timings (npm run bench runs this after `npm run build`):
//   1. `dftables lint` of every page of ../shared/corpus in one process, as a user runs it
//      (Node start included): the target is under 2 s;
//   2. the same with --no-isolate (every block in the main thread): the isolate's cost;
//   3. per block, in process: the isolate pool (worker start excluded) against the main thread.
//
//   node scripts/bench-lint.mjs [--runs 5]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(repo, 'dist/cli.js');
const shared = resolve(repo, '../shared/corpus');
const runsArg = process.argv.indexOf('--runs');
const RUNS = Number(runsArg > 0 ? process.argv[runsArg + 1] : process.env.BENCH_RUNS ?? 5);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const line = (label, value, note = '') => console.log(`  ${label.padEnd(48)} ${String(value).padStart(10)}  ${note}`);

if (!existsSync(cli)) {
  console.log('Lint: skipped (run `npm run build` first: dist/cli.js is missing)');
  process.exit(0);
}
if (!existsSync(shared)) {
  console.log(`Lint: skipped (${shared} absent)`);
  process.exit(0);
}

const pages = [];
for (const corpus of readdirSync(shared)) {
  const dir = join(shared, corpus);
  if (!existsSync(dir) || !readdirSync(dir, { withFileTypes: true }).some((d) => d.isDirectory())) continue;
  for (const c of readdirSync(dir)) {
    for (const p of ['page.rst', 'page.md']) if (existsSync(join(dir, c, p))) pages.push(join(dir, c, p));
  }
}

function timeLint(extra) {
  const times = [];
  let last;
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    last = spawnSync('node', [cli, 'lint', '--json', ...extra, ...pages], { encoding: 'utf8', maxBuffer: 1 << 26 });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (last.status !== 0 && last.status !== 1) throw new Error(`dftables lint failed (${last.status}):\n${last.stderr}`);
  }
  return { ms: median(times), findings: JSON.parse(last.stdout).length };
}

console.log(`Lint (median of ${RUNS} runs)`);
const isolated = timeLint([]);
// The line the issue asks for, then the details.
console.log(`lint shared corpus: ${isolated.ms.toFixed(0)} ms`);
line(`lint ${pages.length} pages, one process (isolate workers)`, fmt(isolated.ms), `${isolated.findings} findings (target < 2 s incl. Node start)`);
const here = timeLint(['--no-isolate']);
line('the same, --no-isolate (main thread only)', fmt(here.ms), `isolate cost ${fmt(isolated.ms - here.ms)}`);

// Per-block cost of the isolate, with warm workers, against evaluating in this thread.
const engine = await import(pathToFileURL(join(repo, 'dist/engine.js')).href);
const { lintBlock } = await import(pathToFileURL(join(repo, 'dist/lint/lintBlock.js')).href);
const isolate = await import(pathToFileURL(join(repo, 'dist/sandbox/isolate.js')).href);
const blocks = pages.flatMap((p) => engine.findBlocks(readFileSync(p, 'utf8'), p));
const t0 = performance.now();
await isolate.evaluateBlocksIsolated(blocks.slice(0, 2), { lint: true });
const startMs = performance.now() - t0;
const warm = [];
const main = [];
for (let i = 0; i < RUNS; i++) {
  let t = performance.now();
  await isolate.evaluateBlocksIsolated(blocks, { lint: true });
  warm.push(performance.now() - t);
  t = performance.now();
  for (const b of blocks) lintBlock(b);
  main.push(performance.now() - t);
}
await isolate.closeIsolatePool();
line('isolate: starting 2 workers (first 2 blocks)', fmt(startMs));
line(`isolate: ${blocks.length} blocks on warm workers`, fmt(median(warm)), `${(median(warm) / blocks.length).toFixed(2)} ms per block`);
line(`main thread: the same ${blocks.length} blocks`, fmt(median(main)), `${(median(main) / blocks.length).toFixed(2)} ms per block`);
