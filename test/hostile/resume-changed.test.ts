/**
 * --resume after inputs changed: the journal keeps each file's size, mtime and content hash; a file
 * changed since it was read is redone (with the files journaled after it), one only touched is
 * kept, and the run says how many changed. The result equals a fresh run over the changed inputs.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { journaledFileCount } from '../../src/run/journal';
import { ARTICLE, CLI, readManifest, runCli, tempDir } from './helpers';

const FILES = 160;
const KILL_AFTER = 12;

function killedRun(inputs: string, out: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'extract', inputs, '--out', out, '--jobs', '1', '--quiet'], { stdio: 'ignore' });
    const poll = setInterval(() => {
      if (journaledFileCount(out) >= KILL_AFTER) {
        clearInterval(poll);
        child.kill('SIGKILL');
      }
    }, 5);
    child.on('error', reject);
    child.on('close', () => {
      clearInterval(poll);
      resolve();
    });
  });
}

/** An article of its own per file: figures differ by file, so a redone file's records differ. */
function article(i: number): string {
  return ARTICLE.replace('5321', String(4000 + i)).replace('58210', String(50000 + i * 7));
}

test('a changed input is redone on --resume, a touched one kept; the records equal a fresh run', async () => {
  const work = tempDir('resume-changed');
  const inputs = path.join(work, 'in');
  fs.mkdirSync(inputs);
  const name = (i: number) => path.join(inputs, `${String(i).padStart(4, '0')}.txt`);
  for (let i = 0; i < FILES; i++) fs.writeFileSync(name(i), article(i));
  const out = path.join(work, 'out');
  await killedRun(inputs, out);
  const journaled = journaledFileCount(out);
  expect(journaled).toBeGreaterThanOrEqual(KILL_AFTER);
  expect(fs.existsSync(path.join(out, 'run.json'))).toBe(false);

  // File 5 changes (same size: the hash decides); file 2 is only touched; file 8 is rewritten.
  const five = fs.readFileSync(name(5), 'utf8').replace('同比增长6.2%', '同比增长7.9%');
  expect(Buffer.byteLength(five)).toBe(fs.statSync(name(5)).size);
  fs.writeFileSync(name(5), five);
  const later = new Date(Date.now() + 5000);
  fs.utimesSync(name(5), later, later);
  fs.utimesSync(name(2), later, later);
  fs.writeFileSync(name(8), article(8) + '全年财政总收入900亿元，增长3.3%。\n');

  const resumed = runCli(['extract', inputs, '--out', out, '--resume', '--jobs', '1']);
  expect(resumed.status).toBe(0);
  expect(resumed.stderr).toMatch(/took over the lock/);
  expect(resumed.stderr).toMatch(/resuming: 5 of 160 files already done, 155 to go; 2 inputs changed since they were read \(.*0005\.txt, .*0008\.txt\): redone/);
  expect(resumed.stderr).toMatch(/resumed: 5 files kept from the interrupted run, 2 changed inputs redone/);

  const fresh = path.join(work, 'fresh');
  expect(runCli(['extract', inputs, '--out', fresh, '--jobs', '1', '--quiet']).status).toBe(0);
  expect(fs.readFileSync(path.join(out, 'records.jsonl'))).toEqual(fs.readFileSync(path.join(fresh, 'records.jsonl')));
  expect(readManifest(out).totals).toEqual(readManifest(fresh).totals);
  const records = fs.readFileSync(path.join(out, 'records.jsonl'), 'utf8');
  expect(records).toContain('7.9');
  expect(records).toContain('900亿元');
});
