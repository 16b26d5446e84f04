/**
 * Period parsers: every time expression in a text (上半年, 1—5月, 2020年, 到2025年, 十四五),
 * resolved to years and months. Relative years (今年, 去年) resolve only against a publication
 * date that the document or the run gives; without one the year stays null and is flagged.
 */
import type { Period } from '../record/schema';
import type { RuleSet } from '../rules/ruleset';
import type { PeriodsFile } from '../rules/schemas';
import { parseChineseNumeral } from './numbers';
import { Prefilter, type PossiblePatterns } from '../rules/prefilter';
import { allMatches, endsAt } from './words';

export interface PeriodMention {
  start: number;
  end: number;
  period: Period;
  ruleId: string;
  /** A goal year (到2025年). */
  target: boolean;
  /** A relative year (今年) that no date resolved. */
  yearUnknown: boolean;
  /** The year was not written: it comes from the publication date (今年, 1—5月 in a dated article). */
  yearFromDate: boolean;
  /** Undated (目前): a period with no year by nature, not for lack of a date. */
  undated: boolean;
  /** A word that refers to a period named before it (当月, 同期): see rules/periods.yaml `weak`. */
  weak?: 'previous' | 'first';
}

interface CompiledPeriod {
  id: string;
  regex: RegExp;
  target: boolean;
  pointInTime: boolean;
  weak: 'previous' | 'first' | null;
}

interface CompiledPeriods {
  rules: CompiledPeriod[];
  /** Which rules can match a text at all: most sentences hold no period. */
  prefilter: Prefilter;
}

const cache = new WeakMap<RuleSet, CompiledPeriods>();

function compile(rules: RuleSet): CompiledPeriods {
  let compiled = cache.get(rules);
  if (!compiled) {
    const patterns = rules.periods.patterns;
    compiled = {
      rules: patterns.map((p) => ({ id: p.id, regex: new RegExp(p.pattern, 'gu'), target: Boolean(p.target), pointInTime: Boolean(p.pointInTime), weak: p.weak ?? null })),
      prefilter: Prefilter.forPatterns(patterns.map((p) => p.pattern)),
    };
    cache.set(rules, compiled);
  }
  return compiled;
}

function yearFromText(text: string): number | null {
  if (/^\d{4}$/.test(text)) return Number(text);
  // 二○二一: documents write the zero digit as a circle too.
  return parseChineseNumeral(text.replace(/○/gu, '〇'));
}

/** A month or a count of months written in digits or Chinese numerals (6, 06, 六, 十二). */
function monthFromText(text: string): number | null {
  const n = /^\d+$/.test(text) ? Number(text) : parseChineseNumeral(text);
  return n !== null && n >= 1 && n <= 12 ? n : null;
}

/** Resolves one match's named groups; `anchorYear` is the publication year (or null), `reportYear`
 * the year the document reports on (a bulletin's title year, or null). */
function interpret(groups: Record<string, string | undefined>, anchorYear: number | null, reportYear: number | null, rule: CompiledPeriod, text: string, data: PeriodsFile, anchorMonth: number | null) {
  let year: number | null = groups.year ? yearFromText(groups.year) : null;
  let endYear: number | null = groups.endYear ? Number(groups.endYear) : null;
  let startMonth: number | null = null;
  let endMonth: number | null = null;
  let yearUnknown = false;
  let yearFromDate = false;
  let undated = false;
  if (groups.rel) {
    const offset = data.relativeYears[groups.rel] ?? 0;
    if (anchorYear !== null) {
      year = anchorYear + offset;
      yearFromDate = true;
    } else yearUnknown = true;
  }
  if (groups.m1 && groups.m2) {
    startMonth = monthFromText(groups.m1);
    endMonth = monthFromText(groups.m2);
  } else if (groups.m2 && rule.pointInTime) {
    startMonth = endMonth = monthFromText(groups.m2);
  }
  // 前5个月 / 今年前两个月: from January.
  if (groups.firstMonths) {
    const n = monthFromText(groups.firstMonths);
    if (n !== null) [startMonth, endMonth] = [1, n];
  }
  // 上月 / 本月: a month counted from the document's date.
  if (groups.relMonth) {
    const offset = data.relativeMonths[groups.relMonth] ?? 0;
    if (anchorYear !== null && anchorMonth !== null) {
      const index = anchorYear * 12 + anchorMonth - 1 + offset;
      year = Math.floor(index / 12);
      startMonth = endMonth = (index % 12) + 1;
      yearFromDate = true;
    } else {
      yearUnknown = true;
    }
  }
  if (groups.half) [startMonth, endMonth] = data.halves[groups.half] ?? [null, null];
  if (groups.quarter) [startMonth, endMonth] = data.quarters[groups.quarter] ?? [null, null];
  if (groups.quarterEnd) {
    const last = data.quarters[groups.quarterEnd]?.[1] ?? null;
    startMonth = endMonth = last;
  }
  if (groups.halfEnd) startMonth = endMonth = data.halves[groups.halfEnd]?.[1] ?? null;
  if (groups.firstQuarters) {
    const n = parseChineseNumeral(groups.firstQuarters) ?? Number(groups.firstQuarters);
    if (n >= 1 && n <= 4) [startMonth, endMonth] = [1, n * 3];
  }
  if (groups.plan) [year, endYear] = data.plans[groups.plan] ?? [null, null];
  if (groups.recent) {
    const n = /^\d+$/.test(groups.recent) ? Number(groups.recent) : parseChineseNumeral(groups.recent);
    // 近三年 ends at the anchor: the latest year the context states (resolved by the caller).
    if (anchorYear !== null && n) [year, endYear] = [anchorYear - n + 1, anchorYear];
    else undated = true;
  }
  // 今后五年 / 未来三年: a span that starts in the year of the document's date.
  if (groups.coming) {
    const n = /^\d+$/.test(groups.coming) ? Number(groups.coming) : parseChineseNumeral(groups.coming);
    if (anchorYear !== null && n) {
      [year, endYear] = [anchorYear, anchorYear + n - 1];
      yearFromDate = true;
    } else yearUnknown = true;
  }
  if (groups.undated) undated = true;
  if (groups.wholeYear) {
    if (reportYear !== null) year = reportYear;
    else undated = true;
  }
  // Month ranges without a year inside a text with no date: year unknown, not guessed.
  if (year === null && !undated && !groups.plan && !groups.recent && !groups.coming && !groups.wholeYear && anchorYear === null && (startMonth !== null || groups.rel)) yearUnknown = true;
  if (year === null && !undated && !groups.plan && !groups.recent && anchorYear !== null && startMonth !== null && !groups.rel) {
    // "1—5月" with no year in a dated article: the publication year, or the year before when the
    // months run past the publication's month (1-11月 in a paper of February reports last year).
    const monthsWritten = groups.m2 !== undefined || groups.firstMonths !== undefined;
    year = monthsWritten && anchorMonth !== null && endMonth !== null && endMonth > anchorMonth ? anchorYear - 1 : anchorYear;
    yearFromDate = true;
  }
  return { period: { text, year, endYear, startMonth, endMonth }, yearUnknown, yearFromDate, undated };
}

