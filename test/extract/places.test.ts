/**
 * The place finders of src/extract/places.ts against the plain code they replaced (below): the same
 * regions, clause-head regions and clause subjects over the seeds' sentences and over fuzzed text.
 */
import { clauseHeadRegions, clauseSubject, regionMentions, type RegionMention } from '../../src/extract/places';
import { findPeriodMentions, type PeriodMention } from '../../src/extract/periods';
import { clauseStartBefore, splitSentences, type Sentence } from '../../src/extract/sentences';
import type { Place } from '../../src/gazetteer/gazetteer';
import { liesWithin } from '../../src/gazetteer/within';
import nodejieba from 'nodejieba';
import type { RuleSet } from '../../src/rules/ruleset';
import YAML from 'yaml';
import { bundledRuleFiles, bundledRules } from '../support/extract';
import { fuzzText, seedTexts, seededRandom } from '../support/fuzz';

// ---- The reference: places.ts as it was, a regex per word kind over a copy of each range, with the
// word lists read from rules/regions.yaml as written (not as compiled).

const regionsFile = (YAML.parse(bundledRuleFiles().find((f) => f.name === 'regions.yaml')!.text) as { [list: string]: { words: string[] } }) as unknown as {
  regionWords: Record<'home' | 'anaphora' | 'province' | 'nation', { words: string[] }>;
} & Record<'nonSubjectBefore' | 'organisationSuffixes' | 'subjectLeadWords' | 'scopeQualifierAfter' | 'provinceShortFormFollowers' | 'routeJoiners' | 'listJoiners' | 'topicIntroducers' | 'topicFrames' | 'locatedIn', { words: string[] }>;
const anyOf = (words: string[]) => [...words].sort((a, b) => b.length - a.length).join('|');
const HOME_WORDS = new RegExp(`(${anyOf(regionsFile.regionWords.home.words)})`, 'gu');
const ANAPHORA_WORDS = new RegExp(`(${anyOf(regionsFile.regionWords.anaphora.words)})`, 'gu');
const PROVINCE_WORDS = new RegExp(`(${anyOf(regionsFile.regionWords.province.words)})`, 'gu');
const NATION_WORDS = new RegExp(`(${anyOf(regionsFile.regionWords.nation.words)})`, 'gu');
const FILLERS = (regionsFile.nonSubjectBefore as unknown as { fillers: string[] }).fillers;
const NON_SUBJECT_BEFORE = new RegExp(`(${anyOf(regionsFile.nonSubjectBefore.words)})(${anyOf(FILLERS)})?$`, 'u');
const NON_SUBJECT_WINDOW = Math.max(4, ...regionsFile.nonSubjectBefore.words.map((w) => w.length + Math.max(...FILLERS.map((f) => f.length))));
const ROUTE_JOINERS = regionsFile.routeJoiners.words;
const LIST_JOINERS = regionsFile.listJoiners.words;
const REGION_WORDS = Object.values(regionsFile.regionWords).flatMap((list) => list.words);
const NOT_JOINT_AFTER = (regionsFile.listJoiners as unknown as { notJointAfter: string[] }).notJointAfter;
const TOPIC_INTRODUCERS = regionsFile.topicIntroducers.words;
const TOPIC_FRAMES = regionsFile.topicFrames.words;
const LOCATED_IN = regionsFile.locatedIn.words;

