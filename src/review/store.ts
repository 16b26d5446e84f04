/**
 * The review server's view of an output directory: an index of records.jsonl (rebuilt when a re-run
 * replaces it), the decision log (appended lines read as they come), the leases of the reviewers'
 * pages, and the inputs listed in run.json (the only files whose text it will read). Filters, counts
 * and the queue's pages are computed here, so a page never holds more records than it shows.
 */
import { promises as fs } from 'node:fs';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { buildDecision, headDecision, replayDecisions, sameValue, type BuildDecisionResult, type RecordHistory } from '../decisions/apply';
import { appendDecision, DECISIONS_FILE, withDecisionLock } from '../decisions/files';
import type { Decision, DecisionRequest, EditableField } from '../decisions/schema';
import { DecodedInputs, type DecodedInput } from './decoded-inputs';
import type { Gazetteer } from '../gazetteer/gazetteer';
import type { TableRules } from '../extract/tables';
import type { StatRecord } from '../record/schema';
import { articleContext, markWords, sentenceContext, type ArticleContext } from './context';
import { DecisionCache } from './decision-cache';
import { LEASE_MS, LeaseBook, readLeases, SKIP_MS, writeLeases, type Lease } from './leases';
import { flagWords, reviewReasons, type Reason } from './reasons';
import { cachedRecordIndex, STATUS_CODES, type RecordIndex } from './record-index';

/** The record index saved between starts of the server (a cache: safe to delete). */
export const INDEX_CACHE_FILE = '.review-index.bin';
import { inSample, readSampleRate } from './sample';

export interface ReviewItem {
  /** The record with every decision so far applied. */
  record: StatRecord;
  /** Whether the pipeline sent it to review (its state before any decision was needs_review). */
  flagged: boolean;
  /** An auto record drawn into the review sample. */
  sampled: boolean;
  /** Why it is in the queue, in words (empty for a record that is not). */
  reasons: Reason[];
  /** Every flag of the record, in words. */
  notes: { flag: string; text: string }[];
  /** The decision in force (the one a new decision is based on), or null. */
  head: Decision | null;
  /** All decisions on the record, oldest first. */
  history: Decision[];
  /** Who holds the record now (a live lease), or null. */
  lease: { reviewer: string; mine: boolean; until: string } | null;
}

export const REVIEW_FILTERS = ['', 'open', 'decided', 'accepted', 'corrected', 'rejected'] as const;

export interface StateQuery {
  session: string;
  reviewer: string;
  /** `queue`: records sent to review (and the sample); `all`: every record. */
  view: 'queue' | 'all';
  review: (typeof REVIEW_FILTERS)[number];
  flag: string;
  file: string;
  /** A city name, `(none)` for records without one, or empty. */
  city: string;
  status: '' | 'actual' | 'target';
  metric: string;
  offset: number;
  limit: number;
  /** Hold the page's records for this session (the open queue only): nobody else is given them. */
  claim: boolean;
}

export interface ReviewerProgress {
  reviewer: string;
  /** Records whose decision in force is theirs. */
  records: number;
  /** Decisions they made (undos not counted). */
  decisions: number;
}

export interface ReviewState {
  total: number;
  offset: number;
  items: ReviewItem[];
  progress: { queue: number; decided: number; open: number; heldByOthers: number; reviewers: ReviewerProgress[] };
  options: { flags: string[]; files: string[]; cities: string[] };
  decisions: number;
  malformedDecisionLines: { line: number; message: string }[];
  sampleRate: number | null;
  leaseUntil: string | null;
}

export interface ReviewStoreOptions {
  outDir: string;
  /** Where relative `doc.file` paths are resolved: the directory extract ran in. */
  baseDir: string;
  decisionsFile?: string;
  gazetteer: Gazetteer | null;
  /** How tables are written (rules/tables.yaml): a table cell's record is shown in its table. */
  tables?: TableRules | null;
  /** Milliseconds a page keeps its records (default LEASE_MS). */
  leaseMs?: number;
  /** Clock, for tests of lease expiry. */
  now?: () => number;
}

export type DecideResult =
  | { ok: true; decision: Decision; item: ReviewItem; offers: ApplyOffer[] }
  | { ok: false; status: 400 | 409; error: string; issues?: { path: string; message: string }[]; head?: Decision | null; lease?: ItemLease; item: ReviewItem | null };

type ItemLease = NonNullable<ReviewItem['lease']>;

