/**
 * Why a record is in the review queue, in words, from the same threshold and flags the pipeline
 * decides with (record/build.ts), and what each flag means. Pure.
 */
import { REVIEW_CONFIDENCE, REVIEW_FLAGS } from '../record/build';
import type { StatRecord } from '../record/schema';

export interface Reason {
  code: string;
  text: string;
}

/** What each flag says about a record, for a reviewer. */
export const FLAG_WORDS: Readonly<Record<string, string>> = {
  city_from_context: 'The sentence names no city; the city was taken from the article (headline, lead or paper).',
  city_unknown: 'No city could be determined for this figure.',
  period_year_unknown: 'The year of the period is not stated and the document gives no date to resolve it.',
  period_year_from_date: 'The year of the period was taken from the publication date.',
  period_inherited: 'The period was inherited from an earlier clause, the article lead or the title.',
  period_year_from_context: 'The year of 全年/年末 was taken from the period the article dated before it.',
  metric_unknown: 'No indicator rule names this metric: check the metric name.',
  metric_missing: 'No metric could be found near the figure.',
  table_cell: 'A table cell: metric and unit come from the row header, year and status from the column header.',
  table_alignment_guessed: 'A table row with fewer cells than the table has columns: its cells were aligned to the last columns. Check the column (year or measure) of this cell.',
  duplicate: 'The same figure was extracted more than once.',
  subject_level: 'The figure is about something narrower than a region (a company, project, park…).',
  chinese_numeral: 'The number is written in Chinese numerals: check the value.',
  number_in_words: 'The number is written in words (nine percent): check the value.',
  replacement_char: 'The sentence holds a character decoded from invalid bytes (\uFFFD): check the figure against the original file.',
  sign_repeated: 'A fall is written with a minus as well (下降负3.2%): read as a fall (-3.2); check what the writer meant.',
  city_group: 'The figure holds for each of several places named together; the record has the first of them: add the others.',
};

export function flagWords(flag: string): string {
  if (FLAG_WORDS[flag]) return FLAG_WORDS[flag];
  if (flag.startsWith('published_from_')) return `The publication date came from the ${flag.slice('published_from_'.length).replace(/_/g, ' ')}.`;
  return 'No explanation for this flag yet.';
}

/**
 * The reasons a record is (or was) queued. `flagged`: the pipeline queued it; `sampleRate`: it was
 * drawn into the random sample of auto records at that rate. A queued record always gets at least
 * one reason; `unexplained` is the last resort, for a record queued by a rule this code does not know.
 */
export function reviewReasons(record: StatRecord, flagged: boolean, sampleRate: number | null): Reason[] {
  const reasons: Reason[] = [];
  for (const flag of record.flags) {
    if (REVIEW_FLAGS.has(flag)) reasons.push({ code: flag, text: flagWords(flag) });
  }
  const shown = record.confidence.toFixed(2);
  if (record.confidence < REVIEW_CONFIDENCE) {
    reasons.push({ code: 'low_confidence', text: `The rules are unsure of this figure: confidence ${shown} is under the review threshold ${REVIEW_CONFIDENCE}.` });
  }
  if (!flagged && sampleRate !== null) {
    reasons.push({ code: 'sample', text: `A random sample of ${formatRate(sampleRate)} of the records the pipeline took as sure, to measure how often they are right.` });
  }
  if (flagged && reasons.length === 0) reasons.push({ code: 'unexplained', text: 'The pipeline sent this record to review without a reason this page knows.' });
  return reasons;
}

export function formatRate(rate: number): string {
  return `${Number((rate * 100).toPrecision(3))}%`;
}
