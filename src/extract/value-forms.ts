/**
 * Number forms the figure pattern does not read, each a parser of its own proposing candidates
 * (rules/units.yaml `forms`: the words are data, the reading is here):
 *   percent_words    百分之十二点五, 百分之5.2                → 12.5 %
 *   tenths           三成, 两成多, 近五成                      → 3 成 (normalized 30 %)
 *   fraction         三分之一                                 → 33.33… %
 *   slash_fraction   占全省的1/4 (only after a share word)    → 25 %
 *   half             超过一半, 半数以上 (only next to a share word) → 50 %
 *   chinese_decimal  一点五个百分点, 零点五万人                → 1.5 个百分点
 *   range            两到三万元, 十至二十亿元                  → the first end, with the second's unit
 *   approx_multiplier 十多万人, 三百余亿元                     → 10 万人, over
 *   bare_multiplier  突破万亿元 (after a threshold verb)        → 1 万亿元
 *   ratio_structure  三次产业结构为2.4∶48.0∶49.6              → one share per part, named by the rule
 * A figure read here replaces what the figure pattern read inside the same words (五个百分点 of
 * 一点五个百分点). negative_word (负3.2%) is read by the figure parser itself (values.ts).
 */
import type { Kind } from '../record/schema';
import type { ValueForm } from '../rules/schemas';
import { CHINESE_DIGIT_CHARS, CHINESE_NUMERAL_CHARS, DECIMAL_POINT, DIGIT_CHARS, NONZERO_DIGIT_CHARS, POSITION_CHARS, SMALL_POSITION_CHARS, parseArabic, parseChineseNumeral } from './numbers';
import { byLengthDesc, escapeRegex } from './words';

export interface FormUnit {
  unit: string;
  class: 'money' | 'percent' | 'permille' | 'pp' | 'times' | 'count' | 'measure' | 'ratio';
  base?: string;
  scale?: number;
}

/** A figure read by a form, in the terms of a ValueMention. */
export interface FormFigure {
  start: number;
  end: number;
  value: number;
  multiplier: number;
  unitText: string | null;
  unitDef: FormUnit | null;
  approxInside: 'over' | null;
  chineseNumeral: boolean;
  /** What the form says the figure measures and is (a part of a ratio structure). */
  preset?: { metric: string; kind: Kind; structureStart?: number };
  trace: string[];
}

// The numeral system (numbers.ts); the words of each form are rules (rules/units.yaml forms).
const CN = CHINESE_NUMERAL_CHARS;
const CN_DIGITS = CHINESE_DIGIT_CHARS;
const DEC = `\\d+(?:\\.\\d+)?`;
const CN_DEC = `[${CN}]+(?:${DECIMAL_POINT}[${CN_DIGITS}]+)?`;
/** What separates the parts of a ratio (2.4∶48.0∶49.6): typography, not words. */
const RATIO_SEPARATORS = '∶:：';
const RATIO = new RegExp(`${DEC}(?:[${RATIO_SEPARATORS}]${DEC})+(?![\\d.])`, 'gu');
const CLAUSE_END = /[，,。；;！!？?\n]/u;
/** How far before a structure the words naming its year are looked for (由上年的, 从2022年末的). */
const CHANGED_FROM_REACH = 12;

interface CompiledForm {
  rule: ValueForm;
  pattern: RegExp;
  /** The form's own words: a text without one holds none of its figures, so its pattern is not run there. */
  words: RegExp;
  /** ratio_structure: what makes a structure the one a change starts from, and when it is read all the same. */
  changedFrom?: { after: readonly string[]; readWhenBefore: RegExp };
}

export interface CompiledForms {
  forms: CompiledForm[];
  /** Any form's words: a text without one holds no form. */
  trigger: RegExp;
  /** Each form's `words` pattern, in the order of `forms`: a prefilter of them tells which forms can occur in a text. */
  wordPatterns: string[];
  percent: FormUnit;
}

function alt(words: readonly string[]): string {
  return [...words].sort(byLengthDesc).map(escapeRegex).join('|');
}

/** 零 or 〇 alone. */
function isZero(text: string): boolean {
  return text.length === 1 && DIGIT_CHARS[text] === 0;
}

