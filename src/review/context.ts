/**
 * The article text around a record, for the reviewer: a window of the decoded input (of the visible
 * text, for HTML) with the figure and the words that set its city, metric and period marked. Pure.
 * Records keep spans only for the figure; the other words are found again as the nearest occurrence
 * of `metric.text`, `period.text` and the city's names around the figure.
 */
import { htmlToVisibleText, looksLikeHtml } from '../text/html';
import type { StatRecord } from '../record/schema';

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
}

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
export function readableText(decoded: string, span: readonly [number, number]): { text: string; span: [number, number] } | null {
  if (span[1] > decoded.length) return null;
  if (!looksLikeHtml(decoded)) return { text: decoded, span: [span[0], span[1]] };
  const { mapped } = htmlToVisibleText(decoded);
  let start = -1;
  let end = -1;
  for (let i = 0; i < mapped.text.length; i++) {
    if (start < 0 && mapped.ends[i] > span[0]) start = i;
    if (mapped.starts[i] < span[1]) end = i + 1;
  }
  if (start < 0 || end <= start) return null;
  return { text: mapped.text, span: [start, end] };
}

export function contextAround(text: string, span: readonly [number, number], words: MarkWords, radius = CONTEXT_RADIUS): ArticleContext {
  let from = Math.max(0, span[0] - radius);
  let to = Math.min(text.length, span[1] + radius);
  const breakAfterFrom = text.indexOf('\n', from);
  if (from > 0 && breakAfterFrom >= 0 && breakAfterFrom < Math.min(from + SNAP, span[0])) from = breakAfterFrom + 1;
  const breakBeforeTo = text.lastIndexOf('\n', to - 1);
  if (to < text.length && breakBeforeTo >= Math.max(to - SNAP, span[1])) to = breakBeforeTo;
  const window = text.slice(from, to);
  const figure: ContextMark = { kind: 'figure', start: span[0] - from, end: span[1] - from };
  return {
    text: window,
    marks: findMarks(window, figure, words),
    clippedStart: from > 0,
    clippedEnd: to < text.length,
    source: 'file',
    note: null,
  };
}

/** Fallback when the input cannot be read: the record's sentence, with its quote as the figure. */
export function sentenceContext(record: StatRecord, words: MarkWords, note: string): ArticleContext {
  const at = record.sentence.indexOf(record.quote);
  const marks = at >= 0 ? findMarks(record.sentence, { kind: 'figure', start: at, end: at + record.quote.length }, words) : [];
  return { text: record.sentence, marks, clippedStart: false, clippedEnd: false, source: 'sentence', note };
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
