/**
 * English articles through the whole pipeline, on sentences written for these tests (regions,
 * years and numbers of their own), and the things that must not become figures.
 */
import { byQuote, extractText } from '../support/extract';
import { splitByLanguage, languageOf } from '../../src/extract/en/language';

describe('language of an article', () => {
  test('mostly Latin script is English; Chinese with GDP, CPI and 5G stays Chinese', () => {
    const en = 'Gansu province reported solid growth in the first half of the year.';
    const zh = '上半年全市GDP增长5.2%，CPI上涨1.1%，新建5G基站1200个。';
    expect(languageOf(en, 0, en.length)).toBe('en');
    expect(languageOf(zh, 0, zh.length)).toBe('zh');
  });

  test('a text holding a Chinese and an English part is cut where the language changes', () => {
    const text = '上半年全市GDP增长5.2%。\n2023-07-01\nHunan reported its figures on Monday, the statistics bureau said.';
    const parts = splitByLanguage(text, 0, text.length);
    expect(parts.map((p) => p.language)).toEqual(['zh', 'en']);
    // the line that tells nothing (a date) goes with the text before it
    expect(text.slice(parts[0].start, parts[0].end)).toContain('2023-07-01');
  });

  test('a file with a Chinese and an English article gives the records of both', () => {
    const text = [
      '2023年上半年，湖州市实现地区生产总值1680亿元，同比增长5.1%。',
      '',
      "In the first half of 2023, Jiangxi province's GDP came to 1.5 trillion yuan, up 4.1 percent year-on-year.",
    ].join('\n');
    const records = extractText(text, { published: '2023-07-20' });
    const zh = byQuote(records, '1680亿元');
    expect(zh.city?.name).toBe('湖州市');
    const en = byQuote(records, '1.5 trillion yuan');
    expect(en.city?.name).toBe('江西省');
    expect(en.normalized).toEqual({ value: 1500000000000, unit: 'CNY' });
    expect(byQuote(records, '4.1 percent').kind).toBe('growth');
  });
});

describe('English figures', () => {
  const PUBLISHED = '2022-02-10';
  const text = [
    "Guizhou's GDP grew 6.4 percent year-on-year to 1.96 trillion yuan in 2021, the provincial statistics bureau said.",
    "The province's exports reached US$10.2 billion, while imports fell 3.5 percent.",
    'Fiscal revenue in Kunming topped RMB 61.3 billion, up nine percent.',
    'Retail sales of consumer goods in Lanzhou rose by 7.25-7.5% from a year earlier.',
    "Services accounted for 52.7 percent of Guiyang's GDP, 1.8 percentage points higher than the previous year.",
    'The county relocated 12,600 rural residents and built 38 new schools.',
  ].join('\n');
  const records = extractText(text, { published: PUBLISHED });

  test('amounts in yuan, RMB and US$, normalized in their currency', () => {
    const gdp = byQuote(records, '1.96 trillion yuan');
    expect(gdp.kind).toBe('level');
    expect(gdp.value).toBe(1.96);
    expect(gdp.normalized).toEqual({ value: 1960000000000, unit: 'CNY' });
    expect(gdp.city?.name).toBe('贵州省');
    expect(gdp.metric.id).toBe('gdp');
    expect(gdp.period?.year).toBe(2021);
    expect(byQuote(records, 'US$10.2 billion').normalized).toEqual({ value: 10200000000, unit: 'USD' });
    const revenue = byQuote(records, 'RMB 61.3 billion');
    expect(revenue.normalized.value).toBe(61300000000);
    expect(revenue.approx).toBe('over');
    expect(revenue.city?.name).toBe('昆明市');
  });

  test('growth, its sign and a number written in words', () => {
    const growth = byQuote(records, '6.4 percent');
    expect(growth).toMatchObject({ kind: 'growth', value: 6.4, basis: 'yoy' });
    expect(byQuote(records, '3.5 percent')).toMatchObject({ kind: 'growth', value: -3.5 });
    expect(byQuote(records, 'nine percent')).toMatchObject({ kind: 'growth', value: 9 });
  });

  test('a range gives both of its ends, the first taking the unit of the second', () => {
    expect(byQuote(records, '7.25')).toMatchObject({ kind: 'growth', value: 7.25 });
    expect(byQuote(records, '7.5%')).toMatchObject({ kind: 'growth', value: 7.5 });
  });

  test('shares and percentage points', () => {
    expect(byQuote(records, '52.7 percent')).toMatchObject({ kind: 'share', value: 52.7 });
    const pp = byQuote(records, '1.8 percentage points');
    expect(pp).toMatchObject({ kind: 'pp', value: 1.8 });
    expect(pp.normalized.unit).toBe('pp');
  });

  test('counts name their noun', () => {
    const residents = byQuote(records, '12,600 rural residents');
    expect(residents.normalized).toEqual({ value: 12600, unit: 'residents' });
    expect(byQuote(records, '38 new schools').normalized).toEqual({ value: 38, unit: 'schools' });
  });

  test('spans are exact into the raw input, across a hard line break', () => {
    const wrapped = [
      'Ningxia, a region in the northwest of the',
      'country, recorded a fiscal revenue of 46.2',
      'billion yuan in 2021, up 12.1 percent from',
      'a year earlier, the regional finance bureau',
      'said on Tuesday at its annual press event.',
    ].join('\n');
    const r = byQuote(extractText(wrapped, { published: PUBLISHED }), '46.2\nbillion yuan');
    expect(wrapped.slice(r.span[0], r.span[1])).toBe('46.2\nbillion yuan');
    expect(r.normalized.value).toBe(46200000000);
  });
});

