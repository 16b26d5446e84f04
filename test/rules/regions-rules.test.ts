/**
 * rules/regions.yaml: every example of every list runs through the pipeline and its figure gets the
 * city the example gives; the file's checks report bad data with its path.
 */
import YAML from 'yaml';
import { bundledRuleFiles, extractText } from '../support/extract';
import { RuleFileError } from '../../src/rules/validate';
import { validateRuleFiles } from '../../src/rules/ruleset';
import type { RegionExample } from '../../src/rules/regions-schema';

const regionsText = bundledRuleFiles().find((f) => f.name === 'regions.yaml')!.text;
const file = YAML.parse(regionsText) as Record<string, unknown>;

/** Every list of the file with its examples: [list id, example]. */
function examples(): [string, RegionExample][] {
  const lists: { id: string; examples?: RegionExample[] }[] = [];
  const regionWords = file.regionWords as Record<string, { id: string; examples?: RegionExample[] }>;
  lists.push(...Object.values(regionWords));
  for (const [key, value] of Object.entries(file)) if (key !== 'regionWords' && key !== 'version') lists.push(value as { id: string; examples?: RegionExample[] });
  return lists.flatMap((list) => (list.examples ?? []).map((e): [string, RegionExample] => [list.id, e]));
}

describe('rules/regions.yaml examples', () => {
  const all = examples();
  test('the lists that decide a figure\'s city have examples', () => expect(new Set(all.map(([id]) => id)).size).toBeGreaterThanOrEqual(9));
  test.each(all)('%s: %j', (_id, example) => {
    const records = extractText(example.text, { paper: example.paper, title: example.title, published: '2024-10-20' });
    const record = records.find((r) => r.quote === example.quote);
    expect(record).toBeDefined();
    expect(record!.city?.name ?? null).toBe(example.city);
  });
});

describe('rules/regions.yaml checks', () => {
  const withRegions = (text: string) => bundledRuleFiles().map((f) => (f.name === 'regions.yaml' ? { ...f, text } : f));
  const issuesOf = (text: string) => {
    try {
      validateRuleFiles(withRegions(text));
    } catch (e) {
      if (e instanceof RuleFileError) return e.issues.map((i) => `${i.file} ${i.path}: ${i.message}`);
      throw e;
    }
    return [];
  };

  test('a region word of three characters is refused, with its path', () => {
    const issues = issuesOf(regionsText.replace('words: [全国]', 'words: [全国, 全中国]'));
    expect(issues.some((i) => i.startsWith('regions.yaml regionWords.nation.words') && /two Chinese characters/.test(i))).toBe(true);
  });
  test('a word of two kinds is refused', () => {
    const issues = issuesOf(regionsText.replace('words: [全国]', 'words: [全国, 全省]'));
    expect(issues.some((i) => /"全省" is a province word already/.test(i))).toBe(true);
  });
  test('a city word that is no home word is refused', () => {
    const issues = issuesOf(regionsText.replace('cityWords: [全市, 我市, 本市, 市区]', 'cityWords: [全市, 全镇]'));
    expect(issues.some((i) => /"全镇" is not a home word/.test(i))).toBe(true);
  });
  test('an unknown key is refused', () => {
    expect(issuesOf(`${regionsText}\nextraWords: { id: city.extra, words: [某] }\n`).length).toBeGreaterThan(0);
  });
});
