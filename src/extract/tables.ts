/**
 * Tables flattened one cell per line (PDF and Word exports, HTML <td>s): a header row, then rows
 * of a label cell (the metric, its unit often in brackets), an optional unit cell, and one value
 * cell per value column. Two header styles are read:
 *   - year columns (2020年 | 2025年), as plans write them: each column dates its cells;
 *   - measure columns (绝对数 | 比上年增长(%) | 比重(%)), as bulletins write them: each column says
 *     whether its cells are amounts, growth rates or shares.
 * A row with fewer cells than columns has left its first cells out (plans leave the "current"
 * cell empty or `——`): its cells align to the right. Footnotes (*2019年数据) re-date the cells
 * that carry their marker.
 */
import { isBlank } from './words';

/** `metric`/`unit`: a column that names its indicator (GDP(亿元)), as tables of regions do, whose
 * rows are places; a growth or share column then measures the indicator of the column before it. */
export type ColumnMeaning =
  | { kind: 'level'; year: number | null; target: boolean; metric?: string; unit?: string | null }
  | { kind: 'growth'; metric?: string }
  | { kind: 'share'; metric?: string };

export interface TableColumn {
  text: string;
  span: [number, number];
  meaning: ColumnMeaning;
}

export interface TableCell {
  start: number;
  end: number;
  value: number;
  /** The unit from the row's unit cell or its label's brackets; '%' for growth and share columns. */
  unit: string | null;
  metric: string;
  /** [start, end) of the row label and of what dates the cell (column header or footnote). */
  labelSpan: [number, number];
  yearSpan: [number, number] | null;
  column: TableColumn;
  /** The year from the column header or a footnote; null when the header gives none. */
  year: number | null;
  yearText: string | null;
  rowStart: number;
  footnoteYear: boolean;
}

export interface TableRegion {
  start: number;
  end: number;
  cells: TableCell[];
  /** A year stated in the table's caption (表1 2023年主要农产品产量), for cells no column dates. */
  captionYear: { year: number; span: [number, number] } | null;
}

interface Line {
  start: number;
  end: number;
  text: string;
}

const YEAR_HEADER = /^\s*((?:19|20)\d{2})\s*年?\s*(目标|预期|目标值|预期值|规划)?\s*$/u;
const GROWTH_HEADER = /(增长|增速|增减|增幅|±|同比|比上年|比去年)/u;
const SHARE_HEADER = /(比重|占比|构成|结构)/u;
const LEVEL_HEADER = /^(绝对数|绝对值|数量|总量|金额|产量|数值|本年|本期|累计|全年|实绩|完成|总额|规模|合计|\d{1,2}\s*[-—~至]\s*\d{1,2}月)/u;
const LABEL_HEADER = /^(指\s*标|指标名称|项\s*目|名\s*称|产品名称|类\s*别|分类|行业|地\s*区|序\s*号|类别|县\s*区|区\s*县|城\s*市|区\s*域|各地|县[(（]市、区[)）]|地\s*市)$/u;
const UNIT_HEADER = /^(单\s*位|计量单位)$/u;
const VALUE_CELL = /^\s*([-−]?\d+(?:,\d{3})*(?:\.\d+)?)\s*%?\s*(\*{0,3})\s*$/u;
const EMPTY_CELL = /^\s*(——|—|-|－|\/|…|无)\s*$/u;
const FOOTNOTE = /^\s*(?:备注|注)?\s*[:：]?\s*(\*{1,3})\s*((?:19|20)\d{2})年数据/u;
const UNIT_IN_LABEL = /[(（]([^()（）]{1,8})(?:[)）]|$)\s*$/u;
const UNIT_CELL = /^\s*[(（]?\s*(%|‰|[\u4e00-\u9fa5A-Za-z/]{1,6})\s*[)）]?\s*$/u;
const CAPTION_YEAR = /((?:19|20)\d{2})\s*年/u;

/** Prose ends a table: a long line or one that ends a sentence. */
function isProse(line: string): boolean {
  const t = line.trim();
  return t.length > 45 || /[。!?；;]$/u.test(t);
}

/** The lines of text[from, to) with more than whitespace; found by indexOf, and tested before they are copied (exported for its equivalence test). */
export function nonBlankLines(text: string, from: number, to: number): Line[] {
  const out: Line[] = [];
  for (let start = from; start <= to; ) {
    const lineBreak = text.indexOf('\n', start);
    const end = lineBreak === -1 || lineBreak > to ? to : lineBreak;
    if (!isBlank(text, start, end)) out.push({ start, end, text: text.slice(start, end) });
    start = end + 1;
  }
  return out;
}

/** A row written on one line with its cells between pipes (指标 | 数值 | 增长); a rule line of dashes. */
const PIPE = /[|｜]/u;
const PIPE_RULE_LINE = /^[\s|｜:：\-—–]+$/u;

