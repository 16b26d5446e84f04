/**
 * rules/papers.yaml: the registry gives each outlet its home region (party papers of provinces whose
 * name is not the province's, national outlets none), the naming rules read local outlets' names, every
 * example runs, and bad data is reported with its path. End to end, the paper decides what 全省/全市 mean.
 */
import YAML from 'yaml';
import { bundledRuleFiles, bundledRules, byQuote, extractText } from '../support/extract';
import { paperKey } from '../../src/articles/papers';
import { RuleFileError } from '../../src/rules/validate';
import { validateRuleFiles } from '../../src/rules/ruleset';
import type { PapersFile } from '../../src/rules/papers-schema';

const rules = bundledRules();
const papersText = bundledRuleFiles().find((f) => f.name === 'papers.yaml')!.text;
const file = YAML.parse(papersText) as PapersFile;
const homeName = (paper: string) => {
  const home = rules.papers.homeOf(paper);
  return home === null ? undefined : (home.place?.name ?? null);
};

describe('paper registry', () => {
  test.each([
    ['新华日报', '江苏省'],
    ['南方日报', '广东省'],
    ['大众日报', '山东省'],
    ['解放日报', '上海市'],
    ['齐鲁晚报', '山东省'],
    ['长江日报', '武汉市'],
    ['半岛都市报', '青岛市'],
  ])('%s is at home in %s', (paper, region) => expect(homeName(paper)).toBe(region));

  test('a listed name matches with 《》, spaces or a trailing 社', () => {
    expect(paperKey('《新华日报》社')).toBe('新华日报');
    expect(homeName('《南方日报》')).toBe('广东省');
    expect(homeName('大众日报社')).toBe('山东省');
  });

  test('a national outlet names no region, and says which rule knew it', () => {
    expect(rules.papers.homeOf('人民日报')).toEqual({ place: null, ruleId: 'paper.national' });
    expect(homeName('21世纪经济报道')).toBeNull();
  });

  test('an outlet no rule knows gives nothing', () => {
    expect(rules.papers.homeOf('读者文摘')).toBeNull();
    expect(rules.papers.homeOf('今日头条')).toBeNull();
  });

  test('every province has its party paper listed', () => {
    const provinces = new Set<string>();
    for (const entry of file.papers) {
      const place = entry.region ? rules.gazetteer.byName(entry.region) : null;
      if (place?.level === 'province') provinces.add(place.name);
    }
    expect(provinces.size).toBeGreaterThanOrEqual(31);
  });

  const namingExamples = file.naming.flatMap((rule) => rule.examples.map((e): [string, string, string | null] => [rule.id, e.paper, e.region]));
  test.each(namingExamples)('%s: %s → %s', (_rule, paper, region) => {
    const home = rules.papers.homeOf(paper);
    expect(home?.place?.name ?? null).toBe(region);
  });

  test('naming rules read names no example lists', () => {
    expect(homeName('台州日报')).toBe('台州市');
    expect(homeName('余杭发布')).toBe('余杭区');
    expect(homeName('义乌市融媒体中心')).toBe('义乌市');
    expect(homeName('云上枝江')).toBe('枝江市');
  });
});

describe('rules/papers.yaml checks', () => {
  const issuesOf = (text: string) => {
    try {
      validateRuleFiles(bundledRuleFiles().map((f) => (f.name === 'papers.yaml' ? { ...f, text } : f)));
    } catch (e) {
      if (e instanceof RuleFileError) return e.issues.map((i) => `${i.file} ${i.path}: ${i.message}`);
      throw e;
    }
    return [];
  };
  test('a region that is no place is refused, with its path', () => {
    const issues = issuesOf(papersText.replace('region: 江苏省 }', 'region: 江苏 }'));
    expect(issues.some((i) => /^papers\.yaml papers\[\d+\]\.region: no place is named "江苏"/.test(i))).toBe(true);
  });
  test('a name listed twice is refused', () => {
    const issues = issuesOf(papersText.replace('names: [南京日报,', 'names: [新华日报, 南京日报,'));
    expect(issues.some((i) => /"新华日报" is listed already/.test(i))).toBe(true);
  });
  test('a name several places share needs a code', () => {
    const issues = issuesOf(papersText.replace('region: 石家庄市 }', 'region: 鼓楼区 }'));
    expect(issues.some((i) => /"鼓楼区" names \d+ places; add its code/.test(i))).toBe(true);
  });
  test('a naming rule with both suffixes and prefixes is refused', () => {
    const issues = issuesOf(papersText.replace('prefixes: [云上, 今日, 掌上, 智慧, 爱]', 'prefixes: [云上]\n    suffixes: [日报]'));
    expect(issues.some((i) => /either `suffixes` or `prefixes`/.test(i))).toBe(true);
  });
});

describe('the paper decides what region words mean', () => {
  test("a provincial party paper's 全省 is its province", () => {
    const records = extractText('2023年，全省地区生产总值增长5.8%，达到12.8万亿元。', { paper: '新华日报', published: '2024-01-28' });
    expect(byQuote(records, '12.8万亿元').city).toMatchObject({ name: '江苏省', level: 'province' });
  });
  test("a municipality's paper: 全市 is the municipality", () => {
    const records = extractText('前三季度，全市实现地区生产总值3.4万亿元。', { paper: '解放日报', published: '2024-10-25' });
    expect(byQuote(records, '3.4万亿元').city).toMatchObject({ name: '上海市', level: 'province' });
  });
  test('a county media centre: 全县 is the county, and the trace names the rule', () => {
    const records = extractText('今年以来，全县新增市场主体3150户。', { paper: '安吉县融媒体中心', published: '2024-07-02' });
    const record = byQuote(records, '3150户');
    expect(record.city?.name).toBe('安吉县');
    expect(record.trace).toContain('city.home_word');
  });
  test('a national paper gives no home: a figure with no region has no city', () => {
    const records = extractText('前三季度，规上工业增加值增长4.8%。', { paper: '经济日报', published: '2024-10-25' });
    expect(byQuote(records, '4.8%').city).toBeNull();
  });
  test("a provincial paper's article whose title names one of its cities is about that city", () => {
    const records = extractText('前三季度，全市规上工业增加值增长7.4%。', { paper: '大众日报', title: '烟台工业稳中有进', published: '2024-10-25' });
    expect(byQuote(records, '7.4%').city?.name).toBe('烟台市');
  });
});
