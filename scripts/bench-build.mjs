#!/usr/bin/env node
// Build and preview timings (npm run bench runs this after `npm run build`):
//   1. `dftables build` of ../shared/corpus/neuron, cold (empty output) and incremental (again);
//   2. the same for 66 real pages (the Neuron pages copied 22 times, with an index toctree), the
//      tree the target is about: at least 20x faster than Sphinx + pandas (about 26 s);
//   3. the same for a generated tree of 500 pages (tabs, notes, two df-tables each);
//   4. preview: re-rendering one Neuron page in process (evaluate + render), median of 20.
// Wall times include Node start (the CLI is spawned as a user would run it); median of N runs.
//
//   node scripts/bench-build.mjs [--runs 5]
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(repo, 'dist/cli.js');
const corpus = resolve(repo, '../shared/corpus/neuron');
const runsArg = process.argv.indexOf('--runs');
const RUNS = Number(runsArg > 0 ? process.argv[runsArg + 1] : process.env.BENCH_RUNS ?? 5);

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const line = (label, value, note = '') => console.log(`  ${label.padEnd(48)} ${String(value).padStart(10)}  ${note}`);

if (!existsSync(cli)) {
  console.log('Build: skipped (run `npm run build` first: dist/cli.js is missing)');
  process.exit(0);
}

