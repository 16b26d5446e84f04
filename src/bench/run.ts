/**
 * `npm run bench`: throughput and scaling of `zhstat extract` against the cost of segmenting the
 * same text with nodejieba.cut. For each corpus size (default 10, 50 and 100 MB of decoded text)
 * it measures the baseline and the pipeline with each worker count, checks that every worker count
 * wrote byte-identical records, and prints MB/s, ratios, records/s, peak RSS and a linear fit of
 * time against size. A benchmark, not a test: it reports, and flags missed targets, but never fails
 * on speed.
 *
 * With --rounds N every measurement of a size is taken N times, interleaved (baseline, then each
 * worker count, N times over), and the fastest of each is kept: on a shared machine noise only ever
 * adds time, and interleaving exposes every configuration to the same spells of it.
 *
 *   node dist/bench/run.js [--sizes 10,50,100] [--jobs 1,2] [--rounds 1] [--quick] [--corpus-dir bench-corpus]
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ensureCorpus, type CorpusManifest } from './corpus';
import type { BaselineResult } from './baseline';
import type { ProcessUsage } from './usage-probe';

const PACKAGE_ROOT = path.resolve(__dirname, '..', '..');
const ZHSTAT_BIN = path.join(PACKAGE_ROOT, 'bin', 'zhstat.js');

/** Targets from the issue: pipeline (1 worker) ≥ baseline, 2 workers ≥ 1.8× one, peak RSS ≤ 500 MB. */
const TARGET_RATIO_ONE_WORKER = 1.0;
const TARGET_SPEEDUP_TWO_WORKERS = 1.8;
const TARGET_PEAK_RSS_MB = 500;
/** Load average per core above which the machine was not quiet enough for clean numbers. */
const BUSY_LOAD_AVERAGE = 0.25;

export interface BenchOptions {
  sizes: number[];
  jobs: number[];
  /** How many times each measurement is taken (the fastest is kept). */
  rounds: number;
  corpusDir: string;
  seedsDir: string;
  /** Only the shapes line (the text-shape measurement), no corpus sizes. */
  shapesOnly?: boolean;
}

/** The shapes measurement: a one-line file of the seeds' text without punctuation against the same with it. */
export interface ShapesMeasurement {
  fileMB: number;
  punctuated: { seconds: number; peakRssMB: number };
  unpunctuated: { seconds: number; peakRssMB: number };
}

/** Goal from issue 15: text without punctuation at least half as fast as the same text with it. */
const TARGET_SHAPES_RATIO = 0.5;
const SHAPES_FILE_BYTES = 2_000_000;

export interface PipelineMeasurement {
  jobs: number;
  seconds: number;
  records: number;
  peakRssMB: number;
  /** CPU time of all the run's threads: with cores × seconds, it bounds what more workers can gain. */
  cpuSeconds: number;
  recordsSha256: string;
  /** 1-minute load average just before the run: other processes on the machine skew every number. */
  loadBefore: number;
}

export interface SizeMeasurement {
  targetMB: number;
  files: number;
  textMB: number;
  baseline: { seconds: number; peakRssMB: number; tokens: number; loadBefore: number };
  pipeline: PipelineMeasurement[];
  /** dist/ was rebuilt while this size was measured (someone ran tsc): runs may have used different code. */
  distChanged: boolean;
}

export function parseArgs(argv: readonly string[]): BenchOptions {
  const options: BenchOptions = {
    sizes: [10, 50, 100],
    jobs: [1, 2],
    rounds: 1,
    corpusDir: path.join(PACKAGE_ROOT, 'bench-corpus'),
    seedsDir: path.join(PACKAGE_ROOT, 'seeds'),
  };
  const numbers = (value: string | undefined, flag: string): number[] => {
    const list = (value ?? '').split(',').map(Number);
    if (list.length === 0 || list.some((n) => !Number.isInteger(n) || n <= 0)) throw new Error(`${flag} takes positive whole numbers separated by commas`);
    return list;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--sizes') options.sizes = numbers(argv[++i], arg);
    else if (arg === '--jobs') options.jobs = numbers(argv[++i], arg);
    else if (arg === '--rounds') options.rounds = numbers(argv[++i], arg)[0];
    else if (arg === '--quick') options.sizes = [2, 5, 10];
    else if (arg === '--shapes-only') options.shapesOnly = true;
    else if (arg === '--corpus-dir') options.corpusDir = path.resolve(argv[++i] ?? '');
    else if (arg === '--seeds') options.seedsDir = path.resolve(argv[++i] ?? '');
    else throw new Error(`unknown option ${arg} (options: --sizes 10,50,100 --jobs 1,2 --rounds N --quick --corpus-dir DIR --seeds DIR --shapes-only)`);
  }
  return options;
}

