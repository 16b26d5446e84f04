/**
 * Matching predictions to gold facts, exactly as "How a prediction is matched to gold" in
 * ../shared/spec/RECORDS.md says, plus the one thing it leaves open: the assignment policy.
 *
 * Assignment policy. A gold fact and a prediction are *candidates* when they are in the same file
 * (basename stem), their spans overlap and their normalized values agree to one part in a million.
 * Candidates are then paired one-to-one (each gold fact and each prediction used at most once) so
 * that, in this order of priority, the pairing
 *   1. contains as many *correct* pairs as possible,
 *   2. contains as many pairs as possible,
 *   3. has the largest total overlap (in characters) between paired spans.
 * This is solved exactly (a maximum-weight bipartite assignment per group of mutually overlapping
 * candidates), not greedily, so a duplicate or sloppy prediction can never steal a gold fact from
 * the prediction that gets it right, nor leave a fact unmatched that a different pairing would cover.
 * Remaining ties are broken by input order (earlier gold line, earlier prediction line).
 */
import type { GoldPeriod, LocatedGoldFact } from './gold';
import { fileStem } from './gold';
import type { Prediction, PredictionPeriod } from './prediction';

/** One part in a million, relative to the larger magnitude; exact equality when both are 0. */
export const VALUE_TOLERANCE = 1e-6;
export const METRIC_DICE_THRESHOLD = 0.6;

export const FIELDS = ['city', 'period', 'metric', 'kind', 'status'] as const;
export type Field = (typeof FIELDS)[number];
export type FieldVerdict = Record<Field, boolean>;

export interface MatchedPair {
  readonly gold: LocatedGoldFact;
  readonly prediction: Prediction;
  /** Characters shared by the two spans (> 0). */
  readonly overlap: number;
  readonly fields: FieldVerdict;
  /** Every field agrees. */
  readonly correct: boolean;
}

export interface FileMatch {
  readonly stem: string;
  readonly pairs: MatchedPair[];
  /** Located gold facts no prediction was paired with (required and optional). */
  readonly unmatchedGold: LocatedGoldFact[];
  /** Predictions paired with no gold fact: false positives. */
  readonly unmatchedPredictions: Prediction[];
}

export interface MatchResult {
  /** One entry per gold file stem, in the order given. */
  readonly files: FileMatch[];
  /** Predictions for files that have no gold file; they are not scored. */
  readonly predictionsWithoutGold: Prediction[];
}

export function valuesAgree(a: number, b: number): boolean {
  return Math.abs(a - b) <= VALUE_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}

/** Number of characters shared by two [start, end) spans; 0 when they do not overlap. */
export function spanOverlap(a: readonly [number, number], b: readonly [number, number]): number {
  return Math.max(0, Math.min(a[1], b[1]) - Math.max(a[0], b[0]));
}

const ADMIN_SUFFIXES = ['市', '县', '区', '省'];

/** Equal, or equal once one side carries a trailing 市/县/区/省 the other lacks; null only equals null. */
export function cityNamesAgree(gold: string | null, predicted: string | null): boolean {
  if (gold === null || predicted === null) return gold === predicted;
  if (gold === predicted) return true;
  return ADMIN_SUFFIXES.some((suffix) => gold === predicted + suffix || predicted === gold + suffix);
}

function isWholeYear(start: number | null, end: number | null): boolean {
  return (start === null && end === null) || (start === 1 && end === 12);
}

/**
 * One gold period against a predicted one. A null period is year, endYear and months all null.
 * Years must be equal (null only equals null); months are checked only where gold gives them, and
 * 1–12 is the same as no months (a whole year).
 */
export function periodAgrees(gold: GoldPeriod | null, predicted: PredictionPeriod | null): boolean {
  const g = gold ?? { year: null, endYear: null, startMonth: null, endMonth: null };
  const p = predicted ?? { year: null, endYear: null, startMonth: null, endMonth: null };
  if (g.year !== p.year || g.endYear !== p.endYear) return false;
  if (isWholeYear(g.startMonth, g.endMonth) && isWholeYear(p.startMonth, p.endMonth)) return true;
  if (g.startMonth !== null && g.startMonth !== p.startMonth) return false;
  if (g.endMonth !== null && g.endMonth !== p.endMonth) return false;
  return true;
}

/** The gold period or any of its `periodAlt` alternatives agrees. */
export function periodMatchesGold(gold: LocatedGoldFact, predicted: PredictionPeriod | null): boolean {
  return [gold.period, ...(gold.periodAlt ?? [])].some((period) => periodAgrees(period, predicted));
}

