/**
 * English stories: what a figure is about, what it is called, whether it is a goal, when, and whether it
 * is a share — the failure classes of English held-out texts, on sentences written for these tests (their
 * own regions, years and numbers), with the cases that must not change.
 */
import { byQuote, extractText } from '../support/extract';

describe('datelines are where a story was filed, not its subject', () => {
  test('a national story filed from Beijing: its clauses naming no region are about none; a region named holds for its own clauses', () => {
    const text = [
      'BEIJING, April 16 (Xinhua) -- China\'s GDP grew 5.3 percent year on year in the first quarter of 2024, the National Bureau of Statistics said Tuesday.',
      '',
      'Value-added industrial output rose 6.1 percent, while the country\'s retail sales went up 4.7 percent.',
      '',
      "In Jiangsu, the economy grew 6.2 percent. The province's exports rose 3.4 percent.",
      '',
      'Fixed-asset investment increased 4.5 percent.',
    ].join('\n');
    const records = extractText(text, { published: '2024-04-16' });
    const gdp = byQuote(records, '5.3 percent');
    expect(gdp.city).toBeNull();
    expect(gdp.metric.name).toBe('GDP');
    expect(byQuote(records, '6.1 percent').city).toBeNull();
    const retail = byQuote(records, '4.7 percent');
    expect(retail.city).toBeNull();
    expect(retail.metric.name).toBe('retail sales');
    expect(byQuote(records, '6.2 percent').city?.name).toBe('江苏省');
    expect(byQuote(records, '3.4 percent').city?.name).toBe('江苏省');
    expect(byQuote(records, '4.5 percent').city).toBeNull();
  });

  test('national figures reported by the NBS, in a story naming no region, are about none', () => {
    const records = extractText('BEIJING, May 17 (Xinhua) -- Retail sales of consumer goods rose 2.3 percent in April, the National Bureau of Statistics said.', { published: '2024-05-17' });
    const r = byQuote(records, '2.3 percent');
    expect(r.city).toBeNull();
    expect(r.metric.name).toBe('retail sales of consumer goods');
  });

  test('the Chinese economy and the Chinese mainland are national subjects', () => {
    const records = extractText('BEIJING, Jan. 17 (Xinhua) -- The Chinese economy grew 5.2 percent in 2023. Consumer prices rose 0.2 percent.', { published: '2024-01-17' });
    expect(byQuote(records, '5.2 percent').city).toBeNull();
    expect(byQuote(records, '0.2 percent').city).toBeNull();
  });

  test('a province story filed from Beijing belongs to the province', () => {
    const text = ['BEIJING, Jan. 22 (Xinhua) -- Guizhou\'s GDP grew 4.9 percent to 2.09 trillion yuan in 2023.', '', 'Retail sales rose 5.8 percent.'].join('\n');
    const records = extractText(text, { published: '2024-01-22' });
    expect(byQuote(records, '2.09 trillion yuan').city?.name).toBe('贵州省');
    expect(byQuote(records, '5.8 percent').city?.name).toBe('贵州省');
  });

  test('a story about its dateline city: "the city\'s" points to it, and its later clauses keep it', () => {
    const text = ['NANJING, July 18 (Xinhua) -- The city\'s GDP reached 840 billion yuan in the first half of 2024, faster than the national growth of 5 percent.', '', 'Its exports rose 6.6 percent.'].join('\n');
    const records = extractText(text, { published: '2024-07-18' });
    const gdp = byQuote(records, '840 billion yuan');
    expect(gdp.city?.name).toBe('南京市');
    expect(gdp.metric.name).toBe('GDP');
    expect(byQuote(records, '5 percent').city).toBeNull();
    expect(byQuote(records, '6.6 percent').city?.name).toBe('南京市');
  });

  test('a dateline city with no other subject stated is the story\'s, and goes to review', () => {
    const r = byQuote(extractText('WUHAN, Oct. 20 (Xinhua) -- Retail sales rose 6.5 percent in the first three quarters.', { published: '2024-10-20' }), '6.5 percent');
    expect(r.city?.name).toBe('武汉市');
    expect(r.flags).toContain('city_from_context');
  });

  test('a region story comparing itself with the country stays the region\'s', () => {
    const text = "HANGZHOU -- Zhejiang's exports rose 7 percent in 2023, faster than the national average of 0.6 percent. Imports fell 2 percent.";
    const records = extractText(text, { published: '2024-01-20' });
    expect(byQuote(records, '7 percent').city?.name).toBe('浙江省');
    expect(byQuote(records, '0.6 percent').city).toBeNull();
    expect(byQuote(records, '2 percent').city?.name).toBe('浙江省');
  });

  test('"in southwest China" and "China Daily" do not make a figure national', () => {
    const records = extractText('Guizhou province in southwest China saw its tourism revenue rise 21 percent in 2023. According to China Daily, Guizhou received 1.3 billion visitors.', { published: '2024-02-01' });
    expect(byQuote(records, '21 percent').city?.name).toBe('贵州省');
    expect(byQuote(records, '1.3 billion visitors').city?.name).toBe('贵州省');
  });
});

