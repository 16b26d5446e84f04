/**
 * The text that matching and extraction read: full-width forms folded to ASCII, traditional
 * characters simplified, hard line breaks repaired. Every step returns a MappedText over its own
 * input and the steps are chained with `compose`, so any span of the result maps back to the
 * decoded file exactly.
 */
import { Converter } from 'opencc-js';
import { CodeUnitSet } from './codeUnitSet';
import { compose, identityMapped, MappedText, MappedTextBuilder } from './mapped';
import { repairLineBreaks } from './linebreaks';

export { repairLineBreaks } from './linebreaks';

export function normalizeForMatching(input: MappedText): MappedText {
  const folded = compose(nfkcPerChar(input.text), input);
  const simplified = compose(traditionalToSimplified(folded.text), folded);
  return compose(repairLineBreaks(simplified.text), simplified);
}

/** A base character with the combining marks that follow it: the unit NFKC must see whole. */
const CHARACTER_CLUSTER = /\P{M}\p{M}*|\p{M}+/gsu;

/**
 * NFKC, one character (with its combining marks) at a time, so each output char maps to the input
 * char it came from even when NFKC changes the length ("…" → "...", "㎡" → "m2").
 * Folds "，"→",", "％"→"%", "（"→"(", "２"→"2", U+3000 and NBSP → " ".
 */
export function nfkcPerChar(text: string): MappedText {
  // The table scan handles nearly every text, and returns an identity map when nothing folds; a
  // text NFKC leaves alone maps to itself without the per-cluster work.
  return foldBmpWithoutMarks(text) ?? (text.normalize('NFKC') === text ? identityMapped(text) : foldPerCluster(text));
}

/** What NFKC does to a BMP char on its own; learnt the first time the char is seen. */
const enum BmpFold {
  Unknown = 0,
  Unchanged = 1,
  /** Folds to one other char ("，" → ","), so no offset moves. */
  ToOneChar = 2,
  /** Folds to more chars ("…" → "..."). */
  Widens = 3,
  /** A combining mark or a surrogate half: the text needs the per-cluster path. */
  NeedsClusters = 4,
}
const bmpFoldStates = new Uint8Array(0x10000);
/** The char a ToOneChar char folds to. */
const bmpFoldedChars = new Uint16Array(0x10000);
/** What a Widens char folds to. */
const bmpWidened = new Map<number, string>();
/**
 * The chars the scan must look up: all but ASCII at first; a char learnt to stay as it is leaves the
 * set. A bit a char, which stays in cache where the byte table would not.
 */
const mayFold = new CodeUnitSet(Array.from({ length: 0x10000 - 0x80 }, (_, i) => 0x80 + i));

function learnBmpFold(code: number): BmpFold {
  const char = String.fromCharCode(code);
  let state: BmpFold;
  if ((code >= 0xd800 && code <= 0xdfff) || COMBINING_MARK.test(char)) {
    state = BmpFold.NeedsClusters;
  } else {
    const folded = char.normalize('NFKC');
    if (folded === char) {
      state = BmpFold.Unchanged;
      mayFold.delete(code);
    } else if (folded.length === 1) {
      state = BmpFold.ToOneChar;
      bmpFoldedChars[code] = folded.charCodeAt(0);
    } else {
      state = BmpFold.Widens;
      bmpWidened.set(code, folded);
    }
  }
  bmpFoldStates[code] = state;
  return state;
}

/**
 * The common case, with a table lookup per char: a text of BMP chars without combining marks, where
 * every char is its own cluster. Returns null for any other text.
 */
function foldBmpWithoutMarks(text: string): MappedText | null {
  const foldsToOneChar: number[] = [];
  const widens: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (!mayFold.has(code)) continue;
    let state = bmpFoldStates[code] as BmpFold;
    if (state === BmpFold.Unknown) state = learnBmpFold(code);
    if (state === BmpFold.ToOneChar) foldsToOneChar.push(i);
    else if (state === BmpFold.Widens) widens.push(i);
    else if (state === BmpFold.NeedsClusters) return null;
  }
  // Folds to one char keep every offset: they are made in place, and only widening folds cut the map.
  const folded = foldsToOneChar.length === 0 ? text : withCharsFolded(text, foldsToOneChar);
  if (widens.length === 0) return identityMapped(folded);
  const out = new MappedTextBuilder();
  let runStart = 0;
  for (const at of widens) {
    if (at > runStart) out.pushCopy(folded.slice(runStart, at), runStart);
    out.pushSpan(bmpWidened.get(text.charCodeAt(at))!, at, at + 1);
    runStart = at + 1;
  }
  if (runStart < text.length) out.pushCopy(folded.slice(runStart), runStart);
  return out.build();
}

/**
 * `text` with the char at each position replaced by the one char it folds to, written into a copy of
 * its UTF-16 units: a text holds a fold every few dozen chars, and joining the pieces between them
 * costs more than two copies of the whole text.
 */