function runProcess(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number | null; stdout: string; stderr: string; seconds: number }> {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, seconds: Number(process.hrtime.bigint() - started) / 1e9 }));
  });
}

async function measureBaseline(corpusDir: string): Promise<BaselineResult> {
  const run = await runProcess([path.join(__dirname, 'baseline.js'), corpusDir]);
  if (run.code !== 0) throw new Error(`baseline failed:\n${run.stderr}`);
  return JSON.parse(run.stdout) as BaselineResult;
}

/** Newest modification time under dist/: tells whether the code under measurement changed mid-bench. */
async function newestDistMtime(): Promise<number> {
  let newest = 0;
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.name.endsWith('.js')) newest = Math.max(newest, (await fs.stat(full)).mtimeMs);
    }
  };
  await walk(path.join(PACKAGE_ROOT, 'dist'));
  return newest;
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The whole CLI process, wall clock: start-up and rule loading count against the pipeline. */
async function measurePipeline(corpusDir: string, outDir: string, jobs: number): Promise<PipelineMeasurement> {
  await fs.rm(outDir, { recursive: true, force: true });
  const loadBefore = os.loadavg()[0];
  const usageFile = `${outDir}.usage.json`;
  const run = await runProcess(
    ['--require', path.join(__dirname, 'usage-probe.js'), ZHSTAT_BIN, 'extract', corpusDir, '--out', outDir, '--jobs', String(jobs), '--quiet'],
    { ...process.env, ZHSTAT_BENCH_USAGE_FILE: usageFile },
  );
  if (run.code !== 0) throw new Error(`zhstat extract --jobs ${jobs} failed (exit ${run.code}):\n${run.stderr}`);
  const manifest = JSON.parse(await fs.readFile(path.join(outDir, 'run.json'), 'utf8')) as { totals: { records: number } };
  const usage = JSON.parse(await fs.readFile(usageFile, 'utf8')) as ProcessUsage;
  await fs.rm(usageFile, { force: true });
  const recordsSha256 = await sha256File(path.join(outDir, 'records.jsonl'));
  // Hundreds of MB of records per run: only their digest is needed, to compare worker counts.
  await fs.rm(outDir, { recursive: true, force: true });
  return { jobs, seconds: run.seconds, records: manifest.totals.records, peakRssMB: usage.maxRssKb / 1024, cpuSeconds: usage.cpuSeconds, recordsSha256, loadBefore };
}

/** Least squares t = intercept + slope·MB. */
export function linearFit(points: readonly { x: number; y: number }[]): { intercept: number; slope: number; r2: number } {
  const n = points.length;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  const sxx = points.reduce((s, p) => s + (p.x - mx) ** 2, 0);
  const sxy = points.reduce((s, p) => s + (p.x - mx) * (p.y - my), 0);
  const slope = sxx > 0 ? sxy / sxx : 0;
  const intercept = my - slope * mx;
  const ssTot = points.reduce((s, p) => s + (p.y - my) ** 2, 0);
  const ssRes = points.reduce((s, p) => s + (p.y - intercept - slope * p.x) ** 2, 0);
  return { intercept, slope, r2: ssTot > 0 ? 1 - ssRes / ssTot : 1 };
}

const f = (n: number, digits = 2) => n.toFixed(digits);

/**
 * The most a run can gain from more workers on `cores` cores: it cannot finish faster than its
 * CPU time spread over all of them, and more workers need at least the CPU time of one (the same
 * work, plus each worker's own start-up and JIT compilation). A run that already keeps more than one
 * core busy — V8 compiles and collects garbage on threads of its own — has less left to gain.
 */
