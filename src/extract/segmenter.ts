/**
 * Word segmentation with nodejieba, taught the rules' vocabulary (indicator names and synonyms,
 * place names) so that 数字经济核心产业增加值 or 平湖市 stay one word. Only short windows around
 * figures are segmented, never whole articles: segmentation is the pipeline's costliest step.
 */
import { readFileSync } from 'node:fs';
import nodejieba from 'nodejieba';
import type { RuleSet } from '../rules/ruleset';
import { ensureCompactDictionary, type SegmenterDictionary } from './segmenter-dictionary';

/** nodejieba's dictionary is process-wide: teach each rule set's words once. */
const taught = new WeakSet<RuleSet>();
const insertedWords = new Set<string>();

export function teachVocabulary(rules: RuleSet): void {
  if (taught.has(rules)) return;
  ensureDictionary();
  const words = [...rules.indicators.dictionaryTerms(), ...rules.gazetteer.dictionaryTerms()];
  for (const word of words) {
    if (word.length >= 2 && !insertedWords.has(word)) {
      nodejieba.insertWord(word);
      insertedWords.add(word);
      wordTags?.set(word, TAUGHT_WORD_TAG);
    }
  }
  taught.add(rules);
}

let dictionaryInUse: string | null = null;

/**
 * Every path segments with the compact dictionary unless told otherwise before its first word:
 * the CLI's workers, `processFile` in-process and the `extract` API give the same records.
 */
function ensureDictionary(): void {
  if (dictionaryInUse === null) useDictionary(ensureCompactDictionary());
}

/** Segments with `dictionary` from now on (before any word is taught). */
export function useDictionary(dictionary: SegmenterDictionary): void {
  if (dictionaryInUse === dictionary.dict) return;
  nodejieba.load({ dict: dictionary.dict, idfDict: dictionary.idf });
  dictionaryInUse = dictionary.dict;
  wordTags = null;
}

/**
 * Whether nodejieba.tag tags a word of `text` as a verb ('v'). nodejieba.tag cuts as nodejieba.cut
 * does, then looks every word up again in its dictionary and builds an object per word through
 * N-API, which costs more than the cutting: here the words are cut, and their tags read from the
 * same dictionary, loaded in a Map (see wordTag), up to the first verb.
 */
export function holdsVerb(text: string): boolean {
  return cutWords(text).some((word) => wordTag(word) === 'v');
}

/** The tag nodejieba gives a word inserted without one (insertWord's default). */
const TAUGHT_WORD_TAG = 'x';

/** Every word nodejieba's dictionary tags, with its tag: the dictionary file, the user dictionary, the words taught. */
let wordTags: Map<string, string> | null = null;

/** nodejieba's file paths, which its typings omit. */
const jiebaFiles = nodejieba as unknown as { DEFAULT_DICT: string; DEFAULT_USER_DICT: string };

function loadWordTags(): Map<string, string> {
  const tags = new Map<string, string>();
  // Lines `word freq tag` (nodejieba loads no other); a later line for the same word replaces the
  // earlier, as in nodejieba's trie. Read by index: splitting every line costs several times more.
  const dictionary = readFileSync(dictionaryInUse ?? jiebaFiles.DEFAULT_DICT, 'utf8');
  for (let start = 0; start < dictionary.length; ) {
    let lineEnd = dictionary.indexOf('\n', start);
    if (lineEnd < 0) lineEnd = dictionary.length;
    const wordEnd = dictionary.indexOf(' ', start);
    const tagStart = dictionary.lastIndexOf(' ', lineEnd - 1) + 1;
    if (wordEnd > start && wordEnd < lineEnd) tags.set(dictionary.slice(start, wordEnd), dictionary.slice(tagStart, lineEnd));
    start = lineEnd + 1;
  }
  // Lines `word`, `word tag` or `word freq tag`: a word with no tag is tagged as an unknown word.
  for (const line of readFileSync(jiebaFiles.DEFAULT_USER_DICT, 'utf8').split('\n')) {
    const fields = line.split(' ');
    if (fields.length >= 1 && fields.length <= 3 && fields[0].length > 0) tags.set(fields[0], fields.length === 1 ? '' : fields[fields.length - 1]);
  }
  for (const word of insertedWords) tags.set(word, TAUGHT_WORD_TAG);
  return tags;
}

/**
 * The tag nodejieba.tag gives a word it cut: the dictionary's, else by its ASCII characters as
 * nodejieba's PosTagger.SpecialRule decides. For callers that need the tags of only some words.
 */
export function wordTag(word: string): string {
  wordTags ??= loadWordTags();
  const tag = wordTags.get(word);
  if (tag) return tag;
  const characters = [...word];
  let ascii = 0;
  let digits = 0;
  // SpecialRule stops counting once half the characters (rounded down) are ASCII.
  for (let i = 0; i < characters.length && ascii < Math.floor(characters.length / 2); i++) {
    const code = characters[i].codePointAt(0) ?? 0;
    if (code < 0x80) {
      ascii++;
      if (code >= 0x30 && code <= 0x39) digits++;
    }
  }
  if (ascii === 0) return 'x';
  return digits === ascii ? 'm' : 'eng';
}

/** The words of `text` as nodejieba.tag segments it, without their tags (which cost more than the segmenting). */
export function cutWords(text: string): string[] {
  if (text.length === 0) return [];
  ensureDictionary();
  return nodejieba.cut(text, true);
}
