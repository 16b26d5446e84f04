/**
 * The article text around a record, for the reviewer: a window of the decoded input (of the visible
 * text, for HTML) with the figure and the words that set its city, metric and period marked. Pure.
 * The marks are the record's `evidence` spans, where each field was read; a field not read from the
 * text (a city from the paper, an inherited period) is said so in words instead. Records of an older
 * zhstat have no evidence: their words are found again as the nearest occurrence around the figure.
 * A figure read from a table also comes with the table, rebuilt as rows and columns.
 */
import { htmlToVisibleText, looksLikeHtml } from '../text/html';
import type { MappedText } from '../text/mapped';
import { extractTables, type TableRules } from '../extract/tables';
import type { StatRecord } from '../record/schema';
import { flagWords } from './reasons';

export type MarkKind = 'figure' | 'city' | 'metric' | 'period';

export interface ContextMark {
  kind: MarkKind;
  start: number;
  end: number;
}

export interface ArticleContext {
  /** Plain text, to be shown as text (never as markup). */
  text: string;
  marks: ContextMark[];
  /** The window starts after the beginning / ends before the end of the article text. */
  clippedStart: boolean;
  clippedEnd: boolean;
  /** `file`: read from the input; `sentence`: the record's own sentence (input unavailable). */
  source: 'file' | 'sentence';
  note: string | null;
  /** Fields that have no mark, and why, in words. */
  evidenceNotes: string[];
  /** The table the figure was read from, as rows and columns, or null. */
  table: TableView | null;
}

export interface TableViewCell {
  text: string;
  /** `figure`: the record's cell; `metric`: its row label; `period`: the header that dates it. */
  mark: 'figure' | 'metric' | 'period' | null;
}

export interface TableView {
  header: TableViewCell[];
  rows: TableViewCell[][];
}

/** Where the record's fields were read, as offsets of the text shown: a span, or null with the reason. */
export type EvidenceSpans = Partial<Record<'city' | 'metric' | 'period', [number, number] | null>>;

export interface MarkWords {
  city: string[];
  metric: string[];
  period: string[];
}

/** How much text to show on each side of the figure. */
export const CONTEXT_RADIUS = 260;
/** Snap the window to a line break if one is this close to its edge, so it starts and ends cleanly. */
const SNAP = 80;
/** Generic words for the region as a whole, by the level of the record's city. */
const WHOLE_REGION_WORDS: Record<string, string[]> = {
  province: ['全省', '我省', '该省', '本省'],
  prefecture: ['全市', '我市', '该市', '本市'],
  county: ['全县', '我县', '该县', '本县', '全区', '我区', '该区', '本区', '全市', '我市', '该市', '本市'],
};

export function markWords(record: StatRecord, cityAliases: readonly string[]): MarkWords {
  const city = record.city ? [record.city.name, ...cityAliases, ...(WHOLE_REGION_WORDS[record.city.level] ?? [])] : [];
  return {
    city: unique(city),
    metric: unique([record.metric.text, record.metric.name]),
    period: unique(record.period ? [record.period.text] : []),
  };
}

/**
 * Maps a span of the decoded input to the text a reader sees: the input itself for plain text, the
 * visible text for HTML (tags dropped, entities decoded). Null when the span is outside the text.
 */
export function readableText(
  decoded: string,
  span: readonly [number, number],
  /** The visible text of `decoded` and its map when known already (null: not HTML); found here otherwise. */
  visibleText?: () => MappedText | null,
): { text: string; span: [number, number]; map: (span: readonly [number, number]) => [number, number] | null } | null {
  if (span[1] > decoded.length) return null;
  const mapped = visibleText ? visibleText() : looksLikeHtml(decoded) ? htmlToVisibleText(decoded).mapped : null;
  if (mapped === null) {
    const map = (s: readonly [number, number]): [number, number] | null => (s[1] <= decoded.length && s[0] < s[1] ? [s[0], s[1]] : null);
    return { text: decoded, span: [span[0], span[1]], map };
  }
  const map = (s: readonly [number, number]): [number, number] | null => {
    // the first visible character ending after the span's start, the last starting before its end (binary search: both arrays ascend)
    const start = firstIndex(mapped.text.length, (i) => mapped.ends[i] > s[0]);
    const end = firstIndex(mapped.text.length, (i) => mapped.starts[i] >= s[1]);
    return start < end ? [start, end] : null;
  };
  const shown = map(span);
  if (!shown) return null;
  return { text: mapped.text, span: shown, map };
}

