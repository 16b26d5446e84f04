/**
 * The metric of a figure: the noun phrase that names what is measured, cut from the clause
 * before the value and cleaned of region, time, reporting verbs and change words (rules/metric.yaml).
 * When the clause names nothing (同比增长18%), the figure measures what the figure before it in
 * the sentence measures; a count with nothing before it names its noun after (38个单位).
 */
import type { Kind } from '../record/schema';
import type { RuleSet } from '../rules/ruleset';
import type { CompiledCues } from './cues';
import type { PeriodMention } from './periods';
import type { ValueMention } from './values';
import { cutWords, wordTag } from './segmenter';
import { escapeRegex, positionsByEdgeUnit } from './words';
import { clauseStartBefore } from './sentences';
import { CodeUnitSet, WHITESPACE_CHARS } from '../text/codeUnitSet';

export interface MetricResult {
  name: string;
  /** [start, end) in the normalized text of the words the metric was read from. */
  textSpan: [number, number];
  /** Taken from the figure before it in the sentence. */
  inherited: boolean;
  /** No noun phrase could be found. */
  missing: boolean;
  trace: string[];
}

interface Span {
  start: number;
  end: number;
}

export interface MetricInput {
  text: string;
  sentenceStart: number;
  clauseStart: number;
  mention: ValueMention;
  kind: Kind;
  rules: RuleSet;
  cues: CompiledCues;
  regions: readonly (Span & { place?: unknown })[];
  periods: readonly PeriodMention[];
  previous: readonly { mention: ValueMention; metric: MetricResult; kind: Kind; clauseStart: number }[];
  /** What the paragraph's sentences before this one last measured (an amount or a change), if any. */
  paragraphMetric?: MetricResult | null;
}

/**
 * Characters trimmed from both ends of a phrase: whitespace (what \s matches), punctuation, and
 * particles and conjunctions that join a phrase to its neighbours.
 */
const EDGE_NOISE = CodeUnitSet.of(`${WHITESPACE_CHARS},.;:、()（）-—“”"'‘’《》<>·的和及与或等了`);

/** text[from, to) without the edge noise at either end. */
export function trimEdgeNoise(text: string, from = 0, to = text.length): string {
  let start = from;
  let end = to;
  while (start < end && EDGE_NOISE.has(text.charCodeAt(start))) start++;
  while (end > start && EDGE_NOISE.has(text.charCodeAt(end - 1))) end--;
  return start === 0 && end === text.length ? text : text.slice(start, end);
}

/**
 * The phrase without the base it is compared with: 增速比上半年 → 增速, 较一季度 → '',
 * 与去年同期相比 → ''. An opener counts only as a word of its own (比重, 比例 are words).
 */
export function withoutComparison(phrase: string, rules: RuleSet): string {
  if (phrase.length < 2) return phrase;
  const { comparisonOpeners: openers, comparisonFrames: frames, comparisonClosers: closers } = rules.metric;
  if (!openers.some((o) => phrase.includes(o)) && !frames.some((f) => phrase.includes(f))) return phrase;
  const closes = closers.some((c) => phrase.endsWith(c));
  // Segmented once for both readings below.
  const words = cutWords(phrase);
  // 去年同期相比 (its 与 trimmed as an edge): all base.
  if (closes && !words.some((w) => frames.includes(w))) return '';
  // 比5月份, 较上年: an opener before a period or a region opens a base even where the segmenter
  // joins it to the word before (汽车类比 → 类比).
  const beforeBase = baseAfterOpener(rules).exec(phrase);
  let at = 0;
  for (const word of words) {
    if (beforeBase && at >= beforeBase.index) break;
    // An opener with nothing after it ends a word (占比, 收入比), it opens no base.
    const opens = (openers.includes(word) && at + word.length < phrase.length) || (closes && frames.includes(word));
    if (opens) return trimEdgeNoise(phrase.slice(0, at));
    at += word.length;
  }
  return beforeBase ? trimEdgeNoise(phrase.slice(0, beforeBase.index)) : phrase;
}

const baseAfterOpenerCache = new WeakMap<RuleSet, RegExp>();

/** An opener followed by the start of a base (比上年, 较一季度, 比5月份). */
function baseAfterOpener(rules: RuleSet): RegExp {
  let pattern = baseAfterOpenerCache.get(rules);
  if (!pattern) {
    const openers = rules.metric.comparisonOpeners.filter((o) => o.length === 1).join('');
    const starts = [...rules.metric.comparisonBaseStarts].sort((a, b) => b.length - a.length).join('|');
    pattern = new RegExp(`[${openers}](?=\\d|${starts})`, 'u');
    baseAfterOpenerCache.set(rules, pattern);
  }
  return pattern;
}

/**
 * The phrase without function words at its ends (增幅也从 → 增幅, 比重则 → 比重), each only where the
 * segmenter cuts it as a word of its own; segmented only when an end holds one of the words.
 */
function withoutFunctionWords(phrase: string, l: Lists): string {
  if (phrase.length === 0) return phrase;
  // Only the words ending (starting) with the phrase's last (first) character can end (start) it.
  const trailing = edgeWords(l.functionTrailing).byLast.get(phrase.charCodeAt(phrase.length - 1));
  const leading = edgeWords(l.functionLeading).byFirst.get(phrase.charCodeAt(0));
  const tail = trailing !== undefined && trailing.some((i) => phrase.endsWith(l.functionTrailing[i]) && phrase.length > l.functionTrailing[i].length);
  const head = leading !== undefined && leading.some((i) => phrase.startsWith(l.functionLeading[i]) && phrase.length > l.functionLeading[i].length);
  if (!tail && !head) return phrase;
  const words = cutWords(phrase);
  let first = 0;
  let last = words.length;
  while (last - first > 1 && l.functionTrailingSet.has(words[last - 1])) last--;
  while (last - first > 1 && l.functionLeadingSet.has(words[first])) first++;
  return first === 0 && last === words.length ? phrase : trimEdgeNoise(words.slice(first, last).join(''));
}

/** What joins the two ends of a range (5%-6%, 1万至5万元). */
const RANGE_JOINER = /^\s*(?:-|—|–|~|～|至|到)\s*$/u;


/** text[from, to) without what any of the spans covers. */
export function removeSpans(text: string, from: number, to: number, ...spanLists: (readonly Span[])[]): string {
  // Few spans of a sentence reach into a phrase: only those are ordered.
  const inside: Span[] = [];
  for (const spans of spanLists) for (const s of spans) if (s.end > from && s.start < to) inside.push(s);
  if (inside.length > 1) inside.sort((a, b) => a.start - b.start);
  let out = '';
  let pos = from;
  for (const s of inside) {
    if (s.start > pos) out += text.slice(pos, s.start);
    pos = Math.max(pos, s.end);
  }
  if (pos < to) out += text.slice(pos, to);
  return out;
}

/**
 * An ordered word list indexed by first and last UTF-16 unit: stripping tries the words in list
 * order, but only those that can match the phrase's current edge.
 */
