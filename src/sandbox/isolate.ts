/**
 * Evaluating blocks on worker threads with a watchdog: the hard time limit.
 *
 * The interpreter checks its deadline between steps, but one JavaScript call (a regular
 * expression that backtracks for minutes, a sort of a huge list) cannot be interrupted from
 * inside its thread. Here each block runs on a worker; a watchdog terminates the worker when
 * the block has run for its time limit plus a grace period, and the block fails with DT306 at
 * the statement it was running. A worker that runs out of memory fails its block with DT305.
 * Either way only that worker is replaced; the rest of the run goes on.
 *
 * A small pool (2 workers, fewer on one core) lives for the whole process and is reused across
 * pages; idle workers do not keep the process alive. Results come back without `frame` (result
 * frames do not cross threads).
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, totalmem } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BlockResult, EvalOptions } from '../engine.js';
import type { Diagnostic, Pos } from '../errors.js';
import type { DirectiveBlock } from '../directive/types.js';
import { DEFAULT_LIMITS } from '../python/values.js';
import { WHERE_COL, WHERE_JOB, WHERE_LINE, WHERE_SIZE, type IsolateJob, type IsolateReply } from './isolateProtocol.js';

export interface IsolateOptions extends Pick<EvalOptions, 'root' | 'limits'> {
  /** Also run lint's checks on each result (DT604, DT605). */
  lint?: boolean;
  /** How long past its time limit a block may run before its worker is stopped (default 1000 ms). */
  graceMs?: number;
}

export const DEFAULT_GRACE_MS = 1000;

interface Job {
  id: number;
  block: DirectiveBlock;
  opts: IsolateJob['opts'];
  lint: boolean;
  timeoutMs: number;
  graceMs: number;
  done(r: BlockResult): void;
}

interface Slot {
  worker: Worker;
  where: Int32Array;
  ready: boolean;
  job?: Job;
  timer?: NodeJS.Timeout;
  /** Set when we stop the worker ourselves, so its exit is not reported as a crash. */
  stopping?: boolean;
}

// ---- starting a worker, compiled or from the TypeScript sources ---------------------------

const HERE = import.meta.url;
const FROM_SOURCES = HERE.endsWith('.ts');

/**
 * Module hooks that let a worker import the TypeScript sources (tests run src/ directly, and a
 * worker does not go through the test runner's loader): `./x.js` resolves to `./x.ts`, and .ts
 * files are stripped of their types on load, by the test runner's own oxc transformer when it is
 * installed (milliseconds) or by TypeScript (seconds).
 */
const TS_HOOKS = `
let strip;
export async function initialize(data) {
  if (data.oxc) {
    try {
      const oxc = await import(data.oxc);
      strip = (url, source) => oxc.transformSync(url, source, { lang: 'ts', sourceType: 'module' }).code;
      return;
    } catch {}
  }
  const ts = (await import(data.typescript)).default;
  strip = (url, source) => ts.transpileModule(source, { fileName: url, compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } }).outputText;
}
export async function resolve(specifier, context, next) {
  try { return await next(specifier, context); }
  catch (e) {
    if (specifier.endsWith('.js') && context.parentURL && context.parentURL.endsWith('.ts')) return next(specifier.slice(0, -3) + '.ts', context);
    throw e;
  }
}
export async function load(url, context, next) {
  if (!url.endsWith('.ts')) return next(url, context);
  const { readFile } = await import('node:fs/promises');
  const { fileURLToPath } = await import('node:url');
  const source = await readFile(new URL(url), 'utf8');
  return { format: 'module', source: strip(fileURLToPath(url), source), shortCircuit: true };
}`;

const TS_BOOT = `
const { register } = require('node:module');
const { workerData } = require('node:worker_threads');
register('data:text/javascript,' + encodeURIComponent(workerData.hooks), { data: workerData.transformers });
import(workerData.entry);
`;

/** file: URLs of the type strippers the source hooks can use (oxc when installed, else TypeScript). */
function transformers(): { oxc?: string; typescript: string } {
  const req = createRequire(HERE);
  let oxc: string | undefined;
  try {
    oxc = pathToFileURL(req.resolve('rolldown/experimental')).href;
  } catch {
    oxc = undefined;
  }
  return { oxc, typescript: pathToFileURL(req.resolve('typescript')).href };
}

function heapLimitMb(): number {
  return Math.max(256, Math.min(4096, Math.floor(totalmem() / 4 / 1048576)));
}

