/**
 * Rule files as read from the rules directory, before any parsing. Kept apart from the loader
 * (ruleset.ts, which brings zod and the compilers) so that code handling the files alone, such as
 * the CLI starting its workers, need not load it.
 */
import { createHash } from 'node:crypto';

export interface RuleFileText {
  /** File name inside the rules directory, e.g. `units.yaml`. */
  name: string;
  text: string;
  /** What the text's YAML parses to, when it is known already (parsed or cached): not parsed again. */
  data?: unknown;
}

/** sha256 over the rule files' names and texts, in name order: the same rules give the same hash. */
export function ruleFilesHash(files: readonly RuleFileText[]): string {
  const hash = createHash('sha256');
  for (const f of [...files].sort((a, b) => a.name.localeCompare(b.name))) hash.update(f.name).update('\0').update(f.text).update('\0');
  return hash.digest('hex').slice(0, 16);
}
