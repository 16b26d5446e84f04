import { matchAll } from '../../src/eval/match';
import { scoreEvaluation } from '../../src/eval/score';
import { formatJson, formatSummary } from '../../src/eval/report';
import type { UnlocatableGoldFact } from '../../src/eval/gold';
import { locatedGold, period, prediction, spanOf, STEM } from './helpers';

/*
 * One synthetic file whose every number is known by hand:
 *   required A 工业增加值 100亿元  → predicted right (city written 湖州: trailing-市 tolerance), plus a duplicate
 *   required B 出口 50亿元         → predicted with the wrong city
 *   required C 进口 30亿元         → predicted with a period only periodAlt allows (correct)
 *   required D 税收 20亿元         → predicted with a wrong period
 *   required E 社零 10亿元         → not predicted (miss)
 *   optional F 某公司营收 5亿元     → predicted right
 *   optional G 某园区企业 40家      → predicted with a wrong metric
 *   optional H 某村人口 800人       → not predicted (no penalty)
 *   plus a false positive on the date 7月13日.
 */
const input =
  '7月13日讯 2020年，全市工业增加值100亿元，出口50亿元，进口30亿元，税收20亿元，社零10亿元。' +
  '某公司营收5亿元，某园区有企业40家，某村人口800人。';
const y2020 = period(2020);
const A = locatedGold(input, 1, { quote: '100亿元', context: '工业增加值100亿元', normalized: 1e10, period: y2020 });
const B = locatedGold(input, 2, { quote: '50亿元', context: '出口50亿元', normalized: 5e9, metric: '出口', period: y2020 });
const C = locatedGold(input, 3, {
  quote: '30亿元',
  context: '进口30亿元',
  normalized: 3e9,
  metric: '进口',
  period: y2020,
  periodAlt: [null],
});
const D = locatedGold(input, 4, { quote: '20亿元', context: '税收20亿元', normalized: 2e9, metric: '税收', period: y2020 });
const E = locatedGold(input, 5, { quote: '10亿元', context: '社零10亿元', normalized: 1e9, metric: '社零', period: y2020 });
const F = locatedGold(input, 6, { quote: '5亿元', context: '营收5亿元', normalized: 5e8, metric: '营收', required: false });
const G = locatedGold(input, 7, { quote: '40家', context: '企业40家', normalized: 40, metric: '企业数量', required: false });
const H = locatedGold(input, 8, { quote: '800人', context: '人口800人', normalized: 800, metric: '人口', required: false });
const gold = [A, B, C, D, E, F, G, H];

const predictions = [
  prediction({ line: 1, span: A.span, value: 1e10, city: '湖州', period: y2020 }),
  prediction({ line: 2, span: [A.span[0], A.span[0] + 3], value: 1e10, period: y2020 }), // duplicate of A
  prediction({ line: 3, span: B.span, value: 5e9, metric: '出口', city: '杭州市', period: y2020 }),
  prediction({ line: 4, span: C.span, value: 3e9, metric: '进口', period: null }),
  prediction({ line: 5, span: D.span, value: 2e9, metric: '税收', period: period(2021) }),
  prediction({ line: 6, span: F.span, value: 5e8, metric: '营收' }),
  prediction({ line: 7, span: G.span, value: 40, metric: '人口' }),
  prediction({ line: 8, span: spanOf(input, '7月13日'), value: 7 }),
];

