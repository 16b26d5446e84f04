import { readFileSync } from 'fs';
import { join } from 'path';
import { normalizeMetricName, type IndicatorLexicon } from '../../src/rules/indicators';
import { parseIndicators } from '../../src/rules/indicator-schema';
import { RuleFileError } from '../../src/rules/validate';

const FILE = 'rules/indicators.yaml';
const lexicon: IndicatorLexicon = parseIndicators(readFileSync(join(__dirname, '../../rules/indicators.yaml'), 'utf8'), FILE);

function idOf(metricName: string): string | null {
  return lexicon.match(metricName)?.id ?? null;
}

function issuesOf(yaml: string): Array<{ file: string; path: string; message: string }> {
  try {
    parseIndicators(yaml, FILE);
  } catch (err) {
    expect(err).toBeInstanceOf(RuleFileError);
    return (err as RuleFileError).issues;
  }
  throw new Error('expected a RuleFileError');
}

describe('the lexicon file', () => {
  test('has at least 300 indicators, each with a unique snake_case id', () => {
    expect(lexicon.indicators.length).toBeGreaterThanOrEqual(300);
    const ids = lexicon.indicators.map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test('covers the areas statistical reports use', () => {
    const ids = new Set(lexicon.indicators.map((i) => i.id));
    for (const id of [
      'gdp', 'industrial_value_added_above_scale', 'fixed_asset_investment', 'retail_sales_consumer_goods',
      'foreign_trade_total', 'exports', 'imports', 'general_public_budget_revenue', 'deposits_balance', 'loans_balance',
      'per_capita_disposable_income_urban', 'per_capita_disposable_income_rural', 'cpi', 'urban_new_jobs',
      'resident_population', 'grain_output', 'total_electricity_consumption', 'tourism_revenue', 'freight_volume',
      'port_cargo_throughput', 'rd_expenditure', 'invention_patents_granted', 'high_tech_enterprises',
      'digital_economy_core_value_added', 'digital_economy_core_manufacturing_value_added', 'digital_economy_core_share_of_gdp',
      'software_it_services_revenue', '5g_base_stations', 'online_retail_sales', 'enterprise_cloud_adoption_rate',
      'industrial_internet_platforms', 'data_center_racks',
    ]) {
      expect(ids).toContain(id);
    }
  });

  test.each(lexicon.indicators.map((i) => [i.id, i] as const))('%s: its name and every synonym map to itself', (_id, indicator) => {
    for (const wording of [indicator.name, ...indicator.synonyms]) expect(idOf(wording)).toBe(indicator.id);
  });

  test.each(lexicon.indicators.filter((i) => i.examples).map((i) => [i.id, i] as const))(
    '%s: in each example the longest lexicon wording is its own',
    (_id, indicator) => {
      const wordings = lexicon.indicators.flatMap((i) => [i.name, ...i.synonyms].map((w) => ({ w: normalizeMetricName(w), id: i.id })));
      for (const example of indicator.examples!) {
        const text = normalizeMetricName(example);
        const found = wordings.filter(({ w }) => text.includes(w)).sort((a, b) => b.w.length - a.w.length);
        expect(found[0]?.id).toBe(indicator.id);
      }
    },
  );

  test('dictionaryTerms holds names and synonyms as written', () => {
    const terms = lexicon.dictionaryTerms();
    expect(terms).toEqual(expect.arrayContaining(['地区生产总值', 'GDP', '规模以上工业增加值', '规上工业增加值', '5G基站']));
    expect(new Set(terms).size).toBe(terms.length);
  });
});

describe('match', () => {
  test.each([
    ['规上工业增加值', 'industrial_value_added_above_scale'],
    ['规模以上工业增加值', 'industrial_value_added_above_scale'],
    ['全市外贸进出口总值', 'foreign_trade_total'],
    ['我市进出口总额', 'foreign_trade_total'],
    ['全省 GDP', 'gdp'],
    ['ｇｄｐ', 'gdp'], // full-width, lower case
    ['吴兴区规上工业增加值', 'industrial_value_added_above_scale'], // a place before the indicator
    ['出口增速', 'exports'], // the growth is the record's kind
    ['数字经济核心产业增加值占地区生产总值比重', 'digital_economy_core_share_of_gdp'],
    ['数字经济核心产业增加值占全市GDP的比重', 'digital_economy_core_share_of_gdp'],
    ['规模以上数字经济核心产业制造业增加值', 'digital_economy_core_manufacturing_value_added'],
    ['“5G基站”数量', '5g_base_stations'],
  ])('%s → %s', (phrase, id) => {
    expect(idOf(phrase)).toBe(id);
  });

  test('keeps distinct what is distinct', () => {
    expect(idOf('数字经济核心产业增加值')).toBe('digital_economy_core_value_added');
    expect(idOf('数字经济核心制造业增加值')).toBe('digital_economy_core_manufacturing_value_added');
    expect(idOf('出口')).toBe('exports');
    expect(idOf('进出口')).toBe('foreign_trade_total');
    expect(idOf('对美国进出口')).toBe('us_trade');
    expect(idOf('人口自然增长率')).toBe('natural_growth_rate'); // a rate named 增长率 is not a growth of 人口自然
    expect(idOf('新增规上工业企业')).toBe('new_above_scale_industrial_enterprises');
    expect(idOf('规上工业企业')).toBe('industrial_enterprises_above_scale');
    expect(idOf('工业增加值')).toBe('industrial_value_added');
    expect(idOf('城镇居民人均可支配收入')).toBe('per_capita_disposable_income_urban');
    expect(idOf('农村居民人均可支配收入')).toBe('per_capita_disposable_income_rural');
  });

  test.each([
    ['数字经济核心产业增加值全省排名', 'a rank, not the value added'],
    ['规上数字经济核心产业研究与试验发展(R&D)经费支出占增加值比重', 'a share of value added'],
    ['高新技术产品出口占出口总值比重', 'a share'],
    ['对日本进出口', 'trade with one partner the lexicon does not list'],
    ['数字经济核心产业有效发明专利数量', 'patents of one sector'],
    ['数字经济国家高新技术企业数量', 'enterprises of one sector'],
    ['新增上云企业数量', 'the new ones, not the stock'],
    ['增加值', 'no indicator is just 增加值'],
    ['全市', 'scope alone'],
    ['', 'nothing'],
    ['被通报表扬单位数量', 'unknown'],
  ])('%s → null (%s)', (phrase) => {
    expect(idOf(phrase)).toBeNull();
  });

  test('a product qualifier is not read as a place', () => {
    expect(idOf('太阳能电池出口')).toBeNull();
    expect(idOf('机电产品出口')).toBe('electromechanical_product_exports');
  });
});

describe('schema errors', () => {
  test('an unknown key is reported with file and path', () => {
    const issues = issuesOf('version: 1\nindicators:\n  - id: gdp\n    name: 地区生产总值\n    synonym: [GDP]\n');
    expect(issues).toEqual([expect.objectContaining({ file: FILE, path: 'indicators[0]' })]);
    expect(issues[0]!.message).toContain('synonym');
  });

  test('a bad id is reported with its path', () => {
    const issues = issuesOf('version: 1\nindicators:\n  - { id: GDP-Total, name: 地区生产总值 }\n');
    expect(issues.map((i) => i.path)).toEqual(['indicators[0].id']);
  });

  test('duplicate ids and shared wordings are all reported at once', () => {
    const yaml = [
      'version: 1',
      'indicators:',
      '  - { id: gdp, name: 地区生产总值, synonyms: [GDP] }',
      '  - { id: gdp, name: 生产总值 }',
      '  - { id: exports, name: 出口总额, synonyms: [出口] }',
      '  - { id: trade, name: 进出口总额, synonyms: [进出口, 出口] }',
      '  - { id: iva, name: 规模以上工业增加值 }',
      '  - { id: iva2, name: 规上工业增加值 }', // the same wording once normalized
    ].join('\n');
    expect(issuesOf(yaml).map((i) => [i.file, i.path])).toEqual([
      [FILE, 'indicators[1].id'],
      [FILE, 'indicators[3].synonyms[1]'],
      [FILE, 'indicators[5].name'],
    ]);
    expect(issuesOf(yaml)[1]!.message).toContain('"exports"');
  });

  test('repeating a wording inside one indicator is harmless', () => {
    const parsed = parseIndicators('version: 1\nindicators:\n  - { id: iva, name: 规模以上工业增加值, synonyms: [规上工业增加值] }\n', FILE);
    expect(parsed.match('规上工业增加值')?.id).toBe('iva');
  });
});
