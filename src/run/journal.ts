/**
 * The run journal: `<out>/.zhstat-run/`, the spool that makes a long run streaming and resumable.
 *
 * Every completed input leaves one entry, `done/<index>.jsonl`: a header line (the file's report)
 * followed by its records, one JSON line each, exactly as they will appear in records.jsonl. An
 * entry is written to a temp name and renamed, so it either exists whole or not at all; a file
 * interrupted half-way has no entry and is redone on `--resume`. The header carries the byte
 * length of the records that follow, so an entry cut short by a power loss (rename landed, data
 * did not) is recognised and redone too. The journal only ever holds one file's records in memory.
 */
import { createHash } from 'node:crypto';
import { promises as fs, renameSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { threadId } from 'node:worker_threads';
import type { FileReport } from '../pipeline/types';
import type { ExtractedFile } from './extract-one';

export const JOURNAL_DIR_NAME = '.zhstat-run';
const JOURNAL_FORMAT = 1;
const IDENTITY_FILE = 'journal.json';
const ENTRIES_DIR = 'done';
const TEMP_SUFFIX = '.tmp';

/** What makes two runs the same job: resuming is only allowed when all of it matches. */
export interface RunIdentity {
  zhstat: string;
  rulesHash: string;
  /** sha256 of the input list, in input order: entry names are positions in that list. */
  inputsHash: string;
  inputCount: number;
  published: string | null;
}

/** What the manifest needs to know about one processed file (its records stay on disk). */
export interface FileOutcome {
  report: FileReport;
  sidecarError: string | null;
}

export interface EntryHeader extends FileOutcome {
  format: typeof JOURNAL_FORMAT;
  index: number;
  /** Positions, among this file's records, of those with review === 'needs_review': review.jsonl is assembled without parsing records. */
  needsReview: number[];
  /** The records' ids in order: lets assembly find the few records a reviewer decided on without parsing the rest. */
  ids: string[];
  /** Byte length of the record lines after the header line. */
  bodyBytes: number;
}

export interface JournalEntry {
  header: EntryHeader;
  /** The file's records as JSONL (each line ends with "\n"), byte-identical to their records.jsonl lines. */
  body: Buffer;
}

export function hashInputs(files: readonly string[]): string {
  const hash = createHash('sha256');
  for (const f of files) hash.update(f).update('\0');
  return hash.digest('hex').slice(0, 16);
}

export function journalDir(out: string): string {
  return path.join(out, JOURNAL_DIR_NAME);
}

function entryName(index: number): string {
  return `${String(index).padStart(8, '0')}.jsonl`;
}

/** One file's result as journal entry bytes, and what the manifest needs of it. */
function serializeEntry(entriesDir: string, index: number, extracted: ExtractedFile): { outcome: FileOutcome; target: string; temp: string; bytes: string } {
  const body = extracted.records.map((r) => JSON.stringify(r) + '\n').join('');
  const needsReview: number[] = [];
  extracted.records.forEach((r, i) => {
    if (r.review === 'needs_review') needsReview.push(i);
  });
  const outcome: FileOutcome = { report: extracted.report, sidecarError: extracted.sidecarError };
  const ids = extracted.records.map((r) => r.id);
  const header: EntryHeader = { format: JOURNAL_FORMAT, index, ...outcome, needsReview, ids, bodyBytes: Buffer.byteLength(body) };
  const target = path.join(entriesDir, entryName(index));
  const temp = `${target}.${process.pid}.${threadId}${TEMP_SUFFIX}`;
  return { outcome, target, temp, bytes: JSON.stringify(header) + '\n' + body };
}

/** Serialises one file's result into a journal entry and stores it atomically; returns what the manifest needs. */
export async function writeJournalEntry(entriesDir: string, index: number, extracted: ExtractedFile): Promise<FileOutcome> {
  const entry = serializeEntry(entriesDir, index, extracted);
  await fs.writeFile(entry.temp, entry.bytes);
  await fs.rename(entry.temp, entry.target);
  return entry.outcome;
}

/** writeJournalEntry for a worker thread, which has nothing to do while its entry is written. */
export function writeJournalEntrySync(entriesDir: string, index: number, extracted: ExtractedFile): FileOutcome {
  const entry = serializeEntry(entriesDir, index, extracted);
  writeFileSync(entry.temp, entry.bytes);
  renameSync(entry.temp, entry.target);
  return entry.outcome;
}

/** Parses an entry; null when it is not a whole entry for `index` (cut short, or garbage). */
export function parseJournalEntry(bytes: Buffer, index: number): JournalEntry | null {
  const newline = bytes.indexOf(0x0a);
  if (newline < 0) return null;
  let header: EntryHeader;
  try {
    header = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as EntryHeader;
  } catch {
    return null;
  }
  if (header.format !== JOURNAL_FORMAT || header.index !== index) return null;
  const body = bytes.subarray(newline + 1);
  if (body.length !== header.bodyBytes) return null;
  return { header, body };
}

export class RunJournal {
  private constructor(
    readonly dir: string,
    /** Outcomes of the files a previous run completed, by input index (empty unless resuming). */
    readonly completed: Map<number, FileOutcome>,
  ) {}

  get entriesDir(): string {
    return path.join(this.dir, ENTRIES_DIR);
  }

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
        const completed = await readCompleted(path.join(dir, ENTRIES_DIR), identity.inputCount);
        return { journal: new RunJournal(dir, completed), resumed: true };
      }
    }
    await fs.rm(dir, { recursive: true, force: true });
    await fs.mkdir(path.join(dir, ENTRIES_DIR), { recursive: true });
    await fs.writeFile(path.join(dir, IDENTITY_FILE), JSON.stringify({ format: JOURNAL_FORMAT, ...identity }, null, 2) + '\n');
    return { journal: new RunJournal(dir, new Map()), resumed: false };
  }

  async read(index: number): Promise<JournalEntry> {
    const file = path.join(this.entriesDir, entryName(index));
    const entry = parseJournalEntry(await fs.readFile(file), index);
    if (entry === null) throw new Error(`journal entry ${file} is damaged`);
    return entry;
  }

  /** Called once the final outputs are in place. */
  async remove(): Promise<void> {
    await fs.rm(this.dir, { recursive: true, force: true });
  }
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
    // A journal whose identity was never fully written holds no completed entry worth trusting.
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

/** Reads the headers of the whole entries; temp files and damaged entries are deleted, so those files are redone. */
async function readCompleted(entriesDir: string, inputCount: number): Promise<Map<number, FileOutcome>> {
  await fs.mkdir(entriesDir, { recursive: true });
  const completed = new Map<number, FileOutcome>();
  for (const name of await fs.readdir(entriesDir)) {
    const file = path.join(entriesDir, name);
    const match = /^(\d{8})\.jsonl$/.exec(name);
    const index = match ? Number(match[1]) : -1;
    const entry = index >= 0 && index < inputCount ? parseJournalEntry(await fs.readFile(file), index) : null;
    if (entry === null) {
      await fs.rm(file, { force: true });
      continue;
    }
    completed.set(index, { report: entry.header.report, sidecarError: entry.header.sidecarError });
  }
  return completed;
}