interface EdgeWords {
  words: readonly string[];
  /** Positions in `words` of the words starting (byFirst) or ending (byLast) with a unit, ascending. */
  byFirst: Map<number, number[]>;
  byLast: Map<number, number[]>;
}

const edgeWordsCache = new WeakMap<readonly string[], EdgeWords>();
const NO_WORDS: readonly string[] = [];

function edgeWords(words: readonly string[]): EdgeWords {
  let indexed = edgeWordsCache.get(words);
  if (!indexed) {
    indexed = { words, byFirst: positionsByEdgeUnit(words, 'first'), byLast: positionsByEdgeUnit(words, 'last') };
    edgeWordsCache.set(words, indexed);
  }
  return indexed;
}

/** The first word at or after position `from` of `positions` that begins `phrase` (atStart) or ends it; -1 when none. */
function nextAtEdge(phrase: string, positions: readonly number[] | undefined, from: number, words: readonly string[], atStart: boolean): number {
  if (!positions) return -1;
  for (const i of positions) if (i >= from && (atStart ? phrase.startsWith(words[i]) : phrase.endsWith(words[i]))) return i;
  return -1;
}

/**
 * Strips leading and trailing words until none applies. Each pass tries every leading word in
 * order (a word stripped exposes a new edge for the words after it), then every trailing word.
 */
function stripEdges(phrase: string, leadingList: readonly string[], trailingList: readonly string[]): string {
  const leading = edgeWords(leadingList);
  const trailing = edgeWords(trailingList);
  let p = trimEdgeNoise(phrase);
  for (let changed = true; changed && p.length > 0; ) {
    changed = false;
    for (let i = nextAtEdge(p, leading.byFirst.get(p.charCodeAt(0)), 0, leading.words, true); i >= 0; ) {
      p = trimEdgeNoise(p, leading.words[i].length);
      changed = true;
      i = p.length === 0 ? -1 : nextAtEdge(p, leading.byFirst.get(p.charCodeAt(0)), i + 1, leading.words, true);
    }
    for (let i = nextAtEdge(p, trailing.byLast.get(p.charCodeAt(p.length - 1)), 0, trailing.words, false); i >= 0; ) {
      p = trimEdgeNoise(p, 0, p.length - trailing.words[i].length);
      changed = true;
      i = p.length === 0 ? -1 : nextAtEdge(p, trailing.byLast.get(p.charCodeAt(p.length - 1)), i + 1, trailing.words, false);
    }
  }
  return p;
}

interface Lists {
  functionLeading: readonly string[];
  functionTrailing: readonly string[];
  functionLeadingSet: ReadonlySet<string>;
  functionTrailingSet: ReadonlySet<string>;
  quantityEnding: RegExp;
  bareAttribute: RegExp;
  rankedAttribute: RegExp;
  rankedRate: RegExp;
  rankScope: RegExp;
  rankScopeStart: RegExp;
  shareEnding: RegExp;
  comparisonStart: RegExp;
  scaleOf: RegExp;
  /** A field that is the whole region (全省), kept whole in a rank name. */
  wholeScope: RegExp;
  /** 占全市 / 贡献了全市 before a share: the share is of the whole region. */
  shareOfWhole: RegExp;
  /** What the noun after a count did, to the clause's end (33个行业*增加值保持增长*). */
  countedPredicate: RegExp;
  noun: NounVocabulary;
  leading: string[];
  trailing: string[];
  verbs: Set<string>;
  /** Words that end a noun phrase read after a figure. */
  stopWords: Set<string>;
  rankVerbs: string[];
}

const listCache = new WeakMap<RuleSet, Lists>();

function lists(rules: RuleSet, cues: CompiledCues): Lists {
  let l = listCache.get(rules);
  if (!l) {
    const byLength = (a: string, b: string) => b.length - a.length;
    const either = (words: readonly string[]) => [...words].sort(byLength).map(escapeRegex).join('|');
    const m = rules.metric;
    l = {
      functionLeading: [...m.functionWordsLeading].sort(byLength),
      functionTrailing: [...m.functionWordsTrailing].sort(byLength),
      functionLeadingSet: new Set(m.functionWordsLeading),
      functionTrailingSet: new Set(m.functionWordsTrailing),
      quantityEnding: new RegExp(`(?:${either(m.quantityEndings)})$`, 'u'),
      bareAttribute: new RegExp(`^(?:${either(m.bareAttributes)})$`, 'u'),
      rankedAttribute: new RegExp(`^(?:${either(m.rankedAttributes)})$`, 'u'),
      rankedRate: new RegExp(`(${either(rules.metric.rateWords.filter((w) => m.rankedAttributes.includes(w)))})$`, 'u'),
      rankScope: new RegExp(`(${either(rules.cues.rank.flatMap((c) => c.scopes))})$`, 'u'),
      rankScopeStart: new RegExp(`^(?:${either(m.rankScopePrepositions)})`, 'u'),
      shareEnding: new RegExp(`(?:${either(m.shareEndings)})$`, 'u'),
      comparisonStart: new RegExp(`^(?:${either([...m.comparisonOpeners, ...m.comparisonFrames])})`, 'u'),
      scaleOf: new RegExp(`^(?:${either(m.scaleWords)})的?`, 'u'),
      wholeScope: new RegExp(`^(?:${either(m.derivedNames.wholeScopes)})`, 'u'),
      shareOfWhole: new RegExp(`(${either(m.derivedNames.shareOfWholeVerbs)})(${either(m.derivedNames.wholeScopes)})`, 'u'),
      countedPredicate: new RegExp(`^的?([^\\d,，;；。、:：()（）“”]{0,10}?(?:${either(m.countedPredicates)}))(?=$|[,，;；。])`, 'u'),
      noun: nounVocabulary(rules),
      leading: [...rules.metric.leading, ...rules.metric.reportingVerbs, ...rules.cues.target.flatMap((t) => t.words)].sort(byLength),
      trailing: [...new Set([...rules.metric.trailing, ...cues.changeWords, ...rules.cues.target.flatMap((t) => t.words), ...rules.cues.rank.flatMap((r) => r.verbs), ...rules.units.forms.filter((f) => f.form === 'negative_word').flatMap((f) => f.words)])].sort(byLength),
      verbs: new Set(rules.metric.reportingVerbs),
      stopWords: new Set([...rules.metric.reportingVerbs, ...rules.metric.trailing]),
      rankVerbs: rules.cues.rank.flatMap((r) => r.verbs).sort(byLength),
    };
    listCache.set(rules, l);
  }
  return l;
}

