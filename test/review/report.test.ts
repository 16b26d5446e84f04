/** `zhstat review-report`: per-reviewer decisions and pace, agreement between reviewers, auto precision from the sample. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { DecisionSchema, type Decision } from '../../src/decisions/schema';
import { reviewReport, wilson } from '../../src/review/report';
import { runCli } from './browser';
import { makeRecord, tempDir, writeOutput } from './helpers';

const JIAXING = { name: '嘉兴市', code: '330400', level: 'prefecture', parent: '浙江省' };
const SHAOXING = { name: '绍兴市', code: '330600', level: 'prefecture', parent: '浙江省' };
const HUZHOU = { name: '湖州市', code: '330500', level: 'prefecture', parent: '浙江省' };
let n = 0;

function decision(recordId: string, reviewer: string, at: string, action: Decision['action'], extra: Partial<Decision> = {}): Decision {
  const review = { accept: 'accepted', reject: 'rejected', correct: 'corrected', undo: 'needs_review' }[action];
  return DecisionSchema.parse({
    schemaVersion: 1, id: `decision-${String(++n).padStart(4, '0')}`, recordId, action, changes: {},
    review: { old: 'needs_review', new: review }, undoes: null, basedOn: null, reviewer, at, ...extra,
  });
}

const cityFix = (city: typeof JIAXING) => ({ changes: { city: { old: HUZHOU, new: city } } });

/** ann and bob: three records both decided (one agreement), bob's pace 30 s with a lunch break left out. */
function teamLog(): Decision[] {
  return [
    decision('record-aaaa-0001', 'ann', '2026-03-01T09:00:00Z', 'accept'),
    decision('record-aaaa-0001', 'bob', '2026-03-01T09:00:30Z', 'accept', { review: { old: 'accepted', new: 'accepted' } }),
    decision('record-aaaa-0002', 'ann', '2026-03-01T09:01:00Z', 'correct', cityFix(JIAXING)),
    decision('record-aaaa-0002', 'bob', '2026-03-01T09:01:00Z', 'correct', cityFix(SHAOXING)),
    decision('record-aaaa-0003', 'ann', '2026-03-01T09:02:00Z', 'accept'),
    decision('record-aaaa-0003', 'bob', '2026-03-01T09:01:30Z', 'reject'),
    decision('record-auto-0001', 'bob', '2026-03-01T13:00:00Z', 'accept', { review: { old: 'auto', new: 'accepted' } }),
    decision('record-auto-0002', 'bob', '2026-03-01T13:00:30Z', 'reject', { review: { old: 'auto', new: 'rejected' } }),
    decision('record-auto-0003', 'bob', '2026-03-01T13:01:00Z', 'accept', { review: { old: 'auto', new: 'accepted' } }),
  ];
}

test('per reviewer decisions and pace, agreement by pair, precision of the sampled auto records', () => {
  const log = teamLog();
  const states = new Map([...new Set(log.map((d) => d.recordId))].map((id) => [id, id.includes('auto') ? 'auto' : 'needs_review']));
  states.set('record-auto-0004', 'auto');
  const report = reviewReport({
    decisions: log,
    originalState: (id) => states.get(id) ?? null,
    sample: { rate: 0.5, drawn: (id) => id !== 'record-auto-0003', candidates: [...states.keys()] },
  });
  const bob = report.reviewers.find((r) => r.reviewer === 'bob')!;
  expect(bob).toMatchObject({ decisions: 6, accept: 3, correct: 1, reject: 2 });
  // 09:00:30 → 09:01:00 → 09:01:30, then a break, then 13:00:00 → 13:00:30 → 13:01:00: four gaps of 30 s, the break left out
  expect(bob.medianSeconds).toBe(30);
  expect(bob.meanSeconds).toBe(30);
  expect(report.agreement).toEqual([{ reviewers: ['ann', 'bob'], records: 3, agreed: 1 }]);
  // drawn: auto-0001 (accepted), auto-0002 (rejected), auto-0004 (not decided); auto-0003 was not drawn
  expect(report.sample).toMatchObject({ drawn: 3, decided: 2, accepted: 1, rejected: 1, corrected: 0, precision: 0.5 });
  expect(report.sample!.interval![0]).toBeLessThan(0.5);
  expect(report.sample!.interval![1]).toBeGreaterThan(0.5);
});

test('the Wilson interval of 45 of 50 holds the proportion and stays within 0 and 1', () => {
  const [low, high] = wilson(45, 50);
  expect(low).toBeCloseTo(0.786, 2);
  expect(high).toBeCloseTo(0.957, 2);
  expect(wilson(10, 10)[1]).toBe(1);
});

test('zhstat review-report prints agreement and the measured auto precision', async () => {
  const base = await tempDir('report');
  const out = path.join(base, 'out');
  const log = teamLog();
  const records = [...new Set(log.map((d) => d.recordId))].map((id) => makeRecord({ id, ...(id.includes('auto') ? { review: 'auto', flags: [], confidence: 0.9 } : {}) }));
  await writeOutput(out, records, []);
  await fs.writeFile(path.join(out, 'decisions.jsonl'), log.map((d) => JSON.stringify(d)).join('\n') + '\n');
  await fs.writeFile(path.join(out, 'review-sample.json'), JSON.stringify({ rate: 1 }));
  const run = runCli(['review-report', 'out'], base);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  expect(run.stdout).toContain('ann & bob: 1 of 3 agree (33.3%)');
  expect(run.stdout).toMatch(/sample 100\.0%: 3 auto records drawn, 3 decided \(2 accepted, 0 corrected, 1 rejected\)/);
  expect(run.stdout).toMatch(/measured auto precision: 66\.7% \(95% interval \d+\.\d%–\d+\.\d%, n=3\)/);
  expect(run.stdout).toMatch(/bob\s+6\s+3\s+1\s+2\s+0\s+\d+\s+30\.0 s/);
  expect(runCli(['review-report', 'nowhere'], base).status).toBe(2);
});
