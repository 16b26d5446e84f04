/**
 * A fixed pool of worker threads that process input files (see worker.ts). Tasks are handed out in
 * the order they are submitted to whichever worker has room: each worker holds the file it works on
 * and the next, so when it finishes one it starts the next without waiting on this thread, and a
 * slow file holds back at most one other. (Files it has finished may still be waiting for their
 * journal entry to be written; those do not count.)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { ValidatedRules } from '../rules/compile';
import { transferables, type FileDone, type RecordsChunk } from './journal';
import type { SegmenterDictionary } from '../extract/segmenter-dictionary';

export interface WorkerSetup {
  /** The segmenter dictionary the workers load (a compact one, to bound each worker's memory). */
  dictionary: SegmenterDictionary;
  published: string | null;
}

/** What a file that took longer than the pool's time budget is failed with (see WorkerPool.fileTimeoutMs). */
export const TIMEOUT_REASON = 'timeout';

/** Where in WorkerData.processing a worker stores how many bytes of its current file it has done. */
export const PROGRESS_SLOT = 1;

export interface WorkerTask {
  index: number;
  file: string;
  /** The file's size in bytes, when known: the time budget grows with it (see WorkerPool.budgetPerMbMs). */
  bytes?: number;
  /** Whether the worker may send the file's records in chunks ahead of its result (set by WorkerPool.run). */
  chunks?: boolean;
}

/**
 * What the pool sends a worker: the rules (once, before any file; see provideRules), then files.
 * The buffers of the results it sent back go back on a channel of their own (WorkerData.recycle).
 */
export type WorkerMessage = { rules: ValidatedRules } | WorkerTask;

/** A file's result, part of its records sent ahead (see RecordsChunk), or the error that stopped the worker. */
export type WorkerReply = { index: number; done: FileDone } | { index: number; chunk: RecordsChunk } | { index: number; error: string };

/**
 * Where a task's chunks go as they arrive, before its result. `reset`: the worker died on the file,
 * so the chunks it sent are void (the file is retried, or failed).
 */
export interface ChunkSink {
  chunk(chunk: RecordsChunk): void;
  reset(): void;
}

/** What each worker thread is given: the setup, the rules if known yet, and where it writes the index of the file it is on. */
export interface WorkerData extends WorkerSetup {
  /** Given to a worker started after provideRules; the others are sent them. */
  rules: ValidatedRules | null;
  /**
   * Two Int32s in memory shared with the pool: the worker stores a file's index in the first as it
   * starts the file (-1 before the first), so the pool knows what a dead worker died on (a message
   * per file said the same, at a cost to the worker of 1% of its time); and in the second
   * (PROGRESS_SLOT) how many bytes of the file it has done.
   */
  processing: Int32Array;
  /** Where the worker finds the buffers of its results once they are journaled (see release and buffers.ts). */
  recycle: MessagePort;
}

/** Files a worker holds at once: the one it works on and the next. */
const FILES_HELD = 2;

/**
 * Each worker's heap (old generation) is capped: left alone, V8 lets it grow for a long run well
 * past what the pipeline keeps alive (about 25 MB), and the run's memory would grow with its input.
 * A file that needs more is retried in a worker with twice the cap, up to MAX_HEAP_MB: memory is
 * bounded by the largest file, not by the dump.
 */
export const WORKER_HEAP_MB = 128;
const MAX_HEAP_MB = 8192;

/**
 * The heap cap a file of `bytes` starts in: its normalized text stays in the heap while it is read
 * (two bytes a character: up to the file's size), with about 64 MB of work beside it. A file that
 * needs more still gets it by the retry; starting there spares a large file the attempts that would
 * die on the way (each decoding and normalizing it again). Not more: the larger the cap, the more
 * garbage V8 lets pile up before it collects, and the higher the process's peak memory.
 */
export function heapCapFor(bytes: number): number {
  const needMb = 64 + bytes / 1e6;
  let cap = WORKER_HEAP_MB;
  while (cap < needMb && cap < MAX_HEAP_MB) cap *= 2;
  return cap;
}
const OUT_OF_MEMORY = 'ERR_WORKER_OUT_OF_MEMORY';

/** A worker that dies on a file (e.g. out of memory) turns that file into a `failed` outcome through this callback. */
export type CrashHandler = (task: WorkerTask, reason: string) => Promise<FileDone>;

interface PendingTask {
  task: WorkerTask;
  sink: ChunkSink | null;
  resolve: (done: FileDone) => void;
  reject: (err: Error) => void;
}

interface PoolSlot {
  worker: Worker;
  /** The pool's end of WorkerData.recycle. */
  recycle: MessagePort;
  heapMb: number;
  /** Sent and not yet settled, in the order sent (the worker processes them in that order). */
  inFlight: PendingTask[];
  /** WorkerData.processing of this slot's worker. */
  processing: Int32Array;
  /** The file the worker was last seen on (WorkerData.processing) and since when (ms), for the time budget. */
  seenOn: number;
  seenSince: number;
}