/** Drops reporting verbs inside the phrase (项目完成投资 → 项目投资), found by segmentation. */
export function dropInnerVerbs(phrase: string, verbList: readonly string[], verbs: ReadonlySet<string>): string {
  if (phrase.length <= 3) return phrase;
  // Segmenting is the costly part: a phrase that holds no reporting verb after its first character
  // keeps all its tokens, so only the contract's verbs need removing; one that holds a single
  // contract verb there may lose just that (see withoutSoleContractVerb).
  const inner = wordsAfterStart(phrase, verbList, 2);
  if (inner.length === 0) return phrase.replace(CONTRACT_VERBS, '');
  const without = inner.length === 1 ? withoutSoleContractVerb(phrase, inner[0]) : null;
  if (without !== null) return without;
  let kept = '';
  cutWords(phrase).forEach((word, i) => {
    if (i === 0 || !verbs.has(word)) kept += word;
  });
  // The contract's own reporting verbs go even inside a word the dictionary knows whole
  // (数字经济核心产业完成投资 → 数字经济核心产业投资).
  return kept.replace(CONTRACT_VERBS, '');
}

/** The contract's reporting verbs: no two overlap (none ends with a character another starts with). */
const CONTRACT_VERB_WORDS: readonly string[] = ['完成', '实现', '达到'];
const CONTRACT_VERB_INSIDE = `(?<=.)(?:${CONTRACT_VERB_WORDS.join('|')})(?=.)`;
const CONTRACT_VERBS = new RegExp(CONTRACT_VERB_INSIDE, 'gu');
const CONTRACT_VERB = new RegExp(CONTRACT_VERB_INSIDE, 'u');
/** What `.` does not match. */
const LINE_ENDS = CodeUnitSet.of('\n\r\u2028\u2029');
/** A surrogate not in a pair, which segmenting turns into U+FFFD. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/**
 * The phrase without its one reporting verb after its first character, `verb`, when that is a
 * contract verb and no segmentation could leave anything else: cut as a word of its own, the verb is
 * dropped and the contract pattern then finds nothing in the rest; cut inside a longer word, it is
 * kept and the contract pattern removes it (and nothing else). That holds when the pattern matches
 * it in the phrase (it has a character on either side, neither a line end), matches nothing in what
 * is left (no other contract verb, none made by closing the gap), and the words join back into the
 * phrase (no lone surrogate). null when it does not hold.
 */
function withoutSoleContractVerb(phrase: string, verb: WordAt): string | null {
  const end = verb.at + verb.word.length;
  if (!CONTRACT_VERB_WORDS.includes(verb.word) || end === phrase.length) return null;
  if (LINE_ENDS.has(phrase.charCodeAt(verb.at - 1)) || LINE_ENDS.has(phrase.charCodeAt(end)) || LONE_SURROGATE.test(phrase)) return null;
  const without = phrase.slice(0, verb.at) + phrase.slice(end);
  return CONTRACT_VERB.test(without) ? null : without;
}

/** A word of a list found in a phrase. */
interface WordAt {
  word: string;
  at: number;
}

/**
 * The words of `words` that start at a character of the phrase after its first (the words looked up
 * by that character), by position then list order: the first `limit` of them.
 */
export function wordsAfterStart(phrase: string, words: readonly string[], limit: number): WordAt[] {
  const { byFirst } = edgeWords(words);
  const found: WordAt[] = [];
  for (let at = 1; at < phrase.length; at++) {
    const starting = byFirst.get(phrase.charCodeAt(at));
    if (!starting) continue;
    for (const i of starting) {
      if (!phrase.startsWith(words[i], at)) continue;
      found.push({ word: words[i], at });
      if (found.length === limit) return found;
    }
  }
  return found;
}

/** Tags that end a noun phrase: verbs, prepositions, conjunctions, particles, adverbs, pronouns, numbers. */
const PHRASE_END_TAGS: ReadonlySet<string> = new Set(['v', 'vd', 'p', 'c', 'u', 'uj', 'ul', 'uz', 'ug', 'uv', 'ud', 'd', 'r', 'm', 'y', 'e', 'o', 'zg']);

/** The words nounAfter reads by (rules/metric.yaml). */
export interface NounVocabulary {
  afterFigure: readonly string[];
  locatives: ReadonlySet<string>;
  /** A locative after at least two characters (code points), at the end. */
  locativeEnd: RegExp;
  joiners: ReadonlySet<string>;
  /** Change words (rules/cues.yaml growth): a verb that says what the noun did, never part of it. */
  changeWords: ReadonlySet<string>;
}

const nounVocabularyCache = new WeakMap<RuleSet, NounVocabulary>();

export function nounVocabulary(rules: RuleSet): NounVocabulary {
  let v = nounVocabularyCache.get(rules);
  if (!v) {
    const locatives = rules.metric.locatives;
    v = {
      afterFigure: rules.metric.afterFigureWords,
      locatives: new Set(locatives),
      locativeEnd: new RegExp(`(?<=..)(?:${locatives.map(escapeRegex).join('|')})$`, 'u'),
      joiners: new Set(rules.metric.nounJoiners),
      changeWords: new Set([...rules.cues.growth.flatMap((g) => g.words), ...rules.metric.countedPredicates]),
    };
    nounVocabularyCache.set(rules, v);
  }
  return v;
}

/** How far after a figure its noun is looked for. */
const NOUN_AFTER_WINDOW = 24;
/** Characters that end the stretch a noun phrase can span (an ellipsis "..." too). */
const NOUN_STRETCH_ENDS = CodeUnitSet.of(',;:。!?，；：、()（）\n');

/** Where the noun after a figure at `from` can stand: past 以上 and 的, up to the first punctuation. */
function nounStretch(text: string, from: number, afterFigure: readonly string[]): [number, number] {
  const limit = Math.min(text.length, from + NOUN_AFTER_WINDOW);
  let start = from;
  const skipped = afterFigure.find((w) => start + w.length <= limit && text.startsWith(w, start));
  if (skipped) start += skipped.length;
  if (start < limit && text[start] === '的') start++;
  let end = start;
  while (end < limit && !NOUN_STRETCH_ENDS.has(text.charCodeAt(end)) && !(end + 3 <= limit && text.startsWith('...', end))) end++;
  return [start, end];
}

function hasLatinLetter(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) return true;
  }
  return false;
}

function hasDigit(word: string): boolean {
  for (let i = 0; i < word.length; i++) {
    const c = word.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) return true;
  }
  return false;
}

/** The noun phrase right after a figure (38个 *单位* 被通报表扬, 100% *城市家庭*). A verb or pronoun
 * between two nouns stays inside it (创新服务资源, 服务器运载能力, 市本级事项); a reporting verb ends it. */
