/** Strict zod schemas for the extraction rule files in rules/ (units, cues, periods, metric). */
import { z } from 'zod';

export const ruleId = z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/, 'rule ids look like `group.name`');
const nonEmptyWords = z.array(z.string().min(1)).min(1);

/** A sentence that a rule must turn into a record with these fields (the rule's own test corpus). */
export const CueExampleSchema = z.strictObject({
  text: z.string().min(1),
  quote: z.string().min(1),
  kind: z.enum(['level', 'share', 'growth', 'pp', 'rank']).optional(),
  basis: z.enum(['yoy', 'avg_annual', 'other']).optional(),
  value: z.number().optional(),
  normalized: z.number().optional(),
  approx: z.enum(['about', 'nearly', 'over', 'under']).optional(),
  status: z.enum(['actual', 'target']).optional(),
  metric: z.string().optional(),
  city: z.string().optional(),
});
export type CueExample = z.infer<typeof CueExampleSchema>;
const examples = z.array(CueExampleSchema).optional();

/**
 * A number form read by its own mechanism (src/extract/value-forms.ts); the form's words are data:
 * `words` are the words that make the form, `before`/`after` the words that must stand next to it
 * for it to be a figure, `notAfter` the characters after it that make it part of a word (`notBefore`
 * before it), `parts`
 * the metric names of a structure's parts.
 */
export const VALUE_FORMS = [
  'percent_words', 'tenths', 'fraction', 'slash_fraction', 'half', 'chinese_decimal', 'negative_word', 'range', 'approx_multiplier', 'bare_multiplier', 'ratio_structure',
] as const;
export const ValueFormSchema = z.strictObject({
  id: ruleId,
  form: z.enum(VALUE_FORMS),
  words: nonEmptyWords,
  before: z.array(z.string().min(1)).optional(),
  after: z.array(z.string().min(1)).optional(),
  notAfter: z.array(z.string().min(1)).optional(),
  /** Marks of approximation written right after the form (两成多, 三成余). */
  approxAfter: z.array(z.string().min(1)).optional(),
  /** What may stand between the words and the figure (占*全省*的1/4). */
  between: z.array(z.string().min(1)).optional(),
  /** The particle that joins a whole to its part (占全市企业*的*一半, 全省*的*1/4). */
  joiner: z.string().min(1).optional(),
  /** The unit classes a form reads (bare_multiplier: money unless said). */
  classes: z.array(z.enum(['money', 'percent', 'permille', 'pp', 'times', 'count', 'measure', 'ratio'])).min(1).optional(),
  /** The characters before the words that make them part of another word (减负, 担负: no minus sign). */
  notBefore: z.array(z.string().length(1)).optional(),
  parts: z.array(z.string().min(1)).min(2).optional(),
  /**
   * ratio_structure: the words after a structure that make it the one a change starts from
   * (由5.1:45.3:49.6 *调整为*), and a pattern the words before it must end with for it to be read too:
   * its own period named with it (由*上年的*17.3:41.2:41.5).
   */
  changedFrom: z
    .strictObject({
      after: nonEmptyWords,
      readWhenBefore: z.string().superRefine((pattern, ctx) => {
        try {
          new RegExp(pattern, 'u');
        } catch (err) {
          ctx.addIssue({ code: 'custom', message: `invalid regex: ${(err as Error).message}` });
        }
      }),
    })
    .optional(),
  examples: z.array(CueExampleSchema).min(1),
  /** Texts in which the form must read no figure. */
  negatives: z.array(z.string().min(1)).optional(),
});
export type ValueForm = z.infer<typeof ValueFormSchema>;

export const UNIT_CLASSES = ['money', 'percent', 'permille', 'pp', 'times', 'count', 'measure', 'ratio'] as const;
export type UnitClass = (typeof UNIT_CLASSES)[number];

