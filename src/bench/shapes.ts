/**
 * Texts of hostile shapes, made from any text: the same words on one line with their punctuation,
 * and without it (as PDF or OCR output and pages scraped onto one line come). The pipeline's speed
 * on the second against the first tells whether its cost is linear whatever the input's shape.
 */

/** Sentence and clause punctuation, ellipses included: what bounds sentences and clauses. */
const PUNCTUATION = /[。！？!?，,；;：:、…．.]/gu;

/** `text` on one line (line breaks dropped), repeated or cut to `chars` characters. */
export function oneLineWithPunctuation(text: string, chars: number): string {
  return repeatTo(text.replace(/\s*\n\s*/gu, ''), chars);
}

/** The same as oneLineWithPunctuation, without sentence or clause punctuation and spaces. */
export function oneLineWithoutPunctuation(text: string, chars: number): string {
  return repeatTo(text.replace(/\s+/gu, '').replace(PUNCTUATION, ''), chars);
}

function repeatTo(unit: string, chars: number): string {
  if (unit.length === 0) return '';
  let out = unit.repeat(Math.ceil(chars / unit.length));
  out = out.slice(0, chars);
  // Never end in half a surrogate pair.
  const last = out.charCodeAt(out.length - 1);
  return last >= 0xd800 && last <= 0xdbff ? out.slice(0, -1) : out;
}