export function nounAfter(text: string, from: number, reportingWords: ReadonlySet<string>, vocabulary: NounVocabulary): string {
  const [start, end] = nounStretch(text, from, vocabulary.afterFigure);
  // 5.2%的新增注册企业: after 的 the words are a noun phrase, a reporting verb opening it is attributive.
  const afterDe = start > from && text[start - 1] === '的';
  // The stretch ends where its clause does, not at the window's limit.
  const closesClause = end === text.length || NOUN_STRETCH_ENDS.has(text.charCodeAt(end));
  const words = cutWords(text.slice(start, end));
  // Tags are read only for the words looked at: the phrase usually ends a few words in.
  const tags: string[] = [];
  // 53个“高效办成一件事”重点事项: a quoted name is one noun, whatever its words are.
  for (let i = 0; i < words.length; i++) {
    if (words[i] !== '“') continue;
    const close = words.indexOf('”', i + 1);
    if (close < 0) break;
    words.splice(i, close - i + 1, words.slice(i, close + 1).join(''));
    tags[i] = 'nz';
  }
  const tagAt = (i: number) => (tags[i] ??= wordTag(words[i]));
  const isNounish = (i: number) => i < words.length && !PHRASE_END_TAGS.has(tagAt(i));
  // 一类创新药, 一批重点项目: a number written in words that qualifies the noun bridges to it as a verb does.
  const bridging = (i: number) => {
    const tag = tagAt(i);
    const word = words[i];
    return (tag === 'v' || tag === 'r' || tag === 'c' || (tag === 'm' && !hasDigit(word)) || vocabulary.joiners.has(word)) && (!reportingWords.has(word) || (i === 0 && afterDe));
  };
  let phrase = '';
  for (let i = 0; i < words.length; i++) {
    const tag = tagAt(i);
    const word = words[i];
    if (PHRASE_END_TAGS.has(tag) && !(tag === 'm' && hasLatinLetter(word))) {
      // 亿元以上项目: a written amount inside the phrase is a qualifier, not a new figure.
      const qualifier = tag === 'm' && !hasDigit(word) && isNounish(i + 1);
      // A short run of verbs, pronouns or conjunctions between nouns stays inside the phrase
      // (创新与应用试点企业, 服务器运载能力); a reporting verb (完成, 实现) ends it.
      let run = 0;
      while (run < 3 && i + run < words.length && bridging(i + run)) run++;
      const bridges = run > 0 && isNounish(i + run) && ((tag !== 'c' && tag !== 'p') || phrase.length > 0);
      // 45项重点技术攻关: a verb closing the stretch after a noun names the work counted (攻关, 建设).
      const closing = tag === 'v' && i === words.length - 1 && closesClause && phrase.length >= 2 && word.length >= 2 && !reportingWords.has(word) && !vocabulary.changeWords.has(word);
      if (!bridges && !qualifier && !closing) break;
    }
    phrase += word;
  }
  // 设区市中 / 园区内: a locative closing the phrase places it, it does not name it.
  const noun = withBalancedQuotes(trimEdgeNoise(phrase));
  return vocabulary.locatives.has(noun[noun.length - 1]) ? noun.replace(vocabulary.locativeEnd, '') : noun;
}

/**
 * The words a phrase read after a figure was taken from: from the figure's end through the phrase,
 * which nounAfter may have found past a 以上, 的 or 规模的 — never past the phrase itself.
 */
function spanThrough(text: string, from: number, phrase: string): [number, number] {
  const at = text.indexOf(phrase, from);
  return at >= 0 && at - from <= NOUN_AFTER_SKIP ? [from, at + phrase.length] : [from, Math.min(text.length, from + phrase.length)];
}

/** How far past a figure nounAfter's phrase can start (以上的, 规模的). */
const NOUN_AFTER_SKIP = 6;


/**
 * A name cut at a quotation mark gets its partner back (小巨人”企业 → “小巨人”企业, 高校“双一流 →
 * 高校“双一流”): the cut trims marks at the ends, and a name is read whole with both.
 */
export function withBalancedQuotes(name: string): string {
  const firstClose = name.indexOf('”');
  const firstOpen = name.indexOf('“');
  const lastOpen = name.lastIndexOf('“');
  // A closing mark before any opening one lost its partner at the start; an opening mark after the
  // last closing one lost its partner at the end.
  const lead = firstClose >= 0 && (firstOpen < 0 || firstClose < firstOpen) ? '“' : '';
  const trail = lastOpen >= 0 && name.lastIndexOf('”') < lastOpen ? '”' : '';
  return lead || trail ? `${lead}${name}${trail}` : name;
}

export function deriveMetric(input: MetricInput): MetricResult {
  const result = metricOfFigure(input);
  const spelled = result.missing ? null : spelledOut(result.name, input.rules);
  return spelled ? { ...result, name: spelled.name, trace: [...result.trace, spelled.id] } : result;
}

const spelledOutCache = new WeakMap<RuleSet, { id: string; pattern: RegExp; name: string }[]>();

/** The name as the bulletins define it, where rules/metric.yaml spells out an abbreviation (第二产业比重); null where none applies. */
export function spelledOut(name: string, rules: RuleSet): { id: string; name: string } | null {
  let compiled = spelledOutCache.get(rules);
  if (!compiled) {
    compiled = rules.metric.spelledOut.map((r) => ({ id: r.id, pattern: new RegExp(r.pattern, 'u'), name: r.name }));
    spelledOutCache.set(rules, compiled);
  }
  for (const rule of compiled) if (rule.pattern.test(name)) return { id: rule.id, name: name.replace(rule.pattern, rule.name) };
  return null;
}

