/**
 * The cue words of rules/cues.yaml compiled for lookup: which growth, share, basis, approximation
 * and target cue stands nearest before a figure. Longer cues win over shorter ones at the same
 * place (不超过 is `under`, not the 超过 inside it).
 */
import type { Approx, Basis } from '../record/schema';
import type { RuleSet } from '../rules/ruleset';
import type { ValueMention } from './values';
import { Prefilter } from '../rules/prefilter';

export interface CueHit {
  id: string;
  word: string;
  index: number;
}

export interface CompiledCues {
  /** The last growth cue in `text` (index relative to it), with its sign. */
  lastGrowth(text: string): (CueHit & { sign: 1 | -1 }) | null;
  lastShare(text: string): CueHit | null;
  basisBefore(sentenceBefore: string, kind: 'growth' | 'pp'): Basis;
  approxAround(text: string, m: ValueMention, sentenceStart: number, sentenceEnd: number): { id: string; approx: Approx } | null;
  /** The goal cue that governs a figure at `pos`: before it in the same ;-part of the sentence (or
   * introducing a list with a colon), with no word of accomplishment (目前, 已) between them. */
  targetFor(text: string, sentenceStart: number, pos: number): CueHit | null;
  /** All cue words that describe a change or approximation (trimmed from metric phrases). */
  changeWords: readonly string[];
}

interface Word {
  id: string;
  word: string;
}

/** A cue word list with a prefilter: one pass over a text tells which words can occur in it. */
interface WordList<T extends Word> {
  words: readonly T[];
  prefilter: Prefilter;
}

function wordList<T extends Word>(words: readonly T[]): WordList<T> {
  return { words, prefilter: Prefilter.forWords(words.map((w) => w.word)) };
}

function lastHit<T extends Word>(text: string, list: WordList<T>): (T & { index: number }) | null {
  let best: (T & { index: number }) | null = null;
  const possible = list.prefilter.candidates(text, 0, text.length);
  list.words.forEach((w, i) => {
    if (!list.prefilter.has(possible, i)) return;
    const index = text.lastIndexOf(w.word);
    if (index < 0) return;
    // Later wins; at the same end, the longer word wins.
    const end = index + w.word.length;
    const bestEnd = best ? best.index + best.word.length : -1;
    if (!best || end > bestEnd || (end === bestEnd && w.word.length > best.word.length)) best = { ...w, index };
  });
  return best;
}

/** Words that report something done, so a goal word earlier in the sentence no longer governs. */
const ACCOMPLISHED = /(目前|已经|已|截至|去年|上年|实现了|完成了|达到了)/u;

const cache = new WeakMap<RuleSet, CompiledCues>();

export function compileCues(rules: RuleSet): CompiledCues {
  const cached = cache.get(rules);
  if (cached) return cached;
  const growthWords = rules.cues.growth.flatMap((g) => g.words.map((word) => ({ id: g.id, word, sign: g.sign })));
  const shareWords = rules.cues.share.flatMap((s) => s.words.map((word) => ({ id: s.id, word })));
  const basisWords = rules.cues.basis.flatMap((b) => b.words.map((word) => ({ id: b.id, word, basis: b.basis })));
  const targetWords = rules.cues.target.flatMap((t) => t.words.map((word) => ({ id: t.id, word })));
  const approxBefore = rules.cues.approx
    .flatMap((a) => a.before.map((word) => ({ id: a.id, word, approx: a.approx })))
    .sort((a, b) => b.word.length - a.word.length);
  const approxAfter = rules.cues.approx
    .flatMap((a) => a.after.map((word) => ({ id: a.id, word, approx: a.approx })))
    .sort((a, b) => b.word.length - a.word.length);

  const growthList = wordList(growthWords);
  const shareList = wordList(shareWords);
  const basisList = wordList(basisWords);

  const compiled: CompiledCues = {
    lastGrowth(text) {
      const hit = lastHit(text, growthList);
      return hit ? { id: hit.id, word: hit.word, index: hit.index, sign: hit.sign } : null;
    },
    lastShare(text) {
      return lastHit(text, shareList);
    },
    basisBefore(sentenceBefore, kind) {
      const hit = lastHit(sentenceBefore, basisList);
      if (hit) return hit.basis;
      // A growth rate with no stated basis is year on year in Chinese reporting; a change in
      // percentage points with none is relative to something else (拉动, 快于整体).
      return kind === 'growth' ? 'yoy' : 'other';
    },
    approxAround(text, m, sentenceStart, sentenceEnd) {
      const before = text.slice(Math.max(sentenceStart, m.start - 4), m.start);
      // Allow a verb between the cue and the figure only for 达到以上-style phrases: keep it tight.
      for (const a of approxBefore) if (before.endsWith(a.word)) return { id: a.id, approx: a.approx };
      const after = text.slice(m.end, Math.min(sentenceEnd, m.end + 3));
      for (const a of approxAfter) {
        if (!after.startsWith(a.word)) continue;
        // 多 and 余 after a full figure (20个多?) are rare; after the unit they mean "more than" only
        // when no noun follows (多家 is "many companies").
        if ((a.word === '多' || a.word === '余') && m.unitText !== null) continue;
        return { id: a.id, approx: a.approx };
      }
      return null;
    },
    targetFor(text, sentenceStart, pos) {
      const before = text.slice(sentenceStart, pos);
      let last: CueHit | null = null;
      for (const t of targetWords) {
        for (let index = before.indexOf(t.word); index >= 0; index = before.indexOf(t.word, index + 1)) {
          // 英才计划” / 年度目标。: the word as a noun names a plan, it does not set one.
          const next = before.slice(index + t.word.length, index + t.word.length + 1);
          if (/^(计划|目标|规划)$/u.test(t.word) && /[”"’、,，。和与及的]/u.test(next)) continue;
          if (!last || index > last.index) last = { id: t.id, word: t.word, index: sentenceStart + index };
        }
      }
      if (!last) return null;
      const between = text.slice(last.index + last.word.length, pos);
      // A goal governs its own ;-part of the sentence, or a whole list it introduces with a colon
      // (主要预期目标是：地区生产总值增长6%左右；一般公共预算收入增长5%).
      const firstBreak = between.search(/[;；]/u);
      const introducesList = /[:：]/u.test(firstBreak < 0 ? between : between.slice(0, firstBreak));
      if (firstBreak >= 0 && !introducesList) return null;
      return ACCOMPLISHED.test(between) ? null : last;
    },
    changeWords: [...new Set([...growthWords, ...basisWords, ...approxBefore].map((w) => w.word))].sort((a, b) => b.length - a.length),
  };
  cache.set(rules, compiled);
  return compiled;
}
