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

export class WordTrie<T> {
  /** First characters by code unit: a plain array lookup rejects the many positions that start no word. */
  private readonly firstLevel: (TrieNode<T> | undefined)[] = new Array<TrieNode<T> | undefined>(0x10000).fill(undefined);

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
  }

  /** Calls `visit` for every occurrence of a word in `text`: by start, and shorter before longer at a start. */
  forEachMatch(text: string, visit: (value: T, start: number, end: number) => void): void {
    const length = text.length;
    for (let start = 0; start < length; start++) {
      let node = this.firstLevel[text.charCodeAt(start)];
      let end = start + 1;
      while (node !== undefined) {
        if (node.value !== undefined) visit(node.value, start, end);
        if (node.next === null || end >= length) break;
        node = node.next.get(text.charCodeAt(end));
        end++;
      }
    }
  }
}
