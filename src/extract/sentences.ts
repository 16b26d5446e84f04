/** Sentences and clauses of an article's normalized text: lines are paragraphs. */

export interface Sentence {
  start: number;
  end: number;
  paragraph: number;
}

const SENTENCE_END = /[。!?！？]/u;
export const CLAUSE_BREAK = /[,;:，；：。!?！？]/u;

/** Splits [from, to) into sentences; a line break always ends a sentence (lines are paragraphs). */
export function splitSentences(text: string, from: number, to: number): Sentence[] {
  const sentences: Sentence[] = [];
  let paragraph = 0;
  let start = from;
  const push = (end: number) => {
    if (text.slice(start, end).trim().length > 0) sentences.push({ start, end, paragraph });
  };
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === '\n') {
      push(i);
      paragraph++;
      start = i + 1;
    } else if (SENTENCE_END.test(c) || (c === '.' && text.startsWith('...', i))) {
      // Keep closing quotes/brackets (and the rest of an ellipsis) with the sentence they end.
      let end = i + 1;
      while (end < to && text[end] === '.') end++;
      while (end < to && /[”’」』)\]]/u.test(text[end])) end++;
      push(end);
      start = end;
      i = end - 1;
    }
  }
  push(to);
  return sentences;
}

export function clauseStartBefore(text: string, sentenceStart: number, pos: number): number {
  for (let i = pos - 1; i >= sentenceStart; i--) if (CLAUSE_BREAK.test(text[i])) return i + 1;
  return sentenceStart;
}
