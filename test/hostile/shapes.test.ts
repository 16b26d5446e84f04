/**
 * Text without sentence punctuation (PDF or OCR output, a page scraped onto one line) costs about
 * what the same text with its punctuation costs: time is linear in the input whatever its shape.
 * Ratios of time against the punctuated text, never absolute timings; and the records' `sentence`
 * stays a bounded window around the figure.
 */
import { oneLineWithPunctuation, oneLineWithoutPunctuation } from '../../src/bench/shapes';
import { processFile } from '../../src/pipeline/process-file';
import { bundledRules } from '../support/extract';
import { ARTICLE } from './helpers';

/** The fastest of `rounds` runs (noise on a shared machine only ever adds time). */
function timeOf(text: string, rounds = 3): { ms: number; records: ReturnType<typeof processFile>['records'] } {
  const rules = bundledRules();
  let best = Infinity;
  let records: ReturnType<typeof processFile>['records'] = [];
  for (let i = 0; i < rounds; i++) {
    const started = process.hrtime.bigint();
    records = processFile({ file: 'shape.txt', bytes: Buffer.from(text, 'utf8'), sidecar: {}, publishedOverride: null }, { rules }).records;
    best = Math.min(best, Number(process.hrtime.bigint() - started) / 1e6);
  }
  return { ms: best, records };
}

describe('hostile shapes', () => {
  // Before bounded sentences, 256 K characters without punctuation took 24 s (cubic growth); 
  // 200 K characters are enough for a superlinear cost to show as a large ratio.
  const CHARS = 200_000;

  beforeAll(() => {
    timeOf(ARTICLE, 1); // loads the segmenter and compiles the rules outside the timings
  });

  test('one line without punctuation: at most 3× the time of the same text with it; sentences bounded', () => {
    const punctuated = timeOf(oneLineWithPunctuation(ARTICLE, CHARS));
    const bare = timeOf(oneLineWithoutPunctuation(ARTICLE, CHARS));
    expect(bare.ms / punctuated.ms).toBeLessThan(3);
    expect(bare.records.length).toBeGreaterThan(0);
    for (const record of bare.records) expect(record.sentence.length).toBeLessThanOrEqual(1500);
  });

  test('43,690 × 一 and long digit runs: at most 3× the time of punctuated text of the same length', () => {
    const punctuated = timeOf(oneLineWithPunctuation(ARTICLE, 43_690));
    const ones = timeOf('一'.repeat(43_690));
    const digits = timeOf('7'.repeat(43_690));
    expect(ones.ms / punctuated.ms).toBeLessThan(3);
    expect(digits.ms / punctuated.ms).toBeLessThan(3);
  });

  test('time grows linearly: four times the text without punctuation takes under eight times as long', () => {
    const small = timeOf(oneLineWithoutPunctuation(ARTICLE, CHARS / 4));
    const large = timeOf(oneLineWithoutPunctuation(ARTICLE, CHARS));
    expect(large.ms / small.ms).toBeLessThan(8);
  });
});
