/** One input file → its result, for the worker threads. */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { parseSidecar, sidecarPath } from '../ingest/sidecar';
import { decodeBytes } from '../ingest/decode';
import { forEachArticleOfDecoded, processFile } from '../pipeline/process-file';
import type { FileResult, SidecarMeta } from '../pipeline/types';
import type { StatRecord } from '../record/schema';
import type { RuleSet } from '../rules/ruleset';

/** What an input was when it was read: a resumed run redoes a file whose fingerprint changed. */
export interface InputFingerprint {
  size: number;
  mtimeMs: number;
  /** sha256 of the bytes, hex (first 32 digits). */
  sha256: string;
}

export type ExtractedFile = FileResult & { sidecarError: string | null; fingerprint?: InputFingerprint };

export function contentHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex').slice(0, 32);
}

/** The sidecar of `file`, if it has one. Synchronous, as are all reads here. */
function readSidecar(file: string): { meta: SidecarMeta | null; error: string | null } {
  const candidate = sidecarPath(file);
  // Most files have none: asking first costs a tenth of the exception a failed read throws.
  if (statSync(candidate, { throwIfNoEntry: false }) === undefined) return { meta: null, error: null };
  let text: string;
  try {
    text = readFileSync(candidate, 'utf8');
  } catch {
    return { meta: null, error: null };
  }
  return parseSidecar(text, candidate);
}

/**
 * Reads one file and runs it through the pipeline; an exception becomes a `failed` report, never a
 * crash. With `take`, each article's records go to it as they are built and the result holds none
 * (see forEachArticle); a file that fails midway has none, whatever `take` was given before.
 * The reads are synchronous: the worker thread that calls this has nothing else to do
 * meanwhile, and asynchronous reads would cost it an event-loop round trip per open, read and close.
 */
export function extractOne(file: string, rules: RuleSet, published: string | null, onProgress?: (fraction: number) => void, take?: (records: StatRecord[]) => void): ExtractedFile {
  try {
    const stat = statSync(file);
    let bytes: Buffer | null = readFileSync(file);
    const fingerprint: InputFingerprint = { size: bytes.length, mtimeMs: stat.mtimeMs, sha256: contentHash(bytes) };
    const sidecar = readSidecar(file);
    const facts = { file, sidecar: sidecar.meta, publishedOverride: published };
    const ctx = { rules, onProgress };
    let result: FileResult;
    if (take) {
      const decoded = decodeBytes(bytes);
      // Records point into the decoded text: a large file's bytes need not be held while it is read.
      bytes = null;
      result = { report: forEachArticleOfDecoded(decoded, facts, ctx, take), records: [] };
    } else {
      result = processFile({ ...facts, bytes }, ctx);
    }
    return { ...result, sidecarError: sidecar.error, fingerprint };
  } catch (err) {
    const reason = `${(err as Error).name}: ${(err as Error).message}`;
    return {
      report: { file, status: 'failed', reason, encoding: null, format: null, articles: 0, records: 0, flagged: 0, invalid: [], published: null },
      records: [],
      sidecarError: null,
    };
  }
}
