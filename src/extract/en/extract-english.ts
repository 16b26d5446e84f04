/**
 * Extraction for an English article, in the manner of the Chinese one: parsers propose figures,
 * periods and places (figures.ts, periods.ts, the English gazetteer); refiners then decide each
 * figure's kind, sign, approximation, metric, city, period and status from the cue words of
 * rules/en/. The records are those of a Chinese article: the city is the official Chinese unit, the
 * metric the English noun phrase as written with the canonical id, spans exact.
 */
import type { Approx, Basis, Kind, Period, Status } from '../../record/schema';
import type { Place } from '../../gazetteer/gazetteer';
import type { EnglishMention } from '../../gazetteer/english';
import type { ArticleInput } from '../extract-article';
import type { DraftRecord } from '../types';
import { publicationYear } from '../periods';
import { clean as cleanNumber } from '../normalize-value';
import { englishIndicatorKey } from '../../rules/compile';
import { compileEnglish, type CompiledEnglish } from './compile';
import { findEnglishFigures, type EnglishFigure } from './figures';
import { findEnglishPeriods, type EnglishPeriod } from './periods';
import { englishSentences, hasNoun, stripLeadingVerbs } from './nlp';

interface Sentence {
  start: number;
  end: number;
  paragraph: number;
}

interface ResolvedPeriod {
  period: Period;
  span: [number, number] | null;
  yearFromDate: boolean;
  yearUnknown: boolean;
}

interface Metric {
  name: string;
  span: [number, number];
  inherited: boolean;
  trace: string;
}

interface Candidate {
  figure: EnglishFigure;
  sentence: Sentence;
  kind: Kind;
  sign: 1 | -1;
  basis: Basis | null;
  approx: Approx | null;
  status: Status;
  period: ResolvedPeriod | null;
  periodInherited: boolean;
  metric: Metric;
  city: Place | null;
  citySpan: [number, number] | null;
  cityFlag: string | null;
  national: boolean;
  pointInTime: boolean;
  trace: string[];
  flags: string[];
}

const CLAUSE_MARK = /[,;:]/;
/** A comparison between a figure and a period after it (11.4 points lower than the pace of the first quarter); more than, less than bound a value instead. */
const COMPARED = /(?<!\b(?:more|less|fewer|rather|no|other)\s)\bthan\b|\bcompared\b/i;
const LIST_GAP = /^\s*(?:,|and|or|, and|-|–|to)\s*$/i;

