/**
 * The cue lookups against the code they replaced (kept here as the reference): the last cue found
 * in a range of the text instead of in a copy of it, the approximation words checked in place, and
 * a sentence's goal words found once for all its figures — at every position of every sentence of
 * the seeds, and over random strings made of the cue words.
 */
import { compileCues, type CueHit } from '../../src/extract/cues';
import { splitSentences } from '../../src/extract/sentences';
import type { ValueMention } from '../../src/extract/values';
import { fuzzText, seededRandom, seedTexts } from '../support/fuzz';
import { bundledRules } from '../support/extract';

const rules = bundledRules();
const cues = compileCues(rules);
const random = seededRandom(20260613);

interface Word {
  id: string;
  word: string;
}

function lastHitReference<T extends Word>(text: string, words: readonly T[]): (T & { index: number }) | null {
  let best: (T & { index: number }) | null = null;
  for (const w of words) {
    const index = text.lastIndexOf(w.word);
    if (index < 0) continue;
    const end = index + w.word.length;
    const bestEnd = best ? best.index + best.word.length : -1;
    if (!best || end > bestEnd || (end === bestEnd && w.word.length > best.word.length)) best = { ...w, index };
  }
  return best;
}

const growthWords = rules.cues.growth.flatMap((g) => g.words.map((word) => ({ id: g.id, word, sign: g.sign })));
const shareWords = rules.cues.share.flatMap((s) => s.words.map((word) => ({ id: s.id, word })));
const basisWords = rules.cues.basis.flatMap((b) => b.words.map((word) => ({ id: b.id, word, basis: b.basis })));
const targetWords = rules.cues.target.flatMap((t) => t.words.map((word) => ({ id: t.id, word, except: t.except ?? [], clauseOnly: Boolean(t.clauseOnly) })));
const approxBefore = rules.cues.approx.flatMap((a) => a.before.map((word) => ({ id: a.id, word, approx: a.approx }))).sort((a, b) => b.word.length - a.word.length);
const approxAfter = rules.cues.approx.flatMap((a) => a.after.map((word) => ({ id: a.id, word, approx: a.approx }))).sort((a, b) => b.word.length - a.word.length);

function approxAroundReference(text: string, m: ValueMention, sentenceStart: number, sentenceEnd: number) {
  const before = text.slice(Math.max(sentenceStart, m.start - 4), m.start);
  for (const a of approxBefore) if (before.endsWith(a.word)) return { id: a.id, approx: a.approx };
  const after = text.slice(m.end, Math.min(sentenceEnd, m.end + 3));
  for (const a of approxAfter) {
    if (!after.startsWith(a.word)) continue;
    if ((a.word === '多' || a.word === '余') && m.unitText !== null) continue;
    return { id: a.id, approx: a.approx };
  }
  return null;
}

const ACCOMPLISHED = /(目前|已经|已|截至|去年|上年|实现了|完成了|达到了)/u;

