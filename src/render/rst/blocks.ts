/**
 * The reStructuredText block parser: lines in, body elements out (sections still flat, as
 * `title` markers; transform.ts nests them). It follows docutils' Body state: the first line of
 * a block decides what it is (bullet, enumerator, field marker, explicit markup, table, title,
 * paragraph), indented text is a block quote or the content of what precedes it.
 *
 * Problems (a malformed table, an unknown directive option) never throw: they become `problem`
 * nodes rendered visibly and a warning, and parsing continues.
 */
import type { Block, DirectiveNode, DirectiveOptionNode, ListNode, TableNode } from './ast.js';
import { normalizeName } from './ast.js';
import { directiveSpec, GENERIC_SPEC, type DirectiveSpec } from './directiveSpecs.js';
import { indentedBlock, indentOf, isBlank, toLines, trimBlankLines } from './lines.js';
import { parseGridTable, parseSimpleTable } from './tables.js';

export interface ParseState {
  warn(line: number, message: string): void;
  /**
   * Reads the file an `include` directive names (relative to the file being parsed); returns its
   * text and path, or undefined after reporting why not. Without it, includes are left as directives.
   */
  include?(path: string, line: number): { text: string; file: string } | undefined;
  /** The file being parsed, when it is not the page (an included file). */
  file?: string;
  /**
   * false for text docutils parses without match_titles (a table cell): a section title or a
   * transition there is an "Unexpected section title" error, and its lines show nothing.
   */
  titles?: boolean;
}

