/**
 * The worker pool's bookkeeping with a stand-in worker that speaks the real protocol: files are
 * handed out in order, each worker holds at most two, every file settles exactly once, and a worker
 * that dies on a file fails that file alone while the files it held besides are handed out again.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { WORKER_HEAP_MB, WorkerPool, heapCapFor, type WorkerSetup } from '../../src/run/pool';
import type { ValidatedRules } from '../../src/rules/compile';
import type { FileDone, FileOutcome } from '../../src/run/journal';

// Plain JS: worker threads do not run TypeScript. It answers a file once the next one arrives (or after 200 ms), keeps a
// count of files it holds at once, exits the thread on a file whose name contains "poison", and says in each report
// whether it had the rules (sent, or given at start) when the file came. Each result's body is 8 + index bytes and its
// one id the thread's; buffers handed back to it are logged as "thread length". A file named "chunky…", sent with
// chunks allowed, sends two chunks of records (bodies of 3 and 4 bytes) before its result; "chunky-poison" sends one and dies.
const STAND_IN = `
const { parentPort, threadId, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const queue = [];
let hasRules = workerData.rules !== null;
let busy = false;
let wake = null;
function report(file, reason) {
  return { report: { file, status: 'ok', reason, encoding: null, format: null, articles: 0, records: 0, flagged: 0, invalid: [], published: null }, sidecarError: null };
}
async function drain() {
  busy = true;
  while (queue.length > 0) {
    const task = queue.shift();
    Atomics.store(workerData.processing, 0, task.index);
    // Works until the next file arrives (a pool that reads ahead sends it now) or 200 ms pass.
    await new Promise((r) => { wake = r; setTimeout(r, queue.length > 0 ? 0 : 200); });
    wake = null;
    const chunked = task.file.startsWith('chunky') && task.chunks === true;
    if (chunked) {
      for (const size of task.file.includes('poison') ? [3] : [3, 4]) {
        const chunk = { body: new Uint8Array(size), review: new Uint8Array(0) };
        parentPort.postMessage({ index: task.index, chunk }, [chunk.body.buffer]);
      }
    }
    if (task.file.includes('poison')) process.exit(3);
    // Holds about 190 MB: more than a worker's first heap cap allows.
    const held = task.file.includes('huge') ? Array.from({ length: 24 }, () => new Array(1 << 20).fill(1.5)) : [];
    const payload = { body: new Uint8Array(8 + task.index), ids: [String(threadId)], needsReview: [], review: new Uint8Array(0), emitted: { records: 0, review: 0 } };
    const heap = require('node:worker_threads').resourceLimits.maxOldGenerationSizeMb;
    parentPort.postMessage({ index: task.index, done: { outcome: report(task.file, 'heap ' + heap + ' held ' + held.length + (task.hasRules ? '' : ' without rules') + (chunked ? ' chunked' : '')), payload } });
  }
  busy = false;
}
workerData.recycle.on('message', (buffers) => {
  for (const b of buffers) if (b.byteLength > 0) fs.appendFileSync(workerData.heldLog + '.recycled', threadId + ' ' + b.byteLength + '\\n');
});
parentPort.on('message', (message) => {
  if ('rules' in message) {
    hasRules = true;
    return;
  }
  const task = { ...message, hasRules };
  queue.push(task);
  // Files held now: those queued plus the one being worked on; and which thread got the file.
  fs.appendFileSync(workerData.heldLog, queue.length + (busy ? 1 : 0) + '\\n');
  fs.appendFileSync(workerData.heldLog + '.threads', threadId + '\\n');
  if (!busy) drain();
  else if (wake) wake();
});
`;

let dir: string;
let script: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhstat-pool-'));
  script = path.join(dir, 'stand-in-worker.js');
  fs.writeFileSync(script, STAND_IN);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The stand-in logs how many files it holds to `heldLog`. */
function setup(): WorkerSetup & { heldLog: string } {
  const heldLog = path.join(fs.mkdtempSync(path.join(dir, 'run-')), 'held');
  return { dictionary: { dict: '', idf: '' }, published: null, heldLog };
}

