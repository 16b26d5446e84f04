/**
 * Who is working on which record. A reviewer's page (a session) holds the records it was given for a
 * while (a lease); nobody else is given them or may decide them until the lease ends, and a page
 * that is closed without a word lets its records go when its leases run out. Leases live in the
 * output folder (review-leases.json), rewritten under the decision log's lock, so that they survive a
 * restart of the server and are shared by two servers on the same folder. A skipped record is kept
 * as a lease that holds nothing: the page that skipped it is not given it again for a while.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../output/atomic';

export const LEASES_FILE = 'review-leases.json';
/** How long a page keeps its records without deciding or asking for more. */
export const LEASE_MS = 10 * 60_000;
/** How long a skipped record stays out of the page that skipped it. */
export const SKIP_MS = 60 * 60_000;

export interface Lease {
  recordId: string;
  session: string;
  reviewer: string;
  /** Epoch milliseconds. */
  until: number;
  skipped: boolean;
}

export class LeaseBook {
  private byRecord = new Map<string, Lease[]>();

  constructor(leases: readonly Lease[] = []) {
    for (const lease of leases) this.add(lease);
  }

  all(): Lease[] {
    return [...this.byRecord.values()].flat();
  }

  /** The live lease that holds the record, if any. */
  holder(recordId: string, now: number): Lease | null {
    return this.byRecord.get(recordId)?.find((l) => !l.skipped && l.until > now) ?? null;
  }

  /** Held by another session than `session`. */
  heldByOther(recordId: string, session: string, now: number): Lease | null {
    const lease = this.holder(recordId, now);
    return lease && lease.session !== session ? lease : null;
  }

  skippedBy(recordId: string, session: string, now: number): boolean {
    return this.byRecord.get(recordId)?.some((l) => l.skipped && l.session === session && l.until > now) ?? false;
  }

  /** Records this session holds, in the order they were given. */
  heldBy(session: string, now: number): string[] {
    const out: string[] = [];
    for (const [id, leases] of this.byRecord) if (leases.some((l) => !l.skipped && l.session === session && l.until > now)) out.push(id);
    return out;
  }

  take(recordId: string, session: string, reviewer: string, until: number): void {
    this.drop(recordId, (l) => !l.skipped);
    this.add({ recordId, session, reviewer, until, skipped: false });
  }

  release(recordId: string, session: string): void {
    this.drop(recordId, (l) => !l.skipped && l.session === session);
  }

  skip(recordId: string, session: string, reviewer: string, until: number): void {
    this.drop(recordId, (l) => l.session === session);
    this.add({ recordId, session, reviewer, until, skipped: true });
  }

  /** Every lease of the session (held ones) lasts until `until`. */
  renew(session: string, until: number): void {
    for (const leases of this.byRecord.values()) for (const l of leases) if (l.session === session && !l.skipped) l.until = until;
  }

  expire(now: number): void {
    for (const [id, leases] of this.byRecord) {
      const live = leases.filter((l) => l.until > now);
      if (live.length === 0) this.byRecord.delete(id);
      else this.byRecord.set(id, live);
    }
  }

  private add(lease: Lease): void {
    const list = this.byRecord.get(lease.recordId);
    if (list) list.push(lease);
    else this.byRecord.set(lease.recordId, [lease]);
  }

  private drop(recordId: string, which: (l: Lease) => boolean): void {
    const list = this.byRecord.get(recordId);
    if (!list) return;
    const kept = list.filter((l) => !which(l));
    if (kept.length === 0) this.byRecord.delete(recordId);
    else this.byRecord.set(recordId, kept);
  }
}

function isLease(x: unknown): x is Lease {
  const l = x as Lease;
  return (
    typeof l === 'object' && l !== null && typeof l.recordId === 'string' && typeof l.session === 'string' &&
    typeof l.reviewer === 'string' && typeof l.until === 'number' && typeof l.skipped === 'boolean'
  );
}

/** The leases in the folder; a missing or damaged file is no leases (they are only a courtesy between reviewers). */
export async function readLeases(outDir: string): Promise<LeaseBook> {
  try {
    const json = JSON.parse(await fs.readFile(path.join(outDir, LEASES_FILE), 'utf8')) as { leases?: unknown };
    return new LeaseBook(Array.isArray(json.leases) ? json.leases.filter(isLease) : []);
  } catch {
    return new LeaseBook();
  }
}

/** Call under the decision log's lock. */
export async function writeLeases(outDir: string, book: LeaseBook): Promise<void> {
  await writeFileAtomic(path.join(outDir, LEASES_FILE), JSON.stringify({ version: 1, leases: book.all() }) + '\n');
}
