/**
 * The document stage, between articles and extraction: what kind of document an article is (a
 * work report, a statistical bulletin, a plan, else news) and which of its stretches review what
 * was done and which set goals. A figure that states no date or goal of its own takes them from
 * where it stands: a work report's review reports the year before the report (actual), its goals
 * section the coming year (target); a bulletin's title year dates its 全年 and 年末. The words
 * that tell are rules/documents.yaml.
 */
import type { RuleSet } from '../rules/ruleset';
import type { DocumentKind, DocumentsFile, SectionRole } from '../rules/schemas';

type SectionRule = DocumentsFile['sections'][number];
import type { Article } from '../articles/articles';
import { findPeriodMentions, type PeriodMention } from './periods';

export interface DocumentSection {
  start: number;
  end: number;
  role: SectionRole;
  /** The section rule that opened it. */
  ruleId: string;
  /** The period its figures inherit: the heading's one year, else the document's date offset; null when neither tells. */
  period: PeriodMention | null;
  /** Words that mark a figure of the section as already done (目前, 已). */
  doneWords: readonly string[];
}

export interface DocumentFrame {
  kind: DocumentKind;
  kindRule: string | null;
  /** The year a bulletin's title names (2023年…统计公报), which dates its 全年 and 年末. */
  titleYear: number | null;
  sections: DocumentSection[];
}

/** How many lines from an article's start its lead words are looked for in. */
const LEAD_LINES = 6;
/** A heading is a short line. */
const HEADING_MAX = 40;
/** How far after an announcing word (主要预期目标) the word that makes it announce may stand (…定为：). */
const ANNOUNCE_REACH = 4;
const SENTENCE_ENDS = new Set([...'。；;!?！？']);

interface CompiledDocuments {
  titleYear: RegExp;
  headings: { level: 1 | 2; regex: RegExp; named: boolean }[];
}

const cache = new WeakMap<RuleSet, CompiledDocuments>();

function compile(rules: RuleSet): CompiledDocuments {
  let compiled = cache.get(rules);
  if (!compiled) {
    const d = rules.documents;
    compiled = { titleYear: new RegExp(d.titleYear, 'u'), headings: d.headings.map((h) => ({ level: h.level, regex: new RegExp(h.pattern, 'u'), named: Boolean(h.named) })) };
    cache.set(rules, compiled);
  }
  return compiled;
}

/** The kind a title and lead tell, by the first kind rule with a word in them. */
export function documentKind(title: string | null, lead: string, rules: RuleSet): { kind: DocumentKind; ruleId: string | null } {
  for (const k of rules.documents.kinds) {
    if ((title && k.title.some((w) => title.includes(w))) || k.lead.some((w) => lead.includes(w))) return { kind: k.kind, ruleId: k.id };
  }
  return { kind: 'news', ruleId: null };
}

/** The year a bulletin's title names; null for other titles (a work report is titled with the year it is given in). */
export function titleYearOf(title: string | null, kind: DocumentKind, rules: RuleSet): number | null {
  if (!title || kind !== 'bulletin') return null;
  const m = compile(rules).titleYear.exec(title);
  return m?.groups?.year ? Number(m.groups.year) : null;
}

/** The level of a heading line (1 for 一、, 2 for (一)), or 0 when the line is no heading. */
export function headingLevel(line: string, rules: RuleSet): 0 | 1 | 2 {
  const trimmed = line.trim();
  if (trimmed.length === 0 || trimmed.length > HEADING_MAX || SENTENCE_ENDS.has(trimmed[trimmed.length - 1])) return 0;
  for (const h of compile(rules).headings) if (h.regex.test(trimmed) && (!h.named || headingSection(trimmed, rules) !== null)) return h.level;
  return 0;
}

/** The section rule whose heading words a heading holds. */
export function headingSection(heading: string, rules: RuleSet): SectionRule | null {
  for (const s of rules.documents.sections) if (s.headings.some((w) => heading.includes(w))) return s;
  return null;
}

/** Where in a line a section is announced (主要预期目标是：), or -1. */
function announcedAt(line: string, words: readonly string[], ends: readonly string[]): number {
  for (const w of words) {
    for (let at = line.indexOf(w); at >= 0; at = line.indexOf(w, at + 1)) {
      const after = line.slice(at + w.length, at + w.length + ANNOUNCE_REACH);
      if (ends.some((e) => after.startsWith(e))) return at;
    }
  }
  return -1;
}