describe('scoreEvaluation on a hand-counted file', () => {
  const result = scoreEvaluation(matchAll([STEM], gold, predictions), []);
  const t = result.total;

  it('counts gold, predictions, detections and correct records', () => {
    expect(t.requiredGold).toBe(5);
    expect(t.optionalGold).toBe(3);
    expect(t.predictions).toBe(8);
    expect(t.detectedPredictions).toBe(6); // A, B, C, D, F, G
    expect(t.correctPredictions).toBe(3); // A, C (periodAlt), F (optional, right)
    expect(t.detectedRequired).toBe(4); // A B C D
    expect(t.correctRequired).toBe(2); // A C
    expect(t.matchedOptional).toBe(2); // F G
  });

  it('computes detection and full-record precision/recall/F1', () => {
    expect(t.detectionPrecision).toBeCloseTo(6 / 8, 12);
    expect(t.detectionRecall).toBeCloseTo(4 / 5, 12);
    expect(t.precision).toBeCloseTo(3 / 8, 12);
    expect(t.recall).toBeCloseTo(2 / 5, 12);
    expect(t.f1).toBeCloseTo((2 * (3 / 8) * (2 / 5)) / (3 / 8 + 2 / 5), 12);
  });

  it('counts field errors among matched records, optional ones included', () => {
    expect(t.fieldErrors).toEqual({ city: 1, period: 1, metric: 1, kind: 0, status: 0 });
  });

  it('lists misses (required only), wrong records and false positives with reasons', () => {
    expect(result.misses.map((m) => m.goldLine)).toEqual([5]);
    expect(result.wrongRecords.map((w) => [w.goldLine, w.predictionLine, w.differences.map((d) => d.field)])).toEqual([
      [2, 3, ['city']],
      [4, 5, ['period']],
      [7, 7, ['metric']],
    ]);
    expect(result.wrongRecords[0].differences[0]).toEqual({ field: 'city', gold: '湖州市', predicted: '杭州市' });
    const fp = new Map(result.falsePositives.map((f) => [f.predictionLine, f.reason]));
    expect([...fp.keys()].sort()).toEqual([2, 8]);
    expect(fp.get(2)).toMatch(/duplicate: gold line 1 .*prediction line 1/);
    expect(fp.get(8)).toBe('no gold fact at this span');
  });

  it('gives the same numbers per file as in total', () => {
    expect(result.files).toHaveLength(1);
    const { stem, ...perFile } = result.files[0];
    expect(stem).toBe(STEM);
    expect(perFile).toEqual(t);
  });

  it('reports a value mismatch at a gold span as such', () => {
    const off = prediction({ line: 1, span: A.span, value: 1.1e10 });
    const r = scoreEvaluation(matchAll([STEM], [A], [off]), []);
    expect(r.falsePositives[0].reason).toMatch(/value 11000000000 ≠ gold 10000000000/);
    expect(r.total.detectedPredictions).toBe(0);
  });

  it('renders the summary, the verbose details and JSON', () => {
    const summary = formatSummary(result, { verbose: false });
    expect(summary).toMatch(/full record\s+0\.375\s+0\.400\s+0\.387/);
    expect(summary).toMatch(/detection\s+0\.750\s+0\.800/);
    expect(summary).toContain('field errors among 6 matched records: city 1, period 1, metric 1, kind 0, status 0');
    expect(summary).not.toContain('MISSED');
    const verbose = formatSummary(result, { verbose: true });
    expect(verbose).toContain('MISSED required facts (1)');
    expect(verbose).toContain('context: 社零10亿元');
    expect(verbose).toContain('city: gold 湖州市  ≠  predicted 杭州市');
    expect(verbose).toContain('FALSE POSITIVES (2)');
    expect(JSON.parse(formatJson(result)).total.correctPredictions).toBe(3);
  });
});

describe('edge cases of scoring', () => {
  it('keeps unlocatable required facts in the recall denominator and reports them', () => {
    const lost: UnlocatableGoldFact = { fact: { ...E, line: 9 }, reason: 'context not found in input' };
    const result = scoreEvaluation(matchAll([STEM], [A], [prediction({ line: 1, span: A.span, value: 1e10, period: y2020 })]), [lost]);
    expect(result.total.requiredGold).toBe(2);
    expect(result.total.unlocatableRequired).toBe(1);
    expect(result.total.recall).toBeCloseTo(0.5, 12);
    expect(result.unlocatable).toEqual([
      expect.objectContaining({ goldLine: 9, reason: 'context not found in input', required: true }),
    ]);
    expect(formatSummary(result, { verbose: false })).toContain('WARNING: 1 gold facts could not be located');
  });

  it('leaves rates undefined (null) when there is nothing to divide by', () => {
    const result = scoreEvaluation(matchAll([STEM], [F], []), []);
    expect(result.total.precision).toBeNull();
    expect(result.total.recall).toBeNull();
    expect(result.total.f1).toBeNull();
    expect(formatSummary(result, { verbose: false })).toMatch(/full record\s+–\s+–\s+–/);
  });

  it('gives F1 0 when nothing is right', () => {
    const wrong = prediction({ line: 1, span: A.span, value: 1e10, kind: 'rank' });
    const result = scoreEvaluation(matchAll([STEM], [A], [wrong]), []);
    expect(result.total.precision).toBe(0);
    expect(result.total.recall).toBe(0);
    expect(result.total.f1).toBe(0);
  });
});