export function speedupCeiling(run: Pick<PipelineMeasurement, 'seconds' | 'cpuSeconds'>, cores: number): number {
  return (cores * run.seconds) / run.cpuSeconds;
}

function report(results: readonly SizeMeasurement[], options: BenchOptions): string[] {
  const lines: string[] = [];
  lines.push('', 'size   files   text MB | jieba.cut MB/s | zhstat   jobs  MB/s   × jieba  × 1 job  records/s  peak RSS MB  cores busy');
  for (const r of results) {
    const baseRate = r.textMB / r.baseline.seconds;
    const one = r.pipeline.find((p) => p.jobs === 1);
    lines.push(`${String(r.targetMB).padStart(4)}MB ${String(r.files).padStart(6)} ${f(r.textMB, 1).padStart(9)} | ${f(baseRate).padStart(14)} | (jieba peak RSS ${f(r.baseline.peakRssMB, 0)} MB)`);
    for (const p of r.pipeline) {
      const rate = r.textMB / p.seconds;
      const vsOne = one ? f(one.seconds / p.seconds) : '-';
      lines.push(
        `${' '.repeat(42)}| ${String(p.jobs).padStart(11)} ${f(rate).padStart(6)} ${f(rate / baseRate).padStart(8)} ${vsOne.padStart(8)} ${f(p.records / p.seconds, 0).padStart(10)} ${f(p.peakRssMB, 0).padStart(12)} ${f(p.cpuSeconds / p.seconds).padStart(11)}`,
      );
    }
    const digests = new Set(r.pipeline.map((p) => p.recordsSha256));
    lines.push(`${' '.repeat(42)}| records.jsonl identical across --jobs ${options.jobs.join(', ')}: ${digests.size === 1 ? 'yes' : 'NO'}${r.distChanged ? ' (dist/ was rebuilt during these runs: they ran different code)' : ''}`);
  }

  if (results.length >= 2) {
    lines.push('', 'time against size (least squares t = a + b·MB; linear when R² ≈ 1 and s/MB stays flat):');
    const series: { label: string; points: { x: number; y: number }[] }[] = [
      { label: 'jieba.cut', points: results.map((r) => ({ x: r.textMB, y: r.baseline.seconds })) },
      ...options.jobs.map((jobs) => ({
        label: `zhstat --jobs ${jobs}`,
        points: results.map((r) => ({ x: r.textMB, y: r.pipeline.find((p) => p.jobs === jobs)?.seconds ?? NaN })),
      })),
    ];
    for (const s of series) {
      const fit = linearFit(s.points);
      const perMB = s.points.map((p) => `${f(p.y / p.x, 3)}`).join(' / ');
      lines.push(`  ${s.label.padEnd(16)} a = ${f(fit.intercept)} s, b = ${f(fit.slope, 3)} s/MB, R² = ${f(fit.r2, 4)} (marginal ${f(1 / fit.slope)} MB/s); s/MB at ${results.map((r) => r.targetMB).join('/')} MB: ${perMB}`);
    }
  }

  const largest = results[results.length - 1];
  const baseRate = largest.textMB / largest.baseline.seconds;
  const one = largest.pipeline.find((p) => p.jobs === 1);
  const two = largest.pipeline.find((p) => p.jobs === 2);
  const peak = Math.max(...results.flatMap((r) => r.pipeline.map((p) => p.peakRssMB)));
  const mark = (ok: boolean) => (ok ? 'met' : 'MISSED');
  lines.push('', `targets at ${largest.targetMB} MB:`);
  if (one) lines.push(`  1 worker ≥ ${TARGET_RATIO_ONE_WORKER}× jieba.cut: ${f(largest.textMB / one.seconds / baseRate)}× — ${mark(largest.textMB / one.seconds / baseRate >= TARGET_RATIO_ONE_WORKER)}`);
  if (one && two) {
    const cores = os.cpus().length;
    lines.push(`  2 workers ≥ ${TARGET_SPEEDUP_TWO_WORKERS}× 1 worker: ${f(one.seconds / two.seconds)}× — ${mark(one.seconds / two.seconds >= TARGET_SPEEDUP_TWO_WORKERS)}`);
    lines.push(
      `    ceiling on ${cores} cores: with 1 worker the run kept ${f(one.cpuSeconds / one.seconds)} cores busy (V8's compiler and GC threads and the main thread beside the worker), so more workers can make it at most ${f(speedupCeiling(one, cores))}× faster; 2 workers used ${f(two.cpuSeconds)} s of CPU to 1 worker's ${f(one.cpuSeconds)} s`,
    );
  }
  lines.push(`  peak RSS ≤ ${TARGET_PEAK_RSS_MB} MB: ${f(peak, 0)} MB — ${mark(peak <= TARGET_PEAK_RSS_MB)}`);
  const busiest = Math.max(...results.flatMap((r) => [r.baseline.loadBefore, ...r.pipeline.map((p) => p.loadBefore)]));
  if (busiest > BUSY_LOAD_AVERAGE * os.cpus().length) {
    lines.push(`  note: load average reached ${f(busiest)} on ${os.cpus().length} cores before a measurement: other processes competed for the CPU, so the worker speed-up and ratios are understated`);
  }
  return lines;
}

