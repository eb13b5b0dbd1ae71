#!/usr/bin/env node
/**
 * Table-cell fidelity on real pages: for each case folder (page.rst + its CSVs), build
 *
 *   A   real Sphinx + the original exec-based df_tables extension with pandas (the published build)
 *   B1  `dftables build`
 *   B2  `dftables render --to rst`, then plain Sphinx (no df-table extension, no pandas)
 *   B3  real Sphinx + sphinx_dftables
 *
 * and compare every table of B1/B2/B3 with A: caption, thead rows, each cell's tag (th/td), stub
 * and span attributes, its text (tags dropped, entities decoded, white space collapsed, as the
 * corpus tests compare), and its links (href and text) and inline elements (em, strong, code, ...).
 *
 *   node scripts/compare-cells.mjs [--cli PATH] [--extlinks FILE] [--paths B1,B2,B3] [--jobs N]
 *                                  [--keep] [--verbose] [--save-reference] DIR...
 *
 * DIR is a case folder (it holds page.rst) or a folder of case folders. Each case is built in its
 * own temp sites (historical versions of one page share labels, so they must not share a site).
 * extlinks: --extlinks, else the nearest extlinks.json above the case, else the shared corpus'.
 * When the case has expected.json (pandas 1.5.3's CSV per block, scripts/oracle.py), blocks whose
 * CSV from `dftables eval` differs are listed too: a table that differs because the engine does is
 * an engine matter, not a rendering one. Needs sphinx-build and /usr/bin/python3 with pandas (for A)
 * and a built dist/ (npm run build). Exit status 1 when any table differs.
 * --save-reference writes A's tables (the <table> elements of its page, in order) to
 * <case>/reference.html: the golden of a test fixture (test/fixtures/sphinx/cells).
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const siteFixture = join(repo, 'test/fixtures/sphinx/site');
const originalExtension = join(repo, 'test/fixtures/sphinx/original');
const sharedExtlinks = resolve(repo, '../shared/corpus/neuron/extlinks.json');
const PATHS = ['B1', 'B2', 'B3'];

function usage(code) {
  console.log('usage: node scripts/compare-cells.mjs [--cli PATH] [--extlinks FILE] [--paths B1,B2,B3] [--jobs N] [--keep] [--verbose] [--save-reference] DIR...');
  process.exit(code);
}

function parseArgs(argv) {
  const opts = { cli: join(repo, 'dist/cli.js'), extlinks: undefined, paths: PATHS, jobs: 2, keep: false, verbose: false, saveReference: false, dirs: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--cli') opts.cli = resolve(argv[++i]);
    else if (a === '--extlinks') opts.extlinks = resolve(argv[++i]);
    else if (a === '--paths') opts.paths = argv[++i].split(',').map((p) => p.trim().toUpperCase()).filter((p) => PATHS.includes(p));
    else if (a === '--jobs' || a === '-j') opts.jobs = Math.max(1, Number(argv[++i]) || 1);
    else if (a === '--keep') opts.keep = true;
    else if (a === '--verbose' || a === '-v') opts.verbose = true;
    else if (a === '--save-reference') opts.saveReference = true;
    else if (a === '-h' || a === '--help') usage(0);
    else if (a.startsWith('-')) usage(2);
    else opts.dirs.push(resolve(a));
  }
  if (!opts.dirs.length) usage(2);
  return opts;
}

/** Case folders: DIR itself when it holds page.rst, else its sub-folders that do. */
function findCases(dir) {
  if (existsSync(join(dir, 'page.rst'))) return [dir];
  return readdirSync(dir)
    .sort()
    .map((n) => join(dir, n))
    .filter((p) => statSync(p).isDirectory() && existsSync(join(p, 'page.rst')));
}

function nearestExtlinks(dir) {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, 'extlinks.json'))) return join(d, 'extlinks.json');
    if (dirname(d) === d) return existsSync(sharedExtlinks) ? sharedExtlinks : undefined;
  }
}

