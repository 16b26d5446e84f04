/**
 * The review page's state and format modules are ES modules loaded by the browser as they are; their
 * unit tests (test/review/page/*.test.mjs) run under Node's test runner, which loads them natively.
 */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

test('the page state unit tests pass under node --test', () => {
  const file = path.join(__dirname, 'page', 'state.test.mjs');
  const run = spawnSync(process.execPath, ['--test', file], { encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(`node --test failed (${run.status}):\n${run.stdout}\n${run.stderr}`);
  expect(run.stdout).toMatch(/# pass [1-9]/);
  expect(run.stdout).toMatch(/# fail 0/);
});
