/**
 * records.jsonl as the review server keeps it: not the records, but a few columns per record (typed
 * arrays and interned strings) for filtering, counting and ordering the queue, and each line's byte
 * range, so that a page of records is read back from the file when asked for. 400,000 records take
 * tens of megabytes this way instead of gigabytes of objects.
 */
import { promises as fs } from 'node:fs';
import { REVIEW_STATES, type StatRecord } from '../record/schema';
import { isValidRecord } from '../record/guard';
import { RecordsFileError } from '../decisions/files';
import { hash32 } from './sample';

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
  ) {
    this.byId = new Map();
    for (let i = 0; i < count; i++) this.byId.set(ids[i], i);
    const fileRank = rankOf(files);
    const order = new Uint32Array(count);
    for (let i = 0; i < count; i++) order[i] = i;
    order.sort((a, b) => confidence[a] - confidence[b] || fileRank[fileOf[a]] - fileRank[fileOf[b]] || spanStart[a] - spanStart[b]);
    this.order = order;
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
        out.push(JSON.parse(buffer.toString('utf8')) as StatRecord);
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
  const addLine = (bytes: Buffer, at: number) => {
    lineNo++;
    const text = bytes.toString('utf8');
    if (text.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new RecordsFileError(`${file}:${lineNo}: not JSON: ${(err as Error).message}`);
    }
    const r = validRecord(json, file, lineNo);
    ids.push(r.id);
    offset.set(n, at);
    length.set(n, bytes.length);
    confidence.set(n, r.confidence);
    review.set(n, reviewCode.get(r.review)!);
    fileOf.set(n, files.id(r.doc.file));
    article.set(n, r.doc.article);
    cityOf.set(n, r.city ? cities.id(r.city.name) : -1);
    metricNameOf.set(n, metrics.id(r.metric.name));
    metricTextOf.set(n, metrics.id(r.metric.text));
    statusOf.set(n, r.status === 'target' ? 1 : 0);
    flagSetOf.set(n, flagSets.id(r.flags.join('\n')));
    sentenceHash.set(n, hash32(r.sentence));
    spanStart.set(n, r.span[0]);
    n++;
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

function validRecord(json: unknown, file: string, lineNo: number): StatRecord {
  if (isValidRecord(json)) return json;
  // zod says what is wrong, and accepts a valid record the guard does not (keys in another order)
  const { RecordSchema } = require('../record/schema') as typeof import('../record/schema');
  const parsed = RecordSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new RecordsFileError(`${file}:${lineNo}: not a valid record: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
}
