/**
 * Word segmentation with nodejieba, taught the rules' vocabulary (indicator names and synonyms,
 * place names) so that 数字经济核心产业增加值 or 平湖市 stay one word. Only short windows around
 * figures are segmented, never whole articles: segmentation is the pipeline's costliest step.
 */
import nodejieba from 'nodejieba';
import type { RuleSet } from '../rules/ruleset';

export interface Token {
  word: string;
  tag: string;
}

/** nodejieba's dictionary is process-wide: teach each rule set's words once. */
const taught = new WeakSet<RuleSet>();
const insertedWords = new Set<string>();

export function teachVocabulary(rules: RuleSet): void {
  if (taught.has(rules)) return;
  const words = [...rules.indicators.dictionaryTerms(), ...rules.gazetteer.dictionaryTerms()];
  for (const word of words) {
    if (word.length >= 2 && !insertedWords.has(word)) {
      nodejieba.insertWord(word);
      insertedWords.add(word);
    }
  }
  taught.add(rules);
}

export function tagWords(text: string): Token[] {
  return text.length === 0 ? [] : nodejieba.tag(text);
}
