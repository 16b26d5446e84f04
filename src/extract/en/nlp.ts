/**
 * What zhstat asks of compromise: the sentences of an English paragraph, and the numbers written in
 * words (nine percent, two trillion yuan, the first six months). compromise is loaded on first use:
 * only English articles need it.
 */
type Nlp = typeof import('compromise').default;
let nlpInstance: Nlp | null = null;

function nlp(): Nlp {
  if (!nlpInstance) {
    const loaded = require('compromise') as Nlp | { default: Nlp };
    nlpInstance = typeof loaded === 'function' ? loaded : loaded.default;
  }
  return nlpInstance;
}

interface OffsetJson {
  text: string;
  offset: { start: number; length: number };
}

/**
 * Sentences of text[from, to) as [start, end) ranges, trimmed. compromise knows abbreviations
 * (U.S., No., Dr.); a full stop with no space before a capitalized word (opening.At a press
 * conference) also ends a sentence, as copy pasted from web pages often has it.
 */
export function englishSentences(text: string, from: number, to: number): { start: number; end: number }[] {
  const slice = text.slice(from, to);
  const out: { start: number; end: number }[] = [];
  const json = nlp()(slice).json({ offset: true, terms: false } as object) as OffsetJson[];
  for (const s of json) {
    let start = from + s.offset.start;
    const end = Math.min(to, start + s.offset.length);
    // split at ".X" glued sentences
    const glued = /[a-z0-9%)]\.(?=[A-Z][a-z])/g;
    const base = start;
    const inner = text.slice(base, end);
    for (let m = glued.exec(inner); m; m = glued.exec(inner)) {
      const cut = base + m.index + 2;
      out.push({ start, end: cut });
      start = cut;
    }
    out.push({ start, end });
  }
  return out.filter((s) => s.end > s.start);
}

/** Whole numbers written in words in text[from, to) (nine, twenty-one, six); ordinals and fractions left out. */
export function spelledNumbers(text: string, from: number, to: number): { start: number; end: number; value: number }[] {
  const slice = text.slice(from, to);
  if (!/[a-z]/i.test(slice)) return [];
  const doc = nlp()(slice).numbers().isCardinal();
  const json = doc.json({ offset: true, terms: false } as object) as (OffsetJson & { number?: { num?: number } })[];
  const out: { start: number; end: number; value: number }[] = [];
  for (const n of json) {
    if (/\d/.test(n.text) || (n.number?.num !== undefined && !Number.isInteger(n.number.num))) continue;
    // the longest run of words from the first that names a number under a thousand: a
    // multiplier after it (two trillion) is read with the unit, as after digits
    const words = n.text.trim().replace(/-$/, '').split(/(?=[\s-])/);
    let taken = '';
    let value: number | null = null;
    for (let k = 1; k <= words.length; k++) {
      const prefix = words.slice(0, k).join('');
      const v = numberWordValue(prefix.replace(/\s+and$/i, ''));
      if (v !== null && v < 1000) {
        taken = prefix;
        value = v;
      } else if (v !== null) break;
    }
    if (value === null || taken === '') continue;
    const words0 = taken.trimEnd();
    const start = from + n.offset.start + (n.text.length - n.text.trimStart().length);
    out.push({ start, end: start + words0.length, value });
  }
  return out;
}

const wordValues = new Map<string, number | null>();

/** The whole number a word or words name (nine → 9, twenty-one → 21), or null. */
export function numberWordValue(words: string): number | null {
  const key = words.toLowerCase();
  if (wordValues.has(key)) return wordValues.get(key)!;
  const read = (nlp()(key).numbers().isCardinal() as unknown as { get(): number[] }).get();
  const value = read.length === 1 && Number.isInteger(read[0]) ? read[0] : null;
  wordValues.set(key, value);
  return value;
}

/** Whether compromise reads a word in the phrase that can name something: not only adverbs,
 * prepositions, determiners and adjectives (more than before names nothing). */
export function hasNoun(phrase: string): boolean {
  return nlp()(phrase).not('(#Adverb|#Preposition|#Conjunction|#Determiner|#Comparative|#Adjective|#QuestionWord)').found;
}

/** A noun phrase without the verb a clause put before it (bringing in tourism revenue → tourism
 * revenue; keep economic growth → economic growth): leading words compromise tags as a gerund or a
 * base or present form, with a particle after them. A past form stays (added value). */
export function stripLeadingVerbs(phrase: string): string {
  if (!/^[a-z]+ing\b|^[a-z]+\s/i.test(phrase)) return phrase;
  const doc = nlp()(phrase);
  const terms = (doc.json({ terms: { tags: true } } as object) as { terms: { text: string; tags: string[]; post: string }[] }[]).flatMap((s) => s.terms);
  let drop = 0;
  while (drop < terms.length - 1) {
    const tags = terms[drop].tags;
    const verb = tags.includes('Gerund') || tags.includes('Infinitive') || (tags.includes('PresentTense') && !tags.includes('Noun'));
    const particle = drop > 0 && (tags.includes('Particle') || tags.includes('Preposition')) && /^(?:in|up|out|on|off)$/i.test(terms[drop].text);
    if (!verb && !particle) break;
    // imports and exports: a word joined by "and" to the next is one of two nouns, not a verb before them
    if (/^(?:and|or|&)$/i.test(terms[drop + 1]?.text ?? '')) break;
    // trade with ASEAN, output of steel: a word its preposition ties to what follows is a noun
    if (verb && /^(?:with|of|for|from|between|among)$/i.test(terms[drop + 1]?.text ?? '')) break;
    drop++;
  }
  if (drop === 0) return phrase;
  const words = phrase.split(/\s+/);
  return words.length > drop ? words.slice(drop).join(' ') : phrase;
}
