import { describe, expect, it } from 'vitest';
import { parseBlocks, type ParseState } from '../../../src/render/rst/blocks.js';
import type { Block } from '../../../src/render/rst/ast.js';
import { toLines } from '../../../src/render/rst/lines.js';

function parse(text: string, extra: Partial<ParseState> = {}): { blocks: Block[]; problems: string[] } {
  const problems: string[] = [];
  const st: ParseState = { warn: (line, m) => problems.push(`${line}: ${m}`), ...extra };
  return { blocks: parseBlocks(toLines(text), 1, st), problems };
}

const kinds = (blocks: Block[]) => blocks.map((b) => b.kind);

describe('rst block parser', () => {
  it('splits paragraphs at blank lines and keeps their page lines', () => {
    const { blocks } = parse('one\ntwo\n\nthree\n');
    expect(blocks).toEqual([
      { kind: 'paragraph', line: 1, text: 'one\ntwo' },
      { kind: 'paragraph', line: 4, text: 'three' },
    ]);
  });

  it('reads underlined and overlined titles with their adornment style', () => {
    const { blocks } = parse('=====\nTitle\n=====\n\nSub\n---\n');
    expect(blocks).toMatchObject([
      { kind: 'title', title: 'Title', style: '=o', line: 2 },
      { kind: 'title', title: 'Sub', style: '-u', line: 5 },
    ]);
  });

  it('drops titles and transitions where docutils does not match titles (a table cell)', () => {
    const { blocks, problems } = parse('Title\n=====\n\n****\n\n----\nafter\n', { titles: false });
    expect(blocks).toEqual([{ kind: 'paragraph', line: 7, text: 'after' }]);
    expect(problems).toEqual(['1: Unexpected section title.', '4: Unexpected section title or transition.', '6: Unexpected section title or transition.']);
  });

  it('parses list items and grid-table cells without titles too (docutils nested_parse)', () => {
    const { blocks } = parse('- ----\n\n+------+\n| ---- |\n+------+\n');
    expect(blocks).toMatchObject([
      { kind: 'bullet_list', items: [[]] },
      { kind: 'table', bodyRows: [[{ blocks: [] }]] },
    ]);
  });

  it('reads an enumerator as a list only when the next line continues it in the same format', () => {
    expect(kinds(parse('a) x\n#. y\n').blocks)).toEqual(['paragraph']);
    expect(kinds(parse('a) x\nb) y\n').blocks)).toEqual(['enum_list']);
    expect(kinds(parse('1. x\n#.\n').blocks)).toEqual(['paragraph']);
  });

  it('treats a short underline under a long text as a title with a warning', () => {
    const { blocks, problems } = parse('A long title\n=====\n');
    expect(blocks[0]).toMatchObject({ kind: 'title', title: 'A long title' });
    expect(problems).toEqual(['2: Title underline too short.']);
  });

  it('reads a line of punctuation between blank lines as a transition', () => {
    expect(kinds(parse('a\n\n----\n\nb\n').blocks)).toEqual(['paragraph', 'transition', 'paragraph']);
  });

  it('parses bullet list items with nested content', () => {
    const { blocks } = parse('- one\n- two\n\n  more\n- three\n');
    expect(blocks).toHaveLength(1);
    const list = blocks[0] as Extract<Block, { kind: 'bullet_list' }>;
    expect(list.items.map(kinds)).toEqual([['paragraph'], ['paragraph', 'paragraph'], ['paragraph']]);
  });

  it('parses enumerated lists and keeps a start other than 1', () => {
    const { blocks } = parse('3. three\n4. four\n');
    expect(blocks[0]).toMatchObject({ kind: 'enum_list', enumtype: 'arabic', start: 3 });
  });

  it('reads "A. Name" followed by text as a paragraph, not a list (docutils second-line check)', () => {
    expect(kinds(parse('A. Einstein was\na physicist.\n').blocks)).toEqual(['paragraph']);
  });

  it('parses definition lists with classifiers', () => {
    const { blocks } = parse('term : cls\n   definition\n');
    expect(blocks[0]).toMatchObject({ kind: 'def_list', items: [{ term: 'term', classifiers: ['cls'] }] });
  });

  it('parses field lists', () => {
    const { blocks } = parse(':a: one\n:b: two\n   continued\n');
    const f = blocks[0] as Extract<Block, { kind: 'field_list' }>;
    expect(f.fields.map((x) => x.name)).toEqual(['a', 'b']);
    expect(f.fields[1].body).toMatchObject([{ kind: 'paragraph', text: 'two\ncontinued' }]);
  });

  it('turns "::" at the end of a paragraph into a literal block for the indented text', () => {
    const { blocks } = parse('Example::\n\n   x = 1\n     y\n\nafter\n');
    expect(blocks).toMatchObject([
      { kind: 'paragraph', text: 'Example:' },
      { kind: 'literal', text: 'x = 1\n  y' },
      { kind: 'paragraph', text: 'after' },
    ]);
  });

  it('drops a "::" paragraph on its own and a " ::" suffix', () => {
    expect(parse('Text ::\n\n   code\n').blocks).toMatchObject([{ kind: 'paragraph', text: 'Text' }, { kind: 'literal' }]);
    expect(kinds(parse('::\n\n   code\n').blocks)).toEqual(['literal']);
  });

  it('parses indented text as a block quote with an attribution', () => {
    const { blocks } = parse('   quoted\n\n   -- Someone\n');
    expect(blocks[0]).toMatchObject({ kind: 'block_quote', attribution: 'Someone', children: [{ kind: 'paragraph', text: 'quoted' }] });
  });

  it('splits a directive into argument, options and content (tab-item takes its label as argument)', () => {
    const { blocks } = parse('.. tab-item:: Throughput optimized\n   :selected:\n\n   body text\n');
    expect(blocks[0]).toMatchObject({
      kind: 'directive',
      name: 'tab-item',
      argument: 'Throughput optimized',
      options: [{ name: 'selected', value: '' }],
      contentLine: 4,
      children: [{ kind: 'paragraph', text: 'body text', line: 4 }],
    });
  });

  it('reads text after a directive that takes no argument as content (note:: text)', () => {
    const { blocks } = parse('.. note:: inline text\n   more\n');
    expect(blocks[0]).toMatchObject({ kind: 'directive', name: 'note', argument: '', children: [{ kind: 'paragraph', text: 'inline text\nmore' }] });
  });

  it('keeps raw content lines for code and table directives', () => {
    const { blocks } = parse('.. df-table:: Title\n   :header-rows: 1\n\n   df = pd.read_csv("a.csv")\n\n   df = df.head()\n');
    expect(blocks[0]).toMatchObject({
      kind: 'directive',
      argument: 'Title',
      options: [{ name: 'header-rows', value: '1', line: 2 }],
      content: ['df = pd.read_csv("a.csv")', '', 'df = df.head()'],
      endLine: 6,
    });
  });

  it('parses nested directives at any depth (tab-set > tab-item > df-table)', () => {
    const src = '.. tab-set::\n\n    .. tab-item:: A\n\n        .. df-table::\n            :header-rows: 1\n\n            df = x\n';
    const { blocks } = parse(src);
    const set = blocks[0] as Extract<Block, { kind: 'directive' }>;
    const item = set.children![0] as Extract<Block, { kind: 'directive' }>;
    expect(item.children![0]).toMatchObject({ kind: 'directive', name: 'df-table', line: 5, content: ['df = x'] });
  });

  it('reads internal and external hyperlink targets', () => {
    const { blocks } = parse('.. _My Label:\n\n.. _Python: https://python.org\n\n.. __: https://anon.example\n');
    expect(blocks).toMatchObject([
      { kind: 'target', name: 'my label' },
      { kind: 'target', name: 'python', refuri: 'https://python.org' },
      { kind: 'target', name: '', refuri: 'https://anon.example' },
    ]);
  });

  it('reads substitution definitions, footnotes and comments', () => {
    const { blocks } = parse('.. |x| replace:: text\n\n.. [#f] Note.\n\n.. a comment\n   continued\n');
    expect(blocks).toMatchObject([
      { kind: 'substitution_def', name: 'x', directive: { name: 'replace', content: ['text'] } },
      { kind: 'footnote', label: '#f', citation: false },
      { kind: 'comment', text: 'a comment\ncontinued' },
    ]);
  });

  it('parses line blocks and doctest blocks', () => {
    expect(parse('| one\n|   two\n').blocks[0]).toMatchObject({ kind: 'line_block', lines: [{ text: 'one', indent: 0 }, { text: 'two', indent: 2 }] });
    expect(parse('>>> 1 + 1\n2\n').blocks[0]).toMatchObject({ kind: 'literal', variant: 'doctest', text: '>>> 1 + 1\n2' });
  });

  it('parses a grid table with a header, spans and parsed cells', () => {
    const fixed = ['+-----+-----+', '| a   | b   |', '+=====+=====+', '| *x* | y   |', '+-----+-----+', '| both cells|', '+-----------+'].join('\n');
    const { blocks } = parse(fixed);
    expect(blocks[0]).toMatchObject({ kind: 'table', headRows: [[{ blocks: [{ text: 'a' }] }, { blocks: [{ text: 'b' }] }]] });
    const t = blocks[0] as Extract<Block, { kind: 'table' }>;
    expect(t.bodyRows[1]).toMatchObject([{ colspan: 2, blocks: [{ text: 'both cells' }] }]);
  });

  it('parses a simple table with a header', () => {
    const { blocks } = parse('=====  =====\nA      B\n=====  =====\n1      2\n3      4\n=====  =====\n');
    const t = blocks[0] as Extract<Block, { kind: 'table' }>;
    expect(t.headRows).toHaveLength(1);
    expect(t.bodyRows.map((r) => r.map((c) => (c.blocks[0] as { text: string }).text))).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('reports a malformed grid table and shows it instead of failing', () => {
    const { blocks, problems } = parse('+---+---+\n| a | b |\n+---+--\n');
    expect(blocks[0].kind).toBe('problem');
    expect(problems[0]).toMatch(/Malformed table/);
  });

  it('expands tabs to 8 columns before measuring indentation', () => {
    expect(toLines('a\tb\n\tc  ')).toEqual(['a       b', '        c']);
  });
});
