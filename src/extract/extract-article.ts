/**
 * Extraction for one article, in the manner of chrono: parsers propose candidates (values,
 * periods, places) with their index; an ordered list of refiners then decides each figure's
 * kind, approximation, metric, city, period and status. Every decision that a rule made is
 * named in the record's trace; every decision taken from context rather than the clause itself
 * is named in its flags.
 */
import type { Approx, Basis, Kind, Period, Status } from '../record/schema';
import type { Place } from '../gazetteer/gazetteer';
import type { RuleSet } from '../rules/ruleset';
import type { Article } from '../articles/articles';
import type { DraftRecord } from './types';
import { findValueMentions, parseUnitText, type ValueMention } from './values';
import { findPeriodMentions, type PeriodMention } from './periods';
import { deriveMetric, listItemsBefore, type MetricResult } from './metric';
import { extractTables, type TableCell, type TableRegion } from './tables';
import { tagWords, teachVocabulary } from './segmenter';
import { normalizeValue } from './normalize-value';
import { compileCues, type CompiledCues } from './cues';

export interface ArticleInput {
  /** The whole normalized file text; the article is text[article.start, article.end). */
  text: string;
  article: Article;
  /** Publication date YYYY-MM-DD, or null when no source gives one. */
  published: string | null;
  rules: RuleSet;
}

export interface Sentence {
  start: number;
  end: number;
  paragraph: number;
}

const SENTENCE_END = /[。!?！？]/u;
const CLAUSE_BREAK = /[,;:，；：。!?！？]/u;

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

function clauseStartBefore(text: string, sentenceStart: number, pos: number): number {
  for (let i = pos - 1; i >= sentenceStart; i--) if (CLAUSE_BREAK.test(text[i])) return i + 1;
  return sentenceStart;
}