function run(cmd, args, opts = {}) {
  return new Promise((done) => {
    const child = spawn(cmd, args, { ...opts, env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' } });
    let out = '';
    child.stdout.on('data', (b) => (out += b));
    child.stderr.on('data', (b) => (out += b));
    child.on('close', (status) => done({ status, out }));
    child.on('error', (e) => done({ status: -1, out: String(e) }));
  });
}

// ---------------------------------------------------------------------------------------------
// Builds

const CASE_DIR = 'case';

/** A Sphinx source folder: the test fixture's conf.py/tabstub.py, the case as case/page.rst, an index. */
function sphinxSite(root, caseDir, extlinks, extension, extensionPath, config = {}) {
  const src = join(root, 'src');
  mkdirSync(src, { recursive: true });
  for (const f of ['conf.py', 'tabstub.py']) cpSync(join(siteFixture, f), join(src, f));
  writeFileSync(join(src, 'site.json'), JSON.stringify({ extension_path: extensionPath, extension, extlinks, config }));
  copyCase(caseDir, join(src, CASE_DIR));
  writeFileSync(join(src, 'index.rst'), `Index\n=====\n\n.. toctree::\n\n   ${CASE_DIR}/page\n`);
  return src;
}

function copyCase(from, to) {
  cpSync(from, to, { recursive: true, filter: (p) => !/(expected|origin)\.json$/.test(p) });
}

async function sphinx(root, src) {
  const r = await run('sphinx-build', ['-q', '-b', 'html', '-d', join(root, 'doctrees'), src, join(root, 'out')]);
  const html = join(root, 'out', CASE_DIR, 'page.html');
  return { html: existsSync(html) ? readFileSync(html, 'utf8') : undefined, log: r.out, status: r.status };
}

const builders = {
  async A(root, caseDir, o) {
    return sphinx(root, sphinxSite(root, caseDir, o.extlinks, 'df_tables', originalExtension));
  },
  async B1(root, caseDir, o) {
    const src = join(root, 'src');
    copyCase(caseDir, join(src, CASE_DIR));
    if (o.extlinks) cpSync(o.extlinks, join(src, 'extlinks.json'));
    writeFileSync(join(src, 'index.rst'), `Index\n=====\n\n.. toctree::\n\n   ${CASE_DIR}/page\n`);
    const r = await run(process.execPath, [o.cli, 'build', src, '-o', join(root, 'out'), '--root', src, '-q']);
    const html = join(root, 'out', CASE_DIR, 'page.html');
    return { html: existsSync(html) ? readFileSync(html, 'utf8') : undefined, log: r.out, status: r.status };
  },
  async B2(root, caseDir, o) {
    const src = sphinxSite(root, caseDir, o.extlinks, 'tabstub', siteFixture);
    const page = join(src, CASE_DIR, 'page.rst');
    const r = await run(process.execPath, [o.cli, 'render', page, '--to', 'rst', '--root', join(src, CASE_DIR), '-o', page + '.static']);
    if (!existsSync(page + '.static')) return { html: undefined, log: r.out, status: r.status };
    cpSync(page + '.static', page);
    rmSync(page + '.static');
    const s = await sphinx(root, src);
    return { ...s, log: r.out + s.log };
  },
  async B3(root, caseDir, o) {
    return sphinx(root, sphinxSite(root, caseDir, o.extlinks, 'sphinx_dftables', join(repo, 'sphinx_dftables'), { dftables_command: [process.execPath, o.cli] }));
  },
};

// ---------------------------------------------------------------------------------------------
// Tables out of HTML

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
const decode = (t) =>
  t.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1))) : (ENTITIES[e.toLowerCase()] ?? m),
  );
