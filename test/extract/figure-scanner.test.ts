/**
 * The hand-written figure scanner must find exactly what its specification, the regular expression
 * of figurePattern, finds: same places, same lengths, same groups — over the seeds and over random
 * strings made of the characters that matter (digits, signs, commas, Chinese numerals, 余/多,
 * multipliers and units, whitespace, and units that begin with a numeral such as 千瓦 or 万元/人).
 */
import { FigureScanner, figurePattern } from '../../src/extract/figure-scanner';
import { fuzzText, seededRandom, seedTexts } from '../support/fuzz';
import { bundledRules } from '../support/extract';

const rules = bundledRules();
const units = rules.units.units.map((u) => u.unit);
const multipliers = Object.keys(rules.units.multipliers);
const scanner = new FigureScanner(units, multipliers);
const regex = new RegExp(figurePattern(units, multipliers), 'gu');

function byRegex(text: string): { index: number; length: number; groups: Record<string, string> }[] {
  return [...text.matchAll(regex)].map((m) => {
    const groups = Object.fromEntries(Object.entries(m.groups ?? {}).filter(([, v]) => v !== undefined));
    return { index: m.index, length: m[0].length, groups };
  });
}

describe('FigureScanner', () => {
  test.each([
    '全市GDP 1,234.5亿元，增长-2.3%，三千瓦，二十多万人',
    '增加值21.3亿元，同比下降16.3%',
    '1,2345 与 12 个 和 3.多 以及 5万余元 +5.6% −1.5% 4+4',
    '两千余家企业，一万元，三千瓦时，万元/人，5万元/人',
    '十四五期间 七成 百分之五 一二三 零点五',
  ])('matches the regex on %s', (text) => {
    expect(scanner.scan(text)).toEqual(byRegex(text));
  });

  test('matches the regex over the seeds', () => {
    for (const text of seedTexts()) {
      const expected = byRegex(text);
      expect(expected.length).toBeGreaterThan(20);
      expect(scanner.scan(text)).toEqual(expected);
    }
  });

  test('matches the regex over random strings of the characters that matter', () => {
    const pieces = [
      ...'0123456789,.-−+ 　\n余多年月的个',
      ...'〇零一二两三四五六七八九十百千万亿',
      ...multipliers,
      ...units,
      'G', 'kW', '/',
    ];
    const random = seededRandom(20261123);
    for (let n = 0; n < 3000; n++) {
      const text = fuzzText(random, pieces, 1 + Math.floor(random() * 10));
      expect({ text, matches: scanner.scan(text) }).toEqual({ text, matches: byRegex(text) });
    }
  });
});
