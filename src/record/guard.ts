/**
 * A hand-written twin of RecordSchema for the hot path of record building: zod's safeParse took most
 * of record building's time and copied each record, while this reads the candidate in place.
 *
 * It accepts a candidate only if RecordSchema accepts it AND every object in it holds the schema's keys
 * in the schema's order. zod's strict objects reject unknown and missing keys anyway, and comparing the
 * keys with the schema's list in order is as cheap as looking each up in a set; in exchange, for the
 * object literals build.ts makes, an accepted candidate serializes byte for byte like zod's copy (which
 * lists keys in schema order), so it can stand for that copy. Whatever it rejects goes to RecordSchema,
 * which stays the contract and reports the issues. test/record/guard.test.ts checks the two agree.
 * Its facts come from contract.ts, as the schema's do: this module does not load zod.
 */
import {
  APPROX,
  BASES,
  CITY_CODE,
  CITY_KEYS,
  DOC_KEYS,
  EVIDENCE_KEYS,
  ISO_DATE,
  KINDS,
  LEVELS,
  MAX_YEAR,
  METRIC_KEYS,
  METRIC_MISSING_FLAG,
  MIN_YEAR,
  NORMALIZED_KEYS,
  PERIOD_KEYS,
  RECORD_KEYS,
  REVIEW_STATES,
  SCHEMA_VERSION,
  STATUSES,
} from './contract';
import type { StatRecord } from './schema';

type Fields = Record<string, unknown>;

function oneOf(values: readonly unknown[]): (value: unknown) => boolean {
  const set = new Set(values);
  return (value) => set.has(value);
}
const isKind = oneOf(KINDS);
const isBasis = oneOf(BASES);
const isApprox = oneOf(APPROX);
const isStatus = oneOf(STATUSES);
const isReviewState = oneOf(REVIEW_STATES);
const isLevel = oneOf(LEVELS);

/** An object that is not an array (zod's test) whose enumerable keys, own and inherited — the ones zod's
 * strict check walks — are exactly `keys`, in that order. */
function hasKeysInOrder(value: unknown, keys: readonly string[]): value is Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  let i = 0;
  for (const key in value) if (key !== keys[i++]) return false;
  return i === keys.length;
}

function isString(value: unknown, minLength = 0): value is string {
  return typeof value === 'string' && value.length >= minLength;
}

/** z.number(): zod rejects NaN and ±Infinity even without .finite(). */
function isNumberIn(value: unknown, min = -Infinity, max = Infinity): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max;
}

/** z.number().int(): zod's `safeint` format, an integer within ±(2^53 - 1). */
function isIntegerIn(value: unknown, min: number, max = Infinity): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= min && value <= max;
}

/** Every element, holes included (zod reads each index; a hole is undefined), a non-empty string. */
function isNonEmptyStringArray(value: unknown): value is string[] {
  if (!Array.isArray(value)) return false;
  for (let i = 0; i < value.length; i++) if (!isString(value[i], 1)) return false;
  return true;
}

const isYear = (value: unknown) => value === null || isIntegerIn(value, MIN_YEAR, MAX_YEAR);
const isMonth = (value: unknown) => value === null || isIntegerIn(value, 1, 12);

function isDoc(value: unknown): boolean {
  return (
    hasKeysInOrder(value, DOC_KEYS) &&
    isString(value.file, 1) &&
    isIntegerIn(value.article, 0) &&
    (value.title === null || isString(value.title)) &&
    (value.paper === null || isString(value.paper)) &&
    (value.published === null || (isString(value.published) && ISO_DATE.test(value.published)))
  );
}

function isCity(value: unknown): boolean {
  return (
    hasKeysInOrder(value, CITY_KEYS) &&
    isString(value.name, 2) &&
    (value.code === null || (isString(value.code) && CITY_CODE.test(value.code))) &&
    isLevel(value.level) &&
    (value.parent === null || isString(value.parent))
  );
}

function isMetric(value: unknown): boolean {
  return hasKeysInOrder(value, METRIC_KEYS) && isString(value.name) && isString(value.text) && (value.id === null || isString(value.id));
}

function isNormalized(value: unknown): boolean {
  return hasKeysInOrder(value, NORMALIZED_KEYS) && isNumberIn(value.value) && isString(value.unit, 1);
}

function isPeriod(value: unknown): boolean {
  return (
    hasKeysInOrder(value, PERIOD_KEYS) &&
    isString(value.text) &&
    isYear(value.year) &&
    isYear(value.endYear) &&
    isMonth(value.startMonth) &&
    isMonth(value.endMonth)
  );
}

function isSpan(value: unknown): value is [number, number] {
  return Array.isArray(value) && value.length === 2 && isIntegerIn(value[0], 0) && isIntegerIn(value[1], 0);
}

const RECORD_KEYS_BEFORE_EVIDENCE = RECORD_KEYS.slice(0, RECORD_KEYS.indexOf('evidence'));

function isEvidence(value: unknown): boolean {
  return (
    hasKeysInOrder(value, EVIDENCE_KEYS) &&
    (value.city === null || isSpan(value.city)) &&
    (value.metric === null || isSpan(value.metric)) &&
    (value.period === null || isSpan(value.period))
  );
}

/** RecordSchema's superRefine rules, for a record whose fields are each valid. */
function followsRecordRules(record: StatRecord): boolean {
  const changeKind = record.kind === 'growth' || record.kind === 'pp';
  const p = record.period;
  const yearsInOrder = !p || p.endYear === null || p.year === null || p.endYear >= p.year;
  const metricNamed = record.metric.name !== '' || record.flags.includes(METRIC_MISSING_FLAG);
  return record.span[1] > record.span[0] && changeKind === (record.basis !== null) && yearsInOrder && metricNamed;
}

/** True when RecordSchema accepts `candidate` and would copy it unchanged (see the module comment). */
export function isValidRecord(candidate: unknown): candidate is StatRecord {
  return (
    // `evidence` is optional (records of an older zhstat lack it): the keys are all, or all but it.
    (hasKeysInOrder(candidate, RECORD_KEYS) || hasKeysInOrder(candidate, RECORD_KEYS_BEFORE_EVIDENCE)) &&
    candidate.schemaVersion === SCHEMA_VERSION &&
    isString(candidate.id, 8) &&
    isDoc(candidate.doc) &&
    (candidate.city === null || isCity(candidate.city)) &&
    (candidate.subject === null || isString(candidate.subject, 1)) &&
    isMetric(candidate.metric) &&
    isKind(candidate.kind) &&
    (candidate.basis === null || isBasis(candidate.basis)) &&
    isNumberIn(candidate.value) &&
    (candidate.unit === null || isString(candidate.unit, 1)) &&
    isNormalized(candidate.normalized) &&
    (candidate.approx === null || isApprox(candidate.approx)) &&
    isStatus(candidate.status) &&
    (candidate.period === null || isPeriod(candidate.period)) &&
    isSpan(candidate.span) &&
    isString(candidate.quote, 1) &&
    isString(candidate.sentence, 1) &&
    isNumberIn(candidate.confidence, 0, 1) &&
    isNonEmptyStringArray(candidate.flags) &&
    isReviewState(candidate.review) &&
    isNonEmptyStringArray(candidate.trace) &&
    (candidate.evidence === undefined || isEvidence(candidate.evidence)) &&
    followsRecordRules(candidate as StatRecord)
  );
}
