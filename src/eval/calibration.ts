/**
 * Fitting the confidence model (record/confidence.ts) to the development sets' gold, and the curves
 * that say what its numbers mean: how often records of a given confidence are right (reliability),
 * and what share goes out `auto` at what precision for each review threshold. Pure: samples in,
 * model and tables out; `npm run calibrate` (cli/calibrate.ts) reads and writes the files.
 */
import { compileConfidenceModel, logistic, predictConfidence, roundConfidence, type ConfidenceModel } from '../record/confidence';

export interface Sample {
  readonly features: readonly string[];
  /** Right in every field the eval judges (a false positive is not right). */
  readonly right: boolean;
  /** Sent to review whatever its confidence (a flag such as city_unknown): never auto. */
  readonly forcedReview: boolean;
  /** The file it came from: cross-validation holds out whole files, as the hidden set is other files. */
  readonly group: string;
}

export interface FitOptions {
  /** L2 penalty on the weights (not the bias), per sample. */
  readonly l2: number;
  /** Features seen on fewer samples than this get no weight: too few to say anything. */
  readonly minCount: number;
  readonly iterations: number;
}

export const DEFAULT_FIT: FitOptions = { l2: 0.01, minCount: 5, iterations: 3000 };

/** Minimises mean log-loss + l2/2·|w|² by full-batch gradient descent: deterministic, and ample at this size. */
export function fitConfidenceModel(samples: readonly Sample[], options: FitOptions = DEFAULT_FIT): ConfidenceModel {
  const counts = new Map<string, number>();
  for (const s of samples) for (const f of s.features) counts.set(f, (counts.get(f) ?? 0) + 1);
  const names = [...counts].filter(([, n]) => n >= options.minCount).map(([f]) => f).sort();
  const index = new Map(names.map((f, i) => [f, i]));
  const rows = samples.map((s) => s.features.map((f) => index.get(f)).filter((i): i is number => i !== undefined));
  const weights = new Float64Array(names.length);
  const rightShare = samples.filter((s) => s.right).length / Math.max(1, samples.length);
  let bias = Math.log(Math.max(1e-3, rightShare) / Math.max(1e-3, 1 - rightShare));
  const gradient = new Float64Array(names.length);
  const n = Math.max(1, samples.length);
  const rate = 0.5;
  for (let step = 0; step < options.iterations; step++) {
    gradient.fill(0);
    let biasGradient = 0;
    for (let i = 0; i < rows.length; i++) {
      let z = bias;
      for (const f of rows[i]!) z += weights[f]!;
      const error = logistic(z) - (samples[i]!.right ? 1 : 0);
      biasGradient += error;
      for (const f of rows[i]!) gradient[f]! += error;
    }
    bias -= (rate * biasGradient) / n;
    for (let f = 0; f < weights.length; f++) weights[f]! -= rate * (gradient[f]! / n + options.l2 * weights[f]!);
  }
  return compileConfidenceModel(bias, Object.fromEntries(names.map((f, i) => [f, weights[i]!])));
}

/** Each sample's confidence from a model fitted without its file's samples (`folds` groups of files, dealt in name order). */
export function crossValidatedConfidence(samples: readonly Sample[], folds: number, options: FitOptions = DEFAULT_FIT): number[] {
  const groups = [...new Set(samples.map((s) => s.group))].sort();
  const foldOf = new Map(groups.map((g, i) => [g, i % folds]));
  const scores = new Array<number>(samples.length).fill(0);
  for (let fold = 0; fold < folds; fold++) {
    const model = fitConfidenceModel(samples.filter((s) => foldOf.get(s.group) !== fold), options);
    samples.forEach((s, i) => {
      if (foldOf.get(s.group) === fold) scores[i] = predictConfidence(model, s.features);
    });
  }
  return scores;
}

export interface ThresholdRow {
  readonly threshold: number;
  /** Share of all records that go out auto. */
  readonly autoShare: number;
  /** Share of the auto records right in every field (null when none is auto). */
  readonly autoPrecision: number | null;
}

/** What a review threshold does: records at or above it (and not forced to review) go out auto. */
export function thresholdCurve(samples: readonly Sample[], scores: readonly number[], thresholds: readonly number[]): ThresholdRow[] {
  return thresholds.map((threshold) => {
    let auto = 0;
    let right = 0;
    samples.forEach((s, i) => {
      if (s.forcedReview || roundConfidence(scores[i]!) < threshold) return;
      auto++;
      if (s.right) right++;
    });
    return { threshold, autoShare: auto / Math.max(1, samples.length), autoPrecision: auto === 0 ? null : right / auto };
  });
}

export interface ReliabilityBin {
  readonly from: number;
  readonly to: number;
  readonly records: number;
  readonly meanConfidence: number | null;
  readonly rightShare: number | null;
}

/** Records grouped by confidence: in a calibrated model, each bin's right share is near its mean confidence. */
export function reliabilityBins(samples: readonly Sample[], scores: readonly number[], edges: readonly number[]): ReliabilityBin[] {
  const bins: ReliabilityBin[] = [];
  for (let b = 0; b + 1 < edges.length; b++) {
    const from = edges[b]!;
    const to = edges[b + 1]!;
    const inBin = samples.map((s, i) => ({ s, score: scores[i]! })).filter(({ score }) => score >= from && (score < to || (b + 2 === edges.length && score <= to)));
    bins.push({
      from,
      to,
      records: inBin.length,
      meanConfidence: inBin.length === 0 ? null : inBin.reduce((sum, x) => sum + x.score, 0) / inBin.length,
      rightShare: inBin.length === 0 ? null : inBin.filter((x) => x.s.right).length / inBin.length,
    });
  }
  return bins;
}

/** The lowest threshold from which on every threshold's auto records reach `precision`. */
export function lowestThresholdFor(curve: readonly ThresholdRow[], precision: number): ThresholdRow | null {
  const rows = [...curve].sort((a, b) => a.threshold - b.threshold);
  let found: ThresholdRow | null = null;
  for (let i = rows.length - 1; i >= 0; i--) {
    const p = rows[i]!.autoPrecision;
    if (p !== null && p < precision) break;
    if (p !== null) found = rows[i]!;
  }
  return found;
}
