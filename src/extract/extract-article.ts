/**
 * Extraction for one article, in the manner of chrono: parsers propose candidates (values,
 * periods, places) with their index; an ordered list of refiners then decides each figure's
 * kind, approximation, metric, city, period and status. Every decision that a rule made is
 * named in the record's trace; every decision taken from context rather than the clause itself
 * is named in its flags.
 */
import type { Approx, Basis, Kind, Status } from '../record/schema';
import type { Place } from '../gazetteer/gazetteer';
import type { RuleSet } from '../rules/ruleset';
import { liesWithin, type Article } from '../articles/articles';
import type { DraftRecord } from './types';
import { findValueMentions, type ValueMention } from './values';
import { findPeriodMentions, publicationMonth, publicationYear, reportPeriod, type PeriodMention } from './periods';
import { readDocument, sectionAt, type DocumentSection } from './document';
import { deriveMetric, listItemsBefore, type MetricResult } from './metric';
import { extractTables, type TableRegion } from './tables';
import { teachVocabulary } from './segmenter';
import { normalizeValue, signRepeated } from './normalize-value';
import { compileCues } from './cues';
import { clauseStartBefore, splitSentences, type Sentence } from './sentences';
import { clauseHeadRegions, clauseSubject, regionMentions, type RegionMention } from './places';
import { decideKind, isFigure, isIndexValue, shareListUnits } from './figures';
import { tableDrafts } from './table-records';
import { SentenceScanner } from './sentence-scan';
import { endsAt } from './words';

/** How far before a compared region (高于同期全省) its comparison word and filler are read. */
const COMPARED_WORD_REACH = 6;

/** How far before a table its introducing words may stand (the paragraph or caption before it). */
const TABLE_INTRO_WINDOW = 200;

export interface ArticleInput {
  /** The whole normalized file text; the article is text[article.start, article.end). */
  text: string;
  article: Article;
  /** Publication date YYYY-MM-DD, or null when no source gives one. */
  published: string | null;
  rules: RuleSet;
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
  citySpan: [number, number] | null;
  cityFlag: string | null;
  trace: string[];
  flags: string[];
}

/** The year 近N年 at `pos` ends at: that of the last single year named before it (findPeriodMentions' recentAnchor). */
function periodYearAnchor(pos: number, periods: readonly PeriodMention[]): number | null {
  for (let i = periods.length - 1; i >= 0; i--) {
    const p = periods[i];
    if (p.start < pos && p.period.year !== null && p.period.endYear === null) return p.period.year;
  }
  return null;
}

function inAnyTable(tables: readonly TableRegion[], pos: number): boolean {
  for (const t of tables) if (pos >= t.start && pos < t.end) return true;
  return false;
}

/** Whether the figure stands inside a period's text (the 2023 of 2023年), which makes it no figure. */
function insidePeriod(m: ValueMention, periods: readonly PeriodMention[]): boolean {
  for (const p of periods) if (m.start >= p.start && m.end <= p.end) return true;
  return false;
}

/** The period nearest before a figure at `pos` in its sentence; 近三年 dates only its own clause. */
function periodBefore(periods: readonly PeriodMention[], pos: number, clauseStart: number): PeriodMention | null {
  for (let i = periods.length - 1; i >= 0; i--) {
    const p = periods[i];
    if (p.end <= pos && (p.ruleId !== 'period.recent_years' || p.start >= clauseStart)) return p;
  }
  return null;
}

/**
 * The region nearest before `pos` that stands as a subject. A national word (全国) is the subject of
 * its own clause only: the clauses after it return to the region before it (…，全国增长5.0%，居…).
 */
function subjectRegionBefore(regions: readonly RegionMention[], pos: number, clauseStart: number): RegionMention | undefined {
  for (let i = regions.length - 1; i >= 0; i--) {
    const r = regions[i];
    if (r.end <= pos && r.subject && !(r.kind === 'nation' && r.start < clauseStart)) return r;
  }
  return undefined;
}

/** Whether a place is a city (市) or a prefecture-level unit: what 全市 may stand for. */
function isCityUnit(place: Place): boolean {
  return place.level === 'prefecture' || place.name.endsWith('市');
}

/** Whether a region stands as a subject within [from, to). */
function hasSubjectRegion(regions: readonly RegionMention[], from: number, to: number): boolean {
  for (const r of regions) if (r.subject && r.start >= from && r.end <= to) return true;
  return false;
}

