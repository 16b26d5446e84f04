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

/**
 * The longest sentence kept whole. Text without sentence punctuation (PDF or OCR output, a page
 * scraped onto one line) would otherwise be one sentence of any length, and the work done per
 * sentence grows faster than its length. Well above any sentence of ordinary prose (the longest of
 * the development sets, an English paragraph, is 1,100 characters).
 */
export const MAX_SENTENCE = 1500;
/** Where a long run may be cut: from this far into it, so that no piece is short. */
const MIN_PIECE = MAX_SENTENCE / 2;
const CLAUSE_MARK_CODES = CodeUnitSet.of(',;:，；：、');
const SPACE_CODES = CodeUnitSet.of(' \t\u3000\u00a0');
/** Characters a length cut does not fall between: digits and what joins them into one figure. */
const FIGURE_CODES = CodeUnitSet.of('0123456789.,%');

/** Splits [from, to) into sentences; a line break always ends a sentence (lines are paragraphs).
 * A sentence longer than MAX_SENTENCE is cut into pieces (see addSentence). */
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

/** Adds text[start, end) unless it is blank, cut into pieces of at most MAX_SENTENCE characters. */
function addSentence(sentences: Sentence[], text: string, start: number, end: number, paragraph: number): void {
  while (end - start > MAX_SENTENCE) {
    const cut = cutLongRun(text, start);
    if (!isBlank(text, start, cut)) sentences.push({ start, end: cut, paragraph });
    start = cut;
  }
  if (!isBlank(text, start, end)) sentences.push({ start, end, paragraph });
}

/**
 * Where to end the first piece of a run longer than MAX_SENTENCE starting at `start`: after the last
 * clause mark in the second half of the longest piece, else after its last space, else at the length
 * cap — moved back before a figure it would cut through, and never between a surrogate pair.
 */
function cutLongRun(text: string, start: number): number {
  const cap = start + MAX_SENTENCE;
  for (let i = cap - 1; i >= start + MIN_PIECE; i--) if (CLAUSE_MARK_CODES.has(text.charCodeAt(i))) return i + 1;
  for (let i = cap - 1; i >= start + MIN_PIECE; i--) if (SPACE_CODES.has(text.charCodeAt(i))) return i + 1;
  let cut = cap;
  while (cut > start + MIN_PIECE && FIGURE_CODES.has(text.charCodeAt(cut)) && FIGURE_CODES.has(text.charCodeAt(cut - 1))) cut--;
  const before = text.charCodeAt(cut - 1);
  if (before >= 0xd800 && before <= 0xdbff) cut--;
  return cut;
}

/** Whether the character code ends a clause (or a sentence). */
export function isClauseBreak(code: number): boolean {
  return CLAUSE_BREAK_CODES.has(code);
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
