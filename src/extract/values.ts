/**
 * Value parsers: find every number that could be a figure (number, multiplier, unit) and every
 * ranking (居全省第4). Like chrono's parsers, they only propose candidates with their text and
 * index; the refiners in extract-article.ts decide what each one means, and the filters here
 * drop what is never a figure (dates, codes, numbers inside names, category thresholds).
 */
import { CodeUnitSet } from '../text/codeUnitSet';
import type { Approx } from '../record/schema';
import type { RuleSet } from '../rules/ruleset';
import type { UnitClass } from '../rules/schemas';
import { LARGE_POSITION_CHARS, ORDINAL_NUMERAL_CHARS, parseArabic, parseChineseNumeral } from './numbers';
import { Prefilter, type PossiblePatterns } from '../rules/prefilter';
import { FigureScanner, figurePattern } from './figure-scanner';
import { allMatches, byLengthDesc, escapeRegex } from './words';
import { compileForms, findFormFigures, type CompiledForms } from './value-forms';
import { cutWords, wordTag } from './segmenter';
import type { Kind } from '../record/schema';

export interface UnitDef {
  unit: string;
  class: UnitClass;
  base?: string;
  scale?: number;
}

export interface ValueMention {
  /** [start, end) of the figure's own text (number, 余/多, multiplier, unit) in the searched text. */
  start: number;
  end: number;
  value: number;
  multiplier: number;
  /** The unit as written, multiplier included (亿元, 万户, %); null when none is written. */
  unitText: string | null;
  unitDef: UnitDef | null;
  /** 余 / 多 written inside the figure (200余家). */
  approxInside: Approx | null;
  /** An explicit minus sign (-2.3%, (−1.5%)); a plus sign or a range dash is not one. */
  negative: boolean;
  rank: boolean;
  chineseNumeral: boolean;
  /** Written right after another figure with a dash read as a range (5%-6%): a list that needs one
   * value per item may still read the dash as a lost separator and a minus sign (分别增长5%-6%, two items). */
  dashAfterFigure?: boolean;
  /** What a number form says the figure measures and is (a part of 三次产业结构 2.4∶48.0∶49.6). */
  preset?: { metric: string; kind: Kind; structureStart?: number };
  trace: string[];
}

interface CompiledValueRules {
  figure: FigureScanner;
  units: Map<string, UnitDef>;
  multipliers: Map<string, number>;
  rank: RegExp;
  rankVerbs: string[];
  rankScopes: string[];
  idioms: string[];
  /** Characters after 第N that make it an ordinal in a name (rules/units.yaml ordinalCounters). */
  ordinalCounters: ReadonlySet<string>;
  nameContexts: RegExp[];
  /** Over [figure, rank, ...nameContexts, ...idioms, ...forms' words], in that order: which can occur in a text at all. */
  prefilter: Prefilter;
  prefilteredPatterns: string[];
  forms: CompiledForms;
  /** Words that make the number after them negative (负3.2%), and the characters before them that make them part of another word (减负). */
  negativeWords: string[];
  negativeWordsNotAfter: ReadonlySet<string>;
  /** The indicator names and synonyms the segmenter was taught, which it tags as unknown words. */
  indicatorTerms: ReadonlySet<string>;
  programmeWords: readonly string[];
  /** rules/units.yaml figureWords, for lookup. */
  placeUnit: string;
  rankMoves: readonly string[];
  loneNumerals: ReadonlySet<string>;
  numeralNotAfter: ReadonlySet<string>;
  arabicNotAfter: ReadonlySet<string>;
  classAfter: ReadonlySet<string>;
  listAfter: ReadonlySet<string>;
  afterMultiplierAlone: readonly string[];
  listSeparators: readonly string[];
  openListEnds: readonly string[];
}

const FIGURE_RULE = 0;
const RANK_RULE = 1;
const FIRST_NAME_CONTEXT = 2;

const compiledCache = new WeakMap<RuleSet, CompiledValueRules>();



