/**
 * Records from table cells: kind and unit from the column, period from the column, the caption or
 * the article; city from the row when the rows are places (a table of regions), else the article's
 * region; metric from the row label, or in a table of places from the column or the caption.
 */
import type { Kind, Period, Status } from '../record/schema';
import type { RuleSet } from '../rules/ruleset';
import type { Place } from '../gazetteer/gazetteer';
import type { DraftRecord } from './types';
import type { ArticleInput } from './extract-article';
import type { PeriodMention } from './periods';
import { captionIndicator, partMetric, type TableCell, type TableRegion } from './tables';
import { parseUnitText } from './values';
import { normalizeValue } from './normalize-value';
import { publicationYear } from './periods';

/** The place a row label names (its spaces removed), or null: full names and everyday names (陵水县, rules/divisions.yaml plainForms). */
export function rowPlace(label: string, rules: RuleSet, province: string | undefined): Place | null {
  return rules.gazetteer.byName(label, province);
}

/**
 * The drafts of a table's cells. `captionPeriod`: the period read in the table's caption;
 * `fallback`: the period of the text that introduces the table, else of the article.
 */
export function tableDrafts(table: TableRegion, input: ArticleInput, rules: RuleSet, captionPeriod: PeriodMention | null, fallback: PeriodMention | null): DraftRecord[] {
  const province = input.article.province ?? undefined;
  const caption = table.caption;
  const indicator = caption ? captionIndicator(caption.text, captionPeriod ? input.text.slice(captionPeriod.start, captionPeriod.end) : null, rules.tables) : null;
  // The rows are places when the label column says so, the caption names a set of places (各市县),
  // or most rows name a place.
  const places = new Map<number, Place | null>();
  for (const cell of table.cells) if (!places.has(cell.rowStart)) places.set(cell.rowStart, rowPlace(cell.metric, rules, province));
  const named = [...places.values()].filter((p) => p !== null) as Place[];
  const placeRows = table.placeRows || indicator?.places === true || (named.length >= 2 && named.length * 2 >= places.size);
  // The total row (合计, 全省) is the unit the places share.
  const total = placeRows ? sharedUnit(named, rules) : null;
  const totalRows = new Set<number>();
  if (total) {
    for (const cell of table.cells) {
      if (places.get(cell.rowStart) !== null || !rules.tables.totalRows.has(cell.metric)) continue;
      places.set(cell.rowStart, total);
      totalRows.add(cell.rowStart);
    }
  }
  const drafts: DraftRecord[] = [];
  for (const cell of table.cells) {
    const place = places.get(cell.rowStart) ?? null;
    const columnMetric = cell.column.meaning.metric;
    if (place && (placeRows || columnMetric)) {
      drafts.push(tableDraft(cell, table, input, rules, captionPeriod, fallback, { place, total: totalRows.has(cell.rowStart), metric: columnMetric ?? indicator?.metric ?? '', metricSpan: columnMetric ? cell.column.span : indicator && caption ? [caption.span[0] + indicator.start, caption.span[0] + indicator.end] : null }));
    } else if (!placeRows) {
      // The total row of a table of indicators (合计 under 税收收入, 非税收入) is the caption's indicator.
      const totalOf = rules.tables.totalRows.has(cell.metric) ? { metric: indicator?.metric ?? '', span: indicator && caption ? ([caption.span[0] + indicator.start, caption.span[0] + indicator.end] as [number, number]) : null } : null;
      drafts.push(tableDraft(cell, table, input, rules, captionPeriod, fallback, null, totalOf));
    }
    // A row of a table of places that names no place (东部地区, 合计) groups places: no city to give it.
  }
  return drafts;
}

/** The unit all these places lie in: their common parent, else their common province; null when they share none. */
function sharedUnit(places: readonly Place[], rules: RuleSet): Place | null {
  if (places.length < 2) return null;
  const parent = places[0].parent;
  if (parent && places.every((p) => p.parent === parent)) return rules.gazetteer.byName(parent, places[0].province);
  const province = places[0].province;
  return places.every((p) => p.province === province) ? rules.gazetteer.byName(province) : null;
}

interface RowOfPlace {
  place: Place;
  /** The row totals the places (合计): its place is the unit they share. */
  total: boolean;
  metric: string;
  metricSpan: [number, number] | null;
}

function tableDraft(
  cell: TableCell,
  table: TableRegion,
  input: ArticleInput,
  rules: RuleSet,
  captionPeriod: PeriodMention | null,
  fallback: PeriodMention | null,
  ofPlace: RowOfPlace | null,
  totalOf: { metric: string; span: [number, number] | null } | null = null,
): DraftRecord {
  const pubYear = publicationYear(input.published);
  const meaning = cell.column.meaning;
  const flags = ['table_cell'];
  if (cell.alignmentGuessed) flags.push('table_alignment_guessed');
  const trace = ['table.cell', cell.column.ruleId];
  let metricName = cell.metric;
  let metricSpan: [number, number] = cell.labelSpan;
  const city = ofPlace?.place ?? input.article.homeCity;
  if (ofPlace) {
    trace.push(ofPlace.total ? 'table.total_row' : 'table.row_place');
    metricName = ofPlace.metric;
    metricSpan = ofPlace.metricSpan ?? cell.labelSpan;
    if (!metricName) flags.push('metric_missing');
  } else {
    if (!city) flags.push('city_unknown');
    else flags.push('city_from_context');
    const part = partMetric(cell.metric, table.caption?.text ?? null, rules.tables);
    if (totalOf) {
      metricName = totalOf.metric;
      metricSpan = totalOf.span ?? cell.labelSpan;
      trace.push('table.total_row');
      if (!metricName) flags.push('metric_missing');
    } else if (part) {
      metricName = part.metric;
      trace.push(part.ruleId);
    }
  }
  const indicator = metricName ? rules.indicators.match(metricName) : null;
  if (!indicator) flags.push('metric_unknown');
  const kind: Kind = meaning.kind === 'growth' ? 'growth' : meaning.kind === 'share' || cell.unit === '%' ? 'share' : 'level';

  // The column's year, else the caption's period, else the period the article reports on.
  let period: Period | null = null;
  let periodSpan: [number, number] | null = null;
  if (cell.year !== null) {
    period = { text: cell.yearText ?? `${cell.year}年`, year: cell.year, endYear: null, startMonth: null, endMonth: null };
    periodSpan = cell.yearSpan;
    if (cell.footnoteYear) trace.push('table.footnote_year');
  } else if (captionPeriod) {
    period = captionPeriod.period;
    periodSpan = [captionPeriod.start, captionPeriod.end];
    trace.push('table.caption_period');
  } else if (table.captionYear) {
    period = { text: `${table.captionYear.year}年`, year: table.captionYear.year, endYear: null, startMonth: null, endMonth: null };
    periodSpan = table.captionYear.span;
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
    citySpan: ofPlace ? cell.labelSpan : null,
    subject: null,
    metric: { name: metricName, id: indicator?.id ?? null },
    metricTextSpan: metricSpan,
    kind,
    basis: kind === 'growth' ? (meaning.kind === 'growth' && meaning.basis) || 'yoy' : null,
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