describe('appositives describe the place before them', () => {
  const PUBLISHED = '2024-02-05';

  test('capital of …: the head is the subject, and "the city\'s" and "its" refer back to it', () => {
    const text = "Lanzhou, capital of northwest China's Gansu province, saw its GDP grow 5.1 percent in 2023. The city's fiscal revenue rose 8 percent, and its exports went up 2.7 percent.";
    const records = extractText(text, { published: PUBLISHED });
    const gdp = byQuote(records, '5.1 percent');
    expect(gdp.city?.name).toBe('兰州市');
    expect(gdp.metric.name).toBe('GDP');
    expect(byQuote(records, '8 percent').city?.name).toBe('兰州市');
    expect(byQuote(records, '2.7 percent').city?.name).toBe('兰州市');
  });

  test('in X, a … city in … province, …: the place, not the province, and the aside is no part of the name', () => {
    const records = extractText("In Weifang, a manufacturing hub in east China's Shandong province, industrial output rose 9.3 percent last year.", { published: PUBLISHED });
    const r = byQuote(records, '9.3 percent');
    expect(r.city?.name).toBe('潍坊市');
    expect(r.metric.name).toBe('industrial output');
  });

  test('asides in a chain (a district, a hub in a city, capital of a province) leave the first place the subject', () => {
    const text = [
      "Xiaoshan district, an industrial hub in Hangzhou, capital of East China's Zhejiang province, reported a GDP of 226 billion yuan in 2023.",
      "Hangzhou's GDP grew 5.6 percent in 2023.",
      'The district aims to grow its retail sales by 6 percent in 2024.',
    ].join(' ');
    const records = extractText(text, { published: '2024-02-01' });
    expect(byQuote(records, '226 billion yuan').city?.name).toBe('萧山区');
    expect(byQuote(records, '5.6 percent').city?.name).toBe('杭州市');
    const goal = byQuote(records, '6 percent');
    expect(goal.city?.name).toBe('萧山区');
    expect(goal.metric.name).toBe('retail sales');
  });

  test('a place word inside the aside (the provincial capital) does not point away from the head', () => {
    const text = "Anhui's GDP grew 5.8 percent in 2023. Hefei, the provincial capital, reported a GDP of 1.27 trillion yuan.";
    const records = extractText(text, { published: PUBLISHED });
    expect(byQuote(records, '5.8 percent').city?.name).toBe('安徽省');
    const hefei = byQuote(records, '1.27 trillion yuan');
    expect(hefei.city?.name).toBe('合肥市');
    expect(hefei.metric.name).toBe('GDP');
  });

  test('a place after a comma that opens no aside is a list: each place keeps its figure', () => {
    const records = extractText('In 2023, Hubei, Hunan and Henan posted growth of 6 percent, 4.6 percent and 4.1 percent respectively.', { published: PUBLISHED });
    expect(byQuote(records, '6 percent').city?.name).toBe('湖北省');
    expect(byQuote(records, '4.6 percent').city?.name).toBe('湖南省');
    expect(byQuote(records, '4.1 percent').city?.name).toBe('河南省');
  });

  test('a place inside an aside bordering another is not the subject either', () => {
    const r = byQuote(extractText('Zhuhai, a city bordering Macao, saw its exports rise 4 percent in 2023.', { published: PUBLISHED }), '4 percent');
    expect(r.city?.name).toBe('珠海市');
    expect(r.metric.name).toBe('exports');
  });
});

