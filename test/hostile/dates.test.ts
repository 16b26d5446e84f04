/**
 * Publication dates given by the user: a date not on the calendar or a year outside 1900–2100 is a
 * usage error on the command line, and a listed sidecar error (the file goes on without it).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { publishedDateProblem } from '../../src/articles/published';
import { parseSidecar } from '../../src/ingest/sidecar';
import { ARTICLE, readManifest, readRecords, runCli, tempDir } from './helpers';

describe('publication dates', () => {
  test.each(['2022-13-45', '2022-02-30', '2021-02-29', '1899-12-31', '2101-01-01', '0000-00-00', '2022-1-5', ''])('%s is refused', (date) => {
    expect(publishedDateProblem(date)).not.toBeNull();
  });

  test.each(['2024-02-29', '1900-01-01', '2100-12-31', '2019-07-18'])('%s is a date', (date) => {
    expect(publishedDateProblem(date)).toBeNull();
  });

  test('--published with an impossible date: a usage error naming it, nothing written', () => {
    const work = tempDir('dates');
    const input = path.join(work, 'a.txt');
    fs.writeFileSync(input, ARTICLE);
    for (const date of ['2022-13-45', '2022-02-30', '1850-06-01']) {
      const out = path.join(work, `out-${date}`);
      const r = runCli(['extract', input, '--out', out, '--published', date]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`--published`);
      expect(r.stderr).toContain(date);
      expect(fs.existsSync(path.join(out, 'records.jsonl'))).toBe(false);
    }
  });

  test('a sidecar with an impossible date: listed as its error; the file is read without that date', () => {
    expect(parseSidecar('{"published":"2022-02-30","paper":"某报"}', 'a.meta.json')).toEqual({
      meta: { paper: '某报' },
      error: expect.stringContaining('2022-02-30'),
    });
    const work = tempDir('sidecar-date');
    fs.writeFileSync(path.join(work, 'a.txt'), ARTICLE);
    fs.writeFileSync(path.join(work, 'a.meta.json'), JSON.stringify({ published: '2150-03-01' }));
    const out = path.join(work, 'out');
    const r = runCli(['extract', work, '--out', out, '--quiet']);
    expect(r.status).toBe(0);
    const [file] = readManifest(out).files;
    expect(file).toMatchObject({ status: 'ok', sidecarError: expect.stringContaining('2150') });
    const records = readRecords(out);
    expect(records.length).toBeGreaterThan(0);
    for (const record of records) expect(record.doc.published).not.toBe('2150-03-01');
  });
});
