/**
 * Progress of a run: a bar on a terminal, a plain line every few seconds when stderr is a pipe or
 * a CI log (a bar would fill it with carriage returns), nothing with --quiet.
 */
import { SingleBar } from 'cli-progress';

export type ProgressMode = 'bar' | 'lines' | 'none';

export interface ProgressTotals {
  files: number;
  bytes: number;
}

export interface ProgressState {
  files: number;
  bytes: number;
  records: number;
  /** Bytes already done when this process started (a resumed run): excluded from the speed. */
  resumedBytes: number;
  startedAt: number;
}

export interface ProgressReporter {
  fileDone(bytes: number, records: number): void;
  /** Bytes done of files not finished yet (a large file moves the progress before it is done). */
  inProgress(bytes: number): void;
  /** Removes the bar / stops the timer; safe to call twice. */
  stop(): void;
}

const LINE_INTERVAL_MS = 5000;

export function chooseProgressMode(quiet: boolean, isTerminal: boolean): ProgressMode {
  if (quiet) return 'none';
  return isTerminal ? 'bar' : 'lines';
}

/** Input megabytes per second processed by this process so far. */
export function throughput(state: ProgressState, now: number): number {
  const seconds = (now - state.startedAt) / 1000;
  return seconds > 0 ? (state.bytes - state.resumedBytes) / 1e6 / seconds : 0;
}

/** Seconds left at the current speed, or null before there is a speed to go by. */
export function etaSeconds(state: ProgressState, totals: ProgressTotals, now: number): number | null {
  const rate = throughput(state, now);
  if (rate <= 0) return null;
  return Math.max(0, (totals.bytes - state.bytes) / 1e6 / rate);
}

export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '?';
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export function formatProgressLine(state: ProgressState, totals: ProgressTotals, now: number): string {
  const percent = totals.bytes > 0 ? Math.floor((100 * state.bytes) / totals.bytes) : 100;
  return (
    `zhstat: ${state.files}/${totals.files} files (${percent}%), ${(state.bytes / 1e6).toFixed(1)}/${(totals.bytes / 1e6).toFixed(1)} MB, ` +
    `${throughput(state, now).toFixed(2)} MB/s, ${state.records} records, ETA ${formatDuration(etaSeconds(state, totals, now))}`
  );
}

export interface ProgressOptions {
  mode: ProgressMode;
  totals: ProgressTotals;
  /** Progress already made by an interrupted run being resumed. */
  already: { files: number; bytes: number; records: number };
  /** Where plain lines go (mode 'lines'). */
  writeLine: (line: string) => void;
  /** Where the bar is drawn (mode 'bar'). */
  stream: NodeJS.WriteStream;
  now?: () => number;
}

export function createProgress(options: ProgressOptions): ProgressReporter {
  const now = options.now ?? Date.now;
  const state: ProgressState = { ...options.already, resumedBytes: options.already.bytes, startedAt: now() };
  // state.bytes is the files done plus the bytes done of files in progress.
  let completeBytes = state.bytes;
  let partialBytes = 0;
  const { totals } = options;

  if (options.mode === 'none') {
    return { fileDone() {}, inProgress() {}, stop() {} };
  }

  if (options.mode === 'lines') {
    const timer = setInterval(() => options.writeLine(formatProgressLine(state, totals, now())), LINE_INTERVAL_MS);
    timer.unref();
    return {
      fileDone(bytes, records) {
        state.files++;
        completeBytes += bytes;
        state.bytes = completeBytes + partialBytes;
        state.records += records;
      },
      inProgress(bytes) {
        partialBytes = bytes;
        state.bytes = completeBytes + partialBytes;
      },
      stop() {
        clearInterval(timer);
      },
    };
  }

  // The bar's value is bytes, so its percentage and ETA weigh large files by their size.
  const bar = new SingleBar({
    stream: options.stream,
    format: 'zhstat [{bar}] {percentage}% | {filesDone}/{filesTotal} files | {speed} MB/s | {records} records | ETA {etaText}',
    barsize: 24,
    hideCursor: true,
    clearOnComplete: true,
    fps: 5,
  });
  const payload = () => {
    const t = now();
    return {
      filesDone: state.files,
      filesTotal: totals.files,
      speed: throughput(state, t).toFixed(2),
      records: state.records,
      etaText: formatDuration(etaSeconds(state, totals, t)),
    };
  };
  bar.start(Math.max(totals.bytes, 1), state.bytes, payload());
  let stopped = false;
  return {
    fileDone(bytes, records) {
      state.files++;
      completeBytes += bytes;
      state.bytes = completeBytes + partialBytes;
      state.records += records;
      bar.update(state.bytes, payload());
    },
    inProgress(bytes) {
      partialBytes = bytes;
      state.bytes = completeBytes + partialBytes;
      bar.update(state.bytes, payload());
    },
    stop() {
      if (stopped) return;
      stopped = true;
      bar.stop();
    },
  };
}
