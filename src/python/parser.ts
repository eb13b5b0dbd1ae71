/**
 * Recursive-descent parser for the df-table Python subset, after CPython 3.11's grammar.
 *
 * Syntax errors carry CPython's message and position (DT101/DT102/DT103). Constructs outside the
 * subset (def, while, try, other imports, exec/eval/open, `_private` names ...) are refused here,
 * so a linter reports them without running anything (DT301/DT302/DT303).
 *
 * Error precedence follows CPython: a generic "invalid syntax" is reported at the furthest token
 * the parser looked at; a tokenizer error that CPython raises eagerly (unterminated string, bad
 * character, unmatched bracket) wins over any parser error; a bracket left open at the end wins
 * when the parser error is on a later line.
 */
import { DftablesError, type Pos } from '../errors.js';
import type { DiagnosticCode } from '../diagnostics/codes.js';
import type { LineMap } from '../directive/types.js';
import { errorInfo, tokenize } from './tokenizer.js';
import type { FStringPart, Token } from './tokens.js';
import {
  exprName,
  type BinOpName,
  type CmpOpName,
  type Comprehension,
  type Expr,
  type FStringExpr,
  type FormattedValue,
  type Keyword,
  type Module,
  type Param,
  type Span,
  type Stmt,
} from './ast.js';
import { forbiddenNameMessage } from './forbidden.js';

export function parseBlock(code: string, map?: LineMap): Module {
  return new Parser(tokenize(code, map)).parseModule();
}

/** Parses the tokens of a pandas query expression (see query.ts). */
export function parseQueryTokens(tokens: Token[]): Expr {
  return new Parser(tokens, { query: true }).parseQuery();
}

const KEYWORDS = new Set([
  'False', 'None', 'True', 'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif',
  'else', 'except', 'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or',
  'pass', 'raise', 'return', 'try', 'while', 'with', 'yield',
]);

const AUG_OPS = new Map<string, BinOpName>([
  ['+=', '+'], ['-=', '-'], ['*=', '*'], ['/=', '/'], ['//=', '//'], ['%=', '%'], ['**=', '**'],
  ['&=', '&'], ['|=', '|'], ['^=', '^'], ['<<=', '<<'], ['>>=', '>>'], ['@=', '@'],
]);

const REFUSED_STATEMENTS = new Map<string, string>([
  ['def', "'def' is not supported in df-table code; use a lambda (name = lambda x: ...)"],
  ['class', "'class' is not supported in df-table code"],
  ['while', "'while' loops are not supported in df-table code; use a for loop over range(...) or a comprehension"],
  ['with', "'with' is not supported in df-table code; read data files with pd.read_csv(path)"],
  ['try', "'try' is not supported in df-table code; errors are reported with their position in the page"],
  ['raise', "'raise' is not supported in df-table code"],
  ['global', "'global' is not supported in df-table code; every name in a block is already global"],
  ['nonlocal', "'nonlocal' is not supported in df-table code"],
  ['async', "'async' is not supported in df-table code"],
  ['await', "'await' is not supported in df-table code"],
  ['yield', "'yield' is not supported in df-table code; use a list comprehension"],
  ['return', "'return' is not supported in df-table code; assign the table to df (or the :df-var: name)"],
  ['except', "'except' is not supported in df-table code"],
  ['finally', "'finally' is not supported in df-table code"],
]);

/** Compound statements refused where they start; the simple ones are refused in smallStatement. */
const COMPOUND_REFUSED = new Set(['def', 'class', 'while', 'with', 'try', 'async']);

const WALRUS_MESSAGE = "assignment expressions (:=) are not supported in df-table code; assign on a line of its own";

interface ParserOptions {
  query?: boolean;
  /** Parsing a replacement field of an f-string: syntax errors say "f-string: ...". */
  fstring?: boolean;
}

function pos(t: Token): Pos {
  return { line: t.line, col: t.col };
}

function span(start: Span | Token, end: Span | Token): Span {
  return { line: start.line, col: start.col, endLine: end.endLine, endCol: end.endCol };
}

class Parser {
  private idx = 0;
  /** Furthest token index looked at: CPython reports a generic syntax error there. */
  private furthest = 0;
  /** Furthest token ever fetched, speculative parses included (CPython's `p->fill - 1`). */
  private fetched = 0;
  private loopDepth = 0;
  /** Brackets the parser is inside (for "Perhaps you forgot a comma?"). */
  private level: number;
  private nesting = 0;
  private readonly query: boolean;
  private readonly fstring: boolean;

  constructor(
    private readonly tokens: Token[],
    opts: ParserOptions = {},
  ) {
    this.query = !!opts.query;
    this.fstring = !!opts.fstring;
    this.level = this.fstring ? 1 : 0;
  }

  // ---- token access ---------------------------------------------------------------------

  private peek(k = 0): Token {
    const i = Math.min(this.idx + k, this.tokens.length - 1);
    if (i > this.furthest) this.furthest = i;
    if (i > this.fetched) this.fetched = i;
    const t = this.tokens[i];
    if (t.type === 'ERROR') throw t.error!;
    return t;
  }

  private next(): Token {
    const t = this.peek();
    if (this.idx < this.tokens.length - 1) this.idx++;
    return t;
  }

  private isOp(v: string, k = 0): boolean {
    const t = this.peek(k);
    return t.type === 'OP' && t.value === v;
  }

  private isKw(v: string, k = 0): boolean {
    const t = this.peek(k);
    return t.type === 'NAME' && t.value === v;
  }

  private acceptOp(v: string): Token | undefined {
    return this.isOp(v) ? this.next() : undefined;
  }

  private acceptKw(v: string): Token | undefined {
    return this.isKw(v) ? this.next() : undefined;
  }

  private expectOp(v: string): Token {
    if (this.isOp(v)) return this.next();
    throw this.invalid();
  }

  // ---- errors ---------------------------------------------------------------------------

  /** A syntax error as CPython would finally report it (tokenizer errors may take precedence). */
  private error(code: DiagnosticCode, message: string, at: Pos, end?: Pos): DftablesError {
    if (this.fstring && code === 'DT101' && !message.startsWith('f-string')) message = 'f-string: ' + message;
    const err = new DftablesError(code, message, { pos: at, end });
    const last = this.tokens[this.tokens.length - 1];
    if (last.type === 'ERROR') {
      const info = errorInfo(last);
      if (info?.kind === 'raise') return last.error!;
      const reached = this.tokens[Math.min(this.fetched, this.tokens.length - 1)];
      if (info?.kind === 'unclosed' && info.openLine !== undefined && reached.line > info.openLine) return last.error!;
    }
    return err;
  }

