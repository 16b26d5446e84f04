/**
 * Splits a normalized file text into articles and decides, for each, its title, paper and
 * home city — the unit that 全市/我市/该市/本市 mean.
 *
 * Policy: a source line (摘自《嘉兴日报》, 来源：…, 原载…) closes the article before it and names
 * its paper; a photo-credit line ((图片由…提供)) also closes an article, because page dumps put
 * the next article's headline right after it. Text after the last closing line is an article
 * of its own when it holds anything but blank lines.
 */
import type { Gazetteer, Place } from '../gazetteer/gazetteer';
import { liesWithin } from '../gazetteer/within';
import type { RegionRules } from '../extract/region-rules';
import type { PaperRegistry } from './papers';

export interface Article {
  index: number;
  /** [start, end) in the normalized text. */
  start: number;
  end: number;
  title: string | null;
  /** Where the title stands in the normalized text, when the text states it. */
  titleSpan: [number, number] | null;
  paper: string | null;
  homeCity: Place | null;
  homeCitySource: HomeSource | null;
  /** The rule that decided the home city (a paper registry rule, city.home_title …), for the records' trace. */
  homeRule?: string | null;
  /** The province the article is set in (its paper's, else the one its places lie in): it lets
   * county short forms (平湖, 长兴) be read as places. */
  province: string | null;
}

const SOURCE_LINE = /^\s*[(]?(?:摘自|来源[:：]?|原载|转载自|转自|稿件来源[:：]?)\s*[《<]?([^》>)\s]{2,20})[》>]?[)]?\s*$/u;
const PHOTO_CREDIT_LINE = /^\s*[(]\s*(?:图片|照片|图)由.{1,30}提供\s*[)]\s*$/u;
const HEADLINE_MAX = 40;
const PROVINCE_WINDOW = 3000;
/** How many units of a province a lead names, with the province, to be a survey of the province. */
const SURVEY_UNITS = 3;
/** Lines of running text that make an article's lead. */
const LEAD_LINES = 3;

export interface Line {
  start: number;
  end: number;
  text: string;
}

/** The lines of text[from, to), by indexOf: it finds the next line break far faster than reading each character. */
export function splitLines(text: string, from: number, to: number): Line[] {
  const lines: Line[] = [];
  for (let start = from; ; ) {
    const lineBreak = text.indexOf('\n', start);
    const end = lineBreak === -1 || lineBreak > to ? to : lineBreak;
    lines.push({ start, end, text: text.slice(start, end) });
    if (end === to) return lines;
    start = end + 1;
  }
}

