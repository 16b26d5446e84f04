/**
 * The record contract (../shared/spec/RECORDS.md) as a zod schema: the single source of truth for
 * what `zhstat extract` writes. schema/record.schema.json is generated from it (`zhstat schema`).
 */
import { z } from 'zod';

import { APPROX, BASES, CITY_CODE, ISO_DATE, KINDS, LEVELS, MAX_YEAR, METRIC_MISSING_FLAG, MIN_YEAR, REVIEW_STATES, SCHEMA_VERSION, STATUSES } from './contract';

export { APPROX, BASES, CITY_CODE, ISO_DATE, KINDS, LEVELS, MAX_YEAR, MIN_YEAR, REVIEW_STATES, SCHEMA_VERSION, STATUSES } from './contract';

const isoDate = z.string().regex(ISO_DATE, 'expected YYYY-MM-DD');
const month = z.number().int().min(1).max(12).nullable();

export const DocSchema = z.strictObject({
  file: z.string().min(1),
  article: z.number().int().min(0),
  title: z.string().nullable(),
  paper: z.string().nullable(),
  published: isoDate.nullable(),
});

export const CitySchema = z.strictObject({
  name: z.string().min(2),
  code: z.string().regex(CITY_CODE).nullable(),
  level: z.enum(LEVELS),
  parent: z.string().nullable(),
});

export const MetricSchema = z.strictObject({
  /** Empty only where no noun phrase names the indicator: the record is then flagged `metric_missing`. */
  name: z.string(),
  text: z.string(),
  id: z.string().nullable(),
});

export const PeriodSchema = z.strictObject({
  text: z.string(),
  year: z.number().int().min(MIN_YEAR).max(MAX_YEAR).nullable(),
  endYear: z.number().int().min(MIN_YEAR).max(MAX_YEAR).nullable(),
  startMonth: month,
  endMonth: month,
});

export const NormalizedSchema = z.strictObject({
  value: z.number().finite(),
  unit: z.string().min(1),
});

const sourceSpan = z.tuple([z.number().int().min(0), z.number().int().min(0)]);

/** Where in the input each field was read: [start, end) like `span`, or null where it was not read from the text. */
export const EvidenceSchema = z.strictObject({
  city: sourceSpan.nullable(),
  metric: sourceSpan.nullable(),
  period: sourceSpan.nullable(),
});

export const RecordSchema = z
  .strictObject({
    schemaVersion: z.literal(SCHEMA_VERSION),
    id: z.string().min(8),
    doc: DocSchema,
    city: CitySchema.nullable(),
    subject: z.string().min(1).nullable(),
    metric: MetricSchema,
    kind: z.enum(KINDS),
    basis: z.enum(BASES).nullable(),
    value: z.number().finite(),
    unit: z.string().min(1).nullable(),
    normalized: NormalizedSchema,
    approx: z.enum(APPROX).nullable(),
    status: z.enum(STATUSES),
    period: PeriodSchema.nullable(),
    span: z.tuple([z.number().int().min(0), z.number().int().min(0)]),
    quote: z.string().min(1),
    sentence: z.string().min(1),
    confidence: z.number().min(0).max(1),
    flags: z.array(z.string().min(1)),
    review: z.enum(REVIEW_STATES),
    /** Ids of the rules that produced the record, in the order they applied. */
    trace: z.array(z.string().min(1)),
    /** Added in this contract version: records written by an older zhstat lack it. */
    evidence: EvidenceSchema.optional(),
  })
  .superRefine((record, ctx) => {
    if (record.span[1] <= record.span[0]) {
      ctx.addIssue({ code: 'custom', path: ['span'], message: 'span end must be after its start' });
    }
    const changeKind = record.kind === 'growth' || record.kind === 'pp';
    if (changeKind && record.basis === null) {
      ctx.addIssue({ code: 'custom', path: ['basis'], message: `basis is required for kind ${record.kind}` });
    }
    if (!changeKind && record.basis !== null) {
      ctx.addIssue({ code: 'custom', path: ['basis'], message: `basis must be null for kind ${record.kind}` });
    }
    if (record.metric.name === '' && !record.flags.includes(METRIC_MISSING_FLAG)) {
      ctx.addIssue({ code: 'custom', path: ['metric', 'name'], message: `an empty metric name needs the flag ${METRIC_MISSING_FLAG}` });
    }
    const p = record.period;
    if (p && p.endYear !== null && p.year !== null && p.endYear < p.year) {
      ctx.addIssue({ code: 'custom', path: ['period', 'endYear'], message: 'endYear before year' });
    }
  });

export type StatRecord = z.infer<typeof RecordSchema>;
export type City = z.infer<typeof CitySchema>;
export type Period = z.infer<typeof PeriodSchema>;
export type Kind = (typeof KINDS)[number];
export type Basis = (typeof BASES)[number];
export type Approx = (typeof APPROX)[number];
export type Status = (typeof STATUSES)[number];
export type ReviewState = (typeof REVIEW_STATES)[number];

/** JSON Schema for downstream consumers, generated from the zod schema (never written by hand). */
export function recordJsonSchema(): unknown {
  return z.toJSONSchema(RecordSchema, { target: 'draft-2020-12', unrepresentable: 'any' });
}
