/**
 * The decision log's line format (`<out>/decisions.jsonl`). The log is append-only: a line is never
 * rewritten. Every line is an absolute state transition of one record — the fields it sets (`changes`,
 * each with the value before and after) and the review state before and after — so replaying the
 * whole log over a record gives the same result whether or not some prefix of the log was already
 * applied to it (records.jsonl of a previous run has decisions baked in). `undo` is a line of its own,
 * the inverse transition of the decision it names.
 */
import { z } from 'zod';
import { RecordSchema, REVIEW_STATES, type StatRecord } from '../record/schema';

export const DECISION_SCHEMA_VERSION = 1 as const;
export const DECISION_ACTIONS = ['accept', 'correct', 'reject', 'undo'] as const;
/** Fields a reviewer may change; everything else (id, doc, span, quote, sentence…) is the evidence. */
export const EDITABLE_FIELDS = ['city', 'subject', 'metric', 'kind', 'basis', 'value', 'unit', 'normalized', 'approx', 'status', 'period'] as const;

export type DecisionAction = (typeof DECISION_ACTIONS)[number];
export type EditableField = (typeof EDITABLE_FIELDS)[number];
export type EditableValues = { [F in EditableField]: StatRecord[F] };

/** Each editable field validated by the record contract's own schema for that field. */
const fieldSchemas = Object.fromEntries(EDITABLE_FIELDS.map((f) => [f, RecordSchema.shape[f]])) as {
  [F in EditableField]: (typeof RecordSchema.shape)[F];
};

const FieldChangeSchema = z.strictObject({ old: z.unknown(), new: z.unknown() });
/** Reviewer names end up in files and on screen: printable, short. */
export const ReviewerSchema = z
  .string()
  .trim()
  .min(1, 'reviewer name is empty')
  .max(60)
  .regex(/^[^\p{Cc}\p{Cf}]+$/u, 'reviewer name contains control characters');
const ReviewStateSchema = z.enum(REVIEW_STATES);

export const DecisionSchema = z
  .strictObject({
    schemaVersion: z.literal(DECISION_SCHEMA_VERSION),
    /** Unique id of this decision (random). */
    id: z.string().min(8).max(64),
    recordId: z.string().min(8).max(128),
    action: z.enum(DECISION_ACTIONS),
    /** Changed fields with their value before and after; empty for accept and reject. */
    changes: z.partialRecord(z.enum(EDITABLE_FIELDS), FieldChangeSchema),
    review: z.strictObject({ old: ReviewStateSchema, new: ReviewStateSchema }),
    /** For `undo`: the id of the decision it takes back; null otherwise. */
    undoes: z.string().min(8).max(64).nullable(),
    /** The record's latest decision that the reviewer had seen when deciding (null: none). */
    basedOn: z.string().min(8).max(64).nullable(),
    reviewer: ReviewerSchema,
    at: z.iso.datetime({ offset: true }),
  })
  .superRefine((d, ctx) => {
    for (const [field, change] of Object.entries(d.changes) as [EditableField, { old: unknown; new: unknown }][]) {
      for (const side of ['old', 'new'] as const) {
        const parsed = fieldSchemas[field].safeParse(change[side]);
        if (!parsed.success) {
          for (const issue of parsed.error.issues) {
            ctx.addIssue({ code: 'custom', path: ['changes', field, side, ...issue.path.map(String)], message: issue.message });
          }
        }
      }
    }
    const changed = Object.keys(d.changes).length;
    const fail = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    switch (d.action) {
      case 'correct':
        if (changed === 0) fail('changes', 'a correction must change at least one field');
        if (d.review.new !== 'corrected') fail('review', 'a correction leaves the record `corrected`');
        break;
      case 'accept':
        if (changed > 0) fail('changes', 'accept changes no field (use correct)');
        // accepting a corrected record keeps it `corrected`: its fields still differ from the extraction
        if (d.review.new !== 'accepted' && d.review.new !== 'corrected') fail('review', 'accept leaves the record `accepted` (or `corrected`)');
        break;
      case 'reject':
        if (changed > 0) fail('changes', 'reject changes no field');
        if (d.review.new !== 'rejected') fail('review', 'reject leaves the record `rejected`');
        break;
      case 'undo':
        if (d.undoes === null) fail('undoes', 'undo must name the decision it takes back');
        break;
    }
    if (d.action !== 'undo' && d.undoes !== null) fail('undoes', 'only undo names a decision to take back');
  });

export type Decision = z.infer<typeof DecisionSchema>;
export type FieldChange = { old: unknown; new: unknown };

/** What the review page sends; the server turns it into a Decision (old values, review states, time). */
export const DecisionRequestSchema = z.strictObject({
  recordId: z.string().min(8).max(128),
  action: z.enum(DECISION_ACTIONS),
  /** For correct: the new values of the fields the reviewer edited (unchanged ones are ignored). */
  fields: z.partialRecord(z.enum(EDITABLE_FIELDS), z.unknown()).optional(),
  undoes: z.string().min(8).max(64).optional(),
  basedOn: z.string().min(8).max(64).nullable(),
  reviewer: ReviewerSchema.optional(),
  /** The reviewer asked to change a decision already made (a decided record is never re-decided otherwise). */
  change: z.boolean().optional(),
  /** The reviewer's page, which holds leases on the records it was given. */
  session: z.string().min(8).max(64).regex(/^[A-Za-z0-9_-]+$/).optional(),
});
export type DecisionRequest = z.infer<typeof DecisionRequestSchema>;
