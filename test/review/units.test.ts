import { articleContext, contextAround, findMarks, markWords, readableText, sentenceContext, tableAround } from '../../src/review/context';
import { allowedHosts, refusalReason } from '../../src/review/hosts';
import { searchPlaces } from '../../src/review/places';
import type { Place } from '../../src/gazetteer/gazetteer';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { cachedRecordIndex, indexRecordsFile, scanRecordLine } from '../../src/review/record-index';
import { REVIEW_STATES, type StatRecord } from '../../src/record/schema';
import { makeRecord, recordIn, tempDir } from './helpers';
import { bundledRules } from '../support/extract';

describe('article context', () => {
  const text = '湖州日报讯\n今年1至6月，全市数字经济核心产业增加值21.3亿元，同比下降16.3%。\n其他段落。';

  test('marks the figure and the nearest words that set its city, metric and period', () => {
    const record = recordIn(text, '21.3亿元', { id: 'record-ctx-0001' });
    const ctx = contextAround(text, record.span, markWords(record, ['湖州']));
    const marked = Object.fromEntries(ctx.marks.map((m) => [m.kind, ctx.text.slice(m.start, m.end)]));
    expect(marked).toEqual({ figure: '21.3亿元', metric: '数字经济核心产业增加值', period: '今年1至6月', city: '全市' });
    expect(ctx.marks.map((m) => m.start)).toEqual([...ctx.marks.map((m) => m.start)].sort((a, b) => a - b));
  });

  test('the window is clipped around the figure and snaps to line breaks', () => {
    const long = 'x'.repeat(1000) + '\n开头，增加值5亿元。\n' + 'y'.repeat(1000);
    const record = recordIn(long, '5亿元', { id: 'record-ctx-0002' });
    const ctx = contextAround(long, record.span, markWords(record, []), 50);
    expect(ctx.text.startsWith('开头')).toBe(true);
    expect(ctx.clippedStart && ctx.clippedEnd).toBe(true);
  });

  test('marks never overlap: a city name inside the metric words is not marked twice', () => {
    const marks = findMarks('湖州市工业增加值10亿元', { kind: 'figure', start: 8, end: 13 }, { metric: ['湖州市工业增加值'], city: ['湖州市'], period: [] });
    expect(marks.map((m) => m.kind)).toEqual(['metric', 'figure']);
  });

  test('HTML inputs are shown as their visible text, with the span mapped onto it', () => {
    const html = '<html><body><p>全市&nbsp;出口<b>12亿元</b></p><script>alert(1)</script></body></html>';
    const at = html.indexOf('12亿元');
    const readable = readableText(html, [at, at + 4])!;
    expect(readable.text.slice(readable.span[0], readable.span[1])).toBe('12亿元');
    expect(readable.text).not.toContain('<b>');
    expect(readable.text).not.toContain('alert');
  });

  test('without the input, the sentence is the context', () => {
    const record = makeRecord();
    const ctx = sentenceContext(record, markWords(record, []), 'gone');
    expect(ctx.text.slice(ctx.marks.find((m) => m.kind === 'figure')!.start).startsWith('21.3亿元')).toBe(true);
    expect(ctx).toMatchObject({ source: 'sentence', note: 'gone' });
  });
});

describe('place search', () => {
  const place = (name: string, code: string, level: Place['level'], aliases: string[], parent: string | null): Place => ({ name, code, level, parent, province: '浙江省', aliases });
  const places = [
    place('浙江省', '330000', 'province', ['浙江'], null),
    place('嘉兴市', '330400', 'prefecture', ['嘉兴'], '浙江省'),
    place('湖州市', '330500', 'prefecture', ['湖州'], '浙江省'),
    place('南湖区', '330402', 'county', ['南湖'], '嘉兴市'),
  ];

  test('exact names first, then prefixes, then contained; a code picks its place', () => {
    expect(searchPlaces(places, '嘉兴市').map((p) => p.code)).toEqual(['330400']);
    expect(searchPlaces(places, '湖').map((p) => p.name)).toEqual(['湖州市', '南湖区']);
    expect(searchPlaces(places, '嘉兴市 330400')).toEqual([{ name: '嘉兴市', code: '330400', level: 'prefecture', parent: '浙江省', province: '浙江省' }]);
    expect(searchPlaces(places, '  ')).toEqual([]);
  });
});

