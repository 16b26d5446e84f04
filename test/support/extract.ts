/** Runs the real pipeline on a text written in a test, with the bundled rules. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadRuleSet, type RuleFileText, type RuleSet } from '../../src/rules/ruleset';
import { processFile } from '../../src/pipeline/process-file';
import type { SidecarMeta } from '../../src/pipeline/types';
import type { StatRecord } from '../../src/record/schema';

export const RULES_DIR = path.join(__dirname, '..', '..', 'rules');
let cached: RuleSet | null = null;

/** The bundled rule files as read, in name order. */
export function bundledRuleFiles(): RuleFileText[] {
  const names = [...fs.readdirSync(RULES_DIR).filter((n) => n.endsWith('.yaml')), ...fs.readdirSync(path.join(RULES_DIR, 'en')).filter((n) => n.endsWith('.yaml')).map((n) => `en/${n}`)];
  return names.sort().map((name) => ({ name, text: fs.readFileSync(path.join(RULES_DIR, name), 'utf8') }));
}

export function bundledRules(): RuleSet {
  cached ??= loadRuleSet(bundledRuleFiles());
  return cached;
}

export interface ExtractOptions {
  published?: string;
  paper?: string;
  title?: string;
  file?: string;
}

export function extractText(text: string, options: ExtractOptions = {}): StatRecord[] {
  const sidecar: SidecarMeta = {};
  if (options.paper) sidecar.paper = options.paper;
  if (options.title) sidecar.title = options.title;
  return processFile(
    { file: options.file ?? 'test.txt', bytes: Buffer.from(text, 'utf8'), sidecar, publishedOverride: options.published ?? null },
    { rules: bundledRules() },
  ).records;
}

export function byQuote(records: StatRecord[], quote: string): StatRecord {
  const found = records.filter((r) => r.quote === quote);
  if (found.length !== 1) throw new Error(`expected one record quoting «${quote}», found ${found.length}: ${records.map((r) => r.quote).join(' | ')}`);
  return found[0];
}
