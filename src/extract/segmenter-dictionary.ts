/**
 * The compact segmenter dictionary every path segments with — worker threads, the in-process
 * `processFile` and the `extract` API alike, so they give the same records (see compactDictionary).
 * Built once from nodejieba's own dictionary into the system's temp directory, named by that file's
 * path, size and modification time, so every worker and every later run reuses the same file. Beside
 * it, a one-word IDF table: nodejieba loads its 6 MB keyword-extraction table with every dictionary,
 * and zhstat never extracts keywords (tagging does not read it) — the stand-in saves each worker 17 MB
 * and a sixth of a second.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import nodejieba from 'nodejieba';

export const COMPACT_DICTIONARY_WORDS = 50_000;

/** Files nodejieba loads: its word dictionary and its keyword-extraction IDF table. */
export interface SegmenterDictionary {
  dict: string;
  idf: string;
}

/**
 * The `size` most frequent words of a jieba dictionary (lines `word freq tag`). The full dictionary
 * costs each worker thread about 250 MB; the commonest 50,000 words tag the short windows around
 * figures the same way for a third of that, and the rules' own vocabulary is taught on top.
 */
export function compactDictionary(fullDictionary: string, size: number): string {
  const entries = fullDictionary
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line, order) => ({ line, order, freq: Number(line.split(' ')[1]) || 0 }));
  entries.sort((a, b) => b.freq - a.freq || a.order - b.order);
  return entries
    .slice(0, size)
    .sort((a, b) => a.order - b.order)
    .map((e) => e.line)
    .join('\n') + '\n';
}


const UNUSED_IDF = '的 1.0\n';

/** Writes `target` whole or not at all (temp file beside it, then rename), unless it is there already. */
function ensureFile(target: string, content: () => string): void {
  if (fs.statSync(target, { throwIfNoEntry: false })?.size) return;
  const temp = `${target}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  fs.writeFileSync(temp, content());
  fs.renameSync(temp, target);
}

export function ensureCompactDictionary(): SegmenterDictionary {
  // nodejieba's typings omit the dictionary paths it exports.
  const fullPath = (nodejieba as unknown as { DEFAULT_DICT: string }).DEFAULT_DICT;
  // Keyed by where the full dictionary is and when it was written, not by its content: every run
  // starts here, and reading and hashing 8 MB cost it a twentieth of a second.
  const stat = fs.statSync(fullPath);
  const key = createHash('sha256').update(`${path.resolve(fullPath)}\0${stat.size}\0${stat.mtimeMs}\0${COMPACT_DICTIONARY_WORDS}`).digest('hex').slice(0, 16);
  const dict = path.join(os.tmpdir(), `zhstat-jieba-${key}.dict.utf8`);
  const idf = path.join(os.tmpdir(), 'zhstat-jieba-unused.idf.utf8');
  ensureFile(dict, () => compactDictionary(fs.readFileSync(fullPath, 'utf8'), COMPACT_DICTIONARY_WORDS));
  ensureFile(idf, () => UNUSED_IDF);
  return { dict, idf };
}
