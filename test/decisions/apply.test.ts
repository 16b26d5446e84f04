import { applyDecisions, buildDecision, historiesByRecord, headDecision, replayDecisions, sameValue, type BuildDecisionResult } from '../../src/decisions/apply';
import { parseDecisionLog, decisionLine } from '../../src/decisions/log';
import { DecisionSchema, type Decision, type DecisionRequest } from '../../src/decisions/schema';
import type { StatRecord } from '../../src/record/schema';
import { makeRecord } from '../review/helpers';

const JIAXING = { name: '嘉兴市', code: '330400', level: 'prefecture' as const, parent: '浙江省' };
let counter = 0;

/** Runs buildDecision against the record with the log so far applied, as the server does; appends to `log`. */
function decide(log: Decision[], base: StatRecord, request: Omit<DecisionRequest, 'recordId' | 'basedOn'> & { basedOn?: string | null }, reviewer = 'ann'): BuildDecisionResult {
  const history = historiesByRecord(log).get(base.id);
  const current = replayDecisions(base, history?.all ?? []);
  const basedOn = request.basedOn !== undefined ? request.basedOn : (headDecision(history)?.id ?? null);
  // these tests decide again on purpose: they ask for it, as the page's "change decision" does
  const result = buildDecision({ change: true, ...request, recordId: base.id, basedOn }, current, history, {
    id: `decision-${String(++counter).padStart(4, '0')}`,
    reviewer,
    at: '2024-05-01T10:00:00.000Z',
  });
  if (result.ok) log.push(result.decision);
  return result;
}

function ok(result: BuildDecisionResult): Decision {
  if (!result.ok) throw new Error(`expected ok, got ${result.status}: ${result.error} ${JSON.stringify('issues' in result ? result.issues : '')}`);
  return result.decision;
}

describe('buildDecision', () => {
  const base = makeRecord();

  test('accept, reject and correct set the review state; correct records old and new values of changed fields only', () => {
    const log: Decision[] = [];
    expect(ok(decide(log, base, { action: 'accept' })).review).toEqual({ old: 'needs_review', new: 'accepted' });
    const period = { text: '2020年', year: 2020, endYear: null, startMonth: null, endMonth: null };
    const correction = ok(decide(log, base, { action: 'correct', fields: { city: JIAXING, period, value: base.value } }));
    expect(correction.changes).toEqual({ city: { old: base.city, new: JIAXING }, period: { old: base.period, new: period } });
    expect(correction.review).toEqual({ old: 'accepted', new: 'corrected' });
    // accepting a corrected record keeps it corrected: its fields still differ from the extraction
    expect(ok(decide(log, base, { action: 'accept' })).review.new).toBe('corrected');
    expect(ok(decide(log, base, { action: 'reject' })).review.new).toBe('rejected');
  });

  test('a decision based on an outdated head is a 409 carrying the decision that won', () => {
    const log: Decision[] = [];
    const first = ok(decide(log, base, { action: 'accept' }, 'ann'));
    const late = decide(log, base, { action: 'reject', basedOn: null }, 'bob');
    expect(late).toMatchObject({ ok: false, status: 409, head: { id: first.id, reviewer: 'ann' } });
    expect(log).toHaveLength(1);
    // seeing it, bob may still decide on top of it
    expect(ok(decide(log, base, { action: 'reject', basedOn: first.id }, 'bob')).basedOn).toBe(first.id);
  });

  test('a decided record is not decided again unless the reviewer asks to change its decision', () => {
    const log: Decision[] = [];
    const first = ok(decide(log, base, { action: 'correct', fields: { city: JIAXING } }, 'ann'));
    const silent = decide(log, base, { action: 'accept', basedOn: first.id, change: false }, 'bob');
    expect(silent).toMatchObject({ ok: false, status: 409, head: { id: first.id, reviewer: 'ann' } });
    expect(!silent.ok && silent.error).toContain('ann already decided');
    expect(log).toHaveLength(1);
    expect(ok(decide(log, base, { action: 'accept', basedOn: first.id, change: true }, 'bob')).review.new).toBe('corrected');
  });

  test('a correction that breaks the record contract is refused with the zod issues', () => {
    const log: Decision[] = [];
    const bad = decide(log, base, { action: 'correct', fields: { kind: 'growth' } });
    expect(bad).toMatchObject({ ok: false, status: 400 });
    expect(!bad.ok && bad.status === 400 && bad.issues.map((i) => i.path)).toContain('basis');
    const badCity = decide(log, base, { action: 'correct', fields: { city: { name: '嘉兴市', code: 'x', level: 'prefecture', parent: null } } });
    expect(!badCity.ok && badCity.status === 400 && badCity.issues.some((i) => i.path.startsWith('changes.city.new.code'))).toBe(true);
    expect(decide(log, base, { action: 'correct', fields: { value: base.value } })).toMatchObject({ ok: false, status: 400, error: 'the correction changes no field' });
    expect(log).toHaveLength(0);
  });

  test('undo takes back only the latest decision, restoring fields and review state', () => {
    const log: Decision[] = [];
    const correction = ok(decide(log, base, { action: 'correct', fields: { city: JIAXING } }));
    const reject = ok(decide(log, base, { action: 'reject' }));
    expect(decide(log, base, { action: 'undo', undoes: correction.id })).toMatchObject({ ok: false, status: 409 });
    const undo = ok(decide(log, base, { action: 'undo', undoes: reject.id }));
    expect(undo.review).toEqual({ old: 'rejected', new: 'corrected' });
    ok(decide(log, base, { action: 'undo', undoes: correction.id }));
    expect(replayDecisions(base, log)).toEqual(base);
    expect(headDecision(historiesByRecord(log).get(base.id))).toBeNull();
  });
});

