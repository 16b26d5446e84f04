/**
 * Runs that cannot go on for a reason outside zhstat end with one line naming the path, the cause
 * and what to do, exit 1 — never "unexpected error" with a stack trace.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describeOutputError } from '../../src/output/errors';
import { jobsToUse, nextSteps, type RunManifest } from '../../src/cli/extract';
import { ARTICLE, ROOT, expectOneLineError, runCli, tempDir } from './helpers';

describe('errors that say what to do', () => {
  const work = tempDir('errors');
  const input = path.join(work, 'a.txt');
  fs.writeFileSync(input, ARTICLE);

  test('--out an existing file, or a folder under a file: not a directory', () => {
    const file = path.join(work, 'taken');
    fs.writeFileSync(file, 'x');
    for (const out of [file, path.join(file, 'below')]) {
      const r = runCli(['extract', input, '--out', out]);
      expect(r.status).toBe(1);
      expectOneLineError(r.stderr);
      expect(r.stderr).toContain(out);
      expect(r.stderr).toMatch(/not a directory/);
    }
    expect(fs.readFileSync(file, 'utf8')).toBe('x');
  });

  // Read-only and full file systems cannot be made by a test without privileges: the messages
  // for the errors the system gives then are checked here, the CLI path above.
  test('read-only, permission and full disk errors name the path, the cause and the fix', () => {
    const error = (code: string) => Object.assign(new Error(code), { code });
    expect(describeOutputError(error('EROFS'), '/mnt/ro/out/run.json', '/mnt/ro/out')).toMatch(/^cannot write to \/mnt\/ro\/out\/run\.json: the file system is read-only; give --out/);
    expect(describeOutputError(error('EACCES'), '/srv/out', '/srv/out')).toMatch(/permission denied; give --out/);
    const full = describeOutputError(error('ENOSPC'), '/data/out/records.jsonl', '/data/out')!;
    expect(full).toMatch(/disk is full/);
    expect(full).toMatch(/previous outputs in \/data\/out are untouched/);
    expect(full).toMatch(/--resume/);
    expect(describeOutputError(error('EBADF'), '/x', '/x')).toBeNull();
  });

  test('a YAML alias bomb in a rules file: exit 1, one line naming the file and what to do', () => {
    const rules = path.join(work, 'rules');
    fs.cpSync(path.join(ROOT, 'rules'), rules, { recursive: true });
    // Ten levels of ten aliases each: 10^10 strings if expanded.
    const bomb = ['laugh0: &l0 ["ha","ha","ha","ha","ha","ha","ha","ha","ha","ha"]'];
    for (let i = 1; i <= 10; i++) bomb.push(`laugh${i}: &l${i} [${Array(10).fill(`*l${i - 1}`).join(',')}]`);
    fs.appendFileSync(path.join(rules, 'units.yaml'), '\n' + bomb.join('\n') + '\n');
    const r = runCli(['extract', input, '--out', path.join(work, 'bomb-out'), '--rules', rules]);
    expect(r.status).toBe(1);
    expectOneLineError(r.stderr);
    expect(r.stderr).toContain(path.join(rules, 'units.yaml'));
    expect(r.stderr).toMatch(/too complex.*aliases/);
  });

  test('--jobs above the cores is capped with a note', () => {
    const notes: string[] = [];
    expect(jobsToUse(32, (l) => notes.push(l), 2)).toBe(2);
    expect(notes.join('\n')).toMatch(/--jobs 32 is more than the 2 cores here; using 2/);
    expect(jobsToUse(1, (l) => notes.push(l), 2)).toBe(1);
    expect(jobsToUse(undefined, (l) => notes.push(l), 2)).toBe(2);
    expect(notes).toHaveLength(1);
  });

  test('a run ends saying what to do next: review what is flagged, then export', () => {
    const r = runCli(['extract', input, '--out', path.join(work, 'next')]);
    expect(r.status).toBe(0);
    expect(r.stderr.trim().split('\n').slice(-1)[0]).toMatch(/^next: .*zhstat export .* --format csv/);
    expect(nextSteps({ totals: { flagged: 7 } } as RunManifest, 'out')).toMatch(/^next: review the 7 flagged records: zhstat review out\n.*zhstat export out/);
    const nothingFlagged = { totals: { flagged: 0 } } as RunManifest;
    expect(nextSteps(nothingFlagged, 'out')).not.toMatch(/review/);
    expect(nextSteps(nothingFlagged, 'out')).toMatch(/zhstat export out/);
  });
});