function characterBigrams(text: string): string[] {
  const chars = Array.from(text);
  const bigrams: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) bigrams.push(chars[i] + chars[i + 1]);
  return bigrams;
}

/** Sørensen–Dice coefficient over character-bigram multisets; 0 when either side has no bigram. */
export function bigramDice(a: string, b: string): number {
  const left = characterBigrams(a);
  const right = characterBigrams(b);
  if (left.length === 0 || right.length === 0) return 0;
  const counts = new Map<string, number>();
  for (const bigram of left) counts.set(bigram, (counts.get(bigram) ?? 0) + 1);
  let shared = 0;
  for (const bigram of right) {
    const available = counts.get(bigram) ?? 0;
    if (available > 0) {
      shared++;
      counts.set(bigram, available - 1);
    }
  }
  return (2 * shared) / (left.length + right.length);
}

/** Equal without spaces, or one contains the other, or bigram Dice ≥ 0.6. */
export function metricNamesAgree(gold: string, predicted: string): boolean {
  const g = gold.replace(/\s+/g, '');
  const p = predicted.replace(/\s+/g, '');
  if (g === p) return true;
  // An empty name would be "contained" in everything; it agrees with nothing but itself.
  if (g === '' || p === '') return false;
  if (g.includes(p) || p.includes(g)) return true;
  return bigramDice(g, p) >= METRIC_DICE_THRESHOLD;
}

export function judgeFields(gold: LocatedGoldFact, predicted: Prediction): FieldVerdict {
  return {
    city: cityNamesAgree(gold.city, predicted.city?.name ?? null),
    period: periodMatchesGold(gold, predicted.period),
    metric: metricNamesAgree(gold.metric, predicted.metric.name),
    kind: gold.kind === predicted.kind,
    status: gold.status === predicted.status,
  };
}

/** A gold fact and a prediction that may be paired: same file is assumed by the caller. */
export function isCandidate(gold: LocatedGoldFact, predicted: Prediction): boolean {
  return spanOverlap(gold.span, predicted.span) > 0 && valuesAgree(gold.normalized, predicted.normalized.value);
}

interface Candidate {
  readonly goldIndex: number;
  readonly predictionIndex: number;
  readonly pair: MatchedPair;
}

/**
 * Maximum-weight assignment (Hungarian algorithm, O(rows² · cols)) on a rows ≤ cols matrix.
 * Returns, for each row, the column assigned to it.
 */
function maxWeightAssignment(weights: number[][]): number[] {
  const rows = weights.length;
  const cols = rows === 0 ? 0 : weights[0].length;
  const cost = (i: number, j: number): number => -weights[i - 1][j - 1];
  const u = new Array<number>(rows + 1).fill(0);
  const v = new Array<number>(cols + 1).fill(0);
  const rowOfCol = new Array<number>(cols + 1).fill(0);
  const way = new Array<number>(cols + 1).fill(0);
  for (let i = 1; i <= rows; i++) {
    rowOfCol[0] = i;
    let col0 = 0;
    const minv = new Array<number>(cols + 1).fill(Infinity);
    const used = new Array<boolean>(cols + 1).fill(false);
    do {
      used[col0] = true;
      const row0 = rowOfCol[col0];
      let delta = Infinity;
      let col1 = 0;
      for (let j = 1; j <= cols; j++) {
        if (used[j]) continue;
        const reduced = cost(row0, j) - u[row0] - v[j];
        if (reduced < minv[j]) {
          minv[j] = reduced;
          way[j] = col0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          col1 = j;
        }
      }
      for (let j = 0; j <= cols; j++) {
        if (used[j]) {
          u[rowOfCol[j]] += delta;
          v[j] -= delta;
        } else {
          minv[j] -= delta;
        }
      }
      col0 = col1;
    } while (rowOfCol[col0] !== 0);
    do {
      const col1 = way[col0];
      rowOfCol[col0] = rowOfCol[col1];
      col0 = col1;
    } while (col0 !== 0);
  }
  const colOfRow = new Array<number>(rows).fill(-1);
  for (let j = 1; j <= cols; j++) if (rowOfCol[j] !== 0) colOfRow[rowOfCol[j] - 1] = j - 1;
  return colOfRow;
}

