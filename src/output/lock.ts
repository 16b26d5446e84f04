/**
 * An exclusive lock on an output folder: `<out>/.zhstat-lock`, created only if absent (O_EXCL),
 * holding the owner's pid, host and start time. Two runs into one folder would otherwise
 * interleave their journals and outputs. A lock whose process is gone (same host, pid not running)
 * is stale and taken over; one held by a live process is reported, or waited for.
 */
import { promises as fs, unlinkSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export const LOCK_FILE = '.zhstat-lock';

export interface LockOwner {
  pid: number;
  host: string;
  started: string;
  command: string;
}

export class OutputLocked extends Error {
  override name = 'OutputLocked';
  constructor(readonly dir: string, readonly owner: LockOwner | null) {
    super(
      `${dir} is in use by ${owner ? `zhstat (pid ${owner.pid} on ${owner.host}, started ${owner.started}: ${owner.command})` : 'another zhstat run'}; ` +
        `wait for it to finish, pass --wait to wait for it, or use another --out` +
        ` (if no such run exists, delete ${path.join(dir, LOCK_FILE)})`,
    );
  }
}

export interface HeldLock {
  /** Deletes the lock (idempotent). */
  release(): void;
  /** Set when the lock was taken over from a dead process: who that was. */
  tookOverFrom: LockOwner | null;
}

/** Whether process `pid` runs on this machine. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists, under another user.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(file: string): Promise<LockOwner | null> {
  try {
    const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<LockOwner>;
    return typeof parsed.pid === 'number' && typeof parsed.host === 'string' ? (parsed as LockOwner) : null;
  } catch {
    return null;
  }
}

/**
 * Takes the lock on `dir` (which must exist). Held by a live process: throws OutputLocked, or with
 * `wait` polls until it is free. `pollMs` and `now` are for tests.
 */
export async function lockOutput(dir: string, options: { wait?: boolean; command?: string; pollMs?: number; onWait?: (owner: LockOwner | null) => void } = {}): Promise<HeldLock> {
  const file = path.join(dir, LOCK_FILE);
  const me: LockOwner = { pid: process.pid, host: os.hostname(), started: new Date().toISOString(), command: options.command ?? 'zhstat extract' };
  let tookOverFrom: LockOwner | null = null;
  let waitedSaid = false;
  for (;;) {
    try {
      await fs.writeFile(file, JSON.stringify(me) + '\n', { flag: 'wx' });
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const owner = await readOwner(file);
    // A lock half-written by a process that died at once holds no owner: stale only if old.
    const stale = owner ? owner.host === me.host && !isAlive(owner.pid) : await isOlderThan(file, 10_000);
    if (stale) {
      // Renamed away first: of two runs taking over at once, only one rename succeeds.
      const aside = `${file}.stale.${process.pid}`;
      const moved = await fs.rename(file, aside).then(() => true, () => false);
      if (moved) {
        await fs.rm(aside, { force: true });
        tookOverFrom = owner ?? { pid: -1, host: me.host, started: 'unknown', command: 'unknown' };
      }
      continue;
    }
    if (!options.wait) throw new OutputLocked(dir, owner);
    if (!waitedSaid) {
      options.onWait?.(owner);
      waitedSaid = true;
    }
    await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 1000));
  }
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    process.removeListener('exit', release);
    try {
      unlinkSync(file);
    } catch {
      // already gone
    }
  };
  // A run that exits any way (an error, Ctrl-C) leaves no lock behind; kill -9 leaves a stale one.
  process.on('exit', release);
  return { release, tookOverFrom };
}

async function isOlderThan(file: string, ms: number): Promise<boolean> {
  const stat = await fs.stat(file).catch(() => null);
  return stat === null || Date.now() - stat.mtimeMs > ms;
}