function compile(rules: RuleSet): CompiledValueRules {
  const cached = compiledCache.get(rules);
  if (cached) return cached;
  const units = new Map(rules.units.units.map((u) => [u.unit, u as UnitDef]));
  const multipliers = new Map(Object.entries(rules.units.multipliers));
  const figure = new FigureScanner([...units.keys()], [...multipliers.keys()]);
  const words = rules.units.figureWords;
  const rank = new RegExp(
    `${escapeRegex(words.ordinalPrefix)}(?<place>\\d+|[${ORDINAL_NUMERAL_CHARS}]+)(?<unit>${words.rankPlaceUnits.map(escapeRegex).join('|')})?|(?<first>${words.firstPlace.map(escapeRegex).join('|')})`,
    'gu',
  );
  const nameContexts = rules.units.nameContexts.map((p) => new RegExp(p, 'gu'));
  const forms = compileForms(rules.units.forms, units, multipliers);
  const prefiltered = [figurePattern([...units.keys()], [...multipliers.keys()]), rank.source, ...nameContexts.map((r) => r.source), ...rules.units.idioms.map(escapeRegex), ...forms.wordPatterns];
  const compiled: CompiledValueRules = {
    figure,
    units,
    multipliers,
    rank,
    rankVerbs: rules.cues.rank.flatMap((r) => r.verbs).sort(byLengthDesc),
    idioms: rules.units.idioms,
    ordinalCounters: new Set(rules.units.ordinalCounters),
    nameContexts,
    rankScopes: rules.cues.rank.flatMap((r) => r.scopes).sort(byLengthDesc),
    prefilter: Prefilter.forPatterns(prefiltered),
    prefilteredPatterns: prefiltered,
    forms,
    negativeWords: rules.units.forms.filter((f) => f.form === 'negative_word').flatMap((f) => f.words),
    indicatorTerms: new Set(rules.indicators.dictionaryTerms()),
    programmeWords: rules.units.programmeWords,
    placeUnit: words.placeUnit,
    rankMoves: words.rankMoves,
    loneNumerals: new Set(words.loneNumerals),
    numeralNotAfter: new Set(words.numeralNotAfter),
    arabicNotAfter: new Set(words.arabicNotAfter),
    classAfter: new Set(words.classAfter),
    listAfter: new Set(words.listAfter),
    afterMultiplierAlone: words.afterMultiplierAlone,
    listSeparators: words.listSeparators,
    openListEnds: words.openListEnds,
    negativeWordsNotAfter: new Set(rules.units.forms.filter((f) => f.form === 'negative_word').flatMap((f) => f.notBefore ?? [])),
  };
  compiledCache.set(rules, compiled);
  return compiled;
}

/** The patterns the value parser skips when a text lacks their required characters (tests check the skipping is sound). */
export function prefilteredValuePatterns(rules: RuleSet): readonly string[] {
  return compile(rules).prefilteredPatterns;
}

/** A lone positional numeral (百, 千万) is a word (千家万户), not a number. */
const LARGE_POSITIONS_ONLY = new RegExp(`^[${LARGE_POSITION_CHARS}]+$`, 'u');

/** What ends the clause a list stands in: typography, not words. */
const LIST_CLAUSE_BREAKS = CodeUnitSet.of(',;:。!?，；：！？\n');
/** The largest count a list restates (稳增长、防风险、保民生三项). */
const LONGEST_RESTATED_LIST = 10;

/** Whether a count at `start` restates the list of as many items right before it in its clause. */
function restatesList(text: string, from: number, start: number, count: number, c: CompiledValueRules): boolean {
  if (count < 2 || count > LONGEST_RESTATED_LIST) return false;
  let clauseStart = start;
  while (clauseStart > from && !LIST_CLAUSE_BREAKS.has(text.charCodeAt(clauseStart - 1))) clauseStart--;
  const before = text.slice(clauseStart, start);
  if (endsWithAny(before, c.openListEnds)) return false;
  let separators = 0;
  for (const s of c.listSeparators) for (let at = before.indexOf(s); at >= 0; at = before.indexOf(s, at + s.length)) separators++;
  return separators + 1 === count;
}

function endsWithAny(text: string, words: readonly string[]): boolean {
  return words.some((w) => text.endsWith(w));
}

const LATIN_OR_DIGIT = /[A-Za-z0-9.]/;
const LATIN_OR_DIGIT_BEFORE_SIGN = /[\dA-Za-z]/;
const LATIN = /[A-Za-z]/;

/**
 * Whether a dash between two figures joins a range: the ends are written in the same unit (or the
 * first with its multiplier only, 1万-5万元) and rise from the first to the second, as a range is
 * written (增长5%-6%). Otherwise the dash is the second figure's minus sign, its separator lost
 * (分别增长4.1%-1.3%, 0.4%-0.2%).
 */
