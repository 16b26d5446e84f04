/**
 * The run journal: `<out>/.zhstat-run/`, the spool that makes a long run streaming and resumable.
 *
 * Files are journaled in input order, each as soon as it and every file before it are done (a large
 * file's records come in chunks while it is read, and those of the next file to journal are written
 * as they come: see RecordsChunk):
 *   - `records.part` holds their records, one JSON line each, exactly as records.jsonl will;
 *   - `review.part` holds those of them that need review, exactly as review.jsonl will;
 *   - `progress.jsonl` gets one line per file, written after its records: the file's report, its
 *     records' ids, which of them need review, and the lengths both parts reached with it.
 * A run killed at any moment leaves a journal whose progress lines name a prefix of the inputs;
 * `--resume` keeps the lines whose records are whole in both parts (a line cut short, or records
 * cut short by a power loss, end the prefix), truncates all three files there, and goes on from it.
 * Writing the records once, into the files they end up in, in order, is what keeps the journal
 * cheap: no file per input to create, read back and delete, and a run without reviewers'
 * decisions to apply ends by renaming the two parts into place.
 */
import { createHash } from 'node:crypto';
import { createReadStream, ftruncateSync, promises as fs, readFileSync, writeSync } from 'node:fs';
import * as readline from 'node:readline';
import * as path from 'node:path';
import type { FileReport } from '../pipeline/types';
import { contentHash, type ExtractedFile, type InputFingerprint } from './extract-one';
import { FRESH_BUFFERS, type BufferSource } from './buffers';

export const JOURNAL_DIR_NAME = '.zhstat-run';
const JOURNAL_FORMAT = 3;
const IDENTITY_FILE = 'journal.json';
const RECORDS_PART = 'records.part';
const REVIEW_PART = 'review.part';
const PROGRESS_FILE = 'progress.jsonl';

/** What makes two runs the same job: resuming is only allowed when all of it matches. */
export interface RunIdentity {
  zhstat: string;
  rulesHash: string;
  /** sha256 of the input list, in input order: progress lines name positions in that list. */
  inputsHash: string;
  inputCount: number;
  published: string | null;
}

/** What the manifest needs to know about one processed file (its records stay on disk). */
export interface FileOutcome {
  report: FileReport;
  sidecarError: string | null;
  /** The input as it was read (absent for a file that could not be read). */
  fingerprint?: InputFingerprint;
}

/** One file's records as they go into the journal: what assembly needs without parsing them. */
export interface RecordsPayload {
  /** The records as JSONL (each line ends with "\n"), byte-identical to their records.jsonl lines (after any sent in chunks). */
  body: Uint8Array;
  /** The records' ids in order: lets assembly find the few records a reviewer decided on. */
  ids: string[];
  /** Positions, among these records, of those with review === 'needs_review'. */
  needsReview: number[];
  /** Those records' lines, as in `body`: this file's part of review.jsonl. */
  review: Uint8Array;
  /**
   * Bytes of this file's records, and of those that need review, sent before in chunks (see
   * RecordsChunk): `body` and `review` follow them. Zero: any chunks sent for the file are dropped.
   */
  emitted: { records: number; review: number };
}

export interface FileDone {
  outcome: FileOutcome;
  payload: RecordsPayload;
}

/** A journaled file: its progress line. */
export interface JournaledFile extends FileOutcome {
  format: typeof JOURNAL_FORMAT;
  index: number;
  ids: string[];
  needsReview: number[];
  /** [start, end) of its records in records.part. */
  start: number;
  end: number;
  /** [reviewStart, reviewEnd) of its records that need review in review.part. */
  reviewStart: number;
  reviewEnd: number;
}

/** How many records the journaled files hold, and how many of them need review. */
export interface JournalTotals {
  records: number;
  review: number;
}

const encoder = new TextEncoder();

/**
 * Part of a file's records sent ahead of the rest, while the worker goes on with the file: a large
 * file's records go to the journal a chunk at a time rather than all at its end.
 */
export interface RecordsChunk {
  /** Whole JSONL lines, as in RecordsPayload.body. */
  body: Uint8Array;
  /** Those of them that need review, as in RecordsPayload.review. */
  review: Uint8Array;
}

/** A worker sends a chunk once its records reach this size: small files send none. */
export const CHUNK_BYTES = 1 << 20;
const INITIAL_BODY_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

/**
 * Serialises one file's records as they are built, into buffers from `buffers`: each record is
 * encoded straight into one growing buffer (joining lines into one string first and encoding that
 * would cost a second copy of every record). With `emit`, the lines written so far go out as a
 * chunk whenever they reach `chunkBytes`, and only the file's ids are kept; `finish` gives the rest.
 */