export function extractArticle(input: ArticleInput): DraftRecord[] {
  const { text, article, rules } = input;
  teachVocabulary(rules);
  const cues = compileCues(rules);
  const pubYear = publicationYear(input.published);
  const pubMonth = publicationMonth(input.published);
  const home = article.homeCity;
  const document = readDocument(text, article, rules, pubYear);
  const reportYear = document.titleYear;
  const tables: TableRegion[] = extractTables(text, article.start, article.end, rules.tables);

  const sentences = splitSentences(text, article.start, article.end);
  const scan = new SentenceScanner(rules);
  const candidates: Candidate[] = [];
  let paragraphPeriod: { paragraph: number; period: PeriodMention | null } = { paragraph: -1, period: null };
  let paragraphCity: { paragraph: number; city: Place | null } = { paragraph: -1, city: null };
  /** The indicator the paragraph's figures last measured (an amount or a change, named): what a later sentence's bare change is of. */
  let paragraphMetric: MetricResult | null = null;
  let leadPeriod: PeriodMention | null = null;
  // A news headline's one period (前三季度我市经济稳中有进) dates the figures that state none.
  const titlePeriod = document.kind === 'news' ? headlinePeriod(text, article, rules, pubYear, pubMonth) : null;
  let leadDecided = false;
  /** Every dated period of the article, in order: what dates a table is the nearest before it. */
  const datedPeriods: PeriodMention[] = [];
  /** The place last spoken of as a subject in this article: what 该市/该县 refer to. */
  let lastSubject: Place | null = null;

  for (const sentence of sentences) {
    if (inAnyTable(tables, sentence.start)) continue;
    if (paragraphPeriod.paragraph !== sentence.paragraph) paragraphPeriod = { paragraph: sentence.paragraph, period: null };
    const opensParagraph = paragraphCity.paragraph !== sentence.paragraph;
    if (opensParagraph) {
      paragraphCity = { paragraph: sentence.paragraph, city: null };
      paragraphMetric = null;
    }
    scan.scan(text, sentence.start, sentence.end);
    // A work report's review or goals section: its year dates the section's 全年, and what it states.
    const section = sectionAt(document, sentence.start);
    const sectionYear = section?.period?.period.year ?? null;
    const periods = findPeriodMentions(text, sentence.start, sentence.end, rules, pubYear, sectionYear ?? reportYear, periodYearAnchor, scan.periods, pubMonth);
    for (const p of periods) if (!p.undated) datedPeriods.push(p);
    // Places are looked up in the whole sentence only when it holds a figure; otherwise only where
    // a subject can stand (clause heads), which is all that later sentences inherit.
    let sentenceRegions: RegionMention[] | null = null;
    const allRegions = () => (sentenceRegions ??= regionMentions(text, sentence.start, sentence.end, rules, home, article.province, periods));
    const placeEndsAt = (pos: number) => allRegions().some((r) => r.end === pos && r.kind === 'named');
    const mentions: ValueMention[] = [];
    for (const m of findValueMentions(text, sentence.start, sentence.end, rules, { placeEndsAt, possible: scan.values })) {
      if (!insidePeriod(m, periods) && isFigure(text, m, sentence)) mentions.push(m);
    }
    const regions = mentions.length > 0 ? allRegions() : clauseHeadRegions(text, sentence, rules, home, article.province, periods);
    shareListUnits(text, mentions);

    /** The last place (below a province) named in text[from, to), as an organisation's name too. */
    const placeNamedBefore = (from: number, to: number): Place | null =>
      rules.gazetteer.findMentions(text, article.province ?? undefined, from, to).findLast((p) => p.place.level !== 'province')?.place ?? null;
    /**
     * The unit a home word stands for. A city word (全市) after a city the sentence has named as its
     * subject is that city (山西省晋城市公布了…：全市生产总值…); in an article at home in a province, or
     * in none (a national outlet's survey of cities), it is the city the text is about: the paragraph's,
     * else the one last spoken of. Otherwise the home unit (see regionMentions).
     */
    const cityOfHomeWord = (word: RegionMention, sentenceRegions: readonly RegionMention[]): Place | null => {
      if (!rules.regions.cityHomeWords.has(text.slice(word.start, word.end))) return word.place;
      for (let i = sentenceRegions.indexOf(word) - 1; i >= 0; i--) {
        const r = sentenceRegions[i];
        if (r.kind === 'named' && r.subject && r.place && isCityUnit(r.place)) return r.place;
      }
      if (home && (home.level !== 'province' || home.name.endsWith('市'))) return word.place;
      const topic = paragraphCity.city ?? lastSubject;
      return topic && isCityUnit(topic) ? topic : word.place;
    };
    /**
     * The region a figure is compared with when it stands right after it (高于同期全省9.6%的增速): the
     * figure is that region's. Read on the few characters before the figure.
     */
    const comparedRegionBefore = (pos: number, clauseStart: number): RegionMention | null => {
      let end = pos;
      if (text[end - 1] === '的') end--;
      for (const filler of rules.regions.nonSubjectFillers) if (text.endsWith(filler, end) && end - filler.length >= clauseStart) { end -= filler.length; break; }
      const from = Math.max(clauseStart, end - 12);
      // The comparison word stands at most COMPARED_WORD_REACH before the region, which starts at or
      // after `from`: without one there, no region is compared (nearly every figure: not looked up).
      if (!rules.regions.comparedWithWord.test(text.slice(Math.max(clauseStart, from - COMPARED_WORD_REACH), end))) return null;
      const r = regionMentionsWithComparisons(from, end).find((x) => x.end === end);
      return r && rules.regions.comparedWithBefore.test(text.slice(Math.max(clauseStart, r.start - COMPARED_WORD_REACH), r.start)) ? r : null;
    };
    const regionMentionsWithComparisons = (from: number, to: number): RegionMention[] => {
      const words = rules.regions;
      const out: RegionMention[] = [];
      for (const p of rules.gazetteer.findMentions(text, article.province ?? undefined, from, to)) out.push({ start: p.start, end: p.end, place: p.place, kind: 'named', subject: true });
      words.regionWord.lastIndex = 0;
      const slice = text.slice(from, to);
      for (let w = words.regionWord.exec(slice); w !== null; w = words.regionWord.exec(slice)) {
        const kind = words.regionWordKind.get(w[0])!;
        const at = from + w.index;
        const place = kind === 'nation' || kind === 'anaphora' ? null : kind === 'province' ? (article.province ? rules.gazetteer.byName(article.province) : home ? rules.gazetteer.byName(home.province) : null) : home;
        out.push({ start: at, end: at + 2, place, kind, subject: true });
      }
      return out;
    };
    const sentenceCandidates: Candidate[] = [];
    const namesWithVerb = new Map<string, boolean>(); // (see clauseSubject)
    const targets = mentions.length > 0 ? cues.targetsIn(text, sentence.start, sentence.end) : [];
    for (const m of mentions) {
      if (m.unitText === null && !m.rank && !m.preset && !isIndexValue(text, m, sentence.start)) continue;
      // The candidate's trace goes on from its mention's, which nothing reads apart from it.
      const trace = m.trace;
      const flags: string[] = [];
      const clauseStart = clauseStartBefore(text, sentence.start, m.start);
      const { kind, sign } = decideKind(text, m, clauseStart, cues, trace, sentence);

      // Period: nearest before the figure in its sentence, else the paragraph's, else the lead's.
      // 近三年年均增长 dates only its own clause; later clauses return to the sentence's period.
      let period = periodBefore(periods, m.start, clauseStart);
      // 从2020年的31%提高到34%: the period that opens a change dates only the figure right after it.
      // The parts of one structure (由上年的17.3:41.2:41.5) are all dated by it.
      const structure = m.preset?.structureStart;
      while (period && opensChange(text, period, rules.periods.changeFrom) && mentions.some((o) => o.start >= period!.end && o.end <= m.start && (structure === undefined || o.preset?.structureStart !== structure))) {
        period = periodBefore(periods, period.start, clauseStart);
      }
      let periodInherited = false;
      let yearFromContext = false;
      let weakSelf: PeriodMention | null = null;
      // 全年 in a text that names no report year is the year its paragraph is about (过去一年…全年),
      // else the year of the last period the article dated before it (前三季度…按全年6%的目标).
      const paragraphYear = paragraphPeriod.period?.period.year != null && paragraphPeriod.period.period.startMonth === null;
      if (period?.ruleId === 'period.report_year' && period.period.year === null) {
        const context = contextYearPeriod(text, periods, paragraphYear ? [] : candidates, period.start, rules.periods.changeFrom);
        if (context) {
          period = { ...period, period: { ...period.period, year: context.period.year }, undated: false };
          yearFromContext = true;
        } else if (paragraphYear) period = null;
      }
      // 今年6月份…当月增速为年内最高：增长26.4%: a weak period word yields to an earlier one.
      if (period?.weak) {
        let earlier: PeriodMention | null = period;
        if (period.weak === 'first') earlier = periods.find((p) => !p.weak && !p.undated && p.end <= period!.start) ?? null;
        else while (earlier?.weak) earlier = periodBefore(periods, earlier.start, clauseStart);
        // With none before it in the sentence, the period the figure would inherit; else the word itself.
        weakSelf = earlier ? null : period;
        period = earlier;
      }
      if (period) trace.push(period.ruleId);
      else if (paragraphPeriod.period) {
        period = paragraphPeriod.period;
        periodInherited = true;
        trace.push('period.inherit_paragraph');
      } else if (section?.period) {
        period = section.period;
        periodInherited = true;
        trace.push(section.period.ruleId);
      } else if (leadPeriod) {
        period = leadPeriod;
        periodInherited = true;
        trace.push('period.inherit_lead');
      } else if (titlePeriod) {
        period = titlePeriod;
        periodInherited = true;
        trace.push('period.inherit_title');
      } else if (reportYear !== null) {
        period = reportPeriod(reportYear);
        periodInherited = true;
        trace.push('period.report_year');
      } else if (weakSelf) {
        period = weakSelf;
        trace.push(weakSelf.ruleId);
      }
      if (periodInherited) flags.push('period_inherited');
      if (yearFromContext) flags.push('period_year_from_context');
      if (period?.yearUnknown) flags.push('period_year_unknown');
      if (period?.yearFromDate) flags.push('period_year_from_date');

      // City: the nearest region standing as a subject before the figure in its sentence, else
      // the paragraph's subject, else the article's home city.
      const compared = kind !== 'pp' ? comparedRegionBefore(m.start, clauseStart) : null;
      const region = compared ?? subjectRegionBefore(regions, m.start, clauseStart);
      if (compared) trace.push(rules.regions.comparedWithRule);
      const citySpan: [number, number] | null = region ? [region.start, region.end] : null;
      let city: Place | null;
      let cityFlag: string | null = null;
      if (region && region.kind === 'named') {
        city = region.place;
        trace.push('city.named');
      } else if (region && region.kind === 'anaphora') {
        // 该市: the place last named before it in the sentence, an organisation's too (榆林市统计局
        //的数据显示，该市…), else the place last spoken of as a subject.
        city = placeNamedBefore(sentence.start, region.start) ?? lastSubject ?? home;
        cityFlag = 'city_from_context';
        trace.push(rules.regions.regionWordRule.anaphora);
      } else if (region && region.kind === 'joint') {
        // 湛江、茂名两市合计…: the places together, no one city.
        city = null;
        trace.push(rules.regions.jointListRule);
      } else if (region && region.kind === 'nation') {
        // 全国…: a national figure, about no region.
        city = null;
        trace.push(rules.regions.regionWordRule.nation);
      } else if (region && region.kind === 'home') {
        city = cityOfHomeWord(region, regions);
        cityFlag = 'city_from_context';
        trace.push(rules.regions.regionWordRule.home);
      } else if (region && region.kind === 'province') {
        city = region.place;
        cityFlag = 'city_from_context';
        trace.push(rules.regions.regionWordRule[region.kind]);
      } else if (paragraphCity.city) {
        city = paragraphCity.city;
        cityFlag = 'city_from_context';
        trace.push('city.paragraph');
      } else {
        city = home;
        cityFlag = 'city_from_context';
        trace.push(`city.article_${article.homeCitySource ?? 'none'}`);
        if (article.homeRule) trace.push(article.homeRule);
      }
      if (!city && region?.kind !== 'nation') cityFlag = 'city_unknown';
      if (cityFlag) flags.push(cityFlag);

      const done = section !== null && section.doneWords.some((w) => text.slice(clauseStart, m.start).includes(w));
      const status = decideStatus(period, periodInherited, section, done, pubYear, cues.targetFor(text, targets, m.start) ?? cues.targetAfter(text, m, sentence.end), trace);
      // A goal for 全年 with no year known otherwise is one for the year the document is dated in.
      if (status === 'target' && period?.ruleId === 'period.report_year' && period.period.year === null && pubYear !== null) {
        period = { ...period, period: { ...period.period, year: pubYear }, undated: false, yearFromDate: true };
        flags.push('period_year_from_date');
      }

      const approx = cues.approxAround(text, m, sentence.start, sentence.end);
      if (approx) trace.push(approx.id);
      // A growth rate's basis may be stated once for the sentence (同比增长…，其中…增长); a change in
      // percentage points states its own (比上年提高0.5个百分点), else it compares with something else.
      const basisScope = kind === 'pp' ? clauseStart : sentence.start;
      const basis: Basis | null = kind === 'growth' || kind === 'pp' ? cues.basisBefore(text, basisScope, m.start, kind) : null;

      const metric = deriveMetric({ text, sentenceStart: sentence.start, clauseStart, mention: m, kind, rules, cues, regions, periods, previous: sentenceCandidates, paragraphMetric });
      trace.push(...metric.trace);

      // The subject: the clause's own, else the sentence's first clause's (its grammatical subject).
      const subject =
        clauseSubject(text, clauseStart, m.start, rules.metric.subjectSuffixes, regions, periods, rules.regions, namesWithVerb) ??
        (clauseStart > sentence.start && !hasSubjectRegion(regions, clauseStart, m.start)
          ? clauseSubject(text, sentence.start, m.start, rules.metric.subjectSuffixes, regions, periods, rules.regions, namesWithVerb)
          : null);
      if (subject) trace.push('subject.clause_name');

      sentenceCandidates.push({
        mention: m, sentence, clauseStart, kind, basis, sign, approx: approx?.approx ?? m.approxInside, status,
        period, periodInherited, metric, subject, city, citySpan, cityFlag, trace, flags,
      });
    }
    applyRespectiveLists(text, sentenceCandidates, rules, article.province, periods);
    for (const c of sentenceCandidates) candidates.push(c);
    const named = sentenceCandidates.findLast((c) => (c.kind === 'level' || c.kind === 'growth') && !c.metric.missing && !c.metric.trace.includes('metric.absolute_change'));
    if (named) paragraphMetric = named.metric;

    const carried = periods.findLast((p) => !p.weak && carriesOver(text, p, sentence, sentenceCandidates, rules.periods.eventMarks));
    if (carried && !(carried.ruleId === 'period.report_year' && carried.period.year === null && paragraphPeriod.period)) paragraphPeriod.period = carried;
    // A paragraph's topic is the place its first sentence opens with (海宁市今年上半年…。规上工业…):
    // the later sentences of the paragraph are about it. A place a later sentence names (an example, a
    // comparison, a company's home) is that sentence's only; 该市 still refers back to it.
    if (opensParagraph) {
      const topic = regions.find((r) => r.subject);
      if (topic?.kind === 'named' && topic.place) paragraphCity.city = topic.place;
    }
    const lastNamed = regions.findLast((r) => r.kind === 'named' && r.subject && r.place && r.place.level !== 'province');
    if (lastNamed) lastSubject = lastNamed.place;
    // A paragraph that opens on a city and later sets a sentence in one of its counties (湖州市在农业领域…。
    // 长兴县吕山乡的产业园里…。目前，产业园年产量…) goes on about that county. A province's paragraph does
    // not: the cities a provincial text names are its examples (青岛市崂山区…). Nor does a unit elsewhere.
    const topicNow = paragraphCity.city;
    if (!opensParagraph && lastNamed?.place && topicNow && topicNow.level !== 'province' && liesWithin(lastNamed.place, topicNow)) paragraphCity.city = lastNamed.place;
    if (!leadDecided && sentenceCandidates.length > 0) {
      leadDecided = true;
      const first = sentenceCandidates[0].period;
      const leadParagraphs = sentence.paragraph <= firstTextParagraph(sentences) + 1;
      if (first && !sentenceCandidates[0].periodInherited && leadParagraphs && !first.undated && !first.target && first.period.endYear === null && first.period.startMonth !== null) {
        leadPeriod = first;
      }
    }
  }

  // Pushed one by one, the drafts' array has the same shape for any article with a figure: the
  // optimised code that sorts it meets no other, where each new shape cost a recompilation.
  const drafts: DraftRecord[] = [];
  for (const c of candidates) drafts.push(toDraft(c, rules));
  const articlePeriod = leadPeriod ?? (reportYear !== null ? reportPeriod(reportYear) : null);
  for (const table of tables) {
    // A table is dated by the text that introduces it (前三季度各县区主要经济指标如下), else the article.
    const introduced = datedPeriods.findLast((p) => p.end <= table.start && table.start - p.end < TABLE_INTRO_WINDOW);
    // The caption's period (附表:2018年上半年…) as the period rules read it, months and all.
    const caption = table.caption;
    // Read here: a caption standing inside the table's lines is no sentence of the article.
    const captionPeriod = caption ? (findPeriodMentions(text, caption.span[0], caption.span[1], rules, pubYear, reportYear, undefined, undefined, pubMonth).find((p) => !p.undated) ?? null) : null;
    for (const draft of tableDrafts(table, input, rules, captionPeriod, introduced ?? articlePeriod)) drafts.push(draft);
  }
  return drafts.length > 1 ? drafts.sort((a, b) => a.span[0] - b.span[0]) : drafts;
}

