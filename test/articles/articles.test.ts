/** Articles inside a file, their titles, papers and home cities; publication dates and their sources. */
import { splitArticles, splitLines, splitTitleSource } from '../../src/articles/articles';
import { dateFromPath, datelineFromText, resolvePublished } from '../../src/articles/published';
import { bundledRules } from '../support/extract';
import { fuzzText, seedTexts, seededRandom } from '../support/fuzz';

const rules = bundledRules();
const none = { paper: null, title: null };

describe('splitLines', () => {
  /** The reference: String.split, with each line's offsets. */
  function referenceLines(text: string): { start: number; end: number; text: string }[] {
    let start = 0;
    return text.split('\n').map((line) => {
      const found = { start, end: start + line.length, text: line };
      start = found.end + 1;
      return found;
    });
  }
  test('agrees with String.split on the seeds and on fuzzed texts', () => {
    const random = seededRandom(3);
    const texts = [...seedTexts(), '', '\n', '\n\n', 'a\n', '\na'];
    for (let i = 0; i < 200; i++) texts.push(fuzzText(random, ['\n', '\r\n', '湖州', ' ', '。'], Math.floor(random() * 12)));
    for (const text of texts) expect(splitLines(text, 0, text.length)).toEqual(referenceLines(text));
  });
});

describe('splitArticles', () => {
  const text = [
    '## 杭州差异化探索建设数字自贸区',
    '杭州自贸片区新签约项目34个。',
    '摘自《杭州日报》',
    '',
    '据统计，今年上半年，芜湖市外贸进出口总值435.7亿元。',
    '摘自《芜湖日报》',
    '累计完成投资109.9亿元，同比增长28.4%',
    '嘉兴水运发展稳进提质 实现“半年红”',
  ].join('\n');
  const articles = splitArticles(text, rules, none);
  test('a source line closes the article before it and names its paper', () => {
    expect(articles.map((a) => a.paper)).toEqual(['杭州日报', '芜湖日报', null]);
    expect(articles.map((a) => a.homeCity?.name)).toEqual(['杭州市', '芜湖市', '嘉兴市']);
  });
  test('titles are headline lines, without markdown marks; text after the last source is an article', () => {
    expect(articles[0].title).toBe('杭州差异化探索建设数字自贸区');
    expect(articles).toHaveLength(3);
    expect(text.slice(articles[2].start, articles[2].end)).toContain('嘉兴水运');
  });
  test('articles cover disjoint ranges in order', () => {
    for (let i = 1; i < articles.length; i++) expect(articles[i].start).toBeGreaterThanOrEqual(articles[i - 1].end);
  });
  test('with no paper, the headline names the home city; a county-level short form counts in its province', () => {
    const [a] = splitArticles('平湖聚力数字经济“一号工程”\n\n今年1至6月，全市数字经济核心制造业增加值21.3亿元，嘉兴各县市区中位居前列。', rules, none);
    expect([a.homeCity?.name, a.homeCitySource, a.province]).toEqual(['平湖市', 'title', '浙江省']);
  });
  test('a paper given from outside (sidecar, page) decides the home city', () => {
    const [a] = splitArticles('全市新增企业上云400家。', rules, { paper: '温州日报', title: null });
    expect([a.homeCity?.name, a.homeCitySource]).toEqual(['温州市', 'paper']);
  });
  const home = (text: string, paper: string | null, title: string | null = null) => {
    const [a] = splitArticles(text, rules, { paper, title });
    return [a.homeCity?.name ?? null, a.homeRule ?? null];
  };
  test('a lead that names a province and several of its cities surveys the province', () => {
    const lead = '截至7月底，四川省21个市州的上半年经济数据已全部发布。其中，成都、绵阳、宜宾等9个市州GDP增速超过全省平均水平。';
    expect(home(lead, '每日经济新闻')).toEqual(['四川省', 'city.home_lead_survey']);
  });
  test('a lead that names one city of a province, with the province, is about the city', () => {
    expect(home('近日，湖南省常德市公布了前三季度经济数据，常德GDP增长4.6%。', null)).toEqual(['常德市', 'city.home_lead']);
  });
  test('a lead that names only a province is about the province; a dateline and an organisation are not', () => {
    expect(home('记者 张明 杭州报道 杭州海关发布的数据显示，1-6月浙江省外贸进出口值2.4万亿元。', '21世纪经济报道')).toEqual(['浙江省', 'city.home_lead_province']);
  });
  test("a provincial paper's article titled with one of its counties is about the county", () => {
    expect(home('今年以来，全县新增市场主体3150户。', '河北日报', '正定县：上半年经济稳中向好')).toEqual(['正定县', 'city.home_title_within_paper']);
  });
  test('a national paper with no place in title or lead gives no home', () => {
    expect(home('前三季度，规上工业增加值增长4.8%。', '经济日报')).toEqual([null, null]);
  });
});

describe('splitTitleSource', () => {
  test.each([
    ['宁波前三季度GDP增长5.9%_宁波日报', '宁波前三季度GDP增长5.9%', '宁波日报'],
    ['湖州：数字经济再提速 - 湖州在线 - 浙江新闻', '湖州：数字经济再提速', '湖州在线'],
    ['2023年嘉兴市国民经济和社会发展统计公报', '2023年嘉兴市国民经济和社会发展统计公报', null],
  ])('%s', (given, title, paper) => expect(splitTitleSource(given)).toEqual({ title, paper }));
});

describe('publication dates', () => {
  test.each([
    ['dumps/2022-07-25/a.txt', '2022-07-25'],
    ['hzrb_20220725_03.txt', '2022-07-25'],
    ['paper/2022/07/25/a.html', '2022-07-25'],
    ['000_5f0dfba9933f395f.txt', null],
    ['x_20221399.txt', null],
  ])('path %s → %s', (path, date) => expect(dateFromPath(path)).toBe(date));

  test('datelines: a labelled update time, a date alone on its line, a speech date', () => {
    expect(datelineFromText('湖州市数字经济发展规划\n来源:电子政务网 更新时间:2021-12-30\n')).toBe('2021-12-30');
    expect(datelineFromText('关于印发…的通知\n\n  2021年12月16日\n')).toBe('2021-12-16');
    expect(datelineFromText('(2018年4月16日)\n')).toBe('2018-04-16');
    expect(datelineFromText('——2024年1月15日在绍兴市第九届人民代表大会第四次会议上')).toBe('2024-01-15');
    expect(datelineFromText('7月13日，大会在杭州举行。')).toBeNull();
  });

  test('sources in order of trust: sidecar, command line, path, page meta, dateline', () => {
    const base = { sidecar: null, cli: null, path: 'a.txt', htmlMeta: null, normalizedText: '更新时间:2021-12-30' };
    expect(resolvePublished({ ...base, sidecar: '2020-01-01', cli: '2020-02-02' })).toEqual({ date: '2020-01-01', source: 'sidecar' });
    expect(resolvePublished({ ...base, cli: '2020-02-02', path: 'x/2019-05-05/a.txt' })).toEqual({ date: '2020-02-02', source: 'cli' });
    expect(resolvePublished({ ...base, path: 'x/2019-05-05/a.txt', htmlMeta: '2018-01-01' })).toEqual({ date: '2019-05-05', source: 'path' });
    expect(resolvePublished({ ...base, htmlMeta: '2018-01-01' })).toEqual({ date: '2018-01-01', source: 'html_meta' });
    expect(resolvePublished(base)).toEqual({ date: '2021-12-30', source: 'dateline' });
    expect(resolvePublished({ ...base, normalizedText: '' })).toBeNull();
  });
});
