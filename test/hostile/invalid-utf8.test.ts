/**
 * A UTF-8 Chinese file with a few stray invalid bytes is read, not failed: each invalid sequence
 * becomes one U+FFFD, run.json lists their byte offsets, and the records whose sentence holds one
 * are flagged `replacement_char` and sent to review. Other encodings are not mistaken for it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import iconv from 'iconv-lite';
import { decodeBytes, utf8WithFewStrayBytes } from '../../src/ingest/decode';
import { processFile } from '../../src/pipeline/process-file';
import { bundledRules } from '../support/extract';
import { ARTICLE, readManifest, readRecords, runCli, tempDir } from './helpers';

/** ARTICLE four times as UTF-8, with `stray` byte sequences inserted after the given lines' first characters. */
function withStrayBytes(stray: readonly number[][]): { bytes: Buffer; offsets: number[] } {
  const lines = ARTICLE.repeat(4).split('\n');
  const parts: Buffer[] = [];
  const offsets: number[] = [];
  let at = 0;
  lines.forEach((line, i) => {
    const bad = i % 3 === 1 ? stray[Math.floor(i / 3)] : undefined;
    const head = Buffer.from(line.slice(0, 2), 'utf8');
    const rest = Buffer.from(line.slice(2) + (i < lines.length - 1 ? '\n' : ''), 'utf8');
    parts.push(head);
    at += head.length;
    if (bad) {
      offsets.push(at);
      parts.push(Buffer.from(bad));
      at += bad.length;
    }
    parts.push(rest);
    at += rest.length;
  });
  return { bytes: Buffer.concat(parts), offsets };
}

// A lone 0xFF, a lone continuation byte, a 3-byte lead cut short, an overlong lead, a 0xFE.
const STRAY = [[0xff], [0x80], [0xe6, 0xb5], [0xc0], [0xfe]];

describe('invalid bytes in UTF-8', () => {
  test('five stray bytes: decoded with five U+FFFD, their byte offsets listed', () => {
    const { bytes, offsets } = withStrayBytes(STRAY);
    expect(offsets).toHaveLength(5);
    const decoded = decodeBytes(bytes);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.replaced).toEqual(offsets);
    expect([...decoded.text].filter((c) => c === '\uFFFD')).toHaveLength(5);
    expect(decoded.text.replace(/\uFFFD/g, '')).toBe(ARTICLE.repeat(4));
  });

  test('the offsets are where TextDecoder puts each replacement, over random damage', () => {
    const clean = Buffer.from(ARTICLE.repeat(20), 'utf8');
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    for (let round = 0; round < 50; round++) {
      const damaged = Buffer.from(clean);
      for (let k = 0; k < 1 + Math.floor(random() * 5); k++) damaged[Math.floor(random() * damaged.length)] = Math.floor(random() * 256);
      const offsets = utf8WithFewStrayBytes(damaged);
      const text = new TextDecoder().decode(damaged);
      const replacements = [...text].filter((c) => c === '\uFFFD').length;
      if (offsets === null) expect(replacements).toBe(0);
      else expect(offsets).toHaveLength(replacements);
    }
  });

  test('GB18030 Chinese is not read as damaged UTF-8', () => {
    const gb = iconv.encode(ARTICLE.repeat(4), 'gb18030');
    expect(utf8WithFewStrayBytes(gb)).toBeNull();
    const decoded = decodeBytes(gb);
    expect(decoded.ok && decoded.encoding).toBe('gb18030');
  });

  test('records of a sentence holding a replacement are flagged and sent to review; the others are not', () => {
    const { bytes } = withStrayBytes(STRAY);
    const result = processFile({ file: 'damaged.txt', bytes, sidecar: null, publishedOverride: null }, { rules: bundledRules() });
    expect(result.report.status).toBe('ok');
    const flagged = result.records.filter((r) => r.flags.includes('replacement_char'));
    expect(flagged.length).toBeGreaterThan(0);
    for (const r of result.records) {
      expect(r.flags.includes('replacement_char')).toBe(r.sentence.includes('\uFFFD'));
      if (r.sentence.includes('\uFFFD')) expect(r.review).toBe('needs_review');
    }
    expect(result.records.length).toBeGreaterThan(flagged.length);
  });

  test('zhstat extract lists the offsets in run.json', () => {
    const work = tempDir('utf8');
    const { bytes, offsets } = withStrayBytes(STRAY);
    fs.writeFileSync(path.join(work, 'damaged.txt'), bytes);
    const out = path.join(work, 'out');
    expect(runCli(['extract', path.join(work, 'damaged.txt'), '--out', out, '--quiet']).status).toBe(0);
    const [file] = readManifest(out).files;
    expect(file).toMatchObject({ status: 'ok', encoding: 'utf-8', replacedBytes: offsets });
    expect(readRecords(out).length).toBeGreaterThan(0);
  });
});