/** Stands in for the rules: the stand-in only notes that they came. */
const RULES = { hash: 'stand-in' } as ValidatedRules;

/**
 * Runs the files through a pool of `jobs` workers, started as a run starts them: one, grown once the
 * files are known; the files are submitted before the rules are provided.
 */
async function runAll(
  files: string[],
  jobs: number,
  s: WorkerSetup,
  release = false,
  options: { sizes?: number[]; sinkLog?: string[] } = {},
): Promise<{ outcomes: FileOutcome[]; crashed: string[]; done: FileDone[] }> {
  const crashed: string[] = [];
  const pool = new WorkerPool(
    1,
    s,
    async (task, reason) => {
      crashed.push(task.file);
      const outcome: FileOutcome = { report: { file: task.file, status: 'failed', reason, encoding: null, format: null, articles: 0, records: 0, flagged: 0, invalid: [], published: null }, sidecarError: null };
      return { outcome, payload: { body: new Uint8Array(0), ids: [], needsReview: [], review: new Uint8Array(0), emitted: { records: 0, review: 0 } } };
    },
    script,
  );
  try {
    const { sinkLog } = options;
    // With a sink log, each file's chunks and resets are logged as they come, and its result when it settles.
    const sinkFor = (file: string) => sinkLog && { chunk: (c: { body: Uint8Array }) => sinkLog.push(`${file} chunk ${c.body.length}`), reset: () => sinkLog.push(`${file} reset`) };
    const running = files.map((file, index) =>
      pool.run({ index, file, bytes: options.sizes?.[index] }, sinkFor(file) ?? null).then((d) => {
        sinkLog?.push(`${file} done`);
        return d;
      }),
    );
    pool.grow(jobs);
    pool.provideRules(RULES);
    const done = await Promise.all(running);
    if (release) {
      for (const d of done) pool.release(d);
      // A message to each worker, sent after the buffers, comes back after they are handled.
      await Promise.all(['after-release-1', 'after-release-2'].slice(0, jobs).map((file, i) => pool.run({ index: files.length + i, file })));
    }
    return { outcomes: done.map((d) => d.outcome), crashed, done };
  } finally {
    await pool.close();
  }
}