const text = (html) => decode(html.replace(/<a class="headerlink"[\s\S]*?<\/a>/g, '').replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
const attr = (tag, name) => {
  const m = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return m ? decode(m[1]) : undefined;
};

/** Inline structure that matters to a reader: links (href, text) and the kinds of markup elements. */
function markup(html) {
  // Sphinx links a problematic span to its (hidden) system message: not a link a reader follows.
  const links = [...html.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a>/g)]
    .filter((m) => !/class="headerlink"/.test(m[1]) && !/^<span class="problematic"/.test(m[2]))
    // docutils numbers auto ids (id1, id2, ...) in creation order: which number is not the point.
    .map((m) => `${(attr(m[0], 'href') ?? '').replace(/^#id\d+$/, '#id?')} ${text(m[2])}`);
  const kinds = [...html.matchAll(/<(em|strong|code|kbd|sub|sup|cite|abbr|ul|ol|li|blockquote|pre|table|dl|dt|dd|hr|section|h[1-6])\b|<(?:span|p) class="(problematic|rubric)"/g)].map((m) => m[1] ?? m[2]);
  return { links, kinds };
}

/** The <table> elements of the page body (Sphinx's div.body, our main), in order. */
function tableElements(html) {
  const body = /<div class="body" role="main">([\s\S]*?)<div class="sphinxsidebar"/.exec(html)?.[1] ?? /<main\b[\s\S]*?<\/main>/.exec(html)?.[0] ?? html;
  return [...body.matchAll(/<table\b[\s\S]*?<\/table>/g)].map((m) => m[0]);
}

/** Every table of the page body, in order: caption, head row count, rows of cells. */
function tables(html) {
  return tableElements(html).map((t) => {
    const caption = /<caption>([\s\S]*?)<\/caption>/.exec(t);
    const thead = /<thead>([\s\S]*?)<\/thead>/.exec(t)?.[1] ?? '';
    const rowsOf = (part) =>
      [...part.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/g)].map((r) =>
        [...r[1].matchAll(/<(t[hd])\b([^>]*)>([\s\S]*?)<\/\1>/g)].map((c) => {
          const cls = attr(c[0], 'class') ?? '';
          return {
            tag: c[1],
            stub: /\bstub\b/.test(cls),
            span: `${attr(c[0], 'colspan') ?? 1}x${attr(c[0], 'rowspan') ?? 1}`,
            text: text(c[3]),
            ...markup(c[3]),
          };
        }),
      );
    const head = rowsOf(thead);
    const all = rowsOf(t);
    const open = /^<table\b[^>]*>/.exec(t)[0];
    const attrs = [
      `class=${(attr(open, 'class') ?? '').split(/\s+/).filter(Boolean).sort().join(' ')}`,
      `id=${(attr(open, 'id') ?? '').replace(/^id\d+$/, 'id?')}`,
      `style=${attr(open, 'style') ?? ''}`,
      `cols=${[...t.matchAll(/<col\b[^>]*>/g)].map((c) => attr(c[0], 'style') ?? '').join(',')}`,
    ].join(' ');
    return { caption: caption ? text(caption[1]) : undefined, attrs, headRows: head.length, rows: all };
  });
}

/**
 * Pairs the reference's tables with the build's: the longest common subsequence of tables that
 * look alike (caption, first row, row count), the ones between two such anchors paired in order,
 * the rest missing or extra. One missing table then shows as one, not as a shift of all after it.
 */