describe('host and origin checks', () => {
  const allowed = allowedHosts('127.0.0.1', 4173);

  test('the server’s own names pass', () => {
    expect(refusalReason({ host: '127.0.0.1:4173' }, allowed, 'GET')).toBeNull();
    expect(refusalReason({ host: 'localhost:4173', origin: 'http://localhost:4173', 'sec-fetch-site': 'same-origin' }, allowed, 'POST')).toBeNull();
  });

  test('a rebound DNS name, another port, a foreign or null origin, a cross-site post are refused', () => {
    expect(refusalReason({ host: 'evil.example:4173' }, allowed, 'GET')).toMatch(/Host/);
    expect(refusalReason({ host: '127.0.0.1:9999' }, allowed, 'GET')).toMatch(/Host/);
    expect(refusalReason({}, allowed, 'GET')).toMatch(/Host/);
    expect(refusalReason({ host: '127.0.0.1:4173', origin: 'http://evil.example' }, allowed, 'POST')).toMatch(/Origin/);
    expect(refusalReason({ host: '127.0.0.1:4173', origin: 'null' }, allowed, 'POST')).toMatch(/Origin/);
    expect(refusalReason({ host: '127.0.0.1:4173', 'sec-fetch-site': 'cross-site' }, allowed, 'POST')).toMatch(/cross-site/);
  });
});

describe('evidence and tables in the article window', () => {
  const text = '嘉兴日报讯 2024年，全市规上工业增加值同比增长8.1%。\n结尾。';

  test('the marks are the evidence spans, not the nearest mention; an unread field is said in words', () => {
    // 增长 is nearer the figure than the indicator; the evidence says the indicator
    const record = recordIn(text, '8.1%', {
      id: 'record-ev-000001', kind: 'growth', basis: 'yoy', unit: '%', value: 8.1, normalized: { value: 8.1, unit: '%' },
      metric: { name: '规上工业增加值', text: '规上工业增加值', id: null },
      period: { text: '2024年', year: 2024, endYear: null, startMonth: null, endMonth: null },
      flags: ['city_from_context'],
      evidence: { city: null, metric: [text.indexOf('规上'), text.indexOf('规上') + 7], period: [text.indexOf('2024年'), text.indexOf('2024年') + 5] },
    });
    const ctx = articleContext(text, record, markWords(record, []))!;
    const marked = Object.fromEntries(ctx.marks.map((m) => [m.kind, ctx.text.slice(m.start, m.end)]));
    expect(marked).toEqual({ figure: '8.1%', metric: '规上工业增加值', period: '2024年' });
    expect(ctx.evidenceNotes).toEqual([expect.stringMatching(/^City “湖州市” was not read from words of this figure: The sentence names no city/)]);
  });

  test('a record whose input changed gets no window; one with no evidence says its marks are guesses', () => {
    const record = recordIn(text, '8.1%', { id: 'record-ev-000002' });
    expect(articleContext(text.replace('8.1%', '9.9%'), record, markWords(record, []))).toBeNull();
    expect(articleContext(text, record, markWords(record, []))!.evidenceNotes[0]).toMatch(/older zhstat/);
  });

  test('a table cell comes with its table: header row, row labels, the cell, its label and dating header marked', () => {
    const table = '表1 主要目标\n\n序号\n\n指 标\n\n2020年\n\n2025年\n\n1\n\n地区生产总值(亿元)\n\n3201\n\n4500\n\n2\n\n常住人口(万人)\n\n340\n\n360\n\n以上为规划目标，到期考核。';
    const at = table.indexOf('340');
    const view = tableAround(table, [at, at + 3], bundledRules().tables)!;
    expect(view.header.map((c) => c.text)).toEqual(['', '2020年', '2025年']);
    expect(view.rows.map((r) => r.map((c) => c.text))).toEqual([['地区生产总值(亿元)', '3201', '4500'], ['常住人口(万人)', '340', '360']]);
    expect(view.rows[1].map((c) => c.mark)).toEqual(['metric', 'figure', null]);
    expect(view.header.map((c) => c.mark)).toEqual([null, 'period', null]);
    expect(tableAround('全市增加值5亿元。', [5, 8], bundledRules().tables)).toBeNull();
  });
});

