/**
 * The confidence model: what a record is scored on, how the weights combine, and the fitting and
 * curves `npm run calibrate` writes (on samples made here, where the right answer is known).
 */
import { compileConfidenceModel, confidenceFeatures, logistic, predictConfidence, roundConfidence, scoreConfidence, type ConfidenceFacts } from '../../src/record/confidence';
import {
  crossValidatedConfidence, fitConfidenceModel, lowestThresholdFor, reliabilityBins, thresholdCurve, type Sample,
} from '../../src/eval/calibration';
import { seededRandom } from '../support/fuzz';

const base: ConfidenceFacts = {
  trace: ['value.number_unit', 'growth.up'],
  flags: [],
  kind: 'growth',
  status: 'actual',
  metric: { name: '规模以上工业增加值', id: 'industrial_value_added_above_scale' },
  city: { level: 'prefecture' },
  period: { year: 2024, endYear: null, startMonth: 1 },
  approx: null,
  span: [100, 104],
  evidence: { city: [80, 82], metric: [82, 91], period: [70, 78] },
};

describe('confidenceFeatures', () => {
  test('names each rule, flag and field fact once', () => {
    const features = confidenceFeatures({ ...base, trace: ['growth.up', 'growth.up'], flags: ['city_from_context'] });
    expect(features.filter((f) => f === 'trace:growth.up')).toHaveLength(1);
    expect(features).toEqual(expect.arrayContaining(['flag:city_from_context', 'kind:growth', 'status:actual', 'metric:catalogued', 'city:prefecture', 'period:months']));
  });

  test('a metric outside the catalogue, an unnamed one, no city and no period are features of their own', () => {
    expect(confidenceFeatures({ ...base, metric: { name: '惠及企业数量', id: null } })).toContain('metric:outside_catalogue');
    expect(confidenceFeatures({ ...base, metric: { name: '', id: null } })).toContain('metric:unnamed');
    const bare = confidenceFeatures({ ...base, city: null, period: null, evidence: { city: null, metric: null, period: null } });
    expect(bare).toEqual(expect.arrayContaining(['city:none', 'period:none']));
    expect(bare).not.toContain('city:not_in_text');
  });

  test('the city is placed by how far from the figure it was read, before or after it', () => {
    expect(confidenceFeatures(base)).toContain('city:read_clause'); // 18 characters before
    expect(confidenceFeatures({ ...base, evidence: { ...base.evidence!, city: [95, 97] } })).toContain('city:read_near');
    expect(confidenceFeatures({ ...base, evidence: { ...base.evidence!, city: [1, 3] } })).toContain('city:read_paragraph');
    expect(confidenceFeatures({ ...base, evidence: { ...base.evidence!, city: [900, 903] } })).toContain('city:read_far_after');
    expect(confidenceFeatures({ ...base, evidence: { ...base.evidence!, city: null } })).toContain('city:not_in_text');
  });

  test('a period with no words of its own (inherited, a report year) is marked', () => {
    expect(confidenceFeatures({ ...base, evidence: { ...base.evidence!, period: null } })).toContain('period:not_in_text');
    expect(confidenceFeatures(base)).not.toContain('period:not_in_text');
  });
});

test('predictConfidence adds the weights of the features it knows to the bias', () => {
  const model = compileConfidenceModel(1, { 'flag:city_unknown': -2, 'kind:growth': 0.5 });
  expect(predictConfidence(model, ['flag:city_unknown', 'kind:growth', 'trace:never.seen'])).toBeCloseTo(logistic(-0.5));
  expect(predictConfidence(model, [])).toBeCloseTo(0.731, 3);
  expect(roundConfidence(0.7449)).toBe(0.74);
  expect(roundConfidence(0.9981)).toBe(0.99);
  expect(roundConfidence(0.0001)).toBe(0.01);
});

test('scoring a record gives what its named features give, repeated rules counted once', () => {
  const model = compileConfidenceModel(0.4, {
    'trace:growth.up': 0.3, 'flag:city_from_context': -0.2, 'kind:growth': 0.1, 'metric:catalogued': 0.5, 'metric:name_long': -0.1,
    'city:read_clause': 0.2, 'city:not_in_text': -0.6, 'period:not_in_text': -0.3, approx: -0.25, 'period:none': -1,
  });
  const variants: ConfidenceFacts[] = [
    base,
    { ...base, trace: ['growth.up', 'growth.up'], flags: ['city_from_context', 'city_from_context'], approx: 'about' },
    { ...base, metric: { name: '', id: null }, city: null, period: null },
    { ...base, evidence: { city: null, metric: null, period: null } },
  ];
  for (const facts of variants) expect(scoreConfidence(model, facts)).toBeCloseTo(predictConfidence(model, confidenceFeatures(facts)), 12);
  expect(scoreConfidence(model, variants[1]!)).toBeCloseTo(logistic(0.4 + 0.3 - 0.2 + 0.1 + 0.5 - 0.1 + 0.2 - 0.25), 12);
});

