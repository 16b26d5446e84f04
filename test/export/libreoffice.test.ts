/**
 * The exported CSV read by LibreOffice Calc, the usual way analysts look at it: every cell comes back
 * as written — Chinese text, quotes, commas, line breaks inside a cell, neutralised formulas — and the
 * byte order mark does not end up in the first header. LibreOffice is told the file is UTF-8: headless,
 * it does not use the BOM to choose the character set (see docs/review-app.md, "LibreOffice").
 * Skipped where `soffice` is not installed (`apt-get install libreoffice-calc-nogui`).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { datasetRows, recordsToCsv } from '../../src/export/dataset';
import { parseCsv } from './csv';
import { makeRecord } from '../review/helpers';

function sofficeVersion(): string | null {
  const run = spawnSync('soffice', ['--version'], { encoding: 'utf8', timeout: 60_000 });
  return run.status === 0 ? run.stdout.trim() : null;
}


const version = sofficeVersion();
const describeWithSoffice = version ? describe : describe.skip;
if (!version) {
  describe.skip('LibreOffice reads the exported CSV (skipped: soffice not found; apt-get install libreoffice-calc-nogui to run it)', () => {
    test('needs soffice', () => undefined);
  });
}

describeWithSoffice(`LibreOffice (${version}) reads the exported CSV`, () => {
  test('every cell comes back as written, and the BOM is not part of the first header', () => {
    const records = [
      makeRecord({ id: 'rec-lo-0000000000001', sentence: '他说："增长，很快"\n下一行，温州市数字经济核心产业增加值21.3亿元。', subject: '润泽国际信息港项目', flags: ['a', 'b'] }),
      makeRecord({ id: 'rec-lo-0000000000002', city: { name: '衢州市', code: '330800', level: 'prefecture', parent: '浙江省' }, sentence: '=HYPERLINK("http://example.com") 衢州市', period: null }),
      makeRecord({ id: 'rec-lo-0000000000003', doc: { file: 'in/b.txt', article: 2, title: '舟山港口, "吞吐量"', paper: '舟山日报', published: '2023-03-01' }, metric: { name: '港口货物吞吐量', text: '港口货物吞吐量', id: null } }),
    ];
    const csv = recordsToCsv(datasetRows(records, new Map()));
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'zhstat-libreoffice-'));
    fs.writeFileSync(path.join(work, 'dataset.csv'), csv);
    // Read as UTF-8 (76), comma-separated, quoted with ", from row 1; written back the same way.
    const filter = 'Text - txt - csv (StarCalc):44,34,76,1';
    const run = spawnSync(
      'soffice',
      ['--headless', `-env:UserInstallation=file://${path.join(work, 'profile')}`, `--infilter=${filter}`, '--convert-to', `csv:${filter}`, '--outdir', path.join(work, 'out'), path.join(work, 'dataset.csv')],
      { encoding: 'utf8', timeout: 120_000 },
    );
    expect(run.status).toBe(0);
    const readBack = parseCsv(fs.readFileSync(path.join(work, 'out', 'dataset.csv'), 'utf8'), 'lf-or-crlf');
    const written = parseCsv(csv.slice(1), 'lf-or-crlf');
    expect(readBack[0][0]).toBe('schemaVersion');
    expect(readBack).toHaveLength(written.length);
    for (let r = 0; r < written.length; r++) {
      for (let c = 0; c < written[r].length; c++) {
        const [ours, theirs] = [written[r][c], readBack[r][c] ?? ''];
        // Calc may write a number in another form (2130000000 as 2130000000, 21.3 as 21.3): compared as numbers.
        if (ours !== '' && !Number.isNaN(Number(ours))) expect(Number(theirs)).toBe(Number(ours));
        else expect(theirs).toBe(ours);
      }
    }
    const sentence = written[0].indexOf('sentence');
    expect(readBack[1][sentence]).toBe(records[0].sentence);
    fs.rmSync(work, { recursive: true, force: true });
  }, 180_000);
});