  /** Generic "invalid syntax" at the furthest token examined. */
  private invalid(): DftablesError {
    const t = this.tokens[Math.min(this.furthest, this.tokens.length - 1)];
    if (t.type === 'ERROR') return t.error!;
    if (t.type === 'INDENT') return this.error('DT102', 'unexpected indent', { line: t.line, col: Math.max(t.col, t.endCol - 1) });
    return this.error('DT101', 'invalid syntax', pos(t), { line: t.endLine, col: t.endCol });
  }

  private refuse(code: DiagnosticCode, message: string, at: Pos): DftablesError {
    return this.error(code, message, at);
  }

  private checkName(t: Token): void {
    const msg = forbiddenNameMessage(t.value);
    if (msg) throw this.refuse('DT302', msg, pos(t));
  }

  private enter(t: Token | Span): void {
    if (++this.nesting > 400) throw this.error('DT305', 'maximum recursion depth exceeded during compilation (expression too deeply nested)', { line: t.line, col: t.col });
  }

  // ---- statements -----------------------------------------------------------------------

  parseModule(): Module {
    const body: Stmt[] = [];
    for (;;) {
      const t = this.peek();
      if (t.type === 'ENDMARKER') break;
      if (t.type === 'NEWLINE') {
        this.next();
        continue;
      }
      if (t.type === 'INDENT' || t.type === 'DEDENT') throw this.invalid();
      for (const st of this.statement()) body.push(st);
    }
    return { kind: 'Module', body };
  }

  parseQuery(): Expr {
    if (this.peek().type === 'ENDMARKER') throw this.invalid();
    const e = this.expression();
    if (this.peek().type !== 'ENDMARKER') throw this.invalid();
    return e;
  }

  private statement(): Stmt[] {
    const t = this.peek();
    if (t.type === 'NAME') {
      if (t.value === 'if') return [this.ifStatement()];
      if (t.value === 'for') return [this.forStatement()];
      if (COMPOUND_REFUSED.has(t.value)) throw this.refuse('DT301', REFUSED_STATEMENTS.get(t.value)!, pos(t));
      if (t.value === 'except' || t.value === 'finally') throw this.invalid();
    }
    return this.simpleStatements();
  }

  private simpleStatements(): Stmt[] {
    const out: Stmt[] = [this.smallStatement()];
    while (this.acceptOp(';')) {
      if (this.peek().type === 'NEWLINE') break;
      out.push(this.smallStatement());
    }
    if (this.peek().type !== 'NEWLINE') {
      this.legacyPrint(out[out.length - 1]);
      throw this.invalid();
    }
    this.next();
    return out;
  }

  /** `print "x"`: CPython's "Missing parentheses" message. */
  private legacyPrint(s: Stmt): void {
    if (s.kind !== 'Expr' || s.value.kind !== 'Name' || (s.value.id !== 'print' && s.value.id !== 'exec')) return;
    if (!this.startsExpression(this.peek())) return;
    const save = this.idx;
    let end: Span = s.value;
    try {
      end = this.starExpressions();
    } catch {
      /* keep the name's span */
    }
    this.idx = save;
    const name = s.value.id;
    throw this.error('DT101', `Missing parentheses in call to '${name}'. Did you mean ${name}(...)?`, { line: s.line, col: s.col }, { line: end.endLine, col: end.endCol });
  }

  private smallStatement(): Stmt {
    const t = this.peek();
    if (t.type === 'NAME') {
      switch (t.value) {
        case 'pass':
        case 'break':
        case 'continue': {
          this.next();
          if (t.value === 'break' && this.loopDepth === 0) throw this.error('DT101', "'break' outside loop", pos(t), { line: t.endLine, col: t.endCol });
          if (t.value === 'continue' && this.loopDepth === 0) throw this.error('DT101', "'continue' not properly in loop", pos(t), { line: t.endLine, col: t.endCol });
          return { kind: t.value === 'pass' ? 'Pass' : t.value === 'break' ? 'Break' : 'Continue', ...span(t, t) };
        }
        case 'import':
          return this.importStatement();
        case 'from': {
          this.next();
          const m = this.peek();
          throw this.refuse('DT303', `'from ... import' is not allowed in df-table code; pandas (pd) and numpy (np) are pre-imported`, pos(m.type === 'NAME' ? m : t));
        }
        case 'del':
          return this.delStatement();
        case 'assert': {
          this.next();
          const test = this.expression();
          const msg = this.acceptOp(',') ? this.expression() : null;
          return { kind: 'Assert', test, msg, ...span(t, msg ?? test) };
        }
        case 'return':
        case 'raise':
        case 'global':
        case 'nonlocal':
        case 'yield':
        case 'await':
          throw this.refuse('DT301', REFUSED_STATEMENTS.get(t.value)!, pos(t));
      }
    }
    return this.expressionStatement();
  }

  private importStatement(): Stmt {
    const kw = this.next();
    const names: { module: string; asName: string }[] = [];
    let last: Token = kw;
    do {
      const first = this.peek();
      if (first.type !== 'NAME' || KEYWORDS.has(first.value)) throw this.invalid();
      let module = this.next().value;
      last = first;
      while (this.acceptOp('.')) {
        const part = this.peek();
        if (part.type !== 'NAME') throw this.invalid();
        module += '.' + this.next().value;
        last = part;
      }
      let asName = module;
      if (this.acceptKw('as')) {
        const a = this.peek();
        if (a.type !== 'NAME' || KEYWORDS.has(a.value)) throw this.invalid();
        asName = this.next().value;
        last = a;
      }
      const expected = module === 'pandas' ? ['pd', 'pandas'] : module === 'numpy' ? ['np', 'numpy'] : [];
      if (!expected.length) {
        throw this.refuse('DT303', `import of '${module}' is not allowed in df-table code; only pandas (pd) and numpy (np) are available, and both are pre-imported`, pos(first));
      }
      if (!expected.includes(asName)) {
        throw this.refuse('DT303', `'import ${module} as ${asName}' is not allowed; write 'import ${module} as ${expected[0]}'`, pos(first));
      }
      names.push({ module, asName });
    } while (this.acceptOp(','));
    return { kind: 'Import', names, ...span(kw, last) };
  }

