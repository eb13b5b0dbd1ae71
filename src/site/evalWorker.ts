/**
 * A build worker: evaluates the df-table blocks of the pages it is sent, with the engine, and
 * sends back the results (without the result frames, which do not cross threads).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { evaluateBlock, findBlocks, type BlockResult, type EvalOptions } from '../engine.js';
import type { PageFormat } from '../directive/types.js';

export interface EvalJob {
  id: number;
  /** Page path as shown in diagnostics. */
  file: string;
  text: string;
  format: PageFormat;
}

export type EvalReply = { id: number; results: BlockResult[] } | { id: number; error: string };

const opts = workerData as EvalOptions;

parentPort!.on('message', (job: EvalJob) => {
  let reply: EvalReply;
  try {
    const results = findBlocks(job.text, job.file, job.format).map((b) => {
      const { frame: _frame, ...rest } = evaluateBlock(b, opts);
      return rest;
    });
    reply = { id: job.id, results };
  } catch (e) {
    reply = { id: job.id, error: e instanceof Error ? e.message : String(e) };
  }
  parentPort!.postMessage(reply);
});
