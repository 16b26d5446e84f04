/**
 * Builds the final records.jsonl and review.jsonl from the journal: entries are streamed in input
 * order into temp files beside the targets, which are renamed into place only when complete. Only
 * one input file's records are in memory at a time, however large the run.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { StatRecord } from '../record/schema';
import type { RunJournal } from './journal';

/** Rewrites some records on their way to the outputs (e.g. reviewers' decisions). */
export interface RecordTransform {
  /** Whether the record with this id may change: only those are parsed and serialised again. */
  touches(id: string): boolean;
  /** The record as it goes out; null drops it. */
  apply(record: StatRecord): StatRecord | null;
}

export interface AssembledCounts {
  records: number;
  review: number;
}

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

/**
 * Writes `<out>/records.jsonl` and `<out>/review.jsonl` from journal entries 0..count-1. Record
 * lines are copied byte for byte, except those the transform touches: they are parsed, passed
 * through it and serialised again, and their review state is read after the transform.
 */
export async function assembleOutputs(journal: RunJournal, count: number, out: string, transform: RecordTransform | null): Promise<AssembledCounts> {
  const recordsOut = await AtomicJsonlWriter.create(path.join(out, 'records.jsonl'));
  const reviewOut = await AtomicJsonlWriter.create(path.join(out, 'review.jsonl'));
  const counts: AssembledCounts = { records: 0, review: 0 };
  try {
    for (let index = 0; index < count; index++) {
      const { header, body } = await journal.read(index);
      const needsReview = new Set(header.needsReview);
      if (transform === null || !header.ids.some((id) => transform.touches(id))) {
        await recordsOut.write(body);
        counts.records += header.ids.length;
        if (needsReview.size === 0) continue;
        let position = 0;
        for (const line of jsonlLines(body)) {
          if (needsReview.has(position++)) {
            await reviewOut.write(line);
            counts.review++;
          }
        }
        continue;
      }
      let position = 0;
      for (const line of jsonlLines(body)) {
        const at = position++;
        if (!transform.touches(header.ids[at])) {
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
    await recordsOut.finish();
    await reviewOut.finish();
  } catch (err) {
    await recordsOut.abandon();
    await reviewOut.abandon();
    throw err;
  }
  await recordsOut.commit();
  await reviewOut.commit();
  return counts;
}
