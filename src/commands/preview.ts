/**
 * `dftables preview PAGE [--port N]`: serves one page on 127.0.0.1, rendered on each request.
 * It watches the page and every file its blocks read (and files it includes or links); on a
 * save, browsers are told over Server-Sent Events and swap in the new page body (tabs and
 * scroll position kept). Errors show in the page; a bad edit never stops the server; Ctrl-C
 * stops it cleanly.
 */
import type { Command } from 'commander';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { Diagnostic } from '../errors.js';
import { formatDiagnostic } from '../errors.js';
import { escapeHtml } from '../render/html.js';
import { readAsset } from '../render/templates.js';
import { evaluateBlock, type BlockResult, type EvalOptions } from '../engine.js';
import type { DirectiveBlock } from '../directive/types.js';
import { resolveDocsRoot } from '../sandbox/root.js';
import { CONFIG_FILE } from '../site/config.js';
import { docnameUnder, renderSinglePage, type SinglePage } from '../site/single.js';

export interface PreviewOptions {
  port?: number;
  host?: string;
  root?: string;
  timeout?: number;
  /** Evaluates one block (default: the engine). */
  evaluate?(block: DirectiveBlock, opts: EvalOptions): BlockResult;
  /** Called after each render (tests, logging). */
  onRender?(info: { ms: number; diagnostics: Diagnostic[] }): void;
  log?(line: string): void;
}

export interface RenderOutcome {
  html: string;
  body: string;
  ms: number;
  page?: SinglePage;
}

export interface PreviewServer {
  url: string;
  server: Server;
  /** The render made at start (its diagnostics are worth printing). */
  first: RenderOutcome;
  /** Renders the page now (as a request would). */
  render(): RenderOutcome;
  close(): Promise<void>;
}

const EVENTS = '/__dftables/events';

/** The script preview adds to the page: on `reload`, fetch the page and swap in its body. */
const CLIENT = `<script>
(() => {
  const es = new EventSource(${JSON.stringify(EVENTS)});
  es.addEventListener('reload', async () => {
    try {
      const res = await fetch(location.pathname, { cache: 'no-store' });
      const doc = new DOMParser().parseFromString(await res.text(), 'text/html');
      const checked = [...document.querySelectorAll('.sd-tab-set > input:checked')].map((i) => i.id);
      for (const sel of ['article.document', 'aside.outline', 'details.outline-inline']) {
        const now = document.querySelector(sel), next = doc.querySelector(sel);
        if (now && next) now.innerHTML = next.innerHTML;
        else if (now || next) { location.reload(); return; }
      }
      for (const id of checked) { const i = document.getElementById(id); if (i) i.checked = true; }
      document.title = doc.title;
    } catch { location.reload(); }
  });
})();
</script>`;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.webp': 'image/webp',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.pdf': 'application/pdf',
};

