import { sourceSpan } from '../../src/text/mapped';
import { repairLineBreaks } from '../../src/text/linebreaks';
import { expectValidMap, locate } from './mappedInvariants';

/** A hard-wrapped column: a paragraph's first line is shorter (indent), the last one ends the sentence. */
const GROWTH_PARAGRAPH = [
  '今年以来，我市数字经济持续',
  '发力，全市规上工业增加值达25',
  '0.3亿元，同比增长8.1%，增速',
  '居全省第一位；数字经济核心产',
  '业增加值２１.３亿元。',
];
const FACTORY_PARAGRAPH = [
  '吉利长兴新能源汽车项目已在',
  '全市范围内建成，鼎力机械、吉',
  '利长兴新能源汽车等4家企业入',
  '选“未来工厂”名单。',
];
const joined = (lines: string[]): string => lines.join('');

function repaired(text: string): string {
  const mapped = repairLineBreaks(text);
  expectValidMap(mapped, text.length);
  return mapped.text;
}

describe('repairLineBreaks: hard-wrapped columns', () => {
  const column = [...GROWTH_PARAGRAPH, '', '二、主要做法', '', ...FACTORY_PARAGRAPH].join('\n');

  test('wrapped lines are joined, even inside a number or a name; headings and paragraphs stay apart', () => {
    expect(repaired(column)).toBe([joined(GROWTH_PARAGRAPH), '二、主要做法', joined(FACTORY_PARAGRAPH)].join('\n'));
  });

  test('a number cut by the wrap maps back to its wrapped source form', () => {
    const mapped = repairLineBreaks(column);
    const [from, to] = locate(mapped, '250.3亿元');
    const [start, end] = sourceSpan(mapped, from, to);
    expect(column.slice(start, end)).toBe('25\n0.3亿元');
  });

  test('every char is copied from the source; each kept break maps to a line terminator', () => {
    const text = column.replace(/\n/g, '\r\n');
    const mapped = repairLineBreaks(text);
    for (let i = 0; i < mapped.text.length; i++) {
      const source = text.slice(mapped.starts[i], mapped.ends[i]);
      expect(mapped.text[i] === '\n' ? source : mapped.text[i]).toBe(mapped.text[i] === '\n' ? '\r\n' : source);
    }
  });

  test('CRLF, CR, form feeds (PDF page breaks) and indentation give the same text as plain LF', () => {
    const expected = repaired(column);
    expect(repaired(column.replace(/\n/g, '\r\n'))).toBe(expected);
    expect(repaired(column.replace(/\n/g, '\r'))).toBe(expected);
    expect(repaired(column.replace('增速\n', '增速\f'))).toBe(expected);
    expect(repaired(column.split('\n').map((line) => `  ${line}   `).join('\n'))).toBe(expected);
  });

  test('a blank line inside a sentence of a column is joined too', () => {
    const text = [GROWTH_PARAGRAPH[0], GROWTH_PARAGRAPH[1], '', ...GROWTH_PARAGRAPH.slice(2)].join('\n');
    expect(repaired(text)).toBe(joined(GROWTH_PARAGRAPH));
  });

  test('a heading ending in a closing quote is not joined to the paragraph after it', () => {
    const text = ['5G基站规模超过7000个。', '', '城市治理联动“数字大脑”', '', ...GROWTH_PARAGRAPH].join('\n');
    expect(repaired(text)).toBe(['5G基站规模超过7000个。', '城市治理联动“数字大脑”', joined(GROWTH_PARAGRAPH)].join('\n'));
  });

  test('Latin words cut by the wrap get a space back', () => {
    const text = ['企业已成功打造了全国首个基于5G SA', 'MEC云边融合未来工厂正式商用项目，', '形成了完整的应用场景体系布局。'].join('\n');
    expect(repaired(text)).toBe('企业已成功打造了全国首个基于5G SA MEC云边融合未来工厂正式商用项目，形成了完整的应用场景体系布局。');
  });
});

