import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../src/errors.js';
import { parsePage } from '../../src/render/page.js';
import { resolveToctree } from '../../src/render/toctree.js';
import { indexSite, pageHref, readingOrder } from '../../src/site/site.js';

function site(pages: Record<string, string>) {
  const diagnostics: Diagnostic[] = [];
  const report = (d: Diagnostic) => diagnostics.push(d);
  const indexed = Object.entries(pages).map(([docname, text]) => ({
    docname,
    file: docname + '.rst',
    parsed: parsePage(text, `/s/${docname}.rst`, 'rst', { root: '/s', srcDir: '/s', report, file: docname + '.rst' }),
  }));
  return { info: indexSite(indexed, {}, report), diagnostics };
}

describe('site index', () => {
  it('computes relative URLs between pages', () => {
    expect(pageHref('index', 'guide/a')).toBe('guide/a.html');
    expect(pageHref('guide/a', 'index', 'x')).toBe('../index.html#x');
    expect(pageHref('guide/a', 'guide/b')).toBe('b.html');
    expect(pageHref('guide/a', 'guide/a', 'top')).toBe('#top');
  });

  it('links a page to itself as "#", as Sphinx writes a :doc: to the current page', () => {
    expect(pageHref('guide/a', 'guide/a')).toBe('#');
  });

  it('collects labels with section titles and warns on a duplicate', () => {
    const { info, diagnostics } = site({ a: '.. _l:\n\nTitle A\n=======\n', b: '.. _l:\n\nTitle B\n=======\n' });
    expect(info.labels.get('l')).toEqual({ docname: 'a', id: 'l', title: 'Title A' });
    expect(diagnostics).toMatchObject([{ code: 'DT703', file: 'b.rst', message: 'duplicate label l, other instance in a.rst' }]);
  });

  it('resolves toctrees (explicit titles, globs, missing pages) and orders pages depth first', () => {
    const { info, diagnostics } = site({
      index: 'Home\n====\n\n.. toctree::\n\n   Start <guide/start>\n   missing\n\n.. toctree::\n   :glob:\n\n   ref/*\n',
      'guide/start': 'Start\n=====\n',
      'ref/b': 'B\n=\n',
      'ref/a': 'A\n=\n',
      orphan: 'O\n=\n',
    });
    expect(info.pages.get('index')!.toc).toEqual([{ docname: 'guide/start', title: 'Start' }, { docname: 'ref/a' }, { docname: 'ref/b' }]);
    expect(diagnostics).toMatchObject([{ message: "toctree contains reference to nonexisting document 'missing'" }]);
    expect(readingOrder(info, 'index')).toEqual(['index', 'guide/start', 'ref/a', 'ref/b', 'orphan']);
  });

  it('reads self and external entries', () => {
    expect(resolveToctree(['self', 'Python <https://python.org>'], { glob: false, reversed: false }, 'x', ['x'], () => {})).toEqual([
      { docname: 'x' },
      { url: 'https://python.org', title: 'Python' },
    ]);
  });
});