/** A correction that could be made to other records of the article, which had the same value. */
export interface ApplyOffer {
  field: 'city' | 'metric' | 'period';
  old: unknown;
  new: unknown;
  records: number;
}

export const APPLY_FIELDS = ['city', 'metric', 'period'] as const;
const OPTION_LIMIT = 2000;

export class ReviewStore {
  readonly decisionsFile: string;
  private index!: RecordIndex;
  private readonly cache: DecisionCache;
  /** Records with decisions, as they stand now. */
  private current = new Map<number, StatRecord>();
  private inputs = new Set<string>();
  private loadedStamp = '';
  private leases = new LeaseBook();
  private leasesStamp = '';
  private sampleRate: number | null = null;
  private readonly leaseMs: number;
  private readonly now: () => number;
  /** Inputs decoded for the article view, kept while unchanged: the next record is most likely in the same file. */
  readonly decodedInputs = new DecodedInputs();

  private constructor(private readonly options: ReviewStoreOptions) {
    this.decisionsFile = options.decisionsFile ?? path.join(options.outDir, DECISIONS_FILE);
    this.cache = new DecisionCache(this.decisionsFile);
    this.leaseMs = options.leaseMs ?? LEASE_MS;
    this.now = options.now ?? Date.now;
  }

  static async open(options: ReviewStoreOptions): Promise<ReviewStore> {
    const store = new ReviewStore(options);
    await store.refresh();
    return store;
  }

  private refreshing: Promise<unknown> = Promise.resolve();

  /**
   * Reloads records.jsonl and run.json when `zhstat extract` has replaced them, and reads new
   * decisions. Requests come in at once (two reviewers): refreshes run one after another.
   */
  refresh(): Promise<void> {
    const run = this.refreshing.then(() => this.reload());
    this.refreshing = run.catch(() => undefined);
    return run;
  }

  private async reload(): Promise<void> {
    const recordsFile = path.join(this.options.outDir, 'records.jsonl');
    const runFile = path.join(this.options.outDir, 'run.json');
    const stamp = await Promise.all([recordsFile, runFile].map((f) => fs.stat(f).then((s) => `${s.ino}:${s.mtimeMs}:${s.size}`, () => 'missing'))).then((s) => s.join('|'));
    let all = false;
    if (stamp !== this.loadedStamp) {
      this.index = await cachedRecordIndex(recordsFile, path.join(this.options.outDir, INDEX_CACHE_FILE));
      this.inputs = await readManifestInputs(runFile);
      this.sampleRate = await readSampleRate(this.options.outDir);
      this.loadedStamp = stamp;
      all = true;
    }
    const changed = await this.cache.refresh();
    if (all || changed === null) {
      this.current = new Map();
      await this.replay([...this.cache.histories.keys()]);
    } else if (changed.size > 0) {
      await this.replay([...changed]);
    }
  }

  private async replay(recordIds: readonly string[]): Promise<void> {
    const positions = recordIds.map((id) => this.index.byId.get(id)).filter((i): i is number => i !== undefined);
    const records = await this.index.read(positions);
    positions.forEach((i, k) => this.current.set(i, replayDecisions(records[k], this.cache.histories.get(this.index.ids[i])?.all ?? [])));
  }

  private async refreshLeases(force: boolean): Promise<void> {
    const file = path.join(this.options.outDir, 'review-leases.json');
    const stamp = await fs.stat(file).then((s) => `${s.ino}:${s.mtimeMs}:${s.size}`, () => 'missing');
    if (!force && stamp === this.leasesStamp) return;
    this.leases = await readLeases(this.options.outDir);
    this.leasesStamp = stamp;
  }

  private async saveLeases(): Promise<void> {
    this.leases.expire(this.now());
    await writeLeases(this.options.outDir, this.leases);
    this.leasesStamp = await fs.stat(path.join(this.options.outDir, 'review-leases.json')).then((s) => `${s.ino}:${s.mtimeMs}:${s.size}`, () => 'missing');
  }

  private history(i: number): RecordHistory | undefined {
    return this.cache.histories.get(this.index.ids[i]);
  }

  private isFlagged(i: number): boolean {
    const h = this.history(i);
    return (h && h.all.length > 0 ? h.all[0].review.old : this.index.reviewState(i)) === 'needs_review';
  }

