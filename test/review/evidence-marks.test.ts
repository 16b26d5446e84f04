/**
 * What the review page marks in the article is where the record says its fields were read: over every
 * record of the seeds and both development sets, the article window the server sends marks the
 * record's `evidence` spans exactly (same words as the input), says in words why a field has no mark,
 * and every record sent to review carries at least one reason in words.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { extractOne } from '../../src/run/extract-one';
import { decodeBytes } from '../../src/ingest/decode';
import { articleContext, markWords } from '../../src/review/context';
import { reviewReasons } from '../../src/review/reasons';
import { bundledRules } from '../support/extract';

const ROOT = path.join(__dirname, '..', '..');
const INPUT_DIRS = ['seeds', 'fixtures/dev2/zh/texts', 'fixtures/dev2/en/texts'];
/** Line breaks and spaces aside, as a reader sees it. */
const asShown = (s: string) => s.replace(/\s+/g, '');
const files = INPUT_DIRS.flatMap((dir) =>
  fs.readdirSync(path.join(ROOT, dir)).filter((n) => !n.endsWith('.json')).map((n) => path.join(ROOT, dir, n)),
);

test.each(files.map((f) => [path.relative(ROOT, f), f]))('%s: the page marks the evidence spans, and every queued record says why', (_name, file) => {
  const decoded = decodeBytes(fs.readFileSync(file));
  if (!decoded.ok) throw new Error(decoded.reason);
  const input = decoded.text;
  let marked = 0;
  const records = extractOne(file, bundledRules(), null).records;
  for (const r of records) {
    if (r.review === 'needs_review') {
      const reasons = reviewReasons(r, true, null);
      expect(reasons.length).toBeGreaterThan(0);
      expect(reasons.map((x) => x.code)).not.toContain('unexplained');
      for (const reason of reasons) expect(reason.text).toMatch(/[a-z]{3,} [a-z]{2,}/);
    }
    const ctx = articleContext(input, r, markWords(r, []));
    if (!ctx) throw new Error(`record ${r.id}: the input does not hold its quote at its span`);
    expect(ctx.text.slice(ctx.marks.find((m) => m.kind === 'figure')!.start, ctx.marks.find((m) => m.kind === 'figure')!.end)).toBe(r.quote);
    for (const kind of ['city', 'metric', 'period'] as const) {
      const e = r.evidence![kind];
      const mark = ctx.marks.find((m) => m.kind === kind);
      if (e && mark) {
        // the same words; an input that is HTML is shown as its visible text (tags dropped)
        expect(asShown(ctx.text.slice(mark.start, mark.end))).toBe(asShown(input.slice(e[0], e[1]).replace(/<[^>]*>/g, '')));
        marked++;
      } else if (e) {
        // read far from the figure (a headline): named in words instead
        expect(ctx.evidenceNotes.some((n) => n.includes(input.slice(e[0], Math.min(e[1], e[0] + 40))))).toBe(true);
      } else {
        expect(mark).toBeUndefined();
        expect(ctx.evidenceNotes.some((n) => n.toLowerCase().startsWith(kind))).toBe(true);
      }
    }
  }
  // a file with records has marks (English files may give none yet)
  if (records.length > 0) expect(marked).toBeGreaterThan(0);
});
