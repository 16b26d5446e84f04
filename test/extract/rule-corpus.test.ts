/**
 * The rules' own corpus (Duckling-style): every example written beside a rule in rules/*.yaml is
 * a test, and so is every text of the negative corpus, which must produce no record at all.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import YAML from 'yaml';
import { bundledRules, byQuote, extractText } from '../support/extract';
import { findPeriodMentions } from '../../src/extract/periods';
import type { CueExample } from '../../src/rules/schemas';

const rules = bundledRules();
const cueExamples: { rule: string; example: CueExample }[] = [];
for (const group of [rules.cues.growth, rules.cues.basis, rules.cues.approx, rules.cues.share, rules.cues.target, rules.cues.rank, rules.cues.levelChange, rules.cues.growthRates, [rules.cues.growthAfter]] as { id: string; examples?: CueExample[] }[][]) {
  for (const rule of group) for (const example of rule.examples ?? []) cueExamples.push({ rule: rule.id, example });
}

describe('cue rule examples (rules/cues.yaml)', () => {
  test('the corpus is not empty', () => expect(cueExamples.length).toBeGreaterThanOrEqual(12));
  test.each(cueExamples.map((c) => [c.rule, c.example.text, c.example] as const))('%s: %s', (rule, text, example) => {
    const record = byQuote(extractText(text, { paper: '湖州日报' }), example.quote);
    if (example.kind) expect(record.kind).toBe(example.kind);
    if (example.basis) expect(record.basis).toBe(example.basis);
    if (example.value !== undefined) expect(record.value).toBeCloseTo(example.value, 6);
    if (example.normalized !== undefined) expect(record.normalized.value).toBeCloseTo(example.normalized, 6);
    if (example.approx) expect(record.approx).toBe(example.approx);
    if (example.status) expect(record.status).toBe(example.status);
    if (example.metric) expect(record.metric.name).toBe(example.metric);
    if (example.city) expect(record.city?.name).toBe(example.city);
    expect(record.trace.length).toBeGreaterThan(0);
  });
});

describe('metric rule examples (rules/metric.yaml)', () => {
  const m = rules.metric;
  const named = [m.industryLists, m.listInClauseBefore, ...m.spelledOut];
  const cases = named.flatMap((rule) => rule.examples.map((e) => [rule.id, e.text, e] as const));
  test.each(cases)('%s: %s', (id, text, example) => {
    const record = byQuote(extractText(text, { paper: '湖州日报' }), example.quote);
    if (example.metric) expect(record.metric.name).toBe(example.metric);
    if (example.kind) expect(record.kind).toBe(example.kind);
    expect(record.trace).toContain(id);
  });
});

describe('number form examples (rules/units.yaml forms)', () => {
  const examples = rules.units.forms.flatMap((f) => f.examples.map((e) => [f.id, e.text, e] as const));
  test('every form has examples', () => expect(rules.units.forms.every((f) => f.examples.length > 0)).toBe(true));
  test.each(examples)('%s: %s', (id, text, example) => {
    const record = byQuote(extractText(text, { paper: '湖州日报' }), example.quote);
    expect(record.trace).toContain(id);
    if (example.kind) expect(record.kind).toBe(example.kind);
    if (example.value !== undefined) expect(record.value).toBeCloseTo(example.value, 6);
    if (example.normalized !== undefined) expect(record.normalized.value).toBeCloseTo(example.normalized, 6);
    if (example.approx) expect(record.approx).toBe(example.approx);
    if (example.metric) expect(record.metric.name).toBe(example.metric);
  });
  const negatives = rules.units.forms.flatMap((f) => (f.negatives ?? []).map((text) => [f.id, text] as const));
  test.each(negatives)('%s reads no figure in: %s', (_id, text) => {
    expect(extractText(text, { paper: '湖州日报' }).map((r) => r.quote)).toEqual([]);
  });
});

describe('words around a number (rules/units.yaml figureWords)', () => {
  const words = rules.units.figureWords;
  test.each(words.examples.map((e) => [e.text, e] as const))('a figure: %s', (text, example) => {
    const record = byQuote(extractText(text, { paper: '湖州日报' }), example.quote);
    if (example.kind) expect(record.kind).toBe(example.kind);
    if (example.value !== undefined) expect(record.value).toBeCloseTo(example.value, 6);
    if (example.normalized !== undefined) expect(record.normalized.value).toBeCloseTo(example.normalized, 6);
  });
  test.each(words.negatives)('no figure: %s', (text) => {
    expect(extractText(text, { paper: '湖州日报' }).map((r) => r.quote)).toEqual([]);
  });
});

describe('period rule examples (rules/periods.yaml)', () => {
  const cases = rules.periods.patterns.flatMap((p) => p.examples.map((e) => [p.id, e.text, e] as const));
  test.each(cases)('%s: %s', (id, text, example) => {
    const mentions = findPeriodMentions(text, 0, text.length, rules, null, null);
    expect(mentions).toHaveLength(1);
    const [m] = mentions;
    expect(m.ruleId).toBe(id);
    expect(m.period.text).toBe(text);
    if (example.year !== undefined) expect(m.period.year).toBe(example.year);
    if (example.endYear !== undefined) expect(m.period.endYear).toBe(example.endYear);
    if (example.startMonth !== undefined) expect(m.period.startMonth).toBe(example.startMonth);
    if (example.endMonth !== undefined) expect(m.period.endMonth).toBe(example.endMonth);
  });
});

describe('negative corpus (fixtures/corpus/negatives.yaml): texts that hold no figure', () => {
  const doc = YAML.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'corpus', 'negatives.yaml'), 'utf8')) as { negatives: { text: string; why: string }[] };
  test('the corpus is not empty', () => expect(doc.negatives.length).toBeGreaterThanOrEqual(15));
  test.each(doc.negatives.map((n) => [n.why, n.text] as const))('%s: %s', (_why, text) => {
    const records = extractText(text, { paper: '湖州日报', published: '2022-07-25' });
    expect(records.map((r) => r.quote)).toEqual([]);
  });
});
