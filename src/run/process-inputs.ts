/**
 * Runs every input file through the pipeline in a pool of worker threads, journaling each completed
 * file (see journal.ts) as soon as it is done. Returns the per-file outcomes in input order; the
 * records stay in the journal until they are assembled.
 *
 * Even `--jobs 1` uses one worker thread: the pipeline is synchronous CPU work, and a main thread
 * busy with it could neither redraw progress nor act on Ctrl-C until the file was done.
 */
import { promises as fs } from 'node:fs';
import { RunJournal, hashInputs, serializeRecords, type FileDone, type FileOutcome, type RecordsChunk } from './journal';
import { TIMEOUT_REASON, WorkerPool, type ChunkSink } from './pool';
import { createProgress, type ProgressMode, type ProgressReporter } from './progress';
import { ensureCompactDictionary } from '../extract/segmenter-dictionary';

/**
 * A file's default time budget: generous — 10 minutes, plus 10 s per MB for large files (the
 * pipeline's slowest text, dense with figures, runs at about 0.5 MB/s on one core).
 * --file-timeout sets a fixed budget instead.
 */
export const DEFAULT_FILE_TIMEOUT_MS = 600_000;
export const DEFAULT_BUDGET_PER_MB_MS = 10_000;

export interface ProcessInputsOptions {
  files: readonly string[];
  out: string;
  resume: boolean;
  published: string | null;
  /** The rule set's hash: it identifies the job in the journal. */
  rulesHash: string;
  /** The worker threads, from startWorkers; closed when the run ends. */
  workers: WorkerPool;
  zhstatVersion: string;
  progress: ProgressMode;
  log: (line: string) => void;
  /** On SIGINT/SIGTERM, stop the workers, say how to resume, and exit (the CLI sets this; library callers need not). */
  exitOnInterrupt?: boolean;
}

export interface ProcessedInputs {
  /** Holds every file, in input order. */
  journal: RunJournal;
  /** One per input file, in input order. */
  outcomes: FileOutcome[];
  /** How many files a previous, interrupted run had already completed. */
  resumedFiles: number;
  /** Resuming: journaled inputs found changed, hence redone. */
  changedInputs: number;
}

/**
 * How far past the next file to journal work may run ahead. Files are journaled in input order,
 * so those done early wait in memory until the files before them are in: this bounds them.
 */
const AHEAD_OF_JOURNAL = 64;

const STAT_CONCURRENCY = 64;

async function fileSizes(files: readonly string[]): Promise<number[]> {
  const sizes = new Array<number>(files.length).fill(0);
  for (let start = 0; start < files.length; start += STAT_CONCURRENCY) {
    const batch = files.slice(start, start + STAT_CONCURRENCY);
    const stats = await Promise.all(batch.map((f) => fs.stat(f).catch(() => null)));
    stats.forEach((s, i) => (sizes[start + i] = s?.size ?? 0));
  }
  return sizes;
}

/** A file whose worker thread died: a failed report, journaled like any other so a resume does not retry it forever. */
function crashedFile(file: string, reason: string): FileDone {
  return serializeRecords({
    report: { file, status: 'failed' as const, reason: reason.startsWith(TIMEOUT_REASON) ? reason : `worker crashed: ${reason}`, encoding: null, format: null, articles: 0, records: 0, flagged: 0, invalid: [], published: null },
    records: [],
    sidecarError: null,
  });
}

/**
 * Starts a run's first worker thread. It loads the segmenter dictionary, which takes a few hundred
 * ms, while the caller finds the inputs and validates the rules; the caller then grows the pool to
 * as many workers as the inputs call for (WorkerPool.grow) and hands them the rules
 * (WorkerPool.provideRules), which files wait for.
 */
export async function startWorkers(options: { published: string | null; fileTimeoutMs?: number }): Promise<WorkerPool> {
  const setup = { dictionary: ensureCompactDictionary(), published: options.published };
  const fixed = options.fileTimeoutMs !== undefined;
  return new WorkerPool(1, setup, async (task, reason) => crashedFile(task.file, reason), undefined, options.fileTimeoutMs ?? DEFAULT_FILE_TIMEOUT_MS, fixed ? 0 : DEFAULT_BUDGET_PER_MB_MS);
}

