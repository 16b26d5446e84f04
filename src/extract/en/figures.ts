/**
 * English figures: a number (digits, or words read by compromise: "nine percent") with what makes
 * it a figure — a currency before or after it (US$63.9 billion, 2.4 trillion yuan), a multiplier,
 * percent or percentage points, or a counted noun (33 impoverished counties). A number with none of
 * these is a figure only after a cue that says it is one (a population of 726,000) or in a list or
 * range with one that has a unit (7.5-8.0%, 2.9 and 0.8 percentage points). Dates, years, ranks,
 * ordinals, model names (5G, G20) and numbered names (No. 1 Middle School) are never figures.
 */
import type { CompiledEnglish } from './compile';
import { spelledNumbers } from './nlp';

export type EnglishUnitClass = 'money' | 'percent' | 'pp' | 'times' | 'count';

export interface EnglishFigure {
  /** [start, end) of the quote: currency symbol, number, multiplier and unit. */
  start: number;
  end: number;
  /** Where the number itself stands. */
  numberStart: number;
  numberEnd: number;
  value: number;
  multiplier: number;
  unitClass: EnglishUnitClass | null;
  /** The unit as written (billion yuan, US$ billion, percent, impoverished counties), or null. */
  unitText: string | null;
  /** CNY, USD … for money; the counted noun for counts. */
  base: string | null;
  /** Words between the number and a counted noun, and the noun (impoverished counties). */
  counted: string | null;
  spelled: boolean;
  trace: string[];
}

