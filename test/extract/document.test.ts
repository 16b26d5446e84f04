/**
 * The document stage (src/extract/document.ts, rules/documents.yaml): a document's kind, a
 * bulletin's title year, a work report's review and goals sections, and what the figures in them
 * inherit. The rule examples run here, then whole texts written for these tests.
 */
import { bundledRules, byQuote, extractText } from '../support/extract';
import { documentKind, readDocument, titleYearOf } from '../../src/extract/document';
import type { Article } from '../../src/articles/articles';

const rules = bundledRules();

function article(text: string, title: string | null): Article {
  return { index: 0, start: 0, end: text.length, title, titleSpan: null, paper: null, homeCity: null, homeCitySource: null, province: null };
}

describe('document kind rule examples (rules/documents.yaml)', () => {
  const cases = rules.documents.kinds.flatMap((k) => k.examples.map((e) => [k.id, e.title ?? e.lead ?? '', e] as const));
  test.each(cases)('%s: %s', (id, _label, example) => {
    const found = documentKind(example.title, example.lead ?? '', rules);
    expect([found.kind, found.ruleId]).toEqual([example.kind, id]);
    if (example.year !== undefined) expect(titleYearOf(example.title, found.kind, rules)).toBe(example.year);
  });
  test('a news title is news', () => {
    expect(documentKind('我市一季度经济运行稳中向好', '一季度，全市实现地区生产总值612亿元。', rules).kind).toBe('news');
  });
  test('a work report is titled with the year it is given in: no title year', () => {
    expect(titleYearOf('2025年德阳市政府工作报告', 'work_report', rules)).toBeNull();
  });
});

describe('section rule examples (rules/documents.yaml)', () => {
  const cases = rules.documents.sections.flatMap((s) => s.examples.map((e) => [s.id, e.heading, e] as const));
  test.each(cases)('%s: %s', (id, heading, example) => {
    const text = `${heading}\n全市完成投资120亿元。`;
    const frame = readDocument(text, article(text, '政府工作报告'), rules, null);
    expect(frame.sections).toHaveLength(1);
    const [section] = frame.sections;
    expect([section.role, section.ruleId]).toEqual([example.role, id]);
    if (example.year !== undefined) expect(section.period?.period.year ?? null).toBe(example.year);
  });
  test('a heading level closes the section of its level; a subheading does not', () => {
    const text = ['一、2024年工作回顾', '（一）工业', '全市规上工业增加值增长8%。', '二、2025年主要任务', '全市力争实现增长7%。'].join('\n');
    const frame = readDocument(text, article(text, '政府工作报告'), rules, 2025);
    expect(frame.sections.map((s) => [s.role, s.period?.period.year])).toEqual([
      ['review', 2024],
      ['goals', 2025],
    ]);
    expect(frame.sections[0].end).toBe(text.indexOf('二、'));
  });
  test('news has no sections even with numbered headings', () => {
    const text = ['一、工业生产平稳', '全市规上工业增加值增长8%。'].join('\n');
    expect(readDocument(text, article(text, '我市经济运行情况'), rules, 2024).sections).toEqual([]);
  });
});