describe('periods and status', () => {
  test('this year and the first three quarters resolve against the publication date', () => {
    const records = extractText('In the first three quarters of this year, Jilin\'s GDP came to 980 billion yuan.', { published: '2022-10-25' });
    expect(byQuote(records, '980 billion yuan').period).toMatchObject({ year: 2022, startMonth: 1, endMonth: 9 });
  });

  test('a figure compared with the same period of last year keeps its own period', () => {
    const records = extractText('From January to May, exports of Xiamen rose 8.8 percent from the same period of last year.', { published: '2021-06-18' });
    expect(byQuote(records, '8.8 percent').period).toMatchObject({ year: 2021, startMonth: 1, endMonth: 5 });
  });

  test('goals are targets; what a report says was done is actual', () => {
    const records = extractText(
      'Last year, Qinghai met its annual target by lifting 52,000 residents out of poverty. This year the province aims to keep its growth at around 5 percent.',
      { published: '2020-01-15' },
    );
    expect(byQuote(records, '52,000 residents').status).toBe('actual');
    const goal = byQuote(records, '5 percent');
    expect(goal.status).toBe('target');
    expect(goal.approx).toBe('about');
  });
});

describe('numbers that are not figures', () => {
  const negatives = [
    'The report was released on July 25, 2021 in Hefei.',
    'For enquiries call 0551-62999999 or 86-10-65880000.',
    'Shenzhen ranked among the Top 10 cities for innovation.',
    'Leaders met at the G20 summit in Hangzhou in 2016.',
    'Guangzhou has built more 5G base stations than any other city.',
    'Students of No. 1 Middle School in Taiyuan won the contest.',
    'In 2019, Xi\'an hosted the games; 2020 was a hard year.',
    'The 14th Five-Year Plan covers 2021-2025.',
    'He said the COVID-19 outbreak hit the city hard in the first quarter.',
  ];
  test.each(negatives)('%s', (text) => {
    expect(extractText(text, { published: '2022-03-01' })).toEqual([]);
  });
});

describe('places', () => {
  test('English and pinyin names give the official Chinese name and code', () => {
    const text = [
      "Inner Mongolia's grain output reached 38.4 million tons in 2021.",
      "Xi'an attracted 30.2 million tourists in the first half of 2021.",
      'Cixi city handled 1.3 million containers in 2021.',
    ].join('\n');
    const records = extractText(text, { published: '2022-01-30' });
    expect(byQuote(records, '38.4 million tons').city).toMatchObject({ name: '内蒙古自治区', level: 'province' });
    expect(byQuote(records, '30.2 million tourists').city?.name).toBe('西安市');
    expect(byQuote(records, '1.3 million containers').city?.name).toBe('慈溪市');
  });

  test('a figure about the whole country has no city', () => {
    const records = extractText("Hebei's exports grew 9.1 percent, above the national average of 7.3 percent.", { published: '2022-01-30' });
    expect(byQuote(records, '9.1 percent').city?.name).toBe('河北省');
    expect(byQuote(records, '7.3 percent').city).toBeNull();
  });
});

