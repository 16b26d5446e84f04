/**
 * The records users get from `zhstat extract` (worker threads) are the records the eval floor and
 * every in-process test score: same segmenter dictionary, same rules, same builder. Run over the
 * seeds and both development sets, whose texts are the widest mix of kinds the project holds.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { extractOne } from '../../src/run/extract-one';
import { bundledRules } from '../support/extract';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'bin', 'zhstat.js');
const INPUT_DIRS = ['seeds', 'fixtures/dev2/zh/texts', 'fixtures/dev2/en/texts'];

test('zhstat extract writes exactly the records processFile gives in-process', () => {
  const out = fs.mkdtempSync(path.join(os.tmpdir(), 'zhstat-paths-'));
  const run = spawnSync(process.execPath, [CLI, 'extract', ...INPUT_DIRS, '--out', out, '--quiet', '--jobs', '2'], { cwd: ROOT, encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const fromCli = fs.readFileSync(path.join(out, 'records.jsonl'), 'utf8').trim().split('\n');

  const rules = bundledRules();
  const inputs = INPUT_DIRS.flatMap((dir) =>
    fs
      .readdirSync(path.join(ROOT, dir))
      .filter((name) => !name.endsWith('.meta.json'))
      .map((name) => path.join(dir, name)),
  );
  const inProcess = inputs.flatMap((file) => {
    const cwd = process.cwd();
    process.chdir(ROOT);
    try {
      return extractOne(file, rules, null).records.map((r) => JSON.stringify(r));
    } finally {
      process.chdir(cwd);
    }
  });
  expect(fromCli.length).toBeGreaterThan(1000);
  expect([...fromCli].sort()).toEqual([...inProcess].sort());
});