function startWorker(where: SharedArrayBuffer, heapMb: number): Worker {
  const resourceLimits = { maxOldGenerationSizeMb: heapMb };
  if (!FROM_SOURCES) {
    return new Worker(new URL('./isolateWorker.js', HERE), { workerData: { where }, resourceLimits });
  }
  const entry = new URL('./isolateWorker.ts', HERE).href;
  return new Worker(TS_BOOT, { eval: true, workerData: { where, hooks: TS_HOOKS, transformers: transformers(), entry }, resourceLimits });
}

/** Whether this installation can run isolate workers at all. */
export function isolateAvailable(): boolean {
  return existsSync(fileURLToPath(new URL(FROM_SOURCES ? './isolateWorker.ts' : './isolateWorker.js', HERE)));
}

// ---- results made here ----------------------------------------------------------------------

function failed(job: Job, error: Diagnostic): BlockResult {
  return { file: job.block.file, line: job.block.line, ok: false, error, warnings: [], files: [] };
}

function errorAt(job: Job, pos: Pos, code: Diagnostic['code'], message: string, hint?: string): Diagnostic {
  const d: Diagnostic = { file: job.block.file, line: pos.line, column: pos.col, severity: 'error', code, message };
  if (hint) d.hint = hint;
  return d;
}

/** The statement the worker was at, or the block's first code line. */
function positionOf(slot: Slot, job: Job): Pos {
  if (Atomics.load(slot.where, WHERE_JOB) === job.id && Atomics.load(slot.where, WHERE_LINE) > 0) {
    return { line: Atomics.load(slot.where, WHERE_LINE), col: Atomics.load(slot.where, WHERE_COL) };
  }
  const map = job.block.map;
  return map.lines.length ? { line: map.lines[0], col: 1 + map.cols[0] } : { line: job.block.line, col: job.block.col };
}

// ---- the pool -------------------------------------------------------------------------------

