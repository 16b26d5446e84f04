/** `zhstat export`: the downstream dataset from an output directory, with reviewers' decisions applied. */
import * as path from 'node:path';
import type { Command } from 'commander';
import { applyDecisions } from '../decisions/apply';
import { DECISIONS_FILE, readDecisionLog, readRecordsFile, RecordsFileError } from '../decisions/files';
import { datasetRows, EXPORT_FORMATS, exportableRecords, recordsToCsv, reviewColumns, type ExportFormat } from '../export/dataset';
import { writeFileAtomic, toJsonl } from '../output/atomic';
import { recordJsonSchema, type StatRecord } from '../record/schema';
import { UsageError } from './usage';

export interface ExportOptions {
  outDir: string;
  format: ExportFormat;
  includeUnreviewed: boolean;
  /** Dataset file; default `<outDir>/dataset.<format>`. */
  output: string | null;
  decisions: string | null;
}

export interface ExportResult {
  output: string;
  schema: string;
  written: number;
  byReview: Record<StatRecord['review'], number>;
}

/** `dataset.csv` → `dataset.schema.json`, in the same directory. */
export function schemaPathFor(output: string): string {
  const ext = path.extname(output);
  return path.join(path.dirname(output), `${path.basename(output, ext)}.schema.json`);
}

/** The record's JSON Schema with the review columns each dataset line adds. */
export function datasetJsonSchema(): unknown {
  const schema = recordJsonSchema() as { properties: Record<string, unknown>; required?: string[] };
  const stringOrNull = { anyOf: [{ type: 'string' }, { type: 'null' }] };
  schema.properties.reviewer = { ...stringOrNull, description: 'who made the decision in force, or null for a record nobody decided' };
  schema.properties.decided_at = { ...stringOrNull, description: 'when that decision was made (ISO 8601), or null' };
  schema.properties.original = { anyOf: [{ type: 'object' }, { type: 'null' }], description: 'for a corrected record, each corrected field as the pipeline extracted it; otherwise null' };
  schema.required = [...(schema.required ?? []), 'reviewer', 'decided_at', 'original'];
  return schema;
}

export async function runExport(options: ExportOptions): Promise<ExportResult> {
  let extracted: StatRecord[];
  try {
    extracted = await readRecordsFile(path.join(options.outDir, 'records.jsonl'));
  } catch (err) {
    if (err instanceof RecordsFileError) throw new UsageError(err.message);
    throw err;
  }
  // decisions made since the last extract count too (replaying the log is idempotent)
  const log = await readDecisionLog(options.decisions ?? path.join(options.outDir, DECISIONS_FILE));
  const { records } = applyDecisions(extracted, log.decisions);
  const selected = datasetRows(exportableRecords(records, options.includeUnreviewed), reviewColumns(log.decisions));
  const output = options.output ?? path.join(options.outDir, `dataset.${options.format}`);
  const schema = schemaPathFor(output);
  await writeFileAtomic(output, options.format === 'csv' ? recordsToCsv(selected) : toJsonl(selected));
  await writeFileAtomic(schema, JSON.stringify(datasetJsonSchema(), null, 2) + '\n');
  const byReview = { auto: 0, needs_review: 0, accepted: 0, corrected: 0, rejected: 0 };
  for (const r of records) byReview[r.review]++;
  return { output, schema, written: selected.length, byReview };
}

export function registerExport(program: Command): void {
  program
    .command('export')
    .description('write the downstream dataset (auto + accepted + corrected records; rejected never) and its JSON Schema')
    .argument('<out-dir>', 'output directory of `zhstat extract` (records.jsonl, decisions.jsonl)')
    .requiredOption('-f, --format <format>', `dataset format: ${EXPORT_FORMATS.join(' or ')}`)
    .option('--include-unreviewed', 'also export records still waiting for review (needs_review)')
    .option('-o, --output <file>', 'dataset file (default <out-dir>/dataset.<format>); the schema goes beside it')
    .option('--decisions <file>', 'decision log (default <out-dir>/decisions.jsonl)')
    .action(async (outDir: string, opts: { format: string; includeUnreviewed?: boolean; output?: string; decisions?: string }) => {
      if (!(EXPORT_FORMATS as readonly string[]).includes(opts.format)) {
        throw new UsageError(`--format must be ${EXPORT_FORMATS.join(' or ')}, got "${opts.format}"`);
      }
      const result = await runExport({
        outDir,
        format: opts.format as ExportFormat,
        includeUnreviewed: Boolean(opts.includeUnreviewed),
        output: opts.output ?? null,
        decisions: opts.decisions ?? null,
      });
      const b = result.byReview;
      const left = [`${b.rejected} rejected`, opts.includeUnreviewed ? null : `${b.needs_review} unreviewed`].filter(Boolean).join(', ');
      process.stderr.write(`zhstat: exported ${result.written} records (${left} left out) → ${result.output} (schema: ${result.schema})\n`);
    });
}