export class RecordsSerializer {
  private bytes: Uint8Array | null = null;
  private used = 0;
  /** Where each line of the current chunk starts, and which of its lines need review. */
  private lineStarts: number[] = [];
  private reviewLines: number[] = [];
  private readonly ids: string[] = [];
  private readonly needsReview: number[] = [];
  private readonly emitted = { records: 0, review: 0 };

  constructor(
    private readonly buffers: BufferSource = FRESH_BUFFERS,
    private readonly emit: ((chunk: RecordsChunk) => void) | null = null,
    private readonly chunkBytes = CHUNK_BYTES,
  ) {}

  add(records: readonly { id: string; review: string }[]): void {
    for (const record of records) {
      if (record.review === 'needs_review') {
        this.needsReview.push(this.ids.length);
        this.reviewLines.push(this.lineStarts.length);
      }
      this.ids.push(record.id);
      this.lineStarts.push(this.used);
      const line = JSON.stringify(record);
      // UTF-8 takes at most 3 bytes per UTF-16 unit; + 1 for the newline.
      const worstCase = line.length * 3 + 1;
      let bytes = this.bytes ?? new Uint8Array(this.buffers.take(Math.max(INITIAL_BODY_BYTES, worstCase)));
      if (this.used + worstCase > bytes.length) {
        const grown = new Uint8Array(this.buffers.take(Math.max(bytes.length * 2, this.used + worstCase)));
        grown.set(bytes.subarray(0, this.used));
        this.buffers.keep(bytes.buffer as ArrayBuffer);
        bytes = grown;
      }
      this.bytes = bytes;
      this.used += encoder.encodeInto(line, bytes.subarray(this.used)).written;
      bytes[this.used++] = NEWLINE;
    }
    if (this.emit !== null && this.used >= this.chunkBytes) {
      const chunk = this.takeChunk();
      this.emitted.records += chunk.body.length;
      this.emitted.review += chunk.review.length;
      this.emit(chunk);
    }
  }

  /**
   * The file's result: its outcome, the lines not yet sent and every record's id. A failed file
   * has no records: the chunks sent for it are to be dropped (emitted says none belong to it).
   */
  finish(extracted: ExtractedFile): FileDone {
    const outcome: FileOutcome = extracted.fingerprint
      ? { report: extracted.report, sidecarError: extracted.sidecarError, fingerprint: extracted.fingerprint }
      : { report: extracted.report, sidecarError: extracted.sidecarError };
    if (extracted.report.status === 'failed') {
      return { outcome, payload: { body: new Uint8Array(0), ids: [], needsReview: [], review: new Uint8Array(0), emitted: { records: 0, review: 0 } } };
    }
    const { body, review } = this.takeChunk();
    return { outcome, payload: { body, ids: this.ids, needsReview: this.needsReview, review, emitted: { ...this.emitted } } };
  }

  /** The lines written since the last chunk, in buffers of their own (which can be transferred to another thread). */
  private takeChunk(): RecordsChunk {
    const body = this.bytes === null ? new Uint8Array(0) : this.bytes.subarray(0, this.used);
    const review = copyLines(body, this.lineStarts, this.reviewLines, this.buffers);
    this.bytes = null;
    this.used = 0;
    this.lineStarts = [];
    this.reviewLines = [];
    return { body, review };
  }
}

/** Lines `picked` (positions, ascending) of a JSONL body, copied into a buffer of their own. */
function copyLines(body: Uint8Array, lineStarts: readonly number[], picked: readonly number[], buffers: BufferSource): Uint8Array {
  const lineEnd = (line: number) => (line + 1 < lineStarts.length ? lineStarts[line + 1] : body.length);
  const size = picked.reduce((n, line) => n + lineEnd(line) - lineStarts[line], 0);
  // Nothing to review: an empty buffer of its own, rather than a kept one held for nothing.
  const copy = size === 0 ? new Uint8Array(0) : new Uint8Array(buffers.take(size), 0, size);
  let used = 0;
  for (const line of picked) {
    copy.set(body.subarray(lineStarts[line], lineEnd(line)), used);
    used += lineEnd(line) - lineStarts[line];
  }
  return copy;
}

/**
 * Serialises one file's result for the journal (in a worker thread: the records never cross threads
 * as objects), into buffers from `buffers`.
 */
