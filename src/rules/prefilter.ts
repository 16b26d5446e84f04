/**
 * Required-character prefilters for rule regexes, in the manner of RE2's and Hyperscan's literal
 * prefilters: from a pattern's source we derive sets of characters such that every match contains
 * at least one character of each set (月 for `(?<m2>\d+)月(?:末|底)`; 到/至/截 and 年 for
 * `(?:到|至|截至)\d{4}年`). One pass over a sentence then tells which patterns can match at all,
 * and only those are run: most sentences hold no period, no ranking, no policy name, so most
 * patterns never scan most text.
 *
 * The analysis is conservative: whatever it does not understand (a negated class, `.`, `\w`, a
 * back-reference, a character class of more than MAX_CLASS_SIZE characters) states no requirement,
 * and a pattern with no requirement is always run. A prefilter can therefore make a rule set
 * faster but never change what it matches. (For patterns matched case-sensitively, as all rule
 * patterns are.)
 */

/** Whether a pattern (by its index) can match in the text a prefilter scanned. */
export type PossiblePatterns = (index: number) => boolean;

/** Characters of which every match holds one, as UTF-16 code units; null when none can be stated. */
export type Requirement = ReadonlySet<number> | null;
/** Sets of characters every match holds one of each of; empty when none can be stated. */
type Requirements = ReadonlySet<number>[];