/** Median wall time of `dftables build SRC -o OUT`, cold (OUT removed first) or incremental. */
function timeBuild(src, out, { cold }) {
  const times = [];
  let last;
  for (let i = 0; i < RUNS; i++) {
    if (cold) rmSync(out, { recursive: true, force: true });
    const t0 = process.hrtime.bigint();
    last = spawnSync('node', [cli, 'build', src, '-o', out, '--quiet'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (last.status === 2 || last.signal) throw new Error(`build of ${src} failed:\n${last.stderr}`);
  }
  return { ms: median(times), summary: last.stdout.trim() };
}

function section(title, src, note) {
  const work = mkdtempSync(join(tmpdir(), 'dftables-bench-build-'));
  try {
    const out = join(work, 'out');
    const cold = timeBuild(src, out, { cold: true });
    const warm = timeBuild(src, out, { cold: false });
    console.log(`\n${title}`);
    line('build, cold (empty output folder)', fmt(cold.ms), note ?? '');
    line('build, incremental (nothing changed)', fmt(warm.ms));
    console.log(`    ${cold.summary}`);
    return { cold, warm };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** 66 real pages: the Neuron pages (with their CSVs) copied 22 times, under an index toctree. */
function realTree(dir) {
  const cases = readdirSync(corpus).filter((c) => existsSync(join(corpus, c, 'page.rst')));
  const copies = Math.ceil(66 / cases.length);
  const entries = [];
  for (let k = 0; k < copies; k++) {
    for (const c of cases) {
      if (entries.length === 66) break;
      cpSync(join(corpus, c), join(dir, `copy${k}`, c), { recursive: true });
      entries.push(`copy${k}/${c}/page`);
    }
  }
  cpSync(join(corpus, 'extlinks.json'), join(dir, 'extlinks.json'));
  writeFileSync(join(dir, 'index.rst'), ['Benchmarks', '==========', '', '.. toctree::', '   :maxdepth: 1', '', ...entries.map((e) => `   ${e}`), ''].join('\n'));
  return entries.length;
}

/** 500 generated pages, each with a tab set of two df-tables over its own CSV and a shared price list. */
function generatedTree(dir, pages = 500) {
  let rng = 7;
  const rand = () => ((rng = (rng * 1103515245 + 12345) % 2147483648) / 2147483648);
  const types = ['inf1.xlarge', 'inf1.6xlarge', 'inf2.xlarge', 'inf2.48xlarge', 'trn1.2xlarge', 'trn1.32xlarge'];
  writeFileSync(join(dir, 'prices.csv'), ['Inst. Type,RI-Effective hourly rate', ...types.map((t, i) => `${t},${(0.2 + i * 0.9).toFixed(3)}`)].join('\n') + '\n');
  const toc = [];
  for (let p = 0; p < pages; p++) {
    const folder = join(dir, `section${Math.floor(p / 50)}`);
    mkdirSync(folder, { recursive: true });
    const name = `page${p}`;
    const rows = ['Model,Scripts,Inst. Type,Throughput (/sec),Latency P50 (ms),Batch Size'];
    for (let r = 0; r < 40; r++) {
      rows.push(`model-${r % 13},:benchmark-pt:\`Benchmark <m${r}>\`,${types[r % types.length]},${(rand() * 3000 + 10).toFixed(2)},${(rand() * 50 + 1).toFixed(3)},${1 << r % 5}`);
    }
    writeFileSync(join(folder, `${name}.csv`), rows.join('\n') + '\n');
    const block = (extra) =>
      [
        '      .. df-table::',
        '         :header-rows: 1',
        '',
        `         df = pd.read_csv('${name}.csv')`,
        "         df = pd.merge(df, pd.read_csv('../prices.csv'), on='Inst. Type')",
        "         df['Cost per 1M inferences'] = ((1.0e6 / df['Throughput (/sec)']) * (df['RI-Effective hourly rate'] / 3.6e3)).map('${:,.3f}'.format)",
        `         df = df.sort_values(['Model', 'Cost per 1M inferences'])${extra}`,
        "         df['Throughput (/sec)'] = df['Throughput (/sec)'].round(0).astype('int', copy=True)",
      ].join('\n');
    const text = [
      `.. _${name}:`,
      '',
      `Generated page ${p}`,
      '='.repeat(`Generated page ${p}`.length),
      '',
      '.. contents:: On this page',
      '   :local:',
      '',
      'Results',
      '-------',
      '',
      '.. tab-set::',
      '',
      '   .. tab-item:: Throughput optimized',
      '',
      block(''),
      '',
      '   .. tab-item:: Latency optimized',
      '',
      block(".groupby('Model').head(2)"),
      '',
      '.. note::',
      '',
      `   See :ref:\`page${(p + 1) % pages}\` and the **Cost per 1M inferences** column.`,
      '',
    ].join('\n');
    writeFileSync(join(folder, `${name}.rst`), text);
    toc.push(`section${Math.floor(p / 50)}/${name}`);
  }
  writeFileSync(join(dir, 'dftables.config.json'), JSON.stringify({ title: 'Generated', extlinks: { 'benchmark-pt': { url: 'https://example.com/%s.py', caption: '' } } }));
  writeFileSync(join(dir, 'index.rst'), ['Generated', '=========', '', '.. toctree::', '   :maxdepth: 1', '', ...toc.map((t) => `   ${t}`), ''].join('\n'));
}

console.log(`dftables build bench (median of ${RUNS} runs, Node start included)`);

if (existsSync(corpus)) {
  section(`Shared corpus: ${corpus}`, corpus);
  const tree = mkdtempSync(join(tmpdir(), 'dftables-bench-real-'));
  try {
    const n = realTree(tree);
    const { cold } = section(`${n} real pages (the Neuron pages copied, with their CSVs)`, tree, '(target: 20x faster than Sphinx + pandas, ~26 s)');
    line('speed-up over Sphinx + pandas (26 s)', `${(26000 / cold.ms).toFixed(0)}x`);
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
} else {
  console.log(`\nShared corpus: skipped (${corpus} absent)`);
}

const gen = mkdtempSync(join(tmpdir(), 'dftables-bench-gen-'));
try {
  generatedTree(gen);
  section('Generated tree of 500 pages (1,000 df-tables)', gen);
} finally {
  rmSync(gen, { recursive: true, force: true });
}

// Preview: the in-process re-render a save triggers (evaluate the page's blocks + render).
if (existsSync(corpus)) {
  const page = join(corpus, 'about-neuron-benchmarks-inf2-inf2-performance', 'page.rst');
  const script = `
    import { renderSinglePage } from ${JSON.stringify(join(repo, 'dist/site/single.js'))};
    import { evaluateBlock } from ${JSON.stringify(join(repo, 'dist/engine.js'))};
    const times = [];
    for (let i = 0; i < 21; i++) {
      const t0 = performance.now();
      renderSinglePage(${JSON.stringify(page)}, { evaluate: evaluateBlock, showWarnings: true }).document();
      times.push(performance.now() - t0);
    }
    const first = times.shift();
    times.sort((a, b) => a - b);
    console.log(JSON.stringify({ first, median: times[10] }));`;
  const r = spawnSync('node', ['--input-type=module', '-e', script], { encoding: 'utf8' });
  console.log('\nPreview');
  if (r.status === 0) {
    const { first, median: med } = JSON.parse(r.stdout);
    line('re-render of the Inf2 page (16 tables), first', fmt(first));
    line('re-render of the Inf2 page, median of 20', fmt(med), '(target < 50 ms)');
  } else {
    line('re-render', 'failed', r.stderr.split('\n')[0]);
  }
}
