/**
 * The blank tests by character code against the regex and trim() they replaced: isBlank, the
 * sentence splitter that skips blank sentences with it, and the non-blank lines of the table
 * reader (found by indexOf) — over the seeds and random strings rich in whitespace and line breaks.
 */
import { isBlank } from '../../src/extract/words';
import { WHITESPACE_CHARS } from '../../src/text/codeUnitSet';
import { splitSentences, type Sentence } from '../../src/extract/sentences';
import { nonBlankLines } from '../../src/extract/tables';
import { fuzzText, seededRandom, seedTexts } from '../support/fuzz';

/** The splitter as it was: the same walk, a sentence kept when /\S/ finds something in it. */
function splitSentencesByRegex(text: string, from: number, to: number): Sentence[] {
  const sentences: Sentence[] = [];
  let paragraph = 0;
  let start = from;
  const push = (end: number) => {
    if (/\S/u.test(text.slice(start, end))) sentences.push({ start, end, paragraph });
  };
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === '\n') {
      push(i);
      paragraph++;
      start = i + 1;
    } else if ('。!?！？'.includes(c) || (c === '.' && text.startsWith('...', i))) {
      let end = i + 1;
      while (end < to && text[end] === '.') end++;
      while (end < to && '”’」』)]'.includes(text[end])) end++;
      push(end);
      start = end;
      i = end - 1;
    }
  }
  push(to);
  return sentences;
}

/** The table reader's lines as they were: read character by character, kept when their trim() is not empty. */
function nonBlankLinesByTrim(text: string, from: number, to: number): { start: number; end: number; text: string }[] {
  const out: { start: number; end: number; text: string }[] = [];
  let start = from;
  for (let i = from; i <= to; i++) {
    if (i === to || text[i] === '\n') {
      if (text.slice(start, i).trim().length > 0) out.push({ start, end: i, text: text.slice(start, i) });
      start = i + 1;
    }
  }
  return out;
}

const pieces = [...WHITESPACE_CHARS, '\n', '\n\n', '。', '！', '...', '”', ')', 'a', '增长', '5%', '\u200b', '\u0085', '\u180e', '表1'];

function randomTexts(seed: number, count: number): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => fuzzText(random, pieces, Math.floor(random() * 14)));
}

function randomRange(random: () => number, text: string): [number, number] {
  const a = Math.floor(random() * (text.length + 1));
  const b = Math.floor(random() * (text.length + 1));
  return [Math.min(a, b), Math.max(a, b)];
}

describe('blank tests by character code', () => {
  test('isBlank answers as /\\S/ and trim() over random ranges of random strings', () => {
    const random = seededRandom(5150);
    for (const text of randomTexts(7, 3000)) {
      const [from, to] = randomRange(random, text);
      const slice = text.slice(from, to);
      expect({ slice, blank: isBlank(text, from, to) }).toEqual({ slice, blank: !/\S/u.test(slice) });
      expect({ slice, blank: isBlank(text, from, to) }).toEqual({ slice, blank: slice.trim().length === 0 });
    }
  });

  /** `actual` gives what `reference` gives over each seed whole, and over random ranges of random strings. */
  function expectSameAsReference<T>(actual: (text: string, from: number, to: number) => T, reference: (text: string, from: number, to: number) => T, seeds: [number, number]): void {
    for (const text of seedTexts()) expect(actual(text, 0, text.length)).toEqual(reference(text, 0, text.length));
    const random = seededRandom(seeds[0]);
    for (const text of randomTexts(seeds[1], 3000)) {
      const [from, to] = randomRange(random, text);
      expect({ text, from, to, result: actual(text, from, to) }).toEqual({ text, from, to, result: reference(text, from, to) });
    }
  }

  test('splitSentences finds the sentences of the regex test, over the seeds and random strings', () => {
    expectSameAsReference(splitSentences, splitSentencesByRegex, [11, 12]);
  });

  test('nonBlankLines finds the lines of the per-character reader, over the seeds and random strings', () => {
    expectSameAsReference(nonBlankLines, nonBlankLinesByTrim, [13, 14]);
  });
});
