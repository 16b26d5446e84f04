/**
 * Offsets are sacred: every text transformation (decoding, tag stripping, NFKC, line joining)
 * produces a MappedText whose characters each remember the range of the *source* they came from.
 * Transformations chain with `compose`, so a span in the final text always maps back to the
 * decoded input exactly.
 */
export interface MappedText {
  readonly text: string;
  /** starts[i]: source offset where text[i] begins. */
  readonly starts: Int32Array;
  /** ends[i]: source offset (exclusive) where text[i] ends; an entity like `&nbsp;` gives one char a wide range. */
  readonly ends: Int32Array;
}

export function identityMapped(text: string): MappedText {
  const starts = new Int32Array(text.length);
  const ends = new Int32Array(text.length);
  for (let i = 0; i < text.length; i++) {
    starts[i] = i;
    ends[i] = i + 1;
  }
  return { text, starts, ends };
}

/** Source range [start, end) of the derived range [from, to). An empty range maps to an empty range. */
export function sourceSpan(mapped: MappedText, from: number, to: number): [number, number] {
  if (from < 0 || to > mapped.text.length || from > to) {
    throw new RangeError(`span [${from}, ${to}) outside text of length ${mapped.text.length}`);
  }
  if (from === to) {
    const at = from < mapped.text.length ? mapped.starts[from] : mapped.text.length === 0 ? 0 : mapped.ends[mapped.text.length - 1];
    return [at, at];
  }
  return [mapped.starts[from], mapped.ends[to - 1]];
}

/**
 * `outer` was computed from `inner.text`; the result maps `outer.text` straight to inner's source.
 */
export function compose(outer: MappedText, inner: MappedText): MappedText {
  const n = outer.text.length;
  const starts = new Int32Array(n);
  const ends = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    starts[i] = inner.starts[outer.starts[i]];
    ends[i] = inner.ends[outer.ends[i] - 1];
  }
  return { text: outer.text, starts, ends };
}

/** Accumulates derived text piece by piece, each piece tagged with the source range it stands for. */
export class MappedTextBuilder {
  private parts: string[] = [];
  private starts: number[] = [];
  private ends: number[] = [];

  /** Appends `text`, every char of which stands for source range [sourceStart, sourceEnd). */
  pushSpan(text: string, sourceStart: number, sourceEnd: number): void {
    for (let i = 0; i < text.length; i++) {
      this.starts.push(sourceStart);
      this.ends.push(sourceEnd);
    }
    this.parts.push(text);
  }

  /** Appends source text copied verbatim from offset `sourceStart`: char i maps to sourceStart + i. */
  pushCopy(text: string, sourceStart: number): void {
    for (let i = 0; i < text.length; i++) {
      this.starts.push(sourceStart + i);
      this.ends.push(sourceStart + i + 1);
    }
    this.parts.push(text);
  }

  get length(): number {
    return this.starts.length;
  }

  build(): MappedText {
    return { text: this.parts.join(''), starts: Int32Array.from(this.starts), ends: Int32Array.from(this.ends) };
  }
}
