/**
 * `dftables serve-eval`: a long-lived evaluation server speaking JSON lines over stdin/stdout, so a
 * host that cannot run our engine in-process (the Sphinx extension `sphinx_dftables`) pays Node's
 * start-up once per build instead of once per block.
 *
 * Request, one JSON object per line:
 *   {"id": 1, "code": "df = ...", "file": "/abs/page.rst", "line": 42,
 *    "map": {"lines": [45, 46], "cols": [3, 3]}     -- or "codeLine": 45, "codeCol": 4
 *    "options": {"df-var": "df"}, "root": "/abs/srcdir"}
 * Response, one line each, in request order:
 *   {"id": 1, "ok": true, "csv": "...", "files": [...], "warnings": [...]}
 *   {"id": 1, "ok": false, "error": {"line", "column", "code", "message", "hint"?}, "files": [...], "warnings": [...]}
 *
 * Positions in responses are page positions: the client says where each code line sits in the page
 * (`map`, or `codeLine`/`codeCol` for code whose lines follow each other at one indentation).
 * A malformed request gets an error response (DT204 "bad request"), never a dead server; EOF on
 * the input ends the server normally.
 */
import type { Readable, Writable } from 'node:stream';
import { createInterface } from 'node:readline';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import type { BlockResult, evaluateCode } from '../engine.js';
import type { Diagnostic } from '../errors.js';
import type { LineMap } from '../directive/types.js';
import type { Limits } from '../python/values.js';

/** The engine's evaluateCode, or a stand-in with its signature. */
export type CodeEvaluator = typeof evaluateCode;

export interface ServeEvalOptions {
  /** Docs root for requests that do not name one (default: the engine's resolveDocsRoot). */
  root?: string;
  limits?: Partial<Limits>;
  /** The engine entry point; tests substitute their own. */
  evaluate?: CodeEvaluator;
}

/** What the client sees of a diagnostic: the page position, the code, the words. */
export interface WireDiagnostic {
  line: number;
  column: number;
  code: string;
  message: string;
  hint?: string;
}

export interface EvalResponse {
  id: unknown;
  ok: boolean;
  csv?: string;
  error?: WireDiagnostic;
  warnings: WireDiagnostic[];
  files: string[];
}

interface EvalRequest {
  id: unknown;
  code: string;
  file: string;
  line: number;
  map: LineMap;
  dfVar?: string;
  root?: string;
}

/** A request the server cannot act on; answered with a DT204 response naming the problem. */
class BadRequest extends Error {}

function toWire(d: Diagnostic): WireDiagnostic {
  const w: WireDiagnostic = { line: d.line, column: d.column, code: d.code, message: d.message };
  if (d.hint) w.hint = d.hint;
  return w;
}

function isPositiveInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1;
}

function isIntArray(v: unknown, min: number): v is number[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'number' && Number.isInteger(x) && x >= min);
}

/** The line map of the request: explicit `map`, else consecutive lines from codeLine at codeCol, else the lines after the directive. */
function lineMapOf(raw: Record<string, unknown>, codeLines: number, line: number): LineMap {
  const map = raw.map;
  if (map !== undefined) {
    const m = map as { lines?: unknown; cols?: unknown } | null;
    if (typeof m !== 'object' || m === null || !isIntArray(m.lines, 1) || m.lines.length !== codeLines) {
      throw new BadRequest(`'map.lines' must list one page line (>= 1) for each of the ${codeLines} code lines`);
    }
    const cols = m.cols ?? m.lines.map(() => 0);
    if (!isIntArray(cols, 0) || cols.length !== codeLines) throw new BadRequest(`'map.cols' must list one indentation (>= 0) for each of the ${codeLines} code lines`);
    return { lines: m.lines, cols };
  }
  const first = raw.codeLine ?? line + 1;
  const col = raw.codeCol ?? 1;
  if (!isPositiveInt(first)) throw new BadRequest("'codeLine' must be a page line number (>= 1)");
  if (!isPositiveInt(col)) throw new BadRequest("'codeCol' must be a page column number (>= 1)");
  return { lines: Array.from({ length: codeLines }, (_, i) => first + i), cols: Array.from({ length: codeLines }, () => col - 1) };
}

