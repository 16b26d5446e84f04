/**
 * Scores a match result: detection and full-record precision/recall, errors per field, per file.
 *
 * Definitions (RECORDS.md, "How a prediction is matched to gold"):
 * - A prediction is *detected* when it is paired with any gold fact, required or optional.
 * - A prediction is *correct* when it is paired and every field agrees. A record paired with an
 *   optional fact counts in precision like any other ("found ones are checked"): correct if its
 *   fields agree, wrong otherwise. Unpaired records (including duplicates) are wrong.
 * - Recall is over required facts only; a required fact is recalled when it is paired (detection)
 *   or paired with a correct record (full). Required facts whose gold line cannot be located in the
 *   input stay in the denominator: no prediction can reach them, and hiding them would flatter recall.
 * - Field errors are counted over all pairs (required and optional facts).
 */
import type { GoldPeriod, LocatedGoldFact, UnlocatableGoldFact } from './gold';
import type { Field, FileMatch, MatchResult } from './match';
import { FIELDS, spanOverlap, valuesAgree } from './match';
import type { Prediction, PredictionPeriod } from './prediction';

export interface Counts {
  readonly requiredGold: number;
  readonly optionalGold: number;
  /** Required gold facts that could not be located in the input (counted as misses). */
  readonly unlocatableRequired: number;
  readonly predictions: number;
  /** Predictions paired with a gold fact (required or optional). */
  readonly detectedPredictions: number;
  /** Predictions paired with a gold fact and right in every field. */
  readonly correctPredictions: number;
  readonly detectedRequired: number;
  readonly correctRequired: number;
  readonly matchedOptional: number;
  /** Predictions with `review: "auto"`, and of those the ones paired and right in every field. */
  readonly autoPredictions: number;
  readonly correctAutoPredictions: number;
  readonly fieldErrors: Record<Field, number>;
}

export interface Metrics {
  /** null when there is nothing to divide by (no predictions / no required facts). */
  readonly detectionPrecision: number | null;
  readonly detectionRecall: number | null;
  readonly precision: number | null;
  readonly recall: number | null;
  readonly f1: number | null;
  /** Share of predictions marked `auto`, and the share of those that are right. */
  readonly autoShare: number | null;
  readonly autoPrecision: number | null;
}

export interface Score extends Counts, Metrics {}

export interface FileScore extends Score {
  readonly stem: string;
}

export interface FieldDifference {
  readonly field: Field;
  readonly gold: string;
  readonly predicted: string;
}

export interface Miss {
  readonly stem: string;
  readonly goldLine: number;
  readonly quote: string;
  readonly metric: string;
  readonly context: string;
}

export interface WrongRecord {
  readonly stem: string;
  readonly goldLine: number;
  readonly predictionLine: number;
  readonly required: boolean;
  readonly quote: string;
  readonly differences: FieldDifference[];
  readonly context: string;
  readonly sentence: string | null;
}

export interface FalsePositive {
  readonly stem: string;
  readonly predictionLine: number;
  readonly quote: string | null;
  readonly span: [number, number];
  readonly metric: string;
  readonly value: number;
  /** Why it was not paired, to tell noise from near misses. */
  readonly reason: string;
  readonly sentence: string | null;
}

export interface Unlocatable {
  readonly stem: string;
  readonly goldLine: number;
  readonly required: boolean;
  readonly quote: string;
  readonly context: string;
  readonly reason: string;
}

export interface EvalResult {
  readonly total: Score;
  readonly files: FileScore[];
  readonly misses: Miss[];
  readonly wrongRecords: WrongRecord[];
  readonly falsePositives: FalsePositive[];
  readonly unlocatable: Unlocatable[];
  /** Predictions whose doc.file has no gold file; not scored. */
  readonly predictionsWithoutGold: number;
}

function ratio(numerator: number, denominator: number): number | null {
  return denominator === 0 ? null : numerator / denominator;
}

function harmonicMean(a: number | null, b: number | null): number | null {
  if (a === null || b === null) return null;
  return a + b === 0 ? 0 : (2 * a * b) / (a + b);
}

