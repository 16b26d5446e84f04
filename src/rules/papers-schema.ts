/**
 * The schema of rules/papers.yaml (see articles/papers.ts for what the registry does with it), and the
 * check that every region it names is a place. Kept apart from the registry so that a thread compiling
 * rules already validated does not load zod.
 */
import { z } from 'zod';
import type { Division } from '../gazetteer/divisions';
import type { RuleIssue } from './issues';
import { parseRuleFile, type RuleSource } from './validate';

const ruleId = z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/, 'rule ids look like `group.name`');
const outletName = z.string().trim().min(2, 'an outlet name has two or more characters');
/** A GB/T 2260 unit's full official name (checked against the divisions by papersRulesIssues). */
const regionName = z.string().regex(/^[\u3400-\u9fff]{2,}$/, 'expected the full official name of a place');
const affix = z.string().regex(/^[\u3400-\u9fff]+$/, 'expected Chinese characters');

export const PaperEntrySchema = z.strictObject({
  id: ruleId,
  names: z.array(outletName).min(1),
  /** The region the outlet is at home in; null for a national outlet. */
  region: regionName.nullable(),
  /** Needed only when `region` names several units: the 6-digit code picks one. */
  code: z.string().regex(/^\d{6}$/, 'expected a 6-digit GB/T 2260 code').optional(),
});

export const PaperExampleSchema = z.strictObject({ paper: outletName, region: regionName.nullable() });

export const PaperNamingSchema = z
  .strictObject({
    id: ruleId,
    suffixes: z.array(affix).min(1).optional(),
    prefixes: z.array(affix).min(1).optional(),
    examples: z.array(PaperExampleSchema).min(1),
  })
  .superRefine((rule, ctx) => {
    if ((rule.suffixes === undefined) === (rule.prefixes === undefined)) ctx.addIssue({ code: 'custom', message: 'a naming rule has either `suffixes` or `prefixes`' });
  });

export const PapersFileSchema = z
  .strictObject({
    version: z.literal(1),
    papers: z.array(PaperEntrySchema).min(1),
    naming: z.array(PaperNamingSchema).min(1),
  })
  .superRefine((file, ctx) => {
    const firstAt = new Map<string, string>();
    const ids = new Set<string>();
    file.papers.forEach((entry, i) => {
      if (ids.has(entry.id)) ctx.addIssue({ code: 'custom', path: ['papers', i, 'id'], message: `duplicate id "${entry.id}"` });
      ids.add(entry.id);
      entry.names.forEach((name, j) => {
        const first = firstAt.get(name);
        if (first !== undefined) ctx.addIssue({ code: 'custom', path: ['papers', i, 'names', j], message: `"${name}" is listed already (${first})` });
        else firstAt.set(name, entry.id);
      });
    });
    file.naming.forEach((rule, i) => {
      if (ids.has(rule.id)) ctx.addIssue({ code: 'custom', path: ['naming', i, 'id'], message: `duplicate id "${rule.id}"` });
      ids.add(rule.id);
    });
  });

export type PaperEntry = z.infer<typeof PaperEntrySchema>;
export type PaperNaming = z.infer<typeof PaperNamingSchema>;
export type PapersFile = z.infer<typeof PapersFileSchema>;

export function parsePapersFile(source: RuleSource, file: string): PapersFile {
  return parseRuleFile(PapersFileSchema, source, file);
}

/** Regions the registry names that are no place (or several, without a code to pick one). */
export function papersRulesIssues(divisions: readonly Division[], papers: PapersFile, file: string): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const check = (name: string, code: string | undefined, path: string) => {
    const named = divisions.filter((d) => d.name === name);
    if (named.length === 0) issues.push({ file, path, message: `no place is named "${name}"` });
    else if (code !== undefined && !named.some((d) => d.code === code)) issues.push({ file, path, message: `no place "${name}" has code ${code}` });
    else if (code === undefined && named.length > 1) issues.push({ file, path, message: `"${name}" names ${named.length} places; add its code` });
  };
  papers.papers.forEach((entry, i) => {
    if (entry.region !== null) check(entry.region, entry.code, `papers[${i}].region`);
    else if (entry.code !== undefined) issues.push({ file, path: `papers[${i}].code`, message: 'a national outlet (region: null) has no code' });
  });
  papers.naming.forEach((rule, i) =>
    rule.examples.forEach((example, j) => {
      if (example.region !== null && !divisions.some((d) => d.name === example.region)) issues.push({ file, path: `naming[${i}].examples[${j}].region`, message: `no place is named "${example.region}"` });
    }),
  );
  return issues;
}