export function extractEnglishArticle(input: ArticleInput): DraftRecord[] {
  const { text, article, rules } = input;
  const en = compileEnglish(rules);
  const pubYear = publicationYear(input.published);

  const sentences: Sentence[] = [];
  /** Where the story was filed (BEIJING, Oct. 19 (Xinhua) --): its region only where the story names none. */
  let datelinePlace: Place | null = null;
  let paragraph = 0;
  for (let at = article.start; at < article.end; paragraph++) {
    const newline = text.indexOf('\n', at);
    const lineEnd = newline < 0 || newline >= article.end ? article.end : newline;
    if (/[A-Za-z0-9]/.test(text.slice(at, lineEnd))) {
      const dateline = datelineAt(text, at, lineEnd, en, article.province);
      if (dateline) datelinePlace ??= dateline.place;
      for (const s of englishSentences(text, dateline?.end ?? at, lineEnd)) sentences.push({ ...s, paragraph });
    }
    at = lineEnd + 1;
  }

  let home: Place | null = null;
  /** The story is about the whole country (China's GDP grew …): a clause naming no region is about none. */
  let homeNational = false;
  let current: Place | null = null;
  /** A figure has been given a region the text names: the story can no longer turn national. */
  let regionFigureSeen = false;
  const lastByLevel = new Map<string, Place>();
  let runningPeriod: ResolvedPeriod | null = null;
  /** The first period the article dates a figure by: what a figure with no period of its own takes, unless the text has moved to another year. */
  let leadPeriod: ResolvedPeriod | null = null;
  let contextYear: number | null = null;
  let lastLevelMetric: Metric | null = null;
  const candidates: Candidate[] = [];

  const resolvePeriod = (p: EnglishPeriod, anchorYear: number | null = null): ResolvedPeriod => {
    let year = p.year;
    let yearFromDate = false;
    let startMonth = p.startMonth;
    let endMonth = p.endMonth;
    if (p.yearEarlier) {
      const base = anchorYear ?? runningPeriod?.period.year ?? contextYear ?? pubYear;
      year = base === null ? null : base - 1;
      startMonth = null;
      endMonth = null;
    } else if (p.same || p.sameLastYear) {
      const base = runningPeriod?.period;
      startMonth = base?.startMonth ?? null;
      endMonth = base?.endMonth ?? null;
      year = base?.year ?? null;
      if (p.sameLastYear && year !== null) year -= 1;
    } else if (p.relativeYear !== null) {
      if (pubYear !== null) {
        year = pubYear + p.relativeYear;
        yearFromDate = true;
      } else year = null;
    } else if (year === null) {
      year = contextYear ?? pubYear;
      yearFromDate = contextYear === null && pubYear !== null;
    }
    return {
      period: { text: p.text.trim(), year, endYear: p.endYear, startMonth, endMonth },
      span: [p.start, p.end],
      yearFromDate,
      yearUnknown: year === null,
    };
  };

  for (const sentence of sentences) {
    const periods = findEnglishPeriods(text, sentence.start, sentence.end, en);
    const allMentions = en.gazetteer.findMentions(text, sentence.start, sentence.end, home?.province ?? article.province);
    // places inside an aside (Urumqi, capital of Xinjiang, …) or after "in" (Wudang district in Guiyang) describe
    // the place before them: the figures are about that one
    const { described, asides } = describingPlaces(text, allMentions, sentence, en, periods);
    // said at a press conference in Beijing that …: where a figure was told, not whom it is about
    const told = en.venueBefore ? allMentions.filter((m) => en.venueBefore!.test(text.slice(Math.max(sentence.start, m.start - 40), m.start))) : [];
    const mentions = described.size > 0 || told.length > 0 ? allMentions.filter((m) => !described.has(m) && !told.includes(m)) : allMentions;
    const figures = findEnglishFigures(text, sentence.start, sentence.end, en).filter(
      (f) => !periods.some((p) => f.numberStart >= p.start && f.numberEnd <= p.end) && !isThreshold(text, f, sentence, en),
    );
    // a place named in the sentence that first makes the story national by its subject (China's economy grew …,
    // the NBS said in Beijing) is no home: `homeFromHere` lets that figure undo it
    const homeFromHere = !home && !homeNational && mentions.length > 0;
    if (homeFromHere) home = mentions[0].place;
    const sentenceText = text.slice(sentence.start, sentence.end);
    // the NBS said …, in a sentence naming no place, before any region was named: national figures
    const nationalSourced = !home && mentions.length === 0 && en.nationalSource !== null && en.nationalSource.test(sentenceText);
    const resolved = new Map<EnglishPeriod, ResolvedPeriod>();
    const periodOf = (p: EnglishPeriod) => {
      let r = resolved.get(p);
      if (!r) {
        // a year earlier than the year named before it in the sentence
        const anchor = p.yearEarlier ? periods.findLast((q) => q.end <= p.start && !q.comparison && !q.yearEarlier && (q.year !== null || q.relativeYear !== null)) : undefined;
        resolved.set(p, (r = resolvePeriod(p, anchor ? resolvePeriod(anchor).period.year : null)));
      }
      return r;
    };
    const sentenceCandidates: Candidate[] = [];
    const respectively = en.respectively.test(text.slice(sentence.start, sentence.end));

    for (let i = 0; i < figures.length; i++) {
      const f = figures[i];
      const previous = sentenceCandidates[sentenceCandidates.length - 1] ?? null;
      const trace = [...f.trace];
      const flags: string[] = [];
      const gapBefore = previous ? text.slice(previous.figure.end, f.start) : '';
      const listed = previous !== null && LIST_GAP.test(gapBefore) && previous.figure.unitClass === f.unitClass && (f.unitClass !== 'count' || previous.figure.base === f.base);
      const conversion = previous !== null && f.unitClass === 'money' && previous.figure.unitClass === 'money' && /^\s*\(\s*$/.test(gapBefore);
      // rose 7.1 percent in September, and 5.6 percent in the first three quarters: the second figure
      // repeats the first one's verb and subject for another period or comparison
      const elliptical = !listed && !conversion && previous !== null && previous.figure.unitClass === f.unitClass && (f.unitClass === 'percent' || f.unitClass === 'pp') && isEllipsis(text, previous.figure.end, f.start, periods, en);
      const scopeStart = previous ? previous.figure.end : sentence.start;

      // ── kind, sign, basis ──
      let kind: Kind = 'level';
      let sign: 1 | -1 = 1;
      let basis: Basis | null = null;
      const approxAt = approxBefore(text, f, scopeStart, en);
      const wordsBefore = lastWords(text.slice(scopeStart, approxAt?.start ?? f.start), en.growth.length > 0 ? rules.en.cues.window : 5);
      const after = text.slice(f.end, Math.min(sentence.end, f.end + 50));
      if (conversion || ((listed || elliptical) && (f.unitClass === 'percent' || f.unitClass === 'pp'))) {
        kind = previous!.kind;
        sign = previous!.sign;
        basis = previous!.basis;
        trace.push(conversion ? 'value.conversion' : elliptical ? (en.ellipsis?.id ?? 'kind.ellipsis') : 'kind.list');
      } else if (f.unitClass === 'pp') {
        kind = 'pp';
        const ppSign = en.ppSign.find((p) => p.words.test(after));
        const growth = lastGrowth(wordsBefore, en);
        sign = ppSign?.sign ?? growth?.sign ?? 1;
        trace.push('kind.pp_unit', ...(ppSign ? [ppSign.id] : []));
        basis = basisOf(text.slice(f.end, sentence.end), en) ?? 'other';
      } else if (f.unitClass === 'times') {
        // surged 1.4 times: a change of 140 percent; 1.4 times the national average: a multiple
        const growth = lastGrowth(wordsBefore, en);
        if (growth && !en.levelAfter.test(wordsBefore)) {
          kind = 'growth';
          sign = growth.sign;
          basis = basisOf(text.slice(Math.max(sentence.start, f.start - 60), Math.min(sentence.end, f.end + 60)), en) ?? 'yoy';
          trace.push(growth.id);
        } else trace.push('kind.times_level');
      } else if (f.unitClass === 'percent') {
        const growth = lastGrowth(wordsBefore, en);
        const growthAfter = en.growth.find((g) => g.after.test(after));
        const toLevel = en.levelAfter.test(wordsBefore);
        const share = en.shareBefore.find((s) => (s.before && s.before.test(wordsBefore)) || (s.after && s.after.test(after)));
        // making up 51.2 percent: a share cue nearer the figure than a word of change (up) wins
        const shareAt = share?.before ? lastMatch(wordsBefore, share.before) : null;
        const shareNearer = growth !== null && shareAt !== null && (shareAt.end > growth.at || (shareAt.end === growth.at && shareAt.start < growth.from));
        if (growth && !toLevel && !shareNearer) {
          kind = 'growth';
          sign = growth.sign;
          trace.push(growth.id);
        } else if (growthAfter) {
          kind = 'growth';
          sign = growthAfter.sign;
          trace.push(growthAfter.id);
        } else if (!share && en.basis.some((b) => b.basis === 'avg_annual' && b.words.test(text.slice(scopeStart, f.start)))) {
          kind = 'growth';
          trace.push('kind.average_growth');
        } else {
          kind = 'share';
          trace.push(share ? share.id : 'kind.percent_share');
        }
        if (kind === 'growth') basis = basisOf(text.slice(Math.max(sentence.start, f.start - 60), Math.min(sentence.end, f.end + 60)), en) ?? 'yoy';
      } else {
        trace.push('kind.level');
      }
      if (kind === 'growth' && basis !== 'avg_annual') {
        const avg = en.basis.find((b) => b.basis === 'avg_annual');
        if (avg && avg.words.test(text.slice(scopeStart, f.start))) basis = 'avg_annual';
      }

      const approx = approxAt?.approx ?? en.approx.find((a) => a.after && a.after.test(after))?.approx ?? null;
      if (approxAt) trace.push(approxAt.id);

      // ── period ──
      let period: ResolvedPeriod | null = null;
      let periodInherited = false;
      // 4.5 percent in August and 5.1 percent in the first eight months: a repeated figure's period follows it
      const own = (elliptical ? periodRightAfter(text, f, periods, sentence, figures) : null) ?? periodFor(text, f, periods, sentence, en, figures);
      if (conversion || ((listed || elliptical) && !own)) {
        period = previous!.period;
        periodInherited = previous!.periodInherited;
      } else if (own) {
        period = periodOf(own);
        trace.push(own.ruleId);
      } else if (runningPeriod) {
        const inherited = leadPeriod && leadPeriod.period.year === runningPeriod.period.year ? leadPeriod : runningPeriod;
        period = { ...inherited, span: null };
        periodInherited = true;
        trace.push('period.inherit_article');
      } else if (pubYear !== null) {
        period = { period: { text: '', year: pubYear, endYear: null, startMonth: null, endMonth: null }, span: null, yearFromDate: true, yearUnknown: false };
        periodInherited = true;
        trace.push('period.publication_year');
      }
      if (periodInherited) flags.push('period_inherited');
      if (period?.yearUnknown) flags.push('period_year_unknown');
      if (period?.yearFromDate) flags.push('period_year_from_date');

      // ── city ──
      let city: Place | null = null;
      let citySpan: [number, number] | null = null;
      let cityFlag: string | null = null;
      const nationalHere = conversion ? null : nationalWordFor(text, f, scopeStart, mentions, asides, en, rules.en.cues.window);
      // a figure after a national one in the sentence, with no place named since, is national too
      const nationalBefore = !conversion && !nationalHere && previous?.national === true && !mentions.some((m) => m.start >= previous.figure.end && m.end <= f.start) && !hasAnaphoraBetween(text, previous.figure.end, f.start, en);
      const national = nationalHere !== null || nationalBefore || (nationalSourced && !hasAnaphoraBetween(text, sentence.start, f.start, en));
      if (nationalHere === 'subject' && home && homeFromHere && !regionFigureSeen && !homeNational) home = null;
      if (!home && (nationalHere === 'subject' || (nationalSourced && national))) homeNational = true;
      const parenPlace = /\(\s*$/.test(text.slice(Math.max(sentence.start, f.start - 3), f.start)) ? mentions.find((m) => /^\s*\($/.test(text.slice(m.after, f.start))) : undefined;
      if (conversion) {
        city = previous!.city;
        citySpan = previous!.citySpan;
        cityFlag = previous!.cityFlag;
      } else if (national) {
        trace.push(nationalHere ? rules.en.cues.national.id : 'city.national_context');
      } else if (parenPlace) {
        city = parenPlace.place;
        citySpan = [parenPlace.start, parenPlace.end];
        trace.push('city.named');
      } else {
        const near = placeBefore(text, f, mentions, sentence, scopeStart, en, lastByLevel, current, asides, home || homeNational ? null : datelinePlace);
        if (near?.group && near.distributive) {
          // Beijing and Shanghai both …: the figure holds for each; the record takes the first, a reviewer the rest
          city = near.place;
          citySpan = near.span;
          cityFlag = 'city_group';
          trace.push('city.group_each');
        } else if (near?.group) {
          cityFlag = 'city_unknown';
          trace.push('city.group');
        } else if (near) {
          city = near.place;
          citySpan = near.span;
          trace.push(near.anaphora ? 'city.anaphora' : 'city.named');
          if (near.anaphora) cityFlag = 'city_from_context';
          // SHENZHEN -- The city's GDP …: the story is about the place of its dateline
          if (near.anaphora && !home && !homeNational && city === datelinePlace) home = datelinePlace;
        } else if (homeNational) {
          // a story about the whole country: a clause that names no region is about none
          trace.push('city.national_story');
        } else if (current ?? home) {
          city = current ?? home;
          cityFlag = 'city_from_context';
          trace.push('city.article');
        } else if (datelinePlace) {
          city = datelinePlace;
          cityFlag = 'city_from_context';
          trace.push('city.dateline');
        } else {
          cityFlag = 'city_unknown';
        }
      }
      if (cityFlag) flags.push(cityFlag);
      if (city && (trace.includes('city.named') || trace.includes('city.anaphora') || trace.includes('city.group_each'))) regionFigureSeen = true;

      // ── metric ──
      let metric: Metric;
      if (conversion || (parenPlace && lastLevelMetric)) {
        const from = conversion ? previous!.metric : lastLevelMetric!;
        metric = { ...from, inherited: true, trace: 'metric.inherit_previous' };
      } else {
        metric = deriveMetric(text, f, sentence, scopeStart, previous, allMentions, periods, en, listed || elliptical, asides);
      }
      trace.push(metric.trace);

      // ── status ──
      let status: Status = 'actual';
      const beforeInSentence = text.slice(sentence.start, f.start);
      const year = period?.period.year ?? null;
      const futureYear = year !== null && pubYear !== null && year > pubYear;
      const pastYear = year !== null && pubYear !== null && year < pubYear && !periodInherited;
      en.target.lastIndex = 0;
      const clauseAfter = text.slice(f.end, nextClauseMark(text, f.end, sentence.end));
      const targetWords = en.target.test(beforeInSentence) || ((en.target.lastIndex = 0), en.target.test(clauseAfter));
      const targetCue = targetWords && !en.targetMet.test(text.slice(sentence.start, sentence.end));
      // the annual target of around 6.5 percent: the figure is the target itself, met or not, of any year
      const targetFigure = en.targetFigure !== null && en.targetFigure.test(wordsBefore);
      if (targetFigure) {
        status = 'target';
        trace.push('status.target_figure');
      } else if ((targetCue && !pastYear) || futureYear) {
        status = 'target';
        trace.push(targetCue ? rules.en.cues.target.id : 'status.target_period');
      }
      // a goal stated without a period of its own is not dated by the past year the text spoke of before
      if (status === 'target' && !targetFigure && periodInherited && period && pubYear !== null && period.period.year !== null && period.period.year < pubYear) {
        period = { period: { text: '', year: pubYear, endYear: null, startMonth: null, endMonth: null }, span: null, yearFromDate: true, yearUnknown: false };
        trace.push('period.target_publication_year');
        if (!flags.includes('period_year_from_date')) flags.push('period_year_from_date');
      }
      // a percent target that no word makes a share (a growth target of 6 percent) is a growth rate, unless its
      // name is a rate (the unemployment rate within 5.5 percent)
      if (status === 'target' && kind === 'share' && trace.includes('kind.percent_share') && !(en.rateMetric && en.rateMetric.words.test(metric.name))) {
        kind = 'growth';
        basis = 'yoy';
        trace.push('kind.target_growth');
      }

      sentenceCandidates.push({
        figure: f, sentence, kind, sign, basis, approx, status, period, periodInherited, metric, city, citySpan, cityFlag, national, trace, flags,
        pointInTime: own?.pointInTime ?? false,
      });
      if (kind === 'level' && !metric.inherited && metric.name) lastLevelMetric = metric;
    }
    distributeListItems(text, sentenceCandidates);
    if (respectively) applyRespectively(text, sentenceCandidates, mentions, periods, periodOf);

    // what later sentences inherit
    for (const m of allMentions) if (described.has(m)) lastByLevel.set(m.place.level, m.place);
    for (const m of mentions) lastByLevel.set(m.place.level, m.place);
    // a sentence with no figure whose subject is the country (China's economy …) makes the story national
    if (!home && !homeNational && sentenceCandidates.length === 0 && mentions.length === 0 && nationalSubjectOf(text, sentence.start, sentence.end, asides, en)) homeNational = true;
    // a place below the article's own (a district of its city, a city of its province) holds for its
    // own sentence; the article's region, or one at its level, holds on until another is named
    const lastCity = sentenceCandidates.findLast((c) => c.city && !c.national && c.cityFlag !== 'city_unknown' && c.cityFlag !== 'city_group' && !c.trace.includes('city.dateline'))?.city;
    if (lastCity && (!home || levelRank(lastCity) <= levelRank(home))) current = lastCity;
    else if (sentenceCandidates.length === 0 && mentions.length > 0 && isSubjectMention(text, mentions[0], sentence)) current = mentions[0].place;
    const own = periods.filter((p) => !p.comparison);
    const lasting = sentenceCandidates.filter((c) => c.period && !c.periodInherited && !c.pointInTime).map((c) => c.period!);
    if (lasting.length > 0) runningPeriod = lasting[lasting.length - 1];
    else if (sentenceCandidates.length === 0 && own.some((p) => !p.pointInTime)) runningPeriod = periodOf(own.find((p) => !p.pointInTime)!);
    leadPeriod ??= lasting[0] ?? (runningPeriod?.period.startMonth != null ? runningPeriod : null);
    for (const p of own) {
      const r = periodOf(p);
      if (r.period.year !== null && (p.year !== null || p.relativeYear !== null)) contextYear = r.period.year;
    }
    candidates.push(...sentenceCandidates);
  }
  return candidates.map((c) => toDraft(c, rules.enIndicators));
}

/** The words between two figures are only connectors and periods (, and; , compared with; in September, and). */
function isEllipsis(text: string, from: number, to: number, periods: readonly EnglishPeriod[], en: CompiledEnglish): boolean {
  if (!en.ellipsis) return false;
  let gap = text.slice(from, to);
  for (const p of periods) if (p.start >= from && p.end <= to) gap = gap.replace(text.slice(p.start, p.end), ' ');
  for (const b of en.basis) gap = gap.replace(b.wordsAll, ' ');
  en.ellipsis.words.lastIndex = 0;
  return gap.replace(en.ellipsis.words, ' ').replace(/[\s,;()]+/g, '') === '' && /[,;]|\b(?:and|or|while|compared|against|versus)\b/i.test(text.slice(from, to));
}

function lastWords(text: string, n: number): string {
  const words = text.split(/\s+/).filter(Boolean);
  return words.slice(-n).join(' ');
}

/** The last match of a pattern in words (the longest of those ending last). */
const globalCache = new WeakMap<RegExp, RegExp>();
/** The same pattern with the g flag (compiled once), for matchAll. */
function globalOf(pattern: RegExp): RegExp {
  let g = globalCache.get(pattern);
  if (!g) globalCache.set(pattern, (g = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`)));
  g.lastIndex = 0;
  return g;
}

function lastMatch(words: string, pattern: RegExp): { start: number; end: number } | null {
  let best: { start: number; end: number } | null = null;
  for (const m of words.matchAll(globalOf(pattern))) {
    const end = m.index! + m[0].length;
    if (!best || end > best.end || (end === best.end && m.index! < best.start)) best = { start: m.index!, end };
  }
  return best;
}

function lastGrowth(words: string, en: CompiledEnglish): { id: string; sign: 1 | -1; at: number; from: number } | null {
  let best: { id: string; sign: 1 | -1; at: number; from: number } | null = null;
  for (const g of en.growth) {
    g.beforeAnywhere.lastIndex = 0;
    for (const m of words.matchAll(g.beforeAnywhere)) {
      const at = m.index! + m[0].length;
      if (!best || at > best.at || (at === best.at && m.index! < best.from)) best = { id: g.id, sign: g.sign, at, from: m.index! };
    }
  }
  return best;
}

function basisOf(text: string, en: CompiledEnglish): Basis | null {
  for (const b of en.basis) if (b.words.test(text) || (b.pattern && b.pattern.test(text))) return b.basis;
  return null;
}

function approxBefore(text: string, f: EnglishFigure, scopeStart: number, en: CompiledEnglish): { id: string; approx: Approx; start: number } | null {
  const before = text.slice(Math.max(scopeStart, f.start - 40), f.start);
  for (const a of en.approx) {
    const m = a.before.exec(before);
    if (m) return { id: a.id, approx: a.approx, start: f.start - before.length + m.index };
  }
  return null;
}

/** 100 million yuan in "projects each worth more than 100 million yuan": a bound of a category. */
function isThreshold(text: string, f: EnglishFigure, sentence: Sentence, en: CompiledEnglish): boolean {
  let before = text.slice(Math.max(sentence.start, f.start - 60), f.start);
  for (const a of en.approx) before = before.replace(a.before, '');
  const words = lastWords(before, 6);
  const m = en.threshold.exec(words);
  if (m !== null && words.length - (m.index + m[0].length) <= 2) return true;
  // 11 regions saw their GDP top two trillion yuan: a bound that a group of regions passed
  const clause = text.slice(lastSemicolon(text, sentence.start, f.start), f.start);
  return en.regionCount.test(clause);
}

/** The figure's own period: in its clause (before it, or after it with no word of comparison between), else the nearest before it in the sentence. */
function periodFor(text: string, f: EnglishFigure, periods: readonly EnglishPeriod[], sentence: Sentence, en: CompiledEnglish, figures: readonly EnglishFigure[]): EnglishPeriod | null {
  const usable = periods.filter((p) => !p.comparison);
  const clauseStart = lastClauseMark(text, sentence.start, f.start);
  const clauseEnd = nextClauseMark(text, f.end, sentence.end);
  const inClauseBefore = usable.filter((p) => p.end <= f.start && p.start >= clauseStart);
  if (inClauseBefore.length > 0) return inClauseBefore[inClauseBefore.length - 1];
  // after the figure in its clause, with no word of comparison and no other figure between
  const after = usable.find(
    (p) =>
      p.start >= f.end &&
      p.end <= clauseEnd &&
      !en.periodNotAfter.test(text.slice(f.end, p.start)) &&
      !COMPARED.test(text.slice(f.end, p.start)) &&
      // 0.93 percent from 2.22 percent a year earlier: the period is the nearer figure's of the same kind
      !figures.some((o) => o !== f && o.start >= f.end && o.end <= p.start && o.unitClass === f.unitClass && !/\(\s*$/.test(text.slice(f.end, o.start))),
  );
  if (after) return after;
  const before = usable.filter((p) => p.end <= f.start);
  return before.length > 0 ? before[before.length - 1] : null;
}

/** A period right after the figure in its clause, before any other figure (5.1 percent in the first eight months). */
function periodRightAfter(text: string, f: EnglishFigure, periods: readonly EnglishPeriod[], sentence: Sentence, figures: readonly EnglishFigure[]): EnglishPeriod | null {
  const clauseEnd = nextClauseMark(text, f.end, sentence.end);
  const next = periods.find((p) => !p.comparison && p.start >= f.end && p.end <= clauseEnd);
  if (!next || !/^[\s,]*$/.test(text.slice(f.end, next.start).replace(/\b(?:year[- ]on[- ]year|alone)\b/gi, ''))) return null;
  return figures.some((o) => o !== f && o.start >= f.end && o.end <= next.start) ? null : next;
}

function lastClauseMark(text: string, from: number, pos: number): number {
  for (let i = pos - 1; i >= from; i--) if (CLAUSE_MARK.test(text[i])) return i + 1;
  return from;
}

function nextClauseMark(text: string, pos: number, to: number): number {
  for (let i = pos; i < to; i++) if (CLAUSE_MARK.test(text[i])) return i;
  return to;
}

function isSubjectMention(text: string, m: EnglishMention, sentence: Sentence): boolean {
  return m.after > m.end || m.start - sentence.start < 3;
}

/** The place a figure is about: the nearest place or place word (the province's, its) before it in the sentence. */
function placeBefore(
  text: string,
  f: EnglishFigure,
  mentions: readonly EnglishMention[],
  sentence: Sentence,
  scopeStart: number,
  en: CompiledEnglish,
  lastByLevel: Map<string, Place>,
  current: Place | null,
  asides: readonly [number, number][] = [],
  dateline: Place | null = null,
): { place: Place; span: [number, number]; anaphora: boolean; group?: boolean; distributive?: boolean } | null {
  const before = mentions.filter((m) => m.end <= f.start);
  let best: { place: Place; span: [number, number]; anaphora: boolean; at: number } | null = null;
  if (before.length > 0) {
    const m = before[before.length - 1];
    // Shanghai, Jiangsu, Zhejiang and Anhui: a group of places shares the figure
    // the places joined to it by commas and "and", back from it
    const group: EnglishMention[] = [];
    for (let k = before.length - 2; k >= 0 && /^[\s,]*(?:and\s+)?$/i.test(text.slice(before[k].after, before[k + 1].start)); k--) group.unshift(before[k]);
    if (group.length > 0 && !en.respectively.test(text.slice(sentence.start, sentence.end))) {
      const firstOfGroup = group[0];
      const distributive = en.distributive.test(text.slice(m.after, f.start));
      return { place: distributive ? firstOfGroup.place : m.place, span: [firstOfGroup.start, m.end], anaphora: false, group: true, distributive };
    }
    best = { place: m.place, span: [m.start, m.end], anaphora: false, at: m.end };
  }
  for (const a of en.metric.anaphora) {
    a.words.lastIndex = 0;
    for (const m of text.slice(sentence.start, f.start).matchAll(a.words)) {
      const from = sentence.start + m.index!;
      const at = from + m[0].length;
      if (best && best.at >= at) continue;
      // Kunming, the provincial capital, …: words of an aside describe the place, they do not point away from it
      if (asides.some(([a, b]) => from >= a && from < b)) continue;
      // in the city, throughout the province: where, not whose
      if (/\b(?:in|throughout|across|around|within)\s+$/i.test(text.slice(Math.max(sentence.start, from - 12), from))) continue;
      // a place named earlier in the sentence is what it points back to
      const named = [...mentions].reverse().find((p) => p.end <= from && fitsLevel(p.place, a.level));
      // its, their: the place the sentence spoke of before it (The district aims to grow its GDP)
      const earlier = a.level === 'any' && best && best.at <= from ? best.place : null;
      // nothing named before it: the place of the dateline, where the word fits it (SHENZHEN -- The city's …)
      const place =
        earlier ??
        named?.place ??
        (a.level === 'province' ? (lastByLevel.get('province') ?? current) : a.level === 'city' ? (lastByLevel.get('prefecture') ?? current) : a.level === 'county' ? (lastByLevel.get('county') ?? current) : (current ?? null)) ??
        (dateline && fitsLevel(dateline, a.level) ? dateline : null);
      if (place) best = { place, span: [sentence.start + m.index!, at], anaphora: true, at };
    }
  }
  if (best) return best;
  // Profits rose nine percent in Jilin: a place after the figure in its clause
  const clauseEnd = nextClauseMark(text, f.end, sentence.end);
  // … accounted for 41.5 percent of Hangzhou's GDP: the whole a share is of names its region
  const after = mentions.find((m) => m.start >= f.end && m.end <= clauseEnd && (/\bin\s+(?:the\s+)?$/i.test(text.slice(Math.max(f.end, m.start - 8), m.start)) || (m.after > m.end && /^\s+of\s+(?:the\s+)?$/i.test(text.slice(f.end, m.start)))));
  if (after) return { place: after.place, span: [after.start, after.end], anaphora: false };
  void scopeStart;
  return null;
}

function nextStartAfter(mentions: readonly EnglishMention[], m: EnglishMention): number {
  const i = mentions.indexOf(m);
  return i + 1 < mentions.length ? mentions[i + 1].start : m.after;
}

/** A list of places (or years) paired in order with a list of figures: "respectively". */
function applyRespectively(
  text: string,
  cands: Candidate[],
  mentions: readonly EnglishMention[],
  periods: readonly EnglishPeriod[],
  periodOf: (p: EnglishPeriod) => ResolvedPeriod,
): void {
  let i = 0;
  while (i < cands.length) {
    let j = i + 1;
    while (j < cands.length && LIST_GAP.test(text.slice(cands[j - 1].figure.end, cands[j].figure.start)) && cands[j].figure.unitClass === cands[i].figure.unitClass) j++;
    const group = cands.slice(i, j);
    if (group.length >= 2) {
      const first = group[0].figure.start;
      const places = mentions.filter((m) => m.end <= first);
      if (places.length >= group.length) {
        const items = places.slice(-group.length);
        group.forEach((c, k) => {
          c.city = items[k].place;
          c.citySpan = [items[k].start, items[k].end];
          c.cityFlag = null;
          c.flags = c.flags.filter((f) => f !== 'city_from_context' && f !== 'city_unknown');
          c.trace.push('city.respective_list');
        });
      }
      const years = periods.filter((p) => p.end <= first && p.year !== null && !p.comparison);
      const yearList = yearsListed(text, years, group.length);
      if (yearList) {
        group.forEach((c, k) => {
          const r = periodOf(yearList[k]);
          c.period = r;
          c.periodInherited = false;
          c.flags = c.flags.filter((f) => f !== 'period_inherited');
          c.trace.push('period.respective_list');
        });
      }
    }
    i = j;
  }
}

/** In 2011, 2015 and 2018: n years one after another, joined by commas and "and". */
function yearsListed(text: string, years: readonly EnglishPeriod[], n: number): EnglishPeriod[] | null {
  if (years.length < n) return null;
  const list = years.slice(-n);
  for (let k = 1; k < n; k++) if (!/^[\s,]*(?:and\s+)?$/i.test(text.slice(list[k - 1].end, list[k].start))) return null;
  return list;
}

// ── metric ──────────────────────────────────────────────────────────────────────────────────────

function deriveMetric(
  text: string,
  f: EnglishFigure,
  sentence: Sentence,
  scopeStart: number,
  previous: Candidate | null,
  mentions: readonly EnglishMention[],
  periods: readonly EnglishPeriod[],
  en: CompiledEnglish,
  listed: boolean,
  asides: readonly [number, number][] = [],
): Metric {
  const cleanSpan = (s: number, e: number) => cleanPhrase(text, s, e, sentence, mentions, periods, en);
  const inherit = (): Metric | null => (previous ? { ...previous.metric, inherited: true, trace: previous.metric.name ? 'metric.inherit_previous' : 'metric.missing' } : null);
  if (listed) {
    const m = inherit();
    if (m) return m;
  }
  // a GDP of 69.74 billion yuan; a population of 726,000
  const beforeFigure = text.slice(scopeStart, f.start).replace(/(?:about|around|over|more than|nearly|almost)\s*$/i, '');
  const of = f.unitClass === 'count' && f.counted ? null : /([A-Za-z][A-Za-z\s'’-]*?)\s+of\s*$/i.exec(beforeFigure);
  /** targets growth of around 5 percent: "growth" alone, the name where nothing else names the figure */
  let ofGrowth: Metric | null = null;
  if (of) {
    // the noun phrase starts after the last verb before it (marking a year-on-year increase of)
    en.metric.verbs.lastIndex = 0;
    const verbsIn = [...of[1].matchAll(en.metric.verbs)];
    const lastVerb = verbsIn[verbsIn.length - 1];
    let cut = lastVerb ? lastVerb.index! + lastVerb[0].length : 0;
    // staying within the annual target of: a comparison word ends what is not the name
    if (en.metric.ofCut) {
      en.metric.ofCut.lastIndex = 0;
      const cuts = [...of[1].matchAll(en.metric.ofCut)].filter((m) => m.index! >= cut);
      const lastCut = cuts[cuts.length - 1];
      if (lastCut) cut = lastCut.index! + lastCut[0].length;
    }
    const npStart = scopeStart + of.index + cut;
    of[1] = of[1].slice(cut);
    const np = cleanSpan(npStart, npStart + of[1].length);
    // a yearly uptick of, a growth rate of: a change framed before the figure, not its measure
    // a yearly uptick of, a growth rate of: a change framed before the figure, not its measure; but GDP
    // growth of, economic growth of name one
    const growthEnded = np.name !== '' && en.growthNounEnd.test(np.name);
    const growthOf = growthEnded ? np.name.replace(en.growthNounEnd, '').replace(en.metric.leading, '').trim() : '';
    // a short noun modifier (GDP, economic, export), not a clause (its added value record a yearly)
    const namedGrowth = growthOf !== '' && growthOf.split(/\s+/).length <= 3 && !/\b(?:a|an|the|its|their)\b/i.test(growthOf) && !isCueOnly(growthOf, en) && !(en.metric.manner && en.metric.manner.test(growthOf));
    if (growthEnded && /^growth$/i.test(np.name)) ofGrowth = { ...np, inherited: false, trace: 'metric.of_before' };
    if (np.name && !isCueOnly(np.name, en) && (!growthEnded || namedGrowth)) {
      // set a target of 6 percent for its GDP growth: the target's measure follows "for"
      const forAfter = en.metric.targetOnly?.test(np.name) ? /^\s+for\s+([^,.;()]+)/i.exec(text.slice(f.end, sentence.end)) : null;
      if (forAfter) {
        const start = f.end + forAfter[0].length - forAfter[1].length;
        const measure = cleanPhrase(text, start, start + forAfter[1].length, sentence, mentions, periods, en);
        if (measure.name && hasNoun(measure.name)) return { name: `${measure.name} ${en.metric.targetDropped ? np.name.replace(en.metric.targetDropped, '') : np.name}`, span: [np.span[0], measure.span[1]], inherited: false, trace: 'metric.target_for' };
      }
      // generated added value of 180 billion yuan: a measure that needs its owner, the clause's subject
      if (en.metric.genericMeasures && en.metric.genericMeasures.test(np.name)) {
        const owner = subjectBefore(text, f, sentence, scopeStart, mentions, periods, en, false, asides);
        if (owner && owner.name && owner.name.toLowerCase() !== np.name.toLowerCase() && !en.metric.genericMeasures.test(owner.name)) {
          return { name: `${np.name} of ${owner.name}`, span: [Math.min(owner.span[0], np.span[0]), Math.max(owner.span[1], np.span[1])], inherited: false, trace: 'metric.of_before_owner' };
        }
      }
      return { ...np, inherited: false, trace: 'metric.of_before' };
    }
  }
  // aims to grow its GDP by 6 percent; will raise the share of services to 55 percent: the object of the verb of change
  const changed = changeObject(text, scopeStart, scopeStart + beforeFigure.length, sentence, mentions, periods, en, f.unitClass === 'percent');
  if (changed) return { ...changed, inherited: false, trace: 'metric.change_object' };
  // puts the economic growth target at 7.5 percent; set its GDP growth target at 6 percent
  const atObject = /\b(?:at|to)\s*$/i.test(beforeFigure) ? objectBefore(text, scopeStart, scopeStart + beforeFigure.replace(/\s*\b(?:at|to)\s*$/i, '').length, sentence, mentions, periods, en) : null;
  if (atObject) return { ...atObject, inherited: false, trace: 'metric.object_at' };
  // 43.87 billion yuan in added value
  const inAfter = inPhraseAfter(text, f, sentence, mentions, periods, en);
  const subject = subjectBefore(text, f, sentence, scopeStart, mentions, periods, en, false, asides);
  if (inAfter) {
    if (subject && subject.name) return { name: `${inAfter.name} of ${subject.name}`, span: [Math.min(subject.span[0], inAfter.span[0]), Math.max(subject.span[1], inAfter.span[1])], inherited: false, trace: 'metric.in_after' };
    return { ...inAfter, inherited: false, trace: 'metric.in_after' };
  }
  // Nanshan contributed 30 percent of the city's GDP: a share of what follows "of"
  if (f.unitClass === 'percent' && (!subject || !subject.name)) {
    const ofAfter = /^\s+of\s+([^,.;()]+)/i.exec(text.slice(f.end, sentence.end));
    if (ofAfter) {
      const start = f.end + ofAfter[0].length - ofAfter[1].length;
      const np = cleanPhrase(text, start, start + ofAfter[1].length, sentence, mentions, periods, en);
      if (np.name && hasNoun(np.name) && !en.metric.empty.has(np.name.toLowerCase())) return { name: `share of ${np.name}`, span: [f.end, np.span[1]], inherited: false, trace: 'metric.share_of' };
    }
  }
  // the sector employed more than 230,000 people: what is counted is the people employed
  const byVerb = f.unitClass === 'count' && f.counted && en.metric.countedByVerb?.nouns.has(f.counted.toLowerCase()) ? en.metric.countedByVerb.verbs.exec(text.slice(scopeStart, f.start)) : null;
  if (byVerb) return { name: `${f.counted} ${en.metric.countedByVerb!.participle.get(byVerb[1].toLowerCase())}`, span: [f.numberEnd, f.end], inherited: false, trace: 'metric.counted_by_verb' };
  const countedThing = f.unitClass === 'count' && f.counted && !en.measureNouns.has((f.base ?? '').toLowerCase());
  if (countedThing && (!subject || !subject.name)) {
    return { name: f.counted!, span: [f.numberEnd, f.end], inherited: false, trace: 'metric.counted_noun' };
  }
  if (subject && subject.name) return { ...subject, inherited: false, trace: 'metric.subject' };
  if (countedThing) return { name: f.counted!, span: [f.numberEnd, f.end], inherited: false, trace: 'metric.counted_noun' };
  if (ofGrowth) return ofGrowth;
  const m = inherit();
  if (m && m.name) return m;
  // 34 million tons of grain; 1.2 million units: the thing measured, else the measure
  if (f.unitClass === 'count' && f.counted) {
    const of = /^\s+of\s+([a-z][a-z\s-]*?)(?=[,.;()]|\s+(?:in|for|from|to|during|up|down|was|were|and)\b|$)/i.exec(text.slice(f.end, sentence.end));
    if (of) return { name: of[1].trim(), span: [f.end, f.end + of[0].length], inherited: false, trace: 'metric.of_after' };
    return { name: f.counted, span: [f.numberEnd, f.end], inherited: false, trace: 'metric.counted_noun' };
  }
  if (m) return m;
  return { name: '', span: [f.start, f.start], inherited: false, trace: 'metric.missing' };
}

function isCueOnly(name: string, en: CompiledEnglish, subject = false): boolean {
  const lower = name.toLowerCase();
  if (en.metric.empty.has(lower)) return true;
  // this growth rate, the ratio: a rate named as a subject is a measure
  if (subject && en.rateMetric && en.rateMetric.words.test(lower)) return false;
  // what is left once the cue words go (an increase, a year-on-year growth) names nothing
  let rest = lower;
  for (const g of en.growth) rest = rest.replace(g.beforeAnywhere, ' ').replace(g.afterAnywhere, ' ');
  for (const b of en.basis) rest = rest.replace(b.wordsAll, ' ');
  rest = rest.replace(en.metric.leading, '').replace(/\b(?:a|an|the|of|by|to|at)\b/g, ' ').trim();
  return !/[a-z]{2,}/.test(rest);
}

/** The noun phrase after "in" right after the figure: 251.3 billion yuan (US$30.3 billion) in value-added output. */
function inPhraseAfter(text: string, f: EnglishFigure, sentence: Sentence, mentions: readonly EnglishMention[], periods: readonly EnglishPeriod[], en: CompiledEnglish): { name: string; span: [number, number] } | null {
  let at = f.end;
  const paren = /^\s*\([^()]{0,40}\)/.exec(text.slice(at, sentence.end));
  if (paren) at += paren[0].length;
  // an 11.5 percent year-on-year rise in retail sales: the growth words between the figure and "in"
  for (const g of en.growth) {
    const cue = g.after.exec(text.slice(at, sentence.end));
    if (cue && /^\s+in\s/i.test(text.slice(at + cue[0].length, sentence.end))) {
      at += cue[0].length;
      break;
    }
    if (cue && /\sin$/i.test(cue[0])) {
      at += cue[0].length - 3;
      break;
    }
  }
  const m = /^\s+in\s+/i.exec(text.slice(at, sentence.end));
  if (!m) return null;
  const start = at + m[0].length;
  // in real terms, in total: how the figure is counted
  if (en.metric.notInAfter && en.metric.notInAfter.test(text.slice(start, sentence.end))) return null;
  if (periods.some((p) => p.start <= at + m.index + 1 && p.end > start) || mentions.some((p) => p.start === start)) return null;
  const rest = text.slice(start, sentence.end);
  const stop = /[,.;:()]|\s(?:for|from|to|during|in|on|at|with|by|compared|than|over|up|down|and then|which|while|as|as well as|year-on-year|year on year)\s/i.exec(rest);
  let end = start + (stop ? stop.index : rest.length);
  // stop at the verb of the next clause (… in contracted foreign capital flowed in)
  en.metric.verbs.lastIndex = 0;
  const verb = en.metric.verbs.exec(text.slice(start, end));
  if (verb && verb.index > 0) end = start + verb.index;
  const np = cleanPhrase(text, start, end, sentence, mentions, periods, en);
  if (!np.name || /^(?:the|a|an|this|that|its|their)$/i.test(np.name)) return null;
  if (/^(?:the\s+)?(?:city|province|region|country|county|district)$/i.test(np.name)) return null;
  return np;
}

/** The subject of the figure's clause: the words before its first verb, without scene-setting phrases. */
function subjectBefore(
  text: string,
  f: EnglishFigure,
  sentence: Sentence,
  scopeStart: number,
  mentions: readonly EnglishMention[],
  periods: readonly EnglishPeriod[],
  en: CompiledEnglish,
  firstClauseOnly = false,
  asides: readonly [number, number][] = [],
): { name: string; span: [number, number] } | null {
  const scopeText = text.slice(scopeStart, f.start);
  en.metric.verbs.lastIndex = 0;
  let verbs = [...scopeText.matchAll(en.metric.verbs)];
  if (verbs.length === 0) {
    // a headline has no verb (Jilin GDP up 6.2% in H1): the cue of change before the figure ends the subject
    const cues = en.growth.flatMap((g) => [...scopeText.matchAll(g.beforeAnywhere)]).sort((a, b) => a.index! - b.index!);
    if (cues.length === 0 || cues[cues.length - 1].index === 0) return null;
    verbs = [cues[cues.length - 1]];
  }
  // the words before a verb, nearest verb first (is expected to see regional GDP grow by → regional
  // GDP); a range that names nothing gives way to the one before it
  const ranges: [number, number][] = [[0, verbs[0].index!]];
  for (let k = 1; k < verbs.length; k++) ranges.push([verbs[k - 1].index! + verbs[k - 1][0].length, verbs[k].index!]);
  const order = firstClauseOnly ? ranges.slice(0, 1) : ranges.reverse();
  for (const [rs, re] of order) {
    const kept = subjectSegments(text, scopeStart + rs, scopeStart + re, mentions, periods, en, asides);
    if (kept.length === 0) continue;
    const phraseText = kept.map(([a, b]) => text.slice(a, b).trim()).join(', ').replace(en.metric.cutAfter, '');
    const np = cleanPhrase(text, kept[0][0], kept[kept.length - 1][1], sentence, mentions, periods, en, phraseText);
    if (np.name && !isCueOnly(np.name, en, true) && hasNoun(np.name)) return np;
  }
  return null;
}

const DETERMINER_OR_NAME = /^(?:(?:the|its|their|a|an|this|that|these|those)\s|[A-Z])/;

/**
 * The comma-separated pieces of [s, e) that make the subject: the last piece, joined with the pieces
 * before it where it continues a list (the transportation, warehousing and postal service industry)
 * or follows an aside (Shanghai's GDP, or GDP,; exports, meanwhile,); pieces that set the scene
 * (In 2019,; On the industrial side,) and clause openers (, while …; , and the …) end it.
 */
function subjectSegments(
  text: string,
  s: number,
  e: number,
  mentions: readonly EnglishMention[],
  periods: readonly EnglishPeriod[],
  en: CompiledEnglish,
  asides: readonly [number, number][] = [],
): [number, number][] {
  const pieces = splitSegments(text, s, e, mentions)
    .map(([a, b]): [number, number] => {
      while (a < b && /[\s)(]/.test(text[a])) a++;
      return [a, b];
    })
    .filter(([a, b]) => text.slice(a, b).trim().length > 0);
  // an aside describes the phrase before it (retail sales of consumer goods, a key gauge of consumption,
  // rose …; Urumqi, capital of Xinjiang, saw …): its words are not the subject
  const segments = pieces.filter(([a, b], k) => {
    if (asides.some(([x, y]) => a >= x && b <= y + 1)) return false;
    return !isNounAside(text, pieces, k, mentions, periods, en);
  });
  const kept: [number, number][] = [];
  let nounList = false;
  const isListItem = ([a, b]: [number, number]): boolean => {
    const seg = text.slice(a, b).trim();
    return DETERMINER_OR_NAME.test(seg) && !en.metric.intro.test(withoutPeriodsAndPlaces(a, b, text, mentions, periods)) && !isAllPeriodOrPlace(a, b, text, mentions, periods) && !/^[A-Za-z]+(?:ed|ing)\s/i.test(seg);
  };
  for (let k = segments.length - 1; k >= 0; k--) {
    const [a, b] = segments[k];
    const seg = text.slice(a, b).trim();
    const aside = /^or\s/i.test(seg) || (en.metric.trailing.test(seg) && seg.replace(en.metric.trailing, '').trim() === '') || isCueOnly(seg, en, true);
    if (kept.length === 0) {
      if (aside) continue;
      const bare = withoutPeriodsAndPlaces(a, b, text, mentions, periods);
      // Drawing on its resources, Yunnan received …: the subject is the place itself
      if (bare.replace(/\b(?:in|of|the|for|during)\b/gi, '').trim() === '') {
        if (k === segments.length - 1 && mentions.some((m) => m.start >= a && m.after <= b)) break;
        continue;
      }
      // , while exports …; , after its GDP …: a clause opener, then the subject
      const openerWords = en.metric.clauseOpeners.exec(seg);
      const opener = openerWords ? [seg, seg.slice(openerWords[0].length)] : null;
      // In Sichuan, …: a scene; but a piece that is the whole subject stays (In 2018 the number of …)
      if (!opener && en.metric.intro.test(bare)) break;
      kept.unshift([a, b]);
      // the financial industry, the real estate industry, and the construction industry: the last item of a
      // list of noun phrases, which the pieces before it continue (a new clause has none before it here)
      const listEnd = opener !== null && /^and\s/i.test(seg) && DETERMINER_OR_NAME.test(opener[1]) && k > 0 && isListItem(segments[k - 1]);
      if (listEnd) {
        nounList = true;
        continue;
      }
      if (opener && (DETERMINER_OR_NAME.test(opener[1]) || !/^and\s/i.test(seg))) break;
      continue;
    }
    if (aside) continue;
    if (nounList) {
      if (!isListItem([a, b])) break;
      kept.unshift([a, b]);
      continue;
    }
    // Nanshan district, home to many tech companies, contributed …: the piece after a bare place is
    // said of it, and the place is the subject
    if (kept.length === 1 && isAllPeriodOrPlace(a, b, text, mentions, periods) && !en.metric.intro.test(seg) && mentions.some((m) => m.start >= a && m.after <= b)) return [];
    const continuing = text.slice(kept[0][0], kept[0][1]).trim();
    const listContinues = !DETERMINER_OR_NAME.test(continuing) || /^and\s+(?!(?:the|its|their|a|an)\s)/i.test(continuing);
    if (!listContinues || en.metric.intro.test(withoutPeriodsAndPlaces(a, b, text, mentions, periods)) || isAllPeriodOrPlace(a, b, text, mentions, periods)) break;
    kept.unshift([a, b]);
  }
  if (kept.length > 0) {
    // a clause opener or intro at the start of the first piece goes
    const [a, b] = kept[0];
    const m = en.metric.clauseOpeners.exec(text.slice(a, b));
    if (m) kept[0] = [a + m[0].length, b];
  }
  return kept;
}

/**
 * pieces[k] is an aside describing the noun phrase before it: it opens with an aside word (a, an, the, one
 * of), ends with a comma, follows a piece that is a noun phrase (not a scene such as In 2022 or Boosted by
 * exports, not a place alone), and no list goes on after it (, and …).
 */
function isNounAside(text: string, pieces: readonly [number, number][], k: number, mentions: readonly EnglishMention[], periods: readonly EnglishPeriod[], en: CompiledEnglish): boolean {
  if (k === 0 || !en.metric.asideOpeners) return false;
  const [a, b] = pieces[k];
  // opened by an aside word, or by a place's possessive (Trade with ASEAN, Hainan's largest trading partner, …)
  const byPossessive = mentions.some((m) => m.start === a && m.after > m.end);
  if (text[b] !== ',' || !(byPossessive || en.metric.asideOpeners.test(text.slice(a, b)))) return false;
  const next = pieces[k + 1];
  if (next && /^\s*(?:and|or)\s/i.test(text.slice(next[0], next[1]))) return false;
  const [pa, pb] = pieces[k - 1];
  const prev = text.slice(pa, pb).trim();
  if (en.metric.intro.test(prev) || /^[A-Za-z]+(?:ed|ing)\s/i.test(prev) || /^(?:and|or)\s/i.test(prev) || isAllPeriodOrPlace(pa, pb, text, mentions, periods)) return false;
  return /[A-Za-z]{2,}/.test(prev);
}

function segmentHasNoun(seg: string): boolean {
  return seg.split(/\s+/).length >= 3;
}

function splitSegments(text: string, s: number, e: number, mentions: readonly EnglishMention[] = []): [number, number][] {
  const out: [number, number][] = [];
  let a = s;
  for (let i = s; i < e; i++) {
    // Shanghai, Jiangsu, Zhejiang and Anhui: the commas of a list of places join them
    if (text[i] === ',' && mentions.some((m) => m.after <= i && /^\s*$/.test(text.slice(m.after, i))) && mentions.some((m) => m.start > i && /^\s*(?:and\s+)?$/i.test(text.slice(i + 1, m.start)))) continue;
    if (text[i] === ',' || text[i] === ';' || text[i] === ':') {
      out.push([a, i]);
      a = i + 1;
    }
  }
  out.push([a, e]);
  return out;
}

function withoutPeriodsAndPlaces(a: number, b: number, text: string, mentions: readonly EnglishMention[], periods: readonly EnglishPeriod[]): string {
  let rest = text.slice(a, b);
  for (const p of periods) if (p.start >= a && p.end <= b) rest = rest.replace(text.slice(p.start, p.end), ' ');
  for (const m of mentions) if (m.start >= a && m.after <= b) rest = rest.replace(text.slice(m.start, m.after), ' ');
  return rest.trim();
}

function isAllPeriodOrPlace(a: number, b: number, text: string, mentions: readonly EnglishMention[], periods: readonly EnglishPeriod[]): boolean {
  return withoutPeriodsAndPlaces(a, b, text, mentions, periods).replace(/\b(?:in|of|the|for|during)\b/gi, '').trim() === '';
}

/**
 * A metric phrase cleaned of what is not the measure: periods, places and words that point to them
 * (the province's, its), region descriptions (of East China's), determiners and scene words.
 */
function cleanPhrase(
  text: string,
  s: number,
  e: number,
  sentence: Sentence,
  mentions: readonly EnglishMention[],
  periods: readonly EnglishPeriod[],
  en: CompiledEnglish,
  given?: string,
): { name: string; span: [number, number] } {
  let phrase = given ?? text.slice(s, e);
  const remove: string[] = [];
  for (const p of periods) if (p.start >= s && p.end <= e) remove.push(text.slice(p.start, p.end));
  const possessives: string[] = [];
  for (const m of mentions) if (m.start >= s && m.after <= e) (m.after > m.end ? possessives : remove).push(text.slice(m.start, m.after));
  remove.sort((a, b) => b.length - a.length);
  const esc = (r: string) => r.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  for (const r of remove) {
    // "of Yunnan", "in Xizang" → the place and the preposition that ties it; next year's → its possessive too
    phrase = phrase.replace(new RegExp(`(?:\\b(?:of|in|for|throughout)\\s+(?:the\\s+)?)?${esc(r)}(?:['’]s\\b)?`, 'g'), ' ');
  }
  // "of Ningbo's primary industry" keeps its "of"
  for (const r of possessives) phrase = phrase.replace(new RegExp(esc(r), 'g'), ' ');
  if (en.metric.regionPhrase) phrase = phrase.replace(en.metric.regionPhrase, ' ');
  for (const a of en.metric.anaphora) phrase = phrase.replace(a.words, ' ');
  phrase = phrase.replace(/\s+/g, ' ').replace(/^[-–—\s]+/, '').trim();
  for (let k = 0; k < 3; k++) {
    phrase = phrase.replace(en.metric.leading, '').replace(en.metric.trailing, '').trim();
    phrase = phrase.replace(/^[,;:\s]+|[,;:\s]+$/g, '').replace(/\s+(?:of|in|for|from|to|at|by|with|and)$/i, '').trim();
  }
  phrase = stripLeadingVerbs(phrase.replace(/^[-–—\s]+/, ''));
  if (phrase.length === 0 || en.metric.empty.has(phrase.toLowerCase()) || !/[A-Za-z]/.test(phrase)) return { name: '', span: [s, s] };
  // a headline in title case (Anhui Sets GDP Growth Target at 7.5-8.0%): its words are ordinary words
  if (isTitleCase(text.slice(sentence.start, sentence.end))) phrase = phrase.replace(/\b[A-Z][a-z]+\b/g, (w) => w.toLowerCase());
  // a sentence's first word is capitalized as such: retail sales, not Retail sales
  if (/^[A-Z][a-z]/.test(phrase)) {
    const at = text.indexOf(phrase.split(' ')[0], s);
    if (at >= 0 && /^[\s"“(]*$/.test(text.slice(sentence.start, at))) phrase = phrase.charAt(0).toLowerCase() + phrase.slice(1);
  }
  const first = text.toLowerCase().indexOf(phrase.split(' ')[0].toLowerCase(), s);
  return { name: phrase, span: [first >= 0 && first < e ? first : s, e] };
}

// ── draft ───────────────────────────────────────────────────────────────────────────────────────

function toDraft(c: Candidate, enIndicators: ReadonlyMap<string, string>): DraftRecord {
  const f = c.figure;
  const flags = c.flags;
  const id = c.metric.name ? (enIndicators.get(englishIndicatorKey(c.metric.name)) ?? enIndicators.get(englishIndicatorKey(c.metric.name.replace(/\s*\([^)]*\)\s*/g, ' '))) ?? null) : null;
  if (!id) flags.push('metric_unknown');
  if (!c.metric.name) flags.push('metric_missing');
  if (f.spelled) flags.push('number_in_words');
  const signed = cleanNumber(c.sign * f.value);
  let normalized: { value: number; unit: string };
  switch (f.unitClass) {
    case 'money':
      normalized = { value: cleanNumber(signed * f.multiplier), unit: f.base ?? 'CNY' };
      break;
    case 'percent':
      normalized = { value: signed, unit: '%' };
      break;
    case 'pp':
      normalized = { value: signed, unit: 'pp' };
      break;
    case 'times':
      normalized = c.kind === 'growth' ? { value: cleanNumber(signed * 100), unit: '%' } : { value: signed, unit: 'times' };
      break;
    case 'count':
      normalized = { value: cleanNumber(signed * f.multiplier), unit: f.base ?? 'count' };
      break;
    default:
      normalized = { value: cleanNumber(signed * f.multiplier), unit: 'count' };
  }
  return {
    span: [f.start, f.end],
    sentence: [c.sentence.start, c.sentence.end],
    city: c.city,
    citySpan: c.citySpan,
    subject: null,
    metric: { name: c.metric.name, id },
    metricTextSpan: c.metric.span,
    kind: c.kind,
    basis: c.basis,
    value: signed,
    unit: f.unitText,
    normalized,
    approx: c.approx,
    status: c.status,
    period: c.period ? c.period.period : null,
    periodSpan: c.period?.span ?? null,
    flags,
    trace: [...new Set(c.trace)],
  };
}

/**
 * A national word for a figure (a national average of 5.1 percent; China's GDP grew 5.2 percent; the
 * country's retail sales rose …): among the words right before it, or in its clause's subject (before the
 * clause's first verb), with no place named after it (East China's Zhejiang) and not inside an aside
 * (Shanghai, a key engine of China's economy, …). `subject` when it is in the clause's subject (what the
 * clause is about); `near` when it is among the words right before the figure; `yardstick` when it is what
 * the figure is measured against (the national average).
 */
function nationalWordFor(
  text: string,
  f: EnglishFigure,
  scopeStart: number,
  mentions: readonly EnglishMention[],
  asides: readonly [number, number][],
  en: CompiledEnglish,
  window: number,
): 'subject' | 'near' | 'yardstick' | null {
  const kindAt = (at: number, length: number): 'subject' | 'yardstick' | null => {
    if (asides.some(([a, b]) => at >= a && at < b)) return null;
    if (mentions.some((p) => p.start >= at && p.end <= f.start)) return null;
    if (en.nationalNotAfter && en.nationalNotAfter.test(text.slice(Math.max(0, at - 16), at))) return null;
    return en.nationalNotBefore && en.nationalNotBefore.test(text.slice(at + length, f.start)) ? 'yardstick' : 'subject';
  };
  const before = text.slice(scopeStart, f.start);
  const tail = new RegExp(`(?:\\S+\\s*){1,${window}}$`).exec(before);
  en.metric.verbs.lastIndex = 0;
  const verb = en.metric.verbs.exec(before);
  const subject = verb ? before.slice(0, verb.index) : '';
  // in a clause's subject only the country as subject counts (higher than the national average, while … is not)
  for (const m of subject.matchAll(globalOf(en.national))) {
    if (kindAt(scopeStart + m.index!, m[0].length) === 'subject') return 'subject';
  }
  // among the words right before the figure (outpacing the national growth of 5.2 percent): the figure is the
  // country's, but the story need not be about it
  if (tail) {
    for (const m of tail[0].matchAll(globalOf(en.national))) {
      const found = kindAt(scopeStart + tail.index + m.index!, m[0].length);
      if (found) return found === 'subject' ? 'near' : found;
    }
  }
  return null;
}

/** The subject of a sentence (before its first verb) names the country: China's economy …, The national economy … */
function nationalSubjectOf(text: string, start: number, end: number, asides: readonly [number, number][], en: CompiledEnglish): boolean {
  const sentence = text.slice(start, end);
  en.metric.verbs.lastIndex = 0;
  const verb = en.metric.verbs.exec(sentence);
  const subject = verb ? sentence.slice(0, verb.index) : '';
  for (const m of subject.matchAll(globalOf(en.national))) {
    const at = start + m.index!;
    if (asides.some(([a, b]) => at >= a && at < b)) continue;
    if (en.nationalNotAfter && en.nationalNotAfter.test(text.slice(Math.max(0, at - 16), at))) continue;
    if (en.nationalNotBefore && en.nationalNotBefore.test(subject.slice(m.index! + m[0].length))) continue;
    return true;
  }
  return false;
}

/** A word pointing back to a place (the province's, its) in text[from, to). */
function hasAnaphoraBetween(text: string, from: number, to: number, en: CompiledEnglish): boolean {
  if (to <= from) return false;
  const between = text.slice(from, to);
  return en.metric.anaphora.some((a) => {
    a.words.lastIndex = 0;
    return a.words.test(between);
  });
}

/** A dateline at the start of a paragraph: where it ends, and the place it names (or null). */
function datelineAt(text: string, from: number, to: number, en: CompiledEnglish, province: string | null): { end: number; place: Place | null } | null {
  let at = from;
  while (at < to && /\s/.test(text[at])) at++;
  const head = text.slice(at, Math.min(to, at + 90));
  for (const d of en.datelines) {
    const m = d.pattern.exec(head);
    if (!m || m.index !== 0) continue;
    const name = m.groups?.place ?? '';
    const places = name ? en.gazetteer.findMentions(text, at, at + name.length, province) : [];
    return { end: at + m[0].length, place: places[0]?.place ?? null };
  }
  return null;
}

/**
 * Places that describe another place instead of being what a figure is about: those inside an aside after a
 * place (Urumqi, capital of the Xinjiang Uygur autonomous region, …), and one "in" another right after it
 * (Wudang district in Guiyang). Also returns the asides' ranges (their words are no subject).
 */
function describingPlaces(text: string, mentions: readonly EnglishMention[], sentence: Sentence, en: CompiledEnglish, periods: readonly EnglishPeriod[]): { described: Set<EnglishMention>; asides: [number, number][] } {
  const described = new Set<EnglishMention>();
  const asides: [number, number][] = [];
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i];
    if (i + 1 < mentions.length && en.describedIn && m.after === m.end && en.describedIn.between.test(text.slice(m.end, mentions[i + 1].start))) described.add(mentions[i + 1]);
    if (!en.appositive || m.after !== m.end) continue;
    const comma = /^\s*,\s*/.exec(text.slice(m.end, sentence.end));
    if (!comma) continue;
    const start = m.end + comma[0].length;
    const rest = text.slice(start, sentence.end);
    const close = /[,;:()]|\s[-–—]{1,2}\s/.exec(rest);
    const phrase = close ? rest.slice(0, close.index) : rest.replace(/[.!?"”\s]+$/, '');
    if (/\d/.test(phrase) || phrase.split(/\s+/).length > en.appositive.maxWords) continue;
    // opened by an aside word (capital of, a city in), by a place's possessive (Liuzhou, Guangxi's industrial
    // hub, …), or the place it lies in alone (Yiwu, Zhejiang province, …)
    const first = mentions.find((o) => o.start === start);
    const inside = first !== undefined && (first.after > first.end || (first.end === start + phrase.length && (m.place.province === first.place.name || m.place.parent === first.place.name) && m.place !== first.place));
    // Dali, in southwest China's Yunnan province, …: "in" opens an aside only where a place is named inside it
    const locating = en.appositive.placeOpeners !== null && en.appositive.placeOpeners.test(phrase) && mentions.some((o) => o !== m && o.start >= start && o.end <= start + phrase.length);
    if (!inside && !locating && !en.appositive.openers.test(phrase)) continue;
    // a verb ends the subject: Beijing, the capital, saw … is an aside; Hebei, the province saw … is not
    en.metric.verbs.lastIndex = 0;
    if (en.metric.verbs.test(phrase)) continue;
    const end = start + phrase.length;
    asides.push([start, end]);
    for (const other of mentions) if (other !== m && other.start >= start && other.end <= end) described.add(other);
  }
  // asides after a noun phrase (Exports to the US, China's largest trading partner, fell …): their words say
  // nothing of whom the figure is about
  const pieces = splitSegments(text, sentence.start, sentence.end);
  for (let k = 1; k + 1 < pieces.length; k++) {
    let [a, b] = pieces[k];
    while (a < b && /\s/.test(text[a])) a++;
    const phrase = text.slice(a, b);
    if (asides.some(([x, y]) => a >= x && a < y) || /\d/.test(phrase) || phrase.split(/\s+/).length > (en.appositive?.maxWords ?? 14)) continue;
    const opens = /^[A-Z][A-Za-z.-]*['’]s\s/.test(phrase) || (en.metric.asideOpeners?.test(phrase) ?? false) || (en.appositive?.openers.test(phrase) ?? false);
    if (!opens) continue;
    en.metric.verbs.lastIndex = 0;
    if (en.metric.verbs.test(phrase)) continue;
    const previous = text.slice(pieces[k - 1][0], pieces[k - 1][1]).trim();
    const next = text.slice(pieces[k + 1][0], pieces[k + 1][1]).trim();
    // after a scene (In 2023,; Last year,; However,) a piece is the subject, not an aside
    if (/^(?:and|or)\s/i.test(next) || en.metric.intro.test(previous) || !/[A-Za-z]{2,}\S*\s+[A-Za-z]/.test(previous) || isAllPeriodOrPlace(pieces[k - 1][0], pieces[k - 1][1], text, mentions, periods)) continue;
    asides.push([a, b]);
  }
  return { described, asides };
}

function fitsLevel(place: Place, level: 'province' | 'city' | 'county' | 'any'): boolean {
  if (level === 'any') return true;
  if (level === 'province') return place.level === 'province';
  if (level === 'city') return place.level === 'prefecture' || (place.level === 'province' && place.name.endsWith('市'));
  return place.level === 'county';
}

function lastSemicolon(text: string, from: number, pos: number): number {
  for (let i = pos - 1; i >= from; i--) if (text[i] === ';') return i + 1;
  return from;
}

/** Items of a listed subject: commas, and an "and" before a determiner (the financial industry, the
 * leasing and business service industry and the wholesale and retail industry). */
const LIST_ITEM_SPLIT = /,\s*(?:and\s+)?|\s+and\s+(?=(?:the|its|their|a|an)\s)/i;

/** The items of a listed metric phrase, n of them, each a whole name (supply of poultry, cattle and
 * sheep → supply of poultry / supply of cattle / supply of sheep; added value of primary, secondary
 * and tertiary industries → added value of primary industries …), or null. */
export function listItemNames(name: string, n: number): string[] | null {
  let items = name.split(LIST_ITEM_SPLIT).map((s) => s.trim()).filter(Boolean);
  if (items.length === n - 1) {
    // the last two joined by a plain "and" (cattle and sheep; urban and rural residents)
    const last = items[items.length - 1].split(/\s+and\s+/i);
    if (last.length === 2) items = [...items.slice(0, -1), ...last];
  }
  if (items.length !== n) return null;
  const prep = /^(.*\b(?:of|in|for)\s+)(.+)$/i.exec(items[0]);
  const prefix = prep ? prep[1] : '';
  const cores = [prep ? prep[2] : items[0], ...items.slice(1)];
  const lastWords = cores[n - 1].split(/\s+/);
  const suffix = lastWords.length > 1 && cores.slice(0, -1).every((c) => !/\s/.test(c)) ? ` ${lastWords.slice(1).join(' ')}` : '';
  return cores.map((core, k) => {
    const own = k === n - 1 ? core : `${core}${suffix}`;
    // the real estate industry: a determiner opening a whole name goes, as it does from any name
    return `${prefix}${prefix ? own : own.replace(/^(?:the|its|their|a|an)\s+/i, '')}`.replace(/\s+/g, ' ').trim();
  });
}

/** Figures listed one after another (6 percent, 9 percent and 7 percent) after a listed subject
 * take its items in order; a later list of as many figures in the sentence takes the same items. */
function distributeListItems(text: string, cands: Candidate[]): void {
  let lastNames: string[] | null = null;
  let i = 0;
  while (i < cands.length) {
    let j = i + 1;
    while (j < cands.length && LIST_GAP.test(text.slice(cands[j - 1].figure.end, cands[j].figure.start)) && cands[j].figure.unitClass === cands[i].figure.unitClass && !cands[j].trace.includes('value.conversion')) j++;
    const group = cands.slice(i, j);
    if (group.length >= 2 && group.slice(1).every((c) => c.metric.inherited)) {
      const own = group[0].metric.inherited ? null : listItemNames(group[0].metric.name, group.length);
      const names = own ?? (lastNames && lastNames.length === group.length && group[0].metric.inherited ? lastNames : null);
      if (own) lastNames = own;
      if (names) {
        group.forEach((c, k) => {
          c.metric = { ...c.metric, name: names[k], inherited: false, trace: 'metric.list_item' };
          c.trace.push('metric.list_item');
        });
      }
    }
    i = j;
  }
}

/** The object of the verb before [.., end): puts <the economic growth target> at …; only a noun phrase
 * naming a goal or a rate (rules/en/metric.yaml objectHeads) counts. */
function objectBefore(text: string, scopeStart: number, end: number, sentence: Sentence, mentions: readonly EnglishMention[], periods: readonly EnglishPeriod[], en: CompiledEnglish): { name: string; span: [number, number] } | null {
  const scope = text.slice(scopeStart, end);
  en.metric.verbs.lastIndex = 0;
  const verbs = [...scope.matchAll(en.metric.verbs)];
  const last = verbs[verbs.length - 1];
  if (!last) return null;
  const start = scopeStart + last.index! + last[0].length;
  const phrase = text.slice(start, end);
  if (!en.metric.objectHeads.test(phrase) || /[,;]/.test(phrase)) return null;
  const np = cleanPhrase(text, start, end, sentence, mentions, periods, en);
  return np.name ? np : null;
}

/** The object of a verb of change right before "by"/"to"/"at" and the figure: grow <its GDP> by 6 percent. */
function changeObject(text: string, scopeStart: number, end: number, sentence: Sentence, mentions: readonly EnglishMention[], periods: readonly EnglishPeriod[], en: CompiledEnglish, rate = false): { name: string; span: [number, number] } | null {
  if (!en.metric.changeVerbs) return null;
  const scope = text.slice(scopeStart, end);
  // grow its GDP by 6 percent; a headline drops the "by": aims to grow GDP 5.5 pct
  const prep = /\s(?:by|to|at|within|below|under|above)\s*$/i.exec(scope) ?? (rate && !/\b(?:of|for|in|on|with|from)\s*$/i.test(scope) ? /\s*$/.exec(scope) : null);
  if (!prep) return null;
  en.metric.changeVerbs.lastIndex = 0;
  const verbs = [...scope.slice(0, prep.index).matchAll(en.metric.changeVerbs)];
  const verb = verbs[verbs.length - 1];
  if (!verb) return null;
  const start = scopeStart + verb.index! + verb[0].length;
  const objectText = text.slice(start, scopeStart + prep.index);
  // the object is a noun phrase: no clause mark, no other verb in it
  en.metric.verbs.lastIndex = 0;
  if (/[,;:]/.test(objectText) || objectText.trim() === '' || en.metric.verbs.test(objectText)) return null;
  const np = cleanPhrase(text, start, scopeStart + prep.index, sentence, mentions, periods, en);
  return np.name && hasNoun(np.name) && !isCueOnly(np.name, en, true) ? np : null;
}

/** Most words of four letters or more capitalized: a headline. */
function isTitleCase(sentence: string): boolean {
  const words = sentence.match(/[A-Za-z]{4,}/g) ?? [];
  return words.length >= 3 && words.filter((w) => /^[A-Z]/.test(w)).length >= 0.7 * words.length;
}

function levelRank(place: Place): number {
  return place.level === 'province' ? 0 : place.level === 'prefecture' ? 1 : 2;
}
