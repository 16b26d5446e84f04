/**
 * HTML input: every text field of a record is visible text — no tags, no entities — while `quote`
 * stays the exact slice of the input at `span`.
 */
import { extractText } from '../support/extract';
import { visibleFragment } from '../../src/record/visible';

const PAGE = `<!DOCTYPE html><html><head><meta charset="utf-8"><title>嘉兴市&middot;前三季度经济运行</title></head><body>
<h1>嘉兴市前三季度<em>经济</em>运行情况</h1>
<p>前三季度，嘉兴市<b>地区生产总值</b>达到5123亿元，同比增长<span class="num">6.8%</span>。</p>
<p>2023年1&ndash;9月，&nbsp;一般公共预算收入<a href="/x">412亿元</a>，增长3.2%；<strong>城镇居民人均可支配收入</strong>51230元。</p>
</body></html>
`;

describe('HTML input', () => {
  const records = extractText(PAGE, { file: 'page.html' });

  test('the page gives records', () => {
    expect(records.length).toBeGreaterThanOrEqual(3);
  });

  test('sentence, metric.text, period.text and title hold no markup or entity', () => {
    const markup = /<\/?[a-z][^>]*>|&[a-z]+;|&#\d+;/i;
    for (const r of records) {
      for (const text of [r.sentence, r.metric.text, r.period?.text ?? '', r.doc.title ?? '']) expect(text).not.toMatch(markup);
    }
    const gdp = records.find((r) => r.sentence.includes('地区生产总值'))!;
    expect(gdp.sentence).toBe('前三季度，嘉兴市地区生产总值达到5123亿元，同比增长6.8%。');
  });

  test('quote is still the exact input slice at span', () => {
    for (const r of records) expect(PAGE.slice(r.span[0], r.span[1])).toBe(r.quote);
  });

  test('a fragment without markup is returned as it is', () => {
    expect(visibleFragment('增长3.1%')).toBe('增长3.1%');
    expect(visibleFragment('湖州市<b>地区生产总值</b>增长')).toBe('湖州市地区生产总值增长');
    expect(visibleFragment('&nbsp;财政收入')).toBe('财政收入');
  });
});
