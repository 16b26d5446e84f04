/**
 * A value form's `words` regex decides whether its full pattern is run on a sentence at all (and the
 * sentence prefilter decides whether `words` is): it must match every text the pattern matches in.
 * Checked over each form's examples and negatives, every sentence of the seeds, and random strings of
 * the characters the forms read (their words, numerals, multipliers, units, a slash, punctuation).
 */
import { compileForms, findFormFigures, type FormUnit } from '../../src/extract/value-forms';
import { splitSentences } from '../../src/extract/sentences';
import { fuzzText, seededRandom, seedTexts } from '../support/fuzz';
import { bundledRules } from '../support/extract';
import { Prefilter } from '../../src/rules/prefilter';

const rules = bundledRules();
const units = new Map(rules.units.units.map((u) => [u.unit, u as FormUnit]));
const multipliers = new Map(Object.entries(rules.units.multipliers));
const forms = compileForms(rules.units.forms, units, multipliers);
const prefilter = Prefilter.forPatterns(forms.wordPatterns);

function texts(): string[] {
  const out: string[] = [];
  for (const form of rules.units.forms) {
    for (const e of form.examples ?? []) out.push(e.text);
    out.push(...(form.negatives ?? []));
  }
  for (const text of seedTexts()) for (const s of splitSentences(text, 0, text.length)) out.push(text.slice(s.start, s.end));
  const fragments = [
    ...rules.units.forms.flatMap((f) => [...f.words, ...(f.before ?? []), ...(f.after ?? [])]),
    ...'〇零一二两三四五六七八九十百千万亿0123456789./∶:，。的年全市占比',
    ...multipliers.keys(),
    '元', '亿元', '万人', '%', '个百分点', '人', '项', '大关', '以上', '1/4', '2/3', '3/12',
  ];
  const random = seededRandom(13);
  for (let i = 0; i < 20000; i++) out.push(fuzzText(random, fragments, 2 + Math.floor(random() * 10)));
  return out;
}

test('a form\'s words match wherever its pattern does, and the prefilter admits them', () => {
  const missed: string[] = [];
  const matched = new Map<string, number>();
  for (const text of texts()) {
    const possible = prefilter.possibleIn(text, 0, text.length);
    forms.forms.forEach((form, i) => {
      form.pattern.lastIndex = 0;
      if (!form.pattern.test(text)) return;
      matched.set(form.rule.id, (matched.get(form.rule.id) ?? 0) + 1);
      if (!form.words.test(text)) missed.push(`${form.rule.id}: words miss «${text}»`);
      if (!possible(i)) missed.push(`${form.rule.id}: prefilter misses «${text}»`);
    });
  }
  expect(missed).toEqual([]);
  // Each form's pattern was put to the test on some texts.
  expect(forms.forms.filter((f) => (matched.get(f.rule.id) ?? 0) < 5).map((f) => f.rule.id)).toEqual([]);
});

test('with the prefilter, the forms read what they read without it', () => {
  const differ: string[] = [];
  for (const text of texts()) {
    const possible = prefilter.possibleIn(text, 0, text.length);
    const plain = findFormFigures(text, 0, text.length, forms, units, multipliers);
    const filtered = findFormFigures(text, 0, text.length, forms, units, multipliers, possible);
    if (JSON.stringify(plain) !== JSON.stringify(filtered)) differ.push(text);
  }
  expect(differ).toEqual([]);
});

test('the words are stricter than the bare word where the pattern needs more (a multiplier, 1/4)', () => {
  const words = (id: string) => forms.forms.find((f) => f.rule.id === id)!.words;
  expect(words('value.bare_multiplier').test('全年实现增长，产值突破新高')).toBe(false);
  expect(words('value.bare_multiplier').test('产值突破千亿元大关')).toBe(true);
  expect(words('value.approx_multiplier').test('三十多个项目')).toBe(false);
  expect(words('value.approx_multiplier').test('带动就业二十多万人')).toBe(true);
  expect(words('value.slash_fraction').test('约占全市的四分之一')).toBe(false);
  expect(words('value.slash_fraction').test('约占全市的3/5')).toBe(true);
});