/** The cells of a pipe-separated row as lines (offsets kept), blank ones left out; null for a line with fewer than two pipes. */
function pipeCells(text: string, line: Line): Line[] | null {
  const parts = line.text.split(PIPE);
  if (parts.length < 3) return null;
  const cells: Line[] = [];
  let start = line.start;
  for (const part of parts) {
    const end = start + part.length;
    if (!isBlank(text, start, end)) cells.push({ start, end, text: part });
    start = end + 1;
  }
  return cells;
}

/**
 * A header row and value rows written one per line between pipes (指标 | 数值 | 增长): the row
 * structure is written, so each row's first cell is its label and the others its value cells.
 * Returns the header and rows in the terms of a flattened table, and the index of the line after.
 */
function readPipeTable(text: string, lines: Line[], i: number): { header: Header; rows: Row[]; end: number } | null {
  const headerCells = pipeCells(text, lines[i]);
  if (!headerCells || headerCells.length < 3) return null;
  const columns: TableColumn[] = [];
  let hasUnitColumn = false;
  for (const cell of headerCells.slice(1)) {
    const t = cell.text.trim();
    if (UNIT_HEADER.test(t) && columns.length === 0) {
      hasUnitColumn = true;
      continue;
    }
    const meaning = columnMeaning(t);
    if (!meaning) return null;
    columns.push({ text: t, span: [cell.start, cell.end], meaning });
  }
  if (columns.length === 0) return null;
  nameRateColumns(columns);
  const rows: Row[] = [];
  let k = i + 1;
  for (; k < lines.length; k++) {
    if (PIPE_RULE_LINE.test(lines[k].text)) continue;
    const cells = pipeCells(text, lines[k]);
    if (!cells || cells.length < 2) break;
    const row: Row = { label: cells[0], unit: null, cells: [] };
    let rest = cells.slice(1);
    if (hasUnitColumn && rest.length > 0 && UNIT_CELL.test(rest[0].text)) {
      row.unit = UNIT_CELL.exec(rest[0].text)![1];
      rest = rest.slice(1);
    }
    for (const cell of rest) {
      const v = VALUE_CELL.exec(cell.text);
      row.cells.push({ line: cell, value: v ? Number(v[1].replace(/,/g, '').replace('−', '-')) : null, marker: v ? v[2] : '' });
    }
    rows.push(row);
  }
  if (rows.length === 0) return null;
  return { header: { columns, hasUnitColumn, end: i + 1 }, rows, end: k };
}

