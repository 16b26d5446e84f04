/**
 * Period forms (issue 13, point 5): single months, month ranges in numerals, the first n months,
 * Chinese-digit years, 上月/当月, and the publication date as the only anchor of relative words.
 */
import { bundledRules, byQuote, extractText } from '../support/extract';
import { findPeriodMentions } from '../../src/extract/periods';

const rules = bundledRules();

function months(text: string, quote: string, published = '2023-06-15'): [number | null | undefined, number | null | undefined, number | null | undefined] {
  const r = byQuote(extractText(text, { paper: '洛阳日报', published }), quote);
  return [r.period?.year, r.period?.startMonth, r.period?.endMonth];
}

describe('single months', () => {
  test.each([
    ['2022年11月，全市新能源汽车销量2.3万辆。', '2.3万辆', [2022, 11, 11]],
    ['5月份，全市居民消费价格同比上涨0.4%。', '0.4%', [2023, 5, 5]],
    ['今年四月，全县接待游客86万人次。', '86万人次', [2023, 4, 4]],
  ] as const)('%s', (text, quote, expected) => expect(months(text, quote)).toEqual(expected));
  test('a day is not a month', () => {
    const mentions = findPeriodMentions('7月13日', 0, 5, rules, 2023, null);
    expect(mentions.map((m) => m.ruleId)).not.toContain('period.month');
  });
  test('a month end stays a month end', () => {
    expect(months('截至9月末，全市金融机构存款余额8820亿元。', '8820亿元', '2023-10-25')).toEqual([2023, 9, 9]);
    // In a June paper, 9月末 with no year is last September.
    expect(months('截至9月末，全市金融机构存款余额8820亿元。', '8820亿元')).toEqual([2022, 9, 9]);
  });
});

describe('month ranges and the first months', () => {
  test.each([
    ['一至四月，全市外贸进出口总额增长9.6%。', '9.6%', [2023, 1, 4]],
    ['前4个月，全省规上工业增加值增长5.2%。', '5.2%', [2023, 1, 4]],
    ['今年前三个月，全区网络零售额37亿元。', '37亿元', [2023, 1, 3]],
    ['2021年前11个月，全市税收收入增长12%。', '12%', [2021, 1, 11]],
  ] as const)('%s', (text, quote, expected) => expect(months(text, quote)).toEqual(expected));
  test('前5个月 is a period, not a figure of 5 months', () => {
    const records = extractText('前5个月，全市实际使用外资3.1亿美元。', { paper: '洛阳日报', published: '2023-06-15' });
    expect(records.map((r) => r.quote)).not.toContain('5个月');
    expect(records.map((r) => r.quote)).toContain('3.1亿美元');
  });
  test('a month range past the publication month is of the year before', () => {
    expect(months('1-11月，全市规上工业增加值增长6.8%。', '6.8%', '2024-02-03')).toEqual([2023, 1, 11]);
    expect(months('1-11月，全市规上工业增加值增长6.8%。', '6.8%', '2024-12-20')).toEqual([2024, 1, 11]);
  });
});

describe('years in Chinese digits', () => {
  test.each([
    ['二〇二一年', 2021],
    ['一九九八年', 1998],
  ])('%s', (text, year) => {
    const [m] = findPeriodMentions(text, 0, text.length, rules, null, null);
    expect(m.period.year).toBe(year);
  });
  test('in a sentence', () => {
    expect(months('二〇二二年全县粮食总产量达到28.6万吨。', '28.6万吨')[0]).toBe(2022);
  });
});

describe('上月 and 当月', () => {
  test('上月 is the month before the publication date, across a year end', () => {
    expect(months('上月全市新增市场主体3200户。', '3200户', '2024-01-08')).toEqual([2023, 12, 12]);
    expect(months('上月全市新增市场主体3200户。', '3200户', '2024-07-08')).toEqual([2024, 6, 6]);
  });
  test('上月 with no publication date has no year', () => {
    const r = byQuote(extractText('上月全市新增市场主体3200户。', { paper: '洛阳日报' }), '3200户');
    expect(r.period?.year ?? null).toBeNull();
    expect(r.flags).toContain('period_year_unknown');
  });
  test('当月 takes the month named before it', () => {
    expect(months('8月份，全市发电量41亿千瓦时，当月同比增长6.1%。', '6.1%', '2023-09-12')).toEqual([2023, 8, 8]);
  });
});

describe('the publication date is the only anchor', () => {
  test('今年 follows the sidecar date, not the clock', () => {
    expect(months('今年一季度，全市实现地区生产总值505亿元。', '505亿元', '2019-04-20')).toEqual([2019, 1, 3]);
  });
  test('a comparison basis is not the period', () => {
    const r = byQuote(extractText('一季度，全市接待游客量比2019年同期增长12%。', { paper: '洛阳日报', published: '2023-04-20' }), '12%');
    expect([r.period?.year, r.period?.startMonth]).toEqual([2023, 1]);
  });
});

