/**
 * The article view reads each record's input: a file is decoded once while it is unchanged, not on
 * every request (a 150 MB dump takes seconds to decode), and the kept texts stay within a budget.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { DecodedInputs } from '../../src/review/decoded-inputs';
import { ReviewStore } from '../../src/review/store';
import { recordIn, tempDir, writeOutput } from './helpers';

const TEXT_A = '丽水市前三季度地区生产总值1320亿元，同比增长5.1%。\n全市固定资产投资增长8.4%。\n';
const TEXT_B = '舟山市上半年港口货物吞吐量3.2亿吨，增长6.6%。\n';

describe('DecodedInputs', () => {
  it('decodes a file once while it is unchanged, and again once it changed', async () => {
    const dir = await tempDir('decoded');
    const file = path.join(dir, 'a.txt');
    await fs.writeFile(file, TEXT_A);
    const inputs = new DecodedInputs();
    const first = await inputs.read(file);
    const second = await inputs.read(file);
    expect(first.ok && first.text).toBe(TEXT_A);
    expect(second).toBe(first);
    expect(inputs.decodes).toBe(1);
    await fs.writeFile(file, TEXT_A + TEXT_B);
    const changed = await inputs.read(file);
    expect(changed.ok && changed.text).toBe(TEXT_A + TEXT_B);
    expect(inputs.decodes).toBe(2);
    await fs.rm(file);
    await expect(inputs.read(file)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('keeps the files read last within its budget of characters, and always the last one', async () => {
    const dir = await tempDir('decoded-budget');
    const [a, b] = [path.join(dir, 'a.txt'), path.join(dir, 'b.txt')];
    await fs.writeFile(a, TEXT_A);
    await fs.writeFile(b, TEXT_B);
    // Room for either text, not both.
    const inputs = new DecodedInputs(TEXT_A.length + 1);
    await inputs.read(a);
    await inputs.read(b);
    await inputs.read(b);
    expect(inputs.decodes).toBe(2);
    await inputs.read(a); // b went to make room
    await inputs.read(b);
    expect(inputs.decodes).toBe(4);
    // A file over the budget is still kept while it is the one being read.
    const tiny = new DecodedInputs(5);
    await tiny.read(a);
    await tiny.read(a);
    expect(tiny.decodes).toBe(1);
  });

  it('counts a file once when requests decode it at the same time', async () => {
    const dir = await tempDir('decoded-concurrent');
    const [a, b] = [path.join(dir, 'a.txt'), path.join(dir, 'b.txt')];
    await fs.writeFile(a, TEXT_A);
    await fs.writeFile(b, TEXT_B);
    // Room for both texts, not for a counted twice beside b: three concurrent reads of a must count it once.
    const inputs = new DecodedInputs(2 * TEXT_A.length + TEXT_B.length - 1);
    await Promise.all([inputs.read(a), inputs.read(a), inputs.read(a)]);
    const decoded = inputs.decodes;
    await inputs.read(b);
    await inputs.read(a);
    expect(inputs.decodes).toBe(decoded + 1);
  });

  it('gives the visible text of an HTML input, found once; none for plain text', async () => {
    const dir = await tempDir('decoded-html');
    const html = path.join(dir, 'page.html');
    await fs.writeFile(html, '<html><body><p>衢州市工业增加值<b>512亿元</b>。</p></body></html>');
    const inputs = new DecodedInputs();
    const page = await inputs.read(html);
    if (!page.ok) throw new Error('not decoded');
    const visible = page.visible();
    expect(visible?.text).toContain('衢州市工业增加值512亿元。');
    expect(page.visible()).toBe(visible);
    await fs.writeFile(path.join(dir, 'plain.txt'), TEXT_B);
    const plain = await inputs.read(path.join(dir, 'plain.txt'));
    expect(plain.ok && plain.visible()).toBeNull();
  });
});

test('the review store decodes a file once for the article views of its records', async () => {
  const out = await tempDir('decoded-store');
  await fs.writeFile(path.join(out, 'a.txt'), TEXT_A);
  const records = [recordIn(TEXT_A, '1320亿元', { id: 'rec-a-00000000000001' }), recordIn(TEXT_A, '1320亿元', { id: 'rec-a-00000000000002', status: 'target' })];
  await writeOutput(out, records.map((r) => ({ ...r, doc: { ...r.doc, file: 'a.txt' } })), ['a.txt']);
  const store = await ReviewStore.open({ outDir: out, baseDir: out, gazetteer: null });
  const first = await store.context('rec-a-00000000000001');
  const second = await store.context('rec-a-00000000000002');
  expect(first?.source).toBe('file');
  expect(first?.text).toContain('1320亿元');
  expect(second?.source).toBe('file');
  expect(store.decodedInputs.decodes).toBe(1);
});
