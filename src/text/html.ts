/**
 * HTML → the text a reader sees, with every visible character mapped to the markup it came from.
 * A small forgiving tokenizer rather than a DOM: news pages are often malformed, and all we need is
 * text, block boundaries and a few meta tags. It never throws: anything that is not well-formed
 * markup is treated as text.
 */
import { MappedText, MappedTextBuilder, mappedPrefix } from './mapped';
import { decodeReferenceAt } from './htmlEntities';

export interface HtmlMeta {
  title: string | null;
  /** YYYY-MM-DD from meta tags such as publishdate / pubdate / article:published_time. */
  published: string | null;
  /** A newspaper named by og:site_name / source / author meta tags (…日报, …晚报), else null. */
  paper: string | null;
}

/** Elements whose content is never shown as text. `title` goes to meta instead. */
const RAW_TEXT_ELEMENTS = new Set(['script', 'style', 'noscript', 'template', 'title', 'xmp', 'iframe', 'noembed', 'noframes']);

/** Elements that start a new line: paragraphs are separated and table cells end up one per line. */
const BLOCK_ELEMENTS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'br', 'caption', 'center', 'dd', 'details', 'dialog', 'dir',
  'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'header', 'hgroup', 'hr', 'html', 'legend', 'li', 'main', 'menu', 'nav', 'ol', 'option', 'p', 'pre', 'section',
  'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);

const PUBLISHED_META_KEYS = [
  'article:published_time', 'og:published_time', 'publishdate', 'pubdate', 'publish_date', 'publish-date',
  'publishtime', 'publish_time', 'datepublished', 'og:release_date', 'dc.date.issued', 'dc.date', 'dcterms.created', 'date',
];
const PAPER_META_KEYS = ['og:site_name', 'source', 'contentsource', 'mediasource', 'publisher', 'copyright', 'author'];
const PAPER_NAME = /[\u4e00-\u9fff]{1,8}?(?:日报|晚报|早报|时报|商报|都市报)/;

const STRUCTURAL_MARKUP = /<!doctype\s+html|<(?:html|head|body)[\s>]/i;
const COMMON_TAG = /<\/?(?:p|div|br|span|a|li|ul|ol|table|tr|td|th|h[1-6]|img|strong|b|em|i|font|section|article|meta|script|style|title|tbody|thead|center)(?:\s[^<>]*)?\/?>/gi;

/** True for a page or a text holding markup; a stray "<" or "a<b" in prose is not enough. */
export function looksLikeHtml(text: string): boolean {
  // Both patterns need a "<": most texts hold none, and the case-blind pattern costs a pass over the file.
  if (!text.includes('<')) return false;
  if (STRUCTURAL_MARKUP.test(text)) return true;
  const tags = text.match(COMMON_TAG);
  return tags !== null && tags.length >= 2;
}

export function htmlToVisibleText(html: string): { mapped: MappedText; meta: HtmlMeta } {
  const out = new VisibleTextWriter();
  const metaTags: Array<Record<string, string>> = [];
  let title: string | null = null;
  let preDepth = 0;
  let i = 0;

  while (i < html.length) {
    const ch = html[i];
    if (ch === '<') {
      const markup = readMarkup(html, i);
      if (markup === null) {
        i = copyPlainText(out, html, i, preDepth > 0);
        continue;
      }
      if (markup.kind === 'tag') {
        const name = markup.name;
        if (!markup.closing && RAW_TEXT_ELEMENTS.has(name)) {
          const close = findClosingTag(html, name, markup.end);
          if (name === 'title' && title === null) title = collapseSpaces(decodeEntities(html.slice(markup.end, close.contentEnd)));
          i = close.end;
          continue;
        }
        if (name === 'meta') metaTags.push(markup.attributes);
        else if (name === 'pre' && !markup.selfClosing) preDepth = Math.max(0, preDepth + (markup.closing ? -1 : 1));
        if (BLOCK_ELEMENTS.has(name)) out.blockBreak(i, markup.end);
      }
      i = markup.end;
    } else if (ch === '&') {
      const ref = decodeReferenceAt(html, i);
      if (ref === null) i = copyPlainText(out, html, i, preDepth > 0);
      else {
        out.text(ref.text, i, i + ref.length);
        i += ref.length;
      }
    } else if (preDepth === 0 && isHtmlSpace(ch)) {
      out.space(i);
      i++;
    } else i = copyPlainText(out, html, i, preDepth > 0);
  }

  return { mapped: out.build(), meta: extractMeta(metaTags, title) };
}

