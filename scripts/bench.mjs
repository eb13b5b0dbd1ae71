#!/usr/bin/env node
// npm run bench: the performance numbers the issues ask for, measured on this machine.
//  1. every block of the shared corpus evaluated in one process, including Node start;
//  2. a generated 100,000-row read_csv -> merge -> derived column -> sort -> round pipeline:
//     time and peak memory, against pandas when /usr/bin/python3 has it;
//  3. further sections (build, lint, preview, Sphinx) from scripts/bench-*.mjs when present.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(repo, 'dist/cli.js');
const shared = resolve(repo, '../shared/corpus');
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Runs a command `runs` times; returns the median wall ms, the last output and every run's output. */
function timeCommand(cmd, args, opts = {}) {
  const times = [];
  const outputs = [];
  let last;
  for (let i = 0; i < (opts.runs ?? RUNS); i++) {
    const t0 = process.hrtime.bigint();
    last = spawnSync(cmd, args, { cwd: opts.cwd ?? repo, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, ...opts.env } });
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    outputs.push(last.stdout);
    if (last.status !== 0 && !opts.allowFail) throw new Error(`${cmd} ${args.join(' ')} failed:\n${last.stderr}`);
  }
  return { ms: median(times), stdout: last.stdout, stderr: last.stderr, outputs };
}

/** Median of a number every run printed as NAME=value. */
function medianReported(outputs, name) {
  return median(outputs.map((o) => Number(new RegExp(`${name}=([\\d.]+)`).exec(o)[1])));
}

/** Peak RSS over the runs, each measured by the child itself (resourceUsage is for the current process). */
function peakRssMb(outputs) {
  return Math.max(...outputs.map((o) => Number(/PEAK_RSS_MB=(\d+(\.\d+)?)/.exec(o)?.[1] ?? NaN)));
}

const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
const line = (label, value, note = '') => console.log(`  ${label.padEnd(48)} ${String(value).padStart(10)}  ${note}`);

console.log(`dftables bench (median of ${RUNS} runs; node ${process.version}; load average ${loadavg().map((x) => x.toFixed(2)).join(' ')})\n`);

// 1. Shared corpus in one process.
if (existsSync(shared)) {
  const pages = [];
  for (const corpus of ['neuron', 'spec']) {
    for (const c of readdirSync(join(shared, corpus))) {
      for (const p of ['page.rst', 'page.md']) if (existsSync(join(shared, corpus, c, p))) pages.push(join(shared, corpus, c, p));
    }
  }
  const r = timeCommand('node', [cli, 'eval', '--json', ...pages], { allowFail: true });
  const blocks = JSON.parse(r.stdout).length;
  console.log('Shared corpus');
  line(`eval ${blocks} blocks in ${pages.length} pages, one process`, fmt(r.ms), '(target < 1.5 s incl. Node start)');
} else {
  console.log(`Shared corpus: skipped (${shared} absent)`);
}

