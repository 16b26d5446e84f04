/**
 * Tables flattened one cell per line (PDF and Word exports of plans and bulletins): a header
 * row whose cells are years (2020年, 2025年), then rows of a label cell (the metric, its unit in
 * brackets) followed by one value cell per year column. Missing leading cells (a row that starts
 * in a later column) align to the right, as such tables leave the "current" cell empty or `——`.
 * Footnotes (*2019年数据) re-date the cells that carry their marker.
 */

export interface TableCell {
  start: number;
  end: number;
  value: number;
  unit: string | null;
  metric: string;
  /** [start, end) of the row label and of the column header (or footnote) that dates the cell. */
  labelSpan: [number, number];
  yearSpan: [number, number];
  column: number;
  year: number;
  yearText: string;
  rowStart: number;
  footnoteYear: boolean;
}

export interface TableRegion {
  start: number;
  end: number;
  cells: TableCell[];
  /** Columns whose header says they are goals (目标, 预期). */
  targetColumns: Set<number>;
}

interface Line {
  start: number;
  end: number;
  text: string;
}

const YEAR_HEADER = /^\s*((?:19|20)\d{2})年?\s*(目标|预期|目标值|预期值|规划)?\s*$/u;
const VALUE_CELL = /^\s*(-?\d+(?:,\d{3})*(?:\.\d+)?)\s*(\*{0,3})\s*$/u;
const EMPTY_CELL = /^\s*(——|—|-|－|\/|无)\s*$/u;
const FOOTNOTE = /^\s*(?:备注|注)?\s*[:：]?\s*(\*{1,3})\s*((?:19|20)\d{2})年数据/u;
const UNIT_IN_LABEL = /[(（]([^()（）]{1,8})(?:[)）]|$)\s*$/u;
/** Prose ends a table: a long line or one that ends a sentence. */
function isProse(line: string): boolean {
  const t = line.trim();
  return t.length > 45 || /[。!?；;]$/u.test(t);
}

function nonBlankLines(text: string, from: number, to: number): Line[] {
  const out: Line[] = [];
  let start = from;
  for (let i = from; i <= to; i++) {
    if (i === to || text[i] === '\n') {
      if (text.slice(start, i).trim().length > 0) out.push({ start, end: i, text: text.slice(start, i) });
      start = i + 1;
    }
  }
  return out;
}