/** Reads 十二点五 / 5.2 / 两 as a number; null when it is none. */
export function parseDecimalNumeral(text: string): number | null {
  const arabic = parseArabic(text);
  if (arabic !== null) return arabic;
  const point = text.indexOf(DECIMAL_POINT);
  if (point < 0) return isZero(text) ? 0 : parseChineseNumeral(text);
  const whole = text.slice(0, point);
  const wholeValue = isZero(whole) ? 0 : parseChineseNumeral(whole);
  if (wholeValue === null) return null;
  let fraction = '';
  for (const c of text.slice(point + DECIMAL_POINT.length)) {
    const d = DIGIT_CHARS[c];
    if (d === undefined) return null;
    fraction += String(d);
  }
  return Number(`${wholeValue}.${fraction}`);
}

export function compileForms(forms: readonly ValueForm[], units: ReadonlyMap<string, FormUnit>, multipliers: ReadonlyMap<string, number>): CompiledForms {
  const unitAlt = alt([...units.keys()]);
  const multAlt = alt([...multipliers.keys()]);
  const multiplierStarts = [...new Set([...multipliers.keys()].map((k) => escapeRegex(k[0])))].join('');
  const compiled: CompiledForm[] = [];
  for (const rule of forms) {
    const w = alt(rule.words);
    const notAfter = rule.notAfter?.length ? `(?!${alt(rule.notAfter)})` : '';
    const notBefore = rule.notBefore?.length ? `(?<![${rule.notBefore.map(escapeRegex).join('')}])` : '';
    const joiner = rule.joiner ? escapeRegex(rule.joiner) : '';
    const joinerOptional = joiner ? `(?:${joiner})?` : '';
    let source: string;
    switch (rule.form) {
      case 'percent_words':
        source = `(?:${w})(?<num>${DEC}|${CN_DEC})`;
        break;
      case 'tenths':
        source = `(?<![${CN}\\d.])(?<num>[${NONZERO_DIGIT_CHARS}]|[1-9])(?<word>${w})${rule.approxAfter?.length ? `(?<approx>${alt(rule.approxAfter)})?` : ''}${notAfter}`;
        break;
      case 'fraction':
        source = `(?<den>[${CN}]+|\\d+)(?:${w})(?<num>${CN_DEC}|${DEC})`;
        break;
      case 'slash_fraction':
        // 占全省的1/4: the whole the fraction is of may stand between.
        source = `(?<=(?:${w})(?:(?:${alt(rule.between ?? [])})${joinerOptional})?)(?<num>\\d)/(?<den>\\d{1,2})(?![\\d/])`;
        break;
      case 'half':
        // 超过一半, 占全市企业的一半, 半数以上.
        source = `(?<=(?:${alt(rule.before ?? [])})(?:[\\u4e00-\\u9fff]{0,8}${joiner})?)(?:${w})|(?:${w})(?=${alt(rule.after ?? [])})`;
        break;
      case 'chinese_decimal':
        source = `(?<![${CN}])(?<num>[${CN}]+(?:${w})[${CN_DIGITS}]+)(?<mult>${multAlt})?(?<unit>${unitAlt})`;
        break;
      case 'range':
        source = `(?<![${CN}])(?<first>[${CN}]+)(?:${w})(?<second>[${CN}]+)(?<unit>${unitAlt})`;
        break;
      case 'approx_multiplier':
        source = `(?<![${CN}])(?<num>[${CN}]+)(?<approx>${w})(?<mult>${multAlt})(?<unit>${unitAlt})`;
        break;
      case 'bare_multiplier':
        // Ends the clause or names the threshold (大关): 超亿元项目 is a class of projects, not a figure.
        // A count may be followed by its noun (近万名志愿者), except where `notAfter` makes it a class (超百万人口城市).
        source = `(?<=${notBefore}(?:${w}))(?<mult>${multAlt})(?<unit>${unitAlt})${rule.after ? `(?=$|[^\\u3400-\\u9fff]|${alt(rule.after)})` : ''}${notAfter}`;
        break;
      case 'ratio_structure':
        source = `(?:${w})`;
        break;
      case 'negative_word':
        continue;
    }
    const changedFrom = rule.changedFrom ? { after: rule.changedFrom.after, readWhenBefore: new RegExp(rule.changedFrom.readWhenBefore, 'u') } : undefined;
    compiled.push({ rule, pattern: new RegExp(source, 'gu'), words: new RegExp(wordsInPlace(rule.form, w, multiplierStarts), 'u'), changedFrom });
  }
  const triggerWords = forms.filter((f) => f.form !== 'negative_word').flatMap((f) => f.words);
  return { forms: compiled, trigger: new RegExp(alt(triggerWords), 'u'), wordPatterns: compiled.map((f) => f.words.source), percent: units.get('%') ?? { unit: '%', class: 'percent' } };
}

