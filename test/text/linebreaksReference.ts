/**
 * repairLineBreaks as it was written before it was made faster (a regex scan for line ends, objects
 * per line, every line measured, a regex per question asked of a line): the reference its
 * replacement must agree with, text and offsets, on every input.
 */
import { PlainMap, ReferenceBuilder } from './mappedInvariants';

interface Line {
  readonly content: string;
  /** Offset of `content` (the line without surrounding whitespace) in the input. */
  readonly start: number;
  /** The line terminator after the line; empty at the end of the input. */
  readonly breakStart: number;
  readonly breakEnd: number;
  /** A blank line (or the start/end of the input) is right before / after this line. */
  readonly isolatedBefore: boolean;
  readonly isolatedAfter: boolean;
}

/** Below this width a line is too short to tell a column apart from a heading. */
const MIN_WRAPPED_WIDTH = 8;
/** A line of prose this wide with clause marks is a paragraph, not a heading. */
const MIN_BROKEN_PARAGRAPH_WIDTH = 30;
/** Captions cutting a sentence are at most this wide, and at most this many in a row. */
const MAX_ISLAND_WIDTH = 20;
const MAX_ISLANDS = 3;
/** …and clearly narrower than the cut line, which would otherwise just be wrapping onto them. */
const MAX_ISLAND_SHARE_OF_CUT_LINE = 0.7;
/** Lines on each side of a line searched for one of the same width. */
const PEER_WINDOW = 3;
/** Chinese paragraphs start with a two-character indent, so their first line is that much shorter. */
const INDENT = 2;

const STRICT_END = /(?:[。！？!?；;：:…]|——|\.\.\.|[^\d.]\.)[”’」』)）】]?$/;
/** A closing quote or bracket ends a heading (城市治理联动“数字大脑”) but also wraps mid-sentence in a column. */
const SOFT_END = /[”」』)）】]$/;
const CLAUSE_END = /[，、,]$/;
const CLAUSE_MARK = /[，、,；;]/;
/** Punctuation of running text. Colons are left out: labels use them (来源:, 附件一:). */
const PROSE_PUNCTUATION = /[，、,；;。.!?！？]/;
const SENTENCE_MARK_INSIDE = /[。；;!?！？]/;
const NUMERIC_CELL = /^(?:[\d.,%‰*+\-−~\s]+|[—–-]{1,2})$/;
const MARKUP_HEADING = /^#{1,6}\s/;
const PIPE_ROW = /[|｜][^|｜]*[|｜]|[^\t]\t+[^\t]|[^\s.,;:!?。，；：！？](?: {2,}|\u3000+)\S.*?[^\s.,;:!?。，；：！？](?: {2,}|\u3000+)\S|[^\s.,;:!?。，；：！？](?: {2,}|\u3000+)[-−+]?\d[\d,.]*%?$/;
const LIST_ITEM = /^(?:\d{1,2}[.、)](?!\d)|[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.]|[•·▪●○◆◇■□▶►]|[-*]\s)/;
const PAGE_MARKER = /^(?:[-—–―~]\s*\d{1,4}\s*[-—–―~]|第\s*\d{1,3}\s*[版页]|\d{1,3}\s*\/\s*\d{1,3})$/;
const BARE_NUMBER = /^\d{1,3}$/;
const CAPTION = [
  /^[(（][^()（）]*(?:摄|供图|提供|图片|照片|资料图)[^()（）]*[)）]$/,
  /^图为/,
  /^■\s*(?:本报)?(?:记者|通讯员)/,
];
const SHORT_MARKER_LINE = /^■[^，、,；;。.!?！？]{0,15}$/;
const LATIN_END = /[A-Za-z]$/;
const LATIN_START = /^[A-Za-z]/;

