/** A mistake in how zhstat was called (unknown flag, unreadable rules, no inputs): exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}
