/** File-system errors of the output folder, in words: the path, the cause and what to do. */

/** The cause of a failed write to `target`, and what to do, as one line; null for an error that is not the disk's. */
export function describeOutputError(err: unknown, target: string, out: string): string | null {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOTDIR':
    case 'EEXIST':
      return `cannot use ${out} as the output folder: ${target} is a file, not a directory; give --out a folder (it is created if missing)`;
    case 'EROFS':
      return `cannot write to ${target}: the file system is read-only; give --out a folder on a writable disk`;
    case 'EACCES':
    case 'EPERM':
      return `cannot write to ${target}: permission denied; give --out a folder you can write to`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `cannot write to ${target}: the disk is full; the previous outputs in ${out} are untouched — free some space and run the same command with --resume to continue`;
    default:
      return null;
  }
}
