/**
 * Test Sphinx sites: a temp source folder with the fixture conf.py (test/fixtures/sphinx/site), pages
 * copied from the corpus or written by the test, an index with a toctree of them; built by the real
 * sphinx-build (Debian's Sphinx 5.3). Also reads table cells out of the HTML.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repo = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const corpus = resolve(repo, '../shared/corpus/neuron');
export const referenceHtml = resolve(repo, '../shared/corpus/neuron-sphinx-html');
export const cli = join(repo, 'dist/cli.js');
const siteFixture = join(repo, 'test/fixtures/sphinx/site');

function sphinxBuildPath(): string | undefined {
  for (const p of ['/usr/bin/sphinx-build', ...(process.env.PATH ?? '').split(':').map((d) => join(d, 'sphinx-build'))]) {
    if (existsSync(p)) return p;
  }
  return undefined;
}
const sphinxBuild = sphinxBuildPath();

/** Why the Sphinx tests cannot run here, or undefined when they can (printed once per file when skipping). */
export function skipReason(needs: { corpus?: boolean } = {}): string | undefined {
  let reason: string | undefined;
  if (!sphinxBuild || spawnSync(sphinxBuild, ['--version']).status !== 0) reason = 'sphinx-build not found (apt-get install python3-sphinx)';
  else if (!existsSync(cli)) reason = `${cli} not built (npm run build)`;
  else if (needs.corpus && !existsSync(corpus)) reason = `${corpus} absent`;
  if (reason) console.warn(`Sphinx tests skipped: ${reason}`);
  return reason;
}

/** The neuron corpus cases that have a reference HTML page. */
export function corpusCases(): string[] {
  return readdirSync(referenceHtml)
    .filter((f) => f.endsWith('.html'))
    .map((f) => f.slice(0, -'.html'.length))
    .filter((c) => existsSync(join(corpus, c, 'page.rst')))
    .sort();
}

export interface SiteOptions {
  /** Corpus cases to copy in, each as <case>/page.rst with its CSVs. */
  cases?: string[];
  /** More files by path under the source folder; `.rst` files become pages in the toctree. */
  files?: Record<string, string>;
  /** conf.py settings (dftables_command, dftables_warnings, ...). */
  config?: Record<string, unknown>;
  /** The folder put on sys.path: this repo's sphinx_dftables/ (the documented way) or another. */
  extensionPath?: string;
  extension?: string;
}

export interface Site {
  dir: string;
  src: string;
  out: string;
  remove(): void;
}

export function makeSite(opts: SiteOptions = {}): Site {
  const dir = mkdtempSync(join(tmpdir(), 'dftables-sphinx-'));
  const src = join(dir, 'src');
  mkdirSync(src);
  for (const f of ['conf.py', 'tabstub.py']) cpSync(join(siteFixture, f), join(src, f));
  const site = {
    extension_path: opts.extensionPath ?? join(repo, 'sphinx_dftables'),
    extension: opts.extension ?? 'sphinx_dftables',
    extlinks: join(corpus, 'extlinks.json'),
    config: opts.config ?? {},
  };
  writeFileSync(join(src, 'site.json'), JSON.stringify(site, null, 1));
  const pages: string[] = [];
  for (const c of opts.cases ?? []) {
    cpSync(join(corpus, c), join(src, c), { recursive: true, filter: (p) => !/(expected|origin)\.json$/.test(p) });
    pages.push(`${c}/page`);
  }
  for (const [path, text] of Object.entries(opts.files ?? {})) {
    mkdirSync(dirname(join(src, path)), { recursive: true });
    writeFileSync(join(src, path), text);
    if (path.endsWith('.rst')) pages.push(path.slice(0, -'.rst'.length));
  }
  writeFileSync(join(src, 'index.rst'), `Index\n=====\n\n.. toctree::\n\n${pages.map((p) => `   ${p}\n`).join('')}`);
  return { dir, src, out: join(dir, 'out'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface BuildResult {
  status: number | null;
  /** stdout and stderr together: Sphinx writes warnings and errors to stderr. */
  output: string;
  ms: number;
}

export function build(site: Site, args: string[] = []): BuildResult {
  const started = Date.now();
  const r = spawnSync(sphinxBuild!, ['-b', 'html', '-d', join(site.dir, 'doctrees'), ...args, site.src, site.out], {
    encoding: 'utf8',
    timeout: 300_000,
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1' },
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}`, ms: Date.now() - started };
}

/** The built HTML of a page (docname like 'case/page'). */
export function pageHtml(site: Site, docname: string): string {
  return readFileSync(join(site.out, `${docname}.html`), 'utf8');
}

/** The ERROR lines of a build's output (Sphinx's `path:line: ERROR: message` format). */
export function errorLines(output: string): string[] {
  return output.split('\n').filter((l) => /: ERROR: /.test(l));
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decode(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

/** The inner HTML of every th/td of every table, table by table, in document order. */
export function tableCellHtml(html: string): string[][] {
  return [...html.matchAll(/<table\b[\s\S]*?<\/table>/g)].map((t) => [...t[0].matchAll(/<t([hd])\b[^>]*>([\s\S]*?)<\/t\1>/g)].map((c) => c[2].trim()));
}

/** The text of every th/td of every table (tags dropped, entities decoded, white space collapsed). */
export function tableCells(html: string): string[][] {
  return tableCellHtml(html).map((cells) => cells.map((c) => decode(c.replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim()));
}

export interface CellSummary {
  /** 'th' or 'td', '.stub' for a stub column. */
  tag: string;
  text: string;
  /** Links a reader follows, as 'href text' (Sphinx's links from problematic text to hidden messages left out). */
  links: string[];
}

export interface TableSummary {
  caption?: string;
  headRows: number;
  rows: CellSummary[][];
}

/**
 * Every table of a page (ours or Sphinx's) as a reader sees it: caption, thead rows, and per cell
 * its tag, text and links. What differs between two writers of the same tables and does not show
 * (auto id numbers, attribute escaping, classes) is left out.
 */
export function tableSummaries(html: string): TableSummary[] {
  const text = (h: string) => decode(h.replace(/<a class="headerlink"[\s\S]*?<\/a>/g, '').replace(/<[^>]*>/g, '')).replace(/\s+/g, ' ').trim();
  return [...html.matchAll(/<table\b[\s\S]*?<\/table>/g)].map(([t]) => {
    const caption = /<caption>([\s\S]*?)<\/caption>/.exec(t)?.[1];
    const rows = (part: string) =>
      [...part.matchAll(/<tr\b[^>]*>([\s\S]*?)<\/tr>/g)].map(([, r]) =>
        [...r.matchAll(/<(t[hd])\b([^>]*)>([\s\S]*?)<\/\1>/g)].map(([, tag, attrs, inner]) => ({
          tag: tag + (/\bstub\b/.test(attrs) ? '.stub' : ''),
          text: text(inner),
          links: [...inner.matchAll(/<a\b([^>]*)>([\s\S]*?)<\/a>/g)]
            .filter(([, a, body]) => !/headerlink/.test(a) && !/^<span class="problematic"/.test(body))
            .map(([, a, body]) => `${decode(/href="([^"]*)"/.exec(a)?.[1] ?? '').replace(/^#id\d+$/, '#id?')} ${text(body)}`),
        })),
      );
    return { ...(caption !== undefined ? { caption: text(caption) } : {}), headRows: rows(/<thead>([\s\S]*?)<\/thead>/.exec(t)?.[1] ?? '').length, rows: rows(t) };
  });
}
