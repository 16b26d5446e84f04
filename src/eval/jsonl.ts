/** JSON Lines read the way eval reads them: blank lines skipped, every bad line reported by number. */
import type { z } from 'zod';

export type JsonLine<T> = { line: number; ok: true; value: T } | { line: number; ok: false; message: string };

/** Parses each non-blank line as JSON and validates it with `schema`. */
export function parseJsonLines<S extends z.ZodType>(text: string, schema: S): JsonLine<z.infer<S>>[] {
  const out: JsonLine<z.infer<S>>[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch (e) {
      out.push({ line, ok: false, message: `invalid JSON: ${(e as Error).message}` });
      return;
    }
    const parsed = schema.safeParse(json);
    if (parsed.success) out.push({ line, ok: true, value: parsed.data });
    else out.push({ line, ok: false, message: parsed.error.issues.map((i) => `${i.path.join('.') || '(line)'}: ${i.message}`).join('; ') });
  });
  return out;
}
