/**
 * A record's `evidence` points at the words each field was read from, in the raw input: the metric's
 * words are its name where the clause spells it out (else the whole `metric.text`), the period's its
 * `period.text`, and a city read from a place name is that place. Checked over every record of the seeds and both development sets (text, tables, HTML).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extractOne } from '../../src/run/extract-one';
import { decodeBytes } from '../../src/ingest/decode';
import { bundledRules } from '../support/extract';
import { visibleFragment } from '../../src/record/visible';
import { compileEnglish } from '../../src/extract/en/compile';

const ROOT = path.join(__dirname, '..', '..');
const INPUT_DIRS = ['seeds', 'fixtures/dev2/zh/texts', 'fixtures/dev2/en/texts'];
/** As the record builder writes a field's words: hard line breaks removed (a space between English words), trimmed. */
const asWritten = (s: string) => s.replace(/\s*\r?\n\s*/g, (gap: string, at: number) => (/^(?:[A-Za-z][A-Za-z0-9(]|[A-Za-z0-9,.;:%)][A-Za-z])$/.test(s.charAt(at - 1) + s.charAt(at + gap.length)) ? ' ' : '')).trim();
/** The words a reader sees in a span of an HTML page: its markup is not words. */
const visible = (s: string) => asWritten(s.replace(/<[^>]*>/g, ''));

const files = INPUT_DIRS.flatMap((dir) =>
  fs
    .readdirSync(path.join(ROOT, dir))
    .filter((n) => !n.endsWith('.meta.json'))
    .map((n) => path.join(ROOT, dir, n)),
);

test.each(files.map((f) => [path.relative(ROOT, f), f]))('%s: evidence spans slice to the words of their fields', (_name, file) => {
  const rules = bundledRules();
  const decoded = decodeBytes(fs.readFileSync(file));
  if (!decoded.ok) throw new Error(decoded.reason);
  const input = decoded.text;
  const extracted = extractOne(file, rules, null);
  // The text fields of a record from an HTML page are its visible text (see record/visible.ts).
  const asRecorded = extracted.report.format === 'html' ? (s: string) => visibleFragment(asWritten(s)) : asWritten;
  for (const r of extracted.records) {
    const { evidence } = r;
    if (!evidence) throw new Error(`record ${r.id} has no evidence`);
    if (evidence.metric) {
      const raw = asRecorded(input.slice(...evidence.metric));
      // The name is matched in the normalized text (full-width brackets made half-width and so on).
      if (visible(raw).normalize('NFKC') !== r.metric.name.normalize('NFKC')) expect(raw).toBe(r.metric.text);
      expect(r.metric.text).toContain(raw);
    }
    else expect(r.metric.text).toBe('');
    if (evidence.period) expect(asRecorded(input.slice(...evidence.period))).toBe(r.period?.text);
    if (evidence.city) {
      expect(r.city).not.toBeNull();
      // A table may spell a place with spaces between its characters (海 口 市): the evidence is the
      // label as written, the name it stands for has no spaces.
      const written = input.slice(...evidence.city);
      const words = r.trace.includes('table.row_place') ? written.replace(/(?<=[\u3400-\u9fff])\s+(?=[\u3400-\u9fff])/gu, '') : written;
      if (r.trace.includes('city.named') || r.trace.includes('city.respective_list') || r.trace.includes('table.row_place')) {
        // A short form (德清 for 德清县) or a name the gazetteer resolves to the record's unit.
        const named: (string | null)[] = /[A-Za-z]/.test(words)
          ? // Zhejiang province, Yinzhou district (in the province the article is set in: there are two Yinzhou districts)
            compileEnglish(rules).gazetteer.findMentions(words, 0, words.length, rules.gazetteer.byCode(r.city!.code ?? "")?.province ?? null).map((m) => m.place.code)
          : rules.gazetteer.findMentions(words, undefined).map((m) => m.place.code);
        // A table row may write an autonomous county as its first characters and 县 (陵水县 for 陵水黎族自治县).
        const shortCounty = r.trace.includes('table.row_place') && r.city!.name.startsWith(words.slice(0, -1)) && r.city!.name.endsWith(words.slice(-1));
        expect(r.city!.name.startsWith(words) || named.includes(r.city!.code) || shortCounty).toBe(true);
      }
    }
  }
});
