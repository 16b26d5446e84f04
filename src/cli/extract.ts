/** `zhstat extract`: the main job. Reads inputs, runs the pipeline, writes records atomically. */
import * as os from 'node:os';
import * as path from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_RULES_DIR, readRuleFiles } from './rules-dir';
import { cacheRuleData, withCachedRuleData } from './rules-cache';
import { writeFileAtomic } from '../output/atomic';
import type { FileReport } from '../pipeline/types';
import type { RuleFileText } from '../rules/ruleset';
import { DEFAULT_BUDGET_PER_MB_MS, DEFAULT_FILE_TIMEOUT_MS, processInputs, startWorkers } from '../run/process-inputs';
import type { WorkerPool } from '../run/pool';
import { assembleOutputs } from '../run/assemble';
import { JournalMismatch, type FileOutcome } from '../run/journal';
import { chooseProgressMode } from '../run/progress';
import { RunError, UsageError } from './usage';
import { publishedDateProblem } from '../articles/published';
import { promises as fs } from 'node:fs';
import { lockOutput, OutputLocked, type HeldLock } from '../output/lock';
import { describeOutputError } from '../output/errors';
import type { SkippedInput } from './inputs';
import type { DecisionsSummary } from '../decisions/files';
import type { Decision } from '../decisions/schema';

const VERSION: string = (require('../../package.json') as { version: string }).version;

export interface ExtractOptions {
  inputs: string[];
  out: string;
  published: string | null;
  rulesDir: string;
  quiet: boolean;
  /** Worker threads processing files (default: the number of cores). */
  jobs?: number;
  /** Continue the interrupted run journaled in `<out>/.zhstat-run/` instead of starting over. */
  resume?: boolean;
  /** stderr is a terminal: progress is a bar there, else a plain line every few seconds (none with `quiet`). */
  stderrIsTerminal?: boolean;
  /** Exit on SIGINT/SIGTERM with a hint to --resume (the CLI sets this). */
  exitOnInterrupt?: boolean;
  /** Reviewers' decision log applied to the records (default `<out>/decisions.jsonl`). */
  decisions?: string | null;
  /** A file's time budget in ms (default DEFAULT_FILE_TIMEOUT_MS): a file over it is failed with `timeout`. */
  fileTimeoutMs?: number;
  /** Another run holds the output folder: wait for it (else exit with an error naming it). */
  wait?: boolean;
}

export interface RunManifest {
  zhstat: string;
  rulesHash: string;
  inputs: string[];
  files: (Omit<FileReport, 'invalid'> & { invalid: number; sidecarError: string | null })[];
  invalidRecords: (FileReport['invalid'][number] & { file: string })[];
  totals: { files: number; ok: number; failed: number; skipped: number; articles: number; records: number; flagged: number; invalid: number };
  /** The reviewers' decisions applied by this run (see src/decisions/). */
  decisions?: DecisionsSummary;
  /** Decisions whose record this run did not produce: kept in the log, listed here. */
  orphanedDecisions?: Decision[];
}

