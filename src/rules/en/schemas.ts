/** Strict zod schemas for the English rule files in rules/en/ (units, cues, periods, metric, places). */
import { z } from 'zod';

const ruleId = z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/, 'rule ids look like `group.name`');
const words = z.array(z.string().trim().min(1));
const nonEmptyWords = words.min(1);
const regex = z.string().superRefine((pattern, ctx) => {
  try {
    new RegExp(pattern, 'iu');
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `invalid regex: ${(err as Error).message}` });
  }
});

/** A sentence a rule must turn into a record with these fields (or, with `none`, into no record at that quote). */
export const EnglishExampleSchema = z.strictObject({
  text: z.string().min(1),
  quote: z.string().min(1),
  none: z.literal(true).optional(),
  kind: z.enum(['level', 'share', 'growth', 'pp', 'rank']).optional(),
  basis: z.enum(['yoy', 'avg_annual', 'other']).optional(),
  value: z.number().optional(),
  normalized: z.number().optional(),
  currency: z.string().optional(),
  approx: z.enum(['about', 'nearly', 'over', 'under']).optional(),
  status: z.enum(['actual', 'target']).optional(),
  metric: z.string().optional(),
  /** The expected city name; null: a figure about no region (the whole country). */
  city: z.string().nullable().optional(),
  year: z.number().int().nullable().optional(),
  startMonth: z.number().int().min(1).max(12).nullable().optional(),
  endMonth: z.number().int().min(1).max(12).nullable().optional(),
  /** The publication date the example is read with (default: the test's). */
  published: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
});
export type EnglishExample = z.infer<typeof EnglishExampleSchema>;
const examples = z.array(EnglishExampleSchema).optional();

export const EnglishUnitsSchema = z.strictObject({
  version: z.literal(1),
  multipliers: z.array(z.strictObject({ id: ruleId, words: nonEmptyWords, factor: z.number().positive() })).min(1),
  currencies: z.array(z.strictObject({ id: ruleId, code: z.string().regex(/^[A-Z]{3}$/), before: words, after: words })).min(1),
  percent: z.strictObject({ id: ruleId, words: nonEmptyWords }),
  pp: z.strictObject({ id: ruleId, words: nonEmptyWords }),
  times: z.strictObject({ id: ruleId, words: nonEmptyWords }).optional(),
  counted: z.strictObject({ id: ruleId, maxModifiers: z.number().int().min(0).max(6), nouns: nonEmptyWords, regionNouns: words, measures: words.optional() }),
  bareAfter: z.strictObject({ id: ruleId, words: nonEmptyWords }),
  notFigure: z.strictObject({ id: ruleId, before: words, after: words }),
  examples,
});

const signedCue = z.strictObject({ id: ruleId, sign: z.union([z.literal(1), z.literal(-1)]), before: words, after: words, examples });

export const EnglishCuesSchema = z.strictObject({
  version: z.literal(1),
  window: z.number().int().min(1).max(12),
  growth: z.array(signedCue).min(1),
  share: z.array(
    z.strictObject({ id: ruleId, before: words.optional(), after: words.optional(), metricWords: words.optional(), examples }),
  ),
  levelAfter: z.strictObject({ id: ruleId, before: nonEmptyWords }),
  pp: z.array(z.strictObject({ id: ruleId, sign: z.union([z.literal(1), z.literal(-1)]), words: nonEmptyWords })).min(1),
  basis: z.array(z.strictObject({ id: ruleId, basis: z.enum(['yoy', 'avg_annual', 'other']), words: nonEmptyWords, pattern: regex.optional(), examples })).min(1),
  approx: z.array(
    z.strictObject({ id: ruleId, approx: z.enum(['about', 'nearly', 'over', 'under']), before: words, after: words.optional(), examples }),
  ),
  threshold: z.strictObject({ id: ruleId, before: nonEmptyWords, examples }),
  target: z.strictObject({ id: ruleId, words: nonEmptyWords, metBefore: words.optional(), figureAfter: words.optional(), examples }),
  national: z.strictObject({ id: ruleId, words: nonEmptyWords, notBefore: words.optional(), notAfter: words.optional(), sources: words.optional(), examples }),
  respectively: z.strictObject({ id: ruleId, words: nonEmptyWords }),
  ellipsis: z.strictObject({ id: ruleId, words: nonEmptyWords, examples }).optional(),
  distributive: z.strictObject({ id: ruleId, words: nonEmptyWords }).optional(),
});