export class IsolatePool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  /** Workers that died before they were ready, in a row: a broken installation, not a page. */
  private startFailures = 0;
  private closed = false;

  /**
   * @param size workers (default 2, or 1 on one core)
   * @param heapMb heap limit of each worker: a block that needs more fails with DT305
   */
  constructor(
    readonly size: number = Math.max(1, Math.min(2, availableParallelism())),
    readonly heapMb: number = heapLimitMb(),
  ) {}

  /** Evaluates one block on a worker. Never rejects: every failure is a BlockResult. */
  evaluate(block: DirectiveBlock, opts: IsolateOptions = {}): Promise<BlockResult> {
    const timeoutMs = opts.limits?.timeoutMs ?? DEFAULT_LIMITS.timeoutMs;
    return new Promise((done) => {
      this.queue.push({
        id: this.nextId++,
        block,
        opts: { root: opts.root, limits: opts.limits },
        lint: opts.lint ?? false,
        timeoutMs,
        graceMs: opts.graceMs ?? DEFAULT_GRACE_MS,
        done,
      });
      this.pump();
    });
  }

  /**
   * Starts the workers now, without work: a command that knows it will evaluate (build) lets them
   * load the engine while it parses pages. Idle workers do not keep the process alive.
   */
  warm(): this {
    while (!this.closed && this.slots.length < this.size) this.spawn();
    for (const slot of this.slots) if (!slot.job) slot.worker.unref();
    return this;
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    for (const s of slots) {
      s.stopping = true;
      if (s.timer) clearTimeout(s.timer);
    }
    await Promise.all(slots.map((s) => s.worker.terminate()));
    for (const s of slots) if (s.job) s.job.done(failed(s.job, errorAt(s.job, positionOf(s, s.job), 'DT306', 'evaluation was stopped: dftables is shutting down')));
    for (const j of this.queue.splice(0)) j.done(failed(j, errorAt(j, { line: j.block.line, col: j.block.col }, 'DT306', 'evaluation was stopped: dftables is shutting down')));
  }

  private pump(): void {
    if (this.closed) return;
    for (const slot of this.slots) {
      if (!this.queue.length) break;
      if (slot.ready && !slot.job) this.dispatch(slot, this.queue.shift()!);
    }
    const starting = this.slots.filter((s) => !s.ready).length;
    while (this.queue.length > starting && this.slots.length < this.size) this.spawn();
    // A worker keeps the process alive only while there is work for it (running, or waiting).
    for (const slot of this.slots) {
      if (slot.job || (!slot.ready && this.queue.length)) slot.worker.ref();
      else slot.worker.unref();
    }
  }

  private spawn(): void {
    const where = new SharedArrayBuffer(WHERE_SIZE * Int32Array.BYTES_PER_ELEMENT);
    const slot: Slot = { worker: startWorker(where, this.heapMb), where: new Int32Array(where), ready: false };
    this.slots.push(slot);
    slot.worker.on('message', (m: IsolateReply) => this.onMessage(slot, m));
    slot.worker.on('error', (e: Error & { code?: string }) => this.onDeath(slot, e));
    slot.worker.on('exit', () => this.onDeath(slot));
  }

  private dispatch(slot: Slot, job: Job): void {
    slot.job = job;
    slot.timer = setTimeout(() => this.onTimeout(slot, job), job.timeoutMs + job.graceMs);
    const message: IsolateJob = { id: job.id, block: job.block, opts: job.opts, lint: job.lint };
    slot.worker.postMessage(message);
  }

  private release(slot: Slot): Job | undefined {
    const job = slot.job;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.job = undefined;
    return job;
  }

  private onMessage(slot: Slot, m: IsolateReply): void {
    if ('ready' in m) {
      slot.ready = true;
      this.startFailures = 0;
      this.pump();
      return;
    }
    const job = slot.job;
    if (!job || job.id !== m.id) return;
    this.release(slot);
    if ('result' in m) job.done(m.result);
    else job.done(failed(job, errorAt(job, positionOf(slot, job), 'DT204', `internal error: ${m.crash}`)));
    this.pump();
  }

  private onTimeout(slot: Slot, job: Job): void {
    if (slot.job !== job) return;
    const pos = positionOf(slot, job);
    this.retire(slot);
    const secs = job.timeoutMs / 1000;
    job.done(
      failed(
        job,
        errorAt(job, pos, 'DT306', `block exceeded the time limit of ${secs} s and was stopped`, 'One operation ran too long to be interrupted (a regular expression that backtracks, say). Raise the limit with --timeout, or make the block do less work.'),
      ),
    );
    this.pump();
  }

  private onDeath(slot: Slot, e?: Error & { code?: string }): void {
    if (slot.stopping || !this.slots.includes(slot)) return;
    const wasReady = slot.ready;
    const job = slot.job;
    const pos = job ? positionOf(slot, job) : undefined;
    this.retire(slot);
    if (job && pos) {
      const oom = e?.code === 'ERR_WORKER_OUT_OF_MEMORY';
      job.done(
        failed(
          job,
          oom
            ? errorAt(job, pos, 'DT305', 'block ran out of memory and was stopped', 'Tables and lists are limited in size; make the block build less.')
            : errorAt(job, pos, 'DT204', `internal error: the evaluation worker stopped${e ? ` (${e.message})` : ''}`),
        ),
      );
    }
    if (!wasReady && ++this.startFailures >= 3) {
      // Workers cannot start here: fail what is queued rather than retrying forever.
      for (const j of this.queue.splice(0)) j.done(failed(j, errorAt(j, { line: j.block.line, col: j.block.col }, 'DT204', `internal error: cannot start an evaluation worker${e ? ` (${e.message})` : ''}`)));
    }
    this.pump();
  }

  /** Stops a worker and forgets it; a new one is started when work is waiting. */
  private retire(slot: Slot): void {
    this.release(slot);
    slot.stopping = true;
    this.slots.splice(this.slots.indexOf(slot), 1);
    void slot.worker.terminate();
  }
}

let shared: IsolatePool | undefined;

/** The process-wide pool (started on first use; `size` applies to that first use only). */
export function isolatePool(size?: number): IsolatePool {
  return (shared ??= size && size > 0 ? new IsolatePool(Math.floor(size)) : new IsolatePool());
}

/** Evaluates blocks on the shared pool, in parallel; results in the order of `blocks`. */
export function evaluateBlocksIsolated(blocks: readonly DirectiveBlock[], opts: IsolateOptions = {}, poolSize?: number): Promise<BlockResult[]> {
  const pool = isolatePool(poolSize);
  return Promise.all(blocks.map((b) => pool.evaluate(b, opts)));
}

/** Stops the shared pool's workers (tests; a command that wants to exit at once). */
export async function closeIsolatePool(): Promise<void> {
  const pool = shared;
  shared = undefined;
  await pool?.close();
}
