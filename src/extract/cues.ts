/**
 * The cue words of rules/cues.yaml compiled for lookup: which growth, share, basis, approximation
 * and target cue stands nearest before a figure. Longer cues win over shorter ones at the same
 * place (不超过 is `under`, not the 超过 inside it).
 */
import type { Approx, Basis } from '../record/schema';
import type { RuleSet } from '../rules/ruleset';
import type { ValueMention } from './values';
import { escapeRegex, positionsByEdgeUnit } from './words';

export interface CueHit {
  id: string;
  word: string;
  index: number;
}

export interface CompiledCues {
  /** The last growth cue in text[from, to) (its index in `text`), with its sign. */
  lastGrowth(text: string, from: number, to: number): (CueHit & { sign: 1 | -1 }) | null;
  lastShare(text: string, from: number, to: number): CueHit | null;
  /** The last noun naming a growth rate in text[from, to) (增速, 降幅), with its sign. */
  lastGrowthRate(text: string, from: number, to: number): (CueHit & { sign: 1 | -1 }) | null;
  /** A growth noun after a % figure in its sentence (保持3%的增长, 14.3%的GDP增速), not one put down to a source. */
  growthNounAfter(text: string, m: ValueMention, clauseStart: number, sentenceEnd: number): (CueHit & { between: string }) | null;
  /** The change verb written right before an amount at `pos` (减少0.13万吨, 减少了), with its sign. */
  levelChangeBefore(text: string, from: number, pos: number): (CueHit & { sign: 1 | -1 }) | null;
  /** The basis stated last in text[from, to), the words before a figure. */
  basisBefore(text: string, from: number, to: number, kind: 'growth' | 'pp'): Basis;
  approxAround(text: string, m: ValueMention, sentenceStart: number, sentenceEnd: number): { id: string; approx: Approx } | null;
  /** The goal words of a sentence, found once for all its figures: pass to `targetFor`. */
  targetsIn(text: string, sentenceStart: number, sentenceEnd: number): readonly TargetWord[];
  /** The goal cue that governs a figure at `pos`: before it in the same ;-part of the sentence (or
   * introducing a list with a colon), with no word of accomplishment (目前, 已) between them. */
  targetFor(text: string, targets: readonly TargetWord[], pos: number): CueHit | null;
  /** A goal word after the figure in its clause, with 的 between (全年增长6%的目标). */
  targetAfter(text: string, m: ValueMention, sentenceEnd: number): CueHit | null;
  /** All cue words that describe a change or approximation (trimmed from metric phrases). */
  changeWords: readonly string[];
}

/** A goal word in a sentence. */
export interface TargetWord extends CueHit {
  /** The word is followed by what makes it a noun (计划”, 目标。): it names a plan before that character. */
  namesPlan: boolean;
  /** The word governs only the figures of its own clause (达产后…, not the next clause's). */
  clauseOnly: boolean;
}


interface Word {
  id: string;
  word: string;
}

/** A cue word list indexed by last character: the last cue before a figure is found walking back from it. */
interface WordList<T extends Word> {
  words: readonly T[];
  /** Positions in `words` of the words ending with a UTF-16 unit, ascending. */
  byLastUnit: Map<number, number[]>;
}

function wordList<T extends Word>(words: readonly T[]): WordList<T> {
  return { words, byLastUnit: positionsByEdgeUnit(words.map((w) => w.word), 'last') };
}

/**
 * The word of `list` that ends last in text[from, to), with its index in `text`; of the words
 * ending there, the longest (the first listed of equals).
 */
function lastHit<T extends Word>(text: string, from: number, to: number, list: WordList<T>): { cue: T; index: number } | null {
  for (let end = to; end > from; end--) {
    const ending = list.byLastUnit.get(text.charCodeAt(end - 1));
    if (!ending) continue;
    let best: T | null = null;
    for (const i of ending) {
      const w = list.words[i];
      if (end - w.word.length >= from && (!best || w.word.length > best.word.length) && text.startsWith(w.word, end - w.word.length)) best = w;
    }
    if (best) return { cue: best, index: end - best.word.length };
  }
  return null;
}

/** 了, which may stand between a change verb and its amount; and the longest change verb's length. */
const PERFECTIVE = '了'.charCodeAt(0);
const LEVEL_CHANGE_REACH = 4;

/** How far after a figure a goal word that names it may stand. */
const GOAL_AFTER_REACH = 12;

const cache = new WeakMap<RuleSet, CompiledCues>();