function metricOfFigure(input: MetricInput): MetricResult {
  const { text, mention: m, kind, rules, cues } = input;
  if (m.preset) return { name: m.preset.metric, textSpan: [input.clauseStart, m.start], inherited: false, missing: false, trace: ['metric.form_preset'] };
  const l = lists(rules, cues);
  const lastInClause = input.previous.findLast((p) => p.clauseStart === input.clauseStart);
  const segStart = Math.max(input.clauseStart, lastInClause ? lastInClause.mention.end : input.clauseStart);
  const trace: string[] = [];
  // 增长5%-6%, 两到三万元: the far end of a range measures what its near end does.
  if (lastInClause && lastInClause.kind === kind && RANGE_JOINER.test(text.slice(lastInClause.mention.end, m.start))) {
    const near = lastInClause.metric;
    return { name: near.name, textSpan: near.textSpan, inherited: true, missing: near.missing, trace: ['metric.range_end'] };
  }
  // 以14.3%的GDP增速, 接近40%的进出口增长: what grew is named between the figure and its growth noun.
  if (kind === 'growth' && m.trace.includes(rules.cues.growthAfter.id)) {
    const between = cues.growthNounAfter(text, m, input.clauseStart, text.length)?.between ?? '';
    // 5.5%左右的预期增长: a goal word between names nothing.
    const named = between.length >= 2 ? stripEdges(between, l.leading, l.trailing) : '';
    if (named.length >= 2) return { name: named, textSpan: [m.end, m.end + text.slice(m.end).indexOf(named) + named.length], inherited: false, missing: false, trace: ['metric.growth_noun_after'] };
  }
  let phrase = removeSpans(text, segStart, m.start, input.regions, input.periods);
  if (kind === 'rank') {
    phrase = phrase.replace(l.rankScope, '');
  }
  phrase = stripEdges(withoutPredicate(phrase, rules), l.leading, l.trailing);
  // 较整体快: a phrase that is all comparison is read as one below (metric.comparison_of_previous).
  const compared = phrase;
  phrase = withoutComparison(phrase, rules);
  phrase = dropInnerVerbs(phrase, rules.metric.reportingVerbs, l.verbs);
  phrase = withoutFunctionWords(stripEdges(phrase, l.leading, l.trailing), l);
  phrase = stripEdges(phrase, l.leading, l.trailing);
  // An abbreviation in brackets at the end (研究与试验发展(R&D)) is dropped.
  phrase = withBalancedQuotes(phrase.includes('(') ? phrase.replace(/\(([A-Z&]{2,5})\)?$/u, '') : phrase);
  phrase = withoutLeadingPlace(phrase, rules);
  // 仍能保持3%的增长, 不过要完成全年增长6%: a function word alone names nothing.
  if (l.functionLeadingSet.has(phrase) || l.functionTrailingSet.has(phrase)) phrase = '';
  // 拉动全市规上工业增长6.4个百分点: a contribution is named as the catalogue names it (X拉动Y增长), its
  // subject the indicator of the sentence's figure before when the clause leaves it out.
  if (kind === 'pp') {
    const verb = rules.metric.contributionVerbs.find((v) => phrase.includes(v));
    if (verb && phrase.length > verb.length) {
      const ending = rules.metric.contributionEnding;
      if (!phrase.endsWith(ending)) phrase = `${phrase}${ending}`;
      const subject = phrase.startsWith(verb) ? input.previous.findLast((p) => p.mention.start >= input.sentenceStart && (p.kind === 'level' || p.kind === 'growth') && !p.metric.missing) : undefined;
      // Only a plain noun phrase (no 的 clause, not a sentence's worth) stands as the subject.
      if (subject && subject.metric.name.length <= 16 && !subject.metric.name.includes('的')) phrase = `${subject.metric.name}${phrase}`;
    }
  }
  // What a later figure can refer back to: not a ranking, not an absolute change (增加1234.5亿元).
  const previous = input.previous.findLast((p) => p.kind !== 'rank' && !p.metric.missing && !p.metric.trace.includes('metric.absolute_change'));

  if (kind === 'rank') {
    // 增速列嘉兴第一位: what is ranked (增速), the verb (列), the field ranked in (嘉兴).
    const before = text.slice(input.clauseStart, m.start);
    // The verb nearest the figure; of two ending there, the longer (位列, not 列).
    let verbAt = -1;
    let verb = '';
    for (const v of l.rankVerbs) {
      const at = before.lastIndexOf(v);
      if (at < 0) continue;
      const end = at + v.length;
      const bestEnd = verbAt + verb.length;
      if (verbAt < 0 || end > bestEnd || (end === bestEnd && v.length > verb.length)) [verbAt, verb] = [at, v];
    }
    let scope = verbAt >= 0 ? before.slice(verbAt + verb.length).replace(l.rankScopeStart, '') : (before.match(l.rankScope)?.[1] ?? '');
    // What is ranked is read after the clause's figure before the verb (…以4905.2亿元继续排第一), if any
    // (排名由71位跃升至39位: the verb is before both).
    let rankedEnd = input.clauseStart + verbAt;
    const rankedFrom = segStart <= rankedEnd ? segStart : input.clauseStart;
    if (verbAt >= 0 && scope.length === 0) {
      // 增速在全省排名第六, 在四大一线城市中排名第一: the field is written before the verb, after 在.
      const field = scopeBeforeRankVerb(text.slice(rankedFrom, rankedEnd), l);
      if (field) {
        scope = field.scope;
        rankedEnd = rankedFrom + field.at;
      }
    }
    const rankedRaw = verbAt >= 0 && rankedEnd > rankedFrom ? removeSpans(text, rankedFrom, rankedEnd, input.regions, input.periods) : '';
    // 增速 is what is ranked here, not a change word to trim.
    const rankedRate = l.rankedRate.exec(rankedRaw.trim())?.[1] ?? '';
    const rankedWords = verbAt >= 0 ? withoutFunctionWords(stripEdges(rankedRaw, l.leading, l.trailing), l) : phrase;
    // 继续稳居全国首位: an adverb alone before the rank verb ranks nothing; the figure before is ranked.
    const rankedNoun = l.functionLeadingSet.has(rankedWords) ? '' : rankedWords;
    const ranked = rankedRate && !rankedNoun.endsWith(rankedRate) ? `${rankedNoun}${rankedRate}` : rankedNoun;
    // 排名由71位跃升至39位: a ranking that names nothing after another in its clause is the same ranking.
    if (ranked.length < 2 && lastInClause?.kind === 'rank' && !lastInClause.metric.missing) {
      trace.push('metric.rank');
      return { name: lastInClause.metric.name, textSpan: lastInClause.metric.textSpan, inherited: true, missing: false, trace };
    }
    const base = ranked.length >= 2 && previous && l.rankedAttribute.test(ranked) ? previous.metric.name + ranked : ranked.length >= 2 ? ranked : (previous?.metric.name ?? '');
    trace.push('metric.rank');
    const names = rules.metric.derivedNames;
    const field = l.wholeScope.test(scope) || scope.length > RANK_PLACE_MAX || !scope.endsWith(names.rankPlaceEnding) ? scope : scope.slice(0, -names.rankPlaceEnding.length);
    return { name: base ? `${base}${field}${names.rankSuffix}` : '', textSpan: [segStart, m.start], inherited: !ranked, missing: !base, trace };
  }

  // 占GDP比重 / 占全市外贸出口总值的: a share of what the figure before measured.
  const previousAmount = input.previous.findLast((p) => (p.kind === 'level' || p.kind === 'growth') && !p.metric.missing && !p.metric.trace.includes('metric.absolute_change'));
  if (/^占/u.test(phrase) && previousAmount) {
    const of = phrase.replace(/^占/u, '').replace(/的$/u, '');
    trace.push('metric.share_of_previous');
    return { name: `${previousAmount.metric.name}占${of}${l.shareEnding.test(of) ? '' : rules.metric.shareSuffix}`, textSpan: [segStart, m.start], inherited: true, missing: false, trace };
  }

  // 较整体快101.5个百分点: a change measured against something else, of what the figure before measured.
  // 较整体快 N个百分点 → 增速快于整体: the figure before grew faster (or slower) than the other; a
  // change verb (比上年提高) compares with an earlier time, read below as the indicator's own change.
  const faster = kind === 'pp' && previousAmount && l.comparisonStart.test(compared) ? /^(?:较|比)(.{1,12}?)(?<!提|升|降)(快|高|慢|低)$/u.exec(text.slice(segStart, m.start).replace(/[\s了]/gu, '')) : null;
  if (faster && previousAmount) {
    trace.push('metric.comparison_of_previous');
    return { name: `${previousAmount.metric.name}增速${faster[2]}于${faster[1]}`, textSpan: [segStart, m.start], inherited: true, missing: false, trace };
  }
  const unitClass = m.unitDef?.class;
  // 打造500亿元规模的产业集群: the amount is the scale of the noun after it.
  const scaleOf = unitClass === 'money' ? l.scaleOf.exec(text.slice(m.end, m.end + 3)) : null;
  if (scaleOf) {
    const noun = nounAfter(text, m.end + scaleOf[0].length, l.stopWords, l.noun);
    if (noun.length >= 2) {
      trace.push('metric.scale_of_noun_after');
      return { name: `${noun}${rules.metric.derivedNames.scaleSuffix}`, textSpan: spanThrough(text, m.end, noun), inherited: false, missing: false, trace };
    }
  }
  // 种植水稻68万亩: land under a crop is named by the crop and the verb's area (水稻种植面积).
  const areaVerb = m.unitDef && rules.metric.areaUnits.includes(m.unitDef.unit) ? rules.metric.areaVerbs.find((v) => phrase.startsWith(v) && phrase.length >= v.length + 2 && !phrase.includes(rules.metric.derivedNames.areaSuffix, v.length)) : undefined;
  if (areaVerb) {
    trace.push('metric.area_of_verb_object');
    return { name: `${phrase.slice(areaVerb.length)}${areaVerb}${rules.metric.derivedNames.areaSuffix}`, textSpan: [segStart, m.start], inherited: false, missing: false, trace };
  }
  const isCount = unitClass === 'count' || (m.unitDef === null && m.unitText !== null && !m.rank);
  // 120万人次, 45场: a unit that names the quantity itself (人次, 场次) ends the name in place of 数量.
  const countName = (m.unitDef && rules.metric.countNames[m.unitDef.unit]) ?? rules.metric.countSuffix;
  // Read only when a branch below needs it: segmenting the words after is the costly part.
  let afterRead: string | null = null;
  const noun = () => (afterRead ??= isCount || unitClass === 'measure' || kind === 'share' ? nounAfter(text, m.end, l.stopWords, l.noun) : '');
  // A count followed by its noun counts that noun (45个*数字经济核心制造业项目*); a list of names
  // before it (鼎力机械、久立特材等4家) names instances, not the indicator.
  // A noun phrase before the figure (城市数字大脑实现150余个场景上屏) qualifies the noun after it,
  // unless it lists instances (鼎力机械、久立特材等4家).
  // A verb alone before the figure (推进6条续建高铁) reports the work, it does not qualify the noun.
  const qualifier = phrase.length >= 2 && !/[、等]/u.test(text.slice(segStart, m.start)) && wordTag(phrase) !== 'v' ? phrase : '';
  if (isCount && noun().length >= 2 && !/^(数量|规模|以上)/u.test(noun())) {
    // 在41个行业大类中，33个行业增加值保持增长: the count of the items that did what the clause
    // says, named by what they did (增加值保持增长的行业数量), not by the item alone.
    const nounEnd = spanThrough(text, m.end, noun())[1];
    const did = l.countedPredicate.exec(text.slice(nounEnd, nounEnd + 14));
    if (did) {
      const word = cutWords(noun())[0];
      // 28个行业大类中22个大类的产值…: the set named just before (行业大类中) names the items fully.
      const set = phrase.replace(l.noun.locativeEnd, '');
      const head = set !== phrase && set.endsWith(word) ? set : word;
      trace.push('metric.count_of_items_that');
      return { name: `${noun().slice(word.length)}${did[1]}的${head}${countName}`, textSpan: [m.end, nounEnd + did[0].length], inherited: false, missing: false, trace };
    }
    trace.push('metric.noun_after');
    return { name: `${qualifier}${noun()}${countName}`, textSpan: spanThrough(text, m.end, noun()), inherited: false, missing: false, trace };
  }
  // 0.22%的土地面积 / 100%城市家庭: a share of the noun after, of the region before (占全市).
  if (kind === 'share' && noun().length >= 2) {
    const after = noun();
    const of = l.shareOfWhole.exec(text.slice(input.clauseStart, m.start));
    const names = rules.metric.derivedNames;
    trace.push('metric.share_noun_after');
    return { name: of ? `${after}${names.shareOfWholeVerb}${of[2]}${rules.metric.shareSuffix}` : `${qualifier}${after}${names.shareOfNounSuffix}`, textSpan: spanThrough(text, m.end, after), inherited: false, missing: false, trace };
  }
  // 增速较一季度回落2个百分点: a rate word alone names the change of what the figure before measured.
  if (previousAmount && rules.metric.rateWords.includes(phrase) && kind !== 'level') {
    trace.push('metric.rate_of_previous');
    return { name: previousAmount.metric.name, textSpan: [segStart, m.start], inherited: true, missing: false, trace };
  }
  if (phrase.length >= 2 && !l.bareAttribute.test(phrase)) {
    let name = phrase;
    if (isCount && !l.quantityEnding.test(name)) name = `${name}${countName}`;
    trace.push('metric.clause_phrase');
    return { name, textSpan: [segStart, m.start], inherited: false, missing: false, trace };
  }
  if ((isCount || unitClass === 'measure') && noun().length >= 2) {
    trace.push('metric.noun_after');
    return { name: `${noun()}${isCount ? countName : ''}`, textSpan: spanThrough(text, m.end, noun()), inherited: false, missing: false, trace };
  }
  // 比上年末增加3.9万人: an absolute change of what the figure before counted.
  const change = input.cues.lastGrowth(text, input.clauseStart, m.start);
  if (kind === 'level' && previousAmount && change && change.index + change.word.length >= m.start - 1) {
    trace.push('metric.absolute_change');
    return { name: `${previousAmount.metric.name}${rules.metric.absoluteChangeSuffix}`, textSpan: [segStart, m.start], inherited: true, missing: false, trace };
  }
  // A change or a share with no noun of its own measures what the figure before it measured. An
  // amount borrows another figure's indicator only in a comparison, where its clause names nothing
  // but another place (深圳GDP为3.46万亿元，广州为3.03万亿元).
  const comparesPlace = input.regions.some((r) => r.start >= input.clauseStart && r.end <= m.start && r.place);
  // 地区生产总值增长5.5%、达到10.3万亿元: an amount whose clause names nothing, after a change or an
  // amount of the same sentence, is the amount of what that figure measured.
  const placeSincePrevious = input.regions.some((r) => r.start >= segStart && r.end <= m.start && r.place);
  const amountOfPrevious = kind === 'level' && previous && (previous.kind === 'growth' || previous.kind === 'level') && phrase.length === 0 && !placeSincePrevious && previous.mention.unitDef?.class !== 'count';
  if (previous && (kind !== 'level' || amountOfPrevious || (comparesPlace && previous.clauseStart !== input.clauseStart && previous.kind === 'level'))) {
    trace.push('metric.inherit_previous');
    return { name: previous.metric.name, textSpan: [segStart, m.start], inherited: true, missing: false, trace };
  }
  // 工业投资尤其迅猛，增长达50.8%: a clause that names nothing, first to hold a figure, reports on
  // the indicator the clause before it opens with — taken only when the catalogue knows it.
  if (phrase.length < 2 && input.previous.length === 0 && input.clauseStart > input.sentenceStart) {
    const head = headOfClauseBefore(input, l);
    if (head) {
      trace.push('metric.head_of_clause_before');
      return { name: head.name, textSpan: head.span, inherited: true, missing: false, trace };
    }
  }
  // 海口市GDP…增长8.1%。白沙黎族自治县的增速同样较快，比上年同期增长6.5%: a change whose sentence names
  // nothing (or only a rate word) is of what the paragraph's sentences before it last measured.
  const paragraphMetric = input.paragraphMetric;
  if (paragraphMetric && !previous && (kind === 'growth' || kind === 'pp') && (phrase.length < 2 || rules.metric.rateWords.includes(phrase) || l.bareAttribute.test(phrase))) {
    trace.push('metric.inherit_paragraph');
    return { name: paragraphMetric.name, textSpan: paragraphMetric.textSpan, inherited: true, missing: false, trace };
  }
  return { name: phrase, textSpan: [segStart, m.start], inherited: false, missing: phrase.length < 2, trace: ['metric.none'] };
}