export async function runBench(options: BenchOptions, log: (line: string) => void): Promise<SizeMeasurement[]> {
  const results: SizeMeasurement[] = [];
  const sizes = options.shapesOnly ? [] : [...options.sizes].sort((a, b) => a - b);
  for (const size of sizes) {
    const { dir, manifest } = await ensureCorpus(options.corpusDir, options.seedsDir, size, log);
    const measurement = await measureSize(dir, manifest, options, log);
    results.push(measurement);
  }
  const shapes = await measureShapes(options, log);
  if (results.length > 0) for (const line of report(results, options)) log(line);
  log('');
  log(shapesLine(shapes));
  await fs.mkdir(options.corpusDir, { recursive: true });
  await fs.writeFile(path.join(options.corpusDir, 'bench-results.json'), JSON.stringify({ at: new Date().toISOString(), results, shapes }, null, 2) + '\n');
  return results;
}

/**
 * Writes the seeds' text as one line of about 2 MB with its punctuation, and the same without
 * (as PDF/OCR output and scraped pages come), and runs the CLI on each (1 worker, best of --rounds).
 */
async function measureShapes(options: BenchOptions, log: (line: string) => void): Promise<ShapesMeasurement> {
  const { oneLineWithPunctuation, oneLineWithoutPunctuation } = await import('./shapes');
  const seeds = (await fs.readdir(options.seedsDir)).filter((n) => n.endsWith('.txt')).sort();
  const text = (await Promise.all(seeds.map((n) => fs.readFile(path.join(options.seedsDir, n), 'utf8')))).join('\n');
  const dir = path.join(options.corpusDir, 'shapes');
  await fs.mkdir(dir, { recursive: true });
  // Characters for about SHAPES_FILE_BYTES of UTF-8 (the seeds are mostly 3-byte Chinese).
  const chars = Math.round((SHAPES_FILE_BYTES * text.length) / Buffer.byteLength(text));
  const measured: Partial<Record<'punctuated' | 'unpunctuated', { seconds: number; peakRssMB: number }>> = {};
  let fileMB = 0;
  for (const [shape, make] of [['punctuated', oneLineWithPunctuation], ['unpunctuated', oneLineWithoutPunctuation]] as const) {
    const input = path.join(dir, shape);
    await fs.rm(input, { recursive: true, force: true });
    await fs.mkdir(input);
    const body = make(text, chars);
    await fs.writeFile(path.join(input, `${shape}.txt`), body);
    if (shape === 'punctuated') fileMB = Buffer.byteLength(body) / 1e6;
    for (let round = 0; round < options.rounds; round++) {
      const p = await measurePipeline(input, path.join(dir, `out-${shape}`), 1);
      log(`bench:   shapes ${shape.padEnd(12)} ${f(Buffer.byteLength(body) / 1e6)} MB on one line  ${f(p.seconds)} s  ${p.records} records  peak RSS ${f(p.peakRssMB, 0)} MB`);
      const kept = measured[shape];
      if (kept === undefined || p.seconds < kept.seconds) measured[shape] = { seconds: p.seconds, peakRssMB: Math.max(p.peakRssMB, kept?.peakRssMB ?? 0) };
    }
  }
  return { fileMB, punctuated: measured.punctuated!, unpunctuated: measured.unpunctuated! };
}

