/**
 * `npm run calibrate`: fits the confidence model to the development sets' gold and writes it to
 * rules/confidence.yaml, with the curves that show what it does in docs/calibration.md.
 *
 * Each set is extracted as `npm run eval` does; every record is labelled right (every field agrees
 * with a gold fact) or wrong (a field disagrees, or no gold fact is there). The L2 penalty is chosen
 * by cross-validation over whole files, and the curves are those of files each fold left out: the
 * hidden held-out set is other files, so in-sample figures would flatter the model.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { stringify } from 'yaml';
import { evaluateFiles } from './eval';
import { writeFileAtomic } from '../output/atomic';
import { DEV_SETS, ROOT, extractDevSet } from './dev-sets';
import { confidenceFeatures, logistic } from '../record/confidence';
import { REVIEW_CONFIDENCE, isForcedReview } from '../record/build';
import {
  crossValidatedConfidence, fitConfidenceModel, lowestThresholdFor, reliabilityBins, thresholdCurve,
  type FitOptions, type Sample, type ThresholdRow,
} from '../eval/calibration';
import type { StatRecord } from '../record/schema';

const FOLDS = 5;
const L2_CANDIDATES = [0.003, 0.01, 0.03, 0.1];
const MIN_COUNT = 5;
const ITERATIONS = 3000;
/** The precision auto records are held to (issue 13): the threshold recommended is the lowest that reaches it on held-out files. */
const TARGET_PRECISION = 0.95;
const THRESHOLDS = Array.from({ length: 40 }, (_, i) => Math.round((0.6 + i * 0.01) * 100) / 100);
const BIN_EDGES = [0, 0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 1];

interface LabelledSet {
  readonly name: string;
  readonly samples: Sample[];
}

