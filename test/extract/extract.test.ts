/**
 * Extraction on sentences written for these tests (not the seeds): values, kinds, approximation,
 * status, periods, linking (分别 lists, units written once, growth after a level), cities.
 */
import { byQuote, extractText } from '../support/extract';
import { compactDictionary } from '../../src/extract/segmenter-dictionary';

describe('values and units', () => {
  const records = extractText(
    '今年上半年，全市实现地区生产总值2,345.6亿元，同比增长6.2%。全市已建成5G基站一千二百个，新增两栋标准厂房，实际利用外资3.2亿美元，5G用户超过450万户。',
    { paper: '嘉兴日报', published: '2023-07-20' },
  );
  test('money with a multiplier normalizes to units of one', () => {
    const r = byQuote(records, '2,345.6亿元');
    expect([r.value, r.unit, r.normalized]).toEqual([2345.6, '亿元', { value: 234560000000, unit: 'CNY' }]);
  });
  test('Chinese numerals are read (一千二百, 两)', () => {
    expect(byQuote(records, '一千二百个').normalized.value).toBe(1200);
    expect(byQuote(records, '两栋').value).toBe(2);
  });
  test('other currencies keep their currency', () => expect(byQuote(records, '3.2亿美元').normalized).toEqual({ value: 320000000, unit: 'USD' }));
  test('a multiplied count keeps its counted noun', () => {
    const r = byQuote(records, '450万户');
    expect(r.normalized).toEqual({ value: 4500000, unit: '户' });
    expect(r.approx).toBe('over');
  });
});

describe('kinds and signs', () => {
  const records = extractText(
    '1—9月，全市规上工业增加值同比下降3.4%，高新技术产业增加值占规上工业增加值比重为65.2%，比上年同期提高1.8个百分点；出口额(-2.3%)；太阳能电池出口增长1.5倍，居全省第二位。',
    { paper: '金华日报', published: '2022-10-25' },
  );
  test('下降 makes a negative growth, year on year', () => {
    const r = byQuote(records, '3.4%');
    expect([r.kind, r.basis, r.value]).toEqual(['growth', 'yoy', -3.4]);
  });
  test('a 比重 is a share', () => expect(byQuote(records, '65.2%').kind).toBe('share'));
  test('个百分点 is a change in percentage points with its stated basis', () => {
    const r = byQuote(records, '1.8个百分点');
    expect([r.kind, r.basis, r.normalized.unit]).toEqual(['pp', 'yoy', 'pp']);
  });
  test('倍 growth is normalized to percent', () => {
    const r = byQuote(records, '1.5倍');
    expect([r.kind, r.normalized.value]).toEqual(['growth', 150]);
  });
  test('a ranking is a rank with its place', () => {
    const r = byQuote(records, '第二位');
    expect([r.kind, r.value]).toEqual(['rank', 2]);
  });
});

describe('approximation words', () => {
  const records = extractText('全市集聚企业近300家，培育专精特新企业约120家，引进项目50余个，城镇登记失业率不到3%，年产值突破100亿元，新增就业2万人左右。', { paper: '湖州日报' });
  test.each([
    ['300家', 'nearly'],
    ['120家', 'about'],
    ['50余个', 'over'],
    ['3%', 'under'],
    ['100亿元', 'over'],
    ['2万人', 'about'],
  ])('%s → %s', (quote, approx) => expect(byQuote(records, quote).approx).toBe(approx));
  test('余 inside a figure keeps the written number', () => expect(byQuote(records, '50余个').value).toBe(50));
});

