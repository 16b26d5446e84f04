/** A mistake in how zhstat was called (unknown flag, unreadable rules, no inputs): exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A run that cannot go on for a reason outside zhstat (the output folder is a file, read-only, full): exit code 1, one line saying what to do. */
export class RunError extends Error {
  override name = 'RunError';
}
