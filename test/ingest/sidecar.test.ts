import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { isSidecar, parseSidecar, sidecarPath } from '../../src/ingest/sidecar';
import { extractOne } from '../../src/run/extract-one';
import { bundledRules } from '../support/extract';

describe('sidecars', () => {
  test('name the file they describe, and are not inputs themselves', () => {
    expect(sidecarPath(path.join('dump', '2023', 'a.html'))).toBe(path.join('dump', '2023', 'a.meta.json'));
    expect(isSidecar('a.meta.json')).toBe(true);
    expect(isSidecar('a.txt')).toBe(false);
  });

  test('give publication date, paper and title; report unknown keys, a bad date and bad JSON', () => {
    expect(parseSidecar('{"published":"2023-07-18","paper":"湖州日报","title":"标题"}', 'a.meta.json')).toEqual({
      meta: { published: '2023-07-18', paper: '湖州日报', title: '标题' },
      error: null,
    });
    expect(parseSidecar('{"published":"18/07/2023","editor":"x"}', 'a.meta.json')).toEqual({
      meta: {},
      error: 'a.meta.json: unknown key "editor", published must be YYYY-MM-DD, got "18/07/2023" (ignored)',
    });
    expect(parseSidecar('{', 'a.meta.json').meta).toBeNull();
    expect(parseSidecar('{', 'a.meta.json').error).toMatch(/^a\.meta\.json: invalid JSON/);
  });

  test('a worker reads the sidecar beside its file: its date dates the records, its problems are reported', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhstat-sidecar-'));
    try {
      const file = path.join(dir, 'a.txt');
      fs.writeFileSync(file, '今年上半年，全市规模以上工业增加值321.5亿元，同比增长8.2%。\n');
      const rules = bundledRules();
      expect(extractOne(file, rules, null).report.published).toBeNull();
      fs.writeFileSync(sidecarPath(file), '{"published":"2023-07-18","editor":"x"}');
      const withSidecar = extractOne(file, rules, null);
      expect(withSidecar.report.published).toEqual({ date: '2023-07-18', source: 'sidecar' });
      expect(withSidecar.sidecarError).toMatch(/unknown key "editor"/);
      expect(withSidecar.records.map((r) => r.doc.published)).toEqual(withSidecar.records.map(() => '2023-07-18'));
      expect(withSidecar.records.length).toBeGreaterThan(0);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
