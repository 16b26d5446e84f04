/** One input file → its result. Shared by the worker threads and the tests. */
import { promises as fs } from 'node:fs';
import { readSidecar } from '../cli/inputs';
import { processFile } from '../pipeline/process-file';
import type { FileResult, SidecarMeta } from '../pipeline/types';
import type { RuleSet } from '../rules/ruleset';

export type ExtractedFile = FileResult & { sidecarError: string | null };

/** A file's bytes and sidecar as read from disk, or why they could not be read. */
export type ReadInput = { bytes: Buffer; sidecar: SidecarMeta | null; sidecarError: string | null } | { error: Error };

/** Reads a file and its sidecar; never rejects, so it can be started ahead of processing. */
export async function readInput(file: string): Promise<ReadInput> {
  try {
    const [bytes, sidecar] = await Promise.all([fs.readFile(file), readSidecar(file)]);
    return { bytes, sidecar: sidecar.meta, sidecarError: sidecar.error };
  } catch (err) {
    return { error: err as Error };
  }
}

function failed(file: string, err: Error): ExtractedFile {
  return {
    report: { file, status: 'failed', reason: `${err.name}: ${err.message}`, encoding: null, format: null, articles: 0, records: 0, flagged: 0, invalid: [], published: null },
    records: [],
    sidecarError: null,
  };
}

/** Runs a read file through the pipeline; an exception becomes a `failed` report, never a crash. */
export function extractRead(file: string, input: ReadInput, rules: RuleSet, published: string | null): ExtractedFile {
  if ('error' in input) return failed(file, input.error);
  try {
    const result = processFile({ file, bytes: input.bytes, sidecar: input.sidecar, publishedOverride: published }, { rules });
    return { ...result, sidecarError: input.sidecarError };
  } catch (err) {
    return failed(file, err as Error);
  }
}

export async function extractOne(file: string, rules: RuleSet, published: string | null): Promise<ExtractedFile> {
  return extractRead(file, await readInput(file), rules, published);
}
