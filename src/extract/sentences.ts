/** Sentences and clauses of an article's normalized text: lines are paragraphs. */
import { CodeUnitSet } from '../text/codeUnitSet';
import { isBlank } from './words';

export interface Sentence {
  start: number;
  end: number;
  paragraph: number;
}

// Sets of character codes, not regex tests or text[i]: these run on every character of the text,
// and indexing a string for a CJK character allocates a new one-character string.
const SENTENCE_END_CODES = CodeUnitSet.of('。!?！？');
const CLAUSE_BREAK_CODES = CodeUnitSet.of(',;:，；：。!?！？');
/** Closing quotes and brackets stay with the sentence they end. */
const CLOSER_CODES = CodeUnitSet.of('”’」』)]');
const NEWLINE = 0x0a;
const DOT = 0x2e;

/** Splits [from, to) into sentences; a line break always ends a sentence (lines are paragraphs). */
export function splitSentences(text: string, from: number, to: number): Sentence[] {
  const sentences: Sentence[] = [];
  let paragraph = 0;
  let start = from;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === NEWLINE) {
      addSentence(sentences, text, start, i, paragraph);
      paragraph++;
      start = i + 1;
    } else if (SENTENCE_END_CODES.has(c) || (c === DOT && text.startsWith('...', i))) {
      // The rest of an ellipsis and the closing quotes or brackets end with the sentence.
      let end = i + 1;
      while (end < to && text.charCodeAt(end) === DOT) end++;
      while (end < to && CLOSER_CODES.has(text.charCodeAt(end))) end++;
      addSentence(sentences, text, start, end, paragraph);
      start = end;
      i = end - 1;
    }
  }
  addSentence(sentences, text, start, to, paragraph);
  return sentences;
}

/** Adds text[start, end) unless it is blank. */
function addSentence(sentences: Sentence[], text: string, start: number, end: number, paragraph: number): void {
  if (!isBlank(text, start, end)) sentences.push({ start, end, paragraph });
}

export function clauseStartBefore(text: string, sentenceStart: number, pos: number): number {
  for (let i = pos - 1; i >= sentenceStart; i--) if (CLAUSE_BREAK_CODES.has(text.charCodeAt(i))) return i + 1;
  return sentenceStart;
}

/** Where the clause that starts at `from` ends: at the next clause break before `to`, else at `to`. */
export function clauseEndAfter(text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) if (CLAUSE_BREAK_CODES.has(text.charCodeAt(i))) return i;
  return to;
}