const DIGITS = /(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?/g;
const YEAR_LIKE = /^(?:19|20)\d{2}$/;
const DATE = /(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}/;
const LIST_GAP = /^\s*(?:-|–|—|~|to|and|or|,|, and)\s*$/i;
const RANGE_GAP = /^\s*(?:-|–|—|~)\s*$/;

export function findEnglishFigures(text: string, from: number, to: number, en: CompiledEnglish): EnglishFigure[] {
  const numbers: { start: number; end: number; value: number; spelled: boolean }[] = [];
  DIGITS.lastIndex = from;
  for (let m = DIGITS.exec(text); m && m.index < to; m = DIGITS.exec(text)) {
    const start = m.index;
    const end = start + m[0].length;
    const before = text.charAt(start - 1);
    // part of a word, a code or a date (G20, COVID-19, 2019/01/16, 5.1.2); a minus or range dash after a digit is kept
    if (/[A-Za-z_/.\\]/.test(before)) continue;
    if (/[-–]/.test(before) && !/\d\s?$/.test(text.slice(Math.max(from, start - 3), start - 1))) continue;
    // a date written in digits (2023-04-27, 2019/01/16)
    if (DATE.test(text.slice(Math.max(from, start - 8), Math.min(to, end + 8)))) continue;
    numbers.push({ start, end, value: Number(m[0].replace(/,/g, '')), spelled: false });
  }
  for (const n of spelledNumbers(text, from, to)) numbers.push({ ...n, spelled: true });
  numbers.sort((a, b) => a.start - b.start);

  const figures: EnglishFigure[] = [];
  for (const n of numbers) {
    const figure = readFigure(text, n, from, to, en);
    if (figure) figures.push(figure);
  }
  shareListUnits(text, figures);
  // reached 38.2 million and 2.1 million: a bare amount listed right after a bare one the verb introduced is read like it
  for (let i = 1; i < figures.length; i++) {
    const f = figures[i];
    const prev = figures[i - 1];
    if (f.unitClass === null && f.multiplier !== 1 && prev.unitClass === null && prev.trace.includes('value.bare_after_cue') && LIST_GAP.test(text.slice(prev.end, f.start))) {
      f.trace.push('value.bare_after_cue');
      f.unitText = text.slice(f.numberEnd, f.end).trim() || f.unitText;
    }
  }
  // received 82.9 million tourist visits, while Dunhuang welcomed 16.3 million: an amount that ends its clause
  // with no noun counts what the sentence's last counted figure counted
  for (let i = 1; i < figures.length; i++) {
    const f = figures[i];
    if (f.unitClass !== null || f.multiplier === 1 || f.trace.includes('value.bare_after_cue') || !/^\s*(?:[,.;]|$)/.test(text.slice(f.end, to))) continue;
    const counted = figures.slice(0, i).findLast((g) => g.unitClass === 'count' && g.counted !== null && !g.trace.includes('value.unit_from_previous'));
    if (!counted) continue;
    f.unitClass = 'count';
    f.base = counted.base;
    f.counted = counted.counted;
    f.unitText = text.slice(f.numberEnd, f.end).trim() || null;
    f.trace.push('value.unit_from_previous');
  }
  return figures.filter((f) => f.unitClass !== null || f.trace.includes('value.bare_after_cue'));
}

function readFigure(text: string, n: { start: number; end: number; value: number; spelled: boolean }, from: number, to: number, en: CompiledEnglish): EnglishFigure | null {
  const after = text.slice(n.end, Math.min(to, n.end + 60));
  const before = text.slice(Math.max(from, n.start - 24), n.start);
  // ordinals, model names, times, ages; a date's day or a ranking (July 25, Top 10, No. 1)
  if (en.notFigureAfter.test(after)) return null;
  const namedBefore = en.notFigureBefore.test(before);
  if (/^\s?[:/]\s?\d/.test(after) || /\d\s?[:/]\s?$/.test(before)) return null;
  if (/^-[A-Za-z]/.test(after)) return null; // nine-month, 3-year
  const trace: string[] = [];
  let end = n.end;
  let rest = after;
  let multiplier = 1;
  let multiplierWord: string | null = null;
  const mult = en.multiplierWords.exec(rest);
  if (mult) {
    const word = mult[1];
    // "b" and "tn" stand for billion and trillion only before a currency (380b yuan)
    const abbreviated = word.length <= 2;
    const tail = rest.slice(mult[0].length);
    if (!abbreviated || en.currencyAfter.test(tail)) {
      multiplier = en.multiplierFactor(word);
      multiplierWord = word;
      end += mult[0].length;
      rest = tail;
    }
  }
  const symbol = en.currencyBefore.exec(before);
  const start = symbol ? n.start - symbol[0].length : n.start;
  let unitClass: EnglishUnitClass | null = null;
  let unitText: string | null = null;
  let base: string | null = null;
  let counted: string | null = null;
  const currency = symbol ? null : en.currencyAfter.exec(rest);
  const pp = en.ppAfter.exec(rest);
  const percent = pp ? null : en.percentAfter.exec(rest);
  const times = pp || percent || !en.timesAfter ? null : en.timesAfter.exec(rest);
  if (symbol) {
    unitClass = 'money';
    base = en.currencyCode(symbol[0], true);
    unitText = multiplierWord ? `${symbol[0].trim()} ${multiplierWord}` : symbol[0].trim();
    trace.push('value.currency_before');
  } else if (currency) {
    unitClass = 'money';
    base = en.currencyCode(currency[1], false);
    end += currency[0].length;
    unitText = text.slice(n.end, end).trim();
    trace.push('value.currency_after');
  } else if (pp) {
    unitClass = 'pp';
    end += pp[0].length;
    unitText = pp[1];
    trace.push('unit.pp');
  } else if (times) {
    unitClass = 'times';
    end += times[0].length;
    unitText = times[1];
    trace.push('unit.times');
  } else if (percent) {
    unitClass = 'percent';
    end += percent[0].length;
    unitText = percent[1];
    trace.push('unit.percent');
  } else {
    if (en.regionNoun.test(rest)) return null; // 31 provinces: the size of a group of regions
    const noun = en.countedNoun.exec(rest);
    if (noun && !/[,.;]/.test(noun[1])) {
      unitClass = 'count';
      end += noun[0].length;
      counted = `${noun[1]}${noun[2]}`.replace(/\s+/g, ' ');
      base = noun[2].toLowerCase();
      unitText = text.slice(n.end, end).trim();
      trace.push('unit.counted');
    } else if (en.bareAfter.test(before)) {
      if (YEAR_LIKE.test(text.slice(n.start, n.end)) && multiplier === 1) return null;
      trace.push('value.bare_after_cue');
      unitText = multiplierWord;
    } else if (YEAR_LIKE.test(text.slice(n.start, n.end)) && multiplier === 1) {
      return null;
    }
  }
  // Top 10 enterprises, No. 1 Middle School, July 25: a number after these is a rank, a name or a
  // date; an amount or a rate after them (to top 50,000 yuan) is still a figure.
  if (namedBefore && unitClass !== 'money' && unitClass !== 'percent' && unitClass !== 'pp') return null;
  // a letter right after the figure makes it part of a word (5G, 3D): not a figure
  if (/^[A-Za-z]/.test(text.slice(end, end + 1)) && unitClass !== 'percent') return null;
  if (unitClass === 'money' && !multiplierWord && symbol) {
    // RMB 4.66 trillion: the multiplier after a symbol
    const m2 = en.multiplierWords.exec(text.slice(end, Math.min(to, end + 12)));
    if (m2) {
      multiplier = en.multiplierFactor(m2[1]);
      end += m2[0].length;
      unitText = `${symbol[0].trim()} ${m2[1]}`;
    }
  }
  if (multiplier !== 1 && unitClass === 'money') trace.push('value.multiplier');
  return { start, end, numberStart: n.start, numberEnd: n.end, value: n.value, multiplier, unitClass, unitText, base, counted, spelled: n.spelled, trace: ['value.number_unit', ...trace] };
}

/** 7.5-8.0%, 2.9 and 0.8 percentage points: the unit written once after the last number. */
function shareListUnits(text: string, figures: EnglishFigure[]): void {
  for (let i = figures.length - 2; i >= 0; i--) {
    const f = figures[i];
    const next = figures[i + 1];
    if (f.unitClass !== null || next.unitClass === null || f.trace.includes('value.bare_after_cue')) continue;
    const gap = text.slice(f.end, next.start);
    if (!LIST_GAP.test(gap)) continue;
    if (YEAR_LIKE.test(text.slice(f.numberStart, f.numberEnd)) && !RANGE_GAP.test(gap)) continue;
    f.unitClass = next.unitClass;
    f.base = next.base;
    f.unitText = next.unitClass === 'percent' || next.unitClass === 'pp' ? next.unitText : null;
    if (f.multiplier === 1) f.multiplier = next.multiplier;
    f.trace.push('value.unit_from_list');
  }
}
