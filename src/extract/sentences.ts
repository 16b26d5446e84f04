/** Sentences and clauses of an article's normalized text: lines are paragraphs. */

export interface Sentence {
  start: number;
  end: number;
  paragraph: number;
}

// Sets, not regex tests: these run on every character of the text.
const SENTENCE_END_CHARS: ReadonlySet<string> = new Set('。!?！？');
const CLAUSE_BREAK_CHARS: ReadonlySet<string> = new Set(',;:，；：。!?！？');
/** Closing quotes and brackets stay with the sentence they end. */
const CLOSER_CHARS: ReadonlySet<string> = new Set('”’」』)]');
export const CLAUSE_BREAK = new RegExp(`[${[...CLAUSE_BREAK_CHARS].join('')}]`, 'u');

/** Splits [from, to) into sentences; a line break always ends a sentence (lines are paragraphs). */
export function splitSentences(text: string, from: number, to: number): Sentence[] {
  const sentences: Sentence[] = [];
  let paragraph = 0;
  let start = from;
  const push = (end: number) => {
    if (!isBlank(text, start, end)) sentences.push({ start, end, paragraph });
  };
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === '\n') {
      push(i);
      paragraph++;
      start = i + 1;
    } else if (SENTENCE_END_CHARS.has(c) || (c === '.' && text.startsWith('...', i))) {
      // Keep closing quotes/brackets (and the rest of an ellipsis) with the sentence they end.
      let end = i + 1;
      while (end < to && text[end] === '.') end++;
      while (end < to && CLOSER_CHARS.has(text[end])) end++;
      push(end);
      start = end;
      i = end - 1;
    }
  }
  push(to);
  return sentences;
}

export function clauseStartBefore(text: string, sentenceStart: number, pos: number): number {
  for (let i = pos - 1; i >= sentenceStart; i--) if (CLAUSE_BREAK_CHARS.has(text[i])) return i + 1;
  return sentenceStart;
}

const NOT_BLANK = /\S/u;

function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (NOT_BLANK.test(text[i])) return false;
  return true;
}
