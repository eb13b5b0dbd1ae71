/**
 * The AST of the Python subset, after CPython's `ast` module. Every node carries its page span
 * (1-based line and column, end exclusive), so runtime errors point into the page.
 */
import type { Pos } from '../errors.js';

export interface Span {
  line: number;
  col: number;
  endLine: number;
  endCol: number;
}

export type BinOpName = '+' | '-' | '*' | '/' | '//' | '%' | '**' | '&' | '|' | '^' | '<<' | '>>' | '@';
export type CmpOpName = '==' | '!=' | '<' | '<=' | '>' | '>=' | 'in' | 'not in' | 'is' | 'is not';

export type Expr =
  | NameExpr
  | ConstantExpr
  | FStringExpr
  | ListExpr
  | TupleExpr
  | SetExpr
  | DictExpr
  | StarredExpr
  | BinOpExpr
  | UnaryOpExpr
  | BoolOpExpr
  | CompareExpr
  | IfExpExpr
  | LambdaExpr
  | CallExpr
  | AttributeExpr
  | SubscriptExpr
  | SliceExpr
  | CompExpr
  | DictCompExpr;

export interface NameExpr extends Span {
  kind: 'Name';
  id: string;
  /** Query only: `@name` refers to a local variable of the calling block. */
  local?: boolean;
  /** Query only: written in backticks (`` `Inst. Type` ``). */
  backtick?: boolean;
}

export interface ConstantExpr extends Span {
  kind: 'Constant';
  /** null/boolean/bigint/number/string, or 'Ellipsis' for `...` (kept apart by `ellipsis`). */
  value: null | boolean | bigint | number | string;
  ellipsis?: boolean;
  /** Strings whose value is their exact single-line source: page position of the value's first character. */
  exact?: Pos;
}

export interface FormattedValue extends Span {
  kind: 'FormattedValue';
  value: Expr;
  conversion: 's' | 'r' | 'a' | null;
  spec: FStringExpr | null;
  /** `{x=}`: text printed before the value. */
  selfDoc?: string;
}

export interface FStringExpr extends Span {
  kind: 'FString';
  parts: (string | FormattedValue)[];
}

export interface ListExpr extends Span {
  kind: 'List';
  elts: Expr[];
}
export interface TupleExpr extends Span {
  kind: 'Tuple';
  elts: Expr[];
  /** Written with parentheses (matters for error messages only). */
  parens?: boolean;
}
export interface SetExpr extends Span {
  kind: 'Set';
  elts: Expr[];
}
export interface DictExpr extends Span {
  kind: 'Dict';
  /** null key: `**mapping`. */
  keys: (Expr | null)[];
  values: Expr[];
}
export interface StarredExpr extends Span {
  kind: 'Starred';
  value: Expr;
}
export interface BinOpExpr extends Span {
  kind: 'BinOp';
  op: BinOpName;
  left: Expr;
  right: Expr;
  /** Position of the operator token. */
  opPos: Pos;
}
export interface UnaryOpExpr extends Span {
  kind: 'UnaryOp';
  op: '-' | '+' | '~' | 'not';
  operand: Expr;
}
export interface BoolOpExpr extends Span {
  kind: 'BoolOp';
  op: 'and' | 'or';
  values: Expr[];
}
export interface CompareExpr extends Span {
  kind: 'Compare';
  left: Expr;
  ops: CmpOpName[];
  comparators: Expr[];
  opPos: Pos[];
}
export interface IfExpExpr extends Span {
  kind: 'IfExp';
  test: Expr;
  body: Expr;
  orelse: Expr;
}
export interface Param {
  name: string;
  pos: Pos;
  default: Expr | null;
  /** '*args' or '**kwargs'. */
  star?: '*' | '**';
  /** After `*` or `*args`: may only be passed by keyword. */
  kwOnly?: boolean;
}
export interface LambdaExpr extends Span {
  kind: 'Lambda';
  params: Param[];
  body: Expr;
}
export interface Keyword {
  /** null: `**mapping`. */
  name: string | null;
  value: Expr;
  /** Position of the keyword name (or of `**`). */
  pos: Pos;
}
export interface CallExpr extends Span {
  kind: 'Call';
  func: Expr;
  /** May contain Starred (`*args`). */
  args: Expr[];
  keywords: Keyword[];
}
export interface AttributeExpr extends Span {
  kind: 'Attribute';
  value: Expr;
  attr: string;
  attrPos: Pos;
}
export interface SubscriptExpr extends Span {
  kind: 'Subscript';
  value: Expr;
  /** An expression, a Slice, or a Tuple of them (`df.loc[:, 'c']`). */
  slice: Expr;
}
export interface SliceExpr extends Span {
  kind: 'Slice';
  lower: Expr | null;
  upper: Expr | null;
  step: Expr | null;
}
export interface Comprehension {
  target: Expr;
  iter: Expr;
  ifs: Expr[];
}
export interface CompExpr extends Span {
  kind: 'ListComp' | 'SetComp' | 'GeneratorExp';
  elt: Expr;
  generators: Comprehension[];
}
export interface DictCompExpr extends Span {
  kind: 'DictComp';
  key: Expr;
  value: Expr;
  generators: Comprehension[];
}

