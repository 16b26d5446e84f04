/**
 * The schema of rules/regions.yaml: the words that decide which region a figure is about (see
 * extract/places.ts and articles/articles.ts). Kept apart from the code using it so that a thread
 * compiling rules already validated does not load zod.
 */
import { z } from 'zod';
import { parseRuleFile, type RuleSource } from './validate';
import { REGION_WORD_KINDS } from '../extract/region-rules';

const ruleId = z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/, 'rule ids look like `group.name`');
const hanWord = z.string().regex(/^[\u3400-\u9fff]+$/, 'expected Chinese characters');

/** A text and the city the figure quoted in it must get (null: none), with the paper it came from. */
export const RegionExampleSchema = z.strictObject({
  text: z.string().min(1),
  quote: z.string().min(1),
  city: z.string().min(2).nullable(),
  paper: z.string().min(2).optional(),
  title: z.string().min(2).optional(),
});
export type RegionExample = z.infer<typeof RegionExampleSchema>;

const wordList = (word: z.ZodString) => z.strictObject({ id: ruleId, words: z.array(word).min(1), examples: z.array(RegionExampleSchema).optional() });

/** Region words are two characters long: one scan finds them all, and at most one stands at a position. */
const regionWord = z.string().regex(/^[\u3400-\u9fff]{2}$/, 'a region word is two Chinese characters');


export const RegionsFileSchema = z
  .strictObject({
    version: z.literal(1),
    regionWords: z.strictObject({ home: wordList(regionWord).extend({ cityWords: z.array(regionWord) }), anaphora: wordList(regionWord), province: wordList(regionWord), nation: wordList(regionWord) }),
    scopeQualifierAfter: wordList(z.string().regex(/^[\u3400-\u9fff0-9]+$/, 'expected Chinese characters or digits')),
    provinceShortFormFollowers: wordList(z.string().regex(/^[\u3400-\u9fff]$/, 'one Chinese character')),
    routeJoiners: wordList(hanWord),
    topicIntroducers: wordList(hanWord),
    listJoiners: wordList(z.string().min(1)).extend({ notJointAfter: z.array(hanWord) }),
    topicFrames: wordList(hanWord),
    locatedIn: wordList(hanWord),
    comparedWith: wordList(hanWord),
    nonSubjectBefore: wordList(hanWord).extend({ fillers: z.array(hanWord) }),
    organisationSuffixes: wordList(hanWord),
    subjectLeadWords: wordList(hanWord),
    bylineWords: wordList(hanWord),
    datelineAfter: wordList(hanWord),
  })
  .superRefine((file, ctx) => {
    file.regionWords.home.cityWords.forEach((word, i) => {
      if (!file.regionWords.home.words.includes(word)) ctx.addIssue({ code: 'custom', path: ['regionWords', 'home', 'cityWords', i], message: `"${word}" is not a home word` });
    });
    const kindOf = new Map<string, string>();
    for (const kind of REGION_WORD_KINDS) {
      file.regionWords[kind].words.forEach((word, i) => {
        const other = kindOf.get(word);
        if (other !== undefined) ctx.addIssue({ code: 'custom', path: ['regionWords', kind, 'words', i], message: `"${word}" is a ${other} word already` });
        kindOf.set(word, kind);
      });
    }
  });

export type RegionsFile = z.infer<typeof RegionsFileSchema>;

export function parseRegionsFile(source: RuleSource, file: string): RegionsFile {
  return parseRuleFile(RegionsFileSchema, source, file);
}
