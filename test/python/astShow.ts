/** A compact S-expression view of parsed expressions, for precedence tests. */
import type { Expr, Stmt } from '../../src/python/ast.js';
import { parseBlock } from '../../src/python/parser.js';

export function show(e: Expr | null): string {
  if (!e) return '_';
  switch (e.kind) {
    case 'Name':
      return (e.local ? '@' : '') + (e.backtick ? `\`${e.id}\`` : e.id);
    case 'Constant':
      if (e.ellipsis) return '...';
      return typeof e.value === 'string' ? JSON.stringify(e.value) : e.value === null ? 'None' : String(e.value);
    case 'FString':
      return `(f ${e.parts.map((p) => (typeof p === 'string' ? JSON.stringify(p) : `{${show(p.value)}${p.conversion ? '!' + p.conversion : ''}${p.spec ? ':' + show(p.spec) : ''}}`)).join(' ')})`;
    case 'List':
      return `[${e.elts.map(show).join(' ')}]`;
    case 'Tuple':
      return `(tuple ${e.elts.map(show).join(' ')})`;
    case 'Set':
      return `{set ${e.elts.map(show).join(' ')}}`;
    case 'Dict':
      return `{${e.keys.map((k, i) => `${k ? show(k) : '**'}:${show(e.values[i])}`).join(' ')}}`;
    case 'Starred':
      return `*${show(e.value)}`;
    case 'BinOp':
      return `(${e.op} ${show(e.left)} ${show(e.right)})`;
    case 'UnaryOp':
      return `(${e.op === 'not' ? 'not' : 'u' + e.op} ${show(e.operand)})`;
    case 'BoolOp':
      return `(${e.op} ${e.values.map(show).join(' ')})`;
    case 'Compare':
      return `(cmp ${show(e.left)} ${e.ops.map((o, i) => `${o} ${show(e.comparators[i])}`).join(' ')})`;
    case 'IfExp':
      return `(if ${show(e.test)} ${show(e.body)} ${show(e.orelse)})`;
    case 'Lambda':
      return `(lambda (${e.params.map((p) => (p.star ?? '') + p.name + (p.default ? '=' + show(p.default) : '')).join(' ')}) ${show(e.body)})`;
    case 'Call':
      return `(call ${show(e.func)}${e.args.map((a) => ' ' + show(a)).join('')}${e.keywords.map((k) => ` ${k.name ?? '**'}=${show(k.value)}`).join('')})`;
    case 'Attribute':
      return `(. ${show(e.value)} ${e.attr})`;
    case 'Subscript':
      return `(sub ${show(e.value)} ${show(e.slice)})`;
    case 'Slice':
      return `(slice ${show(e.lower)} ${show(e.upper)} ${show(e.step)})`;
    case 'ListComp':
    case 'SetComp':
    case 'GeneratorExp':
      return `(${e.kind} ${show(e.elt)} ${e.generators.map((g) => `for ${show(g.target)} in ${show(g.iter)}${g.ifs.map((c) => ' if ' + show(c)).join('')}`).join(' ')})`;
    case 'DictComp':
      return `(DictComp ${show(e.key)}:${show(e.value)} ${e.generators.map((g) => `for ${show(g.target)} in ${show(g.iter)}`).join(' ')})`;
  }
}

export function showStmt(s: Stmt): string {
  switch (s.kind) {
    case 'Expr':
      return show(s.value);
    case 'Assign':
      return `(= ${s.targets.map(show).join(' ')} ${show(s.value)})`;
    case 'AugAssign':
      return `(${s.op}= ${show(s.target)} ${show(s.value)})`;
    case 'For':
      return `(for ${show(s.target)} ${show(s.iter)} [${s.body.map(showStmt).join(' ')}]${s.orelse.length ? ` else [${s.orelse.map(showStmt).join(' ')}]` : ''})`;
    case 'If':
      return `(if ${show(s.test)} [${s.body.map(showStmt).join(' ')}]${s.orelse.length ? ` else [${s.orelse.map(showStmt).join(' ')}]` : ''})`;
    case 'Import':
      return `(import ${s.names.map((n) => `${n.module} as ${n.asName}`).join(', ')})`;
    case 'Assert':
      return `(assert ${show(s.test)}${s.msg ? ' ' + show(s.msg) : ''})`;
    case 'Delete':
      return `(del ${s.targets.map(show).join(' ')})`;
    default:
      return s.kind.toLowerCase();
  }
}

/** The statements of a block, shown. */
export function parsed(code: string): string[] {
  return parseBlock(code).body.map(showStmt);
}

/** One expression, shown. */
export function expr(code: string): string {
  return parsed(code)[0];
}
