/**
 * normalizeMetricName and the lexicon's match against the code they replaced (kept here as the
 * reference): the NFKC and character rewrites skipped for names of CJK ideographs only, and the
 * suffix search trying only the lengths of wordings that end with the name's last character — over
 * every basic CJK ideograph, the wordings with qualifiers before them, and random names.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { normalizeMetricName, type Indicator } from '../../src/rules/indicators';
import { parseIndicators } from '../../src/rules/indicator-schema';
import { pick, seededRandom } from '../support/fuzz';

const lexicon = parseIndicators(readFileSync(join(__dirname, '../../rules/indicators.yaml'), 'utf8'), 'rules/indicators.yaml');
const random = seededRandom(20260615);

function normalizeReference(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\s"'“”‘’「」『』《》]/g, '')
    .replace(/[a-z]+/g, (letters) => letters.toUpperCase())
    .replace(/规模以上/g, '规上')
    .replace(/占(?:全市|全省|全县|全区|全国)?(?:地区生产总值|国内生产总值|生产总值|GDP)/g, '占GDP')
    .replace(/的比重/g, '比重');
}

const LEADING_SCOPE = /^(?:全市|全省|全县|全区|全国|我市|我省|我县|我区|本市|本省|本县|本区|该市|该省|该县|该区)+/;
const TRAILING_GROWTH = /(?:增速|增幅|增长率)$/;
const PLACE_PREFIX = /^[\u3400-\u9fff]{1,12}(?:省|市|县|区|州|盟|旗)$/;
const byWording = new Map<string, Indicator>();
for (const indicator of lexicon.indicators) for (const wording of [indicator.name, ...indicator.synonyms]) byWording.set(normalizeReference(wording), indicator);

function matchReference(metricName: string): Indicator | null {
  const phrase = normalizeReference(metricName).replace(LEADING_SCOPE, '');
  // A rate named with a growth word (人口自然增长率) is looked up whole first.
  return (TRAILING_GROWTH.test(phrase) ? matchStripped(phrase) : null) ?? matchStripped(phrase.replace(TRAILING_GROWTH, ''));
}

function matchStripped(phrase: string): Indicator | null {
  if (phrase.length === 0) return null;
  const exact = byWording.get(phrase);
  if (exact) return exact;
  for (let start = 1; start < phrase.length; start++) {
    const found = byWording.get(phrase.slice(start));
    if (found) return PLACE_PREFIX.test(phrase.slice(0, start)) ? found : null;
  }
  return null;
}

const wordings = lexicon.indicators.flatMap((i) => [i.name, ...i.synonyms]);
const qualifiers = ['', '全市', '我省', '吴兴区', '开发区', '高新技术产品', '对美国', '规模以上', '占全省', '的', '「', ' ', 'ＧＤＰ', 'gdp', '𠀀', '⼀'];
const endings = ['', '增速', '增长率', '比重', '的比重', '总值', '数量', '量'];


describe('normalizeMetricName', () => {
  test('normalizes every basic CJK ideograph, alone and around the rewritten words, as the reference does', () => {
    const differing: string[] = [];
    for (let code = 0x4d00; code <= 0xa0ff; code++) {
      const c = String.fromCharCode(code);
      for (const name of [c, `规模以上${c}`, `占${c}生产总值`, `${c}的比重`]) if (normalizeMetricName(name) !== normalizeReference(name)) differing.push(name);
    }
    expect(differing).toEqual([]);
  });

  test('normalizes qualified wordings and random names as the reference does', () => {
    const names = [...wordings, ...Array.from({ length: 5000 }, () => `${pick(random, qualifiers)}${pick(random, qualifiers)}${pick(random, wordings)}${pick(random, endings)}`)];
    expect(names.filter((name) => normalizeMetricName(name) !== normalizeReference(name))).toEqual([]);
  });
});

describe('match', () => {
  test('finds the indicator the reference finds, for wordings with qualifiers and endings and for random names', () => {
    const names = [
      ...wordings,
      ...Array.from({ length: 5000 }, () => `${pick(random, qualifiers)}${pick(random, qualifiers)}${pick(random, wordings)}${pick(random, endings)}`),
      ...Array.from({ length: 2000 }, () => `${pick(random, wordings).slice(Math.floor(random() * 3))}${pick(random, endings)}`),
    ];
    expect(names.filter((name) => lexicon.match(name) !== matchReference(name))).toEqual([]);
  });
});
