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
  if ('recycle' in message || 'rules' in message) return;
  Atomics.store(workerData.processing, 0, message.index);
  if (message.file.includes('hang')) for (;;) {}
  const outcome = { report: { file: message.file, status: 'ok', reason: null, encoding: null, format: null, articles: 0, records: 0, flagged: 0, invalid: [], published: null }, sidecarError: null };
  parentPort.postMessage({ index: message.index, done: { outcome, payload: { body: new Uint8Array(0), ids: [], needsReview: [], review: new Uint8Array(0) } } });
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
        return { outcome, payload: { body: new Uint8Array(0), ids: [], needsReview: [], review: new Uint8Array(0) } };
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
