/**
 * The review page shows each record in its article, read from the input file. Decoding a file (and,
 * for HTML, finding its visible text) costs time in proportion to the whole file — a second or two
 * for a 150 MB dump — and a reviewer goes from record to record of the same file: the inputs decoded
 * last are kept, up to a budget of characters, and used again while the file is unchanged (same
 * size and modification time).
 */
import { promises as fs } from 'node:fs';
import { decodeBytes } from '../ingest/decode';
import { htmlToVisibleText, looksLikeHtml } from '../text/html';
import type { MappedText } from '../text/mapped';

/** At most about 128 MB of UTF-16 text: many ordinary inputs, or one large dump (150 MB of UTF-8 Chinese is 53 M characters). */
export const DEFAULT_CACHED_CHARS = 64 * 1024 * 1024;

export type DecodedInput =
  | {
      ok: true;
      text: string;
      /** The visible text of an HTML input and its map to `text` (computed once, when first asked); null for plain text. */
      visible(): MappedText | null;
    }
  | { ok: false; reason: string };

interface Entry {
  stamp: string;
  input: DecodedInput;
  chars: number;
}

export class DecodedInputs {
  /** Least recently used first (a Map keeps insertion order; a use moves the entry to the end). */
  private readonly entries = new Map<string, Entry>();
  private chars = 0;
  /** How many times a file was read and decoded (for tests). */
  decodes = 0;

  constructor(private readonly maxChars = DEFAULT_CACHED_CHARS) {}

  /** The decoded text of `file` (an absolute path). Throws what reading it throws (a missing file: ENOENT). */
  async read(file: string): Promise<DecodedInput> {
    const stat = await fs.stat(file);
    const stamp = `${stat.size}:${stat.mtimeMs}`;
    const cached = this.entries.get(file);
    if (cached && cached.stamp === stamp) {
      this.entries.delete(file);
      this.entries.set(file, cached);
      return cached.input;
    }
    this.forget(file);
    const decoded = decodeBytes(await fs.readFile(file));
    this.decodes++;
    const input: DecodedInput = decoded.ok ? withVisible(decoded.text) : { ok: false, reason: decoded.reason };
    const chars = decoded.ok ? decoded.text.length : 0;
    // Requests for one file may decode it concurrently: the one finishing last replaces the others' entry.
    this.forget(file);
    // The file asked for last is always kept, whatever its size: the reviewer's next record is most likely in it.
    while (this.entries.size > 0 && this.chars + chars > this.maxChars) this.forget(this.entries.keys().next().value as string);
    this.entries.set(file, { stamp, input, chars });
    this.chars += chars;
    return input;
  }

  private forget(file: string): void {
    const entry = this.entries.get(file);
    if (!entry) return;
    this.entries.delete(file);
    this.chars -= entry.chars;
  }
}

function withVisible(text: string): DecodedInput {
  let visible: MappedText | null | undefined;
  return {
    ok: true,
    text,
    visible: () => (visible ??= looksLikeHtml(text) ? htmlToVisibleText(text).mapped : null),
  };
}
