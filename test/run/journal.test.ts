import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { JournalMismatch, RunJournal, hashInputs, journalDir, journaledFileCount, serializeRecords, type RunIdentity } from '../../src/run/journal';
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