/** Cores to use by default: every file is independent, so one worker per core. */
export function defaultJobs(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/** The workers to start: --jobs, but never more than the cores (more only cost memory), said so. */
export function jobsToUse(requested: number | undefined, log: (line: string) => void, cores = defaultJobs()): number {
  if (requested === undefined) return cores;
  if (requested <= cores) return requested;
  log(`zhstat: note: --jobs ${requested} is more than the ${cores} cores here; using ${cores} (more workers would only take memory)`);
  return cores;
}

/** A path among the inputs that was not read (a symlink loop, a missing path, an output folder), as run.json lists it. */
function skippedOutcome(skipped: SkippedInput): FileOutcome {
  return {
    report: { file: skipped.file, status: 'skipped', reason: skipped.reason, encoding: null, format: null, articles: 0, records: 0, flagged: 0, invalid: [], published: null },
    sidecarError: null,
  };
}

export function buildManifest(rulesHash: string, inputs: string[], processed: readonly FileOutcome[], skipped: readonly SkippedInput[] = []): RunManifest {
  const results = skipped.length === 0 ? processed : [...processed, ...skipped.map(skippedOutcome)];
  const files = results.map((r) => ({ ...r.report, invalid: r.report.invalid.length, sidecarError: r.sidecarError }));
  const count = (s: string) => results.filter((r) => r.report.status === s).length;
  return {
    zhstat: VERSION,
    rulesHash,
    inputs,
    files,
    invalidRecords: results.flatMap((r) => r.report.invalid.map((i) => ({ file: r.report.file, ...i }))),
    totals: {
      files: results.length,
      ok: count('ok'),
      failed: count('failed'),
      skipped: count('skipped'),
      articles: results.reduce((n, r) => n + r.report.articles, 0),
      records: results.reduce((n, r) => n + r.report.records, 0),
      flagged: results.reduce((n, r) => n + r.report.flagged, 0),
      invalid: results.reduce((n, r) => n + r.report.invalid.length, 0),
    },
  };
}

export async function writeManifest(out: string, manifest: RunManifest): Promise<void> {
  await writeFileAtomic(path.join(out, 'run.json'), JSON.stringify(manifest, null, 2) + '\n');
}

export function summaryLine(manifest: RunManifest, out: string, resumed?: { files: number; changed: number }): string {
  const t = manifest.totals;
  const resumedPart = resumed && resumed.files + resumed.changed > 0 ? `; resumed: ${resumed.files} files kept from the interrupted run, ${resumed.changed} changed input${resumed.changed === 1 ? '' : 's'} redone` : '';
  const d = manifest.decisions;
  const decided = d && d.lines > 0 ? `, reviewers' decisions applied to ${d.decided} records (${d.lines} lines in ${path.basename(d.file)})` : '';
  return `zhstat: ${t.files} files (${t.ok} ok, ${t.skipped} skipped, ${t.failed} failed), ${t.articles} articles, ${t.records} records, ${t.flagged} flagged for review${decided}${t.invalid ? `, ${t.invalid} invalid (see run.json)` : ''} → ${path.join(out, 'records.jsonl')}${resumedPart}`;
}

/** What to do with the outputs: review what the pipeline is unsure of, then export the dataset. */
export function nextSteps(manifest: RunManifest, out: string): string {
  const review = manifest.totals.flagged > 0 ? `review the ${manifest.totals.flagged} flagged records: zhstat review ${out}\n  then ` : '';
  return `next: ${review}export the dataset: zhstat export ${out} --format csv  (or --format jsonl)`;
}

/**
 * A recursive mkdir says ENOENT where the real cause is a read-only or forbidden parent: creating
 * the first missing folder alone gives the error the system means.
 */
async function mkdirCause(dir: string, fallback: Error): Promise<never> {
  let missing = path.resolve(dir);
  while (!(await fs.stat(path.dirname(missing)).then(() => true, () => false)) && path.dirname(missing) !== missing) missing = path.dirname(missing);
  await fs.mkdir(missing);
  throw fallback;
}

/**
 * Creates the output folder and locks it for this run. A path that is a file, a read-only or full
 * disk, is a RunError naming the path, the cause and what to do.
 */
async function claimOutput(options: ExtractOptions, log: (line: string) => void): Promise<HeldLock> {
  const out = options.out;
  const stat = await fs.stat(out).catch(() => null);
  if (stat !== null && !stat.isDirectory()) throw new RunError(describeOutputError(Object.assign(new Error(), { code: 'ENOTDIR' }), out, out)!);
  try {
    await fs.mkdir(out, { recursive: true }).catch((err: NodeJS.ErrnoException) => (err.code === 'ENOENT' ? mkdirCause(out, err) : Promise.reject(err)));
    const lock = await lockOutput(out, {
      wait: options.wait,
      command: `zhstat extract → ${out}`,
      onWait: (owner) => log(`zhstat: waiting for ${owner ? `pid ${owner.pid} (started ${owner.started})` : 'another run'} to finish with ${out}…`),
    });
    if (lock.tookOverFrom) log(`zhstat: took over the lock on ${out} from pid ${lock.tookOverFrom.pid} (started ${lock.tookOverFrom.started}), which is no longer running`);
    return lock;
  } catch (err) {
    if (err instanceof OutputLocked) throw new RunError(err.message);
    const described = describeOutputError(err, (err as NodeJS.ErrnoException).path ?? out, out);
    if (described) throw new RunError(described);
    throw err;
  }
}

/**
 * Reads and validates the rules and finds the inputs, while the worker threads load the segmenter;
 * grows the pool to the workers the inputs call for and hands them the rules. This thread validates
 * the rules (reporting invalid ones before any work starts) but never compiles them: the compiled
 * rules are large, and it never uses them. What only it needs (zod, yaml) is loaded here, after the
 * first worker started.
 */
async function prepareRun(options: ExtractOptions, workers: WorkerPool, log: (line: string) => void): Promise<{ files: string[]; rulesHash: string; skipped: SkippedInput[] }> {
  let ruleFiles: RuleFileText[];
  try {
    // With their parsed YAML when an earlier run left it in the cache: this thread then skips parsing.
    ruleFiles = await withCachedRuleData(await readRuleFiles(options.rulesDir));
  } catch (err) {
    throw new UsageError(`cannot read rules from ${options.rulesDir}: ${(err as Error).message}`);
  }
  const { discoverInputs } = await import('./inputs');
  const { files, unmatched, skipped } = await discoverInputs(options.inputs, { exclude: [options.out] });
  workers.grow(Math.min(jobsToUse(options.jobs, log), files.length));
  const { validateRuleFiles, withParsedYaml } = await import('../rules/ruleset');
  const { RuleFileError, TOO_COMPLEX } = await import('../rules/validate');
  const parsedRuleFiles = withParsedYaml(ruleFiles);
  let rulesHash: string;
  try {
    const rules = validateRuleFiles(parsedRuleFiles);
    workers.provideRules(rules);
    rulesHash = rules.hash;
  } catch (err) {
    const bomb = err instanceof RuleFileError ? err.issues.find((i) => i.message.startsWith(TOO_COMPLEX)) : undefined;
    if (bomb) throw new RunError(`rules file ${path.join(options.rulesDir, bomb.file)} is too complex${bomb.message.slice(TOO_COMPLEX.length)}`);
    if (err instanceof RuleFileError) throw new UsageError(`the rules in ${options.rulesDir} are invalid:\n${err.message}`);
    throw new UsageError(`cannot read rules from ${options.rulesDir}: ${(err as Error).message}`);
  }
  await cacheRuleData(parsedRuleFiles);
  for (const u of unmatched) log(`zhstat: warning: ${u} matched no files`);
  for (const s of skipped) if (!unmatched.includes(s.file)) log(`zhstat: warning: skipping ${s.file}: ${s.reason}`);
  if (files.length === 0) throw new UsageError('no input files found: give files, directories or globs, e.g. `zhstat extract seeds --out output`');
  return { files, rulesHash, skipped };
}

export async function runExtract(options: ExtractOptions, log: (line: string) => void): Promise<RunManifest> {
  const lock = await claimOutput(options, log);
  try {
    return await runLocked(options, log);
  } catch (err) {
    const described = describeOutputError(err, (err as NodeJS.ErrnoException).path ?? options.out, options.out);
    throw described ? new RunError(described) : err;
  } finally {
    lock.release();
  }
}

async function runLocked(options: ExtractOptions, log: (line: string) => void): Promise<RunManifest> {
  // The first worker starts before anything else, to load the segmenter (its longest task before
  // the first file) while this thread prepares the run; a run that cannot start stops it.
  const workers = await startWorkers({ published: options.published, fileTimeoutMs: options.fileTimeoutMs });
  const { files, rulesHash, skipped } = await prepareRun(options, workers, log).catch(async (err: unknown) => {
    await workers.close();
    throw err;
  });

  // Each file's records are journaled under <out>/.zhstat-run/ as it completes, in input order
  // (memory stays flat, an interrupted run can --resume); the outputs are assembled from it.
  const processed = await processInputs({
    files,
    out: options.out,
    resume: options.resume ?? false,
    published: options.published,
    rulesHash,
    workers,
    zhstatVersion: VERSION,
    progress: chooseProgressMode(options.quiet, options.stderrIsTerminal ?? false),
    log,
    exitOnInterrupt: options.exitOnInterrupt,
  }).catch((err: unknown) => {
    throw err instanceof JournalMismatch ? new UsageError(err.message) : err;
  });
  const manifest = buildManifest(rulesHash, files, processed.outcomes, skipped);
  // Read after the run: decisions reviewers made meanwhile apply too.
  const { DECISIONS_FILE, decisionsManifest, decisionsWarnings, readDecisionLog } = await import('../decisions/files');
  const { decisionsTransform } = await import('../run/decisions-transform');
  const decisionsFile = options.decisions ?? path.join(options.out, DECISIONS_FILE);
  const decisionLog = await readDecisionLog(decisionsFile);
  const decisions = decisionsTransform(decisionLog.decisions);
  await assembleOutputs(processed.journal, files.length, options.out, decisionLog.decisions.length > 0 ? decisions : null);
  Object.assign(manifest, decisionsManifest(decisionsFile, decisionLog, decisions.summary()));
  for (const warning of decisionsWarnings(manifest.decisions!)) log(warning);
  await writeManifest(options.out, manifest);
  await processed.journal.remove();
  if (!options.quiet) {
    log(summaryLine(manifest, options.out, options.resume ? { files: processed.resumedFiles, changed: processed.changedInputs } : undefined));
    log(nextSteps(manifest, options.out));
  }
  return manifest;
}

export function registerExtract(program: Command): void {
  program
    .command('extract')
    .description('extract statistical records from newspaper dumps (files, directories, globs)')
    .argument('<inputs...>', 'files, directories (read recursively) or glob patterns')
    .requiredOption('-o, --out <dir>', 'output directory for records.jsonl, review.jsonl and run.json')
    .option('--published <YYYY-MM-DD>', 'publication date for inputs whose sidecar/path/text gives none')
    .option('--rules <dir>', 'rules directory', DEFAULT_RULES_DIR)
    .option('-q, --quiet', 'print nothing but errors (no progress)')
    .option('-j, --jobs <n>', 'files processed in parallel by worker threads (default: number of cores)')
    .option('--resume', 'finish an interrupted run into the same --out (completed files are not redone)')
    .option('--decisions <file>', 'reviewers\' decision log to apply (default <out>/decisions.jsonl)')
    .option('--wait', 'if another run is using --out, wait for it to finish (default: exit with an error naming it)')
    .option('--file-timeout <seconds>', `time budget per file: a file still running after it is listed as failed (timeout) and the run goes on (default ${DEFAULT_FILE_TIMEOUT_MS / 1000} s plus ${DEFAULT_BUDGET_PER_MB_MS / 1000} s per MB of the file)`)
    .action(async (inputs: string[], opts: { out: string; published?: string; rules: string; quiet?: boolean; jobs?: string; resume?: boolean; decisions?: string; fileTimeout?: string; wait?: boolean }) => {
      const dateProblem = opts.published === undefined ? null : publishedDateProblem(opts.published);
      if (dateProblem) throw new UsageError(`--published ${dateProblem}`);
      if (opts.jobs !== undefined && !/^[1-9]\d*$/.test(opts.jobs)) throw new UsageError(`--jobs must be a whole number ≥ 1, got "${opts.jobs}"`);
      const fileTimeout = opts.fileTimeout === undefined ? undefined : Number(opts.fileTimeout);
      if (fileTimeout !== undefined && !(fileTimeout > 0 && Number.isFinite(fileTimeout))) {
        throw new UsageError(`--file-timeout takes seconds (a number > 0), got "${opts.fileTimeout}"`);
      }
      await runExtract(
        {
          inputs,
          out: opts.out,
          published: opts.published ?? null,
          rulesDir: opts.rules,
          quiet: Boolean(opts.quiet),
          jobs: opts.jobs === undefined ? undefined : Number(opts.jobs),
          resume: Boolean(opts.resume),
          stderrIsTerminal: Boolean(process.stderr.isTTY),
          exitOnInterrupt: true,
          decisions: opts.decisions ?? null,
          fileTimeoutMs: fileTimeout === undefined ? undefined : fileTimeout * 1000,
          wait: Boolean(opts.wait),
        },
        (line) => process.stderr.write(line + '\n'),
      );
    });
}
