/** Helpers for word lists that become regex alternations, and for running the regexes. */
import { CodeUnitSet, WHITESPACE_CHARS } from '../text/codeUnitSet';

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

const WHITESPACE_CODES = CodeUnitSet.of(WHITESPACE_CHARS);

/** Whether text[start, end) is all whitespace (as \s, and as trim() strips), without copying it or running a regex. */
export function isBlank(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!WHITESPACE_CODES.has(text.charCodeAt(i))) return false;
  return true;
}

/**
 * Positions in `words` of the words that start (edge 'first') or end ('last') with each UTF-16 unit,
 * ascending: a scan tries only the words that can match at the character it stands on.
 */
export function positionsByEdgeUnit(words: readonly string[], edge: 'first' | 'last'): Map<number, number[]> {
  const byUnit = new Map<number, number[]>();
  words.forEach((word, i) => {
    if (word.length === 0) return;
    const unit = word.charCodeAt(edge === 'first' ? 0 : word.length - 1);
    const positions = byUnit.get(unit);
    if (positions) positions.push(i);
    else byUnit.set(unit, [i]);
  });
  return byUnit;
}

/** Longest first (an alternation tries its branches in order), then a fixed order for ties. */
export function byLengthDesc(a: string, b: string): number {
  return b.length - a.length || a.localeCompare(b);
}

/**
 * The matches of a global regex in `text`, as matchAll gives them, but run on the shared compiled
 * regex rather than on a copy made per call: lastIndex is reset here and the loop runs to the end,
 * so no state is left between calls.
 */
export function allMatches(regex: RegExp, text: string): RegExpExecArray[] {
  const matches: RegExpExecArray[] = [];
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    matches.push(m);
    if (m[0].length === 0) regex.lastIndex = m.index + ((text.codePointAt(m.index) ?? 0) > 0xffff ? 2 : 1);
  }
  return matches;
}

/** Whether `word` stands right before `pos` in `text` (false where the text before `pos` is shorter). */
export function endsAt(text: string, word: string, pos: number): boolean {
  return pos >= word.length && text.startsWith(word, pos - word.length);
}
