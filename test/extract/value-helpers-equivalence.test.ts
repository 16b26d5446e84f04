/**
 * Helpers of the value and period parsers against what they replaced: allMatches against
 * String.prototype.matchAll (empty matches and astral characters included), WHITESPACE_CHARS
 * against the regex \s, and the integer fast path of clean against rounding every number to 12
 * significant digits.
 */
import { allMatches } from '../../src/extract/words';
import { WHITESPACE_CHARS } from '../../src/text/codeUnitSet';
import { clean } from '../../src/extract/normalize-value';
import { fuzzText, seededRandom } from '../support/fuzz';
import { bundledRules } from '../support/extract';

const random = seededRandom(20260614);

describe('allMatches', () => {
  const rules = bundledRules();
  const patterns = [
    ...rules.periods.patterns.map((p) => p.pattern),
    ...rules.units.nameContexts,
    '第(?<place>\\d+|[一二三四五六七八九十]+)(?<unit>位|名)?|(?<first>首位)',
    'x*',
    '(?=年)',
    '\\d*',
  ];
  const pieces = ['2023', '年', '1', '-', '5', '月', '第', '三', '位', '首位', 'x', '𠀀', '上半年', '十四五', '近三年', '目前', ' '];

  test('finds what matchAll finds, with the same groups, and leaves the regex as it found it', () => {
    for (const source of patterns) {
      const regex = new RegExp(source, 'gu');
      for (let n = 0; n < 300; n++) {
        const text = fuzzText(random, pieces, Math.floor(random() * 10));
        const expected = [...text.matchAll(regex)].map((m) => ({ index: m.index, text: m[0], groups: m.groups }));
        expect(allMatches(regex, text).map((m) => ({ index: m.index, text: m[0], groups: m.groups }))).toEqual(expected);
        expect(regex.lastIndex).toBe(0);
      }
    }
  });
});

describe('WHITESPACE_CHARS', () => {
  test('holds exactly the UTF-16 units the regex \\s matches', () => {
    const matching = Array.from({ length: 0x10000 }, (_, code) => code).filter((code) => /\s/u.test(String.fromCharCode(code)));
    expect([...WHITESPACE_CHARS].map((c) => c.charCodeAt(0)).sort((a, b) => a - b)).toEqual(matching);
  });
});

describe('clean', () => {
  const reference = (n: number) => Number(n.toPrecision(12));

  test('rounds as toPrecision(12) does, integers and fractions, small and large', () => {
    const values = [0, -0, 1, -1, 999999999999, 1e12 - 1, 1e12, 1e12 + 1, -1e12, 123456789012345, 2 ** 53, 21.3 * 1e8, 0.1 + 0.2, 1e21, 1e-7];
    for (let n = 0; n < 20000; n++) {
      const magnitude = 10 ** Math.floor(random() * 16);
      const v = random() * magnitude * (random() < 0.5 ? -1 : 1);
      values.push(v, Math.round(v), Math.round(v * 10) / 10 * 1e4);
    }
    expect(values.filter((v) => !Object.is(clean(v), reference(v)))).toEqual([]);
  });
});