export const UnitsFileSchema = z.strictObject({
  version: z.literal(1),
  multipliers: z.record(z.string().regex(/^[十百千万亿]+$/), z.number().positive()),
  idioms: z.array(z.string().min(2)),
  /** Words around a number that decide whether it is a figure (src/extract/values.ts): see rules/units.yaml. */
  figureWords: z.strictObject({
    ordinalPrefix: z.string().min(1),
    rankPlaceUnits: nonEmptyWords,
    firstPlace: nonEmptyWords,
    placeUnit: z.string().min(1),
    rankMoves: nonEmptyWords,
    loneNumerals: z.array(z.string().length(1)).min(1),
    numeralNotAfter: z.array(z.string().length(1)).min(1),
    arabicNotAfter: z.array(z.string().length(1)).min(1),
    classAfter: z.array(z.string().length(1)).min(1),
    listAfter: z.array(z.string().length(1)).min(1),
    afterMultiplierAlone: nonEmptyWords,
    listSeparators: nonEmptyWords,
    openListEnds: nonEmptyWords,
    /** Texts in which these words leave no figure, and texts that still give one (the quote). */
    negatives: z.array(z.string().min(1)).min(1),
    examples: z.array(CueExampleSchema).min(1),
  }),
  /** Words that end a programme's name: a count before a noun they follow names the programme (50万大学生招引行动). */
  programmeWords: z.array(z.string().min(2)),
  ordinalCounters: z.array(z.string().length(1)).min(1),
  nameContexts: z.array(
    z.string().superRefine((pattern, ctx) => {
      try {
        new RegExp(pattern, 'u');
      } catch (err) {
        ctx.addIssue({ code: 'custom', message: `invalid regex: ${(err as Error).message}` });
      }
    }),
  ),
  units: z.array(
    z.strictObject({
      unit: z.string().min(1),
      class: z.enum(UNIT_CLASSES),
      base: z.string().min(1).optional(),
      /** For composite units written with a multiplier inside (万元/人), or a percent written in tenths (成): factor to the base. */
      scale: z.number().positive().optional(),
    }),
  ),
  /** Number forms the figure pattern does not read (百分之五, 三成, 三分之一 …): src/extract/value-forms.ts. */
  forms: z.array(ValueFormSchema),
});

export const CuesFileSchema = z.strictObject({
  version: z.literal(1),
  growth: z.array(z.strictObject({ id: ruleId, sign: z.union([z.literal(1), z.literal(-1)]), words: nonEmptyWords, examples })),
  basis: z.array(z.strictObject({ id: ruleId, basis: z.enum(['yoy', 'avg_annual', 'other']), words: nonEmptyWords, examples })),
  approx: z.array(
    z.strictObject({
      id: ruleId,
      approx: z.enum(['about', 'nearly', 'over', 'under']),
      before: z.array(z.string().min(1)),
      after: z.array(z.string().min(1)),
      examples,
    }),
  ),
  share: z.array(z.strictObject({ id: ruleId, words: nonEmptyWords, examples })),
  /** Nouns naming a growth rate: a % value a change verb sets them to is that rate, signed by the noun. */
  growthRates: z.array(z.strictObject({ id: ruleId, sign: z.union([z.literal(1), z.literal(-1)]), words: nonEmptyWords, examples })),
  /** Growth nouns after a % value (保持3%的增长): see rules/cues.yaml growthAfter. */
  growthAfter: z.strictObject({
    id: ruleId,
    words: nonEmptyWords,
    qualifiers: nonEmptyWords,
    joiner: z.string().min(1),
    reach: z.number().int().min(0).max(20),
    attributed: nonEmptyWords,
    portionBefore: nonEmptyWords,
    examples: z.array(CueExampleSchema).min(1),
  }),
  /** Change verbs that make an amount written right after them an absolute change with a sign (减少0.13万吨). */
  levelChange: z.array(z.strictObject({ id: ruleId, sign: z.union([z.literal(1), z.literal(-1)]), words: nonEmptyWords, examples })),
  /** `after`: the words stand after the figure in its clause, with 的 before them (增长6%的目标). */
  /** `except`: longer words holding a goal word that set no goal (好于预期, 计划单列市, 虚拟). */
  target: z.array(
    z.strictObject({
      id: ruleId,
      words: nonEmptyWords,
      except: z.array(z.string().min(1)).optional(),
      after: z.boolean().optional(),
      /** The words govern only the figures of their own clause (or of the clause they open with a comma). */
      clauseOnly: z.boolean().optional(),
      examples,
    }),
  ),
  /** What bounds a goal word's reach (see src/extract/cues.ts targetFor). */
  goalScope: z.strictObject({
    /** Words that report something done: a goal word before them no longer governs the figures after. */
    accomplished: nonEmptyWords,
    /** Goal words that are also nouns, and the characters after which they name a plan (英才计划”). */
    planNouns: nonEmptyWords,
    planNameEnds: z.string().min(1),
    /** What a figure's clause ends at, for a goal word standing after the figure. */
    clauseEnds: z.string().min(1),
    /** What joins a figure to a goal word after it (6%的目标). */
    afterJoiner: z.string().min(1),
  }),
  rank: z.array(z.strictObject({ id: ruleId, verbs: nonEmptyWords, scopes: nonEmptyWords, examples })),
});

export const PeriodExampleSchema = z.strictObject({
  text: z.string().min(1),
  year: z.number().int().nullable().optional(),
  endYear: z.number().int().nullable().optional(),
  startMonth: z.number().int().min(1).max(12).nullable().optional(),
  endMonth: z.number().int().min(1).max(12).nullable().optional(),
});

