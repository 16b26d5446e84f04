/**
 * isValidRecord must answer what RecordSchema answers — except that it also wants every object's keys
 * in schema order, which is what makes its accepted candidate byte-identical to zod's copy. Checked on
 * the records of the seeds, mutated field by field with every kind of wrong (and right) value, and at
 * random with a seeded PRNG; and buildRecords must return exactly what the zod path returns.
 */
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import * as guard from '../../src/record/guard';
import { isValidRecord } from '../../src/record/guard';
import { buildRecords } from '../../src/record/build';
import { BASES, CitySchema, DocSchema, KINDS, MetricSchema, NormalizedSchema, PeriodSchema, RecordSchema, type StatRecord } from '../../src/record/schema';
import * as contract from '../../src/record/contract';
import { processFile } from '../../src/pipeline/process-file';
import { identityMapped } from '../../src/text/mapped';
import type { DraftRecord } from '../../src/extract/types';
import { pick, seededRandom } from '../support/fuzz';
import { bundledRules } from '../support/extract';

type Path = (string | number)[];
const DELETE = Symbol('delete');

function seedRecords(): StatRecord[] {
  const dir = join(__dirname, '../../seeds');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .flatMap((name) => processFile({ file: name, bytes: readFileSync(join(dir, name)), sidecar: null, publishedOverride: null }, { rules: bundledRules() }).records);
}

const records = seedRecords();
/** Plain data, as a mutation starts from: no object shared with the pipeline or between cases. */
const plain = (value: unknown): any => structuredClone(value);

/** The guard's specification: zod accepts, and its copy serializes as the candidate does. */
function zodAcceptsUnchanged(candidate: unknown): boolean {
  const parsed = RecordSchema.safeParse(candidate);
  return parsed.success && JSON.stringify(parsed.data) === JSON.stringify(candidate);
}

/** Every place in a record: each field, each nested field, each array element. */
function paths(value: unknown, prefix: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, v]) => {
    // An array may carry a named key a mutation added (span.extra): only its indexes are numbers.
    const path = [...prefix, Array.isArray(value) && /^\d+$/.test(key) ? Number(key) : key];
    return [path, ...paths(v, path)];
  });
}
/** The objects and arrays of a record, the record itself included. */
const containers = (record: unknown): Path[] => [[], ...paths(record).filter((p) => typeof at(record, p) === 'object' && at(record, p) !== null)];

function at(value: any, path: Path): any {
  return path.reduce((v, key) => v?.[key], value);
}

/** A copy of `record` with `value` at `path` (DELETE removes the key, or leaves a hole in an array). */
function withValue(record: unknown, path: Path, value: unknown): any {
  const copy = plain(record);
  const parent = at(copy, path.slice(0, -1));
  const key = path[path.length - 1];
  if (value === DELETE) delete parent[key];
  else parent[key] = value;
  return copy;
}

/** Values of every type and edge, including the ones some fields accept. */
const VALUES: unknown[] = [
  DELETE, undefined, null, true, false, 0, -0, 1, -1, 1.5, 0.5, 0.999, 1.0001, 12, 13, 1899, 1900, 2200, 2201,
  NaN, Infinity, -Infinity, 1e300, -1e300, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 1, -(2 ** 53), Number.MIN_VALUE,
  '', 'a', 'ab', '1234567', '12345678', ' ', '2022-07-25', '2022-7-25', '2022-07-25\n', '22022-07-25', '２０２２-07-25',
  '330500', '33050', '3305000', '330500\n', '３３０５００', 'abcdef',
  'level', 'share', 'growth', 'pp', 'rank', 'yoy', 'avg_annual', 'other', 'about', 'under', 'actual', 'target',
  'auto', 'needs_review', 'accepted', 'rejected', 'province', 'prefecture', 'county', 'city', 'Level', '1',
  [], [0], [0, 1], [1, 0], [0, 0], [0, 1, 2], [-1, 3], [0.5, 3], ['0', '1'], ['a'], [''], ['a', 'b'], [null], {}, { value: 1, unit: '%' },
];

function expectAgreement(cases: unknown[], verdict: (candidate: unknown) => boolean): { accepted: number; rejected: number } {
  let accepted = 0;
  for (const candidate of cases) {
    const expected = verdict(candidate);
    if (isValidRecord(candidate) !== expected) throw new Error(`guard says ${!expected}, zod ${expected}, for ${JSON.stringify(candidate)}`);
    if (expected) accepted++;
  }
  return { accepted, rejected: cases.length - accepted };
}

