/**
 * The figure pattern — a signed Arabic number with its 余/多, multiplier and unit, or a Chinese
 * numeral with a unit — in two forms: as a regular expression (`figurePattern`, the specification,
 * also what the prefilter reads) and as a hand-written scanner (`FigureScanner`) that finds exactly the
 * same matches. The unit alternation of more than a hundred words made the regex the costliest scan
 * of a sentence; the scanner looks units up by their first character instead. A test runs both over
 * real and random text and requires identical matches.
 */
import { WHITESPACE_CHARS } from '../text/codeUnitSet';
import { byLengthDesc, escapeRegex, positionsByEdgeUnit } from './words';

/** The named groups of the pattern that took part in a match. */
export type FigureGroups =
  | { sign?: string; arabic: string; approx1?: string; mult?: string; approx2?: string; unit?: string; chinese?: undefined; approx3?: undefined; cnunit?: undefined }
  | { sign?: string; chinese: string; approx3?: string; cnunit: string; arabic?: undefined; approx1?: undefined; mult?: undefined; approx2?: undefined; unit?: undefined };

export interface FigureMatch {
  /** Offset of the match in the scanned text, and its length (sign included). */
  index: number;
  length: number;
  groups: FigureGroups;
}

const SIGNS = '-−+';
const CHINESE_DIGITS = '〇零一二两三四五六七八九十百千万亿';
const APPROX = '余多';



/** The specification. Arabic figures may carry a multiplier and a unit; Chinese numerals must carry
 * a unit (a bare 三 or 万 is a word, not a figure) and hold their multiplier inside the numeral. */
export function figurePattern(units: readonly string[], multipliers: readonly string[]): string {
  const unitAlt = [...units].sort(byLengthDesc).map(escapeRegex).join('|');
  const multAlt = [...multipliers].sort(byLengthDesc).map(escapeRegex).join('|');
  return (
    `(?<sign>[${SIGNS}])?(?:(?<arabic>\\d+(?:,\\d{3})*(?:\\.\\d+)?)\\s?(?<approx1>${APPROX.split('').join('|')})?(?<mult>${multAlt})?(?<approx2>${APPROX.split('').join('|')})?(?<unit>${unitAlt})?` +
    `|(?<chinese>[${CHINESE_DIGITS}]+)(?<approx3>${APPROX.split('').join('|')})?(?<cnunit>${unitAlt}))`
  );
}

/**
 * Words indexed by first UTF-16 unit, longest first: the longest listed word at a position wins, as
 * in the alternation. Keyed by code, not by text[at]: indexing a string for a CJK character
 * allocates a new one-character string.
 */
class WordsByFirstChar {
  private readonly words: readonly string[];
  private readonly byFirst: Map<number, number[]>;

  constructor(words: readonly string[]) {
    this.words = [...words].sort(byLengthDesc);
    this.byFirst = positionsByEdgeUnit(this.words, 'first');
  }

  longestAt(text: string, at: number): string | undefined {
    const positions = this.byFirst.get(text.charCodeAt(at));
    if (!positions) return undefined;
    for (const i of positions) if (text.startsWith(this.words[i], at)) return this.words[i];
    return undefined;
  }
}

const CHAR_SIGN = 1;
const CHAR_DIGIT = 2;
const CHAR_CHINESE = 3;
const CHAR_APPROX = 4;
const CHAR_WHITESPACE = 5;
const CHAR_KIND = new Uint8Array(0x10000);
for (const c of SIGNS) CHAR_KIND[c.charCodeAt(0)] = CHAR_SIGN;
for (let d = 0x30; d <= 0x39; d++) CHAR_KIND[d] = CHAR_DIGIT;
for (const c of CHINESE_DIGITS) CHAR_KIND[c.charCodeAt(0)] = CHAR_CHINESE;
for (const c of APPROX) CHAR_KIND[c.charCodeAt(0)] = CHAR_APPROX;
for (const c of WHITESPACE_CHARS) CHAR_KIND[c.charCodeAt(0)] = CHAR_WHITESPACE;
const COMMA = 0x2c;
const DOT = 0x2e;

/** The kind of the character at `i`; 0 past the end. */
function kindAt(text: string, i: number): number {
  return i < text.length ? CHAR_KIND[text.charCodeAt(i)] : 0;
}

