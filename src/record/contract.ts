/**
 * The plain facts of the record contract that the zod schema (schema.ts) is built on and the
 * hand-written guard (guard.ts) checks with: versions, allowed values, formats, and every object's
 * keys in schema order. Free of zod, so that a worker thread building records does not load it.
 */

export const SCHEMA_VERSION = 1 as const;

export const KINDS = ['level', 'share', 'growth', 'pp', 'rank'] as const;
export const BASES = ['yoy', 'avg_annual', 'other'] as const;
export const APPROX = ['about', 'nearly', 'over', 'under'] as const;
export const STATUSES = ['actual', 'target'] as const;
export const REVIEW_STATES = ['auto', 'needs_review', 'accepted', 'corrected', 'rejected'] as const;
export const LEVELS = ['province', 'prefecture', 'county'] as const;

export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const CITY_CODE = /^\d{6}$/;
export const MIN_YEAR = 1900;
export const MAX_YEAR = 2200;
/** The flag of a record whose metric no noun phrase names; its `metric.name` is then empty. */
export const METRIC_MISSING_FLAG = 'metric_missing';

// Each object's keys in the order the schema declares them (test/record/guard.test.ts holds the two equal).
export const RECORD_KEYS = [
  'schemaVersion', 'id', 'doc', 'city', 'subject', 'metric', 'kind', 'basis', 'value', 'unit', 'normalized',
  'approx', 'status', 'period', 'span', 'quote', 'sentence', 'confidence', 'flags', 'review', 'trace', 'evidence',
] as const;
export const DOC_KEYS = ['file', 'article', 'title', 'paper', 'published'] as const;
export const CITY_KEYS = ['name', 'code', 'level', 'parent'] as const;
export const METRIC_KEYS = ['name', 'text', 'id'] as const;
export const PERIOD_KEYS = ['text', 'year', 'endYear', 'startMonth', 'endMonth'] as const;
export const NORMALIZED_KEYS = ['value', 'unit'] as const;
export const EVIDENCE_KEYS = ['city', 'metric', 'period'] as const;
