/**
 * repairLineBreaks against the algorithm it replaced (test/text/linebreaksReference.ts): the same
 * text and the same offsets over the seeds, the seeds hard-wrapped as a column, random stitchings
 * of lines that stress every rule, and every UTF-16 unit as padding or line terminator.
 */
import { repairLineBreaks } from '../../src/text/linebreaks';
import { referenceRepairLineBreaks } from './linebreaksReference';
import { plain } from './mappedInvariants';
import { fuzzText, pick, seededRandom, seedTexts } from '../support/fuzz';

const random = seededRandom(20260613);

function expectSameRepair(text: string): void {
  expect({ text, repaired: plain(repairLineBreaks(text)) }).toEqual({ text, repaired: referenceRepairLineBreaks(text) });
}

/** Lines of the kinds the rules tell apart: wrapped prose, sentence ends, headings, captions, page markers, cells, list items. */
const LINES = [
  '今年以来，我市数字经济持续',
  '发力，全市规上工业增加值达25',
  '0.3亿元，同比增长8.1%，增速',
  '居全省第一位；数字经济核心产',
  '业增加值21.3亿元。',
  '吉利长兴新能源汽车项目已在',
  '选“未来工厂”名单。',
  '二、主要做法',
  '三、壮大新产业。增长较快',
  '(一)发展基础',
  '1.加强跨区域协同合作',
  '2025年',
  '交通运输、仓储和邮政业 | 369928 | 2.3 |',
  '指标 | 绝对额(万元) | 同比增长(%) |',
  '地区生产总值\t1180.3\t6.0',
  '粮    食          万吨        552.3       1.2',
  '产品名称          单位        产量',
  '全年  增长5.1',
  'Output rose 5.2 percent.  The city added  12',
  '城市治理联动“数字大脑”',
  '他说：“这是第一步。”',
  '（记者 张三 摄）',
  '(图片由湖州市经信局提供)',
  '图为繁忙的芜湖港朱家桥码头',
  '■记者 冯思家 通讯员 曹金凤',
  '■冯思家',
  '- 3 -',
  '— 12 —',
  '第3版',
  '3',
  '12',
  '5.1',
  '——',
  '7**',
  '# 标题',
  '• 要点',
  '温州国际云软件谷',
  '企业已成功打造了全国首个基于5G SA',
  'MEC云边融合未来工厂正式商用项目，',
  '形成了完整的应用场景体系布局……',
  '总投资130亿元的润泽国际信息港项目签约落地，我市半导体产业再添“芯”引擎',
  '9月4日上午，在润泽国际信息港项目建设现场，几十名工人正在分区域施工，挖掘机、打桩机等',
  '数据来源:统计局',
  'end of a sentence. Next',
  'v1.2',
  '事情...',
  '𠀋𪚥增长5%，',
];
const BREAKS = ['\n', '\n', '\n', '\n\n', '\n\n\n', '\r\n', '\r', '\f', '\u2028', '\u2029', '\r\n\r\n'];
const PADDING = ['', '', '', ' ', '  ', '\u3000\u3000', '\t', '\u200b', '\u00a0', '\ufeff'];

/** A text of random lines with random breaks, blank lines and padding. */
function stitchedText(): string {
  const count = Math.floor(random() * 14);
  let text = '';
  for (let i = 0; i < count; i++) text += pick(random, PADDING) + pick(random, LINES) + pick(random, PADDING) + pick(random, BREAKS);
  return random() < 0.5 ? text : text.trimEnd();
}

/** `text` wrapped at `width` chars a line, as a newspaper column or a PDF extract; some breaks get a blank line. */
function hardWrapped(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => {
      const pieces: string[] = [];
      for (let at = 0; at < line.length; at += width) pieces.push(line.slice(at, at + width));
      return pieces.map((piece) => (random() < 0.05 ? `${piece}\n` : piece)).join('\n');
    })
    .join('\n');
}

describe('repairLineBreaks agrees with the reference', () => {
  const seeds = seedTexts();

  test('on the seeds, as they are and with CRLF line ends', () => {
    for (const seed of seeds) {
      expectSameRepair(seed);
      expectSameRepair(seed.replace(/\n/g, '\r\n'));
    }
  });

  test('on the seeds hard-wrapped at column widths from 6 to 40 chars', () => {
    for (const seed of seeds) {
      for (const width of [6, 9, 12, 15, 18, 22, 26, 31, 40]) expectSameRepair(hardWrapped(seed, width));
    }
  });

  test('on random stitchings of wrapped prose, headings, captions, page markers and cells', () => {
    for (let n = 0; n < 3000; n++) expectSameRepair(stitchedText());
  });

  test('on random short strings of the characters the rules look at', () => {
    const chars = ['\n', '\n', '\r', '\f', ' ', '\u3000', '数', '字', '，', ',', '。', '.', '…', '—', '”', '）', '(', '（', '■', '图', '为', '1', '2', 'a', 'Z', '#', '-', '、'];
    for (let n = 0; n < 5000; n++) expectSameRepair(fuzzText(random, chars, Math.floor(random() * 30)));
  });

  test('with every UTF-16 unit as padding or terminator around a line', () => {
    for (let code = 0; code < 0x10000; code++) {
      const c = String.fromCharCode(code);
      expectSameRepair(`${c}数字经济，${c}持续发力${c}\n${c}`);
    }
  });
});
