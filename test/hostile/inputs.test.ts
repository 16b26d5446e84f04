/**
 * What is read as input: never the run's own output folder nor any folder holding a zhstat run;
 * symlinks to files followed, loops and broken links listed in run.json as skipped with the
 * reason, a missing path on the command line listed; the rest of the run goes on.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ARTICLE, readManifest, readRecords, runCli, tempDir } from './helpers';

describe('inputs', () => {
  test('--out inside the input folder, run twice: the second run reads the same inputs, not its outputs', () => {
    const work = tempDir('outin');
    fs.writeFileSync(path.join(work, 'a.txt'), ARTICLE);
    const out = path.join(work, 'out');
    const first = runCli(['extract', work, '--out', out, '--quiet']);
    expect(first.status).toBe(0);
    const firstRecords = readRecords(out).length;
    expect(firstRecords).toBeGreaterThan(0);
    const second = runCli(['extract', work, '--out', out, '--quiet']);
    expect(second.status).toBe(0);
    expect(readRecords(out).length).toBe(firstRecords);
    expect(readManifest(out).files.filter((f) => f.status === 'ok').map((f) => path.basename(f.file))).toEqual(['a.txt']);
  });

  test('a folder holding another zhstat run among the inputs is not read', () => {
    const work = tempDir('otherrun');
    fs.writeFileSync(path.join(work, 'a.txt'), ARTICLE);
    const earlier = path.join(work, 'earlier-run');
    expect(runCli(['extract', path.join(work, 'a.txt'), '--out', earlier, '--quiet']).status).toBe(0);
    const out = path.join(work, '..', path.basename(work) + '-out');
    const r = runCli(['extract', work, '--out', out, '--quiet']);
    expect(r.status).toBe(0);
    const files = readManifest(out).files;
    expect(files.filter((f) => f.status === 'ok').map((f) => path.basename(f.file))).toEqual(['a.txt']);
    expect(files.find((f) => f.file === earlier)).toMatchObject({ status: 'skipped' });
  });

  test('symlinks: to a file followed, a loop and a broken link listed as skipped, a missing path listed; the run goes on', () => {
    const work = tempDir('links');
    const inputs = path.join(work, 'in');
    fs.mkdirSync(path.join(inputs, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(work, 'outside.txt'), ARTICLE);
    fs.writeFileSync(path.join(inputs, 'a.txt'), ARTICLE);
    fs.symlinkSync(path.join(work, 'outside.txt'), path.join(inputs, 'sub', 'linked.txt'));
    fs.symlinkSync('..', path.join(inputs, 'sub', 'loop'));
    fs.symlinkSync('self-a', path.join(inputs, 'self-b'));
    fs.symlinkSync('self-b', path.join(inputs, 'self-a'));
    fs.symlinkSync(path.join(work, 'nowhere.txt'), path.join(inputs, 'broken.txt'));
    const missing = path.join(work, 'missing.txt');
    const looping = path.join(inputs, 'self-a');
    const out = path.join(work, 'out');
    const r = runCli(['extract', inputs, missing, looping, '--out', out, '--quiet']);
    expect(r.status).toBe(0);
    expect(r.stderr).not.toMatch(/unexpected error|ELOOP/);
    const byFile = new Map(readManifest(out).files.map((f) => [f.file, f]));
    expect(byFile.get(path.join(inputs, 'a.txt'))?.status).toBe('ok');
    expect(byFile.get(path.join(inputs, 'sub', 'linked.txt'))).toMatchObject({ status: 'ok' });
    expect(byFile.get(path.join(inputs, 'sub', 'linked.txt'))!.records).toBeGreaterThan(0);
    expect(byFile.get(path.join(inputs, 'sub', 'loop'))).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/loop/) });
    expect(byFile.get(path.join(inputs, 'self-a'))).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/loop/) });
    expect(byFile.get(looping)).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/loop/) });
    expect(byFile.get(path.join(inputs, 'broken.txt'))).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/broken|missing/) });
    expect(byFile.get(missing)).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/no such file/) });
  });
});
