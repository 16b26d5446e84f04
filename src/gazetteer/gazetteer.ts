/**
 * The gazetteer: resolves place names and short forms to GB/T 2260 units and finds place mentions in
 * running text. Built from the package divisions (./divisions) plus the corrections in rules/places.yaml.
 *
 * Ambiguity policy (byName and findMentions alike), for a name several units share (朝阳区 in 北京 and
 * 长春; 吉林 = 吉林省 and 吉林市):
 *   1. a full official name beats a short form (吉林市 is the city, never the province);
 *   2. with `preferProvince`, keep only the candidates in that province, if any are;
 *   3. of the rest, keep the highest level (province > prefecture > county): a bare 吉林 or 海南 in the
 *      news is the province far more often than the prefecture or district of the same name;
 *   4. if more than one is left, the name is ambiguous and resolves to nothing (null / no mention) —
 *      a wrong city is worse than an unknown one.
 * findMentions additionally uses the text itself: an ambiguous mention is resolved to the candidate lying
 * in a province or prefecture that the text mentions unambiguously (南京…鼓楼区 → 南京市鼓楼区), and a
 * county's short form is only read as a place where that county is expected (see mentionablePlaces).
 */
import { RuleFileError, type RuleIssue } from '../rules/issues';
import { packageDivisions, type Division, type DivisionNames, type PlaceLevel } from './divisions';
import type { PlacesRules } from './placesRules';
import { WordTrie } from './wordTrie';

export interface Place {
  name: string;
  code: string;
  level: PlaceLevel;
  parent: string | null;
  province: string;
  aliases: string[];
}

export interface PlaceMention {
  place: Place;
  start: number;
  end: number;
  text: string;
}

export interface Gazetteer {
  byName(nameOrAlias: string, preferProvince?: string): Place | null;
  /** A place's short form read from its full name (湖州市 → 湖州), blocked or not; null when it has none. */
  shortNameOf(place: Place): string | null;
  byCode(code: string): Place | null;
  /**
   * All non-overlapping place mentions in text[from, to) (all of it by default), longest match first,
   * left to right. Positions are in `text`; a range finds what its slice would, without the copy.
   */
  findMentions(text: string, preferProvince?: string, from?: number, to?: number): PlaceMention[];
  /** Whether a mention in text[…, to) may start at `at`: some name or short form starts there (a quick test before findMentions). */
  mayMentionAt(text: string, at: number, to: number): boolean;
  places(): readonly Place[];
  /** words for the segmenter's user dictionary (full names and aliases) */
  dictionaryTerms(): string[];
}

const LEVEL_RANK: Record<PlaceLevel, number> = { province: 3, prefecture: 2, county: 1 };
/** 场, as in 市场. */
const CHANG = '场'.charCodeAt(0);

/** One searchable word and the places it may name. */
interface Term {
  text: string;
  isFullName: boolean;
  places: Place[];
  /** The places it names wherever it occurs: all of them for a full name, else those above county level. */
  placesAnywhere: Place[];
  /** Counties it is the short form of: named only where expected (see mentionablePlaces). */
  countyShortForms: Place[];
  /** A full name ending in 市, which yields to 市场 (江山市场). */
  fullNameEndsWithShi: boolean;
  /** The one place it names wherever it occurs, if it can name no other: then no context changes what it names. */
  soleMeaning: Place | null;
}

interface Candidate {
  term: Term;
  start: number;
  end: number;
}

/** Builds the gazetteer from the package divisions, their names read with `names` (rules/divisions.yaml); throws RuleFileError if the rules name unknown places. */
export function buildGazetteer(overrides: PlacesRules, names: DivisionNames, file = 'rules/places.yaml'): Gazetteer {
  return buildGazetteerFromDivisions(packageDivisions(names), overrides, file);
}