describe('WorkerPool', () => {
  it('settles every file once, with its own outcome, and never gives a worker more than two files', async () => {
    const s = setup();
    const files = Array.from({ length: 40 }, (_, i) => `file-${i}.txt`);
    const { outcomes, crashed } = await runAll(files, 2, s);
    expect(outcomes.map((o) => o.report.file)).toEqual(files);
    expect(outcomes.map((o) => o.report.reason)).toEqual(files.map(() => `heap ${WORKER_HEAP_MB} held 0`));
    expect(crashed).toEqual([]);
    const held = fs.readFileSync(s.heldLog, 'utf8').trim().split('\n').map(Number);
    expect(Math.max(...held)).toBeLessThanOrEqual(2);
    // Read-ahead is real: at some point a worker held a second file while it worked on one.
    expect(Math.max(...held)).toBe(2);
    // Both workers, the first and the one the pool grew by, got files.
    expect(new Set(fs.readFileSync(s.heldLog + '.threads', 'utf8').trim().split('\n')).size).toBe(2);
  });

  it('fails only the file a worker died on; the file it held besides is processed by its replacement', async () => {
    const s = setup();
    const files = ['a.txt', 'poison.txt', 'b.txt', 'c.txt', 'd.txt', 'e.txt'];
    const { outcomes, crashed } = await runAll(files, 1, s);
    expect(crashed).toEqual(['poison.txt']);
    expect(outcomes.map((o) => [o.report.file, o.report.status])).toEqual([
      ['a.txt', 'ok'], ['poison.txt', 'failed'], ['b.txt', 'ok'], ['c.txt', 'ok'], ['d.txt', 'ok'], ['e.txt', 'ok'],
    ]);
    expect(outcomes[1].report.reason).toMatch(/exited with code 3/);
    // The replacement, started after the rules were provided, has them from the start.
    expect(outcomes[2].report.reason).toBe(`heap ${WORKER_HEAP_MB} held 0`);
  });

  it('retries a file that ran a worker out of memory in a worker with a bigger heap', async () => {
    const s = setup();
    const files = ['a.txt', 'huge.txt', 'b.txt', 'c.txt'];
    const { outcomes, crashed } = await runAll(files, 2, s);
    expect(crashed).toEqual([]);
    expect(outcomes.map((o) => o.report.status)).toEqual(['ok', 'ok', 'ok', 'ok']);
    expect(outcomes[1].report.reason).toBe(`heap ${WORKER_HEAP_MB * 2} held 24`);
    expect(outcomes[0].report.reason).toBe(`heap ${WORKER_HEAP_MB} held 0`);
  }, 60_000);

  it('hands the buffers of each result back to the worker that filled them, and none to a worker since replaced', async () => {
    const s = setup();
    const files = ['a.txt', 'poison.txt', 'b.txt', 'c.txt'];
    const { done, crashed } = await runAll(files, 1, s, true);
    expect(crashed).toEqual(['poison.txt']);
    const [first, , second, third] = done.map((d) => d.payload.ids[0]);
    expect(second).toBe(third);
    expect(first).not.toBe(second);
    // a.txt's worker died on poison.txt: its buffer is not sent to the replacement; b.txt's and c.txt's (10 and 11 bytes) are.
    expect(fs.readFileSync(s.heldLog + '.recycled', 'utf8').trim().split('\n')).toEqual([`${second} 10`, `${second} 11`]);
    // Handed over, not copied: the main thread's views are detached.
    expect(done[2].payload.body.byteLength).toBe(0);
    expect(done[0].payload.body.byteLength).toBe(8);
  });

  it('starts a large file in a worker whose heap has room for it, and the files before it in the usual one', async () => {
    const s = setup();
    const big = 300e6;
    expect(heapCapFor(big)).toBeGreaterThan(WORKER_HEAP_MB);
    const { outcomes, crashed } = await runAll(['a.txt', 'big.txt', 'b.txt'], 1, s, false, { sizes: [1000, big, 1000] });
    expect(crashed).toEqual([]);
    expect(outcomes.map((o) => o.report.reason)).toEqual([`heap ${WORKER_HEAP_MB} held 0`, `heap ${heapCapFor(big)} held 0`, `heap ${heapCapFor(big)} held 0`]);
    expect(heapCapFor(0)).toBe(WORKER_HEAP_MB);
    expect(heapCapFor(30e6)).toBe(WORKER_HEAP_MB);
  });

  it('hands a file\'s chunks to its sink before its result, and resets the sink when the worker dies on the file', async () => {
    const s = setup();
    const sinkLog: string[] = [];
    const { outcomes, crashed } = await runAll(['a.txt', 'chunky.txt', 'chunky-poison.txt', 'b.txt'], 1, s, false, { sinkLog });
    expect(crashed).toEqual(['chunky-poison.txt']);
    expect(outcomes.map((o) => o.report.status)).toEqual(['ok', 'ok', 'failed', 'ok']);
    expect(outcomes[1].report.reason).toBe(`heap ${WORKER_HEAP_MB} held 0 chunked`);
    expect(sinkLog).toEqual([
      'a.txt done',
      'chunky.txt chunk 3', 'chunky.txt chunk 4', 'chunky.txt done',
      'chunky-poison.txt chunk 3', 'chunky-poison.txt reset', 'chunky-poison.txt done',
      'b.txt done',
    ]);
  });

  it('sends no chunks for a file submitted without a sink: its records come whole', async () => {
    const s = setup();
    const { outcomes } = await runAll(['chunky.txt'], 1, s);
    expect(outcomes[0].report.reason).toBe(`heap ${WORKER_HEAP_MB} held 0`);
  });
});
