import { Prefilter, requiredCharacterSets, requiredCharacters } from '../../src/rules/prefilter';
import { fuzzText, seededRandom, seedTexts } from '../support/fuzz';
import { bundledRules } from '../support/extract';
import { prefilteredValuePatterns } from '../../src/extract/values';
import * as fs from 'node:fs';
import * as path from 'node:path';
import YAML from 'yaml';

function required(source: string): string | null {
  const set = requiredCharacters(source);
  return set === null ? null : String.fromCharCode(...[...set].sort((a, b) => a - b));
}

describe('requiredCharacters', () => {
  test('a literal requires its least common character', () => {
    expect(required('上半年')).toHaveLength(1);
    expect(required('ab月')).toBe('月');
  });

  test('an alternation requires the union of its branches', () => {
    expect(required('(?:今年|去年)')).toBe([...'今去'].sort().join(''));
    expect(required('(?<half>上|下)半年')).toBe('半');
  });

  test('an optional part requires nothing, a repeated one what it repeats', () => {
    expect(required('(?:截至)?\\d+月')).toBe('月');
    expect(required('月?')).toBeNull();
    expect(required('x*')).toBeNull();
    expect(required('(?:月){0,2}')).toBeNull();
    expect(required('(?:月){2,}')).toBe('月');
    expect(required('月+?')).toBe('月');
  });

  test('a branch with no requirement leaves the alternation without one', () => {
    expect(required('月|\\w')).toBeNull();
    expect(required('月|(?:年)?')).toBeNull();
  });

  test('character classes are sets; negated, wide or shorthand classes state nothing', () => {
    expect(required('[一二三]')).toBe([...'一二三'].sort().join(''));
    expect(required('[a-c]')).toBe('abc');
    expect(required('\\d')).toBe('0123456789');
    expect(required('[^月]')).toBeNull();
    expect(required('[\\u4e00-\\u9fa5]')).toBeNull();
    expect(required('[\\s月]')).toBeNull();
    expect(required('.')).toBeNull();
  });

  test('lookarounds consume nothing and state nothing', () => {
    expect(required('(?<![比较])今年(?!同期)')).not.toContain('比');
    expect(required('(?=月)')).toBeNull();
    expect(required('(?<!月)')).toBeNull();
  });

  test('escapes are read as the characters they stand for', () => {
    expect(required('\\.')).toBe('.');
    expect(required('\\u6708')).toBe('月');
    expect(required('\\/')).toBe('/');
    expect(required('\\b')).toBeNull();
  });

  test('an astral character is one atom: a quantifier after it makes all of it optional', () => {
    expect(required('𠀀?月')).toBe('月');
    expect(required('𠀀')).toBe(String.fromCharCode('𠀀'.charCodeAt(0)));
  });

  test('a pattern it cannot read states nothing rather than failing', () => {
    expect(required('(')).toBeNull();
    expect(required('[abc')).toBeNull();
  });
});

describe('requiredCharacterSets', () => {
  const sets = (source: string) => requiredCharacterSets(source).map((set) => String.fromCharCode(...[...set].sort((a, b) => a - b)));

  test('a sequence requires each of its parts, the most selective first, at most three', () => {
    expect(sets('(?:到|至)\\d{4}年')).toEqual(['年', [...'到至'].sort().join(''), '0123456789']);
    expect(sets('近(?<n>[两三])年(?:来)?')).toEqual(['近', '年', '三两'].map((x) => [...x].sort().join('')));
    expect(sets('abcd')).toHaveLength(3);
  });

  test('an alternation requires one set: the union of each branch’s most selective', () => {
    expect(sets('上半年|前三季度')).toHaveLength(1);
    expect(sets('上半年|(?:x)?')).toEqual([]);
  });
});