/** As buildGazetteer, over given divisions (tests and other data sources). */
export function buildGazetteerFromDivisions(divisions: readonly Division[], rules: PlacesRules, file = 'rules/places.yaml'): Gazetteer {
  const issues = placesRulesIssues(divisions, rules, file);
  if (issues.length > 0) throw new RuleFileError(issues);

  const blocked = new Set(rules.blockedAliases);
  const places: Place[] = divisions.map((d) => ({
    name: d.name,
    code: d.code,
    level: d.level,
    parent: d.parent,
    province: d.province,
    aliases: d.shortName && !blocked.has(d.shortName) ? [d.shortName] : [],
  }));
  const shortNames = new Map<Place, string | null>(places.map((p, i) => [p, divisions[i].shortName]));
  const placeByCode = new Map(places.map((p) => [p.code, p]));
  for (const extra of rules.extraAliases) {
    const place = extra.code ? placeByCode.get(extra.code) : places.find((p) => p.name === extra.name);
    if (place && !place.aliases.includes(extra.alias)) place.aliases.push(extra.alias);
  }

  // A word that is some place's full name only ever names those places (rule 1 of the policy).
  const termByText = new Map<string, Term>();
  const newTerm = (text: string, isFullName: boolean, place: Place): Term =>
    ({ text, isFullName, places: [place], placesAnywhere: [], countyShortForms: [], fullNameEndsWithShi: isFullName && text.endsWith('市'), soleMeaning: null });
  for (const place of places) {
    if (blocked.has(place.name)) continue;
    const term = termByText.get(place.name);
    if (term?.isFullName) term.places.push(place);
    else termByText.set(place.name, newTerm(place.name, true, place));
  }
  // 陵水县 for 陵水黎族自治县: read wherever it stands, as a full name is, unless a unit is called so.
  places.forEach((place, i) => {
    const plain = divisions[i]!.plainName;
    if (!plain || blocked.has(plain)) return;
    const term = termByText.get(plain);
    if (!term) termByText.set(plain, newTerm(plain, true, place));
    else if (term.isFullName && !term.places.some((p) => p.name === plain)) term.places.push(place);
  });
  for (const place of places) {
    for (const alias of place.aliases) {
      const term = termByText.get(alias);
      if (!term) termByText.set(alias, newTerm(alias, false, place));
      else if (!term.isFullName) term.places.push(place);
    }
  }
  // The matcher runs on every clause head and every sentence with a figure: one trie walk per position.
  const termTrie = new WordTrie<Term>();
  for (const term of termByText.values()) {
    term.placesAnywhere = term.isFullName ? term.places : term.places.filter((p) => p.level !== 'county');
    term.countyShortForms = term.isFullName ? [] : term.places.filter((p) => p.level === 'county');
    term.soleMeaning = term.placesAnywhere.length === 1 && term.countyShortForms.length === 0 ? term.placesAnywhere[0]! : null;
    termTrie.add(term.text, term);
  }

  const provinceByAnyName = new Map<string, string>();
  for (const place of places) {
    if (place.level !== 'province') continue;
    provinceByAnyName.set(place.name, place.name);
    for (const alias of place.aliases) provinceByAnyName.set(alias, place.name);
  }

  function provinceNamed(preferProvince: string | undefined): string | undefined {
    return preferProvince === undefined ? undefined : (provinceByAnyName.get(preferProvince.trim()) ?? preferProvince.trim());
  }

  /** Steps 2–4 of the policy over the places a word may name. */
  function resolve(places: readonly Place[], province: string | undefined, context?: MentionContext): Place | null {
    let candidates = places;
    if (candidates.length <= 1) return candidates[0] ?? null;
    if (province !== undefined) {
      const inProvince = candidates.filter((p) => p.province === province);
      if (inProvince.length > 0) candidates = inProvince;
    }
    if (context) {
      // The narrower context decides first: 南京市…鼓楼区 is 南京's, though 徐州 (also 江苏) has one too.
      // A county named like its own prefecture (岳阳县 under 岳阳市) is not put in context by that
      // prefecture: a bare 岳阳 is the city, whichever of the two the text named before.
      const underPrefecture = candidates.filter((p) => p.parent !== null && context.prefectures.has(p.parent) && !candidates.some((q) => q.name === p.parent));
      const inContextProvince = candidates.filter((p) => context.provinces.has(p.province));
      if (underPrefecture.length > 0) candidates = underPrefecture;
      else if (inContextProvince.length > 0) candidates = inContextProvince;
    }
    const topRank = Math.max(...candidates.map((p) => LEVEL_RANK[p.level]));
    const top = candidates.filter((p) => LEVEL_RANK[p.level] === topRank);
    return top.length === 1 ? top[0]! : null;
  }

  /**
   * Places a word found in running text may name. The two-character short forms of the ~2,800 counties
   * occur inside ordinary words all the time (搭建平台 → 建平, 高密度 → 高密, 三大关键 → 大关), so a
   * county's short form counts only where the county is expected: in the preferred province, or under a
   * province or prefecture the text itself names (浙江…安吉, 温州…乐清; a mere 广州 does not admit every
   * 广东 county). Full names and the short forms of provinces and prefectures count everywhere.
   */
  function mentionablePlaces(term: Term, province: string | undefined, context: MentionContext): readonly Place[] {
    if (term.countyShortForms.length === 0) return term.placesAnywhere;
    const expected = term.countyShortForms.filter((p) => isExpectedCounty(p, province, context));
    // (resolve does not depend on the order of the places.)
    return expected.length === 0 ? term.placesAnywhere : [...term.placesAnywhere, ...expected];
  }

  /** Whether mentionablePlaces is not empty, without building it. */
  function isMentionable(term: Term, province: string | undefined, context: MentionContext): boolean {
    return term.placesAnywhere.length > 0 || term.countyShortForms.some((p) => isExpectedCounty(p, province, context));
  }

  /** Every occurrence of a term in text[from, to), by start (shorter first at a start). */
  function findCandidates(text: string, from: number, to: number): Candidate[] {
    const found: Candidate[] = [];
    termTrie.forEachMatch(
      text,
      (term, start, end) => {
        // 江山市场, 中山市场: the 市 belongs to 市场 — read the place as its short form, if it has one.
        if (term.fullNameEndsWithShi && end < to && text.charCodeAt(end) === CHANG) return;
        found.push({ term, start, end });
      },
      from,
      to,
    );
    return found;
  }

  const allTerms = [...termByText.keys()];

  return {
    shortNameOf(place) {
      return shortNames.get(place) ?? null;
    },
    byName(nameOrAlias, preferProvince) {
      const term = termByText.get(nameOrAlias.trim());
      return term ? resolve(term.places, provinceNamed(preferProvince)) : null;
    },
    byCode(code) {
      return placeByCode.get(code) ?? null;
    },
    findMentions(text, preferProvince, from = 0, to = text.length) {
      const candidates = findCandidates(text, from, to);
      if (candidates.length === 0) return [];
      // Most texts name only places that no context can change (湖州市, 浙江): the passes below would keep them all.
      if (candidates.every((c) => c.term.soleMeaning !== null)) {
        return selectNonOverlapping(candidates).map((c) => ({ place: c.term.soleMeaning!, start: c.start, end: c.end, text: c.term.text }));
      }
      const province = provinceNamed(preferProvince);
      // Pass 1: what the text names without help from county short forms sets the context…
      const strong = candidates.filter((c) => isMentionable(c.term, province, NO_CONTEXT));
      // (With nothing named so far, there is no context to admit anything else either.)
      if (strong.length === 0) return [];
      const context: MentionContext = { provinces: new Set(), namedProvinces: new Set(), prefectures: new Set() };
      const strongKept = selectNonOverlapping(strong);
      for (const c of strongKept) {
        const place = resolve(mentionablePlaces(c.term, province, NO_CONTEXT), province);
        if (!place) continue;
        context.provinces.add(place.province);
        if (place.level === 'province') context.namedProvinces.add(place.name);
        if (place.level === 'prefecture') context.prefectures.add(place.name);
      }
      // …pass 2: with it, county short forms are admitted and ambiguous names resolved. The context only
      // adds candidates, so if it added none, pass 1 already chose the same ones.
      const admitted = candidates.filter((c) => isMentionable(c.term, province, context));
      const kept = admitted.length === strong.length ? strongKept : selectNonOverlapping(admitted);
      const mentions: PlaceMention[] = [];
      for (const c of kept) {
        const place = resolve(mentionablePlaces(c.term, province, context), province, context);
        if (place) mentions.push({ place, start: c.start, end: c.end, text: c.term.text });
      }
      return mentions;
    },
    mayMentionAt(text, at, to) {
      return termTrie.hasMatchAt(text, at, to);
    },
    places() {
      return places;
    },
    dictionaryTerms() {
      return allTerms;
    },
  };
}

