/**
 * Required-character prefilters for rule regexes, in the manner of RE2's and Hyperscan's literal
 * prefilters: from a pattern's source we derive a set of characters of which every match must
 * contain at least one (月 for `(?<m2>\d+)月(?:末|底)`, 季 for the quarter rules). One pass over a
 * sentence then tells which patterns can match at all, and only those are run: most sentences hold
 * no period, no ranking, no policy name, so most patterns never scan most text.
 *
 * The analysis is conservative: whatever it does not understand (a negated class, `.`, `\w`, a
 * back-reference, a character class of more than MAX_CLASS_SIZE characters) states no requirement,
 * and a pattern with no requirement is always run. A prefilter can therefore make a rule set
 * faster but never change what it matches.
 */

/** Characters of which every match holds one, as UTF-16 code units; null when none can be stated. */
export type Requirement = ReadonlySet<number> | null;

/** A class bigger than this (\u4e00-\u9fa5) filters nothing worth a table entry. */
const MAX_CLASS_SIZE = 64;

const DIGITS: ReadonlySet<number> = new Set(Array.from({ length: 10 }, (_, i) => 0x30 + i));

/** How often a character of this kind turns up in running Chinese text: picks the most selective requirement. */
function characterCost(code: number): number {
  if (code >= 0x30 && code <= 0x39) return 40;
  if (code < 0x80) return 10;
  return 1;
}

function setCost(set: ReadonlySet<number>): number {
  let cost = 0;
  for (const c of set) cost += characterCost(c);
  return cost;
}

class PatternReader {
  private at = 0;

  constructor(private readonly source: string) {}

  /** The requirement of the whole pattern. */
  read(): Requirement {
    const requirement = this.alternation();
    if (this.at < this.source.length) throw new Error(`unexpected "${this.source[this.at]}" at ${this.at}`);
    return requirement;
  }

  private peek(): string | undefined {
    return this.source[this.at];
  }

  /** a|b|c: a match holds a character of whichever branch matched, so the union, if every branch has one. */
  private alternation(): Requirement {
    const branches: Requirement[] = [this.sequence()];
    while (this.peek() === '|') {
      this.at++;
      branches.push(this.sequence());
    }
    if (branches.some((b) => b === null)) return null;
    const union = new Set<number>();
    for (const b of branches) for (const c of b as ReadonlySet<number>) union.add(c);
    return union;
  }

  /** abc: every item must match, so any item's requirement is one; take the most selective. */
  private sequence(): Requirement {
    let best: Requirement = null;
    while (this.at < this.source.length && this.peek() !== '|' && this.peek() !== ')') {
      const item = this.quantified();
      if (item !== null && (best === null || setCost(item) < setCost(best))) best = item;
    }
    return best;
  }

  /** An atom and its quantifier: one that allows zero repetitions requires nothing. */
  private quantified(): Requirement {
    const atom = this.atom();
    const quantifier = this.peek();
    let min = 1;
    if (quantifier === '?' || quantifier === '*' || quantifier === '+') {
      this.at++;
      if (quantifier !== '+') min = 0;
    } else if (quantifier === '{') {
      const counted = /^\{(\d+)(?:,\d*)?\}/.exec(this.source.slice(this.at));
      if (!counted) return atom;
      min = Number(counted[1]);
      this.at += counted[0].length;
    } else return atom;
    if (this.peek() === '?') this.at++; // lazy
    return min === 0 ? null : atom;
  }

  private atom(): Requirement {
    const ch = this.source[this.at++];
    if (ch === undefined) throw new Error('pattern ends early');
    if (ch === '(') return this.group();
    if (ch === '[') return this.characterClass();
    if (ch === '\\') return this.escape(false);
    if (ch === '.') return null;
    if (ch === '^' || ch === '$') return null;
    return new Set([ch.charCodeAt(0)]);
  }

  private group(): Requirement {
    let lookaround = false;
    if (this.source.startsWith('?:', this.at)) this.at += 2;
    else if (this.source.startsWith('?=', this.at) || this.source.startsWith('?!', this.at)) {
      this.at += 2;
      lookaround = true;
    } else if (this.source.startsWith('?<=', this.at) || this.source.startsWith('?<!', this.at)) {
      this.at += 3;
      lookaround = true;
    } else if (this.source.startsWith('?<', this.at)) {
      const close = this.source.indexOf('>', this.at);
      if (close < 0) throw new Error(`unterminated group name at ${this.at}`);
      this.at = close + 1;
    }
    const inner = this.alternation();
    if (this.source[this.at++] !== ')') throw new Error('unbalanced parenthesis');
    // A lookaround consumes nothing: what it asks of the text may lie outside the searched slice.
    return lookaround ? null : inner;
  }

