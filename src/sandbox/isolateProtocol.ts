/** The messages between isolate.ts and its workers (isolateWorker.ts), and their shared memory. */
import type { BlockResult, EvalOptions } from '../engine.js';
import type { DirectiveBlock } from '../directive/types.js';

export interface IsolateJob {
  id: number;
  block: DirectiveBlock;
  opts: Pick<EvalOptions, 'root' | 'limits'>;
  /** Run lint's checks on the result (DT604, DT605) too. */
  lint: boolean;
}

export type IsolateReply = { ready: true } | { id: number; result: BlockResult } | { id: number; crash: string };

/**
 * Layout of the Int32Array each worker shares with the pool: the job it is running and the page
 * position of the statement it is at, written before each statement (read when it must be stopped).
 */
export const WHERE_JOB = 0;
export const WHERE_LINE = 1;
export const WHERE_COL = 2;
export const WHERE_SIZE = 3;