/**
 * The period whose year a 全年 at `pos` takes in a text that names no report year: the nearest
 * earlier period of its sentence (过去一年…全年: none when that one's year is unknown), else the
 * period the article's last figure before it was dated by. Not a span, a goal, or the start of a
 * change (从2018年至今).
 */
function contextYearPeriod(text: string, periods: readonly PeriodMention[], candidates: readonly Candidate[], pos: number, changeFrom: readonly string[]): PeriodMention | null {
  const usable = (p: PeriodMention) => !p.undated && !p.target && p.period.endYear === null && !opensChange(text, p, changeFrom);
  const inSentence = periods.findLast((p) => p.end <= pos && !p.undated && !p.weak);
  if (inSentence) return usable(inSentence) && inSentence.period.year !== null ? inSentence : null;
  const dated = candidates.findLast((c) => !c.periodInherited && c.period !== null && c.mention.start < pos);
  return dated?.period && usable(dated.period) && dated.period.period.year !== null ? dated.period : null;
}

/**
 * The one period a news headline names, when it names exactly one that dates (not a goal, not
 * 目前); read in the text where the headline stands, else in the title given beside it.
 */
function headlinePeriod(text: string, article: Article, rules: RuleSet, pubYear: number | null, pubMonth: number | null): PeriodMention | null {
  const [source, from, to] = article.titleSpan ? [text, article.titleSpan[0], article.titleSpan[1]] : [article.title ?? '', 0, article.title?.length ?? 0];
  if (to <= from) return null;
  const found = findPeriodMentions(source, from, to, rules, pubYear, null, undefined, undefined, pubMonth);
  if (found.length !== 1) return null;
  const [p] = found;
  return p.undated || p.target || p.weak || p.period.year === null && !p.yearUnknown ? null : p;
}