/** Samples whose chance of being right is known: 0.95 with feature `good`, 0.4 with `bad`. */
function syntheticSamples(count: number): Sample[] {
  const random = seededRandom(7);
  return Array.from({ length: count }, (_, i) => {
    const bad = random() < 0.3;
    return {
      features: [bad ? 'flag:bad' : 'flag:good', random() < 0.5 ? 'kind:growth' : 'kind:level'],
      right: random() < (bad ? 0.4 : 0.95),
      forcedReview: false,
      group: `file${i % 20}`,
    };
  });
}

describe('fitting', () => {
  const samples = syntheticSamples(4000);

  test('recovers the chance of being right of each kind of record', () => {
    const model = fitConfidenceModel(samples, { l2: 0.001, minCount: 5, iterations: 3000 });
    expect(predictConfidence(model, ['flag:good', 'kind:growth'])).toBeGreaterThan(0.92);
    expect(predictConfidence(model, ['flag:good', 'kind:growth'])).toBeLessThan(0.98);
    expect(predictConfidence(model, ['flag:bad', 'kind:level'])).toBeGreaterThan(0.33);
    expect(predictConfidence(model, ['flag:bad', 'kind:level'])).toBeLessThan(0.47);
    // A feature unrelated to being right gets next to no weight.
    expect(Math.abs(model.weights.get('kind:growth')! - model.weights.get('kind:level')!)).toBeLessThan(0.3);
  });

  test('a feature seen on fewer samples than minCount gets no weight', () => {
    const rare = [...samples, { features: ['flag:rare'], right: false, forcedReview: false, group: 'x' }];
    expect(fitConfidenceModel(rare, { l2: 0.01, minCount: 5, iterations: 200 }).weights.has('flag:rare')).toBe(false);
  });

  test('cross-validation scores every sample with a model that never saw its file', () => {
    const scores = crossValidatedConfidence(samples.slice(0, 400), 4, { l2: 0.01, minCount: 5, iterations: 300 });
    expect(scores).toHaveLength(400);
    expect(scores.every((s) => s > 0 && s < 1)).toBe(true);
    // A file of all-wrong records teaches a model fitted with it, not one without it.
    const poisoned: Sample[] = [...samples.slice(0, 400), ...Array.from({ length: 60 }, () => ({ features: ['flag:odd'], right: false, forcedReview: false, group: 'poison' }))];
    const held = crossValidatedConfidence(poisoned, 4, { l2: 0.01, minCount: 5, iterations: 300 });
    expect(held[held.length - 1]).toBeGreaterThan(0.5);
  });
});

describe('curves', () => {
  const samples: Sample[] = [
    { features: [], right: true, forcedReview: false, group: 'a' },
    { features: [], right: true, forcedReview: false, group: 'a' },
    { features: [], right: false, forcedReview: false, group: 'a' },
    { features: [], right: true, forcedReview: true, group: 'a' },
  ];
  const scores = [0.95, 0.8, 0.7, 0.99];

  test('a threshold sends out auto what reaches it and is not forced to review', () => {
    const [low, mid, high] = thresholdCurve(samples, scores, [0.6, 0.75, 0.9]);
    expect(low).toEqual({ threshold: 0.6, autoShare: 0.75, autoPrecision: 2 / 3 });
    expect(mid).toEqual({ threshold: 0.75, autoShare: 0.5, autoPrecision: 1 });
    expect(high).toEqual({ threshold: 0.9, autoShare: 0.25, autoPrecision: 1 });
    expect(thresholdCurve(samples, scores, [0.999])[0]!.autoPrecision).toBeNull();
  });

  test('the threshold chosen is the lowest from which every higher one keeps the precision', () => {
    const curve = [
      { threshold: 0.7, autoShare: 0.9, autoPrecision: 0.96 },
      { threshold: 0.8, autoShare: 0.8, autoPrecision: 0.93 },
      { threshold: 0.9, autoShare: 0.6, autoPrecision: 0.97 },
      { threshold: 0.95, autoShare: 0, autoPrecision: null },
    ];
    expect(lowestThresholdFor(curve, 0.95)?.threshold).toBe(0.9);
    expect(lowestThresholdFor(curve, 0.99)).toBeNull();
  });

  test('reliability bins count each record once, the top bin closed', () => {
    const bins = reliabilityBins(samples, [0.1, 0.5, 0.7, 1], [0, 0.5, 1]);
    expect(bins.map((b) => b.records)).toEqual([1, 3]);
    expect(bins[1]!.rightShare).toBeCloseTo(2 / 3);
  });
});