  private delStatement(): Stmt {
    const kw = this.next();
    const targets: Expr[] = [];
    do {
      if (this.peek().type === 'NEWLINE' || this.isOp(';')) break;
      const e = this.bitwiseOr();
      const bad = this.invalidTarget(e);
      if (bad) throw this.error('DT101', `cannot delete ${exprName(bad)}`, { line: bad.line, col: bad.col }, { line: bad.endLine, col: bad.endCol });
      targets.push(e);
    } while (this.acceptOp(','));
    if (!targets.length) throw this.invalid();
    return { kind: 'Delete', targets, ...span(kw, targets[targets.length - 1]) };
  }

  private expressionStatement(): Stmt {
    const startIdx = this.idx;
    const first = this.starExpressions();
    if (this.isOp('=')) {
      const parts: Expr[] = [first];
      while (this.acceptOp('=')) {
        if (this.isKw('yield')) throw this.refuse('DT301', REFUSED_STATEMENTS.get('yield')!, pos(this.peek()));
        parts.push(this.starExpressions());
      }
      const value = parts.pop()!;
      for (const target of parts) {
        const bad = this.invalidTarget(target);
        if (bad) {
          this.assignmentHint(startIdx);
          throw this.error('DT101', `cannot assign to ${exprName(bad)}`, { line: bad.line, col: bad.col }, { line: bad.endLine, col: bad.endCol });
        }
      }
      if (value.kind === 'Starred') throw this.error('DT101', "can't use starred expression here", { line: value.line, col: value.col }, { line: value.endLine, col: value.endCol });
      return { kind: 'Assign', targets: parts, value, ...span(first, value) };
    }
    const t = this.peek();
    const aug = t.type === 'OP' ? AUG_OPS.get(t.value) : undefined;
    if (aug) {
      if (first.kind !== 'Name' && first.kind !== 'Attribute' && first.kind !== 'Subscript') {
        throw this.error('DT101', `'${exprName(first)}' is an illegal expression for augmented assignment`, { line: first.line, col: first.col }, { line: first.endLine, col: first.endCol });
      }
      this.next();
      if (this.isKw('yield')) throw this.refuse('DT301', REFUSED_STATEMENTS.get('yield')!, pos(this.peek()));
      const value = this.starExpressions();
      return { kind: 'AugAssign', target: first, op: aug, value, opPos: pos(t), ...span(first, value) };
    }
    if (this.isOp(':') && (first.kind === 'Tuple' || first.kind === 'List')) {
      throw this.error('DT101', `only single target (not ${first.kind === 'Tuple' ? 'tuple' : 'list'}) can be annotated`, { line: first.line, col: first.col }, { line: first.endLine, col: first.endCol });
    }
    if (this.isOp(':') && (first.kind === 'Name' || first.kind === 'Attribute' || first.kind === 'Subscript')) {
      // An annotated assignment `x: int = 1`: the annotation is ignored, as at run time in Python.
      this.next();
      this.expression();
      if (this.acceptOp('=')) {
        const value = this.starExpressions();
        return { kind: 'Assign', targets: [first], value, ...span(first, value) };
      }
      return { kind: 'Pass', ...span(first, first) };
    }
    if (first.kind === 'Starred') throw this.error('DT101', "can't use starred expression here", { line: first.line, col: first.col }, { line: first.endLine, col: first.endCol });
    return { kind: 'Expr', value: first, ...span(first, first) };
  }

  /**
   * CPython's invalid_named_expression, tried on a statement that failed as an assignment:
   * `x = 1 if y else 2 = 3` and `f() = 1` get "Maybe you meant '=='" messages.
   */
  private assignmentHint(startIdx: number): void {
    const save = this.idx;
    const saveFurthest = this.furthest;
    let hint: DftablesError | undefined;
    try {
      this.idx = startIdx;
      const t0 = this.peek();
      if (t0.type === 'NAME' && !KEYWORDS.has(t0.value) && this.isOp('=', 1) && !this.isOp('==', 1)) {
        this.next();
        this.next();
        const b = this.bitwiseOr();
        if (!this.isOp('=') && !this.isOp(':=')) {
          hint = this.error('DT101', "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", pos(t0), { line: b.endLine, col: b.endCol });
        }
      } else {
        const lookahead = this.peek();
        const a = this.bitwiseOr();
        const syntacticSequence =
          (lookahead.type === 'OP' && (lookahead.value === '[' || lookahead.value === '(') && (a.kind === 'List' || (a.kind === 'Tuple' && a.parens) || a.kind === 'GeneratorExp')) ||
          (a.kind === 'Constant' && (a.value === null || typeof a.value === 'boolean'));
        if (!syntacticSequence && this.acceptOp('=')) {
          this.bitwiseOr();
          if (!this.isOp('=') && !this.isOp(':=')) {
            hint = this.error('DT101', `cannot assign to ${exprName(a)} here. Maybe you meant '==' instead of '='?`, { line: a.line, col: a.col }, { line: a.endLine, col: a.endCol });
          }
        }
      }
    } catch (e) {
      if (e instanceof DftablesError && this.tokens[this.tokens.length - 1].error === e) throw e;
    }
    this.idx = save;
    this.furthest = saveFurthest;
    if (hint) throw hint;
  }

  /** The first sub-expression that cannot be assigned to, or null. */
  private invalidTarget(e: Expr): Expr | null {
    switch (e.kind) {
      case 'Name':
      case 'Attribute':
      case 'Subscript':
        return null;
      case 'Tuple':
      case 'List':
        for (const x of e.elts) {
          const bad = this.invalidTarget(x);
          if (bad) return bad;
        }
        return null;
      case 'Starred':
        return this.invalidTarget(e.value);
      default:
        return e;
    }
  }

  private checkTarget(e: Expr): void {
    const bad = this.invalidTarget(e);
    if (bad) throw this.error('DT101', `cannot assign to ${exprName(bad)}`, { line: bad.line, col: bad.col }, { line: bad.endLine, col: bad.endCol });
  }