describe('work reports: review and goals', () => {
  const report = [
    '2025年九江市政府工作报告',
    '',
    '——2025年1月9日在九江市第十七届人民代表大会第五次会议上',
    '',
    '一、2024年工作回顾',
    '',
    '全市地区生产总值增长5.4%，规上工业增加值增长7.1%。全年新增城镇就业4.6万人。',
    '',
    '二、2025年工作安排',
    '',
    '全市地区生产总值增长6%左右，固定资产投资增长5%。新增城镇就业4万人以上。',
  ].join('\n');
  const records = extractText(report, {});
  test('figures of the review are actual, of the year before the report', () => {
    for (const q of ['5.4%', '7.1%', '4.6万人']) {
      const r = byQuote(records, q);
      expect([r.status, r.period?.year]).toEqual(['actual', 2024]);
    }
  });
  test('figures of the goals section are targets of the report year', () => {
    for (const q of ['6%', '5%', '4万人']) {
      const r = byQuote(records, q);
      expect([r.status, r.period?.year]).toEqual(['target', 2025]);
    }
  });
  test('a past year named inside the goals section stays actual', () => {
    const text = [
      '2025年政府工作报告',
      '',
      '一、过去一年的工作',
      '',
      '全县财政总收入达到31亿元。',
      '',
      '二、今年的重点工作',
      '',
      '2024年全县已建成5G基站900个，今年力争新建5G基站300个。',
    ].join('\n');
    const rs = extractText(text, { published: '2025-01-20', paper: '九江日报' });
    expect([byQuote(rs, '31亿元').status, byQuote(rs, '31亿元').period?.year]).toEqual(['actual', 2024]);
    expect(byQuote(rs, '900个').status).toBe('actual');
    expect([byQuote(rs, '300个').status, byQuote(rs, '300个').period?.year]).toEqual(['target', 2025]);
  });
  test('主要预期目标是： in running text opens the goals', () => {
    const text = '各位代表：\n\n过去一年，全市实现地区生产总值3120亿元。\n\n今年经济社会发展的主要预期目标是：地区生产总值增长5.5%左右；居民人均可支配收入增长6%。';
    const rs = extractText(text, { published: '2024-02-01', paper: '赣州日报' });
    expect([byQuote(rs, '3120亿元').status, byQuote(rs, '3120亿元').period?.year]).toEqual(['actual', 2023]);
    for (const q of ['5.5%', '6%']) expect([byQuote(rs, q).status, byQuote(rs, q).period?.year]).toEqual(['target', 2024]);
  });
});

describe('status words in plans and forecasts', () => {
  test.each([
    ['明年，全区还将新建充电桩1200个。', '1200个', 'target'],
    ['全市今年将开工建设安置房4500套。', '4500套', 'target'],
    ['预计全年粮食产量达到52万吨。', '52万吨', 'target'],
    ['按全年6.5%的增长目标测算，下半年仍需加力。', '6.5%', 'target'],
    ['将86个项目纳入市重点项目库。', '86个', 'actual'],
    ['上半年完成投资41亿元，完成年度目标的47%。', '41亿元', 'actual'],
  ])('%s → %s %s', (text, quote, status) => {
    expect(byQuote(extractText(text, { paper: '襄阳日报', published: '2023-07-20' }), quote).status).toBe(status);
  });
});

describe('a report at the start of a term: five years reviewed, five years ahead, then the year', () => {
  const report = [
    '2023年株洲市政府工作报告',
    '',
    '一、过去五年工作回顾',
    '',
    '2022年全市地区生产总值达到3620亿元。过去一年，全市规上工业增加值增长7.5%。',
    '',
    '二、今后五年的目标任务',
    '',
    '到2027年，全市地区生产总值突破5000亿元。',
    '',
    '三、2023年工作安排',
    '',
    '全市地区生产总值增长6.5%左右。全年新增城镇就业5万人。',
  ].join('\n');
  const records = extractText(report, { published: '2023-01-10', paper: '株洲日报' });
  test('the review reports the year before', () => {
    expect([byQuote(records, '3620亿元').status, byQuote(records, '7.5%').period?.year]).toEqual(['actual', 2022]);
  });
  test('the five-year goals are targets of their own year', () => {
    const r = byQuote(records, '5000亿元');
    expect([r.status, r.period?.year]).toEqual(['target', 2027]);
  });
  test('the year ahead dates its goals and its 全年', () => {
    expect([byQuote(records, '6.5%').status, byQuote(records, '6.5%').period?.year]).toEqual(['target', 2023]);
    expect([byQuote(records, '5万人').status, byQuote(records, '5万人').period?.year]).toEqual(['target', 2023]);
  });
});

