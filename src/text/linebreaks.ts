/**
 * Hard line-break repair. Newspaper and PDF extracts wrap lines at the column width, mid-sentence
 * and even mid-number ("25\n0.3亿元", "吉\n利长兴"); some also put a blank line inside a sentence.
 * This step joins such wrapped lines and keeps real boundaries (paragraphs, headings, list items,
 * table cells one per line), emitting one "\n" between the lines it keeps apart.
 *
 * A break after line A is joined when A has not ended its sentence and A is *wrapped*:
 *  - A ends with a clause mark (，、,): the sentence certainly goes on; or
 *  - A is a long line of prose (≥ 30 chars, with clause marks) and the next line is punctuated
 *    prose too, not a heading: a paragraph-per-line file whose paragraph was cut; or
 *  - A has the column width: at least two lines within three lines of it that do not end a
 *    sentence are as wide (±max(2.5 chars, 12%); a paragraph's first line may be two characters
 *    short, the indent), A or that line containing punctuation. Headings and captions are
 *    unpunctuated and rarely the width of running text around them, so they stay on their own line;
 * and the next line can continue a sentence (it is not a bare number / table cell, a heading or a
 * list item). A row of cells between pipes (工业 | 220264 | 2.1 |), tabs or runs of spaces is never joined
 * to a line next to it. Never wrapped: an unpunctuated line between blank lines (a heading or caption,
 * whatever its width) and a numbered heading without a sentence in it ("三、…", "(一)…"). A sentence has ended when A ends with 。！？；：… (or "——"), optionally followed by a
 * closing quote; a line ending in a bare closing quote or bracket (城市治理联动“数字大脑”) counts as
 * ended unless it has the column width.
 *
 * Lines that are not text of the article are removed and do not interrupt a sentence:
 *  - page markers: "- 3 -", "— 12 —", "第3版"; and a bare 1–3 digit number whose nearest lines on
 *    both sides are prose. A bare number next to another number or a short cell is a table cell or
 *    a row number and is kept on its own line;
 *  - captions and bylines: "（图片由…提供）", "（记者 … 摄）", "图为…", "■记者 …", short "■…" lines;
 *  - unmarked captions that cut a sentence: up to three short unpunctuated lines standing alone
 *    between blank lines, right after a wrapped line that has not ended, when prose follows them.
 */
import { CodeUnitSet, WHITESPACE_CHARS } from './codeUnitSet';
import { MappedText, MappedTextBuilder } from './mapped';

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
/** A table row written between pipes (two pipes or more on the line), tabs (a tab between two cells)
 * or runs of spaces as a PDF's text layer aligns columns (three cells, or a number cell at the end; a
 * gap after a sentence's end, as English prose leaves, parts no cells). */
const PIPE_ROW = /[|｜][^|｜]*[|｜]|[^\t]\t+[^\t]|[^\s.,;:!?。，；：！？](?: {2,}|\u3000+)\S.*?[^\s.,;:!?。，；：！？](?: {2,}|\u3000+)\S|[^\s.,;:!?。，；：！？](?: {2,}|\u3000+)[-−+]?\d[\d,.]*%?$/;
const LIST_ITEM = /^(?:\d{1,2}[.、)](?!\d)|[(（][一二三四五六七八九十\d]{1,3}[)）]|[一二三四五六七八九十]{1,3}[、.]|[•·▪●○◆◇■□▶►]|[-*]\s)/;
const PAGE_MARKER = /^(?:[-—–―~]\s*\d{1,4}\s*[-—–―~]|第\s*\d{1,3}\s*[版页]|\d{1,3}\s*\/\s*\d{1,3})$/;
const BARE_NUMBER = /^\d{1,3}$/;
/** Captions and bylines; every branch is anchored at the start, so most lines fail at their first char. */
const CAPTION =
  /^(?:[(（][^()（）]*(?:摄|供图|提供|图片|照片|资料图)[^()（）]*[)）]$|图为|■\s*(?:本报)?(?:记者|通讯员)|■[^，、,；;。.!?！？]{0,15}$)/;
const LATIN_END = /[A-Za-z]$/;
const LATIN_START = /^[A-Za-z]/;

/**
 * A line that holds more than whitespace. What the repair asks of a line is worked out the first
 * time it is asked, and kept: each line is asked again as a peer of its neighbours, and most lines,
 * which end their sentence, are never asked most of it.
 */
class Line {
  private measuredWidth: number | undefined;
  private strictEnd: boolean | undefined;
  private softEnd: boolean | undefined;
  private numericCell: boolean | undefined;
  private prosePunctuation: boolean | undefined;
  private pipeRow: boolean | undefined;