/** Whether a period stands right after a word that opens a change (从, 由). */
function opensChange(text: string, p: PeriodMention, marks: readonly string[]): boolean {
  return marks.some((w) => endsAt(text, w, p.start));
}

/** How far after its clause's start a period may stand and still head it (尤其是今年6月份，). */
const CLAUSE_HEAD_REACH = 4;

/**
 * Whether a period dates what follows in its paragraph: it dates a figure of its own sentence, heads
 * a clause, or at least is not the date of one event inside a clause (…分别在2027年、2028年建成).
 */
function carriesOver(text: string, p: PeriodMention, sentence: Sentence, candidates: readonly Candidate[], eventMarks: readonly string[]): boolean {
  for (const c of candidates) if (c.period === p && !c.periodInherited) return true;
  if (p.start - clauseStartBefore(text, sentence.start, p.start) <= CLAUSE_HEAD_REACH) return true;
  return !eventMarks.some((w) => endsAt(text, w, p.start));
}

/**
 * Status: a goal period (到2025年) or a goal word earlier in the sentence makes a target; in a work
 * report's goals section every figure is one unless its own period is past, and in its review
 * none is unless it names a goal year beyond the year reviewed.
 */
function decideStatus(period: PeriodMention | null, inherited: boolean, section: DocumentSection | null, done: boolean, pubYear: number | null, targetCue: { id: string } | null, trace: string[]): Status {
  const ownYear = period && !inherited ? period.period.year : null;
  const sectionYear = section?.period?.period.year ?? null;
  if (section?.role === 'goals') {
    if (ownYear !== null && sectionYear !== null && ownYear < sectionYear && !period?.target) return 'actual';
    // 目前全市已建成5G基站2万个 inside the goals: what is done, unless a goal word governs it.
    if (done && !targetCue) return 'actual';
    trace.push(targetCue ? targetCue.id : section.ruleId);
    return 'target';
  }
  if (section?.role === 'review') {
    const reviewed = sectionYear ?? (pubYear !== null ? pubYear - 1 : null);
    if (period?.target && ownYear !== null && reviewed !== null && ownYear > reviewed) {
      trace.push('status.target_period');
      return 'target';
    }
    return 'actual';
  }
  const targetPeriod = period && period.target && (pubYear === null || (period.period.year ?? 0) >= pubYear);
  if (targetPeriod || targetCue || (period && pubYear !== null && (period.period.year ?? 0) > pubYear)) {
    trace.push(targetCue ? targetCue.id : 'status.target_period');
    return 'target';
  }
  return 'actual';
}

