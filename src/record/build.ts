/**
 * Turns located drafts into contract records: maps spans back to the decoded input, gives each
 * a stable id, decides review state, and validates against the zod schema (invalid → reported).
 * Every object of a record is built with its keys in schema order: that is the order zod's copy has,
 * and what lets the guard's accepted candidate stand for that copy (see guard.ts).
 */
import * as crypto from 'node:crypto';
import { SCHEMA_VERSION } from './contract';
import type { StatRecord } from './schema';
import { isValidRecord } from './guard';
import { sourceSpan, type MappedText } from '../text/mapped';
import type { DraftRecord } from '../extract/types';
import type { InvalidRecord } from '../pipeline/types';
import type { Article } from '../articles/articles';
import { scoreConfidence, roundConfidence, type ConfidenceModel } from './confidence';

/**
 * Below this confidence a record goes to the review queue even without a flag that asks for it. The
 * lowest threshold at which `auto` records of files the model was not fitted on were right 95% of the
 * time (`npm run calibrate`, docs/calibration.md): re-check it whenever the model is refitted.
 */
export const REVIEW_CONFIDENCE = 0.89;
/** Flags that always send a record to a reviewer: something the record needs is missing, it was
 * read from a table row whose cells the pipeline aligned to its columns by guess (a row with fewer
 * cells than columns; a table cell otherwise goes by its confidence), it stands for several places at once
 * (an English "Beijing and Shanghai both …": the record has the first), or its sentence holds a
 * character decoded from invalid bytes (record/visible.ts adds that flag after building). */
export const REVIEW_FLAGS: ReadonlySet<string> = new Set(['city_unknown', 'metric_missing', 'table_alignment_guessed', 'city_group', 'replacement_char', 'sign_repeated']);
// sign_repeated: a fall written with a minus as well (下降负3.2%), read as the fall; the writer may have meant otherwise.

/** Whether a record with these flags goes to review whatever its confidence. */
export function isForcedReview(flags: readonly string[]): boolean {
  return flags.some((f) => REVIEW_FLAGS.has(f));
}

export interface DocInfo {
  file: string;
  published: string | null;
  /** Where the publication date came from (sidecar, cli, path, html_meta, dateline). */
  publishedSource: string | null;
}

/** Stable across runs and machines: the file as given, the figure's place in it, its kind. Not the
 * rules' hash, so that a reviewer's decision survives rule changes that leave the figure alone. */
export function recordId(file: string, span: readonly [number, number], kind: string): string {
  return sha256Hex(`${file}\0${span[0]}:${span[1]}\0${kind}`).slice(0, 20);
}

/** crypto.hash (Node ≥ 20.12) hashes a short string in a third of the time of a Hash object. */
const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function' ? (text) => crypto.hash('sha256', text, 'hex') : (text) => crypto.createHash('sha256').update(text).digest('hex');

/** The input's own words for a normalized range, with hard line breaks removed. */
/** Two characters around a line break that make it a space: a Latin letter on one side, a letter, digit or clause mark on the other. */
const LATIN_WORD_BREAK = /^(?:[A-Za-z][A-Za-z0-9(]|[A-Za-z0-9,.;:%)][A-Za-z])$/;

export function sourceText(decoded: string, mapped: MappedText, range: readonly [number, number]): string {
  if (range[1] <= range[0]) return '';
  const [s, e] = sourceSpan(mapped, range[0], range[1]);
  const text = decoded.slice(s, e);
  // (most ranges hold no line break: the replace would only copy them); a break between two words
  // of English stood for a space (530.5\nbillion yuan)
  return (text.includes('\n') ? text.replace(/\s*\r?\n\s*/g, (gap: string, at: number) => (LATIN_WORD_BREAK.test(text.charAt(at - 1) + text.charAt(at + gap.length)) ? ' ' : '')) : text).trim();
}

/** A record's flags: the draft's, and where a year read from the publication date says where that
 * date came from; sorted (as Array.prototype.sort sorts strings), each once. */
export function recordFlags(draftFlags: readonly string[], publishedSource: string | null): string[] {
  const flags: string[] = [];
  for (const flag of draftFlags) insertSortedOnce(flags, flag);
  if (publishedSource && draftFlags.includes('period_year_from_date')) insertSortedOnce(flags, `published_from_${publishedSource}`);
  return flags;
}

/** Inserts `value` into the sorted `values` unless it is there: a record has a few flags, which an
 * insertion sort orders in a fraction of the time of a Set and Array.prototype.sort. */
function insertSortedOnce(values: string[], value: string): void {
  let at = values.length;
  while (at > 0 && values[at - 1]! > value) at--;
  if (at > 0 && values[at - 1] === value) return;
  values.push(value);
  for (let i = values.length - 1; i > at; i--) values[i] = values[i - 1]!;
  values[at] = value;
}

/**
 * The words the metric was read from: its name where the name stands as written inside the clause
 * (the indicator, not the 全市 before it or the 增长 after it), else the whole clause the name was
 * made from; null for a record no words name.
 */
