import * as fs from 'fs';
import * as path from 'path';
import { identityMapped, sourceSpan } from '../../src/text/mapped';
import { htmlToVisibleText } from '../../src/text/html';
import { nfkcPerChar, normalizeForMatching, traditionalToSimplified } from '../../src/text/normalize';
import { expectValidMap, locate } from './mappedInvariants';

describe('nfkcPerChar', () => {
  test('folds full-width forms and ideographic space to ASCII, each char mapped to the one it came from', () => {
    const input = '增加值２１.３亿元，增长１６％（同比）　ＧＤＰ\u00a0比重';
    const mapped = nfkcPerChar(input);
    expect(mapped.text).toBe('增加值21.3亿元,增长16%(同比) GDP 比重');
    expect(mapped.text.length).toBe(input.length);
    for (let i = 0; i < input.length; i++) expect([mapped.starts[i], mapped.ends[i]]).toEqual([i, i + 1]);
  });

  test('a char that NFKC expands maps every output char to the whole input char', () => {
    const mapped = nfkcPerChar('约１０㎡…');
    expect(mapped.text).toBe('约10m2...');
    const [from, to] = locate(mapped, 'm2...');
    expect(sourceSpan(mapped, from, to)).toEqual([3, 5]);
    expect(sourceSpan(mapped, from + 2, from + 3)).toEqual([4, 5]);
  });

  test('a base char and its combining mark are normalised together', () => {
    const mapped = nfkcPerChar('Cafe\u0301 增长');
    expect(mapped.text).toBe('Café 增长');
    expect(sourceSpan(mapped, 3, 4)).toEqual([3, 5]);
    expectValidMap(mapped, 'Cafe\u0301 增长'.length);
  });
});

describe('traditionalToSimplified', () => {
  test('traditional text becomes simplified with a 1:1 map; simplified text is unchanged', () => {
    const mapped = traditionalToSimplified('數字經濟產業增加值２１.３億元\n湖州市數據中心');
    expect(mapped.text).toBe('数字经济产业增加值２１.３亿元\n湖州市数据中心');
    for (let i = 0; i < mapped.text.length; i++) expect([mapped.starts[i], mapped.ends[i]]).toEqual([i, i + 1]);
    expect(traditionalToSimplified('数字经济核心产业增加值').text).toBe('数字经济核心产业增加值');
  });

  test('a simplified line is left alone though another line is traditional', () => {
    // OpenCC's phrase table rewrites some simplified words (打坏 → 打坯): only traditional lines go through it.
    const mapped = traditionalToSimplified('數據中心\n设备打坏，反覆维修');
    expect(mapped.text).toBe('数据中心\n设备打坏，反覆维修');
  });

  test('Hong Kong variants are covered too', () => {
    expect(traditionalToSimplified('衞生綫路').text).toBe('卫生线路');
  });

  test('a phrase whose conversion changes the length falls back to char-by-char, keeping offsets exact', () => {
    // OpenCC maps the phrase 二噁英 to 二𫫇英, whose middle char is two UTF-16 units.
    const input = '排放二噁英0.1克';
    const mapped = traditionalToSimplified(input);
    expectValidMap(mapped, input.length);
    expect(mapped.text.length).toBe(input.length);
    const [from, to] = locate(mapped, '0.1克');
    expect(input.slice(...sourceSpan(mapped, from, to))).toBe('0.1克');
  });
});

describe('normalizeForMatching', () => {
  const column = [
    '今年以来，全市数字经济核心产',
    '业增加值同比大幅提升，总量达２',
    '', // the wrap of an extract can leave a blank line inside a sentence
    '１.３亿元，同比增长１６.３％；',
    '吉利长兴新能源汽车项目产值达25',
    '0.3亿元，占全市规上工业比重达',
    '12.1%。',
  ].join('\n');

  test('full-width and wrapped figures are found in matching form and map back to their source form', () => {
    const normalized = normalizeForMatching(identityMapped(column));
    expectValidMap(normalized, column.length);
    const sourceOf = (needle: string): string => column.slice(...sourceSpan(normalized, ...locate(normalized, needle)));
    expect(sourceOf('21.3亿元')).toBe('２\n\n１.３亿元');
    expect(sourceOf('16.3%')).toBe('１６.３％');
    expect(sourceOf('250.3亿元')).toBe('25\n0.3亿元');
    expect(sourceOf('核心产业增加值')).toBe('核心产\n业增加值');
  });

  test('composes with the HTML map: spans index the raw page', () => {
    const html = '<html><body><p>平湖市數字經濟核心製造業增加值２１.３&#20159;元，同比下降16.3&#x25;。</p><p>下一段</p></body></html>';
    const { mapped } = htmlToVisibleText(html);
    const normalized = normalizeForMatching(mapped);
    expect(normalized.text).toBe('平湖市数字经济核心制造业增加值21.3亿元,同比下降16.3%。\n下一段');
    const sourceOf = (needle: string): string => html.slice(...sourceSpan(normalized, ...locate(normalized, needle)));
    expect(sourceOf('21.3亿元')).toBe('２１.３&#20159;元');
    expect(sourceOf('16.3%')).toBe('16.3&#x25;');
    expect(sourceOf('制造业')).toBe('製造業');
  });
});