describe('status and periods', () => {
  test('a goal year and 力争 make targets; the actual before them stays actual', () => {
    const records = extractText('2022年全市网络零售额达到900亿元，力争到2025年达到1600亿元。', { paper: '湖州日报', published: '2023-01-10' });
    expect(byQuote(records, '900亿元').status).toBe('actual');
    expect(byQuote(records, '900亿元').period?.year).toBe(2022);
    const target = byQuote(records, '1600亿元');
    expect([target.status, target.period?.year]).toEqual(['target', 2025]);
  });
  test('今年 resolves against the publication date and is flagged without one', () => {
    const dated = extractText('今年一季度，全市固定资产投资同比增长9.1%。', { paper: '温州日报', published: '2024-04-18' });
    const r = byQuote(dated, '9.1%');
    expect([r.period?.year, r.period?.startMonth, r.period?.endMonth]).toEqual([2024, 1, 3]);
    // The year was inferred, and the record says from which date.
    expect(r.flags).toEqual(expect.arrayContaining(['period_year_from_date', 'published_from_cli']));
    const undated = byQuote(extractText('今年一季度，全市固定资产投资同比增长9.1%。', { paper: '温州日报' }), '9.1%');
    expect(undated.period?.year).toBeNull();
    expect(undated.flags).toContain('period_year_unknown');
  });
  test('the period of an earlier clause carries to later sentences of the paragraph, flagged', () => {
    const records = extractText('前三季度，全市社会消费品零售总额1024.5亿元，同比增长5.6%。限额以上批发零售业销售额增长8.8%。', { paper: '湖州日报', published: '2021-10-30' });
    const later = byQuote(records, '8.8%');
    expect([later.period?.startMonth, later.period?.endMonth]).toEqual([1, 9]);
    expect(later.flags).toContain('period_inherited');
  });
  test('十四五 and year spans give year and endYear', () => {
    const records = extractText('“十三五”期间，全市网络零售额年均增长18.2%。', { paper: '湖州日报' });
    const r = byQuote(records, '18.2%');
    expect([r.period?.year, r.period?.endYear, r.basis]).toEqual([2016, 2020, 'avg_annual']);
  });
  test('a bulletin reports on its title year', () => {
    const records = extractText('2023年嘉兴市国民经济和社会发展统计公报\n\n全年全市实现地区生产总值7062.45亿元，比上年增长6.3%。', {});
    const r = byQuote(records, '7062.45亿元');
    expect([r.city?.name, r.period?.year, r.metric.id]).toEqual(['嘉兴市', 2023, 'gdp']);
  });
});

describe('linking', () => {
  test('分别 lists give one fact per item', () => {
    const records = extractText('今年全市企业上云普及率、数控化率、工业设备联网率分别达到86%、77.95%和63.88%。', { paper: '湖州日报' });
    expect(['86%', '77.95%', '63.88%'].map((q) => byQuote(records, q).metric.name)).toEqual(['企业上云普及率', '数控化率', '工业设备联网率']);
  });
  test('a unit written once after a list applies to each value', () => {
    const records = extractText('上半年，进出口、出口和进口分别拉动全省增长3.2、3.4和2.6个百分点。', { paper: '金华日报' });
    for (const q of ['3.2', '3.4', '2.6个百分点']) expect(byQuote(records, q).kind).toBe('pp');
    expect(byQuote(records, '3.2').metric.name).toContain('进出口');
  });
  test('a growth rate belongs to the level before it', () => {
    const records = extractText('全市外贸进出口总值435.7亿元，同比增长18%。其中出口292.8亿元，增长18.6%。', { paper: '芜湖日报' });
    expect(byQuote(records, '18%').metric.name).toBe('外贸进出口总值');
    expect(byQuote(records, '18.6%').metric.name).toBe('出口');
    expect(byQuote(records, '292.8亿元').metric.id).toBe('exports');
  });
});