/**
 * All period mentions in text[from, to), longest match first; overlapping shorter matches dropped.
 * `anchorYear`: publication year; `recentAnchor(start)`: the year 近N年 ends at, if the context states one.
 */
export function findPeriodMentions(
  text: string,
  from: number,
  to: number,
  rules: RuleSet,
  anchorYear: number | null,
  reportYear: number | null,
  recentAnchor: (start: number, earlier: readonly PeriodMention[]) => number | null = () => anchorYear,
  /** Which patterns can match in text[from, to), when a scan of it has told (SentenceScanner). */
  possible?: PossiblePatterns,
  /** The month of the publication date (1-12), with `anchorYear`: what 上月 and a month range with no year count from. */
  anchorMonth: number | null = null,
): PeriodMention[] {
  const compiled = compile(rules);
  const canMatch = possible ?? compiled.prefilter.possibleIn(text, from, to);
  let slice: string | null = null;
  const raw: { start: number; end: number; groups: Record<string, string | undefined>; rule: CompiledPeriod; text: string }[] = [];
  for (let index = 0; index < compiled.rules.length; index++) {
    if (!canMatch(index)) continue;
    slice ??= text.slice(from, to);
    const rule = compiled.rules[index];
    for (const m of allMatches(rule.regex, slice)) {
      if (m[0].length === 0) continue;
      const start = from + m.index;
      raw.push({ start, end: start + m[0].length, groups: m.groups ?? {}, rule, text: m[0] });
    }
  }
  if (raw.length === 0) return [];
  raw.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: typeof raw = [];
  for (const p of raw) if (!kept.some((k) => p.start < k.end && p.end > k.start)) kept.push(p);
  // 较1-8月: a period right after a word of comparison is no date; it still takes its place from
  // the shorter periods inside it (the 8月 of 1-8月).
  for (let i = kept.length - 1; i >= 0; i--) {
    const start = kept[i].start;
    if (rules.periods.notAfter.some((w) => endsAt(text, w, start))) kept.splice(i, 1);
  }
  kept.sort((a, b) => a.start - b.start);
  const mentions: PeriodMention[] = [];
  for (const p of kept) {
    const anchor = p.groups.recent ? recentAnchor(p.start, mentions) : anchorYear;
    const r = interpret(p.groups, anchor, reportYear, p.rule, p.text, rules.periods, anchorMonth);
    mentions.push({ start: p.start, end: p.end, period: r.period, ruleId: p.rule.id, target: p.rule.target, yearUnknown: r.yearUnknown, yearFromDate: r.yearFromDate, undated: r.undated, ...(p.rule.weak ? { weak: p.rule.weak } : {}) });
  }
  return mentions;
}

/** A statistical bulletin or annual report names the year it reports on in its title
 * (2023年嘉兴市国民经济和社会发展统计公报): its 全年 and 年末 are that year. */
export function reportPeriod(year: number): PeriodMention {
  return { start: 0, end: 0, period: { text: `${year}年`, year, endYear: null, startMonth: null, endMonth: null }, ruleId: 'period.report_year', target: false, yearUnknown: false, yearFromDate: false, undated: false };
}

/** The year of a YYYY-MM-DD publication date. */
export function publicationYear(published: string | null): number | null {
  return published ? Number(published.slice(0, 4)) : null;
}

/** The month of a YYYY-MM-DD publication date. */
export function publicationMonth(published: string | null): number | null {
  return published && published.length >= 7 ? Number(published.slice(5, 7)) : null;
}
