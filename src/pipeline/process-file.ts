/**
 * One input file through every stage: decode → format (HTML → visible text) → normalize →
 * articles → publication date → extraction → records. Pure: bytes and context in, result out.
 */
import { decodeBytes } from '../ingest/decode';
import { htmlToVisibleText, looksLikeHtml, type HtmlMeta } from '../text/html';
import { normalizeForMatching } from '../text/normalize';
import { identityMapped, type MappedText } from '../text/mapped';
import { splitArticles, splitTitleSource } from '../articles/articles';
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
  const report = emptyReport(input.file);
  const decoded = decodeBytes(input.bytes);
  if (!decoded.ok) {
    return { report: { ...report, status: decoded.status, reason: decoded.reason }, records: [] };
  }
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
  if (normalized.text.trim().length === 0) {
    return { report: { ...report, status: 'skipped', reason: 'no visible text' }, records: [] };
  }

  const published = resolvePublished({
    sidecar: input.sidecar?.published,
    cli: input.publishedOverride,
    path: input.file,
    htmlMeta: htmlMeta?.published ?? null,
    normalizedText: normalized.text,
  });
  report.published = published;

  const pageTitle = htmlMeta?.title ? splitTitleSource(htmlMeta.title) : null;
  const articles = splitArticles(normalized.text, ctx.rules, {
    paper: input.sidecar?.paper ?? htmlMeta?.paper ?? pageTitle?.paper ?? null,
    title: input.sidecar?.title ?? pageTitle?.title ?? null,
  });
  report.articles = articles.length;

  let records: StatRecord[] = [];
  const invalid: InvalidRecord[] = [];
  for (const article of articles) {
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
    records.push(...built.records);
    invalid.push(...built.invalid);
    ctx.onProgress?.(article.end / normalized.text.length);
  }
  if (report.format === 'html') records = withVisibleText(records);
  if (decoded.replaced) records = flagReplacementChars(records);
  report.records = records.length;
  report.flagged = records.filter((r) => r.review === 'needs_review').length;
  report.invalid = invalid;
  return { report, records };
}
