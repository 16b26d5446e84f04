import { promises as fs } from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { readDecisionLog } from '../../src/decisions/files';
import { loadGazetteerFromDir } from '../../src/gazetteer/load';
import { startReviewServer, type RunningReviewServer } from '../../src/review/server';
import { recordIn, tempDir, writeOutput } from './helpers';

const INPUT = '湖州日报讯 今年1至6月，全市数字经济核心产业增加值21.3亿元，同比下降16.3%。数字经济核心产业完成投资15.81亿元。';

let server: RunningReviewServer;
let out: string;
let base: string;
let host: string;

beforeAll(async () => {
  base = await tempDir('server');
  out = path.join(base, 'out');
  await fs.mkdir(path.join(base, 'in'));
  await fs.writeFile(path.join(base, 'in', 'a.txt'), INPUT);
  await fs.writeFile(path.join(base, 'secret.txt'), 'not an input');
  const records = [
    recordIn(INPUT, '21.3亿元', { id: 'record-a-000000001' }),
    recordIn(INPUT, '15.81亿元', { id: 'record-b-000000001', value: 15.81, normalized: { value: 1581000000, unit: 'CNY' } }),
    recordIn(INPUT, '21.3亿元', { id: 'record-c-000000001', doc: { file: 'secret.txt', article: 0, title: null, paper: null, published: null } }),
  ];
  await writeOutput(out, records, ['in/a.txt']);
  server = await startReviewServer({ outDir: out, baseDir: base, reviewer: 'ann', host: '127.0.0.1', port: 0, gazetteer: loadGazetteerFromDir('rules') });
  host = new URL(server.url).host;
});

afterAll(async () => {
  await server.close();
});

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  json(): any;
}

/** A raw HTTP request (not fetch), so that Host and Origin are exactly what a hostile page's browser could send. */
function request(method: string, url: string, headers: Record<string, string> = {}, body?: string): Promise<Reply> {
  const { port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: Number(port), method, path: url, headers: { host, ...headers } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text, json: () => JSON.parse(text) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const get = (url: string, headers: Record<string, string> = {}) => request('GET', url, headers);

function post(body: unknown, headers: Record<string, string> = {}) {
  return request('POST', '/api/decisions', { 'content-type': 'application/json', origin: `http://${host}`, ...headers }, JSON.stringify(body));
}

describe('review server', () => {
  test('serves the page with a strict CSP to its own host, and refuses a foreign Host header', async () => {
    const own = await get('/');
    expect(own.status).toBe(200);
    expect(own.body).toContain('zhstat review');
    expect(own.headers['content-security-policy']).toContain("script-src 'self'");
    expect((await get('/', { host: `localhost:${new URL(server.url).port}` })).status).toBe(200);
    const rebound = await get('/api/state', { host: `attacker.example:${new URL(server.url).port}` });
    expect(rebound.status).toBe(403);
    expect(rebound.body).not.toContain('record-a');
  });

  test('refuses a decision from a foreign origin and writes nothing', async () => {
    const res = await post({ recordId: 'record-a-000000001', action: 'accept', basedOn: null }, { origin: 'http://evil.example' });
    expect(res.status).toBe(403);
    expect((await readDecisionLog(path.join(out, 'decisions.jsonl'))).decisions).toHaveLength(0);
  });

  test('serves no file outside its own assets', async () => {
    for (const url of ['/../records.jsonl', '/%2e%2e/run.json', '/app.js/../../package.json', '/records.jsonl', '/assets/index.html', '/api/records/..%2F..%2Fsecret/context']) {
      const res = await get(url);
      expect([400, 404]).toContain(res.status);
      expect(res.body).not.toContain('not an input');
      expect(res.body).not.toContain('record-a');
    }
  });

  test('article context comes only from inputs listed in run.json', async () => {
    const ok = (await get('/api/records/record-b-000000001/context')).json();
    expect(ok.source).toBe('file');
    expect(ok.text).toContain('数字经济核心产业完成投资15.81亿元');
    const refused = (await get('/api/records/record-c-000000001/context')).json();
    expect(refused.source).toBe('sentence');
    expect(refused.text).not.toContain('not an input');
  });

  test('validates decisions with zod: bad bodies and contract-breaking corrections are 400 and not written', async () => {
    const notJson = await request('POST', '/api/decisions', { 'content-type': 'text/plain' }, 'x');
    expect(notJson.status).toBe(415);
    expect((await post({ recordId: 'record-a-000000001', action: 'delete', basedOn: null })).status).toBe(400);
    const bad = await post({ recordId: 'record-a-000000001', action: 'correct', fields: { period: { text: '', year: 99 } }, basedOn: null });
    expect(bad.status).toBe(400);
    expect(bad.json().issues.length).toBeGreaterThan(0);
    expect((await readDecisionLog(path.join(out, 'decisions.jsonl'))).decisions).toHaveLength(0);
  });

  test('of many simultaneous decisions on one record based on the same state, exactly one is written; the rest get 409 with it', async () => {
    const responses = await Promise.all(
      Array.from({ length: 12 }, (_, i) => post({ recordId: 'record-b-000000001', action: i % 2 ? 'accept' : 'reject', basedOn: null, reviewer: `r${i}` })),
    );
    const created = responses.filter((r) => r.status === 201);
    expect(created).toHaveLength(1);
    const winner = created[0].json().decision;
    for (const r of responses.filter((x) => x.status !== 201)) {
      expect(r.status).toBe(409);
      expect(r.json().head.id).toBe(winner.id);
    }
    const log = await readDecisionLog(path.join(out, 'decisions.jsonl'));
    expect(log.decisions.map((d) => d.id)).toEqual([winner.id]);
    const state = (await get('/api/state')).json();
    const item = state.items.find((it: { record: { id: string } }) => it.record.id === 'record-b-000000001');
    expect(item.head.id).toBe(winner.id);
    expect(item.flagged).toBe(true);
  });

  test('city suggestions come from the gazetteer with their codes', async () => {
    const res = (await get(`/api/places?q=${encodeURIComponent('嘉兴')}`)).json();
    expect(res.places[0]).toMatchObject({ name: '嘉兴市', code: '330400', level: 'prefecture' });
  });
});