  private isSampled(i: number): boolean {
    if (this.sampleRate === null) return false;
    const h = this.history(i);
    const original = h && h.all.length > 0 ? h.all[0].review.old : this.index.reviewState(i);
    return original === 'auto' && inSample(this.index.ids[i], this.sampleRate);
  }

  private isDecided(i: number): boolean {
    const h = this.history(i);
    return Boolean(h && h.inForce.length > 0);
  }

  /** A test of one record against the query's filters (not the review state nor the leases). */
  private fieldFilter(query: StateQuery): (i: number) => boolean {
    const ix = this.index;
    const tests: ((i: number) => boolean)[] = [];
    if (query.view === 'queue') tests.push((i) => this.isFlagged(i) || this.isSampled(i));
    if (query.flag) {
      const sets = new Set(ix.flagSets.flatMap((s, id) => (s.includes(query.flag) ? [id] : [])));
      tests.push((i) => (this.current.get(i)?.flags.includes(query.flag) ?? sets.has(ix.flagSetOf[i])));
    }
    if (query.file) tests.push((i) => ix.files[ix.fileOf[i]] === query.file);
    if (query.city) {
      const want = query.city === '(none)' ? null : query.city;
      const id = want === null ? -1 : ix.cities.indexOf(want);
      tests.push((i) => {
        const r = this.current.get(i);
        if (r) return (r.city?.name ?? null) === want;
        return want === null ? ix.cityOf[i] === -1 : id >= 0 && ix.cityOf[i] === id;
      });
    }
    if (query.status) {
      const code = STATUS_CODES.indexOf(query.status);
      tests.push((i) => (this.current.get(i)?.status ?? STATUS_CODES[ix.statusOf[i]]) === STATUS_CODES[code]);
    }
    const metric = query.metric.trim();
    if (metric) {
      const hits = new Set(ix.metrics.flatMap((m, id) => (m.includes(metric) ? [id] : [])));
      tests.push((i) => {
        const r = this.current.get(i);
        if (r) return r.metric.name.includes(metric) || r.metric.text.includes(metric);
        return hits.has(ix.metricNameOf[i]) || hits.has(ix.metricTextOf[i]);
      });
    }
    return (i) => tests.every((t) => t(i));
  }

  private reviewFilter(review: StateQuery['review']): (i: number) => boolean {
    switch (review) {
      case '':
        return () => true;
      case 'open':
        return (i) => !this.isDecided(i);
      case 'decided':
        return (i) => this.isDecided(i);
      default:
        return (i) => this.isDecided(i) && this.current.get(i)?.review === review;
    }
  }

  async state(query: StateQuery): Promise<ReviewState> {
    await this.refresh();
    const claim = query.claim && query.review === 'open';
    if (claim) await withDecisionLock(this.decisionsFile, () => this.claim(query));
    else await this.refreshLeases(false);
    const now = this.now();
    const matches = this.fieldFilter(query);
    const review = this.reviewFilter(query.review);
    const page: number[] = [];
    let total = 0;
    for (const i of this.index.order) {
      if (!review(i) || !matches(i)) continue;
      if (claim && (this.leases.heldByOther(this.index.ids[i], query.session, now) || this.leases.skippedBy(this.index.ids[i], query.session, now))) continue;
      if (claim ? this.leases.holder(this.index.ids[i], now)?.session === query.session && page.length < query.limit : total >= query.offset && page.length < query.limit) page.push(i);
      total++;
    }
    const mine = this.leases.heldBy(query.session, now);
    const until = mine.length > 0 ? this.leases.holder(mine[0], now)?.until ?? null : null;
    return {
      total,
      offset: claim ? 0 : query.offset,
      items: await this.items(page, query.session),
      progress: this.progress(query.session),
      options: this.filterOptions(),
      decisions: this.cache.decisions.length,
      malformedDecisionLines: this.cache.malformed,
      sampleRate: this.sampleRate,
      leaseUntil: until === null ? null : new Date(until).toISOString(),
    };
  }

  /** Gives the session the first `limit` open records of its filtered queue that nobody else holds; releases what it held beyond them. */
  private async claim(query: StateQuery): Promise<void> {
    await this.refresh();
    await this.refreshLeases(true);
    const now = this.now();
    this.leases.expire(now);
    const matches = this.fieldFilter(query);
    const wanted = new Set<string>();
    for (const i of this.index.order) {
      if (wanted.size >= query.limit) break;
      const id = this.index.ids[i];
      if (this.isDecided(i) || !matches(i) || this.leases.heldByOther(id, query.session, now) || this.leases.skippedBy(id, query.session, now)) continue;
      wanted.add(id);
    }
    for (const id of this.leases.heldBy(query.session, now)) if (!wanted.has(id)) this.leases.release(id, query.session);
    for (const id of wanted) this.leases.take(id, query.session, query.reviewer, now + this.leaseMs);
    await this.saveLeases();
  }

