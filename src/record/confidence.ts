/**
 * A record's confidence: the chance that it is right in every field (city, metric, period, kind,
 * status), estimated by a logistic model over what the record rests on — the rules that read it
 * (`trace`), what was inferred (`flags`), and a few facts of its fields. The model's weights are data
 * (rules/confidence.yaml), fitted on the development sets' gold by `npm run calibrate`, so a
 * confidence of 0.9 means about nine records in ten such are right.
 */

/** The fields of a record (or of a draft about to become one) the features are read from. */
export interface ConfidenceFacts {
  readonly trace: readonly string[];
  readonly flags: readonly string[];
  readonly kind: string;
  readonly status: string;
  readonly metric: { readonly name: string; readonly id: string | null };
  readonly city: { readonly level: string } | null;
  readonly period: { readonly year: number | null; readonly endYear: number | null; readonly startMonth: number | null } | null;
  readonly approx: string | null;
  /** The figure's offsets, and where its city, metric and period were read (record `evidence`). */
  readonly span: readonly [number, number];
  readonly evidence?: {
    readonly city: readonly [number, number] | null;
    readonly metric: readonly [number, number] | null;
    readonly period: readonly [number, number] | null;
  };
}

/** How far before (or after) the figure its city was read, in characters: the farther, the likelier another place's. */
const CITY_DISTANCES: readonly [number, string][] = [[15, 'near'], [60, 'clause'], [250, 'paragraph']];
/** Metric names by length: one or two characters are seldom a whole indicator, very long ones often hold more than it. */
const NAME_LENGTHS: readonly [number, string][] = [[2, 'short'], [8, 'medium'], [16, 'long']];

function bucket(x: number, buckets: readonly [number, string][], beyond: string): string {
  for (const [limit, name] of buckets) if (x <= limit) return name;
  return beyond;
}

export interface ConfidenceModel {
  /** Log-odds of a record with none of the features. */
  readonly bias: number;
  readonly weights: ReadonlyMap<string, number>;
}

/** The features a record is scored on, each once. */
export function confidenceFeatures(r: ConfidenceFacts): string[] {
  const features = new Set<string>();
  for (const id of r.trace) features.add(`trace:${id}`);
  for (const flag of r.flags) features.add(`flag:${flag}`);
  features.add(`kind:${r.kind}`);
  features.add(`status:${r.status}`);
  features.add(r.metric.name === '' ? 'metric:unnamed' : r.metric.id === null ? 'metric:outside_catalogue' : 'metric:catalogued');
  features.add(r.city === null ? 'city:none' : `city:${r.city.level}`);
  if (r.period === null) features.add('period:none');
  else if (r.period.endYear !== null) features.add('period:years_span');
  else if (r.period.startMonth === null) features.add('period:year');
  else features.add('period:months');
  if (r.approx !== null) features.add('approx');
  if (r.metric.name !== '') features.add(`metric:name_${bucket([...r.metric.name].length, NAME_LENGTHS, 'very_long')}`);
  if (r.evidence) {
    const { city, period } = r.evidence;
    if (r.city !== null) {
      if (city === null) features.add('city:not_in_text');
      else {
        const distance = city[1] <= r.span[0] ? r.span[0] - city[1] : Math.max(0, city[0] - r.span[1]);
        features.add(`city:read_${bucket(distance, CITY_DISTANCES, 'far')}${city[0] > r.span[1] ? '_after' : ''}`);
      }
    }
    if (r.period !== null && period === null) features.add('period:not_in_text');
  }
  return [...features];
}

export function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** The model's estimate for these features; a feature the model does not know weighs nothing. */
export function predictConfidence(model: ConfidenceModel, features: readonly string[]): number {
  let z = model.bias;
  for (const f of features) z += model.weights.get(f) ?? 0;
  return logistic(z);
}

/** Confidence as a record shows it, to two decimals; the review threshold is compared with this. */
export function roundConfidence(x: number): number {
  return Math.round(x * 100) / 100;
}