function rangeDash(first: ValueMention, value: number, multiplier: number, unitText: string | null): boolean {
  if (first.rank || first.negative || unitText === null) return false;
  const sameUnit = first.unitText === unitText || (first.unitDef === null && (first.unitText === null || unitText.startsWith(first.unitText)));
  return sameUnit && first.value * first.multiplier < value * multiplier;
}

/** How many characters after a figure are segmented to find the noun it counts. */
const COUNTED_NOUN_REACH = 8;
const CLAUSE_END_AFTER = /[，,。；;：:！!？?、\n()（）]/u;

/**
 * Whether a noun follows a multiplier at `end` (71.3万监测对象, 5万农户): the segmenter's first word
 * there is a noun of two characters or more, or a verbal noun or verb of two or more before one
 * (监测对象, 脱贫人口). A unit the rules do not list is tagged as a measure word or not at all (立方,
 * 标方), so it is not read as a noun.
 */
function nounAfterMultiplier(text: string, end: number, to: number, indicatorTerms: ReadonlySet<string>, programmeWords: readonly string[]): boolean {
  let reach = text.slice(end, Math.min(to, end + COUNTED_NOUN_REACH));
  const stop = reach.search(CLAUSE_END_AFTER);
  if (stop >= 0) reach = reach.slice(0, stop);
  const words = cutWords(reach);
  if (words.length === 0 || words[0].length < 2) return false;
  // 50万大学生招引行动: the name of a programme.
  if (words.slice(1, 4).some((w) => programmeWords.includes(w))) return false;
  const first = wordTag(words[0]);
  // A word the rules taught the segmenter is an indicator's name or a place's: the former is a noun.
  if (first === 'n' || indicatorTerms.has(words[0])) return true;
  return (first === 'vn' || first === 'v') && words.length > 1 && words[1].length >= 2 && wordTag(words[1]) === 'n';
}

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** A unit as written in a table cell or label (亿元, 万头) split into its multiplier and unit; a unit
 * the rules do not list is kept as a measure of its own, so its multiplier still applies. */
export function parseUnitText(rules: RuleSet, unitText: string): { multiplier: number; unitDef: UnitDef | null } {
  const c = compile(rules);
  const direct = c.units.get(unitText);
  if (direct) return { multiplier: 1, unitDef: direct };
  for (const [mult, factor] of [...c.multipliers.entries()].sort((a, b) => b[0].length - a[0].length)) {
    if (unitText.startsWith(mult) && unitText.length > mult.length) {
      const rest = unitText.slice(mult.length);
      return { multiplier: factor, unitDef: c.units.get(rest) ?? { unit: rest, class: 'measure' } };
    }
  }
  return { multiplier: 1, unitDef: { unit: unitText, class: 'measure' } };
}

const RANK_CLAUSE_BREAKS = CodeUnitSet.of(',;:。!?，；：、');

/** Words a ranking can follow: a rank verb (居, 列, 排名) or a scope (全省) or a place name. */
function rankContext(text: string, start: number, c: CompiledValueRules, placeBefore: (end: number) => boolean): boolean {
  // The last 12 characters before the ranking, from the last clause break among them.
  const windowStart = Math.max(0, start - 12);
  let clauseStart = start;
  while (clauseStart > windowStart && !RANK_CLAUSE_BREAKS.has(text.charCodeAt(clauseStart - 1))) clauseStart--;
  const clause = text.slice(clauseStart, start);
  if (c.rankVerbs.some((v) => clause.includes(v))) return true;
  if (c.rankScopes.some((s) => clause.endsWith(s))) return true;
  return placeBefore(start);
}

export interface ValueSearchOptions {
  /** Whether a place name ends at `end` (for 嘉兴第一). */
  placeEndsAt: (end: number) => boolean;
  /** Which patterns of prefilteredValuePatterns can match in the text searched, when a scan of it has told (SentenceScanner). */
  possible?: PossiblePatterns;
}

