import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { CSV_COLUMNS, CSV_REVIEW_COLUMNS, csvCell, datasetRows, exportableRecords, recordsToCsv } from '../../src/export/dataset';
import { runExport, schemaPathFor } from '../../src/cli/export';
import { RecordSchema } from '../../src/record/schema';
import { parseCsv } from './csv';
import { makeRecord, tempDir, writeOutput } from '../review/helpers';


const states = ['auto', 'needs_review', 'accepted', 'corrected', 'rejected'] as const;
const records = states.map((review, i) => makeRecord({ id: `record-${review}-0000`, review, span: [i * 10, i * 10 + 7] }));

describe('exportableRecords', () => {
  test('auto, accepted and corrected; needs_review only on request; rejected never', () => {
    expect(exportableRecords(records, false).map((r) => r.review)).toEqual(['auto', 'accepted', 'corrected']);
    expect(exportableRecords(records, true).map((r) => r.review)).toEqual(['auto', 'needs_review', 'accepted', 'corrected']);
  });
});

describe('CSV', () => {
  test('starts with a BOM, has one column per flat field and round-trips quotes, commas and line breaks', () => {
    const tricky = makeRecord({ sentence: '他说："增长，很快"\n下一行', subject: '润泽国际信息港项目', flags: ['a', 'b'], period: null, city: null });
    const csv = recordsToCsv(datasetRows([tricky], new Map()));
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(csv.slice(1), 'crlf');
    expect(rows[0]).toEqual([...CSV_COLUMNS, ...CSV_REVIEW_COLUMNS].map((c) => c.name));
    expect(rows[0]).toContain('city_code');
    expect(rows[0]).toContain('period_endMonth');
    const row = Object.fromEntries(rows[0].map((name, i) => [name, rows[1][i]]));
    expect(row).toMatchObject({ sentence: tricky.sentence, subject: '润泽国际信息港项目', flags: 'a;b', city_name: '', period_year: '', value: '21.3', normalized_value: '2130000000', span_start: '0' });
    expect(rows).toHaveLength(2);
  });

  test('text cells that a spreadsheet would run as a formula are neutralised; numbers are not', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-16.3)).toBe('-16.3');
    expect(csvCell(null)).toBe('');
  });
});

describe('runExport', () => {
  test('applies the decision log, writes the dataset and the JSON Schema beside it', async () => {
    const out = await tempDir('export');
    await writeOutput(out, records, []);
    const decision = {
      schemaVersion: 1, id: 'decision-late-1', recordId: 'record-needs_review-0000', action: 'accept', changes: {},
      review: { old: 'needs_review', new: 'accepted' }, undoes: null, basedOn: null, reviewer: 'ann', at: '2024-05-01T10:00:00Z',
    };
    await fs.writeFile(path.join(out, 'decisions.jsonl'), JSON.stringify(decision) + '\n');
    const result = await runExport({ outDir: out, format: 'jsonl', includeUnreviewed: false, output: null, decisions: null });
    expect(result.output).toBe(path.join(out, 'dataset.jsonl'));
    expect(result.schema).toBe(path.join(out, 'dataset.schema.json'));
    const rows = (await fs.readFile(result.output, 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    // each line is a record of the contract plus who decided it, when, and what it was before a correction
    const lines = rows.map(({ reviewer: _r, decided_at: _d, original: _o, ...record }) => RecordSchema.parse(record));
    expect(rows[1]).toMatchObject({ reviewer: 'ann', decided_at: '2024-05-01T10:00:00Z', original: null });
    expect(rows[0]).toMatchObject({ reviewer: null, decided_at: null, original: null });
    expect(lines.map((r) => r.id)).toEqual(['record-auto-0000', 'record-needs_review-0000', 'record-accepted-0000', 'record-corrected-0000']);
    expect(lines[1].review).toBe('accepted');
    const schema = JSON.parse(await fs.readFile(result.schema, 'utf8')) as { properties: Record<string, unknown> };
    expect(Object.keys(schema.properties)).toContain('normalized');
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['reviewer', 'decided_at', 'original']));
  });

  test('a corrected record carries its reviewer, decided_at and the values the pipeline had, in JSONL and CSV', async () => {
    const out = await tempDir('export-corrected');
    const base = records.find((r) => r.review === 'needs_review')!;
    await writeOutput(out, [base], []);
    const JIAXING = { name: '嘉兴市', code: '330400', level: 'prefecture', parent: '浙江省' };
    const decisions = [
      { id: 'decision-fix-1', changes: { city: { old: base.city, new: JIAXING } }, review: { old: 'needs_review', new: 'corrected' }, basedOn: null, reviewer: 'ann', at: '2024-05-01T10:00:00Z' },
      { id: 'decision-fix-2', changes: { value: { old: base.value, new: 99 } }, review: { old: 'corrected', new: 'corrected' }, basedOn: 'decision-fix-1', reviewer: 'bob', at: '2024-05-02T09:00:00Z' },
    ].map((d) => ({ schemaVersion: 1, recordId: base.id, action: 'correct', undoes: null, ...d }));
    await fs.writeFile(path.join(out, 'decisions.jsonl'), decisions.map((d) => JSON.stringify(d)).join('\n') + '\n');
    await runExport({ outDir: out, format: 'jsonl', includeUnreviewed: false, output: null, decisions: null });
    const row = JSON.parse((await fs.readFile(path.join(out, 'dataset.jsonl'), 'utf8')).trim());
    expect(row).toMatchObject({ review: 'corrected', value: 99, city: JIAXING, reviewer: 'bob', decided_at: '2024-05-02T09:00:00Z', original: { city: base.city, value: base.value } });
    await runExport({ outDir: out, format: 'csv', includeUnreviewed: false, output: null, decisions: null });
    const csv = await fs.readFile(path.join(out, 'dataset.csv'), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const [header, values] = parseCsv(csv.slice(1), 'crlf');
    const cell = Object.fromEntries(header.map((name, i) => [name, values[i]]));
    expect(cell).toMatchObject({ reviewer: 'bob', decided_at: '2024-05-02T09:00:00Z', city_name: '嘉兴市', original_city_name: base.city!.name, original_city_code: base.city!.code, original_value: String(base.value), original_metric_name: '' });
    expect(JSON.parse(cell.original_json)).toEqual({ city: base.city, value: base.value });
  });

  test('schemaPathFor puts the schema beside the dataset', () => {
    expect(schemaPathFor('/a/b/data.csv')).toBe('/a/b/data.schema.json');
  });
});