export class FigureScanner {
  private readonly units: WordsByFirstChar;
  private readonly multipliers: WordsByFirstChar;

  constructor(units: readonly string[], multipliers: readonly string[]) {
    this.units = new WordsByFirstChar(units);
    this.multipliers = new WordsByFirstChar(multipliers);
  }

  /** Every match, left to right and non-overlapping, exactly as `text.matchAll(new RegExp(figurePattern(…), 'gu'))`. */
  scan(text: string): FigureMatch[] {
    const found: FigureMatch[] = [];
    for (let at = 0; at < text.length; ) {
      const kind = CHAR_KIND[text.charCodeAt(at)];
      let match: FigureMatch | null = null;
      if (kind === CHAR_SIGN) {
        // The optional sign is tried first; without it a sign character starts no number.
        const rest = this.arabicAt(text, at + 1) ?? this.chineseAt(text, at + 1);
        if (rest) match = { index: at, length: rest.length + 1, groups: { sign: text[at], ...rest.groups } };
      } else if (kind === CHAR_DIGIT) match = this.arabicAt(text, at);
      else if (kind === CHAR_CHINESE) {
        match = this.chineseAt(text, at);
        // No unit follows any prefix of the numeral run from here, so none follows one from a later
        // start within it either: skipping the run keeps a long run (一一一…) linear.
        if (!match) {
          while (kindAt(text, at) === CHAR_CHINESE) at++;
          continue;
        }
      }
      if (match) {
        found.push(match);
        at = match.index + match.length;
      } else at++;
    }
    return found;
  }

  private arabicAt(text: string, start: number): FigureMatch | null {
    if (kindAt(text, start) !== CHAR_DIGIT) return null;
    let at = start;
    while (kindAt(text, at) === CHAR_DIGIT) at++;
    // Bounds-checked reads: one past the end would make the optimised code start over (a deopt).
    while (at < text.length && text.charCodeAt(at) === COMMA && kindAt(text, at + 1) === CHAR_DIGIT && kindAt(text, at + 2) === CHAR_DIGIT && kindAt(text, at + 3) === CHAR_DIGIT) at += 4;
    if (at < text.length && text.charCodeAt(at) === DOT && kindAt(text, at + 1) === CHAR_DIGIT) {
      at++;
      while (kindAt(text, at) === CHAR_DIGIT) at++;
    }
    const groups: FigureGroups & { arabic: string } = { arabic: text.slice(start, at) };
    // Every part after the number is optional and nothing follows them: each is taken when present.
    if (kindAt(text, at) === CHAR_WHITESPACE) at++;
    if (kindAt(text, at) === CHAR_APPROX) groups.approx1 = text[at++];
    const mult = this.multipliers.longestAt(text, at);
    if (mult !== undefined) {
      groups.mult = mult;
      at += mult.length;
    }
    if (kindAt(text, at) === CHAR_APPROX) groups.approx2 = text[at++];
    const unit = this.units.longestAt(text, at);
    if (unit !== undefined) {
      groups.unit = unit;
      at += unit.length;
    }
    return { index: start, length: at - start, groups };
  }

  private chineseAt(text: string, start: number): FigureMatch | null {
    let end = start;
    while (kindAt(text, end) === CHAR_CHINESE) end++;
    // The unit is required: give back numeral characters until one follows (三千瓦 is 三 + 千瓦).
    for (let numeralEnd = end; numeralEnd > start; numeralEnd--) {
      const approx = kindAt(text, numeralEnd) === CHAR_APPROX ? text[numeralEnd] : undefined;
      if (approx !== undefined) {
        const unit = this.units.longestAt(text, numeralEnd + 1);
        if (unit !== undefined) return { index: start, length: numeralEnd + 1 + unit.length - start, groups: { chinese: text.slice(start, numeralEnd), approx3: approx, cnunit: unit } };
      }
      const unit = this.units.longestAt(text, numeralEnd);
      if (unit !== undefined) return { index: start, length: numeralEnd + unit.length - start, groups: { chinese: text.slice(start, numeralEnd), cnunit: unit } };
    }
    return null;
  }
}