describe('cities', () => {
  test('each clause of a comparison has its own city', () => {
    const records = extractText('前三季度，深圳地区生产总值增长5.1%，广州增长3.9%，杭州增长4.2%。', { paper: '南方日报' });
    expect(['5.1%', '3.9%', '4.2%'].map((q) => byQuote(records, q).city?.name)).toEqual(['深圳市', '广州市', '杭州市']);
  });
  test('全市 is the paper’s city and is flagged as inferred; 全省 is its province', () => {
    const records = extractText('全省规上工业增加值增长6.8%，全市增长7.5%。', { paper: '湖州日报' });
    const city = byQuote(records, '7.5%');
    expect([city.city?.name, city.city?.code, city.city?.level]).toEqual(['湖州市', '330500', 'prefecture']);
    expect(city.flags).toContain('city_from_context');
    expect(byQuote(records, '6.8%').city?.name).toBe('浙江省');
  });
  test('a short place name that a word of the text runs into is no place (新增城镇 holds 增城)', () => {
    const province = extractText('今年前三季度，全省新增城镇就业102.3万人。', { paper: '南方日报' });
    const jobs = byQuote(province, '102.3万人');
    expect(jobs.city?.name).toBe('广东省');
    expect(jobs.metric.name).toContain('城镇就业');
    const county = extractText('2023年，全县新增城镇就业8600人，江山市新增城镇就业9200人。', { paper: '衢州日报' });
    expect(byQuote(county, '8600人').metric.name).toContain('城镇就业');
    expect(byQuote(county, '9200人').city?.name).toBe('江山市');
  });
  test('the same short name starting its own word is the place', () => {
    const records = extractText('今年上半年，增城实现地区生产总值512.3亿元，在增城投资的企业超过300家。', { paper: '南方日报' });
    expect(byQuote(records, '512.3亿元').city?.name).toBe('增城区');
  });
  test('a county-level city is its own unit, with its prefecture as parent', () => {
    const records = extractText('今年1至6月，平湖市数字经济核心制造业增加值21.3亿元。', { paper: '嘉兴日报' });
    const r = byQuote(records, '21.3亿元');
    expect([r.city?.name, r.city?.level, r.city?.parent]).toEqual(['平湖市', 'county', '嘉兴市']);
  });
  test('an organisation named after a place does not move the figure there', () => {
    const records = extractText('湖州市经信局负责人介绍，全市新增上云企业1200家。', { paper: '嘉兴日报' });
    expect(byQuote(records, '1200家').city?.name).toBe('嘉兴市');
  });
  test('该市 refers to the place last spoken of', () => {
    const records = extractText('五年来，湖州市推进数字经济发展。数据显示，该市数字经济核心产业增加值年均增长15.6%。', { paper: '温州日报' });
    expect(byQuote(records, '15.6%').city?.name).toBe('湖州市');
  });
});

describe('tables flattened one cell per line', () => {
  const table = ['1  主要目标表', '', '序号', '', '指 标', '', '2020年', '', '2025年', '', '1', '', '规上营业收入(亿元)', '', '745.2', '', '800', '', '2', '', '5G基站数量(个)', '', '4028*', '', '10000', '', '3', '', '网络安全等级保护落实率(%', '', '90', '', '4', '', '公共数据开放率(%', '', '4', '', '30', '', '备注:*2019年数据。'].join('\n');
  const records = extractText(`湖州市数字经济发展规划\n更新时间:2021-12-30\n\n${table}`, {});
  test('row header gives metric and unit, column header gives the year, later columns are targets', () => {
    const actual = byQuote(records, '745.2');
    expect([actual.metric.name, actual.unit, actual.normalized.value, actual.period?.year, actual.status]).toEqual(['规上营业收入', '亿元', 74520000000, 2020, 'actual']);
    const target = byQuote(records, '800');
    expect([target.period?.year, target.status]).toEqual([2025, 'target']);
    expect(target.flags).toContain('table_cell');
  });
  test('a footnote marker re-dates its cell', () => expect(byQuote(records, '4028').period?.year).toBe(2019));
  test('a row with fewer cells than columns fills the last ones', () => {
    const r = byQuote(records, '90');
    expect([r.period?.year, r.kind]).toEqual([2025, 'share']);
  });
  test('row numbers are not values', () => {
    expect(records.some((r) => r.quote === '3' || r.quote === '2')).toBe(false);
    expect(records.filter((r) => r.quote === '4').map((r) => r.period?.year)).toEqual([2020]);
  });
});

describe('records', () => {
  test('spans index the input and carry the trace of their rules', () => {
    const text = '据统计，今年上半年，全市外贸进出口总值435.7亿元，同比增长18%。';
    for (const r of extractText(text, { paper: '芜湖日报' })) {
      expect(text.slice(r.span[0], r.span[1])).toBe(r.quote);
      expect(r.trace.length).toBeGreaterThan(1);
    }
  });
});