describe('metric names come from the subject noun phrase', () => {
  const PUBLISHED = '2024-01-30';

  test('the economy, foreign trade seen to reach, a record, the bulk of the total, imports rising to', () => {
    const text = [
      "Sichuan's economy expanded 6 percent in 2023.",
      'Chongqing saw its foreign trade reach 710 billion yuan in 2023.',
      'Foreign trade of Fujian hit a record 1.98 trillion yuan.',
      'Exports accounted for the bulk of the total at 1.2 trillion yuan, while imports rose 6.8 percent to 780 billion yuan.',
    ].join(' ');
    const records = extractText(text, { published: PUBLISHED });
    expect(byQuote(records, '6 percent').metric.name).toBe('economy');
    expect(byQuote(records, '710 billion yuan').metric.name).toBe('foreign trade');
    expect(byQuote(records, '1.98 trillion yuan').metric.name).toBe('foreign trade');
    expect(byQuote(records, '1.2 trillion yuan').metric.name).toBe('exports');
    expect(byQuote(records, '6.8 percent').metric.name).toBe('imports');
    expect(byQuote(records, '780 billion yuan').metric.name).toBe('imports');
  });

  test('an aside describing a measure keeps its head', () => {
    const text = [
      "In 2023, Hunan's retail sales of consumer goods, a key gauge of consumption, increased 7.1 percent to 1.5 trillion yuan.",
      'High-tech products, the largest export category, rose 9 percent.',
    ].join(' ');
    const records = extractText(text, { published: PUBLISHED });
    expect(byQuote(records, '7.1 percent').metric.name).toBe('retail sales of consumer goods');
    expect(byQuote(records, '1.5 trillion yuan').metric.name).toBe('retail sales of consumer goods');
    expect(byQuote(records, '9 percent').metric.name).toBe('high-tech products');
  });

  test('listed subjects each take their own name, with "the" items and an Oxford comma too', () => {
    const text = [
      "Shaanxi's industrial output and fixed-asset investment grew 8.1 percent and 5.6 percent respectively in 2023.",
      'The financial industry, the real estate industry, and the construction industry grew 5.1 percent, 2.2 percent and 3.3 percent respectively.',
    ].join(' ');
    const records = extractText(text, { published: PUBLISHED });
    expect(byQuote(records, '8.1 percent').metric.name).toBe('industrial output');
    expect(byQuote(records, '5.6 percent').metric.name).toBe('fixed-asset investment');
    expect(byQuote(records, '5.1 percent').metric.name).toBe('financial industry');
    expect(byQuote(records, '3.3 percent').metric.name).toBe('construction industry');
  });

  test('in real terms says how, not what; an object of a verb of change names its figure', () => {
    const text = "Per capita disposable income of Jiangxi's urban residents rose 4.8 percent in real terms in 2023. The province aims to raise its R&D spending to 2.1 percent of GDP.";
    const records = extractText(text, { published: PUBLISHED });
    expect(byQuote(records, '4.8 percent').metric.name).toBe('per capita disposable income of urban residents');
    expect(byQuote(records, '2.1 percent').metric.name).toBe('R&D spending');
  });
});

describe('goals are targets', () => {
  test('aims for, targets growth of, plans to, is expected to, set a target of', () => {
    const text = [
      'HEFEI, Jan. 23 (Xinhua) -- Anhui aims for economic growth of about 6 percent in 2024.',
      'Henan targets growth of around 5.5 percent this year.',
      'Anhui plans to create 700,000 urban jobs.',
      "Jilin's fiscal revenue is expected to grow 5 percent.",
      'Guangxi set a target of 5.5 percent for its GDP growth.',
    ].join(' ');
    const records = extractText(text, { published: '2024-01-23' });
    const anhui = byQuote(records, '6 percent');
    expect(anhui).toMatchObject({ status: 'target', kind: 'growth' });
    expect(anhui.metric.name).toBe('economic growth');
    expect(anhui.city?.name).toBe('安徽省');
    const growth = records.filter((r) => r.quote === '5.5 percent');
    expect(growth).toHaveLength(2);
    for (const r of growth) expect(r).toMatchObject({ status: 'target', kind: 'growth', period: { year: 2024 } });
    expect(growth[0].metric.name).toBe('growth');
    expect(growth[1].metric.name).toContain('GDP growth');
    expect(byQuote(records, '700,000 urban jobs').status).toBe('target');
    expect(byQuote(records, '5 percent').status).toBe('target');
  });

  test('a target of a past year is still a target; the figure that beat it is actual', () => {
    const text = "BEIJING, Jan. 17 (Xinhua) -- China's GDP grew 5.2 percent in 2023, above the annual target of around 5 percent. The country added 12.44 million urban jobs, exceeding the goal of 12 million jobs.";
    const records = extractText(text, { published: '2024-01-17' });
    expect(byQuote(records, '5.2 percent')).toMatchObject({ status: 'actual', kind: 'growth', city: null, period: { year: 2023 } });
    expect(byQuote(records, '5 percent')).toMatchObject({ status: 'target', kind: 'growth', city: null, period: { year: 2023 } });
    expect(byQuote(records, '12.44 million urban jobs')).toMatchObject({ status: 'actual', city: null });
    expect(byQuote(records, '12 million jobs')).toMatchObject({ status: 'target', city: null });
  });

  test('what was done stays actual', () => {
    const records = extractText("Last year, Shanxi's GDP grew 5 percent, and the province met its goal by adding 480,000 urban jobs.", { published: '2024-01-25' });
    expect(byQuote(records, '5 percent').status).toBe('actual');
    expect(byQuote(records, '480,000 urban jobs').status).toBe('actual');
  });
});

