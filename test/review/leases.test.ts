/**
 * Leases between reviewers' pages, at the store: a page is given records nobody else holds; another
 * page may not decide them; a lease ends when its time is up, and it is kept in the output folder, so
 * a restarted server (or a second one on the same folder) honours it.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ReviewStore, type StateQuery } from '../../src/review/store';
import { LEASES_FILE } from '../../src/review/leases';
import { makeRecord, tempDir, writeOutput } from './helpers';

const LEASE_MS = 60_000;

function query(session: string, reviewer: string, extra: Partial<StateQuery> = {}): StateQuery {
  return { session, reviewer, view: 'queue', review: 'open', flag: '', file: '', city: '', status: '', metric: '', offset: 0, limit: 3, claim: true, ...extra };
}

describe('leases', () => {
  let out: string;
  let clock: number;
  const open = () => ReviewStore.open({ outDir: out, baseDir: out, gazetteer: null, leaseMs: LEASE_MS, now: () => clock });

  beforeEach(async () => {
    out = path.join(await tempDir('leases'), 'out');
    const records = Array.from({ length: 8 }, (_, i) => makeRecord({ id: `record-lease-${String(i).padStart(4, '0')}`, confidence: 0.1 + i / 100 }));
    await writeOutput(out, [...records, makeRecord({ id: 'record-lease-auto', review: 'auto', flags: [], confidence: 0.95 })], []);
    clock = Date.parse('2026-01-01T09:00:00Z');
  });

  test('two pages are given different records; one may not decide the other\'s; a decided record needs an explicit change', async () => {
    const store = await open();
    const ann = (await store.state(query('session-ann-1', 'ann'))).items.map((it) => it.record.id);
    const bob = (await store.state(query('session-bob-1', 'bob'))).items.map((it) => it.record.id);
    expect(ann).toHaveLength(3);
    expect(bob).toHaveLength(3);
    expect(bob.filter((id) => ann.includes(id))).toEqual([]);

    const refused = await store.decide({ recordId: ann[0], action: 'accept', basedOn: null, session: 'session-bob-1' }, 'bob');
    expect(refused).toMatchObject({ ok: false, status: 409, lease: { reviewer: 'ann', mine: false } });
    const accepted = await store.decide({ recordId: ann[0], action: 'accept', basedOn: null, session: 'session-ann-1' }, 'ann');
    expect(accepted.ok).toBe(true);
    const silent = await store.decide({ recordId: ann[0], action: 'reject', basedOn: accepted.ok ? accepted.decision.id : null, session: 'session-bob-1' }, 'bob');
    expect(silent).toMatchObject({ ok: false, status: 409 });
    expect(!silent.ok && silent.error).toMatch(/ann already decided/);
    const changed = await store.decide({ recordId: ann[0], action: 'reject', basedOn: accepted.ok ? accepted.decision.id : null, session: 'session-bob-1', change: true }, 'bob');
    expect(changed.ok).toBe(true);

    const progress = (await store.state(query('session-ann-1', 'ann', { claim: false }))).progress;
    expect(progress).toMatchObject({ queue: 8, decided: 1, open: 7, heldByOthers: 3 });
    expect(progress.reviewers).toEqual([{ reviewer: 'bob', records: 1, decisions: 1 }, { reviewer: 'ann', records: 0, decisions: 1 }]);
  });

  test('leases survive a restart, end when their time is up, and a skipped record is not given back to its page', async () => {
    const first = await open();
    const ann = (await first.state(query('session-ann-1', 'ann'))).items.map((it) => it.record.id);
    expect(JSON.parse(await fs.readFile(path.join(out, LEASES_FILE), 'utf8')).leases).toHaveLength(3);

    const restarted = await open();
    clock += LEASE_MS / 2;
    const bob = (await restarted.state(query('session-bob-1', 'bob', { limit: 8 }))).items.map((it) => it.record.id);
    expect(bob).toHaveLength(5);
    expect(bob.filter((id) => ann.includes(id))).toEqual([]);

    clock += LEASE_MS / 2 + 1;
    // ann's page said nothing for longer than a lease: her records go to whoever asks
    const later = (await restarted.state(query('session-carl-1', 'carl', { limit: 8 }))).items.map((it) => it.record.id);
    expect(later.sort()).toEqual([...ann].sort());

    expect(await restarted.skip(later[0], 'carl', 'session-carl-1')).toBe(true);
    const again = (await restarted.state(query('session-carl-1', 'carl', { limit: 8 }))).items.map((it) => it.record.id);
    expect(again).not.toContain(later[0]);
    const other = (await restarted.state(query('session-dora-1', 'dora', { limit: 8 }))).items.map((it) => it.record.id);
    expect(other).toEqual([later[0]]);
    expect(await restarted.release('session-dora-1')).toBe(1);
  });
});

test('decisions appended while several requests refresh at once are read once each', async () => {
  const { DecisionCache } = await import('../../src/review/decision-cache');
  const dir = await tempDir('cache');
  const file = path.join(dir, 'decisions.jsonl');
  const line = (k: number) => JSON.stringify({ schemaVersion: 1, id: `decision-${String(k).padStart(4, '0')}`, recordId: `record-${k % 5}-0000000`, action: 'accept', changes: {}, review: { old: 'needs_review', new: 'accepted' }, undoes: null, basedOn: null, reviewer: 'ann', at: '2026-01-01T00:00:00Z' }) + '\n';
  const cache = new DecisionCache(file);
  for (let round = 0; round < 5; round++) {
    await fs.appendFile(file, line(round * 3) + line(round * 3 + 1) + line(round * 3 + 2));
    await Promise.all(Array.from({ length: 6 }, () => cache.refresh()));
  }
  expect(cache.decisions.map((d) => d.id)).toEqual(Array.from({ length: 15 }, (_, k) => `decision-${String(k).padStart(4, '0')}`));
  expect([...cache.histories.values()].reduce((n, h) => n + h.all.length, 0)).toBe(15);
});
