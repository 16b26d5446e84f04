/**
 * Rule files are data, validated at load like zod validates input: every problem is reported
 * (file, path, message), not just the first, and an unknown key is an error, never a silent no-match.
 */
import { z } from 'zod';
import YAML from 'yaml';

export interface RuleIssue {
  file: string;
  path: string;
  message: string;
}

export class RuleFileError extends Error {
  constructor(readonly issues: RuleIssue[]) {
    super(issues.map((i) => `${i.file}: ${i.path || '(root)'}: ${i.message}`).join('\n'));
    this.name = 'RuleFileError';
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('').replace(/^\./, '');
}

/** Parses YAML text and validates it against `schema`; throws RuleFileError listing every issue. */
export function parseRuleFile<S extends z.ZodType>(schema: S, yamlText: string, file: string): z.infer<S> {
  const doc = YAML.parseDocument(yamlText, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new RuleFileError(doc.errors.map((e) => ({ file, path: '', message: `YAML: ${e.message}` })));
  }
  return validateRuleData(schema, doc.toJS(), file);
}

export function validateRuleData<S extends z.ZodType>(schema: S, data: unknown, file: string): z.infer<S> {
  const result = schema.safeParse(data);
  if (!result.success) {
    throw new RuleFileError(result.error.issues.map((i) => ({ file, path: formatPath(i.path), message: i.message })));
  }
  return result.data;
}
