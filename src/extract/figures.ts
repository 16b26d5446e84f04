/**
 * Refiners on a single value: which numbers are figures at all, what kind each is, and the unit a
 * list writes once after its last value.
 */
import type { Kind } from '../record/schema';
import type { CompiledCues } from './cues';
import type { Sentence } from './sentences';
import type { ValueMention } from './values';

/** The figure's kind from its unit and the nearest cue before it in its clause. */
export function decideKind(text: string, m: ValueMention, clauseStart: number, cues: CompiledCues, trace: string[], sentence?: { start: number; end: number }): { kind: Kind; sign: 1 | -1 } {
  if (m.rank) return { kind: 'rank', sign: 1 };
  if (m.preset) {
    trace.push('kind.form_preset');
    return { kind: m.preset.kind, sign: 1 };
  }
  const unitClass = m.unitDef?.class ?? null;
  // Only a percentage point, a percentage or a multiple can be a change: an amount is a level,
  // whatever cue stands before it.
  if (unitClass === 'pp') {
    trace.push('kind.pp_unit');
    return { kind: 'pp', sign: cues.lastGrowth(text, clauseStart, m.start)?.sign ?? 1 };
  }
  if (unitClass === 'percent' || unitClass === 'permille' || unitClass === 'times') {
    const growth = cues.lastGrowth(text, clauseStart, m.start);
    const share = cues.lastShare(text, clauseStart, m.start);
    // 提高到 / 下降至 name the new level, not the change.
    const toLevel = growth && /^(?:了)?(?:到|至)/u.test(text.slice(growth.index + growth.word.length, m.start).replace(/\s/g, ''));
    // 工业增加值1234亿元(-2.3%): a signed rate in brackets after an amount is its change.
    const parenAfterLevel = /\(\s*[-−+]?$/u.test(text.slice(Math.max(clauseStart, m.start - 3), m.start));
    if (growth && !toLevel && (!share || growth.index > share.index)) {
      trace.push(growth.id);
      return { kind: 'growth', sign: growth.sign };
    }
    if (parenAfterLevel) {
      trace.push('kind.paren_change');
      return { kind: 'growth', sign: 1 };
    }
    // 增速从4.7%回落至3.8%: the new level of a growth rate is a growth rate. The rate may be named in
    // the clause before (增速也从13.0%，下跌至9.9%), so it is looked for back to the sentence's start.
    if (growth && toLevel) {
      const from = sentence?.start ?? clauseStart;
      const rate = cues.lastGrowthRate(text, from, growth.index);
      const shareBefore = rate ? cues.lastShare(text, rate.index, growth.index) : null;
      if (rate && !shareBefore) {
        trace.push(rate.id);
        return { kind: 'growth', sign: rate.sign };
      }
    }
    // 保持3%的增长, 以14.3%的GDP增速: a growth noun after the figure; not after a share cue, nor a portion in 成.
    const nounAfter = !share && !growth && !m.unitDef?.scale && sentence ? cues.growthNounAfter(text, m, clauseStart, sentence.end) : null;
    if (nounAfter) {
      trace.push(nounAfter.id);
      return { kind: 'growth', sign: 1 };
    }
    if (unitClass === 'times') {
      trace.push('kind.times_level');
      return { kind: 'level', sign: 1 };
    }
    trace.push(share ? share.id : 'kind.percent_share');
    return { kind: 'share', sign: 1 };
  }
  // 比上年减少0.13万吨: an amount right after a fall is an absolute change, signed.
  const change = unitClass !== 'ratio' ? cues.levelChangeBefore(text, clauseStart, m.start) : null;
  if (change && change.sign === -1) {
    trace.push('kind.level', change.id);
    return { kind: 'level', sign: -1 };
  }
  trace.push('kind.level');
  return { kind: 'level', sign: 1 };
}

/** Attaches a unit written once after a list (拉动3.2、3.4和2.6个百分点) to the bare numbers before it. */
export function shareListUnits(text: string, mentions: ValueMention[]): void {
  for (let i = mentions.length - 2; i >= 0; i--) {
    const m = mentions[i];
    const next = mentions[i + 1];
    if (m.rank || next.rank || next.unitText === null) continue;
    // A bare number, or a multiplier alone that the next figure's unit starts with (1万-5万元).
    const multiplierOnly = m.unitText !== null && m.unitDef === null && next.unitDef !== null && m.multiplier > 1 && next.unitText.startsWith(m.unitText) && next.multiplier === m.multiplier;
    // 高于全国、全省3.5个和2.5个百分点: the measure word 个 written with each value, 百分点 once.
    const measureWordOnly = m.unitText === '个' && next.unitText.startsWith('个') && next.unitText.length > 1 && next.unitDef?.class !== 'count';
    if (m.unitText !== null && !multiplierOnly && !measureWordOnly) continue;
    const gap = text.slice(m.end, next.start);
    // A sign before the next number is its own (0.1、-1.8、7.4个百分点).
    if (!/^\s*(?:、|和|及|与|或|至|到|-|—|~|,)\s*(?:(?<=[、和及与或,])[-−+])?$/u.test(gap)) continue;
    m.unitText = next.unitText;
    m.unitDef = next.unitDef;
    m.multiplier = next.multiplier;
    m.trace.push('value.unit_from_list');
  }
}

/** Bare numbers are figures only where the text says they are an index (两化融合发展指数95.83). */
export function isIndexValue(text: string, m: ValueMention, sentenceStart: number): boolean {
  const before = text.slice(Math.max(sentenceStart, m.start - 8), m.start);
  return /指数(?:为|达|达到|超|超过|是|突破)?$/u.test(before);
}

/** Filters for numbers that are never figures: thresholds defining a category, codes, list numbers. */
export function isFigure(text: string, m: ValueMention, sentence: Sentence): boolean {
  if (m.rank) return true;
  const after = text.slice(m.end, m.end + 4);
  const unitClass = m.unitDef?.class;
  // 营收超10亿元的楼宇, 亿元以上项目, 百亿级: a threshold that defines a category.
  if ((unitClass === 'money' || unitClass === 'measure') && /^(?:以上|以下)?(?:的|级)/u.test(after)) return false;
  if (unitClass === 'money' && /^以上[\u4e00-\u9fa5]/u.test(after) && !/^以上[,，。;]/u.test(after)) {
    const beforeChar = text.slice(Math.max(sentence.start, m.start - 1), m.start);
    if (!/[达为超过破]/u.test(beforeChar)) return false;
  }
  // List numbering and section numbers at the start of a line: "1." "2、".
  if (m.unitText === null && m.start === sentence.start && /^[.、)]/u.test(after)) return false;
  return true;
}
