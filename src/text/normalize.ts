/**
 * The text that matching and extraction read: full-width forms folded to ASCII, traditional
 * characters simplified, hard line breaks repaired. Every step returns a MappedText over its own
 * input and the steps are chained with `compose`, so any span of the result maps back to the
 * decoded file exactly.
 */
import { Converter } from 'opencc-js';
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
  // Most text is already NFKC: such a text maps to itself, with no per-character work.
  if (text.normalize('NFKC') === text) return identityMapped(text);
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

/** Every CJK character that OpenCC changes on its own, as one character class (built once). */
let convertible: RegExp | null = null;
function convertibleCharacters(): RegExp {
  if (!convertible) {
    const chars: string[] = [];
    for (const [from, to] of [[0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff]]) {
      let block = '';
      for (let code = from; code <= to; code++) block += String.fromCharCode(code);
      const converted = simplify(block);
      // Block conversion keeps length for single characters in the vast majority; compare per char
      // where it does, and fall back to one call per character where it does not.
      if (converted.length === block.length) {
        for (let i = 0; i < block.length; i++) if (converted[i] !== block[i]) chars.push(block[i]);
      } else {
        for (const c of block) if (simplify(c) !== c) chars.push(c);
      }
    }
    convertible = new RegExp(`[${chars.join('')}]`, 'u');
  }
  return convertible;
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
 * that line falls back to character-by-character conversion to keep every offset exact.
 */
export function traditionalToSimplified(text: string): MappedText {
  // Converting is costly and most dumps are simplified: a text with no character that OpenCC
  // would change is simplified as it stands.
  if (!convertibleCharacters().test(text)) return identityMapped(text);
  const out = new MappedTextBuilder();
  for (const match of text.matchAll(/[^\n]+|\n/g)) {
    const line = match[0];
    const start = match.index ?? 0;
    const converted = line === '\n' ? line : simplify(line);
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
