/**
 * Two runs into one --out: the second says who holds the folder and exits 1, or waits with --wait;
 * a lock left by a process that is gone is taken over, and said so.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ARTICLE, readRecords, runCli, runCliAsync, tempDir } from './helpers';

const LOCK = '.zhstat-lock';

function writeLock(out: string, pid: number): void {
  fs.mkdirSync(out, { recursive: true });
  fs.writeFileSync(path.join(out, LOCK), JSON.stringify({ pid, host: os.hostname(), started: '2026-01-01T00:00:00.000Z', command: 'zhstat extract → elsewhere' }) + '\n');
}

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  return child.pid!;
}

describe('the output folder lock', () => {
  const work = tempDir('lock');
  const input = path.join(work, 'a.txt');
  fs.writeFileSync(input, ARTICLE);

  test('a folder held by a live run: exit 1 naming its pid, outputs untouched', () => {
    const out = path.join(work, 'held');
    writeLock(out, process.pid);
    fs.writeFileSync(path.join(out, 'records.jsonl'), 'kept\n');
    const r = runCli(['extract', input, '--out', out, '--quiet']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`pid ${process.pid}`);
    expect(r.stderr).toContain('--wait');
    expect(r.stderr).not.toMatch(/unexpected error/);
    expect(fs.readFileSync(path.join(out, 'records.jsonl'), 'utf8')).toBe('kept\n');
    expect(fs.existsSync(path.join(out, LOCK))).toBe(true);
  });

  test('a lock of a process that is gone is taken over, said so, and released at the end', () => {
    const out = path.join(work, 'stale');
    const pid = deadPid();
    writeLock(out, pid);
    const r = runCli(['extract', input, '--out', out, '--quiet']);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`took over the lock on ${out} from pid ${pid}`);
    expect(readRecords(out).length).toBeGreaterThan(0);
    expect(fs.existsSync(path.join(out, LOCK))).toBe(false);
  });

  test('with --wait the second run starts once the first lets go', async () => {
    const out = path.join(work, 'wait');
    // A live process stands in for the first run; it ends after a second.
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 1000)']);
    writeLock(out, holder.pid!);
    const second = runCliAsync(['extract', input, '--out', out, '--quiet', '--wait']);
    const r = await second;
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`waiting for pid ${holder.pid}`);
    expect(readRecords(out).length).toBeGreaterThan(0);
    expect(holder.exitCode).toBe(0);
  });

  test('two runs started together into one folder: one runs, the other is refused, records are one run\'s', async () => {
    const out = path.join(work, 'race');
    const [a, b] = await Promise.all([runCliAsync(['extract', input, '--out', out, '--quiet']), runCliAsync(['extract', input, '--out', out, '--quiet'])]);
    const statuses = [a.status, b.status].sort();
    // Both may succeed one after the other when the first finishes before the second starts.
    expect(statuses[0]).toBe(0);
    if (statuses[1] !== 0) expect(statuses[1]).toBe(1);
    const records = readRecords(out);
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
    expect(fs.existsSync(path.join(out, LOCK))).toBe(false);
  });
});