describe('repairLineBreaks: page numbers and captions', () => {
  test('page markers between wrapped lines are removed and the sentence is joined across them', () => {
    for (const marker of ['- 3 -', '— 12 —', '第3版', '3']) {
      const text = [...GROWTH_PARAGRAPH.slice(0, 2), '', marker, '', ...GROWTH_PARAGRAPH.slice(2)].join('\n');
      expect(repaired(text)).toBe(joined(GROWTH_PARAGRAPH));
    }
  });

  test('a bare number between table cells is a cell, not a page number', () => {
    const table = ['序号', '指标', '2020年', '2025年', '1', '数字经济核心产业增加值占GDP比重(%', '5.1', '7**', '2', '规上数字经济核心产业营业收入(亿元)', '745.2', '——', '800'];
    expect(repaired(table.join('\n\n'))).toBe(table.join('\n'));
  });

  test('caption and byline lines are removed and do not cut the sentence around them', () => {
    for (const caption of ['（记者 张三 摄）', '(图片由湖州市经信局提供)', '图为繁忙的芜湖港朱家桥码头', '■记者 冯思家 通讯员 曹金凤', '■冯思家']) {
      const text = [...GROWTH_PARAGRAPH.slice(0, 3), caption, ...GROWTH_PARAGRAPH.slice(3)].join('\n');
      expect(repaired(text)).toBe(joined(GROWTH_PARAGRAPH));
    }
  });

  test('short unpunctuated lines standing alone inside a cut sentence are captions: removed, sentence joined', () => {
    const text = '苍南以智能仪器仪表等产业为主，永嘉以智能泵阀装备等产业为主，瑞安以汽车电子等产\n\n\n\n温州国际云软件谷\n\n业为主。\n\n下一段。';
    expect(repaired(text)).toBe('苍南以智能仪器仪表等产业为主，永嘉以智能泵阀装备等产业为主，瑞安以汽车电子等产业为主。\n下一段。');
  });
});

describe('repairLineBreaks: one paragraph a line', () => {
  const article = [
    '平湖聚力数字经济“一号工程”—— “数字梦”：快车道上加速行',
    '核心提示：今年1至6月，全市数字经济核心制造业增加值21.3亿元，同比下降16.3%。',
    '项目招引注入发展新动能',
    '总投资130亿元的润泽国际信息港项目签约落地，我市半导体产业再添“芯”引擎……',
    '润泽国际信息港项目建设如火如荼',
    '数字经济大项目好项目纷至沓来',
    '领导点评',
    '上半年进出口总值超3000亿元，出口规模居全省第二',
    '7月23日，记者从金华海关获悉，上半年金华市共实现外贸进出口3000.9亿元。',
  ];

  test('paragraphs, headings and captions stay on their own lines; blank lines collapse', () => {
    expect(repaired(article.join('\n\n\n'))).toBe(article.join('\n'));
  });

  test('a paragraph cut in the middle is joined, also across a blank line', () => {
    const text = '9月4日上午，在润泽国际信息港项目建设现场，几十名工人正在分区域施工，挖掘机、打桩机等不停运转，工程车\n\n在现场往来穿梭。\n\n项目招引注入发展新动能';
    expect(repaired(text)).toBe('9月4日上午，在润泽国际信息港项目建设现场，几十名工人正在分区域施工，挖掘机、打桩机等不停运转，工程车在现场往来穿梭。\n项目招引注入发展新动能');
  });

  test('a long cut line is not joined to a short heading that follows it', () => {
    const text = '我市采取撂荒地复耕、高标准农田建设等措施发展生态高效优质农业\n\n1\n经济发展注入“数字之核”\n\n在湖州，数字经济的繁荣不仅仅体现在产业发展。';
    expect(repaired(text)).toBe('我市采取撂荒地复耕、高标准农田建设等措施发展生态高效优质农业\n经济发展注入“数字之核”\n在湖州，数字经济的繁荣不仅仅体现在产业发展。');
  });

  test('rows of cells between pipes are never joined, whatever their width and punctuation', () => {
    const rows = ['全年城乡居民收入稳步增长，', '指标 | 绝对数(元) | 增长(%) |', '城镇常住居民人均可支配收入 | 45210 | 4.9 |', '农村常住居民人均可支配收入 | 23810 | 6.8 |', '交通、通信支出 | 3120 | 5.1 |'];
    expect(repaired(rows.join('\n'))).toBe(rows.join('\n'));
  });

  test('empty and whitespace-only input give empty text', () => {
    expect(repaired('')).toBe('');
    expect(repaired(' \n\u3000\n\t')).toBe('');
  });
});
