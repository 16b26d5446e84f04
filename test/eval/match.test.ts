import {
  bigramDice,
  cityNamesAgree,
  matchAll,
  matchFile,
  metricNamesAgree,
  periodAgrees,
  periodMatchesGold,
  spanOverlap,
  valuesAgree,
} from '../../src/eval/match';
import { locatedGold, period, prediction, STEM } from './helpers';

describe('valuesAgree: one part in a million, relative', () => {
  it('accepts a difference of exactly 1e-6 of the larger value and rejects more', () => {
    expect(valuesAgree(1_000_000, 1_000_001)).toBe(true);
    expect(valuesAgree(1_000_000, 1_000_001.5)).toBe(false);
    expect(valuesAgree(2_130_000_000, 2_130_000_000 * (1 + 5e-7))).toBe(true);
    expect(valuesAgree(21.3, 21.3003)).toBe(false);
  });
  it('treats zero exactly and keeps sign', () => {
    expect(valuesAgree(0, 0)).toBe(true);
    expect(valuesAgree(0, 1e-12)).toBe(false);
    expect(valuesAgree(-16.3, 16.3)).toBe(false);
    expect(valuesAgree(-16.3, -16.3)).toBe(true);
  });
});

describe('spanOverlap', () => {
  it('counts shared characters of half-open spans', () => {
    expect(spanOverlap([0, 4], [2, 6])).toBe(2);
    expect(spanOverlap([0, 4], [4, 6])).toBe(0);
    expect(spanOverlap([3, 5], [0, 10])).toBe(2);
  });
});

describe('cityNamesAgree', () => {
  it('tolerates a trailing 市/县/区/省 missing on one side only', () => {
    expect(cityNamesAgree('湖州市', '湖州')).toBe(true);
    expect(cityNamesAgree('长兴', '长兴县')).toBe(true);
    expect(cityNamesAgree('浙江省', '浙江')).toBe(true);
    expect(cityNamesAgree('吴兴区', '吴兴')).toBe(true);
    expect(cityNamesAgree('湖州市', '湖州县')).toBe(false);
    expect(cityNamesAgree('湖州市', '杭州市')).toBe(false);
    expect(cityNamesAgree('湖州市', '湖州镇')).toBe(false);
  });
  it('null only equals null', () => {
    expect(cityNamesAgree(null, null)).toBe(true);
    expect(cityNamesAgree(null, '湖州市')).toBe(false);
    expect(cityNamesAgree('湖州市', null)).toBe(false);
  });
});

describe('metricNamesAgree', () => {
  it('ignores spaces and accepts containment either way', () => {
    expect(metricNamesAgree('数字经济 核心产业', '数字经济核心产业')).toBe(true);
    expect(metricNamesAgree('出口', '外贸出口')).toBe(true);
    expect(metricNamesAgree('外贸出口总值', '出口')).toBe(true);
    expect(metricNamesAgree('', '出口')).toBe(false);
  });
  it('accepts bigram Dice of exactly 0.6 and rejects just below', () => {
    // 数字 字经 经济 济产 产业 vs 数字 字经 经济 济规 规模: 3 shared of 5+5 → 0.6
    expect(bigramDice('数字经济产业', '数字经济规模')).toBeCloseTo(0.6, 12);
    expect(metricNamesAgree('数字经济产业', '数字经济规模')).toBe(true);
    // one more bigram on one side: 3 shared of 6+5 → 0.545…
    expect(bigramDice('数字经济产业值', '数字经济规模')).toBeCloseTo(6 / 11, 12);
    expect(metricNamesAgree('数字经济产业值', '数字经济规模')).toBe(false);
  });
  it('counts repeated bigrams as a multiset', () => {
    expect(bigramDice('啊啊啊', '啊啊')).toBeCloseTo((2 * 1) / (2 + 1), 12);
  });
});

describe('periodAgrees', () => {
  it('requires equal year and endYear, null only equal to null', () => {
    expect(periodAgrees(period(2020), period(2020))).toBe(true);
    expect(periodAgrees(period(2020), period(2021))).toBe(false);
    expect(periodAgrees(period(2020), period(null))).toBe(false);
    expect(periodAgrees(period(null), period(2020))).toBe(false);
    expect(periodAgrees(period(2021, null, null, 2025), period(2021))).toBe(false);
    expect(periodAgrees(period(2021, null, null, 2025), period(2021, null, null, 2025))).toBe(true);
  });
  it('treats a null period as all-null fields', () => {
    expect(periodAgrees(null, null)).toBe(true);
    expect(periodAgrees(null, period(null))).toBe(true);
    expect(periodAgrees(period(null), null)).toBe(true);
    expect(periodAgrees(null, period(2020))).toBe(false);
  });
  it('checks months only where gold gives them, with 1–12 equal to no months', () => {
    expect(periodAgrees(period(2020, 1, 6), period(2020, 1, 6))).toBe(true);
    expect(periodAgrees(period(2020, 1, 6), period(2020, 1, 9))).toBe(false);
    expect(periodAgrees(period(2020, 1, 6), period(2020))).toBe(false);
    expect(periodAgrees(period(2020), period(2020, 1, 6))).toBe(true);
    expect(periodAgrees(period(2020, 1, 12), period(2020))).toBe(true);
    expect(periodAgrees(period(2020), period(2020, 1, 12))).toBe(true);
    expect(periodAgrees(period(2020, 1, 12), period(2020, 1, 6))).toBe(false);
  });
  it('accepts any periodAlt entry, including null', () => {
    const input = '今年1至6月，全市工业增加值100亿元。';
    const base = { quote: '100亿元', context: '工业增加值100亿元', normalized: 1e10 };
    const withAlt = locatedGold(input, 1, { ...base, period: period(null, 1, 6), periodAlt: [null, period(2020)] });
    expect(periodMatchesGold(withAlt, period(null, 1, 6))).toBe(true);
    expect(periodMatchesGold(withAlt, null)).toBe(true);
    expect(periodMatchesGold(withAlt, period(2020))).toBe(true);
    expect(periodMatchesGold(withAlt, period(2021))).toBe(false);
    const noAlt = locatedGold(input, 1, { ...base, period: period(null, 1, 6) });
    expect(periodMatchesGold(noAlt, null)).toBe(false);
  });
});

