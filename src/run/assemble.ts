/**
 * Builds the final records.jsonl and review.jsonl from the journal: entries are streamed in input
 * order into temp files beside the targets, which are renamed into place only when complete. Only
 * one input file's records are in memory at a time, however large the run.
 *
 * Assembly runs alongside extraction: as soon as the files before it are in, a journaled file is
 * appended, so that when the last file is done little copying is left. The journal stays the source
 * of truth until the outputs are in place: a run interrupted mid-way leaves temp files that the
 * next run (a --resume) removes before assembling again from the journal.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { StatRecord } from '../record/schema';
import type { JournalEntry, RunJournal } from './journal';

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

/** Temp outputs are named `.<target>.<pid>.<time>.tmp` (AtomicJsonlWriter). */
function isTempOutput(name: string): boolean {
  return /^\.(records|review)\.jsonl\.\d+\.\d+\.tmp$/.test(name);
}

/**
 * Writes `<out>/records.jsonl` and `<out>/review.jsonl` from journal entries 0..count-1, told one by
 * one (in any order) which entries are journaled. Record lines are copied byte for byte, except
 * those the transform touches: they are parsed, passed through it and serialised again, and their
 * review state is read after the transform.
 */
export class OutputAssembler {
  private readonly journaled = new Set<number>();
  private next = 0;
  private readonly counts: AssembledCounts = { records: 0, review: 0 };
  /** Appends run one after another; a failure stops them and is rethrown by finish(). */
  private work: Promise<void> = Promise.resolve();
  private failure: Error | null = null;

  private constructor(
    private readonly journal: RunJournal,
    private readonly count: number,
    private readonly transform: RecordTransform | null,
    private readonly recordsOut: AtomicJsonlWriter,
    private readonly reviewOut: AtomicJsonlWriter,
  ) {}

  /** Removes temp outputs an interrupted run left in `out`, and opens new ones. */
  static async open(journal: RunJournal, count: number, out: string, transform: RecordTransform | null): Promise<OutputAssembler> {
    await fs.mkdir(out, { recursive: true });
    for (const name of await fs.readdir(out)) if (isTempOutput(name)) await fs.rm(path.join(out, name), { force: true });
    const recordsOut = await AtomicJsonlWriter.create(path.join(out, 'records.jsonl'));
    const reviewOut = await AtomicJsonlWriter.create(path.join(out, 'review.jsonl'));
    return new OutputAssembler(journal, count, transform, recordsOut, reviewOut);
  }

  /** Entry `index` is in the journal: append it, and those after it already in, once its turn comes. */
  journaledEntry(index: number): void {
    this.journaled.add(index);
    if (index !== this.next) return;
    this.work = this.work
      .then(() => this.appendReady())
      .catch((err: unknown) => {
        this.failure ??= err as Error;
      });
  }

  /** Waits for the last appends and puts the outputs in place; throws (leaving the old outputs) if an entry is missing. */
  async finish(): Promise<AssembledCounts> {
    try {
      await this.work;
      if (this.failure !== null) throw this.failure;
      if (this.next < this.count) throw new Error(`journal entry ${this.next} of ${this.count} was never written`);
      await this.recordsOut.finish();
      await this.reviewOut.finish();
    } catch (err) {
      await this.abandon();
      throw err;
    }
    await this.recordsOut.commit();
    await this.reviewOut.commit();
    return this.counts;
  }

  async abandon(): Promise<void> {
    await this.recordsOut.abandon();
    await this.reviewOut.abandon();
  }

  private async appendReady(): Promise<void> {
    while (this.failure === null && this.next < this.count && this.journaled.has(this.next)) {
      this.journaled.delete(this.next);
      await this.append(await this.journal.read(this.next));
      this.next++;
    }
  }

  private async append({ header, body }: JournalEntry): Promise<void> {
    const { transform, recordsOut, reviewOut, counts } = this;
    const needsReview = new Set(header.needsReview);
    if (transform === null || !header.ids.some((id) => transform.touches(id))) {
      await recordsOut.write(body);
      counts.records += header.ids.length;
      if (needsReview.size === 0) return;
      let position = 0;
      for (const line of jsonlLines(body)) {
        if (needsReview.has(position++)) {
          await reviewOut.write(line);
          counts.review++;
        }
      }
      return;
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
}

/** Assembles a journal whose entries are all written (a test's, or a run's after the fact). */
export async function assembleOutputs(journal: RunJournal, count: number, out: string, transform: RecordTransform | null): Promise<AssembledCounts> {
  const assembler = await OutputAssembler.open(journal, count, out, transform);
  // A missing entry fails its read: finish() then throws and leaves the previous outputs alone.
  for (let index = 0; index < count; index++) assembler.journaledEntry(index);
  return assembler.finish();
}
