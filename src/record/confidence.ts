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
const CITY_DISTANCES: readonly [number, string][] = [[15, 'read_near'], [60, 'read_clause'], [250, 'read_paragraph'], [Infinity, 'read_far']];
const CITY_DISTANCES_AFTER: readonly [number, string][] = CITY_DISTANCES.map(([limit, name]) => [limit, `${name}_after`]);
/** Metric names by length: one or two characters are seldom a whole indicator, very long ones often hold more than it. */
const NAME_LENGTHS: readonly [number, string][] = [[2, 'name_short'], [8, 'name_medium'], [16, 'name_long'], [Infinity, 'name_very_long']];

/** The name of the first bucket whose limit `x` does not pass (the last bucket's limit is Infinity). */
function bucket(x: number, buckets: readonly [number, string][]): string {
  for (const [limit, name] of buckets) if (x <= limit) return name;
  return buckets[buckets.length - 1]![1];
}

export interface ConfidenceModel {
  /** Log-odds of a record with none of the features. */
  readonly bias: number;
  /** Weight by feature name (`trace:growth.up`). */
  readonly weights: ReadonlyMap<string, number>;
  /** The same weights by group and name (`trace` → `growth.up`): scoring a record builds no strings. */
  readonly byGroup: ReadonlyMap<string, ReadonlyMap<string, number>>;
}

export function compileConfidenceModel(bias: number, weights: Readonly<Record<string, number>>): ConfidenceModel {
  const byGroup = new Map<string, Map<string, number>>();
  for (const [feature, weight] of Object.entries(weights)) {
    const colon = feature.indexOf(':');
    const group = colon < 0 ? feature : feature.slice(0, colon);
    const name = colon < 0 ? '' : feature.slice(colon + 1);
    let names = byGroup.get(group);
    if (!names) byGroup.set(group, (names = new Map()));
    names.set(name, weight);
  }
  return { bias, weights: new Map(Object.entries(weights)), byGroup };
}

/** Calls `visit` once for each feature of the record: a group (trace, flag, kind …) and a name within it ('' for none). */
function visitFeatures(r: ConfidenceFacts, visit: (group: string, name: string) => void): void {
  const { trace, flags } = r;
  for (let i = 0; i < trace.length; i++) if (trace.indexOf(trace[i]!) === i) visit('trace', trace[i]!);
  for (let i = 0; i < flags.length; i++) if (flags.indexOf(flags[i]!) === i) visit('flag', flags[i]!);
  visit('kind', r.kind);
  visit('status', r.status);
  visit('metric', r.metric.name === '' ? 'unnamed' : r.metric.id === null ? 'outside_catalogue' : 'catalogued');
  visit('city', r.city === null ? 'none' : r.city.level);
  if (r.period === null) visit('period', 'none');
  else if (r.period.endYear !== null) visit('period', 'years_span');
  else if (r.period.startMonth === null) visit('period', 'year');
  else visit('period', 'months');
  if (r.approx !== null) visit('approx', '');
  if (r.metric.name !== '') visit('metric', bucket(r.metric.name.length, NAME_LENGTHS));
  if (r.evidence) {
    const { city, period } = r.evidence;
    if (r.city !== null) {
      if (city === null) visit('city', 'not_in_text');
      else if (city[0] > r.span[1]) visit('city', bucket(city[0] - r.span[1], CITY_DISTANCES_AFTER));
      else visit('city', bucket(Math.max(0, r.span[0] - city[1]), CITY_DISTANCES));
    }
    if (r.period !== null && period === null) visit('period', 'not_in_text');
  }
}

/** The features a record is scored on, each once, named `group:name` (`approx` alone). */
export function confidenceFeatures(r: ConfidenceFacts): string[] {
  const features: string[] = [];
  visitFeatures(r, (group, name) => features.push(name === '' ? group : `${group}:${name}`));
  return features;
}

/** The model's estimate for a record: what predictConfidence gives for its features, without naming them. */
export function scoreConfidence(model: ConfidenceModel, r: ConfidenceFacts): number {
  let z = model.bias;
  visitFeatures(r, (group, name) => {
    z += model.byGroup.get(group)?.get(name) ?? 0;
  });
  return logistic(z);
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

/**
 * Confidence as a record shows it, to two decimals, and never 0 or 1: a model fitted on some
 * hundreds of records cannot promise certainty. The review threshold is compared with this.
 */
export function roundConfidence(x: number): number {
  return Math.min(0.99, Math.max(0.01, Math.round(x * 100) / 100));
}
