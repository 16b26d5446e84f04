/** `zhstat review`: the local web app in which reviewers check flagged records (see src/review/). */
import * as os from 'node:os';
import * as path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { ReviewerSchema } from '../decisions/schema';
import { RecordsFileError } from '../decisions/files';
import { loadGazetteerFromDir } from '../gazetteer/load';
import type { Gazetteer } from '../gazetteer/gazetteer';
import { compileTableRules, type TableRules } from '../extract/tables';
import { parseRuleFile } from '../rules/validate';
import { TablesFileSchema } from '../rules/tables-schema';
import type { RunningReviewServer } from '../review/server';
import { DEFAULT_RULES_DIR } from './rules-dir';
import { UsageError } from './usage';

export const DEFAULT_REVIEW_PORT = 4173;

export interface ReviewCliOptions {
  outDir: string;
  port: number;
  host: string;
  reviewer: string;
  rulesDir: string;
  decisions: string | null;
  /** Share of auto records to send to review as a sample (0 to 1), kept in the output folder; null: leave as it is. */
  sample?: number | null;
}

export function defaultReviewer(): string {
  try {
    return process.env.ZHSTAT_REVIEWER || os.userInfo().username || 'reviewer';
  } catch {
    return 'reviewer';
  }
}

export async function runReview(options: ReviewCliOptions): Promise<RunningReviewServer> {
  if (!existsSync(path.join(options.outDir, 'records.jsonl'))) {
    throw new UsageError(`${options.outDir} has no records.jsonl: run \`zhstat extract <inputs> --out ${options.outDir}\` first`);
  }
  const reviewer = ReviewerSchema.safeParse(options.reviewer);
  if (!reviewer.success) throw new UsageError(`--reviewer: ${reviewer.error.issues[0].message}`);
  let gazetteer: Gazetteer;
  try {
    gazetteer = loadGazetteerFromDir(options.rulesDir);
  } catch (err) {
    throw new UsageError(`cannot load the gazetteer from ${options.rulesDir}: ${(err as Error).message}`);
  }
  // Table rules only show a table cell's record in its table: without them the page shows its sentence.
  let tables: TableRules | null = null;
  const tablesFile = path.join(options.rulesDir, 'tables.yaml');
  if (existsSync(tablesFile)) tables = compileTableRules(parseRuleFile(TablesFileSchema, readFileSync(tablesFile, 'utf8'), tablesFile));
  if (options.sample !== undefined && options.sample !== null) {
    const { writeSampleRate } = await import('../review/sample');
    await writeSampleRate(options.outDir, options.sample);
  }
  // Required here, not at the top: the server and fastify would add a tenth of a second to the
  // start of every other command.
  const { startReviewServer } = await import('../review/server');
  try {
    return await startReviewServer({
      outDir: options.outDir,
      baseDir: process.cwd(),
      reviewer: reviewer.data,
      host: options.host,
      port: options.port,
      gazetteer,
      tables,
      decisionsFile: options.decisions ?? undefined,
    });
  } catch (err) {
    if (err instanceof RecordsFileError) throw new UsageError(err.message);
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new UsageError(`port ${options.port} is in use: pick another with --port (0 = any free port)`);
    if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') throw new UsageError(`cannot listen on ${options.host}`);
    throw err;
  }
}

export function registerReview(program: Command): void {
  program
    .command('review')
    .description('start the local review web app for an output directory and print its URL')
    .argument('<out-dir>', 'output directory of `zhstat extract`')
    .option('-p, --port <n>', 'port (0 = any free port)', String(DEFAULT_REVIEW_PORT))
    .option('--host <address>', 'address to listen on (keep it on loopback: the app has no login)', '127.0.0.1')
    .option('--reviewer <name>', 'your name in decisions.jsonl (default: $ZHSTAT_REVIEWER or the login name)')
    .option('--rules <dir>', 'rules directory (for the gazetteer)', DEFAULT_RULES_DIR)
    .option('--decisions <file>', 'decision log (default <out-dir>/decisions.jsonl)')
    .option('--sample <share>', 'also send this share of auto records to review, to measure their precision (e.g. 5%; 0 stops the sample); kept in <out-dir>/review-sample.json')
    .action(async (outDir: string, opts: { port: string; host: string; reviewer?: string; rules: string; decisions?: string; sample?: string }) => {
      const port = Number(opts.port);
      if (!/^\d+$/.test(opts.port) || port > 65535) throw new UsageError(`--port must be a number from 0 to 65535, got "${opts.port}"`);
      const { parseRate } = await import('../review/sample');
      const sample = opts.sample === undefined ? null : parseRate(opts.sample);
      if (opts.sample !== undefined && sample === null) throw new UsageError(`--sample must be a share from 0 to 100%, such as 5% or 0.05, got "${opts.sample}"`);
      const server = await runReview({ outDir, port, host: opts.host, reviewer: opts.reviewer ?? defaultReviewer(), rulesDir: opts.rules, decisions: opts.decisions ?? null, sample });
      process.stdout.write(`zhstat review: ${server.url}\n`);
      process.stderr.write(`zhstat: reviewing ${path.join(outDir, 'records.jsonl')}; decisions go to ${opts.decisions ?? path.join(outDir, 'decisions.jsonl')}. Ctrl-C to stop.\n`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void server.close().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}
