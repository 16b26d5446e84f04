/**
 * The review workflow end to end, as a reviewer meets it: real `zhstat extract` on a seed file, the
 * review app in headless Chromium driven by keyboard, a re-run that applies the decisions, an export.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { RecordSchema, type StatRecord } from '../../src/record/schema';
import { describeWithChromium, launchChromium, openReviewPage, runCli, startReviewCli } from './browser';
import { tempDir } from './helpers';

jest.setTimeout(240_000);

const SEED = path.resolve(__dirname, '../../seeds/000_5f0dfba9933f395f.txt');

async function readJsonl(file: string): Promise<StatRecord[]> {
  const text = await fs.readFile(file, 'utf8');
  return text.split('\n').filter((l) => l.trim()).map((l) => RecordSchema.parse(JSON.parse(l)));
}

async function counter(page: Page, expected: string): Promise<void> {
  await page.waitForFunction((text) => document.getElementById('counter')?.textContent === text, expected, { timeout: 30_000 });
}

async function currentId(page: Page): Promise<string> {
  return page.$eval('#queue-list li.current', (li) => (li as HTMLElement).dataset.id!);
}

async function badge(page: Page, id: string): Promise<string> {
  return page.$eval(`#queue-list li[data-id="${id}"] .q-state`, (el) => el.textContent ?? '');
}

describeWithChromium('review workflow (extract → review in Chromium → re-run → export)', () => {
  let base: string;
  let browser: Browser;
  let flagged: StatRecord[];

  beforeAll(async () => {
    base = await tempDir('workflow');
    await fs.mkdir(path.join(base, 'in'));
    await fs.copyFile(SEED, path.join(base, 'in', 'huzhou.txt'));
    const run = runCli(['extract', 'in', '--out', 'out', '--jobs', '1', '--quiet'], base);
    if (run.status !== 0) throw new Error(`extract failed (${run.status}): ${run.stderr}`);
    flagged = await readJsonl(path.join(base, 'out', 'review.jsonl'));
    if (flagged.length < 4) throw new Error(`the seed gave only ${flagged.length} records to review; the test needs 4`);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  test('accept, correct, reject, undo and a conflicting tab; decisions survive reload, re-run and export', async () => {
    const server = await startReviewCli(['out', '--port', '0', '--reviewer', 'tester'], base);
    let accepted: string, corrected: string, rejected: string, contested: string;
    try {
      const { page, dialogs } = await openReviewPage(browser, server.url);
      const total = flagged.length;
      await counter(page, `0 of ${total} decided`);
      await page.waitForSelector('#r-context .mark-figure');

      // the queue is sorted by confidence, least sure first
      const order = await page.$$eval('#queue-list li', (lis) => lis.map((li) => (li as HTMLElement).dataset.id!));
      const confidence = new Map(flagged.map((r) => [r.id, r.confidence]));
      const confidences = order.map((id) => confidence.get(id)!);
      expect(confidences).toEqual([...confidences].sort((a, b) => a - b));

      accepted = await currentId(page);
      await page.keyboard.press('a');
      await counter(page, `1 of ${total} decided`);
      expect(await badge(page, accepted)).toBe('accepted');

      corrected = await currentId(page);
      expect(corrected).not.toBe(accepted);
      await page.keyboard.press('e');
      await page.waitForSelector('#edit-form:not([hidden])');
      await page.fill('#e-city', '嘉兴市');
      await page.fill('#e-period-text', '2020年');
      await page.fill('#e-period-year', '2020');
      await page.fill('#e-period-endyear', '');
      await page.fill('#e-period-start', '');
      await page.fill('#e-period-end', '');
      await page.focus('#e-period-year');
      await page.keyboard.press('Enter');
      await counter(page, `2 of ${total} decided`);
      expect(await badge(page, corrected)).toBe('corrected');
      // a correction of the city offers the same change to the article's other records: not now
      if (await page.isVisible('#offer')) await page.keyboard.press('n');

      rejected = await currentId(page);
      await page.keyboard.press('x');
      await counter(page, `3 of ${total} decided`);
      // undo takes the rejection back and returns to that record; reject it again
      await page.keyboard.press('u');
      await counter(page, `2 of ${total} decided`);
      expect(await currentId(page)).toBe(rejected);
      await page.keyboard.press('x');
      await counter(page, `3 of ${total} decided`);

      // a second reviewer's page is given other records than the ones this page holds
      const mine = new Set(await page.$$eval('#queue-list li', (lis) => lis.map((li) => (li as HTMLElement).dataset.id!)));
      const other = await browser.newPage();
      await other.goto(server.url);
      await other.waitForSelector('body[data-ready="yes"]');
      await other.fill('#reviewer', 'bob');
      await other.dispatchEvent('#reviewer', 'change');
      await other.keyboard.press('Escape');
      const theirs = await other.$$eval('#queue-list li', (lis) => lis.map((li) => (li as HTMLElement).dataset.id!));
      expect(theirs.length).toBeGreaterThan(0);
      expect(theirs.filter((id) => mine.has(id))).toEqual([]);
      contested = await currentId(other);
      await other.keyboard.press('a');
      await counter(other, `4 of ${total} decided`);
      await other.close();

      // a decided record is not decided again by a stray key: only after d (change decision)
      await page.fill('#reviewer', 'alice');
      await page.dispatchEvent('#reviewer', 'change');
      await page.keyboard.press('Escape'); // leaves the name box, so that keys are commands again
      await page.click(`#queue-list li[data-id="${rejected}"]`);
      await page.keyboard.press('a');
      await page.waitForFunction(() => /Press d to change/.test(document.getElementById('message-text')?.textContent ?? ''));
      expect(await badge(page, rejected)).toBe('rejected');
      await page.keyboard.press('d');
      await page.keyboard.press('a');
      await page.waitForFunction((id) => document.querySelector(`#queue-list li[data-id="${id}"] .q-state`)?.textContent === 'accepted', rejected);

      // reload: the state comes from decisions.jsonl
      await page.reload();
      await page.waitForSelector('body[data-ready="yes"]');
      await counter(page, `4 of ${total} decided`);
      await page.selectOption('#f-review', 'decided');
      await page.waitForSelector(`#queue-list li[data-id="${corrected}"]`);
      expect(await badge(page, accepted)).toBe('accepted');
      expect(await badge(page, corrected)).toBe('corrected');
      expect(await badge(page, rejected)).toBe('accepted');
      expect(await badge(page, contested)).toBe('accepted');
      await page.click(`#queue-list li[data-id="${corrected}"]`);
      await page.waitForFunction(() => (document.querySelector('#r-fields dd[data-field="city"]')?.textContent ?? '').includes('330400'));
      await page.selectOption('#f-review', 'open');
      expect(dialogs).toEqual([]);
      await page.close();
    } finally {
      await server.stop();
    }

    // the log: one line per decision, undo included, nothing rewritten
    const logLines = (await fs.readFile(path.join(base, 'out', 'decisions.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(logLines.map((d) => d.action)).toEqual(['accept', 'correct', 'reject', 'undo', 'reject', 'accept', 'accept']);
    expect(logLines[1].changes.city).toMatchObject({ new: { name: '嘉兴市', code: '330400' } });
    expect(logLines[5].reviewer).toBe('bob');
    expect(logLines[6]).toMatchObject({ reviewer: 'alice', recordId: rejected!, review: { old: 'rejected', new: 'accepted' } });

    // a decision on a record that no longer exists must be kept and reported
    const orphan = { ...logLines[0], id: 'orphan-decision-1', recordId: 'no-such-record-000' };
    await fs.appendFile(path.join(base, 'out', 'decisions.jsonl'), JSON.stringify(orphan) + '\n');

    const rerun = runCli(['extract', 'in', '--out', 'out', '--jobs', '1'], base);
    expect(rerun.status).toBe(0);
    // the summary line counts the decisions applied (8 lines, one of them an orphan, on 4 records)
    expect(rerun.stderr).toContain("reviewers' decisions applied to 4 records (8 lines in decisions.jsonl)");
    expect(rerun.stderr).toContain('1 decision(s)');
    const records = await readJsonl(path.join(base, 'out', 'records.jsonl'));
    const byId = new Map(records.map((r) => [r.id, r]));
    expect(byId.get(accepted!)!.review).toBe('accepted');
    expect(byId.get(corrected!)).toMatchObject({ review: 'corrected', city: { name: '嘉兴市', code: '330400', level: 'prefecture', parent: '浙江省' }, period: { text: '2020年', year: 2020, endYear: null, startMonth: null, endMonth: null } });
    expect(byId.get(rejected!)!.review).toBe('accepted');
    expect(byId.get(contested!)!.review).toBe('accepted');
    const reviewQueue = await readJsonl(path.join(base, 'out', 'review.jsonl'));
    expect(reviewQueue).toHaveLength(flagged.length - 4);
    const manifest = JSON.parse(await fs.readFile(path.join(base, 'out', 'run.json'), 'utf8'));
    expect(manifest.decisions).toMatchObject({ decided: 4, orphaned: 1, malformed: [] });
    expect(manifest.orphanedDecisions.map((d: { id: string }) => d.id)).toEqual(['orphan-decision-1']);
    expect(await fs.readFile(path.join(base, 'out', 'decisions.jsonl'), 'utf8')).toContain('orphan-decision-1');

    // export: auto + accepted + corrected, never rejected nor still-unreviewed
    const expected = records.filter((r) => ['auto', 'accepted', 'corrected'].includes(r.review)).map((r) => r.id);
    const jsonl = runCli(['export', 'out', '--format', 'jsonl'], base);
    expect(jsonl.status).toBe(0);
    const datasetLines = (await fs.readFile(path.join(base, 'out', 'dataset.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    const exported = datasetLines.map(({ reviewer: _r, decided_at: _d, original: _o, ...record }) => RecordSchema.parse(record));
    expect(datasetLines.find((r) => r.id === corrected!)).toMatchObject({ reviewer: 'tester', original: { city: flagged.find((r) => r.id === corrected!)!.city } });
    expect(datasetLines.find((r) => r.id === rejected!)).toMatchObject({ reviewer: 'alice' });
    expect(exported.map((r) => r.id)).toEqual(expected);
    expect(exported.find((r) => r.id === corrected!)!.city!.name).toBe('嘉兴市');

    const csv = runCli(['export', 'out', '--format', 'csv'], base);
    expect(csv.status).toBe(0);
    const csvText = await fs.readFile(path.join(base, 'out', 'dataset.csv'), 'utf8');
    expect(csvText.charCodeAt(0)).toBe(0xfeff);
    const header = csvText.slice(1).split('\r\n')[0].split(',');
    const idColumn = header.indexOf('id');
    const rowOf = (id: string) => csvText.split('\r\n').find((line) => line.split(',')[idColumn] === id);
    expect(rowOf(accepted!)).toBeDefined();
    expect(rowOf(rejected!)).toBeDefined();
    const correctedRow = rowOf(corrected!)!.split(',');
    expect(correctedRow[header.indexOf('city_name')]).toBe('嘉兴市');
    expect(correctedRow[header.indexOf('city_code')]).toBe('330400');
    expect(correctedRow[header.indexOf('period_year')]).toBe('2020');
    expect(correctedRow[header.indexOf('review')]).toBe('corrected');
    expect(correctedRow[header.indexOf('reviewer')]).toBe('tester');
    expect(correctedRow[header.indexOf('original_city_name')]).toBe(flagged.find((r) => r.id === corrected!)!.city?.name ?? '');
    expect(JSON.parse(await fs.readFile(path.join(base, 'out', 'dataset.schema.json'), 'utf8')).type).toBe('object');

    const everything = runCli(['export', 'out', '--format', 'jsonl', '--include-unreviewed', '--output', 'all.jsonl'], base);
    expect(everything.status).toBe(0);
    expect((await fs.readFile(path.join(base, 'all.jsonl'), 'utf8')).trim().split('\n').length).toBe(expected.length + reviewQueue.length);
    expect(runCli(['export', 'out', '--format', 'xlsx'], base).status).toBe(2);
  });
});
