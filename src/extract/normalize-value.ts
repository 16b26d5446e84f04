/**
 * A figure's value as written (signed for changes) and in base units: money in units of one of
 * its currency, counts with the multiplier applied to the counted noun, 倍 growth in percent.
 */
import type { Kind } from '../record/schema';
import type { ValueMention } from './values';

export interface NormalizedValue {
  value: number;
  unit: string | null;
  normalized: { value: number; unit: string };
}

/** Rounds away binary noise (21.3 × 1e8 = 2130000000.0000002) without losing written precision. */
export function clean(n: number): number {
  // An integer of at most 12 digits has no noise and reads back the same; -0 reads back as 0.
  if (Number.isInteger(n) && Math.abs(n) < 1e12) return n + 0;
  return Number(n.toPrecision(12));
}

export function normalizeValue(m: ValueMention, kind: Kind, sign: 1 | -1): NormalizedValue {
  const unit = m.unitText;
  // A fall written with a minus too (下降负3.2%, 下降-3.2%) is the fall its verb states: the sign
  // repeats the verb, it does not turn the fall into a rise (see signRepeated).
  const signed = clean((m.negative && sign === 1 ? -1 : 1) * sign * m.value);
  const def = m.unitDef;
  if (kind === 'rank') return { value: m.value, unit, normalized: { value: m.value, unit: '位' } };
  if (!def) {
    // A multiplier alone (5.6万) or an index with no unit.
    const normalizedUnit = unit ? '个' : 'index';
    return { value: signed, unit, normalized: { value: clean(signed * m.multiplier), unit: normalizedUnit } };
  }
  switch (def.class) {
    case 'money':
      return { value: signed, unit, normalized: { value: clean(signed * m.multiplier), unit: def.base ?? 'CNY' } };
    case 'percent':
      // 三成 is 30%: a percent written in tenths carries its scale.
      return { value: signed, unit, normalized: { value: def.scale ? clean(signed * def.scale) : signed, unit: '%' } };
    case 'permille':
      return { value: signed, unit, normalized: { value: clean(signed / 10), unit: '%' } };
    case 'pp':
      return { value: signed, unit, normalized: { value: signed, unit: 'pp' } };
    case 'times':
      return kind === 'growth'
        ? { value: signed, unit, normalized: { value: clean(signed * 100), unit: '%' } }
        : { value: signed, unit, normalized: { value: signed, unit: '倍' } };
    case 'ratio':
      return { value: signed, unit, normalized: { value: clean(signed * m.multiplier * (def.scale ?? 1)), unit: def.base ?? def.unit } };
    case 'count':
    case 'measure':
      return { value: signed, unit, normalized: { value: clean(signed * m.multiplier), unit: def.unit } };
  }
}

/** Whether a figure's minus repeats the fall its verb states (下降负3.2%): read as the fall, and reviewed. */
export function signRepeated(m: ValueMention, kind: Kind, sign: 1 | -1): boolean {
  return m.negative && sign === -1 && kind !== 'level' && kind !== 'rank';
}