describe('同期: the period of the figure it is set beside', () => {
  test('in a later clause it is the sentence first period', () => {
    expect(months('一季度，全县规上工业增加值增长7.4%，全市同期增长5.9%。', '5.9%', '2023-04-25')).toEqual([2023, 1, 3]);
    // Not the nearest period: 前两个月的 belongs to another figure.
    expect(months('前三季度全区出口增长6%，高于前两个月的4%，也高于全省同期的5%。', '5%', '2023-10-25')).toEqual([2023, 1, 9]);
  });
  test('opening a sentence it takes the paragraph period', () => {
    expect(months('1-7月，全市外贸进出口总值增长8%。同期，全市出口机电产品210亿元。', '210亿元', '2023-08-25')).toEqual([2023, 1, 7]);
  });
  test('比上年同期 is a basis, not a period', () => {
    const mentions = findPeriodMentions('比上年同期', 0, 5, rules, 2023, null);
    expect(mentions.map((m) => m.ruleId)).toEqual([]);
  });
});

describe('a period that opens a change dates only its own figure', () => {
  test.each([
    ['全县服务业占比从2019年的41%提高到46%。', '41%', 2019],
    ['全县服务业占比从2019年的41%提高到46%。', '46%', null],
    ['全市出口增速由一季度的2.1%回升至上半年的4.4%。', '4.4%', 2023],
  ] as const)('%s %s', (text, quote, year) => {
    const r = byQuote(extractText(text, { paper: '洛阳日报', published: '2023-07-20' }), quote);
    expect(r.period?.year ?? null).toBe(year === null ? null : year);
  });
  test('上半年 stays the period of the figure a change from 一季度 reaches', () => {
    expect(months('上半年，全市出口增速由一季度的2.1%回升至4.4%。', '4.4%', '2023-07-20')).toEqual([2023, 1, 6]);
  });
});

describe('the coming years', () => {
  test('今后五年 is a goal span from the document year', () => {
    const r = byQuote(extractText('今后五年，全市居民人均可支配收入年均增长6%左右。', { paper: '洛阳日报', published: '2023-01-12' }), '6%');
    expect([r.status, r.period?.year, r.period?.endYear]).toEqual(['target', 2023, 2027]);
  });
});

describe('全年 in a text that names no report year', () => {
  test('takes the year of the period before it in the sentence', () => {
    expect(months('前三季度全省GDP增长5.2%，按全年5.5%的目标，四季度需加力。', '5.5%', '2023-10-28')[0]).toBe(2023);
  });
  test('takes the year of the last figure dated before it', () => {
    expect(months('2022年全县粮食产量34万吨。\n\n全年新增高标准农田3.2万亩。', '3.2万亩', '2023-03-01')[0]).toBe(2022);
  });
  test('stays unknown after a period of unknown year', () => {
    const r = byQuote(extractText('过去一年，全县新增就业5600人，全年城镇新增就业4800人。', { paper: '洛阳日报' }), '4800人');
    expect(r.period?.year ?? null).toBeNull();
  });
  test('not from the start of a span (从2019年至今)', () => {
    const r = byQuote(extractText('从2019年至今，全区累计引进企业86家。\n\n力争到年末新增上云企业300家。', { paper: '洛阳日报' }), '300家');
    expect(r.period?.year ?? null).toBeNull();
  });
  test('a goal for 全年 with nothing before it is of the publication year', () => {
    const r = byQuote(extractText('全区力争全年实现税收收入增长8%。', { paper: '洛阳日报', published: '2024-03-05' }), '8%');
    expect([r.status, r.period?.year]).toEqual(['target', 2024]);
    expect(r.flags).toContain('period_year_from_date');
  });
});

describe('quarters written other ways', () => {
  test.each([
    ['一至三季度，全县固定资产投资增长8.8%。', '8.8%', [2023, 1, 9]],
    ['2022年1-3季度，全区税收收入23亿元。', '23亿元', [2022, 1, 9]],
    ['前三个季度，全市新增贷款310亿元。', '310亿元', [2023, 1, 9]],
    ['三季度末，全市金融机构贷款余额6120亿元。', '6120亿元', [2023, 9, 9]],
    ['上半年末，全县常住人口城镇化率达到52%。', '52%', [2023, 6, 6]],
  ] as const)('%s', (text, quote, expected) => expect(months(text, quote, '2023-11-10')).toEqual(expected));
});

describe('a news headline dates the figures that state no period', () => {
  test('the headline period, flagged inherited', () => {
    const r = byQuote(extractText('上半年我县经济运行稳中向好\n\n全县规模以上工业增加值增长9.2%，社会消费品零售总额增长6%。', { paper: '洛阳日报', published: '2023-07-28' }), '9.2%');
    expect([r.period?.year, r.period?.startMonth, r.period?.endMonth]).toEqual([2023, 1, 6]);
    expect(r.flags).toContain('period_inherited');
  });
  test('a figure own period wins over the headline', () => {
    expect(months('上半年我县经济运行稳中向好\n\n6月份，全县出口增长12%。', '12%', '2023-07-28')).toEqual([2023, 6, 6]);
  });
  test('a headline with two periods dates nothing', () => {
    const r = byQuote(extractText('一季度和上半年我县经济对比\n\n全县规模以上工业增加值增长9.2%。', { paper: '洛阳日报', published: '2023-07-28' }), '9.2%');
    expect(r.period).toBeNull();
  });
  test('a work report title is no headline date', () => {
    const r = byQuote(extractText('2024年政府工作报告\n\n全县规模以上工业增加值增长9.2%。', { paper: '洛阳日报', published: '2024-01-20' }), '9.2%');
    expect(r.period?.year).not.toBe(2024);
  });
});
