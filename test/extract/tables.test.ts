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
import { captionIndicator, columnMeaning, compactText, extractTables, parseLabel, partMetric } from '../../src/extract/tables';
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
  test.each(['labelHeaders', 'placeHeaders', 'unitHeaders', 'totalRows'] as const)('%s examples are read as such headers', (list) => {
    for (const example of raw[list].examples as string[]) expect(file[list].has(compactText(example))).toBe(true);
  });
  test('empty cell examples', () => {
    for (const example of raw.emptyCells.examples as string[]) expect(file.emptyCells.has(example.trim())).toBe(true);
  });
  test.each(raw.footnote.examples as { text: string; marker: string; year: number }[])('footnote $text', (e) => {
    const m = file.footnote.exec(e.text)!;
    expect([m.groups!.marker, Number(m.groups!.year)]).toEqual([e.marker, e.year]);
  });
  test.each(raw.caption.examples as { text: string; period: string; metric: string | null; places?: boolean }[])('caption $text', (e) => {
    expect(file.caption.test(e.text)).toBe(true);
    const read = captionIndicator(e.text, e.period, file);
    if (e.metric === null) {
      expect(read).toBeNull();
      return;
    }
    expect([read!.metric, read!.places]).toEqual([e.metric, e.places]);
    expect(e.text.slice(read!.start, read!.start + read!.metric.length)).toBe(e.metric);
  });
  test.each(raw.labelPrefix.examples as { label: string; metric: string }[])('label prefix: $label', (e) => {
    expect(parseLabel(e.label, file).metric).toBe(e.metric);
  });
  test.each(raw.bracketQualifiers.examples as string[])('a qualifier in brackets is no unit: %s', (label) => {
    const unit = parseLabel(label, file).unit;
    expect(unit === null || !file.bracketQualifiers.has(unit)).toBe(true);
  });
  test('note header examples', () => {
    for (const example of raw.noteHeaders.examples as string[]) expect(file.noteHeaders.has(compactText(example))).toBe(true);
  });
  test.each(raw.bracketNotes.examples as string[])('a note in brackets is no unit: %s', (label) => {
    expect(parseLabel(label, file).unit).toBeNull();
    expect(parseLabel('粮食产量（万吨）', file)).toEqual({ metric: '粮食产量', unit: '万吨' });
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
    '其中：工业 | 460.2 | 7.1 |',
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
  test('其中 opening a row is no part of its metric', () => {
    const industry = byQuote(records, '460.2');
    expect([industry.metric.name, industry.metric.id]).toEqual(['工业增加值', 'industrial_value_added']);
  });
  test('a section row (分产业 | | |) does not end the table', () => {
    const second = byQuote(records, '520.1');
    expect([second.metric.name, second.kind, second.unit]).toEqual(['第二产业增加值', 'level', '亿元']);
    const realEstate = byQuote(records, '-3.2');
    expect([realEstate.metric.name, realEstate.kind, realEstate.basis, realEstate.value, realEstate.unit]).toEqual(['房地产业增加值', 'growth', 'yoy', -3.2, '%']);
  });
  test('rows stay rows: the prose after the table is read as prose', () => {
    expect(byQuote(records, '132.5万吨').flags).not.toContain('table_cell');
    expect(records.filter((r) => r.flags.includes('table_cell'))).toHaveLength(12);
  });
  test('spans point at the cell text', () => exact(text, records));
  test('the line repair keeps every pipe row on its own line', () => {
    const repaired = repairLineBreaks(text).text;
    expect(repaired.split('\n').filter((l) => l.includes('|'))).toHaveLength(10);
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

describe('a title with no 表 number above a table of places', () => {
  test('dates the cells with its months; a generic title names no indicator, the columns do', () => {
    const text = ['嘉兴日报讯 全市经济运行稳中向好。', '2023年1-9月各县（市、区）主要经济指标', '地  区', '规上工业增加值(亿元)', '增长(%)', '海 宁 市', '512.3', '7.9', '桐乡市(含乌镇)', '488.1', '6.5'].join('\n\n');
    const records = extractText(text, { paper: '嘉兴日报', published: '2023-10-25' });
    const r = byQuote(records, '512.3');
    expect([r.city?.name, r.metric.name, r.period?.year, r.period?.startMonth, r.period?.endMonth]).toEqual(['海宁市', '规上工业增加值', 2023, 1, 9]);
    expect(byQuote(records, '6.5').city?.name).toBe('桐乡市');
  });
  test('a place row with a note in brackets keeps the column unit', () => {
    const text = ['表2 2023年各市县地区生产总值', '市  县', '绝对数', '(亿元)', '增长', '(%)', '儋州市(含洋浦)', '880.1', '5.2', '三 亚 市', '980.4', '9.3'].join('\n\n');
    const r = byQuote(extractText(text, { paper: '海南日报', published: '2024-01-30' }), '880.1');
    expect([r.city?.name, r.unit, r.normalized.value, r.metric.name]).toEqual(['儋州市', '亿元', 88010000000, '地区生产总值']);
  });
});

describe('the total row of a table of places', () => {
  test('合计 is the unit its places share: the prefecture of its counties', () => {
    const text = ['绍兴市前三季度经济运行情况', '表2  2023年前三季度各区、县（市）主要指标', '区  县', '生产总值(亿元)', '增长(%)', '合  计', '5310.5', '6.1', '越 城 区', '1012.3', '5.4', '诸 暨 市', '1320.8', '6.6'].join('\n\n');
    const records = extractText(text, { paper: '浙江日报', published: '2023-10-30' });
    const total = byQuote(records, '5310.5');
    expect([total.city?.name, total.metric.id, total.period?.year, total.period?.endMonth]).toEqual(['绍兴市', 'gdp', 2023, 9]);
    expect(total.trace).toContain('table.total_row');
    expect(byQuote(records, '1320.8').city?.name).toBe('诸暨市');
  });
  test('in a table of indicators, 合计 is the indicator the caption names', () => {
    const text = ['表1 2023年财政收入', '项目 | 金额(亿元) | 增长(%)', '税收收入 | 80.1 | 3.2', '非税收入 | 20.4 | -5.0', '合计 | 100.5 | 1.4'].join('\n');
    const r = byQuote(extractText(text, { paper: '绍兴日报', published: '2024-01-20' }), '100.5');
    expect([r.city?.name, r.metric.name, r.kind]).toEqual(['绍兴市', '财政收入', 'level']);
    const growth = byQuote(extractText(text.replace('表1 2023年财政收入\n', ''), { paper: '绍兴日报', published: '2024-01-20' }), '1.4');
    expect([growth.metric.name, growth.flags.includes('metric_missing'), growth.review]).toEqual(['', true, 'needs_review']);
  });
});

describe('a table copied from a spreadsheet: cells between tabs', () => {
  const text = ['表1 2022年主要指标', '指标\t2021年\t2022年', '地区生产总值(亿元)\t2310.5\t2402.8', '主要农产品', '粮食产量(万吨)\t80.1\t82.6', '全市粮食生产再获丰收。'].join('\n');
  const records = extractText(text, { paper: '南阳日报', published: '2023-02-15' });
  test('each cell is read by its column; a section row between rows does not end the table', () => {
    expect([byQuote(records, '2310.5').period?.year, byQuote(records, '2402.8').period?.year]).toEqual([2021, 2022]);
    const grain = byQuote(records, '82.6');
    expect([grain.metric.name, grain.unit, grain.period?.year, grain.city?.name]).toEqual(['粮食产量', '万吨', 2022, '南阳市']);
  });
  test('spans point at the cell text', () => exact(text, records));
});

describe('columns aligned by spaces, as a PDF text layer leaves them', () => {
  const text = [
    '2023年临沂市国民经济和社会发展统计公报',
    '',
    '全年全市实现地区生产总值6105.2亿元，比上年增长6.2%。',
    '',
    '表1    2023年主要农产品产量及其增长速度',
    '',
    '产品名称          单位        产量        比上年增长(%)',
    '粮    食          万吨        552.3       1.2',
    '油    料          万吨        41.8        -2.5',
    '肉类总产量        万吨        98.4        4.6',
    '',
    '全年全市造林面积1.2万公顷。',
  ].join('\n');
  const records = extractText(text, { paper: '临沂市统计局' });
  test('each cell in its column; characters spread over a cell (粮    食) are one label', () => {
    const grain = byQuote(records, '552.3');
    expect([grain.metric.name, grain.unit, grain.kind, grain.period?.year, grain.city?.name]).toEqual(['粮食', '万吨', 'level', 2023, '临沂市']);
    const oil = byQuote(records, '-2.5');
    expect([oil.metric.name, oil.kind, oil.value]).toEqual(['油料', 'growth', -2.5]);
    expect(records.filter((r) => r.flags.includes('table_cell'))).toHaveLength(6);
    expect(byQuote(records, '1.2万公顷').flags).not.toContain('table_cell');
  });
  test('spans point at the cell text', () => exact(text, records));
  test('prose with a double space after a sentence is no row', () => {
    const prose = 'Output rose 5.2 percent.  The city added 12,000 jobs, up\nfrom 10,500 a year earlier.';
    expect(repairLineBreaks(prose).text).toBe('Output rose 5.2 percent.  The city added 12,000 jobs, up from 10,500 a year earlier.');
  });
});

describe('a two-row header flattened: years over measure columns', () => {
  test('each year dates the measures under it, which are the columns', () => {
    const html = `<html><head><title>2023年衡阳市国民经济和社会发展统计公报</title></head><body>
<p>表3 主要经济指标</p>
<table><tr><td rowspan="2">指标</td><td colspan="2">2022年</td><td colspan="2">2023年</td></tr>
<tr><td>绝对数(亿元)</td><td>增长(%)</td><td>绝对数(亿元)</td><td>增长(%)</td></tr>
<tr><td>地区生产总值</td><td>4089.7</td><td>3.9</td><td>4270.1</td><td>4.2</td></tr>
<tr><td>规模以上工业增加值</td><td>1120.3</td><td>6.1</td><td>1185.6</td><td>5.8</td></tr></table></body></html>`;
    const records = extractText(html, { published: '2024-03-20' });
    const read = (q: string) => { const r = byQuote(records, q); return [r.kind, r.unit, r.period?.year]; };
    expect([read('4089.7'), read('3.9'), read('4270.1'), read('5.8')]).toEqual([
      ['level', '亿元', 2022],
      ['growth', '%', 2022],
      ['level', '亿元', 2023],
      ['growth', '%', 2023],
    ]);
    expect(records.filter((r) => r.flags.includes('table_alignment_guessed'))).toEqual([]);
    exact(html, records);
  });
  test('one year over an amount and a growth column', () => {
    const text = ['表1 主要经济指标', '指  标', '2023年', '绝对数(亿元)', '增长(%)', '地区生产总值', '1300.2', '5.3', '一般公共预算收入', '120.4', '-2.1'].join('\n\n');
    const records = extractText(text, { paper: '株洲日报', published: '2024-02-01' });
    const r = byQuote(records, '-2.1');
    expect([r.kind, r.value, r.period?.year, r.metric.name]).toEqual(['growth', -2.1, 2023, '一般公共预算收入']);
    expect(byQuote(records, '1300.2').period?.year).toBe(2023);
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

describe('column order and unit cells', () => {
  test('a growth column before the amount column, units in a unit column', () => {
    const text = ['表4 2023年主要农产品产量', '产品名称', '单位', '比上年增长(%)', '产量', '粮  食', '万吨', '2.1', '356.2', '油  料', '万吨', '-0.8', '41.5', '生猪出栏', '万头', '3.4', '512'].join('\n\n');
    const records = extractText(text, { paper: '宜宾日报', published: '2024-03-10' });
    const grain = byQuote(records, '356.2');
    expect([grain.metric.name, grain.kind, grain.unit, grain.normalized, grain.period?.year, grain.city?.name]).toEqual(['粮食', 'level', '万吨', { value: 3562000, unit: '吨' }, 2023, '宜宾市']);
    const oil = byQuote(records, '-0.8');
    expect([oil.metric.name, oil.kind, oil.value, oil.unit]).toEqual(['油料', 'growth', -0.8, '%']);
    expect(byQuote(records, '512').normalized).toEqual({ value: 5120000, unit: '头' });
    exact(text, records);
  });
  test('a row with fewer cells than columns is aligned to the last columns, and sent to review', () => {
    const text = ['表1 主要目标', '指  标', '2022年', '2025年目标', '森林覆盖率(%)', '62.1', '63', '生态保护红线面积(平方公里)', '1200'].join('\n\n');
    const records = extractText(text, { paper: '丽水日报', published: '2023-01-05' });
    const short = byQuote(records, '1200');
    expect([short.period?.year, short.status, short.review]).toEqual([2025, 'target', 'needs_review']);
    expect(short.flags).toContain('table_alignment_guessed');
    expect(byQuote(records, '62.1').flags).not.toContain('table_alignment_guessed');
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
