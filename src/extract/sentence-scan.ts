/**
 * The prefilters of the period and the value parsers as one table (see Prefilter): one pass over a
 * sentence tells which patterns of either can match in it, where each parser would otherwise read
 * every sentence again for its own.
 */
import { Prefilter, type PossiblePatterns } from '../rules/prefilter';
import type { RuleSet } from '../rules/ruleset';
import { prefilteredValuePatterns } from './values';

/**
 * Tells, sentence by sentence, which patterns of each parser (by their index in its own list) can
 * match in the sentence last scanned. One scanner serves an article's sentences in turn: it keeps
 * one table of bits and one pair of functions for all, where a scan that returned its own would
 * allocate them for every sentence.
 */
export class SentenceScanner {
  /** The period patterns that can match in the sentence last scanned. */
  readonly periods: PossiblePatterns;
  /** The value patterns that can match in the sentence last scanned. */
  readonly values: PossiblePatterns;
  private readonly prefilter: Prefilter;
  private readonly found: Uint32Array;

  constructor(rules: RuleSet) {
    const { prefilter, firstValue } = sentencePatterns(rules);
    this.prefilter = prefilter;
    this.found = prefilter.bitsBuffer();
    this.periods = (index) => prefilter.has(this.found, index);
    this.values = (index) => prefilter.has(this.found, firstValue + index);
  }

  /** Scans text[from, to): `periods` and `values` then answer for it. */
  scan(text: string, from: number, to: number): void {
    this.prefilter.candidatesInto(this.found, text, from, to);
  }
}

interface SentencePatterns {
  prefilter: Prefilter;
  /** Index of the first value pattern: the period patterns come first. */
  firstValue: number;
}

const cache = new WeakMap<RuleSet, SentencePatterns>();

function sentencePatterns(rules: RuleSet): SentencePatterns {
  let patterns = cache.get(rules);
  if (!patterns) {
    const periods = rules.periods.patterns.map((p) => p.pattern);
    patterns = { prefilter: Prefilter.forPatterns([...periods, ...prefilteredValuePatterns(rules)]), firstValue: periods.length };
    cache.set(rules, patterns);
  }
  return patterns;
}
