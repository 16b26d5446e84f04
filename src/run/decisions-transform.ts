/**
 * Reviewers' decisions applied record by record while the outputs are assembled, with the same
 * result as `applyDecisions` over the whole record list (which a streaming run never holds).
 */
import { applyDecisions, type AppliedDecisions } from '../decisions/apply';
import type { Decision } from '../decisions/schema';
import type { StatRecord } from '../record/schema';
import type { RecordTransform } from './assemble';

export interface StreamingDecisions extends RecordTransform {
  /** What `applyDecisions` reports besides the records; complete once every record has passed. */
  summary(): Omit<AppliedDecisions, 'records'>;
}

export function decisionsTransform(decisions: readonly Decision[]): StreamingDecisions {
  const byRecord = new Map<string, Decision[]>();
  for (const d of decisions) {
    const list = byRecord.get(d.recordId);
    if (list) list.push(d);
    else byRecord.set(d.recordId, [d]);
  }
  const seen = new Set<string>();
  const invalid: AppliedDecisions['invalid'] = [];
  let decided = 0;
  return {
    touches: (id) => byRecord.has(id),
    apply(record: StatRecord): StatRecord {
      seen.add(record.id);
      const applied = applyDecisions([record], byRecord.get(record.id) ?? []);
      decided += applied.decided;
      invalid.push(...applied.invalid);
      return applied.records[0];
    },
    summary: () => ({ decided, invalid: [...invalid], orphaned: decisions.filter((d) => !seen.has(d.recordId)) }),
  };
}
