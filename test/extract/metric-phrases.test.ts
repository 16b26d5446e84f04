/**
 * Metric phrases (issue 13, point 4) on sentences written here: the base a figure is compared with
 * is no part of its metric; a rate word or an empty clause carries the head noun of the figure
 * before it; reporting and method words (按可比价格计算) and change abbreviations (同增) are trimmed.
 */
import { withBalancedQuotes, withoutComparison } from '../../src/extract/metric';
import { bundledRules, byQuote, extractText } from '../support/extract';

const rules = bundledRules();

function records(text: string) {
  return extractText(text, { paper: '南方日报', published: '2024-02-01' });
}

describe('withoutComparison', () => {
  test.each([
    ['增速比上半年', '增速'],
    ['较一季度', ''],
    ['汽车类比5月份', '汽车类'],
    ['与去年同期相比', ''],
    ['进出口增速高于全国', '进出口增速'],
  ])('%s → %s', (phrase, expected) => {
    expect(withoutComparison(phrase, rules)).toBe(expected);
  });

  test.each(['第三产业比重', '工业用电量占比', '城乡居民收入比', '和平区工业增加值', '与会企业数量'])('%s is left whole (比 inside a word, 与 with no 相比)', (phrase) => {
    expect(withoutComparison(phrase, rules)).toBe(phrase);
  });
});

