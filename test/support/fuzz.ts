/** Seeded random texts for equivalence tests: a fast algorithm against the plain one it replaced. */
import * as fs from 'node:fs';
import * as path from 'node:path';

export { seededRandom } from '../../src/bench/random';

export function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** A text of `count` fragments drawn from `fragments`. */
export function fuzzText(random: () => number, fragments: readonly string[], count: number): string {
  let text = '';
  for (let i = 0; i < count; i++) text += pick(random, fragments);
  return text;
}

/** The texts of the seed corpus (seeds/). */
export function seedTexts(): string[] {
  const dir = path.join(__dirname, '..', '..', 'seeds');
  return fs.readdirSync(dir).filter((name) => name.endsWith('.txt')).map((name) => fs.readFileSync(path.join(dir, name), 'utf8'));
}
