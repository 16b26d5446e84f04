/**
 * How a rule problem is reported: file, path, message. Kept apart from the validator (validate.ts,
 * which brings zod) so that code compiling rules already validated, such as a worker thread's, can
 * report a problem without loading it.
 */

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
