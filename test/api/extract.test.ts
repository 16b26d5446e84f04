/**
 * The package's entry point: `extract(text, options)` gives the records `zhstat extract` writes for
 * the same text, and refuses options it cannot honour with a message that says what to pass.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extract, extractWithRules, loadRules } from '../../src/index';
import { extractOne } from '../../src/run/extract-one';
import { parseSidecar, sidecarPath } from '../../src/ingest/sidecar';

const ROOT = path.join(__dirname, '..', '..');

test('package.json names a built entry point with its type declarations', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  expect(fs.existsSync(path.join(ROOT, pkg.types))).toBe(true);
  const entry = require(path.join(ROOT, pkg.main));
  expect(typeof entry.extract).toBe('function');
  expect(typeof entry.loadRules).toBe('function');
});

test('a sentence of a city paper: the home city, the indicator, the growth and its period', async () => {
  const { records, report } = await extract('2023年1至8月，全市社会消费品零售总额同比增长7.4%。', { published: '2023-09-18', paper: '洛阳日报' });
  expect(report.status).toBe('ok');
  expect(records).toHaveLength(1);
  const [r] = records;
  expect(r!.city?.name).toBe('洛阳市');
  expect(r!.metric.name).toBe('社会消费品零售总额');
  expect(r!.kind).toBe('growth');
  expect(r!.value).toBe(7.4);
  expect(r!.period).toMatchObject({ year: 2023, startMonth: 1, endMonth: 8 });
  expect(r!.doc.file).toBe('<text>');
});

test('bytes in another encoding are read as the CLI reads a file', async () => {
  // 增长 in GB18030 after an ASCII figure: the decoder, not the caller, finds the encoding.
  const gbk = Buffer.from('bfaab7a2c7f8c9e8d6c6b3c9b1bed4f6b3a4352e33252e', 'hex');
  const text = await extract(new Uint8Array(gbk), { published: '2022-01-10' });
  expect(text.report.encoding).not.toBe('utf-8');
});

test('a text with no figure gives no record and an ok report', async () => {
  const { records, report } = await extract('市委召开全会，研究部署下一阶段工作。');
  expect(records).toEqual([]);
  expect(report.status).toBe('ok');
});

test('an impossible publication date is refused, naming the value and the form wanted', async () => {
  await expect(extract('全市地区生产总值增长5%。', { published: '2023-02-30' })).rejects.toThrow(/YYYY-MM-DD.*"2023-02-30"/);
  await expect(extract('全市地区生产总值增长5%。', { published: '23-2-3' })).rejects.toThrow(RangeError);
});

test('each seed gives the same records through extract as through the CLI worker', async () => {
  const rules = await loadRules();
  const seeds = fs.readdirSync(path.join(ROOT, 'seeds')).filter((n) => n.endsWith('.txt'));
  expect(seeds.length).toBeGreaterThan(0);
  for (const name of seeds) {
    const file = path.join(ROOT, 'seeds', name);
    const sidecar = fs.existsSync(sidecarPath(file)) ? parseSidecar(fs.readFileSync(sidecarPath(file), 'utf8'), sidecarPath(file)).meta : null;
    const viaCli = extractOne(file, rules, null).records;
    const viaApi = extractWithRules(fs.readFileSync(file), rules, { file, ...(sidecar ?? {}) }).records;
    expect(viaApi).toEqual(viaCli);
  }
});
