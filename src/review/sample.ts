/**
 * The random sample of `auto` records sent to review to measure the pipeline's precision. A record is
 * in the sample when a hash of its id falls under the rate: the same records on every server, after
 * every restart and every re-run (ids are stable), with no list to keep. The rate is kept in the
 * output folder (review-sample.json) so that review-report knows which records were drawn. Pure but
 * for the file helpers.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../output/atomic';

export const SAMPLE_FILE = 'review-sample.json';

/** FNV-1a over UTF-16 units: 32 bits spread evenly enough for a sample of ids that are hex hashes. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function inSample(recordId: string, rate: number): boolean {
  return rate > 0 && hash32(`sample:${recordId}`) / 0x1_0000_0000 < rate;
}

/** "5%", "0.05" or "5" (percent) → 0.05; null when it is not a rate from 0 to 100%. */
export function parseRate(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  const rate = m[2] === '%' || n > 1 ? n / 100 : n;
  return rate >= 0 && rate <= 1 ? rate : null;
}

export async function readSampleRate(outDir: string): Promise<number | null> {
  try {
    const json = JSON.parse(await fs.readFile(path.join(outDir, SAMPLE_FILE), 'utf8')) as { rate?: unknown };
    return typeof json.rate === 'number' && json.rate > 0 && json.rate <= 1 ? json.rate : null;
  } catch {
    return null;
  }
}

export async function writeSampleRate(outDir: string, rate: number): Promise<void> {
  await writeFileAtomic(path.join(outDir, SAMPLE_FILE), JSON.stringify({ rate }, null, 2) + '\n');
}