describe('lists, groups and respective figures', () => {
  const PUBLISHED = '2022-01-25';

  test('a listed subject gives each listed figure its item', () => {
    const records = extractText('In 2021, the output of wheat, corn and rice in Henan rose 2.1 percent, 3.4 percent and 1.2 percent.', { published: PUBLISHED });
    expect(byQuote(records, '2.1 percent').metric.name).toBe('output of wheat');
    expect(byQuote(records, '3.4 percent').metric.name).toBe('output of corn');
    expect(byQuote(records, '1.2 percent').metric.name).toBe('output of rice');
    for (const q of ['2.1 percent', '3.4 percent', '1.2 percent']) expect(byQuote(records, q).city?.name).toBe('河南省');
  });

  test('adjectives sharing a head noun each take it', () => {
    const records = extractText("In 2021, the added value of Anhui's primary, secondary and tertiary industries reached 320 billion yuan, 1.7 trillion yuan and 2.2 trillion yuan.", { published: PUBLISHED });
    expect(byQuote(records, '320 billion yuan').metric.name).toBe('added value of primary industries');
    expect(byQuote(records, '2.2 trillion yuan').metric.name).toBe('added value of tertiary industries');
  });

  test('"respectively" pairs places and years with the figures in order', () => {
    const records = extractText(
      'The GDP of Hebei and Henan provinces reached 4.04 trillion yuan and 5.89 trillion yuan respectively in 2021. In 2016, 2018 and 2021, Guizhou\'s GDP broke through 1 trillion yuan, 1.5 trillion yuan and 1.9 trillion yuan respectively.',
      { published: PUBLISHED },
    );
    expect(byQuote(records, '4.04 trillion yuan').city?.name).toBe('河北省');
    expect(byQuote(records, '5.89 trillion yuan').city?.name).toBe('河南省');
    expect(byQuote(records, '1 trillion yuan').period?.year).toBe(2016);
    expect(byQuote(records, '1.5 trillion yuan').period?.year).toBe(2018);
    expect(byQuote(records, '1.9 trillion yuan').period?.year).toBe(2021);
  });

  test('a figure of a group of places is the group\'s; with "both" it holds for each, and goes to review', () => {
    const records = extractText(
      'Combined, the GDP of Guangdong, Jiangsu and Shandong exceeded 30 trillion yuan in 2021. The per capita disposable income of Suzhou and Wuxi both topped 70,000 yuan.',
      { published: PUBLISHED },
    );
    const combined = byQuote(records, '30 trillion yuan');
    expect(combined.city).toBeNull();
    expect(combined.review).toBe('needs_review');
    const each = byQuote(records, '70,000 yuan');
    expect(each.city?.name).toBe('苏州市');
    expect(each.review).toBe('needs_review');
  });

  test('a count of regions passing a bound is no figure about a region', () => {
    expect(extractText('In 2021, a total of 12 provinces saw their GDP top two trillion yuan.', { published: PUBLISHED })).toEqual([]);
  });
});

describe('metric phrases', () => {
  const PUBLISHED = '2023-02-01';

  test('an amount "in" a measure names the measure, of the clause\'s subject', () => {
    const records = extractText("In 2022, Hefei's industrial firms generated 812 billion yuan in revenue, up 9.6 percent.", { published: PUBLISHED });
    expect(byQuote(records, '812 billion yuan').metric.name).toBe('revenue of industrial firms');
    expect(byQuote(records, '9.6 percent').metric.name).toBe('revenue of industrial firms');
  });

  test('a figure a verb sets "at" is named by its object; a headline in title case is read as words', () => {
    const records = extractText('Shaanxi Sets GDP Growth Target at 5.5% for 2023\n\nFor 2023, the report puts the growth target for investment at 6 percent.', { published: PUBLISHED });
    const headline = byQuote(records, '5.5%');
    expect(headline.metric.name).toBe('GDP growth target');
    expect(headline.status).toBe('target');
    expect(headline.city?.name).toBe('陕西省');
    expect(byQuote(records, '6 percent').metric.name).toBe('growth target for investment');
  });

  test('a place, its region and the words pointing to it leave the name', () => {
    const records = extractText("In 2022, the GDP of Southwest China's Sichuan province came to 5.67 trillion yuan. The province's exports rose 4.4 percent.", { published: PUBLISHED });
    expect(byQuote(records, '5.67 trillion yuan').metric.name).toBe('GDP');
    const exports = byQuote(records, '4.4 percent');
    expect(exports.metric).toMatchObject({ name: 'exports', id: 'exports' });
    expect(exports.city?.name).toBe('四川省');
  });

  test('a rate a year earlier is dated the year before the one spoken of', () => {
    const records = extractText("In 2019, Gansu's poverty rate fell to 0.9 percent from 5.6 percent a year earlier.", { published: '2020-01-20' });
    expect(byQuote(records, '0.9 percent')).toMatchObject({ kind: 'share', period: { year: 2019 } });
    expect(byQuote(records, '5.6 percent')).toMatchObject({ kind: 'share', period: { year: 2018 } });
  });
});