export async function processInputs(options: ProcessInputsOptions): Promise<ProcessedInputs> {
  const { files } = options;
  const identity = {
    zhstat: options.zhstatVersion,
    rulesHash: options.rulesHash,
    inputsHash: hashInputs(files),
    inputCount: files.length,
    published: options.published,
  };
  const { journal, resumed } = await RunJournal.open(options.out, identity, options.resume).catch(async (err: unknown) => {
    await options.workers.close();
    throw err;
  });
  if (options.resume && !resumed) options.log('zhstat: nothing to resume here; starting from the beginning');

  const outcomes = new Array<FileOutcome | undefined>(files.length);
  for (const [index, outcome] of journal.completed) outcomes[index] = outcome;
  const pending: number[] = [];
  for (let i = journal.nextIndex; i < files.length; i++) pending.push(i);

  const sizes = await fileSizes(files);
  const doneIndices = [...journal.completed.keys()];
  const already = {
    files: doneIndices.length,
    bytes: doneIndices.reduce((n, i) => n + sizes[i], 0),
    records: doneIndices.reduce((n, i) => n + (outcomes[i]?.report.records ?? 0), 0),
  };
  if (resumed) {
    const changed = journal.changedInputs;
    const redo = changed.length === 0 ? '' : `; ${changed.length} input${changed.length === 1 ? '' : 's'} changed since ${changed.length === 1 ? 'it was' : 'they were'} read (${changed.slice(0, 3).join(', ')}${changed.length > 3 ? ', …' : ''}): redone`;
    options.log(`zhstat: resuming: ${already.files} of ${files.length} files already done, ${pending.length} to go${redo}`);
  }

  const progress = createProgress({
    mode: options.progress,
    totals: { files: files.length, bytes: sizes.reduce((a, b) => a + b, 0) },
    already,
    writeLine: options.log,
    stream: process.stderr,
  });
  const pool = options.workers;
  let stopPartial = () => {};
  const stopInterrupt = options.exitOnInterrupt ? onInterrupt(progress, pool, journal, options.log) : () => undefined;
  try {
    // Bytes done within the files the workers are on: a large file moves the progress as it goes.
    const partial = setInterval(() => progress.inProgress(pool.bytesInProgress()), 1000);
    partial.unref();
    stopPartial = () => clearInterval(partial);
    if (pending.length > 0) await runInOrder(pool, files, sizes, journal, (index, outcome) => {
      outcomes[index] = outcome;
      progress.fileDone(sizes[index], outcome.report.records);
    });
  } catch (err) {
    await journal.close();
    throw err;
  } finally {
    stopPartial();
    stopInterrupt();
    progress.stop();
    await pool.close();
  }
  return { journal, outcomes: outcomes as FileOutcome[], resumedFiles: already.files, changedInputs: journal.changedInputs.length };
}

/**
 * Sends the files from the journal's next one onwards to the pool — never more than
 * AHEAD_OF_JOURNAL past the next to journal — and journals each, in input order, as soon as it
 * and the files before it are done. Resolves when all are journaled; rejects on the first failure.
 */
function runInOrder(pool: WorkerPool, files: readonly string[], sizes: readonly number[], journal: RunJournal, journaled: (index: number, outcome: FileOutcome) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = new Map<number, FileDone>();
    // Chunks of files that are not next to journal yet, in the order they came.
    const held = new Map<number, RecordsChunk[]>();
    let nextToSend = journal.nextIndex;
    let failed = false;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      reject(err);
    };
    // The next file's chunks go straight into the journal; the others wait for the files before them.
    const writeChunk = (index: number, chunk: RecordsChunk) => {
      journal.appendChunk(index, chunk);
      pool.release(chunk);
    };
    const sinkFor = (index: number): ChunkSink => ({
      chunk: (chunk) => {
        if (failed) return;
        if (index !== journal.nextIndex) {
          const list = held.get(index);
          if (list) list.push(chunk);
          else held.set(index, [chunk]);
          return;
        }
        try {
          writeChunk(index, chunk);
        } catch (err) {
          fail(err);
        }
      },
      reset: () => {
        held.delete(index);
        if (failed || index !== journal.nextIndex) return;
        try {
          journal.discardChunks();
        } catch (err) {
          fail(err);
        }
      },
    });
    const send = () => {
      while (!failed && nextToSend < files.length && nextToSend < journal.nextIndex + AHEAD_OF_JOURNAL) {
        const index = nextToSend++;
        pool.run({ index, file: files[index], bytes: sizes[index] }, sinkFor(index)).then((result) => {
          done.set(index, result);
          appendReady();
        }, fail);
      }
    };
    // Journals, in order, every file done whose predecessors are journaled; each frees room for more
    // work. The chunks of the file that becomes next are written as soon as it is.
    const appendReady = () => {
      try {
        while (!failed) {
          const index = journal.nextIndex;
          const chunks = held.get(index);
          if (chunks) {
            held.delete(index);
            for (const chunk of chunks) writeChunk(index, chunk);
          }
          const result = done.get(index);
          if (result === undefined) break;
          done.delete(index);
          journal.append(index, result);
          pool.release(result);
          journaled(index, result.outcome);
          send();
        }
      } catch (err) {
        fail(err);
        return;
      }
      if (!failed && journal.nextIndex === files.length) resolve();
    };
    send();
  });
}

/** Installs SIGINT/SIGTERM handlers for the duration of the run; returns their remover. */
function onInterrupt(progress: ProgressReporter, pool: WorkerPool, journal: RunJournal, log: (line: string) => void): () => void {
  const handler = (signal: NodeJS.Signals) => {
    progress.stop();
    log(`zhstat: interrupted (${signal}); completed files are journaled in ${journal.dir}: run the same command with --resume to finish`);
    void Promise.all([pool.close(), journal.close()]).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
  return () => {
    process.removeListener('SIGINT', handler);
    process.removeListener('SIGTERM', handler);
  };
}
