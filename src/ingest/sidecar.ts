/** A file's sidecar, `<name>.meta.json` beside `<name>.<ext>`: what its publisher says about it. */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { SidecarMeta } from '../pipeline/types';

const SIDECAR_SUFFIX = '.meta.json';

/** Sidecars describe inputs; they are not inputs themselves. */
export function isSidecar(file: string): boolean {
  return file.endsWith(SIDECAR_SUFFIX);
}

/**
 * `<name>.meta.json` for `<name>.<ext>`; a broken sidecar is reported, not fatal. Synchronous: it is
 * read by a worker thread that has nothing else to do meanwhile, and an asynchronous read would cost
 * it a round trip through the event loop per step.
 */
export function readSidecar(file: string): { meta: SidecarMeta | null; error: string | null } {
  const parsed = path.parse(file);
  const candidate = path.join(parsed.dir, `${parsed.name}${SIDECAR_SUFFIX}`);
  let text: string;
  try {
    text = readFileSync(candidate, 'utf8');
  } catch {
    return { meta: null, error: null };
  }
  try {
    const data = JSON.parse(text) as Record<string, unknown>;
    const meta: SidecarMeta = {};
    if (typeof data.published === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(data.published)) meta.published = data.published;
    if (typeof data.paper === 'string') meta.paper = data.paper;
    if (typeof data.title === 'string') meta.title = data.title;
    const known = new Set(['published', 'paper', 'title']);
    const unknown = Object.keys(data).filter((k) => !known.has(k));
    const badDate = typeof data.published === 'string' && !meta.published;
    const problems = [...unknown.map((k) => `unknown key "${k}"`), ...(badDate ? ['published must be YYYY-MM-DD'] : [])];
    return { meta, error: problems.length ? `${candidate}: ${problems.join(', ')}` : null };
  } catch (err) {
    return { meta: null, error: `${candidate}: invalid JSON (${(err as Error).message})` };
  }
}
