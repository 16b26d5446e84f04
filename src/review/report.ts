/**
 * What the decision log says about the reviewers and the pipeline (`zhstat review-report`): per
 * reviewer, their decisions and the time a decision takes; where two reviewers decided the same
 * record, whether they agree; and, from the random sample of auto records sent to review, how often
 * an auto record is right. Pure: the CLI reads the files.
 */
import { headDecision, historiesByRecord, sameValue, type RecordHistory } from '../decisions/apply';
import type { Decision } from '../decisions/schema';

/** A gap longer than this between two decisions of a reviewer is a break, not time spent on a record. */
export const BREAK_MS = 10 * 60_000;

export interface ReviewerReport {
  reviewer: string;
  decisions: number;
  accept: number;
  correct: number;
  reject: number;
  undo: number;
  /** Records whose decision in force is theirs. */
  records: number;
  /** Median seconds between one decision and their next (breaks left out), or null with fewer than two. */
  medianSeconds: number | null;
  meanSeconds: number | null;
}

export interface AgreementReport {
  reviewers: [string, string];
  /** Records both decided. */
  records: number;
  agreed: number;
}

export interface SampleReport {
  rate: number;
  /** Auto records drawn into the sample, and how many of them reviewers decided. */
  drawn: number;
  decided: number;
  accepted: number;
  corrected: number;
  rejected: number;
  /** accepted / decided, with a 95% Wilson interval; null before any decision. */
  precision: number | null;
  interval: [number, number] | null;
}

export interface ReviewReport {
  reviewers: ReviewerReport[];
  agreement: AgreementReport[];
  sample: SampleReport | null;
}

export interface ReportInput {
  decisions: readonly Decision[];
  /** The review state each record had before any decision, by id (records of this output only). */
  originalState: (recordId: string) => string | null;
  /** The sample: its rate and the test of whether a record was drawn. */
  sample: { rate: number; drawn: (recordId: string) => boolean; candidates: readonly string[] } | null;
}