/** Named groups a period pattern may use; src/extract/en/periods.ts reads each. */
export const ENGLISH_PERIOD_GROUPS = ['year', 'year1', 'endYear', 'rel', 'm1', 'm2', 'month', 'half', 'quarter', 'quarters', 'months', 'wholeYear', 'same', 'sameLastYear', 'yearEarlier'] as const;

export const EnglishPeriodsSchema = z.strictObject({
  version: z.literal(1),
  notAfter: words,
  patterns: z
    .array(
      z.strictObject({
        id: ruleId,
        pattern: regex.superRefine((pattern, ctx) => {
          for (const m of pattern.matchAll(/\(\?<([a-zA-Z0-9]+)>/g)) {
            if (!(ENGLISH_PERIOD_GROUPS as readonly string[]).includes(m[1])) ctx.addIssue({ code: 'custom', message: `unknown named group "${m[1]}"` });
          }
        }),
        pointInTime: z.boolean().optional(),
        examples: z
          .array(
            z.strictObject({
              text: z.string().min(1),
              year: z.number().int().optional(),
              endYear: z.number().int().optional(),
              rel: z.boolean().optional(),
              startMonth: z.number().int().min(1).max(12).optional(),
              endMonth: z.number().int().min(1).max(12).optional(),
              wholeYear: z.boolean().optional(),
              same: z.boolean().optional(),
              sameLastYear: z.boolean().optional(),
              yearEarlier: z.boolean().optional(),
            }),
          )
          .min(1),
      }),
    )
    .min(1),
});

export const EnglishMetricSchema = z.strictObject({
  version: z.literal(1),
  verbs: nonEmptyWords,
  ofBefore: words,
  inAfter: words,
  leading: words,
  trailing: words,
  anaphora: z.array(z.strictObject({ words: nonEmptyWords, level: z.enum(['province', 'city', 'county', 'any']) })),
  empty: words,
  clauseOpeners: words.optional(),
  cutAfter: words.optional(),
  introWords: words.optional(),
  regionPhrase: regex.optional(),
  objectHeads: words.optional(),
  changeVerbs: words.optional(),
  ofCut: words.optional(),
  notInAfter: words.optional(),
  asideOpeners: words.optional(),
  manner: words.optional(),
  genericMeasures: words.optional(),
  /** A name that is only a target (annual target, goals): its `qualifiers`, its `heads`, and the qualifiers a measure named after it drops. */
  targetNames: z.strictObject({ qualifiers: nonEmptyWords, heads: nonEmptyWords, dropped: nonEmptyWords }).optional(),
  countedByVerb: z.strictObject({ nouns: nonEmptyWords, verbs: z.record(z.string().min(1), z.string().min(1)), between: nonEmptyWords }).optional(),
  examples,
});

export const EnglishPlacesSchema = z.strictObject({
  version: z.literal(1),
  levelWords: z.strictObject({ province: nonEmptyWords, prefecture: nonEmptyWords, county: nonEmptyWords }),
  forms: z.array(z.strictObject({ name: z.string().regex(/^[\u3400-\u9fff]{2,}$/), code: z.string().regex(/^\d{6}$/).optional(), en: nonEmptyWords })),
  notAlone: words,
  notNameBefore: words.optional(),
  datelines: z
    .array(z.strictObject({ id: ruleId, pattern: regex, examples: z.array(z.strictObject({ text: z.string().min(1), place: z.string().nullable() })).min(1) }))
    .optional(),
  appositive: z.strictObject({ id: ruleId, openers: nonEmptyWords, placeOpeners: nonEmptyWords.optional(), maxWords: z.number().int().min(2).max(30), examples }).optional(),
  describedIn: z.strictObject({ id: ruleId, between: regex, examples }).optional(),
  venues: z.strictObject({ id: ruleId, words: nonEmptyWords, examples }).optional(),
});

export type EnglishUnits = z.infer<typeof EnglishUnitsSchema>;
export type EnglishCues = z.infer<typeof EnglishCuesSchema>;
export type EnglishPeriods = z.infer<typeof EnglishPeriodsSchema>;
export type EnglishMetric = z.infer<typeof EnglishMetricSchema>;
export type EnglishPlaces = z.infer<typeof EnglishPlacesSchema>;

/** The English rules as validated: plain data, which crosses to a worker thread as it is. */
export interface EnglishRuleData {
  units: EnglishUnits;
  cues: EnglishCues;
  periods: EnglishPeriods;
  metric: EnglishMetric;
  places: EnglishPlaces;
}

export const ENGLISH_RULE_FILES = ['en/units.yaml', 'en/cues.yaml', 'en/periods.yaml', 'en/metric.yaml', 'en/places.yaml'] as const;