/**
 * Copies the run of plain text at `at` — its first char as text whatever it is (a "<" that opens no
 * markup, a "&" that starts no reference) — up to markup ("<"), a reference ("&") or, outside <pre>,
 * a space; returns where the run ends. Text in <head> needs no special case: its only text-bearing
 * elements (title, script, style) are raw-text elements.
 */
function copyPlainText(out: VisibleTextWriter, html: string, at: number, preformatted: boolean): number {
  let end = at + 1;
  for (; end < html.length; end++) {
    const code = html.charCodeAt(end);
    if (code === LESS_THAN || code === AMPERSAND || (!preformatted && isHtmlSpaceCode(code))) break;
  }
  out.copy(html, at, end);
  return end;
}

const LESS_THAN = 0x3c;
const AMPERSAND = 0x26;

function isHtmlSpace(ch: string): boolean {
  return isHtmlSpaceCode(ch.charCodeAt(0));
}

function isHtmlSpaceCode(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x09 || code === 0x0d || code === 0x0c;
}

type Markup =
  | { kind: 'tag'; name: string; closing: boolean; selfClosing: boolean; attributes: Record<string, string>; end: number }
  | { kind: 'other'; end: number };

/** Markup starting at `html[at]` === "<", or null when that "<" is just text. */
function readMarkup(html: string, at: number): Markup | null {
  if (html.startsWith('<!--', at)) {
    const close = html.indexOf('-->', at + 4);
    return { kind: 'other', end: close < 0 ? html.length : close + 3 };
  }
  const next = html[at + 1] ?? '';
  if (next === '!' || next === '?') {
    const close = html.indexOf('>', at + 2);
    return close < 0 ? null : { kind: 'other', end: close + 1 };
  }
  const closing = next === '/';
  const nameMatch = /^[A-Za-z][A-Za-z0-9:-]*/.exec(html.slice(at + (closing ? 2 : 1), at + 66));
  if (!nameMatch) return null;
  const name = nameMatch[0].toLowerCase();
  const afterName = at + (closing ? 2 : 1) + nameMatch[0].length;
  const parsed = readAttributes(html, afterName);
  if (parsed === null) return null;
  return { kind: 'tag', name, closing, selfClosing: parsed.selfClosing, attributes: closing ? {} : parsed.attributes, end: parsed.end };
}

/** Attributes up to the ">" that ends the tag; quoted values may contain ">". Null if the tag never ends. */
function readAttributes(html: string, from: number): { attributes: Record<string, string>; selfClosing: boolean; end: number } | null {
  const attributes: Record<string, string> = {};
  let i = from;
  let selfClosing = false;
  while (i < html.length) {
    const ch = html[i];
    if (ch === '>') return { attributes, selfClosing, end: i + 1 };
    if (ch === '<') return null; // "<b <i>": the first "<" never closed, so it was text
    if (isHtmlSpace(ch)) {
      i++;
      continue;
    }
    if (ch === '/') {
      selfClosing = html[i + 1] === '>';
      i++;
      continue;
    }
    const nameMatch = /^[^\s/>=]+/.exec(html.slice(i, i + 256));
    const attrName = nameMatch ? nameMatch[0].toLowerCase() : html[i];
    i += attrName.length;
    selfClosing = false;
    while (i < html.length && isHtmlSpace(html[i])) i++;
    if (html[i] !== '=') {
      if (!(attrName in attributes)) attributes[attrName] = '';
      continue;
    }
    i++;
    while (i < html.length && isHtmlSpace(html[i])) i++;
    let value: string;
    const quote = html[i];
    if (quote === '"' || quote === "'") {
      const close = html.indexOf(quote, i + 1);
      if (close < 0) return null;
      value = html.slice(i + 1, close);
      i = close + 1;
    } else {
      const valueMatch = /^[^\s>]*/.exec(html.slice(i, i + 2048));
      value = valueMatch ? valueMatch[0] : '';
      i += value.length;
    }
    if (!(attrName in attributes)) attributes[attrName] = decodeEntities(value);
  }
  return null;
}

