/**
 * The record builder's helpers against the plain code they replaced: the flags (a Set spread and
 * sorted) and the source text (a replace on every range), over the seed texts and fuzzed inputs.
 */
import { recordFlags, sourceText } from '../../src/record/build';
import { identityMapped, type MappedText } from '../../src/text/mapped';
import { fuzzText, pick, seededRandom, seedTexts } from '../support/fuzz';

function referenceFlags(draftFlags: readonly string[], publishedSource: string | null): string[] {
  return [...new Set([...draftFlags, ...(draftFlags.includes('period_year_from_date') && publishedSource ? [`published_from_${publishedSource}`] : [])])].sort();
}

function referenceSourceText(decoded: string, mapped: MappedText, range: readonly [number, number]): string {
  if (range[1] <= range[0]) return '';
  // line breaks go, except between two English words (or a word and a number), where they stood for a space
  const words = decoded.slice(mapped.starts[range[0]], mapped.ends[range[1] - 1]);
  let out = '';
  for (const part of words.split(/\s*\r?\n\s*/)) {
    const englishBreak = out.length > 0 && part.length > 0 && /^(?:[A-Za-z][A-Za-z0-9(]|[A-Za-z0-9,.;:%)][A-Za-z])$/.test(out[out.length - 1] + part[0]);
    out += englishBreak ? ` ${part}` : part;
  }
  return out.trim();
}

const FLAGS = ['period_year_from_date', 'city_unknown', 'table_cell', 'period_inherited', 'city_from_context', 'metric_missing', 'published_from_cli', 'b', 'a', 'B', '城市'];
const SOURCES = [null, '', 'sidecar', 'cli', 'path', 'html_meta', 'dateline'];

describe('recordFlags', () => {
  test('as the Set spread and sorted, on random flag lists', () => {
    const random = seededRandom(7);
    for (let i = 0; i < 5000; i++) {
      const flags = Array.from({ length: Math.floor(random() * 6) }, () => pick(random, FLAGS));
      const source = pick(random, SOURCES);
      const before = [...flags];
      expect(recordFlags(flags, source)).toEqual(referenceFlags(flags, source));
      expect(flags).toEqual(before);
    }
  });
});

describe('sourceText', () => {
  const FRAGMENTS = ['\n', '\r\n', ' ', '\t', '　', '全市', 'GDP', '增长5.9%', '。', '\n\n', ' \r\n ', '，'];

  function expectSameOnAllRanges(text: string, random: () => number, count: number): void {
    const mapped = identityMapped(text);
    for (let i = 0; i < count; i++) {
      const from = Math.floor(random() * (text.length + 1));
      const to = Math.min(text.length, from + Math.floor(random() * 200));
      const range = [from, pick(random, [to, from, Math.max(0, from - 1)])] as const;
      expect(sourceText(text, mapped, range)).toBe(referenceSourceText(text, mapped, range));
    }
  }

  test('as the replace on every range, on the seed texts', () => {
    const random = seededRandom(11);
    for (const text of seedTexts()) expectSameOnAllRanges(text, random, 300);
  });

  test('as the replace on every range, on fuzzed texts', () => {
    const random = seededRandom(13);
    for (let i = 0; i < 200; i++) expectSameOnAllRanges(fuzzText(random, FRAGMENTS, 40), random, 30);
  });
});
