/**
 * English stories, second held-out round: a national story that names a place in passing, the measures of
 * a "respectively" pair, appositives that locate a place, and metric names from headlines, verbs of change,
 * counted nouns and target lists — on sentences written for these tests, with the cases that must not change.
 */
import { byQuote, extractText } from '../support/extract';

describe('a national story stays national when a place is named in passing', () => {
  test('"said in Shanghai" in the lead: later clauses naming no region are about none', () => {
    const text = [
      'SHANGHAI, Oct. 19 (Xinhua) -- China\'s economy grew 4.9 percent in the first three quarters of 2023, the statistics authority said at a forum in Shanghai on Thursday.',
      '',
      'Gross domestic product (GDP) reached 91.3 trillion yuan, an official spokesperson told reporters.',
    ].join('\n');
    const records = extractText(text, { published: '2023-10-19' });
    expect(byQuote(records, '4.9 percent').city).toBeNull();
    expect(byQuote(records, '91.3 trillion yuan').city).toBeNull();
  });

  test('a headline naming a city after the national subject does not make the story that city\'s', () => {
    const text = [
      'China\'s factory output rises 6.8 pct in 2021, Beijing data show',
      '',
      'BEIJING, Jan. 17 (Xinhua) -- China\'s value-added industrial output expanded 9.6 percent in 2021, official data showed Monday.',
      '',
      'Fixed-asset investment climbed 4.9 percent last year, a spokesperson said.',
    ].join('\n');
    const records = extractText(text, { published: '2022-01-17' });
    expect(byQuote(records, '9.6 percent').city).toBeNull();
    expect(byQuote(records, '4.9 percent').city).toBeNull();
  });

  test('a region figure first: the story is the region\'s, even if the country is compared later', () => {
    const text = [
      'CHENGDU, Jan. 25 (Xinhua) -- Sichuan\'s GDP grew 6.0 percent in 2023, above China\'s economy growth of 5.2 percent, the provincial statistics bureau said.',
      '',
      'Retail sales rose 9.2 percent, a spokesperson said.',
    ].join('\n');
    const records = extractText(text, { published: '2024-01-25' });
    expect(byQuote(records, '6.0 percent').city?.name).toBe('四川省');
    expect(byQuote(records, '9.2 percent').city?.name).toBe('四川省');
  });
});

describe('"respectively": each figure is its own measure', () => {
  test('two bare amounts and their growths, named by a shared head, each take one measure', () => {
    const text = 'HAIKOU -- Domestic and overseas tourist visits to Hainan reached 81.4 million and 1.7 million, respectively, in 2023, up 25.1 percent and 60.2 percent.';
    const records = extractText(text, { published: '2024-01-30' });
    const domestic = byQuote(records, '81.4 million');
    expect(domestic.metric.name).toBe('domestic tourist visits');
    expect(domestic.normalized.value).toBe(81_400_000);
    const overseas = byQuote(records, '1.7 million');
    expect(overseas.metric.name).toBe('overseas tourist visits');
    expect(overseas.normalized.value).toBe(1_700_000);
    expect(overseas.city?.name).toBe('海南省');
    expect(byQuote(records, '25.1 percent').metric.name).toBe('domestic tourist visits');
    expect(byQuote(records, '60.2 percent').metric.name).toBe('overseas tourist visits');
  });

  test('a year after a bare amount is no second amount', () => {
    const records = extractText('The population of Guiyang reached 6.4 million and 2023 saw 90,000 births.', { published: '2024-02-01' });
    expect(records.some((r) => r.quote === '2023')).toBe(false);
    expect(byQuote(records, '6.4 million').normalized.value).toBe(6_400_000);
  });
});

describe('an aside that locates a place (Zibo, in east China\'s Shandong province, …) describes it', () => {
  test('the head is the subject, and "the city\'s" and "its" refer back to it', () => {
    const text = [
      'Lijiang, in Southwest China\'s Yunnan province, received 63.4 million tourist visits in 2023, up 18.2 percent. The city\'s tourism revenue reached 102.5 billion yuan.',
      '',
      'Weifang, in East China\'s Shandong province, posted a GDP of 760.6 billion yuan in 2023. Its exports rose 5.5 percent.',
    ].join('\n');
    const records = extractText(text, { published: '2024-02-20' });
    expect(byQuote(records, '63.4 million tourist visits').city?.name).toBe('丽江市');
    expect(byQuote(records, '18.2 percent').city?.name).toBe('丽江市');
    const revenue = byQuote(records, '102.5 billion yuan');
    expect(revenue.city?.name).toBe('丽江市');
    expect(revenue.metric.name).toBe('tourism revenue');
    expect(byQuote(records, '760.6 billion yuan').city?.name).toBe('潍坊市');
    expect(byQuote(records, '5.5 percent').city?.name).toBe('潍坊市');
  });

  test('"in" before a place with a figure of its own is no aside: each place keeps its figure', () => {
    const text = 'Exports from Xiamen grew 4.1 percent in 2023, and in Fujian province, exports fell 2.3 percent.';
    const records = extractText(text, { published: '2024-02-20' });
    expect(byQuote(records, '4.1 percent').city?.name).toBe('厦门市');
    expect(byQuote(records, '2.3 percent').city?.name).toBe('福建省');
  });
});

