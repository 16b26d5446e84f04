/**
 * The English rules (rules/en/): validated on load like the Chinese ones, and every example they
 * give is run through the whole pipeline (an English text in, records out).
 */
import { bundledRuleFiles, bundledRules, extractText } from '../support/extract';
import { validateRuleFiles } from '../../src/rules/ruleset';
import { RuleFileError } from '../../src/rules/validate';
import { compileEnglish } from '../../src/extract/en/compile';
import { findEnglishPeriods } from '../../src/extract/en/periods';
import type { EnglishExample } from '../../src/rules/en/schemas';

const rules = bundledRules();
const PUBLISHED = '2023-06-30';

interface Example extends EnglishExample {
  id: string;
}

function examples(): Example[] {
  const out: Example[] = [];
  const { units, cues, metric, places } = rules.en;
  for (const e of units.examples ?? []) out.push({ id: 'units', ...e });
  for (const e of metric.examples ?? []) out.push({ id: 'metric', ...e });
  for (const g of [...cues.growth, ...cues.share, ...cues.basis, ...cues.approx, cues.threshold, cues.target, cues.national, ...(cues.ellipsis ? [cues.ellipsis] : []), ...(places.appositive ? [places.appositive] : []), ...(places.describedIn ? [places.describedIn] : []), ...(places.venues ? [places.venues] : [])]) {
    for (const e of g.examples ?? []) out.push({ id: g.id, ...e });
  }
  return out;
}

describe('English rule examples run through the pipeline', () => {
  test.each(examples().map((e) => [e.id, e.text, e] as const))('%s: %s', (_id, text, e) => {
    const records = extractText(text, { published: e.published ?? PUBLISHED });
    const at = records.filter((r) => r.quote === e.quote);
    if (e.none) {
      expect(at).toHaveLength(0);
      return;
    }
    expect(at).toHaveLength(1);
    const r = at[0];
    if (e.kind) expect(r.kind).toBe(e.kind);
    if (e.basis) expect(r.basis).toBe(e.basis);
    if (e.value !== undefined) expect(r.value).toBe(e.value);
    if (e.normalized !== undefined) expect(r.normalized.value).toBe(e.normalized);
    if (e.currency) expect(r.normalized.unit).toBe(e.currency);
    if (e.approx) expect(r.approx).toBe(e.approx);
    if (e.status) expect(r.status).toBe(e.status);
    if (e.metric) expect(r.metric.name).toBe(e.metric);
    if (e.city !== undefined) expect(r.city?.name ?? null).toBe(e.city);
    if (e.year !== undefined) expect(r.period?.year ?? null).toBe(e.year);
    if (e.startMonth !== undefined) expect(r.period?.startMonth ?? null).toBe(e.startMonth);
    if (e.endMonth !== undefined) expect(r.period?.endMonth ?? null).toBe(e.endMonth);
  });
});

describe('English period rules read their examples', () => {
  const en = compileEnglish(rules);
  const cases = rules.en.periods.patterns.flatMap((p) => p.examples.map((e) => [p.id, e.text, e] as const));
  test.each(cases)('%s: %s', (id, text, e) => {
    const found = findEnglishPeriods(text, 0, text.length, en);
    expect(found).toHaveLength(1);
    const p = found[0];
    expect(p.ruleId).toBe(id);
    expect(p.text).toBe(text);
    if (e.year !== undefined) expect(p.year).toBe(e.year);
    if (e.endYear !== undefined) expect(p.endYear).toBe(e.endYear);
    if (e.startMonth !== undefined) expect(p.startMonth).toBe(e.startMonth);
    if (e.endMonth !== undefined) expect(p.endMonth).toBe(e.endMonth);
    if (e.rel) expect(p.relativeYear).not.toBeNull();
    if (e.wholeYear) expect(p.wholeYear).toBe(true);
    if (e.same) expect(p.same).toBe(true);
    if (e.sameLastYear) expect(p.sameLastYear).toBe(true);
    if (e.yearEarlier) expect(p.yearEarlier).toBe(true);
  });
});

describe('English rule files are validated on load', () => {
  function withFile(name: string, edit: (text: string) => string) {
    return bundledRuleFiles().map((f) => (f.name === name ? { ...f, text: edit(f.text) } : f));
  }

  test('an unknown key and a bad regex are reported with file and path, all at once', () => {
    const files = withFile('en/cues.yaml', (t) => `${t}\nunknownKey: 1\n`);
    const broken = files.map((f) => (f.name === 'en/periods.yaml' ? { ...f, text: f.text.replace('pattern: "(?:(?:in|during|for|over) )?(?:the )?(?<half>', 'pattern: "((?<half>') } : f));
    let error: unknown = null;
    try {
      validateRuleFiles(broken);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RuleFileError);
    const message = String((error as Error).message);
    expect(message).toContain('en/cues.yaml');
    expect(message).toContain('en/periods.yaml');
  });

  test('an English place form must name a unit of the gazetteer', () => {
    const files = withFile('en/places.yaml', (t) => t.replace('name: 内蒙古自治区', 'name: 不存在自治区'));
    expect(() => validateRuleFiles(files)).toThrow(/不存在自治区/);
  });
});
