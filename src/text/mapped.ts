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

/**
 * Maps where char i stands for source range [i, i + 1): a plain-text file, or a step that changed
 * nothing or only replaced chars one for one. They are the common case, so their arrays are only
 * built if someone reads them, and `compose` passes them by.
 */
const identityMaps = new WeakSet<MappedText>();

export function identityMapped(text: string): MappedText {
  let starts: Int32Array | null = null;
  let ends: Int32Array | null = null;
  const mapped: MappedText = {
    text,
    get starts() {
      return (starts ??= consecutiveOffsets(0, text.length));
    },
    get ends() {
      return (ends ??= consecutiveOffsets(1, text.length));
    },
  };
  identityMaps.add(mapped);
  return mapped;
}

export function isIdentityMap(mapped: MappedText): boolean {
  return identityMaps.has(mapped);
}

function consecutiveOffsets(first: number, length: number): Int32Array {
  const offsets = new Int32Array(length);
  for (let i = 0; i < length; i++) offsets[i] = first + i;
  return offsets;
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
  if (isIdentityMap(inner)) return outer;
  const n = outer.text.length;
  // Inner's offsets, for as many chars as outer has; the text may differ (數 → 数, one for one).
  if (isIdentityMap(outer)) return { text: outer.text, starts: inner.starts.subarray(0, n), ends: inner.ends.subarray(0, n) };
  const starts = new Int32Array(n);
  const ends = new Int32Array(n);
  const outerStarts = outer.starts;
  const outerEnds = outer.ends;
  const innerStarts = inner.starts;
  const innerEnds = inner.ends;
  for (let i = 0; i < n; i++) {
    starts[i] = innerStarts[outerStarts[i]];
    ends[i] = innerEnds[outerEnds[i] - 1];
  }
  return { text: outer.text, starts, ends };
}

/**
 * Accumulates derived text piece by piece, each piece tagged with the source range it stands for.
 * While every char pushed maps to its own offset the builder keeps no arrays at all, and `build`
 * returns an identity map.
 */
export class MappedTextBuilder {
  private readonly parts: string[] = [];
  private size = 0;
  /** While true, the arrays are not kept: every char pushed so far maps to its own offset. */
  private isIdentity = true;
  private starts = NO_OFFSETS;
  private ends = NO_OFFSETS;

  /** @param expectedLength a guess at the final length, to size the arrays once. */
  constructor(private readonly expectedLength = 0) {}

  /** Appends `text`, every char of which stands for source range [sourceStart, sourceEnd). */
  pushSpan(text: string, sourceStart: number, sourceEnd: number): void {
    const n = text.length;
    const keepsIdentity = this.isIdentity && (n === 0 || (n === 1 && sourceStart === this.size && sourceEnd === sourceStart + 1));
    if (!keepsIdentity) {
      this.reserve(n);
      // Spans are a char or a few: a loop costs less than two calls to fill.
      for (let at = this.size; at < this.size + n; at++) {
        this.starts[at] = sourceStart;
        this.ends[at] = sourceEnd;
      }
    }
    this.parts.push(text);
    this.size += n;
  }

  /** Appends source text copied verbatim from offset `sourceStart`: char i maps to sourceStart + i. */
  pushCopy(text: string, sourceStart: number): void {
    const n = text.length;
    if (!(this.isIdentity && sourceStart === this.size)) {
      this.reserve(n);
      const starts = this.starts;
      const ends = this.ends;
      for (let i = 0, at = this.size; i < n; i++, at++) {
        starts[at] = sourceStart + i;
        ends[at] = sourceStart + i + 1;
      }
    }
    this.parts.push(text);
    this.size += n;
  }

  get length(): number {
    return this.size;
  }

  build(): MappedText {
    const text = this.parts.join('');
    if (this.isIdentity) return identityMapped(text);
    return { text, starts: this.starts.subarray(0, this.size), ends: this.ends.subarray(0, this.size) };
  }

  /** Room in the arrays for `extra` more chars; the identity so far is written out on first use. */
  private reserve(extra: number): void {
    const needed = this.size + extra;
    if (!this.isIdentity && this.starts.length >= needed) return;
    const capacity = Math.max(needed * 2, this.expectedLength, 16);
    const starts = new Int32Array(capacity);
    const ends = new Int32Array(capacity);
    if (this.isIdentity) {
      for (let i = 0; i < this.size; i++) {
        starts[i] = i;
        ends[i] = i + 1;
      }
    } else {
      starts.set(this.starts.subarray(0, this.size));
      ends.set(this.ends.subarray(0, this.size));
    }
    this.starts = starts;
    this.ends = ends;
    this.isIdentity = false;
  }
}

/** The arrays of a builder whose map is still the identity. */
const NO_OFFSETS = new Int32Array(0);
