/**
 * Places a sentence names and which of them stands as a clause's subject: a gazetteer place (深圳),
 * a home word (全市, 我市), an anaphor (该市) or a province word (全省). A region after 占/居/对
 * is a comparison or a ranking scope, never the subject; an organisation named after a place
 * (湖州市经信局) is not the place.
 */
import type { Place } from '../gazetteer/gazetteer';
import { liesWithin } from '../gazetteer/within';
import type { RuleSet } from '../rules/ruleset';
import type { RegionRules, RegionWordKind } from './region-rules';
import type { PeriodMention } from './periods';
import { clauseEndAfter, clauseStartBefore, isClauseBreak, type Sentence } from './sentences';
import { cutWords, holdsVerb } from './segmenter';

export interface RegionMention {
  start: number;
  end: number;
  place: Place | null;
  /**
   * A region word's kind (home: 全市/我市; anaphora: 该市; province: 全省; nation: 全国), named: a
   * gazetteer place, or joint: a list of places spoken of together (湛江、茂名两市…), no one city.
   */
  kind: RegionWordKind | 'named' | 'joint';
  /** Stands where a clause's subject stands: at its start, after at most a time or a filler word. */
  subject: boolean;
}

/** Whether only lead words (rules/regions.yaml subjectLeadWords) and periods stand between the clause's start and `at`. */
function isSubjectPosition(text: string, sentenceStart: number, at: number, periods: readonly PeriodMention[], words: RegionRules): boolean {
  // Walked back to the clause's start, a character that can be in no lead word and in no period
  // settles it: read only up to there, a long clause costs no more than a short one.
  let clauseStart = sentenceStart;
  for (let i = at - 1; i >= sentenceStart; i--) {
    const code = text.charCodeAt(i);
    if (isClauseBreak(code)) {
      clauseStart = i + 1;
      break;
    }
    if (!words.subjectLeadChars.has(code) && !periods.some((p) => i >= p.start && i < p.end)) return false;
  }
  if (clauseStart === at) return true;
  let prefix: string;
  if (periods.some((p) => p.start < at && p.end > clauseStart)) {
    prefix = '';
    for (let i = clauseStart; i < at; i++) if (!periods.some((p) => i >= p.start && i < p.end)) prefix += text[i];
  } else {
    prefix = text.slice(clauseStart, at);
  }
  // The lead matches at 0 (possibly nothing): the prefix is all lead if it matches all of it.
  return words.subjectLead.exec(prefix)![0].length === prefix.length;
}

/** Whether a Chinese character (\u4e00-\u9fa5) stands at `at`. */
function isHanAt(text: string, at: number): boolean {
  const code = text.charCodeAt(at);
  return code >= 0x4e00 && code <= 0x9fa5;
}

/**
 * Appends the region words in text[from, to), by start, in one scan for all kinds. Words of one kind do
 * not overlap: a word is found only after the last of its kind ends (全市区 is 全市, not also 市区).
 */
function pushRegionWords(out: RegionMention[], text: string, from: number, to: number, words: RegionRules, placeOf: (kind: RegionWordKind, word: string) => Place | null): void {
  const slice = text.slice(from, to);
  let freeFrom: Record<RegionWordKind, number> | null = null;
  const pattern = words.regionWord;
  pattern.lastIndex = 0;
  for (let m = pattern.exec(slice); m !== null; m = pattern.exec(slice)) {
    // (the next search starts one character on: words of two kinds may overlap, 该市区 is 该市 and 市区)
    pattern.lastIndex = m.index + 1;
    const kind = words.regionWordKind.get(m[0])!;
    freeFrom ??= { home: 0, anaphora: 0, province: 0, nation: 0 };
    if (m.index < freeFrom[kind]) continue;
    out.push({ start: from + m.index, end: from + m.index + m[0].length, place: placeOf(kind, m[0]), kind, subject: false });
    freeFrom[kind] = m.index + m[0].length;
  }
}

/**
 * The unit a home word means: the home unit, except that a city word (全市) in an article at home in a
 * county or a district means the city above it (德清县: 全市 is 湖州市; 北京市朝阳区: 全市 is 北京市).
 */
function homeUnitOf(word: string, home: Place | null, rules: RuleSet): Place | null {
  if (!home || home.level !== 'county' || home.name.endsWith('市') || !home.parent || !rules.regions.cityHomeWords.has(word)) return home;
  return rules.gazetteer.byName(home.parent, home.province) ?? home;
}

