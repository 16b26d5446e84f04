/**
 * Number forms of Chinese statistical writing (issue 13, point 5), each on sentences written here:
 * the value read, its sign, its normalized value and unit; and what must not be read as a figure.
 */
import { parseChineseNumeral } from '../../src/extract/numbers';
import { parseDecimalNumeral } from '../../src/extract/value-forms';
import { byQuote, extractText } from '../support/extract';

function records(text: string) {
  return extractText(text, { paper: '南方日报', published: '2024-02-01' });
}

describe('Chinese numerals', () => {
  test.each([
    ['三万五', 35000],
    ['两千六', 2600],
    ['一百二', 120],
    ['两亿三', 230000000],
    ['一万二', 12000],
    ['三万零五', 30005], // 零 keeps the digit in its place
    ['十五', 15],
    ['三千五百万', 35000000],
  ])('%s = %d (a last digit after a place stands for the place below)', (text, value) => {
    expect(parseChineseNumeral(text)).toBe(value);
  });

  test.each([
    ['十二点五', 12.5],
    ['零点五', 0.5],
    ['一点零五', 1.05],
    ['5.2', 5.2],
    ['两', 2],
  ])('decimal %s = %d', (text, value) => {
    expect(parseDecimalNumeral(text)).toBe(value);
  });
});