describe('bulletins', () => {
  test('全年 and 年末 are of the title year, whatever the publication date', () => {
    const text = '2023年淮安市国民经济和社会发展统计公报\n\n全年全市实现地区生产总值5015亿元，比上年增长5.8%。年末全市常住人口455万人。';
    const records = extractText(text, { published: '2024-03-20' });
    for (const q of ['5015亿元', '5.8%', '455万人']) expect([byQuote(records, q).period?.year, byQuote(records, q).status]).toEqual([2023, 'actual']);
  });
});

describe('unnumbered section headings', () => {
  const report = ['2024年襄阳市政府工作报告', '', '过去一年工作回顾', '', '全市规上工业增加值增长7.2%。', '', '2024年工作安排', '', '全市规上工业增加值增长8%。'].join('\n');
  test('a short line naming a section opens it', () => {
    const records = extractText(report, { published: '2024-01-20', paper: '襄阳日报' });
    expect([byQuote(records, '7.2%').status, byQuote(records, '7.2%').period?.year]).toEqual(['actual', 2023]);
    expect([byQuote(records, '8%').status, byQuote(records, '8%').period?.year]).toEqual(['target', 2024]);
  });
  test('a short line with no section words is no heading', () => {
    const text = ['2024年政府工作报告', '', '全市经济运行稳中向好', '', '全市规上工业增加值增长7.2%。'].join('\n');
    const frame = readDocument(text, article(text, '2024年政府工作报告'), rules, 2024);
    expect(frame.sections).toEqual([]);
  });
});

describe('an announced goals list opens with its own sentence', () => {
  test('a review sentence earlier on the same line stays actual', () => {
    const text = '各位代表：\n\n去年，全市地区生产总值增长6.1%。今年经济社会发展的主要预期目标是：地区生产总值增长6.5%左右；城镇新增就业5万人。';
    const records = extractText(text, { published: '2024-01-22', paper: '荆州日报' });
    expect([byQuote(records, '6.1%').status, byQuote(records, '6.1%').period?.year]).toEqual(['actual', 2023]);
    for (const q of ['6.5%', '5万人']) expect([byQuote(records, q).status, byQuote(records, q).period?.year]).toEqual(['target', 2024]);
  });
  test('in Traditional Chinese too', () => {
    const text = '過去一年，全縣財政總收入增長4.2%。今年主要預期目標為：全縣地區生產總值增長6%。';
    const records = extractText(text, { published: '2024-02-02', paper: '荆州日报' });
    expect(byQuote(records, '4.2%').status).toBe('actual');
    expect([byQuote(records, '6%').status, byQuote(records, '6%').period?.year]).toEqual(['target', 2024]);
  });
});

describe('requirements and projections', () => {
  test.each([
    ['双方约定，三年内联合培养研究生不少于60名。', '60名', 'target'],
    ['该项目全面达产后，年产值可达42亿元。', '42亿元', 'target'],
    ['项目投产后年产值15亿元，全县上半年工业投资增长9%。', '9%', 'actual'],
  ])('%s', (text, quote, status) => {
    expect(byQuote(extractText(text, { paper: '荆州日报', published: '2023-08-01' }), quote).status).toBe(status);
  });
});

describe('what is done, inside the goals', () => {
  const report = ['2024年政府工作报告', '', '一、2023年工作回顾', '', '全县财政总收入增长5%。', '', '二、2024年重点工作', '', '目前全县已建成5G基站1800个，今年新建5G基站600个。'].join('\n');
  const records = extractText(report, { published: '2024-01-18', paper: '宜昌日报' });
  test('目前…已 makes a figure of the goals section actual', () => expect(byQuote(records, '1800个').status).toBe('actual'));
  test('the clause after it is a goal again', () => expect([byQuote(records, '600个').status, byQuote(records, '600个').period?.year]).toEqual(['target', 2024]));
});