  private progress(session: string): ReviewState['progress'] {
    const now = this.now();
    let queue = 0;
    let decided = 0;
    let heldByOthers = 0;
    for (let i = 0; i < this.index.count; i++) {
      if (!this.isFlagged(i) && !this.isSampled(i)) continue;
      queue++;
      if (this.isDecided(i)) decided++;
      else if (this.leases.heldByOther(this.index.ids[i], session, now)) heldByOthers++;
    }
    const reviewers = new Map<string, ReviewerProgress>();
    const of = (name: string) => {
      let p = reviewers.get(name);
      if (!p) reviewers.set(name, (p = { reviewer: name, records: 0, decisions: 0 }));
      return p;
    };
    for (const d of this.cache.decisions) if (d.action !== 'undo' && this.index.byId.has(d.recordId)) of(d.reviewer).decisions++;
    for (const [id, h] of this.cache.histories) {
      const head = headDecision(h);
      if (head && this.index.byId.has(id)) of(head.reviewer).records++;
    }
    return { queue, decided, open: queue - decided, heldByOthers, reviewers: [...reviewers.values()].sort((a, b) => b.records - a.records || a.reviewer.localeCompare(b.reviewer)) };
  }

  private filterOptions(): ReviewState['options'] {
    const sorted = (values: Iterable<string>) => [...new Set(values)].sort((a, b) => a.localeCompare(b, 'zh')).slice(0, OPTION_LIMIT);
    const cities = [...this.index.cities];
    for (const r of this.current.values()) if (r.city) cities.push(r.city.name);
    return { flags: sorted(this.index.flagSets.flat()), files: sorted(this.index.files), cities: sorted(cities) };
  }

  private async items(positions: readonly number[], session: string): Promise<ReviewItem[]> {
    const unread = positions.filter((i) => !this.current.has(i));
    const read = await this.index.read(unread);
    const fresh = new Map(unread.map((i, k) => [i, read[k]]));
    return positions.map((i) => this.toItem(i, this.current.get(i) ?? fresh.get(i)!, session));
  }

  private toItem(i: number, record: StatRecord, session: string): ReviewItem {
    const history = this.history(i);
    const flagged = this.isFlagged(i);
    const sampled = !flagged && this.isSampled(i);
    const lease = this.leases.holder(record.id, this.now());
    return {
      record,
      flagged,
      sampled,
      reasons: flagged || sampled ? reviewReasons(record, flagged, sampled ? this.sampleRate : null) : [],
      notes: record.flags.map((flag) => ({ flag, text: flagWords(flag) })),
      head: headDecision(history),
      history: history?.all ?? [],
      lease: lease ? itemLease(lease, session) : null,
    };
  }

  async item(recordId: string, session = ''): Promise<ReviewItem | null> {
    await this.refresh();
    const i = this.index.byId.get(recordId);
    if (i === undefined) return null;
    return (await this.items([i], session))[0];
  }

  /**
   * Validates and appends a decision, under the log's lock so that the checks stay true until the
   * append: a record another page holds is refused, and so is a decided record unless the reviewer
   * asked to change its decision.
   */
  async decide(request: DecisionRequest, reviewer: string): Promise<DecideResult> {
    await this.refresh();
    const i = this.index.byId.get(request.recordId);
    if (i === undefined) return { ok: false, status: 400, error: `no record ${request.recordId} in this output`, issues: [], item: null };
    const session = request.session ?? '';
    return withDecisionLock(this.decisionsFile, async () => {
      await this.refresh();
      await this.refreshLeases(true);
      const now = this.now();
      const other = this.leases.heldByOther(request.recordId, session, now);
      if (other) {
        const item = await this.item(request.recordId, session);
        return { ok: false, status: 409, error: `${other.reviewer} is working on this record (held until ${new Date(other.until).toISOString()})`, lease: itemLease(other, session), head: item?.head ?? null, item };
      }
      const result = await this.append(i, request, reviewer);
      if (!result.ok) return { ...result, item: await this.item(request.recordId, session) };
      // an undone record goes back to the page that undid it; a decided one needs no holder
      if (request.action === 'undo' && session && !this.leases.holder(request.recordId, now)) this.leases.take(request.recordId, session, reviewer, now + this.leaseMs);
      else this.leases.release(request.recordId, session);
      if (session) this.leases.renew(session, now + this.leaseMs);
      await this.saveLeases();
      const item = (await this.item(request.recordId, session))!;
      const offers = request.action === 'correct' ? await this.applyOffers(i, result.decision, session) : [];
      return { ok: true, decision: result.decision, item, offers };
    });
  }

