/** `zhstat review-report <out>`: per reviewer, decisions and time per decision; agreement; measured auto precision. */
import * as path from 'node:path';
import type { Command } from 'commander';
import { DECISIONS_FILE, readDecisionLog, RecordsFileError } from '../decisions/files';
import { indexRecordsFile, type RecordIndex } from '../review/record-index';
import { formatReport, reviewReport, type ReviewReport } from '../review/report';
import { inSample, readSampleRate } from '../review/sample';
import { UsageError } from './usage';

export async function runReviewReport(outDir: string, decisionsFile: string | null): Promise<ReviewReport> {
  let index: RecordIndex;
  try {
    index = await indexRecordsFile(path.join(outDir, 'records.jsonl'));
  } catch (err) {
    if (err instanceof RecordsFileError) throw new UsageError(err.message);
    throw err;
  }
  const log = await readDecisionLog(decisionsFile ?? path.join(outDir, DECISIONS_FILE));
  // records.jsonl of a re-run has decisions applied: a record's first decision says what it was before
  const before = new Map<string, string>();
  for (const d of log.decisions) if (!before.has(d.recordId)) before.set(d.recordId, d.review.old);
  const originalState = (id: string) => {
    const i = index.byId.get(id);
    return i === undefined ? null : (before.get(id) ?? index.reviewState(i));
  };
  const rate = await readSampleRate(outDir);
  return reviewReport({
    decisions: log.decisions,
    originalState,
    sample: rate === null ? null : { rate, drawn: (id) => inSample(id, rate), candidates: index.ids },
  });
}

export function registerReviewReport(program: Command): void {
  program
    .command('review-report')
    .description('per reviewer: decisions and time per decision; agreement where two reviewers decided a record; auto precision measured on the review sample')
    .argument('<out-dir>', 'output directory of `zhstat extract` reviewed with `zhstat review`')
    .option('--decisions <file>', 'decision log (default <out-dir>/decisions.jsonl)')
    .option('--json', 'print the report as JSON')
    .action(async (outDir: string, opts: { decisions?: string; json?: boolean }) => {
      const report = await runReviewReport(outDir, opts.decisions ?? null);
      process.stdout.write(opts.json ? JSON.stringify(report, null, 2) + '\n' : formatReport(report));
    });
}
