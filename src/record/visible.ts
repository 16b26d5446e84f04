/**
 * Record fields settled after the records are built, from what is known of the whole input.
 *
 * The text fields of a record read from an HTML page, as a reader sees them: tags dropped and
 * entities decoded. They are read from the input by offsets (sourceText), and a page's markup sits
 * between the visible characters. `quote` stays the exact slice the contract says it is.
 */
import { htmlToVisibleText } from '../text/html';
import type { StatRecord } from './schema';

/** Visible text of an HTML fragment, hard line breaks removed and trimmed as sourceText does. */
export function visibleFragment(fragment: string): string {
  if (!fragment.includes('<') && !fragment.includes('&')) return fragment;
  const text = htmlToVisibleText(fragment).mapped.text;
  return (text.includes('\n') ? text.replace(/\s*\r?\n\s*/g, '') : text).trim();
}

/** `records` with sentence, metric.text, period.text and doc.title as visible text (a new array; records of a page share sentences). */
export function withVisibleText(records: readonly StatRecord[]): StatRecord[] {
  const seen = new Map<string, string>();
  const visible = (text: string) => {
    let v = seen.get(text);
    if (v === undefined) {
      v = visibleFragment(text);
      seen.set(text, v);
    }
    return v;
  };
  return records.map((r) => ({
    ...r,
    doc: r.doc.title === null ? r.doc : { ...r.doc, title: visible(r.doc.title) },
    metric: { ...r.metric, text: visible(r.metric.text) },
    period: r.period && { ...r.period, text: visible(r.period.text) },
    sentence: visible(r.sentence),
  }));
}

/** The flag of a record whose sentence holds a character decoded from invalid bytes (U+FFFD). */
export const REPLACEMENT_CHAR_FLAG = 'replacement_char';

/** `records`, those whose sentence holds U+FFFD flagged REPLACEMENT_CHAR_FLAG and sent to review. */
export function flagReplacementChars(records: readonly StatRecord[]): StatRecord[] {
  return records.map((r) =>
    r.sentence.includes('\uFFFD') ? { ...r, flags: [...r.flags, REPLACEMENT_CHAR_FLAG].sort(), review: r.review === 'auto' ? 'needs_review' : r.review } : r,
  );
}
