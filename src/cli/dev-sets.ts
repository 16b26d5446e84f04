/** The project's development sets, and how `npm run eval` and `npm run calibrate` extract them: with `zhstat extract`, the path users run. */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

export const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'zhstat.js');

export interface DevSet {
  readonly name: string;
  readonly slug: string;
  /** Inputs (with their sidecars) and the gold written for them, relative to the project. */
  readonly inputs: string;
  readonly gold: string;
}

export const DEV_SETS: readonly DevSet[] = [
  { name: 'seeds', slug: 'seeds', inputs: 'seeds', gold: 'fixtures/gold' },
  { name: 'dev2 Chinese', slug: 'dev2-zh', inputs: 'fixtures/dev2/zh/texts', gold: 'fixtures/dev2/zh/gold' },
  { name: 'dev2 English', slug: 'dev2-en', inputs: 'fixtures/dev2/en/texts', gold: 'fixtures/dev2/en/gold' },
];

/** Runs `zhstat extract` over the set into output/eval/<slug>; the records file, or an error to print. */
export function extractDevSet(set: DevSet): { options: { gold: string; pred: string; inputs: string } } | { error: string } {
  const out = path.join(ROOT, 'output', 'eval', set.slug);
  const run = spawnSync(process.execPath, [CLI, 'extract', set.inputs, '--out', out, '--quiet'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) return { error: `zhstat extract ${set.inputs} failed (exit ${run.status})` };
  const records = path.join(out, 'records.jsonl');
  return { options: { gold: path.join(ROOT, set.gold), pred: records, inputs: path.join(ROOT, set.inputs) } };
}
