/**
 * The metric's string helpers against the code they replaced (kept here as the reference): edge
 * trimming by character instead of a regex, the reporting-verb search by first character, inner
 * verbs dropped without segmenting where segmenting cannot matter, span removal without copying
 * every span, the noun after a figure read without regexes, and segmentation: tags read from the
 * dictionary rather than from nodejieba.tag, words without tags where only words are used, and a
 * verb looked for without tagging every word — over the seeds and over random strings of the
 * characters that matter.
 */
import { readFileSync } from 'fs';
import { dropInnerVerbs, nounAfter, nounVocabulary, removeSpans, trimEdgeNoise, wordsAfterStart } from '../../src/extract/metric';
import nodejieba from 'nodejieba';
import { cutWords, holdsVerb, teachVocabulary, wordTag } from '../../src/extract/segmenter';
import { fuzzText, seededRandom, seedTexts } from '../support/fuzz';
import { bundledRules } from '../support/extract';

const rules = bundledRules();
const seeds = seedTexts();
const random = seededRandom(20260612);

function randomText(pieces: readonly string[], maxPieces: number): string {
  return fuzzText(random, pieces, Math.floor(random() * (maxPieces + 1)));
}

const EDGE_NOISE = /^[\s,.;:、()（）\-—“”"'‘’《》<>·的和及与或等了]+|[\s,.;:、()（）\-—“”"'‘’《》<>·的和及与或等了]+$/gu;

describe('trimEdgeNoise', () => {
  test('trims what the edge-noise regex removes, for every UTF-16 unit', () => {
    const differing: number[] = [];
    for (let code = 0; code < 0x10000; code++) {
      const c = String.fromCharCode(code);
      for (const text of [c, `${c}项目`, `项目${c}`, `${c}项目${c}`]) if (trimEdgeNoise(text) !== text.replace(EDGE_NOISE, '')) differing.push(code);
    }
    expect(differing).toEqual([]);
  });

  test('trims what the regex removes over random strings and ranges', () => {
    const pieces = [...' \t\n\u3000,.;:、()（）-—“”"\'‘’《》<>·的和及与或等了', '项目', '投资', '𠀀', 'GDP', '中'];
    for (let n = 0; n < 5000; n++) {
      const text = randomText(pieces, 8);
      const from = Math.floor(random() * (text.length + 1));
      const to = from + Math.floor(random() * (text.length - from + 1));
      expect({ text, from, to, trimmed: trimEdgeNoise(text, from, to) }).toEqual({ text, from, to, trimmed: text.slice(from, to).replace(EDGE_NOISE, '') });
    }
  });
});

interface Span {
  start: number;
  end: number;
}

function removeSpansReference(text: string, from: number, to: number, spans: readonly Span[]): string {
  let out = '';
  let pos = from;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.end <= from || s.start >= to) continue;
    if (s.start > pos) out += text.slice(pos, s.start);
    pos = Math.max(pos, s.end);
  }
  if (pos < to) out += text.slice(pos, to);
  return out;
}

describe('wordsAfterStart', () => {
  test('finds the words after the first character that startsWith at every position finds, over the seeds and random phrases', () => {
    const verbs = rules.metric.reportingVerbs;
    const reference = (phrase: string, limit: number) => {
      const found: { word: string; at: number }[] = [];
      for (let at = 1; at < phrase.length; at++) for (const word of verbs) if (word.length > 0 && phrase.startsWith(word, at)) found.push({ word, at });
      return found.slice(0, limit);
    };
    const phrases = [
      ...seeds.flatMap((text) => text.split(/[，。；\n]/u)),
      ...Array.from({ length: 3000 }, () => randomText([...verbs, '项目', '投资', '企业', '完', '成', '实', '𠀀'], 6)),
    ];
    for (const limit of [1, 2, 100]) {
      expect(phrases.filter((p) => JSON.stringify(wordsAfterStart(p, verbs, limit)) !== JSON.stringify(reference(p, limit)))).toEqual([]);
    }
  });
});