function withMetrics(counts: Counts): Score {
  const requiredTotal = counts.requiredGold;
  const precision = ratio(counts.correctPredictions, counts.predictions);
  const recall = ratio(counts.correctRequired, requiredTotal);
  return {
    ...counts,
    detectionPrecision: ratio(counts.detectedPredictions, counts.predictions),
    detectionRecall: ratio(counts.detectedRequired, requiredTotal),
    precision,
    recall,
    f1: harmonicMean(precision, recall),
    autoShare: ratio(counts.autoPredictions, counts.predictions),
    autoPrecision: ratio(counts.correctAutoPredictions, counts.autoPredictions),
  };
}

function zeroFieldErrors(): Record<Field, number> {
  return { city: 0, period: 0, metric: 0, kind: 0, status: 0 };
}

function isAuto(prediction: Prediction): boolean {
  return prediction.review === 'auto';
}

function countFile(file: FileMatch, unlocatable: readonly UnlocatableGoldFact[]): Counts {
  const located = [...file.pairs.map((p) => p.gold), ...file.unmatchedGold];
  const fieldErrors = zeroFieldErrors();
  for (const pair of file.pairs) for (const field of FIELDS) if (!pair.fields[field]) fieldErrors[field]++;
  const unlocatableRequired = unlocatable.filter((u) => u.fact.required).length;
  return {
    requiredGold: located.filter((g) => g.required).length + unlocatableRequired,
    optionalGold: located.filter((g) => !g.required).length + unlocatable.length - unlocatableRequired,
    unlocatableRequired,
    predictions: file.pairs.length + file.unmatchedPredictions.length,
    detectedPredictions: file.pairs.length,
    correctPredictions: file.pairs.filter((p) => p.correct).length,
    detectedRequired: file.pairs.filter((p) => p.gold.required).length,
    correctRequired: file.pairs.filter((p) => p.gold.required && p.correct).length,
    matchedOptional: file.pairs.filter((p) => !p.gold.required).length,
    autoPredictions: file.pairs.filter((p) => isAuto(p.prediction)).length + file.unmatchedPredictions.filter(isAuto).length,
    correctAutoPredictions: file.pairs.filter((p) => p.correct && isAuto(p.prediction)).length,
    fieldErrors,
  };
}

function sumCounts(all: readonly Counts[]): Counts {
  const fieldErrors = zeroFieldErrors();
  for (const c of all) for (const field of FIELDS) fieldErrors[field] += c.fieldErrors[field];
  const sum = (key: Exclude<keyof Counts, 'fieldErrors'>): number => all.reduce((s, c) => s + c[key], 0);
  return {
    requiredGold: sum('requiredGold'),
    optionalGold: sum('optionalGold'),
    unlocatableRequired: sum('unlocatableRequired'),
    predictions: sum('predictions'),
    detectedPredictions: sum('detectedPredictions'),
    correctPredictions: sum('correctPredictions'),
    detectedRequired: sum('detectedRequired'),
    correctRequired: sum('correctRequired'),
    matchedOptional: sum('matchedOptional'),
    autoPredictions: sum('autoPredictions'),
    correctAutoPredictions: sum('correctAutoPredictions'),
    fieldErrors,
  };
}

/** `2020`, `2021–2025`, `2020 1–6月`, `? 1–6月`, `none`. */
export function formatPeriod(period: GoldPeriod | PredictionPeriod | null): string {
  if (period === null) return 'none';
  const years =
    period.year === null && period.endYear === null
      ? '?'
      : period.endYear === null
        ? `${period.year}`
        : `${period.year ?? '?'}–${period.endYear}`;
  const months =
    period.startMonth === null && period.endMonth === null
      ? ''
      : ` ${period.startMonth ?? '?'}–${period.endMonth ?? '?'}月`;
  const text = period.text ? ` (${period.text})` : '';
  return `${years}${months}${text}`;
}

