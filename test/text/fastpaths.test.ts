/**
 * The text stages take shortcuts: BMP fold and OpenCC tables learnt char by char, maps kept as a
 * rule (the identity, a builder's runs, a composition) whose arrays are built only if read.
 * Each test here runs the shortcut and the straightforward way (written out below, as the code
 * read before the shortcuts) on tricky inputs and demands the same text and the same offsets.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Converter } from 'opencc-js';
import { compose, identityMapped, isIdentityMap, MappedTextBuilder, sourceSpan } from '../../src/text/mapped';
import { htmlToVisibleText } from '../../src/text/html';
import { isConvertibleCharacter, nfkcPerChar, normalizeForMatching, repairLineBreaks, traditionalToSimplified } from '../../src/text/normalize';
import { plain, PlainMap, ReferenceBuilder, seededRandom } from './mappedInvariants';
import { fuzzText } from '../support/fuzz';

function referenceIdentity(text: string): PlainMap {
  const out = new ReferenceBuilder();
  out.pushCopy(text, 0);
  return out.out;
}

function referenceCompose(outer: PlainMap, inner: PlainMap): PlainMap {
  return { text: outer.text, starts: outer.starts.map((s) => inner.starts[s]), ends: outer.ends.map((e) => inner.ends[e - 1]) };
}

/** NFKC cluster by cluster, every text the same way. */
function referenceNfkc(text: string): PlainMap {
  if (text.normalize('NFKC') === text) return referenceIdentity(text);
  const out = new ReferenceBuilder();
  let runStart = 0;
  const fold = (cluster: string, start: number) => {
    const folded = cluster.normalize('NFKC');
    if (folded === cluster) return;
    if (start > runStart) out.pushCopy(text.slice(runStart, start), runStart);
    out.pushSpan(folded, start, start + cluster.length);
    runStart = start + cluster.length;
  };
  if (/\p{M}/u.test(text)) {
    for (const match of text.matchAll(/\P{M}\p{M}*|\p{M}+/gsu)) fold(match[0], match.index ?? 0);
  } else {
    for (let i = 0; i < text.length; i++) {
      const code = text.charCodeAt(i);
      if (code < 0x80) continue;
      const wide = code >= 0xd800 && code <= 0xdbff && i + 1 < text.length;
      fold(wide ? text.slice(i, i + 2) : text[i], i);
      if (wide) i++;
    }
  }
  if (runStart < text.length) out.pushCopy(text.slice(runStart), runStart);
  return out.out;
}

const simplify = Converter({ from: 'hk', to: 'cn' });
const CONVERTIBLE_BLOCKS = [[0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xf900, 0xfaff]];

/** Every convertible char up front, as one regex character class built by converting whole blocks. */
let referenceConvertible: RegExp | null = null;
function referenceConvertibleCharacters(): RegExp {
  if (!referenceConvertible) {
    const chars: string[] = [];
    for (const [from, to] of CONVERTIBLE_BLOCKS) {
      let block = '';
      for (let code = from; code <= to; code++) block += String.fromCharCode(code);
      const converted = simplify(block);
      if (converted.length === block.length) {
        for (let i = 0; i < block.length; i++) if (converted[i] !== block[i]) chars.push(block[i]);
      } else {
        for (const c of block) if (simplify(c) !== c) chars.push(c);
      }
    }
    referenceConvertible = new RegExp(`[${chars.join('')}]`, 'u');
  }
  return referenceConvertible;
}

function referenceSimplified(text: string): PlainMap {
  if (!referenceConvertibleCharacters().test(text)) return referenceIdentity(text);
  const out = new ReferenceBuilder();
  for (const match of text.matchAll(/[^\n]+|\n/g)) {
    const line = match[0];
    const start = match.index ?? 0;
    const converted = line === '\n' || !referenceConvertibleCharacters().test(line) ? line : simplify(line);
    if (converted === line) {
      out.pushCopy(line, start);
    } else if (converted.length === line.length) {
      for (let i = 0; i < line.length; i++) out.pushSpan(converted[i], start + i, start + i + 1);
    } else {
      let offset = start;
      for (const char of line) {
        const single = simplify(char);
        if (single === char) out.pushCopy(char, offset);
        else out.pushSpan(single, offset, offset + char.length);
        offset += char.length;
      }
    }
  }
  return out.out;
}

