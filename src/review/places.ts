/** City suggestions for the edit form: gazetteer places matching what the reviewer typed. Pure. */
import type { Place } from '../gazetteer/gazetteer';
import type { City } from '../record/schema';

export type PlaceOption = City & { code: string; province: string };

const LEVEL_ORDER = { province: 0, prefecture: 1, county: 2 } as const;

export function toPlaceOption(place: Place): PlaceOption {
  return { name: place.name, code: place.code, level: place.level, parent: place.parent, province: place.province };
}

/**
 * Places whose name or short form matches `query` (exact, then prefix, then contained), higher
 * levels first. A 6-digit code in the query (as in the form's `嘉兴市 330400`) picks that place.
 */
export function searchPlaces(places: readonly Place[], query: string, limit = 12): PlaceOption[] {
  const code = /\b(\d{6})\b/.exec(query)?.[1];
  if (code) {
    const place = places.find((p) => p.code === code);
    if (place) return [toPlaceOption(place)];
  }
  const q = query.replace(/\d+/g, '').trim();
  if (q.length === 0) return [];
  const ranked: { place: Place; rank: number }[] = [];
  for (const place of places) {
    const names = [place.name, ...place.aliases];
    let rank = Infinity;
    names.forEach((name, i) => {
      const alias = i > 0 ? 1 : 0;
      if (name === q) rank = Math.min(rank, 0 + alias);
      else if (name.startsWith(q)) rank = Math.min(rank, 2 + alias);
      else if (name.includes(q)) rank = Math.min(rank, 4 + alias);
    });
    if (rank < Infinity) ranked.push({ place, rank });
  }
  ranked.sort((a, b) => a.rank - b.rank || LEVEL_ORDER[a.place.level] - LEVEL_ORDER[b.place.level] || a.place.code.localeCompare(b.place.code));
  return ranked.slice(0, limit).map((r) => toPlaceOption(r.place));
}