/** The shapes line: MB/s on the one-line text without punctuation against the same with it. */
export function shapesLine(s: ShapesMeasurement): string {
  const withRate = s.fileMB / s.punctuated.seconds;
  const withoutRate = s.fileMB / s.unpunctuated.seconds;
  const ratio = withoutRate / withRate;
  return (
    `shapes: ${f(s.fileMB, 1)} MB on one line — without punctuation ${f(withoutRate)} MB/s, with it ${f(withRate)} MB/s: ${f(ratio)}× ` +
    `(goal ≥ ${TARGET_SHAPES_RATIO}× — ${ratio >= TARGET_SHAPES_RATIO ? 'met' : 'MISSED'}); peak RSS ${f(s.unpunctuated.peakRssMB, 0)} / ${f(s.punctuated.peakRssMB, 0)} MB`
  );
}

async function measureSize(dir: string, manifest: CorpusManifest, options: BenchOptions, log: (line: string) => void): Promise<SizeMeasurement> {
  const textMB = manifest.totalTextBytes / 1e6;
  log(`bench: ${manifest.targetMB} MB: ${manifest.files.length} files, ${f(textMB, 1)} MB decoded text (${f(manifest.totalBytes / 1e6, 1)} MB on disk)`);
  const distBefore = await newestDistMtime();
  let baseline: SizeMeasurement['baseline'] | null = null;
  const pipeline = new Map<number, PipelineMeasurement>();
  for (let round = 1; round <= options.rounds; round++) {
    const label = options.rounds > 1 ? ` (round ${round}/${options.rounds})` : '';
    const loadBefore = os.loadavg()[0];
    const base = await measureBaseline(dir);
    if (base.textBytes !== manifest.totalTextBytes) throw new Error(`baseline decoded ${base.textBytes} bytes, the corpus has ${manifest.totalTextBytes}`);
    log(`bench:   jieba.cut          ${f(base.seconds)} s  ${f(textMB / base.seconds)} MB/s  (load average before: ${f(loadBefore)})${label}`);
    if (baseline === null || base.seconds < baseline.seconds) {
      baseline = { seconds: base.seconds, peakRssMB: base.maxRssKb / 1024, tokens: base.tokens, loadBefore };
    }
    for (const jobs of options.jobs) {
      const p = await measurePipeline(dir, path.join(options.corpusDir, 'out', `${manifest.targetMB}MB-jobs${jobs}`), jobs);
      log(`bench:   zhstat --jobs ${jobs}     ${f(p.seconds)} s  ${f(textMB / p.seconds)} MB/s  ${p.records} records  peak RSS ${f(p.peakRssMB, 0)} MB  (load average before: ${f(p.loadBefore)})${label}`);
      pipeline.set(jobs, fastestOf(pipeline.get(jobs), p));
    }
  }
  return {
    targetMB: manifest.targetMB,
    files: manifest.files.length,
    textMB,
    baseline: baseline!,
    pipeline: options.jobs.map((jobs) => pipeline.get(jobs)!),
    distChanged: (await newestDistMtime()) !== distBefore,
  };
}

/** The faster of two runs of one configuration; the higher peak RSS of the two, and a digest that
 * says so when the runs wrote different records. */
export function fastestOf(kept: PipelineMeasurement | undefined, run: PipelineMeasurement): PipelineMeasurement {
  if (kept === undefined) return run;
  const fastest = run.seconds < kept.seconds ? run : kept;
  const sameRecords = run.recordsSha256 === kept.recordsSha256;
  return { ...fastest, peakRssMB: Math.max(kept.peakRssMB, run.peakRssMB), recordsSha256: sameRecords ? fastest.recordsSha256 : `differs between rounds` };
}

if (require.main === module) {
  let options: BenchOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`bench: ${(err as Error).message}\n`);
    process.exit(2);
  }
  runBench(options, (line) => process.stdout.write(line + '\n')).catch((err: unknown) => {
    process.stderr.write(`bench: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  });
}