/**
 * The period a section's figures inherit: the one year its heading names (none when it names a
 * span besides, as 十四五时期和2025年工作回顾 does), else the document's year offset by the rule.
 */
function sectionPeriod(text: string, headingStart: number, headingEnd: number, ruleId: string, yearOffset: number, rules: RuleSet, pubYear: number | null): PeriodMention | null {
  const named = headingEnd > headingStart ? findPeriodMentions(text, headingStart, headingEnd, rules, pubYear, null) : [];
  const dated = named.filter((p) => !p.undated && p.period.year !== null);
  if (dated.length === 1 && named.length === 1 && dated[0].period.endYear === null && dated[0].period.startMonth === null) {
    return { ...dated[0], ruleId: `period.${ruleId}`, target: false };
  }
  if (named.length > 0 || pubYear === null) return null;
  const year = pubYear + yearOffset;
  return {
    start: 0, end: 0, period: { text: `${year}年`, year, endYear: null, startMonth: null, endMonth: null },
    ruleId: `period.${ruleId}`, target: false, yearUnknown: false, yearFromDate: true, undated: false,
  };
}

/** Reads an article's kind and sections. `pubYear`: the year of its publication date, or null. */
export function readDocument(text: string, article: Article, rules: RuleSet, pubYear: number | null): DocumentFrame {
  const lines: { start: number; end: number }[] = [];
  for (let start = article.start; start < article.end; ) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 || nl > article.end ? article.end : nl;
    lines.push({ start, end });
    start = end + 1;
  }
  const leadLines: string[] = [];
  for (const l of lines) {
    if (leadLines.length >= LEAD_LINES) break;
    const line = text.slice(l.start, l.end);
    if (line.trim().length > 0) leadLines.push(line);
  }
  const { kind, ruleId } = documentKind(article.title, leadLines.join('\n'), rules);
  const frame: DocumentFrame = { kind, kindRule: ruleId, titleYear: titleYearOf(article.title, kind, rules), sections: [] };
  // Bulletins, plans and news have no review and goals sections of this kind.
  if (kind !== 'work_report') return frame;

  const goals = rules.documents.sections.filter((s) => s.announce.length > 0);
  const firstSection = rules.documents.sections.find((s) => s.opensReport) ?? null;
  let seenHeading = false;
  let open: { section: DocumentSection; level: number } | null = null;
  const close = (at: number) => {
    if (open) {
      open.section.end = at;
      frame.sections.push(open.section);
      open = null;
    }
  };
  for (const l of lines) {
    const line = text.slice(l.start, l.end);
    const level = headingLevel(line, rules);
    if (level > 0) {
      if (open && level <= open.level) close(l.start);
      // A work report opens with its review, whatever its first numbered heading says (一、一年接着一年干…).
      const rule: SectionRule | null = headingSection(line, rules) ?? (level === 1 && frame.sections.length === 0 && !open && !seenHeading ? firstSection : null);
      if (level === 1) seenHeading = true;
      if (rule && !open) {
        const period = sectionPeriod(text, l.start, l.end, rule.id, rule.yearOffset, rules, pubYear);
        open = { section: { start: l.start, end: article.end, role: rule.role, ruleId: rule.id, period, doneWords: rule.doneWords ?? [] }, level };
      }
      continue;
    }
    if (open) continue;
    for (const rule of goals) {
      const at = announcedAt(line, rule.announce, rule.announceEnds);
      if (at < 0) continue;
      // The section opens with the sentence that announces it (not earlier sentences of its line),
      // whose words before the announcement may name its year (今年经济社会发展主要预期目标是).
      let start = l.start + at;
      while (start > l.start && !SENTENCE_ENDS.has(text[start - 1])) start--;
      const period = sectionPeriod(text, start, l.start + at, rule.id, rule.yearOffset, rules, pubYear);
      // An announced section runs to the next top-level heading.
      open = { section: { start, end: article.end, role: rule.role, ruleId: rule.id, period, doneWords: rule.doneWords ?? [] }, level: 1 };
      break;
    }
  }
  close(article.end);
  return frame;
}

/** The section a position stands in, or null. */
export function sectionAt(frame: DocumentFrame, pos: number): DocumentSection | null {
  for (const s of frame.sections) if (pos >= s.start && pos < s.end) return s;
  return null;
}
