/**
 * Places a sentence names and which of them stands as a clause's subject: a gazetteer place (深圳),
 * a home word (全市, 我市), an anaphor (该市) or a province word (全省). A region after 占/居/对
 * is a comparison or a ranking scope, never the subject; an organisation named after a place
 * (湖州市经信局) is not the place.
 */
import type { Place } from '../gazetteer/gazetteer';
import type { RuleSet } from '../rules/ruleset';
import type { PeriodMention } from './periods';
import { CLAUSE_BREAK, clauseStartBefore, type Sentence } from './sentences';
import { tagWords } from './segmenter';

const HOME_WORDS = /(全市|我市|本市|市区|全县|我县|本县|全区|我区|本区)/gu;
const ANAPHORA_WORDS = /(该市|该县|该区)/gu;
const PROVINCE_WORDS = /(全省|我省|该省|本省)/gu;
/** Words after which a region is a comparison target or a ranking scope, not the subject. */
const NON_SUBJECT_BEFORE = /(占|居|列|拉动|对|较|比|于|排名|位居|位列|仅次于|贡献了|高于|低于|超过|领跑|全国)$/u;
/** An organisation named after a place (湖州市经信局) is not the place: tried right after the place (sticky). */
const ORG_AFTER = /(?:市|县|区|省)?[\u4e00-\u9fa5]{0,6}?(?:局|委员会|委|厅|办公室|公司|集团|大学|学院|研究院|研究所|海关|日报|晚报|电视台|银行|医院|政府|人大|政协|法院|检察院|协会|商会|港航中心|管委会)/uy;
/** What may follow a province's short form without making it part of a company's name (浙江省, 浙江全…). */
const AFTER_PROVINCE_SHORT_FORM = '省全各等和与及';
/** What may stand between a clause's start and its subject (在乐清，… / 据悉，目前湖州市…). */
export const SUBJECT_LEAD = /^(?:[\s“”"'(（]|在|据悉|据统计|据了解|数据显示|其中|目前|当前|同时|此外|另外|而|截至目前|从全省范围来看|总体来看|全年|今年以来|近年来|与此同时)*/u;

export interface RegionMention {
  start: number;
  end: number;
  place: Place | null;
  /** home: 全市/我市; anaphora: 该市 (the place last spoken of); province: 全省; named: a gazetteer place. */
  kind: 'home' | 'anaphora' | 'province' | 'named';
  /** Stands where a clause's subject stands: at its start, after at most a time or a filler word. */
  subject: boolean;
}

/** Whether only lead words (SUBJECT_LEAD) and periods stand between the clause's start and `at`. */
function isSubjectPosition(text: string, sentenceStart: number, at: number, periods: readonly PeriodMention[]): boolean {
  const clauseStart = clauseStartBefore(text, sentenceStart, at);
  if (clauseStart === at) return true;
  let prefix: string;
  if (periods.some((p) => p.start < at && p.end > clauseStart)) {
    prefix = '';
    for (let i = clauseStart; i < at; i++) if (!periods.some((p) => i >= p.start && i < p.end)) prefix += text[i];
  } else {
    prefix = text.slice(clauseStart, at);
  }
  // SUBJECT_LEAD matches at 0 (possibly nothing): the prefix is all lead if it matches all of it.
  return SUBJECT_LEAD.exec(prefix)![0].length === prefix.length;
}

/** Whether a Chinese character (\u4e00-\u9fa5) stands at `at`. */
function isHanAt(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return code >= 0x4e00 && code <= 0x9fa5;
}

/** Appends the matches of a global word pattern in `slice` (which starts at `from` in the text). */
function pushWordMatches(out: RegionMention[], pattern: RegExp, slice: string, from: number, place: () => Place | null, kind: RegionMention['kind']): void {
  pattern.lastIndex = 0;
  for (let m = pattern.exec(slice); m !== null; m = pattern.exec(slice)) {
    out.push({ start: from + m.index, end: from + m.index + m[0].length, place: place(), kind, subject: false });
  }
}

export function regionMentions(text: string, from: number, to: number, rules: RuleSet, home: Place | null, province: string | null, periods: readonly PeriodMention[]): RegionMention[] {
  const slice = text.slice(from, to);
  // `subject` is decided below, for the mentions that survive.
  const out: RegionMention[] = [];
  for (const m of rules.gazetteer.findMentions(slice, province ?? undefined)) {
    ORG_AFTER.lastIndex = m.end;
    if (ORG_AFTER.test(slice)) continue;
    // 浙江东尼电子, 浙江云谷磐石数据中心: a province's short form run into a name is a company's name.
    if (m.place.level === 'province' && m.text !== m.place.name && isHanAt(slice, m.end) && !AFTER_PROVINCE_SHORT_FORM.includes(slice[m.end]!)) continue;
    out.push({ start: from + m.start, end: from + m.end, place: m.place, kind: 'named', subject: false });
  }
  pushWordMatches(out, HOME_WORDS, slice, from, () => home, 'home');
  pushWordMatches(out, ANAPHORA_WORDS, slice, from, () => null, 'anaphora');
  // (looked up only where a province word occurs)
  const provincePlace = () => (province ? rules.gazetteer.byName(province) : home ? rules.gazetteer.byName(home.province) : null);
  pushWordMatches(out, PROVINCE_WORDS, slice, from, provincePlace, 'province');
  if (out.length === 0) return [];
  const regions: RegionMention[] = [];
  for (const r of out) {
    if (out.some((o) => o !== r && o.start <= r.start && o.end >= r.end && o.end - o.start > r.end - r.start)) continue;
    if (NON_SUBJECT_BEFORE.test(text.slice(Math.max(from, r.start - 4), r.start))) continue;
    r.subject = isSubjectPosition(text, from, r.start, periods);
    regions.push(r);
  }
  return regions.sort((a, b) => a.start - b.start);
}

/**
 * The narrower thing a clause is about, when its subject is a named company, project, park or zone
 * (德清地理信息小镇目前集聚了…, 杭州自贸片区全力推动…): a name ending in a subject suffix of
 * rules/metric.yaml, at the clause's start, proper enough to be a name (it holds a place name or
 * four characters before its suffix), never a region word (全市…).
 */
export function clauseSubject(text: string, clauseStart: number, end: number, suffixes: readonly string[], regions: readonly RegionMention[], periods: readonly PeriodMention[]): string | null {
  let at = clauseStart;
  for (const p of periods) if (p.start <= at + 1 && p.end > at) at = p.end;
  const window = text.slice(at, Math.min(end, at + 30));
  const head = window.replace(SUBJECT_LEAD, '');
  const offset = window.length - head.length;
  if (/^(全|我|该|本)[市省县区国]/u.test(head)) return null;
  // The shortest name that qualifies: 京杭运河二通道海宁段项目, not …项目已完成项目.
  let best: string | null = null;
  for (const suffix of suffixes) {
    for (let i = head.indexOf(suffix); i >= 0; i = head.indexOf(suffix, i + 1)) {
      // A name no shorter than the best so far cannot replace it: spare its checks (the segmenter is costly).
      if (best && i + suffix.length >= best.length) continue;
      const name = head.slice(0, i + suffix.length);
      if (/[,;:。、，；：\s的等\d]/u.test(name) || (name.split('“').length !== name.split('”').length)) continue;
      const namesPlace = regions.some((r) => r.kind === 'named' && r.start >= at + offset && r.start < at + offset + name.length);
      if (i < 4 && !namesPlace) continue;
      // A name is nouns: a verb inside it (力争引进项目, 全面推动数据中心) makes it an action.
      if (tagWords(name).some((t) => t.tag === 'v')) continue;
      best = name;
    }
  }
  return best;
}

/** How far into a clause its subject can stand (after 在, 据悉, a date …). */
const CLAUSE_HEAD = 14;

/** CLAUSE_BREAK, to find them all in a sentence at once (used only by clauseHeadRegions). */
const CLAUSE_BREAKS = new RegExp(CLAUSE_BREAK.source, `${CLAUSE_BREAK.flags}g`);

export function clauseHeadRegions(text: string, sentence: Sentence, rules: RuleSet, home: Place | null, province: string | null, periods: readonly PeriodMention[]): RegionMention[] {
  const out: RegionMention[] = [];
  const sentenceText = text.slice(sentence.start, sentence.end);
  let clauseStart = sentence.start;
  CLAUSE_BREAKS.lastIndex = 0;
  for (;;) {
    const clauseBreak = CLAUSE_BREAKS.exec(sentenceText);
    const clauseEnd = clauseBreak ? sentence.start + clauseBreak.index : sentence.end;
    const end = Math.min(clauseEnd, clauseStart + CLAUSE_HEAD);
    if (end > clauseStart) for (const r of regionMentions(text, clauseStart, end, rules, home, province, periods)) if (r.subject) out.push(r);
    if (!clauseBreak) return out;
    clauseStart = clauseEnd + 1;
  }
}
