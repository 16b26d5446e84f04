/**
 * Tables in running text, in the two layouts text copies leave them:
 *   - one row per line, cells between pipes (指标 | 绝对额(万元) | 同比增长(%) |): the row
 *     structure is written, so cells align by position; a row with no value (按行业分 | ||) is a
 *     section row and the table goes on;
 *   - one cell per line (PDF and Word exports, HTML <td>s copied as text): a header block of short
 *     lines, then rows of a label line followed by its value lines. The header block ends at the
 *     first line that is followed by a value (that line is a row label); a unit on a line of its own
 *     (`(亿元)`) belongs to the header before it.
 * What a header says is data (rules/tables.yaml): year columns (2020年 | 2025年) date their cells;
 * measure columns (绝对数 | 比上年增长(%) | 比重(%)) say whether cells are amounts, growth rates or
 * shares; a unit in a header's brackets is its cells' unit. A row with fewer cells than columns has
 * left its first cells out (plans leave the "current" cell empty or `——`): its cells align to the
 * right. Footnotes (*2019年数据) re-date the cells that carry their marker. Spans are exact: every
 * cell, label and header is a [start, end) of the input; labels are compared with the spaces
 * between their characters removed (海 口 市 is 海口市), never rewritten in place.
 */
import type { TablesFile } from '../rules/tables-schema';
import { isBlank } from './words';

/** `metric`/`unit`: a column that names its indicator (GDP(亿元)), as tables of regions do, whose
 * rows are places; a growth or share column then measures the indicator of the column before it.
 * `unit`: the unit its header states in brackets (绝对额(万元), 增长(%)). */
export type ColumnMeaning =
  | { kind: 'level'; year: number | null; target: boolean; metric?: string; unit?: string | null }
  | { kind: 'growth'; metric?: string; unit?: string | null; basis?: 'yoy' | 'avg_annual' }
  | { kind: 'share'; metric?: string; unit?: string | null };

export interface TableColumn {
  text: string;
  span: [number, number];
  meaning: ColumnMeaning;
  /** Id of the rule that read the header. */
  ruleId: string;
  /** A growth or share column after year columns (2021年 | 2022年 | 增长(%)): the last year column before it dates its cells. */
  datedBy?: TableColumn;
}

export interface TableCell {
  start: number;
  end: number;
  value: number;
  /** The unit from the row's unit cell, its label's brackets or the column header; '%' for growth and share columns. */
  unit: string | null;
  /** The row label as a name: brackets (its unit) cut off, spaces between characters removed. */
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
  /** The row had fewer cells than columns, so its cells were aligned to the right: a guess. */
  alignmentGuessed: boolean;
}

export interface TableCaption {
  text: string;
  span: [number, number];
}

export interface TableRegion {
  start: number;
  end: number;
  cells: TableCell[];
  /** A year stated in the table's caption (表1 2023年主要农产品产量), for cells no column dates. */
  captionYear: { year: number; span: [number, number] } | null;
  /** The title line above the table (表1 …, 附表: …), when there is one. */
  caption: TableCaption | null;
  /** The label column's header says the rows are places (地区, 市县, 县(市、区)). */
  placeRows: boolean;
}

/** rules/tables.yaml compiled: header words as sets and patterns as regular expressions. */
export interface TableRules {
  columns: { id: string; kind: 'year' | 'growth' | 'share' | 'level'; basis: 'yoy' | 'avg_annual' | null; test: (header: string) => RegExpExecArray | boolean }[];
  labelHeaders: ReadonlySet<string>;
  placeHeaders: ReadonlySet<string>;
  unitHeaders: ReadonlySet<string>;
  /** What opens a row label without naming anything (其中：, #, 1.). */
  labelPrefix: RegExp;
  /** Words that open a bracket of a label which is a note, not a unit (含, 不含). */
  bracketNotes: readonly string[];
  /** Bracket words saying how a label's figure is counted (累计, 年均): no unit. */
  bracketQualifiers: ReadonlySet<string>;
  /** Remarks column headers (备注): no value column, yet no end of the header row. */
  noteHeaders: ReadonlySet<string>;
  /** Caption words that name no indicator (主要经济指标). */
  genericCaptions: ReadonlySet<string>;
  totalRows: ReadonlySet<string>;
  emptyCells: ReadonlySet<string>;
  footnote: RegExp;
  caption: RegExp;
  /** Longest first, so 各市县区 is cut before 各市. */
  regionSets: readonly string[];
  measureSuffixes: readonly string[];
  parts: { id: string; wholes: readonly string[]; row: RegExp; suffix: string }[];
}

