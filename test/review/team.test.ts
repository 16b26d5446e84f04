/**
 * The review app as a team meets it, in headless Chromium at 1024×700: the claim and the actions are
 * on screen without scrolling; two reviewers working at once by keyboard never decide the same record;
 * bulk accept of a sentence and apply-a-correction-to-the-article work from the keyboard.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { DecisionSchema, type Decision } from '../../src/decisions/schema';
import { RecordSchema, type StatRecord } from '../../src/record/schema';
import { describeWithChromium, launchChromium, runCli, startReviewCli } from './browser';
import { tempDir } from './helpers';
import { writeSampleRate } from '../../src/review/sample';

jest.setTimeout(300_000);

const SEED = path.resolve(__dirname, '../../seeds/000_5f0dfba9933f395f.txt');
const VIEWPORT = { width: 1024, height: 700 };

async function readJsonl<T>(file: string, parse: (x: unknown) => T): Promise<T[]> {
  const text = await fs.readFile(file, 'utf8').catch(() => '');
  return text.split('\n').filter((l) => l.trim()).map((l) => parse(JSON.parse(l)));
}

async function openAs(browser: Browser, url: string, reviewer: string): Promise<Page> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  await page.goto(url);
  await page.waitForSelector('body[data-ready="yes"]');
  await page.fill('#reviewer', reviewer);
  await page.dispatchEvent('#reviewer', 'change');
  await page.keyboard.press('Escape'); // out of the name box: keys are commands again
  await page.waitForSelector('#r-context .mark-figure');
  return page;
}

async function listIds(page: Page): Promise<string[]> {
  return page.$$eval('#queue-list li', (lis) => lis.map((li) => (li as HTMLElement).dataset.id!));
}

async function waitForDecisions(file: string, count: number): Promise<Decision[]> {
  for (let i = 0; i < 300; i++) {
    const lines = await readJsonl(file, (x) => DecisionSchema.parse(x));
    if (lines.length >= count) return lines;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`decisions.jsonl never reached ${count} lines`);
}

describeWithChromium('review by a team (1024×700)', () => {
  let base: string;
  let browser: Browser;
  let records: StatRecord[];
  let queued: StatRecord[];

  /** A fresh copy of the extracted output, so that each test starts with no decision. */
  async function freshOutput(name: string): Promise<string> {
    await fs.cp(path.join(base, 'out'), path.join(base, name), { recursive: true });
    return name;
  }

  beforeAll(async () => {
    base = await tempDir('team');
    await fs.mkdir(path.join(base, 'in'));
    await fs.copyFile(SEED, path.join(base, 'in', 'jinhua.txt'));
    const run = runCli(['extract', 'in', '--out', 'out', '--jobs', '1', '--quiet'], base);
    if (run.status !== 0) throw new Error(`extract failed (${run.status}): ${run.stderr}`);
    records = await readJsonl(path.join(base, 'out', 'records.jsonl'), (x) => RecordSchema.parse(x));
    // every auto record joins the queue as the review sample (100%), so that the queue does not
    // depend on how sure the pipeline is of this seed today
    await writeSampleRate(path.join(base, 'out'), 1);
    queued = records;
    if (queued.length < 40) throw new Error(`the seed gave only ${queued.length} records; the test needs 40`);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  test('at 1024×700 the claim, the fields and the accept/reject controls are on screen without scrolling', async () => {
    const server = await startReviewCli([await freshOutput('out-layout'), '--port', '0', '--reviewer', 'ann'], base);
    try {
      const page = await openAs(browser, server.url, 'ann');
      const inView = async (selector: string) => {
        const box = await page.locator(selector).boundingBox();
        if (!box) throw new Error(`${selector} is not displayed`);
        return box.x >= 0 && box.y >= 0 && box.x + box.width <= VIEWPORT.width && box.y + box.height <= VIEWPORT.height;
      };
      for (const field of ['city', 'metric', 'value', 'period', 'status']) {
        expect([field, await inView(`#claim [data-field="${field}"]`)]).toEqual([field, true]);
        expect([field, await inView(`#r-fields dd[data-field="${field}"]`)]).toEqual([field, true]);
      }
      expect(await inView('#b-accept')).toBe(true);
      expect(await inView('#b-reject')).toBe(true);
      // the page itself does not scroll: the article scrolls in its own box
      const scroll = await page.evaluate(() => ({ page: document.scrollingElement!.scrollHeight, box: document.getElementById('r-context')!.scrollHeight > document.getElementById('r-context')!.clientHeight }));
      expect(scroll.page).toBeLessThanOrEqual(VIEWPORT.height);
      // and the claim line says what the record claims
      const current = await page.$eval('#queue-list li.current', (li) => (li as HTMLElement).dataset.id!);
      const record = records.find((x) => x.id === current)!;
      expect(await page.textContent('#claim [data-field="metric"]')).toBe(record.metric.name);
      expect(await page.textContent('#claim [data-field="status"]')).toBe(record.status);
      // every record of the queue states why it is there
      expect((await page.$$('#r-reasons li.reason')).length).toBeGreaterThan(0);

      // after a click on Next, Space scrolls the article and does not press Next again
      await page.click('#b-next');
      const afterClick = await page.$eval('#queue-list li.current', (li) => (li as HTMLElement).dataset.id!);
      await page.keyboard.press(' ');
      await page.waitForTimeout(300);
      expect(await page.$eval('#queue-list li.current', (li) => (li as HTMLElement).dataset.id!)).toBe(afterClick);

      // the metric filter: letters are text there, not commands; Esc clears the box and the filter
      const unfiltered = await page.textContent('#queue-note');
      await page.keyboard.press('/');
      await page.keyboard.type('j出口');
      expect(await page.inputValue('#f-metric')).toBe('j出口');
      expect(await page.$eval('#queue-list li.current', (li) => (li as HTMLElement).dataset.id!)).toBe(afterClick);
      await page.fill('#f-metric', '出口');
      await page.waitForFunction((before) => document.getElementById('queue-note')?.textContent !== before, unfiltered);
      const shown = (await listIds(page)).map((id) => records.find((r) => r.id === id)!);
      expect(shown.length).toBeGreaterThan(0);
      expect(shown.every((r) => r.metric.name.includes('出口') || r.metric.text.includes('出口'))).toBe(true);
      await page.keyboard.press('Escape');
      expect(await page.inputValue('#f-metric')).toBe('');
      await page.waitForFunction((before) => document.getElementById('queue-note')?.textContent === before, unfiltered);
      await page.close();
    } finally {
      await server.stop();
    }
  });

  test('two reviewers at once decide 20 records each by keyboard: 40 valid lines, no record decided twice', async () => {
    const out = await freshOutput('out-team');
    const server = await startReviewCli([out, '--port', '0', '--reviewer', 'server'], base);
    try {
      const [ann, bob] = await Promise.all([openAs(browser, server.url, 'ann'), openAs(browser, server.url, 'bob')]);
      const annHolds = new Set(await listIds(ann));
      expect((await listIds(bob)).filter((id) => annHolds.has(id))).toEqual([]);
      const work = async (page: Page) => {
        for (let k = 1; k <= 20; k++) {
          await page.keyboard.press('a');
          await page.waitForFunction((n) => (document.getElementById('reviewers')?.textContent ?? '').startsWith(`you ${n}`), k, { timeout: 30_000 }).catch(async (err) => {
            const seen = await page.evaluate(() => [document.getElementById('reviewers')?.textContent, document.getElementById('message-text')?.textContent, document.getElementById('queue-note')?.textContent]);
            throw new Error(`decision ${k}: ${err.message}; page shows ${JSON.stringify(seen)}`);
          });
        }
      };
      await Promise.all([work(ann), work(bob)]);
      const decisions = await waitForDecisions(path.join(base, out, 'decisions.jsonl'), 40);
      expect(decisions).toHaveLength(40);
      expect(new Set(decisions.map((d) => d.recordId)).size).toBe(40);
      expect(decisions.every((d) => d.action === 'accept')).toBe(true);
      expect(decisions.filter((d) => d.reviewer === 'ann')).toHaveLength(20);
      expect(decisions.filter((d) => d.reviewer === 'bob')).toHaveLength(20);
      const queuedIds = new Set(queued.map((r) => r.id));
      expect(decisions.every((d) => queuedIds.has(d.recordId))).toBe(true);
      await Promise.all([ann.close(), bob.close()]);
    } finally {
      await server.stop();
    }
  });

  test('bulk accept of a sentence (A s) and a city correction applied to the article (c … Enter, y)', async () => {
    const out = await freshOutput('out-bulk');
    const log = path.join(base, out, 'decisions.jsonl');
    const server = await startReviewCli([out, '--port', '0', '--reviewer', 'ann'], base);
    try {
      const page = await openAs(browser, server.url, 'ann');
      const byId = new Map(records.map((r) => [r.id, r]));
      const sentenceKey = (r: StatRecord) => `${r.doc.file}|${r.doc.article}|${r.sentence}`;
      const listed = (await listIds(page)).map((id) => byId.get(id)!);
      const target = listed.find((r) => listed.filter((x) => sentenceKey(x) === sentenceKey(r)).length >= 2)!;
      expect(target).toBeDefined();
      const sentenceMates = queued.filter((r) => sentenceKey(r) === sentenceKey(target)).map((r) => r.id).sort();

      await page.click(`#queue-list li[data-id="${target.id}"]`);
      await page.keyboard.press('Shift+A');
      await page.waitForSelector('#bulk:not([hidden])');
      await page.keyboard.press('s');
      const bulk = await waitForDecisions(log, sentenceMates.length);
      expect(bulk.map((d) => d.recordId).sort()).toEqual(sentenceMates);
      expect(bulk.every((d) => d.action === 'accept' && d.reviewer === 'ann')).toBe(true);

      // a correction of the city of one record, offered to the article's other undecided records with the same city
      const decided = new Set(bulk.map((d) => d.recordId));
      const articleKey = (r: StatRecord) => `${r.doc.file}|${r.doc.article}`;
      const sameCity = (a: StatRecord, b: StatRecord) => JSON.stringify(a.city) === JSON.stringify(b.city);
      const open = (await listIds(page)).map((id) => byId.get(id)!).filter((r) => !decided.has(r.id));
      const fix = open.find((r) => r.city && records.filter((x) => x.id !== r.id && !decided.has(x.id) && articleKey(x) === articleKey(r) && sameCity(x, r)).length >= 2)!;
      expect(fix).toBeDefined();
      const newCity = fix.city!.name === '嘉兴市' ? '湖州市' : '嘉兴市';
      const others = records.filter((x) => x.id !== fix.id && !decided.has(x.id) && articleKey(x) === articleKey(fix) && sameCity(x, fix)).map((x) => x.id).sort();

      await page.click(`#queue-list li[data-id="${fix.id}"]`);
      await page.keyboard.press('c');
      await page.waitForSelector('#edit-form:not([hidden])');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('e-city');
      await page.keyboard.press('Control+a');
      await page.keyboard.type(newCity);
      await page.keyboard.press('Enter');
      await page.waitForSelector('#offer:not([hidden])');
      expect(await page.textContent('#offer-text')).toContain(`(${others.length} records)`);
      await page.keyboard.press('y');
      const all = await waitForDecisions(log, bulk.length + 1 + others.length);
      const corrections = all.slice(bulk.length);
      expect(corrections[0]).toMatchObject({ recordId: fix.id, action: 'correct' });
      expect(corrections.slice(1).map((d) => d.recordId).sort()).toEqual(others);
      for (const d of corrections) {
        expect(d.changes.city).toMatchObject({ old: fix.city, new: { name: newCity } });
        expect(Object.keys(d.changes)).toEqual(['city']);
      }

      // words selected in the article become the metric when the editor opens on it (m)
      await page.keyboard.press('Escape');
      const undecided = await page.$$eval('#queue-list li', (lis) => lis.filter((li) => !/accepted|corrected|rejected/.test(li.querySelector('.q-state')?.textContent ?? '')).map((li) => (li as HTMLElement).dataset.id!));
      await page.click(`#queue-list li[data-id="${undecided[0]}"]`);
      await page.waitForFunction((id) => document.querySelector('#queue-list li.current')?.getAttribute('data-id') === id, undecided[0]);
      await page.waitForSelector('#r-context .mark-figure');
      const selected = await page.evaluate(() => {
        const figure = document.querySelector('#r-context .mark-figure')!;
        const before = figure.previousSibling && figure.previousSibling.nodeType === Node.TEXT_NODE ? figure.previousSibling : null;
        const node = before ?? figure.firstChild!;
        const text = node.textContent ?? '';
        const range = document.createRange();
        const start = Math.max(0, text.length - 4);
        range.setStart(node, start);
        range.setEnd(node, text.length);
        const selection = window.getSelection()!;
        selection.removeAllRanges();
        selection.addRange(range);
        return selection.toString().replace(/\s+/g, '');
      });
      expect(selected.length).toBeGreaterThan(0);
      await page.keyboard.press('m');
      await page.waitForSelector('#edit-form:not([hidden])');
      expect(await page.inputValue('#e-metric-name')).toBe(selected);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('e-metric-name');
      await page.keyboard.press('Escape');
      await page.close();
    } finally {
      await server.stop();
    }
  });
});