describe('metric phrases in sentences', () => {
  test('a rate compared with an earlier period measures the indicator before it', () => {
    const r = records('2023年前三季度，南宁市固定资产投资增长6.1%，增速较上半年回落2.3个百分点。');
    const pp = byQuote(r, '2.3个百分点');
    expect([pp.kind, pp.metric.name]).toEqual(['pp', '固定资产投资']);
    const s = records('一季度，全省规模以上工业增加值增长7.4%，增速比去年全年提高1.2个百分点。');
    expect(byQuote(s, '1.2个百分点').metric.name).toBe('规模以上工业增加值');
  });

  test('a base named inside the clause is cut, the indicator kept', () => {
    const r = records('6月份，限额以上单位汽车类零售额增长15.2%，汽车类比5月份提升9.1个百分点。');
    expect(byQuote(r, '9.1个百分点').metric.name).toBe('汽车类');
  });

  test('an amount whose clause names nothing is the amount of what the change before it measured', () => {
    const r = records('2023年，湖南省地区生产总值增长4.6%、达到5.0万亿元。');
    expect(byQuote(r, '5.0万亿元').metric.name).toBe('地区生产总值');
    const e = records('全市出口增长12%，达到860亿元。');
    expect(byQuote(e, '860亿元').metric.name).toBe('出口');
  });

  test('an amount after a count does not take the count as its metric', () => {
    const r = records('全县新增市场主体3200户，累计达到5.6亿元。');
    expect(byQuote(r, '5.6亿元').metric.name).not.toBe('新增市场主体数量');
  });

  test('与…相比 before a rate word is all base: the rate is of the indicator before it', () => {
    const r = records('一季度，全市社会消费品零售总额达到860.5亿元，与去年同期相比增幅达到9.3%。');
    expect(byQuote(r, '9.3%').metric.name).toBe('社会消费品零售总额');
  });

  test('比上年提高 N个百分点 is the indicator\'s own change, not a growth faster than the year before', () => {
    const r = records('其中，工业投资增长12.1%，两年平均增长8.4%，比去年的两年平均增速提高1.6个百分点。');
    expect(byQuote(r, '1.6个百分点').metric.name).toBe('工业投资');
    // 较整体快 still compares with another figure.
    const f = records('机电产品出口增长35%，较整体快20.5个百分点。');
    expect(byQuote(f, '20.5个百分点').metric.name).toBe('机电产品出口增速快于整体');
  });

  test('function words at the ends of a phrase are trimmed where they are words of their own', () => {
    const r = records('一季度，第一产业比重为8.1%，第三产业比重则为52.4%。');
    // (then spelled out as the bulletins define the share: rules/metric.yaml spelledOut)
    expect(byQuote(r, '52.4%').metric.name).toBe('第三产业增加值占地区生产总值比重');
    // 都 ends 成都, a name: kept.
    const c = records('2023年成都实现地区生产总值2.2万亿元。');
    expect(byQuote(c, '2.2万亿元').metric.name).toBe('地区生产总值');
  });

  test('a clause that names nothing reports on the catalogued indicator the clause before opens with', () => {
    const r = records('其中，进口增幅较大，增长了9.4%。');
    expect(byQuote(r, '9.4%').metric.name).toBe('进口');
    const i = records('前三季度，工业投资尤其迅猛，增长达21.3%。');
    expect(byQuote(i, '21.3%').metric.name).toBe('工业投资');
    // Not an uncatalogued description (经济运行): the metric stays missing and goes to review.
    const e = records('今年以来，全县经济运行总体平稳，增长5.8%。');
    const g = byQuote(e, '5.8%');
    expect([g.metric.name, g.flags.includes('metric_missing')]).toEqual(['', true]);
  });

  test('经济总量 and 产业规模 keep their head noun', () => {
    expect(byQuote(records('2023年全省经济总量突破6万亿元。'), '6万亿元').metric.name).toBe('经济总量');
    expect(byQuote(records('全市数字经济核心产业规模达到1200亿元。'), '1200亿元').metric.name).toBe('数字经济核心产业规模');
  });

  test('amounts joined by 和 right after a list of as many items are the items\' amounts, and so are the rates after them', () => {
    const r = records('上半年，一般贸易和加工贸易进出口8620亿元和2130.5亿元，同增6.2%和-3.4%。');
    expect(r.map((x) => [x.quote, x.metric.name])).toEqual([
      ['8620亿元', '一般贸易进出口'],
      ['2130.5亿元', '加工贸易进出口'],
      ['6.2%', '一般贸易进出口'],
      ['3.4%', '加工贸易进出口'],
    ]);
    // A reporting verb before the list: no items to pair.
    const v = records('全市实现营业收入和利润总额1200亿元和85亿元。');
    expect(v.every((x) => !x.trace.includes('metric.paired_list'))).toBe(true);
  });

  test('约占 is a share of what the figure before measured; 约束 is a word, not 约', () => {
    const r = records('2023年，韶关市地区生产总值达到1563.9亿元，约占全省的1.15%。');
    expect(byQuote(r, '1.15%').metric.name).toBe('地区生产总值占全省比重');
    const w = records('全市约束性指标全面完成，单位GDP能耗下降2.8%。');
    expect(byQuote(w, '2.8%').metric.name).toBe('单位GDP能耗');
  });

  test('按可比价格计算 is no part of the metric', () => {
    const r = records('2023年，全市地区生产总值按可比价格计算增长6.0%。');
    expect(byQuote(r, '6.0%').metric.name).toBe('地区生产总值');
  });

  test('同增 is a year-on-year growth', () => {
    const r = records('一季度，全省外贸进出口1.2万亿元，同增8.5%。');
    const g = byQuote(r, '8.5%');
    expect([g.kind, g.basis, g.metric.name]).toEqual(['growth', 'yoy', '外贸进出口']);
  });
});

describe('count units that name the quantity (rules/metric.yaml countNames)', () => {
  test('人次, 艘次, 架次 and 场 end the name in place of 数量', () => {
    const r = records('2023年，厦门港接待国际邮轮46艘次、出入境旅客12.6万人次，机场起降航班18.2万架次。');
    expect(byQuote(r, '46艘次').metric.name).toMatch(/邮轮艘次$/u);
    expect(byQuote(r, '12.6万人次').metric.name).toMatch(/旅客人次$/u);
    expect(byQuote(r, '18.2万架次').metric.name).toMatch(/航班架次$/u);
    const s = records('全年，成都市举办各类文旅消费活动2600余场，分三批发布重点项目清单。');
    expect(byQuote(s, '2600余场').metric.name).toBe('举办各类文旅消费活动场次');
  });

  test('other count units keep 数量, and a name already ending in its quantity takes nothing more', () => {
    const r = records('全区新增市场主体4300户，引进企业57家，接待游客人次达到320万人次。');
    expect(byQuote(r, '4300户').metric.name).toMatch(/市场主体数量$/u);
    expect(byQuote(r, '57家').metric.name).toMatch(/企业数量$/u);
    expect(byQuote(r, '320万人次').metric.name).not.toMatch(/人次人次/u);
  });
});

