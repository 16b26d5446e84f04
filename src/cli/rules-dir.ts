/** Reads a rules directory into a RuleSet; the CLI's only door to rule files. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { RuleFileText, RuleSet } from '../rules/ruleset';

/** The rules bundled with zhstat, beside dist/ and src/. */
export const DEFAULT_RULES_DIR = path.resolve(__dirname, '..', '..', 'rules');

/** Language subdirectories of a rules directory: their files are named `en/cues.yaml` etc. */
const LANGUAGE_DIRS = ['en'];

export async function readRuleFiles(dir: string): Promise<RuleFileText[]> {
  const isYaml = (n: string) => n.endsWith('.yaml') || n.endsWith('.yml');
  const names = (await fs.readdir(dir)).filter(isYaml);
  for (const language of LANGUAGE_DIRS) {
    const inside = await fs.readdir(path.join(dir, language)).catch(() => [] as string[]);
    names.push(...inside.filter(isYaml).map((n) => `${language}/${n}`));
  }
  names.sort();
  return Promise.all(names.map(async (name) => ({ name, text: await fs.readFile(path.join(dir, name), 'utf8') })));
}

export async function readRuleSet(dir: string): Promise<RuleSet> {
  // Loaded on use: `extract` reads rule files before it needs their checker (zod, yaml).
  const { loadRuleSet } = await import('../rules/ruleset');
  return loadRuleSet(await readRuleFiles(dir));
}