/** Whether a place ends its clause after a word that introduces it as the topic of what follows (…之称的东莞，). */
function introducesTopic(text: string, from: number, r: RegionMention, words: RegionRules): boolean {
  const endsClause = r.end < text.length && isClauseBreak(text.charCodeAt(r.end)) && !/[。！？!?；;]/u.test(text[r.end]!);
  if (endsClause && words.topicIntroducerBefore.test(text.slice(Math.max(from, r.start - 4), r.start))) return true;
  // 作为“国际消费中心城市”的广州…: the place a frame's 的 leads to.
  if (r.start <= from || text[r.start - 1] !== '的') return false;
  return words.topicFrame.test(text.slice(clauseStartBefore(text, from, r.start), r.start));
}

/** Whether an honour or ranking title follows a region word (全国电子信息百强企业), with no verb between them. */
function scopesTitle(text: string, at: number, to: number, words: RegionRules): boolean {
  const m = words.scopeQualifierAfter.exec(text.slice(at, Math.min(to, at + 16)));
  return m !== null && (m[1].length === 0 || !holdsVerb(m[1]));
}

/** Characters before a short place name read with it to see whether a word of the text runs into it. */
const WORD_CONTEXT = 4;

/**
 * Whether the word the segmenter reads across text[at] started before it: a short place name whose first
 * character ends another word (新增城镇 holds 增城, 新增 and 城镇 its words) is no mention of the place.
 */
function startsInsideWord(text: string, from: number, at: number, end: number): boolean {
  if (at <= from || !isHanAt(text, at - 1)) return false;
  let offset = from;
  for (const word of cutWords(text.slice(from, end))) {
    if (offset === at) return false;
    if (offset > at) return true;
    offset += word.length;
  }
  return offset !== at;
}

export function regionMentions(text: string, from: number, to: number, rules: RuleSet, home: Place | null, province: string | null, periods: readonly PeriodMention[]): RegionMention[] {
  // `subject` is decided below, for the mentions that survive.
  const out: RegionMention[] = [];
  const words = rules.regions;
  const found = rules.gazetteer.findMentions(text, province ?? undefined, from, to);
  /** Where the subject test starts for each named place: its own start, or its address's (山西省晋城市). */
  let subjectFrom: Map<RegionMention, number> | null = null;
  /** The places named as items of a list, and where the next item would start. */
  let listItems: Set<RegionMention> | null = null;
  let listedAfter = -1;
  /** Each list's first and last item. */
  let listStart: RegionMention | null = null;
  let lists: [RegionMention, RegionMention][] | null = null;
  for (let i = 0; i < found.length; i++) {
    const m = found[i];
    if (words.organisationAfter.test(text.slice(m.end, to))) continue;
    if (m.text !== m.place.name && startsInsideWord(text, Math.max(from, m.start - WORD_CONTEXT), m.start, m.end)) continue;
    // 浙江东尼电子, 浙江云谷磐石数据中心: a province's short form run into a name is a company's name.
    // (江苏外贸, 广东规上工业: an indicator run into the short form is the province's, no company's name)
    if (m.place.level === 'province' && m.text !== m.place.name && m.end < to && isHanAt(text, m.end) && !words.provinceShortFormFollowers.includes(text[m.end]!) && !rules.indicators.wordingStartsAt(text, m.end)) continue;
    // 庆云至章丘 (a route): neither end is a region the text is about.
    const joinerFirst = m.end < to && words.joinerFirsts.has(text.charCodeAt(m.end));
    const joiner = joinerFirst ? words.routeJoiner.exec(text.slice(m.end, Math.min(to, m.end + 2))) : null;
    if (joiner && found[i + 1]?.start === m.end + joiner[0].length) {
      i++;
      continue;
    }
    const r: RegionMention = { start: m.start, end: m.end, place: m.place, kind: 'named', subject: false };
    // 广州、佛山、汕头等: the items of a list, none of them the subject.
    const listJoiner = joinerFirst ? words.listJoiner.exec(text.slice(m.end, Math.min(to, m.end + 1))) : null;
    const goesOn = listJoiner !== null && found[i + 1]?.start === m.end + listJoiner[0].length;
    if (goesOn || listedAfter === m.start) {
      (listItems ??= new Set()).add(r);
      if (listedAfter !== m.start) listStart = r;
      if (goesOn) listedAfter = m.end + listJoiner[0].length;
      else if (listStart) (lists ??= []).push([listStart, r]);
    }
    // 山西省晋城市, 深圳市光明区: a unit written after the unit it lies in is the one place named.
    const before = out[out.length - 1];
    if (before?.kind === 'named' && before.end === m.start && before.place && liesWithin(m.place, before.place)) {
      out.pop();
      (subjectFrom ??= new Map()).set(r, subjectFrom?.get(before) ?? before.start);
    }
    out.push(r);
  }
  pushRegionWords(out, text, from, to, words, (kind, word) => {
    if (kind === 'home') return homeUnitOf(word, home, rules);
    if (kind === 'anaphora' || kind === 'nation') return null;
    // (looked up only where a province word occurs)
    return province ? rules.gazetteer.byName(province) : home ? rules.gazetteer.byName(home.province) : null;
  });
  if (out.length === 0) return [];
  const regions: RegionMention[] = [];
  for (const r of out) {
    if (out.some((o) => o !== r && o.start <= r.start && o.end >= r.end && o.end - o.start > r.end - r.start)) continue;
    // 位于吴兴区的东尼电子，…: where the clause's thing lies (位于 ends in 于, a comparison word).
    if (r.kind === 'named' && text[r.end] === '的' && words.locatedInBefore.test(text.slice(Math.max(from, r.start - 3), r.start))) {
      r.subject = true;
      regions.push(r);
      continue;
    }
    if (words.nonSubjectBefore.test(text.slice(Math.max(from, r.start - words.nonSubjectWindow), r.start))) continue;
    if ((r.kind === 'nation' || r.kind === 'province') && scopesTitle(text, r.end, to, words)) continue;
    if (listItems?.has(r)) {
      regions.push(r);
      continue;
    }
    r.subject = isSubjectPosition(text, from, subjectFrom?.get(r) ?? r.start, periods, words) || (r.kind === 'named' && introducesTopic(text, from, r, words));
    regions.push(r);
  }
  // 湛江、茂名两市…: a list standing as the subject, its places together (not 广州、佛山等14个, 杭州、宁波分别…).
  for (const [first, last] of lists ?? []) {
    if (!regions.includes(first) || words.notJointAfter.test(text.slice(last.end, to))) continue;
    if (isSubjectPosition(text, from, first.start, periods, words)) regions.push({ start: first.start, end: last.end, place: null, kind: 'joint', subject: true });
  }
  return regions.sort((a, b) => a.start - b.start);
}

