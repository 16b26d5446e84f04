/** How places nest: a county under its prefecture or province, a prefecture under its province. */
import type { Place } from './gazetteer';

/** Whether `place` lies inside `region` (a county under its prefecture or province, a prefecture under its province). */
export function liesWithin(place: Place, region: Place): boolean {
  if (place.code === region.code) return false;
  if (region.level === 'province') return place.province === region.name;
  return region.level === 'prefecture' && place.parent === region.name && place.province === region.province;
}