export function referenceRepairLineBreaks(text: string): PlainMap {
  const lines = splitLines(text).filter((line) => line.content !== '' && !isCaption(line.content));
  const kept = lines.filter((line, i) => !isPageNumber(line, lines[i - 1], lines[i + 1]));
  const widths = kept.map((line) => displayWidth(line.content));

  const joinsPrevious = new Array<boolean>(kept.length).fill(false);
  const dropped = new Array<boolean>(kept.length).fill(false);
  for (let k = 0; k + 1 < kept.length; k++) {
    const evidence = wrapEvidence(kept, widths, k);
    if (evidence === null) continue;
    const resume = lineAfterInterruptingCaptions(kept, widths, k);
    const next = kept[k + 1].content;
    if (resume !== null) {
      for (let j = k + 1; j < resume; j++) dropped[j] = true;
      joinsPrevious[resume] = true;
      k = resume - 1;
    } else if (canContinueSentence(next) && (evidence !== 'paragraph' || PROSE_PUNCTUATION.test(next))) {
      joinsPrevious[k + 1] = true;
    }
  }

  const out = new ReferenceBuilder();
  let previous: Line | null = null;
  kept.forEach((line, k) => {
    if (dropped[k]) return;
    if (previous !== null) {
      if (!joinsPrevious[k]) out.pushSpan('\n', previous.breakStart, previous.breakEnd);
      else if (LATIN_END.test(previous.content) && LATIN_START.test(line.content)) out.pushSpan(' ', previous.breakStart, previous.breakEnd);
    }
    out.pushCopy(line.content, line.start);
    previous = line;
  });
  return out.out;
}

/** Lines split at \n, \r\n, \r, form feed (page break in PDF extracts) and Unicode line/paragraph separators. */
function splitLines(text: string): Line[] {
  const raw: Array<{ start: number; end: number; breakEnd: number }> = [];
  const terminator = /\r\n|[\n\r\f\u2028\u2029]/g;
  let start = 0;
  for (const match of text.matchAll(terminator)) {
    const at = match.index ?? 0;
    raw.push({ start, end: at, breakEnd: at + match[0].length });
    start = at + match[0].length;
  }
  raw.push({ start, end: text.length, breakEnd: text.length });

  const trimmed = raw.map(({ start: s, end: e }) => trimRange(text, s, e));
  const isBlank = (i: number): boolean => i < 0 || i >= raw.length || trimmed[i].start === trimmed[i].end;
  return raw.map((r, i) => ({
    content: text.slice(trimmed[i].start, trimmed[i].end),
    start: trimmed[i].start,
    breakStart: r.end,
    breakEnd: r.breakEnd,
    isolatedBefore: isBlank(i - 1),
    isolatedAfter: isBlank(i + 1),
  }));
}

function trimRange(text: string, start: number, end: number): { start: number; end: number } {
  const space = /[\s\u200b]/;
  while (start < end && space.test(text[start])) start++;
  while (end > start && space.test(text[end - 1])) end--;
  return { start, end };
}

function isCaption(content: string): boolean {
  return CAPTION.some((pattern) => pattern.test(content)) || SHORT_MARKER_LINE.test(content);
}

function isPageNumber(line: Line, before: Line | undefined, after: Line | undefined): boolean {
  if (PAGE_MARKER.test(line.content)) return true;
  return BARE_NUMBER.test(line.content) && isProse(before) && isProse(after);
}

function isProse(line: Line | undefined): boolean {
  return line !== undefined && displayWidth(line.content) >= MIN_WRAPPED_WIDTH && !NUMERIC_CELL.test(line.content);
}

/**
 * Width in full-width character cells: CJK and (folded full-width) punctuation take one cell,
 * ASCII letters, digits and spaces half a cell, as they are set in Chinese columns.
 */
function displayWidth(content: string): number {
  let width = 0;
  for (let i = 0; i < content.length; i++) {
    const code = content.charCodeAt(i);
    if (code >= 0xdc00 && code <= 0xdfff) continue; // second half of a surrogate pair
    width += isHalfWidthCell(code) ? 0.5 : 1;
  }
  return width;
}