  private block(kw: Token): Stmt[] {
    if (this.peek().type !== 'NEWLINE') return this.simpleStatements();
    const nl = this.next();
    const t = this.peek();
    if (t.type !== 'INDENT') {
      const at = t.type === 'ENDMARKER' || (t.type === 'DEDENT' && this.tokens.slice(this.idx).every((x) => x.type === 'DEDENT' || x.type === 'ENDMARKER')) ? nl : t;
      throw this.error('DT102', `expected an indented block after '${kw.value}' statement on line ${kw.line}`, pos(at));
    }
    this.next();
    const body: Stmt[] = [];
    while (this.peek().type !== 'DEDENT' && this.peek().type !== 'ENDMARKER') {
      if (this.peek().type === 'INDENT') throw this.invalid();
      for (const st of this.statement()) body.push(st);
    }
    if (this.peek().type === 'DEDENT') this.next();
    return body;
  }

  /** `if`/`elif` headers: "expected ':'" only when the line ends there, as in CPython. */
  private condition(): Expr {
    const test = this.namedExpression();
    if (!this.isOp(':')) {
      if (this.peek().type === 'NEWLINE') throw this.error('DT101', "expected ':'", pos(this.peek()));
      throw this.invalid();
    }
    this.next();
    return test;
  }

  private ifStatement(): Stmt {
    const kw = this.next();
    const test = this.condition();
    const body = this.block(kw);
    let orelse: Stmt[] = [];
    const t = this.peek();
    if (t.type === 'NAME' && t.value === 'elif') {
      orelse = [this.ifStatement()];
    } else if (t.type === 'NAME' && t.value === 'else') {
      const e = this.next();
      if (!this.acceptOp(':')) throw this.error('DT101', "expected ':'", pos(this.peek()));
      orelse = this.block(e);
    }
    const last = orelse.length ? orelse[orelse.length - 1] : body[body.length - 1];
    return { kind: 'If', test, body, orelse, ...span(kw, last ?? kw) };
  }

  private forStatement(): Stmt {
    const kw = this.next();
    const target = this.targetList();
    if (!this.acceptKw('in')) throw this.invalid();
    const iter = this.starExpressions();
    if (!this.acceptOp(':')) throw this.error('DT101', "expected ':'", pos(this.peek()));
    this.loopDepth++;
    const body = this.block(kw);
    this.loopDepth--;
    let orelse: Stmt[] = [];
    if (this.isKw('else')) {
      const e = this.next();
      if (!this.acceptOp(':')) throw this.error('DT101', "expected ':'", pos(this.peek()));
      orelse = this.block(e);
    }
    const last = orelse.length ? orelse[orelse.length - 1] : body[body.length - 1];
    return { kind: 'For', target, iter, body, orelse, ...span(kw, last ?? kw) };
  }

  /** Targets of `for` and comprehensions: `x`, `i, (a, b)`. */
  private targetList(): Expr {
    const first = this.targetItem();
    if (!this.isOp(',')) {
      this.checkTarget(first);
      return first;
    }
    const elts = [first];
    let end: Span = first;
    while (this.isOp(',')) {
      const comma = this.next();
      end = comma;
      if (this.isKw('in')) break;
      const e = this.targetItem();
      elts.push(e);
      end = e;
    }
    const t: Expr = { kind: 'Tuple', elts, ...span(first, end) };
    this.checkTarget(t);
    return t;
  }

  private targetItem(): Expr {
    if (this.isOp('*')) {
      const star = this.next();
      const v = this.bitwiseOr();
      return { kind: 'Starred', value: v, ...span(star, v) };
    }
    return this.bitwiseOr();
  }

  // ---- expressions ----------------------------------------------------------------------

  private startsExpression(t: Token): boolean {
    if (t.type === 'NUMBER' || t.type === 'STRING' || t.type === 'BACKTICK') return true;
    if (t.type === 'NAME') return !KEYWORDS.has(t.value) || ['True', 'False', 'None', 'not', 'lambda', 'await'].includes(t.value);
    if (t.type === 'OP') return ['(', '[', '{', '-', '+', '~', '...'].includes(t.value) || (this.query && t.value === '@');
    return false;
  }

  /** star_expressions: `a, *b, c` makes a tuple without parentheses. */
  private starExpressions(): Expr {
    const first = this.starExpression();
    if (!this.isOp(',')) return first;
    const elts = [first];
    let end: Span | Token = first;
    while (this.isOp(',')) {
      end = this.next();
      if (!this.startsExpression(this.peek()) && !this.isOp('*')) break;
      const e = this.starExpression();
      elts.push(e);
      end = e;
    }
    return { kind: 'Tuple', elts, ...span(first, end) };
  }

  private starExpression(): Expr {
    if (this.isOp('*')) {
      const star = this.next();
      const v = this.bitwiseOr();
      return { kind: 'Starred', value: v, ...span(star, v) };
    }
    return this.expression();
  }

  /** named_expression: refuses `:=`, and knows CPython's "Maybe you meant '=='" for `if x = 1:`. */
  private namedExpression(): Expr {
    const t = this.peek();
    if (t.type === 'NAME' && this.isOp(':=', 1)) throw this.refuse('DT301', WALRUS_MESSAGE, pos(this.peek(1)));
    const e = this.expression();
    if (this.isOp(':=')) throw this.refuse('DT301', WALRUS_MESSAGE, pos(this.peek()));
    if (this.isOp('=') && !this.query) this.equalsHint(e);
    return e;
  }

  private equalsHint(a: Expr): void {
    const save = this.idx;
    let hint: DftablesError | undefined;
    try {
      this.next();
      const b = this.bitwiseOr();
      if (!this.isOp('=') && !this.isOp(':=')) {
        if (a.kind === 'Name') hint = this.error('DT101', "invalid syntax. Maybe you meant '==' or ':=' instead of '='?", { line: a.line, col: a.col }, { line: b.endLine, col: b.endCol });
        else if (!['Compare', 'BoolOp', 'IfExp', 'Lambda', 'List', 'Tuple', 'GeneratorExp'].includes(a.kind) && !(a.kind === 'UnaryOp' && a.op === 'not') && !(a.kind === 'Constant' && (a.value === null || typeof a.value === 'boolean'))) {
          hint = this.error('DT101', `cannot assign to ${exprName(a)} here. Maybe you meant '==' instead of '='?`, { line: a.line, col: a.col }, { line: a.endLine, col: a.endCol });
        }
      }
    } catch (e) {
      if (e instanceof DftablesError && this.tokens[this.tokens.length - 1].error === e) throw e;
    }
    this.idx = save;
    if (hint) throw hint;
  }

