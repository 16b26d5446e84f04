/**
 * A fixed pool of worker threads that process input files (see worker.ts). Tasks are handed out in
 * the order they are submitted, one at a time to whichever worker is free, so a slow file never
 * holds back the others and no worker queues more than it is working on.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RuleFileText } from '../rules/ruleset';
import type { FileOutcome } from './journal';

export interface WorkerSetup {
  ruleFiles: RuleFileText[];
  /** The segmenter dictionary the workers load (a compact one, to bound each worker's memory). */
  dictionary: string;
  published: string | null;
  entriesDir: string;
}

export interface WorkerTask {
  index: number;
  file: string;
}

export type WorkerReply = { index: number; outcome: FileOutcome } | { index: number; error: string };

/** A worker that dies on a file (e.g. out of memory) turns that file into a `failed` outcome through this callback. */
export type CrashHandler = (task: WorkerTask, reason: string) => Promise<FileOutcome>;

interface PendingTask {
  task: WorkerTask;
  resolve: (outcome: FileOutcome) => void;
  reject: (err: Error) => void;
}

interface PoolSlot {
  worker: Worker;
  current: PendingTask | null;
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
  private closed = false;

  constructor(
    size: number,
    private readonly setup: WorkerSetup,
    private readonly onCrash: CrashHandler,
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  run(task: WorkerTask): Promise<FileOutcome> {
    if (this.closed) return Promise.reject(new Error('worker pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ task, resolve, reject });
      this.dispatch();
    });
  }

  /** Stops every worker; tasks still queued or running are abandoned (their files have no journal entry). */
  async close(): Promise<void> {
    this.closed = true;
    this.queue.length = 0;
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private spawn(): PoolSlot {
    const slot: PoolSlot = { worker: new Worker(workerScriptPath(), { workerData: this.setup }), current: null };
    slot.worker.on('message', (reply: WorkerReply) => this.settle(slot, reply));
    slot.worker.on('error', (err) => this.crashed(slot, `${err.name}: ${err.message}`));
    slot.worker.on('exit', (code) => {
      if (!this.closed) this.crashed(slot, `worker thread exited with code ${code}`);
    });
    return slot;
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (slot.current !== null) continue;
      const next = this.queue.shift();
      if (next === undefined) return;
      slot.current = next;
      slot.worker.postMessage(next.task);
    }
  }

  private settle(slot: PoolSlot, reply: WorkerReply): void {
    const pending = slot.current;
    slot.current = null;
    if (pending !== null && pending.task.index === reply.index) {
      if ('outcome' in reply) pending.resolve(reply.outcome);
      else pending.reject(new Error(`processing ${pending.task.file} failed: ${reply.error}`));
    }
    this.dispatch();
  }

  /** Replaces a dead worker; the file it held becomes a failed outcome (and is not retried: it would kill the next one too). */
  private crashed(slot: PoolSlot, reason: string): void {
    const index = this.slots.indexOf(slot);
    if (index < 0 || this.closed) return;
    slot.worker.removeAllListeners();
    void slot.worker.terminate();
    const pending = slot.current;
    if (pending === null) {
      // Died while idle, e.g. while starting up: respawning would only die again, so the run fails.
      const failure = new Error(`a worker thread failed outside any file: ${reason}`);
      for (const queued of this.queue.splice(0)) queued.reject(failure);
      void this.close();
      return;
    }
    this.slots[index] = this.spawn();
    this.onCrash(pending.task, reason).then(pending.resolve, pending.reject);
    this.dispatch();
  }
}