/** The longest field that is a place whose 市 a rank name drops (列嘉兴市第一 → 嘉兴排名); a longer one is a group (一线城市). */
const RANK_PLACE_MAX = 4;

/** The longest a ranking's field written before its verb can be (在长三角27个中心城市中). */
const RANK_FIELD_MAX = 12;

/**
 * The field a ranking is in when written before its verb (增速*在全省*排名, *在四大一线城市中*排名): what
 * follows the last scope preposition (rules/metric.yaml rankScopePrepositions), without a closing
 * locative (中); `at` is where the preposition stands. null when none stands there.
 */
function scopeBeforeRankVerb(raw: string, l: Lists): { scope: string; at: number } | null {
  for (let at = raw.length - 2; at >= 0 && raw.length - at - 1 <= RANK_FIELD_MAX; at--) {
    if (!l.rankScopeStart.test(raw.slice(at))) continue;
    const word = l.rankScopeStart.exec(raw.slice(at))![0];
    const scope = trimEdgeNoise(raw.slice(at + word.length)).replace(l.noun.locativeEnd, '');
    return scope.length >= 2 ? { scope, at } : null;
  }
  return null;
}

/**
 * 佛山、东莞分别迈上8000亿元: a word that opens the predicate (rules/metric.yaml predicateOpeners: 分别)
 * ends the phrase; what follows it is what the subject did, not what was measured.
 */