function align(a, b) {
  const sig = (t) => `${t.caption}|${t.rows.length}|${(t.rows[0] ?? []).map((c) => c.text).join('|')}`;
  const sa = a.map(sig);
  const sb = b.map(sig);
  const lcs = Array.from({ length: a.length + 1 }, () => new Array(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--) for (let j = b.length - 1; j >= 0; j--) lcs[i][j] = sa[i] === sb[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const anchors = [];
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (sa[i] === sb[j]) anchors.push([i++, j++]);
    else if (lcs[i + 1][j] >= lcs[i][j + 1]) i++;
    else j++;
  }
  anchors.push([a.length, b.length]);
  const pairs = [];
  let pi = 0;
  let pj = 0;
  for (const [ai, bj] of anchors) {
    const n = Math.min(ai - pi, bj - pj);
    for (let k = 0; k < n; k++) pairs.push([pi + k, pj + k]);
    for (let k = n; k < ai - pi; k++) pairs.push([pi + k, undefined]);
    for (let k = n; k < bj - pj; k++) pairs.push([undefined, pj + k]);
    if (ai < a.length) pairs.push([ai, bj]);
    pi = ai + 1;
    pj = bj + 1;
  }
  return pairs;
}

const q = (s) => JSON.stringify(s.length > 70 ? s.slice(0, 67) + '...' : s);

/** Differences of table `b` from the reference `a`, as short lines. */
function tableDiff(a, b) {
  const out = [];
  if (a.caption !== b.caption) out.push(`caption ${q(String(a.caption))} vs ${q(String(b.caption))}`);
  if (a.attrs !== b.attrs) out.push(`table ${q(a.attrs)} vs ${q(b.attrs)}`);
  if (a.headRows !== b.headRows) out.push(`thead rows ${a.headRows} vs ${b.headRows}`);
  if (a.rows.length !== b.rows.length) out.push(`rows ${a.rows.length} vs ${b.rows.length}`);
  const n = Math.min(a.rows.length, b.rows.length);
  for (let r = 0; r < n && out.length < 8; r++) {
    const ra = a.rows[r];
    const rb = b.rows[r];
    if (ra.length !== rb.length) out.push(`row ${r + 1}: ${ra.length} cells vs ${rb.length}`);
    for (let c = 0; c < Math.min(ra.length, rb.length) && out.length < 8; c++) {
      const x = ra[c];
      const y = rb[c];
      const at = `r${r + 1}c${c + 1}`;
      if (x.text !== y.text) out.push(`${at} text ${q(x.text)} vs ${q(y.text)}`);
      else if (x.tag !== y.tag || x.stub !== y.stub || x.span !== y.span) out.push(`${at} ${x.tag}${x.stub ? '.stub' : ''} ${x.span} vs ${y.tag}${y.stub ? '.stub' : ''} ${y.span}`);
      else if (x.links.join('|') !== y.links.join('|')) out.push(`${at} links ${q(x.links.join(' | '))} vs ${q(y.links.join(' | '))}`);
      else if (x.kinds.join(',') !== y.kinds.join(',')) out.push(`${at} markup <${x.kinds.join(',')}> vs <${y.kinds.join(',')}>`);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Engine check: dftables eval against pandas' expected.json

async function engineDiffs(caseDir, cli) {
  const expectedFile = join(caseDir, 'expected.json');
  if (!existsSync(expectedFile)) return [];
  const expected = JSON.parse(readFileSync(expectedFile, 'utf8'));
  const r = await run(process.execPath, [cli, 'eval', join(caseDir, 'page.rst'), '--json', '--root', caseDir], { cwd: caseDir });
  let results;
  try {
    results = JSON.parse(r.out.slice(r.out.indexOf('[')));
  } catch {
    return [`eval output unreadable: ${r.out.slice(0, 200)}`];
  }
  const out = [];
  for (const res of results) {
    const e = expected[String(res.line)];
    if (!e) continue;
    if (e.ok !== res.ok || (e.ok && e.csv !== res.csv)) out.push(`block at line ${res.line}: ${e.ok ? (res.ok ? 'CSV differs from pandas' : `fails (${res.error?.code})`) : 'pandas fails, dftables does not'}`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

async function compareCase(caseDir, o) {
  const work = mkdtempSync(join(tmpdir(), `compare-cells-${basename(caseDir)}-`));
  const extlinks = o.extlinks ?? nearestExtlinks(caseDir);
  const opts = { ...o, extlinks };
  const built = {};
  for (const p of ['A', ...o.paths]) {
    const root = join(work, p);
    mkdirSync(root, { recursive: true });
    built[p] = await builders[p](root, caseDir, opts);
  }
  const engine = await engineDiffs(caseDir, o.cli);
  if (!o.keep) rmSync(work, { recursive: true, force: true });
  const lines = [];
  const summary = {};
  if (!built.A.html) {
    lines.push(`  A: no HTML (sphinx-build ${built.A.status}): ${built.A.log.trim().slice(0, 400)}`);
    return { lines, summary, ok: false, work };
  }
  const ref = tables(built.A.html);
  if (o.saveReference) writeFileSync(join(caseDir, 'reference.html'), tableElements(built.A.html).join('\n') + '\n');
  let ok = true;
  for (const p of o.paths) {
    const b = built[p];
    if (!b.html) {
      lines.push(`  ${p}: no HTML (status ${b.status}): ${b.log.trim().slice(0, 400)}`);
      summary[p] = `0/${ref.length}`;
      ok = false;
      continue;
    }
    const got = tables(b.html);
    let matched = 0;
    const detail = [];
    const label = (t) => t.caption ?? t.rows[0]?.map((c) => c.text).slice(0, 3).join(', ') ?? '';
    for (const [i, j] of align(ref, got)) {
      if (j === undefined) {
        detail.push(`    table ${i + 1} (${label(ref[i])}): missing`);
        continue;
      }
      if (i === undefined) {
        detail.push(`    extra table after table ${j} (${label(got[j])})`);
        continue;
      }
      const d = tableDiff(ref[i], got[j]);
      if (!d.length) matched++;
      else detail.push(`    table ${i + 1} (${label(ref[i])}):`, ...d.map((l) => `      ${l}`));
    }
    summary[p] = `${matched}/${ref.length}${got.length !== ref.length ? ` (${got.length} built)` : ''}`;
    if (matched !== ref.length || got.length !== ref.length) ok = false;
    lines.push(`  ${p}: ${summary[p]} tables match`, ...detail);
    if (o.verbose && b.log.trim()) lines.push(...b.log.trim().split('\n').slice(0, 20).map((l) => `      | ${l}`));
  }
  if (o.verbose && built.A.log.trim()) lines.push('  A log:', ...built.A.log.trim().split('\n').slice(0, 20).map((l) => `      | ${l}`));
  if (engine.length) lines.push('  engine (dftables eval vs expected.json):', ...engine.map((l) => `    ${l}`));
  return { lines, summary, ok, tables: ref.length, work };
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (!existsSync(o.cli)) {
    console.error(`compare-cells: ${o.cli} not found (npm run build)`);
    process.exit(2);
  }
  const cases = o.dirs.flatMap(findCases);
  if (!cases.length) {
    console.error('compare-cells: no case folders (with page.rst) found');
    process.exit(2);
  }
  const results = new Array(cases.length);
  let next = 0;
  let printed = 0;
  const flush = () => {
    while (printed < cases.length && results[printed]) {
      const r = results[printed];
      console.log(`${cases[printed]}${r.ok ? ': all tables match' : ''}`);
      for (const l of r.lines) if (!r.ok || o.verbose) console.log(l);
      if (o.keep) console.log(`  (kept ${r.work})`);
      printed++;
    }
  };
  const worker = async () => {
    while (next < cases.length) {
      const k = next++;
      results[k] = await compareCase(cases[k], o);
      flush();
    }
  };
  await Promise.all(Array.from({ length: Math.min(o.jobs, cases.length) }, worker));
  const width = Math.max(...cases.map((c) => basename(c).length)) + 2;
  console.log('\n' + 'case'.padEnd(width) + o.paths.map((p) => p.padEnd(14)).join(''));
  for (let k = 0; k < cases.length; k++) {
    console.log(basename(cases[k]).padEnd(width) + o.paths.map((p) => String(results[k].summary[p] ?? '-').padEnd(14)).join(''));
  }
  process.exit(results.every((r) => r.ok) ? 0 : 1);
}

main();
