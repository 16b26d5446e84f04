/** Finds the input files named on the command line: files, directories (recursive) and globs. */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import fg from 'fast-glob';
import { isSidecar } from '../ingest/sidecar';

/** Input order: arguments in the order given, files inside a directory or glob sorted by path. */
export async function discoverInputs(args: readonly string[]): Promise<{ files: string[]; unmatched: string[] }> {
  const files: string[] = [];
  const seen = new Set<string>();
  const unmatched: string[] = [];
  const add = (f: string) => {
    const key = path.resolve(f);
    if (!seen.has(key) && !isSidecar(f)) {
      seen.add(key);
      files.push(f);
    }
  };
  for (const arg of args) {
    const stat = await fs.stat(arg).catch(() => null);
    if (stat?.isFile()) {
      add(arg);
    } else if (stat?.isDirectory()) {
      const found = await fg('**/*', { cwd: arg, onlyFiles: true, dot: false, followSymbolicLinks: false });
      found.sort();
      if (found.length === 0) unmatched.push(arg);
      for (const f of found) add(path.join(arg, f));
    } else {
      const found = await fg(arg, { onlyFiles: true, dot: false });
      found.sort();
      if (found.length === 0) unmatched.push(arg);
      for (const f of found) add(f);
    }
  }
  return { files, unmatched };
}