  constructor(
    readonly content: string,
    /** Offset of `content` (the line without surrounding whitespace) in the input. */
    readonly start: number,
    /** The line terminator after the line; empty at the end of the input. */
    readonly breakStart: number,
    readonly breakEnd: number,
    /** A blank line (or the start/end of the input) is right before / after this line. */
    readonly isolatedBefore: boolean,
    readonly isolatedAfter: boolean,
  ) {}

  get width(): number {
    return (this.measuredWidth ??= displayWidth(this.content));
  }

  get endsStrictly(): boolean {
    return (this.strictEnd ??= STRICT_END.test(this.content));
  }

  get endsSoftly(): boolean {
    return (this.softEnd ??= SOFT_END.test(this.content));
  }

  get endsSentence(): boolean {
    return this.endsStrictly || this.endsSoftly;
  }

  get isNumericCell(): boolean {
    return (this.numericCell ??= NUMERIC_CELL.test(this.content));
  }

  get isPipeRow(): boolean {
    return (this.pipeRow ??= PIPE_ROW.test(this.content));
  }

  get hasProsePunctuation(): boolean {
    return (this.prosePunctuation ??= PROSE_PUNCTUATION.test(this.content));
  }
}

/**
 * The repair reads a line's neighbours up to this many lines on either side (peers of the same
 * width, PEER_WINDOW; captions cutting a sentence, MAX_ISLANDS + 1): lines further back are let go,
 * so a large text is repaired holding a few lines, not all of them.
 */
const LOOKAROUND = Math.max(PEER_WINDOW, MAX_ISLANDS + 1);

export function repairLineBreaks(text: string): MappedText {
  const kept = new LineWindow(linesOfText(text));
  // Decided for lines ahead of the one being written: decisions only ever reach forward.
  const joinsPrevious = new Set<number>();
  const dropped = new Set<number>();
  // After captions cut a sentence, the lines up to where it resumes are not asked (they are dropped).
  let decideFrom = 0;
  const out = new MappedTextBuilder();
  let previous: Line | null = null;
  for (let k = 0; kept.has(k); k++) {
    if (k >= decideFrom && kept.has(k + 1)) {
      const evidence = wrapEvidence(kept, k);
      if (evidence !== null) {
        const resume = lineAfterInterruptingCaptions(kept, k);
        const next = kept.at(k + 1);
        if (resume !== null) {
          for (let j = k + 1; j < resume; j++) dropped.add(j);
          joinsPrevious.add(resume);
          decideFrom = resume;
        } else if (canContinueSentence(next) && (evidence !== 'paragraph' || next.hasProsePunctuation)) {
          joinsPrevious.add(k + 1);
        }
      }
    }
    kept.forgetBefore(k - LOOKAROUND);
    const joins = joinsPrevious.delete(k);
    if (dropped.delete(k)) continue;
    const line = kept.at(k);
    if (previous !== null) {
      if (!joins) out.pushSpan('\n', previous.breakStart, previous.breakEnd);
      else if (joinsWithSpace(previous.content, line.content)) out.pushSpan(' ', previous.breakStart, previous.breakEnd);
    }
    out.pushCopy(line.content, line.start);
    previous = line;
  }
  return out.build();
}

/** The lines the repair works on, by position, read from `lines` as they are asked for; those before a point can be let go. */
class LineWindow {
  private readonly held: Line[] = [];
  /** Position of held[0]. */
  private first = 0;
  private ended = false;

  constructor(private readonly lines: Iterator<Line>) {}

  /** Whether there is a line at position i (i not let go). */
  has(i: number): boolean {
    while (!this.ended && i >= this.first + this.held.length) {
      const next = this.lines.next();
      if (next.done) this.ended = true;
      else this.held.push(next.value);
    }
    return i >= this.first && i < this.first + this.held.length;
  }

  at(i: number): Line {
    if (!this.has(i)) throw new RangeError(`line ${i} is not held`);
    return this.held[i - this.first];
  }

  /** Lets go of the lines before position i. */
  forgetBefore(i: number): void {
    const drop = i - this.first;
    // Dropped in batches: one shift per line would move the window each time.
    if (drop < 1024) return;
    this.held.splice(0, drop);
    this.first = i;
  }
}