export function serializeRecords(extracted: ExtractedFile, buffers: BufferSource = FRESH_BUFFERS): FileDone {
  const serializer = new RecordsSerializer(buffers);
  serializer.add(extracted.records);
  return serializer.finish(extracted);
}

/** The buffers of a FileDone or a chunk, handed over to the receiving thread rather than copied. */
export function transferables(done: FileDone | RecordsChunk): ArrayBuffer[] {
  const { body, review } = 'payload' in done ? done.payload : done;
  return [body.buffer as ArrayBuffer, review.buffer as ArrayBuffer];
}

export function hashInputs(files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const f of files) hash.update(f).update('\0');
  return hash.digest('hex').slice(0, 16);
}

export function journalDir(out: string): string {
  return path.join(out, JOURNAL_DIR_NAME);
}

/** How many files the journal in `out` holds (progress lines): for watching a run from outside. */
export function journaledFileCount(out: string): number {
  try {
    return readFileSync(path.join(journalDir(out), PROGRESS_FILE), 'utf8').split('\n').length - 1;
  } catch {
    return 0;
  }
}

export class RunJournal {
  /** Bytes of the next file's records (and of those needing review) written ahead in chunks. */
  private partial = { records: 0, review: 0 };

  private constructor(
    readonly dir: string,
    /** Outcomes of the files a previous, interrupted run journaled, by input index (empty unless resuming). */
    readonly completed: Map<number, FileOutcome>,
    /** How many files are journaled, and where they end in the parts. Nothing more is kept in
     * memory, however many files there are: assembly reads the progress lines back if it must. */
    private count: number,
    private ends: PartEnds,
    private readonly counted: JournalTotals,
    private readonly recordsPart: fs.FileHandle,
    private readonly reviewPart: fs.FileHandle,
    private readonly progress: fs.FileHandle,
    /** Resuming: the journaled inputs that changed since (redone, with every file after the first of them). */
    readonly changedInputs: readonly string[] = [],
  ) {}

