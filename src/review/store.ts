/**
 * The review server's view of an output directory: the records (records.jsonl, reloaded when a re-run
 * replaces it), the decision log (read fresh for every request, appended under the log's lock) and
 * the inputs listed in run.json (the only files whose text it will read).
 */
import { promises as fs } from 'node:fs';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { buildDecision, historiesByRecord, originalReviewState, replayDecisions, type BuildDecisionResult, type RecordHistory } from '../decisions/apply';
import { appendDecision, DECISIONS_FILE, readDecisionLog, readRecordsFile, withDecisionLock } from '../decisions/files';
import type { Decision, DecisionRequest } from '../decisions/schema';
import { decodeBytes } from '../ingest/decode';
import type { Gazetteer } from '../gazetteer/gazetteer';
import type { StatRecord } from '../record/schema';
import { contextAround, markWords, readableText, sentenceContext, type ArticleContext } from './context';

export interface ReviewItem {
  /** The record with every decision so far applied. */
  record: StatRecord;
  /** Whether the pipeline sent it to review (its state before any decision was needs_review). */
  flagged: boolean;
  /** The decision in force (the one a new decision is based on), or null. */
  head: Decision | null;
  /** All decisions on the record, oldest first. */
  history: Decision[];
}

export interface ReviewState {
  items: ReviewItem[];
  decisions: number;
  malformedDecisionLines: { line: number; message: string }[];
}

export interface ReviewStoreOptions {
  outDir: string;
  /** Where relative `doc.file` paths are resolved: the directory extract ran in. */
  baseDir: string;
  decisionsFile?: string;
  gazetteer: Gazetteer | null;
}

export class ReviewStore {
  readonly decisionsFile: string;
  private records: StatRecord[] = [];
  private byId = new Map<string, StatRecord>();
  private inputs = new Set<string>();
  private loadedStamp = '';

  private constructor(private readonly options: ReviewStoreOptions) {
    this.decisionsFile = options.decisionsFile ?? path.join(options.outDir, DECISIONS_FILE);
  }

  static async open(options: ReviewStoreOptions): Promise<ReviewStore> {
    const store = new ReviewStore(options);
    await store.refresh();
    return store;
  }

  /** Reloads records.jsonl and run.json when `zhstat extract` has replaced them. */
  async refresh(): Promise<void> {
    const recordsFile = path.join(this.options.outDir, 'records.jsonl');
    const runFile = path.join(this.options.outDir, 'run.json');
    const stamp = await Promise.all([recordsFile, runFile].map((f) => fs.stat(f).then((s) => `${s.mtimeMs}:${s.size}`, () => 'missing'))).then((s) => s.join('|'));
    if (stamp === this.loadedStamp) return;
    this.records = await readRecordsFile(recordsFile);
    this.byId = new Map(this.records.map((r) => [r.id, r]));
    this.inputs = await readManifestInputs(runFile);
    this.loadedStamp = stamp;
  }

  async state(): Promise<ReviewState> {
    await this.refresh();
    const log = await readDecisionLog(this.decisionsFile);
    const histories = historiesByRecord(log.decisions);
    return {
      items: this.records.map((r) => this.toItem(r, histories.get(r.id))),
      decisions: log.decisions.length,
      malformedDecisionLines: log.malformed,
    };
  }

  async item(recordId: string): Promise<ReviewItem | null> {
    await this.refresh();
    const record = this.byId.get(recordId);
    if (!record) return null;
    const log = await readDecisionLog(this.decisionsFile);
    return this.toItem(record, historiesByRecord(log.decisions).get(recordId));
  }

  /** Validates and appends a decision, under the log's lock so that the conflict check stays true until the append. */
  async decide(request: DecisionRequest, reviewer: string): Promise<{ result: BuildDecisionResult; item: ReviewItem | null }> {
    await this.refresh();
    const record = this.byId.get(request.recordId);
    if (!record) return { result: { ok: false, status: 400, error: `no record ${request.recordId} in this output`, issues: [] }, item: null };
    return withDecisionLock(this.decisionsFile, async () => {
      const log = await readDecisionLog(this.decisionsFile);
      const history = historiesByRecord(log.decisions).get(record.id);
      const current = replayDecisions(record, history?.all ?? []);
      const result = buildDecision(request, current, history, { id: randomUUID(), reviewer, at: new Date().toISOString() });
      if (!result.ok) return { result, item: this.toItem(record, history) };
      await appendDecision(this.decisionsFile, result.decision);
      const after: RecordHistory = historiesByRecord([...(history?.all ?? []), result.decision]).get(record.id)!;
      return { result, item: this.toItem(record, after) };
    });
  }

  /** The article text around the record, read from its input only if run.json lists that input. */
  async context(recordId: string): Promise<ArticleContext | null> {
    await this.refresh();
    const record = this.byId.get(recordId);
    if (!record) return null;
    const current = (await this.item(recordId))?.record ?? record;
    const aliases = current.city && this.options.gazetteer ? this.cityAliases(current.city.code, current.city.name) : [];
    const words = markWords(current, aliases);
    if (!this.inputs.has(record.doc.file)) return sentenceContext(current, words, `${record.doc.file} is not an input of this run`);
    let bytes: Buffer;
    try {
      bytes = await fs.readFile(path.resolve(this.options.baseDir, record.doc.file));
    } catch (err) {
      return sentenceContext(current, words, `cannot read ${record.doc.file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    const decoded = decodeBytes(bytes);
    if (!decoded.ok) return sentenceContext(current, words, `cannot decode ${record.doc.file}: ${decoded.reason}`);
    const readable = readableText(decoded.text, record.span);
    if (!readable || decoded.text.slice(record.span[0], record.span[1]) !== record.quote) {
      return sentenceContext(current, words, `${record.doc.file} has changed since extraction: showing the record's sentence`);
    }
    return contextAround(readable.text, readable.span, words);
  }

  private cityAliases(code: string | null, name: string): string[] {
    const g = this.options.gazetteer!;
    const place = (code ? g.byCode(code) : null) ?? g.byName(name);
    return place ? place.aliases : [];
  }

  private toItem(record: StatRecord, history: RecordHistory | undefined): ReviewItem {
    return {
      record: replayDecisions(record, history?.all ?? []),
      flagged: originalReviewState(record, history) === 'needs_review',
      head: history && history.inForce.length > 0 ? history.inForce[history.inForce.length - 1] : null,
      history: history?.all ?? [],
    };
  }
}

/** The input files of the run, as given to extract (the same strings as `doc.file`). */
async function readManifestInputs(runFile: string): Promise<Set<string>> {
  try {
    const manifest = JSON.parse(await fs.readFile(runFile, 'utf8')) as { inputs?: unknown };
    return new Set(Array.isArray(manifest.inputs) ? manifest.inputs.filter((x): x is string => typeof x === 'string') : []);
  } catch {
    return new Set();
  }
}