function firstTextParagraph(sentences: Sentence[]): number {
  return sentences.length > 0 ? sentences[0].paragraph : 0;
}

/** `A、B和C分别增长x%、y%和z%`: the i-th value belongs to the i-th item. */
function applyRespectiveLists(text: string, sentenceCandidates: Candidate[], rules: RuleSet, province: string | null, skip: readonly { start: number; end: number }[]): void {
  // 铜材、铝材分别进口86.0亿元、13.9亿元，分别增长1.6倍和1.1倍: a later 分别 with no list of its own
  // refers to the same items.
  let lastItems: { names: string[]; span: [number, number] } | null = null;
  let i = 0;
  while (i < sentenceCandidates.length) {
    const first = sentenceCandidates[i];
    // Searched only where it may stand: an unbounded lastIndexOf walks back to the file's start.
    const searchFrom = Math.max(first.clauseStart - 40, first.sentence.start);
    const found = text.slice(searchFrom, first.mention.start + '分别'.length).lastIndexOf('分别');
    const respectively = found < 0 ? -1 : searchFrom + found;
    if (respectively < 0) {
      const paired = pairedList(text, sentenceCandidates, i, rules, skip);
      if (paired) {
        lastItems = paired.items;
        paired.group.forEach((c, k) => {
          c.metric = { ...c.metric, name: paired.items.names[k], textSpan: paired.items.span, missing: false, inherited: false, trace: [...c.metric.trace, 'metric.paired_list'] };
          c.trace.push('metric.paired_list', ...paired.listRules);
        });
        i += paired.group.length;
        continue;
      }
      // 同增1.9%和38.4%: values joined by 和 that name nothing follow the items just paired, in order.
      const following = lastItems ? joinedRun(text, sentenceCandidates, i) : [];
      if (lastItems && following.length === lastItems.names.length && following.every((c) => c.metric.inherited)) {
        const items = lastItems;
        following.forEach((c, k) => {
          c.metric = { ...c.metric, name: items.names[k], textSpan: items.span, missing: false, trace: [...c.metric.trace, 'metric.paired_list'] };
          c.trace.push('metric.paired_list');
        });
        i += following.length;
        continue;
      }
      i++;
      continue;
    }
    // The run of values joined by 、/和 after 分别.
    const group = [first];
    let j = i + 1;
    while (j < sentenceCandidates.length) {
      const gap = text.slice(group[group.length - 1].mention.end, sentenceCandidates[j].mention.start);
      // 分别增长-4.8%6.8%6.1%: a list whose 、 was lost in conversion still gives one value per item,
      // where the two values share their unit (not 7000亿元两个大关).
      const lostSeparator = /^[-−+]?$/u.test(gap) && sentenceCandidates[j].mention.unitText === group[group.length - 1].mention.unitText;
      if ((!lostSeparator && !/^\s*(?:、|和|及|与|,)\s*[-−+]?$/u.test(gap)) || sentenceCandidates[j].kind !== first.kind) break;
      group.push(sentenceCandidates[j]);
      j++;
    }
    if (group.length >= 2 && text.slice(respectively, first.mention.start).length <= 12) {
      const listRules: string[] = [];
      const ownNames = listItemsBefore(text, first.sentence.start, respectively, group.length, rules, skip, listRules);
      const own = ownNames ? { names: ownNames, span: [clauseStartBefore(text, first.sentence.start, respectively), respectively] as [number, number] } : null;
      // 营业收入5678亿元、利润总额345亿元，分别增长8.2%和12.3%: with no list of its own, the
      // values follow the amounts just named, in order.
      // Only the amounts of this ;-part of the sentence, and exactly as many as there are values.
      const partStart = partStartAt(text, first.sentence.start, first.mention.start);
      const amountsBefore = sentenceCandidates.slice(0, i).filter((c) => c.kind === 'level' && c.mention.start >= partStart);
      const fromAmounts =
        first.kind !== 'level' && amountsBefore.length === group.length && amountsBefore.every((c) => !c.metric.missing)
          ? { names: amountsBefore.map((c) => c.metric.name), span: [amountsBefore[0].metric.textSpan[0], amountsBefore[amountsBefore.length - 1].metric.textSpan[1]] as [number, number] }
          : null;
      const items = own ?? (lastItems && lastItems.names.length === group.length ? lastItems : fromAmounts);
      if (own) lastItems = own;
      // 杭州、宁波、温州GDP分别增长…: a list of places gives each value its own city.
      const places = items ? items.names.map((name) => rules.gazetteer.findMentions(name, province ?? undefined)[0]) : [];
      if (items) {
        // Each item a place, with its metric (杭州GDP、宁波GDP) or bare (杭州、宁波、温州GDP分别…: the
        // bare ones share the metric the list ends with, or keep the clause's).
        const listsPlaces = places.every((p, k) => p !== undefined && p.start === 0 && p.end <= items.names[k].length);
        const sharedName = listsPlaces ? items.names.map((n, k) => n.slice(places[k].end)).findLast((rest) => rest.length > 0) : undefined;
        group.forEach((c, k) => {
          // As many values as items: a dash between two of them was a lost separator and a minus
          // sign (分别增长4.1%-1.3%), not a range, which would leave an item without its value.
          if (c.mention.dashAfterFigure) {
            c.mention.negative = true;
            c.mention.dashAfterFigure = false;
            c.trace.push('value.sign_in_respective_list');
          }
          const place = listsPlaces ? places[k] : undefined;
          const name = place ? items.names[k].slice(place.end) || sharedName || c.metric.name : items.names[k];
          // metric.text shows the list the name was read from.
          c.metric = { ...c.metric, name, textSpan: items.span, missing: name.length === 0, trace: [...c.metric.trace, 'metric.respective_list'] };
          c.trace.push('metric.respective_list');
          if (items === own) c.trace.push(...listRules);
          if (place) {
            const at = text.indexOf(items.names[k], items.span[0]);
            giveListedPlace(c, place.place, at >= 0 && at < items.span[1] ? [at + place.start, at + place.end] : null, 'city.respective_list');
          }
        });
      }
      // Unless every item names a place, the values may take the places listed in the clause before.
      if (!items || places.some((p) => p === undefined)) {
        const listed = placesListedInClauseBefore(text, first.sentence.start, respectively, group.length, rules, province);
        if (listed) group.forEach((c, k) => giveListedPlace(c, listed[k]!.place, listed[k]!.span, 'city.respective_list_before'));
      }
    }
    i = j;
  }
}