/**
 * What a form's pattern needs at its words, as a cheap regex: the numeral or multiplier the words
 * stand next to where the pattern requires one (十二点五, 两到三, 三成, 十多万, 突破万亿), the digits
 * around the slash of 1/4, else the words alone. It must match wherever the pattern does: a sentence
 * without it is not searched with the form's full pattern, whose unit list is long.
 */
function wordsInPlace(form: ValueForm['form'], w: string, multiplierStarts: string): string {
  switch (form) {
    case 'percent_words':
    case 'fraction':
      return `(?:${w})[\\d${CN}]`;
    case 'tenths':
      return `[1-9${NONZERO_DIGIT_CHARS}](?:${w})`;
    case 'chinese_decimal':
      return `[${CN}](?:${w})[${CN_DIGITS}]`;
    case 'range':
      return `[${CN}](?:${w})[${CN}]`;
    case 'approx_multiplier':
      return `[${CN}](?:${w})[${multiplierStarts}]`;
    case 'bare_multiplier':
      // The multiplier right after the words (突破万亿元, 近万场): 超, 近, 达 alone are common.
      return `(?:${w})[${multiplierStarts}]`;
    case 'slash_fraction':
      return `\\d/\\d`;
    default:
      return w;
  }
}

const TRAILING_POSITIONS = new RegExp(`[${POSITION_CHARS}]*$`, 'u');
const LEADING_SMALL_POSITIONS = new RegExp(`^[${SMALL_POSITION_CHARS}]+`, 'u');
const POSITION = new RegExp(`[${POSITION_CHARS}]`, 'u');
const MONEY_ONLY: readonly FormUnit['class'][] = ['money'];
/** A tenth (三成) is ten percent. */
const TENTH_SCALE = 10;
const tenthUnits = new Map<string, FormUnit>();
function tenthUnit(word: string): FormUnit {
  let unit = tenthUnits.get(word);
  if (!unit) tenthUnits.set(word, (unit = { unit: word, class: 'percent', scale: TENTH_SCALE }));
  return unit;
}

/**
 * Every figure the forms read in text[from, to), in text order. `possible(i)`, when a prefilter
 * scan of the text has told, says whether form i's `words` pattern (wordPatterns[i]) can match
 * there: a form it rules out is not tried (one pass over the text, where testing each form's words
 * and the trigger read it again for each).
 */