/** The first i in [0, n) where `test` holds, for a test that is false then true; n when it never holds. */
function firstIndex(n: number, test: (i: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (test(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** How far from the figure an evidence span may be and still be shown in the window (a headline far above is named in words instead). */
export const EVIDENCE_REACH = 3000;

/**
 * The window around the figure. With `evidence` (offsets of `text`), the marks are exactly those
 * spans, and the window widens to show them; without, the nearest words of `words` are marked.
 */
export function contextAround(text: string, span: readonly [number, number], words: MarkWords, radius = CONTEXT_RADIUS, evidence?: EvidenceSpans, record?: StatRecord): ArticleContext {
  let from = Math.max(0, span[0] - radius);
  let to = Math.min(text.length, span[1] + radius);
  const reachable = (e: [number, number]) => e[1] <= text.length && e[0] >= span[0] - EVIDENCE_REACH && e[1] <= span[1] + EVIDENCE_REACH;
  if (evidence) {
    for (const e of Object.values(evidence)) {
      if (!e || !reachable(e)) continue;
      from = Math.min(from, Math.max(0, e[0] - 40));
      to = Math.max(to, Math.min(text.length, e[1] + 40));
    }
  }
  const breakAfterFrom = text.indexOf('\n', from);
  if (from > 0 && breakAfterFrom >= 0 && breakAfterFrom < Math.min(from + SNAP, span[0])) from = breakAfterFrom + 1;
  const breakBeforeTo = text.lastIndexOf('\n', to - 1);
  if (to < text.length && breakBeforeTo >= Math.max(to - SNAP, span[1])) to = breakBeforeTo;
  if (evidence) {
    // never cut a mark in two
    for (const e of Object.values(evidence)) {
      if (!e || !reachable(e)) continue;
      from = Math.min(from, e[0]);
      to = Math.max(to, e[1]);
    }
  }
  const window = text.slice(from, to);
  const figure: ContextMark = { kind: 'figure', start: span[0] - from, end: span[1] - from };
  if (!evidence || !record) {
    return { text: window, marks: findMarks(window, figure, words), clippedStart: from > 0, clippedEnd: to < text.length, source: 'file', note: null, evidenceNotes: record ? [NO_EVIDENCE] : [], table: null };
  }
  const marks: ContextMark[] = [figure];
  const notes: string[] = [];
  for (const kind of EVIDENCE_KINDS) {
    const e = evidence[kind];
    if (e && reachable(e)) marks.push({ kind, start: e[0] - from, end: e[1] - from });
    else if (e) notes.push(`${FIELD_NAMES[kind]}: read from “${text.slice(e[0], Math.min(e[1], e[0] + 40))}”, ${e[0] < span[0] ? 'far above' : 'far below'} the figure.`);
    else notes.push(unreadFieldNote(kind, record));
  }
  return { text: window, marks: marks.sort((a, b) => a.start - b.start || a.end - b.end), clippedStart: from > 0, clippedEnd: to < text.length, source: 'file', note: null, evidenceNotes: notes, table: null };
}

const EVIDENCE_KINDS = ['city', 'metric', 'period'] as const;
const FIELD_NAMES = { city: 'City', metric: 'Metric', period: 'Period' } as const;
const NO_EVIDENCE = 'This record was written by an older zhstat and does not say where its fields were read: city, metric and period marks are the nearest mentions.';
/** Flags that say how a field came about when it was not read from the figure's text. */
const FIELD_FLAGS = {
  city: ['city_from_context', 'city_unknown'],
  metric: ['metric_missing', 'metric_unknown'],
  period: ['period_inherited', 'period_year_from_date', 'period_year_unknown'],
} as const;

/** Why a field has no evidence span, in words. */
export function unreadFieldNote(kind: (typeof EVIDENCE_KINDS)[number], record: StatRecord): string {
  const value = kind === 'city' ? record.city?.name : kind === 'metric' ? record.metric.name : record.period?.text;
  if (!value) return `${FIELD_NAMES[kind]}: none.`;
  const why = record.flags.filter((f) => (FIELD_FLAGS[kind] as readonly string[]).includes(f)).map(flagWords);
  return `${FIELD_NAMES[kind]} “${value}” was not read from words of this figure${why.length > 0 ? `: ${why.join(' ')}` : kind === 'city' ? ' (the home region of the paper or the article).' : '.'}`;
}

/** Marks of a record's evidence in a text that starts at `offset` of the input (its sentence). */
export function evidenceWithin(evidence: NonNullable<StatRecord['evidence']>, offset: number, length: number): EvidenceSpans {
  const out: EvidenceSpans = {};
  for (const kind of EVIDENCE_KINDS) {
    const e = evidence[kind];
    out[kind] = e && e[0] >= offset && e[1] <= offset + length ? [e[0] - offset, e[1] - offset] : null;
  }
  return out;
}

/**
 * The table around `span` of `text`, rebuilt from its one-cell-per-line layout: a header row of the
 * column headings and a row per label, with the figure's cell, its row label and dating header marked.
 */
export function tableAround(text: string, span: readonly [number, number], tableRules: TableRules): TableView | null {
  const from = Math.max(0, text.lastIndexOf('\n', Math.max(0, span[0] - 20_000)));
  const nextBreak = text.indexOf('\n', Math.min(text.length, span[1] + 20_000));
  const to = nextBreak < 0 ? text.length : nextBreak;
  const region = extractTables(text, from, to, tableRules).find((t) => t.cells.some((c) => c.start < span[1] && span[0] < c.end));
  if (!region) return null;
  const figure = region.cells.find((c) => c.start < span[1] && span[0] < c.end)!;
  const columns = [...new Map(region.cells.map((c) => [c.column.span[0], c.column])).values()].sort((a, b) => a.span[0] - b.span[0]);
  const header: TableViewCell[] = [
    { text: '', mark: null },
    ...columns.map((c) => ({ text: c.text.trim(), mark: figure.column.span[0] === c.span[0] && figure.yearSpan && figure.yearSpan[0] === c.span[0] ? ('period' as const) : null })),
  ];
  const rows = new Map<number, TableViewCell[]>();
  for (const cell of region.cells) {
    let row = rows.get(cell.rowStart);
    if (!row) {
      const label = text.slice(cell.labelSpan[0], cell.labelSpan[1]).trim();
      const unit = cell.unit && !label.includes(cell.unit) && cell.column.meaning.kind === 'level' ? ` (${cell.unit})` : '';
      row = [{ text: label + unit, mark: cell === figure || cell.rowStart === figure.rowStart ? 'metric' : null }, ...columns.map(() => ({ text: '', mark: null }))];
      rows.set(cell.rowStart, row);
    }
    const at = columns.findIndex((c) => c.span[0] === cell.column.span[0]);
    row[at + 1] = { text: text.slice(cell.start, cell.end).trim(), mark: cell === figure ? 'figure' : null };
  }
  return { header, rows: [...rows.entries()].sort((a, b) => a[0] - b[0]).map(([, r]) => r) };
}

/**
 * The article window of a record from its decoded input, with its evidence marked (and its table
 * rebuilt); null when the input no longer holds the record's quote at its span. `corrected`: fields
 * a reviewer changed, whose marks show where the pipeline read its own value.
 */
export function articleContext(
  decoded: string,
  record: StatRecord,
  words: MarkWords,
  corrected: readonly string[] = [],
  tableRules: TableRules | null = null,
  visibleText?: () => MappedText | null,
): ArticleContext | null {
  const readable = readableText(decoded, record.span, visibleText);
  if (!readable || decoded.slice(record.span[0], record.span[1]) !== record.quote) return null;
  let evidence: EvidenceSpans | undefined;
  if (record.evidence) {
    evidence = {};
    for (const kind of EVIDENCE_KINDS) {
      const e = record.evidence[kind];
      evidence[kind] = e ? readable.map(e) : null;
    }
  }
  const ctx = contextAround(readable.text, readable.span, words, CONTEXT_RADIUS, evidence, record);
  if (corrected.length > 0) ctx.evidenceNotes.push(`Corrected by a reviewer: ${corrected.join(', ')}; the marks show where the pipeline read the values it had.`);
  if (record.flags.includes('table_cell') && tableRules) ctx.table = tableAround(readable.text, readable.span, tableRules);
  return ctx;
}

/** Fallback when the input cannot be read: the record's sentence, with its quote as the figure. */
export function sentenceContext(record: StatRecord, words: MarkWords, note: string): ArticleContext {
  const at = record.sentence.indexOf(record.quote);
  const base = { text: record.sentence, clippedStart: false, clippedEnd: false, source: 'sentence' as const, note, table: null };
  if (at < 0) return { ...base, marks: [], evidenceNotes: [] };
  const figure: ContextMark = { kind: 'figure', start: at, end: at + record.quote.length };
  if (!record.evidence) return { ...base, marks: findMarks(record.sentence, figure, words), evidenceNotes: [NO_EVIDENCE] };
  // the sentence starts where the quote's offset in the input says
  const spans = evidenceWithin(record.evidence, record.span[0] - at, record.sentence.length);
  const marks: ContextMark[] = [figure];
  const notes: string[] = [];
  for (const kind of EVIDENCE_KINDS) {
    const e = spans[kind];
    if (e && record.sentence.slice(e[0], e[1]).length > 0) marks.push({ kind, start: e[0], end: e[1] });
    else if (record.evidence[kind]) notes.push(`${FIELD_NAMES[kind]}: read outside this sentence.`);
    else notes.push(unreadFieldNote(kind, record));
  }
  return { ...base, marks: marks.sort((a, b) => a.start - b.start || a.end - b.end), evidenceNotes: notes };
}

/** The figure plus, for metric, period and city in that order, the nearest occurrence not overlapping an earlier mark. */
export function findMarks(text: string, figure: ContextMark, words: MarkWords): ContextMark[] {
  const marks: ContextMark[] = [figure];
  for (const kind of ['metric', 'period', 'city'] as const) {
    let best: { mark: ContextMark; distance: number } | null = null;
    for (const word of words[kind]) {
      if (word.length === 0) continue;
      for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
        const mark: ContextMark = { kind, start: at, end: at + word.length };
        if (marks.some((m) => m.start < mark.end && mark.start < m.end)) continue;
        const before = mark.end <= figure.start;
        const between = before ? text.slice(mark.end, figure.start) : text.slice(figure.end, mark.start);
        // the words that set a figure are in its paragraph, and mostly before it (periods and cities
        // are inherited from earlier clauses): rank by paragraph, then by distance, after counting double
        const score = (between.includes('\n') ? 100_000 : 0) + (before ? between.length : 2 * between.length + 0.5);
        if (!best || score < best.distance || (score === best.distance && mark.end - mark.start > best.mark.end - best.mark.start)) {
          best = { mark, distance: score };
        }
      }
    }
    if (best) marks.push(best.mark);
  }
  return marks.sort((a, b) => a.start - b.start);
}

function unique(words: readonly string[]): string[] {
  return [...new Set(words.map((w) => w.trim()).filter((w) => w.length > 0))];
}