  /** Builds and appends one decision on record `i`; call under the lock, after refresh. */
  private async append(i: number, request: DecisionRequest, reviewer: string): Promise<BuildDecisionResult> {
    const history = this.history(i);
    const current = this.current.get(i) ?? (await this.index.read([i]))[0];
    const result = buildDecision(request, current, history, { id: randomUUID(), reviewer, at: new Date(this.now()).toISOString() });
    if (!result.ok) return result;
    await appendDecision(this.decisionsFile, result.decision);
    await this.refresh();
    return result;
  }

  /** Records of the same article (or sentence) as `i`, open, not held by another page, read back. */
  private async neighbours(i: number, scope: 'article' | 'sentence', session: string): Promise<{ positions: number[]; records: StatRecord[]; held: number }> {
    const ix = this.index;
    const now = this.now();
    const candidates: number[] = [];
    let held = 0;
    for (let j = 0; j < ix.count; j++) {
      if (ix.fileOf[j] !== ix.fileOf[i] || ix.article[j] !== ix.article[i]) continue;
      if (scope === 'sentence' && ix.sentenceHash[j] !== ix.sentenceHash[i]) continue;
      if (this.isDecided(j)) continue;
      if (this.leases.heldByOther(ix.ids[j], session, now)) {
        held++;
        continue;
      }
      candidates.push(j);
    }
    const records = await ix.read(candidates);
    if (scope === 'sentence') {
      const sentence = (this.current.get(i) ?? (await ix.read([i]))[0]).sentence;
      const keep = records.map((r) => r.sentence === sentence);
      return { positions: candidates.filter((_, k) => keep[k]), records: records.filter((_, k) => keep[k]), held };
    }
    return { positions: candidates, records, held };
  }

  /** Accepts every open queued record of the sentence (or article) of `recordId` that no other page holds. */
  async bulkAccept(recordId: string, scope: 'sentence' | 'article', reviewer: string, session: string): Promise<{ decided: ReviewItem[]; heldByOthers: number } | null> {
    await this.refresh();
    const i = this.index.byId.get(recordId);
    if (i === undefined) return null;
    return withDecisionLock(this.decisionsFile, async () => {
      await this.refresh();
      await this.refreshLeases(true);
      const { positions, held } = await this.neighbours(i, scope, session);
      const decided: ReviewItem[] = [];
      for (const j of positions) {
        if (!this.isFlagged(j) && !this.isSampled(j)) continue;
        const result = await this.append(j, { recordId: this.index.ids[j], action: 'accept', basedOn: null, session }, reviewer);
        if (result.ok) {
          this.leases.release(this.index.ids[j], session);
          decided.push((await this.item(this.index.ids[j], session))!);
        }
      }
      if (session) this.leases.renew(session, this.now() + this.leaseMs);
      await this.saveLeases();
      return { decided, heldByOthers: held };
    });
  }

  /** For each of city, metric, period that a correction changed: how many open records of the article had the old value. */
  private async applyOffers(i: number, decision: Decision, session: string): Promise<ApplyOffer[]> {
    const fields = APPLY_FIELDS.filter((f) => decision.changes[f]);
    if (fields.length === 0) return [];
    const { positions, records } = await this.neighbours(i, 'article', session);
    return fields
      .map((field) => {
        const change = decision.changes[field]!;
        const count = records.filter((r, k) => positions[k] !== i && sameFieldValue(field, r[field], change.old)).length;
        return { field, old: change.old, new: change.new, records: count };
      })
      .filter((o) => o.records > 0);
  }

