/**
 * The whole evaluation as one pure function over already-read texts: parse gold and predictions,
 * locate gold facts in their decoded inputs, match, score. The CLI only reads files and prints.
 */
import type { GoldFact, GoldParseError, LocatedGoldFact, UnlocatableGoldFact } from './gold';
import { locateGoldFacts, parseGoldJsonl } from './gold';
import { matchAll, type MatchResult } from './match';
import type { PredictionParseError } from './prediction';
import { parsePredictionsJsonl } from './prediction';
import type { EvalResult } from './score';
import { scoreEvaluation } from './score';

export interface GoldFileText {
  /** Basename stem shared by the gold file and its input file. */
  readonly stem: string;
  readonly text: string;
}

export interface EvaluationInput {
  readonly goldFiles: readonly GoldFileText[];
  /**
   * Decoded input text (BOM removed) by stem, or a string explaining why it is unavailable
   * (missing, ambiguous, undecodable); the facts of such a file are reported as unlocatable.
   */
  readonly inputs: ReadonlyMap<string, { text: string } | { problem: string }>;
  readonly predictionsText: string;
}

export interface Evaluation {
  readonly result: EvalResult;
  /** Which prediction went with which gold fact, per file: the verdict on each record. */
  readonly match: MatchResult;
  readonly goldErrors: GoldParseError[];
  readonly predictionErrors: PredictionParseError[];
}

export function evaluate(input: EvaluationInput): Evaluation {
  const goldErrors: GoldParseError[] = [];
  const located: LocatedGoldFact[] = [];
  const unlocatable: UnlocatableGoldFact[] = [];
  for (const file of input.goldFiles) {
    const parsed = parseGoldJsonl(file.text, file.stem);
    goldErrors.push(...parsed.errors);
    const source = input.inputs.get(file.stem) ?? { problem: 'no input file with this stem' };
    if ('problem' in source) {
      unlocatable.push(...parsed.facts.map((fact: GoldFact) => ({ fact, reason: source.problem })));
      continue;
    }
    const found = locateGoldFacts(parsed.facts, source.text);
    located.push(...found.located);
    unlocatable.push(...found.unlocatable);
  }
  const predictions = parsePredictionsJsonl(input.predictionsText);
  const match = matchAll(
    input.goldFiles.map((f) => f.stem),
    located,
    predictions.predictions,
  );
  return {
    result: scoreEvaluation(match, unlocatable),
    match,
    goldErrors,
    predictionErrors: predictions.errors,
  };
}