function parseRequest(text: string): EvalRequest {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new BadRequest(`not JSON: ${(e as Error).message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new BadRequest('a request is a JSON object');
  const r = raw as Record<string, unknown>;
  if (typeof r.code !== 'string') throw new BadRequest("'code' must be a string");
  if (typeof r.file !== 'string' || r.file === '') throw new BadRequest("'file' must be the page's path");
  const line = r.line ?? 1;
  if (!isPositiveInt(line)) throw new BadRequest("'line' must be the directive's page line (>= 1)");
  if (r.root !== undefined && typeof r.root !== 'string') throw new BadRequest("'root' must be a folder path");
  const options = r.options ?? {};
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new BadRequest("'options' must be an object");
  const dfVar = (options as Record<string, unknown>)['df-var'];
  if (dfVar !== undefined && typeof dfVar !== 'string') throw new BadRequest("option 'df-var' must be a string");
  return {
    id: r.id ?? null,
    code: r.code,
    file: resolve(r.file),
    line,
    map: lineMapOf(r, r.code.split('\n').length, line),
    dfVar: dfVar || undefined,
    root: r.root as string | undefined,
  };
}

/** The id of a request we could not parse, if it has one, so the client can still match the answer. */
function idOf(text: string): unknown {
  try {
    const raw = JSON.parse(text) as { id?: unknown } | null;
    return raw !== null && typeof raw === 'object' && 'id' in raw ? raw.id : null;
  } catch {
    return null;
  }
}

/** A failure that is not the page's: a bad request (position 0:0) or a bug of ours (at the directive). */
function internalError(id: unknown, message: string, line = 0, column = 0): EvalResponse {
  return { id, ok: false, error: { line, column, code: 'DT204', message: `internal error: ${message}` }, warnings: [], files: [] };
}

/** Answers one request line; never throws. */
export function answer(text: string, evaluate: CodeEvaluator, opts: Omit<ServeEvalOptions, 'evaluate'> = {}): EvalResponse {
  let req: EvalRequest;
  try {
    req = parseRequest(text);
  } catch (e) {
    if (e instanceof BadRequest) return internalError(idOf(text), `bad serve-eval request: ${e.message}`);
    throw e;
  }
  let result: BlockResult;
  try {
    result = evaluate(req.code, {
      file: req.file,
      line: req.line,
      map: req.map,
      dfVar: req.dfVar,
      root: req.root ?? opts.root,
      limits: opts.limits,
    });
  } catch (e) {
    // The engine promises a result, not an exception; if one escapes anyway, it is our bug and
    // this block's failure, not the end of the server.
    return internalError(req.id, e instanceof Error ? e.message : String(e), req.line, 1);
  }
  const res: EvalResponse = { id: req.id, ok: result.ok, warnings: result.warnings.map(toWire), files: [...result.files] };
  if (result.ok) res.csv = result.csv ?? '';
  else if (result.error) res.error = toWire(result.error);
  else return internalError(req.id, 'the block failed without a diagnostic', req.line, 1);
  return res;
}

/** Resolves when a full output can take more: drained, or gone (closed or failed, which ends serving). */
function drained(output: Writable): Promise<void> {
  return new Promise((done) => {
    const finish = () => {
      output.off('drain', finish).off('close', finish).off('error', finish);
      done();
    };
    output.on('drain', finish).on('close', finish).on('error', finish);
  });
}

/** Serves requests from `input` until it ends; resolves then (or when `output` is closed under us). */
export async function serveEval(input: Readable, output: Writable, opts: ServeEvalOptions = {}): Promise<void> {
  // Imported here, not at the top, so that tests can drive the protocol with a stand-in engine
  // without loading the real one.
  const evaluate = opts.evaluate ?? (await import('../engine.js')).evaluateCode;
  const lines = createInterface({ input, crlfDelay: Infinity });
  let closed = false;
  const stop = () => {
    closed = true;
    lines.close();
  };
  // The client went away (EPIPE): nobody is left to answer, which is a normal end.
  output.on('error', stop);
  try {
    for await (const line of lines) {
      if (closed) break;
      if (!line.trim()) continue;
      if (!output.write(JSON.stringify(answer(line, evaluate, opts)) + '\n') && !output.destroyed) await drained(output);
    }
  } finally {
    output.off('error', stop);
  }
}

interface ServeEvalCliOptions {
  root?: string;
  timeout?: number;
}

export function registerServeEval(program: Command): void {
  program
    .command('serve-eval')
    .description('evaluate df-table code sent as JSON lines on stdin, one JSON answer per line on stdout (for the Sphinx extension sphinx_dftables)')
    .option('--root <dir>', 'docs root for requests that do not name one')
    .option('--timeout <seconds>', 'time limit per block', (v) => Number(v))
    .action(async (opts: ServeEvalCliOptions) => {
      await serveEval(process.stdin, process.stdout, {
        root: opts.root,
        limits: opts.timeout ? { timeoutMs: opts.timeout * 1000 } : undefined,
      });
      process.exitCode = 0;
    });
}
