/** Text from untrusted dumps reaches the review page only as text: markup in inputs and records stays inert. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { describeWithChromium, launchChromium, openReviewPage, startReviewCli } from './browser';
import { recordIn, tempDir, writeOutput } from './helpers';

jest.setTimeout(120_000);

/** One tag only: not taken for HTML, so the context shows this markup as it is in the file. */
const PLAIN = '湖州日报讯 全市出口12亿元，<img src=x onerror="window.__pwned=1;alert(3)">同比增长5%。';
/** An HTML page whose visible text contains markup (escaped as entities), and a real script. */
const HTML = '<html><body><p>全市进口&lt;script&gt;alert(1)&lt;/script&gt;8亿元&lt;img src=x onerror=alert(4)&gt;</p><script>alert(5)</script></body></html>';

describeWithChromium('review page with hostile input', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('<script> and <img onerror> from inputs and records render as inert text', async () => {
    const base = await tempDir('xss');
    await fs.mkdir(path.join(base, 'in'));
    await fs.writeFile(path.join(base, 'in', 'plain.txt'), PLAIN);
    await fs.writeFile(path.join(base, 'in', 'page.html'), HTML);
    const htmlAt = HTML.indexOf('8亿元');
    const records = [
      recordIn(PLAIN, '12亿元', {
        id: 'record-xss-plain-01',
        doc: { file: 'in/plain.txt', article: 0, title: '<script>alert(6)</script>', paper: null, published: null },
        metric: { name: '<b onmouseover=alert(7)>出口</b>', text: '出口', id: null },
        sentence: '全市出口12亿元，<img src=x onerror="window.__pwned=1;alert(3)">同比增长5%。',
        subject: '<iframe src="javascript:alert(8)">',
        flags: ['<img src=x onerror=alert(9)>'],
        confidence: 0.1,
      }),
      {
        ...recordIn(PLAIN, '12亿元', { id: 'record-xss-html-001', confidence: 0.2 }),
        doc: { file: 'in/page.html', article: 0, title: null, paper: null, published: null },
        span: [htmlAt, htmlAt + '8亿元'.length] as [number, number],
        quote: '8亿元',
        sentence: '全市进口<script>alert(1)</script>8亿元<img src=x onerror=alert(4)>',
      },
    ];
    await writeOutput(path.join(base, 'out'), records, ['in/plain.txt', 'in/page.html']);
    const server = await startReviewCli(['out', '--port', '0', '--reviewer', 'tester'], base);
    try {
      const { page, dialogs } = await openReviewPage(browser, server.url);

      await page.waitForFunction(() => document.querySelector('#r-context .mark-figure')?.textContent === '12亿元');
      expect(await page.textContent('#r-context')).toContain('<img src=x onerror="window.__pwned=1;alert(3)">');
      expect(await page.textContent('#r-sentence')).toContain('<img src=x onerror=');
      expect(await page.textContent('#r-doc')).toContain('<script>alert(6)</script>');
      expect(await page.textContent('#r-reasons')).toContain('<img src=x onerror=alert(9)>');
      expect(await page.textContent('#queue-list')).toContain('<b onmouseover=alert(7)>出口</b>');
      await page.keyboard.press('e');
      expect(await page.inputValue('#e-subject')).toBe('<iframe src="javascript:alert(8)">');
      await page.keyboard.press('Escape');

      await page.keyboard.press('j');
      await page.waitForFunction(() => document.querySelector('#r-context .mark-figure')?.textContent === '8亿元');
      expect(await page.textContent('#r-context')).toContain('<script>alert(1)</script>8亿元<img src=x onerror=alert(4)>');
      expect(await page.textContent('#r-context')).not.toContain('alert(5)');

      await page.waitForTimeout(300); // give any injected handler the chance to fire
      const dom = await page.evaluate(() => ({
        imgs: document.querySelectorAll('img').length,
        iframes: document.querySelectorAll('iframe').length,
        scripts: Array.from(document.querySelectorAll('script'), (s) => s.getAttribute('src')),
        bold: document.querySelectorAll('#queue-list b, #detail b').length,
        pwned: (window as unknown as { __pwned?: number }).__pwned ?? null,
      }));
      expect(dom).toEqual({ imgs: 0, iframes: 0, scripts: ['/js/main.js'], bold: 0, pwned: null });
      expect(dialogs).toEqual([]);
    } finally {
      await server.stop();
    }
  });
});
