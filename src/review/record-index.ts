/**
 * records.jsonl as the review server keeps it: not the records, but a few columns per record (typed
 * arrays and interned strings) for filtering, counting and ordering the queue, and each line's byte
 * range, so that a page of records is read back from the file when asked for. 400,000 records take
 * tens of megabytes this way instead of gigabytes of objects.
 */
import { promises as fs } from 'node:fs';
import * as v8 from 'node:v8';
import { writeFileAtomic } from '../output/atomic';
import { REVIEW_STATES, type StatRecord } from '../record/schema';
import { isValidRecord } from '../record/guard';
import { RecordsFileError } from '../decisions/files';

export type ReviewState = (typeof REVIEW_STATES)[number];

class Interner {
  readonly values: string[] = [];
  private readonly ids = new Map<string, number>();
  id(value: string): number {
    let id = this.ids.get(value);
    if (id === undefined) {
      id = this.values.length;
      this.values.push(value);
      this.ids.set(value, id);
    }
    return id;
  }
}

/** Grows a typed array by doubling; `view` gives the filled part. */
class Column<T extends Float64Array | Uint32Array | Int32Array | Uint8Array> {
  data: T;
  constructor(private readonly make: (n: number) => T) {
    this.data = make(1024);
  }
  set(i: number, value: number): void {
    if (i >= this.data.length) {
      const next = this.make(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[i] = value;
  }
  view(n: number): T {
    return this.data.slice(0, n) as T;
  }
}

export const STATUS_CODES = ['actual', 'target'] as const;

export class RecordIndex {
  readonly byId: Map<string, number>;
  /** Record positions in queue order: least confident first, then by file and place in it. */
  readonly order: Uint32Array;

  constructor(
    readonly file: string,
    readonly count: number,
    readonly ids: string[],
    readonly offset: Float64Array,
    readonly length: Uint32Array,
    readonly confidence: Float64Array,
    readonly review: Uint8Array,
    readonly fileOf: Uint32Array,
    readonly files: string[],
    readonly article: Uint32Array,
    readonly cityOf: Int32Array,
    readonly cities: string[],
    readonly metricNameOf: Uint32Array,
    readonly metricTextOf: Uint32Array,
    readonly metrics: string[],
    readonly statusOf: Uint8Array,
    readonly flagSetOf: Uint32Array,
    readonly flagSets: string[][],
    readonly sentenceHash: Uint32Array,
    readonly spanStart: Float64Array,
    order?: Uint32Array,
  ) {
    this.byId = new Map();
    for (let i = 0; i < count; i++) this.byId.set(ids[i], i);
    if (order) {
      this.order = order;
      return;
    }
    const fileRank = rankOf(files);
    const sorted = new Uint32Array(count);
    for (let i = 0; i < count; i++) sorted[i] = i;
    sorted.sort((a, b) => confidence[a] - confidence[b] || fileRank[fileOf[a]] - fileRank[fileOf[b]] || spanStart[a] - spanStart[b]);
    this.order = sorted;
  }

  /** Everything the constructor needs, for the index cache (the file name aside). */
  columns(): unknown[] {
    return [
      this.count, this.ids, this.offset, this.length, this.confidence, this.review, this.fileOf, this.files, this.article, this.cityOf,
      this.cities, this.metricNameOf, this.metricTextOf, this.metrics, this.statusOf, this.flagSetOf, this.flagSets, this.sentenceHash,
      this.spanStart, this.order,
    ];
  }

  reviewState(i: number): ReviewState {
    return REVIEW_STATES[this.review[i]];
  }

  flags(i: number): string[] {
    return this.flagSets[this.flagSetOf[i]];
  }

  /** Reads records back from the file by position, in the order asked. */
  async read(positions: readonly number[]): Promise<StatRecord[]> {
    if (positions.length === 0) return [];
    const handle = await fs.open(this.file, 'r');
    try {
      const out: StatRecord[] = [];
      for (const i of positions) {
        const buffer = Buffer.alloc(this.length[i]);
        await handle.read(buffer, 0, buffer.length, this.offset[i]);
        out.push(validRecord(JSON.parse(buffer.toString('utf8')), this.file, null));
      }
      return out;
    } finally {
      await handle.close();
    }
  }
}

function rankOf(values: readonly string[]): Uint32Array {
  const sorted = values.map((v, i) => [v, i] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const rank = new Uint32Array(values.length);
  sorted.forEach(([, i], r) => (rank[i] = r));
  return rank;
}

const CHUNK = 4 * 1024 * 1024;
/** Bump when the columns change: an index cache of another version is rebuilt. */
const INDEX_CACHE_VERSION = 1;

async function fileStamp(file: string): Promise<string> {
  const s = await fs.stat(file);
  return `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}`;
}

/**
 * The index of `file`, from `cacheFile` when that was made from the same file (same inode, size and
 * modification time), else built and saved there for the next start. The cache is only a shortcut:
 * one that cannot be read or written is ignored.
 */
export async function cachedRecordIndex(file: string, cacheFile: string): Promise<RecordIndex> {
  let stamp: string | null = null;
  try {
    stamp = await fileStamp(file);
    const cached = v8.deserialize(await fs.readFile(cacheFile)) as { version?: number; stamp?: string; columns?: unknown[] };
    if (cached.version === INDEX_CACHE_VERSION && cached.stamp === stamp && Array.isArray(cached.columns)) {
      return new (RecordIndex as unknown as new (file: string, ...columns: unknown[]) => RecordIndex)(file, ...cached.columns);
    }
  } catch {
    /* no cache, or one of another zhstat: build the index */
  }
  const index = await indexRecordsFile(file);
  try {
    // a file replaced while it was read is not cached under the old stamp
    if (stamp !== null && (await fileStamp(file)) === stamp) {
      await writeFileAtomic(cacheFile, v8.serialize({ version: INDEX_CACHE_VERSION, stamp, columns: index.columns() }));
    }
  } catch {
    /* a read-only output folder: no cache */
  }
  return index;
}

/** Indexes records.jsonl, validating every line against the record contract. */
export async function indexRecordsFile(file: string): Promise<RecordIndex> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (err) {
    throw new RecordsFileError(`cannot read ${file}: ${(err as Error).message} (run \`zhstat extract … --out <dir>\` first)`);
  }
  const ids: string[] = [];
  const offset = new Column((n) => new Float64Array(n));
  const length = new Column((n) => new Uint32Array(n));
  const confidence = new Column((n) => new Float64Array(n));
  const review = new Column((n) => new Uint8Array(n));
  const fileOf = new Column((n) => new Uint32Array(n));
  const article = new Column((n) => new Uint32Array(n));
  const cityOf = new Column((n) => new Int32Array(n));
  const metricNameOf = new Column((n) => new Uint32Array(n));
  const metricTextOf = new Column((n) => new Uint32Array(n));
  const statusOf = new Column((n) => new Uint8Array(n));
  const flagSetOf = new Column((n) => new Uint32Array(n));
  const sentenceHash = new Column((n) => new Uint32Array(n));
  const spanStart = new Column((n) => new Float64Array(n));
  const files = new Interner();
  const cities = new Interner();
  const metrics = new Interner();
  const flagSets = new Interner();
  const reviewCode = new Map<string, number>(REVIEW_STATES.map((s, i) => [s, i]));

  let n = 0;
  let lineNo = 0;
  const add = (f: IndexedFields, bytes: Buffer, at: number) => {
    ids.push(f.id);
    offset.set(n, at);
    length.set(n, bytes.length);
    confidence.set(n, f.confidence);
    review.set(n, f.review);
    fileOf.set(n, files.id(f.file));
    article.set(n, f.article);
    cityOf.set(n, f.city === null ? -1 : cities.id(f.city));
    metricNameOf.set(n, metrics.id(f.metricName));
    metricTextOf.set(n, metrics.id(f.metricText));
    statusOf.set(n, f.status === 'target' ? 1 : 0);
    flagSetOf.set(n, flagSets.id(f.flags));
    sentenceHash.set(n, f.sentenceHash);
    spanStart.set(n, f.spanStart);
    n++;
  };
  const addLine = (bytes: Buffer, at: number) => {
    lineNo++;
    if (isBlankLine(bytes)) return;
    // the columns are read straight from the line as zhstat writes it; any other line is parsed and validated
    const fast = scanRecordLine(bytes, reviewCode);
    if (fast) return add(fast, bytes, at);
    let json: unknown;
    try {
      json = JSON.parse(bytes.toString('utf8'));
    } catch (err) {
      throw new RecordsFileError(`${file}:${lineNo}: not JSON: ${(err as Error).message}`);
    }
    const r = validRecord(json, file, lineNo);
    add({
      id: r.id, confidence: r.confidence, review: reviewCode.get(r.review)!, file: r.doc.file, article: r.doc.article,
      city: r.city ? r.city.name : null, metricName: r.metric.name, metricText: r.metric.text, status: r.status,
      flags: r.flags.join('\n'), sentenceHash: hashBytes(Buffer.from(JSON.stringify(r.sentence)), 1, Buffer.byteLength(JSON.stringify(r.sentence)) - 1), spanStart: r.span[0],
    }, bytes, at);
  };

  try {
    let carry = Buffer.alloc(0);
    let carryAt = 0;
    let position = 0;
    const chunk = Buffer.alloc(CHUNK);
    for (;;) {
      const { bytesRead } = await handle.read(chunk, 0, CHUNK, position);
      if (bytesRead === 0) break;
      const data = carry.length > 0 ? Buffer.concat([carry, chunk.subarray(0, bytesRead)]) : chunk.subarray(0, bytesRead);
      const dataAt = carry.length > 0 ? carryAt : position;
      position += bytesRead;
      let start = 0;
      for (let nl = data.indexOf(0x0a, start); nl >= 0; nl = data.indexOf(0x0a, start)) {
        addLine(data.subarray(start, nl), dataAt + start);
        start = nl + 1;
      }
      carry = Buffer.from(data.subarray(start));
      carryAt = dataAt + start;
    }
    if (carry.length > 0) addLine(carry, carryAt);
  } finally {
    await handle.close();
  }

  return new RecordIndex(
    file, n, ids, offset.view(n), length.view(n), confidence.view(n), review.view(n), fileOf.view(n), files.values,
    article.view(n), cityOf.view(n), cities.values, metricNameOf.view(n), metricTextOf.view(n), metrics.values,
    statusOf.view(n), flagSetOf.view(n), flagSets.values.map((s) => (s === '' ? [] : s.split('\n'))), sentenceHash.view(n), spanStart.view(n),
  );
}

function isBlankLine(bytes: Buffer): boolean {
  for (const b of bytes) if (b !== 0x20 && b !== 0x09 && b !== 0x0d) return false;
  return true;
}

/** The columns of one record, as the index keeps them. */
export interface IndexedFields {
  id: string;
  confidence: number;
  review: number;
  file: string;
  article: number;
  city: string | null;
  metricName: string;
  metricText: string;
  status: string;
  /** Flags joined by line breaks. */
  flags: string;
  /** A hash of the sentence as written in the line (JSON-escaped): equal sentences, equal hashes. */
  sentenceHash: number;
  spanStart: number;
}

/** FNV-1a over bytes [from, to). */
export function hashBytes(bytes: Buffer, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) {
    h ^= bytes[i];
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

const key = (k: string) => Buffer.from(`"${k}":`);
const PREFIX = Buffer.from('{"schemaVersion":1,"id":"');
const K = {
  file: key('file'), article: key('article'), city: key('city'), metric: key('metric'), name: key('name'), text: key('text'),
  status: key('status'), span: key('span'), sentence: key('sentence'), confidence: key('confidence'), flags: key('flags'), review: key('review'),
};

/** The end (index of the closing quote) of the JSON string whose contents start at `from`; -1 if none. */
function stringEnd(line: Buffer, from: number): number {
  for (let i = line.indexOf(0x22, from); i >= 0; i = line.indexOf(0x22, i + 1)) {
    let backslashes = 0;
    for (let j = i - 1; j >= from && line[j] === 0x5c; j--) backslashes++;
    if (backslashes % 2 === 0) return i;
  }
  return -1;
}

/**
 * Reads the index's columns from a record line as zhstat writes it (keys in the contract's order, no
 * spaces), without parsing the whole line: a page of records is parsed and validated when it is read.
 * Null when the line is not written that way; the caller then parses and validates it.
 */
export function scanRecordLine(line: Buffer, reviewCode: ReadonlyMap<string, number>): IndexedFields | null {
  try {
    return scanLine(line, reviewCode);
  } catch {
    return null;
  }
}

function scanLine(line: Buffer, reviewCode: ReadonlyMap<string, number>): IndexedFields | null {
  if (line.length < PREFIX.length || line.compare(PREFIX, 0, PREFIX.length, 0, PREFIX.length) !== 0) return null;
  let at = PREFIX.length;
  const str = (): string | null => {
    if (line[at] !== 0x22) return null;
    const end = stringEnd(line, at + 1);
    if (end < 0) return null;
    const start = at + 1;
    at = end + 1;
    for (let i = start; i < end; i++) if (line[i] === 0x5c) return JSON.parse(`"${line.toString('utf8', start, end)}"`) as string;
    return line.toString('utf8', start, end);
  };
  const num = (): number | null => {
    let end = at;
    let simple = true;
    let value = 0;
    // whole numbers (offsets, article numbers) are read digit by digit; anything else goes through Number
    for (; end < line.length && line[end] !== 0x2c && line[end] !== 0x7d && line[end] !== 0x5d; end++) {
      const d = line[end] - 0x30;
      if (d >= 0 && d <= 9) value = value * 10 + d;
      else simple = false;
    }
    if (end === at) return null;
    if (!simple) value = Number(line.toString('latin1', at, end));
    at = end;
    return Number.isFinite(value) ? value : null;
  };
  /** Moves past the next `"k":` (searching from where the last field ended). */
  const to = (k: Buffer): boolean => {
    const i = line.indexOf(k, at);
    if (i < 0) return false;
    at = i + k.length;
    return true;
  };
  at--;
  const id = str();
  if (id === null || !to(K.file)) return null;
  const file = str();
  if (file === null || !to(K.article)) return null;
  const article = num();
  if (article === null || !to(K.city)) return null;
  let city: string | null = null;
  if (line[at] === 0x7b) {
    if (!to(K.name)) return null;
    city = str();
    if (city === null) return null;
  } else if (!(line[at] === 0x6e && line[at + 1] === 0x75 && line[at + 2] === 0x6c && line[at + 3] === 0x6c)) return null;
  if (!to(K.metric) || line[at] !== 0x7b || !to(K.name)) return null;
  const metricName = str();
  if (metricName === null || !to(K.text)) return null;
  const metricText = str();
  if (metricText === null || !to(K.status)) return null;
  const status = str();
  if (status === null || !to(K.span) || line[at] !== 0x5b) return null;
  at++;
  const spanStart = num();
  if (spanStart === null || !to(K.sentence)) return null;
  if (line[at] !== 0x22) return null;
  const sentenceEnd = stringEnd(line, at + 1);
  if (sentenceEnd < 0) return null;
  const sentenceHash = hashBytes(line, at + 1, sentenceEnd);
  at = sentenceEnd + 1;
  if (!to(K.confidence)) return null;
  const confidence = num();
  if (confidence === null || !to(K.flags) || line[at] !== 0x5b) return null;
  const flagsEnd = line.indexOf(0x5d, at);
  if (flagsEnd < 0) return null;
  const flagList = flagsEnd === at + 1 ? [] : (JSON.parse(line.toString('utf8', at, flagsEnd + 1)) as unknown);
  if (!Array.isArray(flagList) || !flagList.every((f) => typeof f === 'string')) return null;
  at = flagsEnd + 1;
  if (!to(K.review)) return null;
  const reviewState = str();
  const review = reviewState === null ? undefined : reviewCode.get(reviewState);
  if (review === undefined) return null;
  return { id, confidence, review, file, article, city, metricName, metricText, status, flags: flagList.join('\n'), sentenceHash, spanStart };
}

function validRecord(json: unknown, file: string, lineNo: number | null): StatRecord {
  if (isValidRecord(json)) return json;
  // zod says what is wrong, and accepts a valid record the guard does not (keys in another order)
  const { RecordSchema } = require('../record/schema') as typeof import('../record/schema');
  const parsed = RecordSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new RecordsFileError(`${file}${lineNo === null ? '' : `:${lineNo}`}: not a valid record: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
}
