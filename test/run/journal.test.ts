import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { JournalMismatch, RunJournal, hashInputs, journalDir, parseJournalEntry, writeJournalEntry, type RunIdentity } from '../../src/run/journal';
import { OutputAssembler, assembleOutputs } from '../../src/run/assemble';
import { decisionsTransform } from '../../src/run/decisions-transform';
import { applyDecisions } from '../../src/decisions/apply';
import { toJsonl } from '../../src/output/atomic';
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

  it('stores an entry whose records are the exact records.jsonl lines, and reads it back', async () => {
    const { journal } = await RunJournal.open(out, identity(), false);
    const records = [record('id-aaaaaaaa', 'auto', 1), record('id-bbbbbbbb', 'needs_review', 2)];
    const outcome = await writeJournalEntry(journal.entriesDir, 1, extracted('b.txt', records));
    expect(outcome.report.records).toBe(2);
    const entry = await journal.read(1);
    expect(entry.body.toString('utf8')).toBe(toJsonl(records));
    expect(entry.header.needsReview).toEqual([1]);
    expect(entry.header.ids).toEqual(['id-aaaaaaaa', 'id-bbbbbbbb']);
    expect(fs.readdirSync(journal.entriesDir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('recognises an entry cut short or belonging to another index', async () => {
    const { journal } = await RunJournal.open(out, identity(), false);
    await writeJournalEntry(journal.entriesDir, 0, extracted('a.txt', [record('id-aaaaaaaa')]));
    const bytes = fs.readFileSync(path.join(journal.entriesDir, '00000000.jsonl'));
    expect(parseJournalEntry(bytes, 0)).not.toBeNull();
    expect(parseJournalEntry(bytes.subarray(0, bytes.length - 3), 0)).toBeNull();
    expect(parseJournalEntry(bytes, 2)).toBeNull();
    expect(parseJournalEntry(Buffer.from('{"format":1'), 0)).toBeNull();
  });

  it('resumes the completed files of the same job; damaged entries and temp files are dropped, so they are redone', async () => {
    const first = await RunJournal.open(out, identity(), false);
    await writeJournalEntry(first.journal.entriesDir, 0, extracted('a.txt', [record('id-aaaaaaaa')]));
    await writeJournalEntry(first.journal.entriesDir, 2, extracted('c.txt', [record('id-cccccccc')]));
    const entries = first.journal.entriesDir;
    fs.writeFileSync(path.join(entries, '00000001.jsonl.123.1.tmp'), 'half a file');
    const whole = fs.readFileSync(path.join(entries, '00000002.jsonl'));
    fs.writeFileSync(path.join(entries, '00000002.jsonl'), whole.subarray(0, whole.length - 5));

    const second = await RunJournal.open(out, identity(), true);
    expect(second.resumed).toBe(true);
    expect([...second.journal.completed.keys()]).toEqual([0]);
    expect(fs.readdirSync(entries).sort()).toEqual(['00000000.jsonl']);
  });

  it('refuses to resume a journal of another job', async () => {
    await RunJournal.open(out, identity(), false);
    await expect(RunJournal.open(out, identity({ rulesHash: 'r2' }), true)).rejects.toThrow(JournalMismatch);
    await expect(RunJournal.open(out, identity({ inputsHash: hashInputs(['a.txt', 'c.txt', 'b.txt']) }), true)).rejects.toThrow(/input files differ/);
    await expect(RunJournal.open(out, identity({ published: '2024-01-01' }), true)).rejects.toThrow(/--published/);
  });

  it('starts over without --resume, discarding a leftover journal', async () => {
    const first = await RunJournal.open(out, identity(), false);
    await writeJournalEntry(first.journal.entriesDir, 0, extracted('a.txt', [record('id-aaaaaaaa')]));
    const second = await RunJournal.open(out, identity({ rulesHash: 'other' }), false);
    expect(second.resumed).toBe(false);
    expect(second.journal.completed.size).toBe(0);
    expect(fs.readdirSync(second.journal.entriesDir)).toEqual([]);
  });

  it('starts from the beginning when --resume finds no journal', async () => {
    const { journal, resumed } = await RunJournal.open(out, identity(), true);
    expect(resumed).toBe(false);
    expect(journal.completed.size).toBe(0);
    expect(fs.existsSync(journalDir(out))).toBe(true);
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

  /** Entries written out of input order, as parallel workers finish them. */
  async function journalWithEntries() {
    const { journal } = await RunJournal.open(out, identity(), false);
    for (const index of [2, 0, 1]) await writeJournalEntry(journal.entriesDir, index, extracted(`f${index}`, files[index]));
    return journal;
  }

  it('writes records.jsonl in input order and review.jsonl with the needs_review records, as the whole-list writer did', async () => {
    const journal = await journalWithEntries();
    const counts = await assembleOutputs(journal, 3, out, null);
    const all = files.flat();
    expect(fs.readFileSync(path.join(out, 'records.jsonl'), 'utf8')).toBe(toJsonl(all));
    expect(fs.readFileSync(path.join(out, 'review.jsonl'), 'utf8')).toBe(toJsonl(all.filter((r) => r.review === 'needs_review')));
    expect(counts).toEqual({ records: 5, review: 3 });
    expect(fs.readdirSync(out).sort()).toEqual(['.zhstat-run', 'records.jsonl', 'review.jsonl']);
  });

  it('applies decisions record by record with the same result as applyDecisions over the whole list', async () => {
    const journal = await journalWithEntries();
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

  it('assembles while entries arrive out of order, appending each once those before it are in', async () => {
    const { journal } = await RunJournal.open(out, identity(), false);
    const assembler = await OutputAssembler.open(journal, 3, out, null);
    for (const index of [2, 1, 0]) {
      await writeJournalEntry(journal.entriesDir, index, extracted(`f${index}`, files[index]));
      assembler.journaledEntry(index);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const counts = await assembler.finish();
    expect(fs.readFileSync(path.join(out, 'records.jsonl'), 'utf8')).toBe(toJsonl(files.flat()));
    expect(counts).toEqual({ records: 5, review: 3 });
  });

  it('removes the temp outputs an interrupted run left behind, and abandons its own on request', async () => {
    const { journal } = await RunJournal.open(out, identity(), false);
    fs.writeFileSync(path.join(out, '.records.jsonl.123.456.tmp'), 'half a run');
    fs.writeFileSync(path.join(out, 'notes.tmp'), 'not ours');
    const assembler = await OutputAssembler.open(journal, 1, out, null);
    expect(fs.existsSync(path.join(out, '.records.jsonl.123.456.tmp'))).toBe(false);
    expect(fs.readdirSync(out).filter((n) => /^\.(records|review)\.jsonl\..*\.tmp$/.test(n))).toHaveLength(2);
    await assembler.abandon();
    expect(fs.readdirSync(out).sort()).toEqual(['.zhstat-run', 'notes.tmp']);
  });

  it('leaves the previous outputs in place when an entry is missing', async () => {
    const { journal } = await RunJournal.open(out, identity(), false);
    await writeJournalEntry(journal.entriesDir, 0, extracted('f0', files[0]));
    fs.writeFileSync(path.join(out, 'records.jsonl'), 'previous\n');
    await expect(assembleOutputs(journal, 2, out, null)).rejects.toThrow();
    expect(fs.readFileSync(path.join(out, 'records.jsonl'), 'utf8')).toBe('previous\n');
    expect(fs.readdirSync(out).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });
});