/** Where the content of a raw-text element ends and where parsing resumes; an unclosed one runs to the end. */
function findClosingTag(html: string, name: string, from: number): { contentEnd: number; end: number } {
  const pattern = new RegExp(`</${name}(?=[\\s/>])`, 'ig');
  pattern.lastIndex = from;
  const match = pattern.exec(html);
  if (!match) return { contentEnd: html.length, end: html.length };
  const close = html.indexOf('>', match.index);
  return { contentEnd: match.index, end: close < 0 ? html.length : close + 1 };
}

function decodeEntities(text: string): string {
  let result = '';
  let i = 0;
  while (i < text.length) {
    const ref = text[i] === '&' ? decodeReferenceAt(text, i) : null;
    if (ref) {
      result += ref.text;
      i += ref.length;
    } else {
      result += text[i];
      i++;
    }
  }
  return result;
}

function collapseSpaces(text: string): string {
  return text.replace(/[\s\u00a0\u3000]+/g, ' ').trim();
}

function extractMeta(metaTags: ReadonlyArray<Record<string, string>>, title: string | null): HtmlMeta {
  const byKey = new Map<string, string>();
  for (const tag of metaTags) {
    const key = (tag.property ?? tag.name ?? tag.itemprop ?? tag['http-equiv'] ?? '').toLowerCase();
    const content = tag.content;
    if (key && content && !byKey.has(key)) byKey.set(key, content.trim());
  }
  const published = firstDefined(PUBLISHED_META_KEYS.map((key) => parseIsoDate(byKey.get(key))));
  const paper = firstDefined(PAPER_META_KEYS.map((key) => PAPER_NAME.exec(byKey.get(key) ?? '')?.[0] ?? null));
  const metaTitle = byKey.get('og:title') ?? null;
  return { title: title || metaTitle || null, published, paper };
}

function firstDefined(values: ReadonlyArray<string | null>): string | null {
  return values.find((v) => v !== null) ?? null;
}

/** "2022-07-15T08:00+08:00", "2022/7/15", "2022年7月15日", "20220715" → "2022-07-15"; impossible dates → null. */
export function parseIsoDate(value: string | undefined): string | null {
  if (!value) return null;
  const match = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})/.exec(value) ?? /^(\d{4})(\d{2})(\d{2})(?!\d)/.exec(value.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${match[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * Accumulates visible text the way a browser lays it out: runs of whitespace become one space,
 * whitespace next to a line boundary disappears, and consecutive block boundaries give one "\n".
 */
export class VisibleTextWriter {
  private readonly out = new MappedTextBuilder();
  private last = '';
  private pendingSpaceAt: number | null = null;

  /** `text` (each UTF-16 unit of it) stands for source range [sourceStart, sourceEnd): a reference like &amp;. */
  text(text: string, sourceStart: number, sourceEnd: number): void {
    this.flushSpace();
    if (text.length > 0) this.append(text, sourceStart, sourceEnd);
  }

  /** source[from, to) as it is, each unit mapped to its own offset: the same as text(source[at], at, at + 1) for each. */
  copy(source: string, from: number, to: number): void {
    if (to <= from) return;
    this.flushSpace();
    this.out.pushCopy(source.slice(from, to), from);
    this.last = source[to - 1];
  }

  space(sourceAt: number): void {
    if (this.pendingSpaceAt === null) this.pendingSpaceAt = sourceAt;
  }

  blockBreak(sourceStart: number, sourceEnd: number): void {
    this.pendingSpaceAt = null;
    if (this.out.length > 0 && this.last !== '\n') this.append('\n', sourceStart, sourceEnd);
  }

  /** The text without the line breaks it ends with. */
  build(): MappedText {
    const mapped = this.out.build();
    let length = mapped.text.length;
    while (length > 0 && mapped.text.charCodeAt(length - 1) === 0x0a) length--;
    return mappedPrefix(mapped, length);
  }

  /** A space seen since the last text is written before the next, unless a line just ended. */
  private flushSpace(): void {
    if (this.pendingSpaceAt !== null && this.out.length > 0 && this.last !== '\n') this.append(' ', this.pendingSpaceAt, this.pendingSpaceAt + 1);
    this.pendingSpaceAt = null;
  }

  private append(text: string, sourceStart: number, sourceEnd: number): void {
    this.out.pushSpan(text, sourceStart, sourceEnd);
    this.last = text[text.length - 1];
  }
}