/** Unit and metric name of a row label `规上数字经济核心产业营业收入(亿元)` / `比重(%`. */
function parseLabel(label: string): { metric: string; unit: string | null } {
  let metric = label.trim();
  let unit: string | null = null;
  for (let m = UNIT_IN_LABEL.exec(metric); m; m = UNIT_IN_LABEL.exec(metric)) {
    if (unit === null || /^(累计|合计|年均)$/u.test(unit)) unit = m[1].trim();
    metric = metric.slice(0, m.index).trim();
    if (!/[(（]/u.test(metric)) break;
  }
  if (unit && /^(累计|合计|年均)$/u.test(unit)) unit = null;
  return { metric, unit };
}

function columnMeaning(text: string): ColumnMeaning | null {
  const t = text.trim();
  const year = YEAR_HEADER.exec(t);
  if (year) return { kind: 'level', year: Number(year[1]), target: Boolean(year[2]) };
  if (GROWTH_HEADER.test(t)) return { kind: 'growth' };
  if (SHARE_HEADER.test(t)) return { kind: 'share' };
  if (LEVEL_HEADER.test(t)) return { kind: 'level', year: null, target: false };
  // GDP(亿元), 常住人口（万人）: a column named by its indicator and unit.
  const { metric, unit } = parseLabel(t);
  if (unit && metric.length >= 2 && metric.length <= 16) return { kind: 'level', year: null, target: false, metric, unit };
  return null;
}

/** A growth or share column measures the indicator of the nearest named column before it. */
function nameRateColumns(columns: TableColumn[]): void {
  let named: string | undefined;
  for (const column of columns) {
    const m = column.meaning;
    if (m.kind === 'level') named = m.metric ?? undefined;
    else if (named) column.meaning = { ...m, metric: named };
  }
}

interface Header {
  columns: TableColumn[];
  hasUnitColumn: boolean;
  /** Index of the first line after the header. */
  end: number;
}

/** A header: a few short cells holding two or more value columns (years or measures). */
function readHeader(lines: Line[], i: number): Header | null {
  const columns: TableColumn[] = [];
  let hasUnitColumn = false;
  let sawLabelHeader = false;
  let j = i;
  for (; j < lines.length && j < i + 10; j++) {
    const t = lines[j].text.trim();
    if (isProse(t) || VALUE_CELL.test(t)) break;
    const meaning = columnMeaning(t);
    if (meaning) columns.push({ text: t, span: [lines[j].start, lines[j].end], meaning });
    else if (UNIT_HEADER.test(t)) hasUnitColumn = true;
    else if (LABEL_HEADER.test(t)) sawLabelHeader = true;
    else if (columns.length > 0 && !/^(备注|说明)$/u.test(t)) break;
  }
  if (columns.length < 2) return null;
  nameRateColumns(columns);
  // Measure columns alone are common words (完成, 累计): trust them only under a label header.
  const yearColumns = columns.filter((c) => c.meaning.kind === 'level' && c.meaning.year !== null).length;
  if (yearColumns < 2 && !sawLabelHeader && !hasUnitColumn) return null;
  return { columns, hasUnitColumn, end: j };
}

/** A bare integer line followed by a label line is a row number (序号), not a value. */
function isRowNumber(lines: Line[], k: number): boolean {
  const v = VALUE_CELL.exec(lines[k].text);
  if (!v || v[2] || /[.−-]/u.test(v[1])) return false;
  const next = lines[k + 1];
  return next !== undefined && !VALUE_CELL.test(next.text) && !EMPTY_CELL.test(next.text) && !FOOTNOTE.test(next.text) && !isProse(next.text);
}

interface Row {
  label: Line;
  unit: string | null;
  /** Value and empty cells in order. */
  cells: { line: Line; value: number | null; marker: string }[];
}

export function extractTables(text: string, from: number, to: number): TableRegion[] {
  const lines = nonBlankLines(text, from, to);
  const hasPipes = lines.some((l) => PIPE.test(l.text));
  const regions: TableRegion[] = [];
  let i = 0;
  while (i < lines.length) {
    const piped = hasPipes ? readPipeTable(text, lines, i) : null;
    const header = piped ? piped.header : readHeader(lines, i);
    if (!header) {
      i++;
      continue;
    }
    const rows: Row[] = piped ? piped.rows : [];
    let row: Row | null = null;
    let lastRowNumber = 0;
    let k = piped ? piped.end : header.end;
    for (; !piped && k < lines.length; k++) {
      const t = lines[k].text;
      if (FOOTNOTE.test(t) || isProse(t)) break;
      const v = VALUE_CELL.exec(t);
      // Row numbers (序号) count up by one and are followed by a label.
      const rowNumber = v !== null && isRowNumber(lines, k) && (Number(v[1]) === lastRowNumber + 1 || !row || row.cells.length === 0);
      if (rowNumber) {
        lastRowNumber = Number(v[1]);
        row = null;
        continue;
      }
      if (v && row) {
        row.cells.push({ line: lines[k], value: Number(v[1].replace(/,/g, '').replace('−', '-')), marker: v[2] });
        continue;
      }
      if (EMPTY_CELL.test(t) && row) {
        row.cells.push({ line: lines[k], value: null, marker: '' });
        continue;
      }
      if (row && header.hasUnitColumn && row.unit === null && row.cells.length === 0 && UNIT_CELL.test(t)) {
        row.unit = UNIT_CELL.exec(t)![1];
        continue;
      }
      if (v) continue;
      row = { label: lines[k], unit: null, cells: [] };
      rows.push(row);
    }

    const footnotes = new Map<string, { year: number; span: [number, number] }>();
    for (let f = k; f < Math.min(lines.length, k + 6); f++) {
      const m = FOOTNOTE.exec(lines[f].text);
      if (m) footnotes.set(m[1], { year: Number(m[2]), span: [lines[f].start, lines[f].end] });
    }
    let captionYear: TableRegion['captionYear'] = null;
    for (let c = i; c >= Math.max(0, i - 3); c--) {
      const m = CAPTION_YEAR.exec(lines[c].text);
      if (m && lines[c].text.trim().length <= 40) {
        captionYear = { year: Number(m[1]), span: [lines[c].start, lines[c].end] };
        break;
      }
    }

    const region: TableRegion = { start: lines[i].start, end: lines[Math.max(i, k - 1)].end, cells: [], captionYear };
    for (const r of rows) {
      const { metric, unit: labelUnit } = parseLabel(r.label.text);
      if (!metric || r.cells.length === 0) continue;
      const offset = Math.max(0, header.columns.length - r.cells.length);
      r.cells.forEach((cell, slot) => {
        const column = header.columns[offset + slot];
        if (!column || cell.value === null) return;
        const v = VALUE_CELL.exec(cell.line.text)!;
        const numberStart = cell.line.start + cell.line.text.indexOf(v[1]);
        const footnote = cell.marker ? footnotes.get(cell.marker) : undefined;
        const columnYear = column.meaning.kind === 'level' ? column.meaning.year : null;
        const unit = column.meaning.kind === 'level' ? (r.unit ?? column.meaning.unit ?? labelUnit) : '%';
        region.cells.push({
          start: numberStart,
          end: numberStart + v[1].length,
          value: cell.value,
          unit,
          metric,
          labelSpan: [r.label.start, r.label.end],
          yearSpan: footnote ? footnote.span : columnYear !== null ? column.span : null,
          column,
          year: footnote?.year ?? columnYear,
          yearText: footnote ? `${footnote.year}年` : columnYear !== null ? column.text : null,
          rowStart: r.label.start,
          footnoteYear: footnote !== undefined,
        });
      });
    }
    if (region.cells.length > 0) regions.push(region);
    i = Math.max(k, i + 1);
  }
  return regions;
}
