import { describe, expect, it } from 'vitest';
import { inlineText, parseInline } from '../../../src/render/rst/inline.js';

describe('rst inline markup', () => {
  it('recognises emphasis, strong and literals', () => {
    expect(parseInline('a *b* **c** ``d e``')).toEqual([
      { t: 'text', v: 'a ' },
      { t: 'emphasis', v: 'b' },
      { t: 'text', v: ' ' },
      { t: 'strong', v: 'c' },
      { t: 'text', v: ' ' },
      { t: 'literal', v: 'd e' },
    ]);
  });

  it('leaves a quoted or spaced star alone, as docutils does', () => {
    expect(parseInline('2 * 3 and "*" and (*)')).toEqual([{ t: 'text', v: '2 * 3 and "*" and (*)' }]);
  });

  it('requires the end-string to be followed by punctuation or space (computed using* NeuronPerf_.)', () => {
    const nodes = parseInline('computed using* NeuronPerf_. To reproduce, run the scripts.*');
    expect(nodes).toEqual([
      { t: 'text', v: 'computed using* ' },
      { t: 'reference', text: 'NeuronPerf', refname: 'neuronperf', raw: 'NeuronPerf_' },
      { t: 'text', v: '. To reproduce, run the scripts.*' },
    ]);
  });

  it('reports a start-string without end-string as problematic', () => {
    const warnings: string[] = [];
    const nodes = parseInline('a **b', (m) => warnings.push(m));
    expect(nodes).toContainEqual({ t: 'problematic', raw: '**', message: 'Inline strong start-string without end-string.' });
    expect(warnings).toHaveLength(1);
  });

  it('parses roles with prefix and suffix forms, keeping the raw text', () => {
    expect(parseInline(':ref:`Title <label>`')).toEqual([{ t: 'role', role: 'ref', text: 'Title <label>', raw: ':ref:`Title <label>`' }]);
    expect(parseInline('`x`:sub:')).toEqual([{ t: 'role', role: 'sub', text: 'x', raw: '`x`:sub:' }]);
  });

  it('parses extlink-style roles inside CSV cell text', () => {
    const nodes = parseInline(':compile-pt:`Compile <bert-base-cased>` + :benchmark-pt:`Benchmark <bert-base-cased>`');
    expect(nodes.map((n) => (n.t === 'role' ? n.role : n.t))).toEqual(['compile-pt', 'text', 'benchmark-pt']);
  });

  it('parses phrase references with embedded URIs and defines their names', () => {
    expect(parseInline('`archive folder <https://example.com/a>`_')).toEqual([
      { t: 'reference', text: 'archive folder', refuri: 'https://example.com/a', defines: 'archive folder' },
    ]);
    expect(parseInline('`anon <https://x.y>`__')).toEqual([{ t: 'reference', text: 'anon', refuri: 'https://x.y' }]);
  });

  it('parses references to named targets and aliases', () => {
    expect(parseInline('`Some Name`_')).toEqual([{ t: 'reference', text: 'Some Name', refname: 'some name', raw: '`Some Name`_' }]);
    expect(parseInline('`text <other_>`_')).toEqual([{ t: 'reference', text: 'text', refname: 'other', defines: 'text', raw: '`text <other_>`_' }]);
  });

  it('links standalone URIs and e-mail addresses, leaving trailing punctuation outside', () => {
    expect(parseInline('see https://example.com/x.')).toEqual([
      { t: 'text', v: 'see ' },
      { t: 'reference', text: 'https://example.com/x', refuri: 'https://example.com/x' },
      { t: 'text', v: '.' },
    ]);
    expect(parseInline('mail a@b.org')[1]).toEqual({ t: 'reference', text: 'a@b.org', refuri: 'mailto:a@b.org' });
  });

  it('finds standalone links as docutils does: a first match with an unknown scheme leaves the text plain', () => {
    expect(parseInline(':ref:x a@b.org https://e.com')).toEqual([{ t: 'text', v: ':ref:x a@b.org https://e.com' }]);
    expect(parseInline('see chttp://e.com/x')[1]).toEqual({ t: 'reference', text: 'chttp://e.com/x', refuri: 'chttp://e.com/x' });
    expect(parseInline('git://e.com/x')).toEqual([{ t: 'text', v: 'git://e.com/x' }]);
  });

  it('searches the text after a link on its own, so it may start a new address there', () => {
    expect(parseInline('http://e.com/a#``a@b.org').slice(1)).toEqual([{ t: 'reference', text: '/a#``a@b.org', refuri: 'mailto:/a#``a@b.org' }]);
  });

  it('honours backslash escapes', () => {
    expect(parseInline('\\*not emphasis\\*')).toHaveLength(1);
    expect(inlineText(parseInline('\\*not emphasis\\*'))).toBe('*not emphasis*');
    expect(inlineText(parseInline('a\\ b'))).toBe('ab');
  });

  it('parses substitution references, footnote and citation references, inline targets', () => {
    expect(parseInline('|name|_ [1]_ [#]_ [CIT]_ _`target`')).toEqual([
      { t: 'substitution', name: 'name', refend: '_', raw: '|name|_' },
      { t: 'text', v: ' ' },
      { t: 'footnote_ref', label: '1', citation: false },
      { t: 'text', v: ' ' },
      { t: 'footnote_ref', label: '#', citation: false },
      { t: 'text', v: ' ' },
      { t: 'footnote_ref', label: 'CIT', citation: true },
      { t: 'text', v: ' ' },
      { t: 'target', text: 'target', name: 'target' },
    ]);
  });

  it('gives the shown text of a title with markup', () => {
    expect(inlineText(parseInline('The *big* ``x`` :ref:`Label <l>`'))).toBe('The big x Label');
  });
});
