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
