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
  homeCitySource: 'paper' | 'title' | 'lead' | null;
  /** The province the article is set in (its paper's, else the one its places lie in): it lets
   * county short forms (平湖, 长兴) be read as places. */
  province: string | null;
}

const SOURCE_LINE = /^\s*[(]?(?:摘自|来源[:：]?|原载|转载自|转自|稿件来源[:：]?)\s*[《<]?([^》>)\s]{2,20})[》>]?[)]?\s*$/u;
const PHOTO_CREDIT_LINE = /^\s*[(]\s*(?:图片|照片|图)由.{1,30}提供\s*[)]\s*$/u;
const HEADLINE_MAX = 40;
const PROVINCE_WINDOW = 3000;
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

export function paperCity(paper: string, gazetteer: Gazetteer, preferProvince?: string): Place | null {
  const core = paper.replace(/[《》]/g, '').replace(/(日报|晚报|都市报|商报|时报|新闻|报)$/u, '');
  return gazetteer.byName(core, preferProvince) ?? gazetteer.findMentions(core, preferProvince)[0]?.place ?? null;
}

/** The unit an article is about: its paper's city, else a place in its headline, else its lead's most named place. */
function resolveHomeCity(lines: Line[], paper: string | null, givenTitle: string | null, gazetteer: Gazetteer, province: string | undefined): Pick<Article, 'homeCity' | 'homeCitySource'> {
  const nonEmpty = lines.filter((l) => l.text.trim().length > 0);
  const headlineLines: string[] = [];
  for (const line of nonEmpty) {
    if (!isHeadlineLike(line.text)) break;
    headlineLines.push(line.text);
  }
  const titles = [...(givenTitle ? [givenTitle] : []), ...headlineLines];
  const inTitle = titles.map((t) => gazetteer.findMentions(t, province).find((m) => m.place.level !== 'province')).find((m) => m !== undefined);
  if (paper) {
    const city = paperCity(paper, gazetteer, province);
    // A provincial paper's article about one city (四川日报: 成都高新区前三季度…) is about that city.
    if (city && city.level === 'province' && inTitle && inTitle.place.province === city.name) return { homeCity: inTitle.place, homeCitySource: 'title' };
    if (city) return { homeCity: city, homeCitySource: 'paper' };
  }
  if (inTitle) return { homeCity: inTitle.place, homeCitySource: 'title' };
  const counts = new Map<string, { place: Place; count: number; first: number }>();
  const lead: Line[] = [];
  for (const line of nonEmpty) {
    if (lead.length === LEAD_LINES) break;
    if (!isHeadlineLike(line.text)) lead.push(line);
  }
  lead.forEach((line, lineIndex) => {
    for (const m of gazetteer.findMentions(line.text, province)) {
      if (m.place.level === 'province') continue;
      const entry = counts.get(m.place.code) ?? { place: m.place, count: 0, first: lineIndex * 100000 + m.start };
      entry.count++;
      counts.set(m.place.code, entry);
    }
  });
  const best = [...counts.values()].sort((a, b) => b.count - a.count || a.first - b.first)[0];
  return best ? { homeCity: best.place, homeCitySource: 'lead' } : { homeCity: null, homeCitySource: null };
}

/** The paper's province, else the province most of the article's unambiguous places lie in. */
function articleProvince(articleText: string, paper: string | null, gazetteer: Gazetteer): string | null {
  const fromPaper = paper ? paperCity(paper, gazetteer) : null;
  if (fromPaper) return fromPaper.province;
  const counts = new Map<string, number>();
  for (const m of gazetteer.findMentions(articleText)) counts.set(m.place.province, (counts.get(m.place.province) ?? 0) + 1);
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

export function splitArticles(text: string, gazetteer: Gazetteer, defaults: ArticleDefaults): Article[] {
  const lines = splitLines(text, 0, text.length);
  const groups: { lines: Line[]; paper: string | null }[] = [];
  let current: Line[] = [];
  for (const line of lines) {
    const source = SOURCE_LINE.exec(line.text);
    if (source) {
      groups.push({ lines: current, paper: source[1] });
      current = [];
    } else if (PHOTO_CREDIT_LINE.test(line.text)) {
      groups.push({ lines: current, paper: null });
      current = [];
    } else {
      current.push(line);
    }
  }
  groups.push({ lines: current, paper: null });
  const kept = groups.filter((g) => g.lines.some((l) => l.text.trim().length > 0));
  if (kept.length === 0) return [];
  return kept.map((group, index) => {
    const paper = group.paper ?? defaults.paper;
    const start = group.lines[0].start;
    const end = group.lines[group.lines.length - 1].end;
    const given = kept.length === 1 ? defaults.title : null;
    const line = given ? null : titleLine(group.lines);
    const title = given ?? (line ? line.text.replace(/^#+\s*/, '').trim() : null);
    const titleSpan: [number, number] | null = line ? [line.start, line.end] : null;
    // The head of an article says where it is set; reading it all would cost a gazetteer pass.
    const province = articleProvince(`${given ?? ''}\n${text.slice(start, Math.min(end, start + PROVINCE_WINDOW))}`, paper, gazetteer);
    return { index, start, end, title, titleSpan, paper, province, ...resolveHomeCity(group.lines, paper, given, gazetteer, province ?? undefined) };
  });
}