describe('lists of the three sectors and signed list items', () => {
  test('一、二、三次产业分别 gives each sector its own name, with the verb after 分别', () => {
    const r = records('2022年，一、二、三次产业分别拉动全县经济增长0.6、2.9、-0.4个百分点。');
    const names = r.filter((x) => x.kind === 'pp').map((x) => x.metric.name);
    expect(names).toEqual(['第一产业拉动全县经济增长', '第二产业拉动全县经济增长', '第三产业拉动全县经济增长']);
    const s = records('2023年，全市三次产业增加值分别增长3.8%、5.6%和4.9%。');
    expect(s.map((x) => x.metric.name)).toEqual(['第一产业增加值', '第二产业增加值', '第三产业增加值']);
  });

  test('二、三产业 names two sectors; a list of other items is not read as sectors', () => {
    const r = records('二、三产业分别拉动经济增长1.7和3.1个百分点。');
    expect(r.map((x) => x.metric.name)).toEqual(['第二产业拉动经济增长', '第三产业拉动经济增长']);
    const s = records('全省进口、出口分别增长4.4%和-2.1%。');
    expect(s.map((x) => x.metric.name)).toEqual(['进口', '出口']);
  });
});

describe('ranks, reporting verbs and lists with a lost separator', () => {
  test('an adverb alone before a rank verb ranks nothing: the figure before is ranked', () => {
    const r = records('2023年，全省粮食总产量达到1290亿斤，仍居全国第二位。');
    expect(byQuote(r, '第二位').metric.name).toBe('粮食总产量全国排名');
    const s = records('全市外贸进出口总额完成2100亿元，继续稳居全省首位。');
    expect(byQuote(s, '首位').metric.name).toBe('外贸进出口总额全省排名');
  });

  test('用于 and 组织实施 report the figure; the object after them names it', () => {
    const r = records('2023年，全省争取中央预算内投资320亿元，用于支持项目1800余个。');
    expect(byQuote(r, '1800余个').metric.name).toBe('支持项目数量');
    const s = records('全市组织实施重点技术改造项目230个。');
    expect(byQuote(s, '230个').metric.name).toBe('重点技术改造项目数量');
  });

  test('分别 values written together with one unit each give one value per item', () => {
    const r = records('第三产业内部,批发零售业、住宿餐饮业和金融业增加值分别增长3.2%4.1%5.5%。');
    expect(r.map((x) => x.metric.name)).toEqual(['批发零售业增加值', '住宿餐饮业增加值', '金融业增加值']);
  });

  test('an amount and a count written together are not one list', () => {
    const r = records('湖州、嘉兴分别迈上4000亿元、7000亿元两个台阶。');
    expect(byQuote(r, '4000亿元').city?.name).toBe('湖州市');
    expect(byQuote(r, '7000亿元').city?.name).toBe('嘉兴市');
  });
});