// 2. 100,000-row pipeline.
const N = Number(process.env.BENCH_ROWS ?? 100_000);
const dir = mkdtempSync(join(tmpdir(), 'dftables-bench-'));
try {
  const types = Array.from({ length: 40 }, (_, i) => `inst${i}.xlarge`);
  let rng = 42;
  const rand = () => ((rng = (rng * 1103515245 + 12345) % 2147483648) / 2147483648);
  const rows = ['Model,Inst. Type,Batch Size,Throughput (/sec),Latency P50 (ms)'];
  for (let i = 0; i < N; i++) {
    rows.push(`model-${i % 997},${types[i % types.length]},${1 << i % 6},${(rand() * 5000 + 1).toFixed(3)},${(rand() * 90 + 0.5).toFixed(4)}`);
  }
  writeFileSync(join(dir, 'data.csv'), rows.join('\n') + '\n');
  writeFileSync(join(dir, 'prices.csv'), ['Inst. Type,On-Demand hourly rate', ...types.map((t, i) => `${t},${(0.2 + i * 0.137).toFixed(3)}`)].join('\n') + '\n');
  const code = [
    "df = pd.read_csv('data.csv')",
    "df = pd.merge(df, pd.read_csv('prices.csv'), on='Inst. Type')",
    "df['Cost per 1M inferences'] = (1.0e6 / df['Throughput (/sec)']) * (df['On-Demand hourly rate'] / 3.6e3)",
    "df = df.sort_values(['Model', 'Cost per 1M inferences'])",
    "df['Cost per 1M inferences'] = df['Cost per 1M inferences'].round(3)",
    "df['Latency P50 (ms)'] = df['Latency P50 (ms)'].round(1)",
  ];
  writeFileSync(join(dir, 'page.rst'), ['Bench', '=====', '', '.. df-table::', '   :header-rows: 1', '', ...code.map((c) => '   ' + c), ''].join('\n'));
  // In-process timing of the pipeline (excludes process start), plus peak RSS, for both engines.
  writeFileSync(
    join(dir, 'ours.mjs'),
    `import { evaluatePage } from ${JSON.stringify(join(repo, 'dist/engine.js'))};
const t0 = performance.now();
const r = evaluatePage(${JSON.stringify(join(dir, 'page.rst'))}, { root: ${JSON.stringify(dir)} });
const ms = performance.now() - t0;
if (!r.results[0].ok) { console.error(JSON.stringify(r.results[0].error)); process.exit(1); }
console.log('PIPELINE_MS=' + ms.toFixed(1));
console.log('PEAK_RSS_MB=' + (process.resourceUsage().maxRSS / 1024).toFixed(0));
process.stdout.write(r.results[0].csv.slice(0, 0));`,
  );
  const ours = timeCommand('node', [join(dir, 'ours.mjs')], { cwd: dir });
  const oursPipe = medianReported(ours.outputs, 'PIPELINE_MS');
  console.log(`\n${N.toLocaleString('en-US')}-row pipeline (read_csv -> merge -> derived column -> sort -> round)`);
  line('dftables: pipeline in process', fmt(oursPipe));
  line('dftables: whole process (node start + pipeline)', fmt(ours.ms), `peak ${peakRssMb(ours.outputs)} MB`);
  const hasPandas = spawnSync('/usr/bin/python3', ['-c', 'import pandas'], { encoding: 'utf8' }).status === 0;
  if (hasPandas) {
    writeFileSync(
      join(dir, 'pandas_bench.py'),
      `import resource, time, os
t_import = time.perf_counter()
import pandas as pd, numpy as np
os.chdir(${JSON.stringify(dir)})
t0 = time.perf_counter()
${code.join('\n')}
out = df.to_csv(index=False)
print('PIPELINE_MS=%.1f' % ((time.perf_counter() - t0) * 1000))
print('PEAK_RSS_MB=%d' % (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
`,
    );
    const py = timeCommand('/usr/bin/python3', [join(dir, 'pandas_bench.py')], { cwd: dir });
    const pyPipe = medianReported(py.outputs, 'PIPELINE_MS');
    line('pandas 1.5: pipeline + to_csv in process', fmt(pyPipe));
    line('pandas: whole process (python start + import + pipeline)', fmt(py.ms), `peak ${peakRssMb(py.outputs)} MB`);
    line('ratio pandas/dftables, pipeline', (pyPipe / oursPipe).toFixed(2) + 'x', '(>1 means dftables is faster)');
    line('ratio pandas/dftables, whole process', (py.ms / ours.ms).toFixed(2) + 'x');
  } else {
    line('pandas', 'n/a', '(/usr/bin/python3 has no pandas: apt-get install python3-pandas)');
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// 3. Other sections.
for (const extra of ['bench-lint.mjs', 'bench-build.mjs', 'bench-sphinx.mjs']) {
  const p = join(repo, 'scripts', extra);
  if (existsSync(p)) {
    console.log('');
    const r = spawnSync('node', [p], { cwd: repo, stdio: 'inherit' });
    if (r.status !== 0) console.log(`  (${extra} exited ${r.status})`);
  }
}
void execFileSync;