  /** expression: lambda or conditional expression. */
  private expression(): Expr {
    const t = this.peek();
    this.enter(t);
    try {
      if (t.type === 'NAME' && t.value === 'lambda') return this.lambda();
      const a = this.disjunction();
      if (!this.isKw('if')) return this.commaHint(a);
      this.next();
      const b = this.disjunction();
      if (!this.acceptKw('else')) {
        if (!this.isOp(':')) throw this.error('DT101', "expected 'else' after 'if' expression", { line: a.line, col: a.col }, { line: b.endLine, col: b.endCol });
        throw this.invalid();
      }
      const c = this.expression();
      return { kind: 'IfExp', test: b, body: a, orelse: c, ...span(a, c) };
    } finally {
      this.nesting--;
    }
  }

  /** Inside brackets, `a b` is CPython's "invalid syntax. Perhaps you forgot a comma?". */
  private commaHint(a: Expr): Expr {
    if (this.level === 0) return a;
    const t = this.peek();
    if (!this.startsExpression(t)) return a;
    const first = this.tokens[this.indexOfStart(a)];
    if (first && first.type === 'NAME' && this.tokens[this.indexOfStart(a) + 1]?.type === 'STRING') return a;
    if (a.kind === 'Name' && (a.id === 'print' || a.id === 'exec')) return a;
    const save = this.idx;
    const saveFurthest = this.furthest;
    let b: Expr | undefined;
    try {
      const savedLevel = this.level;
      b = this.expressionWithoutHint();
      this.level = savedLevel;
    } catch (e) {
      if (e instanceof DftablesError && this.tokens[this.tokens.length - 1].error === e) throw e;
      b = undefined;
    }
    this.idx = save;
    this.furthest = saveFurthest;
    if (!b) return a;
    throw this.error('DT101', 'invalid syntax. Perhaps you forgot a comma?', { line: a.line, col: a.col }, { line: b.endLine, col: b.endCol });
  }

  private expressionWithoutHint(): Expr {
    const savedLevel = this.level;
    this.level = 0;
    try {
      return this.expression();
    } finally {
      this.level = savedLevel;
    }
  }

  private indexOfStart(e: Span): number {
    for (let i = 0; i < this.tokens.length; i++) {
      const t = this.tokens[i];
      if (t.line === e.line && t.col === e.col) return i;
    }
    return -1;
  }

  private lambda(): Expr {
    const kw = this.next();
    const params: Param[] = [];
    const seen = new Set<string>();
    let sawDefault = false;
    let sawStar = false;
    while (!this.isOp(':')) {
      let star: '*' | '**' | undefined;
      if (this.isOp('*') || this.isOp('**')) {
        star = this.next().value as '*' | '**';
      }
      if (!star && this.isOp('/')) {
        // positional-only marker: every parameter is positional-or-keyword here anyway
        this.next();
        if (!this.acceptOp(',')) break;
        continue;
      }
      const n = this.peek();
      if (n.type !== 'NAME' || KEYWORDS.has(n.value)) {
        if (star === '*' && this.isOp(',')) {
          // bare '*': keyword-only parameters follow
          sawStar = true;
          this.next();
          continue;
        }
        if (star === '*' && this.isOp(':')) throw this.error('DT101', 'named arguments must follow bare *', pos(n), { line: n.endLine, col: n.endCol });
        throw this.invalid();
      }
      this.next();
      this.checkName(n);
      if (seen.has(n.value)) throw this.error('DT101', `duplicate argument '${n.value}' in function definition`, pos(n), { line: n.endLine, col: n.endCol });
      seen.add(n.value);
      let def: Expr | null = null;
      if (!star && this.acceptOp('=')) {
        def = this.expression();
        sawDefault = true;
      } else if (!star && sawDefault && !sawStar) {
        throw this.error('DT101', 'non-default argument follows default argument', pos(n), { line: n.endLine, col: n.endCol });
      }
      params.push({ name: n.value, pos: pos(n), default: def, star, kwOnly: sawStar && !star });
      if (star === '*') sawStar = true;
      if (!this.acceptOp(',')) break;
    }
    this.expectOp(':');
    const body = this.expression();
    return { kind: 'Lambda', params, body, ...span(kw, body) };
  }

  private disjunction(): Expr {
    let a = this.conjunction();
    if (!this.isOrOp()) return a;
    const values = [a];
    while (this.isOrOp()) {
      this.next();
      values.push(this.conjunction());
    }
    a = { kind: 'BoolOp', op: 'or', values, ...span(values[0], values[values.length - 1]) };
    return a;
  }

  /** In pandas queries `|` and `&` have the precedence of `or` and `and`. */
  private isOrOp(): boolean {
    return this.isKw('or') || (this.query && this.isOp('|'));
  }

  private isAndOp(): boolean {
    return this.isKw('and') || (this.query && this.isOp('&'));
  }

  private conjunction(): Expr {
    const a = this.inversion();
    if (!this.isAndOp()) return a;
    const values = [a];
    while (this.isAndOp()) {
      this.next();
      values.push(this.inversion());
    }
    return { kind: 'BoolOp', op: 'and', values, ...span(values[0], values[values.length - 1]) };
  }

  private inversion(): Expr {
    if (this.isKw('not')) {
      const t = this.next();
      this.enter(t);
      try {
        const operand = this.inversion();
        return { kind: 'UnaryOp', op: 'not', operand, ...span(t, operand) };
      } finally {
        this.nesting--;
      }
    }
    return this.comparison();
  }

  private compareOp(): { op: CmpOpName; tok: Token } | undefined {
    const t = this.peek();
    if (t.type === 'OP' && ['==', '!=', '<', '<=', '>', '>='].includes(t.value)) {
      this.next();
      return { op: t.value as CmpOpName, tok: t };
    }
    if (t.type === 'NAME') {
      if (t.value === 'in') {
        this.next();
        return { op: 'in', tok: t };
      }
      if (t.value === 'not') {
        if (!this.isKw('in', 1)) {
          this.peek(1);
          throw this.invalid();
        }
        this.next();
        this.next();
        return { op: 'not in', tok: t };
      }
      if (t.value === 'is') {
        this.next();
        if (this.acceptKw('not')) return { op: 'is not', tok: t };
        return { op: 'is', tok: t };
      }
    }
    return undefined;
  }