describe('verbs of headlines and of small moves end the subject', () => {
  test('present-tense headline verbs and edged/inched/ticked leave the measure alone', () => {
    const text = [
      'Lijiang tourism revenue climbs past 100 billion yuan',
      '',
      'KUNMING -- Lijiang\'s imports edged down 0.7 percent to 3.2 billion yuan in 2023, while its exports inched up 1.4 percent.',
    ].join('\n');
    const records = extractText(text, { published: '2024-02-20' });
    expect(byQuote(records, '100 billion yuan').metric.name).toBe('tourism revenue');
    const imports = byQuote(records, '0.7 percent');
    expect(imports.metric.name).toBe('imports');
    expect(imports.normalized.value).toBe(-0.7);
    expect(byQuote(records, '3.2 billion yuan').metric.name).toBe('imports');
    expect(byQuote(records, '1.4 percent').metric.name).toBe('exports');
  });

  test('a headline with a plural subject: edge up is the verb', () => {
    const records = extractText('Tianjin retail sales edge up 2.4 percent in April', { published: '2024-05-20' });
    expect(byQuote(records, '2.4 percent').metric.name).toBe('retail sales');
  });
});

describe('a list of goals gives each figure its own measure', () => {
  test('have X grow …, Y rise …, and the registered urban unemployment rate be kept below …', () => {
    const text = 'In 2025, Jiangxi will strive to have retail sales grow 6 percent, fixed-asset investment rise 3 percent, and the registered urban unemployment rate be kept below 5.5 percent.';
    const records = extractText(text, { published: '2025-01-20' });
    const retail = byQuote(records, '6 percent');
    expect(retail.metric.name).toBe('retail sales');
    expect(retail.status).toBe('target');
    expect(byQuote(records, '3 percent').metric.name).toBe('fixed-asset investment');
    const jobless = byQuote(records, '5.5 percent');
    expect(jobless.metric.name).toBe('registered urban unemployment rate');
    expect(jobless.status).toBe('target');
  });

  test('"registered" after an article describes the noun; as a verb it still ends the subject', () => {
    const records = extractText('Anhui registered a GDP growth of 5.8 percent in 2023, and the registered population of Hefei rose 1.2 percent.', { published: '2024-01-25' });
    expect(byQuote(records, '1.2 percent').metric.name).toMatch(/^registered population/);
    expect(byQuote(records, '5.8 percent').metric.name).not.toMatch(/Anhui|registered/);
  });
});

describe('a generic counted noun is named by its verb', () => {
  test('employed 150,000 people → people employed; a counted noun that names its thing stays', () => {
    const text = 'In 2023, tourism in Zhangjiajie employed more than 150,000 people and created 12,000 jobs, while the city had 3.1 million residents.';
    const records = extractText(text, { published: '2024-02-10' });
    expect(byQuote(records, '150,000 people').metric.name).toBe('people employed');
    expect(byQuote(records, '12,000 jobs').metric.name).not.toMatch(/employed/);
  });
});

describe('headline verbs in the present say the kind of change', () => {
  test('climb/dips in a headline are growth; "Nation\'s" in a headline is national', () => {
    const text = [
      'Nation\'s industrial output climbs 4.6 pct',
      '',
      'BEIJING -- Value-added industrial output rose 4.6 percent year on year in 2023, the National Bureau of Statistics said.',
    ].join('\n');
    const records = extractText(text, { published: '2024-01-17' });
    const headline = byQuote(records, '4.6 pct');
    expect(headline.kind).toBe('growth');
    expect(headline.city).toBeNull();
    const dip = byQuote(extractText('Liaoning steel output dips 1.9 pct in March', { published: '2024-04-20' }), '1.9 pct');
    expect(dip.kind).toBe('growth');
    expect(dip.normalized.value).toBe(-1.9);
    expect(dip.city?.name).toBe('辽宁省');
  });
});

describe('a headline goal without "by" names its object', () => {
  test('aims to grow GDP 6 pct → GDP; a count after "push forward the construction of" is not a change object', () => {
    const records = extractText('Taiyuan aims to grow GDP 6 pct in 2024', { published: '2024-01-20' });
    const goal = byQuote(records, '6 pct');
    expect(goal.metric.name).toBe('GDP');
    expect(goal.status).toBe('target');
    const projects = extractText('Taiyuan will push forward the construction of 31 major projects in 2024.', { published: '2024-01-20' });
    expect(byQuote(projects, '31 major projects').metric.name).toMatch(/projects/);
  });
});

describe('an amount whose noun is left out counts what the previous one counted', () => {
  test('received 54.1 million tourist visits, while Lijiang welcomed 8.7 million', () => {
    const records = extractText('Guilin received 54.1 million tourist visits in 2023, while Beihai welcomed 8.7 million.', { published: '2024-02-01' });
    const beihai = byQuote(records, '8.7 million');
    expect(beihai.city?.name).toBe('北海市');
    expect(beihai.metric.name).toBe('tourist visits');
    expect(beihai.normalized.value).toBe(8_700_000);
  });

  test('a bare amount followed by its own words is left alone', () => {
    const records = extractText('Guilin received 54.1 million tourist visits in 2023, and 1.2 million of them came from abroad.', { published: '2024-02-01' });
    expect(records.some((r) => r.quote === '1.2 million')).toBe(false);
  });
});