  /**
   * Opens the journal for a run. Without `resume`, a leftover journal is discarded. With it, the
   * journal must belong to the same job (same rules, inputs, options), else a JournalMismatch is
   * thrown; without any journal the run simply starts from the beginning.
   */
  static async open(out: string, identity: RunIdentity, resume: boolean): Promise<{ journal: RunJournal; resumed: boolean }> {
    const dir = journalDir(out);
    if (resume) {
      const previous = await readIdentity(dir);
      if (previous !== null) {
        const mismatch = describeMismatch(previous, identity);
        if (mismatch !== null) throw new JournalMismatch(`${dir} belongs to a different run (${mismatch}); rerun without --resume to start over`);
        const kept = await keepWholeFiles(dir, identity.inputCount);
        return { journal: await RunJournal.openFiles(dir, kept.outcomes, kept.ends, kept.totals, kept.changed), resumed: true };
      }
    }
    await fs.rm(dir, { recursive: true, force: true });
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, IDENTITY_FILE), JSON.stringify({ format: JOURNAL_FORMAT, ...identity }, null, 2) + '\n');
    return { journal: await RunJournal.openFiles(dir, new Map(), { records: 0, review: 0 }, { records: 0, review: 0 }), resumed: false };
  }

  private static async openFiles(dir: string, completed: Map<number, FileOutcome>, ends: PartEnds, totals: JournalTotals, changed: readonly string[] = []): Promise<RunJournal> {
    const recordsPart = await fs.open(path.join(dir, RECORDS_PART), 'a');
    const reviewPart = await fs.open(path.join(dir, REVIEW_PART), 'a');
    const progress = await fs.open(path.join(dir, PROGRESS_FILE), 'a');
    return new RunJournal(dir, completed, completed.size, ends, { ...totals }, recordsPart, reviewPart, progress, changed);
  }

  /** The index the next journaled file must have: files are journaled in input order. */
  get nextIndex(): number {
    return this.count;
  }

  get recordsPath(): string {
    return path.join(this.dir, RECORDS_PART);
  }

  get reviewPath(): string {
    return path.join(this.dir, REVIEW_PART);
  }

  /** The records of the journaled files, and how many need review. */
  get totals(): JournalTotals {
    return { ...this.counted };
  }

  /**
   * Journals file `index`, which must be the next in input order: its records, then its progress
   * line. The writes are synchronous: three writes to the page cache per file cost this thread less
   * than asynchronous ones, each a round trip through libuv's thread pool (per 100 MB, about a
   * third of a second of this thread's CPU and a second of the pool's, which compete with the
   * workers for the cores).
   */
  append(index: number, done: FileDone): void {
    if (index !== this.count) throw new Error(`journal: file ${index} arrived out of order (expected ${this.count})`);
    const { body, ids, needsReview, review, emitted } = done.payload;
    if (emitted.records !== this.partial.records || emitted.review !== this.partial.review) {
      // A file that failed after sending chunks has none: they are dropped.
      if (emitted.records !== 0 || emitted.review !== 0) throw new Error(`journal: file ${index} sent ${this.partial.records} bytes of records ahead, its result says ${emitted.records}`);
      this.discardChunks();
    }
    writeAll(this.recordsPart, body);
    writeAll(this.reviewPart, review);
    const start = this.ends.records;
    const reviewStart = this.ends.review;
    const line: JournaledFile = {
      format: JOURNAL_FORMAT, index, ...done.outcome, ids, needsReview,
      start, end: start + emitted.records + body.length, reviewStart, reviewEnd: reviewStart + emitted.review + review.length,
    };
    writeAll(this.progress, Buffer.from(JSON.stringify(line) + '\n'));
    this.count++;
    this.ends = { records: line.end, review: line.reviewEnd };
    this.partial = { records: 0, review: 0 };
    this.counted.records += ids.length;
    this.counted.review += needsReview.length;
  }

  /**
   * Writes part of file `index`'s records ahead of its result (see RecordsChunk); `index` must be
   * the next file. Until its progress line is written they are not journaled: a resume cuts them off.
   */
  appendChunk(index: number, chunk: RecordsChunk): void {
    if (index !== this.count) throw new Error(`journal: a chunk of file ${index} arrived out of order (expected ${this.count})`);
    writeAll(this.recordsPart, chunk.body);
    writeAll(this.reviewPart, chunk.review);
    this.partial.records += chunk.body.length;
    this.partial.review += chunk.review.length;
  }

  /** Drops the chunks written of the next file (its worker died, or the file failed midway). */
  discardChunks(): void {
    if (this.partial.records === 0 && this.partial.review === 0) return;
    ftruncateSync(this.recordsPart.fd, this.ends.records);
    ftruncateSync(this.reviewPart.fd, this.ends.review);
    this.partial = { records: 0, review: 0 };
  }

  /** The journaled files in input order, read back from the progress lines one at a time. */
  async *files(): AsyncGenerator<JournaledFile> {
    const lines = readline.createInterface({ input: createReadStream(path.join(this.dir, PROGRESS_FILE), 'utf8'), crlfDelay: Infinity });
    let index = 0;
    for await (const line of lines) {
      if (index >= this.count) break;
      const file = JSON.parse(line) as JournaledFile;
      if (file.index !== index++) throw new Error(`journal: progress line for file ${file.index} where ${index - 1} was expected`);
      yield file;
    }
  }

  /** Flushes both parts to disk: before they are renamed into place as the outputs. */
  async syncParts(): Promise<void> {
    await Promise.all([this.recordsPart.sync(), this.reviewPart.sync()]);
  }

  /** Closes the journal's files (before assembling from them, or when a run stops). */
  async close(): Promise<void> {
    await Promise.allSettled([this.recordsPart.close(), this.reviewPart.close(), this.progress.close()]);
  }

  /** Called once the final outputs are in place. */
  async remove(): Promise<void> {
    await this.close();
    await fs.rm(this.dir, { recursive: true, force: true });
  }
}

/** Appends all of `bytes` to an open file (a write may take only part of them). */
function writeAll(file: fs.FileHandle, bytes: Uint8Array): void {
  for (let written = 0; written < bytes.length; ) written += writeSync(file.fd, bytes, written);
}

export class JournalMismatch extends Error {
  override name = 'JournalMismatch';
}

async function readIdentity(dir: string): Promise<(RunIdentity & { format: number }) | null> {
  const text = await fs.readFile(path.join(dir, IDENTITY_FILE), 'utf8').catch(() => null);
  if (text === null) return null;
  try {
    return JSON.parse(text) as RunIdentity & { format: number };
  } catch {
    // A journal whose identity was never fully written holds no completed file worth trusting.
    return null;
  }
}

function describeMismatch(previous: RunIdentity & { format: number }, current: RunIdentity): string | null {
  if (previous.format !== JOURNAL_FORMAT) return `journal format ${previous.format}, expected ${JOURNAL_FORMAT}`;
  if (previous.zhstat !== current.zhstat) return `written by zhstat ${previous.zhstat}, this is ${current.zhstat}`;
  if (previous.rulesHash !== current.rulesHash) return 'the rules changed';
  if (previous.inputCount !== current.inputCount || previous.inputsHash !== current.inputsHash) return 'the input files differ';
  if (previous.published !== current.published) return '--published differs';
  return null;
}

