/**
 * One large file: the worker reads it article by article and sends its records to the journal in
 * chunks as it goes, so the run's peak memory is bounded by the file's text, not by its records
 * (issue 15: at most 3× the file + 300 MB). The records are those of the file processed whole.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { processFile } from '../../src/pipeline/process-file';
import type { ProcessUsage } from '../../src/bench/usage-probe';
import { bundledRules } from '../support/extract';
import { CLI, ROOT, readManifest, tempDir } from './helpers';

const CITIES = ['绍兴市', '台州市', '金华市', '衢州市', '丽水市', '舟山市'];

/** Running text without figures: most of a newspaper page is prose around its few figures. */
const PROSE = [
  '各地坚持稳中求进工作总基调，完整准确全面贯彻新发展理念，着力推动高质量发展。',
  '全市上下围绕中心、服务大局，持续优化营商环境，激发各类经营主体活力，民生保障有力有效。',
  '下一步，将继续加大重点项目推进力度，强化要素保障，推动经济运行持续回升向好。',
].join('');

/** Article `i`: a headline, figures of its own (values vary with i), prose, and a source line that closes it. */
function article(i: number): string {
  const city = CITIES[i % CITIES.length];
  const gdp = 2000 + (i % 997);
  const growth = ((i % 80) / 10).toFixed(1);
  return [
    `${city}统计局发布第${(i % 4) + 1}季度经济运行情况`,
    `前三季度，全市实现地区生产总值${gdp}亿元，同比增长${growth}%。${PROSE}`,
    `规模以上工业增加值${100 + (i % 300)}.5亿元，增长${((i % 50) / 10).toFixed(1)}%；社会消费品零售总额${900 + (i % 500)}亿元，增长${((i % 60) / 10).toFixed(1)}%。`,
    `全市城镇居民人均可支配收入${50000 + (i % 9000)}元，同比增长${((i % 70) / 10).toFixed(1)}%。${PROSE}`,
    '来源：市统计局',
    '',
  ].join('\n');
}

/** A file of about `megabytes` MB of such articles. */
function writeLargeFile(file: string, megabytes: number): { bytes: number; articles: number } {
  const parts: string[] = [];
  let bytes = 0;
  for (let i = 0; bytes < megabytes * 1e6; i++) {
    const text = article(i);
    parts.push(text);
    bytes += Buffer.byteLength(text);
  }
  fs.writeFileSync(file, parts.join(''));
  return { bytes, articles: parts.length };
}

function extractWithUsage(input: string, out: string): { status: number | null; stderr: string; usage: ProcessUsage } {
  const usageFile = path.join(out + '-usage.json');
  const run = spawnSync(process.execPath, ['--require', path.join(ROOT, 'dist', 'bench', 'usage-probe.js'), CLI, 'extract', input, '--out', out, '--quiet', '--jobs', '1'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ZHSTAT_BENCH_USAGE_FILE: usageFile },
  });
  return { status: run.status, stderr: run.stderr, usage: JSON.parse(fs.readFileSync(usageFile, 'utf8')) as ProcessUsage };
}

describe('one large file', () => {
  test('a 24 MB file peaks under 3x its size + 300 MB', () => {
    const work = tempDir('large');
    const input = path.join(work, 'large.txt');
    const { bytes, articles } = writeLargeFile(input, 24);
    const out = path.join(work, 'out');
    const { status, stderr, usage } = extractWithUsage(input, out);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    const [file] = readManifest(out).files;
    expect([file.status, file.articles]).toEqual(['ok', articles]);
    // Every article's four figures with their growth: records grow with the file, memory must not.
    expect(file.records).toBeGreaterThanOrEqual(8 * articles);
    const limitKb = (3 * bytes + 300e6) / 1024;
    expect(usage.maxRssKb).toBeLessThanOrEqual(limitKb);
    fs.rmSync(work, { recursive: true, force: true });
  }, 180_000);

  test('the records of a file sent in chunks are those of the file processed whole, byte for byte', () => {
    const work = tempDir('chunks');
    const input = path.join(work, 'chunks.txt');
    // About 2 MB of text gives several MB of records: several chunks.
    writeLargeFile(input, 2);
    const out = path.join(work, 'out');
    const { status } = extractWithUsage(input, out);
    expect(status).toBe(0);
    const whole = processFile({ file: input, bytes: fs.readFileSync(input), sidecar: null, publishedOverride: null }, { rules: bundledRules() });
    const fromCli = fs.readFileSync(path.join(out, 'records.jsonl'), 'utf8');
    expect(Buffer.byteLength(fromCli)).toBeGreaterThan(3 * (1 << 20));
    expect(fromCli).toBe(whole.records.map((r) => JSON.stringify(r) + '\n').join(''));
    const review = whole.records.filter((r) => r.review === 'needs_review');
    expect(fs.readFileSync(path.join(out, 'review.jsonl'), 'utf8')).toBe(review.map((r) => JSON.stringify(r) + '\n').join(''));
    fs.rmSync(work, { recursive: true, force: true });
  }, 180_000);
});
