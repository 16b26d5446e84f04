/**
 * The language of each part of an article. A line (a paragraph) is English when Latin letters
 * outnumber Han characters by more than two to one — a Chinese line with GDP, CPI, PMI or 5G in it
 * stays Chinese, since each Han character is a word or half of one. A line with too few letters of
 * either script to tell (a date, a number, a caption mark) goes with the text around it.
 */
export type Language = 'zh' | 'en';

export interface LanguagePart {
  start: number;
  end: number;
  language: Language;
}

/** Less than this much writing does not tell a line's language: a Han character counts as three
 * letters (it is a word or half of one). */
const MIN_LETTERS = 12;
const HAN_WEIGHT = 3;
const LATIN_PER_HAN = 2;

function isLatinLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isHan(c: number): boolean {
  return (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
}

/** The language of text[start, end), or null when it holds too few letters to tell. */
export function languageOf(text: string, start: number, end: number): Language | null {
  let latin = 0;
  let han = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (isLatinLetter(c)) latin++;
    else if (isHan(c)) {
      han++;
      // Chinese whatever the rest of the line holds: enough writing, and more Han than even a rest
      // of Latin letters could outweigh. A Chinese line is decided a third of the way in.
      if (latin + HAN_WEIGHT * han >= MIN_LETTERS && latin + (end - i - 1) <= LATIN_PER_HAN * han) return 'zh';
    }
  }
  if (latin + HAN_WEIGHT * han < MIN_LETTERS) return null;
  return latin > LATIN_PER_HAN * han ? 'en' : 'zh';
}

/**
 * text[start, end) cut where the language changes from one line to the next. Most articles are one
 * language: the whole range comes back as one part (Chinese when nothing tells).
 */
export function splitByLanguage(text: string, start: number, end: number): LanguagePart[] {
  const lines: { start: number; end: number; language: Language | null }[] = [];
  for (let at = start; at < end; ) {
    const newline = text.indexOf('\n', at);
    const lineEnd = newline < 0 || newline >= end ? end : newline;
    lines.push({ start: at, end: lineEnd, language: languageOf(text, at, lineEnd) });
    at = lineEnd + 1;
  }
  // Lines that do not tell take the language of the line before them (of the first that tells, at the start).
  const first = lines.find((l) => l.language !== null)?.language ?? 'zh';
  let current: Language = first;
  const parts: LanguagePart[] = [];
  for (const line of lines) {
    const language = line.language ?? current;
    current = language;
    const last = parts[parts.length - 1];
    if (last && last.language === language) last.end = line.end;
    else parts.push({ start: line.start, end: line.end, language });
  }
  if (parts.length > 0) {
    parts[0].start = start;
    parts[parts.length - 1].end = end;
  }
  return parts;
}