/** Where the journaled files end in records.part and review.part, in bytes. */
interface PartEnds {
  records: number;
  review: number;
}

function parseProgressLine(line: string, index: number, from: PartEnds): JournaledFile | null {
  try {
    const parsed = JSON.parse(line) as JournaledFile;
    const valid =
      parsed.format === JOURNAL_FORMAT && parsed.index === index &&
      parsed.start === from.records && parsed.end >= parsed.start &&
      parsed.reviewStart === from.review && parsed.reviewEnd >= parsed.reviewStart &&
      Array.isArray(parsed.ids) && Array.isArray(parsed.needsReview);
    return valid ? parsed : null;
  } catch {
    return null;
  }
}

/** Cuts `file` back to `bytes`, creating it empty if it is missing. */
async function truncateTo(file: string, bytes: number): Promise<void> {
  await fs.writeFile(file, '', { flag: 'a' });
  await fs.truncate(file, bytes);
}

/**
 * The journaled files a resumed run can trust: the longest run of whole progress lines, in input
 * order, whose records are all in records.part and review.part. All three files are cut back to
 * exactly those, so the files after them are redone and appended again.
 */
async function keepWholeFiles(dir: string, inputCount: number): Promise<{ outcomes: Map<number, FileOutcome>; ends: PartEnds; totals: JournalTotals; changed: string[] }> {
  const progressPath = path.join(dir, PROGRESS_FILE);
  const recordsPath = path.join(dir, RECORDS_PART);
  const reviewPath = path.join(dir, REVIEW_PART);
  const progressText = await fs.readFile(progressPath, 'utf8').catch(() => '');
  const sizeOf = async (file: string) => (await fs.stat(file).catch(() => null))?.size ?? 0;
  const onDisk: PartEnds = { records: await sizeOf(recordsPath), review: await sizeOf(reviewPath) };
  const outcomes = new Map<number, FileOutcome>();
  let ends: PartEnds = { records: 0, review: 0 };
  const totals: JournalTotals = { records: 0, review: 0 };
  const changed: string[] = [];
  let progressBytes = 0;
  for (let at = 0; at < progressText.length; ) {
    const newline = progressText.indexOf('\n', at);
    if (newline < 0) break; // a line cut short
    const file = parseProgressLine(progressText.slice(at, newline), outcomes.size, ends);
    if (file === null || file.index >= inputCount || file.end > onDisk.records || file.reviewEnd > onDisk.review) break;
    if (file.fingerprint && (await inputChanged(file.report.file, file.fingerprint))) {
      // The journal is a prefix of the inputs: this file and all after it are redone.
      changed.push(file.report.file);
      for (let next = newline + 1; next < progressText.length; ) {
        const end = progressText.indexOf('\n', next);
        if (end < 0) break;
        const later = parseLaterLine(progressText.slice(next, end));
        if (later?.fingerprint && (await inputChanged(later.report.file, later.fingerprint))) changed.push(later.report.file);
        next = end + 1;
      }
      break;
    }
    outcomes.set(file.index, { report: file.report, sidecarError: file.sidecarError, ...(file.fingerprint ? { fingerprint: file.fingerprint } : {}) });
    ends = { records: file.end, review: file.reviewEnd };
    totals.records += file.ids.length;
    totals.review += file.needsReview.length;
    progressBytes += Buffer.byteLength(progressText.slice(at, newline + 1));
    at = newline + 1;
  }
  await truncateTo(progressPath, progressBytes);
  await truncateTo(recordsPath, ends.records);
  await truncateTo(reviewPath, ends.review);
  return { outcomes, ends, totals, changed };
}

function parseLaterLine(line: string): JournaledFile | null {
  try {
    return JSON.parse(line) as JournaledFile;
  } catch {
    return null;
  }
}

/**
 * Whether `file` is no longer what was read: missing, or of another size, or of another mtime and
 * other content (a file only touched keeps its records).
 */
async function inputChanged(file: string, was: InputFingerprint): Promise<boolean> {
  const stat = await fs.stat(file).catch(() => null);
  if (stat === null || stat.size !== was.size) return true;
  if (stat.mtimeMs === was.mtimeMs) return false;
  const bytes = await fs.readFile(file).catch(() => null);
  return bytes === null || contentHash(bytes) !== was.sha256;
}