const HOME_WORDS = /(全市|我市|本市|市区|全县|我县|本县|全区|我区|本区)/gu;
const ANAPHORA_WORDS = /(该市|该县|该区)/gu;
const PROVINCE_WORDS = /(全省|我省|该省|本省)/gu;
/** Words after which a region is a comparison target or a ranking scope, not the subject. */
const NON_SUBJECT_BEFORE = /(占|居|列|拉动|对|较|比|于|排名|位居|位列|仅次于|贡献了|高于|低于|超过|领跑|全国)$/u;
/** An organisation named after a place (湖州市经信局) is not the place. */
const ORG_AFTER = /^(?:市|县|区|省)?[\u4e00-\u9fa5]{0,6}?(?:局|委员会|委|厅|办公室|公司|集团|大学|学院|研究院|研究所|海关|日报|晚报|电视台|银行|医院|政府|人大|政协|法院|检察院|协会|商会|港航中心|管委会)/u;
/** What may stand between a clause's start and its subject (在乐清，… / 据悉，目前湖州市…). */
const SUBJECT_LEAD = /^(?:[\s“”"'(（]|在|据悉|据统计|据了解|数据显示|其中|目前|当前|同时|此外|另外|而|截至目前|从全省范围来看|总体来看|全年|今年以来|近年来|与此同时)*/u;

interface RegionMention {
  start: number;
  end: number;
  place: Place | null;
  /** home: 全市/我市; anaphora: 该市 (the place last spoken of); province: 全省; named: a gazetteer place. */
  kind: 'home' | 'anaphora' | 'province' | 'named';
  /** Stands where a clause's subject stands: at its start, after at most a time or a filler word. */
  subject: boolean;
}

function isSubjectPosition(text: string, sentenceStart: number, at: number, periods: readonly PeriodMention[]): boolean {
  const clauseStart = clauseStartBefore(text, sentenceStart, at);
  let prefix = '';
  for (let i = clauseStart; i < at; i++) if (!periods.some((p) => i >= p.start && i < p.end)) prefix += text[i];
  return prefix.replace(SUBJECT_LEAD, '').length === 0;
}

function regionMentions(text: string, from: number, to: number, rules: RuleSet, home: Place | null, province: string | null, periods: readonly PeriodMention[]): RegionMention[] {
  const slice = text.slice(from, to);
  const out: Omit<RegionMention, 'subject'>[] = [];
  for (const m of rules.gazetteer.findMentions(slice, province ?? undefined)) {
    if (ORG_AFTER.test(slice.slice(m.end))) continue;
    // 浙江东尼电子, 浙江云谷磐石数据中心: a province's short form run into a name is a company's name.
    if (m.place.level === 'province' && m.text !== m.place.name && /^[\u4e00-\u9fa5]/u.test(slice.slice(m.end)) && !/^[省全各等和与及]/u.test(slice.slice(m.end))) continue;
    out.push({ start: from + m.start, end: from + m.end, place: m.place, kind: 'named' });
  }
  for (const m of slice.matchAll(HOME_WORDS)) out.push({ start: from + m.index, end: from + m.index + m[0].length, place: home, kind: 'home' });
  for (const m of slice.matchAll(ANAPHORA_WORDS)) out.push({ start: from + m.index, end: from + m.index + m[0].length, place: null, kind: 'anaphora' });
  const provincePlace = province ? rules.gazetteer.byName(province) : home ? rules.gazetteer.byName(home.province) : null;
  for (const m of slice.matchAll(PROVINCE_WORDS)) out.push({ start: from + m.index, end: from + m.index + m[0].length, place: provincePlace, kind: 'province' });
  return out
    .filter((r) => !out.some((o) => o !== r && o.start <= r.start && o.end >= r.end && o.end - o.start > r.end - r.start))
    .filter((r) => !NON_SUBJECT_BEFORE.test(text.slice(Math.max(from, r.start - 4), r.start)))
    .map((r) => ({ ...r, subject: isSubjectPosition(text, from, r.start, periods) }))
    .sort((a, b) => a.start - b.start);
}

/**
 * The narrower thing a clause is about, when its subject is a named company, project, park or zone
 * (德清地理信息小镇目前集聚了…, 杭州自贸片区全力推动…): a name ending in a subject suffix of
 * rules/metric.yaml, at the clause's start, proper enough to be a name (it holds a place name or
 * four characters before its suffix), never a region word (全市…).
 */
function clauseSubject(text: string, clauseStart: number, end: number, suffixes: readonly string[], regions: readonly RegionMention[], periods: readonly PeriodMention[]): string | null {
  let at = clauseStart;
  for (const p of periods) if (p.start <= at + 1 && p.end > at) at = p.end;
  const head = text.slice(at, Math.min(end, at + 30)).replace(SUBJECT_LEAD, '');
  const offset = text.slice(at, Math.min(end, at + 30)).length - head.length;
  if (/^(全|我|该|本)[市省县区国]/u.test(head)) return null;
  // The shortest name that qualifies: 京杭运河二通道海宁段项目, not …项目已完成项目.
  let best: string | null = null;
  for (const suffix of suffixes) {
    for (let i = head.indexOf(suffix); i >= 0; i = head.indexOf(suffix, i + 1)) {
      const name = head.slice(0, i + suffix.length);
      if (/[,;:。、，；：\s的等\d]/u.test(name) || (name.split('“').length !== name.split('”').length)) continue;
      const namesPlace = regions.some((r) => r.kind === 'named' && r.start >= at + offset && r.start < at + offset + name.length);
      if (i < 4 && !namesPlace) continue;
      // A name is nouns: a verb inside it (力争引进项目, 全面推动数据中心) makes it an action.
      if (tagWords(name).some((t) => t.tag === 'v')) continue;
      if (!best || name.length < best.length) best = name;
    }
  }
  return best;
}

/** How far into a clause its subject can stand (after 在, 据悉, a date …). */
const CLAUSE_HEAD = 14;

function clauseHeadRegions(text: string, sentence: Sentence, rules: RuleSet, home: Place | null, province: string | null, periods: readonly PeriodMention[]): RegionMention[] {
  const out: RegionMention[] = [];
  let clauseStart = sentence.start;
  for (let i = sentence.start; i <= sentence.end; i++) {
    if (i === sentence.end || CLAUSE_BREAK.test(text[i])) {
      const end = Math.min(i, clauseStart + CLAUSE_HEAD);
      if (end > clauseStart) out.push(...regionMentions(text, clauseStart, end, rules, home, province, periods).filter((r) => r.subject));
      clauseStart = i + 1;
    }
  }
  return out;
}

interface Candidate {
  mention: ValueMention;
  sentence: Sentence;
  clauseStart: number;
  kind: Kind;
  basis: Basis | null;
  sign: 1 | -1;
  approx: Approx | null;
  status: Status;
  period: PeriodMention | null;
  periodInherited: boolean;
  metric: MetricResult;
  subject: string | null;
  city: Place | null;
  cityFlag: string | null;
  trace: string[];
  flags: string[];
  unitText: string | null;
  unitClass: string | null;
}

function yearOf(published: string | null): number | null {
  return published ? Number(published.slice(0, 4)) : null;
}

/** The figure's kind from its unit and the nearest cue before it in its clause. */
function decideKind(text: string, m: ValueMention, clauseStart: number, cues: CompiledCues, trace: string[]): { kind: Kind; sign: 1 | -1 } {
  if (m.rank) return { kind: 'rank', sign: 1 };
  const unitClass = m.unitDef?.class ?? null;
  const before = text.slice(clauseStart, m.start);
  const growth = cues.lastGrowth(before);
  const share = cues.lastShare(before);
  // 提高到 / 下降至 name the new level, not the change.
  const toLevel = growth && /^(?:了)?(?:到|至)/u.test(before.slice(growth.index + growth.word.length).replace(/\s/g, ''));
  if (unitClass === 'pp') {
    trace.push('kind.pp_unit');
    return { kind: 'pp', sign: growth?.sign ?? 1 };
  }
  if (unitClass === 'percent' || unitClass === 'permille' || unitClass === 'times') {
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
    if (unitClass === 'times') {
      trace.push('kind.times_level');
      return { kind: 'level', sign: 1 };
    }
    trace.push(share ? share.id : 'kind.percent_share');
    return { kind: 'share', sign: 1 };
  }
  trace.push('kind.level');
  return { kind: 'level', sign: 1 };
}

/** Attaches a unit written once after a list (拉动3.2、3.4和2.6个百分点) to the bare numbers before it. */
function shareListUnits(text: string, mentions: ValueMention[]): void {
  for (let i = mentions.length - 2; i >= 0; i--) {
    const m = mentions[i];
    const next = mentions[i + 1];
    if (m.unitText !== null || m.rank || next.rank || next.unitText === null) continue;
    const gap = text.slice(m.end, next.start);
    if (!/^\s*(?:、|和|及|与|或|至|到|-|—|~|,)\s*$/u.test(gap)) continue;
    m.unitText = next.unitText;
    m.unitDef = next.unitDef;
    m.multiplier = next.multiplier;
    m.trace.push('value.unit_from_list');
  }
}

function periodYearAnchor(periods: readonly PeriodMention[], pos: number, fallback: number | null): number | null {
  for (let i = periods.length - 1; i >= 0; i--) {
    const p = periods[i];
    if (p.start < pos && p.period.year !== null && p.period.endYear === null) return p.period.year;
  }
  return fallback;
}

export function extractArticle(input: ArticleInput): DraftRecord[] {
  const { text, article, rules } = input;
  teachVocabulary(rules);
  const cues = compileCues(rules);
  const pubYear = yearOf(input.published);
  const home = article.homeCity;
  const reportYear = reportYearOf(article.title);
  const tables: TableRegion[] = extractTables(text, article.start, article.end);
  const inTable = (pos: number) => tables.some((t) => pos >= t.start && pos < t.end);

  const sentences = splitSentences(text, article.start, article.end);
  const candidates: Candidate[] = [];
  let paragraphPeriod: { paragraph: number; period: PeriodMention | null } = { paragraph: -1, period: null };
  let paragraphCity: { paragraph: number; city: Place | null } = { paragraph: -1, city: null };
  let leadPeriod: PeriodMention | null = null;
  let leadDecided = false;
  /** The place last spoken of as a subject in this article: what 该市/该县 refer to. */
  let lastSubject: Place | null = null;

  for (const sentence of sentences) {
    if (inTable(sentence.start)) continue;
    if (paragraphPeriod.paragraph !== sentence.paragraph) paragraphPeriod = { paragraph: sentence.paragraph, period: null };
    if (paragraphCity.paragraph !== sentence.paragraph) paragraphCity = { paragraph: sentence.paragraph, city: null };
    const periods = findPeriodMentions(text, sentence.start, sentence.end, rules, pubYear, reportYear, (pos, earlier) =>
      periodYearAnchor(earlier, pos, null),
    );
    // Places are looked up in the whole sentence only when it holds a figure; otherwise only where
    // a subject can stand (clause heads), which is all that later sentences inherit.
    let sentenceRegions: RegionMention[] | null = null;
    const allRegions = () => (sentenceRegions ??= regionMentions(text, sentence.start, sentence.end, rules, home, article.province, periods));
    const placeEndsAt = (pos: number) => allRegions().some((r) => r.end === pos && r.kind === 'named');
    const mentions = findValueMentions(text, sentence.start, sentence.end, rules, { placeEndsAt }).filter(
      (m) => !periods.some((p) => m.start >= p.start && m.end <= p.end) && isFigure(text, m, sentence),
    );
    const regions = mentions.length > 0 ? allRegions() : clauseHeadRegions(text, sentence, rules, home, article.province, periods);
    shareListUnits(text, mentions);

    const sentenceCandidates: Candidate[] = [];
    for (const m of mentions) {
      if (m.unitText === null && !m.rank && !isIndexValue(text, m, sentence.start)) continue;
      const trace = [...m.trace];
      const flags: string[] = [];
      const clauseStart = clauseStartBefore(text, sentence.start, m.start);
      const { kind, sign } = decideKind(text, m, clauseStart, cues, trace);

      // Period: nearest before the figure in its sentence, else the paragraph's, else the lead's.
      // 近三年年均增长 dates only its own clause; later clauses return to the sentence's period.
      let period = [...periods].reverse().find((p) => p.end <= m.start && (p.ruleId !== 'period.recent_years' || p.start >= clauseStart)) ?? null;
      let periodInherited = false;
      // 全年 in a text that names no report year is the year its paragraph is about (过去一年…全年).
      if (period?.ruleId === 'period.report_year' && period.period.year === null && paragraphPeriod.period?.period.year && paragraphPeriod.period.period.startMonth === null) {
        period = paragraphPeriod.period;
        periodInherited = true;
        trace.push('period.inherit_paragraph');
      } else if (period) trace.push(period.ruleId);
      else if (paragraphPeriod.period) {
        period = paragraphPeriod.period;
        periodInherited = true;
        trace.push('period.inherit_paragraph');
      } else if (leadPeriod) {
        period = leadPeriod;
        periodInherited = true;
        trace.push('period.inherit_lead');
      } else if (reportYear !== null) {
        period = reportPeriod(reportYear);
        periodInherited = true;
        trace.push('period.report_year');
      }
      if (periodInherited) flags.push('period_inherited');
      if (period?.yearUnknown) flags.push('period_year_unknown');

      // City: the nearest region standing as a subject before the figure in its sentence, else
      // the paragraph's subject, else the article's home city.
      const region = [...regions].reverse().find((r) => r.end <= m.start && r.subject);
      let city: Place | null;
      let cityFlag: string | null = null;
      if (region && region.kind === 'named') {
        city = region.place;
        trace.push('city.named');
      } else if (region && region.kind === 'anaphora') {
        city = lastSubject ?? home;
        cityFlag = 'city_from_context';
        trace.push('city.anaphora');
      } else if (region) {
        city = region.place;
        cityFlag = 'city_from_context';
        trace.push(region.kind === 'home' ? 'city.home_word' : 'city.province_word');
      } else if (paragraphCity.city) {
        city = paragraphCity.city;
        cityFlag = 'city_from_context';
        trace.push('city.paragraph');
      } else {
        city = home;
        cityFlag = 'city_from_context';
        trace.push(`city.article_${article.homeCitySource ?? 'none'}`);
      }
      if (!city) cityFlag = 'city_unknown';
      if (cityFlag) flags.push(cityFlag);

      // Status: a goal period (到2025年) or a goal word earlier in the sentence.
      let status: Status = 'actual';
      const targetPeriod = period && period.target && (pubYear === null || (period.period.year ?? 0) >= pubYear);
      const targetCue = cues.targetFor(text, sentence.start, m.start);
      if (targetPeriod || targetCue || (period && pubYear !== null && (period.period.year ?? 0) > pubYear)) {
        status = 'target';
        trace.push(targetCue ? targetCue.id : 'status.target_period');
      }

      const approx = cues.approxAround(text, m, sentence.start, sentence.end);
      if (approx) trace.push(approx.id);
      // A growth rate's basis may be stated once for the sentence (同比增长…，其中…增长); a change in
      // percentage points states its own (比上年提高0.5个百分点), else it compares with something else.
      const basisScope = kind === 'pp' ? clauseStart : sentence.start;
      const basis: Basis | null = kind === 'growth' || kind === 'pp' ? cues.basisBefore(text.slice(basisScope, m.start), kind) : null;

      const metric = deriveMetric({ text, sentenceStart: sentence.start, clauseStart, mention: m, kind, rules, cues, regions, periods, previous: sentenceCandidates });
      trace.push(...metric.trace);

      // The subject: the clause's own, else the sentence's first clause's (its grammatical subject).
      const subject =
        clauseSubject(text, clauseStart, m.start, rules.metric.subjectSuffixes, regions, periods) ??
        (clauseStart > sentence.start && !regions.some((r) => r.subject && r.start >= clauseStart && r.end <= m.start)
          ? clauseSubject(text, sentence.start, m.start, rules.metric.subjectSuffixes, regions, periods)
          : null);
      if (subject) trace.push('subject.clause_name');

      sentenceCandidates.push({
        mention: m, sentence, clauseStart, kind, basis, sign, approx: approx?.approx ?? m.approxInside, status,
        period, periodInherited, metric, subject, city, cityFlag, trace, flags, unitText: m.unitText, unitClass: m.unitDef?.class ?? null,
      });
    }
    applyRespectiveLists(text, sentenceCandidates, rules, [...regions, ...periods]);
    candidates.push(...sentenceCandidates);

    const lastPeriod = periods[periods.length - 1];
    if (lastPeriod) paragraphPeriod.period = lastPeriod;
    const lastNamed = [...regions].reverse().find((r) => r.kind === 'named' && r.subject && r.place && r.place.level !== 'province');
    if (lastNamed) {
      paragraphCity.city = lastNamed.place;
      lastSubject = lastNamed.place;
    }
    if (!leadDecided && sentenceCandidates.length > 0) {
      leadDecided = true;
      const first = sentenceCandidates[0].period;
      const leadParagraphs = sentence.paragraph <= firstTextParagraph(sentences) + 1;
      if (first && !sentenceCandidates[0].periodInherited && leadParagraphs && !first.undated && !first.target && first.period.endYear === null && first.period.startMonth !== null) {
        leadPeriod = first;
      }
    }
  }

  const drafts = candidates.map((c) => toDraft(c, rules));
  const tableFallback = leadPeriod ?? (reportYear !== null ? reportPeriod(reportYear) : null);
  for (const table of tables) drafts.push(...table.cells.map((cell) => tableDraft(cell, table, input, rules, tableFallback)));
  return drafts.sort((a, b) => a.span[0] - b.span[0]);
}

/** A statistical bulletin or annual report names the year it reports on in its title
 * (2023年嘉兴市国民经济和社会发展统计公报): its 全年 and 年末 are that year. */
function reportPeriod(year: number): PeriodMention {
  return { start: 0, end: 0, period: { text: `${year}年`, year, endYear: null, startMonth: null, endMonth: null }, ruleId: 'period.report_year', target: false, yearUnknown: false, undated: false };
}

export function reportYearOf(title: string | null): number | null {
  // Not 工作报告: a work report is titled with the year it is given in and reviews the year before.
  if (!title || !/(公报|年报|年鉴|统计|决算|年度)/u.test(title)) return null;
  const m = /((?:19|20)\d{2})\s*年/u.exec(title);
  return m ? Number(m[1]) : null;
}

function firstTextParagraph(sentences: Sentence[]): number {
  return sentences.length > 0 ? sentences[0].paragraph : 0;
}

/** Bare numbers are figures only where the text says they are an index (两化融合发展指数95.83). */
function isIndexValue(text: string, m: ValueMention, sentenceStart: number): boolean {
  const before = text.slice(Math.max(sentenceStart, m.start - 8), m.start);
  return /指数(?:为|达|达到|超|超过|是|突破)?$/u.test(before);
}

/** Filters for numbers that are never figures: thresholds defining a category, codes, list numbers. */
function isFigure(text: string, m: ValueMention, sentence: Sentence): boolean {
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

/** `A、B和C分别增长x%、y%和z%`: the i-th value belongs to the i-th item. */
function applyRespectiveLists(text: string, sentenceCandidates: Candidate[], rules: RuleSet, skip: readonly { start: number; end: number }[]): void {
  // 铜材、铝材分别进口86.0亿元、13.9亿元，分别增长1.6倍和1.1倍: a later 分别 with no list of its own
  // refers to the same items.
  let lastItems: string[] | null = null;
  let i = 0;
  while (i < sentenceCandidates.length) {
    const first = sentenceCandidates[i];
    const respectively = text.lastIndexOf('分别', first.mention.start);
    if (respectively < first.clauseStart - 40 || respectively < first.sentence.start) {
      i++;
      continue;
    }
    // The run of values joined by 、/和 after 分别.
    const group = [first];
    let j = i + 1;
    while (j < sentenceCandidates.length) {
      const gap = text.slice(group[group.length - 1].mention.end, sentenceCandidates[j].mention.start);
      if (!/^\s*(?:、|和|及|与|,)\s*$/u.test(gap) || sentenceCandidates[j].kind !== first.kind) break;
      group.push(sentenceCandidates[j]);
      j++;
    }
    if (group.length >= 2 && text.slice(respectively, first.mention.start).length <= 12) {
      const own = listItemsBefore(text, first.sentence.start, respectively, group.length, rules, skip);
      // 营业收入5678亿元、利润总额345亿元，分别增长8.2%和12.3%: with no list of its own, the
      // values follow the amounts just named, in order.
      // Only the amounts of this ;-part of the sentence, and exactly as many as there are values.
      const partStart = Math.max(first.sentence.start, text.lastIndexOf(';', first.mention.start) + 1, text.lastIndexOf('；', first.mention.start) + 1);
      const amountsBefore = sentenceCandidates.slice(0, i).filter((c) => c.kind === 'level' && c.mention.start >= partStart);
      const fromAmounts =
        first.kind !== 'level' && amountsBefore.length === group.length && amountsBefore.every((c) => !c.metric.missing) ? amountsBefore.map((c) => c.metric.name) : null;
      const items = own ?? (lastItems && lastItems.length === group.length ? lastItems : fromAmounts);
      if (own) lastItems = own;
      if (items) {
        group.forEach((c, k) => {
          c.metric = { ...c.metric, name: items[k], trace: [...c.metric.trace, 'metric.respective_list'] };
          c.trace.push('metric.respective_list');
        });
      }
    }
    i = j;
  }
}

function toDraft(c: Candidate, rules: RuleSet): DraftRecord {
  const m = c.mention;
  const norm = normalizeValue(m, c.kind, c.sign);
  const flags = [...c.flags];
  const indicator = c.metric.name ? rules.indicators.match(c.metric.name) : null;
  if (!indicator) flags.push('metric_unknown');
  if (c.metric.missing) flags.push('metric_missing');
  if (m.chineseNumeral) flags.push('chinese_numeral');
  // Each inference the record rests on lowers its confidence; the review queue takes the lowest.
  let confidence = 0.95;
  if (c.cityFlag === 'city_unknown') confidence -= 0.4;
  else if (c.trace.some((t) => t === 'city.paragraph' || t === 'city.anaphora' || t === 'city.article_lead')) confidence -= 0.1;
  if (c.metric.missing) confidence -= 0.4;
  else if (c.metric.inherited) confidence -= 0.05;
  if (!indicator) confidence -= 0.1;
  if (c.periodInherited) confidence -= 0.05;
  if (c.period?.yearUnknown) confidence -= 0.05;
  if (m.trace.includes('value.unit_from_list')) confidence -= 0.05;
  if (m.chineseNumeral) confidence -= 0.05;
  return {
    span: [m.start, m.end],
    sentence: [c.sentence.start, c.sentence.end],
    city: c.city,
    subject: c.subject,
    metric: { name: c.metric.name || '未知指标', id: indicator?.id ?? null },
    metricTextSpan: c.metric.textSpan,
    kind: c.kind,
    basis: c.basis,
    value: norm.value,
    unit: norm.unit,
    normalized: norm.normalized,
    approx: c.approx,
    status: c.status,
    period: c.period ? c.period.period : null,
    periodSpan: c.period && c.period.end > c.period.start ? [c.period.start, c.period.end] : null,
    confidence: Math.max(0.05, confidence),
    flags,
    trace: [...new Set(c.trace)],
  };
}

function tableDraft(cell: TableCell, table: TableRegion, input: ArticleInput, rules: RuleSet, fallback: PeriodMention | null): DraftRecord {
  const pubYear = yearOf(input.published);
  const indicator = rules.indicators.match(cell.metric);
  const flags = ['table_cell'];
  const trace = ['table.cell'];
  if (!input.article.homeCity) flags.push('city_unknown');
  else flags.push('city_from_context');
  if (!indicator) flags.push('metric_unknown');
  const meaning = cell.column.meaning;
  const kind: Kind = meaning.kind === 'growth' ? 'growth' : meaning.kind === 'share' || cell.unit === '%' ? 'share' : 'level';
  trace.push(`table.column_${meaning.kind}`);

  // The column's year, else the caption's, else the period the article reports on.
  let period: Period | null = null;
  let periodSpan: [number, number] | null = null;
  if (cell.year !== null) {
    period = { text: cell.yearText ?? `${cell.year}年`, year: cell.year, endYear: null, startMonth: null, endMonth: null };
    periodSpan = cell.yearSpan;
    if (cell.footnoteYear) trace.push('table.footnote_year');
  } else if (table.captionYear) {
    period = { text: `${table.captionYear.year}年`, year: table.captionYear.year, endYear: null, startMonth: null, endMonth: null };
    trace.push('table.caption_year');
  } else if (fallback) {
    period = fallback.period;
    flags.push('period_inherited');
    trace.push('period.inherit_lead');
  }
  const columnTarget = meaning.kind === 'level' && meaning.target;
  const status: Status = columnTarget || (pubYear !== null && period?.year != null && period.year > pubYear) ? 'target' : 'actual';

  const { multiplier, unitDef } = cell.unit ? parseUnitText(rules, cell.unit) : { multiplier: 1, unitDef: null };
  const norm = normalizeValue(
    { start: cell.start, end: cell.end, value: Math.abs(cell.value), multiplier, unitText: cell.unit, unitDef, approxInside: null, negative: cell.value < 0, rank: false, chineseNumeral: false, trace: [] },
    kind,
    1,
  );
  return {
    span: [cell.start, cell.end],
    sentence: [cell.rowStart, cell.end],
    city: input.article.homeCity,
    subject: null,
    metric: { name: cell.metric, id: indicator?.id ?? null },
    metricTextSpan: cell.labelSpan,
    kind,
    basis: kind === 'growth' ? 'yoy' : null,
    value: norm.value,
    unit: norm.unit,
    normalized: norm.normalized,
    approx: null,
    status,
    period,
    periodSpan,
    confidence: 0.75,
    flags,
    trace,
  };
}