describe('government work reports', () => {
  const report = [
    '2024年绍兴市政府工作报告',
    '',
    '——2024年1月15日在绍兴市第九届人民代表大会第四次会议上',
    '',
    '过去一年，全市地区生产总值突破7800亿元，增长7.8%。全年新增城镇就业10.5万人，城镇调查失业率控制在5%以内。',
    '',
    '今年经济社会发展的主要预期目标是：地区生产总值增长6%左右；一般公共预算收入增长5%；城镇调查失业率控制在5.5%以内。',
  ].join('\n');
  const records = extractText(report, {});
  test('the speech dateline dates the report, and 过去一年 is the year before it', () => {
    const r = byQuote(records, '7800亿元');
    expect([r.doc.published, r.period?.year, r.approx]).toEqual(['2024-01-15', 2023, 'over']);
    expect(byQuote(records, '10.5万人').period?.year).toBe(2023);
  });
  test('a goal introducing a list with a colon governs every item of it', () => {
    for (const q of ['6%', '5%', '5.5%']) {
      const found = records.filter((r) => r.quote === q && r.status === 'target');
      expect(found.length).toBeGreaterThanOrEqual(1);
    }
    expect(byQuote(records, '6%').period?.year).toBe(2024);
    expect(byQuote(records, '5.5%').metric.name).toBe('城镇调查失业率');
  });
  test('a goal in one ;-part does not govern the next', () => {
    const r = byQuote(extractText('全市力争新增企业300家；目前已建成5G基站4000个。', { paper: '湖州日报' }), '4000个');
    expect(r.status).toBe('actual');
  });
});

describe('bulletin tables (measure columns)', () => {
  const html = `<!DOCTYPE html><html><head><title>2023年湖州市国民经济和社会发展统计公报</title></head><body>
<p>表1 2023年主要农产品产量及其增长速度</p>
<table><tr><th>产品名称</th><th>单位</th><th>产量</th><th>比上年增长(%)</th></tr>
<tr><td>粮食</td><td>万吨</td><td>62.1</td><td>-1.2</td></tr>
<tr><td>生猪出栏</td><td>万头</td><td>45.6</td><td>8.9</td></tr></table>
<p>全年全市粮食播种面积150.2万亩。</p></body></html>`;
  const records = extractText(html, {});
  test('an amount column gives levels with the row unit, a growth column signed growth rates', () => {
    const level = byQuote(records, '62.1');
    expect([level.metric.name, level.kind, level.normalized, level.period?.year, level.city?.name]).toEqual(['粮食', 'level', { value: 621000, unit: '吨' }, 2023, '湖州市']);
    const growth = byQuote(records, '-1.2');
    expect([growth.kind, growth.basis, growth.value, growth.unit]).toEqual(['growth', 'yoy', -1.2, '%']);
  });
  test('a unit the rules do not list still takes its multiplier', () => expect(byQuote(records, '45.6').normalized).toEqual({ value: 456000, unit: '头' }));
  test('the page title makes the document a bulletin for its year', () => expect(byQuote(records, '150.2万亩').period?.year).toBe(2023));
  test('spans point into the HTML source', () => {
    const r = byQuote(records, '45.6');
    expect(html.slice(r.span[0], r.span[1])).toBe('45.6');
  });
});

describe('subjects narrower than the region', () => {
  test('a named park, zone or company at the start of the clause is the subject; its place is the city', () => {
    const records = extractText('目前，德清地理信息小镇集聚企业400余家。杭州自贸片区新签约项目34个。全市新增企业上云400家。', { paper: '湖州日报' });
    const town = byQuote(records, '400余家');
    expect([town.subject, town.city?.name]).toEqual(['德清地理信息小镇', '德清县']);
    expect(byQuote(records, '34个').subject).toBe('杭州自贸片区');
    expect(byQuote(records, '400家').subject).toBeNull();
  });
  test('an action is not a name (力争引进项目…)', () => {
    const records = extractText('今年力争引进项目20个。', { paper: '湖州日报' });
    expect(byQuote(records, '20个').subject).toBeNull();
  });
});