/** A few records of each shape the seeds have: kinds, bases, null or present city, period, subject… */
function baseRecords(): StatRecord[] {
  const byShape = new Map<string, StatRecord>();
  for (const r of records) {
    const shape = [r.kind, r.basis, r.approx, r.city?.code ?? null, r.period?.endYear ?? null, r.period?.startMonth ?? null, r.subject, r.unit, r.doc.published].map((v) => v === null).join() + r.kind + r.basis;
    if (!byShape.has(shape)) byShape.set(shape, r);
  }
  return [...byShape.values()].slice(0, 16);
}

const zodAccepts = (candidate: unknown) => RecordSchema.safeParse(candidate).success;

describe('isValidRecord', () => {
  test('checks keys against the schema\'s own, in its order', () => {
    expect(contract.RECORD_KEYS).toEqual(Object.keys(RecordSchema.shape));
    expect(contract.DOC_KEYS).toEqual(Object.keys(DocSchema.shape));
    expect(contract.CITY_KEYS).toEqual(Object.keys(CitySchema.shape));
    expect(contract.METRIC_KEYS).toEqual(Object.keys(MetricSchema.shape));
    expect(contract.PERIOD_KEYS).toEqual(Object.keys(PeriodSchema.shape));
    expect(contract.NORMALIZED_KEYS).toEqual(Object.keys(NormalizedSchema.shape));
  });

  test('the seeds give records of many shapes, all of which the guard accepts', () => {
    expect(records.length).toBeGreaterThan(100);
    expect(baseRecords().length).toBeGreaterThanOrEqual(8);
    for (const record of records) expect(isValidRecord(plain(record))).toBe(true);
  });

  test('agrees with zod on every field of real records set to every kind of value, deleted, or given an extra key', () => {
    const cases = baseRecords().flatMap((record) => [
      ...paths(record).flatMap((path) => VALUES.map((value) => withValue(record, path, value))),
      ...containers(record).flatMap((path) => [
        withValue(record, [...path, 'extra'], 1),
        withValue(record, [...path, 'extra'], undefined),
        withValue(record, [...path, Array.isArray(at(record, path)) ? at(record, path).length : 'toString'], 'x'),
      ]),
    ]);
    const { accepted, rejected } = expectAgreement(cases, zodAccepts);
    expect(cases.length).toBeGreaterThan(10000);
    expect(accepted).toBeGreaterThan(500);
    expect(rejected).toBeGreaterThan(5000);
  });

  test('agrees with zod on the cross-field rules: kind and basis, span order, year and endYear', () => {
    const years = [null, 1900, 2020, 2021, 2200];
    const cases = baseRecords().flatMap((record) => [
      ...KINDS.flatMap((kind) => [null, ...BASES].map((basis) => ({ ...plain(record), kind, basis }))),
      ...[[0, 0], [0, 1], [1, 0], [5, 5], [5, 6], [6, 5]].map((span) => ({ ...plain(record), span })),
      ...years.flatMap((year) =>
        years.map((endYear) => ({ ...plain(record), period: { text: record.period?.text ?? '', year, endYear, startMonth: null, endMonth: null } })),
      ),
    ]);
    const { accepted, rejected } = expectAgreement(cases, zodAccepts);
    expect(accepted).toBeGreaterThan(100);
    expect(rejected).toBeGreaterThan(100);
  });

  test('agrees with zod that an empty metric name needs the metric_missing flag', () => {
    const cases = baseRecords().flatMap((record) =>
      [[], ['metric_missing'], ['city_from_context'], ['metric_missing', 'metric_unknown']].flatMap((flags) =>
        ['', '出口'].map((name) => ({ ...plain(record), metric: { ...record.metric, name }, flags })),
      ),
    );
    const { accepted, rejected } = expectAgreement(cases, zodAccepts);
    expect(rejected).toBeGreaterThan(0);
    expect(accepted).toBeGreaterThan(rejected);
    const [record] = baseRecords();
    expect(zodAccepts({ ...plain(record), metric: { ...record.metric, name: '' }, flags: ['city_from_context'] })).toBe(false);
    expect(zodAccepts({ ...plain(record), metric: { ...record.metric, name: '' }, flags: ['metric_missing'] })).toBe(true);
  });

  test('rejects what zod accepts but would copy in another order, and objects that are not plain records', () => {
    const [record] = records;
    const reversed = Object.fromEntries(Object.entries(plain(record)).reverse());
    const docReordered = { ...plain(record), doc: Object.fromEntries(Object.entries(record.doc).reverse()) };
    for (const candidate of [reversed, docReordered]) {
      expect(zodAccepts(candidate)).toBe(true);
      expect(isValidRecord(candidate)).toBe(false);
    }
    for (const candidate of [null, undefined, 1, 'record', [], [plain(record)], Object.assign([], plain(record))]) {
      expect(isValidRecord(candidate)).toBe(zodAccepts(candidate));
    }
  });

  test('agrees with zod on random mutations of real records (seeded)', () => {
    const random = seededRandom(20260214);
    const pickOne = <T>(items: readonly T[]): T => pick(random, items);
    const mutations: ((record: any) => any)[] = [
      (r) => withValue(r, pickOne(paths(r)), pickOne(VALUES)),
      // Another record's value at the same place: often valid, so acceptance is well exercised.
      (r) => {
        const path = pickOne(paths(r));
        const other = at(pickOne(records), path);
        return other === undefined ? r : withValue(r, path, plain(other));
      },
      (r) => withValue(r, pickOne(paths(r)), DELETE),
      (r) => withValue(r, [...pickOne(containers(r)), pickOne(['extra', 'id', '0', 'text'])], pickOne(VALUES)),
      // Keys in another order: zod accepts, but its copy would differ.
      (r) => {
        const path = pickOne(containers(r));
        const target = at(r, path);
        if (Array.isArray(target)) return r;
        const shuffled = Object.fromEntries(Object.entries(target).sort(() => random() - 0.5));
        return path.length ? withValue(r, path, shuffled) : shuffled;
      },
    ];
    const cases: unknown[] = [];
    for (let i = 0; i < 6000; i++) {
      let candidate = plain(pickOne(records));
      for (let n = 1 + Math.floor(random() * 3); n > 0 && typeof candidate === 'object' && candidate !== null; n--) candidate = pickOne(mutations)(candidate);
      cases.push(candidate);
    }
    const { accepted, rejected } = expectAgreement(cases, zodAcceptsUnchanged);
    expect(accepted).toBeGreaterThan(600);
    expect(rejected).toBeGreaterThan(600);
  });
});