  private comparison(): Expr {
    const left = this.bitwiseOr();
    const ops: CmpOpName[] = [];
    const comparators: Expr[] = [];
    const opPos: Pos[] = [];
    for (;;) {
      const op = this.compareOp();
      if (!op) break;
      ops.push(op.op);
      opPos.push(pos(op.tok));
      comparators.push(this.bitwiseOr());
    }
    if (!ops.length) return left;
    return { kind: 'Compare', left, ops, comparators, opPos, ...span(left, comparators[comparators.length - 1]) };
  }

  private binary(next: () => Expr, ops: string[]): Expr {
    let left = next();
    for (;;) {
      const t = this.peek();
      if (t.type !== 'OP' || !ops.includes(t.value)) return left;
      this.next();
      const right = next();
      left = { kind: 'BinOp', op: t.value as BinOpName, left, right, opPos: pos(t), ...span(left, right) };
    }
  }

  private bitwiseOr(): Expr {
    if (this.query) return this.bitwiseXor();
    return this.binary(() => this.bitwiseXor(), ['|']);
  }

  private bitwiseXor(): Expr {
    return this.binary(() => this.bitwiseAnd(), ['^']);
  }

  private bitwiseAnd(): Expr {
    if (this.query) return this.shift();
    return this.binary(() => this.shift(), ['&']);
  }

  private shift(): Expr {
    return this.binary(() => this.sum(), ['<<', '>>']);
  }

  private sum(): Expr {
    return this.binary(() => this.term(), ['+', '-']);
  }

  private term(): Expr {
    return this.binary(() => this.factor(), this.query ? ['*', '/', '//', '%'] : ['*', '/', '//', '%', '@']);
  }

  private factor(): Expr {
    const t = this.peek();
    if (t.type === 'OP' && (t.value === '-' || t.value === '+' || t.value === '~')) {
      this.next();
      this.enter(t);
      try {
        const operand = this.factor();
        return { kind: 'UnaryOp', op: t.value as '-' | '+' | '~', operand, ...span(t, operand) };
      } finally {
        this.nesting--;
      }
    }
    return this.power();
  }

  private power(): Expr {
    if (this.isKw('await')) throw this.refuse('DT301', REFUSED_STATEMENTS.get('await')!, pos(this.peek()));
    const left = this.primary();
    const t = this.peek();
    if (t.type === 'OP' && t.value === '**') {
      this.next();
      const right = this.factor();
      return { kind: 'BinOp', op: '**', left, right, opPos: pos(t), ...span(left, right) };
    }
    return left;
  }

  private primary(): Expr {
    let e = this.atom();
    for (;;) {
      const t = this.peek();
      if (t.type !== 'OP') return e;
      if (t.value === '.') {
        this.next();
        const n = this.peek();
        if (n.type !== 'NAME' || KEYWORDS.has(n.value)) throw this.invalid();
        this.next();
        if (n.value.startsWith('_')) {
          throw this.refuse('DT302', `attribute '${n.value}' is not available in df-table code (names starting with '_' are private)`, pos(n));
        }
        e = { kind: 'Attribute', value: e, attr: n.value, attrPos: pos(n), ...span(e, n) };
      } else if (t.value === '(') {
        e = this.call(e);
      } else if (t.value === '[') {
        this.next();
        this.level++;
        const slice = this.slices();
        this.level--;
        const close = this.expectOp(']');
        e = { kind: 'Subscript', value: e, slice, ...span(e, close) };
      } else {
        return e;
      }
    }
  }

  private slices(): Expr {
    const first = this.sliceItem();
    if (!this.isOp(',')) return first;
    const elts = [first];
    let end: Span | Token = first;
    while (this.isOp(',')) {
      end = this.next();
      if (this.isOp(']')) break;
      const e = this.sliceItem();
      elts.push(e);
      end = e;
    }
    return { kind: 'Tuple', elts, ...span(first, end) };
  }

  private sliceItem(): Expr {
    const start = this.peek();
    if (this.isOp('*')) return this.starExpression();
    let lower: Expr | null = null;
    if (!this.isOp(':')) {
      lower = this.namedExpression();
      if (!this.isOp(':')) return lower;
    }
    let end: Span | Token = this.next();
    let upper: Expr | null = null;
    let step: Expr | null = null;
    if (!this.isOp(':') && !this.isOp(']') && !this.isOp(',')) {
      upper = this.expression();
      end = upper;
    }
    if (this.isOp(':')) {
      end = this.next();
      if (!this.isOp(']') && !this.isOp(',')) {
        step = this.expression();
        end = step;
      }
    }
    return { kind: 'Slice', lower, upper, step, ...span(lower ?? start, end) };
  }

  private call(func: Expr): Expr {
    this.next();
    this.level++;
    const args: Expr[] = [];
    const keywords: Keyword[] = [];
    let sawKeyword = false;
    let sawDoubleStar = false;
    const names = new Set<string>();
    let genexp: Expr | undefined;
    let count = 0;
    /** CPython parses all the arguments, then reports this at the token after them. */
    let misplaced: string | undefined;
    while (!this.isOp(')')) {
      count++;
      const t = this.peek();
      if (this.isOp('*')) {
        this.next();
        const v = this.expression();
        if (sawDoubleStar) throw this.error('DT101', 'iterable argument unpacking follows keyword argument unpacking', pos(t), { line: v.endLine, col: v.endCol });
        args.push({ kind: 'Starred', value: v, ...span(t, v) });
      } else if (this.isOp('**')) {
        this.next();
        const v = this.expression();
        keywords.push({ name: null, value: v, pos: pos(t) });
        sawDoubleStar = true;
      } else if (t.type === 'NAME' && !KEYWORDS.has(t.value) && this.isOp('=', 1)) {
        this.next();
        this.next();
        const v = this.expression();
        if (names.has(t.value)) throw this.error('DT101', `keyword argument repeated: ${t.value}`, pos(t), { line: v.endLine, col: v.endCol });
        names.add(t.value);
        keywords.push({ name: t.value, value: v, pos: pos(t) });
        sawKeyword = true;
      } else {
        if (t.type === 'NAME' && ['True', 'False', 'None'].includes(t.value) && this.isOp('=', 1)) {
          throw this.error('DT101', `cannot assign to ${t.value}`, pos(t), { line: t.endLine, col: t.endCol });
        }
        let e = this.namedExpressionInCall();
        if (this.isKw('for')) {
          e = this.comprehension('GeneratorExp', e, e);
          genexp = e;
        }
        if (this.isOp('=')) {
          const eq = this.peek();
          throw this.error('DT101', 'expression cannot contain assignment, perhaps you meant "=="?', { line: e.line, col: e.col }, { line: eq.endLine, col: eq.endCol });
        }
        if (sawDoubleStar) misplaced ??= 'positional argument follows keyword argument unpacking';
        else if (sawKeyword) misplaced ??= 'positional argument follows keyword argument';
        args.push(e);
      }
      if (!this.acceptOp(',')) break;
      if (genexp) break;
    }
    if (genexp && (count > 1 || !this.isOp(')') || this.tokens[this.idx - 1]?.value === ',')) {
      throw this.error('DT101', 'Generator expression must be parenthesized', { line: genexp.line, col: genexp.col }, { line: genexp.endLine, col: genexp.endCol });
    }
    if (misplaced) {
      const t = this.peek();
      throw this.error('DT101', misplaced, pos(t), { line: t.endLine, col: t.endCol });
    }
    this.level--;
    const close = this.expectOp(')');
    return { kind: 'Call', func, args, keywords, ...span(func, close) };
  }