/** A place ending its clause after 的/包括…, or after a 作为…的 frame at its clause's start. */
function referenceIntroducesTopic(text: string, from: number, r: RegionMention): boolean {
  const next = text[r.end];
  if (next !== undefined && '，,:：'.includes(next) && TOPIC_INTRODUCERS.some((w) => text.slice(Math.max(from, r.start - 4), r.start).endsWith(w))) return true;
  if (r.start <= from || text[r.start - 1] !== '的') return false;
  const clause = text.slice(clauseStartBefore(text, from, r.start), r.start).replace(/^[\s“”"'(（]*/u, '');
  return TOPIC_FRAMES.some((w) => clause.startsWith(w)) && !/[，,；;：:]/u.test(clause);
}
const ORG_AFTER = new RegExp(`(?:市|县|区|省)?(?:(?!的)[\\u4e00-\\u9fa5]){0,6}?(?:${anyOf(regionsFile.organisationSuffixes.words)})`, 'uy');
const SUBJECT_LEAD = new RegExp(`^(?:[\\s“”"'(（]|${anyOf(regionsFile.subjectLeadWords.words)})*`, 'u');
const CITY_HOME_WORDS = (regionsFile.regionWords.home as unknown as { cityWords: string[] }).cityWords;
const AFTER_PROVINCE_SHORT_FORM = regionsFile.provinceShortFormFollowers.words.join('');
const SCOPE_TITLES = regionsFile.scopeQualifierAfter.words;

/** Whether a title word starts within 8 characters after `at`, with no verb and no break before it. */
function referenceScopesTitle(text: string, at: number, to: number): boolean {
  for (let gap = 0; gap <= 8 && at + gap <= to; gap++) {
    const between = text.slice(at, at + gap);
    if (!/^[\u4e00-\u9fa5A-Za-z0-9]*$/u.test(between)) return false;
    if (SCOPE_TITLES.some((w) => text.startsWith(w, at + gap) && at + gap + w.length <= to)) return gap === 0 || !nodejieba.tag(between).some((t) => t.tag === 'v');
  }
  return false;
}
const CLAUSE_BREAKS = /[,;:，；：。!?！？]/gu;

function referenceIsSubjectPosition(text: string, sentenceStart: number, at: number, periods: readonly PeriodMention[]): boolean {
  const clauseStart = clauseStartBefore(text, sentenceStart, at);
  if (clauseStart === at) return true;
  let prefix = '';
  for (let i = clauseStart; i < at; i++) if (!periods.some((p) => i >= p.start && i < p.end)) prefix += text[i];
  return SUBJECT_LEAD.exec(prefix)![0].length === prefix.length;
}

function referenceRegionMentions(text: string, from: number, to: number, rules: RuleSet, home: Place | null, province: string | null, periods: readonly PeriodMention[]): RegionMention[] {
  const slice = text.slice(from, to);
  const out: RegionMention[] = [];
  const found = rules.gazetteer.findMentions(slice, province ?? undefined);
  const subjectAt = new Map<RegionMention, number>();
  const listed = new Set<RegionMention>();
  const lists: [RegionMention, RegionMention][] = [];
  let listFirst: RegionMention | null = null;
  let lastListed: RegionMention | null = null;
  const joinedTo = (m: { end: number }, joiners: string[], next: { start: number } | undefined) => joiners.find((j) => slice.startsWith(j, m.end) && next?.start === m.end + j.length);
  for (let i = 0; i < found.length; i++) {
    const m = found[i];
    ORG_AFTER.lastIndex = m.end;
    if (ORG_AFTER.test(slice)) continue;
    if (m.text !== m.place.name && m.start > 0 && /[\u4e00-\u9fa5]/u.test(slice[m.start - 1]!)) {
      // The segmenter's word boundaries over the four characters before the name and the name itself.
      const windowStart = Math.max(0, m.start - 4);
      const boundaries = new Set<number>();
      let at = windowStart;
      for (const word of nodejieba.cut(slice.slice(windowStart, m.end), true)) boundaries.add((at += word.length) - word.length);
      if (!boundaries.has(m.start)) continue;
    }
    const code = slice.charCodeAt(m.end);
    if (m.place.level === 'province' && m.text !== m.place.name && code >= 0x4e00 && code <= 0x9fa5 && !AFTER_PROVINCE_SHORT_FORM.includes(slice[m.end]!) && !rules.indicators.dictionaryTerms().some((t) => slice.startsWith(t, m.end))) continue;
    if (joinedTo(m, ROUTE_JOINERS, found[i + 1])) {
      i++;
      continue;
    }
    const r: RegionMention = { start: from + m.start, end: from + m.end, place: m.place, kind: 'named', subject: false };
    const previousFound = found[i - 1];
    const goesOn = joinedTo(m, LIST_JOINERS, found[i + 1]) !== undefined;
    const continues = previousFound !== undefined && joinedTo(previousFound, LIST_JOINERS, m) !== undefined && lastListed !== null && lastListed.end === from + previousFound.end;
    if (goesOn || continues) {
      listed.add(r);
      if (!continues) listFirst = r;
      if (!goesOn && listFirst) lists.push([listFirst, r]);
      lastListed = r;
    }
    const before = out[out.length - 1];
    if (before && before.end === r.start && before.place && liesWithin(m.place, before.place)) {
      out.pop();
      subjectAt.set(r, subjectAt.get(before) ?? before.start);
    }
    out.push(r);
  }
  const provincePlace = () => (province ? rules.gazetteer.byName(province) : home ? rules.gazetteer.byName(home.province) : null);
  // 全市 in a county's article is the city above it; 全县 the county.
  const homeOf = (word: string) => (home && home.level === 'county' && !home.name.endsWith('市') && home.parent && CITY_HOME_WORDS.includes(word) ? rules.gazetteer.byName(home.parent, home.province) : home);
  const words: [RegExp, (word: string) => Place | null, RegionMention['kind']][] = [
    [HOME_WORDS, homeOf, 'home'],
    [ANAPHORA_WORDS, () => null, 'anaphora'],
    [PROVINCE_WORDS, provincePlace, 'province'],
    [NATION_WORDS, () => null, 'nation'],
  ];
  for (const [pattern, place, kind] of words) {
    for (const m of slice.matchAll(pattern)) out.push({ start: from + m.index, end: from + m.index + m[0].length, place: place(m[0]), kind, subject: false });
  }
  const regions: RegionMention[] = [];
  for (const r of out) {
    if (out.some((o) => o !== r && o.start <= r.start && o.end >= r.end && o.end - o.start > r.end - r.start)) continue;
    if (r.kind === 'named' && text[r.end] === '的' && LOCATED_IN.some((w) => text.slice(Math.max(from, r.start - 3), r.start).endsWith(w))) {
      r.subject = true;
      regions.push(r);
      continue;
    }
    if (NON_SUBJECT_BEFORE.test(text.slice(Math.max(from, r.start - NON_SUBJECT_WINDOW), r.start))) continue;
    if ((r.kind === 'nation' || r.kind === 'province') && referenceScopesTitle(text, r.end, to)) continue;
    if (listed.has(r)) {
      regions.push(r);
      continue;
    }
    r.subject = referenceIsSubjectPosition(text, from, subjectAt.get(r) ?? r.start, periods) || (r.kind === 'named' && referenceIntroducesTopic(text, from, r));
    regions.push(r);
  }
  for (const [first, last] of lists) {
    const after = text.slice(last.end, to);
    const clause = after.slice(0, after.search(/[，,；;：:。]|$/u));
    if (!regions.includes(first) || NOT_JOINT_AFTER.some((w) => clause.includes(w))) continue;
    if (referenceIsSubjectPosition(text, from, first.start, periods)) regions.push({ start: first.start, end: last.end, place: null, kind: 'joint', subject: true });
  }
  return regions.sort((a, b) => a.start - b.start);
}

function referenceClauseSubject(text: string, clauseStart: number, end: number, suffixes: readonly string[], regions: readonly RegionMention[], periods: readonly PeriodMention[]): string | null {
  let at = clauseStart;
  for (const p of periods) if (p.start <= at + 1 && p.end > at) at = p.end;
  const window = text.slice(at, Math.min(end, at + 30));
  const head = window.replace(SUBJECT_LEAD, '');
  const offset = window.length - head.length;
  if (REGION_WORDS.some((w) => head.startsWith(w))) return null;
  let best: string | null = null;
  for (const suffix of suffixes) {
    for (let i = head.indexOf(suffix); i >= 0; i = head.indexOf(suffix, i + 1)) {
      const name = head.slice(0, i + suffix.length);
      if (best && name.length >= best.length) continue;
      if (/[,;:。、，；：\s的等\d]/u.test(name) || name.split('“').length !== name.split('”').length) continue;
      const namesPlace = regions.some((r) => r.kind === 'named' && r.start >= at + offset && r.start < at + offset + name.length);
      if (i < 4 && !namesPlace) continue;
      if (nodejieba.tag(name).some((t) => t.tag === 'v')) continue;
      best = name;
    }
  }
  return best;
}

function referenceClauseHeadRegions(text: string, sentence: Sentence, rules: RuleSet, home: Place | null, province: string | null, periods: readonly PeriodMention[]): RegionMention[] {
  const out: RegionMention[] = [];
  const sentenceText = text.slice(sentence.start, sentence.end);
  let clauseStart = sentence.start;
  CLAUSE_BREAKS.lastIndex = 0;
  for (;;) {
    const clauseBreak = CLAUSE_BREAKS.exec(sentenceText);
    const clauseEnd = clauseBreak ? sentence.start + clauseBreak.index : sentence.end;
    const end = Math.min(clauseEnd, clauseStart + 14);
    if (end > clauseStart) for (const r of referenceRegionMentions(text, clauseStart, end, rules, home, province, periods)) if (r.subject) out.push(r);
    if (!clauseBreak) return out;
    clauseStart = clauseEnd + 1;
  }
}

// ---- The comparison.

const rules = bundledRules();
const huzhou = rules.gazetteer.byName('湖州市');
/** Home city and province as articles give them: none, a home city, a home city and its province. */
const SETTINGS: [Place | null, string | null][] = [
  [null, null],
  [huzhou, null],
  [huzhou, '浙江省'],
  [rules.gazetteer.byName('德清县'), '浙江省'],
];

/** Regions with their places as codes, to compare. */
function shown(regions: readonly RegionMention[]): string {
  return JSON.stringify(regions.map((r) => ({ ...r, place: r.place?.code ?? null })));
}

/**
 * Checks every function on every sentence of `text`, and regionMentions also on ranges cut anywhere
 * in it (a place or a word at the range's edge); returns how many regions the sentences hold (so a
 * test can tell it saw some).
 */
function expectSameAsReference(text: string, random: () => number): number {
  let regionCount = 0;
  for (const sentence of splitSentences(text, 0, text.length)) {
    const periods = findPeriodMentions(text, sentence.start, sentence.end, rules, 2023, null);
    for (const [home, province] of SETTINGS) {
      const regions = regionMentions(text, sentence.start, sentence.end, rules, home, province, periods);
      expect(shown(regions)).toBe(shown(referenceRegionMentions(text, sentence.start, sentence.end, rules, home, province, periods)));
      const from = sentence.start + Math.floor(random() * (sentence.end - sentence.start));
      const to = from + Math.floor(random() * (sentence.end - from + 1));
      expect(shown(regionMentions(text, from, to, rules, home, province, periods))).toBe(shown(referenceRegionMentions(text, from, to, rules, home, province, periods)));
      expect(shown(clauseHeadRegions(text, sentence, rules, home, province, periods))).toBe(
        shown(referenceClauseHeadRegions(text, sentence, rules, home, province, periods)),
      );
      regionCount += regions.length;
      if (home !== null) continue; // (the subject depends on the regions' positions only)
      const namesWithVerb = new Map<string, boolean>(); // shared by the sentence's questions, as extractArticle shares it
      for (let at = sentence.start; at < sentence.end; at++) {
        const clauseStart = clauseStartBefore(text, sentence.start, at);
        if (clauseStart !== at && at !== sentence.start) continue;
        for (const end of [sentence.end, Math.min(sentence.end, at + 12)]) {
          const expected = referenceClauseSubject(text, at, end, rules.metric.subjectSuffixes, regions, periods);
          expect(clauseSubject(text, at, end, rules.metric.subjectSuffixes, regions, periods, rules.regions)).toBe(expected);
          expect(clauseSubject(text, at, end, rules.metric.subjectSuffixes, regions, periods, rules.regions, namesWithVerb)).toBe(expected);
        }
      }
    }
  }
  return regionCount;
}

/** Fragments that make the cases the finders decide: places, region words, leads, organisations, names, verbs, breaks. */
const FRAGMENTS = [
  ...['湖州', '湖州市', '浙江', '浙江省', '长兴', '长兴县', '吴兴区', '德清', '安吉', '平湖', '江山市', '中山市', '南京', '鼓楼区', '吉林', '杭州', '温州乐清', '海宁', '台州高新区'],
  ...['全市', '我市', '本市', '市区', '全县', '本县', '全区', '该市', '该县', '该区', '全省', '我省', '该省', '本省', '全国', '市', '县', '区', '省'],
  ...['全市区', '该市区', '本省市区', '浙江东尼', '江山市场'], // words overlapping words, names run into others
  ...['在', '据悉', '目前', '其中', '今年以来', '截至目前', '与此同时', '“', '”', '(', '（', ' '],
  ...['电子信息百强企业', '百强', '首批试点', '共有国家级示范', '的', '至', '到', '、', '和', '作为', '之称的', '包括', '同期', '山西省晋城市', '湖州市长兴县', '位于', '坐落于', '两市', '分别', '等'],
  ...['占', '居', '列', '对', '较', '比', '于', '排名', '位居', '仅次于', '高于', '超过', '领跑'],
  ...['经信局', '委员会', '统计局', '日报', '银行', '政府', '管委会', '东尼电子', '云谷磐石'],
  ...['公司', '集团', '项目', '小镇', '产业园', '园区', '开发区', '高新区', '经开区', '自贸片区', '基地', '研究院', '数据中心', '实验室', '医院'],
  ...['数字经济', '地理信息', '重点', '新能源科技', '增加值', '同比增长', '实现', '推动', '力争引进', '全面', '位于', '建成', '的', '等', '和', '与', '场'],
  ...['，', '。', '；', '：', '、', ',', '!', '？', '18%', '2023年', '1至6月', '5.9亿元', '12'],
];

describe('place finders against the code they replaced', () => {
  test('the seeds', () => {
    const random = seededRandom(1);
    for (const text of seedTexts()) expect(expectSameAsReference(text, random)).toBeGreaterThan(0);
  });

  test('fuzzed sentences', () => {
    const random = seededRandom(20261123);
    let regionCount = 0;
    for (let i = 0; i < 1500; i++) regionCount += expectSameAsReference(fuzzText(random, FRAGMENTS, 2 + Math.floor(random() * 14)), random);
    expect(regionCount).toBeGreaterThan(1500);
  });
});
