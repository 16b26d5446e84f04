/**
 * The decision log on disk. Appends are one write(2) of one whole line on a file opened O_APPEND, so
 * lines from two processes never interleave; the read-check-append of a decision runs under an
 * in-process mutex and a lock file, so two tabs or two review servers cannot both pass the conflict
 * check for the same record. The file is never rewritten or truncated.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { RecordSchema, type StatRecord } from '../record/schema';
import { applyDecisions } from './apply';
import { decisionLine, parseDecisionLog, type DecisionLog } from './log';
import type { Decision } from './schema';

export const DECISIONS_FILE = 'decisions.jsonl';

export async function readDecisionLog(file: string): Promise<DecisionLog> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { decisions: [], malformed: [] };
    throw err;
  }
  return parseDecisionLog(text);
}

/** Appends one decision; call inside withDecisionLock. */
export async function appendDecision(file: string, decision: Decision): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  const handle = await fs.open(file, 'a+');
  try {
    // a line cut short by a crash must not swallow the next decision: start it on a line of its own
    const { size } = await handle.stat();
    let prefix = '';
    if (size > 0) {
      const last = Buffer.alloc(1);
      await handle.read(last, 0, 1, size - 1);
      if (last[0] !== 0x0a) prefix = '\n';
    }
    const bytes = Buffer.from(prefix + decisionLine(decision), 'utf8');
    const { bytesWritten } = await handle.write(bytes, 0, bytes.length, null);
    if (bytesWritten !== bytes.length) throw new Error(`short write to ${file} (${bytesWritten} of ${bytes.length} bytes)`);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

const inProcessQueues = new Map<string, Promise<unknown>>();
/** A lock file older than this is left over from a crashed process. */
const STALE_LOCK_MS = 10_000;
const LOCK_WAIT_MS = 5_000;

/** Runs `fn` while holding the log's lock: first within this process, then across processes. */
export function withDecisionLock<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const key = path.resolve(file);
  const previous = inProcessQueues.get(key) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => withLockFile(`${key}.lock`, fn));
  inProcessQueues.set(key, run);
  return run;
}

async function withLockFile<T>(lockPath: string, fn: () => Promise<T>): Promise<T> {
  await fs.mkdir(path.dirname(lockPath), { recursive: true });
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      const handle = await fs.open(lockPath, 'wx');
      await handle.writeFile(`${process.pid}\n`);
      await handle.close();
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const age = await fs.stat(lockPath).then((s) => Date.now() - s.mtimeMs, () => 0);
      if (age > STALE_LOCK_MS) {
        await fs.rm(lockPath, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`the decision log is locked by another process (${lockPath}); try again`);
      await new Promise((r) => setTimeout(r, 15));
    }
  }
  try {
    return await fn();
  } finally {
    await fs.rm(lockPath, { force: true });
  }
}

export class RecordsFileError extends Error {
  override name = 'RecordsFileError';
}

/** Reads `<out>/records.jsonl`, validating every line against the record contract. */
export async function readRecordsFile(file: string): Promise<StatRecord[]> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (err) {
    throw new RecordsFileError(`cannot read ${file}: ${(err as Error).message} (run \`zhstat extract … --out <dir>\` first)`);
  }
  const records: StatRecord[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    let json: unknown;
    try {
      json = JSON.parse(lines[i]);
    } catch (err) {
      throw new RecordsFileError(`${file}:${i + 1}: not JSON: ${(err as Error).message}`);
    }
    const parsed = RecordSchema.safeParse(json);
    if (!parsed.success) {
      throw new RecordsFileError(`${file}:${i + 1}: not a valid record: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    }
    records.push(parsed.data);
  }
  return records;
}

export interface DecisionsSummary {
  file: string;
  lines: number;
  decided: number;
  orphaned: number;
  invalid: { recordId: string; issues: { path: string; message: string }[] }[];
  malformed: { line: number; message: string }[];
}

/**
 * What `zhstat extract` and `zhstat export` do with the log: apply it to the records by id.
 * Orphaned decisions are returned for the manifest; the log itself is left alone.
 */
export async function applyDecisionFile(file: string, records: readonly StatRecord[]): Promise<{ records: StatRecord[]; summary: DecisionsSummary; orphaned: Decision[] }> {
  const log = await readDecisionLog(file);
  const applied = applyDecisions(records, log.decisions);
  const entries = decisionsManifest(file, log, applied);
  return { records: applied.records, summary: entries.decisions, orphaned: entries.orphanedDecisions };
}

/** The run.json entries for the decisions a run applied: a summary, and the orphaned decisions in full. */
export function decisionsManifest(
  file: string,
  log: DecisionLog,
  applied: { decided: number; orphaned: Decision[]; invalid: DecisionsSummary['invalid'] },
): { decisions: DecisionsSummary; orphanedDecisions: Decision[] } {
  return {
    decisions: {
      file,
      lines: log.decisions.length,
      decided: applied.decided,
      orphaned: applied.orphaned.length,
      invalid: applied.invalid,
      malformed: log.malformed,
    },
    orphanedDecisions: applied.orphaned,
  };
}

/** Warnings for the extract log: decisions that were not applied. */
export function decisionsWarnings(summary: DecisionsSummary): string[] {
  const lines: string[] = [];
  if (summary.orphaned > 0) lines.push(`zhstat: warning: ${summary.orphaned} decision(s) in ${summary.file} name records this run did not produce (kept; listed in run.json as orphanedDecisions)`);
  if (summary.invalid.length > 0) lines.push(`zhstat: warning: decisions on ${summary.invalid.length} record(s) would break the record contract and were not applied (see run.json)`);
  if (summary.malformed.length > 0) lines.push(`zhstat: warning: ${summary.malformed.length} unreadable line(s) in ${summary.file} were ignored (first: line ${summary.malformed[0].line})`);
  return lines;
}