export function compileTableRules(file: TablesFile): TableRules {
  const byLength = (words: readonly string[]) => [...words].sort((a, b) => b.length - a.length);
  return {
    columns: file.columns.map((c) => {
      if (c.pattern !== undefined) {
        const re = new RegExp(c.pattern, 'u');
        return { id: c.id, kind: c.kind, basis: c.basis ?? null, test: (h: string) => re.exec(h) ?? false };
      }
      const starts = c.starts;
      const words = c.words ?? [];
      return { id: c.id, kind: c.kind, basis: c.basis ?? null, test: starts ? (h: string) => starts.some((w) => h.startsWith(w)) : (h: string) => words.some((w) => h.includes(w)) };
    }),
    labelHeaders: new Set(file.labelHeaders.words.map(compactText)),
    placeHeaders: new Set(file.placeHeaders.words.map(compactText)),
    unitHeaders: new Set(file.unitHeaders.words.map(compactText)),
    totalRows: new Set(file.totalRows.words.map(compactText)),
    bracketNotes: file.bracketNotes.words,
    bracketQualifiers: new Set(file.bracketQualifiers.words),
    noteHeaders: new Set(file.noteHeaders.words.map(compactText)),
    labelPrefix: new RegExp(file.labelPrefix.pattern, 'u'),
    genericCaptions: new Set(file.caption.generic.map(compactText)),
    emptyCells: new Set(file.emptyCells.words.map((w) => w.trim())),
    footnote: new RegExp(file.footnote.pattern, 'u'),
    caption: new RegExp(file.caption.pattern, 'u'),
    regionSets: byLength(file.caption.regionSets),
    measureSuffixes: byLength(file.caption.measureSuffixes),
    parts: file.parts.map((p) => ({ id: p.id, wholes: p.wholes, row: new RegExp(p.rowPattern, 'u'), suffix: p.suffix })),
  };
}

interface Line {
  start: number;
  end: number;
  text: string;
}

const VALUE_CELL = /^\s*([-−]?\d+(?:,\d{3})*(?:\.\d+)?)\s*%?\s*(\*{0,3})\s*$/u;
const UNIT_IN_LABEL = /[(（]([^()（）]{1,8})(?:[)）]|$)\s*$/u;
const UNIT_CELL = /^\s*[(（]?\s*(%|‰|[\u4e00-\u9fa5A-Za-z/]{1,6})\s*[)）]?\s*$/u;
/** A unit on a line of its own under a header cell: `(亿元)`, `（%）`. */
const UNIT_ONLY = /^\s*[(（]\s*(%|‰|[\u4e00-\u9fa5A-Za-z/]{1,6})\s*[)）]\s*$/u;
/** A column header is a few words; a longer line is a title or prose. */
const MAX_HEADER_LENGTH = 16;
/** A line with these is a sentence, not a title. */
const SENTENCE_PUNCTUATION = /[，。；！？,;!?]/u;
const CAPTION_YEAR = /((?:19|20)\d{2})\s*年/u;
/** Spaces between two CJK characters: typesetting, not words (海 口 市, 指    标). */
const SPACE_BETWEEN_HAN = /(?<=[\u3400-\u9fff])[\s\u3000]+(?=[\u3400-\u9fff])/gu;

/** A label or header as a name: trimmed, with the spaces between its characters removed. */
export function compactText(text: string): string {
  return text.trim().replace(SPACE_BETWEEN_HAN, '');
}

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

/** A row written on one line with its cells between pipes (指标 | 数值 | 增长), or between tabs as
 * spreadsheets copy them; a rule line of dashes. */