/** Worker threads run compiled JS: beside this file in dist/, or dist/ when this module runs from src/ (ts-jest). */
export function workerScriptPath(): string {
  const beside = path.join(__dirname, 'worker.js');
  if (fs.existsSync(beside)) return beside;
  return path.resolve(__dirname, '..', '..', 'dist', 'run', 'worker.js');
}

export class WorkerPool {
  private readonly slots: PoolSlot[] = [];
  private readonly queue: PendingTask[] = [];
  /** Which worker each settled result or chunk came from, for release. */
  private readonly producedBy = new WeakMap<FileDone | RecordsChunk, PoolSlot>();
  private rules: ValidatedRules | null = null;
  private closed = false;
  private watchdog: NodeJS.Timeout | null = null;

  constructor(
    size: number,
    private readonly setup: WorkerSetup,
    private readonly onCrash: CrashHandler,
    /** The worker's code: dist/run/worker.js unless a test stands in its own. */
    private readonly script: string = workerScriptPath(),
    /**
     * A file's time budget: a worker still on one file after this long is stopped and the file
     * failed with TIMEOUT_REASON (its other files go to the replacement). Infinity: no budget.
     */
    private readonly fileTimeoutMs: number = Infinity,
    /** Added to the budget per MB of a task's `bytes`: a large file is given time in proportion. */
    private readonly budgetPerMbMs: number = 0,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn(WORKER_HEAP_MB));
    if (Number.isFinite(fileTimeoutMs)) {
      // Checked a few times per budget: a file is stopped at most a quarter of it late.
      this.watchdog = setInterval(() => this.enforceTimeBudget(), Math.max(10, Math.min(1000, fileTimeoutMs / 4)));
      this.watchdog.unref();
    }
  }

  /** Stops the workers that have been on one file for longer than the budget. */
  private enforceTimeBudget(): void {
    const now = Date.now();
    for (const slot of [...this.slots]) {
      const on = Atomics.load(slot.processing, 0);
      if (on !== slot.seenOn) {
        slot.seenOn = on;
        slot.seenSince = now;
        continue;
      }
      // (a worker whose file is settled is idle: its index stays until the next file)
      const task = on >= 0 ? slot.inFlight.find((p) => p.task.index === on)?.task : undefined;
      if (task === undefined) continue;
      const budget = this.fileTimeoutMs + (this.budgetPerMbMs * (task.bytes ?? 0)) / 1e6;
      if (now - slot.seenSince > budget) {
        this.crashed(slot, `${TIMEOUT_REASON}: still running after ${formatSeconds(budget)} (the --file-timeout budget); the run went on without it`);
      }
    }
  }

  /** Bytes done of the files the workers are on (unfinished): lets progress move within a large file. */
  bytesInProgress(): number {
    let bytes = 0;
    for (const slot of this.slots) {
      const on = Atomics.load(slot.processing, 0);
      if (on >= 0 && slot.inFlight.some((p) => p.task.index === on)) bytes += Math.max(0, Atomics.load(slot.processing, PROGRESS_SLOT));
    }
    return bytes;
  }

  /** Processes one file; its chunks, if any, go to `sink` before the result. */
  run(task: WorkerTask, sink: ChunkSink | null = null): Promise<FileDone> {
    if (this.closed) return Promise.reject(new Error('worker pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ task: { ...task, chunks: sink !== null }, sink, resolve, reject });
      this.dispatch();
    });
  }

  /** Starts more workers, up to `size` in all (a pool never shrinks). */
  grow(size: number): void {
    while (!this.closed && this.slots.length < size) this.slots.push(this.spawn(WORKER_HEAP_MB));
    this.dispatch();
  }

  /**
   * Sends every worker the rules, which the files submitted wait for. The workers start before the
   * caller has validated the rules, and load the segmenter dictionary meanwhile: compiling rules
   * already validated spares each worker the validator.
   */
  provideRules(rules: ValidatedRules): void {
    this.rules = rules;
    for (const slot of this.slots) slot.worker.postMessage({ rules } satisfies WorkerMessage);
    this.dispatch();
  }

  /**
   * Hands a result's (or a chunk's) buffers back to the worker that filled them, for its next files:
   * call it once they are written out and no longer read. Results the pool did not get from a live
   * worker (a crash's, or from a worker since replaced) are left to the garbage collector.
   */
  release(done: FileDone | RecordsChunk): void {
    const slot = this.producedBy.get(done);
    this.producedBy.delete(done);
    if (slot === undefined || this.closed || !this.slots.includes(slot)) return;
    const buffers = transferables(done);
    slot.recycle.postMessage(buffers, buffers);
  }

  /** Stops every worker; tasks still queued or running are abandoned (their files have no journal entry). */
  async close(): Promise<void> {
    this.closed = true;
    this.queue.length = 0;
    if (this.watchdog) clearInterval(this.watchdog);
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(heapMb: number): PoolSlot {
    // [0]: the index of the file the worker is on; [1]: the bytes of it done so far (PROGRESS_SLOT).
    const processing = new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT)).fill(-1);
    processing[PROGRESS_SLOT] = 0;
    const recycling = new MessageChannel();
    const workerData: WorkerData = { ...this.setup, rules: this.rules, processing, recycle: recycling.port2 };
    const worker = new Worker(this.script, { workerData, transferList: [recycling.port2], resourceLimits: { maxOldGenerationSizeMb: heapMb } });
    // (the worker reads the channel when it needs a buffer: it keeps no thread waiting)
    recycling.port1.unref();
    const slot: PoolSlot = { worker, recycle: recycling.port1, heapMb, inFlight: [], processing, seenOn: -1, seenSince: Date.now() };
    slot.worker.on('message', (reply: WorkerReply) => this.settle(slot, reply));
    slot.worker.on('error', (err: Error & { code?: string }) => this.crashed(slot, `${err.name}: ${err.message}`, err.code === OUT_OF_MEMORY));
    slot.worker.on('exit', (code) => {
      if (!this.closed) this.crashed(slot, `worker thread exited with code ${code}`);
    });
    return slot;
  }

  private dispatch(): void {
    if (this.rules === null) return;
    // One file to each worker with room before a second to any, so work spreads across threads.
    for (let sent = true; sent; ) {
      sent = false;
      for (let i = 0; i < this.slots.length; i++) {
        let slot = this.slots[i];
        if (slot.inFlight.length >= FILES_HELD) continue;
        const next = this.queue[0];
        if (next === undefined) return;
        const cap = heapCapFor(next.task.bytes ?? 0);
        if (cap > slot.heapMb) {
          // A large file waits for a worker with nothing to do, which is replaced by one with room for it.
          if (slot.inFlight.length > 0) continue;
          slot = this.replaceIdle(i, cap);
        }
        this.queue.shift();
        slot.inFlight.push(next);
        slot.worker.postMessage(next.task satisfies WorkerMessage);
        sent = true;
      }
    }
  }

  /** Replaces the idle worker of slot i by one with a heap cap of `heapMb`. */
  private replaceIdle(i: number, heapMb: number): PoolSlot {
    const old = this.slots[i];
    old.worker.removeAllListeners();
    old.recycle.close();
    void old.worker.terminate();
    const replacement = this.spawn(heapMb);
    this.slots[i] = replacement;
    return replacement;
  }

  private settle(slot: PoolSlot, reply: WorkerReply): void {
    const at = slot.inFlight.findIndex((p) => p.task.index === reply.index);
    if (at < 0) return;
    if ('chunk' in reply) {
      // (the worker sends chunks only for a task submitted with a sink: see WorkerTask.chunks)
      this.producedBy.set(reply.chunk, slot);
      slot.inFlight[at].sink?.chunk(reply.chunk);
      return;
    }
    const [pending] = slot.inFlight.splice(at, 1);
    if ('done' in reply) {
      this.producedBy.set(reply.done, slot);
      pending.resolve(reply.done);
    } else pending.reject(new Error(`processing ${pending.task.file} failed: ${reply.error}`));
    this.dispatch();
  }

  /**
   * Replaces a dead worker. The file it was processing becomes a failed outcome (and is not retried:
   * it would kill the next one too), unless it ran out of memory under a cap that can still grow:
   * then it goes first to a worker with twice the cap. The files the worker held besides are handed
   * out again first.
   */
  private crashed(slot: PoolSlot, reason: string, outOfMemory = false): void {
    const index = this.slots.indexOf(slot);
    if (index < 0 || this.closed) return;
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    // A file whose result came back is settled and no longer in flight: the worker died after it.
    const diedOn = Atomics.load(slot.processing, 0);
    const culprit = slot.inFlight.find((p) => p.task.index === diedOn) ?? null;
    if (culprit === null) {
      // Died outside any file, e.g. while starting up: respawning would only die again, so the run fails.
      const failure = new Error(`a worker thread failed outside any file: ${reason}`);
      for (const queued of [...slot.inFlight, ...this.queue.splice(0)]) queued.reject(failure);
      void this.close();
      return;
    }
    this.queue.unshift(...slot.inFlight.filter((p) => p !== culprit));
    culprit.sink?.reset();
    const retry = outOfMemory && slot.heapMb < MAX_HEAP_MB;
    const replacement = this.spawn(retry ? Math.min(MAX_HEAP_MB, slot.heapMb * 2) : slot.heapMb);
    this.slots[index] = replacement;
    if (retry) {
      // Straight to the bigger worker: any other could be as small as the one it died in.
      replacement.inFlight.push(culprit);
      replacement.worker.postMessage(culprit.task);
    } else this.onCrash(culprit.task, reason).then(culprit.resolve, culprit.reject);
    this.dispatch();
  }
}

function formatSeconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}
