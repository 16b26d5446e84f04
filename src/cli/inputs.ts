/** Finds the input files named on the command line: files, directories (recursive) and globs. */
import { promises as fs, type Dirent } from 'node:fs';
import * as path from 'node:path';
import fg from 'fast-glob';
import { isSidecar } from '../ingest/sidecar';

/** A path among the inputs that is not read, and why: listed in run.json as skipped. */
export interface SkippedInput {
  file: string;
  reason: string;
}

export interface DiscoveredInputs {
  files: string[];
  /** Arguments that matched nothing (warned about). */
  unmatched: string[];
  /** Paths that cannot be read as inputs: broken or looping symlinks, missing paths, zhstat outputs. */
  skipped: SkippedInput[];
}

export interface DiscoverOptions {
  /** Folders never read as input: the run's own --out (its outputs are not input). */
  exclude?: readonly string[];
}

/** The files a zhstat run writes into its output folder: a folder holding run.json beside them is an output, never input. */
const RUN_OUTPUT_FILES = ['records.jsonl', 'review.jsonl'];
const RUN_MARKERS = ['.zhstat-run', '.zhstat-lock'];

/**
 * Input order: arguments in the order given, files inside a directory or glob sorted by path.
 * Inside a directory, symlinks to files are followed (and to directories, once each: a loop is
 * listed as skipped); a broken link is listed as skipped; folders holding a zhstat run's outputs
 * (and the --out folder) are never read.
 */
export async function discoverInputs(args: readonly string[], options: DiscoverOptions = {}): Promise<DiscoveredInputs> {
  const files: string[] = [];
  const seen = new Set<string>();
  const unmatched: string[] = [];
  const skipped: SkippedInput[] = [];
  const excluded = (options.exclude ?? []).map((d) => path.resolve(d));
  const isExcluded = (f: string) => {
    const full = path.resolve(f);
    return excluded.some((d) => full === d || full.startsWith(d + path.sep));
  };
  const add = (f: string) => {
    const key = path.resolve(f);
    if (!seen.has(key) && !isSidecar(f) && !isExcluded(f)) {
      seen.add(key);
      files.push(f);
    }
  };
  for (const arg of args) {
    let stat: import('node:fs').Stats | null = null;
    let statError: NodeJS.ErrnoException | null = null;
    try {
      stat = await fs.stat(arg);
    } catch (err) {
      statError = err as NodeJS.ErrnoException;
    }
    if (stat?.isFile()) {
      add(arg);
    } else if (stat?.isDirectory()) {
      if (isExcluded(arg)) {
        skipped.push({ file: arg, reason: 'the output folder (--out) is never an input' });
        continue;
      }
      const found = await walkDirectory(arg, skipped, isExcluded);
      found.sort();
      if (found.length === 0) unmatched.push(arg);
      for (const f of found) add(path.join(arg, f));
    } else if (statError && statError.code !== 'ENOENT' && statError.code !== 'ENOTDIR') {
      // A path that exists but cannot be read (a symlink loop, no permission): not a pattern.
      skipped.push({ file: arg, reason: describeFsError(statError) });
    } else {
      const found = hasGlobSyntax(arg) ? await fg(arg, { onlyFiles: true, dot: false, suppressErrors: true }) : [];
      found.sort();
      if (found.length === 0) {
        unmatched.push(arg);
        if (!hasGlobSyntax(arg)) skipped.push({ file: arg, reason: 'no such file or directory' });
      }
      for (const f of found) add(f);
    }
  }
  return { files, unmatched, skipped };
}

function hasGlobSyntax(arg: string): boolean {
  return fg.isDynamicPattern(arg);
}

/** What a file-system error means for an input, in words. */
export function describeFsError(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ELOOP':
      return 'symlink loop (the link leads back to itself); fix or remove the link';
    case 'ENOENT':
      return 'broken symlink or missing path (its target does not exist)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied; make it readable or leave it out';
    default:
      return `${err.code ?? 'error'}: ${err.message}`;
  }
}

/**
 * The files under `root` (relative paths), as fast-glob's `**\/*` without dot files would list them,
 * but following symlinks: to files always, to directories unless the directory is already being
 * walked (a loop). What cannot be followed is pushed onto `skipped`. Folders holding a zhstat run
 * are left out.
 */
async function walkDirectory(root: string, skipped: SkippedInput[], isExcluded: (f: string) => boolean): Promise<string[]> {
  const found: string[] = [];
  const walk = async (relative: string, ancestors: ReadonlySet<string>): Promise<void> => {
    const dir = path.join(root, relative);
    let entries: Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch (err) {
      skipped.push({ file: dir, reason: describeFsError(err as NodeJS.ErrnoException) });
      return;
    }
    if (isRunOutput(entries)) {
      skipped.push({ file: dir, reason: 'holds a zhstat run (run.json beside records.jsonl): outputs are never inputs' });
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const rel = relative === '' ? entry.name : path.join(relative, entry.name);
      const full = path.join(root, rel);
      if (isExcluded(full)) continue;
      let isFile = entry.isFile();
      let isDir = entry.isDirectory();
      if (entry.isSymbolicLink()) {
        try {
          const target = await fs.stat(full);
          isFile = target.isFile();
          isDir = target.isDirectory();
        } catch (err) {
          skipped.push({ file: full, reason: describeFsError(err as NodeJS.ErrnoException) });
          continue;
        }
      }
      if (isFile) found.push(rel);
      else if (isDir) {
        const real = await fs.realpath(full).catch(() => full);
        if (ancestors.has(real)) {
          skipped.push({ file: full, reason: 'symlink loop (links to a folder that contains it); not followed' });
          continue;
        }
        await walk(rel, new Set([...ancestors, real]));
      }
    }
  };
  await walk('', new Set([await fs.realpath(root).catch(() => path.resolve(root))]));
  return found;
}

/** Whether a folder's entries are a zhstat run's output: run.json with records.jsonl or a journal or lock. */
function isRunOutput(entries: readonly Dirent[]): boolean {
  const names = new Set(entries.map((e) => e.name));
  if (RUN_MARKERS.some((m) => names.has(m))) return true;
  return names.has('run.json') && RUN_OUTPUT_FILES.some((f) => names.has(f));
}