describe('buildRecords with the guard', () => {
  test('returns, for the seeds, exactly what the zod path returns: same objects, same JSON', () => {
    const viaZod = (() => {
      const spy = jest.spyOn(guard, 'isValidRecord').mockReturnValue(false);
      try {
        const built = seedRecords();
        expect(spy).toHaveBeenCalledTimes(built.length);
        return built;
      } finally {
        spy.mockRestore();
      }
    })();
    expect(records).toStrictEqual(viaZod);
    expect(records.map((r) => JSON.stringify(r))).toEqual(viaZod.map((r) => JSON.stringify(r)));
    for (const record of records) expect(JSON.stringify(record)).toBe(JSON.stringify(RecordSchema.parse(record)));
  });

  test('reports what zod finds wrong with a record the guard rejects', () => {
    const text = '出口同比下降16.3%。';
    const draft: DraftRecord = {
      span: [6, 11], sentence: [0, 12], city: null, citySpan: null, subject: null, metric: { name: '出口', id: 'exports' }, metricTextSpan: [0, 2],
      kind: 'growth', basis: null, value: -16.3, unit: '%', normalized: { value: -16.3, unit: '%' }, approx: null, status: 'actual',
      period: null, periodSpan: null, flags: [], trace: ['growth.down'],
    };
    const article = { index: 0, start: 0, end: text.length, title: null, titleSpan: null, paper: null, homeCity: null, homeCitySource: null, homeRule: null, province: null };
    const built = buildRecords([draft], article, { file: 'a.txt', published: null, publishedSource: null }, text, identityMapped(text), bundledRules().confidence);
    expect(built.records).toEqual([]);
    expect(built.invalid).toEqual([{ id: expect.any(String), quote: '16.3%', issues: [{ path: 'basis', message: 'basis is required for kind growth' }] }]);
    const valid = buildRecords([{ ...draft, basis: 'yoy' }], article, { file: 'a.txt', published: null, publishedSource: null }, text, identityMapped(text), bundledRules().confidence);
    expect(valid.invalid).toEqual([]);
    expect(valid.records).toEqual([RecordSchema.parse(valid.records[0])]);
  });
});