describe('quoted names in a metric', () => {
  test('a quoted name after a figure is one noun with the noun after it', () => {
    const r = records('2024年，全省推出38个“一网通办”重点事项。');
    expect(byQuote(r, '38个').metric.name).toMatch(/“一网通办”重点事项数量$/u);
    const s = records('新认定132家“专精特新”中小企业。');
    expect(byQuote(s, '132家').metric.name).toBe('“专精特新”中小企业数量');
  });

  test('a name cut at a quotation mark keeps both marks', () => {
    const r = records('全区培育“小巨人”企业18家。');
    expect(byQuote(r, '18家').metric.name).toBe('“小巨人”企业数量');
    const s = records('全市有12所高校“双一流”建设进展顺利。');
    expect(byQuote(s, '12所').metric.name).not.toMatch(/“[^”]*$/u);
  });

  test('withBalancedQuotes leaves names with both marks, or none, as they are', () => {
    expect(withBalancedQuotes('“四上”企业')).toBe('“四上”企业');
    expect(withBalancedQuotes('规上工业增加值')).toBe('规上工业增加值');
    expect(withBalancedQuotes('四上”企业')).toBe('“四上”企业');
    expect(withBalancedQuotes('高校“双一流')).toBe('高校“双一流”');
    expect(withBalancedQuotes('三电”和“两化')).toBe('“三电”和“两化”');
    expect(withBalancedQuotes('“四上”和“双一流')).toBe('“四上”和“双一流”');
  });
});

describe('a count of the items that did something (增长面)', () => {
  test('the count is named by what its items did, and by the items', () => {
    const r = records('2023年，全市38个行业中，29个行业利润同比增长，5个行业同比实现两位数增长。');
    expect(byQuote(r, '29个').metric.name).toBe('利润同比增长的行业数量');
    expect(byQuote(r, '5个').metric.name).toBe('同比实现两位数增长的行业数量');
    const s = records('全省27个行业大类中19个大类的利润实现增长。');
    expect(byQuote(s, '19个').metric.name).toBe('利润实现增长的行业大类数量');
  });

  test('a count whose clause goes on past the predicate, or names no predicate, keeps its noun', () => {
    const r = records('全区新建5G基站1200个，覆盖率提高到95%。');
    expect(byQuote(r, '1200个').metric.name).toBe('新建5G基站数量');
    const s = records('全县引进亿元以上项目26个，总投资增长18%。');
    expect(byQuote(s, '26个').metric.name).not.toMatch(/的项目数量$/u);
  });
});

describe('function words alone and 个 written with each value of a list', () => {
  test('a phrase that is only a function word names nothing: the record goes to review', () => {
    const r = records('今年上半年，面对多重压力，珠海仍能保持4%的增长。');
    const g = byQuote(r, '4%');
    expect(g.metric.name).not.toBe('仍能');
    expect(g.review).toBe('needs_review');
  });

  test('3.5个和2.5个百分点: both values are percentage points of the indicator before', () => {
    const r = records('2023年，全市生产总值比上年增长7.1%，分别高于全国、全省1.9个和0.8个百分点。');
    const first = byQuote(r, '1.9个');
    expect([first.kind, first.metric.name]).toEqual(['pp', '生产总值']);
    expect(byQuote(r, '0.8个百分点').kind).toBe('pp');
  });

  test('a count of 个 before a count unit keeps its own unit', () => {
    const r = records('全区新建公园8个和绿道12公里。');
    expect(byQuote(r, '8个').kind).toBe('level');
  });
});

describe('contributions in percentage points (X拉动Y增长)', () => {
  test('the ending 增长 cut from the clause comes back, and an elided subject is the figure before', () => {
    const r = records('前三季度，江门市装备制造业完成增加值320.5亿元，增长18.2%，拉动全市规上工业增长6.4个百分点。');
    expect(byQuote(r, '6.4个百分点').metric.name).toBe('装备制造业增加值拉动全市规上工业增长');
    const s = records('2023年，消费拉动经济增长3.2个百分点。');
    expect(byQuote(s, '3.2个百分点').metric.name).toBe('消费拉动经济增长');
  });

  test('a subject that is a clause of its own (…的…) is not put before the verb; other kinds are untouched', () => {
    const r = records('1-6月，作为外贸主力的民营企业进出口增长12%，拉动全省外贸增长5.1个百分点。');
    expect(byQuote(r, '5.1个百分点').metric.name).toBe('拉动全省外贸增长');
    const s = records('全市拉动有效投资320亿元。');
    expect(byQuote(s, '320亿元').metric.name).not.toMatch(/增长$/u);
  });
});