/**
 * The narrower thing a clause is about, when its subject is a named company, project, park or zone
 * (德清地理信息小镇目前集聚了…, 杭州自贸片区全力推动…): a name ending in a subject suffix of
 * rules/metric.yaml, at the clause's start, proper enough to be a name (it holds a place name or
 * four characters before its suffix), never a region word (全市…).
 * `namesWithVerb` keeps whether each name tried holds a verb, for the next figure of the sentence:
 * each figure asks again about the same clause heads, and segmenting a name is the costly part.
 */
export function clauseSubject(
  text: string,
  clauseStart: number,
  end: number,
  suffixes: readonly string[],
  regions: readonly RegionMention[],
  periods: readonly PeriodMention[],
  words: RegionRules,
  namesWithVerb: Map<string, boolean> = new Map(),
): string | null {
  let at = clauseStart;
  for (const p of periods) if (p.start <= at + 1 && p.end > at) at = p.end;
  const window = text.slice(at, Math.min(end, at + 30));
  const offset = words.subjectLead.exec(window)![0].length;
  const head = window.slice(offset);
  // (a region word opens the clause: it is about the region as a whole)
  if (words.regionWordFirsts.has(head.charCodeAt(0)) && words.regionWordKind.has(head.slice(0, 2))) return null;
  // The names are the head's prefixes that end in a suffix, and the shortest that qualifies is the
  // subject (京杭运河二通道海宁段项目, not …项目已完成项目): so they are tried shortest first, and
  // each is checked as it grows by one character.
  const nameLimit = NOT_IN_NAME.exec(head)?.index ?? head.length;
  const headStart = at + offset;
  let placeStart = Infinity; // the first place named in the head: a name that reaches it holds it
  for (const r of regions) if (r.kind === 'named' && r.start >= headStart && r.start < placeStart) placeStart = r.start;
  const suffixesEndingIn = suffixesByLastChar(suffixes);
  let openQuotes = 0; // “ less ” so far
  for (let nameEnd = 1; nameEnd <= nameLimit; nameEnd++) {
    const last = head.charCodeAt(nameEnd - 1);
    if (last === OPEN_QUOTE) openQuotes++;
    else if (last === CLOSE_QUOTE) openQuotes--;
    if (openQuotes !== 0) continue;
    // (the shortest suffix leaves the most characters before it)
    const suffix = suffixesEndingIn.get(last)?.find((s) => s.length <= nameEnd && head.startsWith(s, nameEnd - s.length));
    if (suffix === undefined) continue;
    if (nameEnd - suffix.length < 4 && placeStart >= headStart + nameEnd) continue;
    const name = head.slice(0, nameEnd);
    // A name is nouns: a verb inside it (力争引进项目, 全面推动数据中心) makes it an action.
    let withVerb = namesWithVerb.get(name);
    if (withVerb === undefined) namesWithVerb.set(name, (withVerb = holdsVerb(name)));
    if (withVerb) continue;
    return name;
  }
  return null;
}