const PIPE = /[|｜]/u;
const TAB_BETWEEN_CELLS = /[^\t]\t+[^\t]/u;
/** Two or more spaces, or an ideographic space, between two cells. */
const SPACES_BETWEEN_CELLS = /\S(?:[ \u00a0]{2,}|\u3000+)\S/u;
const ONE_HAN = /^[\u3400-\u9fff]$/u;
/** One character, or several spread out with spaces between them. */
const SPREAD_HAN = /^[\u3400-\u9fff](?:[\s\u3000]+[\u3400-\u9fff])*$/u;
const PIPE_RULE_LINE = /^[\s|｜:：\-—–]+$/u;

/**
 * The cells of a row written between pipes (or tabs) in order, blank ones kept (their position is
 * their column); the empty ends of a row written between pipes (| a | b |) are not cells. Null for
 * a line with fewer than two pipes, or with no tab between two cells.
 */
function pipeCells(line: Line): Line[] | null {
  const trimmed = line.text.trim();
  let parts: string[];
  if (PIPE.test(line.text)) {
    parts = line.text.split(PIPE);
    if (parts.length < 3) return null;
  } else if (TAB_BETWEEN_CELLS.test(trimmed)) {
    parts = line.text.split('\t');
  } else if (SPACES_BETWEEN_CELLS.test(trimmed)) {
    return spacedCells(line);
  } else return null;
  const cells: Line[] = [];
  let start = line.start;
  for (const part of parts) {
    cells.push({ start, end: start + part.length, text: part });
    start += part.length + 1;
  }
  // A row opened by a pipe (| 指标 | 2022年 |) has nothing before it; a row whose first cell is blank (  | 2021年 | 2022年) has an empty label.
  if (cells.length > 0 && cells[0].text.trim() === '' && PIPE.test(trimmed.charAt(0))) cells.shift();
  while (cells.length > 0 && cells[cells.length - 1].text.trim() === '') cells.pop();
  return cells;
}

function isCellRow(text: string): boolean {
  const trimmed = text.trim();
  return PIPE.test(text) || TAB_BETWEEN_CELLS.test(trimmed) || SPACES_BETWEEN_CELLS.test(trimmed);
}

/**
 * The cells of a row aligned by spaces (a PDF's text layer: 地区生产总值      亿元      1180.3):
 * runs of two or more spaces (or an ideographic space) part the cells. Single characters spread
 * out over a cell's width (指    标, 市    县) are one cell.
 */
function spacedCells(line: Line): Line[] {
  const cells: Line[] = [];
  const parts = /[^\s\u3000]+(?:[ \u00a0][^\s\u3000]+)*/gu;
  for (const m of line.text.matchAll(parts)) {
    const start = line.start + m.index;
    const cell = { start, end: start + m[0].length, text: m[0] };
    const last = cells[cells.length - 1];
    if (last && SPREAD_HAN.test(last.text) && ONE_HAN.test(m[0])) {
      last.text = last.text + ' '.repeat(start - last.end) + m[0];
      last.end = cell.end;
    } else cells.push(cell);
  }
  return cells;
}

/**
 * Unit and metric name of a row label `规上数字经济核心产业营业收入(亿元)` / `比重(%`. A bracket that
 * opens with a note word (儋州市(含洋浦), 税收收入(不含土地出让)) is cut off but is no unit.
 */
