/**
 * The publication date decides what 今年/去年 mean. Sources, most trusted first: the sidecar
 * `<name>.meta.json`, `--published`, a date in the file path, an HTML meta tag, a dateline in
 * the text. Nothing is guessed: no source, no date.
 */
import type { PublishedSource } from '../pipeline/types';

export interface PublishedDate {
  date: string;
  source: PublishedSource;
}

/** The years a date read from a file's path or text may fall in. */
const READ_YEARS = [1949, 2100] as const;
/** The years a publication date given by the user (--published, a sidecar) may fall in. */
export const PUBLISHED_YEARS = [1900, 2100] as const;

/** The date written YYYY-MM-DD when it is on the calendar and within `years`, else null. */
function isoDate(year: number, month: number, day: number, years: readonly [number, number] = READ_YEARS): string | null {
  if (year < years[0] || year > years[1] || month < 1 || month > 12 || day < 1 || day > 31) return null;
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** What is wrong with a publication date given as YYYY-MM-DD (--published, a sidecar), or null when it is a real date. */
export function publishedDateProblem(text: string): string | null {
  const m = ISO_DATE.exec(text);
  if (!m) return `must be YYYY-MM-DD, got "${text}"`;
  const year = Number(m[1]);
  if (year < PUBLISHED_YEARS[0] || year > PUBLISHED_YEARS[1]) return `year ${year} is outside ${PUBLISHED_YEARS[0]}–${PUBLISHED_YEARS[1]} ("${text}")`;
  if (isoDate(year, Number(m[2]), Number(m[3]), PUBLISHED_YEARS) === null) return `"${text}" is not a date on the calendar`;
  return null;
}

/** `text` if it is a real calendar date written YYYY-MM-DD in the years this tool reads, else null. */
export function calendarDate(text: string): string | null {
  const m = ISO_DATE.exec(text);
  return m ? isoDate(Number(m[1]), Number(m[2]), Number(m[3])) : null;
}

const PATH_DATE = /(?<![\d])((?:19|20)\d{2})([-_/.]?)(0[1-9]|1[0-2])\2(0[1-9]|[12]\d|3[01])(?!\d)/;

export function dateFromPath(path: string): string | null {
  const m = PATH_DATE.exec(path);
  return m ? isoDate(Number(m[1]), Number(m[3]), Number(m[4])) : null;
}

const LABELLED_DATELINE = /(?:更新时间|发布时间|发布日期|发表时间|时间|日期)\s*[:：]\s*((?:19|20)\d{2})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/u;
/** A date alone on its line, optionally in parentheses: `(2018年4月16日)` or a signature date under a notice. */
const LINE_DATE = /^\s*[(]?\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*[)]?\s*$/mu;
/** A speech's dateline: `——2024年1月15日在绍兴市第九届人民代表大会第四次会议上`. */
const SPEECH_DATE = /^\s*[—-]{1,4}\s*((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*在/mu;

/** How far into a text a dateline is looked for: datelines sit at the head of a document. */
const DATELINE_WINDOW = 3000;

export function datelineFromText(normalizedText: string): string | null {
  const head = normalizedText.slice(0, DATELINE_WINDOW);
  for (const pattern of [LABELLED_DATELINE, LINE_DATE, SPEECH_DATE]) {
    const m = pattern.exec(head);
    if (m) {
      const date = isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
      if (date) return date;
    }
  }
  return null;
}

export interface PublishedInputs {
  sidecar: string | null | undefined;
  cli: string | null;
  path: string;
  htmlMeta: string | null;
  normalizedText: string;
}

export function resolvePublished(inputs: PublishedInputs): PublishedDate | null {
  if (inputs.sidecar) return { date: inputs.sidecar, source: 'sidecar' };
  if (inputs.cli) return { date: inputs.cli, source: 'cli' };
  const fromPath = dateFromPath(inputs.path);
  if (fromPath) return { date: fromPath, source: 'path' };
  if (inputs.htmlMeta) return { date: inputs.htmlMeta, source: 'html_meta' };
  const fromText = datelineFromText(inputs.normalizedText);
  return fromText ? { date: fromText, source: 'dateline' } : null;
}