function referenceNormalize(input: PlainMap): PlainMap {
  const folded = referenceCompose(referenceNfkc(input.text), input);
  const simplified = referenceCompose(referenceSimplified(folded.text), folded);
  return referenceCompose(plain(repairLineBreaks(simplified.text)), simplified);
}

function referenceSpan(map: PlainMap, from: number, to: number): [number, number] {
  if (from === to) {
    const at = from < map.text.length ? map.starts[from] : map.text.length === 0 ? 0 : map.ends[map.text.length - 1];
    return [at, at];
  }
  return [map.starts[from], map.ends[to - 1]];
}

/** Inputs where a shortcut could go wrong. */
const TRICKY = [
  '',
  'plain ASCII only',
  '增加值２１.３亿元，增长１６％（同比）　ＧＤＰ\u00a0比重', // full-width digits, letters, punctuation: folded one for one
  '约１０㎡…共计Ⅱ期', // folds that change the length
  '今年以来，全市数字经济核心产\n业增加值同比大幅提升，总量达２\n\n１.３亿元。', // hard-wrapped lines
  '第一行\r\n第二行，\r\n继续。\r\r\n\f新页', // CRLF, lone CR, form feed
  '數字經濟產業增加值２１.３億元\n湖州市數據中心', // traditional chars, one for one
  '衞生綫路', // Hong Kong variants
  '排放二噁英0.1克\n简体行', // a phrase that changes length: char-by-char fallback
  '反覆研究，数字經濟\n反覆研究', // a phrase of chars that do not convert alone, in a text that converts
  '反覆研究，打坏', // …and in a text with no convertible char, left alone
  '𠀋𪚥增长５％，𝐀𝟏', // surrogate pairs, some folded by NFKC
  '孤\ud800立，\udc00半', // lone surrogate halves
  '\ud800，结尾\ud800', // a high half before a folded char, and one at the end
  'Cafe\u0301 增长１０％', // a combining mark: the per-cluster path
  '\u0301开头的组合符', // a mark with no base
  '豈更車，兀', // CJK compatibility ideographs
  '  缩进的行  \n\n\n■记者 张三\n- 3 -\n正文继续，\n没有结束', // trimmed lines, bylines, page markers
];

/** Random texts stitched from the tricky inputs and a few characters that stress line joining. */
function randomTexts(count: number): string[] {
  const random = seededRandom(20240611);
  const pieces = [...TRICKY, '\n', '\r\n', '，', '。', '…', '１２', 'ab', '数', '數', '覆', ' ', '\u3000'];
  const texts: string[] = [];
  for (let n = 0; n < count; n++) {
    texts.push(fuzzText(random, pieces, Math.floor(random() * 12)));
  }
  return texts;
}

const seedTexts = fs
  .readdirSync(path.join(__dirname, '../../seeds'))
  .filter((f) => f.endsWith('.txt'))
  .sort()
  .map((f) => fs.readFileSync(path.join(__dirname, '../../seeds', f), 'utf8'));

const ALL = [...TRICKY, ...randomTexts(300), ...seedTexts];