export function parseLabel(label: string, rules: TableRules): { metric: string; unit: string | null } {
  let metric = label.trim();
  let unit: string | null = null;
  for (let m = UNIT_IN_LABEL.exec(metric); m; m = UNIT_IN_LABEL.exec(metric)) {
    const inBrackets = m[1].trim();
    if (!rules.bracketNotes.some((w) => inBrackets.startsWith(w)) && (unit === null || rules.bracketQualifiers.has(unit))) unit = inBrackets;
    metric = metric.slice(0, m.index).trim();
    if (!/[(（]/u.test(metric)) break;
  }
  if (unit && rules.bracketQualifiers.has(unit)) unit = null;
  return { metric: compactText(metric.replace(rules.labelPrefix, '')), unit };
}

/** What a column header says of its cells, and the id of the rule that says it; null for a header that is no value column. */
export function columnMeaning(text: string, rules: TableRules): { meaning: ColumnMeaning; ruleId: string } | null {
  const { metric: header, unit } = parseLabel(text, rules);
  if (header === '') return null;
  for (const rule of rules.columns) {
    const hit = rule.test(header);
    if (!hit) continue;
    if (rule.kind === 'year') {
      const groups = (hit as RegExpExecArray).groups ?? {};
      return { meaning: { kind: 'level', year: Number(groups.year), target: Boolean(groups.target), unit }, ruleId: rule.id };
    }
    if (rule.kind === 'level') return { meaning: { kind: 'level', year: null, target: false, unit }, ruleId: rule.id };
    if (rule.kind === 'growth') return { meaning: { kind: 'growth', unit, basis: rule.basis ?? 'yoy' }, ruleId: rule.id };
    return { meaning: { kind: rule.kind, unit }, ruleId: rule.id };
  }
  // GDP(亿元), 常住人口（万人）: a column named by its indicator and unit.
  if (unit && header.length >= 2 && header.length <= 16 && !rules.labelHeaders.has(header) && !rules.placeHeaders.has(header)) {
    return { meaning: { kind: 'level', year: null, target: false, metric: header, unit }, ruleId: 'table.column.named' };
  }
  return null;
}

/**
 * A growth or share column measures the indicator of the nearest named column before it, in the
 * year of the nearest year column before it (2021年 | 2022年 | 增长: the growth of 2022).
 */
function nameRateColumns(columns: TableColumn[]): void {
  let named: string | undefined;
  let dated: TableColumn | undefined;
  for (const column of columns) {
    const m = column.meaning;
    if (m.kind === 'level') {
      named = m.metric ?? undefined;
      if (m.year !== null) dated = column;
    } else {
      if (named) column.meaning = { ...m, metric: named };
      if (dated) column.datedBy = dated;
    }
  }
}

/**
 * Year headers spanning measure columns, as a two-row header flattens (指标 | 2023年 | 绝对数 | 增长,
 * or 2022年 | 2023年 | 绝对数 | 增长 | 绝对数 | 增长): a run of year headers followed by a run of measure
 * headers that is a multiple of it (two or more measures per year, the first an amount) dates the
 * measures in order and is no column of its own.
 */
function groupUnderYears(columns: TableColumn[]): void {
  const isYear = (c: TableColumn) => c.meaning.kind === 'level' && c.meaning.year !== null;
  const isMeasure = (c: TableColumn) => !isYear(c) && c.meaning.metric === undefined;
  for (let a = 0; a < columns.length; a++) {
    if (!isYear(columns[a])) continue;
    let y = a;
    while (y < columns.length && isYear(columns[y])) y++;
    let m = y;
    while (m < columns.length && isMeasure(columns[m])) m++;
    const years = y - a;
    const measures = m - y;
    const perYear = measures / years;
    if (measures === 0 || !Number.isInteger(perYear) || perYear < 2 || columns[y].meaning.kind !== 'level') {
      a = y - 1;
      continue;
    }
    for (let j = 0; j < measures; j++) columns[y + j].datedBy = columns[a + Math.floor(j / perYear)];
    columns.splice(a, years);
    return;
  }
}

interface Header {
  columns: TableColumn[];
  hasUnitColumn: boolean;
  placeRows: boolean;
  /** Index of the first line after the header. */
  end: number;
}

function isValueLine(text: string): boolean {
  return VALUE_CELL.test(text);
}

/**
 * A header: a few short cells holding two or more value columns (years or measures). A line
 * followed by a value (that is no row number) is a row label, so it ends the header.
 */
function readHeader(lines: Line[], i: number, rules: TableRules): Header | null {
  const columns: TableColumn[] = [];
  let hasUnitColumn = false;
  let sawLabelHeader = false;
  let placeRows = false;
  let j = i;
  for (; j < lines.length && j < i + 12; j++) {
    const raw = lines[j].text;
    if (isProse(raw) || isValueLine(raw)) break;
    const t = compactText(raw);
    const next = lines[j + 1];
    if (columns.length > 0 && next && isValueLine(next.text) && !isRowNumber(lines, j + 1, rules)) break;
    // A caption (表1 …, 附表: …) is above the table, never one of its headers: the table starts after it.
    if (rules.caption.test(raw)) {
      if (columns.length > 0) break;
      return null;
    }
    const unitOnly = UNIT_ONLY.exec(raw);
    if (unitOnly && columns.length > 0) {
      const last = columns[columns.length - 1];
      if (!last.meaning.unit) last.meaning = { ...last.meaning, unit: unitOnly[1] };
      continue;
    }
    const read = t.length <= MAX_HEADER_LENGTH ? columnMeaning(raw, rules) : null;
    if (read) columns.push({ text: raw.trim(), span: [lines[j].start, lines[j].end], meaning: read.meaning, ruleId: read.ruleId });
    else if (rules.unitHeaders.has(t)) hasUnitColumn = true;
    else if (rules.placeHeaders.has(t)) {
      sawLabelHeader = true;
      placeRows = true;
    } else if (rules.labelHeaders.has(t)) sawLabelHeader = true;
    else if (columns.length > 0 && !rules.noteHeaders.has(t)) break;
  }
  groupUnderYears(columns);
  if (columns.length < 2) return null;
  nameRateColumns(columns);
  // Measure columns alone are common words (完成, 累计): trust them only under a label header.
  const yearColumns = columns.filter((c) => c.meaning.kind === 'level' && c.meaning.year !== null).length;
  if (yearColumns < 2 && !sawLabelHeader && !hasUnitColumn) return null;
  return { columns, hasUnitColumn, placeRows, end: j };
}

/**
 * A header row and value rows written one per line between pipes: each row's first cell is its
 * label and the others its value cells, by position. A row with no value is a section row
 * (按行业分 | ||): the table goes on. Returns the header and rows in the terms of a flattened table,
 * and the index of the line after.
 */
function readPipeTable(lines: Line[], i: number, rules: TableRules): { header: Header; rows: Row[]; end: number } | null {
  const headerCells = pipeCells(lines[i]);
  if (!headerCells || headerCells.length < 3) return null;
  const columns: TableColumn[] = [];
  let hasUnitColumn = false;
  const first = compactText(headerCells[0].text);
  const placeRows = rules.placeHeaders.has(first);
  for (const cell of headerCells.slice(1)) {
    const t = compactText(cell.text);
    if (rules.unitHeaders.has(t) && columns.length === 0) {
      hasUnitColumn = true;
      continue;
    }
    const read = columnMeaning(cell.text, rules);
    if (!read) return null;
    columns.push({ text: cell.text.trim(), span: [cell.start, cell.end], meaning: read.meaning, ruleId: read.ruleId });
  }
  if (columns.length === 0) return null;
  const yearColumns = columns.filter((c) => c.meaning.kind === 'level' && c.meaning.year !== null).length;
  if (yearColumns < 2 && !placeRows && !hasUnitColumn && !rules.labelHeaders.has(first) && first !== '') {
    // A header whose first cell names no label column must date or measure every cell plainly.
    if (columns.some((c) => c.meaning.kind === 'level' && c.meaning.metric !== undefined)) return null;
  }
  nameRateColumns(columns);
  const rows: Row[] = [];
  let k = i + 1;
  for (; k < lines.length; k++) {
    if (PIPE_RULE_LINE.test(lines[k].text)) continue;
    const cells = pipeCells(lines[k]);
    if (!cells) {
      // A section row left without its separators (按行业分 on its own, as a spreadsheet copy trims
      // its empty cells) when rows go on after it; any other line ends the table.
      const next = lines[k + 1];
      if (next && isCellRow(next.text) && compactText(lines[k].text).length <= MAX_HEADER_LENGTH && !isValueLine(lines[k].text) && !isProse(lines[k].text)) continue;
      break;
    }
    if (cells.length < 2) continue; // a section row: its label alone
    const row: Row = { label: cells[0], unit: null, cells: [], positional: true };
    let rest = cells.slice(1);
    if (hasUnitColumn && rest.length > 0 && UNIT_CELL.test(rest[0].text)) {
      row.unit = UNIT_CELL.exec(rest[0].text)![1];
      rest = rest.slice(1);
    }
    for (const cell of rest) {
      const v = VALUE_CELL.exec(cell.text);
      row.cells.push({ line: cell, value: v ? parseValue(v[1]) : null, marker: v ? v[2] : '' });
    }
    rows.push(row);
  }
  if (rows.length === 0) return null;
  return { header: { columns, hasUnitColumn, placeRows, end: i + 1 }, rows, end: k };
}

function parseValue(digits: string): number {
  return Number(digits.replace(/,/g, '').replace('−', '-'));
}

/** A bare integer line followed by a label line is a row number (序号), not a value. */
function isRowNumber(lines: Line[], k: number, rules: TableRules): boolean {
  const v = VALUE_CELL.exec(lines[k].text);
  if (!v || v[2] || /[.−-]/u.test(v[1])) return false;
  const next = lines[k + 1];
  return next !== undefined && !isValueLine(next.text) && !rules.emptyCells.has(next.text.trim()) && !rules.footnote.test(next.text) && !isProse(next.text);
}

interface Row {
  label: Line;
  unit: string | null;
  /** Value and empty cells in order. */
  cells: { line: Line; value: number | null; marker: string }[];
  /** Cells stand in their columns' places (pipes): no right alignment. */
  positional?: boolean;
}

/** The caption line just above a table (or the line itself when it holds a year and is short), if any. */
function findCaption(lines: Line[], i: number, piped: boolean, rules: TableRules): { caption: TableCaption | null; captionYear: TableRegion['captionYear'] } {
  let caption: TableCaption | null = null;
  let captionYear: TableRegion['captionYear'] = null;
  for (let c = i - 1; c >= Math.max(0, i - 3); c--) {
    const cellText = isCellRow(lines[c].text) ? lines[c].text.split(/[|｜\t]/u)[0] : lines[c].text;
    if (rules.caption.test(cellText)) {
      const lead = cellText.length - cellText.trimStart().length;
      const text = cellText.trim();
      caption = { text, span: [lines[c].start + lead, lines[c].start + lead + text.length] };
      break;
    }
  }
  // The header's own line dates nothing beyond its columns when the table is written between pipes.
  for (let c = piped ? i - 1 : i; c >= Math.max(0, i - 3); c--) {
    const m = CAPTION_YEAR.exec(lines[c].text);
    if (m && lines[c].text.trim().length <= 40) {
      captionYear = { year: Number(m[1]), span: [lines[c].start + m.index, lines[c].start + m.index + m[0].length] };
      // A title with no 表 number (2023年1-9月各县区主要经济指标) is the caption all the same.
      if (!caption && !isCellRow(lines[c].text) && !SENTENCE_PUNCTUATION.test(lines[c].text) && !columnMeaning(lines[c].text, rules)) {
        const raw = lines[c].text;
        const lead = raw.length - raw.trimStart().length;
        caption = { text: raw.trim(), span: [lines[c].start + lead, lines[c].start + lead + raw.trim().length] };
      }
      break;
    }
  }
  return { caption, captionYear };
}

export function extractTables(text: string, from: number, to: number, rules: TableRules): TableRegion[] {
  const lines = nonBlankLines(text, from, to);
  const hasPipes = lines.some((l) => isCellRow(l.text));
  const regions: TableRegion[] = [];
  let i = 0;
  while (i < lines.length) {
    const piped = hasPipes ? readPipeTable(lines, i, rules) : null;
    const header = piped ? piped.header : readHeader(lines, i, rules);
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
      if (rules.footnote.test(t) || isProse(t)) break;
      const v = VALUE_CELL.exec(t);
      // Row numbers (序号) count up by one and are followed by a label.
      const rowNumber = v !== null && isRowNumber(lines, k, rules) && (Number(v[1]) === lastRowNumber + 1 || !row || row.cells.length === 0);
      if (rowNumber) {
        lastRowNumber = Number(v[1]);
        row = null;
        continue;
      }
      if (v && row) {
        row.cells.push({ line: lines[k], value: parseValue(v[1]), marker: v[2] });
        continue;
      }
      if (rules.emptyCells.has(t.trim()) && row) {
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
      const m = rules.footnote.exec(lines[f].text);
      if (m?.groups) footnotes.set(m.groups.marker, { year: Number(m.groups.year), span: [lines[f].start, lines[f].end] });
    }
    const { caption, captionYear } = findCaption(lines, i, piped !== null, rules);

    const region: TableRegion = { start: lines[i].start, end: lines[Math.max(i, k - 1)].end, cells: [], captionYear, caption, placeRows: header.placeRows };
    for (const r of rows) {
      const { metric, unit: labelUnit } = parseLabel(r.label.text, rules);
      if (!metric || r.cells.length === 0) continue;
      const offset = r.positional ? 0 : Math.max(0, header.columns.length - r.cells.length);
      const labelLead = r.label.text.length - r.label.text.trimStart().length;
      const labelSpan: [number, number] = [r.label.start + labelLead, r.label.start + r.label.text.trimEnd().length];
      r.cells.forEach((cell, slot) => {
        const column = header.columns[offset + slot];
        if (!column || cell.value === null) return;
        const v = VALUE_CELL.exec(cell.line.text)!;
        const numberStart = cell.line.start + cell.line.text.indexOf(v[1]);
        const footnote = cell.marker ? footnotes.get(cell.marker) : undefined;
        const dating = column.meaning.kind === 'level' && column.meaning.year !== null ? column : column.datedBy;
        const columnYear = dating && dating.meaning.kind === 'level' ? dating.meaning.year : null;
        const unit = column.meaning.kind === 'level' ? (r.unit ?? labelUnit ?? column.meaning.unit ?? null) : '%';
        region.cells.push({
          start: numberStart,
          end: numberStart + v[1].length,
          value: cell.value,
          unit,
          metric,
          labelSpan,
          yearSpan: footnote ? footnote.span : columnYear !== null && dating ? dating.span : null,
          column,
          year: footnote?.year ?? columnYear,
          yearText: footnote ? `${footnote.year}年` : columnYear !== null ? `${columnYear}年` : null,
          rowStart: r.label.start,
          footnoteYear: footnote !== undefined,
          alignmentGuessed: !r.positional && r.cells.length !== header.columns.length,
        });
      });
    }
    if (region.cells.length > 0) regions.push(region);
    i = Math.max(k, i + 1);
  }
  return regions;
}

/**
 * What a caption says of a table of places: the indicator its rows measure, once the caption's
 * number (表1), the period (`periodText`, as the period rules read it), the set of places (各市县)
 * and what the columns measure (及增速) are cut away; and whether it names its rows as places.
 */
export function captionIndicator(caption: string, periodText: string | null, rules: TableRules): { metric: string; start: number; end: number; places: boolean } | null {
  let start = 0;
  let end = caption.length;
  const lead = rules.caption.exec(caption);
  if (lead) start = lead.index + lead[0].length;
  if (periodText) {
    const at = caption.indexOf(periodText, start);
    if (at >= 0 && at - start <= 2) start = at + periodText.length;
  }
  let places = false;
  for (const set of rules.regionSets) {
    const at = caption.indexOf(set, start);
    if (at >= 0 && at < end) {
      start = at + set.length;
      places = true;
      break;
    }
  }
  for (const suffix of rules.measureSuffixes) {
    if (caption.slice(start, end).endsWith(suffix)) {
      end -= suffix.length;
      break;
    }
  }
  const metric = compactText(caption.slice(start, end));
  if (metric.length < 2 || rules.genericCaptions.has(metric)) return null;
  // Offsets into the caption's raw text: the metric drops the spaces inside it (地区 生产总值), its span keeps them.
  const raw = caption.slice(start, end);
  return { metric, start: start + (raw.length - raw.trimStart().length), end: end - (raw.length - raw.trimEnd().length), places };
}

/** A row naming a part of the whole the caption names (工业 under 地区生产总值) measures that part's share of it (工业增加值). */
export function partMetric(rowMetric: string, caption: string | null, rules: TableRules): { metric: string; ruleId: string } | null {
  if (!caption) return null;
  for (const part of rules.parts) {
    if (!part.wholes.some((w) => caption.includes(w))) continue;
    if (part.wholes.some((w) => rowMetric.includes(w)) || !part.row.test(rowMetric)) continue;
    return { metric: rowMetric + part.suffix, ruleId: part.id };
  }
  return null;
}
