/** Helpers for word lists that become regex alternations. */

export function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** Longest first (an alternation tries its branches in order), then a fixed order for ties. */
export function byLengthDesc(a: string, b: string): number {
  return b.length - a.length || a.localeCompare(b);
}
