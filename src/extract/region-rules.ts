/**
 * rules/regions.yaml compiled for the place finders (places.ts) and the article head reader
 * (articles.ts): one regex per list, built once per rule set. Free of zod: workers compile rules the
 * main thread validated.
 */
import { CodeUnitSet, WHITESPACE_CHARS } from '../text/codeUnitSet';
import type { RegionsFile } from '../rules/regions-schema';

/** home: 全市/我市; anaphora: 该市 (the place last spoken of); province: 全省; nation: 全国. */
export const REGION_WORD_KINDS = ['home', 'anaphora', 'province', 'nation'] as const;
export type RegionWordKind = (typeof REGION_WORD_KINDS)[number];

export interface RegionRules {
  /** Any region word (all are two characters: at most one stands at a position). Global: callers set lastIndex. */
  regionWord: RegExp;
  regionWordKind: ReadonlyMap<string, RegionWordKind>;
  /** The characters that start a region word. */
  regionWordFirsts: CodeUnitSet;
  /** The home words that name a city (全市): in a county's or a district's article they mean the city above it. */
  cityHomeWords: ReadonlySet<string>;
  /** The trace id of each kind of region word. */
  regionWordRule: Readonly<Record<RegionWordKind, string>>;
  /** Tried on the text right after a 全国/全省 word: an honour or ranking title it is the scope of (百强企业, 首批试点); group 1 is what stands before the title. */
  scopeQualifierAfter: RegExp;
  /** What may follow a province's short form without making it part of a company's name (浙江省, 江苏的). */
  provinceShortFormFollowers: string;
  /** Tried on the text right after a place: a joiner to another place (庆云至章丘), making a route's name. */
  routeJoiner: RegExp;
  /** Tried on the text before a place that ends its clause: a word introducing it as the topic (…之称的东莞，). */
  topicIntroducerBefore: RegExp;
  /** The characters that start a route or list joiner (a quick test before the patterns). */
  joinerFirsts: CodeUnitSet;
  /** Tried on the text right after a place: a joiner to another place of a list (、, 和). */
  listJoiner: RegExp;
  /** Tried on a clause's head: a word that lets a subject stand past the lead (的, 包括, 位于, 作为). */
  subjectPastLead: RegExp;
  /** Tried on the text before a place followed by 的: a word saying the clause's thing lies there (位于). */
  locatedInBefore: RegExp;
  /** Tried on the text after a list of places: a word saying its places are not spoken of together (等, 分别). */
  notJointAfter: RegExp;
  /** The rule id a figure of places spoken of together traces. */
  jointListRule: string;
  /** Tried on a clause's text before a place after 的: a frame making the place its subject (作为…的). */
  topicFrame: RegExp;
  /** Tried on the text before a region: a comparison word (and a filler: 高于同期), so a figure right after the region is its own. */
  comparedWithBefore: RegExp;
  /** Any comparison word, anywhere: a text without one holds no place comparedWithBefore can follow. */
  comparedWithWord: RegExp;
  /** The rule id the records of a compared region's figure trace. */
  comparedWithRule: string;
  /** What may stand between a comparison word and its region (同期). */
  nonSubjectFillers: readonly string[];
  /** Tried on the few characters before a region: a comparison or ranking word ends there. */
  nonSubjectBefore: RegExp;
  /** How many characters before a region nonSubjectBefore needs to see. */
  nonSubjectWindow: number;
  /** Tried on the text right after a place: an organisation named after it (市经信局, 海关). */
  organisationAfter: RegExp;
  /** The lead words (and spaces, opening quotes) a clause may start with before its subject; matches at 0, possibly nothing. */
  subjectLead: RegExp;
  /** Every character subjectLead can match (and a few of its syntax): a character outside them ends any lead. */
  subjectLeadChars: CodeUnitSet;
  /** subjectLead read at a position of a text (sticky). */
  subjectLeadAt: RegExp;
  /** A line holding one of these is a byline or a page's furniture, not a headline. */
  byline: RegExp;
  /** Tried on the text right after a place: a dateline (杭州报道). */
  datelineAfter: RegExp;
}

