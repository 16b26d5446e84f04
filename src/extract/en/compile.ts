/**
 * The English rules (rules/en/) compiled once per rule set: word lists become case-insensitive
 * whole-word regexes, the units a figure pattern, the places an English gazetteer.
 */
import type { RuleSet } from '../../rules/compile';
import { buildEnglishGazetteer, type EnglishGazetteer } from '../../gazetteer/english';

function escape(word: string): string {
  return word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+');
}

/** One alternation of the words, longest first, as whole words (no letter right before or after). */
export function wordsPattern(words: readonly string[]): string {
  const sorted = [...new Set(words)].sort((a, b) => b.length - a.length);
  return `(?<![A-Za-z-])(?:${sorted.map(escape).join('|')})(?![A-Za-z])`;
}

/** A phrase list matched at the end of a text (the words right before a figure). */
export function endingWith(words: readonly string[]): RegExp {
  return new RegExp(`${wordsPattern(words)}\\s*$`, 'i');
}

/** A phrase list matched at the start of a text (the words right after a figure). */
export function startingWith(words: readonly string[]): RegExp {
  return new RegExp(`^\\s*${wordsPattern(words)}`, 'i');
}

export function anywhere(words: readonly string[]): RegExp {
  return new RegExp(wordsPattern(words), 'gi');
}

export interface SignedCue {
  id: string;
  sign: 1 | -1;
  before: RegExp;
  after: RegExp;
}

export interface CompiledEnglish {
  gazetteer: EnglishGazetteer;
  multipliers: { pattern: RegExp; factors: Map<string, number>; id: string }[];
  multiplierWords: RegExp;
  multiplierFactor(word: string): number;
  currencyBefore: RegExp;
  currencyAfter: RegExp;
  currencyCode(word: string, before: boolean): string;
  percentAfter: RegExp;
  ppAfter: RegExp;
  timesAfter: RegExp | null;
  countedNoun: RegExp;
  regionNoun: RegExp;
  /** Units of measure among the counted nouns (units, tons). */
  measureNouns: Set<string>;
  /** A count of regions (11 regions, the 31 provinces) anywhere in a text. */
  regionCount: RegExp;
  bareAfter: RegExp;
  notFigureBefore: RegExp;
  notFigureAfter: RegExp;
  growth: { id: string; sign: 1 | -1; before: RegExp; beforeAnywhere: RegExp; after: RegExp; afterAnywhere: RegExp }[];
  shareBefore: { id: string; before: RegExp | null; after: RegExp | null }[];
  rateMetric: { id: string; words: RegExp } | null;
  levelAfter: RegExp;
  /** A phrase ending in a word of change (a yearly uptick, the growth rate): no measure's name. */
  growthNounEnd: RegExp;
  ppSign: { id: string; sign: 1 | -1; words: RegExp }[];
  basis: { id: string; basis: 'yoy' | 'avg_annual' | 'other'; words: RegExp; wordsAll: RegExp; pattern: RegExp | null }[];
  approx: { id: string; approx: 'about' | 'nearly' | 'over' | 'under'; before: RegExp; after: RegExp | null }[];
  threshold: RegExp;
  target: RegExp;
  targetMet: RegExp;
  /** Words right before a figure that make it the target itself (a target of, the goal of around). */
  targetFigure: RegExp | null;
  national: RegExp;
  /** Words right before a national word that make it part of a region's description (southwest China). */
  nationalNotAfter: RegExp | null;
  /** Words after a national word that make it a yardstick (the national average), not the subject. */
  nationalNotBefore: RegExp | null;
  /** Sources of national figures (the National Bureau of Statistics). */
  nationalSource: RegExp | null;
  /** Datelines opening a story (BEIJING, Oct. 19 (Xinhua) --): where it was filed, not what it is about. */
  datelines: { id: string; pattern: RegExp }[];
  /** Words opening an aside after a place (, capital of …, ; , a coastal city in …,). */
  appositive: { id: string; openers: RegExp; placeOpeners: RegExp | null; maxWords: number } | null;
  /** The words between two places that make the second describe the first (Wudang district in Guiyang). */
  describedIn: { id: string; between: RegExp } | null;
  /** A place right after "<venue> in" is where a figure was told (places.yaml venues). */
  venueBefore: RegExp | null;
  respectively: RegExp;
  /** Connectors between two figures of one verb (rose 7 percent in May, and 5 percent in June). */
  ellipsis: { id: string; words: RegExp } | null;
  /** both, all, each: a figure that holds for every place of a group. */
  distributive: RegExp;
  periods: { id: string; pattern: RegExp; pointInTime: boolean }[];
  periodNotAfter: RegExp;
  metric: {
    verbs: RegExp;
    ofBefore: RegExp;
    leading: RegExp;
    trailing: RegExp;
    anaphora: { words: RegExp; level: 'province' | 'city' | 'county' | 'any' }[];
    empty: Set<string>;
    clauseOpeners: RegExp;
    cutAfter: RegExp;
    intro: RegExp;
    regionPhrase: RegExp | null;
    objectHeads: RegExp;
    /** Verbs whose object is what changes by or to a figure (grow its GDP by 6 percent). */
    changeVerbs: RegExp | null;
    /** Words before the noun a figure is "of" that end what is not its name (within the annual target of). */
    ofCut: RegExp | null;
    /** Phrases after "in" that say how, not what (in real terms). */
    notInAfter: RegExp | null;
    /** Words opening an aside that describes the noun phrase before it (, a key gauge of consumption,). */
    asideOpeners: RegExp | null;
    /** Words saying how a change went (robust growth of): alone before a growth noun they name nothing. */
    manner: RegExp | null;
    /** A name that is only a target, and the qualifiers of it a measure named after it drops (annual). */
    targetOnly: RegExp | null;
    targetDropped: RegExp | null;
    /** Measures named without their owner (added value, revenue): the clause's subject owns them. */
    genericMeasures: RegExp | null;
    /** employed 230,000 people: a generic counted noun named by the verb before it (people employed). */
    countedByVerb: { nouns: Set<string>; verbs: RegExp; participle: Map<string, string> } | null;
  };
}

