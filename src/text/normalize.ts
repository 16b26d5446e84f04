/**
 * The text that matching and extraction read: full-width forms folded to ASCII, traditional
 * characters simplified, hard line breaks repaired. Every step returns a MappedText over its own
 * input and the steps are chained with `compose`, so any span of the result maps back to the
 * decoded file exactly.
 */
import { Converter } from 'opencc-js';
import { compose, MappedText, MappedTextBuilder } from './mapped';
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
  const out = new MappedTextBuilder();
  for (const match of text.matchAll(CHARACTER_CLUSTER)) {
    const cluster = match[0];
    const start = match.index ?? 0;
    if (cluster.charCodeAt(0) < 0x80 && cluster.length === 1) {
      out.pushCopy(cluster, start);
      continue;
    }
    const folded = cluster.normalize('NFKC');
    if (folded === cluster) out.pushCopy(cluster, start);
    else out.pushSpan(folded, start, start + cluster.length);
  }
  return out.build();
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
