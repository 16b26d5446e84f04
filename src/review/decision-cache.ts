/**
 * The decision log as the review server keeps it: parsed once, then only the lines appended since
 * (by this server or another one on the same folder) are read. A log that shrank or was replaced
 * is read again from the start.
 */
import { promises as fs } from 'node:fs';
import { historiesByRecord, type RecordHistory } from '../decisions/apply';
import { parseDecisionLog, type MalformedLine } from '../decisions/log';
import type { Decision } from '../decisions/schema';

export class DecisionCache {
  decisions: Decision[] = [];
  malformed: MalformedLine[] = [];
  histories = new Map<string, RecordHistory>();
  private readBytes = 0;
  private readLines = 0;
  private identity = '';

  /** The refresh under way: refreshes run one after another, never interleaved (they move `readBytes`). */
  private running: Promise<unknown> = Promise.resolve();

  constructor(readonly file: string) {}

  /** Reads what was appended; returns the ids of records whose history changed (all of them after a full re-read: null). */
  refresh(): Promise<Set<string> | null> {
    const run = this.running.then(() => this.readAppended());
    this.running = run.catch(() => undefined);
    return run;
  }

  private async readAppended(): Promise<Set<string> | null> {
    let stat: { size: number; ino: number; dev: number };
    try {
      stat = await fs.stat(this.file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      if (this.identity === '' && this.decisions.length === 0) return new Set();
      this.reset('');
      return null;
    }
    const identity = `${stat.dev}:${stat.ino}`;
    let full = false;
    if (identity !== this.identity || stat.size < this.readBytes) {
      this.reset(identity);
      full = true;
    }
    if (stat.size === this.readBytes) return full ? null : new Set();
    const handle = await fs.open(this.file, 'r');
    let text: string;
    try {
      const buffer = Buffer.alloc(stat.size - this.readBytes);
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, this.readBytes);
      // a line still being written is left for the next refresh
      const lastBreak = buffer.subarray(0, bytesRead).lastIndexOf(0x0a);
      if (lastBreak < 0) return full ? null : new Set();
      text = buffer.toString('utf8', 0, lastBreak + 1);
      this.readBytes += lastBreak + 1;
    } finally {
      await handle.close();
    }
    const parsed = parseDecisionLog(text);
    for (const m of parsed.malformed) this.malformed.push({ line: m.line + this.readLines, message: m.message });
    this.readLines += text.split('\n').length - 1;
    const changed = new Set<string>();
    for (const d of parsed.decisions) {
      this.decisions.push(d);
      changed.add(d.recordId);
    }
    // histories are rebuilt for the records touched only: undo looks at the record's earlier decisions
    const touched = historiesByRecord(this.decisions.filter((d) => changed.has(d.recordId)));
    for (const [id, history] of touched) this.histories.set(id, history);
    return full ? null : changed;
  }

  private reset(identity: string): void {
    this.decisions = [];
    this.malformed = [];
    this.histories = new Map();
    this.readBytes = 0;
    this.readLines = 0;
    this.identity = identity;
  }
}
