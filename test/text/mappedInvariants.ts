import { MappedText } from '../../src/text/mapped';

/**
 * The offset-map contract every text stage must keep: each derived char stands for a non-empty
 * source range inside the source, and ranges never go backwards.
 */
export function expectValidMap(mapped: MappedText, sourceLength: number): void {
  expect(mapped.starts.length).toBe(mapped.text.length);
  expect(mapped.ends.length).toBe(mapped.text.length);
  const problems: string[] = [];
  for (let i = 0; i < mapped.text.length; i++) {
    const [start, end] = [mapped.starts[i], mapped.ends[i]];
    if (!(start >= 0 && start < end && end <= sourceLength)) problems.push(`char ${i} ${JSON.stringify(mapped.text[i])} maps to [${start}, ${end})`);
    if (i > 0 && start < mapped.starts[i - 1]) problems.push(`char ${i} starts before char ${i - 1}`);
  }
  expect(problems.slice(0, 5)).toEqual([]);
}

/** Derived index range [from, to) of the first occurrence of `needle`; fails the test if absent. */
export function locate(mapped: MappedText, needle: string): [number, number] {
  const from = mapped.text.indexOf(needle);
  if (from < 0) throw new Error(`${JSON.stringify(needle)} not found in ${JSON.stringify(mapped.text.slice(0, 200))}`);
  return [from, from + needle.length];
}

/** A map as plain arrays, to compare with toEqual. */
export interface PlainMap {
  text: string;
  starts: number[];
  ends: number[];
}

export const plain = (mapped: MappedText): PlainMap => ({ text: mapped.text, starts: Array.from(mapped.starts), ends: Array.from(mapped.ends) });

/** One entry per char, pushed as it comes: no identity shortcut, no typed arrays. */
export class ReferenceBuilder {
  readonly out: PlainMap = { text: '', starts: [], ends: [] };
  pushSpan(text: string, sourceStart: number, sourceEnd: number): void {
    for (let i = 0; i < text.length; i++) {
      this.out.starts.push(sourceStart);
      this.out.ends.push(sourceEnd);
    }
    this.out.text += text;
  }
  pushCopy(text: string, sourceStart: number): void {
    for (let i = 0; i < text.length; i++) {
      this.out.starts.push(sourceStart + i);
      this.out.ends.push(sourceStart + i + 1);
    }
    this.out.text += text;
  }
}

export { seededRandom } from '../../src/bench/random';

