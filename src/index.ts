/**
 * zhstat as a library: the records `zhstat extract` writes, for one text held in memory.
 *
 *   import { extract } from 'zhstat';
 *   const { records } = await extract('今年1至6月，全市规上工业增加值增长6.1%', { published: '2024-07-20', paper: '宁波日报' });
 *
 * The same stages and the same bundled rules as the CLI run, so a text gives the same records
 * here as in `records.jsonl`.
 */
import { processFile } from './pipeline/process-file';
import { calendarDate } from './articles/published';
import { readRuleSet, DEFAULT_RULES_DIR } from './cli/rules-dir';
import type { RuleSet } from './rules/ruleset';
import type { FileReport } from './pipeline/types';
import type { StatRecord } from './record/schema';

export type { StatRecord } from './record/schema';
export type { FileReport } from './pipeline/types';
export type { RuleSet } from './rules/ruleset';

export interface ExtractOptions {
  /** Publication date, YYYY-MM-DD: what 今年, 去年 and 上月 are read against. Without it, such periods stay unresolved and go to review. */
  published?: string;
  /** The paper or site that printed the text: its home region resolves 全市, 我市 and 全省. */
  paper?: string;
  /** The document's title, when it is not the text's first line. */
  title?: string;
  /** The name records cite as their source file (`source.file`); default `<text>`. */
  file?: string;
  /** Rules to use instead of the bundled ones (see `loadRules`). */
  rules?: RuleSet;
}

export interface ExtractResult {
  records: StatRecord[];
  /** What `run.json` would say of this text: encoding, format, articles, counts, records that failed the contract. */
  report: FileReport;
}

let bundledRules: Promise<RuleSet> | null = null;

/** The rules in `dir` (a folder of rule YAML files), validated; the bundled rules when no folder is given. */
export function loadRules(dir?: string): Promise<RuleSet> {
  if (dir !== undefined && dir !== DEFAULT_RULES_DIR) return readRuleSet(dir);
  bundledRules ??= readRuleSet(DEFAULT_RULES_DIR);
  return bundledRules;
}

/** Records of one text: a string, or the bytes of a file in any encoding zhstat reads (HTML included). */
export async function extract(text: string | Uint8Array, options: ExtractOptions = {}): Promise<ExtractResult> {
  const rules = options.rules ?? (await loadRules());
  return extractWithRules(text, rules, options);
}

/** `extract` without waiting, for callers that loaded their rules once with `loadRules`. */
export function extractWithRules(text: string | Uint8Array, rules: RuleSet, options: Omit<ExtractOptions, 'rules'> = {}): ExtractResult {
  if (options.published !== undefined && calendarDate(options.published) === null) {
    throw new RangeError(`published must be a real date written YYYY-MM-DD between 1949 and 2100, got "${options.published}"`);
  }
  const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
  const sidecar = options.paper !== undefined || options.title !== undefined ? { paper: options.paper, title: options.title } : null;
  const { report, records } = processFile(
    { file: options.file ?? '<text>', bytes, sidecar, publishedOverride: options.published ?? null },
    { rules },
  );
  return { records, report };
}