/** Unit and metric name of a row label `规上数字经济核心产业营业收入(亿元)` / `比重(%`. */
function parseLabel(label: string): { metric: string; unit: string | null } {
  let metric = label.trim();
  let unit: string | null = null;
  for (let m = UNIT_IN_LABEL.exec(metric); m; m = UNIT_IN_LABEL.exec(metric)) {
    if (unit === null) unit = m[1].trim();
    else if (/^(累计|合计|年均)$/u.test(unit)) unit = m[1].trim();
    metric = metric.slice(0, m.index).trim();
    if (!/[(（]/u.test(metric)) break;
  }
  if (unit && /^(累计|合计|年均)$/u.test(unit)) unit = null;
  return { metric, unit };
}

export function extractTables(text: string, from: number, to: number): TableRegion[] {
  const lines = nonBlankLines(text, from, to);
  const regions: TableRegion[] = [];
  let i = 0;
  while (i < lines.length) {
    // A header: two or more year cells within a few short lines.
    const years: { year: number; text: string; target: boolean; span: [number, number] }[] = [];
    let j = i;
    while (j < lines.length && j < i + 8 && !isProse(lines[j].text)) {
      const y = YEAR_HEADER.exec(lines[j].text);
      if (y) years.push({ year: Number(y[1]), text: lines[j].text.trim(), target: Boolean(y[2]), span: [lines[j].start, lines[j].end] });
      else if (years.length > 0 && VALUE_CELL.test(lines[j].text)) break;
      j++;
    }
    if (years.length < 2 || !YEAR_HEADER.test(lines[i].text) && years.length < 2) {
      i++;
      continue;
    }
    const headerEnd = j;
    // Skip trailing header cells (备注).
    const region: TableRegion = { start: lines[i].start, end: lines[i].end, cells: [], targetColumns: new Set(years.flatMap((y, k) => (y.target ? [k] : []))) };
    let k = headerEnd;
    let label: Line | null = null;
    let rowValues: { line: Line; value: number; marker: string }[] = [];
    let rowSlots = 0;
    const pending: { label: Line; values: typeof rowValues; slots: number }[] = [];
    const flush = () => {
      if (label && rowSlots > 0) pending.push({ label, values: rowValues, slots: rowSlots });
      rowValues = [];
      rowSlots = 0;
    };
    let lastRowNumber = 0;
    for (; k < lines.length; k++) {
      const t = lines[k].text;
      if (FOOTNOTE.test(t) || isProse(t)) break;
      const v = VALUE_CELL.exec(t);
      // Row numbers (序号) count up by one and are followed by a label: 15, then 网络安全…
      const rowNumber = v !== null && isRowNumber(lines, k) && (Number(v[1]) === lastRowNumber + 1 || rowSlots === 0);
      if (rowNumber) lastRowNumber = Number(v[1]);
      if (v && label && !rowNumber) {
        rowValues.push({ line: lines[k], value: Number(v[1].replace(/,/g, '')), marker: v[2] });
        rowSlots++;
        continue;
      }
      if (EMPTY_CELL.test(t) && label) {
        rowSlots++;
        continue;
      }
      if (v) {
        // A row number: the row before is complete.
        flush();
        label = null;
        continue;
      }
      flush();
      label = lines[k];
    }
    flush();
    const footnotes = new Map<string, { year: number; span: [number, number] }>();
    for (let f = k; f < Math.min(lines.length, k + 6); f++) {
      const m = FOOTNOTE.exec(lines[f].text);
      if (m) footnotes.set(m[1], { year: Number(m[2]), span: [lines[f].start, lines[f].end] });
    }
    for (const row of pending) {
      const { metric, unit } = parseLabel(row.label.text);
      if (!metric) continue;
      // Right-align: a row with fewer cells than columns has left its first cells out.
      const offset = Math.max(0, years.length - row.slots);
      let slot = 0;
      // Recompute slots in order: empties occupy a column, values fill the next one.
      const ordered = lines.filter((l) => l.start > row.label.start && l.start <= (row.values[row.values.length - 1]?.line.start ?? -1));
      for (const cellLine of ordered) {
        const v = VALUE_CELL.exec(cellLine.text);
        const isEmpty = EMPTY_CELL.test(cellLine.text);
        if (!v && !isEmpty) continue;
        const column = offset + slot;
        slot++;
        if (!v || column >= years.length) continue;
        const numberStart = cellLine.start + cellLine.text.indexOf(v[1]);
        const footnote = v[2] ? footnotes.get(v[2]) : undefined;
        region.cells.push({
          start: numberStart,
          end: numberStart + v[1].length,
          value: Number(v[1].replace(/,/g, '')),
          unit,
          metric,
          labelSpan: [row.label.start, row.label.end],
          yearSpan: footnote ? footnote.span : years[column].span,
          column,
          year: footnote?.year ?? years[column].year,
          yearText: footnote ? `${footnote.year}年` : years[column].text,
          rowStart: row.label.start,
          footnoteYear: footnote !== undefined,
        });
      }
    }
    region.end = lines[Math.min(k, lines.length) - 1]?.end ?? region.end;
    if (region.cells.length > 0) regions.push(region);
    i = Math.max(k, i + 1);
  }
  return regions;
}

/** A bare integer line followed by a label line is a row number (序号), not a value. */
function isRowNumber(lines: Line[], k: number): boolean {
  const v = VALUE_CELL.exec(lines[k].text);
  if (!v || v[2] || /\./.test(v[1])) return false;
  const next = lines[k + 1];
  return next !== undefined && !VALUE_CELL.test(next.text) && !EMPTY_CELL.test(next.text) && !FOOTNOTE.test(next.text) && !isProse(next.text);
}
