/**
 * End to end through the built CLI (dist/): parallel runs write the same bytes as a single worker,
 * and a run killed mid-way (kill -9, or Ctrl-C) finishes with --resume without losing or doubling a
 * record. No timing assertions: the kill waits for the journal to show completed files.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generateFile, readSeeds } from '../../src/bench/corpus';
import { journalDir, journaledFileCount } from '../../src/run/journal';

const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'zhstat.js');
const FILES = 400;
/** Kill once this many files are journaled: well inside the run, far from its end. */
const KILL_AFTER = 20;

function extract(args: string[]): { status: number | null; stderr: string } {
  const run = spawnSync(process.execPath, [BIN, 'extract', ...args], { encoding: 'utf8' });
  return { status: run.status, stderr: run.stderr };
}

function journaledFiles(out: string): number {
  return journaledFileCount(out);
}

/** Starts a run, waits until KILL_AFTER files are journaled, sends `signal`, and resolves with the exit. */
function interruptedRun(corpus: string, out: string, signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'extract', corpus, '--out', out, '--jobs', '2'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const poll = setInterval(() => {
      if (journaledFiles(out) >= KILL_AFTER) {
        clearInterval(poll);
        child.kill(signal);
      }
    }, 10);
    child.on('error', reject);
    child.on('close', (code, sig) => {
      clearInterval(poll);
      resolve({ code, signal: sig, stderr });
    });
  });
}

describe('zhstat extract: --jobs and --resume', () => {
  let dir: string;
  let corpus: string;
  let reference: { records: Buffer; review: Buffer };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhstat-resume-'));
    corpus = path.join(dir, 'corpus');
    fs.mkdirSync(corpus);
    const { seeds } = await readSeeds(path.join(ROOT, 'seeds'));
    for (let i = 0; i < FILES; i++) {
      const file = generateFile(seeds, i, { minBytes: 600, maxBytes: 2000 });
      fs.writeFileSync(path.join(corpus, file.name), file.content);
    }
    const out = path.join(dir, 'reference');
    const run = extract([corpus, '--out', out, '--jobs', '1', '--quiet']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    reference = { records: fs.readFileSync(path.join(out, 'records.jsonl')), review: fs.readFileSync(path.join(out, 'review.jsonl')) };
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the reference run found records and cleaned its journal', () => {
    expect(reference.records.toString('utf8').split('\n').length).toBeGreaterThan(FILES);
    expect(fs.existsSync(journalDir(path.join(dir, 'reference')))).toBe(false);
  });

  it('writes byte-identical records.jsonl and review.jsonl with 2 workers as with 1', () => {
    const out = path.join(dir, 'parallel');
    expect(extract([corpus, '--out', out, '--jobs', '2', '--quiet']).status).toBe(0);
    expect(fs.readFileSync(path.join(out, 'records.jsonl')).equals(reference.records)).toBe(true);
    expect(fs.readFileSync(path.join(out, 'review.jsonl')).equals(reference.review)).toBe(true);
  }, 120_000);

  it('finishes a run killed with kill -9 on --resume, without losing or doubling a record', async () => {
    const out = path.join(dir, 'killed');
    const killed = await interruptedRun(corpus, out, 'SIGKILL');
    expect(killed.signal).toBe('SIGKILL');
    // Killed mid-way: some files journaled, no final output yet.
    const done = journaledFiles(out);
    expect(done).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(done).toBeLessThan(FILES);
    expect(fs.existsSync(path.join(out, 'records.jsonl'))).toBe(false);

    // A journal of another job is refused, and left alone.
    const other = extract([corpus, '--out', out, '--jobs', '2', '--quiet', '--resume', '--published', '2020-01-01']);
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(/--published differs.*rerun without --resume/s);
    expect(journaledFiles(out)).toBe(done);

    const resumed = extract([corpus, '--out', out, '--jobs', '2', '--resume']);
    expect(resumed.status).toBe(0);
    const [, already] = /resuming: (\d+) of 400 files already done/.exec(resumed.stderr) ?? [];
    expect(Number(already)).toBeGreaterThanOrEqual(done);
    expect(fs.readFileSync(path.join(out, 'records.jsonl')).equals(reference.records)).toBe(true);
    expect(fs.readFileSync(path.join(out, 'review.jsonl')).equals(reference.review)).toBe(true);
    expect(fs.existsSync(journalDir(out))).toBe(false);
  }, 120_000);

  it('on Ctrl-C says how to resume, and --resume finishes the job', async () => {
    const out = path.join(dir, 'interrupted');
    const interrupted = await interruptedRun(corpus, out, 'SIGINT');
    expect(interrupted.code).toBe(130);
    expect(interrupted.stderr).toMatch(/interrupted \(SIGINT\).*--resume/);
    expect(fs.existsSync(path.join(out, 'records.jsonl'))).toBe(false);

    expect(extract([corpus, '--out', out, '--jobs', '1', '--resume', '--quiet']).status).toBe(0);
    expect(fs.readFileSync(path.join(out, 'records.jsonl')).equals(reference.records)).toBe(true);
  }, 120_000);

  it('without --resume, a leftover journal is discarded and the run starts over', async () => {
    const out = path.join(dir, 'restarted');
    await interruptedRun(corpus, out, 'SIGKILL');
    const run = extract([corpus, '--out', out, '--jobs', '2']);
    expect(run.status).toBe(0);
    expect(run.stderr).not.toMatch(/resuming/);
    expect(run.stderr).toMatch(/400 files \(400 ok/);
    expect(fs.readFileSync(path.join(out, 'records.jsonl')).equals(reference.records)).toBe(true);
  }, 120_000);
});
