/**
 * The compact segmenter dictionary for worker threads (see compactDictionary): built once from
 * nodejieba's own dictionary into the system's temp directory, named by that file's path, size and
 * modification time, so every worker and every later run reuses the same file. Beside it, a
 * one-word IDF table: nodejieba loads its 6 MB keyword-extraction table with every dictionary, and
 * zhstat never extracts keywords (tagging does not read it) — the stand-in saves each worker 17 MB
 * and a sixth of a second.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import nodejieba from 'nodejieba';
import { compactDictionary, type SegmenterDictionary } from '../extract/segmenter';
import { writeFileAtomic } from '../output/atomic';

export const COMPACT_DICTIONARY_WORDS = 50_000;

const UNUSED_IDF = '的 1.0\n';

async function ensureFile(target: string, content: () => Promise<string> | string): Promise<void> {
  const exists = await fs.stat(target).then(
    (s) => s.size > 0,
    () => false,
  );
  if (!exists) await writeFileAtomic(target, await content());
}

export async function ensureCompactDictionary(): Promise<SegmenterDictionary> {
  // nodejieba's typings omit the dictionary paths it exports.
  const fullPath = (nodejieba as unknown as { DEFAULT_DICT: string }).DEFAULT_DICT;
  // Keyed by where the full dictionary is and when it was written, not by its content: every run
  // starts here, and reading and hashing 8 MB cost it a twentieth of a second.
  const stat = await fs.stat(fullPath);
  const key = createHash('sha256').update(`${path.resolve(fullPath)}\0${stat.size}\0${stat.mtimeMs}\0${COMPACT_DICTIONARY_WORDS}`).digest('hex').slice(0, 16);
  const dict = path.join(os.tmpdir(), `zhstat-jieba-${key}.dict.utf8`);
  const idf = path.join(os.tmpdir(), 'zhstat-jieba-unused.idf.utf8');
  await ensureFile(dict, async () => compactDictionary(await fs.readFile(fullPath, 'utf8'), COMPACT_DICTIONARY_WORDS));
  await ensureFile(idf, () => UNUSED_IDF);
  return { dict, idf };
}