describe('number forms in sentences', () => {
  test('百分之 with Chinese and Arabic digits', () => {
    const a = byQuote(records('2023年佛山市森林覆盖率达到百分之三十二点八。'), '百分之三十二点八');
    expect([a.value, a.unit, a.normalized.value, a.kind]).toEqual([32.8, '%', 32.8, 'share']);
    const b = byQuote(records('今年全省居民人均可支配收入增长百分之6.1。'), '百分之6.1');
    expect([b.value, b.kind]).toEqual([6.1, 'growth']);
  });

  test('成 is tenths: value as written, normalized to percent', () => {
    const a = byQuote(records('全县农村劳动力转移就业占比超过六成。'), '六成');
    expect([a.value, a.unit, a.normalized.value, a.normalized.unit, a.kind, a.approx]).toEqual([6, '成', 60, '%', 'share', 'over']);
    const b = byQuote(records('该区小微企业贷款占比近四成。'), '四成');
    expect([b.normalized.value, b.approx]).toEqual([40, 'nearly']);
    const c = byQuote(records('民营经济贡献了全市七成多的税收。'), '七成多');
    expect([c.normalized.value, c.approx]).toEqual([70, 'over']);
  });

  test('成 inside a word is no figure', () => {
    expect(records('各地三成为一组轮流值守，工作成效明显。')).toEqual([]);
    expect(records('管理制度一成不变。')).toEqual([]);
  });

  test('fractions and halves are shares in percent', () => {
    expect(byQuote(records('第三产业用电量约占全社会用电量的五分之二。'), '五分之二').normalized.value).toBeCloseTo(40, 6);
    expect(byQuote(records('县域经济总量占全省的1/3。'), '1/3').normalized.value).toBeCloseTo(33.3333333333, 6);
    const half = byQuote(records('外贸企业数量占全市企业的一半。'), '一半');
    expect([half.normalized.value, half.kind]).toEqual([50, 'share']);
    expect(byQuote(records('全县森林覆盖率超过一半。'), '一半').approx).toBe('over');
  });

  test('a slash between numbers with no share word is no fraction (a score, a date)', () => {
    expect(records('球队以3/4的命中率获胜。').map((r) => r.quote)).toEqual([]);
  });

  test('Chinese decimals: the whole number is read, not the digit after 点', () => {
    const a = byQuote(records('西安市城镇调查失业率比上年下降零点四个百分点。'), '零点四个百分点');
    expect([a.value, a.kind]).toEqual([-0.4, 'pp']);
    expect(records('西安市城镇调查失业率比上年下降零点四个百分点。').map((r) => r.quote)).toEqual(['零点四个百分点']);
    const b = byQuote(records('全市常住人口增加一点二万人。'), '一点二万人');
    expect([b.value, b.normalized.value]).toEqual([1.2, 12000]);
  });

  test('负 before a number is a minus sign', () => {
    const a = byQuote(records('前两个月全省工业投资增速为负4.6%。'), '4.6%');
    expect(a.value).toBe(-4.6);
    expect(a.metric.name).not.toContain('负');
  });

  test('a dash after % or 万 joins a range; it is no minus sign', () => {
    const range = records('2024年全省地区生产总值预期增长5%-5.5%。');
    expect(range.map((r) => [r.quote, r.value])).toEqual([['5%', 5], ['5.5%', 5.5]]);
    expect(range.every((r) => r.metric.name === '地区生产总值')).toBe(true);
    const money = records('创业担保贷款额度为3万-30万元。');
    expect(money.map((r) => [r.quote, r.value, r.normalized.value, r.normalized.unit])).toEqual([
      ['3万', 3, 30000, 'CNY'],
      ['30万元', 30, 300000, 'CNY'],
    ]);
    // A dash after a word is still a minus sign.
    expect(byQuote(records('全市出口增速为-2.1%。'), '2.1%').value).toBe(-2.1);
  });

  test('a dash between two figures is a range only where they rise in one unit; else a minus sign', () => {
    // Descending: the second figure is negative, its separator lost.
    const listed = records('2023年全县一、二、三产业增加值分别增长3.6%-2.7%和6.1%。');
    expect(listed.map((r) => [r.quote, r.value])).toEqual([['3.6%', 3.6], ['2.7%', -2.7], ['6.1%', 6.1]]);
    // Values glued after PDF extraction, in a 分别 list.
    const glued = records('交通运输业、金融业、房地产业和其他服务业增加值分别增长1.5%0.8%-3.1%2.2%。');
    expect(glued.map((r) => r.value)).toEqual([1.5, 0.8, -3.1, 2.2]);
    // Rising, but a 分别 list of two items with two values: the dash is a lost 、 and a sign.
    const two = records('第一产业、第二产业增加值分别增长1.1%-4.9%。');
    expect(two.map((r) => r.value)).toEqual([1.1, -4.9]);
    expect(two[1].trace).toContain('value.sign_in_respective_list');
    // Rising ranges in a 分别 list of fewer items stay ranges.
    const ranges = records('预计工业和服务业增加值分别增长6%-7%、8%-9%。');
    expect(ranges.map((r) => r.value)).toEqual([6, 7, 8, 9]);
    // Different units: two figures.
    expect(records('全市进出口总额812亿元-3.4%。').map((r) => r.value)).toContain(-3.4);
  });

  test('a fall written with a minus as well is the fall, and goes to review', () => {
    const a = byQuote(records('今年前三季度全市工业投资同比下降负5.6%。'), '5.6%');
    expect([a.value, a.normalized.value, a.kind]).toEqual([-5.6, -5.6, 'growth']);
    expect(a.flags).toContain('sign_repeated');
    expect(a.review).toBe('needs_review');
    const b = byQuote(records('1-5月全省房地产开发投资下降-8.2%。'), '8.2%');
    expect([b.value, b.flags.includes('sign_repeated')]).toEqual([-8.2, true]);
    // A plain fall or a plain minus is not flagged.
    expect(byQuote(records('全市工业投资同比下降5.6%。'), '5.6%').flags).not.toContain('sign_repeated');
    expect(byQuote(records('全市工业投资增速为-5.6%。'), '5.6%').flags).not.toContain('sign_repeated');
  });

  test('负 ending another word (减负, 肩负) is no minus sign', () => {
    expect(byQuote(records('2023年全省为经营主体减负860亿元。'), '860亿元').value).toBe(860);
  });

  test('an amount right after a fall is an absolute change with a minus sign', () => {
    const a = byQuote(records('2023年全县油料产量3.2万吨，比上年减少0.05万吨。'), '0.05万吨');
    expect([a.kind, a.value, a.normalized.value]).toEqual(['level', -0.05, -500]);
    // The new level after 下降到 is not signed; nor is a rise.
    expect(byQuote(records('全县贫困人口下降到1200人。'), '1200人').value).toBe(1200);
    expect(byQuote(records('全县油料产量比上年增加0.05万吨。'), '0.05万吨').value).toBe(0.05);
  });

  test('measure words of trains and lessons, container units and computing power', () => {
    const trains = byQuote(records('2023年西安开行中欧班列5351列，同比增长11%。'), '5351列');
    expect([trains.kind, trains.normalized.value, trains.normalized.unit]).toEqual(['level', 5351, '列']);
    expect(trains.metric.name).toContain('列数');
    expect(byQuote(records('全年开展送戏下乡和公益讲座360堂。'), '360堂').normalized.value).toBe(360);
    const boxes = byQuote(records('2023年宁波舟山港集装箱吞吐量达3530万标准箱。'), '3530万标准箱');
    expect([boxes.normalized.value, boxes.normalized.unit]).toEqual([35300000, '标准箱']);
    const power = byQuote(records('到2025年全省算力规模超过5.2百亿亿次/秒。'), '5.2百亿亿次/秒');
    expect([power.value, power.unit, power.normalized.value, power.normalized.unit]).toEqual([5.2, '百亿亿次/秒', 5.2e18, '次/秒']);
  });

  test('a multiplier right before a noun counts the noun; not in a programme\'s name', () => {
    const a = byQuote(records('2023年全县帮扶3.6万脱贫人口实现就业。'), '3.6万');
    expect([a.kind, a.value, a.normalized.value]).toEqual(['level', 3.6, 36000]);
    expect(a.trace).toContain('value.count_of_noun_after');
    expect(byQuote(records('项目惠及周边12万农户。'), '12万').normalized.value).toBe(120000);
    expect(records('全市启动20万大学生留城计划。')).toEqual([]);
    // A unit the rules do not list is no noun: no figure is read rather than a wrong one.
    expect(records('全年生产天然气5万立方。')).toEqual([]);
  });

  test('Latin letters after a unit are the next word; glued to a bare number they make a name', () => {
    expect(byQuote(records('2023年全市实现3120.5亿元GDP。'), '3120.5亿元').normalized.value).toBe(312050000000);
    expect(byQuote(records('全省新增12家A股上市企业。'), '12家').value).toBe(12);
    expect(records('全市新建5G基站。')).toEqual([]);
  });

  test('a multiplier alone after an approximation is one of it (近万场, 超千户)', () => {
    const a = byQuote(records('2024年全市举办各类招聘会近千场。'), '千场');
    expect([a.value, a.normalized.value, a.approx]).toEqual([1, 1000, 'nearly']);
    const b = byQuote(records('全县新增个体工商户超万户。'), '万户');
    expect([b.normalized.value, b.approx]).toEqual([10000, 'over']);
  });

  test('Chinese-numeral ranges and 多/余 with a multiplier', () => {
    const r = records('每个村补助三到五万元。');
    expect(r.map((x) => [x.quote, x.normalized.value])).toEqual([['三', 30000], ['五万元', 50000]]);
    const a = byQuote(records('项目建成后可带动就业二十多万人。'), '二十多万人');
    expect([a.value, a.normalized.value, a.approx]).toEqual([20, 200000, 'over']);
  });

  test('不小于 is at least, 不大于 at most', () => {
    expect(byQuote(records('全市粮食播种面积不小于180万亩。'), '180万亩').approx).toBe('over');
    expect(byQuote(records('全市PM2.5平均浓度不大于30微克/立方米。'), '30微克/立方米').approx).toBe('under');
  });

  test('a threshold with no digit: 突破万亿元 is over one 万亿元; 万亿级 is a class', () => {
    const a = byQuote(records('2023年四川省地区生产总值突破六万亿元，成都市突破两万亿元。'), '六万亿元');
    expect(a.normalized.value).toBe(6e12);
    const b = byQuote(records('2023年合肥市地区生产总值首次突破万亿元大关。'), '万亿元');
    expect([b.value, b.unit, b.normalized.value, b.approx]).toEqual([1, '万亿元', 1e12, 'over']);
    expect(records('打造万亿级新能源汽车产业集群。')).toEqual([]);
  });

  test('三次产业结构 a∶b∶c gives one share per industry; a structure changed from is not read', () => {
    const r = records('2023年，全县三次产业结构由12.5∶40.1∶47.4调整为11.8∶39.6∶48.6。');
    expect(r.map((x) => [x.quote, x.metric.name, x.kind, x.normalized.value])).toEqual([
      ['11.8', '第一产业增加值占地区生产总值比重', 'share', 11.8],
      ['39.6', '第二产业增加值占地区生产总值比重', 'share', 39.6],
      ['48.6', '第三产业增加值占地区生产总值比重', 'share', 48.6],
    ]);
  });

  test('a structure changed from is read where its own year is named with it, dated by that year', () => {
    const r = records('2021年，全市三次产业结构由2020年的9.4∶45.0∶45.6调整为8.7∶44.2∶47.1。');
    expect(r.map((x) => [x.quote, x.metric.name.slice(0, 4), x.period?.year])).toEqual([
      ['9.4', '第一产业', 2020],
      ['45.0', '第二产业', 2020],
      ['45.6', '第三产业', 2020],
      ['8.7', '第一产业', 2021],
      ['44.2', '第二产业', 2021],
      ['47.1', '第三产业', 2021],
    ]);
    const texts = records('全区三次产业结构由上年的6.2:38.9:54.9优化为5.8:37.6:56.6。').map((x) => x.period?.text ?? null);
    expect(texts).toHaveLength(6);
    expect(texts.slice(0, 3)).toEqual(['上年', '上年', '上年']);
    expect(texts.slice(3)).not.toContain('上年');
  });

  test('amounts in their own currency', () => {
    const r = records('2023年，深圳市吸收港资85.6亿港币，台资企业投资12亿新台币，实际使用外资30.2亿美元。');
    expect(r.map((x) => [x.quote, x.normalized.value, x.normalized.unit])).toEqual([
      ['85.6亿港币', 8560000000, 'HKD'],
      ['12亿新台币', 1200000000, 'TWD'],
      ['30.2亿美元', 3020000000, 'USD'],
    ]);
  });

  test('pipe-separated table lines: each row a label and its value cells', () => {
    const text = ['2023年全市主要经济指标', '指标 | 数值 | 增长', '地区生产总值（亿元） | 4850.2 | 6.1%', '规模以上工业增加值（亿元） | 1630.5 | 7.4%'].join('\n');
    const r = extractText(text, { paper: '南方日报' });
    expect(r.map((x) => [x.quote, x.metric.name, x.kind, x.normalized.value])).toEqual([
      ['4850.2', '地区生产总值', 'level', 485020000000],
      ['6.1', '地区生产总值', 'growth', 6.1],
      ['1630.5', '规模以上工业增加值', 'level', 163050000000],
      ['7.4', '规模以上工业增加值', 'growth', 7.4],
    ]);
  });
});