describe('applyDecisions', () => {
  const a = makeRecord({ id: 'record-a-000000000' });
  const b = makeRecord({ id: 'record-b-000000000', review: 'auto', flags: [] });
  const c = makeRecord({ id: 'record-c-000000000' });

  test('applies by record id, later decision wins, and orphans are reported not dropped', () => {
    const log: Decision[] = [];
    ok(decide(log, a, { action: 'reject' }));
    const head = headDecision(historiesByRecord(log).get(a.id))!;
    ok(decide(log, a, { action: 'accept', basedOn: head.id }));
    ok(decide(log, b, { action: 'correct', fields: { status: 'target' } }));
    const gone = makeRecord({ id: 'record-gone-0000000' });
    ok(decide(log, gone, { action: 'accept' }));
    const result = applyDecisions([a, b, c], log);
    expect(result.records.map((r) => r.review)).toEqual(['accepted', 'corrected', 'needs_review']);
    expect(result.records[1].status).toBe('target');
    expect(result.records[2]).toBe(c);
    expect(result.decided).toBe(2);
    expect(result.orphaned.map((d) => d.recordId)).toEqual([gone.id]);
  });

  test('replaying the whole log over records that already have part of it applied gives the same result', () => {
    const log: Decision[] = [];
    ok(decide(log, a, { action: 'correct', fields: { city: JIAXING } }));
    const firstRun = applyDecisions([a], log).records;
    const accept = ok(decide(log, a, { action: 'accept' }));
    ok(decide(log, a, { action: 'undo', undoes: accept.id }));
    ok(decide(log, a, { action: 'correct', fields: { value: 22 } }));
    expect(applyDecisions(firstRun, log).records).toEqual(applyDecisions([a], log).records);
    expect(applyDecisions(firstRun, log).records[0]).toMatchObject({ city: JIAXING, value: 22, review: 'corrected' });
  });

  test('a record that decisions would make invalid stays as extracted and is reported', () => {
    const forged = DecisionSchema.parse({
      schemaVersion: 1, id: 'forged-000001', recordId: a.id, action: 'correct',
      changes: { kind: { old: 'level', new: 'growth' } }, review: { old: 'needs_review', new: 'corrected' },
      undoes: null, basedOn: null, reviewer: 'mallory', at: '2024-05-01T10:00:00Z',
    });
    const result = applyDecisions([a], [forged]);
    expect(result.records[0]).toBe(a);
    expect(result.invalid).toEqual([{ recordId: a.id, issues: [expect.objectContaining({ path: 'basis' })] }]);
  });
});

describe('parseDecisionLog', () => {
  test('keeps valid lines and reports broken ones with their line numbers', () => {
    const log: Decision[] = [];
    ok(decide(log, makeRecord(), { action: 'accept' }));
    const text = decisionLine(log[0]) + '{"truncated": \n' + '\n' + JSON.stringify({ ...log[0], action: 'delete' }) + '\n';
    const parsed = parseDecisionLog(text);
    expect(parsed.decisions).toEqual(log);
    expect(parsed.malformed.map((m) => m.line)).toEqual([2, 4]);
    expect(parsed.malformed[1].message).toContain('action');
  });

  test('the decision schema refuses inconsistent lines', () => {
    const valid = { schemaVersion: 1, id: 'decision-x-1', recordId: 'record-x-1', action: 'reject', changes: {}, review: { old: 'needs_review', new: 'rejected' }, undoes: null, basedOn: null, reviewer: 'ann', at: '2024-05-01T10:00:00Z' };
    expect(DecisionSchema.safeParse(valid).success).toBe(true);
    expect(DecisionSchema.safeParse({ ...valid, review: { old: 'needs_review', new: 'accepted' } }).success).toBe(false);
    expect(DecisionSchema.safeParse({ ...valid, action: 'accept', changes: { value: { old: 1, new: 2 } }, review: { old: 'auto', new: 'accepted' } }).success).toBe(false);
    expect(DecisionSchema.safeParse({ ...valid, reviewer: 'a\u0007b' }).success).toBe(false);
    expect(DecisionSchema.safeParse({ ...valid, extra: 1 }).success).toBe(false);
  });
});

test('sameValue ignores key order', () => {
  expect(sameValue({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 })).toBe(true);
  expect(sameValue({ a: 1 }, { a: 1, b: undefined })).toBe(false);
  expect(sameValue([1], { 0: 1 })).toBe(false);
});
