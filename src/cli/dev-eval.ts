/**
 * `npm run eval`: extracts each development set with `zhstat extract` — the path users run, worker
 * threads included — and scores it against its gold: the seeds, dev2 Chinese and dev2 English.
 * Prints each set's report, then one line per set. `--verbose` lists every miss and wrong field.
 */
import { evaluateFiles, reportInvalidLines } from './eval';
import { DEV_SETS, extractDevSet } from './dev-sets';
import { formatSetsTable, formatSummary } from '../eval/report';
import type { Score } from '../eval/score';

function main(argv: string[]): number {
  const verbose = argv.includes('--verbose');
  const totals: { name: string; total: Score }[] = [];
  let failed = false;
  for (const set of DEV_SETS) {
    const extracted = extractDevSet(set);
    if ('error' in extracted) {
      process.stderr.write(`npm run eval: ${extracted.error}\n`);
      failed = true;
      continue;
    }
    const { options } = extracted;
    const evaluation = evaluateFiles(options);
    if ('usageError' in evaluation) {
      process.stderr.write(`npm run eval: ${set.name}: ${evaluation.usageError}\n`);
      failed = true;
      continue;
    }
    process.stdout.write(`\n== ${set.name} (${set.inputs}) ==\n`);
    process.stdout.write(formatSummary(evaluation.result, { verbose }));
    if (reportInvalidLines(evaluation, options, { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t) }) > 0) failed = true;
    totals.push({ name: set.name, total: evaluation.result.total });
  }
  process.stdout.write('\n' + formatSetsTable(totals));
  return failed ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