describe('which place a figure is about', () => {
  test('a city of the province holds for its own sentence; the province goes on after it', () => {
    const records = extractText(
      "Hubei's GDP grew 4.3 percent in 2022. Wuhan's exports rose 8.2 percent. The surveyed urban unemployment rate stood at 5.4 percent.",
      { published: '2023-01-30' },
    );
    expect(byQuote(records, '8.2 percent').city?.name).toBe('武汉市');
    expect(byQuote(records, '5.4 percent').city?.name).toBe('湖北省');
  });

  test('a dateline and a sentence-initial "The" do not make a place a person\'s name', () => {
    const records = extractText("TAIYUAN -- The Shanxi province's coal output reached 1.3 billion tons in 2022.", { published: '2023-01-30' });
    expect(byQuote(records, '1.3 billion tons').city?.name).toBe('山西省');
  });
});

describe('more forms', () => {
  const PUBLISHED = '2023-10-27';

  test('a multiple after a verb of change is a growth in percent; a quantity in a unit of measure is named by what it measures', () => {
    const records = extractText("In the first three quarters, Hefei's output of new energy vehicles surged 1.4 times to 1.2 million units. Guangxi produced 13.7 million tonnes of grain in 2022.", { published: PUBLISHED });
    const multiple = byQuote(records, '1.4 times');
    expect(multiple).toMatchObject({ kind: 'growth', value: 1.4 });
    expect(multiple.normalized).toEqual({ value: 140, unit: '%' });
    expect(byQuote(records, '1.2 million units').metric.name).toBe('output of new energy vehicles');
    expect(byQuote(records, '13.7 million tonnes').metric.name).toBe('grain');
  });

  test('a place described in an aside is the subject; its percent "of" a measure is a share of it', () => {
    const records = extractText("Futian district, the city's financial center, contributed nearly 22 percent of Shenzhen's GDP in 2022.", { published: PUBLISHED });
    const share = byQuote(records, '22 percent');
    expect(share).toMatchObject({ kind: 'share', approx: 'nearly' });
    expect(share.metric.name).toBe('share of GDP');
    expect(share.city?.name).toBe('福田区');
  });

  test('a count whose modifiers hold digits (5G base stations) is a count, not a model name', () => {
    const records = extractText('By the end of 2022, Chongqing had built 68,000 5G base stations.', { published: PUBLISHED });
    const stations = byQuote(records, '68,000 5G base stations');
    expect(stations.normalized).toEqual({ value: 68000, unit: 'base stations' });
    expect(stations.metric.id).toBe('5g_base_stations');
  });
});

describe('headlines and HTML pages', () => {
  test('a headline without a verb (Jilin GDP up 6.2% in H1) names its measure before the cue; an HTML page keeps its spans', () => {
    const html =
      '<html><head><title>Jilin GDP up 6.2% - news</title></head><body><h1>Jilin GDP up 6.2% in H1</h1>' +
      '<p>Jilin province&#39;s GDP reached 640.2 billion yuan in the first half of 2023, up 6.2 percent year-on-year.</p></body></html>';
    const records = extractText(html, { published: '2023-07-25' });
    const headline = byQuote(records, '6.2%');
    expect(headline.metric.name).toBe('GDP');
    expect(headline.city?.name).toBe('吉林省');
    expect(headline.period).toMatchObject({ year: 2023, startMonth: 1, endMonth: 6 });
    const level = byQuote(records, '640.2 billion yuan');
    expect(html.slice(level.span[0], level.span[1])).toBe('640.2 billion yuan');
    expect(level.city?.name).toBe('吉林省');
  });
});
