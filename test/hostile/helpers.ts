/** What the hostile-input cases share: the built CLI run in a child process, and inputs they write themselves. */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const ROOT = path.join(__dirname, '..', '..');
export const CLI = path.join(ROOT, 'bin', 'zhstat.js');

/** A figure-bearing Chinese article written for these cases (not a dev text). */
export const ARTICLE = [
  '绍兴市统计局发布前三季度经济运行情况',
  '前三季度，全市实现地区生产总值5321亿元，同比增长6.2%。',
  '其中，规模以上工业增加值1234.5亿元，增长8.1%；社会消费品零售总额1980亿元，增长4.3%。',
  '全市城镇居民人均可支配收入58210元，同比增长5.0%。',
  '',
].join('\n');

export function tempDir(name: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `zhstat-hostile-${name}-`));
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: readonly string[]): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

export function runCliAsync(args: readonly string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

export interface ManifestFile {
  file: string;
  status: 'ok' | 'skipped' | 'failed';
  reason: string | null;
  records: number;
  [key: string]: unknown;
}

export function readManifest(out: string): { files: ManifestFile[]; totals: Record<string, number>; [key: string]: unknown } {
  return JSON.parse(fs.readFileSync(path.join(out, 'run.json'), 'utf8'));
}

export function readRecords(out: string): Array<Record<string, any>> {
  const text = fs.readFileSync(path.join(out, 'records.jsonl'), 'utf8').trim();
  return text ? text.split('\n').map((l) => JSON.parse(l)) : [];
}

/** A message an error path prints: one line (after the zhstat: prefix), no stack trace. */
export function expectOneLineError(stderr: string): void {
  const lines = stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(stderr).not.toMatch(/unexpected error|\n\s+at /);
}
