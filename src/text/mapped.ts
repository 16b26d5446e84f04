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

/** Where the chars of a derived text come from, answered char by char for chars of the text. */
interface OffsetLookup {
  /** Source offset where char i begins. */
  startOf(i: number): number;
  /** Source offset (exclusive) where char i ends. */
  endOf(i: number): number;
}

/**
 * A map kept as a rule (the identity, a builder's runs, a composition) rather than as arrays: the
 * pipeline reads a few offsets of a file's map, through `sourceSpan`, so the arrays are built only if
 * someone reads them.
 */
class RuleMappedText implements MappedText {
  private builtStarts: Int32Array | null = null;
  private builtEnds: Int32Array | null = null;

  constructor(
    readonly text: string,
    readonly lookup: OffsetLookup,
  ) {}

  get starts(): Int32Array {
    return (this.builtStarts ??= Int32Array.from({ length: this.text.length }, (_, i) => this.lookup.startOf(i)));
  }

  get ends(): Int32Array {
    return (this.builtEnds ??= Int32Array.from({ length: this.text.length }, (_, i) => this.lookup.endOf(i)));
  }
}

/**
 * Char i stands for source range [i, i + 1): a plain-text file, or a step that changed nothing or
 * only replaced chars one for one. The common case, which `compose` passes by.
 */
const IDENTITY: OffsetLookup = { startOf: (i) => i, endOf: (i) => i + 1 };

export function identityMapped(text: string): MappedText {
  return new RuleMappedText(text, IDENTITY);
}

export function isIdentityMap(mapped: MappedText): boolean {
  return mapped instanceof RuleMappedText && mapped.lookup === IDENTITY;
}

function lookupOf(mapped: MappedText): OffsetLookup {
  if (mapped instanceof RuleMappedText) return mapped.lookup;
  const { starts, ends } = mapped;
  return { startOf: (i) => starts[i], endOf: (i) => ends[i] };
}

/** Source range [start, end) of the derived range [from, to). An empty range maps to an empty range. */
export function sourceSpan(mapped: MappedText, from: number, to: number): [number, number] {
  const length = mapped.text.length;
  if (from < 0 || to > length || from > to) {
    throw new RangeError(`span [${from}, ${to}) outside text of length ${length}`);
  }
  const lookup = lookupOf(mapped);
  if (from === to) {
    const at = from < length ? lookup.startOf(from) : length === 0 ? 0 : lookup.endOf(length - 1);
    return [at, at];
  }
  return [lookup.startOf(from), lookup.endOf(to - 1)];
}

/** The first `length` chars of `mapped`, each mapped as it was. */
export function mappedPrefix(mapped: MappedText, length: number): MappedText {
  return length === mapped.text.length ? mapped : new RuleMappedText(mapped.text.slice(0, length), lookupOf(mapped));
}

/**
 * `outer` was computed from `inner.text`; the result maps `outer.text` straight to inner's source.
 */
export function compose(outer: MappedText, inner: MappedText): MappedText {
  if (isIdentityMap(inner)) return outer;
  const innerLookup = lookupOf(inner);
  // Inner's offsets, for as many chars as outer has; the text may differ (數 → 数, one for one).
  if (isIdentityMap(outer)) return new RuleMappedText(outer.text, innerLookup);
  const outerLookup = lookupOf(outer);
  return new RuleMappedText(outer.text, {
    startOf: (i) => innerLookup.startOf(outerLookup.startOf(i)),
    endOf: (i) => innerLookup.endOf(outerLookup.endOf(i) - 1),
  });
}

const PARTS_PER_BATCH = 4096;

/** The source end of a copy run, whose chars each map to their own source char. */
const COPY = -1;

/**
 * A builder's map as runs of derived chars, run r starting at char runStarts[r]: the k-th char of a
 * copy run maps to [source + k, source + k + 1), every char of a span run to [source, sourceEnd).
 */
class RunLookup implements OffsetLookup {
  private lastRun = 0;

  constructor(
    private readonly runStarts: readonly number[],
    private readonly sources: readonly number[],
    private readonly sourceEnds: readonly number[],
  ) {}

  startOf(i: number): number {
    const r = this.runOf(i);
    return this.sourceEnds[r] === COPY ? this.sources[r] + i - this.runStarts[r] : this.sources[r];
  }

  endOf(i: number): number {
    const r = this.runOf(i);
    return this.sourceEnds[r] === COPY ? this.sources[r] + i - this.runStarts[r] + 1 : this.sourceEnds[r];
  }

  /** The last run that starts at or before char i. */
  private runOf(i: number): number {
    // Records are read in text order, mostly a few in one run: the run found last is tried first.
    const last = this.lastRun;
    if (this.runStarts[last] <= i && (last + 1 === this.runStarts.length || i < this.runStarts[last + 1])) return last;
    let low = 0;
    let high = this.runStarts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (this.runStarts[middle] <= i) low = middle;
      else high = middle - 1;
    }
    this.lastRun = low;
    return low;
  }
}

/**
 * Accumulates derived text piece by piece, each piece tagged with the source range it stands for.
 * The map is kept as runs: a copy that goes on where the last one left off extends it, so a text
 * that only replaced chars one for one builds into an identity map.
 */
export class MappedTextBuilder {
  private parts: string[] = [];
  /** Parts joined a batch at a time: a large text's pieces (slices of its input, each an object) are not all held at once. */
  private readonly joined: string[] = [];
  private size = 0;
  private readonly runStarts: number[] = [];
  private readonly runSources: number[] = [];
  private readonly runSourceEnds: number[] = [];

  /** Appends `text`, every char of which stands for source range [sourceStart, sourceEnd). */
  pushSpan(text: string, sourceStart: number, sourceEnd: number): void {
    if (text.length === 1 && sourceEnd === sourceStart + 1) this.copyFrom(sourceStart);
    else if (text.length > 0) this.addRun(sourceStart, sourceEnd);
    this.push(text);
  }

  /** Appends source text copied verbatim from offset `sourceStart`: char i maps to sourceStart + i. */
  pushCopy(text: string, sourceStart: number): void {
    if (text.length > 0) this.copyFrom(sourceStart);
    this.push(text);
  }

  private push(text: string): void {
    this.parts.push(text);
    this.size += text.length;
    if (this.parts.length === PARTS_PER_BATCH) {
      this.joined.push(this.parts.join(''));
      this.parts = [];
    }
  }

  get length(): number {
    return this.size;
  }

  build(): MappedText {
    const text = this.joined.length === 0 ? this.parts.join('') : [...this.joined, this.parts.join('')].join('');
    const runs = this.runStarts.length;
    if (runs === 0 || (runs === 1 && this.runSourceEnds[0] === COPY && this.runSources[0] === 0)) return identityMapped(text);
    return new RuleMappedText(text, new RunLookup(this.runStarts, this.runSources, this.runSourceEnds));
  }

  private copyFrom(sourceStart: number): void {
    const last = this.runStarts.length - 1;
    const continuesLastCopy = last >= 0 && this.runSourceEnds[last] === COPY && this.runSources[last] + this.size - this.runStarts[last] === sourceStart;
    if (!continuesLastCopy) this.addRun(sourceStart, COPY);
  }

  private addRun(source: number, sourceEnd: number): void {
    this.runStarts.push(this.size);
    this.runSources.push(source);
    this.runSourceEnds.push(sourceEnd);
  }
}