const BULLET = /^([-+*\u2022\u2023\u2043])( +|$)/;
const ENUM = /^(?:\(([0-9]+|[a-zA-Z]|[ivxlcdm]+|[IVXLCDM]+|#)\)|([0-9]+|[a-zA-Z]|[ivxlcdm]+|[IVXLCDM]+|#)([.)]))( +|$)/;
const FIELD = /^:(?![: ])((?:[^:\\]|\\.|:(?!(?:[ `]|$)))*)(?<! ):( +|$)/;
const LINE_BLOCK = /^\|( +|$)/;
const DOCTEST = /^>>>( +|$)/;
const GRID_TOP = /^\+-[-+]+-\+ *$/;
const SIMPLE_TOP = /^=+( +=+)+ *$/;
const EXPLICIT = /^\.\.( +|$)/;
const ANON_TARGET = /^__( +|$)/;
const ADORNMENT = /^([!-/:-@[-`{-~])\1* *$/;
const DIRECTIVE = /^([\p{L}\p{N}](?:[-_.+:]?[\p{L}\p{N}])*)[ ]?::( +|$)/u;
const SUBST_DEF = /^\|(?! )(.+?)(?<! )\|( +|$)/;
const FOOTNOTE = /^\[([0-9]+|#|#[\p{L}\p{N}][-\p{L}\p{N}_.]*|\*|[\p{L}\p{N}][-\p{L}\p{N}_.]*)\]( +|$)/u;
const TARGET = /^_(?:(`)(.+?)`|((?:[^:\\`]|\\.)+?))\s?:( +|$)/s;
const ANON_TARGET_DEF = /^__:( +|$)/;

/**
 * A single line the block parser reads as an ordinary paragraph: no list marker, field, table
 * border, directive, title adornment, literal-block marker or indentation. Lets table cells skip
 * the parser when they hold plain text (nearly all benchmark cells).
 */
export function isParagraphLine(line: string): boolean {
  return (
    line !== '' &&
    line[0] !== ' ' &&
    !line.endsWith('::') &&
    ![BULLET, ENUM, FIELD, DOCTEST, LINE_BLOCK, GRID_TOP, SIMPLE_TOP, EXPLICIT, ANON_TARGET, ADORNMENT].some((re) => re.test(line))
  );
}

export function parseBlocks(lines: string[], base: number, st: ParseState): Block[] {
  return new BodyParser(lines, base, st).run();
}

class BodyParser {
  private out: Block[] = [];
  private i = 0;
  /** The previous paragraph ended in `::`: the next indented block is literal. */
  private literalNext = false;

  constructor(
    private readonly lines: string[],
    private readonly base: number,
    private readonly st: ParseState,
  ) {}

  run(): Block[] {
    const { lines } = this;
    while (this.i < lines.length) {
      const line = lines[this.i];
      if (isBlank(line)) {
        this.i++;
        continue;
      }
      if (this.literalNext) {
        this.literalNext = false;
        if (this.literalBlock()) continue;
      }
      if (line[0] === ' ') this.blockQuote();
      else this.firstLine(line);
    }
    return this.out;
  }

  /**
   * The state for what docutils parses with a plain nested_parse (block quotes, list items, field
   * bodies, definitions, footnotes, table cells): match_titles is off there, so a title or a
   * transition line is an error that shows nothing.
   */
  private nested(): ParseState {
    return this.st.titles === false ? this.st : { ...this.st, titles: false };
  }

  private pageLine(i = this.i): number {
    return this.base + i;
  }

  private firstLine(line: string): void {
    let m: RegExpExecArray | null;
    if ((m = BULLET.exec(line))) return this.bulletList(m[1]);
    if ((m = ENUM.exec(line)) && this.enumList()) return;
    if (FIELD.test(line)) return this.fieldList();
    if (DOCTEST.test(line)) return this.doctest();
    if (LINE_BLOCK.test(line)) return this.lineBlock();
    if (GRID_TOP.test(line)) return this.table('grid');
    if (SIMPLE_TOP.test(line)) return this.table('simple');
    if (EXPLICIT.test(line)) return this.explicit();
    if (ANON_TARGET.test(line)) return this.anonymousShort();
    if (ADORNMENT.test(line) && this.st.titles === false) {
      // docutils' Body.line without match_titles: '::' and short lines are text; a longer one is dropped.
      const marker = line.trim();
      if (marker !== '::' && marker.length >= 4) {
        this.st.warn(this.pageLine(), 'Unexpected section title or transition.');
        this.i++;
        return;
      }
    } else if (ADORNMENT.test(line) && this.adornmentLine(line)) return;
    this.text();
  }

  // ---- block quotes and literal blocks

  private blockQuote(): void {
    const start = this.i;
    const blk = indentedBlock(this.lines, start);
    this.i = blk.end;
    const { lines: body, attribution } = splitAttribution(blk.lines);
    const node: Block = { kind: 'block_quote', line: this.pageLine(start), children: parseBlocks(body, this.pageLine(start), this.nested()) };
    if (attribution) node.attribution = attribution;
    this.out.push(node);
  }

  /** After `::`: an indented block, or a quoted block (every line starting with the same punctuation). */
  private literalBlock(): boolean {
    const start = this.i;
    const line = this.lines[start];
    if (line[0] === ' ') {
      const blk = indentedBlock(this.lines, start);
      this.i = blk.end;
      this.out.push({ kind: 'literal', line: this.pageLine(start), text: blk.lines.join('\n') });
      return true;
    }
    const q = /^[!-/:-@[-`{-~]/.exec(line);
    if (q) {
      let j = start;
      while (j < this.lines.length && this.lines[j].startsWith(q[0])) j++;
      this.i = j;
      this.out.push({ kind: 'literal', line: this.pageLine(start), text: this.lines.slice(start, j).join('\n') });
      return true;
    }
    this.st.warn(this.pageLine(start), 'Literal block expected; none found.');
    return false;
  }

  // ---- lists

  /** One list item starting at this.i, whose marker ends at column `markerEnd`. */
  private listItem(markerEnd: number): Block[] {
    const start = this.i;
    const line = this.lines[start];
    const blk = line.length > markerEnd ? indentedBlock(this.lines, start, { blockIndent: markerEnd }) : indentedBlock(this.lines, start, { firstIndent: markerEnd });
    this.i = blk.end;
    const { lines: body, skipped } = trimBlankLines(blk.lines);
    return parseBlocks(body, this.pageLine(start) + skipped, this.nested());
  }

  private bulletList(bullet: string): void {
    const node: ListNode = { kind: 'bullet_list', line: this.pageLine(), items: [] };
    for (;;) {
      const m = BULLET.exec(this.lines[this.i]);
      if (!m || m[1] !== bullet) break;
      node.items.push(this.listItem(m[0].length));
      if (!this.skipBlankToListContinuation()) break;
    }
    this.out.push(node);
  }

  /** Moves past blank lines if the next non-blank line is in column 0 (a candidate next item). */
  private skipBlankToListContinuation(): boolean {
    let j = this.i;
    while (j < this.lines.length && isBlank(this.lines[j])) j++;
    if (j >= this.lines.length || this.lines[j][0] === ' ') return false;
    this.i = j;
    return true;
  }

  private enumList(): boolean {
    const first = parseEnumerator(this.lines[this.i]);
    if (!first || !this.validEnumItem(this.i, first)) return false;
    const node: ListNode = {
      kind: 'enum_list',
      line: this.pageLine(),
      enumtype: first.sequence === '#' ? 'arabic' : first.sequence,
      start: first.ordinal,
      items: [],
    };
    let last = first;
    let auto = first.sequence === '#';
    for (let k = 0; ; k++) {
      const cur = k === 0 ? first : parseEnumerator(this.lines[this.i], auto ? undefined : node.enumtype);
      if (!cur) break;
      if (k > 0) {
        const sameSeq = cur.sequence === '#' || (cur.sequence === node.enumtype && !auto && cur.ordinal === last.ordinal + 1);
        if (cur.format !== first.format || !sameSeq || !this.validEnumItem(this.i, cur)) break;
        if (cur.sequence === '#') auto = true;
      }
      node.items.push(this.listItem(cur.end));
      last = cur;
      if (!this.skipBlankToListContinuation()) break;
    }
    this.out.push(node);
    return true;
  }

  /**
   * docutils' is_enumerated_list_item: the line after an item is blank, indented, or starts with
   * the next enumerator or the auto-enumerator in the same format, followed by a space ("a)" then
   * "#. " is not a list: both lines are a paragraph).
   */
  private validEnumItem(i: number, e: Enumerator): boolean {
    const next = this.lines[i + 1];
    if (next === undefined || !next.slice(0, 1).trim()) return true;
    const [prefix, suffix] = { period: ['', '.'], rparen: ['', ')'], parens: ['(', ')'] }[e.format];
    const following = enumeratorText(e.ordinal + 1, e.sequence);
    return (following !== undefined && next.startsWith(`${prefix}${following}${suffix} `)) || next.startsWith(`${prefix}#${suffix} `);
  }

  private fieldList(): void {
    const node: Block = { kind: 'field_list', line: this.pageLine(), fields: [] };
    for (;;) {
      const m = FIELD.exec(this.lines[this.i] ?? '');
      if (!m) break;
      const start = this.i;
      const blk = indentedBlock(this.lines, start, { firstIndent: m[0].length });
      this.i = blk.end;
      const { lines: body, skipped } = trimBlankLines(blk.lines);
      node.fields.push({ name: m[1], line: this.pageLine(start), body: parseBlocks(body, this.pageLine(start) + skipped, this.nested()) });
      if (!this.skipBlankToListContinuation()) break;
    }
    this.out.push(node);
  }

  private lineBlock(): void {
    const start = this.i;
    const node: Block = { kind: 'line_block', line: this.pageLine(), lines: [] };
    while (this.i < this.lines.length) {
      const line = this.lines[this.i];
      const m = LINE_BLOCK.exec(line);
      if (m) {
        const text = line.slice(1);
        // Trailing whitespace stays (a cell's lines keep theirs): `| * ` is a '*', not a start-string.
        node.lines.push({ indent: text.trim() ? indentOf(text) - 1 : 0, text: text.trim() ? text.trimStart() : '' });
      } else if (line[0] === ' ' && node.lines.length) {
        const prev = node.lines[node.lines.length - 1];
        prev.text += ' ' + line.trim();
      } else break;
      this.i++;
    }
    if (this.i === start) this.i++;
    this.out.push(node);
  }

  private doctest(): void {
    const start = this.i;
    while (this.i < this.lines.length && !isBlank(this.lines[this.i])) this.i++;
    this.out.push({ kind: 'literal', variant: 'doctest', line: this.pageLine(start), text: this.lines.slice(start, this.i).join('\n') });
  }

  // ---- tables

  private table(kind: 'grid' | 'simple'): void {
    const start = this.i;
    let end = start;
    if (kind === 'grid') {
      while (end < this.lines.length && !isBlank(this.lines[end]) && /^[+|]/.test(this.lines[end])) end++;
    } else {
      end = simpleTableEnd(this.lines, start);
    }
    this.i = Math.max(end, start + 1);
    const src = this.lines.slice(start, this.i);
    const parsed = kind === 'grid' ? parseGridTable(src) : parseSimpleTable(src);
    if (typeof parsed === 'string') {
      this.problem(start, `Malformed table. ${parsed}`, src.join('\n'));
      return;
    }
    const line = this.pageLine(start);
    const cell = (c: (typeof parsed.rows)[number][number]) => ({
      rowspan: c.rowspan,
      colspan: c.colspan,
      blocks: parseBlocks(trimBlankLines(c.lines).lines, line + c.top + 1 + trimBlankLines(c.lines).skipped, this.nested()),
    });
    const node: TableNode = {
      kind: 'table',
      line,
      colWidths: parsed.colWidths,
      headRows: parsed.rows.slice(0, parsed.headRows).map((r) => r.map(cell)),
      bodyRows: parsed.rows.slice(parsed.headRows).map((r) => r.map(cell)),
    };
    this.out.push(node);
  }

  // ---- explicit markup: directives, targets, substitutions, footnotes, comments

  private explicit(): void {
    const start = this.i;
    const line = this.lines[start];
    const markerEnd = /^\.\.( +|$)/.exec(line)![0].length;
    const rest = line.slice(markerEnd);
    let m: RegExpExecArray | null;
    if ((m = DIRECTIVE.exec(rest))) return this.directive(start, m[1].toLowerCase(), markerEnd + m[0].length, 1);
    if ((m = SUBST_DEF.exec(rest))) return this.substitutionDef(start, m[1], markerEnd + m[0].length);
    if ((m = FOOTNOTE.exec(rest))) return this.footnote(start, m[1], markerEnd + m[0].length);
    if (ANON_TARGET_DEF.test(rest) || TARGET.test(this.joinedExplicit(start, markerEnd))) return this.target(start, markerEnd);
    // A comment: the first line and everything indented under it.
    const blk = indentedBlock(this.lines, start, { firstIndent: markerEnd });
    this.i = blk.end;
    this.out.push({ kind: 'comment', line: this.pageLine(start), text: blk.lines.join('\n') });
  }

  /** The text of an explicit markup block as one string (targets may wrap). */
  private joinedExplicit(start: number, markerEnd: number): string {
    return indentedBlock(this.lines, start, { firstIndent: markerEnd }).lines.join('\n');
  }

  private target(start: number, markerEnd: number): void {
    const blk = indentedBlock(this.lines, start, { firstIndent: markerEnd });
    this.i = blk.end;
    const text = blk.lines.join('\n');
    const line = this.pageLine(start);
    let name: string;
    let rest: string;
    const anon = /^__:(?: +|$)/.exec(text);
    if (anon) {
      name = '';
      rest = text.slice(anon[0].length);
    } else {
      const m = TARGET.exec(text)!;
      name = normalizeName(unescapeName(m[2] ?? m[3]));
      rest = text.slice(m[0].length);
    }
    const ref = rest
      .split('\n')
      .map((l) => l.trim())
      .join('');
    if (!ref) {
      this.out.push({ kind: 'target', line, name });
      return;
    }
    const indirect = /^(?:`([^`]+)`|([^\s`]+))_$/.exec(ref);
    if (indirect && !/^\w+:\/\//.test(ref)) {
      this.out.push({ kind: 'target', line, name, refname: normalizeName(indirect[1] ?? indirect[2]) });
      return;
    }
    this.out.push({ kind: 'target', line, name, refuri: ref.replace(/\\(.)/g, '$1') });
  }

  private anonymousShort(): void {
    // `__ url`: the short form of an anonymous target.
    const start = this.i;
    const blk = indentedBlock(this.lines, start, { firstIndent: 3 });
    this.i = blk.end;
    const uri = blk.lines.map((l) => l.trim()).join('');
    this.out.push({ kind: 'target', line: this.pageLine(start), name: '', refuri: uri });
  }

  private substitutionDef(start: number, rawName: string, afterName: number): void {
    const line = this.lines[start];
    const rest = line.slice(afterName);
    const m = DIRECTIVE.exec(rest);
    if (!m) {
      const blk = indentedBlock(this.lines, start, { firstIndent: 0 });
      this.i = blk.end;
      this.problem(start, `Substitution definition "${rawName}" missing contents.`, blk.lines.join('\n'));
      return;
    }
    const before = this.out.length;
    this.directive(start, m[1].toLowerCase(), afterName + m[0].length, afterName + 1);
    const d = this.out.pop();
    if (this.out.length !== before || !d || d.kind !== 'directive') {
      if (d) this.out.push(d);
      return;
    }
    this.out.push({ kind: 'substitution_def', line: this.pageLine(start), name: normalizeName(rawName), directive: d });
  }

  private footnote(start: number, label: string, markerEnd: number): void {
    const blk = indentedBlock(this.lines, start, { firstIndent: markerEnd });
    this.i = blk.end;
    const { lines, skipped } = trimBlankLines(blk.lines);
    const citation = !/^([0-9]+|#.*|\*)$/.test(label);
    this.out.push({ kind: 'footnote', line: this.pageLine(start), label, citation, children: parseBlocks(lines, this.pageLine(start) + skipped, this.nested()) });
  }

  /**
   * A directive block, split as docutils' parse_directive_block does: the argument lines up to
   * the first blank line (options start at the first field marker among them), then the content.
   */
  private directive(start: number, name: string, textStart: number, col: number): void {
    const blk = indentedBlock(this.lines, start, { firstIndent: textStart });
    this.i = blk.end;
    const line = this.pageLine(start);
    const known = directiveSpec(name);
    const spec: DirectiveSpec = known ?? GENERIC_SPEC;
    let indented = blk.lines;
    // Line of indented[k] in the page: the first line is the directive's, the rest follow it.
    let offset = start;
    if (indented.length && isBlank(indented[0])) {
      indented = indented.slice(1);
      offset++;
    }
    const takesArgs = spec.required + spec.optional > 0;
    let argBlock: string[] = [];
    let content: string[];
    let contentOffset: number;
    let i = indented.length;
    if (indented.length && (takesArgs || spec.options)) {
      i = indented.findIndex(isBlank);
      if (i < 0) i = indented.length;
      argBlock = indented.slice(0, i);
      content = indented.slice(i + 1);
      contentOffset = offset + i + 1;
    } else {
      content = indented;
      contentOffset = offset;
    }
    let options: DirectiveOptionNode[] = [];
    if (spec.options) {
      const k = argBlock.findIndex((l) => FIELD.test(l));
      if (k >= 0) {
        options = parseOptionLines(argBlock.slice(k), this.pageLine(offset + k));
        argBlock = argBlock.slice(0, k);
      }
    }
    if (argBlock.length && !takesArgs) {
      content = argBlock.concat(indented.slice(i));
      contentOffset = offset;
      argBlock = [];
    }
    const trimmed = trimBlankLines(content);
    content = trimmed.lines;
    contentOffset += trimmed.skipped;
    let argument = argBlock.map((l) => l.trim()).join(spec.finalWhitespace ? ' ' : ' ').trim();
    if (!spec.finalWhitespace && takesArgs && argument.includes(' ') && spec.required + spec.optional === 1) {
      this.st.warn(line, `Error in "${name}" directive: maximum 1 argument(s) allowed, ${argument.split(/\s+/).length} supplied.`);
      argument = argument.split(/\s+/)[0];
    }
    if (spec.required > 0 && !argument) {
      this.st.warn(line, `Error in "${name}" directive: ${spec.required} argument(s) required, 0 supplied.`);
    }
    const node: DirectiveNode = {
      kind: 'directive',
      line,
      col,
      name,
      argument,
      options,
      content,
      contentLine: this.pageLine(contentOffset),
      endLine: this.pageLine(start) + Math.max(blk.lines.length, 1) - 1,
    };
    if (this.st.file) node.file = this.st.file;
    if (name === 'include' && this.st.include) return this.include(node);
    if (known && spec.content === 'rst') node.children = parseBlocks(content, node.contentLine, this.st);
    if (known && spec.content === 'none' && content.length) {
      this.st.warn(line, `Error in "${name}" directive: no content permitted.`);
    }
    this.out.push(node);
  }

  /**
   * `include`: the file's blocks take the directive's place (docutils inserts its lines), or a
   * literal/code block of its text. Lines in an included file are counted from 1 in that file.
   */
  private include(node: DirectiveNode): void {
    const got = this.st.include!(node.argument, node.line);
    if (!got) return;
    let lines = toLines(got.text);
    const opt = (n: string) => node.options.find((o) => o.name === n)?.value;
    const startLine = Number(opt('start-line') ?? 0);
    const endLine = opt('end-line') !== undefined ? Number(opt('end-line')) : undefined;
    lines = lines.slice(startLine || 0, endLine);
    const after = opt('start-after');
    const before = opt('end-before');
    if (after !== undefined) {
      const k = lines.findIndex((l) => l.includes(after));
      if (k >= 0) lines = lines.slice(k + 1);
    }
    if (before !== undefined) {
      const k = lines.findIndex((l) => l.includes(before));
      if (k >= 0) lines = lines.slice(0, k);
    }
    if (opt('literal') !== undefined || opt('code') !== undefined) {
      this.out.push({ kind: 'literal', line: node.line, text: lines.join('\n') });
      return;
    }
    const nested: ParseState = { ...this.st, file: got.file };
    this.out.push(...parseBlocks(lines, 1 + (startLine || 0), nested));
  }

  // ---- titles, transitions, paragraphs, definition lists

  /** A line of punctuation: an overlined title, a transition, or (neither) ordinary text. */
  private adornmentLine(line: string): boolean {
    const start = this.i;
    const next = this.lines[start + 1];
    const after = this.lines[start + 2];
    const ch = line[0];
    if (next !== undefined && !isBlank(next) && after !== undefined && ADORNMENT.test(after) && after[0] === ch) {
      const title = next.trim();
      if (after.trimEnd() !== line.trimEnd()) {
        this.st.warn(this.pageLine(start), 'Title overline & underline mismatch.');
      }
      this.i = start + 3;
      this.out.push({ kind: 'title', line: this.pageLine(start + 1), title, style: ch + 'o' });
      return true;
    }
    if ((next === undefined || isBlank(next)) && line.trimEnd().length >= 4) {
      this.i = start + 1;
      this.out.push({ kind: 'transition', line: this.pageLine(start) });
      return true;
    }
    return false;
  }

  private text(): void {
    const start = this.i;
    const line = this.lines[start];
    const next = this.lines[start + 1];
    // Title: text underlined by punctuation at least as long as the text (or 4 characters).
    if (next !== undefined && ADORNMENT.test(next)) {
      const under = next.trimEnd();
      const title = line.trimEnd();
      if (under.length >= [...title].length || under.length >= 4) {
        if (under.length < [...title].length) this.st.warn(this.pageLine(start + 1), 'Title underline too short.');
        this.i = start + 2;
        if (this.st.titles === false) {
          this.st.warn(this.pageLine(start), 'Unexpected section title.');
          return;
        }
        this.out.push({ kind: 'title', line: this.pageLine(start), title: title.trim(), style: under[0] + 'u' });
        return;
      }
    }
    if (next !== undefined && next[0] === ' ' && next.trim()) return this.definitionList();
    let j = start + 1;
    while (j < this.lines.length && !isBlank(this.lines[j]) && this.lines[j][0] !== ' ') j++;
    this.i = j;
    // docutils' paragraph(): the joined lines, trailing whitespace dropped (cell lines keep theirs).
    let text = this.lines.slice(start, j).join('\n').trimEnd();
    if (j < this.lines.length && this.lines[j][0] === ' ' && !text.endsWith('::')) {
      this.st.warn(this.pageLine(j), 'Unexpected indentation.');
    }
    if (text.endsWith('::')) {
      this.literalNext = true;
      if (text === '::') return;
      text = /\s::$/.test(text) ? text.slice(0, -2).trimEnd() : text.slice(0, -1);
    }
    this.out.push({ kind: 'paragraph', line: this.pageLine(start), text });
  }

  private definitionList(): void {
    const node: Block = { kind: 'def_list', line: this.pageLine(), items: [] };
    for (;;) {
      const start = this.i;
      const termLine = this.lines[start];
      const next = this.lines[start + 1];
      if (termLine === undefined || termLine[0] === ' ' || next === undefined || next[0] !== ' ' || isBlank(next)) break;
      const parts = termLine.split(/ +: +/);
      const blk = indentedBlock(this.lines, start + 1);
      this.i = blk.end;
      node.items.push({
        term: parts[0],
        classifiers: parts.slice(1),
        line: this.pageLine(start),
        body: parseBlocks(blk.lines, this.pageLine(start + 1), this.nested()),
      });
      if (!this.skipBlankToListContinuation()) break;
    }
    this.out.push(node);
  }

  private problem(start: number, message: string, source: string): void {
    this.st.warn(this.pageLine(start), message);
    this.out.push({ kind: 'problem', line: this.pageLine(start), message, source });
  }
}

/** `key: value` option lines (docutils field list): values may continue on indented lines. */
export function parseOptionLines(lines: string[], firstLine: number): DirectiveOptionNode[] {
  const out: DirectiveOptionNode[] = [];
  for (let k = 0; k < lines.length; k++) {
    const m = FIELD.exec(lines[k]);
    if (m) {
      out.push({ name: m[1].toLowerCase(), value: lines[k].slice(m[0].length).trim(), line: firstLine + k });
    } else if (out.length) {
      const last = out[out.length - 1];
      last.value = (last.value ? last.value + '\n' : '') + lines[k].trim();
    }
  }
  return out;
}

function unescapeName(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}

/** A block quote ending in `-- author` (or `--- author`, `— author`) has an attribution. */
function splitAttribution(lines: string[]): { lines: string[]; attribution?: string } {
  for (let k = lines.length - 1; k > 0; k--) {
    if (isBlank(lines[k - 1]) && /^(--|---|\u2014) *(?=[^ \n])/.test(lines[k])) {
      const tail = lines.slice(k);
      if (tail.slice(1).every((l) => l[0] === ' ' || isBlank(l))) {
        return { lines: lines.slice(0, k - 1), attribution: tail.join(' ').replace(/^(--|---|\u2014) */, '').replace(/\s+/g, ' ') };
      }
    }
  }
  return { lines };
}

/** Where a simple table ends: the bottom border followed by a blank line (or the end). */
function simpleTableEnd(lines: string[], start: number): number {
  let borders = 0;
  for (let j = start; j < lines.length; j++) {
    if (/^=+[ =]*$/.test(lines[j])) {
      borders++;
      if (borders >= 2 && (j + 1 >= lines.length || isBlank(lines[j + 1]))) return j + 1;
    }
  }
  let j = start;
  while (j < lines.length && !isBlank(lines[j])) j++;
  return j;
}

// ---- enumerators

interface Enumerator {
  format: 'period' | 'rparen' | 'parens';
  sequence: NonNullable<ListNode['enumtype']> | '#';
  ordinal: number;
  /** Column where the item text starts. */
  end: number;
}

const SEQ_PATTERNS: [NonNullable<ListNode['enumtype']>, RegExp][] = [
  ['arabic', /^[0-9]+$/],
  ['loweralpha', /^[a-z]$/],
  ['upperalpha', /^[A-Z]$/],
  ['lowerroman', /^[ivxlcdm]+$/],
  ['upperroman', /^[IVXLCDM]+$/],
];

function parseEnumerator(line: string, expected?: NonNullable<ListNode['enumtype']>): Enumerator | undefined {
  const m = ENUM.exec(line);
  if (!m) return undefined;
  const text = m[1] ?? m[2];
  const format: Enumerator['format'] = m[1] !== undefined ? 'parens' : m[3] === '.' ? 'period' : 'rparen';
  const end = m[0].length;
  if (text === '#') return { format, sequence: '#', ordinal: 1, end };
  let sequence: NonNullable<ListNode['enumtype']> | undefined;
  if (expected && SEQ_PATTERNS.find(([s]) => s === expected)![1].test(text)) sequence = expected;
  else if (text === 'i') sequence = 'lowerroman';
  else if (text === 'I') sequence = 'upperroman';
  else sequence = SEQ_PATTERNS.find(([, re]) => re.test(text))?.[0];
  if (!sequence) return undefined;
  const ordinal = toOrdinal(text, sequence);
  if (ordinal === undefined) return undefined;
  return { format, sequence, ordinal, end };
}

/** docutils' make_enumerator: the enumerator text of `ordinal` in `sequence` (none past z or 4999). */
function enumeratorText(ordinal: number, sequence: Enumerator['sequence']): string | undefined {
  if (sequence === '#') return '#';
  if (sequence === 'arabic') return String(ordinal);
  if (sequence.endsWith('alpha')) {
    if (ordinal > 26) return undefined;
    const c = String.fromCharCode(96 + ordinal);
    return sequence === 'upperalpha' ? c.toUpperCase() : c;
  }
  if (ordinal > 4999) return undefined;
  const r = toRoman(ordinal);
  return sequence === 'lowerroman' ? r.toLowerCase() : r;
}

function toOrdinal(text: string, seq: NonNullable<ListNode['enumtype']>): number | undefined {
  switch (seq) {
    case 'arabic':
      return Number(text);
    case 'loweralpha':
    case 'upperalpha':
      return text.toLowerCase().charCodeAt(0) - 96;
    default:
      return fromRoman(text.toUpperCase());
  }
}

function fromRoman(s: string): number | undefined {
  const v: Record<string, number> = { I: 1, V: 5, X: 10, L: 50, C: 100, D: 500, M: 1000 };
  let total = 0;
  for (let k = 0; k < s.length; k++) {
    const a = v[s[k]];
    const b = v[s[k + 1]] ?? 0;
    total += a < b ? -a : a;
  }
  return toRoman(total) === s ? total : undefined;
}

function toRoman(n: number): string {
  const table: [number, string][] = [
    [1000, 'M'], [900, 'CM'], [500, 'D'], [400, 'CD'], [100, 'C'], [90, 'XC'],
    [50, 'L'], [40, 'XL'], [10, 'X'], [9, 'IX'], [5, 'V'], [4, 'IV'], [1, 'I'],
  ];
  let out = '';
  for (const [v, r] of table) while (n >= v) { out += r; n -= v; }
  return out;
}