/** What a reviewer's decision says the record should be: the outcome and, for a correction, the values. */
function verdict(decisions: readonly Decision[]): { outcome: string; values: Record<string, unknown> } | null {
  let outcome: string | null = null;
  const values: Record<string, unknown> = {};
  for (const d of decisions) {
    if (d.action === 'undo') continue;
    outcome = d.action === 'correct' ? 'correct' : d.action;
    for (const [field, change] of Object.entries(d.changes)) values[field] = (change as { new: unknown }).new;
  }
  return outcome === null ? null : { outcome: outcome === 'accept' && Object.keys(values).length > 0 ? 'correct' : outcome, values };
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** 95% Wilson score interval of a proportion. */
export function wilson(successes: number, n: number): [number, number] {
  if (n === 0) return [0, 1];
  const z = 1.96;
  const p = successes / n;
  const denominator = 1 + (z * z) / n;
  const centre = (p + (z * z) / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export function reviewReport(input: ReportInput): ReviewReport {
  const decisions = input.decisions.filter((d) => input.originalState(d.recordId) !== null);
  const histories = historiesByRecord(decisions);
  const byReviewer = new Map<string, ReviewerReport>();
  const of = (name: string) => {
    let r = byReviewer.get(name);
    if (!r) byReviewer.set(name, (r = { reviewer: name, decisions: 0, accept: 0, correct: 0, reject: 0, undo: 0, records: 0, medianSeconds: null, meanSeconds: null }));
    return r;
  };
  const times = new Map<string, number[]>();
  for (const d of decisions) {
    const r = of(d.reviewer);
    r[d.action]++;
    if (d.action !== 'undo') r.decisions++;
    const t = Date.parse(d.at);
    if (!Number.isNaN(t)) (times.get(d.reviewer) ?? times.set(d.reviewer, []).get(d.reviewer)!).push(t);
  }
  for (const [name, stamps] of times) {
    stamps.sort((a, b) => a - b);
    const gaps = stamps.slice(1).map((t, i) => t - stamps[i]).filter((g) => g <= BREAK_MS).map((g) => g / 1000);
    const r = of(name);
    r.medianSeconds = median(gaps);
    r.meanSeconds = gaps.length > 0 ? gaps.reduce((a, b) => a + b, 0) / gaps.length : null;
  }
  for (const h of histories.values()) {
    const head = headDecision(h);
    if (head) of(head.reviewer).records++;
  }

  const pairs = new Map<string, AgreementReport>();
  for (const h of histories.values()) agreementOf(h, pairs);

  let sample: SampleReport | null = null;
  if (input.sample) {
    const drawn = input.sample.candidates.filter((id) => input.originalState(id) === 'auto' && input.sample!.drawn(id));
    const counts = { accepted: 0, corrected: 0, rejected: 0 };
    for (const id of drawn) {
      const head = headDecision(histories.get(id));
      if (!head) continue;
      const state = head.review.new;
      if (state === 'accepted' || state === 'corrected' || state === 'rejected') counts[state]++;
    }
    const decided = counts.accepted + counts.corrected + counts.rejected;
    sample = {
      rate: input.sample.rate, drawn: drawn.length, decided, ...counts,
      precision: decided > 0 ? counts.accepted / decided : null,
      interval: decided > 0 ? wilson(counts.accepted, decided) : null,
    };
  }
  return {
    reviewers: [...byReviewer.values()].sort((a, b) => b.decisions - a.decisions || a.reviewer.localeCompare(b.reviewer)),
    agreement: [...pairs.values()].sort((a, b) => b.records - a.records),
    sample,
  };
}

/** For each two reviewers who both decided the record (decisions in force): agree when their verdicts match. */
function agreementOf(history: RecordHistory, pairs: Map<string, AgreementReport>): void {
  const byReviewer = new Map<string, Decision[]>();
  for (const d of history.inForce) (byReviewer.get(d.reviewer) ?? byReviewer.set(d.reviewer, []).get(d.reviewer)!).push(d);
  const names = [...byReviewer.keys()].sort();
  for (let i = 0; i < names.length; i++) {
    for (let j = i + 1; j < names.length; j++) {
      const a = verdict(byReviewer.get(names[i])!);
      const b = verdict(byReviewer.get(names[j])!);
      if (!a || !b) continue;
      const key = `${names[i]}\u0000${names[j]}`;
      let pair = pairs.get(key);
      if (!pair) pairs.set(key, (pair = { reviewers: [names[i], names[j]], records: 0, agreed: 0 }));
      pair.records++;
      // a later correction of a field the other left alone is a disagreement about that field
      const fields = new Set([...Object.keys(a.values), ...Object.keys(b.values)]);
      const same = a.outcome === b.outcome && [...fields].every((f) => f in a.values && f in b.values && sameValue(a.values[f], b.values[f]));
      if (same) pair.agreed++;
    }
  }
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const secs = (x: number | null) => (x === null ? '—' : `${x.toFixed(1)} s`);

export function formatReport(report: ReviewReport): string {
  const lines: string[] = [];
  lines.push('Reviewers');
  lines.push(`  ${'reviewer'.padEnd(16)} ${'decisions'.padStart(9)} ${'accept'.padStart(7)} ${'correct'.padStart(8)} ${'reject'.padStart(7)} ${'undo'.padStart(5)} ${'records'.padStart(8)} ${'median/decision'.padStart(16)} ${'mean/decision'.padStart(14)}`);
  for (const r of report.reviewers) {
    lines.push(`  ${r.reviewer.padEnd(16)} ${String(r.decisions).padStart(9)} ${String(r.accept).padStart(7)} ${String(r.correct).padStart(8)} ${String(r.reject).padStart(7)} ${String(r.undo).padStart(5)} ${String(r.records).padStart(8)} ${secs(r.medianSeconds).padStart(16)} ${secs(r.meanSeconds).padStart(14)}`);
  }
  if (report.reviewers.length === 0) lines.push('  (no decisions yet)');
  lines.push('', 'Agreement (records two reviewers both decided)');
  for (const a of report.agreement) lines.push(`  ${a.reviewers[0]} & ${a.reviewers[1]}: ${a.agreed} of ${a.records} agree (${pct(a.agreed / a.records)})`);
  if (report.agreement.length === 0) lines.push('  (no record was decided by two reviewers)');
  lines.push('', 'Auto records (review sample)');
  const s = report.sample;
  if (!s) lines.push('  no sample: start `zhstat review <out> --sample 5%` to send a share of auto records to review');
  else {
    lines.push(`  sample ${pct(s.rate)}: ${s.drawn} auto records drawn, ${s.decided} decided (${s.accepted} accepted, ${s.corrected} corrected, ${s.rejected} rejected)`);
    lines.push(s.precision === null ? '  measured auto precision: — (no sampled record decided yet)' : `  measured auto precision: ${pct(s.precision)} (95% interval ${pct(s.interval![0])}–${pct(s.interval![1])}, n=${s.decided})`);
  }
  return lines.join('\n') + '\n';
}