const KNOWN_PERIOD_GROUPS = ['year', 'endYear', 'rel', 'relMonth', 'm1', 'm2', 'firstMonths', 'half', 'quarter', 'firstQuarters', 'quarterEnd', 'halfEnd', 'plan', 'recent', 'coming', 'undated', 'wholeYear'];
const monthSpan = z.tuple([z.number().int().min(1).max(12), z.number().int().min(1).max(12)]);

export const PeriodsFileSchema = z.strictObject({
  version: z.literal(1),
  notAfter: z.array(z.string().min(1)),
  /** A period right after these, inside a clause, dates one event there and does not date the paragraph. */
  eventMarks: z.array(z.string().min(1)),
  /** A period right after these opens a change (从2020年的31%提高到34%): it dates the figure right after it, not the one the change reaches. */
  changeFrom: z.array(z.string().min(1)),
  /** <rel> words and the years they count from the document's date (去年: -1). */
  relativeYears: z.record(z.string().min(1), z.number().int()),
  /** <relMonth> words and the months they count from the document's date (上月: -1). */
  relativeMonths: z.record(z.string().min(1), z.number().int()),
  /** <plan> names and the years they span. */
  plans: z.record(z.string().min(1), z.tuple([z.number().int(), z.number().int()])),
  /** <half> and <quarter> values and their months. */
  halves: z.record(z.string().min(1), monthSpan),
  quarters: z.record(z.string().min(1), monthSpan),
  patterns: z.array(
    z
      .strictObject({
        id: ruleId,
        pattern: z.string().min(1),
        target: z.boolean().optional(),
        pointInTime: z.boolean().optional(),
        /** A word that refers to a period named before it, and dates a figure only where none is:
         * `previous` the nearest earlier period (当月, 年内), `first` the sentence's first (同期). */
        weak: z.enum(['previous', 'first']).optional(),
        examples: z.array(PeriodExampleSchema).min(1),
      })
      .superRefine((rule, ctx) => {
        try {
          new RegExp(rule.pattern, 'u');
        } catch (err) {
          ctx.addIssue({ code: 'custom', path: ['pattern'], message: `invalid regex: ${(err as Error).message}` });
          return;
        }
        for (const name of rule.pattern.matchAll(/\(\?<([A-Za-z]+)>/g)) {
          if (!KNOWN_PERIOD_GROUPS.includes(name[1])) {
            ctx.addIssue({ code: 'custom', path: ['pattern'], message: `unknown named group <${name[1]}>; known: ${KNOWN_PERIOD_GROUPS.join(', ')}` });
          }
        }
      }),
  ),
});

export const MetricFileSchema = z.strictObject({
  version: z.literal(1),
  leading: nonEmptyWords,
  trailing: nonEmptyWords,
  reportingVerbs: nonEmptyWords,
  subjectSuffixes: nonEmptyWords,
  countSuffix: z.string().min(1),
  countNames: z.record(z.string().min(1), z.string().min(1)),
  countedPredicates: nonEmptyWords,
  contributionVerbs: nonEmptyWords,
  areaVerbs: nonEmptyWords,
  areaUnits: nonEmptyWords,
  contributionEnding: z.string().min(1),
  absoluteChangeSuffix: z.string().min(1),
  listAbbreviations: z.record(z.string().min(2), z.array(z.string().min(1)).min(2)),
  comparisonOpeners: nonEmptyWords,
  comparisonFrames: nonEmptyWords,
  comparisonClosers: nonEmptyWords,
  comparisonBaseStarts: nonEmptyWords,
  quantityEndings: nonEmptyWords,
  afterFigureWords: nonEmptyWords,
  locatives: nonEmptyWords,
  nounJoiners: nonEmptyWords,
  bareAttributes: nonEmptyWords,
  rankedAttributes: nonEmptyWords,
  rankScopePrepositions: nonEmptyWords,
  shareEndings: nonEmptyWords,
  shareSuffix: z.string().min(1),
  scaleWords: nonEmptyWords,
  categoryNouns: nonEmptyWords,
  listJoiners: nonEmptyWords,
  listPrepositions: nonEmptyWords,
  respectiveVerbs: nonEmptyWords,
  functionWordsLeading: nonEmptyWords,
  functionWordsTrailing: nonEmptyWords,
  rateWords: nonEmptyWords,
  predicateOpeners: nonEmptyWords,
  derivedNames: z.strictObject({
    rankSuffix: z.string().min(1),
    rankPlaceEnding: z.string().min(1),
    wholeScopes: nonEmptyWords,
    shareOfWholeVerbs: nonEmptyWords,
    shareOfWholeVerb: z.string().min(1),
    shareOfNounSuffix: z.string().min(1),
    scaleSuffix: z.string().min(1),
    areaSuffix: z.string().min(1),
  }),
  industryLists: z.strictObject({ id: ruleId, ending: z.string().min(1), attributes: nonEmptyWords, examples: z.array(CueExampleSchema).min(1) }),
  listInClauseBefore: z.strictObject({ id: ruleId, predicateTags: nonEmptyWords, examples: z.array(CueExampleSchema).min(1) }),
  spelledOut: z.array(
    z
      .strictObject({ id: ruleId, pattern: regexPattern(), name: z.string().min(1), examples: z.array(CueExampleSchema).min(1) })
      .superRefine((rule, ctx) => {
        if (!rule.pattern.startsWith('^') || !rule.pattern.endsWith('$')) ctx.addIssue({ code: 'custom', path: ['pattern'], message: 'a spelled-out name matches a whole phrase: anchor the pattern with ^ and $' });
      }),
  ),
});

export type UnitsFile = z.infer<typeof UnitsFileSchema>;
export type CuesFile = z.infer<typeof CuesFileSchema>;
export type PeriodsFile = z.infer<typeof PeriodsFileSchema>;
export type MetricFile = z.infer<typeof MetricFileSchema>;

export function regexPattern() {
  return z.string().min(1).superRefine((pattern, ctx) => {
    try {
      new RegExp(pattern, 'u');
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: `invalid regex: ${(err as Error).message}` });
    }
  });
}