/** ASCII letters, digits and the space. */
function isHalfWidthCell(code: number): boolean {
  return code === 0x20 || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

type WrapEvidence = 'clause' | 'paragraph' | 'column';

/** Why line k is a wrapped line of running text that has not ended (see the file comment), or null. */
function wrapEvidence(lines: readonly Line[], widths: readonly number[], k: number): WrapEvidence | null {
  const content = lines[k].content;
  if (STRICT_END.test(content) || NUMERIC_CELL.test(content) || MARKUP_HEADING.test(content) || PIPE_ROW.test(content)) return null;
  if (isStandingAlone(lines[k])) return null;
  const softEnd = SOFT_END.test(content);
  if (!softEnd && CLAUSE_END.test(content)) return 'clause';
  if (!softEnd && widths[k] >= MIN_BROKEN_PARAGRAPH_WIDTH && CLAUSE_MARK.test(content)) return 'paragraph';
  return isColumnWide(lines, widths, k) ? 'column' : null;
}

/**
 * Line k is as wide as a nearby line that is itself mid-paragraph (a paragraph's last line is
 * shorter, so it says nothing about the column). A paragraph's first line may be two characters
 * short: the indent.
 */
function isColumnWide(lines: readonly Line[], widths: readonly number[], k: number): boolean {
  const width = widths[k];
  if (width < MIN_WRAPPED_WIDTH || isNumberedHeading(lines[k].content)) return false;
  const startsParagraph = k === 0 || endsSentence(lines[k - 1].content);
  for (let j = Math.max(0, k - PEER_WINDOW); j <= Math.min(lines.length - 1, k + PEER_WINDOW); j++) {
    const peer = lines[j].content;
    if (j === k || widths[j] < MIN_WRAPPED_WIDTH || NUMERIC_CELL.test(peer) || endsSentence(peer)) continue;
    if (!PROSE_PUNCTUATION.test(lines[k].content) && !PROSE_PUNCTUATION.test(peer)) continue;
    const tolerance = Math.max(2.5, 0.12 * Math.max(widths[j], width));
    const shortfall = widths[j] - width;
    if (Math.abs(shortfall) <= tolerance || (startsParagraph && Math.abs(shortfall - INDENT) <= tolerance)) return true;
  }
  return false;
}

/** "三、壮大新产业" or "(一)发展基础": a numbered line without a sentence in it heads a section. */
function isNumberedHeading(content: string): boolean {
  return LIST_ITEM.test(content) && !SENTENCE_MARK_INSIDE.test(content);
}

function endsSentence(content: string): boolean {
  return STRICT_END.test(content) || SOFT_END.test(content);
}

function canContinueSentence(content: string): boolean {
  return !NUMERIC_CELL.test(content) && !MARKUP_HEADING.test(content) && !LIST_ITEM.test(content) && !PIPE_ROW.test(content);
}

/** An unpunctuated line between blank lines: a heading or caption, whatever its width. */
function isStandingAlone(line: Line): boolean {
  return line.isolatedBefore && line.isolatedAfter && !PROSE_PUNCTUATION.test(line.content);
}

/** A short line standing alone: a photo caption or pull quote when it sits inside a cut sentence. */
function isIsland(line: Line, width: number): boolean {
  return isStandingAlone(line) && width <= MAX_ISLAND_WIDTH && !NUMERIC_CELL.test(line.content) && !MARKUP_HEADING.test(line.content);
}

/**
 * When wrapped line k is followed by captions that cut its sentence (island lines clearly narrower
 * than k), the index of the line the sentence resumes on; otherwise null.
 */
function lineAfterInterruptingCaptions(lines: readonly Line[], widths: readonly number[], k: number): number | null {
  let j = k + 1;
  while (j < lines.length && j - k <= MAX_ISLANDS && isIsland(lines[j], widths[j]) && widths[j] < MAX_ISLAND_SHARE_OF_CUT_LINE * widths[k]) j++;
  if (j === k + 1 || j >= lines.length) return null;
  const resume = lines[j];
  if (isIsland(resume, widths[j]) || !canContinueSentence(resume.content)) return null;
  return j;
}