export async function startPreview(file: string, opts: PreviewOptions = {}): Promise<PreviewServer> {
  const abs = resolve(file);
  const pageDir = dirname(abs);
  const root = resolveDocsRoot(pageDir, opts.root);
  const pagePath = '/' + docnameUnder(root, abs).split('/').map(encodeURIComponent).join('/') + '.html';
  const log = opts.log ?? (() => {});
  const clients = new Set<ServerResponse>();
  let watcher: FSWatcher | undefined;
  let watched = new Set<string>();

  const renderNow = (): RenderOutcome => {
    const t0 = performance.now();
    try {
      const page = renderSinglePage(file, { root: opts.root, timeout: opts.timeout, showWarnings: true, evaluate: opts.evaluate ?? evaluateBlock });
      const ms = performance.now() - t0;
      opts.onRender?.({ ms, diagnostics: page.diagnostics });
      watchFiles(page.dependencies);
      return { html: page.document({ body: CLIENT }), body: page.body, ms, page };
    } catch (e) {
      // Whatever went wrong (unreadable page, bad config, a bug), the server stays up and says so.
      const message = e instanceof Error ? e.message : String(e);
      const body = `<div class="dftables-error" role="alert"><p class="dftables-error-title">Cannot render ${escapeHtml(file)}</p><pre>${escapeHtml(message)}</pre></div>`;
      const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>dftables preview</title><link rel="stylesheet" href="/_static/dftables.css"></head><body><main class="content"><article class="document">${body}</article></main>${CLIENT}</body></html>`;
      watchFiles([abs]);
      return { html, body, ms: performance.now() - t0 };
    }
  };

  const notify = () => {
    for (const res of clients) res.write('event: reload\ndata: {}\n\n');
  };

  let pending: NodeJS.Timeout | undefined;
  const changed = (path: string) => {
    // Editors write a file in several steps: one render for a burst of events.
    clearTimeout(pending);
    pending = setTimeout(() => {
      const outcome = renderNow();
      log(`${relative(process.cwd(), path) || path} changed: rendered in ${outcome.ms.toFixed(0)} ms`);
      for (const d of outcome.page?.diagnostics ?? []) log(formatDiagnostic(d));
      notify();
    }, 10);
  };

  function watchFiles(paths: string[]): void {
    const next = new Set([...paths, join(root, CONFIG_FILE)].map((p) => resolve(p)));
    if (!watcher) {
      watcher = watch([...next], { ignoreInitial: true });
      watcher.on('all', (_event, path) => changed(path));
      watcher.on('error', () => {});
    } else {
      const add = [...next].filter((p) => !watched.has(p));
      const remove = [...watched].filter((p) => !next.has(p) && p !== abs);
      if (add.length) watcher.add(add);
      if (remove.length) watcher.unwatch(remove);
    }
    watched = next;
  }

  /** Files under the docs root by their path there (the page is served at its own path, so its relative links work). */
  const serveFile = (req: IncomingMessage, res: ServerResponse, path: string) => {
    const target = resolve(root, '.' + decodeURIComponent(path));
    const rel = relative(root, target);
    if (rel.startsWith('..' + sep) || rel === '..' || isAbsolute(rel) || !existsSync(target) || !statSync(target).isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[extname(target).toLowerCase()] ?? 'application/octet-stream', 'cache-control': 'no-store' });
    if (req.method === 'HEAD') res.end();
    else createReadStream(target).pipe(res);
  };

  const server = createServer((req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const path = url.pathname;
      if (path === EVENTS) {
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
        res.write('retry: 500\n\n');
        clients.add(res);
        req.on('close', () => clients.delete(res));
        return;
      }
      if (path.endsWith('/_static/dftables.css')) {
        res.writeHead(200, { 'content-type': TYPES['.css'], 'cache-control': 'no-store' }).end(readAsset('dftables.css'));
        return;
      }
      if (path === '/') {
        res.writeHead(302, { location: pagePath }).end();
        return;
      }
      if (path.endsWith('.html')) {
        const { html } = renderNow();
        res.writeHead(200, { 'content-type': TYPES['.html'], 'cache-control': 'no-store' }).end(html);
        return;
      }
      serveFile(req, res, path);
    } catch (e) {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(`dftables preview: ${(e as Error).message}`);
    }
  });

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 8000, opts.host ?? '127.0.0.1', () => ok());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  // Render (and start watching) now, so a save before the first request is not missed.
  const first = renderNow();

  return {
    url: `http://${opts.host ?? '127.0.0.1'}:${port}${pagePath}`,
    server,
    first,
    render: renderNow,
    async close() {
      clearTimeout(pending);
      for (const res of clients) res.end();
      clients.clear();
      await watcher?.close();
      const closed = new Promise<void>((ok) => server.close(() => ok()));
      // Idle keep-alive connections would hold close() for seconds.
      server.closeAllConnections();
      await closed;
    },
  };
}

export function registerPreview(program: Command): void {
  program
    .command('preview')
    .description('serve one page on 127.0.0.1 and reload it in the browser when the page or its data change')
    .argument('<page>', 'page (.rst or .md)')
    .option('--port <n>', 'port (0 picks a free one)', (v) => Number(v), 8000)
    .option('--root <dir>', 'docs root: pages may read data only under it')
    .option('--timeout <seconds>', 'time limit per block', (v) => Number(v))
    .action(async (page: string, opts: { port: number; root?: string; timeout?: number }) => {
      if (!existsSync(page)) {
        process.stderr.write(`dftables preview: no such page: ${page}\n`);
        process.exitCode = 2;
        return;
      }
      let preview: PreviewServer;
      try {
        preview = await startPreview(page, { ...opts, log: (l) => process.stderr.write(l + '\n') });
      } catch (e) {
        process.stderr.write(`dftables preview: cannot listen on 127.0.0.1:${opts.port}: ${(e as Error).message}\n`);
        process.exitCode = 2;
        return;
      }
      const { first } = preview;
      for (const d of first.page?.diagnostics ?? []) process.stderr.write(formatDiagnostic(d) + '\n');
      process.stderr.write(`previewing ${page} at ${preview.url} (rendered in ${first.ms.toFixed(0)} ms); Ctrl-C to stop\n`);
      const stop = () => {
        process.stderr.write('\nstopping preview\n');
        void preview.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
}
