/**
 * Predictions as eval reads them: only the fields matching and scoring look at.
 *
 * Deliberately looser than RecordSchema — a record may carry extra fields (RECORDS.md), and eval
 * must still score output from an older or newer extractor — but the fields it does read must be
 * well-typed, otherwise the score would be meaningless.
 */
import { z } from 'zod';
import { KINDS, STATUSES } from '../record/schema';
import { parseJsonLines } from './jsonl';

const month = z.number().int().min(1).max(12).nullable();

export const PredictionPeriodSchema = z.object({
  text: z.string().optional(),
  year: z.number().int().nullable(),
  endYear: z.number().int().nullable(),
  startMonth: month,
  endMonth: month,
});

export const PredictionSchema = z.object({
  id: z.string().optional(),
  doc: z.object({ file: z.string().min(1) }),
  city: z.object({ name: z.string() }).nullable(),
  metric: z.object({ name: z.string() }),
  kind: z.enum(KINDS),
  status: z.enum(STATUSES),
  period: PredictionPeriodSchema.nullable(),
  normalized: z.object({ value: z.number().finite() }),
  span: z.tuple([z.number().int().min(0), z.number().int().min(0)]),
  quote: z.string().optional(),
  sentence: z.string().optional(),
  /** The review state; eval counts the `auto` ones apart (what a downstream dataset takes unread). */
  review: z.string().optional(),
});

export type PredictionLine = z.infer<typeof PredictionSchema>;
export type PredictionPeriod = z.infer<typeof PredictionPeriodSchema>;

export interface Prediction extends PredictionLine {
  /** 1-based line number in the predictions file. */
  readonly line: number;
}

export interface PredictionParseError {
  readonly line: number;
  readonly message: string;
}

export interface ParsedPredictions {
  readonly predictions: Prediction[];
  readonly errors: PredictionParseError[];
}

/** Parses records.jsonl; blank lines are skipped, bad lines reported with their number. */
export function parsePredictionsJsonl(text: string): ParsedPredictions {
  const predictions: Prediction[] = [];
  const errors: PredictionParseError[] = [];
  for (const entry of parseJsonLines(text, PredictionSchema)) {
    const line = entry.line;
    if (!entry.ok) {
      errors.push({ line, message: entry.message });
      continue;
    }
    if (entry.value.span[1] <= entry.value.span[0]) {
      errors.push({ line, message: 'span: end must be after start' });
      continue;
    }
    predictions.push({ ...entry.value, line });
  }
  return { predictions, errors };
}
