import { describe, expect, it } from 'vitest';
import { renderPage } from './helpers.js';
import { resolveDocname, splitExplicitTitle } from '../../src/render/roles.js';

const extlinks = {
  'benchmark-pt': { url: 'https://github.com/x/%s_benchmark.py', caption: null },
  issue: { url: 'https://tracker/%s', caption: 'issue %s' },
};

describe('roles', () => {
  it('expands extlinks with explicit titles, captions, or the full URL', () => {
    const { html } = renderPage(':benchmark-pt:`Benchmark <bert>` :issue:`42` :benchmark-pt:`gpt`\n', { extlinks });
    expect(html).toContain('<a class="reference external" href="https://github.com/x/bert_benchmark.py">Benchmark</a>');
    expect(html).toContain('<a class="reference external" href="https://tracker/42">issue 42</a>');
    expect(html).toContain('<a class="reference external" href="https://github.com/x/gpt_benchmark.py">https://github.com/x/gpt_benchmark.py</a>');
  });

  it('resolves :ref: to a label on another page with its section title', () => {
    const { html } = renderPage('See :ref:`setup`.\n', { docname: 'guide/page', labels: { setup: { docname: 'install/index', id: 'setup', title: 'Setting up' } } });
    expect(html).toContain('<a class="reference internal" href="../install/index.html#setup"><span class="std std-ref">Setting up</span></a>');
  });

  it('renders an undefined :ref: as Sphinx does (xref span with its title) and warns', () => {
    const { html, diagnostics } = renderPage(':ref:`HuggingFace BERT </src/examples/bert.ipynb>`\n');
    expect(html).toContain('<span class="xref std std-ref">HuggingFace BERT</span>');
    expect(diagnostics).toMatchObject([{ code: 'DT703', severity: 'warning', message: "undefined label: '/src/examples/bert.ipynb'" }]);
  });

  it('resolves :doc: relative to the page, with the page title', () => {
    const { html } = renderPage(':doc:`other`\n', { docname: 'a/page', pages: { 'a/other': { title: 'Other Page', headings: [], toc: [] } } });
    expect(html).toContain('<a class="reference internal" href="other.html"><span class="doc">Other Page</span></a>');
  });

  it('shows an unknown role as written, highlighted, with a DT702 warning', () => {
    const { html, diagnostics } = renderPage('x :nosuch:`text` y\n');
    expect(html).toContain('<span class="problematic" title="Unknown role :nosuch:">:nosuch:`text`</span>');
    expect(diagnostics).toMatchObject([{ code: 'DT702', line: 1 }]);
  });

  it('renders standard roles', () => {
    const { html } = renderPage(':code:`a b` :sub:`2` :abbr:`CPU (central unit)` :kbd:`Ctrl`\n');
    expect(html).toContain('<code class="docutils literal notranslate"><span class="pre">a</span> <span class="pre">b</span></code>');
    expect(html).toContain('<sub>2</sub>');
    expect(html).toContain('<abbr title="central unit">CPU</abbr>');
    expect(html).toContain('<kbd class="kbd docutils literal notranslate">Ctrl</kbd>');
  });

  it('splits explicit titles and resolves docnames', () => {
    expect(splitExplicitTitle('Title <target>')).toEqual({ explicit: true, title: 'Title', target: 'target' });
    expect(resolveDocname('../x/y.rst', 'a/b/page')).toBe('a/x/y');
    expect(resolveDocname('/top', 'a/b/page')).toBe('top');
  });

  it("splits keyboard keys as Sphinx's KeyboardTransform does (its multi-word key table included)", () => {
    const { html } = renderPage(':kbd:`Ctrl+C` :kbd:`Caps Lock` :kbd:`Page Down`\n');
    const key = (k: string) => `<kbd class="kbd docutils literal notranslate">${k}</kbd>`;
    expect(html).toContain(`<kbd class="kbd compound docutils literal notranslate">${key('Ctrl')}+${key('C')}</kbd>`);
    expect(html).toContain(key('Caps Lock'));
    expect(html).toContain(`<kbd class="kbd compound docutils literal notranslate">${key('Page')} ${key('Down')}</kbd>`);
  });

  it('takes the shortest title of a cross-reference whose target holds "<" (ReferenceRole)', () => {
    expect(splitExplicitTitle('x <l>`y <z>')).toEqual({ explicit: true, title: 'x', target: 'l>`y <z' });
  });

  it('unescapes an extlink before splitting its title, so an escaped < still opens the target', () => {
    const { html } = renderPage(':issue:`Bug \\<7>`\n', { extlinks });
    expect(html).toContain('<a class="reference external" href="https://tracker/7">Bug</a>');
  });

  it('makes no link of a :ref: or :doc: starting with "!" and does not warn', () => {
    const { html, diagnostics } = renderPage(':ref:`!setup` :doc:`!other`\n');
    expect(html).toContain('<span class="xref std std-ref">setup</span> <span class="xref std std-doc">other</span>');
    expect(diagnostics).toEqual([]);
  });

  it('links a :doc: to the page itself with "#"', () => {
    const { html } = renderPage('Me\n==\n\n:doc:`page`\n', { docname: 'a/page' });
    expect(html).toContain('<a class="reference internal" href="#"><span class="doc">Me</span></a>');
  });

  it('cloaks a mailto: link as Sphinx does (cloak_email_addresses)', () => {
    const { html } = renderPage('write to team@example.com\n');
    expect(html).toContain('<a class="reference external" href="mailto:team&#37;&#52;&#48;example&#46;com">team<span>&#64;</span>example<span>&#46;</span>com</a>');
  });
});
