/**
 * English period mentions: the patterns of rules/en/periods.yaml, longest match first, read into
 * years and months. Relative years (this year, last year) are kept relative here; the extractor
 * resolves them against the article's year. A period right after a word of comparison (up 5 percent
 * from the first quarter; over the same 2003 period) is what a figure is compared with, not its date.
 */
import type { CompiledEnglish } from './compile';
import { numberWordValue } from './nlp';

export interface EnglishPeriod {
  start: number;
  end: number;
  ruleId: string;
  text: string;
  year: number | null;
  endYear: number | null;
  /** 0 this year, -1 last year, +1 next year; null when the year is written or not said. */
  relativeYear: number | null;
  startMonth: number | null;
  endMonth: number | null;
  /** in the whole year, throughout the year: the year the article is about. */
  wholeYear: boolean;
  /** during this period: the last period named. */
  same: boolean;
  /** the same period of last year: the last period's months, a year before. */
  sameLastYear: boolean;
  /** a year earlier: the year before the last period's. */
  yearEarlier: boolean;
  /** By the end of March: a point in time, which later sentences do not inherit. */
  pointInTime: boolean;
  /** After a word of comparison: not the date of the figures around it. */
  comparison: boolean;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** A month and day right before a year (April 17, 2023): the year is a date's. */
const DAY_BEFORE = new RegExp(`\\b(?:${MONTHS.join('|')})[a-z]*\\.?\\s+\\d{1,2},?\\s*$`, 'i');

function month(name: string | undefined): number | null {
  if (!name) return null;
  const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return i < 0 ? null : i + 1;
}

function count(word: string | undefined): number | null {
  if (!word) return null;
  if (/^\d+$/.test(word)) return Number(word);
  return numberWordValue(word);
}

const ORDINAL_OF: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, '1': 1, '2': 2, '3': 3, '4': 4 };

export function findEnglishPeriods(text: string, from: number, to: number, en: CompiledEnglish): EnglishPeriod[] {
  const found: EnglishPeriod[] = [];
  const slice = text.slice(from, to);
  for (const rule of en.periods) {
    rule.pattern.lastIndex = 0;
    for (const m of slice.matchAll(rule.pattern)) {
      if (m[0].length === 0) continue;
      // the year of a date (2023-04-27, April 17, 2023) dates the article, not a figure
      const at = from + m.index!;
      if (/^[-/.]\d/.test(text.slice(at + m[0].length, at + m[0].length + 2)) || DAY_BEFORE.test(text.slice(Math.max(0, at - 16), at))) continue;
      const g = m.groups ?? {};
      const start = from + m.index!;
      const end = start + m[0].length;
      let startMonth: number | null = null;
      let endMonth: number | null = null;
      if (g.half) {
        const h = g.half.toLowerCase() === 'second' || g.half === '2' ? 2 : 1;
        startMonth = h === 1 ? 1 : 7;
        endMonth = h === 1 ? 6 : 12;
      } else if (g.quarter) {
        const q = ORDINAL_OF[g.quarter.toLowerCase()] ?? 1;
        startMonth = 3 * q - 2;
        endMonth = 3 * q;
      } else if (g.quarters) {
        const n = count(g.quarters.toLowerCase());
        if (n) {
          startMonth = 1;
          endMonth = 3 * n;
        }
      } else if (g.months) {
        const n = count(g.months.toLowerCase());
        if (n && n <= 12) {
          startMonth = 1;
          endMonth = n;
        }
      } else if (g.month) {
        // in September: that month alone
        startMonth = endMonth = month(g.month);
      } else if (g.m2) {
        endMonth = month(g.m2);
        startMonth = g.m1 ? month(g.m1) : rule.pointInTime ? endMonth : null;
      }
      const rel = g.rel?.toLowerCase().replace(/\s+/g, ' ');
      const relativeYear = rel === undefined ? null : rel === 'this year' || rel === 'the year' ? 0 : /\b(?:next|coming)\b|\bahead$/.test(rel) ? 1 : -1;
      const year = g.year1 ? Number(g.year1) : g.year ? Number(g.year) : null;
      const endYear = g.endYear ? Number(g.endYear) : g.year1 && g.year && g.year !== g.year1 ? null : null;
      const beforeText = text.slice(Math.max(0, start - 20), start);
      found.push({
        start,
        end,
        ruleId: rule.id,
        text: m[0],
        year,
        endYear,
        relativeYear,
        startMonth,
        endMonth,
        wholeYear: Boolean(g.wholeYear),
        same: Boolean(g.same),
        sameLastYear: Boolean(g.sameLastYear),
        yearEarlier: Boolean(g.yearEarlier),
        pointInTime: rule.pointInTime || rule.id === 'period.year_end',
        comparison: en.periodNotAfter.test(beforeText) || /^(?:over|than|compared)\s/i.test(m[0]),
      });
    }
  }
  // Longest first; a shorter match inside or across a longer one is dropped.
  found.sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: EnglishPeriod[] = [];
  for (const p of found) if (!kept.some((k) => p.start < k.end && k.start < p.end)) kept.push(p);
  return kept.sort((a, b) => a.start - b.start);
}
