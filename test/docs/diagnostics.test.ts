/**
 * docs/reference/diagnostics.rst is generated from the table in src/diagnostics/codes.ts; these tests
 * fail when the two disagree, and when a page links to a code that does not exist.
 */
import { describe, expect, it } from 'vitest';
import { CODES } from '../../src/diagnostics/codes.js';
// The generator is a plain ES module script (run with node after `npm run build`).
import { PAGE, renderDiagnosticsPage } from '../../scripts/gen-diagnostics-page.mjs';
import { docsPages, readPage } from './pages.js';

const page = readPage(PAGE.replace(/^docs\//, ''));
const codes = Object.keys(CODES);

describe('docs/reference/diagnostics.rst', () => {
  it('is what scripts/gen-diagnostics-page.mjs makes of src/diagnostics/codes.ts', () => {
    // On failure: npm run build && node scripts/gen-diagnostics-page.mjs
    expect(page).toBe(renderDiagnosticsPage(CODES));
  });

  it('has a labelled section for every code, and none for codes that do not exist', () => {
    const labels = [...page.matchAll(/^\.\. _(dt\d{3}):$/gm)].map((m) => m[1].toUpperCase());
    expect(labels.sort()).toEqual([...codes].sort());
  });

  it('gives each code its title, severity, an example and a fix', () => {
    for (const [code, info] of Object.entries(CODES)) {
      const start = page.indexOf(`.. _${code.toLowerCase()}:`);
      const next = page.indexOf('\n.. _dt', start + 1);
      const section = page.slice(start, next < 0 ? undefined : next);
      expect(section, code).toContain(`${code}: ${info.title.replace(/([\\*|])/g, '\\$1')}`);
      expect(section, code).toContain(`**Severity:** ${info.severity}`);
      expect(section, code).toMatch(/\*\*Example:\*\*/);
      expect(section, code).toMatch(/\*\*Fix:\*\* \S/);
    }
  });

  it('renders `code` in the table as an RST literal and escapes RST markup characters', () => {
    const out = renderDiagnosticsPage({
      DT999: { severity: 'warning', title: 'A *starred* title', example: 'x = 1', fix: 'Use `import pandas as pd` or a|b.' },
    });
    expect(out).toContain('.. _dt999:');
    const title = 'DT999: A \\*starred\\* title';
    expect(out).toContain(`${title}\n${'~'.repeat(title.length)}\n`);
    expect(out).toContain('**Fix:** Use ``import pandas as pd`` or a\\|b.');
    expect(out).toContain('Other codes');
  });
});

describe('links to diagnostic codes in the docs', () => {
  it('point only at codes that exist', () => {
    for (const p of docsPages()) {
      for (const m of readPage(p).matchAll(/:ref:`(?:[^`<]*<)?(dt\d{3})>?`/gi)) {
        expect(codes, `${p} links to ${m[1]}`).toContain(m[1].toUpperCase());
      }
    }
  });
});
