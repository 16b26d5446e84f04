/**
 * Pure functions over the decision log: which decisions are in force for a record, what a record
 * looks like with them applied, and how a reviewer's request becomes a validated Decision.
 */
import { RecordSchema, type StatRecord } from '../record/schema';
import { DecisionSchema, type Decision, type DecisionRequest, type EditableField, type FieldChange } from './schema';

export interface RecordHistory {
  /** Every decision on the record, in log order (undos included). */
  all: Decision[];
  /** Decisions in force, oldest first: undone ones and undos removed. The last one is the head. */
  inForce: Decision[];
}

export interface Issue {
  path: string;
  message: string;
}

export function historiesByRecord(decisions: readonly Decision[]): Map<string, RecordHistory> {
  const histories = new Map<string, RecordHistory>();
  for (const d of decisions) {
    let h = histories.get(d.recordId);
    if (!h) histories.set(d.recordId, (h = { all: [], inForce: [] }));
    h.all.push(d);
    if (d.action === 'undo') {
      // normally the head; two servers without a shared lock could have undone an older one
      const at = h.inForce.findIndex((x) => x.id === d.undoes);
      if (at >= 0) h.inForce.splice(at, 1);
    } else {
      h.inForce.push(d);
    }
  }
  return histories;
}

export function headDecision(history: RecordHistory | undefined): Decision | null {
  return history && history.inForce.length > 0 ? history.inForce[history.inForce.length - 1] : null;
}

/** The record after one decision: its fields set to the new values, its review state set. */
export function applyDecision(record: StatRecord, decision: Decision): StatRecord {
  const next: Record<string, unknown> = { ...record, review: decision.review.new };
  for (const [field, change] of Object.entries(decision.changes) as [EditableField, FieldChange][]) next[field] = structuredClone(change.new);
  return next as StatRecord;
}

/** All of a record's decisions in log order. Each is an absolute transition, so this is also right for
 * a record that already has some of them applied (records.jsonl of an earlier run). */
export function replayDecisions(record: StatRecord, decisions: readonly Decision[]): StatRecord {
  return decisions.reduce(applyDecision, record);
}

export interface AppliedDecisions {
  records: StatRecord[];
  /** Records whose state a decision set. */
  decided: number;
  /** Decisions on records that do not exist in this run (rules or inputs changed): kept in the log, reported. */
  orphaned: Decision[];
  /** Records whose decisions would make them break the record contract: left as extracted, reported. */
  invalid: { recordId: string; issues: Issue[] }[];
}

export function applyDecisions(records: readonly StatRecord[], decisions: readonly Decision[]): AppliedDecisions {
  const byRecord = new Map<string, Decision[]>();
  for (const d of decisions) {
    const list = byRecord.get(d.recordId);
    if (list) list.push(d);
    else byRecord.set(d.recordId, [d]);
  }
  const known = new Set(records.map((r) => r.id));
  const invalid: AppliedDecisions['invalid'] = [];
  let decided = 0;
  const out = records.map((record) => {
    const mine = byRecord.get(record.id);
    if (!mine) return record;
    const next = replayDecisions(record, mine);
    const parsed = RecordSchema.safeParse(next);
    if (!parsed.success) {
      invalid.push({ recordId: record.id, issues: zodIssues(parsed.error.issues) });
      return record;
    }
    decided++;
    return parsed.data;
  });
  return { records: out, decided, orphaned: decisions.filter((d) => !known.has(d.recordId)), invalid };
}

/** The review state a record had before any decision: the first decision's `review.old`. */
export function originalReviewState(record: StatRecord, history: RecordHistory | undefined): StatRecord['review'] {
  return history && history.all.length > 0 ? history.all[0].review.old : record.review;
}

export type BuildDecisionResult =
  | { ok: true; decision: Decision; record: StatRecord }
  | { ok: false; status: 400; error: string; issues: Issue[] }
  | { ok: false; status: 409; error: string; head: Decision | null };

export interface DecisionMeta {
  id: string;
  reviewer: string;
  at: string;
}

/**
 * A reviewer's request against the record as it is now (all decisions so far applied) → the decision
 * to append, or why not: 409 when the record's latest decision is not the one the reviewer saw (another
 * tab or reviewer decided meanwhile), 400 when the request is invalid or a correction breaks the contract.
 */
export function buildDecision(request: DecisionRequest, current: StatRecord, history: RecordHistory | undefined, meta: DecisionMeta): BuildDecisionResult {
  const head = headDecision(history);
  if ((head?.id ?? null) !== request.basedOn) {
    const error = head
      ? `${head.reviewer} already decided this record (${head.action}, ${head.at}) after the version you saw`
      : 'the decision you saw on this record has been undone meanwhile';
    return { ok: false, status: 409, error, head };
  }
  if (head && request.action !== 'undo' && !request.change) {
    return { ok: false, status: 409, error: `${head.reviewer} already decided this record (${head.action}, ${head.at}); change the decision explicitly to decide it again`, head };
  }
  let changes: Partial<Record<EditableField, FieldChange>> = {};
  let reviewNew: StatRecord['review'];
  switch (request.action) {
    case 'accept':
      reviewNew = current.review === 'corrected' ? 'corrected' : 'accepted';
      break;
    case 'reject':
      reviewNew = 'rejected';
      break;
    case 'correct': {
      for (const [field, value] of Object.entries(request.fields ?? {}) as [EditableField, unknown][]) {
        if (!sameValue(current[field], value)) changes[field] = { old: current[field], new: value };
      }
      if (Object.keys(changes).length === 0) return { ok: false, status: 400, error: 'the correction changes no field', issues: [] };
      reviewNew = 'corrected';
      break;
    }
    case 'undo': {
      if (!head) return { ok: false, status: 409, error: 'there is no decision on this record to undo', head };
      if (request.undoes !== head.id) return { ok: false, status: 409, error: 'only the latest decision on a record can be undone', head };
      changes = Object.fromEntries(
        (Object.entries(head.changes) as [EditableField, FieldChange][]).map(([field, change]) => [field, { old: current[field], new: change.old }]),
      );
      reviewNew = head.review.old;
      break;
    }
  }
  const candidate = {
    schemaVersion: 1 as const,
    id: meta.id,
    recordId: current.id,
    action: request.action,
    changes,
    review: { old: current.review, new: reviewNew },
    undoes: request.action === 'undo' ? (request.undoes ?? null) : null,
    basedOn: request.basedOn,
    reviewer: meta.reviewer,
    at: meta.at,
  };
  const decision = DecisionSchema.safeParse(candidate);
  if (!decision.success) return { ok: false, status: 400, error: 'invalid decision', issues: zodIssues(decision.error.issues) };
  const record = RecordSchema.safeParse(applyDecision(current, decision.data));
  if (!record.success) return { ok: false, status: 400, error: 'the corrected record breaks the record contract', issues: zodIssues(record.error.issues) };
  return { ok: true, decision: decision.data, record: record.data };
}

export function zodIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Issue[] {
  return issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
}

/** Structural equality of JSON values (key order ignored). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