/** The text's lines that hold more than whitespace, each trimmed, less captions and page numbers. */
function* linesOfText(text: string): Generator<Line, void, undefined> {
  // A page number is told by the lines on both sides of it, captions left out.
  let before: Line | undefined;
  let line: Line | undefined;
  for (const after of nonBlankLines(text)) {
    if (CAPTION.test(after.content)) continue;
    if (line !== undefined && !isPageNumber(line, before, after)) yield line;
    before = line;
    line = after;
  }
  if (line !== undefined && !isPageNumber(line, before, undefined)) yield line;
}

/** English prose: at least this many Latin letters and few Han characters on the line. */
const MIN_LATIN_PROSE_LETTERS = 20;
const LATIN_LETTERS = /[A-Za-z]/g;
const HAN = /[\u3400-\u9fff]/g;
/** Where an English line wraps, the break stood for a space (530.5\nbillion, totaled\n231.25,
 * period,\nup); a hyphen at the line's end joins a word's halves. */
const LATIN_PROSE_END = /[A-Za-z0-9,.;:%)'’"”]$/;
const LATIN_PROSE_START = /^[A-Za-z0-9($"“‘'£€¥]/;

const LOWER_START = /^[a-z]/;

function isLatinProse(line: string): boolean {
  const letters = line.match(LATIN_LETTERS)?.length ?? 0;
  if (letters < MIN_LATIN_PROSE_LETTERS) return false;
  const han = line.match(HAN)?.length ?? 0;
  return han * 10 < letters;
}

function joinsWithSpace(previous: string, next: string): boolean {
  if (LATIN_END.test(previous) && LATIN_START.test(next)) return true;
  if (!LATIN_PROSE_END.test(previous) || !LATIN_PROSE_START.test(next)) return false;
  return isLatinProse(previous);
}

/** What `\s` matches, and the zero-width space: trimmed from both ends of a line. */
const LINE_PADDING = CodeUnitSet.of(`${WHITESPACE_CHARS}\u200b`);
/**
 * Lines end at \n, \r\n, \r, form feed (page break in PDF extracts) and the Unicode line and paragraph
 * separators. All but \n are rare: a text is searched for them apart, by a regex that finds there
 * are none in one native scan, and for \n by indexOf, which is faster than reading char by char.
 */
const TERMINATOR_OTHER_THAN_LF = /[\r\f\u2028\u2029]/g;
const CR = 0x0d;
const LF = 0x0a;

/** The lines that hold more than whitespace, each trimmed, one at a time. */
function* nonBlankLines(text: string): Generator<Line, void, undefined> {
  // The next terminator of each kind at or after the line's start (the text's length if none), found again once passed.
  let nextLf = -1;
  let nextOther = -1;
  // Each line is given once the next is read: whether a blank line follows it is part of it.
  let pending: { start: number; end: number; at: number; breakEnd: number; blankBefore: boolean } | null = null;
  let previousBlank = true;
  for (let lineStart = 0; ; ) {
    if (nextLf < lineStart) nextLf = endIfMissing(text.indexOf('\n', lineStart), text);
    if (nextOther < lineStart) {
      TERMINATOR_OTHER_THAN_LF.lastIndex = lineStart;
      nextOther = endIfMissing(TERMINATOR_OTHER_THAN_LF.exec(text)?.index ?? -1, text);
    }
    const at = Math.min(nextLf, nextOther);
    // The end of the text ends the last line, with no terminator.
    const breakEnd = at === text.length ? at : text.charCodeAt(at) === CR && text.charCodeAt(at + 1) === LF ? at + 2 : at + 1;
    let start = lineStart;
    let end = at;
    while (start < end && LINE_PADDING.has(text.charCodeAt(start))) start++;
    while (end > start && LINE_PADDING.has(text.charCodeAt(end - 1))) end--;
    const blank = start === end;
    if (pending !== null) yield new Line(text.slice(pending.start, pending.end), pending.start, pending.at, pending.breakEnd, pending.blankBefore, blank);
    pending = blank ? null : { start, end, at, breakEnd, blankBefore: previousBlank };
    previousBlank = blank;
    if (at === text.length) break;
    lineStart = breakEnd;
  }
  // The end of the text stands after the last line as a blank line would.
  if (pending !== null) yield new Line(text.slice(pending.start, pending.end), pending.start, pending.at, pending.breakEnd, pending.blankBefore, true);
}

function endIfMissing(index: number, text: string): number {
  return index < 0 ? text.length : index;
}

function isPageNumber(line: Line, before: Line | undefined, after: Line | undefined): boolean {
  if (PAGE_MARKER.test(line.content)) return true;
  return BARE_NUMBER.test(line.content) && isProse(before) && isProse(after);
}

function isProse(line: Line | undefined): boolean {
  return line !== undefined && line.width >= MIN_WRAPPED_WIDTH && !line.isNumericCell;
}

/**
 * Width in full-width character cells: CJK and (folded full-width) punctuation take one cell,
 * ASCII letters, digits and spaces half a cell, as they are set in Chinese columns.
 */
function displayWidth(content: string): number {
  let halfCells = 0;
  for (let i = 0; i < content.length; i++) {
    const code = content.charCodeAt(i);
    if (code >= 0xdc00 && code <= 0xdfff) continue; // second half of a surrogate pair
    halfCells += isHalfWidthCell(code) ? 1 : 2;
  }
  return halfCells / 2;
}

/** ASCII letters, digits and the space. */
function isHalfWidthCell(code: number): boolean {
  return code === 0x20 || (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

type WrapEvidence = 'clause' | 'paragraph' | 'column';

/** Why line k is a wrapped line of running text that has not ended (see the file comment), or null. */
function wrapEvidence(lines: LineWindow, k: number): WrapEvidence | null {
  const line = lines.at(k);
  if (line.endsStrictly || line.isNumericCell || MARKUP_HEADING.test(line.content) || line.isPipeRow) return null;
  if (isStandingAlone(line)) return null;
  if (!line.endsSoftly && CLAUSE_END.test(line.content)) return 'clause';
  // English prose cut mid-sentence: the next line goes on in lower case (… in the first half\nof 2023)
  if (lines.has(k + 1) && !line.isolatedAfter && LOWER_START.test(lines.at(k + 1).content) && isLatinProse(line.content)) return 'clause';
  if (!line.endsSoftly && line.width >= MIN_BROKEN_PARAGRAPH_WIDTH && CLAUSE_MARK.test(line.content)) return 'paragraph';
  return isColumnWide(lines, k) ? 'column' : null;
}

/**
 * Line k is as wide as a nearby line that is itself mid-paragraph (a paragraph's last line is
 * shorter, so it says nothing about the column). A paragraph's first line may be two characters
 * short: the indent.
 */
function isColumnWide(lines: LineWindow, k: number): boolean {
  const line = lines.at(k);
  const width = line.width;
  if (width < MIN_WRAPPED_WIDTH || isNumberedHeading(line.content)) return false;
  const startsParagraph = k === 0 || lines.at(k - 1).endsSentence;
  for (let j = Math.max(0, k - PEER_WINDOW); j <= k + PEER_WINDOW && lines.has(j); j++) {
    const peer = lines.at(j);
    if (j === k || peer.endsSentence || peer.isNumericCell || peer.width < MIN_WRAPPED_WIDTH) continue;
    if (!line.hasProsePunctuation && !peer.hasProsePunctuation) continue;
    const tolerance = Math.max(2.5, 0.12 * Math.max(peer.width, width));
    const shortfall = peer.width - width;
    if (Math.abs(shortfall) <= tolerance || (startsParagraph && Math.abs(shortfall - INDENT) <= tolerance)) return true;
  }
  return false;
}

/** "三、壮大新产业" or "(一)发展基础": a numbered line without a sentence in it heads a section. */
function isNumberedHeading(content: string): boolean {
  return LIST_ITEM.test(content) && !SENTENCE_MARK_INSIDE.test(content);
}

function canContinueSentence(line: Line): boolean {
  return !line.isNumericCell && !MARKUP_HEADING.test(line.content) && !LIST_ITEM.test(line.content) && !line.isPipeRow;
}

/** An unpunctuated line between blank lines: a heading or caption, whatever its width. */
function isStandingAlone(line: Line): boolean {
  return line.isolatedBefore && line.isolatedAfter && !line.hasProsePunctuation;
}

/** A short line standing alone: a photo caption or pull quote when it sits inside a cut sentence. */
function isIsland(line: Line): boolean {
  return isStandingAlone(line) && line.width <= MAX_ISLAND_WIDTH && !line.isNumericCell && !MARKUP_HEADING.test(line.content);
}

/**
 * When wrapped line k is followed by captions that cut its sentence (island lines clearly narrower
 * than k), the index of the line the sentence resumes on; otherwise null.
 */
function lineAfterInterruptingCaptions(lines: LineWindow, k: number): number | null {
  let j = k + 1;
  while (lines.has(j) && j - k <= MAX_ISLANDS && isIsland(lines.at(j)) && lines.at(j).width < MAX_ISLAND_SHARE_OF_CUT_LINE * lines.at(k).width) j++;
  if (j === k + 1 || !lines.has(j)) return null;
  const resume = lines.at(j);
  if (isIsland(resume) || !canContinueSentence(resume)) return null;
  return j;
}