describe('normalizeForMatching on the seed articles', () => {
  const seedDir = path.join(__dirname, '../../seeds');
  const goldDir = path.join(__dirname, '../../fixtures/gold');
  const seeds = fs.readdirSync(seedDir).filter((f) => f.endsWith('.txt')).sort();
  const read = (file: string): string => fs.readFileSync(path.join(seedDir, file), 'utf8');
  const gold = (seed: string): Array<{ quote: string; context: string }> =>
    fs.readFileSync(path.join(goldDir, seed.replace(/\.txt$/, '.jsonl')), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));

  test('there are seeds to check', () => {
    expect(seeds.length).toBe(5);
  });

  test.each(seeds)('%s: every char maps to a non-empty, in-bounds, non-decreasing source range it came from', (seed) => {
    const text = read(seed);
    const normalized = normalizeForMatching(identityMapped(text));
    expectValidMap(normalized, text.length);
    for (let i = 0; i < normalized.text.length; i++) {
      const ch = normalized.text[i];
      const source = text.slice(normalized.starts[i], normalized.ends[i]);
      const explained = source === ch || source.normalize('NFKC').includes(ch) || ((ch === '\n' || ch === ' ') && /^[\r\n\f]+$/.test(source));
      if (!explained) throw new Error(`${seed}: char ${i} ${JSON.stringify(ch)} maps to ${JSON.stringify(source)}`);
    }
  });

  test.each(seeds)('%s: every gold figure is still in the normalized text and maps back to exactly its quote', (seed) => {
    const text = read(seed);
    const normalized = normalizeForMatching(identityMapped(text));
    const indexOfStart = new Map<number, number>();
    const indexOfEnd = new Map<number, number>();
    for (let i = normalized.text.length - 1; i >= 0; i--) indexOfStart.set(normalized.starts[i], i);
    for (let i = 0; i < normalized.text.length; i++) indexOfEnd.set(normalized.ends[i], i + 1);
    for (const fact of gold(seed)) {
      const contextAt = text.indexOf(fact.context);
      expect(contextAt).toBeGreaterThanOrEqual(0);
      const quoteStart = text.indexOf(fact.quote, contextAt);
      const quoteEnd = quoteStart + fact.quote.length;
      const from = indexOfStart.get(quoteStart);
      const to = indexOfEnd.get(quoteEnd);
      if (from === undefined || to === undefined) throw new Error(`${seed}: ${fact.quote} (${fact.context}) was dropped`);
      expect(text.slice(...sourceSpan(normalized, from, to))).toBe(fact.quote);
    }
  });

  test.each(['001_c6fb20cb607eecdb.txt', '002_1254e0bf7ebbb33f.txt'])('%s: gold contexts cut by a hard line break appear joined', (seed) => {
    const normalized = normalizeForMatching(identityMapped(read(seed))).text;
    const cut = gold(seed).filter((fact) => fact.context.includes('\n'));
    expect(cut.length).toBeGreaterThan(0);
    for (const fact of cut) expect(normalized).toContain(fact.context.replace(/\s*\n\s*/g, '').normalize('NFKC'));
  });

  test('seed 001: headings, captions and page numbers do not run into the sentences around them', () => {
    const lines = normalizeForMatching(identityMapped(read('001_c6fb20cb607eecdb.txt'))).text.split('\n');
    expect(lines).toContain('城市治理联动“数字大脑”');
    expect(lines).toContain('经济发展注入“数字之核”');
    expect(lines).toContain('农机员操作植保无人机管护小麦地');
    expect(lines).not.toContain('3');
    expect(lines.some((line) => line.startsWith('7月13日,全省数字经济高质量发展大会在杭州举行。') && line.endsWith('高端平台。'))).toBe(true);
  });

  test('seed 003: the flattened table keeps one cell per line', () => {
    const lines = normalizeForMatching(identityMapped(read('003_6fe1a5ee8588e17e.txt'))).text.split('\n');
    const at = lines.indexOf('数字经济核心产业增加值占GDP比重(%');
    expect(lines.slice(at, at + 4)).toEqual(['数字经济核心产业增加值占GDP比重(%', '5.1', '7**', '2']);
  });

  test('seed 004: a caption inside a cut sentence is removed and the sentence joined', () => {
    const normalized = normalizeForMatching(identityMapped(read('004_6f2b231676aa75d2.txt'))).text;
    expect(normalized).toContain('苍南以智能仪器仪表等产业为主。');
    expect(normalized).toContain('温州数字产业化在实现从“零”到“一”跨越');
  });
});
