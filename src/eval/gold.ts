/**
 * Gold facts (fixtures/gold/*.jsonl): parsing and locating them in their input text.
 *
 * A gold line does not carry offsets; it names its figure by `quote` inside a `context` that occurs
 * exactly once in the decoded input. Locating turns that into a span comparable with a record's span.
 */
import { z } from 'zod';
import { parseJsonLines } from './jsonl';
import { KINDS, BASES, APPROX, STATUSES } from '../record/schema';

const month = z.number().int().min(1).max(12).nullable();

/** Gold periods use the record's period shape, strictly, so a misspelt key is caught. */
export const GoldPeriodSchema = z.strictObject({
  text: z.string().nullable(),
  year: z.number().int().min(1900).max(2200).nullable(),
  endYear: z.number().int().min(1900).max(2200).nullable(),
  startMonth: month,
  endMonth: month,
});

/**
 * One gold line. Strict (unknown keys are errors) so typos such as `perodAlt` do not silently drop
 * an annotation; `city` and `metric` are plain strings here, and `normalized` a plain number.
 */
export const GoldLineSchema = z.strictObject({
  quote: z.string().min(1),
  context: z.string().min(1),
  required: z.boolean(),
  city: z.string().min(1).nullable(),
  subject: z.string().min(1).nullable(),
  metric: z.string().min(1),
  kind: z.enum(KINDS),
  basis: z.enum(BASES).nullable(),
  value: z.number().finite(),
  unit: z.string().min(1).nullable(),
  normalized: z.number().finite(),
  approx: z.enum(APPROX).nullable(),
  status: z.enum(STATUSES),
  period: GoldPeriodSchema.nullable(),
  /** Other acceptable periods; `null` in the list means "no period" is acceptable too. */
  periodAlt: z.array(GoldPeriodSchema.nullable()).optional(),
  note: z.string().optional(),
});

export type GoldLine = z.infer<typeof GoldLineSchema>;
export type GoldPeriod = z.infer<typeof GoldPeriodSchema>;

/** A parsed gold line and where it came from. */
export interface GoldFact extends GoldLine {
  /** Basename stem of the gold file, e.g. `000_5f0dfba9933f395f`; also the stem of its input file. */
  readonly stem: string;
  /** 1-based line number in the gold file. */
  readonly line: number;
}

export interface LocatedGoldFact extends GoldFact {
  /** [start, end) of `quote` in the decoded input. */
  readonly span: [number, number];
}

export interface GoldParseError {
  readonly stem: string;
  readonly line: number;
  readonly message: string;
}

export interface UnlocatableGoldFact {
  readonly fact: GoldFact;
  readonly reason: string;
}

export interface ParsedGold {
  readonly facts: GoldFact[];
  readonly errors: GoldParseError[];
}

export interface LocatedGold {
  readonly located: LocatedGoldFact[];
  readonly unlocatable: UnlocatableGoldFact[];
}

/** Basename without directory and without its last extension: `seeds/000_x.txt` → `000_x`. */
export function fileStem(path: string): string {
  const base = path.split(/[\\/]/).pop() ?? path;
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(0, dot) : base;
}

/** Parses a gold JSONL file; blank lines are skipped, every bad line is reported with its number. */
export function parseGoldJsonl(text: string, stem: string): ParsedGold {
  const facts: GoldFact[] = [];
  const errors: GoldParseError[] = [];
  for (const entry of parseJsonLines(stripBom(text), GoldLineSchema)) {
    const line = entry.line;
    if (!entry.ok) {
      errors.push({ stem, line, message: entry.message });
      continue;
    }
    if (!entry.value.context.includes(entry.value.quote)) {
      errors.push({ stem, line, message: 'quote is not a substring of context' });
      continue;
    }
    facts.push({ ...entry.value, stem, line });
  }
  return { facts, errors };
}

function countOccurrences(haystack: string, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + 1)) count++;
  return count;
}

/**
 * Finds each fact's quote in `input` (already decoded, BOM removed). A fact whose context does not
 * occur exactly once, or whose quote is ambiguous within its context, is reported, never guessed.
 */
export function locateGoldFacts(facts: readonly GoldFact[], input: string): LocatedGold {
  const located: LocatedGoldFact[] = [];
  const unlocatable: UnlocatableGoldFact[] = [];
  for (const fact of facts) {
    const contextCount = countOccurrences(input, fact.context);
    if (contextCount !== 1) {
      const reason =
        contextCount === 0
          ? 'context not found in input'
          : `context occurs ${contextCount} times in input (must be unique)`;
      unlocatable.push({ fact, reason });
      continue;
    }
    const quoteCount = countOccurrences(fact.context, fact.quote);
    if (quoteCount !== 1) {
      const reason =
        quoteCount === 0 ? 'quote not inside context' : `quote occurs ${quoteCount} times inside context`;
      unlocatable.push({ fact, reason });
      continue;
    }
    const start = input.indexOf(fact.context) + fact.context.indexOf(fact.quote);
    located.push({ ...fact, span: [start, start + fact.quote.length] });
  }
  return { located, unlocatable };
}

/** Removes a leading byte-order mark, as the pipeline does before computing spans. */
export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