  private namedExpressionInCall(): Expr {
    const t = this.peek();
    if (t.type === 'NAME' && this.isOp(':=', 1)) throw this.refuse('DT301', WALRUS_MESSAGE, pos(this.peek(1)));
    const e = this.expression();
    if (this.isOp(':=')) throw this.refuse('DT301', WALRUS_MESSAGE, pos(this.peek()));
    return e;
  }

  // ---- atoms ----------------------------------------------------------------------------

  private atom(): Expr {
    const t = this.peek();
    switch (t.type) {
      case 'NAME':
        return this.nameAtom(t);
      case 'NUMBER':
        this.next();
        return this.number(t);
      case 'STRING':
        return this.strings();
      case 'BACKTICK':
        this.next();
        return { kind: 'Name', id: t.value, backtick: true, ...span(t, t) };
      case 'OP':
        switch (t.value) {
          case '(':
            return this.parenthesized();
          case '[':
            return this.listDisplay();
          case '{':
            return this.braceDisplay();
          case '...':
            this.next();
            return { kind: 'Constant', value: null, ellipsis: true, ...span(t, t) };
          case '@':
            if (this.query) {
              this.next();
              const n = this.peek();
              if (n.type !== 'NAME' || KEYWORDS.has(n.value)) throw this.invalid();
              this.next();
              this.checkName(n);
              return { kind: 'Name', id: n.value, local: true, ...span(t, n) };
            }
        }
    }
    throw this.invalid();
  }

  private nameAtom(t: Token): Expr {
    switch (t.value) {
      case 'True':
      case 'False':
      case 'None':
        this.next();
        return { kind: 'Constant', value: t.value === 'None' ? null : t.value === 'True', ...span(t, t) };
      case 'yield':
      case 'await':
        throw this.refuse('DT301', REFUSED_STATEMENTS.get(t.value)!, pos(t));
    }
    if (KEYWORDS.has(t.value)) throw this.invalid();
    this.next();
    this.checkName(t);
    return { kind: 'Name', id: t.value, ...span(t, t) };
  }

  private number(t: Token): Expr {
    const raw = t.value.replace(/_/g, '');
    const s = span(t, t);
    if (/[jJ]$/.test(raw)) throw this.refuse('DT301', 'complex numbers are not supported in df-table code', pos(t));
    if (/^0[xX]/.test(raw)) return { kind: 'Constant', value: BigInt(raw), ...s };
    if (/^0[oO]/.test(raw)) return { kind: 'Constant', value: BigInt('0o' + raw.slice(2)), ...s };
    if (/^0[bB]/.test(raw)) return { kind: 'Constant', value: BigInt('0b' + raw.slice(2)), ...s };
    if (/[.eE]/.test(raw)) return { kind: 'Constant', value: Number(raw), ...s };
    return { kind: 'Constant', value: BigInt(raw), ...s };
  }

  /** Adjacent string literals concatenate; any f-string among them makes the result an f-string. */
  private strings(): Expr {
    const toks: Token[] = [];
    while (this.peek().type === 'STRING') toks.push(this.next());
    const first = toks[0];
    const last = toks[toks.length - 1];
    for (const t of toks) {
      const lit = t.str!;
      if (lit.prefix.includes('b')) throw this.refuse('DT301', 'bytes literals are not supported in df-table code; use a str', pos(t));
      if (lit.error) throw this.error(lit.error.code, lit.error.message, lit.error.pos ?? pos(t));
    }
    if (!toks.some((t) => t.str!.parts)) {
      const value = toks.map((t) => t.str!.value ?? '').join('');
      const node: Expr = { kind: 'Constant', value, ...span(first, last) };
      if (toks.length === 1 && first.str!.exact) node.exact = first.str!.exact;
      return node;
    }
    const parts: (string | FormattedValue)[] = [];
    for (const t of toks) {
      if (t.str!.parts) for (const p of this.fstringParts(t.str!.parts)) parts.push(p);
      else if (t.str!.value) parts.push(t.str!.value);
    }
    return { kind: 'FString', parts: mergeText(parts), ...span(first, last) };
  }

  private fstringParts(parts: FStringPart[]): (string | FormattedValue)[] {
    const out: (string | FormattedValue)[] = [];
    for (const p of parts) {
      if (p.kind === 'text') {
        out.push(p.value);
        continue;
      }
      let value: Expr;
      try {
        value = new Parser(p.tokens, { fstring: true }).fieldExpression();
      } catch (e) {
        // The block's own tokenizer errors still take precedence, as in CPython.
        if (e instanceof DftablesError && e.code === 'DT101' && e.pos) throw this.error('DT101', e.message, e.pos, e.end);
        throw e;
      }
      const spec: FStringExpr | null = p.spec ? { kind: 'FString', parts: mergeText(this.fstringParts(p.spec)), ...span(value, value) } : null;
      const fv: FormattedValue = { kind: 'FormattedValue', value, conversion: p.conversion, spec, ...span(value, value) };
      if (p.selfDoc !== undefined) {
        fv.selfDoc = p.selfDoc;
        // `{x=}` without conversion or spec shows repr(x), as Python does.
        if (!p.conversion && !p.spec) fv.conversion = 'r';
      }
      out.push(fv);
    }
    return out;
  }