/** What a text names without help from county short forms. */
interface MentionContext {
  /** Provinces of every such mention (湖州 → 浙江省): used to pick among same-named places. */
  provinces: Set<string>;
  /** Provinces named themselves (浙江, 浙江省): these admit their counties' short forms. */
  namedProvinces: Set<string>;
  prefectures: Set<string>;
}

/** Whether a county's short form names it where the text stands: in the preferred province or under a place the text names. */
function isExpectedCounty(county: Place, province: string | undefined, context: MentionContext): boolean {
  return county.province === province || context.namedProvinces.has(county.province) || (county.parent !== null && context.prefectures.has(county.parent));
}

/**
 * Candidates (by start) that overlap none already kept, taking full names first, then longer, then
 * earlier. Kept by start. Candidates overlap only within a run that starts after the end of all
 * before it, so each run is decided alone — most are one candidate, or a name and its short form.
 */
function selectNonOverlapping(candidates: readonly Candidate[]): Candidate[] {
  const kept: Candidate[] = [];
  for (let runStart = 0; runStart < candidates.length; ) {
    let runEnd = runStart + 1;
    let end = candidates[runStart]!.end;
    for (; runEnd < candidates.length && candidates[runEnd]!.start < end; runEnd++) end = Math.max(end, candidates[runEnd]!.end);
    if (runEnd === runStart + 1) kept.push(candidates[runStart]!);
    else kept.push(...selectInRun(candidates.slice(runStart, runEnd)));
    runStart = runEnd;
  }
  return kept;
}