const OPEN_QUOTE = '“'.charCodeAt(0);
const CLOSE_QUOTE = '”'.charCodeAt(0);
/** What a clause subject's name never holds. */
const NOT_IN_NAME = /[,;:。、，；：\s的等\d]/u;

const suffixIndexes = new WeakMap<readonly string[], ReadonlyMap<number, readonly string[]>>();

/** The subject suffixes by last character, shortest first (each rule set's, built once). */
function suffixesByLastChar(suffixes: readonly string[]): ReadonlyMap<number, readonly string[]> {
  let index = suffixIndexes.get(suffixes);
  if (!index) {
    const byLast = new Map<number, string[]>();
    for (const suffix of [...suffixes].sort((a, b) => a.length - b.length)) {
      if (suffix.length === 0) continue;
      const last = suffix.charCodeAt(suffix.length - 1);
      byLast.set(last, [...(byLast.get(last) ?? []), suffix]);
    }
    index = byLast;
    suffixIndexes.set(suffixes, index);
  }
  return index;
}

/** How far into a clause its subject can stand (after 在, 据悉, a date …). */
const CLAUSE_HEAD = 14;

export function clauseHeadRegions(text: string, sentence: Sentence, rules: RuleSet, home: Place | null, province: string | null, periods: readonly PeriodMention[]): RegionMention[] {
  const out: RegionMention[] = [];
  for (let clauseStart = sentence.start; ; ) {
    const clauseEnd = clauseEndAfter(text, clauseStart, sentence.end);
    const end = Math.min(clauseEnd, clauseStart + CLAUSE_HEAD);
    if (end > clauseStart && maySubjectStandIn(text, clauseStart, end, rules, periods)) {
      for (const r of regionMentions(text, clauseStart, end, rules, home, province, periods)) if (r.subject) out.push(r);
    }
    if (clauseEnd === sentence.end) return out;
    clauseStart = clauseEnd + 1;
  }
}

/**
 * Whether a region may stand as the subject of the clause head text[from, to): whether a place name
 * or a region word starts where only lead words stand before it. Most heads start with neither, and
 * need not be read through. (A head with a period in it, which a subject may follow, may.) A head
 * where no place name or region word can start at all holds no region (regionMentions would find
 * none): most heads are settled by that one scan, before any pattern is tried.
 */
function maySubjectStandIn(text: string, from: number, to: number, rules: RuleSet, periods: readonly PeriodMention[]): boolean {
  const { subjectLeadAt, regionWordFirsts } = rules.regions;
  const mayStartAt = (at: number) => regionWordFirsts.has(text.charCodeAt(at)) || rules.gazetteer.mayMentionAt(text, at, to);
  let firstStart = from;
  while (firstStart < to && !mayStartAt(firstStart)) firstStart++;
  if (firstStart === to) return false;
  if (periods.some((p) => p.start < to && p.end > from)) return true;
  // A subject past the lead: a topic (…的东莞，/ 包括X，/ 作为…的X) or where a thing lies (位于X的).
  if (rules.regions.subjectPastLead.test(text.slice(from, to))) return true;
  // The lead read on from `from` past `to` is no shorter than any lead that ends before a subject in the
  // head (isSubjectPosition): the lead takes the first word that matches, so more text can only lengthen it.
  subjectLeadAt.lastIndex = from;
  const lastSubjectStart = Math.min(to - 1, from + subjectLeadAt.exec(text)![0].length);
  for (let at = firstStart; at <= lastSubjectStart; at++) if (mayStartAt(at)) return true;
  return false;
}
