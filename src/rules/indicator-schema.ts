/**
 * The schema of rules/indicators.yaml (see indicators.ts for what the lexicon does with it). Kept apart
 * from the lexicon so that a thread compiling indicators already validated does not load zod.
 */
import { z } from 'zod';
import { buildIndicatorLexicon, normalizeMetricName, type IndicatorLexicon } from './indicators';
import { parseRuleFile, type RuleSource } from './validate';

const term = z.string().trim().min(1, 'must not be empty');

export const IndicatorSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(?:_[a-z0-9]+)*$/, 'expected a snake_case id (a-z, 0-9, _)'),
  name: term,
  synonyms: z.array(term).default([]),
  /** English wordings of the indicator (gross domestic product, GDP): what English articles call it. */
  en: z.array(term).optional(),
  unit: z.array(term).min(1).optional(),
  examples: z.array(term).min(1).optional(),
});

export const IndicatorFileSchema = z
  .strictObject({
    version: z.literal(1),
    indicators: z.array(IndicatorSchema).min(1),
  })
  .superRefine((file, ctx) => {
    const firstIdAt = new Map<string, number>();
    file.indicators.forEach((indicator, i) => {
      const first = firstIdAt.get(indicator.id);
      if (first === undefined) firstIdAt.set(indicator.id, i);
      else ctx.addIssue({ code: 'custom', path: ['indicators', i, 'id'], message: `duplicate id "${indicator.id}" (first at indicators[${first}])` });
    });
    // A wording may belong to one indicator only, compared after normalization (规模以上 = 规上).
    const ownerOf = new Map<string, { id: string; where: string }>();
    file.indicators.forEach((indicator, i) => {
      const wordings: Array<{ wording: string; path: (string | number)[]; where: string }> = [
        { wording: indicator.name, path: ['indicators', i, 'name'], where: `indicators[${i}].name` },
        ...indicator.synonyms.map((wording, j) => ({ wording, path: ['indicators', i, 'synonyms', j], where: `indicators[${i}].synonyms[${j}]` })),
      ];
      for (const { wording, path, where } of wordings) {
        const key = normalizeMetricName(wording);
        const owner = ownerOf.get(key);
        if (!owner) ownerOf.set(key, { id: indicator.id, where });
        else if (owner.id !== indicator.id) {
          ctx.addIssue({ code: 'custom', path, message: `"${wording}" is already claimed by "${owner.id}" (${owner.where})` });
        }
      }
    });
  });

export type IndicatorFile = z.infer<typeof IndicatorFileSchema>;

/** Parses rules/indicators.yaml: strict schema, duplicate ids and shared wordings all reported at once. */
export function parseIndicators(source: RuleSource, file: string): IndicatorLexicon {
  return buildIndicatorLexicon(parseRuleFile(IndicatorFileSchema, source, file));
}