function goldValueOf(gold: LocatedGoldFact, field: Field): string {
  switch (field) {
    case 'city':
      return gold.city ?? 'null';
    case 'period': {
      const alternatives = (gold.periodAlt ?? []).map(formatPeriod);
      const main = formatPeriod(gold.period);
      return alternatives.length ? `${main} | alt: ${alternatives.join(' | ')}` : main;
    }
    case 'metric':
      return gold.metric;
    case 'kind':
      return gold.kind;
    case 'status':
      return gold.status;
  }
}

function predictedValueOf(prediction: Prediction, field: Field): string {
  switch (field) {
    case 'city':
      return prediction.city?.name ?? 'null';
    case 'period':
      return formatPeriod(prediction.period);
    case 'metric':
      return prediction.metric.name;
    case 'kind':
      return prediction.kind;
    case 'status':
      return prediction.status;
  }
}

function falsePositiveReason(prediction: Prediction, file: FileMatch): string {
  const pairedWith = new Map(file.pairs.map((p) => [p.gold, p.prediction]));
  const allGold = [...file.pairs.map((p) => p.gold), ...file.unmatchedGold];
  const overlapping = allGold.filter((g) => spanOverlap(g.span, prediction.span) > 0);
  if (overlapping.length === 0) return 'no gold fact at this span';
  const sameValue = overlapping.find((g) => valuesAgree(g.normalized, prediction.normalized.value));
  if (sameValue) {
    const other = pairedWith.get(sameValue);
    return `duplicate: gold line ${sameValue.line} is already paired with prediction line ${other?.line ?? '?'}`;
  }
  const g = overlapping[0];
  return `value ${prediction.normalized.value} ≠ gold ${g.normalized} (gold line ${g.line})`;
}

/** Turns a match result (and the gold facts that could not be located) into scores and details. */
export function scoreEvaluation(match: MatchResult, unlocatable: readonly UnlocatableGoldFact[]): EvalResult {
  const files: FileScore[] = match.files.map((file) => ({
    stem: file.stem,
    ...withMetrics(
      countFile(
        file,
        unlocatable.filter((u) => u.fact.stem === file.stem),
      ),
    ),
  }));
  // Unlocatable facts of a file with no FileMatch (the caller passed no gold stem for it) still count.
  const stems = new Set(match.files.map((f) => f.stem));
  const orphans = unlocatable.filter((u) => !stems.has(u.fact.stem));
  const orphanCounts = countFile({ stem: '', pairs: [], unmatchedGold: [], unmatchedPredictions: [] }, orphans);
  const total = withMetrics(sumCounts([...files, orphanCounts]));

  const misses: Miss[] = [];
  const wrongRecords: WrongRecord[] = [];
  const falsePositives: FalsePositive[] = [];
  for (const file of match.files) {
    for (const g of file.unmatchedGold) {
      if (!g.required) continue;
      misses.push({ stem: file.stem, goldLine: g.line, quote: g.quote, metric: g.metric, context: g.context });
    }
    for (const pair of file.pairs) {
      if (pair.correct) continue;
      wrongRecords.push({
        stem: file.stem,
        goldLine: pair.gold.line,
        predictionLine: pair.prediction.line,
        required: pair.gold.required,
        quote: pair.gold.quote,
        differences: FIELDS.filter((field) => !pair.fields[field]).map((field) => ({
          field,
          gold: goldValueOf(pair.gold, field),
          predicted: predictedValueOf(pair.prediction, field),
        })),
        context: pair.gold.context,
        sentence: pair.prediction.sentence ?? null,
      });
    }
    for (const p of file.unmatchedPredictions) {
      falsePositives.push({
        stem: file.stem,
        predictionLine: p.line,
        quote: p.quote ?? null,
        span: p.span,
        metric: p.metric.name,
        value: p.normalized.value,
        reason: falsePositiveReason(p, file),
        sentence: p.sentence ?? null,
      });
    }
  }
  return {
    total,
    files,
    misses,
    wrongRecords,
    falsePositives,
    unlocatable: unlocatable.map((u) => ({
      stem: u.fact.stem,
      goldLine: u.fact.line,
      required: u.fact.required,
      quote: u.fact.quote,
      context: u.fact.context,
      reason: u.reason,
    })),
    predictionsWithoutGold: match.predictionsWithoutGold.length,
  };
}