export const DOCUMENT_KINDS = ['work_report', 'bulletin', 'plan', 'news'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const SECTION_ROLES = ['review', 'goals'] as const;
export type SectionRole = (typeof SECTION_ROLES)[number];

/** rules/documents.yaml: what tells a document's kind and its sections (see src/extract/document.ts). */
export const DocumentsFileSchema = z.strictObject({
  version: z.literal(1),
  kinds: z.array(
    z.strictObject({
      id: ruleId,
      kind: z.enum(DOCUMENT_KINDS),
      title: z.array(z.string().min(1)),
      lead: z.array(z.string().min(1)),
      examples: z
        .array(
          z.strictObject({
            title: z.string().min(1).nullable(),
            lead: z.string().min(1).optional(),
            kind: z.enum(DOCUMENT_KINDS),
            year: z.number().int().optional(),
          }),
        )
        .min(1),
    }),
  ),
  titleYear: regexPattern().refine((p) => p.includes('(?<year>'), 'titleYear needs a <year> group'),
  /** `named`: the line is a heading only when it holds a section's heading words (过去一年工作回顾 on a line of its own). */
  headings: z.array(z.strictObject({ level: z.union([z.literal(1), z.literal(2)]), pattern: regexPattern(), named: z.boolean().optional() })).min(1),
  sections: z.array(
    z.strictObject({
      id: ruleId,
      role: z.enum(SECTION_ROLES),
      yearOffset: z.number().int(),
      /** The section a work report's first numbered heading opens when its words name none. */
      opensReport: z.boolean().optional(),
      headings: nonEmptyWords,
      announce: z.array(z.string().min(1)),
      announceEnds: z.array(z.string().min(1)),
      /** Words that, before a figure in its clause, report what is already done (目前, 已): the figure is actual there. */
      doneWords: z.array(z.string().min(1)).optional(),
      examples: z
        .array(z.strictObject({ heading: z.string().min(1), role: z.enum(SECTION_ROLES), year: z.number().int().nullable().optional() }))
        .min(1),
    }),
  ),
});
export type DocumentsFile = z.infer<typeof DocumentsFileSchema>;

/** rules/divisions.yaml: how the names of the administrative divisions are read (src/gazetteer/divisions.ts). */
export const DivisionsFileSchema = z.strictObject({
  version: z.literal(1),
  suffixes: nonEmptyWords,
  ethnicDesignations: nonEmptyWords,
  autonomousPrefix: z.string().min(1),
  /** An autonomous suffix and the plain one it is written as in a unit's everyday name (自治县 → 县). */
  plainForms: z.array(z.strictObject({ autonomous: z.string().min(2), plain: z.string().min(1) })),
  placeholderRows: nonEmptyWords,
  groupingMarks: nonEmptyWords,
  /** A full name and the short form it must give (null: none). */
  examples: z.array(z.strictObject({ name: z.string().min(2), short: z.string().min(2).nullable(), plain: z.string().min(2).nullable().optional() })).min(1),
});
export type DivisionsFile = z.infer<typeof DivisionsFileSchema>;
