/**
 * dftables as a library: find df-table blocks, evaluate them (pandas' exact to_csv text), and hand
 * result tables to danfo.js. The CLI (src/cli.ts) is built on the same functions.
 */
export { evaluateBlock, evaluateCode, evaluatePage, findBlocks, resolveDocsRoot } from './engine.js';
export type { BlockResult, EvalOptions, PageResult, DirectiveBlock } from './engine.js';
export { DftablesError, formatDiagnostic, type Diagnostic, type Pos } from './errors.js';
export { CODES, type DiagnosticCode } from './diagnostics/codes.js';
export { parseCsvRows } from './frame/csvWrite.js';
export { toDanfo } from './frame/danfo.js';
export type { DataFrame } from './frame/dataframe.js';
