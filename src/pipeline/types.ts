/** The pipeline's typed boundary: what one input file goes in as, and what comes out of it. */
import type { StatRecord } from '../record/schema';

/** `<name>.meta.json` beside an input: facts about the document that the text may not state. */
export interface SidecarMeta {
  published?: string;
  paper?: string;
  title?: string;
}

export interface FileInput {
  /** Path as given on the command line (or as found under a given directory). */
  file: string;
  bytes: Uint8Array;
  sidecar: SidecarMeta | null;
  /** Publication date from --published (YYYY-MM-DD) or null. */
  publishedOverride: string | null;
}

export type FileStatus = 'ok' | 'failed' | 'skipped';
export type PublishedSource = 'sidecar' | 'cli' | 'path' | 'html_meta' | 'dateline';

export interface InvalidRecord {
  id: string | null;
  quote: string | null;
  issues: { path: string; message: string }[];
}

export interface FileReport {
  file: string;
  status: FileStatus;
  reason: string | null;
  encoding: string | null;
  format: 'text' | 'html' | null;
  articles: number;
  records: number;
  flagged: number;
  invalid: InvalidRecord[];
  published: { date: string; source: PublishedSource } | null;
  /** UTF-8 with a few invalid bytes: the byte offsets of each invalid sequence, decoded as U+FFFD (absent otherwise). */
  replacedBytes?: number[];
}

export interface FileResult {
  report: FileReport;
  records: StatRecord[];
}
