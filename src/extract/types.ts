/** What the extraction stage hands to record building: a figure located in the normalized text. */
import type { Approx, Basis, Kind, Period, Status } from '../record/schema';
import type { Place } from '../gazetteer/gazetteer';

export interface DraftRecord {
  /** [start, end) of the figure (number and unit) in the normalized text. */
  span: [number, number];
  /** [start, end) of its sentence in the normalized text. */
  sentence: [number, number];
  city: Place | null;
  /** Where the words that set the city stand in the normalized text (平湖市, 全市, 该县); null when
   * the city was not read from the figure's text (the paragraph's, the article's home). */
  citySpan: [number, number] | null;
  subject: string | null;
  metric: { name: string; id: string | null };
  /** [start, end) in the normalized text of the words the metric was read from. */
  metricTextSpan: [number, number];
  kind: Kind;
  basis: Basis | null;
  value: number;
  unit: string | null;
  normalized: { value: number; unit: string };
  approx: Approx | null;
  status: Status;
  period: Period | null;
  /** Where the period's words stand in the normalized text; null for a period no words state (a report's year). */
  periodSpan: [number, number] | null;
  flags: string[];
  trace: string[];
}
