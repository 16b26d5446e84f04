/**
 * A large output (200,000 records): the state endpoint answers with a bounded page, never every
 * record, and its filters and counts agree with a full scan of the records made here.
 */
import { createWriteStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { startReviewServer, type RunningReviewServer } from '../../src/review/server';
import type { StatRecord } from '../../src/record/schema';
import { makeRecord, tempDir } from './helpers';

jest.setTimeout(300_000);

const COUNT = 200_000;
const CITIES = [
  { name: '湖州市', code: '330500', level: 'prefecture' as const, parent: '浙江省' },
  { name: '嘉兴市', code: '330400', level: 'prefecture' as const, parent: '浙江省' },
  { name: '德清县', code: '330521', level: 'county' as const, parent: '湖州市' },
  null,
];
const METRICS = ['地区生产总值', '工业增加值', '出口总额', '进口总额', '社会消费品零售总额', '固定资产投资'];
const JIAXING = CITIES[1]!;

/** Record i of the output: every field that the filters look at varies with i. */
function recordAt(template: StatRecord, i: number): StatRecord {
  const review = i % 3 === 0 ? 'needs_review' : 'auto';
  const city = CITIES[i % CITIES.length];
  const metric = METRICS[i % METRICS.length];
  return {
    ...template,
    id: `large-${String(i).padStart(8, '0')}`,
    doc: { ...template.doc, file: `in/part${i % 50}.txt`, article: i % 7 },
    city,
    metric: { name: metric, text: metric, id: null },
    status: i % 5 === 0 ? 'target' : 'actual',
    review,
    confidence: review === 'needs_review' ? 0.5 + (i % 20) / 100 : 0.9,
    flags: [...(city === null ? ['city_unknown'] : []), ...(i % 11 === 0 ? ['table_cell'] : [])],
    sentence: `第${i % 997}句，${metric}增长。`,
  };
}

describe('a 200,000-record output', () => {
  let base: string;
  let server: RunningReviewServer;
  let records: StatRecord[];
  const corrected = new Map<string, StatRecord>();

  beforeAll(async () => {
    base = await tempDir('large');
    const out = path.join(base, 'out');
    await fs.mkdir(out, { recursive: true });
    const template = makeRecord();
    records = Array.from({ length: COUNT }, (_, i) => recordAt(template, i));
    const stream = createWriteStream(path.join(out, 'records.jsonl'));
    for (let i = 0; i < COUNT; i += 5000) stream.write(records.slice(i, i + 5000).map((r) => JSON.stringify(r) + '\n').join(''));
    await new Promise<void>((resolve, reject) => stream.end((err?: Error | null) => (err ? reject(err) : resolve())));
    await fs.writeFile(path.join(out, 'run.json'), JSON.stringify({ inputs: [] }));
    // reviewers moved 30 queued records of 湖州市 to 嘉兴市 and accepted 40 others: filters must see the corrections
    const lines: string[] = [];
    const queued = records.filter((r) => r.review === 'needs_review');
    queued.filter((r) => r.city?.name === '湖州市').slice(0, 30).forEach((r, k) => {
      lines.push(JSON.stringify({ schemaVersion: 1, id: `fix-${k}-0000000`, recordId: r.id, action: 'correct', changes: { city: { old: r.city, new: JIAXING } }, review: { old: 'needs_review', new: 'corrected' }, undoes: null, basedOn: null, reviewer: 'ann', at: '2026-01-01T00:00:00Z' }));
      corrected.set(r.id, { ...r, city: JIAXING, review: 'corrected' });
    });
    queued.filter((r) => r.city?.name === '德清县').slice(0, 40).forEach((r, k) => {
      lines.push(JSON.stringify({ schemaVersion: 1, id: `ok-${k}-00000000`, recordId: r.id, action: 'accept', changes: {}, review: { old: 'needs_review', new: 'accepted' }, undoes: null, basedOn: null, reviewer: 'bob', at: '2026-01-01T00:00:00Z' }));
      corrected.set(r.id, { ...r, review: 'accepted' });
    });
    await fs.writeFile(path.join(out, 'decisions.jsonl'), lines.join('\n') + '\n');
    server = await startReviewServer({ outDir: out, baseDir: base, reviewer: 'ann', host: '127.0.0.1', port: 0, gazetteer: null });
  });

  afterAll(async () => {
    await server?.close();
  });

  async function state(query: string): Promise<{ bytes: number; json: any }> {
    const res = await fetch(`${server.url}api/state?session=large-test-session&${query}`);
    const text = await res.text();
    expect(res.status).toBe(200);
    return { bytes: Buffer.byteLength(text), json: JSON.parse(text) };
  }

  const now = (r: StatRecord) => corrected.get(r.id) ?? r;
  const decided = (r: StatRecord) => corrected.has(r.id);

  test('the queue page is a bounded batch, with counts of the whole queue', async () => {
    const { bytes, json } = await state('claim=1&review=open&limit=20');
    expect(json.items).toHaveLength(20);
    expect(bytes).toBeLessThan(200_000);
    const queue = records.filter((r) => r.review === 'needs_review');
    expect(json.progress).toMatchObject({ queue: queue.length, decided: corrected.size, open: queue.length - corrected.size });
    expect(json.total).toBe(queue.length - corrected.size);
    // least sure first
    const least = Math.min(...queue.filter((r) => !decided(r)).map((r) => r.confidence));
    expect(json.items[0].record.confidence).toBe(least);
  });

  test('filters and counts equal a full scan; a deep page of all records is just that page', async () => {
    const all = await state('view=all&review=&offset=150000&limit=50');
    expect(all.json.total).toBe(COUNT);
    expect(all.json.items).toHaveLength(50);
    expect(all.bytes).toBeLessThan(200_000);

    const cases: [string, (r: StatRecord) => boolean][] = [
      ['view=all&review=&city=' + encodeURIComponent('嘉兴市') + '&status=target', (r) => now(r).city?.name === '嘉兴市' && r.status === 'target'],
      ['view=queue&review=open&city=' + encodeURIComponent('湖州市'), (r) => r.review === 'needs_review' && !decided(r) && now(r).city?.name === '湖州市'],
      ['view=queue&review=decided', (r) => r.review === 'needs_review' && decided(r)],
      ['view=queue&review=corrected', (r) => now(r).review === 'corrected'],
      ['view=all&review=&city=(none)&flag=table_cell', (r) => r.city === null && r.flags.includes('table_cell')],
      ['view=all&review=&file=' + encodeURIComponent('in/part7.txt') + '&metric=' + encodeURIComponent('出口'), (r) => r.doc.file === 'in/part7.txt' && r.metric.name.includes('出口')],
    ];
    for (const [query, test] of cases) {
      const expected = records.filter(test);
      const first = await state(`${query}&offset=0&limit=50`);
      expect([query, first.json.total]).toEqual([query, expected.length]);
      expect(first.json.items.length).toBe(Math.min(50, expected.length));
      for (const item of first.json.items) expect([query, test(records.find((r) => r.id === item.record.id)!)]).toEqual([query, true]);
    }
    // a small filtered set, paged to the end, is exactly the set
    const small = records.filter((r) => now(r).review === 'corrected').map((r) => r.id).sort();
    const seen: string[] = [];
    for (let offset = 0; offset < small.length; offset += 7) seen.push(...(await state(`view=queue&review=corrected&offset=${offset}&limit=7`)).json.items.map((it: { record: StatRecord }) => it.record.id));
    expect(seen.sort()).toEqual(small);
  });
});