describe('matchFile: candidates and one-to-one assignment', () => {
  const input = '全市工业增加值100亿元，出口100亿元。';
  const g1 = locatedGold(input, 1, { quote: '100亿元', context: '工业增加值100亿元', normalized: 1e10 });

  it('needs overlapping spans and agreeing values', () => {
    const [s, e] = g1.span;
    const adjacent = prediction({ line: 1, span: [e, e + 2], value: 1e10 });
    const otherValue = prediction({ line: 2, span: [s, e], value: 1e9 });
    const result = matchFile(STEM, [g1], [adjacent, otherValue]);
    expect(result.pairs).toHaveLength(0);
    expect(result.unmatchedGold).toEqual([g1]);
    expect(result.unmatchedPredictions).toHaveLength(2);
  });

  it('prefers the correct prediction over a wrong one with a larger overlap', () => {
    const [s, e] = g1.span;
    const wrongWide = prediction({ line: 1, span: [s, e], value: 1e10, city: '杭州市' });
    const rightNarrow = prediction({ line: 2, span: [s, s + 3], value: 1e10 });
    const result = matchFile(STEM, [g1], [wrongWide, rightNarrow]);
    expect(result.pairs.map((p) => p.prediction.line)).toEqual([2]);
    expect(result.pairs[0].correct).toBe(true);
    expect(result.unmatchedPredictions.map((p) => p.line)).toEqual([1]);
  });

  it('among equally correct predictions prefers the larger overlap, then the earlier line', () => {
    const [s, e] = g1.span;
    const narrow = prediction({ line: 1, span: [s, s + 3], value: 1e10 });
    const exact = prediction({ line: 2, span: [s, e], value: 1e10 });
    expect(matchFile(STEM, [g1], [narrow, exact]).pairs[0].prediction.line).toBe(2);
    const twin = prediction({ line: 3, span: [s, e], value: 1e10 });
    expect(matchFile(STEM, [g1], [exact, twin]).pairs[0].prediction.line).toBe(2);
  });

  it('finds the pairing a greedy largest-overlap choice would miss', () => {
    // g1 = [0,4), g2 = [4,8), same value. p1 = [0,6) overlaps g1 by 4 and g2 by 2; p2 = [3,4) only g1.
    // Greedy takes g1–p1 and strands g2; the optimum pairs g1–p2 and g2–p1.
    const text = 'AAAABBBB';
    const a = { ...g1, line: 1, span: [0, 4] as [number, number] };
    const b = { ...g1, line: 2, span: [4, 8] as [number, number] };
    const p1 = prediction({ line: 1, span: [0, 6], value: 1e10 });
    const p2 = prediction({ line: 2, span: [3, 4], value: 1e10 });
    expect(text.length).toBe(8);
    const result = matchFile(STEM, [a, b], [p1, p2]);
    const pairs = result.pairs.map((p) => [p.gold.line, p.prediction.line]);
    expect(pairs).toEqual([
      [1, 2],
      [2, 1],
    ]);
    expect(result.unmatchedGold).toHaveLength(0);
    expect(result.unmatchedPredictions).toHaveLength(0);
  });

  it('puts a correct pair ahead of pairing more facts', () => {
    // p1 is correct for g1 and (wrong city) a candidate for g2; p2 is wrong for g1 and nothing else.
    // Maximising correct pairs gives g1–p1 (correct) and leaves g2, p2 unpaired.
    const a = { ...g1, line: 1, span: [0, 4] as [number, number] };
    const b = { ...g1, line: 2, city: '杭州市', span: [4, 8] as [number, number] };
    const p1 = prediction({ line: 1, span: [2, 6], value: 1e10 });
    const p2 = prediction({ line: 2, span: [0, 2], value: 1e10, kind: 'share' });
    const result = matchFile(STEM, [a, b], [p1, p2]);
    expect(result.pairs.map((p) => [p.gold.line, p.prediction.line, p.correct])).toEqual([[1, 1, true]]);
  });

  it('judges each field separately', () => {
    const p = prediction({ line: 1, span: g1.span, value: 1e10, city: '湖州', metric: '出口', kind: 'share', status: 'target', period: period(2020) });
    const [pair] = matchFile(STEM, [g1], [p]).pairs;
    expect(pair.fields).toEqual({ city: true, period: false, metric: false, kind: false, status: false });
    expect(pair.correct).toBe(false);
  });
});

describe('matchAll', () => {
  it('matches files by basename stem and sets aside predictions for files without gold', () => {
    const input = '全市工业增加值100亿元。';
    const g = locatedGold(input, 1, { quote: '100亿元', context: '工业增加值100亿元', normalized: 1e10 });
    const viaOtherDir = prediction({ line: 1, span: g.span, value: 1e10, file: `/abs/elsewhere/${STEM}.html` });
    const unknownFile = prediction({ line: 2, span: g.span, value: 1e10, file: 'seeds/other.txt' });
    const result = matchAll([STEM, 'empty'], [g], [viaOtherDir, unknownFile]);
    expect(result.files.map((f) => [f.stem, f.pairs.length])).toEqual([
      [STEM, 1],
      ['empty', 0],
    ]);
    expect(result.predictionsWithoutGold.map((p) => p.line)).toEqual([2]);
  });
});