/** The most selective sets of a sequence are kept: each costs a bit per pattern in the table. */
const MAX_SETS = 3;

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

  /** The requirements of the whole pattern. */
  read(): Requirements {
    const requirement = this.alternation();
    if (this.at < this.source.length) throw new Error(`unexpected "${this.source[this.at]}" at ${this.at}`);
    return requirement;
  }

  private peek(): string | undefined {
    return this.source[this.at];
  }

  /**
   * a|b|c: a match holds a character of whichever branch matched: one set, the union of each
   * branch's most selective set, if every branch has one.
   */
  private alternation(): Requirements {
    const branches: Requirements[] = [this.sequence()];
    while (this.peek() === '|') {
      this.at++;
      branches.push(this.sequence());
    }
    if (branches.length === 1) return branches[0];
    if (branches.some((b) => b.length === 0)) return [];
    const union = new Set<number>();
    for (const b of branches) for (const c of b[0]) union.add(c);
    return [union];
  }

  /** abc: every item must match, so every item's requirements hold; the most selective are kept, best first. */
  private sequence(): Requirements {
    const all: ReadonlySet<number>[] = [];
    while (this.at < this.source.length && this.peek() !== '|' && this.peek() !== ')') all.push(...this.quantified());
    return all.sort((a, b) => setCost(a) - setCost(b)).slice(0, MAX_SETS);
  }

  /** An atom and its quantifier: one that allows zero repetitions requires nothing. */
  private quantified(): Requirements {
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
    return min === 0 ? [] : atom;
  }

  private atom(): Requirements {
    const ch = this.source[this.at++];
    if (ch === undefined) throw new Error('pattern ends early');
    if (ch === '(') return this.group();
    // An astral character is one atom (a quantifier after it applies to both halves): its first half is required.
    if (/[\ud800-\udbff]/.test(ch) && /[\udc00-\udfff]/.test(this.source[this.at] ?? '')) this.at++;
    const set = ch === '[' ? this.characterClass() : ch === '\\' ? this.escape(false) : ch === '.' || ch === '^' || ch === '$' ? null : new Set([ch.charCodeAt(0)]);
    return set === null ? [] : [set];
  }

  private group(): Requirements {
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
    return lookaround ? [] : inner;
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

/** Sets of characters every match of `source` holds one of each of, most selective first; empty when none can be stated. */
export function requiredCharacterSets(source: string): ReadonlySet<number>[] {
  try {
    return new PatternReader(source).read();
  } catch {
    // A pattern this reader cannot follow is one it cannot filter: the regex engine has validated it.
    return [];
  }
}

/** The most selective set every match of `source` holds a character of; null when none can be stated. */
export function requiredCharacters(source: string): Requirement {
  return requiredCharacterSets(source)[0] ?? null;
}

/** A literal word requires each of its characters: its least common ones are the selective sets. */
function wordRequirements(word: string): ReadonlySet<number>[] {
  const codes = [...new Set(Array.from({ length: word.length }, (_, i) => word.charCodeAt(i)))];
  return codes.sort((a, b) => characterCost(a) - characterCost(b)).slice(0, MAX_SETS).map((c) => new Set([c]));
}

/**
 * Prefilter for a list of patterns or literal words: one scan of text[from, to) (`candidates`)
 * finds which of their required sets occur; `has` then says whether a pattern can match there —
 * all of its sets occur — which is always true for a pattern with none.
 */
export class Prefilter {
  /** 32-bit words per row: one bit per required set of every pattern. */
  private readonly words: number;
  /** Row of each UTF-16 code unit in `rows` (0: the unit is in no set). */
  private readonly rowOf: Uint16Array;
  /** For each character that is in some set, the bits of those sets. */
  private readonly rows: Uint32Array;
  /** For each pattern, the bits of its sets. */
  private readonly patternBits: number[][];

  static forPatterns(sources: readonly string[]): Prefilter {
    return new Prefilter(sources.map(requiredCharacterSets));
  }

  static forWords(words: readonly string[]): Prefilter {
    return new Prefilter(words.map(wordRequirements));
  }

  private constructor(requirements: readonly (readonly ReadonlySet<number>[])[]) {
    let bits = 0;
    this.patternBits = requirements.map((sets) => sets.map(() => bits++));
    this.words = Math.max(1, Math.ceil(bits / 32));
    const codes = [...new Set(requirements.flatMap((sets) => sets.flatMap((set) => [...set])))];
    if (codes.length >= 0xffff) throw new Error('prefilter: too many characters');
    this.rowOf = new Uint16Array(0x10000);
    codes.forEach((code, i) => (this.rowOf[code] = i + 1));
    this.rows = new Uint32Array((codes.length + 1) * this.words);
    requirements.forEach((sets, i) =>
      sets.forEach((set, k) => {
        const bit = this.patternBits[i][k];
        for (const code of set) this.rows[this.rowOf[code] * this.words + (bit >>> 5)] |= 1 << (bit & 31);
      }),
    );
  }

  /** The required sets that occur somewhere in text[from, to), as bits: pass to `has`. */
  candidates(text: string, from: number, to: number): Uint32Array {
    return this.candidatesInto(this.bitsBuffer(), text, from, to);
  }

  /** A buffer for `candidatesInto`, for a scanner that reuses one over many texts. */
  bitsBuffer(): Uint32Array {
    return new Uint32Array(this.words);
  }

  /** `candidates`, written into `found` (from `bitsBuffer`), which is returned. */
  candidatesInto(found: Uint32Array, text: string, from: number, to: number): Uint32Array {
    found.fill(0);
    const { words, rows, rowOf } = this;
    for (let i = from; i < to; i++) {
      const row = rowOf[text.charCodeAt(i)];
      if (row === 0) continue;
      const base = row * words;
      for (let w = 0; w < words; w++) found[w] |= rows[base + w];
    }
    return found;
  }

  /** `candidates` and `has` in one: which patterns can match in text[from, to). */
  possibleIn(text: string, from: number, to: number): PossiblePatterns {
    const found = this.candidates(text, from, to);
    return (index) => this.has(found, index);
  }

  /** Whether pattern `index` can match where `found` was taken: each of its sets occurs there. */
  has(found: Uint32Array, index: number): boolean {
    for (const bit of this.patternBits[index]) if ((found[bit >>> 5] & (1 << (bit & 31))) === 0) return false;
    return true;
  }
}