function giveListedPlace(c: Candidate, place: Place, span: [number, number] | null, rule: string): void {
  c.city = place;
  c.citySpan = span;
  c.cityFlag = null;
  c.flags = c.flags.filter((f) => f !== 'city_from_context' && f !== 'city_unknown');
  c.trace.push(rule);
}

/**
 * 泉州、福州、厦门位居前三，地区生产总值分别为…: a 分别 clause naming no place takes, in order, the places
 * listed at the head of the clause before it — exactly as many as it has values, the list ending there.
 */
function placesListedInClauseBefore(text: string, sentenceStart: number, respectively: number, count: number, rules: RuleSet, province: string | null): { place: Place; span: [number, number] }[] | null {
  const clauseStart = clauseStartBefore(text, sentenceStart, respectively);
  if (clauseStart <= sentenceStart) return null;
  if (rules.gazetteer.findMentions(text.slice(clauseStart, respectively), province ?? undefined).length > 0) return null;
  const before = clauseStartBefore(text, sentenceStart, clauseStart - 1);
  const clause = text.slice(before, clauseStart - 1);
  const found = rules.gazetteer.findMentions(clause, province ?? undefined);
  if (found.length < count || found[0]!.start !== 0) return null;
  const listed = [found[0]!];
  for (let k = 1; k < found.length && listed.length < count; k++) {
    const joiner = rules.regions.listJoiner.exec(clause.slice(listed[listed.length - 1]!.end));
    if (!joiner || listed[listed.length - 1]!.end + joiner[0].length !== found[k]!.start) break;
    listed.push(found[k]!);
  }
  if (listed.length !== count || rules.regions.listJoiner.test(clause.slice(listed[count - 1]!.end))) return null;
  return listed.map((m) => ({ place: m.place, span: [before + m.start, before + m.end] }));
}

