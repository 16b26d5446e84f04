/**
 * SentenceScanner, the period and value prefilters in one table, against each parser's own
 * prefilter: the same answer for every pattern, and the same mentions found with either — over
 * every sentence of the seeds and random strings of the characters the patterns require, one
 * scanner reused for all of them as an article's sentences reuse one.
 */
import { Prefilter } from '../../src/rules/prefilter';
import { SentenceScanner } from '../../src/extract/sentence-scan';
import { findPeriodMentions } from '../../src/extract/periods';
import { findValueMentions, prefilteredValuePatterns } from '../../src/extract/values';
import { splitSentences } from '../../src/extract/sentences';
import { fuzzText, seededRandom, seedTexts } from '../support/fuzz';
import { bundledRules } from '../support/extract';

const rules = bundledRules();
const periodPatterns = rules.periods.patterns.map((p) => p.pattern);
const valuePatterns = prefilteredValuePatterns(rules);
const ownPeriods = Prefilter.forPatterns(periodPatterns);
const ownValues = Prefilter.forPatterns(valuePatterns);
const placeEndsAt = () => false;
const scan = new SentenceScanner(rules);

function differences(text: string, from: number, to: number): string[] {
  const found: string[] = [];
  scan.scan(text, from, to);
  const periods = ownPeriods.possibleIn(text, from, to);
  const values = ownValues.possibleIn(text, from, to);
  periodPatterns.forEach((_, i) => scan.periods(i) !== periods(i) && found.push(`period pattern ${i} in «${text.slice(from, to)}»`));
  valuePatterns.forEach((_, i) => scan.values(i) !== values(i) && found.push(`value pattern ${i} in «${text.slice(from, to)}»`));
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (!same(findPeriodMentions(text, from, to, rules, 2023, null, undefined, scan.periods), findPeriodMentions(text, from, to, rules, 2023, null))) found.push(`periods of «${text.slice(from, to)}»`);
  if (!same(findValueMentions(text, from, to, rules, { placeEndsAt, possible: scan.values }), findValueMentions(text, from, to, rules, { placeEndsAt }))) found.push(`values of «${text.slice(from, to)}»`);
  return found;
}

describe('SentenceScanner', () => {
  test('answers as each parser’s own prefilter, and the parsers find the same with it, over the seeds', () => {
    for (const text of seedTexts()) {
      expect(splitSentences(text, 0, text.length).flatMap((s) => differences(text, s.start, s.end))).toEqual([]);
    }
  });

  test('answers as each parser’s own prefilter over random strings', () => {
    const random = seededRandom(20260616);
    const pieces = ['2023', '年', '1', '-', '5', '月', '末', '底', '第', '三', '位', '首位', '上半年', '季度', '十四五', '近三年', '目前', '全年', '亿元', '%', '个', '余', '到', '截至', '比', '。'];
    const found: string[] = [];
    for (let n = 0; n < 2000; n++) {
      const text = fuzzText(random, pieces, 1 + Math.floor(random() * 12));
      const from = Math.floor(random() * 3);
      found.push(...differences(text, Math.min(from, text.length), text.length));
    }
    expect(found).toEqual([]);
  });
});