/** Words as regex alternatives, longest first (so a word is never cut short by one it starts with). */
function alternatives(words: readonly string[]): string {
  return [...words].sort((a, b) => b.length - a.length || a.localeCompare(b)).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
}

export function compileRegionRules(file: RegionsFile): RegionRules {
  const kinds = new Map<string, RegionWordKind>();
  for (const kind of REGION_WORD_KINDS) for (const word of file.regionWords[kind].words) kinds.set(word, kind);
  const allWords = [...kinds.keys()];
  const lead = String.raw`(?:[\s“”"'(（]|${alternatives(file.subjectLeadWords.words)})*`;
  return {
    regionWord: new RegExp(alternatives(allWords), 'gu'),
    regionWordKind: kinds,
    cityHomeWords: new Set(file.regionWords.home.cityWords),
    regionWordFirsts: new CodeUnitSet(allWords.map((w) => w.charCodeAt(0))),
    regionWordRule: Object.fromEntries(REGION_WORD_KINDS.map((k) => [k, file.regionWords[k].id])) as Record<RegionWordKind, string>,
    scopeQualifierAfter: new RegExp(`^([\\u4e00-\\u9fa5A-Za-z0-9]{0,8}?)(?:${alternatives(file.scopeQualifierAfter.words)})`, 'u'),
    provinceShortFormFollowers: file.provinceShortFormFollowers.words.join(''),
    routeJoiner: new RegExp(`^(?:${alternatives(file.routeJoiners.words)})`, 'u'),
    topicIntroducerBefore: new RegExp(`(?:${alternatives(file.topicIntroducers.words)})$`, 'u'),
    joinerFirsts: new CodeUnitSet([...file.routeJoiners.words, ...file.listJoiners.words].map((w) => w.charCodeAt(0))),
    listJoiner: new RegExp(`^(?:${alternatives(file.listJoiners.words)})`, 'u'),
    notJointAfter: new RegExp(`^[^，,；;：:。]*?(?:${alternatives(file.listJoiners.notJointAfter)})`, 'u'),
    jointListRule: file.listJoiners.id,
    subjectPastLead: new RegExp(alternatives(['的', ...file.topicIntroducers.words, ...file.locatedIn.words, ...file.topicFrames.words]), 'u'),
    locatedInBefore: new RegExp(`(?:${alternatives(file.locatedIn.words)})$`, 'u'),
    topicFrame: new RegExp(`^[\\s“”"'(（]*(?:${alternatives(file.topicFrames.words)})[^，,；;：:]*的$`, 'u'),
    comparedWithRule: file.comparedWith.id,
    comparedWithBefore: new RegExp(`(?:${alternatives(file.comparedWith.words)})(?:${alternatives(file.nonSubjectBefore.fillers)})?$`, 'u'),
    comparedWithWord: new RegExp(alternatives(file.comparedWith.words), 'u'),
    nonSubjectFillers: [...file.nonSubjectBefore.fillers].sort((a, b) => b.length - a.length),
    nonSubjectBefore: new RegExp(`(?:${alternatives(file.nonSubjectBefore.words)})(?:${alternatives(file.nonSubjectBefore.fillers)})?$`, 'u'),
    nonSubjectWindow: Math.max(4, ...file.nonSubjectBefore.words.map((w) => w.length + Math.max(0, ...file.nonSubjectBefore.fillers.map((f) => f.length)))),
    organisationAfter: new RegExp(`^(?:市|县|区|省)?(?:(?!的)[\\u4e00-\\u9fa5]){0,6}?(?:${alternatives(file.organisationSuffixes.words)})`, 'u'),
    subjectLead: new RegExp(`^${lead}`, 'u'),
    subjectLeadAt: new RegExp(lead, 'uy'),
    subjectLeadChars: CodeUnitSet.of(lead + WHITESPACE_CHARS),
    byline: new RegExp(alternatives(file.bylineWords.words), 'u'),
    datelineAfter: new RegExp(`^\\s*(?:${alternatives(file.datelineAfter.words)})`, 'u'),
  };
}
