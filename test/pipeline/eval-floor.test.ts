/**
 * Quality can only ratchet up: each development set's scores must stay at or above a floor set
 * just under what the pipeline achieves. Raise a floor when quality improves. The records are the
 * ones `zhstat extract` writes (test/pipeline/cli-equals-in-process.test.ts holds the two equal).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extractOne } from '../../src/run/extract-one';
import { evaluate } from '../../src/eval/evaluate';
import { bundledRules } from '../support/extract';

const ROOT = path.join(__dirname, '..', '..');

interface Floor {
  f1: number;
  precision: number;
  recall: number;
  detectionRecall: number;
  /** Share of `auto` records right in every field. */
  autoPrecision: number;
  /** Share of records that go out `auto`: precision bought by sending everything to review does not count. */
  autoShare: number;
}

const SETS: { name: string; inputs: string; gold: string; floor: Floor }[] = [
  { name: 'seeds', inputs: 'seeds', gold: 'fixtures/gold', floor: { f1: 0.92, precision: 0.88, recall: 0.96, detectionRecall: 0.99, autoPrecision: 0.97, autoShare: 0.66 } },
  { name: 'dev2 Chinese', inputs: 'fixtures/dev2/zh/texts', gold: 'fixtures/dev2/zh/gold', floor: { f1: 0.941, precision: 0.933, recall: 0.948, detectionRecall: 0.985, autoPrecision: 0.979, autoShare: 0.84 } },
  { name: 'dev2 English', inputs: 'fixtures/dev2/en/texts', gold: 'fixtures/dev2/en/gold', floor: { f1: 0.915, precision: 0.925, recall: 0.9, detectionRecall: 0.95, autoPrecision: 0.98, autoShare: 0.87 } },
];

function scoreSet(inputsDir: string, goldDir: string) {
  const rules = bundledRules();
  const inputNames = fs.readdirSync(path.join(ROOT, inputsDir)).filter((n) => !n.endsWith('.meta.json')).sort();
  const records = inputNames.flatMap((name) => extractOne(path.join(ROOT, inputsDir, name), rules, null).records);
  const goldFiles = fs
    .readdirSync(path.join(ROOT, goldDir))
    .filter((n) => n.endsWith('.jsonl'))
    .sort()
    .map((name) => ({ stem: path.parse(name).name, text: fs.readFileSync(path.join(ROOT, goldDir, name), 'utf8') }));
  const inputs = new Map(inputNames.map((n) => [path.parse(n).name, { text: fs.readFileSync(path.join(ROOT, inputsDir, n), 'utf8') }]));
  return evaluate({ goldFiles, inputs, predictionsText: records.map((r) => JSON.stringify(r)).join('\n') });
}

test.each(SETS)('$name: full-record F1, precision, recall, detection recall, auto precision and auto share stay above the floor', ({ inputs, gold, floor }) => {
  const { result, goldErrors } = scoreSet(inputs, gold);
  expect(goldErrors).toEqual([]);
  expect(result.unlocatable).toEqual([]);
  expect(result.total.f1).toBeGreaterThanOrEqual(floor.f1);
  expect(result.total.precision).toBeGreaterThanOrEqual(floor.precision);
  expect(result.total.recall).toBeGreaterThanOrEqual(floor.recall);
  expect(result.total.detectionRecall).toBeGreaterThanOrEqual(floor.detectionRecall);
  expect(result.total.autoPrecision).toBeGreaterThanOrEqual(floor.autoPrecision);
  expect(result.total.autoShare).toBeGreaterThanOrEqual(floor.autoShare);
});
