/**
 * Evaluating pages on worker threads (`dftables build --jobs N`), one page per job, so a cold
 * build of many pages uses several cores while the main thread renders pages as their results
 * arrive. Each worker loads and warms up the engine itself, so this pays off only with real
 * cores to spare (on a 2-vCPU machine that runs two threads at about 1.1x, it is slower).
 * Used only where the compiled worker script exists (the CLI from dist/).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BlockResult, EvalOptions } from '../engine.js';
import type { EvalJob, EvalReply } from './evalWorker.js';

const WORKER = new URL('./evalWorker.js', import.meta.url);

/** Below this many pages to evaluate, starting workers costs more than it saves. */
export const MIN_PARALLEL_PAGES = 6;

export class EvalPool {
  private readonly workers: Worker[] = [];
  private readonly idle: Worker[] = [];
  private readonly queue: { job: EvalJob; done(r: EvalReply): void }[] = [];
  private readonly pending = new Map<number, (r: EvalReply) => void>();
  private nextId = 0;
  private broken?: string;

  private constructor(size: number, opts: EvalOptions) {
    for (let k = 0; k < size; k++) {
      const w = new Worker(WORKER, { workerData: opts });
      w.on('message', (reply: EvalReply) => {
        this.pending.get(reply.id)?.(reply);
        this.pending.delete(reply.id);
        this.idle.push(w);
        this.pump();
      });
      // A worker that dies ends the pool: the build evaluates the remaining pages itself.
      w.on('error', (e) => this.fail(String(e)));
      this.workers.push(w);
      this.idle.push(w);
    }
  }

  /** A pool of up to `jobs` workers for `pages` evaluations; undefined when running from sources or the build is small. */
  static create(pages: number, jobs: number, opts: EvalOptions): EvalPool | undefined {
    if (pages < MIN_PARALLEL_PAGES || !existsSync(fileURLToPath(WORKER))) return undefined;
    const size = Math.min(jobs, availableParallelism(), Math.ceil(pages / 2));
    return size > 1 ? new EvalPool(size, opts) : undefined;
  }

  /** The page's block results (rejects if the worker could not evaluate it). */
  evaluate(file: string, text: string, format: EvalJob['format']): Promise<BlockResult[]> {
    const job: EvalJob = { id: this.nextId++, file, text, format };
    return new Promise((resolve, reject) => {
      if (this.broken) return reject(new Error(this.broken));
      this.queue.push({ job, done: (r) => ('error' in r ? reject(new Error(r.error)) : resolve(r.results)) });
      this.pump();
    });
  }

  private pump(): void {
    while (this.idle.length && this.queue.length) {
      const w = this.idle.pop()!;
      const { job, done } = this.queue.shift()!;
      this.pending.set(job.id, done);
      w.postMessage(job);
    }
  }

  private fail(error: string): void {
    this.broken = error;
    for (const [id, done] of this.pending) done({ id, error });
    this.pending.clear();
    for (const { job, done } of this.queue.splice(0)) done({ id: job.id, error });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
