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

/**
 * The `size` most frequent words of a jieba dictionary (lines `word freq tag`). The full dictionary
 * costs each worker thread about 250 MB; the commonest 50,000 words tag the short windows around
 * figures the same way for a third of that, and the rules' own vocabulary is taught on top.
 */
export function compactDictionary(fullDictionary: string, size: number): string {
  const entries = fullDictionary
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line, order) => ({ line, order, freq: Number(line.split(' ')[1]) || 0 }));
  entries.sort((a, b) => b.freq - a.freq || a.order - b.order);
  return entries
    .slice(0, size)
    .sort((a, b) => a.order - b.order)
    .map((e) => e.line)
    .join('\n') + '\n';
}

/** Files nodejieba loads: its word dictionary and its keyword-extraction IDF table. */
export interface SegmenterDictionary {
  dict: string;
  idf: string;
}

let dictionaryInUse: string | null = null;

/** Segments with `dictionary` from now on (before any word is taught). */
export function useDictionary(dictionary: SegmenterDictionary): void {
  if (dictionaryInUse === dictionary.dict) return;
  nodejieba.load({ dict: dictionary.dict, idfDict: dictionary.idf });
  dictionaryInUse = dictionary.dict;
}

export function tagWords(text: string): Token[] {
  return text.length === 0 ? [] : nodejieba.tag(text);
}

/** The words of `text` as tagWords segments it, without their tags (which cost more than the segmenting). */
export function cutWords(text: string): string[] {
  return text.length === 0 ? [] : nodejieba.cut(text, true);
}
