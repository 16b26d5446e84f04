/**
 * `npm run eval`: extracts each development set with `zhstat extract` — the path users run, worker
 * threads included — and scores it against its gold: the seeds, dev2 Chinese and dev2 English.
 * Prints each set's report, then one line per set. `--verbose` lists every miss and wrong field.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { evaluateFiles, reportInvalidLines } from './eval';
import { formatSetsTable, formatSummary } from '../eval/report';
import type { Score } from '../eval/score';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'zhstat.js');

/** The project's development sets: inputs (with their sidecars) and the gold written for them. */
const DEV_SETS = [
  { name: 'seeds', slug: 'seeds', inputs: 'seeds', gold: 'fixtures/gold' },
  { name: 'dev2 Chinese', slug: 'dev2-zh', inputs: 'fixtures/dev2/zh/texts', gold: 'fixtures/dev2/zh/gold' },
  { name: 'dev2 English', slug: 'dev2-en', inputs: 'fixtures/dev2/en/texts', gold: 'fixtures/dev2/en/gold' },
];

function main(argv: string[]): number {
  const verbose = argv.includes('--verbose');
  const totals: { name: string; total: Score }[] = [];
  let failed = false;
  for (const set of DEV_SETS) {
    const out = path.join(ROOT, 'output', 'eval', set.slug);
    const run = spawnSync(process.execPath, [CLI, 'extract', set.inputs, '--out', out, '--quiet'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    if (run.status !== 0) {
      process.stderr.write(`npm run eval: zhstat extract ${set.inputs} failed (exit ${run.status})\n`);
      failed = true;
      continue;
    }
    const options = { gold: path.join(ROOT, set.gold), pred: path.join(out, 'records.jsonl'), inputs: path.join(ROOT, set.inputs) };
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
