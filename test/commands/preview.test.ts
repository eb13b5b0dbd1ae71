import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startPreview, type PreviewServer } from '../../src/commands/preview.js';
import { cellTexts } from '../render/helpers.js';

const repo = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const fixture = join(repo, 'test/fixtures/site/basic');

let work: string;
let preview: PreviewServer | undefined;
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'dftables-preview-'));
  cpSync(fixture, work, { recursive: true });
});
afterEach(async () => {
  await preview?.close();
  preview = undefined;
  rmSync(work, { recursive: true, force: true });
});

/** Resolves with the time of the first `reload` event on the stream. */
async function nextReload(url: string, signal: AbortSignal): Promise<number> {
  const res = await fetch(new URL('/__dftables/events', url), { signal });
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error('stream closed');
    buf += decoder.decode(value);
    if (buf.includes('event: reload')) return performance.now();
  }
}

describe('dftables preview', () => {
  it('serves the page with its tables, the theme and the live-reload script on 127.0.0.1', async () => {
    preview = await startPreview(join(work, 'data.md'), { port: 0 });
    expect(preview.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/data\.html$/);
    const page = await (await fetch(preview.url)).text();
    expect(cellTexts(page)).toContain('1056.5');
    expect(page).toContain('new EventSource("/__dftables/events")');
    expect(page).toContain('<link rel="stylesheet" href="_static/dftables.css">');
    const css = await fetch(new URL('_static/dftables.css', preview.url));
    expect(css.headers.get('content-type')).toContain('text/css');
  });

  it('tells the browser within 100 ms of a CSV save, and the page shows the new value', async () => {
    preview = await startPreview(join(work, 'data.md'), { port: 0 });
    const ctl = new AbortController();
    const reload = nextReload(preview.url, ctl.signal);
    await new Promise((r) => setTimeout(r, 150)); // let the watcher and the event stream settle
    const saved = performance.now();
    writeFileSync(join(work, 'throughput.csv'), readFileSync(join(work, 'throughput.csv'), 'utf8').replace('1056.5', '2048.25'));
    const at = await reload;
    ctl.abort();
    expect(at - saved).toBeLessThan(100);
    expect(cellTexts(await (await fetch(preview.url)).text())).toContain('2048.25');
  });

  it('shows a bad edit as an error in the page and keeps serving', async () => {
    preview = await startPreview(join(work, 'data.md'), { port: 0 });
    writeFileSync(join(work, 'data.md'), readFileSync(join(work, 'data.md'), 'utf8').replace("pd.read_csv('throughput.csv')", "pd.read_csv('throughput.csv'"));
    const page = await (await fetch(preview.url)).text();
    expect(page).toContain('df-table failed: DT1');
    rmSync(join(work, 'data.md'));
    const gone = await fetch(preview.url);
    expect(gone.status).toBe(200);
    expect(await gone.text()).toContain('Cannot render');
  });

  it('re-renders a page in under 50 ms', async () => {
    preview = await startPreview(join(work, 'data.md'), { port: 0 });
    const times = Array.from({ length: 5 }, () => preview!.render().ms);
    expect(Math.min(...times)).toBeLessThan(50);
  });

  it('serves the page at its path under the docs root, so its images load, and nothing outside the root', async () => {
    preview = await startPreview(join(work, 'guide/intro.rst'), { port: 0 });
    expect(new URL(preview.url).pathname).toBe('/guide/intro.html');
    expect((await fetch(preview.url)).status).toBe(200);
    expect((await fetch(new URL('../img/dot.png', preview.url))).status).toBe(200);
    expect((await fetch(new URL('/', preview.url), { redirect: 'manual' })).headers.get('location')).toBe('/guide/intro.html');
    expect((await fetch(new URL('/%2e%2e/%2e%2e/etc/passwd', preview.url))).status).toBe(404);
  });
});
