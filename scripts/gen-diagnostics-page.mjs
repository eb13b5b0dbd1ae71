#!/usr/bin/env node
/**
 * Writes docs/reference/diagnostics.rst from the table of codes in src/diagnostics/codes.ts, so the
 * page that explains every code can never fall behind the codes the engine emits.
 *
 *   npm run build && node scripts/gen-diagnostics-page.mjs           # rewrite the page
 *   npm run build && node scripts/gen-diagnostics-page.mjs --check   # exit 1 if it is out of date
 *
 * The table is read from dist/ (compiled by `npm run build`) because Node cannot import the
 * TypeScript source. test/docs/diagnostics.test.ts renders the page from src/ with the same
 * function and fails when the file on disk differs.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const PAGE = 'docs/reference/diagnostics.rst';

/** The ranges of codes.ts, in order; a code outside them lands in "Other codes". Intros are RST. */
const RANGES = [
  { prefix: 'DT1', title: 'DT1xx: Python syntax', intro: 'The block is not valid Python. These are found before anything runs, so ``dftables lint`` reports them too; the message is the one Python 3.11 would give, at the position it would point to.' },
  { prefix: 'DT2', title: 'DT2xx: Evaluation', intro: 'The code is valid Python but fails while it runs: a name, a column, a method, a type or a value that does not fit. The position is that of the expression that failed. What dftables supports is listed in :ref:`pandas-subset`.' },
  { prefix: 'DT3', title: 'DT3xx: Sandbox and limits', intro: 'The code tries something df-table code may not do, or needs more time or memory than a block is allowed (:ref:`refused` and :ref:`sandbox`).' },
  { prefix: 'DT4', title: 'DT4xx: Data files', intro: 'A file given to ``pd.read_csv`` cannot be used.' },
  { prefix: 'DT5', title: 'DT5xx: Directive and options', intro: 'The ``df-table`` directive itself is wrong: an option, its value, or a missing body (:ref:`directive-reference`).' },
  { prefix: 'DT6', title: 'DT6xx: Suspicious tables (warnings)', intro: 'pandas builds these tables without complaint, but they are probably not what the author meant. They are warnings: the table is still shown. ``dftables lint`` reports them, and ``--max-warnings 0`` makes CI fail on them.' },
  { prefix: 'DT7', title: 'DT7xx: Page markup', intro: 'Found while rendering a page to HTML (``build``, ``render``, ``preview``), outside any df-table code.' },
];

/** RST text from the table's plain text: `code` spans become literals, markup characters are escaped. */
function rstText(s) {
  return s
    .split(/(`[^`]+`)/)
    .map((part, i) => (i % 2 ? `\`\`${part.slice(1, -1)}\`\`` : part.replace(/([\\*|])/g, '\\$1')))
    .join('');
}

/** Words re-flowed to lines of at most `width` characters (long words stay whole). */
function wrap(text, width = 100) {
  const lines = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

function heading(text, char) {
  return `${text}\n${char.repeat([...text].length)}\n`;
}

/** An example is prose ("a 2 GB CSV") or a snippet of page code (Python) or page markup (RST). */
function example(code, info) {
  if (/^an? [a-z]/.test(info.example) && !/[()=[\]]/.test(info.example)) {
    return `${wrap(`**Example:** ${rstText(info.example)}.`)}\n`;
  }
  const language = /^DT[57]/.test(code) ? 'rst' : 'python';
  const body = info.example
    .split('\n')
    .map((l) => (l ? `   ${l}` : ''))
    .join('\n');
  return `**Example:**\n\n.. code-block:: ${language}\n\n${body}\n`;
}

/** The whole page, from a table shaped like CODES in src/diagnostics/codes.ts. */
export function renderDiagnosticsPage(codes) {
  const entries = Object.entries(codes).sort(([a], [b]) => a.localeCompare(b));
  const out = [];
  out.push('.. This page is generated from src/diagnostics/codes.ts by scripts/gen-diagnostics-page.mjs.');
  out.push('   Do not edit it: change the table, run `npm run build && node scripts/gen-diagnostics-page.mjs`.');
  out.push('');
  out.push('.. _diagnostics:');
  out.push('');
  out.push(heading('Diagnostic codes', '='));
  out.push('Every problem dftables reports has a code. Commands print it on one line, with the position in the');
  out.push('page where the problem is:');
  out.push('');
  out.push('.. code-block:: text');
  out.push('');
  out.push("   docs/trn1.rst:44:31: error DT201 column 'Throughput (/sec' not found; did you mean 'Throughput (/sec)'?");
  out.push('');
  out.push('An **error** means the block (or the table) could not be made: in a built page its place shows the');
  out.push('error instead, and the command exits with status 1. A **warning** leaves the table in place.');
  out.push('The JSON output of ``dftables eval --json`` and ``dftables lint --json`` carries the same code, line,');
  out.push('column and message.');
  out.push('');
  out.push('');
  out.push(heading('All codes', '-'));
  out.push('.. csv-table::');
  out.push('   :header-rows: 1');
  out.push('   :widths: 15 15 70');
  out.push('');
  out.push('   Code, Severity, Meaning');
  for (const [code, info] of entries) {
    out.push(`   :ref:\`${code} <${code.toLowerCase()}>\`, ${info.severity}, "${rstText(info.title).replace(/"/g, '""')}"`);
  }
  out.push('');
  const groups = RANGES.map((r) => ({ ...r, codes: entries.filter(([c]) => c.startsWith(r.prefix)) }));
  const other = entries.filter(([c]) => !RANGES.some((r) => c.startsWith(r.prefix)));
  if (other.length) groups.push({ prefix: '', title: 'Other codes', intro: '', codes: other });
  for (const g of groups) {
    if (!g.codes.length) continue;
    out.push('');
    out.push(heading(g.title, '-'));
    if (g.intro) {
      out.push(wrap(g.intro));
      out.push('');
    }
    for (const [code, info] of g.codes) {
      out.push(`.. _${code.toLowerCase()}:`);
      out.push('');
      out.push(heading(`${code}: ${rstText(info.title)}`, '~'));
      out.push(`**Severity:** ${info.severity}`);
      out.push('');
      out.push(example(code, info));
      out.push(wrap(`**Fix:** ${rstText(info.fix)}`));
      out.push('');
    }
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n\n').replace(/\n*$/, '\n');
}

async function main() {
  const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
  let codes;
  try {
    ({ CODES: codes } = await import(pathToFileURL(join(repo, 'dist/diagnostics/codes.js')).href));
  } catch {
    process.stderr.write('gen-diagnostics-page: dist/diagnostics/codes.js not found; run `npm run build` first\n');
    process.exit(2);
  }
  const page = renderDiagnosticsPage(codes);
  const file = join(repo, PAGE);
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    /* first run */
  }
  if (process.argv.includes('--check')) {
    if (current !== page) {
      process.stderr.write(`${PAGE} is out of date; run: npm run build && node scripts/gen-diagnostics-page.mjs\n`);
      process.exit(1);
    }
    return;
  }
  if (current !== page) writeFileSync(file, page);
  process.stdout.write(`${PAGE}: ${Object.keys(codes).length} codes\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
