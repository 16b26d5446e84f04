/**
 * The rule files' parsed YAML, kept between runs. Parsing it (the yaml module included) costs about
 * 0.15 s, which the main thread would spend before it can hand the workers their rules, for data
 * that changes only when the rules do. The data is kept in the system's temp directory, named by a hash of the files'
 * names and texts, as the compact dictionary is (see extract/segmenter-dictionary.ts); zod still
 * validates it at every load, so the cache saves the parsing and nothing else.
 */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { writeFileAtomic } from '../output/atomic';
import { ruleFilesHash, type RuleFileText } from '../rules/rule-files';

type CachedData = Record<string, unknown>;

function cachePath(files: readonly RuleFileText[], cacheDir: string): string {
  return path.join(cacheDir, `zhstat-rules-data-${ruleFilesHash(files)}.json`);
}

/** The files with their data from the cache, if it holds every one of them; else the files as they are. */
export async function withCachedRuleData(files: readonly RuleFileText[], cacheDir = os.tmpdir()): Promise<RuleFileText[]> {
  let cached: CachedData;
  try {
    cached = JSON.parse(await fs.readFile(cachePath(files, cacheDir), 'utf8')) as CachedData;
  } catch {
    // Missing, or cut short or garbled: parsed afresh, and written again once the rules check out.
    return [...files];
  }
  if (cached === null || typeof cached !== 'object' || !files.every((f) => Object.hasOwn(cached, f.name))) return [...files];
  return files.map((f) => ({ ...f, data: cached[f.name] }));
}

/**
 * Keeps the files' data, unless the cache has it already; call it once the files loaded without an
 * issue. Data that JSON would not give back as it is (say, .inf) is not kept: the cache must never
 * change a rule.
 */
export async function cacheRuleData(files: readonly RuleFileText[], cacheDir = os.tmpdir()): Promise<void> {
  if (files.some((f) => !('data' in f))) return;
  const target = cachePath(files, cacheDir);
  const present = await fs.stat(target).then(
    (s) => s.size > 0,
    () => false,
  );
  if (present) return;
  const data: CachedData = Object.fromEntries(files.map((f) => [f.name, f.data]));
  const json = JSON.stringify(data);
  if (!isDeepStrictEqual(JSON.parse(json), data)) return;
  // A cache that cannot be written costs the next run its parsing, nothing more.
  await writeFileAtomic(target, json).catch(() => undefined);
}