  /**
   * An escape as a set of characters; null for what has no small set (\w, \s, \b, \p{…}, a
   * back-reference). Inside a class, \b is a backspace, not a word boundary.
   */
  private escape(inClass: boolean): Requirement {
    const ch = this.source[this.at++];
    if (ch === undefined) throw new Error('pattern ends in a backslash');
    if (ch === 'd') return DIGITS;
    if ('DwWsSpPk'.includes(ch) || (ch === 'b' && !inClass) || ch === 'B' || /[1-9]/.test(ch)) {
      if ((ch === 'p' || ch === 'P' || ch === 'k') && this.peek() === '{') this.at = this.source.indexOf('}', this.at) + 1;
      if (ch === 'k' && this.peek() === '<') this.at = this.source.indexOf('>', this.at) + 1;
      return null;
    }
    if (ch === 'u') {
      const braced = /^\{([0-9a-fA-F]+)\}/.exec(this.source.slice(this.at));
      if (braced) {
        this.at += braced[0].length;
        return new Set([String.fromCodePoint(parseInt(braced[1], 16)).charCodeAt(0)]);
      }
      const hex = this.source.slice(this.at, this.at + 4);
      this.at += 4;
      return new Set([parseInt(hex, 16)]);
    }
    if (ch === 'x') {
      const hex = this.source.slice(this.at, this.at + 2);
      this.at += 2;
      return new Set([parseInt(hex, 16)]);
    }
    const controls: Record<string, number> = { n: 10, r: 13, t: 9, f: 12, v: 11, '0': 0, b: 8 };
    if (ch in controls) return new Set([controls[ch]]);
    return new Set([ch.charCodeAt(0)]);
  }

  private characterClass(): Requirement {
    const negated = this.peek() === '^';
    if (negated) this.at++;
    const chars = new Set<number>();
    let unbounded = false;
    let previous: number | null = null;
    while (this.peek() !== ']') {
      if (this.at >= this.source.length) throw new Error('unterminated character class');
      let member: Requirement;
      const ch = this.source[this.at++];
      if (ch === '\\') member = this.escape(true);
      else if (ch === '-' && previous !== null && this.peek() !== ']') {
        const endChar = this.source[this.at++];
        const end = endChar === '\\' ? this.escape(true) : new Set([endChar.charCodeAt(0)]);
        if (end === null || end.size !== 1) {
          unbounded = true;
          continue;
        }
        const last = [...end][0];
        if (last - previous > MAX_CLASS_SIZE) unbounded = true;
        else for (let c = previous; c <= last; c++) chars.add(c);
        previous = null;
        continue;
      } else member = new Set([ch.charCodeAt(0)]);
      if (member === null) {
        unbounded = true;
        previous = null;
        continue;
      }
      for (const c of member) chars.add(c);
      previous = member.size === 1 ? [...member][0] : null;
    }
    this.at++;
    if (negated || unbounded || chars.size > MAX_CLASS_SIZE) return null;
    return chars;
  }
}

/** What every match of `source` must contain; null when nothing can be said (the pattern always runs). */
export function requiredCharacters(source: string): Requirement {
  try {
    return new PatternReader(source).read();
  } catch {
    // A pattern this reader cannot follow is one it cannot filter: the regex engine has validated it.
    return null;
  }
}

/** The least common character of a literal word: every occurrence of the word holds it. */
function wordRequirement(word: string): Requirement {
  if (word.length === 0) return null;
  let best = word.charCodeAt(0);
  for (let i = 1; i < word.length; i++) if (characterCost(word.charCodeAt(i)) < characterCost(best)) best = word.charCodeAt(i);
  return new Set([best]);
}

/**
 * Prefilter for a list of patterns or literal words: `candidates(text, from, to)` says, for each,
 * whether text[from, to) holds one of its required characters (always true for one with none).
 */
export class Prefilter {
  private readonly words: number;
  /** For each UTF-16 code unit, the bits of the patterns it may start to satisfy. */
  private readonly table: Uint32Array;
  private readonly alwaysRun: Uint32Array;

  static forPatterns(sources: readonly string[]): Prefilter {
    return new Prefilter(sources.map(requiredCharacters));
  }

  static forWords(words: readonly string[]): Prefilter {
    return new Prefilter(words.map(wordRequirement));
  }

  private constructor(requirements: readonly Requirement[]) {
    this.words = Math.max(1, Math.ceil(requirements.length / 32));
    this.table = new Uint32Array(0x10000 * this.words);
    this.alwaysRun = new Uint32Array(this.words);
    requirements.forEach((required, i) => {
      const word = i >>> 5;
      const bit = 1 << (i & 31);
      if (required === null) this.alwaysRun[word] |= bit;
      else for (const code of required) this.table[code * this.words + word] |= bit;
    });
  }

  /** Bit i set when pattern i can match somewhere in text[from, to). */
  candidates(text: string, from: number, to: number): Uint32Array {
    const found = Uint32Array.from(this.alwaysRun);
    const words = this.words;
    const table = this.table;
    for (let i = from; i < to; i++) {
      const base = text.charCodeAt(i) * words;
      for (let w = 0; w < words; w++) found[w] |= table[base + w];
    }
    return found;
  }

  static has(candidates: Uint32Array, index: number): boolean {
    return (candidates[index >>> 5] & (1 << (index & 31))) !== 0;
  }
}