/** Connected components of the candidate graph, as lists of candidate indices. */
function candidateComponents(candidates: readonly Candidate[]): Candidate[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  for (const c of candidates) {
    const g = `g${c.goldIndex}`;
    const p = `p${c.predictionIndex}`;
    if (!parent.has(g)) parent.set(g, g);
    if (!parent.has(p)) parent.set(p, p);
    parent.set(find(g), find(p));
  }
  const groups = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const root = find(`g${c.goldIndex}`);
    const group = groups.get(root) ?? [];
    group.push(c);
    groups.set(root, group);
  }
  return [...groups.values()];
}

/** Picks the one-to-one pairs of one component according to the policy in the header comment. */
function assignComponent(component: readonly Candidate[]): Candidate[] {
  const goldIds = [...new Set(component.map((c) => c.goldIndex))].sort((a, b) => a - b);
  const predIds = [...new Set(component.map((c) => c.predictionIndex))].sort((a, b) => a - b);
  const maxPairs = Math.min(goldIds.length, predIds.length);
  // Lexicographic priorities as one integer weight: total overlap < pairWeight, and
  // (pairs · pairWeight + overlap) < correctWeight, so a higher tier always wins.
  const pairWeight = component.reduce((sum, c) => sum + c.pair.overlap, 0) + 1;
  const correctWeight = pairWeight * (maxPairs + 1);
  const weightOf = (c: Candidate): number => (c.pair.correct ? correctWeight : 0) + pairWeight + c.pair.overlap;

  const goldAreRows = goldIds.length <= predIds.length;
  const rowIds = goldAreRows ? goldIds : predIds;
  const colIds = goldAreRows ? predIds : goldIds;
  const byCell = new Map<string, Candidate>();
  for (const c of component) {
    const row = rowIds.indexOf(goldAreRows ? c.goldIndex : c.predictionIndex);
    const col = colIds.indexOf(goldAreRows ? c.predictionIndex : c.goldIndex);
    byCell.set(`${row},${col}`, c);
  }
  const weights = rowIds.map((_, row) =>
    colIds.map((__, col) => {
      const c = byCell.get(`${row},${col}`);
      return c ? weightOf(c) : 0;
    }),
  );
  const chosen: Candidate[] = [];
  maxWeightAssignment(weights).forEach((col, row) => {
    const c = col >= 0 ? byCell.get(`${row},${col}`) : undefined;
    if (c) chosen.push(c);
  });
  return chosen;
}

/** Matches the predictions of one file against its located gold facts. */
export function matchFile(stem: string, gold: readonly LocatedGoldFact[], predictions: readonly Prediction[]): FileMatch {
  const candidates: Candidate[] = [];
  gold.forEach((g, goldIndex) => {
    predictions.forEach((p, predictionIndex) => {
      if (!isCandidate(g, p)) return;
      const fields = judgeFields(g, p);
      const correct = FIELDS.every((field) => fields[field]);
      const pair: MatchedPair = { gold: g, prediction: p, overlap: spanOverlap(g.span, p.span), fields, correct };
      candidates.push({ goldIndex, predictionIndex, pair });
    });
  });
  const chosen = candidateComponents(candidates).flatMap(assignComponent);
  chosen.sort((a, b) => a.goldIndex - b.goldIndex);
  const pairedGold = new Set(chosen.map((c) => c.goldIndex));
  const pairedPredictions = new Set(chosen.map((c) => c.predictionIndex));
  return {
    stem,
    pairs: chosen.map((c) => c.pair),
    unmatchedGold: gold.filter((_, i) => !pairedGold.has(i)),
    unmatchedPredictions: predictions.filter((_, i) => !pairedPredictions.has(i)),
  };
}

/**
 * Matches all predictions against all gold. `goldStems` lists every gold file (even one with no
 * facts, so that predictions for it are false positives rather than unscored).
 */
export function matchAll(
  goldStems: readonly string[],
  gold: readonly LocatedGoldFact[],
  predictions: readonly Prediction[],
): MatchResult {
  const known = new Set(goldStems);
  const predictionsByStem = new Map<string, Prediction[]>();
  const predictionsWithoutGold: Prediction[] = [];
  for (const p of predictions) {
    const stem = fileStem(p.doc.file);
    if (!known.has(stem)) {
      predictionsWithoutGold.push(p);
      continue;
    }
    const list = predictionsByStem.get(stem) ?? [];
    list.push(p);
    predictionsByStem.set(stem, list);
  }
  const files = [...new Set(goldStems)].map((stem) =>
    matchFile(
      stem,
      gold.filter((g) => g.stem === stem),
      predictionsByStem.get(stem) ?? [],
    ),
  );
  return { files, predictionsWithoutGold };
}
