/**
 * A page, parsed once and rendered on demand: what the site needs to know before any page is
 * rendered (title, sections, labels, toctrees) and the render step that turns it into the HTML
 * body. reStructuredText and MyST Markdown pages look the same from here.
 */
import { dirname, resolve } from 'node:path';
import type { Diagnostic } from '../errors.js';
import type { PageFormat } from '../directive/types.js';
import { DEFAULT_LIMITS } from '../python/values.js';
import { createDataFileReader } from '../sandbox/dataFiles.js';
import { isDftablesError } from '../errors.js';
import { RenderState, type OutlineEntry, type PageEnv } from './context.js';
import { parseMarkdownPage } from './markdown/page.js';
import { parseRst, type LabelDef } from './rst/document.js';
import { RstWriter } from './rst/writer.js';

export interface ToctreeSource {
  lines: string[];
  glob: boolean;
  reversed: boolean;
  line: number;
}

export interface ParsedPage {
  format: PageFormat;
  /** Plain text of the page title ('' when the page has no title). */
  title: string;
  headings: OutlineEntry[];
  labels: LabelDef[];
  toctrees: ToctreeSource[];
  /** Files the page includes (`include` directives). */
  includes: string[];
  /** Renders the body; may be called again (preview), each call is independent. */
  render(env: PageEnv): RenderedPage;
}

export interface RenderedPage {
  html: string;
  headings: OutlineEntry[];
  /** Local files the page links to (images, downloads), for the build to copy. */
  assets: Set<string>;
  /** Files directives read while rendering (csv-table :file:, literalinclude). */
  reads: Set<string>;
  dfTables: number;
  dfErrors: number;
}

export interface ParseOptions {
  /** Docs root: includes are read only under it. */
  root: string;
  /** Folder `/path` in include directives is relative to. */
  srcDir: string;
  /** Where parse problems go (markup the parser could not make sense of). */
  report(d: Diagnostic): void;
  /** The page path as shown in diagnostics. */
  file: string;
}

export function parsePage(text: string, path: string, format: PageFormat, opts: ParseOptions): ParsedPage {
  return format === 'md' ? parseMarkdownPage(text, path, opts) : parseRstPage(text, path, opts);
}

function parseRstPage(text: string, path: string, opts: ParseOptions): ParsedPage {
  const includes: string[] = [];
  const include = (target: string, line: number) => {
    const base = target.startsWith('/') ? opts.srcDir : dirname(resolve(path));
    try {
      const got = createDataFileReader(base, opts.root, DEFAULT_LIMITS.maxCsvBytes).read(target.replace(/^\/+/, ''));
      if (!includes.includes(got.resolved)) includes.push(got.resolved);
      return { text: got.text, file: got.resolved };
    } catch (e) {
      opts.report({ file: opts.file, line, column: 1, severity: 'warning', code: 'DT706', message: isDftablesError(e) ? e.message : String(e) });
      return undefined;
    }
  };
  // Each render re-parses: rendering assigns ids and counters into the tree's state.
  const parse = (report: boolean) => {
    const { doc, problems } = parseRst(text, include);
    if (report) for (const p of problems) opts.report({ file: opts.file, line: p.line, column: 1, severity: 'warning', code: 'DT704', message: p.message });
    return doc;
  };
  let doc: ReturnType<typeof parse> | undefined = parse(true);
  const headings = doc.headings.map((h) => ({ id: h.id, level: h.level, text: h.text }));
  return {
    format: 'rst',
    title: doc.title ?? '',
    headings,
    labels: doc.labels,
    includes,
    toctrees: doc.toctrees.map((t) => ({
      lines: t.content,
      glob: t.options.some((o) => o.name === 'glob'),
      reversed: t.options.some((o) => o.name === 'reversed'),
      line: t.line,
    })),
    render(env) {
      const d = doc ?? parse(false);
      doc = undefined;
      const rs = new RenderState(env, { inline: () => '', body: () => '' }, d.ids);
      rs.headings = headings;
      const writer = new RstWriter(d, rs);
      rs.markup = writer;
      const html = writer.render();
      return { html, headings, assets: rs.assets, reads: rs.reads, dfTables: rs.dfTables, dfErrors: rs.dfErrors };
    },
  };
}