describe('more linking', () => {
  const records = extractText(
    '1—11月，全市规上工业企业实现营业收入5678亿元、利润总额345亿元，分别增长8.2%和12.3%。城镇和农村居民人均可支配收入分别为65432元和43210元。规上工业增加值增速比一季度回落0.5个百分点。全市经济总量居全省第3位，较上年前移2位。',
    { paper: '湖州日报', published: '2023-12-20' },
  );
  test('分别 growth rates follow the amounts named before them, in order', () => {
    expect(byQuote(records, '8.2%').metric.name).toBe(byQuote(records, '5678亿元').metric.name);
    expect(byQuote(records, '12.3%').metric.name).toBe('利润总额');
  });
  test('short modifiers share the head noun of the last item (城镇和农村居民…)', () => {
    expect(byQuote(records, '65432元').metric.id).toBe('per_capita_disposable_income_urban');
    expect(byQuote(records, '43210元').metric.id).toBe('per_capita_disposable_income_rural');
  });
  test('a period after 比 is the comparison, not the date', () => {
    const r = byQuote(records, '0.5个百分点');
    expect([r.value, r.basis, r.period?.startMonth, r.period?.endMonth]).toEqual([-0.5, 'other', 1, 11]);
  });
  test('a move in a ranking (前移2位) is not a figure', () => expect(records.some((r) => r.quote === '2位')).toBe(false));
});

describe('compact segmenter dictionary', () => {
  test('keeps the most frequent words, in their original order and format', () => {
    const full = ['甲 5 n', '乙 100 v', '丙 1 n', '丁 50 a', ''].join('\n');
    expect(compactDictionary(full, 2)).toBe('乙 100 v\n丁 50 a\n');
  });
});

describe('metric names from their parts', () => {
  test('a ranking names what is ranked and where (增速列嘉兴第一位)', () => {
    const records = extractText('数字经济核心产业完成投资15.81亿元，同比增长73.8%，增速列嘉兴第一位。', { paper: '嘉兴日报' });
    expect(byQuote(records, '第一位').metric.name).toBe('数字经济核心产业投资增速嘉兴排名');
  });
  test('较X快 N个百分点 is growth faster than X', () => {
    const records = extractText('高新技术产品出口大幅增长1.2倍，较整体快101.5个百分点。', { paper: '金华日报' });
    expect(byQuote(records, '101.5个百分点').metric.name).toBe('高新技术产品出口增速快于整体');
    expect(byQuote(records, '1.2倍').metric.name).toBe('高新技术产品出口');
  });
  test('a noun phrase before a count qualifies the counted noun after it', () => {
    const records = extractText('城市数字大脑实现150余个场景上屏，机关内部95%以上非涉密事项实现网办。', { paper: '湖州日报' });
    expect(byQuote(records, '150余个').metric.name).toBe('城市数字大脑场景上屏数量');
    expect(byQuote(records, '95%').metric.name).toBe('机关内部非涉密事项比例');
  });
  test('metric.text of a noun read after a figure ends with that noun, not in the next clause', () => {
    const records = extractText('上半年新签约快手游戏等39个项目，目前区内共有重点项目133个，38个单位被通报表扬。', { paper: '湖州日报' });
    expect(byQuote(records, '39个').metric.text).toBe('项目');
    expect(byQuote(records, '38个').metric.text).toBe('单位');
  });
  test('conjunctions inside a counted noun stay inside it', () => {
    const records = extractText('培育天畅、超威和美欣达3家国家级供应链创新与应用试点企业。', { paper: '湖州日报' });
    expect(byQuote(records, '3家').metric.name).toBe('国家级供应链创新与应用试点企业数量');
  });
});

describe('lists abbreviated or spread over clauses', () => {
  const records = extractText('过去一年，全市一般公共预算收入达到531.2亿元；城乡居民人均可支配收入分别达到80340元和50256元，分别增长4.9%和6.8%。规上工业总产值增长12.3%，增速位列全市第一。', { paper: '绍兴日报', published: '2024-01-20' });
  test('城乡 abbreviates 城镇 and 农村', () => {
    expect(byQuote(records, '80340元').metric.id).toBe('per_capita_disposable_income_urban');
    expect(byQuote(records, '50256元').metric.id).toBe('per_capita_disposable_income_rural');
  });
  test('a later 分别 follows the items of the earlier one, not amounts of another ;-part', () => {
    expect(byQuote(records, '4.9%').metric.id).toBe('per_capita_disposable_income_urban');
    expect(byQuote(records, '6.8%').metric.id).toBe('per_capita_disposable_income_rural');
  });
  test('the longest ranking verb is the one read (位列, not 列)', () => expect(byQuote(records, '第一').metric.name).toBe('规上工业总产值增速全市排名'));
});