export function findFormFigures(
  text: string,
  from: number,
  to: number,
  c: CompiledForms,
  units: ReadonlyMap<string, FormUnit>,
  multipliers: ReadonlyMap<string, number>,
  possible?: (form: number) => boolean,
): FormFigure[] {
  let slice: string | null = null;
  if (possible === undefined) {
    slice = text.slice(from, to);
    if (!c.trigger.test(slice)) return [];
  }
  const found: FormFigure[] = [];
  for (let index = 0; index < c.forms.length; index++) {
    if (possible !== undefined && !possible(index)) continue;
    const { rule, pattern, words, changedFrom: compiledChangedFrom } = c.forms[index];
    slice ??= text.slice(from, to);
    // Most sentences hold some form's word (点, 多, 到 are common), few hold a given form's.
    if (!words.test(slice)) continue;
    pattern.lastIndex = 0;
    for (const m of slice.matchAll(pattern)) {
      const g = m.groups ?? {};
      const start = from + m.index;
      const end = start + m[0].length;
      const trace = [rule.id];
      switch (rule.form) {
        case 'percent_words': {
          const value = parseDecimalNumeral(g.num);
          if (value === null) break;
          found.push({ start, end, value, multiplier: 1, unitText: '%', unitDef: c.percent, approxInside: null, chineseNumeral: !/\d/.test(g.num), trace });
          break;
        }
        case 'tenths': {
          const value = parseDecimalNumeral(g.num);
          if (value === null) break;
          const unitDef = tenthUnit(g.word);
          found.push({ start, end, value, multiplier: 1, unitText: unitDef.unit, unitDef, approxInside: g.approx ? 'over' : null, chineseNumeral: !/\d/.test(g.num), trace });
          break;
        }
        case 'fraction':
        case 'slash_fraction': {
          const den = parseDecimalNumeral(g.den);
          const num = parseDecimalNumeral(g.num);
          if (den === null || num === null || num <= 0 || den <= num) break;
          const value = Number(((100 * num) / den).toPrecision(12));
          found.push({ start, end, value, multiplier: 1, unitText: '%', unitDef: c.percent, approxInside: null, chineseNumeral: rule.form === 'fraction', trace });
          break;
        }
        case 'half':
          found.push({ start, end, value: 50, multiplier: 1, unitText: '%', unitDef: c.percent, approxInside: null, chineseNumeral: true, trace });
          break;
        case 'chinese_decimal': {
          const value = parseDecimalNumeral(g.num);
          const unitDef = units.get(g.unit);
          if (value === null || !unitDef) break;
          const multiplier = g.mult ? (multipliers.get(g.mult) ?? 1) : 1;
          found.push({ start, end, value, multiplier, unitText: `${g.mult ?? ''}${g.unit}`, unitDef, approxInside: null, chineseNumeral: true, trace });
          break;
        }
        case 'range': {
          // 两到三万元: the first end takes the positions the second writes after its last digit (万).
          const positions = TRAILING_POSITIONS.exec(g.second)?.[0] ?? '';
          const bigPositions = positions.replace(LEADING_SMALL_POSITIONS, '');
          if (bigPositions === '' || POSITION.test(g.first.slice(-1)) && g.first.endsWith(bigPositions)) break;
          const value = parseChineseNumeral(`${g.first}${bigPositions}`);
          const second = parseChineseNumeral(g.second);
          const unitDef = units.get(g.unit);
          if (value === null || second === null || value >= second || !unitDef) break;
          found.push({ start, end: start + g.first.length, value, multiplier: 1, unitText: g.unit, unitDef, approxInside: null, chineseNumeral: true, trace });
          break;
        }
        case 'approx_multiplier': {
          const value = parseChineseNumeral(g.num);
          const unitDef = units.get(g.unit);
          if (value === null || !unitDef) break;
          found.push({ start, end, value, multiplier: multipliers.get(g.mult) ?? 1, unitText: `${g.mult}${g.unit}`, unitDef, approxInside: 'over', chineseNumeral: true, trace });
          break;
        }
        case 'bare_multiplier': {
          const unitDef = units.get(g.unit);
          if (!unitDef || !(rule.classes ?? MONEY_ONLY).includes(unitDef.class)) break;
          found.push({ start, end, value: 1, multiplier: multipliers.get(g.mult) ?? 1, unitText: `${g.mult}${g.unit}`, unitDef, approxInside: null, chineseNumeral: true, trace });
          break;
        }
        case 'ratio_structure': {
          // Every ratio of as many parts as the rule names, in the clause after the words; not one
          // the structure was changed from (由3.1∶47.2∶49.7调整为…).
          const parts = rule.parts ?? [];
          const changedFrom = compiledChangedFrom;
          const rest = text.slice(end, to);
          const clause = rest.slice(0, rest.search(CLAUSE_END) < 0 ? rest.length : rest.search(CLAUSE_END));
          for (const r of clause.matchAll(RATIO)) {
            const numbers = r[0].split(/[^\d.]/u);
            const after = end + r.index + r[0].length;
            if (numbers.length !== parts.length) continue;
            // The structure a change starts from, unless its own year is named with it.
            const from = changedFrom && changedFrom.after.some((w) => text.startsWith(w, after));
            if (from && !changedFrom.readWhenBefore.test(text.slice(Math.max(end, end + r.index - CHANGED_FROM_REACH), end + r.index))) continue;
            let at = end + r.index;
            numbers.forEach((n, k) => {
              const value = parseArabic(n);
              if (value !== null) found.push({ start: at, end: at + n.length, value, multiplier: 1, unitText: null, unitDef: c.percent, approxInside: null, chineseNumeral: false, preset: { metric: parts[k], kind: 'share', structureStart: end + r.index }, trace });
              at += n.length + 1;
            });
          }
          break;
        }
      }
    }
  }
  return found.length > 1 ? found.sort((a, b) => a.start - b.start) : found;
}
