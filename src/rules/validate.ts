/**
 * Rule files are data, validated at load like zod validates input: every problem is reported
 * (file, path, message), not just the first, and an unknown key is an error, never a silent no-match.
 */
import { z } from 'zod';
import { RuleFileError } from './issues';

export { RuleFileError, type RuleIssue } from './issues';

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
}

/** A rule file's YAML text, or the text with the data it parses to (from a cache: see cli/rules-cache.ts). */
export type RuleSource = string | { text: string; data?: unknown };

/** How a rule file whose YAML aliases would expand without bound is reported. */
export const TOO_COMPLEX = 'the file is too complex';

/** The data a rule file's YAML parses to; throws RuleFileError on a YAML error, a duplicate key included. */
export function parseRuleYaml(yamlText: string, file: string): unknown {
  // Loaded on first use: a run whose rules' data comes from the cache never needs it.
  const YAML = require('yaml') as typeof import('yaml');
  const doc = YAML.parseDocument(yamlText, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new RuleFileError(doc.errors.map((e) => ({ file, path: '', message: `YAML: ${e.message}` })));
  }
  try {
    return doc.toJS();
  } catch (err) {
    // The yaml package refuses aliases that would expand without bound (a "billion laughs").
    const message = (err as Error).message;
    throw new RuleFileError([{ file, path: '', message: /alias/i.test(message) ? `${TOO_COMPLEX}: its YAML aliases expand too far; write the repeated values out or use fewer aliases` : `YAML: ${message}` }]);
  }
}

/** Parses a rule file (unless its data comes with it) and validates it against `schema`; throws RuleFileError listing every issue. */
export function parseRuleFile<S extends z.ZodType>(schema: S, source: RuleSource, file: string): z.infer<S> {
  const data = typeof source === 'string' ? parseRuleYaml(source, file) : 'data' in source ? source.data : parseRuleYaml(source.text, file);
  return validateRuleData(schema, data, file);
}

export function validateRuleData<S extends z.ZodType>(schema: S, data: unknown, file: string): z.infer<S> {
  const result = schema.safeParse(data);
  if (!result.success) {
    throw new RuleFileError(result.error.issues.map((i) => ({ file, path: formatPath(i.path), message: i.message })));
  }
  return result.data;
}