export type Stmt =
  | ExprStmt
  | AssignStmt
  | AugAssignStmt
  | ForStmt
  | IfStmt
  | SimpleStmt
  | ImportStmt
  | AssertStmt
  | DeleteStmt;

export interface ExprStmt extends Span {
  kind: 'Expr';
  value: Expr;
}
export interface AssignStmt extends Span {
  kind: 'Assign';
  /** `a = b = value`: targets in order. */
  targets: Expr[];
  value: Expr;
}
export interface AugAssignStmt extends Span {
  kind: 'AugAssign';
  target: Expr;
  op: BinOpName;
  value: Expr;
  opPos: Pos;
}
export interface ForStmt extends Span {
  kind: 'For';
  target: Expr;
  iter: Expr;
  body: Stmt[];
  orelse: Stmt[];
}
export interface IfStmt extends Span {
  kind: 'If';
  test: Expr;
  body: Stmt[];
  orelse: Stmt[];
}
export interface SimpleStmt extends Span {
  kind: 'Pass' | 'Break' | 'Continue';
}
export interface ImportStmt extends Span {
  kind: 'Import';
  /** Module and the name it is bound to: ('pandas', 'pd'). */
  names: { module: string; asName: string }[];
}
export interface AssertStmt extends Span {
  kind: 'Assert';
  test: Expr;
  msg: Expr | null;
}
export interface DeleteStmt extends Span {
  kind: 'Delete';
  targets: Expr[];
}

export interface Module {
  kind: 'Module';
  body: Stmt[];
}

export function startOf(n: Span): Pos {
  return { line: n.line, col: n.col };
}

export function endOf(n: Span): Pos {
  return { line: n.endLine, col: n.endCol };
}

/** CPython's name for an expression kind in "cannot assign to ..." messages. */
export function exprName(e: Expr): string {
  switch (e.kind) {
    case 'Call':
      return 'function call';
    case 'Constant':
      if (e.ellipsis) return 'ellipsis';
      if (e.value === null) return 'None';
      if (e.value === true) return 'True';
      if (e.value === false) return 'False';
      return 'literal';
    case 'FString':
      return 'f-string expression';
    case 'BinOp':
    case 'UnaryOp':
    case 'BoolOp':
      return 'expression';
    case 'Compare':
      return 'comparison';
    case 'IfExp':
      return 'conditional expression';
    case 'Lambda':
      return 'lambda';
    case 'ListComp':
      return 'list comprehension';
    case 'SetComp':
      return 'set comprehension';
    case 'GeneratorExp':
      return 'generator expression';
    case 'DictComp':
      return 'dict comprehension';
    case 'Dict':
      return 'dict literal';
    case 'Set':
      return 'set display';
    case 'Starred':
      return 'starred';
    case 'Attribute':
      return 'attribute';
    case 'Subscript':
      return 'subscript';
    case 'Name':
      return 'name';
    case 'List':
      return 'list';
    case 'Tuple':
      return 'tuple';
    case 'Slice':
      return 'slice';
  }
}
