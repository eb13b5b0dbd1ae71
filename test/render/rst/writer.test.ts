import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellTexts, renderPage } from '../helpers.js';

describe('rst to HTML', () => {
  it('writes sections with ids from their titles, headerlinks and label anchors', () => {
    const { html, title } = renderPage('.. _top:\n\nMain Title\n==========\n\n.. _NLP:\n\nEncoder Models\n--------------\n\ntext\n');
    expect(title).toBe('Main Title');
    expect(html).toContain('<span id="top"></span><section id="main-title">\n<h1>Main Title<a class="headerlink" href="#main-title"');
    expect(html).toContain('<span id="nlp"></span><section id="encoder-models">\n<h2>Encoder Models');
  });

  it('gives repeated titles docutils-style ids (id1, ...)', () => {
    const { html } = renderPage('A\n=\n\nX\n-\n\nB\n=\n\nX\n-\n');
    expect(html).toContain('<section id="x">');
    expect(html).toContain('<section id="id1">');
  });

  it('renders compact lists with paragraphs closed on the item line', () => {
    const { html } = renderPage('- a\n- b\n');
    expect(html).toBe('<ul class="simple">\n<li><p>a</p></li>\n<li><p>b</p></li>\n</ul>\n');
  });

  it('renders admonitions with their title', () => {
    const { html } = renderPage('.. important::\n\n   Read *this*.\n');
    expect(html).toBe('<div class="admonition important">\n<p class="admonition-title">Important</p>\n<p>Read <em>this</em>.</p>\n</div>\n');
  });

  it('resolves named targets, embedded URIs and anonymous targets', () => {
    const { html, diagnostics } = renderPage('Use NeuronPerf_ and `docs <https://d.example>`_ and `this`__.\n\n.. _NeuronPerf: https://np.example\n\n__ https://anon.example\n');
    expect(html).toContain('<a class="reference external" href="https://np.example">NeuronPerf</a>');
    expect(html).toContain('<a class="reference external" href="https://d.example">docs</a>');
    expect(html).toContain('<a class="reference external" href="https://anon.example">this</a>');
    expect(diagnostics).toEqual([]);
  });

  it('links a reference to a section title on the page', () => {
    const { html } = renderPage('Setup\n=====\n\nSee `Setup`_.\n');
    expect(html).toContain('<a class="reference internal" href="#setup">Setup</a>');
  });

  it('reports an unknown target name and shows the reference as problematic', () => {
    const { html, diagnostics } = renderPage('see missing_ here\n');
    expect(html).toContain('<span class="problematic">missing_</span>');
    expect(diagnostics).toMatchObject([{ code: 'DT703', line: 1, message: 'Unknown target name: "missing".' }]);
  });

  it('shows an unresolvable reference as its source text', () => {
    expect(renderPage('c__ and `x y`_\n').html).toContain('<p><span class="problematic">c__</span> and <span class="problematic">`x y`_</span></p>');
  });

  it('does not educate an escaped quote, and keeps the escape as context for the quotes after it', () => {
    expect(renderPage('\\"straight\\" _"\'\\y\n').html).toContain('<p>"straight" _\u201d\u2019y</p>');
  });

  it('gives an inline target the id docutils makes of its name', () => {
    expect(renderPage('a _`http://e.com/a` b\n').html).toContain('<span class="target" id="http-e-com-a">http://e.com/a</span>');
  });

  it('writes a block quote holding only doctest blocks as the doctest blocks (Sphinx HandleCodeBlocks)', () => {
    const { html } = renderPage('text\n\n   >>> 1 + 1\n   2\n');
    expect(html).not.toContain('<blockquote>');
    expect(html).toContain('doctest');
  });

  it('replaces substitutions', () => {
    const { html } = renderPage('Hello |name|!\n\n.. |name| replace:: *World*\n');
    expect(html).toContain('<p>Hello <em>World</em>!</p>');
  });

  it('numbers auto-numbered footnotes and links their references', () => {
    const { html } = renderPage('A [#]_ and B [#]_.\n\n.. [#] first\n.. [#] second\n');
    expect(html).toMatch(/href="#id\d+" role="doc-noteref"><span class="fn-bracket">\[<\/span>1<span/);
    expect(html).toContain('<span class="fn-bracket">[</span>2<span class="fn-bracket">]</span></span>\n<p>second</p>');
  });

  it('applies smart quotes and dashes to running text but not literals', () => {
    const { html } = renderPage('"quoted" -- it\'s ``"raw"``\n');
    expect(html).toBe('<p>\u201cquoted\u201d \u2013 it\u2019s <code class="docutils literal notranslate"><span class="pre">"raw"</span></code></p>\n');
  });

  it('renders literal blocks and code-blocks as Sphinx highlight divs', () => {
    const { html } = renderPage('.. code-block:: python\n\n   x = "<b>"\n');
    expect(html).toBe('<div class="highlight-python notranslate"><div class="highlight"><pre>x = &quot;&lt;b&gt;&quot;\n</pre></div>\n</div>\n');
  });

  it('renders grid tables with Sphinx classes and inline markup in cells', () => {
    const { html } = renderPage(['+-----+-----+', '| a   | b   |', '+=====+=====+', '| *x* | 1   |', '+-----+-----+', ''].join('\n'));
    expect(html).toContain('<th class="head"><p>a</p></th>');
    expect(html).toContain('<td><p><em>x</em></p></td>');
    expect(html).toContain('<td class="numeric"><p>1</p></td>');
  });

  it('hides a field list at the very top (file-wide metadata such as :orphan:)', () => {
    expect(renderPage(':orphan:\n\nTitle\n=====\n').html).not.toContain('field-list');
  });

  it('defines custom roles with the role directive', () => {
    const { html } = renderPage('.. role:: red\n\nThis is :red:`alarming`.\n');
    expect(html).toContain('<span class="red">alarming</span>');
  });

  it('shows markup problems as warnings with page lines, and keeps going', () => {
    const { html, diagnostics } = renderPage('Para\n\n+---+\n| broken\n\nafter\n');
    expect(diagnostics[0]).toMatchObject({ severity: 'warning', code: 'DT704', line: 3 });
    expect(html).toContain('<p>after</p>');
  });

  it('renders a plain table cell exactly as the full parser would (fast path)', () => {
    const alphabet = fc.constantFrom(...'aZ09 .,-+=$%#()[]<>&/*_:`|"\'\\@>!?'.split(''));
    fc.assert(
      fc.property(fc.string({ unit: alphabet, maxLength: 12 }), (s) => {
        const quoted = '"' + s.replace(/"/g, '""') + '"';
        const cell = /<td[^>]*>([\s\S]*?)<\/td>/.exec(renderPage(`.. csv-table::\n   :keepspace:\n\n   ${quoted}\n`).html)?.[1] ?? '';
        // After a first paragraph, so a field list is content, not page metadata.
        const page = s.trim() ? renderPage('first\n\n' + s.trimEnd() + '\n').html.replace('<p>first</p>\n', '') : '';
        const lone = /^<p>[\s\S]*<\/p>\n$/.test(page) && page.indexOf('<p>', 1) < 0;
        expect(cell).toBe(lone ? page.slice(0, -1) : page);
      }),
      { numRuns: 400 },
    );
    expect(cellTexts(renderPage('.. csv-table::\n\n   "A. text", "1.", "- x"\n').html)).toEqual(['text', '', 'x']);
  });
});