const cache = new WeakMap<object, CompiledEnglish>();

export function compileEnglish(rules: RuleSet): CompiledEnglish {
  const hit = cache.get(rules.en);
  if (hit) return hit;
  const { units, cues, periods, metric, places } = rules.en;
  const factors = new Map<string, number>();
  for (const m of units.multipliers) for (const w of m.words) factors.set(w.toLowerCase(), m.factor);
  const codes = new Map<string, string>();
  const codesBefore = new Map<string, string>();
  for (const c of units.currencies) {
    for (const w of c.after) codes.set(w.toLowerCase().replace(/\s+/g, ' '), c.code);
    for (const w of c.before) codesBefore.set(w.toLowerCase(), c.code);
  }
  const symbolsBefore = units.currencies.flatMap((c) => c.before).sort((a, b) => b.length - a.length);
  const compiled: CompiledEnglish = {
    gazetteer: buildEnglishGazetteer(rules.gazetteer, places),
    multipliers: units.multipliers.map((m) => ({ id: m.id, pattern: startingWith(m.words), factors })),
    multiplierWords: new RegExp(`^\\s?(${wordsPattern(units.multipliers.flatMap((m) => m.words))})`, 'i'),
    multiplierFactor: (word) => factors.get(word.toLowerCase()) ?? 1,
    // A symbol before the number: US$, RMB, $ (longest first; letters must end as a word).
    currencyBefore: new RegExp(`(?:${symbolsBefore.map((s) => (/[A-Za-z]$/.test(s) ? `(?<![A-Za-z])${escape(s)}\\s?` : escape(s))).join('|')})$`, 'i'),
    currencyAfter: new RegExp(`^\\s?(${wordsPattern(units.currencies.flatMap((c) => c.after))})`, 'i'),
    currencyCode: (word, before) => (before ? codesBefore : codes).get(word.toLowerCase().replace(/\s+/g, ' ').trim()) ?? 'CNY',
    percentAfter: new RegExp(`^\\s?(${units.percent.words.map((w) => (w === '%' ? '%' : `${escape(w)}(?![A-Za-z])`)).join('|')})`, 'i'),
    ppAfter: new RegExp(`^\\s?(${wordsPattern(units.pp.words)})`, 'i'),
    timesAfter: units.times ? new RegExp(`^[\\s-]?(${wordsPattern(units.times.words)})`, 'i') : null,
    countedNoun: new RegExp(`^\\s((?:[a-z0-9][a-z0-9&-]*\\s+){0,${units.counted.maxModifiers}}?)(${wordsPattern(units.counted.nouns)})`, 'i'),
    regionNoun: new RegExp(`^\\s((?:[a-z][a-z-]*\\s+){0,${units.counted.maxModifiers}}?)(${wordsPattern(units.counted.regionNouns)})`, 'i'),
    regionCount: new RegExp(`(?<![\\d.,])\\d+\\s+(?:[a-z-]+\\s+)?${wordsPattern(units.counted.regionNouns)}`, 'i'),
    measureNouns: new Set((units.counted.measures ?? []).map((w) => w.toLowerCase())),
    bareAfter: endingWith(units.bareAfter.words),
    notFigureBefore: new RegExp(`(?:${wordsPattern(units.notFigure.before.filter((w) => /^[A-Za-z]/.test(w)))}|#)\\.?\\s*$`, 'i'),
    notFigureAfter: new RegExp(`^(?:${units.notFigure.after.map((w) => (/^[A-Za-z]/.test(w) ? `\\s?${escape(w)}(?![A-Za-z])` : escape(w))).join('|')})`, 'i'),
    growth: cues.growth.map((g) => ({
      id: g.id,
      sign: g.sign,
      before: endingWith(g.before),
      beforeAnywhere: anywhere(g.before),
      after: startingWith(g.after),
      afterAnywhere: anywhere(g.after),
    })),
    shareBefore: cues.share.map((s) => ({
      id: s.id,
      before: s.before && s.before.length > 0 ? new RegExp(wordsPattern(s.before), 'i') : null,
      after: s.after && s.after.length > 0 ? startingWith(s.after) : null,
    })),
    rateMetric: (() => {
      const rate = cues.share.find((s) => s.metricWords && s.metricWords.length > 0);
      return rate ? { id: rate.id, words: new RegExp(wordsPattern(rate.metricWords!), 'i') } : null;
    })(),
    levelAfter: endingWith(cues.levelAfter.before),
    growthNounEnd: endingWith(cues.growth.flatMap((g) => [...g.before, ...g.after])),
    ppSign: cues.pp.map((p) => ({ id: p.id, sign: p.sign, words: startingWith(p.words) })),
    basis: cues.basis.map((b) => ({ id: b.id, basis: b.basis, words: new RegExp(wordsPattern(b.words), 'i'), wordsAll: anywhere(b.words), pattern: b.pattern ? new RegExp(b.pattern, 'i') : null })),
    approx: cues.approx.map((a) => ({ id: a.id, approx: a.approx, before: endingWith(a.before), after: a.after && a.after.length > 0 ? startingWith(a.after) : null })),
    threshold: new RegExp(wordsPattern(cues.threshold.before), 'i'),
    target: anywhere(cues.target.words),
    targetMet: new RegExp(`${wordsPattern(cues.target.metBefore ?? [])}(?:\\s+[a-z-]+){0,3}\\s+${wordsPattern(['target', 'targets', 'goal', 'goals'])}`, 'i'),
    targetFigure: cues.target.figureAfter && cues.target.figureAfter.length > 0 ? endingWith(cues.target.figureAfter) : null,
    national: new RegExp(wordsPattern(cues.national.words), 'i'),
    nationalNotAfter: cues.national.notAfter && cues.national.notAfter.length > 0 ? endingWith(cues.national.notAfter) : null,
    nationalNotBefore: cues.national.notBefore && cues.national.notBefore.length > 0 ? startingWith(cues.national.notBefore) : null,
    nationalSource: cues.national.sources && cues.national.sources.length > 0 ? new RegExp(wordsPattern(cues.national.sources), 'i') : null,
    datelines: (places.datelines ?? []).map((d) => ({ id: d.id, pattern: new RegExp(d.pattern, 'u') })),
    describedIn: places.describedIn ? { id: places.describedIn.id, between: new RegExp(`^(?:${places.describedIn.between})$`, 'i') } : null,
    venueBefore: places.venues ? new RegExp(`${wordsPattern(places.venues.words)}\\s+(?:held\\s+)?in\\s+(?:the\\s+)?$`, 'i') : null,
    appositive: places.appositive ? { id: places.appositive.id, openers: startingWith(places.appositive.openers), placeOpeners: places.appositive.placeOpeners ? startingWith(places.appositive.placeOpeners) : null, maxWords: places.appositive.maxWords } : null,
    respectively: new RegExp(wordsPattern(cues.respectively.words), 'i'),
    ellipsis: cues.ellipsis ? { id: cues.ellipsis.id, words: anywhere(cues.ellipsis.words) } : null,
    distributive: new RegExp(wordsPattern(cues.distributive?.words ?? []), 'i'),
    periods: periods.patterns.map((p) => ({ id: p.id, pattern: new RegExp(`(?<![A-Za-z0-9])(?:${p.pattern})(?![A-Za-z0-9])`, 'giu'), pointInTime: p.pointInTime ?? false })),
    periodNotAfter: endingWith(periods.notAfter),
    metric: {
      // the registered urban unemployment rate: a verb form right after an article is an adjective
      verbs: new RegExp(`(?<!\\b(?:the|a|an)\\s+)${wordsPattern(metric.verbs)}`, 'gi'),
      ofBefore: new RegExp(`(?:^|[^A-Za-z])(${wordsPattern(metric.ofBefore)})\\s*$`, 'i'),
      leading: new RegExp(`^(?:(?:${wordsPattern(metric.leading)})[\\s,]*)+`, 'i'),
      trailing: new RegExp(`(?:[\\s,]*(?:${wordsPattern(metric.trailing)}))+$`, 'i'),
      anaphora: metric.anaphora.map((a) => ({ words: anywhere(a.words), level: a.level })),
      empty: new Set(metric.empty.map((w) => w.toLowerCase())),
      clauseOpeners: new RegExp(`^(?:${wordsPattern(metric.clauseOpeners ?? [])})\\s+`, 'i'),
      cutAfter: new RegExp(`^.*${wordsPattern(metric.cutAfter ?? [])}\\s+`, 'is'),
      intro: new RegExp(`^(?:${wordsPattern(metric.introWords ?? [])})(?:\\s|$)`, 'i'),
      regionPhrase: metric.regionPhrase ? new RegExp(metric.regionPhrase, 'g') : null,
      objectHeads: new RegExp(wordsPattern(metric.objectHeads ?? []), 'i'),
      changeVerbs: metric.changeVerbs && metric.changeVerbs.length > 0 ? anywhere(metric.changeVerbs) : null,
      ofCut: metric.ofCut && metric.ofCut.length > 0 ? anywhere(metric.ofCut) : null,
      notInAfter: metric.notInAfter && metric.notInAfter.length > 0 ? startingWith(metric.notInAfter) : null,
      asideOpeners: metric.asideOpeners && metric.asideOpeners.length > 0 ? startingWith(metric.asideOpeners) : null,
      genericMeasures: metric.genericMeasures && metric.genericMeasures.length > 0 ? new RegExp(`^${wordsPattern(metric.genericMeasures)}$`, 'i') : null,
      countedByVerb: metric.countedByVerb
        ? {
            nouns: new Set(metric.countedByVerb.nouns.map((n) => n.toLowerCase())),
            verbs: new RegExp(`(${wordsPattern(Object.keys(metric.countedByVerb.verbs))})\\s+(?:${wordsPattern(metric.countedByVerb.between)}\\s+)?$`, 'i'),
            participle: new Map(Object.entries(metric.countedByVerb.verbs).map(([k, v]) => [k.toLowerCase(), v])),
          }
        : null,
      manner: metric.manner && metric.manner.length > 0 ? new RegExp(`^(?:${wordsPattern(metric.manner)}\\s*)+$`, 'i') : null,
      targetOnly: metric.targetNames
        ? new RegExp(`^(?:(?:${metric.targetNames.qualifiers.map(escape).join('|')})\\s+)?(?:${metric.targetNames.heads.map(escape).join('|')})s?$`, 'i')
        : null,
      targetDropped: metric.targetNames ? new RegExp(`^(?:${metric.targetNames.dropped.map(escape).join('|')})\\s+`, 'i') : null,
    },
  };
  cache.set(rules.en, compiled);
  return compiled;
}