function withoutPredicate(phrase: string, rules: RuleSet): string {
  for (const opener of rules.metric.predicateOpeners) {
    const at = phrase.indexOf(opener);
    if (at >= 0) return phrase.slice(0, at);
  }
  return phrase;
}

/**
 * 江苏外贸 → 外贸: a place written into the phrase's start (a province's short form run into the next
 * word, which the places stage leaves to company names: 浙江东尼电子) is no part of the indicator
 * when what follows it is one the catalogue knows. Otherwise the phrase is left as it is.
 */
function withoutLeadingPlace(phrase: string, rules: RuleSet): string {
  if (phrase.length < 4 || !rules.gazetteer.mayMentionAt(phrase, 0, phrase.length) || rules.indicators.match(phrase)) return phrase;
  const place = rules.gazetteer.findMentions(phrase, undefined, 0, Math.min(phrase.length, LEADING_PLACE_MAX))[0];
  if (!place || place.start !== 0 || place.end >= phrase.length - 1) return phrase;
  const rest = phrase.slice(place.end);
  return rules.indicators.match(rest) ? rest : phrase;
}

/** The longest place name looked for at a phrase's start (黔西南布依族苗族自治州 is 10). */
const LEADING_PLACE_MAX = 12;

/** Whether a noun phrase names an industry: it ends as an industry's name does (rules/metric.yaml industryLists: 制造业, 房地产业). */
function isIndustryName(noun: string, rules: RuleSet): boolean {
  const { ending } = rules.metric.industryLists;
  return noun.length > ending.length + 1 && noun.endsWith(ending);
}

/** The noun phrase the clause before the figure's opens with (出口增幅较大 → 出口), when it names a catalogued indicator. */
function headOfClauseBefore(input: MetricInput, l: Lists): { name: string; span: [number, number] } | null {
  const { text, rules } = input;
  const start = clauseStartBefore(text, input.sentenceStart, input.clauseStart - 1);
  const clause = removeSpans(text, start, input.clauseStart - 1, input.regions, input.periods);
  // The words up to the first that describes rather than names (尤其, 较大, 总体).
  let opening = '';
  for (const word of cutWords(stripEdges(clause, l.leading, NO_WORDS))) {
    const tag = wordTag(word);
    if (tag !== 'v' && tag !== 'vn' && PHRASE_END_TAGS.has(tag)) break;
    if (tag === 'a' || tag === 'ad' || tag === 'an') break;
    // 制造业呈爆发式增长: a one-character verb or a change word is the predicate, not part of the noun.
    if ((tag === 'v' && word.length === 1) || l.noun.changeWords.has(word)) break;
    opening += word;
  }
  let noun = withoutFunctionWords(stripEdges(opening, l.leading, l.trailing), l);
  for (const rate of rules.metric.rateWords) if (noun.endsWith(rate) && noun.length > rate.length) noun = noun.slice(0, -rate.length);
  // A catalogued indicator, or an industry (通用设备制造业呈爆发式增长，增长63%: the industry's output).
  // …or a quantity (广东的地级市数量最多，共有21个).
  if (noun.length < 2 || !(rules.indicators.match(noun) || isIndustryName(noun, rules) || (noun.length >= 4 && l.quantityEnding.test(noun)))) return null;
  const at = text.indexOf(noun, start);
  return { name: noun, span: at >= 0 && at < input.clauseStart ? [at, at + noun.length] : [start, input.clauseStart - 1] };
}

const listPatternCache = new WeakMap<RuleSet, { category: RegExp; preposition: RegExp; respectiveVerb: RegExp; industryBoundary: RegExp; changeWords: ReadonlySet<string> }>();

/** The patterns a list is read by, from rules/metric.yaml. */
function listPatterns(rules: RuleSet) {
  let p = listPatternCache.get(rules);
  if (!p) {
    const either = (words: readonly string[]) => [...words].sort((a, b) => b.length - a.length).map(escapeRegex).join('|');
    const m = rules.metric;
    p = {
      // Words that end an enumeration of categories (美国、欧盟、韩国等*传统市场*进出口).
      category: new RegExp(`^[\\u4e00-\\u9fa5]{0,4}?(${either(m.categoryNouns)})`, 'u'),
      preposition: new RegExp(`^(?:${either(m.listPrepositions)})(?:${either(m.derivedNames.wholeScopes)})?`, 'u'),
      respectiveVerb: new RegExp(`^(${either(m.respectiveVerbs)})`, 'u'),
      industryBoundary: new RegExp(`(?<=${escapeRegex(m.industryLists.ending)})(?:、|${either(m.listJoiners)})`, 'u'),
      changeWords: new Set(rules.cues.growth.flatMap((g) => g.words)),
    };
    listPatternCache.set(rules, p);
  }
  return p;
}

