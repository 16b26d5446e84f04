/**
 * The downstream dataset: which records go in, and the flat CSV form of a record. Pure.
 */
import { headDecision, historiesByRecord } from '../decisions/apply';
import type { Decision, EditableField } from '../decisions/schema';
import type { StatRecord } from '../record/schema';

export const EXPORT_FORMATS = ['jsonl', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** auto + accepted + corrected; needs_review only when asked; rejected never. */
export function exportableRecords(records: readonly StatRecord[], includeUnreviewed: boolean): StatRecord[] {
  return records.filter((r) => r.review === 'auto' || r.review === 'accepted' || r.review === 'corrected' || (includeUnreviewed && r.review === 'needs_review'));
}

type Cell = string | number | null;

/** Who decided a record and when, and for a corrected record the values the pipeline had. */
export interface ReviewColumns {
  reviewer: string | null;
  decided_at: string | null;
  /** Each corrected field's value as extracted (before the first correction in force), or null. */
  original: Partial<Record<EditableField, unknown>> | null;
}

const UNDECIDED: ReviewColumns = { reviewer: null, decided_at: null, original: null };

/** The review columns of every decided record, from the decision log (undone decisions do not count). */
export function reviewColumns(decisions: readonly Decision[]): Map<string, ReviewColumns> {
  const out = new Map<string, ReviewColumns>();
  for (const [id, history] of historiesByRecord(decisions)) {
    const head = headDecision(history);
    if (!head) continue;
    const original: Partial<Record<EditableField, unknown>> = {};
    for (const d of history.inForce) {
      for (const [field, change] of Object.entries(d.changes) as [EditableField, { old: unknown }][]) {
        if (!(field in original)) original[field] = change.old;
      }
    }
    out.set(id, { reviewer: head.reviewer, decided_at: head.at, original: Object.keys(original).length > 0 ? original : null });
  }
  return out;
}

/** A record of the dataset: the record with its review columns. */
export type DatasetRow = StatRecord & ReviewColumns;

export function datasetRows(records: readonly StatRecord[], columns: ReadonlyMap<string, ReviewColumns>): DatasetRow[] {
  return records.map((r) => ({ ...r, ...(columns.get(r.id) ?? UNDECIDED) }));
}

type OriginalGet = (o: Partial<Record<EditableField, unknown>>) => Cell;
const originalOf = (field: EditableField, get: (value: never) => Cell): OriginalGet => (o) => (field in o ? (o[field] === null ? null : get(o[field] as never)) : null);
/** Original values flat, for the fields analysts filter on; the whole set is in `original_json`. */
const ORIGINAL_COLUMNS: readonly { name: string; get: OriginalGet }[] = [
  { name: 'original_city_name', get: originalOf('city', (c: NonNullable<StatRecord['city']>) => c.name) },
  { name: 'original_city_code', get: originalOf('city', (c: NonNullable<StatRecord['city']>) => c.code) },
  { name: 'original_metric_name', get: originalOf('metric', (m: StatRecord['metric']) => m.name) },
  { name: 'original_value', get: originalOf('value', (v: number) => v) },
  { name: 'original_unit', get: originalOf('unit', (u: string) => u) },
  { name: 'original_status', get: originalOf('status', (s: string) => s) },
  { name: 'original_period_text', get: originalOf('period', (p: NonNullable<StatRecord['period']>) => p.text) },
  { name: 'original_period_year', get: originalOf('period', (p: NonNullable<StatRecord['period']>) => p.year) },
];

/** One column per flat field, in contract order; nested objects become `parent_child`. */
export const CSV_COLUMNS: readonly { name: string; get: (r: StatRecord) => Cell }[] = [
  { name: 'schemaVersion', get: (r) => r.schemaVersion },
  { name: 'id', get: (r) => r.id },
  { name: 'doc_file', get: (r) => r.doc.file },
  { name: 'doc_article', get: (r) => r.doc.article },
  { name: 'doc_title', get: (r) => r.doc.title },
  { name: 'doc_paper', get: (r) => r.doc.paper },
  { name: 'doc_published', get: (r) => r.doc.published },
  { name: 'city_name', get: (r) => r.city?.name ?? null },
  { name: 'city_code', get: (r) => r.city?.code ?? null },
  { name: 'city_level', get: (r) => r.city?.level ?? null },
  { name: 'city_parent', get: (r) => r.city?.parent ?? null },
  { name: 'subject', get: (r) => r.subject },
  { name: 'metric_name', get: (r) => r.metric.name },
  { name: 'metric_text', get: (r) => r.metric.text },
  { name: 'metric_id', get: (r) => r.metric.id },
  { name: 'kind', get: (r) => r.kind },
  { name: 'basis', get: (r) => r.basis },
  { name: 'value', get: (r) => r.value },
  { name: 'unit', get: (r) => r.unit },
  { name: 'normalized_value', get: (r) => r.normalized.value },
  { name: 'normalized_unit', get: (r) => r.normalized.unit },
  { name: 'approx', get: (r) => r.approx },
  { name: 'status', get: (r) => r.status },
  { name: 'period_text', get: (r) => r.period?.text ?? null },
  { name: 'period_year', get: (r) => r.period?.year ?? null },
  { name: 'period_endYear', get: (r) => r.period?.endYear ?? null },
  { name: 'period_startMonth', get: (r) => r.period?.startMonth ?? null },
  { name: 'period_endMonth', get: (r) => r.period?.endMonth ?? null },
  { name: 'span_start', get: (r) => r.span[0] },
  { name: 'span_end', get: (r) => r.span[1] },
  { name: 'quote', get: (r) => r.quote },
  { name: 'sentence', get: (r) => r.sentence },
  { name: 'confidence', get: (r) => r.confidence },
  { name: 'flags', get: (r) => r.flags.join(';') },
  { name: 'review', get: (r) => r.review },
  { name: 'trace', get: (r) => r.trace.join(';') },
];

/** The review columns of the CSV, after the record's own. */
export const CSV_REVIEW_COLUMNS: readonly { name: string; get: (r: DatasetRow) => Cell }[] = [
  { name: 'reviewer', get: (r) => r.reviewer },
  { name: 'decided_at', get: (r) => r.decided_at },
  ...ORIGINAL_COLUMNS.map((c) => ({ name: c.name, get: (r: DatasetRow) => (r.original ? c.get(r.original) : null) })),
  { name: 'original_json', get: (r) => (r.original ? JSON.stringify(r.original) : null) },
];

const UTF8_BOM = '\uFEFF';
/** Spreadsheet programs run a text cell starting with one of these as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell (RFC 4180). Numbers are written as JavaScript prints them; null is an empty cell. */
export function csvCell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  // the text comes from untrusted dumps and the file is meant for spreadsheets: neutralise formulas
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The whole CSV file: BOM (so spreadsheet programs read UTF-8 Chinese), header, CRLF line ends. */
export function recordsToCsv(records: readonly DatasetRow[]): string {
  const lines = [[...CSV_COLUMNS, ...CSV_REVIEW_COLUMNS].map((c) => c.name).join(',')];
  for (const r of records) lines.push([...CSV_COLUMNS.map((c) => csvCell(c.get(r))), ...CSV_REVIEW_COLUMNS.map((c) => csvCell(c.get(r)))].join(','));
  return UTF8_BOM + lines.join('\r\n') + '\r\n';
}
