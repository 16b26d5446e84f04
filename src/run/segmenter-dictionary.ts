/**
 * The compact segmenter dictionary for worker threads (see compactDictionary): built once from
 * nodejieba's own dictionary into the system's temp directory, named by a hash of its content, so
 * every worker and every later run reuses the same file.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import nodejieba from 'nodejieba';
import { compactDictionary } from '../extract/segmenter';
import { writeFileAtomic } from '../output/atomic';

export const COMPACT_DICTIONARY_WORDS = 50_000;

export async function ensureCompactDictionary(): Promise<string> {
  // nodejieba's typings omit the dictionary paths it exports.
  const fullPath = (nodejieba as unknown as { DEFAULT_DICT: string }).DEFAULT_DICT;
  const full = await fs.readFile(fullPath, 'utf8');
  const key = createHash('sha256').update(full).update(String(COMPACT_DICTIONARY_WORDS)).digest('hex').slice(0, 16);
  const target = path.join(os.tmpdir(), `zhstat-jieba-${key}.dict.utf8`);
  const exists = await fs.stat(target).then(
    (s) => s.size > 0,
    () => false,
  );
  if (!exists) await writeFileAtomic(target, compactDictionary(full, COMPACT_DICTIONARY_WORDS));
  return target;
}