/**
 * `A、B和C分别…` — the n items of the list before 分别 as metric names, with the shared prefix
 * (对) and the words after 分别 (进口) attached; null when the list does not have n items. The ids
 * of the rules/metric.yaml rules that read it go to `rulesUsed`.
 */
export function listItemsBefore(text: string, sentenceStart: number, respectively: number, n: number, rules: RuleSet, skip: readonly Span[], rulesUsed: string[] = []): string[] | null {
  let start = respectively;
  while (start > sentenceStart && !/[,;:。，；：]/u.test(text[start - 1])) start--;
  let segment = stripEdges(removeSpans(text, start, respectively, skip), rules.metric.leading, NO_WORDS);
  // 分别 opening its clause: the list is the subject of the clause before.
  if (segment.length === 0 && start - 1 > sentenceStart) {
    segment = listSubjectOfClauseBefore(text, sentenceStart, start - 1, rules, skip);
    if (segment.length === 0) return null;
    rulesUsed.push(rules.metric.listInClauseBefore.id);
  }
  const patterns = listPatterns(rules);
  const industries = industryItems(segment, n, rules);
  if (industries) {
    rulesUsed.push(rules.metric.industryLists.id);
    return industries.map((item) => `${item}${respectiveVerbAfter(text, respectively, rules)}`);
  }
  let items = segment.split('、');
  // 城乡居民人均可支配收入分别为…: a word that abbreviates a list (城乡 = 城镇, 农村).
  // The longest word first (一、二、三次产业 before 三次产业); one written as a list (一、二、三次产业)
  // stands for its parts even though 、 splits it.
  const abbreviation = Object.entries(rules.metric.listAbbreviations)
    .sort((a, b) => b[0].length - a[0].length)
    .find(([word, parts]) => parts.length === n && segment.startsWith(word));
  // 进出口和出口分别…: a segment that is itself a list of n items (joined by 和) lists them, whatever word it opens with.
  const joinedList = items.length === 1 && n === 2 && rules.metric.listJoiners.some((j) => segment.indexOf(j, abbreviation?.[0].length ?? 0) > 0);
  if (abbreviation && ((items.length === 1 && !joinedList) || abbreviation[0].includes('、'))) {
    const rest = segment.slice(abbreviation[0].length);
    const verb = respectiveVerbAfter(text, respectively, rules);
    return abbreviation[1].map((part) => `${part}${rest}${verb}`);
  }
  if (items.length === n - 1) {
    const last = items[items.length - 1];
    const joiner = rules.metric.listJoiners.map((j) => ({ j, at: last.lastIndexOf(j) })).filter((x) => x.at > 0).sort((a, b) => b.at - a.at)[0];
    if (!joiner) return null;
    items = [...items.slice(0, -1), last.slice(0, joiner.at), last.slice(joiner.at + joiner.j.length)];
  }
  if (items.length !== n || items.some((i) => i.length === 0)) return null;
  let tail = '';
  const lastItem = items[n - 1];
  const etc = lastItem.indexOf('等');
  if (etc > 0) {
    tail = lastItem.slice(etc + 1).replace(patterns.category, '');
    items[n - 1] = lastItem.slice(0, etc);
  }
  // 对全省进出口、出口、进口增长的贡献率: a preposition (and its field) before the first item
  // belongs to every item.
  const prefix = patterns.preposition.exec(items[0])?.[0] ?? '';
  if (prefix) items[0] = items[0].slice(prefix.length);
  // 城镇和农村居民人均可支配收入 / 进出口、出口、进口增长的贡献率: short modifiers of one length
  // share the head noun written once after the last of them. The middle items fix the length
  // where there are any (the first may be longer: 进出口、出口、进口).
  const sameLength = n >= 3 ? items.slice(1, -1) : items.slice(0, -1);
  const modifierLength = sameLength[0].length;
  if (modifierLength <= 4 && sameLength.every((item) => item.length === modifierLength) && items[0].length <= 6 && items[n - 1].length > modifierLength + 1) {
    const head = items[n - 1].slice(modifierLength);
    for (let k = 0; k < n - 1; k++) items[k] = `${items[k]}${head}`;
  }
  const verb = respectiveVerbAfter(text, respectively, rules);
  return items.map((item) => `${prefix}${item}${tail}${verb}`);
}

/**
 * 计算机、通信和其他电子设备制造业和黑色金属冶炼和压延加工业增速: n industries, cut only after the
 * ending that closes an industry's name (rules/metric.yaml industryLists), each item but the last
 * closed by it and the last holding no 、; an attribute after the last (增速) is every item's. null when
 * the segment does not read so.
 */
function industryItems(segment: string, n: number, rules: RuleSet): string[] | null {
  const { ending, attributes } = rules.metric.industryLists;
  if (!segment.includes(ending)) return null;
  const items = segment.split(listPatterns(rules).industryBoundary);
  if (items.length !== n || items.some((item) => item.length <= ending.length)) return null;
  const last = items[n - 1];
  if (last.includes('、') || !items.slice(0, -1).every((item) => item.endsWith(ending))) return null;
  // The longest attribute the last item ends with, right after its industry's ending.
  const attribute = [...attributes].sort((a, b) => b.length - a.length).find((a) => last.endsWith(`${ending}${a}`)) ?? '';
  return items.map((item, k) => (k < n - 1 ? `${item}${attribute}` : item));
}

/**
 * The subject of the clause text[.., end) before a clause that opens with 分别 (工业投资和民间投资均保持
 * 较快增长 → 工业投资和民间投资): its words up to the first the segmenter tags as a predicate's
 * (rules/metric.yaml listInClauseBefore) or a change word; '' when that clause holds a figure.
 */
function listSubjectOfClauseBefore(text: string, sentenceStart: number, end: number, rules: RuleSet, skip: readonly Span[]): string {
  const start = clauseStartBefore(text, sentenceStart, end);
  const clause = stripEdges(removeSpans(text, start, end, skip), rules.metric.leading, NO_WORDS);
  if (clause.length === 0 || /\d/u.test(clause)) return '';
  const { predicateTags } = rules.metric.listInClauseBefore;
  const change = listPatterns(rules).changeWords;
  let subject = '';
  for (const word of cutWords(clause)) {
    if (change.has(word) || predicateTags.includes(wordTag(word))) break;
    subject += word;
  }
  return trimEdgeNoise(subject);
}

/** The words after 分别 that belong to every item's name (分别*拉动GDP增长*), or '' when they do not open with a respective verb. */
function respectiveVerbAfter(text: string, respectively: number, rules: RuleSet): string {
  const after = text.slice(respectively + 2, respectively + 12).split(/[\d〇零一二两三四五六七八九十,，;；。]/u)[0];
  const verbAfter = stripEdges(after, NO_WORDS, rules.metric.trailing);
  return listPatterns(rules).respectiveVerb.test(verbAfter) ? verbAfter : '';
}