function metricEvidence(draft: DraftRecord, mapped: MappedText): [number, number] | null {
  const [start, end] = draft.metricTextSpan;
  if (end <= start) return null;
  const name = draft.metric.name;
  // Looked for in the clause only: a name it does not spell out would send indexOf through the rest of the text.
  const at = name === '' || name.length > end - start ? -1 : mapped.text.slice(start, end).indexOf(name);
  if (at >= 0) return sourceSpan(mapped, start + at, start + at + name.length);
  return sourceSpan(mapped, start, end);
}

/** A record's `sentence` longer than this (only pieces of a run without sentence punctuation are:
 * see MAX_SENTENCE) is cut to SENTENCE_CONTEXT characters on either side of the figure. */
const LONGEST_SENTENCE_FIELD = 1200;
const SENTENCE_CONTEXT = 300;

/** The range of a record's `sentence`: its sentence, or a window of it around the figure (normalized offsets). */
export function sentenceRange(sentence: readonly [number, number], figure: readonly [number, number]): readonly [number, number] {
  if (sentence[1] - sentence[0] <= LONGEST_SENTENCE_FIELD) return sentence;
  return [Math.max(sentence[0], figure[0] - SENTENCE_CONTEXT), Math.min(sentence[1], figure[1] + SENTENCE_CONTEXT)];
}

export function buildRecords(
  drafts: readonly DraftRecord[],
  article: Article,
  doc: DocInfo,
  decoded: string,
  mapped: MappedText,
  confidenceModel: ConfidenceModel,
): { records: StatRecord[]; invalid: InvalidRecord[] } {
  const records: StatRecord[] = [];
  const invalid: InvalidRecord[] = [];
  const title = article.titleSpan ? sourceText(decoded, mapped, article.titleSpan).replace(/^#+\s*/u, '') : article.title;
  // Figures of one sentence share its text, and come one after another (drafts are by span): the
  // last sentence read back from the input is the one asked for again.
  let lastSentence: { range: readonly [number, number]; text: string } | null = null;
  const sentenceText = (range: readonly [number, number]): string => {
    if (lastSentence === null || lastSentence.range[0] !== range[0] || lastSentence.range[1] !== range[1]) {
      lastSentence = { range, text: sourceText(decoded, mapped, range) };
    }
    return lastSentence.text;
  };
  for (const draft of drafts) {
    const { normalized, period } = draft;
    const span = sourceSpan(mapped, draft.span[0], draft.span[1]);
    const flags = recordFlags(draft.flags, doc.publishedSource);
    const evidence = {
      city: draft.citySpan && sourceSpan(mapped, draft.citySpan[0], draft.citySpan[1]),
      metric: metricEvidence(draft, mapped),
      period: draft.periodSpan && sourceSpan(mapped, draft.periodSpan[0], draft.periodSpan[1]),
    };
    const facts = { trace: draft.trace, flags, kind: draft.kind, status: draft.status, metric: draft.metric, city: draft.city, period, approx: draft.approx, span, evidence };
    // Decided on the confidence the record shows, so a record reading 0.75 is never queued for being under 0.75.
    const confidence = roundConfidence(scoreConfidence(confidenceModel, facts));
    const needsReview = confidence < REVIEW_CONFIDENCE || isForcedReview(flags);
    const candidate = {
      schemaVersion: SCHEMA_VERSION,
      id: recordId(doc.file, span, draft.kind),
      doc: { file: doc.file, article: article.index, title, paper: article.paper, published: doc.published },
      city: draft.city ? { name: draft.city.name, code: draft.city.code, level: draft.city.level, parent: draft.city.parent } : null,
      subject: draft.subject,
      metric: { name: draft.metric.name, text: sourceText(decoded, mapped, draft.metricTextSpan), id: draft.metric.id },
      kind: draft.kind,
      basis: draft.basis,
      value: draft.value,
      unit: draft.unit,
      normalized: { value: normalized.value, unit: normalized.unit },
      approx: draft.approx,
      status: draft.status,
      period: period && {
        text: (draft.periodSpan && sourceText(decoded, mapped, draft.periodSpan)) || period.text,
        year: period.year,
        endYear: period.endYear,
        startMonth: period.startMonth,
        endMonth: period.endMonth,
      },
      span,
      quote: decoded.slice(span[0], span[1]),
      sentence: sentenceText(sentenceRange(draft.sentence, draft.span)) || decoded.slice(span[0], span[1]),
      confidence,
      flags,
      review: needsReview ? 'needs_review' : 'auto',
      trace: draft.trace,
      evidence,
    };
    if (isValidRecord(candidate)) {
      records.push(candidate);
      continue;
    }
    // zod says what is wrong; should it accept after all (say, keys out of order), its copy is the record.
    // Loaded on first use: the guard accepts nearly every record, and zod costs a worker 50 ms to load.
    const { RecordSchema } = require('./schema') as typeof import('./schema');
    const parsed = RecordSchema.safeParse(candidate);
    if (parsed.success) records.push(parsed.data);
    else
      invalid.push({
        id: candidate.id,
        quote: candidate.quote,
        issues: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
      });
  }
  return { records, invalid };
}