describe('text stage shortcuts agree with the straightforward way', () => {
  test.each(TRICKY.map((t) => [JSON.stringify(t).slice(0, 40), t]))('nfkcPerChar %s', (_, text) => {
    expect(plain(nfkcPerChar(text))).toEqual(referenceNfkc(text));
  });

  test.each(TRICKY.map((t) => [JSON.stringify(t).slice(0, 40), t]))('traditionalToSimplified %s', (_, text) => {
    expect(plain(traditionalToSimplified(text))).toEqual(referenceSimplified(text));
  });

  test('every step and the whole normalization, on random stitched texts and the seeds', () => {
    for (const text of ALL) {
      expect(plain(nfkcPerChar(text))).toEqual(referenceNfkc(text));
      expect(plain(traditionalToSimplified(text))).toEqual(referenceSimplified(text));
      expect(plain(normalizeForMatching(identityMapped(text)))).toEqual(referenceNormalize(referenceIdentity(text)));
    }
  });

  test('sourceSpan, read from the rule without building arrays, equals reading the reference arrays', () => {
    const random = seededRandom(99);
    for (const text of ALL) {
      const mapped = normalizeForMatching(identityMapped(text));
      const reference = referenceNormalize(referenceIdentity(text));
      for (let n = 0; n < 20; n++) {
        const from = Math.floor(random() * (mapped.text.length + 1));
        const to = from + Math.floor(random() * (mapped.text.length - from + 1));
        expect(sourceSpan(mapped, from, to)).toEqual(referenceSpan(reference, from, to));
      }
    }
  });

  test('normalization composed onto an HTML map (not the identity) matches too', () => {
    const html = '<html><body><p>數字經濟&nbsp;增加值２１.３億元，</p><p>同比增长１６％…</p><br>𠀋&amp;Ｂ</body></html>';
    const visible = htmlToVisibleText(html).mapped;
    expect(isIdentityMap(visible)).toBe(false);
    expect(plain(normalizeForMatching(visible))).toEqual(referenceNormalize(plain(visible)));
  });

  test('chars are learnt as convertible exactly as the table built from whole blocks says', () => {
    const table = referenceConvertibleCharacters();
    const differing: string[] = [];
    for (const [from, to] of CONVERTIBLE_BLOCKS) {
      for (let code = from; code <= to; code++) {
        if (isConvertibleCharacter(code) !== table.test(String.fromCharCode(code))) differing.push(String.fromCharCode(code));
      }
    }
    expect(differing).toEqual([]);
    expect(isConvertibleCharacter('數'.charCodeAt(0))).toBe(true);
    expect(isConvertibleCharacter('数'.charCodeAt(0))).toBe(false);
  });
});

describe('identity maps and the builder', () => {
  test('an identity map reads as char i ↔ [i, i+1), though it keeps no arrays until asked', () => {
    const mapped = identityMapped('数字ab');
    expect(isIdentityMap(mapped)).toBe(true);
    expect(plain(mapped)).toEqual(referenceIdentity('数字ab'));
  });

  test('compose with an identity on either side equals composing entry by entry', () => {
    const html = htmlToVisibleText('<p>一&nbsp;二</p><p>三</p>').mapped;
    const folded = nfkcPerChar(html.text);
    const oneForOne = traditionalToSimplified('數據');
    expect(plain(compose(folded, html))).toEqual(referenceCompose(plain(folded), plain(html)));
    expect(plain(compose(identityMapped(html.text), html))).toEqual(referenceCompose(referenceIdentity(html.text), plain(html)));
    expect(plain(compose(oneForOne, identityMapped('數據')))).toEqual(plain(oneForOne));
    expect(compose(oneForOne, identityMapped('數據')).text).toBe('数据');
  });

  test('an identity step that drops trailing chars composes to a map exactly as long as its text', () => {
    const html = htmlToVisibleText('<p>增长１６％&nbsp;</p>').mapped;
    const trimmed = repairLineBreaks(html.text);
    expect(isIdentityMap(trimmed)).toBe(true);
    expect(trimmed.text.length).toBeLessThan(html.text.length);
    expect(plain(compose(trimmed, html))).toEqual(referenceCompose(plain(trimmed), plain(html)));
  });

  test('random push sequences: the builder stays the identity only while it is one, and agrees with one entry per char', () => {
    const random = seededRandom(7);
    let identities = 0;
    for (let n = 0; n < 500; n++) {
      const builder = new MappedTextBuilder();
      const reference = new ReferenceBuilder();
      let source = 0;
      const pushes = Math.floor(random() * 8);
      for (let p = 0; p < pushes; p++) {
        const text = 'xyz，数'.slice(0, Math.floor(random() * 4));
        const kind = random();
        if (kind < 0.5) {
          builder.pushCopy(text, source);
          reference.pushCopy(text, source);
          source += text.length;
        } else {
          // one char for one (keeps the identity), or a wider / narrower source range (breaks it)
          const width = kind < 0.75 ? 1 : Math.floor(random() * 3);
          builder.pushSpan(text, source, source + width);
          reference.pushSpan(text, source, source + width);
          source += width;
        }
        if (random() < 0.2) source += 1; // a dropped source char
      }
      const built = builder.build();
      const expected = reference.out;
      expect(plain(built)).toEqual(expected);
      expect(builder.length).toBe(expected.text.length);
      const isIdentity = expected.starts.every((s, i) => s === i && expected.ends[i] === i + 1);
      if (isIdentityMap(built)) {
        identities++;
        expect(isIdentity).toBe(true);
      }
    }
    expect(identities).toBeGreaterThan(10);
  });
});
