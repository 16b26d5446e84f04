/** rules/tables.yaml: how statistical tables are written (see src/extract/tables.ts, table-records.ts). */
import { z } from 'zod';
import { regexPattern, ruleId } from './schemas';

const words = z.array(z.string().min(1)).min(1);
const COLUMN_KINDS = ['year', 'growth', 'share', 'level'] as const;

const ColumnRuleSchema = z
  .strictObject({
    id: ruleId,
    kind: z.enum(COLUMN_KINDS),
    /** For growth columns: what the rate is measured against (年均增长: average annual). Default yoy. */
    basis: z.enum(['yoy', 'avg_annual']).optional(),
    /** The header holds one of these words. */
    words: words.optional(),
    /** The header begins with one of these words. */
    starts: words.optional(),
    pattern: regexPattern().optional(),
    examples: z
      .array(
        z.strictObject({
          header: z.string().min(1),
          kind: z.enum(['level', 'growth', 'share']),
          year: z.number().int().optional(),
          target: z.boolean().optional(),
          unit: z.string().min(1).optional(),
          basis: z.enum(['yoy', 'avg_annual']).optional(),
        }),
      )
      .min(1),
  })
  .superRefine((rule, ctx) => {
    const ways = [rule.words, rule.starts, rule.pattern].filter((w) => w !== undefined).length;
    if (ways !== 1) ctx.addIssue({ code: 'custom', message: 'a column rule gives exactly one of words, starts, pattern' });
    if (rule.kind === 'year' && !rule.pattern?.includes('(?<year>')) ctx.addIssue({ code: 'custom', path: ['pattern'], message: 'a year column rule needs a pattern with a <year> group' });
  });

const WordListSchema = z.strictObject({ id: ruleId, words, examples: z.array(z.string().min(1)).min(1) });

export const TablesFileSchema = z.strictObject({
  version: z.literal(1),
  columns: z.array(ColumnRuleSchema).min(1),
  labelHeaders: WordListSchema,
  placeHeaders: WordListSchema,
  totalRows: WordListSchema,
  bracketNotes: WordListSchema,
  bracketQualifiers: WordListSchema,
  labelPrefix: z.strictObject({
    id: ruleId,
    pattern: regexPattern().refine((p) => p.startsWith('^'), 'the label prefix pattern is anchored at the start (^)'),
    examples: z.array(z.strictObject({ label: z.string().min(1), metric: z.string().min(1) })).min(1),
  }),
  unitHeaders: WordListSchema,
  noteHeaders: WordListSchema,
  emptyCells: WordListSchema,
  footnote: z.strictObject({
    id: ruleId,
    pattern: regexPattern().refine((p) => p.includes('(?<marker>') && p.includes('(?<year>'), 'the footnote pattern needs <marker> and <year> groups'),
    examples: z.array(z.strictObject({ text: z.string().min(1), marker: z.string().min(1), year: z.number().int() })).min(1),
  }),
  caption: z.strictObject({
    id: ruleId,
    pattern: regexPattern(),
    regionSets: words,
    measureSuffixes: words,
    generic: words,
    examples: z
      .array(z.strictObject({ text: z.string().min(1), period: z.string().min(1), metric: z.string().min(1).nullable(), places: z.boolean().optional() }))
      .min(1),
  }),
  parts: z.array(
    z.strictObject({
      id: ruleId,
      wholes: words,
      rowPattern: regexPattern(),
      suffix: z.string().min(1),
      examples: z.array(z.strictObject({ caption: z.string().min(1), row: z.string().min(1), metric: z.string().min(1) })).min(1),
    }),
  ),
});
export type TablesFile = z.infer<typeof TablesFileSchema>;
