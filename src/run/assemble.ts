/**
 * Builds the final records.jsonl and review.jsonl from a complete journal. The journal's
 * records.part and review.part already are records.jsonl and review.jsonl, in input order: unless
 * a reviewer's decision touches one of their records they are moved into place as they are. With
 * decisions to apply, records are streamed into temp files beside the targets, one input file at a
 * time, passing the touched ones through the transform. Either way the outputs are replaced only
 * once complete.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { StatRecord } from '../record/schema';
import type { JournaledFile, JournalTotals, RunJournal } from './journal';

/** Rewrites some records on their way to the outputs (e.g. reviewers' decisions). */
export interface RecordTransform {
  /** Whether the record with this id may change: only those are parsed and serialised again. */
  touches(id: string): boolean;
  /** The record as it goes out; null drops it. */
  apply(record: StatRecord): StatRecord | null;
}

export type AssembledCounts = JournalTotals;

const FLUSH_BYTES = 1 << 20;

/** Appends to a temp file in large writes; `commit` syncs it and renames it over the target. */
class AtomicJsonlWriter {
  private chunks: Buffer[] = [];
  private buffered = 0;

  private constructor(
    private readonly handle: fs.FileHandle,
    private readonly temp: string,
    private readonly target: string,
  ) {}

  static async create(target: string): Promise<AtomicJsonlWriter> {
    await fs.mkdir(path.dirname(target), { recursive: true });
    const temp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
    return new AtomicJsonlWriter(await fs.open(temp, 'w'), temp, target);
  }

  async write(bytes: Buffer): Promise<void> {
    if (bytes.length === 0) return;
    this.chunks.push(bytes);
    this.buffered += bytes.length;
    if (this.buffered >= FLUSH_BYTES) await this.flush();
  }

  /** Flushes, syncs and closes; the temp file is complete but not yet in place. */
  async finish(): Promise<void> {
    await this.flush();
    await this.handle.sync();
    await this.handle.close();
  }

  async commit(): Promise<void> {
    await fs.rename(this.temp, this.target);
  }

  async abandon(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await fs.rm(this.temp, { force: true });
  }

  private async flush(): Promise<void> {
    if (this.buffered === 0) return;
    const data = Buffer.concat(this.chunks, this.buffered);
    this.chunks = [];
    this.buffered = 0;
    await this.handle.write(data);
  }
}

/** Splits a JSONL body into its lines, each keeping its "\n". */
function* jsonlLines(body: Buffer): Generator<Buffer> {
  let start = 0;
  while (start < body.length) {
    const end = body.indexOf(0x0a, start);
    const stop = end < 0 ? body.length : end + 1;
    yield body.subarray(start, stop);
    start = stop;
  }
}

/** Adds one journaled file's records to the outputs, passing those it touches through the transform. */
async function addFile(
  file: JournaledFile,
  body: Buffer,
  transform: RecordTransform,
  recordsOut: AtomicJsonlWriter,
  reviewOut: AtomicJsonlWriter,
  counts: AssembledCounts,
): Promise<void> {
  const needsReview = new Set(file.needsReview);
  let position = 0;
  for (const line of jsonlLines(body)) {
    const at = position++;
    if (!transform.touches(file.ids[at])) {
      await recordsOut.write(line);
      counts.records++;
      if (needsReview.has(at)) {
        await reviewOut.write(line);
        counts.review++;
      }
      continue;
    }
    const record = transform.apply(JSON.parse(line.toString('utf8')) as StatRecord);
    if (record === null) continue;
    const bytes = Buffer.from(JSON.stringify(record) + '\n');
    await recordsOut.write(bytes);
    counts.records++;
    if (record.review === 'needs_review') {
      await reviewOut.write(bytes);
      counts.review++;
    }
  }
}

/** Whether the transform touches any journaled record (reads the progress lines back). */
async function touchesAny(journal: RunJournal, transform: RecordTransform): Promise<boolean> {
  for await (const file of journal.files()) {
    if (file.ids.some((id) => transform.touches(id))) return true;
  }
  return false;
}

/**
 * Writes `<out>/records.jsonl` and `<out>/review.jsonl` from a journal holding all `count` files;
 * throws, leaving the previous outputs in place, when it does not. `transform` null: no decisions.
 */
export async function assembleOutputs(journal: RunJournal, count: number, out: string, transform: RecordTransform | null): Promise<AssembledCounts> {
  if (journal.nextIndex !== count) throw new Error(`the journal holds ${journal.nextIndex} of ${count} files: nothing to assemble`);
  if (transform === null || !(await touchesAny(journal, transform))) {
    // The parts go into place as they are: they must be on disk first, as a temp file would be.
    await journal.syncParts();
    await journal.close();
    await fs.rename(journal.reviewPath, path.join(out, 'review.jsonl'));
    await fs.rename(journal.recordsPath, path.join(out, 'records.jsonl'));
    return journal.totals;
  }
  await journal.close();
  const counts: AssembledCounts = { records: 0, review: 0 };
  const source = await fs.open(journal.recordsPath, 'r');
  const reviewOut = await AtomicJsonlWriter.create(path.join(out, 'review.jsonl'));
  const recordsOut = await AtomicJsonlWriter.create(path.join(out, 'records.jsonl'));
  try {
    for await (const file of journal.files()) {
      const body = Buffer.alloc(file.end - file.start);
      if (body.length > 0) await source.read(body, 0, body.length, file.start);
      await addFile(file, body, transform, recordsOut, reviewOut, counts);
    }
    await reviewOut.finish();
    await recordsOut.finish();
  } catch (err) {
    await reviewOut.abandon();
    await recordsOut.abandon();
    throw err;
  } finally {
    await source.close();
  }
  await reviewOut.commit();
  await recordsOut.commit();
  return counts;
}