export function compileCues(rules: RuleSet): CompiledCues {
  const cached = cache.get(rules);
  if (cached) return cached;
  const growthWords = rules.cues.growth.flatMap((g) => g.words.map((word) => ({ id: g.id, word, sign: g.sign })));
  const shareWords = rules.cues.share.flatMap((s) => s.words.map((word) => ({ id: s.id, word })));
  const basisWords = rules.cues.basis.flatMap((b) => b.words.map((word) => ({ id: b.id, word, basis: b.basis })));
  // Each goal word with the longer words that hold it and set no goal (预期 in 好于预期), and where.
  const targetWords = rules.cues.target
    .filter((t) => !t.after)
    .flatMap((t) => t.words.map((word) => ({ id: t.id, word, clauseOnly: Boolean(t.clauseOnly), except: (t.except ?? []).flatMap((e) => (e.includes(word) ? [{ word: e, at: e.indexOf(word) }] : [])) })));
  const scope = rules.cues.goalScope;
  const accomplished = new RegExp(scope.accomplished.map(escapeRegex).join('|'), 'u');
  const planNouns: ReadonlySet<string> = new Set(scope.planNouns);
  const planNameEnds: ReadonlySet<string> = new Set([...scope.planNameEnds]);
  const clauseEnds: ReadonlySet<string> = new Set([...scope.clauseEnds]);
  const goalsAfter = rules.cues.target.filter((t) => t.after).flatMap((t) => t.words.map((word) => ({ id: t.id, word })));
  const approxBefore = rules.cues.approx
    .flatMap((a) => a.before.map((word) => ({ id: a.id, word, approx: a.approx })))
    .sort((a, b) => b.word.length - a.word.length);
  const approxAfter = rules.cues.approx
    .flatMap((a) => a.after.map((word) => ({ id: a.id, word, approx: a.approx })))
    .sort((a, b) => b.word.length - a.word.length);

  const growthRateList = wordList(rules.cues.growthRates.flatMap((g) => g.words.map((word) => ({ id: g.id, word, sign: g.sign }))));
  const after = rules.cues.growthAfter;
  const alternation = (words: readonly string[]) => [...words].sort((a, b) => b.length - a.length).map(escapeRegex).join('|');
  // The figure's qualifier and 的, a few words that are no figure or clause break, the noun, and no source after it.
  const growthNounAfterPattern = new RegExp(
    `^(?:${alternation(after.qualifiers)})?(?:${escapeRegex(after.joiner)})?(?<between>[^\\s\\d%,，。;；、:：!！?？()（）“”]{0,${after.reach}}?)(?:${alternation(after.words)})(?!${alternation(after.attributed)})`,
    'u',
  );
  const growthNounAfterReach = Math.max(...after.qualifiers.map((w) => w.length)) + after.joiner.length + after.reach + Math.max(...after.words.map((w) => w.length));
  const levelChangeList = wordList(rules.cues.levelChange.flatMap((g) => g.words.map((word) => ({ id: g.id, word, sign: g.sign }))));
  const growthList = wordList(growthWords);
  const shareList = wordList(shareWords);
  const basisList = wordList(basisWords);
  const approxBeforeList = wordList(approxBefore);
  const anyTarget = new RegExp(targetWords.map((t) => escapeRegex(t.word)).join('|'), 'u');

  const compiled: CompiledCues = {
    lastGrowth(text, from, to) {
      const hit = lastHit(text, from, to, growthList);
      return hit ? { id: hit.cue.id, word: hit.cue.word, index: hit.index, sign: hit.cue.sign } : null;
    },
    lastShare(text, from, to) {
      const hit = lastHit(text, from, to, shareList);
      return hit ? { id: hit.cue.id, word: hit.cue.word, index: hit.index } : null;
    },
    lastGrowthRate(text, from, to) {
      const hit = lastHit(text, from, to, growthRateList);
      return hit ? { id: hit.cue.id, word: hit.cue.word, index: hit.index, sign: hit.cue.sign } : null;
    },
    growthNounAfter(text, m, clauseStart, sentenceEnd) {
      const before = text.slice(clauseStart, m.start);
      if (after.portionBefore.some((w) => before.includes(w))) return null;
      const hit = growthNounAfterPattern.exec(text.slice(m.end, Math.min(sentenceEnd, m.end + growthNounAfterReach)));
      return hit ? { id: after.id, word: hit[0], index: m.end, between: hit.groups?.between ?? '' } : null;
    },
    levelChangeBefore(text, from, pos) {
      // 了 may stand between the verb and the amount (减少了1.3万人); nothing else.
      const end = pos > from && text.charCodeAt(pos - 1) === PERFECTIVE ? pos - 1 : pos;
      const hit = lastHit(text, Math.max(from, end - LEVEL_CHANGE_REACH), end, levelChangeList);
      return hit && hit.index + hit.cue.word.length === end ? { id: hit.cue.id, word: hit.cue.word, index: hit.index, sign: hit.cue.sign } : null;
    },
    basisBefore(text, from, to, kind) {
      const hit = lastHit(text, from, to, basisList);
      if (hit) return hit.cue.basis;
      // A growth rate with no stated basis is year on year in Chinese reporting; a change in
      // percentage points with none is relative to something else (拉动, 快于整体).
      return kind === 'growth' ? 'yoy' : 'other';
    },
    approxAround(text, m, sentenceStart, sentenceEnd) {
      // Allow a verb between the cue and the figure only for 达到以上-style phrases: keep it tight.
      const room = m.start - Math.max(sentenceStart, m.start - 4);
      for (const i of room > 0 ? (approxBeforeList.byLastUnit.get(text.charCodeAt(m.start - 1)) ?? []) : []) {
        const a = approxBefore[i];
        if (a.word.length <= room && text.startsWith(a.word, m.start - a.word.length)) return { id: a.id, approx: a.approx };
      }
      const roomAfter = Math.min(sentenceEnd, m.end + 3) - m.end;
      for (const a of approxAfter) {
        if (a.word.length > roomAfter || !text.startsWith(a.word, m.end)) continue;
        // 多 and 余 after a full figure (20个多?) are rare; after the unit they mean "more than" only
        // when no noun follows (多家 is "many companies").
        if ((a.word === '多' || a.word === '余') && m.unitText !== null) continue;
        return { id: a.id, approx: a.approx };
      }
      return null;
    },
    targetsIn(text, sentenceStart, sentenceEnd) {
      const targets: TargetWord[] = [];
      const sentence = text.slice(sentenceStart, sentenceEnd);
      // Most sentences set no goal: one search over all the words tells.
      if (!anyTarget.test(sentence)) return targets;
      for (const t of targetWords) {
        for (let offset = sentence.indexOf(t.word); offset >= 0; offset = sentence.indexOf(t.word, offset + 1)) {
          if (t.except.some((e) => offset >= e.at && sentence.startsWith(e.word, offset - e.at))) continue;
          const index = sentenceStart + offset;
          const end = index + t.word.length;
          // 英才计划” / 年度目标。: the word as a noun names a plan, it does not set one.
          const namesPlan = end < sentenceEnd && planNouns.has(t.word) && planNameEnds.has(text[end]);
          targets.push({ id: t.id, word: t.word, index, namesPlan, clauseOnly: t.clauseOnly });
        }
      }
      return targets;
    },
    targetFor(text, targets, pos) {
      let last: TargetWord | null = null;
      for (const t of targets) {
        const end = t.index + t.word.length;
        // A word that names a plan is seen as one only where the character after it is before the figure.
        if (end > pos || (t.namesPlan && end < pos)) continue;
        // The nearest goal word before the figure governs it.
        if (!last || t.index > last.index) last = t;
      }
      if (!last) return null;
      const between = text.slice(last.index + last.word.length, pos);
      // A goal governs its own ;-part of the sentence, or a whole list it introduces with a colon
      // (主要预期目标是：地区生产总值增长6%左右；一般公共预算收入增长5%).
      const firstBreak = between.search(/[;；]/u);
      const introducesList = /[:：]/u.test(firstBreak < 0 ? between : between.slice(0, firstBreak));
      if (firstBreak >= 0 && !introducesList) return null;
      // (建成后，年接待游客可达80万人次: the clause the word opens with a comma is its own.)
      if (last.clauseOnly && [...between.slice(1)].some((c) => clauseEnds.has(c))) return null;
      return accomplished.test(between) ? null : { id: last.id, word: last.word, index: last.index };
    },
    targetAfter(text, m, sentenceEnd) {
      // The rest of the figure's clause, a few words long: 6%的经济增长目标.
      let end = m.end;
      const limit = Math.min(sentenceEnd, m.end + GOAL_AFTER_REACH);
      while (end < limit && !clauseEnds.has(text[end])) end++;
      const after = text.slice(m.end, end);
      const of = after.indexOf(scope.afterJoiner);
      if (of < 0) return null;
      for (const g of goalsAfter) {
        const at = after.indexOf(g.word, of);
        if (at >= 0) return { id: g.id, word: g.word, index: m.end + at };
      }
      return null;
    },
    changeWords: [...new Set([...growthWords, ...basisWords, ...approxBefore].map((w) => w.word))].sort((a, b) => b.length - a.length),
  };
  cache.set(rules, compiled);
  return compiled;
}