describe('signs', () => {
  const records = extractText('全市工业增加值1234.5亿元（-2.3%），服务业增加值2345.6亿元(+5.6%)，预计增长3-5%。', { paper: '湖州日报', published: '2023-05-01' });
  test('a signed rate in brackets after an amount is its change', () => {
    const down = byQuote(records, '2.3%');
    expect([down.kind, down.value, down.metric.name]).toEqual(['growth', -2.3, '工业增加值']);
    const up = byQuote(records, '5.6%');
    expect([up.kind, up.value]).toEqual(['growth', 5.6]);
  });
  test('a dash between two numbers is a range, not a minus sign', () => expect(byQuote(records, '5%').value).toBe(5));
});

describe('home city of an article in a provincial paper', () => {
  test('a provincial paper’s article about one city is about that city; 全省 stays the province', () => {
    const records = extractText('成都高新区前三季度经济运行稳中向好\n\n前三季度，电子信息产业实现营业收入3456亿元，增长9.1%。全省规模以上工业增加值增长6.1%。', { paper: '四川日报', published: '2023-10-26' });
    expect(byQuote(records, '3456亿元').city?.name).toBe('成都市');
    expect(byQuote(records, '6.1%').city?.name).toBe('四川省');
  });
  test('with no such title, the province paper’s figures are the province’s', () => {
    const r = byQuote(extractText('1-9月，全省实现地区生产总值62345亿元。', { paper: '浙江日报', published: '2023-10-20' }), '62345亿元');
    expect([r.city?.name, r.city?.level, r.city?.code]).toEqual(['浙江省', 'province', '330000']);
  });
});

describe('bulletin prose', () => {
  const records = extractText(
    '年末全市共有各级各类学校1235所，在校学生82.3万人。年末金融机构本外币各项存款余额12345.6亿元，比年初增加1234.5亿元，增长11.1%。全市PM2.5平均浓度为28微克/立方米。',
    { paper: '嘉兴日报', published: '2024-03-10' },
  );
  test('在 that begins a noun stays (在校学生; a count in 人 is 人数)', () => expect(byQuote(records, '82.3万人').metric.name).toBe('在校学生人数'));
  test('an absolute change names what changed, and a growth rate after it refers to the amount, not the change', () => {
    expect(byQuote(records, '1234.5亿元').metric.name).toBe('金融机构本外币各项存款余额增减量');
    expect(byQuote(records, '11.1%').metric.id).toBe('deposits_balance');
  });
  test('a composite unit, and PM2.5 is not a figure', () => {
    expect(byQuote(records, '28微克/立方米').metric.name).toBe('PM2.5平均浓度');
    expect(records.some((r) => r.quote.startsWith('2.5'))).toBe(false);
  });
});

describe('a table metric read from its caption', () => {
  test('keeps the caption words it was read from, spaces and all (offsets into the raw text)', () => {
    const text = '表2  2023年各市县地区 生产总值\n市县 | 绝对数(亿元) | 增长(%)\n海口市 | 2134.8 | 8.1\n三亚市 | 980.3 | 9.2\n';
    const r = byQuote(extractText(text, { paper: '海南日报', published: '2024-02-01' }), '2134.8');
    expect([r.metric.name, r.metric.text]).toEqual(['地区生产总值', '地区 生产总值']);
    expect(text.slice(r.evidence!.metric![0], r.evidence!.metric![1])).toBe('地区 生产总值');
  });
});

describe('tables of regions', () => {
  const html = `<html><head><title>前三季度各县区主要经济指标</title><meta name="publishdate" content="2023-10-28"></head><body>
<p>湖州日报讯 前三季度各县区主要经济指标如下。</p>
<table><tr><td>地区</td><td>GDP(亿元)</td><td>增长(%)</td><td>规上工业增加值(亿元)</td><td>增长(%)</td></tr>
<tr><td>吴兴区</td><td>612.3</td><td>5.1</td><td>201.2</td><td>6.3</td></tr>
<tr><td>长兴县</td><td>701.5</td><td>6.2</td><td>305.6</td><td>8.1</td></tr></table></body></html>`;
  const records = extractText(html, {});
  test('each row is a place, each column an indicator; a growth column measures the column before it', () => {
    const gdp = byQuote(records, '612.3');
    expect([gdp.city?.name, gdp.metric.id, gdp.kind, gdp.normalized.value]).toEqual(['吴兴区', 'gdp', 'level', 61230000000]);
    const growth = byQuote(records, '8.1');
    expect([growth.city?.name, growth.metric.name, growth.kind, growth.basis]).toEqual(['长兴县', '规上工业增加值', 'growth', 'yoy']);
  });
  test('the words that introduce the table date it', () => {
    const r = byQuote(records, '701.5');
    expect([r.period?.year, r.period?.startMonth, r.period?.endMonth]).toEqual([2023, 1, 9]);
  });
});