/** The greedy choice of selectNonOverlapping among candidates that may overlap, by start. */
function selectInRun(run: Candidate[]): Candidate[] {
  const ordered = run.sort(
    (a, b) => Number(b.term.isFullName) - Number(a.term.isFullName) || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: Candidate[] = [];
  for (const c of ordered) if (!kept.some((k) => k.start < c.end && c.start < k.end)) kept.push(c);
  return kept.sort((a, b) => a.start - b.start);
}

/** Pass 1 of findMentions: before the text has said anything (never added to). */
const NO_CONTEXT: MentionContext = { provinces: new Set(), namedProvinces: new Set(), prefectures: new Set() };

/** Rule entries that name nothing in the data: a blocked word no place uses, an extra alias for an unknown place. */
export function placesRulesIssues(divisions: readonly Division[], rules: PlacesRules, file: string): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const words = new Set<string>();
  for (const d of divisions) {
    words.add(d.name);
    if (d.shortName) words.add(d.shortName);
  }
  rules.blockedAliases.forEach((word, i) => {
    if (!words.has(word)) issues.push({ file, path: `blockedAliases[${i}]`, message: `"${word}" is not the name or short form of any place` });
  });
  rules.extraAliases.forEach((extra, i) => {
    const named = divisions.filter((d) => d.name === extra.name);
    if (named.length === 0) {
      issues.push({ file, path: `extraAliases[${i}].name`, message: `no place is named "${extra.name}"` });
    } else if (extra.code !== undefined && !named.some((d) => d.code === extra.code)) {
      issues.push({ file, path: `extraAliases[${i}].code`, message: `no place "${extra.name}" has code ${extra.code}` });
    } else if (extra.code === undefined && named.length > 1) {
      issues.push({ file, path: `extraAliases[${i}]`, message: `"${extra.name}" names ${named.length} places; add its code` });
    }
  });
  return issues;
}
