/**
 * Renders an EvalResult: a compact text summary (with every miss, wrong field and false positive
 * when verbose) or JSON. Pure string building; the CLI prints.
 */
import type { EvalResult, Score } from './score';
import { FIELDS } from './match';

function formatRate(value: number | null): string {
  return value === null ? '–' : value.toFixed(3);
}

function row(cells: readonly string[], widths: readonly number[]): string {
  return cells
    .map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i])))
    .join('  ')
    .trimEnd();
}

const FILE_TABLE_HEADER = ['file', 'req', 'opt', 'pred', 'det', 'ok', 'det.P', 'det.R', 'P', 'R', 'F1'];

function fileRow(name: string, s: Score): string[] {
  return [
    name,
    String(s.requiredGold),
    String(s.optionalGold),
    String(s.predictions),
    String(s.detectedPredictions),
    String(s.correctPredictions),
    formatRate(s.detectionPrecision),
    formatRate(s.detectionRecall),
    formatRate(s.precision),
    formatRate(s.recall),
    formatRate(s.f1),
  ];
}

/** One line per snippet, hard line breaks shown as ⏎ so each item stays on one line. */
function oneLine(text: string): string {
  return text.replace(/\r?\n/g, '⏎');
}

export interface SummaryOptions {
  readonly verbose: boolean;
}

export function formatSummary(result: EvalResult, options: SummaryOptions): string {
  const t = result.total;
  const lines: string[] = [];
  lines.push(
    `gold: ${result.files.length} files, ${t.requiredGold} required + ${t.optionalGold} optional facts; ` +
      `predictions: ${t.predictions}`,
  );
  lines.push('');
  const metricWidths = [12, 9, 7, 6];
  lines.push(row(['', 'precision', 'recall', 'F1'], metricWidths));
  lines.push(row(['detection', formatRate(t.detectionPrecision), formatRate(t.detectionRecall), ''], metricWidths));
  lines.push(row(['full record', formatRate(t.precision), formatRate(t.recall), formatRate(t.f1)], metricWidths));
  lines.push('');
  lines.push(
    `required facts: ${t.detectedRequired}/${t.requiredGold} detected, ${t.correctRequired}/${t.requiredGold} correct; ` +
      `optional facts matched: ${t.matchedOptional}/${t.optionalGold}`,
  );
  lines.push(
    `field errors among ${t.detectedPredictions} matched records: ` +
      FIELDS.map((field) => `${field} ${t.fieldErrors[field]}`).join(', '),
  );
  lines.push(
    `auto records: ${t.autoPredictions}/${t.predictions} (${formatRate(t.autoShare)} of records), ` +
      `right: ${t.correctAutoPredictions} (auto precision ${formatRate(t.autoPrecision)})`,
  );
  lines.push(
    `wrong records: ${result.wrongRecords.length}, false positives: ${result.falsePositives.length}, ` +
      `missed required: ${result.misses.length}`,
  );
  if (result.unlocatable.length > 0) {
    lines.push(
      `WARNING: ${result.unlocatable.length} gold facts could not be located in their input ` +
        `(required ones count as missed):`,
    );
    for (const u of result.unlocatable) {
      lines.push(`  ${u.stem}.jsonl:${u.goldLine}  ${u.reason}  quote «${oneLine(u.quote)}» context «${oneLine(u.context)}»`);
    }
  }
  if (result.predictionsWithoutGold > 0) {
    lines.push(`note: ${result.predictionsWithoutGold} predictions are for files without gold and were not scored`);
  }
  lines.push('');
  const nameWidth = Math.max('total'.length, ...result.files.map((f) => f.stem.length));
  const widths = [nameWidth, 4, 4, 5, 5, 5, 6, 6, 6, 6, 6];
  lines.push(row(FILE_TABLE_HEADER, widths));
  for (const file of result.files) lines.push(row(fileRow(file.stem, file), widths));
  lines.push(row(fileRow('total', t), widths));
  lines.push('  (det: predictions matched to a gold fact; ok: of those, right in every field)');

  if (options.verbose) {
    lines.push('');
    lines.push(`MISSED required facts (${result.misses.length}):`);
    for (const m of result.misses) {
      lines.push(`  ${m.stem}.jsonl:${m.goldLine}  «${oneLine(m.quote)}»  ${m.metric}`);
      lines.push(`      context: ${oneLine(m.context)}`);
    }
    lines.push('');
    lines.push(`WRONG FIELDS (${result.wrongRecords.length}):`);
    for (const w of result.wrongRecords) {
      const kind = w.required ? 'required' : 'optional';
      lines.push(`  ${w.stem}.jsonl:${w.goldLine} ↔ pred:${w.predictionLine}  «${oneLine(w.quote)}» (${kind})`);
      for (const d of w.differences) lines.push(`      ${d.field}: gold ${d.gold}  ≠  predicted ${d.predicted}`);
      lines.push(`      context: ${oneLine(w.context)}`);
      if (w.sentence !== null) lines.push(`      sentence: ${oneLine(w.sentence)}`);
    }
    lines.push('');
    lines.push(`FALSE POSITIVES (${result.falsePositives.length}):`);
    for (const f of result.falsePositives) {
      const quote = f.quote === null ? `[${f.span[0]}, ${f.span[1]})` : `«${oneLine(f.quote)}»`;
      lines.push(`  ${f.stem} pred:${f.predictionLine}  ${quote}  ${f.metric} = ${f.value}  — ${f.reason}`);
      if (f.sentence !== null) lines.push(`      sentence: ${oneLine(f.sentence)}`);
    }
  }
  return lines.join('\n') + '\n';
}

export function formatJson(result: EvalResult): string {
  return JSON.stringify(result, null, 2) + '\n';
}

/** One line per scored set (seeds, dev2 …): what `npm run eval` ends with, to compare at a glance. */
export function formatSetsTable(sets: readonly { name: string; total: Score }[]): string {
  const header = ['set', 'req', 'pred', 'det.P', 'det.R', 'P', 'R', 'F1', 'auto', 'auto P'];
  const width = Math.max(...sets.map((s) => s.name.length), header[0].length);
  const widths = [width, 5, 5, 6, 6, 6, 6, 6, 6, 6];
  const lines = [row(header, widths)];
  for (const { name, total: t } of sets) {
    lines.push(
      row(
        [name, String(t.requiredGold), String(t.predictions), formatRate(t.detectionPrecision), formatRate(t.detectionRecall), formatRate(t.precision), formatRate(t.recall), formatRate(t.f1), formatRate(t.autoShare), formatRate(t.autoPrecision)],
        widths,
      ),
    );
  }
  lines.push('  (auto: share of records marked auto; auto P: share of those right in every field)');
  return lines.join('\n') + '\n';
}