describe('record index: columns read straight from a record line', () => {
  const codes = new Map(REVIEW_STATES.map((s, i) => [s, i] as [string, number]));
  const expected = (r: StatRecord) => ({
    id: r.id, confidence: r.confidence, review: codes.get(r.review), file: r.doc.file, article: r.doc.article, city: r.city?.name ?? null,
    metricName: r.metric.name, metricText: r.metric.text, status: r.status, flags: r.flags.join('\n'), spanStart: r.span[0],
  });

  test('equal to parsing the line, for awkward strings and numbers too', () => {
    const records = [
      makeRecord(),
      makeRecord({ id: 'record-scan-000002', city: null, flags: [], confidence: 0.05, status: 'target', review: 'auto', span: [123456789, 123456795], quote: '21.3亿元' }),
      makeRecord({ id: 'record-scan-000003', doc: { file: 'in/"quoted" \\ name\n.txt', article: 12, title: '"status":"target"', paper: null, published: null }, sentence: '他说："增长，很快"\\ ]', flags: ['city_from_context', 'table_cell', 'period_inherited'] }),
      makeRecord({ id: 'record-scan-000004', metric: { name: '', text: '', id: null }, flags: ['metric_missing'], confidence: 1 }),
    ];
    for (const r of records) {
      const scanned = scanRecordLine(Buffer.from(JSON.stringify(r)), codes);
      expect(scanned).toMatchObject(expected(r));
    }
    // the same sentence hashes the same; another does not
    const [a, b, c] = [records[0], { ...records[0], id: 'record-scan-000005' }, records[2]].map((r) => scanRecordLine(Buffer.from(JSON.stringify(r)), codes)!.sentenceHash);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  test('a line not written as zhstat writes it is left to the parser', () => {
    const r = makeRecord();
    const { id, ...rest } = r;
    expect(scanRecordLine(Buffer.from(JSON.stringify({ id, ...rest })), codes)).toBeNull();
    expect(scanRecordLine(Buffer.from(JSON.stringify(r, null, 1)), codes)).toBeNull();
    expect(scanRecordLine(Buffer.from(JSON.stringify(r).slice(0, 200)), codes)).toBeNull();
  });

  test('an index of records written in other key orders holds the same columns', async () => {
    const dir = await tempDir('index');
    const records = [makeRecord(), makeRecord({ id: 'record-scan-000009', city: null, flags: [] })];
    const reordered = (r: StatRecord) => JSON.stringify(Object.fromEntries(Object.entries(r).reverse()));
    await fs.writeFile(path.join(dir, 'a.jsonl'), records.map((r) => JSON.stringify(r)).join('\n') + '\n');
    await fs.writeFile(path.join(dir, 'b.jsonl'), records.map(reordered).join('\n') + '\n\n');
    const [a, b] = await Promise.all(['a.jsonl', 'b.jsonl'].map((f) => indexRecordsFile(path.join(dir, f))));
    for (const column of ['ids', 'confidence', 'review', 'fileOf', 'cityOf', 'statusOf', 'flagSetOf', 'sentenceHash', 'spanStart'] as const) expect(b[column]).toEqual(a[column]);
    expect(await b.read([1, 0])).toEqual([records[1], records[0]]);
  });
});

test('the index cache gives the same index, and is rebuilt when records.jsonl is replaced', async () => {
  const dir = await tempDir('index-cache');
  const file = path.join(dir, 'records.jsonl');
  const cache = path.join(dir, '.review-index.bin');
  await fs.writeFile(file, [makeRecord(), makeRecord({ id: 'record-cache-000002', confidence: 0.1 })].map((r) => JSON.stringify(r)).join('\n') + '\n');
  const fresh = await cachedRecordIndex(file, cache);
  const again = await cachedRecordIndex(file, cache);
  expect((await fs.stat(cache)).size).toBeGreaterThan(0);
  for (const column of ['ids', 'order', 'confidence', 'fileOf', 'files', 'cityOf', 'flagSets', 'sentenceHash'] as const) expect(Array.from(again[column] as ArrayLike<unknown>)).toEqual(Array.from(fresh[column] as ArrayLike<unknown>));
  expect(again.byId.get('record-cache-000002')).toBe(1);
  // a re-run replaces the file (rename): the cache made from the old one is not used
  await fs.writeFile(`${file}.tmp`, JSON.stringify(makeRecord({ id: 'record-cache-000003' })) + '\n');
  await fs.rename(`${file}.tmp`, file);
  const replaced = await cachedRecordIndex(file, cache);
  expect(replaced.ids).toEqual(['record-cache-000003']);
  // a damaged cache is ignored
  await fs.writeFile(cache, 'not a cache');
  expect((await cachedRecordIndex(file, cache)).ids).toEqual(['record-cache-000003']);
});