describe('Prefilter', () => {
  test('a pattern can match where each of its sets occurs; one without sets always', () => {
    const filter = Prefilter.forPatterns(['\\d+月', '上半年', '\\w+', '到\\d+年']);
    const some = filter.candidates('前三季度xx', 0, 6);
    expect(filter.has(some, 0)).toBe(false);
    expect(filter.has(some, 1)).toBe(false);
    expect(filter.has(some, 2)).toBe(true);
    const all = filter.candidates('1—5月和上半年', 0, 9);
    expect(filter.has(all, 0)).toBe(true);
    expect(filter.has(all, 1)).toBe(true);
    // 年 and a digit, but no 到: the target-year pattern cannot match.
    expect(filter.has(filter.candidates('2023年', 0, 5), 3)).toBe(false);
    expect(filter.has(filter.candidates('到2025年', 0, 6), 3)).toBe(true);
  });

  test('looks only inside [from, to)', () => {
    const filter = Prefilter.forWords(['增长']);
    const text = '同比增长5%，下降';
    expect(filter.has(filter.candidates(text, 0, 4), 0)).toBe(true);
    expect(filter.has(filter.candidates(text, 5, text.length), 0)).toBe(false);
  });

  test('a word needs all of its characters, not just one', () => {
    const filter = Prefilter.forWords(['同比增长']);
    expect(filter.has(filter.candidates('增长较快', 0, 4), 0)).toBe(false);
    expect(filter.has(filter.candidates('比去年同期增长', 0, 7), 0)).toBe(true);
  });

  test('handles more than 32 patterns', () => {
    const words = Array.from({ length: 70 }, (_, i) => String.fromCharCode(0x4e00 + i));
    const filter = Prefilter.forWords(words);
    const found = filter.candidates(words[65] + words[3], 0, 2);
    expect(words.map((_, i) => filter.has(found, i)).flatMap((hit, i) => (hit ? [i] : []))).toEqual([3, 65]);
  });
});

/**
 * Soundness: a prefilter may only skip texts a pattern cannot match. Every match of every pattern
 * the pipeline filters must hold one of its required characters — checked over real text (the
 * seeds) and over random strings built from the characters the patterns mention.
 */
describe('required characters are sound for the rule patterns', () => {
  const rules = bundledRules();
  const patterns = [...rules.periods.patterns.map((p) => p.pattern), ...prefilteredValuePatterns(rules)];
  // The seeds, the period rules' and the value forms' own examples (a numeral month range or
  // 百分之五 is rare in random text) and the negative corpus (the names the name-context patterns
  // are written for: 21条措施, 九个方面).
  const negatives = (YAML.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'corpus', 'negatives.yaml'), 'utf8')) as { negatives: { text: string }[] }).negatives.map((n) => n.text);
  const seedText = [...seedTexts(), ...rules.periods.patterns.flatMap((p) => p.examples.map((e) => e.text)), ...rules.units.forms.flatMap((f) => (f.examples ?? []).map((e) => e.text)), ...negatives].join('\n');

  function holdsRequirement(match: string, set: ReadonlySet<number>): boolean {
    for (let i = 0; i < match.length; i++) if (set.has(match.charCodeAt(i))) return true;
    return false;
  }

  test.each(patterns)('%s', (pattern) => {
    const sets = requiredCharacterSets(pattern);
    if (sets.length === 0) return; // always run: nothing to be unsound about
    const regex = new RegExp(pattern, 'gu');
    const alphabet = [...new Set([...pattern.replace(/\\[dswbDSWB]|[()?:<>!=|\\[\]^$*+{},]/gu, ''), ...'0123456789年月'])];
    const random = seededRandom(pattern.length);
    // The seeds, the pattern's own text (a literal word matches itself), and random strings.
    const samples = [seedText, pattern.replace(/\\(.)/gu, '$1')];
    for (let n = 0; n < 400; n++) samples.push(fuzzText(random, alphabet, 12));
    let matches = 0;
    for (const sample of samples) {
      for (const m of sample.matchAll(regex)) {
        if (m[0].length === 0) continue;
        matches++;
        for (const set of sets) expect(holdsRequirement(m[0], set)).toBe(true);
      }
    }
    expect(matches).toBeGreaterThan(0);
  });
});
