/**
 * The per-file time budget: a file still being worked on after --file-timeout is failed with
 * `timeout` and the run goes on with the other files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { TIMEOUT_REASON, WorkerPool, type WorkerSetup } from '../../src/run/pool';
import type { ValidatedRules } from '../../src/rules/compile';
import type { FileOutcome } from '../../src/run/journal';
import { ARTICLE, readManifest, runCli, tempDir } from './helpers';

// A worker that speaks the pool's protocol: it spins forever on a file whose name holds "hang",
// and answers every other file at once.
const STAND_IN = `
const { parentPort, workerData } = require('node:worker_threads');
parentPort.on('message', (message) => {
  if ('rules' in message) return;
  Atomics.store(workerData.processing, 0, message.index);
  if (message.file.includes('hang')) for (;;) {}
  const outcome = { report: { file: message.file, status: 'ok', reason: null, encoding: null, format: null, articles: 0, records: 0, flagged: 0, invalid: [], published: null }, sidecarError: null };
  parentPort.postMessage({ index: message.index, done: { outcome, payload: { body: new Uint8Array(0), ids: [], needsReview: [], review: new Uint8Array(0), emitted: { records: 0, review: 0 } } } });
});
`;

describe('the per-file time budget', () => {
  const work = tempDir('timeout');

  test('a file over the budget fails with timeout; the files after it are done', async () => {
    const script = path.join(work, 'stand-in.js');
    fs.writeFileSync(script, STAND_IN);
    const setup: WorkerSetup = { dictionary: { dict: '', idf: '' }, published: null };
    const pool = new WorkerPool(
      1,
      setup,
      async (task, reason) => {
        const outcome: FileOutcome = { report: { file: task.file, status: 'failed', reason, encoding: null, format: null, articles: 0, records: 0, flagged: 0, invalid: [], published: null }, sidecarError: null };
        return { outcome, payload: { body: new Uint8Array(0), ids: [], needsReview: [], review: new Uint8Array(0), emitted: { records: 0, review: 0 } } };
      },
      script,
      1500,
    );
    try {
      const files = ['a.txt', 'hang-1.txt', 'b.txt', 'hang-2.txt', 'c.txt'];
      const running = files.map((file, index) => pool.run({ index, file }));
      pool.provideRules({ hash: 'stand-in' } as ValidatedRules);
      const done = await Promise.all(running);
      const byFile = Object.fromEntries(done.map((d) => [d.outcome.report.file, d.outcome.report]));
      for (const file of ['a.txt', 'b.txt', 'c.txt']) expect(byFile[file].status).toBe('ok');
      for (const file of ['hang-1.txt', 'hang-2.txt']) {
        expect(byFile[file].status).toBe('failed');
        expect(byFile[file].reason).toMatch(new RegExp(`^${TIMEOUT_REASON}: still running after 1.5 s`));
      }
    } finally {
      await pool.close();
    }
  });

  test('zhstat extract --file-timeout: the file is listed failed: timeout in run.json, exit 0', () => {
    // About 2 MB of text: far more than a few milliseconds of work on any machine.
    const input = path.join(work, 'long.txt');
    fs.writeFileSync(input, ARTICLE.repeat(Math.ceil(2_000_000 / Buffer.byteLength(ARTICLE))));
    const out = path.join(work, 'out');
    const r = runCli(['extract', input, '--out', out, '--quiet', '--file-timeout', '0.05']);
    expect(r.status).toBe(0);
    const [file] = readManifest(out).files;
    expect(file).toMatchObject({ status: 'failed', reason: expect.stringMatching(/^timeout: /) });
    expect(runCli(['extract', input, '--out', out, '--file-timeout', 'soon']).status).toBe(2);
  });
});

// A worker that says how far it is into a file named "slow" (bytes × 0.5), then answers after a while.
const PROGRESSING = `
const { parentPort, workerData } = require('node:worker_threads');
parentPort.on('message', (message) => {
  if ('rules' in message) return;
  Atomics.store(workerData.processing, 1, 0);
  Atomics.store(workerData.processing, 0, message.index);
  Atomics.store(workerData.processing, 1, Math.floor(message.bytes / 2));
  setTimeout(() => {
    const outcome = { report: { file: message.file, status: 'ok', reason: null, encoding: null, format: null, articles: 0, records: 0, flagged: 0, invalid: [], published: null }, sidecarError: null };
    parentPort.postMessage({ index: message.index, done: { outcome, payload: { body: new Uint8Array(0), ids: [], needsReview: [], review: new Uint8Array(0), emitted: { records: 0, review: 0 } } } });
  }, 800);
});
`;

describe('progress within a large file', () => {
  test('the pool reports the bytes done of a file still being worked on, none once it is done', async () => {
    const work = tempDir('progress');
    const script = path.join(work, 'progressing.js');
    fs.writeFileSync(script, PROGRESSING);
    const pool = new WorkerPool(1, { dictionary: { dict: '', idf: '' }, published: null }, async () => {
      throw new Error('no crash expected');
    }, script);
    try {
      pool.provideRules({ hash: 'stand-in' } as ValidatedRules);
      const running = pool.run({ index: 0, file: 'slow.txt', bytes: 150_000_000 });
      let seen = 0;
      for (let i = 0; i < 400 && seen === 0; i++) {
        await new Promise((r) => setTimeout(r, 5));
        seen = pool.bytesInProgress();
      }
      expect(seen).toBe(75_000_000);
      await running;
      expect(pool.bytesInProgress()).toBe(0);
    } finally {
      await pool.close();
    }
  });

  test('processFile tells the share of the text done after each article, ending at 1', () => {
    const { processFile } = require('../../src/pipeline/process-file') as typeof import('../../src/pipeline/process-file');
    const { bundledRules } = require('../support/extract') as typeof import('../support/extract');
    const shares: number[] = [];
    const text = [ARTICLE, ARTICLE.replace('绍兴市', '台州市'), ARTICLE.replace('绍兴市', '金华市')].join('\n\n');
    processFile({ file: 'three.txt', bytes: Buffer.from(text), sidecar: null, publishedOverride: null }, { rules: bundledRules(), onProgress: (f) => shares.push(f) });
    expect(shares.length).toBeGreaterThanOrEqual(1);
    expect([...shares].sort((a, b) => a - b)).toEqual(shares);
    expect(shares[shares.length - 1]).toBeGreaterThan(0.95);
  });
});