describe('land under a crop (rules/metric.yaml areaVerbs)', () => {
  test('种植/播种 + crop + an area is the crop\'s sown area', () => {
    const r = records('2023年，全县种植水稻52万亩。');
    expect(byQuote(r, '52万亩').metric.name).toBe('水稻种植面积');
    const s = records('全省播种冬小麦3200万亩。');
    expect(byQuote(s, '3200万亩').metric.name).toBe('冬小麦播种面积');
  });

  test('a phrase that names the area already, or a count after the verb, is left as it is', () => {
    const r = records('全市粮食种植面积达到5.6万公顷。');
    expect(byQuote(r, '5.6万公顷').metric.name).toBe('粮食种植面积');
    const s = records('全县种植面积达5.6万公顷。');
    expect(byQuote(s, '5.6万公顷').metric.name).not.toMatch(/面积.*面积/u);
    const t = records('全区种植大户320户。');
    expect(byQuote(t, '320户').metric.name).not.toMatch(/面积/u);
  });
});

describe('lists of industries and lists named in the clause before (rules/metric.yaml industryLists, listInClauseBefore)', () => {
  test('an industry name holding 、 and 和 stays one item; the attribute after the last item is every item\'s', () => {
    const r = records('2022年，全市交通运输、仓储和邮政业和批发和零售业增加值分别增长3.6%和5.2%。');
    expect(byQuote(r, '3.6%').metric.name).toBe('交通运输、仓储和邮政业增加值');
    expect(byQuote(r, '5.2%').metric.name).toBe('批发和零售业增加值');
  });

  test('a list that is not of industries is cut at its joiners as before', () => {
    const r = records('2022年，全县工业和服务业投资、房地产开发投资分别增长8.1%和-2.4%。');
    expect(byQuote(r, '8.1%').metric.name).toBe('工业和服务业投资');
    expect(byQuote(r, '2.4%').metric.name).toBe('房地产开发投资');
  });

  test('分别 opening its clause takes the list that is the subject of the clause before', () => {
    const r = records('2023年，全市城镇和农村居民人均可支配收入稳步提高，分别增长4.8%和7.1%。');
    expect(byQuote(r, '4.8%').metric.name).toBe('城镇居民人均可支配收入');
    expect(byQuote(r, '7.1%').metric.name).toBe('农村居民人均可支配收入');
  });

  test('a clause before that holds figures of its own is not read as the list', () => {
    const r = records('2023年，全市营业收入5678亿元、利润总额345亿元，分别增长8.2%和12.3%。');
    expect(byQuote(r, '8.2%').metric.name).toBe('营业收入');
    expect(byQuote(r, '12.3%').metric.name).toBe('利润总额');
  });
});

describe('a sector\'s share spelled out (rules/metric.yaml spelledOut)', () => {
  test('第二产业比重 / 第一产业所占比重 are the sector\'s value added in GDP', () => {
    const r = records('与上年相比，全县第二产业比重下降0.8个百分点，第一产业所占比重提高0.3个百分点。');
    expect(byQuote(r, '0.8个百分点').metric.name).toBe('第二产业增加值占地区生产总值比重');
    expect(byQuote(r, '0.3个百分点').metric.name).toBe('第一产业增加值占地区生产总值比重');
  });

  test('a share of something else, or a sector\'s own amount, is left as written', () => {
    const r = records('2023年，全市第二产业投资比重为31.2%，第三产业增加值达到812亿元。');
    expect(byQuote(r, '31.2%').metric.name).not.toMatch(/占地区生产总值/u);
    expect(byQuote(r, '812亿元').metric.name).toBe('第三产业增加值');
  });
});