describe('the kind of a percentage from the words around it', () => {
  test('a growth noun after the figure makes it that growth, named by the words between', () => {
    const a = byQuote(records('一季度，西安以7.2%的地区生产总值增速居副省级城市前列。'), '7.2%');
    expect([a.kind, a.metric.name]).toEqual(['growth', '地区生产总值']);
    const b = byQuote(records('全年全市外贸保持两位数以上增长，其中跨境电商实现25%以上增长。'), '25%');
    expect(b.kind).toBe('growth');
    // A goal word between names nothing.
    expect(byQuote(records('2025年全省生产总值6%左右的预期增长目标符合实际。'), '6%').metric.name).not.toBe('预期');
  });

  test('a share of the growth stays a share', () => {
    expect(byQuote(records('2023年，民营经济贡献了全市六成以上的增长，其中工业企业贡献了全市38%的增长。'), '38%').kind).toBe('share');
    expect(byQuote(records('全省42%的投资增长来自制造业。'), '42%').kind).toBe('share');
  });

  test('the new level of a growth rate is a growth rate; of a share, a share', () => {
    const r = records('全市固定资产投资两年平均增速从一季度的9.8%，回落至7.6%；规上工业企业亏损面由12.1%收窄至10.4%。');
    expect(r.filter((x) => x.quote.endsWith('%')).map((x) => [x.quote, x.kind, x.value])).toEqual([
      ['9.8%', 'growth', 9.8],
      ['7.6%', 'growth', 7.6],
      ['12.1%', 'share', 12.1],
      ['10.4%', 'share', 10.4],
    ]);
  });
});