function targetForReference(text: string, sentenceStart: number, pos: number): CueHit | null {
  const before = text.slice(sentenceStart, pos);
  let last: (CueHit & { clauseOnly: boolean }) | null = null;
  for (const t of targetWords) {
    for (let index = before.indexOf(t.word); index >= 0; index = before.indexOf(t.word, index + 1)) {
      const next = before.slice(index + t.word.length, index + t.word.length + 1);
      if (/^(计划|目标|规划)$/u.test(t.word) && /[”"’、,，。和与及的]/u.test(next)) continue;
      // 好于预期, 虚拟: a longer word holding the goal word sets no goal.
      const at = sentenceStart + index;
      if (t.except.some((e) => e.includes(t.word) && at - e.indexOf(t.word) >= sentenceStart && text.startsWith(e, at - e.indexOf(t.word)))) continue;
      // The nearest goal word before the figure (the code before this rewrite compared an index in
      // the sentence with one in the text, so after a text's first sentence the first word found stayed).
      if (!last || sentenceStart + index > last.index) last = { id: t.id, word: t.word, index: sentenceStart + index, clauseOnly: t.clauseOnly };
    }
  }
  if (!last) return null;
  const between = text.slice(last.index + last.word.length, pos);
  const firstBreak = between.search(/[;；]/u);
  const introducesList = /[:：]/u.test(firstBreak < 0 ? between : between.slice(0, firstBreak));
  if (firstBreak >= 0 && !introducesList) return null;
  // 达产后 governs its own clause only.
  if (last.clauseOnly && /[,，;；。!?！？:：]/u.test(between.slice(1))) return null;
  return ACCOMPLISHED.test(between) ? null : { id: last.id, word: last.word, index: last.index };
}

function mention(start: number, end: number, unitText: string | null): ValueMention {
  return { start, end, value: 1, multiplier: 1, unitText, unitDef: null, approxInside: null, negative: false, rank: false, chineseNumeral: false, trace: [] };
}

/** Every cue lookup at every position `pos` of the sentence text[start, end): where the new differs from the reference. */
function differences(text: string, start: number, end: number): string[] {
  const found: string[] = [];
  const same = (what: string, pos: number, actual: unknown, expected: unknown) => {
    if (JSON.stringify(actual) !== JSON.stringify(expected)) found.push(`${what} at ${pos} of «${text.slice(start, end)}»: ${JSON.stringify(actual)} ≠ ${JSON.stringify(expected)}`);
  };
  const targets = cues.targetsIn(text, start, end);
  for (let pos = start; pos <= end; pos++) {
    const before = text.slice(start, pos);
    const shift = <T extends { index: number }>(hit: T | null) => (hit ? { ...hit, index: hit.index + start } : null);
    const growth = lastHitReference(before, growthWords);
    same('lastGrowth', pos, cues.lastGrowth(text, start, pos), growth ? { id: growth.id, word: growth.word, index: growth.index + start, sign: growth.sign } : null);
    same('lastShare', pos, cues.lastShare(text, start, pos), shift(lastHitReference(before, shareWords)));
    for (const kind of ['growth', 'pp'] as const) same('basisBefore', pos, cues.basisBefore(text, start, pos, kind), lastHitReference(before, basisWords)?.basis ?? (kind === 'growth' ? 'yoy' : 'other'));
    same('targetFor', pos, cues.targetFor(text, targets, pos), targetForReference(text, start, pos));
    for (const figureEnd of [pos, Math.min(end, pos + 2)]) {
      for (const unitText of [null, '家']) {
        const m = mention(pos, figureEnd, unitText);
        same('approxAround', pos, cues.approxAround(text, m, start, end), approxAroundReference(text, m, start, end));
      }
    }
  }
  return found;
}

describe('cue lookups', () => {
  test('find what the reference finds at every position of the seeds', () => {
    for (const text of seedTexts()) {
      expect(splitSentences(text, 0, text.length).flatMap((s) => differences(text, s.start, s.end))).toEqual([]);
    }
  });

  test('find what the reference finds over random strings of cue words', () => {
    const words = [...growthWords, ...shareWords, ...basisWords, ...targetWords, ...approxBefore, ...approxAfter].map((w) => w.word);
    const pieces = [...new Set(words)].concat(['”', '，', '的', '；', '：', '已', '目前', '项目', '12', '%', '𠀀']);
    const found: string[] = [];
    for (let n = 0; n < 2000; n++) {
      // Some text before the sentence: its index in the text and in the sentence differ.
      const text = fuzzText(random, pieces, 1 + Math.floor(random() * 10));
      const start = Math.min(Math.floor(random() * 12), text.length);
      found.push(...differences(text, start, text.length));
    }
    expect(found).toEqual([]);
  });

  test('the nearest goal word before a figure governs it, in any sentence of the text', () => {
    // 力争 comes first in the rules' word list but stands farther from 80亿元 than 预计; the 目前/已
    // between 力争 and the figure would make it an accomplishment, not a goal.
    const first = `${'去年全市完成投资40亿元，'.repeat(4)}比上年增长。`;
    const sentence = '力争全年多增长，目前已完成投资50亿元，预计全年完成80亿元。';
    const text = first + sentence;
    const targets = cues.targetsIn(text, first.length, text.length);
    expect(cues.targetFor(text, targets, text.indexOf('80亿元'))?.word).toBe('预计');
    expect(cues.targetFor(text, targets, text.indexOf('50亿元'))).toBeNull();
  });
});
