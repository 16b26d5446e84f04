/**
 * `zhstat eval`: scores records.jsonl against gold facts. This layer only reads files and prints;
 * everything else is in src/eval/.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { evaluate, type Evaluation } from '../eval/evaluate';
import { fileStem } from '../eval/gold';
import { decodeBytes } from '../ingest/decode';
import { formatJson, formatSummary } from '../eval/report';

export interface EvalOptions {
  readonly gold: string;
  readonly pred: string;
  readonly inputs: string;
  readonly verbose?: boolean;
  readonly json?: boolean;
}

export interface EvalIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Bytes → text (BOM removed); defaults to the pipeline's decoder. */
  readonly decode?: (bytes: Uint8Array) => { text: string } | { problem: string };
}

/** Exit codes: 0 scored; 1 scored, but some gold or prediction lines were invalid; 2 usage error. */
export const EXIT_OK = 0;
export const EXIT_INVALID_DATA = 1;
export const EXIT_USAGE = 2;

/** Decodes an input exactly as the pipeline does (src/ingest/decode.ts), so gold spans line up with record spans. */
export function decodeInput(bytes: Uint8Array): { text: string } | { problem: string } {
  const decoded = decodeBytes(bytes);
  return decoded.ok ? { text: decoded.text } : { problem: `input not decodable: ${decoded.reason}` };
}

function isDirectory(p: string): boolean {
  return fs.existsSync(p) && fs.statSync(p).isDirectory();
}

function isFile(p: string): boolean {
  return fs.existsSync(p) && fs.statSync(p).isFile();
}

/** The gold, inputs and predictions an evaluation reads, scored; or why they cannot be (a usage error). */
export function evaluateFiles(options: Pick<EvalOptions, 'gold' | 'pred' | 'inputs'>, decode: EvalIo['decode'] = decodeInput): Evaluation | { usageError: string } {
  if (!isDirectory(options.gold)) return { usageError: `--gold ${options.gold} is not a directory of gold *.jsonl files` };
  if (!isFile(options.pred)) return { usageError: `--pred ${options.pred} is not a file; run \`zhstat extract\` first to produce records.jsonl` };
  if (!isDirectory(options.inputs)) return { usageError: `--inputs ${options.inputs} is not a directory holding the files the gold was made from` };
  const goldNames = fs
    .readdirSync(options.gold)
    .filter((name) => name.endsWith('.jsonl'))
    .sort();
  if (goldNames.length === 0) return { usageError: `no *.jsonl gold files in ${options.gold}` };
  const inputNames = fs.readdirSync(options.inputs).filter((name) => isFile(path.join(options.inputs, name)));
  const goldFiles = goldNames.map((name) => ({
    stem: fileStem(name),
    text: fs.readFileSync(path.join(options.gold, name), 'utf8'),
  }));
  const inputs = new Map<string, { text: string } | { problem: string }>();
  for (const { stem } of goldFiles) {
    const matches = inputNames.filter((name) => fileStem(name) === stem);
    if (matches.length === 0) inputs.set(stem, { problem: `no file named ${stem}.* in ${options.inputs}` });
    else if (matches.length > 1) inputs.set(stem, { problem: `several inputs share the stem: ${matches.join(', ')}` });
    else inputs.set(stem, decode(fs.readFileSync(path.join(options.inputs, matches[0]))));
  }
  return evaluate({ goldFiles, inputs, predictionsText: fs.readFileSync(options.pred, 'utf8') });
}

/** Writes the gold's and the predictions' invalid lines to stderr; returns how many there were. */
export function reportInvalidLines(evaluation: Evaluation, options: Pick<EvalOptions, 'gold' | 'pred'>, io: EvalIo): number {
  for (const e of evaluation.goldErrors) io.stderr(`${path.join(options.gold, e.stem + '.jsonl')}:${e.line}: ${e.message}\n`);
  for (const e of evaluation.predictionErrors) io.stderr(`${options.pred}:${e.line}: ${e.message}\n`);
  return evaluation.goldErrors.length + evaluation.predictionErrors.length;
}

/** Runs the evaluation and returns the exit code; all output goes through `io`. */
export function runEval(options: EvalOptions, io: EvalIo): number {
  const usage = 'usage: zhstat eval --gold <dir> --pred <records.jsonl> --inputs <dir> (see zhstat eval --help)';
  const evaluation = evaluateFiles(options, io.decode);
  if ('usageError' in evaluation) {
    io.stderr(`zhstat eval: ${evaluation.usageError}\n${usage}\n`);
    return EXIT_USAGE;
  }
  io.stdout(options.json ? formatJson(evaluation.result) : formatSummary(evaluation.result, { verbose: !!options.verbose }));
  const invalid = reportInvalidLines(evaluation, options, io);
  if (invalid > 0) {
    io.stderr(`zhstat eval: ${invalid} invalid lines were skipped; the score above leaves them out\n`);
    return EXIT_INVALID_DATA;
  }
  return EXIT_OK;
}

export function registerEval(program: Command): void {
  program
    .command('eval')
    .description('score extracted records against gold facts (matching rules: RECORDS.md, "How a prediction is matched to gold")')
    .requiredOption('--gold <dir>', 'directory of gold *.jsonl files, one per input, same stem (e.g. fixtures/gold)')
    .requiredOption('--pred <records.jsonl>', 'records written by `zhstat extract` (e.g. output/records.jsonl)')
    .requiredOption('--inputs <dir>', 'directory of the input files the gold was annotated on (e.g. seeds)')
    .option('--verbose', 'also list every missed required fact, wrong field and false positive, with its text')
    .option('--json', 'print the full result as JSON instead of the summary')
    .addHelpText(
      'after',
      `
Reports detection precision/recall (a record overlapping a gold fact with the same normalized value)
and full-record precision/recall/F1 (also city, kind, status, period and metric right), field errors
and a per-file table. Recall is over required facts; records matching optional facts are checked.

Exit codes: 0 scored; 1 scored but some gold/prediction lines were invalid (listed on stderr);
2 usage error.

Example:
  zhstat eval --gold fixtures/gold --pred output/records.jsonl --inputs seeds --verbose`,
    )
    .action((options: EvalOptions) => {
      process.exitCode = runEval(options, {
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
      });
    });
}