function withCharsFolded(text: string, positions: readonly number[]): string {
  const units = Buffer.from(text, 'utf16le');
  for (const at of positions) units.writeUInt16LE(bmpFoldedChars[text.charCodeAt(at)], 2 * at);
  return units.toString('utf16le');
}

/** NFKC cluster by cluster: any text, including combining marks and surrogate pairs. */
function foldPerCluster(text: string): MappedText {
  const out = new MappedTextBuilder();
  let runStart = 0;
  const fold = (cluster: string, start: number) => {
    const folded = foldCluster(cluster);
    if (folded === cluster) return;
    // Unchanged text since the last fold is copied as one run.
    if (start > runStart) out.pushCopy(text.slice(runStart, start), runStart);
    out.pushSpan(folded, start, start + cluster.length);
    runStart = start + cluster.length;
  };
  if (COMBINING_MARK.test(text)) {
    for (const match of text.matchAll(CHARACTER_CLUSTER)) fold(match[0], match.index ?? 0);
  } else {
    // No combining marks: every cluster is one code point, read without a regex.
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code < 0x80) continue;
      const wide = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length;
      fold(wide ? text.slice(i, i + 2) : text[i], i);
      if (wide) i++;
    }
  }
  if (runStart < text.length) out.pushCopy(text.slice(runStart), runStart);
  return out.build();
}

const COMBINING_MARK = /\p{M}/u;

/** NFKC of one cluster, remembered: a text repeats the same few hundred characters. */
const foldedClusters = new Map<string, string>();
function foldCluster(cluster: string): string {
  let folded = foldedClusters.get(cluster);
  if (folded === undefined) {
    folded = cluster.normalize('NFKC');
    if (foldedClusters.size < 100_000) foldedClusters.set(cluster, folded);
  }
  return folded;
}

/** The CJK blocks whose characters OpenCC may change on their own. */
const CONVERTIBLE_BLOCKS: ReadonlyArray<readonly [number, number]> = [
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xf900, 0xfaff],
];

/** Whether OpenCC changes a BMP char on its own: 0 not yet asked, 1 no, 2 yes. */
const convertibleStates = new Uint8Array(0x10000);

/**
 * The chars a scan for convertible ones stops at: those of the blocks not asked about yet, and those
 * OpenCC changes; a char found to stay as it is leaves the set. The scan reads every char of every
 * text, and this set (a bit a char) stays in cache where the byte table above would not.
 */
const mayConvert = new CodeUnitSet(
  CONVERTIBLE_BLOCKS.flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => from + i)),
);

/**
 * Whether OpenCC changes the char on its own. Asked once per char, the first time a text holds it:
 * a text uses a few thousand distinct characters, while building the whole table costs tens of ms.
 */
export function isConvertibleCharacter(code: number): boolean {
  let state = convertibleStates[code];
  if (state === 0) {
    const char = String.fromCharCode(code);
    const inBlock = CONVERTIBLE_BLOCKS.some(([from, to]) => code >= from && code <= to);
    state = inBlock && simplify(char) !== char ? 2 : 1;
    convertibleStates[code] = state;
    if (state === 1) mayConvert.delete(code);
  }
  return state === 2;
}

function hasConvertibleCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (mayConvert.has(code) && isConvertibleCharacter(code)) return true;
  }
  return false;
}

let toSimplified: ((text: string) => string) | null = null;

/** OpenCC's Hong Kong preset also covers the variants the Taiwan one misses (衞 → 卫). */
function simplify(text: string): string {
  toSimplified ??= Converter({ from: 'hk', to: 'cn' });
  return toSimplified(text);
}

/**
 * Traditional → simplified, for matching only. OpenCC converts phrase by phrase, so a line is
 * converted whole and mapped 1:1 when its length is unchanged; when a phrase changes the length,
 * that line falls back to character-by-character conversion to keep every offset exact. Only lines
 * that hold a traditional character are converted: OpenCC's phrase table also rewrites simplified
 * words (打坏 → 打坯, 反覆 → 反复), which a simplified line quoting no traditional text must keep.
 */
export function traditionalToSimplified(text: string): MappedText {
  // Converting is costly and most dumps are simplified: a text with no character that OpenCC
  // would change is simplified as it stands.
  if (!hasConvertibleCharacter(text)) return identityMapped(text);
  const out = new MappedTextBuilder();
  for (const match of text.matchAll(/[^\n]+|\n/g)) {
    const line = match[0];
    const start = match.index ?? 0;
    const converted = line === '\n' || !hasConvertibleCharacter(line) ? line : simplify(line);
    if (converted === line) {
      out.pushCopy(line, start);
    } else if (converted.length === line.length) {
      for (let i = 0; i < line.length; i++) out.pushSpan(converted[i], start + i, start + i + 1);
    } else {
      let offset = start;
      for (const char of line) {
        const single = simplify(char);
        if (single === char) out.pushCopy(char, offset);
        else out.pushSpan(single, offset, offset + char.length);
        offset += char.length;
      }
    }
  }
  return out.build();
}