describe('dropInnerVerbs', () => {
  const CONTRACT_VERBS = /(?<=.)(完成|实现|达到)(?=.)/gu;
  /** As it was: segments every phrase that holds a reporting verb after its first character. */
  function dropInnerVerbsReference(phrase: string, verbList: readonly string[], verbs: ReadonlySet<string>): string {
    if (phrase.length <= 3) return phrase;
    if (!verbList.some((v) => v.length > 0 && phrase.indexOf(v, 1) >= 0)) return phrase.replace(CONTRACT_VERBS, '');
    let kept = '';
    cutWords(phrase).forEach((word, i) => {
      if (i === 0 || !verbs.has(word)) kept += word;
    });
    return kept.replace(CONTRACT_VERBS, '');
  }
  const verbList = rules.metric.reportingVerbs;
  const verbs = new Set(verbList);

  test('drops what segmenting every phrase dropped, over every stretch of the seeds around a verb and random phrases', () => {
    const phrases: string[] = [];
    for (const clause of seeds.flatMap((text) => text.split(/[，。；\n]/u))) {
      for (const verb of verbList) {
        for (let at = clause.indexOf(verb); at >= 0; at = clause.indexOf(verb, at + 1)) {
          for (const before of [1, 2, 4, 8]) for (const after of [0, 1, 3, 6]) phrases.push(clause.slice(Math.max(0, at - before), at + verb.length + after));
        }
      }
    }
    // (完成率, 顺利实现, 达到目标: words the dictionary holds a contract verb inside)
    const pieces = ['完成', '实现', '达到', '累计完成', '共有', '新增', '完', '成', '实', '现', '达', '到', '率', '顺利', '目标', '项目', '投资', '数字经济', '核心产业', '增加值', '工业', '的', 'A', '\n', '\r', '\u2028', '\ud800', '\udc00', '𠀀', ' '];
    phrases.push(...Array.from({ length: 20000 }, () => randomText(pieces, 7)));
    const differing = phrases.filter((p) => dropInnerVerbs(p, verbList, verbs) !== dropInnerVerbsReference(p, verbList, verbs));
    expect(phrases.length).toBeGreaterThan(20000);
    expect(differing).toEqual([]);
  });
});

describe('removeSpans', () => {
  test('removes what the sorted copy of all spans removed', () => {
    const text = '2023年嘉兴市规上工业增加值增长8.2%，其中高新技术产业增加值1234亿元';
    const span = (): Span => {
      const start = Math.floor(random() * (text.length + 1));
      return { start, end: Math.min(text.length, start + Math.floor(random() * 6)) };
    };
    for (let n = 0; n < 5000; n++) {
      const regions = Array.from({ length: Math.floor(random() * 4) }, span);
      const periods = Array.from({ length: Math.floor(random() * 4) }, span);
      const from = Math.floor(random() * text.length);
      const to = from + Math.floor(random() * (text.length - from + 1));
      expect(removeSpans(text, from, to, regions, periods)).toBe(removeSpansReference(text, from, to, [...regions, ...periods]));
    }
  });
});

const PHRASE_END_TAG = /^(v|vd|p|c|u|uj|ul|uz|ug|uv|ud|d|r|m|y|e|o|zg)$/u;

function nounAfterReference(text: string, from: number, reportingWords: ReadonlySet<string>): string {
  const raw = text.slice(from, from + 24);
  const unprefixed = raw.replace(/^(以上|以下|以内|左右|多|余)/u, '').replace(/^的/u, '');
  const afterDe = /^的/u.test(raw.replace(/^(以上|以下|以内|左右|多|余)/u, ''));
  const window = unprefixed.split(/[,;:。!?，；：、()（）\n]|\.\.\./u)[0];
  // Whether the window ends where its clause does (a break or the text's end), not at its limit.
  const endAt = from + (raw.length - unprefixed.length) + window.length;
  const closesClause = endAt >= text.length || /[,;:。!?，；：、()（）\n]/u.test(text[endAt]);
  const changeWords = new Set([...rules.cues.growth.flatMap((g) => g.words), ...rules.metric.countedPredicates]);
  const tokens = nodejieba.tag(window);
  // A quoted name (“一网通办”) is one noun.
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i].word !== '“') continue;
    const close = tokens.findIndex((t, k) => k > i && t.word === '”');
    if (close < 0) break;
    tokens.splice(i, close - i + 1, { word: tokens.slice(i, close + 1).map((t) => t.word).join(''), tag: 'nz' });
  }
  const isNounish = (t: { word: string; tag: string } | undefined) => t !== undefined && !PHRASE_END_TAG.test(t.tag);
  let phrase = '';
  const bridging = (t: { word: string; tag: string }) =>
    (t.tag === 'v' || t.tag === 'r' || t.tag === 'c' || (t.tag === 'm' && !/\d/u.test(t.word)) || /^(与|和|及)$/u.test(t.word)) && (!reportingWords.has(t.word) || (tokens.indexOf(t) === 0 && afterDe));
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (PHRASE_END_TAG.test(t.tag) && !(t.tag === 'm' && /[A-Za-z]/u.test(t.word))) {
      const qualifier = t.tag === 'm' && !/\d/u.test(t.word) && isNounish(tokens[i + 1]);
      let run = 0;
      while (run < 3 && tokens[i + run] && bridging(tokens[i + run])) run++;
      const bridges = run > 0 && isNounish(tokens[i + run]) && (!/^(c|p)$/u.test(t.tag) || phrase.length > 0);
      const closing = t.tag === 'v' && i === tokens.length - 1 && closesClause && phrase.length >= 2 && t.word.length >= 2 && !reportingWords.has(t.word) && !changeWords.has(t.word);
      if (!bridges && !qualifier && !closing) break;
    }
    phrase += t.word;
  }
  const trimmed = phrase.replace(EDGE_NOISE, '');
  // A mark cut off at an end comes back (小巨人”企业 → “小巨人”企业).
  const balanced = `${/^[^“]*”/u.test(trimmed) ? '“' : ''}${trimmed}${/“[^”]*$/u.test(trimmed) ? '”' : ''}`;
  return balanced.replace(/(?<=..)[中内里]$/u, '');
}

