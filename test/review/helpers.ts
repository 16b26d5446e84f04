/** Records and output directories built by hand for the review, decision and export tests. */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { RecordSchema, type StatRecord } from '../../src/record/schema';

/** A record that passes RecordSchema: 湖州市, level, actual; override anything. */
export function makeRecord(overrides: Partial<StatRecord> = {}): StatRecord {
  const record: StatRecord = {
    schemaVersion: 1,
    id: 'rec00000000000000001',
    doc: { file: 'in/a.txt', article: 0, title: '湖州经济', paper: '湖州日报', published: '2021-07-20' },
    city: { name: '湖州市', code: '330500', level: 'prefecture', parent: '浙江省' },
    subject: null,
    metric: { name: '数字经济核心产业增加值', text: '数字经济核心产业增加值', id: null },
    kind: 'level',
    basis: null,
    value: 21.3,
    unit: '亿元',
    normalized: { value: 2130000000, unit: 'CNY' },
    approx: null,
    status: 'actual',
    period: { text: '今年1至6月', year: 2021, endYear: null, startMonth: 1, endMonth: 6 },
    span: [0, 7],
    quote: '21.3亿元',
    sentence: '今年1至6月，全市数字经济核心产业增加值21.3亿元。',
    confidence: 0.6,
    flags: ['city_from_context'],
    review: 'needs_review',
    trace: ['value.amount'],
    ...overrides,
  };
  return RecordSchema.parse(record);
}

/** A record whose span really points at `quote` inside `text`. */
export function recordIn(text: string, quote: string, overrides: Partial<StatRecord> & { id: string }, occurrence = 0): StatRecord {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(quote, at + 1);
  if (at < 0) throw new Error(`test bug: ${quote} not in text`);
  return makeRecord({ quote, span: [at, at + quote.length], ...overrides });
}

export async function tempDir(prefix: string): Promise<string> {
  return fs.mkdtemp(path.join(os.tmpdir(), `zhstat-${prefix}-`));
}

/** Writes `<out>/records.jsonl` and `<out>/run.json` as extract would. */
export async function writeOutput(out: string, records: readonly StatRecord[], inputs: readonly string[]): Promise<void> {
  await fs.mkdir(out, { recursive: true });
  await fs.writeFile(path.join(out, 'records.jsonl'), records.map((r) => JSON.stringify(r) + '\n').join(''));
  await fs.writeFile(path.join(out, 'run.json'), JSON.stringify({ inputs }, null, 2));
}
