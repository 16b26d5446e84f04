/**
 * Tables (src/extract/tables.ts, table-records.ts, rules/tables.yaml): the rule examples, then
 * whole texts written for these tests — pipe tables with unit headers and section rows, tables
 * flattened one cell per line with places spelled with spaces, year columns — and texts that look
 * like tables but hold no statistics.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import YAML from 'yaml';
import { byQuote, bundledRules, extractText } from '../support/extract';
import { captionIndicator, columnMeaning, compactText, extractTables, partMetric } from '../../src/extract/tables';
import { repairLineBreaks } from '../../src/text/linebreaks';
import type { StatRecord } from '../../src/record/schema';

const rules = bundledRules();
const file = rules.tables;

function exact(text: string, records: StatRecord[]): void {
  for (const r of records) expect(text.slice(r.span[0], r.span[1])).toBe(r.quote);
}

describe('rule examples (rules/tables.yaml)', () => {
  // The examples as written in the rule file.
  const raw = YAML.parse(fs.readFileSync(path.join(__dirname, '../../rules/tables.yaml'), 'utf8'));
  const columnCases = (raw.columns as { id: string; examples: { header: string; kind: string; year?: number; target?: boolean; unit?: string; basis?: string }[] }[]).flatMap((c) => c.examples.map((e) => [c.id, e.header, e] as const));
  test.each(columnCases)('%s: %s', (id, header, e) => {
    const read = columnMeaning(header, file)!;
    expect(read.ruleId).toBe(id);
    expect(read.meaning.kind).toBe(e.kind);
    if (e.year !== undefined) expect(read.meaning.kind === 'level' && read.meaning.year).toBe(e.year);
    if (e.target !== undefined) expect(read.meaning.kind === 'level' && read.meaning.target).toBe(e.target);
    expect(read.meaning.unit ?? undefined).toBe(e.unit);
    if (e.basis) expect(read.meaning.kind === 'growth' && read.meaning.basis).toBe(e.basis);
  });
  test.each(['labelHeaders', 'placeHeaders', 'unitHeaders'] as const)('%s examples are read as such headers', (list) => {
    for (const example of raw[list].examples as string[]) expect(file[list].has(compactText(example))).toBe(true);
  });
  test('empty cell examples', () => {
    for (const example of raw.emptyCells.examples as string[]) expect(file.emptyCells.has(example.trim())).toBe(true);
  });
  test.each(raw.footnote.examples as { text: string; marker: string; year: number }[])('footnote $text', (e) => {
    const m = file.footnote.exec(e.text)!;
    expect([m.groups!.marker, Number(m.groups!.year)]).toEqual([e.marker, e.year]);
  });
  test.each(raw.caption.examples as { text: string; period: string; metric: string; places: boolean }[])('caption $text', (e) => {
    expect(file.caption.test(e.text)).toBe(true);
    const read = captionIndicator(e.text, e.period, file)!;
    expect([read.metric, read.places]).toEqual([e.metric, e.places]);
    expect(e.text.slice(read.start, read.start + read.metric.length)).toBe(e.metric);
  });
  const partCases = (raw.parts as { id: string; examples: { caption: string; row: string; metric: string }[] }[]).flatMap((p) => p.examples.map((e) => [p.id, e] as const));
  test.each(partCases)('%s: %j', (_id, e) => {
    expect(partMetric(e.row, e.caption, file)?.metric ?? e.row).toBe(e.metric);
  });
  test('a header that is no value column (电话, 地址) is not read as one', () => {
    for (const header of ['电话', '地址', '负责人', '联系方式', '备注']) expect(columnMeaning(header, file)).toBeNull();
  });
});

describe('a pipe table with units in its headers and section rows', () => {
  const text = [
    '2023年兴化市国民经济和社会发展统计公报',
    '兴化市统计局',
    '全年全市实现地区生产总值1180.3亿元，比上年增长6.0%。',
    '表2 2023年全市生产总值 | | |',
    '项  目 | 总量(亿元) | 比上年增长(%) |',
    '地区生产总值 | 1180.3 | 6.0 |',
    '分产业 | | |',
    '第一产业 | 143.6 | 3.4 |',
    '第二产业 | 520.1 | 6.8 |',
    '分行业 | | |',
    '农林牧渔业 | 150.2 | 3.5 |',
    '房地产业 | 61.9 | -3.2 |',
    '二、农业',
    '全年粮食总产量132.5万吨，增长0.8%。',
  ].join('\n');
  const records = extractText(text, { paper: '兴化市统计局' });
  test('each value cell is a record; unit from the column header, period from the caption', () => {
    const gdp = byQuote(records, '1180.3');
    expect(gdp.flags).toContain('table_cell');
    expect([gdp.unit, gdp.normalized, gdp.kind, gdp.period?.year, gdp.city?.name]).toEqual(['亿元', { value: 118030000000, unit: 'CNY' }, 'level', 2023, '兴化市']);
  });
  test('a section row (分产业 | | |) does not end the table', () => {
    const second = byQuote(records, '520.1');
    expect([second.metric.name, second.kind, second.unit]).toEqual(['第二产业增加值', 'level', '亿元']);
    const realEstate = byQuote(records, '-3.2');
    expect([realEstate.metric.name, realEstate.kind, realEstate.basis, realEstate.value, realEstate.unit]).toEqual(['房地产业增加值', 'growth', 'yoy', -3.2, '%']);
  });
  test('rows stay rows: the prose after the table is read as prose', () => {
    expect(byQuote(records, '132.5万吨').flags).not.toContain('table_cell');
    expect(records.filter((r) => r.flags.includes('table_cell'))).toHaveLength(10);
  });
  test('spans point at the cell text', () => exact(text, records));
  test('the line repair keeps every pipe row on its own line', () => {
    const repaired = repairLineBreaks(text).text;
    expect(repaired.split('\n').filter((l) => l.includes('|'))).toHaveLength(9);
  });
});

describe('a table flattened one cell per line: places spelled with spaces, group rows, units under the headers', () => {
  const cells = ['附表：2023年前三季度各市地区生产总值及增速', '地    区', '绝对额', '(亿元)', '比上年同期增长', '(%)',
    '苏 南 地 区', '41235.6', '5.9', '南 京 市', '12830.4', '4.6', '无 锡 市', '11085.7', '6.2', '苏 北 地 区', '15220.8', '6.4', '徐 州 市', '6210.2', '5.7', '睢 宁 县', '612.3', '6.9'];
  const text = `江苏前三季度经济运行稳中有进\n\n据省统计局消息，前三季度全省经济运行总体平稳。\n\n${cells.join('\n\n')}\n\n(来源：新华日报)`;
  const records = extractText(text, { paper: '新华日报', published: '2023-10-28' });
  const cellRecords = records.filter((r) => r.flags.includes('table_cell'));
  test('each row of a place is that place\'s figure: metric from the caption, period with its months', () => {
    const nanjing = byQuote(records, '12830.4');
    expect([nanjing.city?.name, nanjing.metric.name, nanjing.kind, nanjing.unit, nanjing.normalized.value]).toEqual(['南京市', '地区生产总值', 'level', '亿元', 1283040000000]);
    expect([nanjing.period?.year, nanjing.period?.startMonth, nanjing.period?.endMonth]).toEqual([2023, 1, 9]);
    const wuxi = byQuote(records, '6.2');
    expect([wuxi.city?.name, wuxi.kind, wuxi.basis, wuxi.unit]).toEqual(['无锡市', 'growth', 'yoy', '%']);
  });
  test('a county written with spaces is found in the gazetteer', () => expect(byQuote(records, '612.3').city?.name).toBe('睢宁县'));
  test('group rows (苏南地区) name no place: no record', () => {
    expect(records.some((r) => r.quote === '41235.6' || r.quote === '15220.8')).toBe(false);
    expect(cellRecords).toHaveLength(8);
  });
  test('spans point at the cell text; the city evidence is the spaced label', () => {
    exact(text, records);
    const r = byQuote(records, '6210.2');
    expect(text.slice(r.evidence!.city![0], r.evidence!.city![1])).toBe('徐 州 市');
  });
});

describe('short county names in a table of places (陵水县 for 陵水黎族自治县)', () => {
  test('a name written as its first characters and 县 is that autonomous county', () => {
    const text = ['表1 2022年各县主要指标', '县  区', '生产总值(亿元)', '增长(%)', '长 阳 县', '163.2', '4.1', '五 峰 县', '72.5', '3.8'].join('\n\n');
    const records = extractText(text, { paper: '三峡日报', published: '2023-02-10' });
    expect(byQuote(records, '163.2').city?.name).toBe('长阳土家族自治县');
    expect(byQuote(records, '3.8').city?.name).toBe('五峰土家族自治县');
  });
});

describe('year columns', () => {
  test('one cell per line: each column dates its cells; a row label followed by values ends the header', () => {
    const text = ['主要指标完成情况', '指  标', '2021年', '2022年', '粮食总产量(万吨)', '58.2', '60.4', '生猪出栏(万头)', '120.5', '131.0'].join('\n\n');
    const records = extractText(text, { paper: '衡阳日报', published: '2023-03-01' });
    expect([byQuote(records, '58.2').period?.year, byQuote(records, '60.4').period?.year]).toEqual([2021, 2022]);
    expect([byQuote(records, '120.5').metric.name, byQuote(records, '120.5').unit, byQuote(records, '131.0').period?.year]).toEqual(['生猪出栏', '万头', 2022]);
    exact(text, records);
  });
  test('pipes: a unit in the year header, a growth column dated by the last year before it', () => {
    const text = ['表3 财政收支', '项目 | 2022年(亿元) | 2023年(亿元) | 增长(%)', '一般公共预算收入 | 45.6 | 48.1 | 5.5', '税收收入 | 30.2 | 31.0 | 2.6'].join('\n');
    const records = extractText(text, { paper: '衡阳日报', published: '2024-02-01' });
    const before = byQuote(records, '45.6');
    expect([before.period?.year, before.unit, before.normalized.value]).toEqual([2022, '亿元', 4560000000]);
    expect(byQuote(records, '48.1').period?.year).toBe(2023);
    const growth = byQuote(records, '2.6');
    expect([growth.kind, growth.period?.year, growth.metric.name]).toEqual(['growth', 2023, '税收收入']);
    exact(text, records);
  });
  test('a goal year column makes targets; 年均增长 is an average annual rate', () => {
    const text = ['表1 主要目标', '指标 | 2022年 | 2027年目标 | 年均增长(%)', '全市工业总产值(亿元) | 820 | 1200 | 7.9'].join('\n');
    const records = extractText(text, { paper: '衡阳日报', published: '2023-01-10' });
    expect([byQuote(records, '820').status, byQuote(records, '1200').status, byQuote(records, '1200').period?.year]).toEqual(['actual', 'target', 2027]);
    const rate = byQuote(records, '7.9');
    expect([rate.kind, rate.basis]).toEqual(['growth', 'avg_annual']);
  });
});

describe('not tables of statistics: no records', () => {
  const none = (text: string) => expect(extractText(text, { paper: '湘潭日报', published: '2023-05-01' }).filter((r) => r.flags.includes('table_cell'))).toEqual([]);
  test('a numbered list on lines of their own', () => none(['1', '加强组织领导', '2', '强化要素保障', '3', '严格考核评估'].join('\n\n')));
  test('a run of short lines', () => none(['主办单位', '市委宣传部', '承办单位', '市文旅局', '协办', '各区县'].join('\n\n')));
  test('a table of phone numbers', () => {
    none(['单位 | 电话 | 邮编', '市统计局 | 58822345 | 411100', '市发改委 | 58822001 | 411100'].join('\n'));
    none(['单位', '电话', '市统计局', '58822345', '市发改委', '58822001'].join('\n\n'));
  });
  test('a table of dates', () => {
    none(['时间 | 事项', '2023年3月5日 | 开工', '2023年9月1日 | 竣工'].join('\n'));
    none(['年份', '事件', '2019年', '项目立项', '2021年', '一期投产'].join('\n\n'));
  });
  test('the tables of a text are found from rules alone (extractTables on the raw text)', () => {
    const text = ['指标 | 2021年 | 2022年', '人口(万人) | 10.1 | 10.3'].join('\n');
    expect(extractTables(text, 0, text.length, file)[0].cells.map((c) => [c.value, c.year, c.unit])).toEqual([
      [10.1, 2021, '万人'],
      [10.3, 2022, '万人'],
    ]);
  });
});