  fieldExpression(): Expr {
    const e = this.starExpressions();
    if (this.peek().type !== 'ENDMARKER') {
      if (this.isKw('for')) throw this.invalid();
      throw this.invalid();
    }
    return e;
  }

  private parenthesized(): Expr {
    const open = this.next();
    this.level++;
    try {
      if (this.isOp(')')) {
        const close = this.next();
        return { kind: 'Tuple', elts: [], parens: true, ...span(open, close) };
      }
      if (this.isKw('yield')) throw this.refuse('DT301', REFUSED_STATEMENTS.get('yield')!, pos(this.peek()));
      const first = this.isOp('*') ? this.starExpression() : this.namedExpression();
      if (this.isKw('for')) {
        const g = this.comprehension('GeneratorExp', first, open);
        const close = this.expectOp(')');
        return { ...g, ...span(open, close) };
      }
      if (this.isOp(')')) {
        this.next();
        if (first.kind === 'Starred') throw this.error('DT101', "cannot use starred expression here", { line: first.line, col: first.col }, { line: first.endLine, col: first.endCol });
        // A parenthesised expression keeps its own span, as in CPython.
        return first;
      }
      const elts = [first];
      while (this.acceptOp(',')) {
        if (this.isOp(')')) break;
        elts.push(this.isOp('*') ? this.starExpression() : this.namedExpression());
      }
      const close = this.expectOp(')');
      return { kind: 'Tuple', elts, parens: true, ...span(open, close) };
    } finally {
      this.level--;
    }
  }

  private listDisplay(): Expr {
    const open = this.next();
    this.level++;
    try {
      if (this.isOp(']')) {
        const close = this.next();
        return { kind: 'List', elts: [], ...span(open, close) };
      }
      const first = this.isOp('*') ? this.starExpression() : this.namedExpression();
      if (this.isKw('for')) {
        const c = this.comprehension('ListComp', first, open);
        const close = this.expectOp(']');
        return { ...c, ...span(open, close) };
      }
      const elts = [first];
      while (this.acceptOp(',')) {
        if (this.isOp(']')) break;
        elts.push(this.isOp('*') ? this.starExpression() : this.namedExpression());
      }
      const close = this.expectOp(']');
      return { kind: 'List', elts, ...span(open, close) };
    } finally {
      this.level--;
    }
  }

  private braceDisplay(): Expr {
    const open = this.next();
    this.level++;
    try {
      if (this.isOp('}')) {
        const close = this.next();
        return { kind: 'Dict', keys: [], values: [], ...span(open, close) };
      }
      if (this.isOp('**') || this.dictAhead()) return this.dictRest(open);
      const first = this.isOp('*') ? this.starExpression() : this.namedExpression();
      if (this.isKw('for')) {
        const c = this.comprehension('SetComp', first, open);
        const close = this.expectOp('}');
        return { ...c, ...span(open, close) };
      }
      const elts = [first];
      while (this.acceptOp(',')) {
        if (this.isOp('}')) break;
        elts.push(this.isOp('*') ? this.starExpression() : this.namedExpression());
      }
      const close = this.expectOp('}');
      return { kind: 'Set', elts, ...span(open, close) };
    } finally {
      this.level--;
    }
  }

  /** Whether the first item of a brace display is `key: value` (parses ahead, then rewinds). */
  private dictAhead(): boolean {
    const save = this.idx;
    const saveFurthest = this.furthest;
    try {
      this.expressionWithoutHint();
      return this.isOp(':');
    } catch (e) {
      if (e instanceof DftablesError && this.tokens[this.tokens.length - 1].error === e) throw e;
      return false;
    } finally {
      this.idx = save;
      this.furthest = saveFurthest;
    }
  }

  private dictRest(open: Token): Expr {
    const keys: (Expr | null)[] = [];
    const values: Expr[] = [];
    let first = true;
    for (;;) {
      if (this.acceptOp('**')) {
        keys.push(null);
        values.push(this.bitwiseOr());
      } else {
        const k = this.expression();
        if (!this.isOp(':')) {
          if (this.isOp('}') || this.isOp(',')) {
            throw this.error('DT101', "':' expected after dictionary key", { line: k.endLine, col: k.endCol - 1 });
          }
          throw this.invalid();
        }
        this.next();
        const v = this.expression();
        if (first && this.isKw('for')) {
          const c = this.comprehension('ListComp', v, open);
          const close = this.expectOp('}');
          return { kind: 'DictComp', key: k, value: v, generators: (c as { generators: Comprehension[] }).generators, ...span(open, close) };
        }
        keys.push(k);
        values.push(v);
      }
      first = false;
      if (!this.acceptOp(',')) break;
      if (this.isOp('}')) break;
    }
    const close = this.expectOp('}');
    return { kind: 'Dict', keys, values, ...span(open, close) };
  }

  /** `elt for target in iter if cond ...` after `elt`. */
  private comprehension(kind: 'ListComp' | 'SetComp' | 'GeneratorExp', elt: Expr, start: Span | Token): Expr {
    const generators: Comprehension[] = [];
    let end: Span = elt;
    while (this.isKw('for')) {
      this.next();
      const target = this.targetList();
      if (!this.acceptKw('in')) throw this.invalid();
      const iter = this.disjunction();
      end = iter;
      const ifs: Expr[] = [];
      while (this.isKw('if')) {
        this.next();
        const cond = this.disjunction();
        ifs.push(cond);
        end = cond;
      }
      generators.push({ target, iter, ifs });
    }
    if (elt.kind === 'Starred') throw this.error('DT101', 'iterable unpacking cannot be used in comprehension', { line: elt.line, col: elt.col }, { line: elt.endLine, col: elt.endCol });
    return { kind, elt, generators, ...span(start, end) };
  }
}

function mergeText(parts: (string | FormattedValue)[]): (string | FormattedValue)[] {
  const out: (string | FormattedValue)[] = [];
  for (const p of parts) {
    if (typeof p === 'string' && typeof out[out.length - 1] === 'string') out[out.length - 1] += p;
    else if (p !== '') out.push(p);
  }
  return out;
}