  /**
   * Makes the correction of `field` that the reviewer saved on `recordId` (its decision in force) to
   * the other open records of the article that had the same old value.
   */
  async applyToArticle(recordId: string, field: (typeof APPLY_FIELDS)[number], reviewer: string, session: string): Promise<{ decided: ReviewItem[]; heldByOthers: number } | { error: string }> {
    await this.refresh();
    const i = this.index.byId.get(recordId);
    if (i === undefined) return { error: `no record ${recordId} in this output` };
    return withDecisionLock(this.decisionsFile, async () => {
      await this.refresh();
      await this.refreshLeases(true);
      const head = headDecision(this.history(i));
      const change = head?.action === 'correct' ? head.changes[field] : undefined;
      if (!head || !change) return { error: `the decision in force on ${recordId} does not correct ${field}` };
      const { positions, records, held } = await this.neighbours(i, 'article', session);
      const decided: ReviewItem[] = [];
      for (let k = 0; k < positions.length; k++) {
        const j = positions[k];
        const r = records[k];
        if (j === i || !sameFieldValue(field, r[field], change.old)) continue;
        const value = field === 'metric' && change.new ? { ...(change.new as StatRecord['metric']), text: r.metric.text } : change.new;
        const fields = { [field]: value } as Partial<Record<EditableField, unknown>>;
        const result = await this.append(j, { recordId: r.id, action: 'correct', fields, basedOn: null, session }, reviewer);
        if (result.ok) {
          this.leases.release(r.id, session);
          decided.push((await this.item(r.id, session))!);
        }
      }
      if (session) this.leases.renew(session, this.now() + this.leaseMs);
      await this.saveLeases();
      return { decided, heldByOthers: held };
    });
  }

  /** Sets the record aside for this page: it goes back to the others, and this page is not given it again for a while. */
  async skip(recordId: string, reviewer: string, session: string): Promise<boolean> {
    await this.refresh();
    if (!this.index.byId.has(recordId)) return false;
    await withDecisionLock(this.decisionsFile, async () => {
      await this.refreshLeases(true);
      const now = this.now();
      if (this.leases.holder(recordId, now)?.session === session || !this.leases.holder(recordId, now)) this.leases.skip(recordId, session, reviewer, now + SKIP_MS);
      this.leases.renew(session, now + this.leaseMs);
      await this.saveLeases();
    });
    return true;
  }

  /** The page was closed: its records go back to the others at once (its skips stay). */
  async release(session: string): Promise<number> {
    return withDecisionLock(this.decisionsFile, async () => {
      await this.refreshLeases(true);
      const held = this.leases.heldBy(session, this.now());
      for (const id of held) this.leases.release(id, session);
      await this.saveLeases();
      return held.length;
    });
  }

  /** The article text around the record, read from its input only if run.json lists that input. */
  async context(recordId: string): Promise<ArticleContext | null> {
    const item = await this.item(recordId);
    if (!item) return null;
    const current = item.record;
    const aliases = current.city && this.options.gazetteer ? this.cityAliases(current.city.code, current.city.name) : [];
    const words = markWords(current, aliases);
    const file = current.doc.file;
    if (!this.inputs.has(file)) return sentenceContext(current, words, `${file} is not an input of this run`);
    let decoded: DecodedInput;
    try {
      decoded = await this.decodedInputs.read(path.resolve(this.options.baseDir, file));
    } catch (err) {
      return sentenceContext(current, words, `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    if (!decoded.ok) return sentenceContext(current, words, `cannot decode ${file}: ${decoded.reason}`);
    const corrected = APPLY_FIELDS.filter((f) => item.history.some((d) => d.action === 'correct' && d.changes[f]));
    return articleContext(decoded.text, current, words, corrected, this.options.tables ?? null, decoded.visible) ?? sentenceContext(current, words, `${file} has changed since extraction: showing the record's sentence`);
  }

  private cityAliases(code: string | null, name: string): string[] {
    const g = this.options.gazetteer!;
    const place = (code ? g.byCode(code) : null) ?? g.byName(name);
    return place ? place.aliases : [];
  }
}

function itemLease(lease: Lease, session: string): ItemLease {
  return { reviewer: lease.reviewer, mine: lease.session === session, until: new Date(lease.until).toISOString() };
}

/** Two values of a field are the same claim: metrics by name and id (their words differ record to record). */
function sameFieldValue(field: (typeof APPLY_FIELDS)[number], a: unknown, b: unknown): boolean {
  if (field === 'metric') {
    const x = a as StatRecord['metric'] | null;
    const y = b as StatRecord['metric'] | null;
    return Boolean(x && y && x.name === y.name && x.id === y.id);
  }
  return sameValue(a, b);
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