describe('nounAfter', () => {
  const stopWords = new Set([...rules.metric.reportingVerbs, ...rules.metric.trailing]);

  test('reads the noun the regex-based reading read, after every figure-like end in the seeds', () => {
    let checked = 0;
    for (const text of seeds) {
      for (let at = 1; at < text.length; at++) {
        // After a digit, a unit character or a percent sign, where figures end.
        if (!/[\d%个家项亿元万人户]/u.test(text[at - 1])) continue;
        expect({ at, noun: nounAfter(text, at, stopWords, nounVocabulary(rules)) }).toEqual({ at, noun: nounAfterReference(text, at, stopWords) });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  test('reads the noun the regex-based reading read over random strings', () => {
    const pieces = ['“', '”', '以上', '以下', '以内', '左右', '多', '余', '的', '...', '..', ',', '，', '。', '、', '(', '\n', ' ', 'AB', '5G', '12', '三', '中', '内', '里', '𠀀', '与', '和', '及', '完成', '实现', '企业', '项目', '城市', '家庭', '服务', '创新', '应用', '试点', '被', '通报', '表扬', '规模', '我们'];
    for (let n = 0; n < 3000; n++) {
      const text = randomText(pieces, 12);
      const from = Math.floor(random() * (text.length + 1));
      expect({ text, from, noun: nounAfter(text, from, stopWords, nounVocabulary(rules)) }).toEqual({ text, from, noun: nounAfterReference(text, from, stopWords) });
    }
  });
});

describe('segmentation', () => {
  teachVocabulary(rules);
  const clauses = seeds.flatMap((text) => text.split(/[，。；\n]/u)).filter((c) => c.length > 0);
  const pieces = ['数字经济', '核心产业', '完成', '投资', '项目', '嘉兴', '平湖市', 'GDP', '12.5', '5', 'a1', '1a2', 'x', '亿元', ' ', '的', '𠀀', '实现', '增长', '云计算', '蓝翔', '区块链', '\ud800'];
  const strings = [...clauses, ...Array.from({ length: 3000 }, () => randomText(pieces, 10))];

  /** The words of `text` cut, with their tags read from the dictionary. */
  const tagWords = (text: string) => cutWords(text).map((word) => ({ word, tag: wordTag(word) }));

  test('cut words tagged from the dictionary are tagged as nodejieba.tag tags them, over every clause of the seeds and random strings', () => {
    const differing = strings.filter((s) => JSON.stringify(tagWords(s)) !== JSON.stringify(nodejieba.tag(s)));
    expect(differing).toEqual([]);
  });

  test('every word the rules teach and every 25th word of the dictionary is tagged as nodejieba.tag tags it', () => {
    const dictionary = readFileSync((nodejieba as unknown as { DEFAULT_DICT: string }).DEFAULT_DICT, 'utf8').split('\n').map((line) => line.split(' ')[0]);
    const words = [...rules.indicators.dictionaryTerms(), ...rules.gazetteer.dictionaryTerms(), ...dictionary.filter((_, i) => i % 25 === 0)];
    const differing = words.filter((w) => w.length > 0 && JSON.stringify(tagWords(w)) !== JSON.stringify(nodejieba.tag(w)));
    expect(differing).toEqual([]);
  });

  test('cutWords segments as nodejieba.tag does', () => {
    const differing = strings.filter((s) => JSON.stringify(cutWords(s)) !== JSON.stringify(nodejieba.tag(s).map((t) => t.word)));
    expect(differing).toEqual([]);
  });

  test('holdsVerb finds a verb where nodejieba.tag tags one', () => {
    const differing = strings.filter((s) => holdsVerb(s) !== nodejieba.tag(s).some((t) => t.tag === 'v'));
    expect(differing).toEqual([]);
  });
});
