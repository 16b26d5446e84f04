/**
 * A character trie over a fixed set of words: finds every occurrence of every word in a text with one
 * walk per text position, however many words share a first character. Characters are UTF-16 code units,
 * as in String.prototype.startsWith.
 */

interface TrieNode<T> {
  /** The value of the word ending here, if one does. */
  value: T | undefined;
  next: Map<number, TrieNode<T>> | null;
}

/** Bits of the filter on words' first two characters (a power of two). */
const PAIR_FILTER_BITS = 1 << 18;

/** Where the pair (first, second) falls in the filter. */
function pairSlot(first: number, second: number): number {
  return (Math.imul(first, 0x9e3779b1) ^ second) & (PAIR_FILTER_BITS - 1);
}

export class WordTrie<T> {
  /** The root's children, by code unit. */
  private readonly firstLevel: (TrieNode<T> | undefined)[] = new Array<TrieNode<T> | undefined>(0x10000).fill(undefined);
  /**
   * The first two characters of every longer word, hashed into bits: it is tested at every position
   * before anything else, and rejects nearly all — in 32 KB, where the first level is 256 KB and its
   * nodes lie all over the heap (the walk is bound by memory). A set bit may be a collision; the walk
   * from the first level decides.
   */
  private readonly pairFilter = new Uint32Array(PAIR_FILTER_BITS / 32);
  /** Whether some word is one character long: only then must every position look at the first level. */
  private hasOneCharWords = false;

  /** Adds a non-empty word; adding the same word again replaces its value. */
  add(word: string, value: T): void {
    if (word.length === 0) throw new Error('WordTrie: empty word');
    let node: TrieNode<T> = (this.firstLevel[word.charCodeAt(0)] ??= { value: undefined, next: null });
    for (let i = 1; i < word.length; i++) {
      const next: Map<number, TrieNode<T>> = (node.next ??= new Map());
      const code = word.charCodeAt(i);
      let child = next.get(code);
      if (!child) {
        child = { value: undefined, next: null };
        next.set(code, child);
      }
      node = child;
    }
    node.value = value;
    if (word.length === 1) {
      this.hasOneCharWords = true;
    } else {
      const slot = pairSlot(word.charCodeAt(0), word.charCodeAt(1));
      this.pairFilter[slot >>> 5]! |= 1 << (slot & 31);
    }
  }

  /**
   * Calls `visit` for every occurrence of a word in text[from, to): by start, and shorter before longer
   * at a start. Positions are in `text`; a range finds what its slice would.
   */
  forEachMatch(text: string, visit: (value: T, start: number, end: number) => void, from = 0, to = text.length): void {
    if (this.hasOneCharWords) {
      for (let start = from; start < to; start++) this.forEachMatchAt(text, start, to, visit);
    } else {
      this.forEachLongerMatch(text, visit, from, to);
    }
  }

  /**
   * forEachMatch for a trie without one-character words, where a word starts only where the pair filter
   * passes: the filter is tested right here, each position's second character being the next one's
   * first; a call to forEachMatchAt per position took several times as long (findMentions over the
   * bench corpus: 65 → 40 ms).
   */
  private forEachLongerMatch(text: string, visit: (value: T, start: number, end: number) => void, from: number, to: number): void {
    if (to - from < 2) return;
    let second = text.charCodeAt(from);
    for (let start = from; start + 1 < to; start++) {
      const first = second;
      second = text.charCodeAt(start + 1);
      if (this.mayStartWith(first, second)) this.walkFrom(text, start, to, first, second, visit);
    }
  }

  /** Calls `visit` for every word that starts at `start` and ends by `to`, shorter first. */
  forEachMatchAt(text: string, start: number, to: number, visit: (value: T, start: number, end: number) => void): void {
    const first = text.charCodeAt(start);
    if (this.hasOneCharWords) {
      const value = this.firstLevel[first]?.value;
      if (value !== undefined) visit(value, start, start + 1);
    }
    if (start + 1 >= to) return;
    const second = text.charCodeAt(start + 1);
    if (this.mayStartWith(first, second)) this.walkFrom(text, start, to, first, second, visit);
  }

  /** Whether some word starts at `start` and ends by `to` (forEachMatchAt would visit one), without a visitor. */
  hasMatchAt(text: string, start: number, to: number): boolean {
    const first = text.charCodeAt(start);
    if (this.hasOneCharWords && this.firstLevel[first]?.value !== undefined) return true;
    if (start + 1 >= to) return false;
    const second = text.charCodeAt(start + 1);
    if (!this.mayStartWith(first, second)) return false;
    let node = this.firstLevel[first]?.next?.get(second);
    for (let end = start + 2; node !== undefined; end++) {
      if (node.value !== undefined) return true;
      if (node.next === null || end >= to) return false;
      node = node.next.get(text.charCodeAt(end));
    }
    return false;
  }

  /** Whether a word of two or more characters may start with `first`, `second` (false: none does). */
  private mayStartWith(first: number, second: number): boolean {
    const slot = pairSlot(first, second);
    return (this.pairFilter[slot >>> 5]! & (1 << (slot & 31))) !== 0;
  }

  /** Visits the words of two or more characters at `start`, whose first two characters are `first`, `second`. */
  private walkFrom(text: string, start: number, to: number, first: number, second: number, visit: (value: T, start: number, end: number) => void): void {
    let node = this.firstLevel[first]?.next?.get(second);
    let end = start + 2;
    while (node !== undefined) {
      if (node.value !== undefined) visit(node.value, start, end);
      if (node.next === null || end >= to) return;
      node = node.next.get(text.charCodeAt(end));
      end++;
    }
  }
}
