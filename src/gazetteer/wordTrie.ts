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
  /** First characters by code unit: a plain array lookup rejects the many positions that start no word. */
  private readonly firstLevel: (TrieNode<T> | undefined)[] = new Array<TrieNode<T> | undefined>(0x10000).fill(undefined);
  /**
   * The first two characters of every longer word, hashed into bits: most positions whose character
   * starts some word are not followed by a character any such word continues with, and a bit test
   * rejects them before a Map lookup. (A set bit may be a collision; the trie walk decides.)
   */
  private readonly pairFilter = new Uint32Array(PAIR_FILTER_BITS / 32);

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
    if (word.length >= 2) {
      const slot = pairSlot(word.charCodeAt(0), word.charCodeAt(1));
      this.pairFilter[slot >>> 5]! |= 1 << (slot & 31);
    }
  }

  /** Calls `visit` for every occurrence of a word in `text`: by start, and shorter before longer at a start. */
  forEachMatch(text: string, visit: (value: T, start: number, end: number) => void): void {
    const length = text.length;
    for (let start = 0; start < length; start++) {
      const first = text.charCodeAt(start);
      let node = this.firstLevel[first];
      if (node === undefined) continue;
      if (node.value !== undefined) visit(node.value, start, start + 1);
      if (node.next === null || start + 1 >= length) continue;
      const second = text.charCodeAt(start + 1);
      const slot = pairSlot(first, second);
      if ((this.pairFilter[slot >>> 5]! & (1 << (slot & 31))) === 0) continue;
      node = node.next.get(second);
      let end = start + 2;
      while (node !== undefined) {
        if (node.value !== undefined) visit(node.value, start, end);
        if (node.next === null || end >= length) break;
        node = node.next.get(text.charCodeAt(end));
        end++;
      }
    }
  }
}