describe('a 分别 list of places', () => {
  test('each value takes the city of its item, and the indicator written after the list', () => {
    const records = extractText('前三季度，全省11个设区市中，杭州、宁波、温州GDP分别增长5.1%、6.2%和7.0%。', { paper: '浙江日报', published: '2023-10-28' });
    expect(['5.1%', '6.2%', '7.0%'].map((q) => [byQuote(records, q).city?.name, byQuote(records, q).metric.id])).toEqual([
      ['杭州市', 'gdp'],
      ['宁波市', 'gdp'],
      ['温州市', 'gdp'],
    ]);
    expect(byQuote(records, '6.2%').flags).not.toContain('city_from_context');
    expect(byQuote(records, '11个').metric.name).toBe('设区市数量');
  });
  test('a 分别 clause naming no place takes the places listed at the head of the clause before it', () => {
    const records = extractText('从经济总量看，泉州、福州、厦门位居前三，前三季度地区生产总值分别为8123.5亿元、7890.2亿元和5432.1亿元。', { paper: '福建日报', published: '2021-10-30' });
    expect(['8123.5亿元', '7890.2亿元', '5432.1亿元'].map((q) => [byQuote(records, q).city?.name, byQuote(records, q).metric.name])).toEqual([
      ['泉州市', '地区生产总值'],
      ['福州市', '地区生产总值'],
      ['厦门市', '地区生产总值'],
    ]);
    const two = extractText('郴州和常德增势较好，规模以上工业增加值分别增长8.2%和7.9%。', { paper: '湖南日报', published: '2019-08-15' });
    expect(['8.2%', '7.9%'].map((q) => byQuote(two, q).city?.name)).toEqual(['郴州市', '常德市']);
  });
  test('not when the places listed are more or fewer than the values', () => {
    const fewer = extractText('泉州、福州位居前列，前三季度地区生产总值分别为8123.5亿元、7890.2亿元和5432.1亿元。', { paper: '福建日报', published: '2021-10-30' });
    expect(fewer.map((r) => r.city?.name)).not.toContain('泉州市');
    const more = extractText('泉州、福州、厦门、漳州位居前四，其中前三位地区生产总值分别为8123.5亿元、7890.2亿元和5432.1亿元。', { paper: '福建日报', published: '2021-10-30' });
    expect(more.map((r) => r.city?.name)).not.toContain('泉州市');
  });
});

describe('comparisons of places in one sentence', () => {
  test('an amount whose clause names only another place measures what the first one did', () => {
    const records = extractText('2022年，深圳GDP为3.24万亿元，广州为2.88万亿元，杭州为1.88万亿元。', { paper: '南方日报' });
    expect(['3.24万亿元', '2.88万亿元', '1.88万亿元'].map((q) => [byQuote(records, q).city?.name, byQuote(records, q).metric.id])).toEqual([
      ['深圳市', 'gdp'],
      ['广州市', 'gdp'],
      ['杭州市', 'gdp'],
    ]);
  });
  test('an amount with nothing but a verb before it does not borrow an indicator', () => {
    const records = extractText('全市新增企业1200家，实现2000亿元。', { paper: '湖州日报' });
    expect(byQuote(records, '2000亿元').flags).toContain('metric_missing');
  });
  test('a missing metric has an empty name, never a placeholder, and goes to review', () => {
    const records = extractText('截至去年底，该县新登记市场主体3200户，实现180亿元。', { paper: '丽水日报' });
    const missing = byQuote(records, '180亿元');
    expect([missing.metric.name, missing.metric.id, missing.review]).toEqual(['', null, 'needs_review']);
    expect(missing.flags).toContain('metric_missing');
  });
});
