/** `zhstat extract`: the main job. Reads inputs, runs the pipeline, writes records atomically. */
import * as os from 'node:os';
import * as path from 'node:path';
import type { Command } from 'commander';
import { DEFAULT_RULES_DIR, readRuleFiles } from './rules-dir';
import { cacheRuleData, withCachedRuleData } from './rules-cache';
import { writeFileAtomic } from '../output/atomic';
import type { FileReport } from '../pipeline/types';
import type { RuleFileText } from '../rules/ruleset';
import { processInputs, startWorkers } from '../run/process-inputs';
import type { WorkerPool } from '../run/pool';
import { assembleOutputs } from '../run/assemble';
import { JournalMismatch, type FileOutcome } from '../run/journal';
import { chooseProgressMode } from '../run/progress';
import { UsageError } from './usage';
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

export function buildManifest(rulesHash: string, inputs: string[], results: readonly FileOutcome[]): RunManifest {
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

export function summaryLine(manifest: RunManifest, out: string): string {
  const t = manifest.totals;
  const d = manifest.decisions;
  const decided = d && d.lines > 0 ? `, reviewers' decisions applied to ${d.decided} records (${d.lines} lines in ${path.basename(d.file)})` : '';
  return `zhstat: ${t.files} files (${t.ok} ok, ${t.skipped} skipped, ${t.failed} failed), ${t.articles} articles, ${t.records} records, ${t.flagged} flagged for review${decided}${t.invalid ? `, ${t.invalid} invalid (see run.json)` : ''} → ${path.join(out, 'records.jsonl')}`;
}

/**
 * Reads and validates the rules and finds the inputs, while the worker threads load the segmenter;
 * grows the pool to the workers the inputs call for and hands them the rules. This thread validates
 * the rules (reporting invalid ones before any work starts) but never compiles them: the compiled
 * rules are large, and it never uses them. What only it needs (zod, yaml) is loaded here, after the
 * first worker started.
 */
async function prepareRun(options: ExtractOptions, workers: WorkerPool, log: (line: string) => void): Promise<{ files: string[]; rulesHash: string }> {
  let ruleFiles: RuleFileText[];
  try {
    // With their parsed YAML when an earlier run left it in the cache: this thread then skips parsing.
    ruleFiles = await withCachedRuleData(await readRuleFiles(options.rulesDir));
  } catch (err) {
    throw new UsageError(`cannot read rules from ${options.rulesDir}: ${(err as Error).message}`);
  }
  const { discoverInputs } = await import('./inputs');
  const { files, unmatched } = await discoverInputs(options.inputs);
  workers.grow(Math.min(options.jobs ?? defaultJobs(), files.length));
  const { validateRuleFiles, withParsedYaml } = await import('../rules/ruleset');
  const { RuleFileError } = await import('../rules/validate');
  const parsedRuleFiles = withParsedYaml(ruleFiles);
  let rulesHash: string;
  try {
    const rules = validateRuleFiles(parsedRuleFiles);
    workers.provideRules(rules);
    rulesHash = rules.hash;
  } catch (err) {
    if (err instanceof RuleFileError) throw new UsageError(`the rules in ${options.rulesDir} are invalid:\n${err.message}`);
    throw new UsageError(`cannot read rules from ${options.rulesDir}: ${(err as Error).message}`);
  }
  await cacheRuleData(parsedRuleFiles);
  for (const u of unmatched) log(`zhstat: warning: ${u} matched no files`);
  if (files.length === 0) throw new UsageError('no input files found: give files, directories or globs, e.g. `zhstat extract seeds --out output`');
  return { files, rulesHash };
}

export async function runExtract(options: ExtractOptions, log: (line: string) => void): Promise<RunManifest> {
  // The first worker starts before anything else, to load the segmenter (its longest task before
  // the first file) while this thread prepares the run; a run that cannot start stops it.
  const workers = await startWorkers({ published: options.published });
  const { files, rulesHash } = await prepareRun(options, workers, log).catch(async (err: unknown) => {
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
  const manifest = buildManifest(rulesHash, files, processed.outcomes);
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
  if (!options.quiet) log(summaryLine(manifest, options.out));
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
    .action(async (inputs: string[], opts: { out: string; published?: string; rules: string; quiet?: boolean; jobs?: string; resume?: boolean; decisions?: string }) => {
      if (opts.published !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(opts.published)) {
        throw new UsageError(`--published must be YYYY-MM-DD, got "${opts.published}"`);
      }
      if (opts.jobs !== undefined && !/^[1-9]\d*$/.test(opts.jobs)) throw new UsageError(`--jobs must be a whole number ≥ 1, got "${opts.jobs}"`);
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
        },
        (line) => process.stderr.write(line + '\n'),
      );
    });
}
