/** Builders for tiny synthetic gold facts and predictions whose scores are known by hand. */
import type { GoldLine, LocatedGoldFact } from '../../src/eval/gold';
import type { Prediction } from '../../src/eval/prediction';

export const STEM = 'doc';

/** A gold line with sensible defaults (required, 湖州市, level, actual, no period). */
export function goldLine(overrides: Partial<GoldLine> & Pick<GoldLine, 'quote' | 'context' | 'normalized'>): GoldLine {
  return {
    required: true,
    city: '湖州市',
    subject: null,
    metric: '工业增加值',
    kind: 'level',
    basis: null,
    value: overrides.normalized,
    unit: null,
    approx: null,
    status: 'actual',
    period: null,
    note: '',
    ...overrides,
  };
}

/** Locates `quote` inside `context` inside `input` by hand, so tests do not depend on gold.ts. */
export function locatedGold(
  input: string,
  line: number,
  overrides: Partial<GoldLine> & Pick<GoldLine, 'quote' | 'context' | 'normalized'>,
): LocatedGoldFact {
  const g = goldLine(overrides);
  const start = input.indexOf(g.context) + g.context.indexOf(g.quote);
  if (input.indexOf(g.context) < 0) throw new Error(`test bug: context ${g.context} not in input`);
  return { ...g, stem: STEM, line, span: [start, start + g.quote.length] };
}

export interface PredictionOverrides {
  line: number;
  span: [number, number];
  value: number;
  city?: string | null;
  metric?: string;
  kind?: Prediction['kind'];
  status?: Prediction['status'];
  period?: Prediction['period'];
  file?: string;
}

export function prediction(o: PredictionOverrides): Prediction {
  return {
    doc: { file: o.file ?? `seeds/${STEM}.txt` },
    city: o.city === undefined ? { name: '湖州市' } : o.city === null ? null : { name: o.city },
    metric: { name: o.metric ?? '工业增加值' },
    kind: o.kind ?? 'level',
    status: o.status ?? 'actual',
    period: o.period ?? null,
    normalized: { value: o.value },
    span: o.span,
    sentence: `sentence of line ${o.line}`,
    line: o.line,
  };
}

/** Span of the first occurrence of `needle` in `text`. */
export function spanOf(text: string, needle: string): [number, number] {
  const at = text.indexOf(needle);
  if (at < 0) throw new Error(`test bug: ${needle} not in text`);
  return [at, at + needle.length];
}

export function period(year: number | null, startMonth: number | null = null, endMonth: number | null = null, endYear: number | null = null) {
  return { text: 'p', year, endYear, startMonth, endMonth };
}