function labelSet(set: (typeof DEV_SETS)[number]): LabelledSet | string {
  const extracted = extractDevSet(set);
  if ('error' in extracted) return extracted.error;
  const evaluation = evaluateFiles(extracted.options);
  if ('usageError' in evaluation) return `${set.name}: ${evaluation.usageError}`;
  const verdict = new Map<string, boolean>();
  for (const file of evaluation.match.files) {
    for (const pair of file.pairs) if (pair.prediction.id) verdict.set(pair.prediction.id, pair.correct);
    for (const p of file.unmatchedPredictions) if (p.id) verdict.set(p.id, false);
  }
  const samples: Sample[] = [];
  for (const line of fs.readFileSync(extracted.options.pred, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const record = JSON.parse(line) as StatRecord;
    const right = verdict.get(record.id);
    if (right === undefined) continue; // a file without gold
    samples.push({ features: confidenceFeatures(record), right, forcedReview: isForcedReview(record.flags), group: `${set.slug}/${record.doc.file}` });
  }
  return { name: set.name, samples };
}

function logLoss(samples: readonly Sample[], scores: readonly number[]): number {
  let sum = 0;
  samples.forEach((s, i) => {
    const p = Math.min(1 - 1e-9, Math.max(1e-9, scores[i]!));
    sum -= s.right ? Math.log(p) : Math.log(1 - p);
  });
  return sum / Math.max(1, samples.length);
}

const pct = (x: number | null) => (x === null ? '–' : x.toFixed(3));

function curveTable(rows: readonly ThresholdRow[]): string {
  const lines = ['| threshold | auto share | auto precision |', '|---|---|---|'];
  for (const r of rows) lines.push(`| ${r.threshold.toFixed(2)} | ${pct(r.autoShare)} | ${pct(r.autoPrecision)} |`);
  return lines.join('\n');
}

async function main(): Promise<number> {
  const sets: LabelledSet[] = [];
  for (const set of DEV_SETS) {
    const labelled = labelSet(set);
    if (typeof labelled === 'string') {
      process.stderr.write(`npm run calibrate: ${labelled}\n`);
      return 1;
    }
    sets.push(labelled);
  }
  const all = sets.flatMap((s) => s.samples);
  if (all.length === 0) {
    process.stderr.write('npm run calibrate: the development sets gave no records to fit on\n');
    return 1;
  }

  const tried = L2_CANDIDATES.map((l2) => {
    const options: FitOptions = { l2, minCount: MIN_COUNT, iterations: ITERATIONS };
    const scores = crossValidatedConfidence(all, FOLDS, options);
    return { options, scores, loss: logLoss(all, scores) };
  });
  const best = tried.reduce((a, b) => (b.loss < a.loss ? b : a));
  const model = fitConfidenceModel(all, best.options);

  const weights = Object.fromEntries([...model.weights].filter(([, w]) => Math.abs(w) >= 0.0005).map(([f, w]) => [f, Math.round(w * 1000) / 1000]));
  const file = {
    version: 1,
    fitted: { records: all.length, sets: sets.map((s) => s.name), l2: best.options.l2, minCount: MIN_COUNT },
    bias: Math.round(model.bias * 1000) / 1000,
    weights,
  };
  const header = '# The confidence model: a record\'s confidence is 1 / (1 + e^-(bias + the weights of its features)).\n' +
    '# Written by `npm run calibrate` from the development sets\' gold; re-run it rather than editing by hand.\n' +
    '# Features: trace:<rule id>, flag:<flag>, kind:, status:, metric:, city:, period:, approx (record/confidence.ts).\n';
  await writeFileAtomic(path.join(ROOT, 'rules', 'confidence.yaml'), header + stringify(file, { lineWidth: 0 }));

  // Held-out scores, grouped per set in the order of `all`.
  const cvCurve = thresholdCurve(all, best.scores, THRESHOLDS);
  const recommended = lowestThresholdFor(cvCurve, TARGET_PRECISION);
  let offset = 0;
  const perSet = sets.map((s) => {
    const scores = best.scores.slice(offset, offset + s.samples.length);
    offset += s.samples.length;
    return { name: s.name, samples: s.samples, scores };
  });
  const atThreshold = (samples: readonly Sample[], scores: readonly number[]) => thresholdCurve(samples, scores, [REVIEW_CONFIDENCE])[0]!;

  const doc: string[] = [
    '# Confidence calibration',
    '',
    'Written by `npm run calibrate` (src/cli/calibrate.ts); do not edit by hand. A record\'s `confidence` is the',
    'estimated chance that it is right in every field the eval judges (city, metric, period, kind, status): a',
    'logistic model over the rules that read it (`trace`), its `flags` and a few facts of its fields, with',
    'weights in `rules/confidence.yaml` fitted on the development sets\' gold. Records below the review',
    `threshold (\`REVIEW_CONFIDENCE\` = ${REVIEW_CONFIDENCE}, src/record/build.ts) or with a flag that always asks for a`,
    'reviewer go to review; the rest are `auto`.',
    '',
    `Fitted on ${all.length} records (${sets.map((s) => `${s.name} ${s.samples.length}`).join(', ')}); L2 penalty ${best.options.l2}`,
    `chosen by ${FOLDS}-fold cross-validation over whole files (held-out log-loss ${tried.map((t) => `${t.options.l2}: ${t.loss.toFixed(3)}`).join(', ')}).`,
    'Every figure below is on held-out files: each record scored by a model fitted without its file.',
    '',
    '## At the review threshold',
    '',
    '| set | records | auto share | auto precision |',
    '|---|---|---|---|',
    ...perSet.map((s) => {
      const row = atThreshold(s.samples, s.scores);
      return `| ${s.name} | ${s.samples.length} | ${pct(row.autoShare)} | ${pct(row.autoPrecision)} |`;
    }),
    `| all | ${all.length} | ${pct(atThreshold(all, best.scores).autoShare)} | ${pct(atThreshold(all, best.scores).autoPrecision)} |`,
    '',
    `Lowest threshold at which auto precision reaches ${TARGET_PRECISION} on held-out files: ${recommended ? recommended.threshold.toFixed(2) : 'none'}.`,
    '',
    '## Reliability (all sets)',
    '',
    '| confidence | records | mean confidence | share right |',
    '|---|---|---|---|',
    ...reliabilityBins(all, best.scores, BIN_EDGES).map((b) => `| ${b.from.toFixed(2)}–${b.to.toFixed(2)} | ${b.records} | ${pct(b.meanConfidence)} | ${pct(b.rightShare)} |`),
    '',
    '## Threshold curve (all sets)',
    '',
    curveTable(cvCurve),
    '',
    '## Strongest features',
    '',
    'Weights in log-odds (positive: records that carry it are right more often).',
    '',
    '| feature | weight |',
    '|---|---|',
    ...[...model.weights].sort((a, b) => Math.abs(b[1]) - Math.abs(a[1])).slice(0, 25).map(([f, w]) => `| \`${f}\` | ${w.toFixed(2)} |`),
    '',
  ];
  await writeFileAtomic(path.join(ROOT, 'docs', 'calibration.md'), doc.join('\n'));

  process.stdout.write(`fitted on ${all.length} records, l2 ${best.options.l2}, bias ${model.bias.toFixed(2)} (base rate ${logistic(model.bias).toFixed(2)})\n`);
  for (const s of perSet) {
    const row = atThreshold(s.samples, s.scores);
    process.stdout.write(`${s.name.padEnd(14)} held-out at ${REVIEW_CONFIDENCE}: auto ${pct(row.autoShare)}, auto P ${pct(row.autoPrecision)}\n`);
  }
  process.stdout.write(`lowest threshold reaching auto P ${TARGET_PRECISION} held-out: ${recommended ? `${recommended.threshold.toFixed(2)} (auto ${pct(recommended.autoShare)})` : 'none'}\n`);
  process.stdout.write('wrote rules/confidence.yaml and docs/calibration.md\n');
  return 0;
}

main().then((code) => {
  process.exitCode = code;
});