/** The candidates from i on of one kind joined by 和/、 (1.9%和38.4%). */
function joinedRun(text: string, candidates: Candidate[], i: number): Candidate[] {
  const group = [candidates[i]];
  for (let j = i + 1; j < candidates.length; j++) {
    const gap = text.slice(group[group.length - 1].mention.end, candidates[j].mention.start);
    // A sign before the next value is its own (6.2%和-3.4%).
    if (!/^\s*(?:、|和|及|与)\s*[-−+]?$/u.test(gap) || candidates[j].kind !== candidates[i].kind) break;
    group.push(candidates[j]);
  }
  return group.length >= 2 ? group : [];
}

/**
 * `加工贸易和保税物流进出口10293亿元和3544.9亿元`: amounts joined by 和/、 written right after a list
 * of as many items, with no 分别, are the items' amounts in order. Not where a reporting verb opens
 * the list (实现营业收入和利润总额…: a verb, not an item).
 */
function pairedList(text: string, candidates: Candidate[], i: number, rules: RuleSet, skip: readonly { start: number; end: number }[]): { group: Candidate[]; items: { names: string[]; span: [number, number] }; listRules: string[] } | null {
  const first = candidates[i];
  if (first.kind !== 'level') return null;
  const group = [first];
  for (let j = i + 1; j < candidates.length; j++) {
    const gap = text.slice(group[group.length - 1].mention.end, candidates[j].mention.start);
    if (!/^\s*(?:、|和|及|与)\s*$/u.test(gap) || candidates[j].kind !== 'level') break;
    group.push(candidates[j]);
  }
  if (group.length < 2) return null;
  const listRules: string[] = [];
  const names = listItemsBefore(text, first.sentence.start, first.mention.start, group.length, rules, skip, listRules);
  if (!names || names.some((n) => n.length < 2) || rules.metric.reportingVerbs.some((v) => names[0].startsWith(v))) return null;
  return { group, items: { names, span: [clauseStartBefore(text, first.sentence.start, first.mention.start), first.mention.start] }, listRules };
}

