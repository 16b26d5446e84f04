/**
 * Quality can only ratchet up: the dev-set scores (seeds against fixtures/gold) must stay at or
 * above a floor set just under what the pipeline achieves. Raise the floor when quality improves.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { processFile } from '../../src/pipeline/process-file';
import { evaluate } from '../../src/eval/evaluate';
import { bundledRules } from '../support/extract';

const ROOT = path.join(__dirname, '..', '..');
const FLOOR = { f1: 0.895, precision: 0.845, recall: 0.945, detectionRecall: 0.99 };

test('dev gold: full-record F1, precision, recall and detection recall stay above the floor', () => {
  const rules = bundledRules();
  const seeds = fs.readdirSync(path.join(ROOT, 'seeds')).filter((n) => n.endsWith('.txt')).sort();
  const records = seeds.flatMap((name) => {
    const file = `seeds/${name}`;
    return processFile({ file, bytes: fs.readFileSync(path.join(ROOT, file)), sidecar: null, publishedOverride: null }, { rules }).records;
  });
  const goldFiles = fs
    .readdirSync(path.join(ROOT, 'fixtures', 'gold'))
    .filter((n) => n.endsWith('.jsonl'))
    .sort()
    .map((name) => ({ stem: path.parse(name).name, text: fs.readFileSync(path.join(ROOT, 'fixtures', 'gold', name), 'utf8') }));
  const inputs = new Map(seeds.map((n) => [path.parse(n).name, { text: fs.readFileSync(path.join(ROOT, 'seeds', n), 'utf8') }]));
  const { result } = evaluate({ goldFiles, inputs, predictionsText: records.map((r) => JSON.stringify(r)).join('\n') });
  expect(result.unlocatable).toEqual([]);
  expect(result.total.f1).toBeGreaterThanOrEqual(FLOOR.f1);
  expect(result.total.precision).toBeGreaterThanOrEqual(FLOOR.precision);
  expect(result.total.recall).toBeGreaterThanOrEqual(FLOOR.recall);
  expect(result.total.detectionRecall).toBeGreaterThanOrEqual(FLOOR.detectionRecall);
});
