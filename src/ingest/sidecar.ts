/**
 * A file's sidecar, `<name>.meta.json` beside `<name>.<ext>`: what its publisher says about it.
 * Pure: the caller reads the file (run/extract-one, in a worker thread).
 */
import * as path from 'node:path';
import type { SidecarMeta } from '../pipeline/types';
import { publishedDateProblem } from '../articles/published';

const SIDECAR_SUFFIX = '.meta.json';

/** Sidecars describe inputs; they are not inputs themselves. */
export function isSidecar(file: string): boolean {
  return file.endsWith(SIDECAR_SUFFIX);
}

/** `<name>.meta.json` for `<name>.<ext>`. */
export function sidecarPath(file: string): string {
  const parsed = path.parse(file);
  return path.join(parsed.dir, `${parsed.name}${SIDECAR_SUFFIX}`);
}

/** A sidecar's text (read from `candidate`) → its metadata; a broken sidecar is reported, not fatal. */
export function parseSidecar(text: string, candidate: string): { meta: SidecarMeta | null; error: string | null } {
  try {
    const data = JSON.parse(text) as Record<string, unknown>;
    const meta: SidecarMeta = {};
    const dateProblem = data.published === undefined ? null : typeof data.published === 'string' ? publishedDateProblem(data.published) : 'must be a YYYY-MM-DD string';
    if (typeof data.published === 'string' && dateProblem === null) meta.published = data.published;
    if (typeof data.paper === 'string') meta.paper = data.paper;
    if (typeof data.title === 'string') meta.title = data.title;
    const known = new Set(['published', 'paper', 'title']);
    const unknown = Object.keys(data).filter((k) => !known.has(k));
    const problems = [...unknown.map((k) => `unknown key "${k}"`), ...(dateProblem ? [`published ${dateProblem} (ignored)`] : [])];
    return { meta, error: problems.length ? `${candidate}: ${problems.join(', ')}` : null };
  } catch (err) {
    return { meta: null, error: `${candidate}: invalid JSON (${(err as Error).message})` };
  }
}