describe('rankings', () => {
  test('a field written before the rank verb (增速在全省排名) is the ranking\'s scope, the rate the ranked thing', () => {
    const r = records('2023年，绍兴市地区生产总值增长7.8%，增速在全省排名第三位。');
    expect(byQuote(r, '第三位').metric.name).toBe('地区生产总值增速全省排名');
    const s = records('一季度，成都GDP同比增长6.2%，在副省级城市中排名第二。');
    expect(byQuote(s, '第二').metric.name).toBe('GDP副省级城市排名');
  });

  test('a ranking that moved (由N位跃升至M位) keeps the ranking named before it', () => {
    const r = records('2023年，台州市营商环境排名由25位跃升至12位。');
    expect(byQuote(r, '12位').metric.name).toBe(byQuote(r, '25位').metric.name);
    expect(byQuote(r, '12位').metric.name).toMatch(/营商环境/u);
  });

  test('an amount before the rank verb is not part of what is ranked (…以N亿元居第一)', () => {
    const r = records('1-9月，全省对东盟进出口以3120.5亿元居贸易伙伴首位。');
    expect(byQuote(r, '3120.5亿元').metric.name).toBe('对东盟进出口');
    expect(byQuote(r, '首位').metric.name).not.toMatch(/\d|以/u);
  });
});

describe('the noun counted after a figure', () => {
  test('a verb closing the clause after the noun names the work counted (攻关, 建设)', () => {
    const r = records('2023年，全省组织实施52项关键核心技术攻关。');
    expect(byQuote(r, '52项').metric.name).toBe('关键核心技术攻关数量');
  });

  test('a number written in words that qualifies the noun stays in it (一类创新药)', () => {
    const r = records('2024年，全市3个一类新药获批上市。');
    expect(byQuote(r, '3个').metric.name).toMatch(/^一类新药/u);
  });

  test('a bare verb before the figure does not qualify the noun after it', () => {
    const r = records('2024年，全省推进9条续建铁路建设。');
    expect(byQuote(r, '9条').metric.name).not.toMatch(/^推进/u);
    expect(byQuote(r, '9条').metric.name).toMatch(/续建铁路/u);
  });

  test('a noun followed by more than its verb is cut before the verb, as before', () => {
    const r = records('全县共有26个单位被评为先进集体。');
    expect(byQuote(r, '26个').metric.name).toBe('单位数量');
  });
});

describe('a change that names nothing, in a paragraph that named its indicator before', () => {
  test('takes what the paragraph\'s sentences before it last measured', () => {
    const r = records('2023年，绵阳市地区生产总值达到4038.7亿元，比上年增长8.2%。德阳市位列其后，增长7.1%。广元市的增速同样较快，比上年增长6.9%。');
    expect(byQuote(r, '7.1%').metric.name).toBe('地区生产总值');
    expect(byQuote(r, '6.9%').metric.name).toBe('地区生产总值');
    expect(byQuote(r, '6.9%').trace).toContain('metric.inherit_paragraph');
  });

  test('a rate named after the figure counts too (仍能保持3%的增长)', () => {
    const r = records('2023年，厦门GDP已于2020年突破6000亿元。今年上半年，厦门仍能保持4.2%的增长。');
    expect(byQuote(r, '4.2%').metric.name).toBe('GDP');
  });

  test('not across paragraphs, and not over a noun of its own', () => {
    const r = records('2023年，全市地区生产总值增长5.1%。\n\n其中，宁波增长8.1%。');
    expect(byQuote(r, '8.1%').metric.name).toBe('');
    const s = records('2023年，全市地区生产总值增长5.1%。规上工业增加值增长6.3%。');
    expect(byQuote(s, '6.3%').metric.name).toBe('规上工业增加值');
  });
});

describe('a change named after the rate (rules/cues.yaml growthAfter)', () => {
  test('N%的X增长 is a change of X', () => {
    const r = records('2022年，全市进出口总值1.2万亿元，其中出口实现接近30%的较快增长。');
    expect(byQuote(r, '30%').kind).toBe('growth');
    const s = records('一季度，南通以8.7%的GDP增速领跑全省。');
    expect([byQuote(s, '8.7%').kind, byQuote(s, '8.7%').metric.name]).toEqual(['growth', 'GDP']);
  });

  test('a part of a change (贡献了45%的增长) and a rate reaching a level (68%的水平) stay shares', () => {
    const r = records('2023年，全市数字经济贡献了45%的增长。');
    expect(byQuote(r, '45%').kind).toBe('share');
    const s = records('2023年，全市城镇化率达到68%的水平。');
    expect(byQuote(s, '68%').kind).toBe('share');
  });
});

