import { readFileSync } from 'fs';
import { join } from 'path';
import { buildGazetteer } from '../../src/gazetteer/gazetteer';
import { parsePlacesRules } from '../../src/gazetteer/placesRules';
import { parseRuleFile } from '../../src/rules/validate';
import { DivisionsFileSchema } from '../../src/rules/schemas';

const names = parseRuleFile(DivisionsFileSchema, readFileSync(join(__dirname, '../../rules/divisions.yaml'), 'utf8'), 'rules/divisions.yaml');
import { WordTrie } from '../../src/gazetteer/wordTrie';
import { fuzzText, pick, seededRandom, seedTexts } from '../support/fuzz';

type Match = [word: string, start: number, end: number];

function trieMatches(words: readonly string[], text: string): Match[] {
  const trie = new WordTrie<string>();
  for (const word of words) trie.add(word, word);
  const found: Match[] = [];
  trie.forEachMatch(text, (word, start, end) => found.push([word, start, end]));
  return found;
}

/** The reference: every word tried at every position, shorter before longer. */
function naiveMatches(words: readonly string[], text: string): Match[] {
  const byLength = [...new Set(words)].sort((a, b) => a.length - b.length);
  const found: Match[] = [];
  for (let start = 0; start < text.length; start++) {
    for (const word of byLength) if (text.startsWith(word, start)) found.push([word, start, start + word.length]);
  }
  return found;
}

describe('WordTrie', () => {
  test('finds nested, overlapping and adjacent words, shorter first at a start', () => {
    const words = ['湖州', '湖州市', '州市', '市场', '江山', '江山市', '山市'];
    expect(trieMatches(words, '江山市场湖州市')).toEqual([
      ['江山', 0, 2],
      ['江山市', 0, 3],
      ['山市', 1, 3],
      ['市场', 2, 4],
      ['湖州', 4, 6],
      ['湖州市', 4, 7],
      ['州市', 5, 7],
    ]);
  });

  test('a word cut off by the end of the text is not found', () => {
    expect(trieMatches(['湖州市'], '在湖州')).toEqual([]);
    expect(trieMatches(['湖州市'], '')).toEqual([]);
  });

  test('matches code units like startsWith, also around surrogate pairs', () => {
    const words = ['𠀋城', '城𠀋', '\ud840'];
    const text = '𠀋城𠀋城\ud840';
    expect(trieMatches(words, text)).toEqual(naiveMatches(words, text));
  });

  // With a one-character word every position is looked up; without, only where the pair filter passes.
  test.each([
    ['with', ['湖州', '湖州市', '州市', '市场', '市', '江山市']],
    ['without', ['湖州', '湖州市', '州市', '市场', '江山市']],
  ])('in a range, finds what it finds in the range\'s slice, at positions in the text (%s one-character words)', (_, words) => {
    const text = '市场江山市场湖州市湖州';
    for (let from = 0; from <= text.length; from++) {
      for (let to = from; to <= text.length; to++) {
        const trie = new WordTrie<string>();
        for (const word of words) trie.add(word, word);
        const found: Match[] = [];
        trie.forEachMatch(text, (word, start, end) => found.push([word, start - from, end - from]), from, to);
        expect(found).toEqual(naiveMatches(words, text.slice(from, to)));
      }
    }
  });

  test('adding a word again replaces its value', () => {
    const trie = new WordTrie<number>();
    trie.add('湖州', 1);
    trie.add('湖州', 2);
    const values: number[] = [];
    trie.forEachMatch('湖州', (value) => values.push(value));
    expect(values).toEqual([2]);
  });

  test('agrees with the naive search over every gazetteer term on tricky texts', () => {
    const placesYaml = readFileSync(join(__dirname, '../../rules/places.yaml'), 'utf8');
    const terms = buildGazetteer(parsePlacesRules(placesYaml, 'rules/places.yaml'), names).dictionaryTerms();
    const texts = [
      '嘉兴平湖市和湖州市吴兴区、长兴县的江山市场与中山市场', // full vs short forms, 市场 after a 市
      '南京市鼓楼区、福州鼓楼区和徐州市鼓楼区', // one name, several places
      '搭建平台，生产高密度电路板，三大关键', // county short forms inside ordinary words
      '浙江安吉白茶，温州乐清，杭州的安吉白茶', // county short forms where they are expected
      '内蒙古自治区、广西壮族自治区、恩施土家族苗族自治州和内蒙', // long names, an extra alias
      '上海宁波两地，吉林市与吉林省，海南', // adjacent short forms, province vs city
    ];
    for (const text of texts) expect(trieMatches(terms, text)).toEqual(naiveMatches(terms, text));
  });

  test('agrees with the naive search over every gazetteer term on the seed texts and fuzzed ranges of them', () => {
    const placesYaml = readFileSync(join(__dirname, '../../rules/places.yaml'), 'utf8');
    const terms = buildGazetteer(parsePlacesRules(placesYaml, 'rules/places.yaml'), names).dictionaryTerms();
    const trie = new WordTrie<string>();
    for (const term of terms) trie.add(term, term);
    const random = seededRandom(5);
    const seeds = seedTexts();
    const fragments = [...seeds.flatMap((text) => text.split(/(?<=[，。\n])/u)), ...terms.slice(0, 200), '市场', '\ud840'];
    const texts = [...seeds, ...Array.from({ length: 40 }, () => fuzzText(random, fragments, 8))];
    for (const text of texts) {
      for (let i = 0; i < 20; i++) {
        const from = pick(random, [0, Math.floor(random() * text.length)]);
        const to = pick(random, [text.length, Math.min(text.length, from + Math.floor(random() * 40))]);
        const found: Match[] = [];
        trie.forEachMatch(text, (word, start, end) => found.push([word, start - from, end - from]), from, to);
        expect(found).toEqual(naiveMatches(terms, text.slice(from, to)));
      }
    }
  });
});

describe('WordTrie.hasMatchAt', () => {
  // Whether forEachMatchAt visits anything: the same answer without a visitor.
  test.each([
    ['with', ['湖州', '湖州市', '州市', '市场', '市', '江山市', '江山市场经济']],
    ['without', ['湖州', '湖州市', '州市', '市场', '江山市', '江山市场经济']],
  ])('says whether forEachMatchAt would visit a word at each position and bound (%s one-character words)', (_, words) => {
    const trie = new WordTrie<string>();
    for (const word of words) trie.add(word, word);
    const random = seededRandom(7);
    const texts = ['市场江山市场湖州市湖州', '江山市场经', '江山市场经济', ...Array.from({ length: 200 }, () => fuzzText(random, ['湖', '州', '市', '场', '江', '山', '经', '济', '的'], 8))];
    for (const text of texts) {
      for (let at = 0; at < text.length; at++) {
        for (let to = at + 1; to <= text.length; to++) {
          let visited = false;
          trie.forEachMatchAt(text, at, to, () => (visited = true));
          expect([text, at, to, trie.hasMatchAt(text, at, to)]).toEqual([text, at, to, visited]);
        }
      }
    }
  });
});
