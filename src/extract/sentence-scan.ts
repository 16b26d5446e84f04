/**
 * The prefilters of the period and the value parsers as one table (see Prefilter): one pass over a
 * sentence tells which patterns of either can match in it, where each parser would otherwise read
 * every sentence again for its own.
 */
import { Prefilter, type PossiblePatterns } from '../rules/prefilter';
import type { RuleSet } from '../rules/ruleset';
import { prefilteredValuePatterns } from './values';

/** Which patterns of each parser (by their index in its own list) can match in the sentence. */
export interface SentenceScan {
  periods: PossiblePatterns;
  values: PossiblePatterns;
}

interface SentencePatterns {
  prefilter: Prefilter;
  /** Index of the first value pattern: the period patterns come first. */
  firstValue: number;
}

const cache = new WeakMap<RuleSet, SentencePatterns>();

export function scanSentence(text: string, from: number, to: number, rules: RuleSet): SentenceScan {
  let patterns = cache.get(rules);
  if (!patterns) {
    const periods = rules.periods.patterns.map((p) => p.pattern);
    patterns = { prefilter: Prefilter.forPatterns([...periods, ...prefilteredValuePatterns(rules)]), firstValue: periods.length };
    cache.set(rules, patterns);
  }
  const { prefilter, firstValue } = patterns;
  const possible = prefilter.possibleIn(text, from, to);
  return { periods: possible, values: (index) => possible(firstValue + index) };
}
