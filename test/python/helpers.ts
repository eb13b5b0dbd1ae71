/** Helpers for the interpreter tests: run page code with a fake host, read results and errors. */
import { DftablesError } from '../../src/errors.js';
import { Interpreter, parseBlock } from '../../src/python/interpreter.js';
import { pyRepr } from '../../src/python/pyStr.js';
import { DEFAULT_LIMITS, type Limits, type PyValue } from '../../src/python/values.js';
import type { LineMap } from '../../src/directive/types.js';

export interface RunOptions {
  limits?: Partial<Limits>;
  globals?: Map<string, PyValue>;
  map?: LineMap;
  timeoutMs?: number;
}

export function makeInterpreter(opts: RunOptions = {}): Interpreter {
  const limits = { ...DEFAULT_LIMITS, ...opts.limits };
  return new Interpreter(
    {
      limits,
      deadline: Date.now() + (opts.timeoutMs ?? limits.timeoutMs),
      readDataFile: () => {
        throw new DftablesError('DT401', 'no files in tests');
      },
      warn: () => {},
    },
    opts.globals ?? new Map(),
  );
}

/** Runs code and returns the interpreter (its namespace holds the variables). */
export function run(code: string, opts: RunOptions = {}): Interpreter {
  const interp = makeInterpreter(opts);
  interp.run(parseBlock(code, opts.map));
  return interp;
}

/** repr() of a Python expression's value. */
export function evalRepr(expr: string, opts: RunOptions = {}): string {
  return pyRepr(run(`r_ = ${expr}`, opts).namespace.get('r_')!);
}

export interface ErrorSummary {
  code: string;
  message: string;
  line?: number;
  col?: number;
}

/** The DftablesError code, message and position a piece of code fails with. */
export function errorOf(fn: () => unknown): ErrorSummary {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof DftablesError)) throw e;
    return { code: e.code, message: e.message, line: e.pos?.line, col: e.pos?.col };
  }
  throw new Error('expected a DftablesError');
}

export function runError(code: string, opts: RunOptions = {}): ErrorSummary {
  return errorOf(() => run(code, opts));
}

export function parseError(code: string, map?: LineMap): ErrorSummary {
  return errorOf(() => parseBlock(code, map));
}

/** "code:line:col" for compact position assertions. */
export function where(e: ErrorSummary): string {
  return `${e.code}:${e.line}:${e.col}`;
}