/** Where the ;-part of the sentence holding `pos` starts: searched back to the sentence's start, not the text's. */
function partStartAt(text: string, sentenceStart: number, pos: number): number {
  for (let i = pos; i >= sentenceStart; i--) if (text[i] === ';' || text[i] === '；') return i + 1;
  return sentenceStart;
}

/** The ids of a trace without repeats, in first-seen order (a handful: a scan costs less than a Set). */
function withoutRepeats(ids: readonly string[]): string[] {
  const distinct: string[] = [];
  for (const id of ids) if (!distinct.includes(id)) distinct.push(id);
  return distinct;
}

function toDraft(c: Candidate, rules: RuleSet): DraftRecord {
  const m = c.mention;
  const norm = normalizeValue(m, c.kind, c.sign);
  // The draft takes the candidate's flags: the candidate is dropped after this.
  const flags = c.flags;
  // A phrase too short to name anything is no name: the record says the metric is missing, with no
  // placeholder in its place.
  const name = c.metric.missing ? '' : c.metric.name;
  const indicator = name ? rules.indicators.match(name) : null;
  if (!indicator) flags.push('metric_unknown');
  if (c.metric.missing) flags.push('metric_missing');
  if (m.chineseNumeral) flags.push('chinese_numeral');
  if (signRepeated(m, c.kind, c.sign)) {
    flags.push('sign_repeated');
    c.trace.push('value.sign_repeated');
  }
  return {
    span: [m.start, m.end],
    sentence: [c.sentence.start, c.sentence.end],
    city: c.city,
    citySpan: c.city ? c.citySpan : null,
    subject: c.subject,
    metric: { name, id: indicator?.id ?? null },
    metricTextSpan: c.metric.textSpan,
    kind: c.kind,
    basis: c.basis,
    value: norm.value,
    unit: norm.unit,
    normalized: norm.normalized,
    approx: c.approx,
    status: c.status,
    period: c.period ? c.period.period : null,
    // Only the words of the figure's own clause or sentence: an inherited period was not read there.
    periodSpan: c.period && !c.periodInherited && c.period.end > c.period.start ? [c.period.start, c.period.end] : null,
    flags,
    trace: withoutRepeats(c.trace),
  };
}