function isHeadlineLike(line: string): boolean {
  const t = line.replace(/^#+\s*/, '').trim();
  return t.length > 0 && t.length <= HEADLINE_MAX && !/[。!?！？]$/.test(t);
}

/** A page title often ends with its site: `宁波前三季度GDP增长5.9%_宁波日报`, `… - 湖州在线`. */
export function splitTitleSource(title: string): { title: string; paper: string | null } {
  const m = /^(.{4,}?)\s*[_|｜—-]+\s*([\u4e00-\u9fa5]{2,12}(?:日报|晚报|都市报|商报|时报|报|新闻网|在线|网))(?:\s*[_|｜—-].*)?$/u.exec(title.trim());
  return m ? { title: m[1].trim(), paper: m[2] } : { title: title.trim(), paper: null };
}

/** What the article reader needs of the rules: the gazetteer, the paper registry and the region words. */
export interface ArticleRules {
  gazetteer: Gazetteer;
  papers: PaperRegistry;
  regions: RegionRules;
}

/** Where an article's home region came from: its paper, its title, or the places its lead names. */
export type HomeSource = 'paper' | 'title' | 'lead';

export { liesWithin };

/**
 * The places a line names that may be what it is about: not a dateline's (杭州报道), not an
 * organisation's (南京海关, 湖州市统计局 — unless `organisations` are wanted, as in a title that names
 * its issuer), and a unit written after its prefecture (深圳市光明区) as the one unit it names.
 */
function placesOfLine(line: string, rules: ArticleRules, province: string | undefined, organisations: boolean): Place[] {
  const mentions = rules.gazetteer.findMentions(line, province);
  const places: Place[] = [];
  for (let i = 0; i < mentions.length; i++) {
    const m = mentions[i];
    const after = line.slice(m.end);
    if (rules.regions.datelineAfter.test(after)) continue;
    if (!organisations && rules.regions.organisationAfter.test(after)) continue;
    const next = mentions[i + 1];
    // 深圳市光明区: the district, named with its address.
    if (next && next.start === m.end && liesWithin(next.place, m.place)) continue;
    places.push(m.place);
  }
  return places;
}

/** The place a title is about: the first unit below a province it names, else the first province (2026年山东省政府工作报告). */
function titlePlace(titles: readonly string[], rules: ArticleRules, province: string | undefined): Place | null {
  let firstProvince: Place | null = null;
  for (const title of titles) {
    for (const place of placesOfLine(title, rules, province, true)) {
      if (place.level !== 'province') return place;
      firstProvince ??= place;
    }
  }
  return firstProvince;
}

/** Whether a line of an article's head is a byline or page furniture (记者 王芳, 发布日期:…), not its headline. */
function isBylineLine(line: string, rules: ArticleRules): boolean {
  return isHeadlineLike(line) && rules.regions.byline.test(line);
}

/**
 * The unit an article is about:
 * 1. its paper's region (rules/papers.yaml) — unless its title, or without a title the subject of its
 *    first sentence, is a unit inside that region (衡阳日报: 衡南县:上半年经济运行… is about 衡南县);
 *    a national outlet names no region;
 * 2. the place its title names (the first below a province, else the province);
 * 3. the place its lead names most often.
 */
function resolveHomeCity(lines: Line[], paper: string | null, givenTitle: string | null, rules: ArticleRules, province: string | undefined): Pick<Article, 'homeCity' | 'homeCitySource' | 'homeRule'> {
  const nonEmpty = lines.filter((l) => l.text.trim().length > 0);
  const headlineLines: string[] = [];
  for (const line of nonEmpty) {
    if (isBylineLine(line.text, rules)) continue;
    if (!isHeadlineLike(line.text)) break;
    headlineLines.push(line.text);
  }
  const titles = [...(givenTitle ? [givenTitle] : []), ...headlineLines];
  const inTitle = titlePlace(titles, rules, province);
  const lead: Line[] = [];
  for (const line of nonEmpty) {
    if (lead.length === LEAD_LINES) break;
    if (!isHeadlineLike(line.text) && !isBylineLine(line.text, rules)) lead.push(line);
  }
  if (paper) {
    const home = rules.papers.homeOf(paper, province);
    const region = home?.place ?? null;
    if (region && home) {
      if (inTitle && liesWithin(inTitle, region)) return { homeCity: inTitle, homeCitySource: 'title', homeRule: 'city.home_title_within_paper' };
      const leadSubject = titles.length === 0 && lead.length > 0 ? firstSubjectPlace(lead[0].text, rules, province) : null;
      if (leadSubject && liesWithin(leadSubject, region)) return { homeCity: leadSubject, homeCitySource: 'lead', homeRule: 'city.home_lead_within_paper' };
      return { homeCity: region, homeCitySource: 'paper', homeRule: home.ruleId };
    }
  }
  if (inTitle) return { homeCity: inTitle, homeCitySource: 'title', homeRule: 'city.home_title' };
  // A unit below a province outranks the province it lies in; a lead that names only a province
  // (南京海关发布的数据显示，1-8月江苏省外贸进出口…) is about that province.
  const counts = new Map<string, { place: Place; count: number; first: number }>();
  lead.forEach((line, lineIndex) => {
    placesOfLine(line.text, rules, province, false).forEach((place, k) => {
      const entry = counts.get(place.code) ?? { place, count: 0, first: lineIndex * 100000 + k };
      entry.count++;
      counts.set(place.code, entry);
    });
  });
  const ranked = [...counts.values()].sort((a, b) => b.count - a.count || a.first - b.first);
  // A lead that names a province and several of its cities (广东省21个地级市…其中，广州、佛山、汕头等…)
  // surveys the province: its cities are the survey's items, not its subject.
  const leadProvince = ranked.find((e) => e.place.level === 'province');
  if (leadProvince && ranked.filter((e) => liesWithin(e.place, leadProvince.place)).length >= SURVEY_UNITS) {
    return { homeCity: leadProvince.place, homeCitySource: 'lead', homeRule: 'city.home_lead_survey' };
  }
  const best = ranked.find((e) => e.place.level !== 'province');
  if (best) return { homeCity: best.place, homeCitySource: 'lead', homeRule: 'city.home_lead' };
  return ranked[0] ? { homeCity: ranked[0].place, homeCitySource: 'lead', homeRule: 'city.home_lead_province' } : { homeCity: null, homeCitySource: null, homeRule: null };
}

/**
 * The place standing as the subject of a line's first sentence, after lead words and a news opener
 * (本报讯, a dateline): 本报讯 今年上半年以来,湖滨区各级各部门… → 湖滨区.
 */
function firstSubjectPlace(line: string, rules: ArticleRules, province: string | undefined): Place | null {
  const sentenceEnd = line.search(/[。!?！？]/u);
  const sentence = sentenceEnd < 0 ? line : line.slice(0, sentenceEnd);
  for (const m of rules.gazetteer.findMentions(sentence, province)) {
    if (rules.regions.organisationAfter.test(sentence.slice(m.end)) || rules.regions.datelineAfter.test(sentence.slice(m.end))) continue;
    const clauseStart = Math.max(sentence.lastIndexOf(',', m.start), sentence.lastIndexOf('，', m.start)) + 1;
    const before = sentence.slice(clauseStart, m.start);
    if (rules.regions.subjectLead.exec(before)![0].length === before.length) return m.place;
  }
  return null;
}

/** The paper's province, else the province most of the article's unambiguous places lie in. */
function articleProvince(articleText: string, paper: string | null, rules: ArticleRules): string | null {
  const fromPaper = paper ? (rules.papers.homeOf(paper)?.place ?? null) : null;
  if (fromPaper) return fromPaper.province;
  const counts = new Map<string, number>();
  for (const m of rules.gazetteer.findMentions(articleText)) counts.set(m.place.province, (counts.get(m.place.province) ?? 0) + 1);
  const best = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0];
  return best ? best[0] : null;
}

