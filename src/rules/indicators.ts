/**
 * The canonical indicator lexicon (rules/indicators.yaml): which metric noun phrases name which
 * statistical indicator, so records can carry a stable `metric.id`.
 *
 * Match policy — `match(metricName)` receives a noun phrase the caller has already stripped of region,
 * time and reporting verbs ("规上工业增加值", "全市外贸进出口总值"):
 *   1. Normalize both the phrase and every name/synonym the same way (normalizeMetricName): NFKC
 *      (full-width → half-width), no spaces or quotes, ASCII upper case, 规模以上 → 规上,
 *      占地区生产总值/占生产总值 → 占GDP, 的比重 → 比重; then drop, from the phrase only, leading
 *      scope words (全市, 全省, 我市, 该县 …) and a trailing growth word (增速, 增幅, 增长率: the kind
 *      of the record says it is a growth, the indicator is the same).
 *   2. Equal to a name or synonym → that indicator.
 *   3. Otherwise the longest name or synonym the phrase ends with decides, but only if what precedes it
 *      is a place or zone (…省/市/县/区/州/盟/旗: "吴兴区规上工业增加值", "开发区工业增加值"). Any other
 *      qualifier changes what is measured — 对美国进出口, 高新技术产品出口, 一般贸易进出口,
 *      数字经济核心产业有效发明专利 are not the totals they end with — and gives null; so does a phrase
 *      that merely contains an indicator (数字经济核心产业增加值占GDP比重 is a share, with its own id;
 *      …增加值全省排名 is a rank). A shorter suffix is never tried: it would only be more wrong.
 */
import type { IndicatorFile } from './indicator-schema';

export interface Indicator {
  id: string;
  name: string;
  synonyms: string[];
  /** English wordings: matched by the English extractor (rules/compile.ts), not by `match`. */
  en?: string[];
  unit?: string[];
  examples?: string[];
}

export interface IndicatorLexicon {
  indicators: readonly Indicator[];
  /** canonical id for a metric noun phrase, or null */
  match(metricName: string): Indicator | null;
  dictionaryTerms(): string[];
  /** Whether a wording of an indicator (as written in the rules) starts at text[at]: 江苏|外贸进出口. */
  wordingStartsAt(text: string, at: number): boolean;
}

/** Step 1 of the policy, applied alike to lexicon wordings and to the phrases being matched. */
export function normalizeMetricName(text: string): string {
  // Most names are CJK ideographs only, which NFKC, the space and quote removal and the upper
  // casing leave as they are; and each rewrite below is searched for only where it can apply.
  let name = isIdeographsOnly(text)
    ? text
    : text
        .normalize('NFKC')
        .replace(/[\s"'“”‘’「」『』《》]/g, '')
        .replace(/[a-z]+/g, (letters) => letters.toUpperCase());
  if (name.includes('规模以上')) name = name.replace(/规模以上/g, '规上');
  if (name.includes('占')) name = name.replace(/占(?:全市|全省|全县|全区|全国)?(?:地区生产总值|国内生产总值|生产总值|GDP)/g, '占GDP');
  if (name.includes('的比重')) name = name.replace(/的比重/g, '比重');
  return name;
}

/** Whether every character is a CJK Unified Ideograph of the basic block (U+4E00–U+9FFF): none has a compatibility decomposition. */
function isIdeographsOnly(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x4e00 || code > 0x9fff) return false;
  }
  return true;
}

/** Leading words that only say the whole region is meant (全市规上工业增加值 = 规上工业增加值). */
const LEADING_SCOPE = /^(?:全市|全省|全县|全区|全国|我市|我省|我县|我区|本市|本省|本县|本区|该市|该省|该县|该区)+/;
/** A trailing growth word: 出口增速 is a growth of 出口; the record's kind carries the "growth". */
const TRAILING_GROWTH = /(?:增速|增幅|增长率)$/;
/** A place or zone before an indicator keeps it the same indicator (吴兴区规上工业增加值). */
const PLACE_PREFIX = /^[\u3400-\u9fff]{1,12}(?:省|市|县|区|州|盟|旗)$/;

/** The wordings written backwards in a trie: the wordings a phrase ends with, found in one walk from its end. */
interface SuffixNode {
  /** The indicator of the wording that starts here (read backwards, ends here). */
  indicator: Indicator | null;
  /** The nodes of the character before this one, by UTF-16 code. */
  before: Map<number, SuffixNode>;
}

function suffixTrie(byWording: ReadonlyMap<string, Indicator>): SuffixNode {
  const root: SuffixNode = { indicator: null, before: new Map() };
  for (const [wording, indicator] of byWording) {
    let node = root;
    for (let i = wording.length - 1; i >= 0; i--) {
      const code = wording.charCodeAt(i);
      let next = node.before.get(code);
      if (!next) {
        next = { indicator: null, before: new Map() };
        node.before.set(code, next);
      }
      node = next;
    }
    node.indicator = indicator;
  }
  return root;
}

export function buildIndicatorLexicon(file: IndicatorFile): IndicatorLexicon {
  const indicators: Indicator[] = file.indicators.map((i) => ({ ...i, synonyms: [...i.synonyms] }));
  const byWording = new Map<string, Indicator>();
  for (const indicator of indicators) {
    for (const wording of [indicator.name, ...indicator.synonyms]) byWording.set(normalizeMetricName(wording), indicator);
  }
  const terms = [...new Set(indicators.flatMap((i) => [i.name, ...i.synonyms]))];
  const wordings = new Set(terms);
  const longestWording = Math.max(0, ...terms.map((t) => t.length));
  const endings = suffixTrie(byWording);

  function match(metricName: string): Indicator | null {
    const phrase = normalizeMetricName(metricName).replace(LEADING_SCOPE, '');
    // A rate whose name ends in a growth word (人口自然增长率) is matched whole first.
    const whole = TRAILING_GROWTH.test(phrase) ? longestEnding(phrase) : null;
    return whole ?? longestEnding(phrase.replace(TRAILING_GROWTH, ''));
  }

  function longestEnding(phrase: string): Indicator | null {
    if (phrase.length === 0) return null;
    // The longest wording the phrase ends with, read from its last character back: the whole
    // phrase (step 2) or a suffix (step 3).
    let node: SuffixNode | undefined = endings;
    let longest: { start: number; indicator: Indicator } | null = null;
    for (let i = phrase.length - 1; i >= 0 && node; i--) {
      node = node.before.get(phrase.charCodeAt(i));
      if (node?.indicator) longest = { start: i, indicator: node.indicator };
    }
    if (!longest) return null;
    return longest.start === 0 || PLACE_PREFIX.test(phrase.slice(0, longest.start)) ? longest.indicator : null;
  }

  function wordingStartsAt(text: string, at: number): boolean {
    for (let end = Math.min(text.length, at + longestWording); end > at + 1; end--) if (wordings.has(text.slice(at, end))) return true;
    return false;
  }

  return { indicators, match, dictionaryTerms: () => terms, wordingStartsAt };
}
