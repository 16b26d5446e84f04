import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { JournalMismatch, RecordsSerializer, RunJournal, hashInputs, journalDir, journaledFileCount, serializeRecords, type FileDone, type RecordsChunk, type RunIdentity } from '../../src/run/journal';
import { assembleOutputs } from '../../src/run/assemble';
import { decisionsTransform } from '../../src/run/decisions-transform';
import { applyDecisions } from '../../src/decisions/apply';
import { toJsonl } from '../../src/output/atomic';
import type { StatRecord } from '../../src/record/schema';
import { decision, extracted, record } from './helpers';

const identity = (over: Partial<RunIdentity> = {}): RunIdentity => ({
  zhstat: '0.1.0',
  rulesHash: 'r1',
  inputsHash: hashInputs(['a.txt', 'b.txt', 'c.txt']),
  inputCount: 3,
  published: null,
  ...over,
});

describe('run journal', () => {
  let out: string;
  beforeEach(() => (out = fs.mkdtempSync(path.join(os.tmpdir(), 'zhstat-journal-'))));
  afterEach(() => fs.rmSync(out, { recursive: true, force: true }));

  const recordsPart = () => fs.readFileSync(path.join(journalDir(out), 'records.part'), 'utf8');
  const reviewPart = () => fs.readFileSync(path.join(journalDir(out), 'review.part'), 'utf8');

  it('journals files in input order: records and those to review as their exact output lines, then a progress line', async () => {
    const { journal } = await RunJournal.open(out, identity(), false);
    const first = [record('id-aaaaaaaa', 'auto', 1), record('id-bbbbbbbb', 'needs_review', 2)];
    const third = [record('id-cccccccc', 'needs_review', 3)];
    journal.append(0, serializeRecords(extracted('a.txt', first)));
    journal.append(1, serializeRecords(extracted('b.txt', [])));
    expect(() => journal.append(3, serializeRecords(extracted('d.txt', [])))).toThrow(/out of order/);
    journal.append(2, serializeRecords(extracted('c.txt', third)));
    await journal.close();
    expect(recordsPart()).toBe(toJsonl([...first, ...third]));
    expect(reviewPart()).toBe(toJsonl([first[1], ...third]));
    const journaled = [];
    for await (const f of journal.files()) journaled.push(f);
    const bytes = (records: StatRecord[]) => Buffer.byteLength(toJsonl(records));
    expect(journaled.map((f) => [f.index, f.start, f.end, f.reviewStart, f.reviewEnd, f.ids, f.needsReview, f.report.file])).toEqual([
      [0, 0, bytes(first), 0, bytes([first[1]]), ['id-aaaaaaaa', 'id-bbbbbbbb'], [1], 'a.txt'],
      [1, bytes(first), bytes(first), bytes([first[1]]), bytes([first[1]]), [], [], 'b.txt'],
      [2, bytes(first), bytes([...first, ...third]), bytes([first[1]]), bytes([first[1], ...third]), ['id-cccccccc'], [0], 'c.txt'],
    ]);
    expect(journal.totals).toEqual({ records: 3, review: 2 });
    expect(journaledFileCount(out)).toBe(3);
  });

  it('serialises records as their exact JSON lines in UTF-8, however many and whatever their characters', () => {
    // Enough records to outgrow the first buffer many times, with text that JSON escapes or that
    // takes 1 to 4 bytes in UTF-8 (ASCII, 亿, an astral 𠮷, a lone surrogate, quotes, control characters).
    const records = Array.from({ length: 3000 }, (_, i) => ({
      ...record(`id-${String(i).padStart(8, '0')}`, i % 7 === 0 ? 'needs_review' : 'auto', i),
      sentence: `第${i}句 "引号" \\ 𠮷 \ud800 \u0001 ${'全市'.repeat(i % 50)}`,
    }));
    const done = serializeRecords(extracted('a.txt', records));
    expect(Buffer.from(done.payload.body).toString('utf8')).toBe(records.map((r) => JSON.stringify(r) + '\n').join(''));
    expect(done.payload.ids).toEqual(records.map((r) => r.id));
    expect(done.payload.needsReview).toEqual(records.flatMap((r, i) => (r.review === 'needs_review' ? [i] : [])));
    expect(Buffer.from(done.payload.review).toString('utf8')).toBe(records.filter((r) => r.review === 'needs_review').map((r) => JSON.stringify(r) + '\n').join(''));
    expect(serializeRecords(extracted('b.txt', [])).payload.body.length).toBe(0);
  });

  /** `records` serialised as a worker sends a large file: chunks of about `chunkBytes` as they come, then the rest. */
  function chunked(file: string, records: StatRecord[], chunkBytes: number, status: 'ok' | 'failed' = 'ok'): { chunks: RecordsChunk[]; done: FileDone } {
    const chunks: RecordsChunk[] = [];
    const serializer = new RecordsSerializer(undefined, (c) => chunks.push(c), chunkBytes);
    // Records come an article (here: three records) at a time.
    for (let i = 0; i < records.length; i += 3) serializer.add(records.slice(i, i + 3));
    const result = extracted(file, status === 'ok' ? records : []);
    if (status === 'failed') result.report = { ...result.report, status: 'failed', reason: 'Error: broke midway' };
    return { chunks, done: serializer.finish(result) };
  }

  const manyRecords = (prefix: string, n: number) =>
    Array.from({ length: n }, (_, i) => record(`id-${prefix}${String(i).padStart(6, '0')}`, i % 4 === 1 ? 'needs_review' : 'auto', i));

  it('a file sent in chunks is serialised and journaled exactly as when sent whole', async () => {
    const records = manyRecords('a', 40);
    const whole = serializeRecords(extracted('a.txt', records));
    const { chunks, done } = chunked('a.txt', records, 2000);
    expect(chunks.length).toBeGreaterThan(3);
    const text = (parts: Uint8Array[]) => Buffer.concat(parts).toString('utf8');
    expect(text([...chunks.map((c) => c.body), done.payload.body])).toBe(text([whole.payload.body]));
    expect(text([...chunks.map((c) => c.review), done.payload.review])).toBe(text([whole.payload.review]));
    expect(done.payload.ids).toEqual(whole.payload.ids);
    expect(done.payload.needsReview).toEqual(whole.payload.needsReview);
    expect(done.payload.emitted).toEqual({ records: Buffer.concat(chunks.map((c) => c.body)).length, review: Buffer.concat(chunks.map((c) => c.review)).length });

    const { journal } = await RunJournal.open(out, identity(), false);
    journal.append(0, serializeRecords(extracted('a.txt', [record('id-first000')])));
    for (const chunk of chunks) journal.appendChunk(1, chunk);
    expect(() => journal.appendChunk(2, chunks[0])).toThrow(/out of order/);
    journal.append(1, done);
    journal.append(2, serializeRecords(extracted('c.txt', [record('id-last0000', 'needs_review')])));
    await journal.close();
    expect(recordsPart()).toBe(toJsonl([record('id-first000'), ...records, record('id-last0000', 'needs_review')]));
    expect(reviewPart()).toBe(toJsonl([...records.filter((r) => r.review === 'needs_review'), record('id-last0000', 'needs_review')]));
    const lines = [];
    for await (const f of journal.files()) lines.push(f);
    const bytes = (rs: StatRecord[]) => Buffer.byteLength(toJsonl(rs));
    expect([lines[1].start, lines[1].end, lines[2].start]).toEqual([bytes([record('id-first000')]), bytes([record('id-first000'), ...records]), bytes([record('id-first000'), ...records])]);
    expect(lines[1].ids).toEqual(records.map((r) => r.id));
    expect(journal.totals).toEqual({ records: 42, review: 11 });
  });

  it('drops the chunks of a file that failed midway, or whose worker died (discardChunks), and keeps the files around it', async () => {
    const { journal } = await RunJournal.open(out, identity(), false);
    journal.append(0, serializeRecords(extracted('a.txt', [record('id-aaaaaaaa')])));
    const failed = chunked('b.txt', manyRecords('b', 30), 1500, 'failed');
    expect(failed.chunks.length).toBeGreaterThan(0);
    for (const chunk of failed.chunks) journal.appendChunk(1, chunk);
    journal.append(1, failed.done);
    // A worker died on c.txt after two chunks; the file is retried from the start.
    const retried = chunked('c.txt', manyRecords('c', 30), 1500);
    journal.appendChunk(2, retried.chunks[0]);
    journal.appendChunk(2, retried.chunks[1]);
    journal.discardChunks();
    for (const chunk of retried.chunks) journal.appendChunk(2, chunk);
    journal.append(2, retried.done);
    await journal.close();
    expect(recordsPart()).toBe(toJsonl([record('id-aaaaaaaa'), ...manyRecords('c', 30)]));
    expect(reviewPart()).toBe(toJsonl(manyRecords('c', 30).filter((r) => r.review === 'needs_review')));
    const lines = [];
    for await (const f of journal.files()) lines.push(f);
    expect(lines.map((f) => [f.report.status, f.ids.length])).toEqual([['ok', 1], ['failed', 0], ['ok', 30]]);
    expect(journal.totals).toEqual({ records: 31, review: 8 });
  });

  it('a run stopped while a file was sent in chunks resumes before that file: its chunks are cut off', async () => {
    const first = await RunJournal.open(out, identity(), false);
    first.journal.append(0, serializeRecords(extracted('a.txt', [record('id-aaaaaaaa')])));
    const { chunks } = chunked('b.txt', manyRecords('b', 30), 1500);
    for (const chunk of chunks) first.journal.appendChunk(1, chunk);
    await first.journal.close();
    const second = await RunJournal.open(out, identity(), true);
    expect(second.journal.nextIndex).toBe(1);
    await second.journal.close();
    expect(recordsPart()).toBe(toJsonl([record('id-aaaaaaaa')]));
    expect(reviewPart()).toBe('');
  });

  it('resumes the whole files of the same job; a progress line or records cut short end what is kept', async () => {
    const first = await RunJournal.open(out, identity(), false);
    for (const [i, name] of ['a', 'b', 'c'].entries()) first.journal.append(i, serializeRecords(extracted(`${name}.txt`, [record(`id-${name.repeat(8)}`)])));
    await first.journal.close();
    const dir = journalDir(out);
    const progress = fs.readFileSync(path.join(dir, 'progress.jsonl'), 'utf8');
    // The last progress line cut short: file 2 is redone.
    fs.writeFileSync(path.join(dir, 'progress.jsonl'), progress.slice(0, progress.length - 4));
    let second = await RunJournal.open(out, identity(), true);
    expect(second.resumed).toBe(true);
    expect([...second.journal.completed.keys()]).toEqual([0, 1]);
    expect(second.journal.nextIndex).toBe(2);
    await second.journal.close();
    expect(recordsPart()).toBe(toJsonl([record('id-aaaaaaaa'), record('id-bbbbbbbb')]));

    // Records cut short (the progress line landed, the data did not): file 1 is redone too.
    const part = path.join(dir, 'records.part');
    fs.truncateSync(part, fs.statSync(part).size - 3);
    second = await RunJournal.open(out, identity(), true);
    expect([...second.journal.completed.keys()]).toEqual([0]);
    second.journal.append(1, serializeRecords(extracted('b.txt', [record('id-bbbbbbbb')])));
    await second.journal.close();
    expect(recordsPart()).toBe(toJsonl([record('id-aaaaaaaa'), record('id-bbbbbbbb')]));
    expect(journaledFileCount(out)).toBe(2);
  });

  it('redoes a file whose lines to review were cut short, and counts only the records it keeps', async () => {
    const files = [[record('id-aaaaaaaa', 'needs_review')], [record('id-bbbbbbbb', 'auto'), record('id-b2bbbbbb', 'needs_review')]];
    const first = await RunJournal.open(out, identity(), false);
    for (const [i, records] of files.entries()) first.journal.append(i, serializeRecords(extracted(`f${i}`, records)));
    await first.journal.close();
    const review = path.join(journalDir(out), 'review.part');
    fs.truncateSync(review, fs.statSync(review).size - 1);
    const second = await RunJournal.open(out, identity(), true);
    expect([...second.journal.completed.keys()]).toEqual([0]);
    expect(second.journal.totals).toEqual({ records: 1, review: 1 });
    await second.journal.close();
    expect(recordsPart()).toBe(toJsonl(files[0]));
    expect(reviewPart()).toBe(toJsonl(files[0]));
  });

  it('refuses to resume a journal of another job', async () => {
    await (await RunJournal.open(out, identity(), false)).journal.close();
    await expect(RunJournal.open(out, identity({ rulesHash: 'r2' }), true)).rejects.toThrow(JournalMismatch);
    await expect(RunJournal.open(out, identity({ inputsHash: hashInputs(['a.txt', 'c.txt', 'b.txt']) }), true)).rejects.toThrow(/input files differ/);
    await expect(RunJournal.open(out, identity({ published: '2024-01-01' }), true)).rejects.toThrow(/--published/);
  });

  it('starts over without --resume, discarding a leftover journal', async () => {
    const first = await RunJournal.open(out, identity(), false);
    first.journal.append(0, serializeRecords(extracted('a.txt', [record('id-aaaaaaaa')])));
    await first.journal.close();
    const second = await RunJournal.open(out, identity({ rulesHash: 'other' }), false);
    expect(second.resumed).toBe(false);
    expect(second.journal.completed.size).toBe(0);
    await second.journal.close();
    expect(recordsPart()).toBe('');
  });

  it('starts from the beginning when --resume finds no journal', async () => {
    const { journal, resumed } = await RunJournal.open(out, identity(), true);
    expect(resumed).toBe(false);
    expect(journal.completed.size).toBe(0);
    expect(fs.existsSync(journalDir(out))).toBe(true);
    await journal.close();
  });
});

