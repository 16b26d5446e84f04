/**
 * The benchmark's baseline, run as its own process: nodejieba.cut over the decoded text of every
 * corpus file — what segmenting the text alone costs. Only the cut calls are timed (not reading,
 * decoding, or loading the dictionary). Prints one JSON line: BaselineResult.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import type { CorpusManifest } from './corpus';

export interface BaselineResult {
  seconds: number;
  textBytes: number;
  tokens: number;
  maxRssKb: number;
}

async function main(corpusDir: string): Promise<void> {
  const jieba = require('nodejieba') as { cut(text: string): string[] };
  jieba.cut('预热词典'); // the dictionary loads on first use: keep that out of the timing
  const manifest = JSON.parse(await fs.readFile(path.join(corpusDir, '.corpus.json'), 'utf8')) as CorpusManifest;
  let nanoseconds = 0n;
  let textBytes = 0;
  let tokens = 0;
  for (const file of manifest.files) {
    const bytes = await fs.readFile(path.join(corpusDir, file.name));
    const text = file.encoding === 'gb18030' ? iconv.decode(bytes, 'gb18030') : bytes.toString('utf8');
    textBytes += Buffer.byteLength(text);
    const start = process.hrtime.bigint();
    tokens += jieba.cut(text).length;
    nanoseconds += process.hrtime.bigint() - start;
  }
  const result: BaselineResult = { seconds: Number(nanoseconds) / 1e9, textBytes, tokens, maxRssKb: process.resourceUsage().maxRSS };
  process.stdout.write(JSON.stringify(result) + '\n');
}

main(process.argv[2]).catch((err: unknown) => {
  process.stderr.write(`baseline: ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 1;
});