describe('periods', () => {
  test('a month alone, and a month beside a span of months', () => {
    const text = 'In March, exports from Ningbo rose 9.6 percent. Industrial output in Ningbo rose 4.5 percent in August and 5.1 percent in the first eight months.';
    const records = extractText(text, { published: '2024-09-20' });
    expect(byQuote(records, '9.6 percent').period).toMatchObject({ year: 2024, startMonth: 3, endMonth: 3 });
    expect(byQuote(records, '4.5 percent').period).toMatchObject({ startMonth: 8, endMonth: 8 });
    const span = byQuote(records, '5.1 percent');
    expect(span).toMatchObject({ kind: 'growth', period: { startMonth: 1, endMonth: 8 } });
    expect(span.metric.name).toBe('industrial output');
  });

  test('a month as a possessive dates its figure', () => {
    const records = extractText("Hebei's retail sales rose 5 percent in the first nine months. September's exports of the province rose 3.1 percent.", { published: '2024-10-20' });
    expect(byQuote(records, '5 percent').period).toMatchObject({ startMonth: 1, endMonth: 9 });
    expect(byQuote(records, '3.1 percent').period).toMatchObject({ year: 2024, startMonth: 9, endMonth: 9 });
  });

  test('a date is no period', () => {
    const r = byQuote(extractText('Figures released on September 12 showed exports of Hebei rose 3 percent in 2023.', { published: '2024-09-13' }), '3 percent');
    expect(r.period?.startMonth ?? null).toBeNull();
    expect(r.period?.year).toBe(2023);
  });

  test('next year\'s, the coming year, the year ahead: the year after the story\'s', () => {
    const text = [
      "Shenzhen set next year's GDP growth target at around 6 percent.",
      'In the coming year, Fujian will strive for GDP growth of 5.5 percent.',
      'Jilin plans to attract foreign investment of 2 billion US dollars in the year ahead.',
    ].join('\n\n');
    const records = extractText(text, { published: '2023-12-20' });
    const shenzhen = byQuote(records, '6 percent');
    expect(shenzhen).toMatchObject({ status: 'target', kind: 'growth', period: { year: 2024 } });
    expect(shenzhen.metric.name).toBe('GDP growth target');
    const fujian = byQuote(records, '5.5 percent');
    expect(fujian).toMatchObject({ status: 'target', period: { year: 2024 } });
    expect(fujian.metric.name).toBe('GDP growth');
    expect(byQuote(records, '2 billion US dollars')).toMatchObject({ status: 'target', period: { year: 2024 } });
  });

  test('a goal for next year takes that year; a goal with no year after a past year\'s figures takes the year it is set in', () => {
    const nextYear = byQuote(extractText('For next year, Hubei aims for GDP growth of around 6 percent.', { published: '2023-12-20' }), '6 percent');
    expect(nextYear).toMatchObject({ status: 'target', period: { year: 2024 } });
    const records = extractText("Hubei's GDP grew 6 percent in 2023. The province aims for growth of about 5.5 percent.", { published: '2024-01-25' });
    expect(byQuote(records, '6 percent').period?.year).toBe(2023);
    expect(byQuote(records, '5.5 percent')).toMatchObject({ status: 'target', period: { year: 2024 } });
  });
});

describe('shares', () => {
  test('accounting for … of the total; making up; made up', () => {
    const text = [
      "In 2023, Dongguan's exports reached 870 billion yuan, accounting for 64.4 percent of the city's total.",
      "The service sector grew 6.1 percent, making up 54.3 percent of Dongguan's GDP.",
      'Private firms made up 48 percent of the total.',
    ].join(' ');
    const records = extractText(text, { published: '2024-01-30' });
    expect(byQuote(records, '64.4 percent').kind).toBe('share');
    expect(byQuote(records, '6.1 percent').kind).toBe('growth');
    expect(byQuote(records, '54.3 percent').kind).toBe('share');
    expect(byQuote(records, '48 percent').kind).toBe('share');
  });

  test('the region a share is of names its city; the share of another region\'s whole is that region\'s', () => {
    const text = "In 2023, Dongguan's exports reached 870 billion yuan. The digital economy represented 41.5 percent of Hangzhou's GDP in 2023.";
    const records = extractText(text, { published: '2024-01-30' });
    expect(byQuote(records, '870 billion yuan').city?.name).toBe('东莞市');
    const share = byQuote(records, '41.5 percent');
    expect(share).toMatchObject({ kind: 'share' });
    expect(share.city?.name).toBe('杭州市');
  });

  test('up by, went up: changes, not shares', () => {
    const records = extractText("Tianjin's exports went up 3.4 percent in 2023, and imports were up by 1.2 percent.", { published: '2024-01-30' });
    expect(byQuote(records, '3.4 percent').kind).toBe('growth');
    expect(byQuote(records, '1.2 percent').kind).toBe('growth');
  });
});