describe('assembleOutputs', () => {
  let out: string;
  beforeEach(() => (out = fs.mkdtempSync(path.join(os.tmpdir(), 'zhstat-assemble-'))));
  afterEach(() => fs.rmSync(out, { recursive: true, force: true }));

  const files = [
    [record('id-a1aaaaaa', 'needs_review', 1), record('id-a2aaaaaa', 'auto', 2)],
    [],
    [record('id-c1cccccc', 'auto', 3), record('id-c2cccccc', 'needs_review', 4), record('id-c3cccccc', 'needs_review', 5)],
  ];

  async function journalWithFiles(count = files.length) {
    const { journal } = await RunJournal.open(out, identity(), false);
    for (let index = 0; index < count; index++) journal.append(index, serializeRecords(extracted(`f${index}`, files[index])));
    return journal;
  }

  it.each([
    ['no decisions', () => null],
    ['decisions that touch no record', () => decisionsTransform([decision('id-gone0000', 'accept', 'dec-00000001')])],
  ])('with %s, writes records.jsonl in input order and review.jsonl with the needs_review records', async (_, transform) => {
    const journal = await journalWithFiles();
    const counts = await assembleOutputs(journal, 3, out, transform());
    const all = files.flat();
    expect(fs.readFileSync(path.join(out, 'records.jsonl'), 'utf8')).toBe(toJsonl(all));
    expect(fs.readFileSync(path.join(out, 'review.jsonl'), 'utf8')).toBe(toJsonl(all.filter((r) => r.review === 'needs_review')));
    expect(counts).toEqual({ records: 5, review: 3 });
    await journal.remove();
    expect(fs.readdirSync(out).sort()).toEqual(['records.jsonl', 'review.jsonl']);
  });

  it('applies decisions record by record with the same result as applyDecisions over the whole list', async () => {
    const journal = await journalWithFiles();
    const log = [
      decision('id-a1aaaaaa', 'accept', 'dec-00000001'),
      decision('id-c2cccccc', 'reject', 'dec-00000002'),
      decision('id-gone0000', 'accept', 'dec-00000003'),
    ];
    const transform = decisionsTransform(log);
    await assembleOutputs(journal, 3, out, transform);
    const expected = applyDecisions(files.flat(), log);
    expect(fs.readFileSync(path.join(out, 'records.jsonl'), 'utf8')).toBe(toJsonl(expected.records));
    expect(fs.readFileSync(path.join(out, 'review.jsonl'), 'utf8')).toBe(toJsonl(expected.records.filter((r) => r.review === 'needs_review')));
    expect(transform.summary()).toEqual({ decided: expected.decided, orphaned: expected.orphaned, invalid: expected.invalid });
    expect(transform.summary().orphaned.map((d) => d.id)).toEqual(['dec-00000003']);
  });

  it('leaves the previous outputs in place when the journal lacks a file', async () => {
    const journal = await journalWithFiles(2);
    fs.writeFileSync(path.join(out, 'records.jsonl'), 'previous\n');
    await expect(assembleOutputs(journal, 3, out, null)).rejects.toThrow(/2 of 3/);
    await journal.close();
    expect(fs.readFileSync(path.join(out, 'records.jsonl'), 'utf8')).toBe('previous\n');
    expect(fs.readdirSync(out).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