describe('the clause before names the industry a bare change is of', () => {
  test('X呈爆发式增长，增长N%: an industry opening the clause before', () => {
    const r = records('2023年，全市医药制造业呈爆发式增长，增长85.2%；汽车制造业增长14.6%。');
    expect(byQuote(r, '85.2%').metric.name).toBe('医药制造业');
  });

  test('a noun that is neither catalogued nor an industry is not taken', () => {
    const r = records('2023年，全市文旅消费呈爆发式增长，增长85.2%。');
    expect(byQuote(r, '85.2%').metric.name).not.toBe('文旅消费呈爆发式');
  });
});

describe('more noun phrases read where they stand', () => {
  test('after 的, a reporting verb opens the noun (5.2%的新增注册企业)', () => {
    const r = records('2023年，开发区以占全区3.1%的面积，贡献了全区18.4%的新增注册企业。');
    expect(byQuote(r, '18.4%').metric.name).toBe('新增注册企业占全区比重');
  });

  test('a quantity named in the clause before (X数量最多，共有N个)', () => {
    const r = records('在中部六省中，湖北的县级市数量最多，共有26个。');
    expect(byQuote(r, '26个').metric.name).toBe('县级市数量');
  });

  test('a clause before that names no quantity, indicator or industry gives nothing', () => {
    const r = records('全县上下干劲十足，共有35个。');
    expect(byQuote(r, '35个').metric.name).toBe('');
  });

  test('a ranked 金额 is the amount named before it', () => {
    const r = records('2023年，全市技术合同成交额达到812亿元、金额居全省第2位。');
    expect(byQuote(r, '第2位').metric.name).toMatch(/^技术合同成交额.*全省排名$/u);
  });

  test('a count in 人 is a number of people (人数)', () => {
    const r = records('2023年，全市共有45人入选省级领军人才计划。');
    expect(byQuote(r, '45人').metric.name).toMatch(/人数$/u);
  });

  test('a province\'s short form run into a catalogued indicator is dropped from the name', () => {
    const r = records('1-5月浙江外贸同比增长6.2%。');
    expect(byQuote(r, '6.2%').metric.name).toBe('外贸');
    // not from a company's name, where the rest is no indicator
    const s = records('2023年，浙江东尼电子营业收入增长12%。');
    expect(byQuote(s, '12%').metric.name).toMatch(/^浙江东尼电子/u);
  });
});

describe('分别 opens the predicate (rules/metric.yaml predicateOpeners)', () => {
  test('places listed before 分别 with a verb after it name no metric: missing, not the verb', () => {
    const r = records('2023年，常州、南通分别跨上1万亿元、1.2万亿元台阶。');
    expect(byQuote(r, '1万亿元').metric.name).toBe('');
    expect(byQuote(r, '1万亿元').flags).toContain('metric_missing');
    expect(byQuote(r, '1万亿元').city?.name).toBe('常州市');
  });

  test('a metric named before 分别 is kept', () => {
    const r = records('2023年，常州、南通GDP分别为1.01万亿元和1.2万亿元。');
    expect(byQuote(r, '1.01万亿元').metric.name).toBe('GDP');
  });
});

describe('a list abbreviation does not swallow a list written out', () => {
  test('进出口和出口分别… are the two items, 进出口分别… is 进口 and 出口', () => {
    const r = records('2023年，全县进出口和出口分别增长7.4%和9.9%。');
    expect(byQuote(r, '7.4%').metric.name).toBe('进出口');
    expect(byQuote(r, '9.9%').metric.name).toBe('出口');
    const s = records('2023年，全县进出口分别增长7.4%和9.9%。');
    expect(byQuote(s, '7.4%').metric.name).toBe('进口');
  });
});