function titleLine(lines: Line[]): Line | null {
  const first = lines.find((l) => l.text.trim().length > 0);
  return first && isHeadlineLike(first.text) ? first : null;
}

export interface ArticleDefaults {
  /** Paper named outside the text (sidecar, HTML meta). */
  paper: string | null;
  /** Title named outside the text (sidecar, HTML <title>). */
  title: string | null;
}

export function splitArticles(text: string, rules: ArticleRules, defaults: ArticleDefaults): Article[] {
  return [...articlesOf(text, rules, defaults)];
}

/**
 * The articles of `text` one at a time, as splitArticles gives them: a large file is read article by
 * article, never holding more than two articles' lines (the one it gives and the next, which tells
 * whether the file holds more than one — a title given from outside names a file's only article).
 */
export function* articlesOf(text: string, rules: ArticleRules, defaults: ArticleDefaults): Generator<Article, void, undefined> {
  let held: ArticleGroup | null = null;
  let index = 0;
  for (const group of articleGroups(text)) {
    if (held !== null) yield readArticle(text, held, index++, false, rules, defaults);
    held = group;
  }
  if (held !== null) yield readArticle(text, held, index, index === 0, rules, defaults);
}

interface ArticleGroup {
  lines: Line[];
  paper: string | null;
}

/** The line groups of `text` that make its articles (those holding more than blank lines), in order, line by line. */
function* articleGroups(text: string): Generator<ArticleGroup, void, undefined> {
  let current: Line[] = [];
  const hasText = (lines: Line[]) => lines.some((l) => l.text.trim().length > 0);
  for (let start = 0; ; ) {
    const lineBreak = text.indexOf('\n', start);
    const end = lineBreak === -1 ? text.length : lineBreak;
    const line: Line = { start, end, text: text.slice(start, end) };
    const source = SOURCE_LINE.exec(line.text);
    if (source) {
      if (hasText(current)) yield { lines: current, paper: source[1] };
      current = [];
    } else if (PHOTO_CREDIT_LINE.test(line.text)) {
      if (hasText(current)) yield { lines: current, paper: null };
      current = [];
    } else {
      current.push(line);
    }
    if (end === text.length) break;
    start = end + 1;
  }
  if (hasText(current)) yield { lines: current, paper: null };
}

function readArticle(text: string, group: ArticleGroup, index: number, only: boolean, rules: ArticleRules, defaults: ArticleDefaults): Article {
  const paper = group.paper ?? defaults.paper;
  const start = group.lines[0].start;
  const end = group.lines[group.lines.length - 1].end;
  const given = only ? defaults.title : null;
  const line = given ? null : titleLine(group.lines);
  const title = given ?? (line ? line.text.replace(/^#+\s*/, '').trim() : null);
  const titleSpan: [number, number] | null = line ? [line.start, line.end] : null;
  // The head of an article says where it is set; reading it all would cost a gazetteer pass.
  const province = articleProvince(`${given ?? ''}\n${text.slice(start, Math.min(end, start + PROVINCE_WINDOW))}`, paper, rules);
  return { index, start, end, title, titleSpan, paper, province, ...resolveHomeCity(group.lines, paper, given, rules, province ?? undefined) };
}
