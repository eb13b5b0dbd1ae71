/**
 * What rendering a page needs to know beyond the page itself: the site (labels for :ref:, page
 * titles and tables of contents for :doc: and toctree, extlinks), the df-table results, where to
 * report problems, and a per-page state (ids in use, tab-set counters, files it referenced).
 * The RST and Markdown renderers share it, as do the directive and role tables, so a `note` or
 * a `df-table` renders the same from either syntax.
 */
import { existsSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import type { Diagnostic, Severity } from '../errors.js';
import { isDftablesError } from '../errors.js';
import type { DiagnosticCode } from '../diagnostics/codes.js';
import type { PageFormat } from '../directive/types.js';
import type { BlockResult } from '../engine.js';
import { DEFAULT_LIMITS } from '../python/values.js';
import { createDataFileReader } from '../sandbox/dataFiles.js';
import type { DirectiveOptionNode } from './rst/ast.js';
import type { IdAllocator } from './ids.js';

export interface ExtLink {
  url: string;
  /** null: the link text is the full URL (Sphinx's caption None). */
  caption: string | null;
}

export interface LabelTarget {
  docname: string;
  id: string;
  /** Text a :ref: without explicit text shows (section title, table caption); none for bare targets. */
  title?: string;
}

export interface OutlineEntry {
  id: string;
  level: number;
  /** Plain text. */
  text: string;
}

/** One entry of a toctree: a page of the site or an external link. */
export interface TocEntry {
  docname?: string;
  url?: string;
  /** Explicit title (else the page's own). */
  title?: string;
}

export interface PageInfo {
  title: string;
  headings: OutlineEntry[];
  /** Entries of the page's toctrees, in order (the site's navigation tree). */
  toc: TocEntry[];
}

export interface SiteInfo {
  /** Normalized label -> where it points (Sphinx's std:label). */
  labels: Map<string, LabelTarget>;
  pages: Map<string, PageInfo>;
  extlinks: Record<string, ExtLink>;
  /** URL of a page (and anchor) relative to the page being rendered. */
  href(fromDoc: string, toDoc: string, anchor?: string): string;
}

export interface PageEnv {
  /** The page path as given to the command (diagnostics). */
  file: string;
  /** Absolute path of the page. */
  path: string;
  /** Docname: path under the source folder, '/'-separated, without extension ('guide/index'). */
  docname: string;
  format: PageFormat;
  site: SiteInfo;
  /** The df-table result for the block whose directive is at this line of `file`. */
  table(line: number, file: string): BlockResult | undefined;
  /** Folder files may be read from (csv-table :file:, include, literalinclude). */
  root: string;
  /** Folder that `/path` in include and image paths is relative to (Sphinx's source dir). */
  srcDir: string;
  report(d: Diagnostic): void;
  /** Page source lines, to quote the failing line in an error box. */
  lines?: string[];
  /** Preview shows warnings in the page as well as in the terminal. */
  showWarnings?: boolean;
}

/** One directive, however it was written (RST `.. name::` or a MyST fence). */
export interface DirectiveCall {
  name: string;
  argument: string;
  options: DirectiveOptionNode[];
  /** Raw content lines. */
  content: string[];
  line: number;
  col: number;
  contentLine: number;
  /** The file the directive is in (an included file's, or the page's). */
  file: string;
  /** Id assigned for the `:name:` option, if any. */
  nameId?: string;
  /** Renders the content as body elements in the page's syntax. */
  renderBody(): string;
  /** The directive's source text, for unknown-directive boxes. */
  source: string;
}

/** The page's syntax: how text in arguments, options and table cells is rendered. */
export interface Markup {
  inline(text: string, line: number): string;
  /** Text as body elements (a table cell: paragraphs, lists). */
  body(text: string, line: number): string;
}

export interface TabCollector {
  tabs: { label: string; html: string; selected: boolean; classLabel?: string; classContent?: string; id?: string }[];
}

export class RenderState {
  private tabSets = 0;
  /** Innermost tab-set being rendered (tab-item adds itself there). */
  readonly collectors: TabCollector[] = [];
  /** Custom roles made with the `role` directive: name -> base role, classes, raw format. */
  readonly customRoles = new Map<string, { base: string; classes: string[]; format?: string }>();
  /** The page's sections, for `contents` and the outline. */
  headings: OutlineEntry[] = [];
  /** Ids of the sections enclosing what is being rendered (innermost last), for `contents :local:`. */
  readonly sectionStack: string[] = [];
  /** Files under the source folder the page links to (images, downloads): the build copies them. */
  readonly assets = new Set<string>();
  /** Files directives read (csv-table :file:, literalinclude): preview watches them. */
  readonly reads = new Set<string>();
  /** Counts for the build summary. */
  dfTables = 0;
  dfErrors = 0;
  /** Warnings and errors reported so far. */
  private reported = 0;

  constructor(
    readonly env: PageEnv,
    public markup: Markup,
    readonly ids: IdAllocator,
  ) {}

  nextTabSet(): number {
    return ++this.tabSets;
  }

  /**
   * Everything rendering can change besides returning HTML (diagnostics, ids, linked files,
   * headings, roles, tab sets, table counts): equal marks before and after rendering some text
   * mean that doing it again would return the same HTML and change nothing (renderers cache on it).
   */
  mark(): string {
    return [this.reported, this.ids.count, this.assets.size, this.reads.size, this.headings.length, this.customRoles.size, this.dfTables, this.dfErrors, this.tabSets, this.collectors.length, this.sectionStack.length].join(',');
  }

  warn(line: number, code: DiagnosticCode, message: string, col = 1, file = this.env.file): void {
    this.report('warning', line, code, message, col, file);
  }

  error(line: number, code: DiagnosticCode, message: string, col = 1, file = this.env.file): void {
    this.report('error', line, code, message, col, file);
  }

  private report(severity: Severity, line: number, code: DiagnosticCode, message: string, col: number, file: string): void {
    this.reported++;
    this.env.report({ file, line, column: col, severity, code, message });
  }

  /**
   * Reads a file a directive names, relative to `fromFile`'s folder (or to the source folder for
   * `/path`), within the docs root. Returns undefined after reporting why it could not.
   */
  readFile(path: string, fromFile: string, line: number, code: DiagnosticCode = 'DT706'): { text: string; resolved: string } | undefined {
    // Directives name their file for diagnostics; the page's is its display path, not its location.
    const from = fromFile === this.env.file ? this.env.path : fromFile;
    const base = path.startsWith('/') ? this.env.srcDir : dirname(resolve(from));
    const rel = path.startsWith('/') ? path.replace(/^\/+/, '') : path;
    try {
      const got = createDataFileReader(base, this.env.root, DEFAULT_LIMITS.maxCsvBytes).read(rel);
      this.reads.add(got.resolved);
      return got;
    } catch (e) {
      const message = isDftablesError(e) ? e.message : String(e);
      if (code === 'DT706') this.warn(line, code, message);
      else this.error(line, code, message);
      return undefined;
    }
  }

  /**
   * The URL of a local file (image, download) as written in the page, recording it for the
   * build to copy when it exists under the source folder. URLs pass through.
   */
  assetUrl(path: string, line: number): string {
    if (/^[a-z][a-z0-9+.-]*:/i.test(path) || path.startsWith('#')) return path;
    const abs = path.startsWith('/') ? resolve(this.env.srcDir, path.replace(/^\/+/, '')) : resolve(dirname(this.env.path), path);
    const rel = relative(this.env.srcDir, abs);
    if (!existsSync(abs)) {
      this.warn(line, 'DT706', `file not found: '${path}'`);
    } else if (rel.startsWith('..')) {
      this.warn(line, 'DT706', `'${path}' is outside the source folder; it is linked but not copied`);
    } else {
      this.assets.add(abs);
    }
    if (path.startsWith('/')) {
      const depth = this.env.docname.split('/').length - 1;
      return '../'.repeat(depth) + rel.split('\\').join('/');
    }
    return path;
  }
}