export function findValueMentions(text: string, from: number, to: number, rules: RuleSet, options: ValueSearchOptions): ValueMention[] {
  const c = compile(rules);
  const possible = options.possible ?? c.prefilter.possibleIn(text, from, to);
  const firstForm = FIRST_NAME_CONTEXT + c.nameContexts.length + c.idioms.length;
  const formFigures = findFormFigures(text, from, to, c.forms, c.units, c.multipliers, (form) => possible(firstForm + form));
  if (!possible(FIGURE_RULE) && !possible(RANK_RULE) && formFigures.length === 0) return [];
  const slice = text.slice(from, to);
  const mentions: ValueMention[] = [];
  const rankSpans: [number, number][] = [];

  for (const m of possible(RANK_RULE) ? allMatches(c.rank, slice) : []) {
    const start = from + m.index;
    const end = start + m[0].length;
    const g = m.groups ?? {};
    // Reads past the end are checked first: one would make the optimised code start over (a deopt).
    const next = end < text.length ? text[end] : '';
    if (!g.unit && c.ordinalCounters.has(next)) continue;
    if (!g.first && isDigit(g.place.charCodeAt(0)) && (isDigit(next.charCodeAt(0)) || next === '.')) continue;
    if (!rankContext(text, start, c, options.placeEndsAt)) continue;
    const place = g.first ? 1 : (parseArabic(g.place) ?? parseChineseNumeral(g.place));
    if (place === null || place <= 0) continue;
    rankSpans.push([start, end]);
    mentions.push({
      start, end, value: place, multiplier: 1, unitText: g.unit ?? null, unitDef: null,
      approxInside: null, negative: false, rank: true, chineseNumeral: !/^\d/.test(g.place ?? ''), trace: ['value.rank'],
    });
  }

  let previousEnd = -1;
  /** The figure the scan read last, when it ended where this match starts (5%-6%, 0.4%-0.2%). */
  let previous: ValueMention | null = null;
  for (const m of possible(FIGURE_RULE) ? c.figure.scan(slice) : []) {
    const g = m.groups;
    // A sign after a digit is a range (3-5%) or a formula (4+4), not a sign. A dash right after
    // another figure is a range (5%-6%, 1万-5万元) only where the two read as one: see rangeDash.
    const signAt = from + m.index;
    const glued = signAt === previousEnd;
    const lastFigure = glued ? previous : null;
    previous = null;
    const signedAlone = g.sign !== undefined && !(signAt > 0 && LATIN_OR_DIGIT_BEFORE_SIGN.test(text[signAt - 1]));
    previousEnd = from + m.index + m.length;
    if (g.sign === '+' && (!signedAlone || glued)) continue;
    const signLength = g.sign ? g.sign.length : 0;
    const start = from + m.index + signLength;
    const end = from + m.index + m.length;
    if (rankSpans.some(([s, e]) => start < e && end > s)) continue;
    // As charAt's '' past either end, without reading out of bounds (see above).
    const before = start > 0 ? text[start - 1] : '';
    const after = end < text.length ? text[end] : '';
    const trace: string[] = [];
    let value: number | null;
    let multiplier = 1;
    let unitText: string | null;
    let approxInside: Approx | null = null;
    const chinese = g.chinese !== undefined;
    if (chinese) {
      // A lone positional char (百, 千, 万) is a word (千家万户), and 一 alone is an article ("一家").
      if (LARGE_POSITIONS_ONLY.test(g.chinese)) continue;
      // Counting says 两 (两家); 二 before a measure word is an ordinal or a compound (二次, 二期).
      if (c.loneNumerals.has(g.chinese)) continue;
      if (c.numeralNotAfter.has(before)) continue;
      value = parseChineseNumeral(g.chinese);
      unitText = g.cnunit;
      if (value !== null && c.units.get(g.cnunit)?.class === 'count' && restatesList(text, from, start, value, c)) continue;
      if (g.approx3) approxInside = 'over';
      trace.push('value.chinese_numeral');
    } else {
      if (before && LATIN_OR_DIGIT.test(before)) continue; // G60, v2.0, 1.2.3
      if (c.arabicNotAfter.has(before)) continue;
      value = parseArabic(g.arabic);
      const mult = g.mult ?? '';
      multiplier = mult ? (c.multipliers.get(mult) ?? 1) : 1;
      unitText = g.unit || mult ? `${mult}${g.unit ?? ''}` : null;
      if (g.approx1 || g.approx2) approxInside = 'over';
      trace.push(g.unit ? 'value.number_unit' : mult ? 'value.number_multiplier' : 'value.bare_number');
    }
    if (value === null) continue;
    const unitDef = chinese ? (c.units.get(g.cnunit) ?? null) : g.unit ? (c.units.get(g.unit) ?? null) : null;
    // 5G, 4A级, 25G芯片: a number glued to Latin letters is part of a name; after a unit (2829.78亿元GDP,
    // 2万个APP) the letters are the next word.
    if (LATIN.test(after) && !unitDef) continue;
    if (after === '+' || c.classAfter.has(after) || (c.listAfter.has(after) && !unitDef)) continue;
    // 100万克拉: a multiplier followed by a word we have no unit for is not a figure we can read.
    // 71.3万监测对象, 5万农户: a multiplier right before a noun counts that noun.
    const countsNoun = !chinese && !g.unit && g.mult !== undefined && /[\u4e00-\u9fa5]/u.test(after) && nounAfterMultiplier(text, end, to, c.indicatorTerms, c.programmeWords);
    if (!chinese && !g.unit && g.mult && /[\u4e00-\u9fa5A-Za-z]/u.test(after) && !c.afterMultiplierAlone.some((w) => text.startsWith(w, end)) && !countsNoun) continue;
    if (countsNoun) trace.push('value.count_of_noun_after');
    // 较上年前移2位: a move in a ranking is neither a count nor a place.
    if (!chinese && g.unit === c.placeUnit && endsWithAny(text.slice(Math.max(0, start - 3), start), c.rankMoves)) continue;
    // 排名由71位跃升至39位: 位 after a ranking verb is a place in a ranking.
    const isRankPlace = !chinese && g.unit === c.placeUnit && rankContext(text, start, c, () => false);
    if (isRankPlace) trace.push('value.rank_place');
    // 0.4%-0.2% is two figures, the second negative; 5%-6% one range.
    const rangeEnd = glued && g.sign !== undefined && g.sign !== '+' && (lastFigure === null || rangeDash(lastFigure, value, multiplier, unitText));
    const signed = signedAlone && !rangeEnd;
    if (signed && glued) trace.push('value.sign_after_figure');
    // 负3.2%: a minus written as a word.
    const negativeWord = !signed && !chinese && c.negativeWords.some((w) => text.startsWith(w, start - w.length) && !c.negativeWordsNotAfter.has(text.charAt(start - w.length - 1)));
    if (negativeWord) trace.push('value.negative_word');
    const mention: ValueMention = {
      start, end, value, multiplier, unitText, unitDef: isRankPlace ? null : unitDef, approxInside, negative: (signed && g.sign !== '+') || negativeWord, rank: isRankPlace, chineseNumeral: chinese, trace,
    };
    if (rangeEnd) mention.dashAfterFigure = true;
    mentions.push(mention);
    previous = mention;
  }
  if (formFigures.length > 0) {
    // A form's reading replaces what the figure pattern read inside its words (五个百分点 of 一点五个百分点).
    const kept = mentions.filter((m) => !formFigures.some((f) => m.start < f.end && m.end > f.start));
    mentions.length = 0;
    mentions.push(...kept);
    for (const f of formFigures) {
      if (mentions.some((m) => m.start < f.end && m.end > f.start)) continue;
      mentions.push({ ...f, negative: false, rank: false });
    }
    mentions.sort((a, b) => a.start - b.start);
  }
  if (mentions.length === 0) return mentions;
  const idiomSpans: [number, number][] = [];
  const firstIdiom = FIRST_NAME_CONTEXT + c.nameContexts.length;
  for (let i = 0; i < c.idioms.length; i++) {
    if (!possible(firstIdiom + i)) continue;
    const idiom = c.idioms[i];
    for (let at = slice.indexOf(idiom); at >= 0; at = slice.indexOf(idiom, at + 1)) idiomSpans.push([from + at, from + at + idiom.length]);
  }
  for (let i = 0; i < c.nameContexts.length; i++) {
    if (!possible(FIRST_NAME_CONTEXT + i)) continue;
    for (const m of allMatches(c.nameContexts[i], slice)) idiomSpans.push([from + m.index, from + m.index + m[0].length]);
  }
  const kept = idiomSpans.length === 0 ? mentions : mentions.filter((m) => !idiomSpans.some(([s, e]) => m.start >= s && m.start < e));
  // Rankings are found before the figures, each in text order: only with some is the list out of order.
  return rankSpans.length === 0 ? kept : kept.sort((a, b) => a.start - b.start);
}
