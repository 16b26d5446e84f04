/** Records from table cells: kind from the column, period from the column, caption or article. */
import type { Kind, Period, Status } from '../record/schema';
import type { RuleSet } from '../rules/ruleset';
import type { DraftRecord } from './types';
import type { ArticleInput } from './extract-article';
import type { PeriodMention } from './periods';
import type { TableCell, TableRegion } from './tables';
import { parseUnitText } from './values';
import { normalizeValue } from './normalize-value';
import { publicationYear } from './periods';

export function tableDraft(cell: TableCell, table: TableRegion, input: ArticleInput, rules: RuleSet, fallback: PeriodMention | null): DraftRecord {
  const pubYear = publicationYear(input.published);
  const meaning = cell.column.meaning;
  const flags = ['table_cell'];
  const trace = ['table.cell'];
  // A table of regions (地区 | GDP(亿元) | 增长(%)): the row names the place, the column the indicator.
  const rowPlace = meaning.metric ? rules.gazetteer.byName(cell.metric, input.article.province ?? undefined) : null;
  const metricName = rowPlace && meaning.metric ? meaning.metric : cell.metric;
  const city = rowPlace ?? input.article.homeCity;
  if (rowPlace) trace.push('table.row_place');
  else if (!city) flags.push('city_unknown');
  else flags.push('city_from_context');
  const indicator = rules.indicators.match(metricName);
  if (!indicator) flags.push('metric_unknown');
  const kind: Kind = meaning.kind === 'growth' ? 'growth' : meaning.kind === 'share' || cell.unit === '%' ? 'share' : 'level';
  trace.push(`table.column_${meaning.kind}`);

  // The column's year, else the caption's, else the period the article reports on.
  let period: Period | null = null;
  let periodSpan: [number, number] | null = null;
  if (cell.year !== null) {
    period = { text: cell.yearText ?? `${cell.year}年`, year: cell.year, endYear: null, startMonth: null, endMonth: null };
    periodSpan = cell.yearSpan;
    if (cell.footnoteYear) trace.push('table.footnote_year');
  } else if (table.captionYear) {
    period = { text: `${table.captionYear.year}年`, year: table.captionYear.year, endYear: null, startMonth: null, endMonth: null };
    trace.push('table.caption_year');
  } else if (fallback) {
    period = fallback.period;
    flags.push('period_inherited');
    trace.push('period.inherit_lead');
  }
  const columnTarget = meaning.kind === 'level' && meaning.target;
  const status: Status = columnTarget || (pubYear !== null && period?.year != null && period.year > pubYear) ? 'target' : 'actual';

  const { multiplier, unitDef } = cell.unit ? parseUnitText(rules, cell.unit) : { multiplier: 1, unitDef: null };
  const norm = normalizeValue(
    { start: cell.start, end: cell.end, value: Math.abs(cell.value), multiplier, unitText: cell.unit, unitDef, approxInside: null, negative: cell.value < 0, rank: false, chineseNumeral: false, trace: [] },
    kind,
    1,
  );
  return {
    span: [cell.start, cell.end],
    sentence: [cell.rowStart, cell.end],
    city,
    citySpan: rowPlace ? cell.labelSpan : null,
    subject: null,
    metric: { name: metricName, id: indicator?.id ?? null },
    metricTextSpan: cell.labelSpan,
    kind,
    basis: kind === 'growth' ? 'yoy' : null,
    value: norm.value,
    unit: norm.unit,
    normalized: norm.normalized,
    approx: null,
    status,
    period,
    periodSpan,
    flags,
    trace,
  };
}
