/**
 * One input file through every stage: decode → format (HTML → visible text) → normalize →
 * articles → publication date → extraction → records. Pure: bytes and context in, result out.
 */
import { decodeBytes, type DecodeResult } from '../ingest/decode';
import { htmlToVisibleText, looksLikeHtml, type HtmlMeta } from '../text/html';
import { normalizeForMatching } from '../text/normalize';
import { identityMapped, type MappedText } from '../text/mapped';
import { articlesOf, splitTitleSource } from '../articles/articles';
import { resolvePublished } from '../articles/published';
import { extractArticle } from '../extract/extract-article';
import { splitByLanguage } from '../extract/en/language';
import { extractEnglishArticle } from '../extract/en/extract-english';
import { buildRecords } from '../record/build';
import { flagReplacementChars, withVisibleText } from '../record/visible';
import type { RuleSet } from '../rules/ruleset';
import type { StatRecord } from '../record/schema';
import type { FileInput, FileReport, FileResult, InvalidRecord } from './types';

export interface PipelineContext {
  rules: RuleSet;
  /** Told after each article the share of the text done (0–1): progress within a large file. */
  onProgress?: (fraction: number) => void;
}

function emptyReport(file: string): FileReport {
  return { file, status: 'ok', reason: null, encoding: null, format: null, articles: 0, records: 0, flagged: 0, invalid: [], published: null };
}

export function processFile(input: FileInput, ctx: PipelineContext): FileResult {
  const records: StatRecord[] = [];
  const report = forEachArticle(input, ctx, (built) => {
    for (const record of built) records.push(record);
  });
  return { report, records };
}

/**
 * processFile article by article: the records of each article are handed to `take` as soon as they
 * are built, in order, and not kept, so a large file is never held as records (take must not keep
 * them either if memory is to stay bounded by the article). Returns the file's report once all are taken.
 */
export function forEachArticle(input: FileInput, ctx: PipelineContext, take: (records: StatRecord[]) => void): FileReport {
  return forEachArticleOfDecoded(decodeBytes(input.bytes), input, ctx, take);
}

/** What of a FileInput the stages after decoding read. */
export type FileFacts = Omit<FileInput, 'bytes'>;

/**
 * forEachArticle from the decoded text on: a caller holding a large file's bytes can let them go
 * once decoded (the records' offsets are into the decoded text), rather than keep them throughout.
 */
export function forEachArticleOfDecoded(decoded: DecodeResult, input: FileFacts, ctx: PipelineContext, take: (records: StatRecord[]) => void): FileReport {
  const report = emptyReport(input.file);
  if (!decoded.ok) return { ...report, status: decoded.status, reason: decoded.reason };
  report.encoding = decoded.encoding;
  if (decoded.replaced) report.replacedBytes = decoded.replaced;
  const text = decoded.text;

  let visible: MappedText;
  let htmlMeta: HtmlMeta | null = null;
  if (looksLikeHtml(text)) {
    const html = htmlToVisibleText(text);
    visible = html.mapped;
    htmlMeta = html.meta;
    report.format = 'html';
  } else {
    visible = identityMapped(text);
    report.format = 'text';
  }
  // normalizeForMatching composes its steps onto `visible`, so its map reaches the decoded input.
  const normalized = normalizeForMatching(visible);
  if (normalized.text.trim().length === 0) return { ...report, status: 'skipped', reason: 'no visible text' };

  const published = resolvePublished({
    sidecar: input.sidecar?.published,
    cli: input.publishedOverride,
    path: input.file,
    htmlMeta: htmlMeta?.published ?? null,
    normalizedText: normalized.text,
  });
  report.published = published;

  const pageTitle = htmlMeta?.title ? splitTitleSource(htmlMeta.title) : null;
  const articles = articlesOf(normalized.text, ctx.rules, {
    paper: input.sidecar?.paper ?? htmlMeta?.paper ?? pageTitle?.paper ?? null,
    title: input.sidecar?.title ?? pageTitle?.title ?? null,
  });

  const invalid: InvalidRecord[] = [];
  for (const article of articles) {
    report.articles++;
    // A Chinese article goes the Chinese way as a whole; the English parts of an article (or all of
    // an English one) go the English way.
    const parts = splitByLanguage(normalized.text, article.start, article.end);
    const drafts =
      parts.length === 1 && parts[0].language === 'zh'
        ? extractArticle({ text: normalized.text, article, published: published?.date ?? null, rules: ctx.rules })
        : parts.flatMap((part) => {
            const input = { text: normalized.text, article: { ...article, start: part.start, end: part.end }, published: published?.date ?? null, rules: ctx.rules };
            return part.language === 'en' ? extractEnglishArticle(input) : extractArticle(input);
          });
    const built = buildRecords(drafts, article, { file: input.file, published: published?.date ?? null, publishedSource: published?.source ?? null }, text, normalized, ctx.rules.confidence);
    let records = built.records;
    // Both settle fields record by record, so doing it an article at a time gives what doing it
    // for the whole file did.
    if (report.format === 'html') records = withVisibleText(records);
    if (decoded.replaced) records = flagReplacementChars(records);
    report.records += records.length;
    for (const record of records) if (record.review === 'needs_review') report.flagged++;
    for (const problem of built.invalid) invalid.push(problem);
    take(records);
    ctx.onProgress?.(article.end / normalized.text.length);
  }
  report.invalid = invalid;
  return report;
}
