/**
 * An isolate worker: evaluates one block at a time for isolate.ts. Before each top-level
 * statement it writes the statement's page position into shared memory, so when the watchdog
 * has to stop this thread (a call that never returns), the main thread can still say where.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { evaluateBlock, type EvalOptions } from '../engine.js';
import { lintBlock } from '../lint/lintBlock.js';
import { installRegexGuard } from './regexGuard.js';
import { WHERE_COL, WHERE_JOB, WHERE_LINE, type IsolateJob, type IsolateReply } from './isolateProtocol.js';

installRegexGuard();
const where = new Int32Array((workerData as { where: SharedArrayBuffer }).where);
const port = parentPort!;

port.on('message', (job: IsolateJob) => {
  Atomics.store(where, WHERE_LINE, 0);
  Atomics.store(where, WHERE_JOB, job.id);
  const opts: EvalOptions = {
    ...job.opts,
    onStatement: (pos) => {
      Atomics.store(where, WHERE_LINE, pos.line);
      Atomics.store(where, WHERE_COL, pos.col);
    },
  };
  let reply: IsolateReply;
  try {
    const { frame: _frame, ...result } = job.lint ? lintBlock(job.block, opts) : evaluateBlock(job.block, opts);
    reply = { id: job.id, result };
  } catch (e) {
    reply = { id: job.id, crash: e instanceof Error ? e.message : String(e) };
  }
  port.postMessage(reply);
});

port.postMessage({ ready: true } satisfies IsolateReply);
