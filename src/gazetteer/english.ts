/**
 * English and pinyin names of the gazetteer's places, and their mentions in English text. Every unit
 * is known by its short form romanized (pinyin-pro, no tones, syllables joined, an apostrophe before a
 * syllable that starts with a vowel: 西安 → Xi'an), and by the English forms of rules/en/places.yaml,
 * which win over a romanization that collides with them (Shaanxi, not 陕西's "Shanxi").
 *
 * Ambiguity policy for a name several units share (江北区 in 宁波 and 重庆; 苏州 and 宿州): a level word
 * after the name (city, district, province) keeps the candidates of that level; then those in the
 * article's province; then the highest level; if more than one is left, the mention is ambiguous and
 * resolves to nothing — a wrong city is worse than an unknown one.
 */
import type { Gazetteer, Place } from './gazetteer';
import type { EnglishPlaces } from '../rules/en/schemas';

export interface EnglishMention {
  place: Place;
  /** [start, end) of the name and its level word, without a possessive 's. */
  start: number;
  end: number;
  /** Where the possessive or the mention ends in the text (after 's when there is one). */
  after: number;
  levelWord: string | null;
}

export interface EnglishGazetteer {
  findMentions(text: string, from: number, to: number, preferProvince: string | null): EnglishMention[];
  /** A place named by an English name (Zhejiang, Inner Mongolia), or null. */
  byName(name: string, preferProvince: string | null): Place | null;
}

type Level = 'province' | 'prefecture' | 'county';

/** The key a name is looked up by: lower case, no apostrophes, spaces or hyphens. */
export function englishKey(name: string): string {
  return name.toLowerCase().replace(/[’'\s.-]/g, '');
}

/** 宁波 → Ningbo, 西安 → Xi'an (pinyin-pro, loaded on first use: only English articles need it). */
export function romanize(chinese: string): string {
  const { pinyin } = require('pinyin-pro') as typeof import('pinyin-pro');
  const syllables = pinyin(chinese, { toneType: 'none', type: 'array', v: true }) as string[];
  const joined = syllables.map((s, i) => (i > 0 && /^[aeo]/.test(s) ? `'${s}` : s)).join('');
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

const WORD = /[A-Za-z][A-Za-z’']*/g;

export function buildEnglishGazetteer(gazetteer: Gazetteer, rules: EnglishPlaces): EnglishGazetteer {
  const byKey = new Map<string, Place[]>();
  const explicit = new Set<string>();
  const notAlone = new Set(rules.notAlone.map(englishKey));
  const notNameBefore = new Set((rules.notNameBefore ?? []).map((w) => w.toLowerCase()));
  for (const form of rules.forms) {
    const place = gazetteer.places().find((p) => p.name === form.name && (!form.code || p.code === form.code));
    if (!place) continue;
    for (const name of form.en) {
      const key = englishKey(name);
      if (!explicit.has(key)) byKey.set(key, []);
      explicit.add(key);
      if (!byKey.get(key)!.includes(place)) byKey.get(key)!.push(place);
    }
  }
  for (const place of gazetteer.places()) {
    const core = gazetteer.shortNameOf(place) ?? place.name;
    if (!/^[\u3400-\u9fff]{2,}$/.test(core)) continue;
    const key = englishKey(romanize(core));
    if (explicit.has(key) || key.length < 4) continue;
    const list = byKey.get(key) ?? [];
    list.push(place);
    byKey.set(key, list);
  }
  const levelOf = new Map<string, Level>();
  for (const level of ['province', 'prefecture', 'county'] as const) for (const w of rules.levelWords[level]) if (!levelOf.has(w.toLowerCase())) levelOf.set(w.toLowerCase(), level);
  const levelPhrases = [...levelOf.keys()].sort((a, b) => b.length - a.length);

  function resolve(candidates: Place[], level: Level | null, levelWord: string | null, preferProvince: string | null): Place | null {
    let pool = candidates;
    if (level) {
      const fits = pool.filter((p) => p.level === level || (levelWord === 'city' && p.level === 'county' && p.name.endsWith('市')) || (level === 'prefecture' && p.level === 'province' && levelWord === 'municipality'));
      if (fits.length > 0) pool = fits;
    }
    if (pool.length > 1 && preferProvince) {
      const inProvince = pool.filter((p) => p.province === preferProvince);
      if (inProvince.length > 0) pool = inProvince;
    }
    if (pool.length > 1) {
      const rank = (p: Place) => (p.level === 'province' ? 0 : p.level === 'prefecture' ? 1 : 2);
      const best = Math.min(...pool.map(rank));
      pool = pool.filter((p) => rank(p) === best);
    }
    return pool.length === 1 ? pool[0] : null;
  }

  function levelAfter(text: string, at: number, to: number): { word: string; level: Level; end: number } | null {
    const m = /^\s+/.exec(text.slice(at, Math.min(to, at + 3)));
    const start = at + (m ? m[0].length : 0);
    if (!m) return null;
    const rest = text.slice(start, Math.min(to, start + 40)).toLowerCase();
    for (const phrase of levelPhrases) {
      if (rest.startsWith(phrase) && !/[a-z]/.test(rest.charAt(phrase.length))) return { word: phrase, level: levelOf.get(phrase)!, end: start + phrase.length };
    }
    return null;
  }

  return {
    byName(name, preferProvince) {
      const candidates = byKey.get(englishKey(name));
      return candidates ? resolve(candidates, null, null, preferProvince) : null;
    },
    findMentions(text, from, to, preferProvince) {
      const words: { start: number; end: number; text: string }[] = [];
      WORD.lastIndex = from;
      for (let m = WORD.exec(text); m && m.index < to; m = WORD.exec(text)) words.push({ start: m.index, end: Math.min(m.index + m[0].length, to), text: m[0] });
      const mentions: EnglishMention[] = [];
      const pending: { candidates: Place[]; level: Level | null; levelWord: string | null; start: number; end: number; after: number }[] = [];
      for (let i = 0; i < words.length; i++) {
        if (!/^[A-Z]/.test(words[i].text)) continue;
        for (let j = Math.min(words.length - 1, i + 3); j >= i; j--) {
          // words of one name stand apart by a space or a hyphen only (Inner Mongolia, Ma'anshan)
          let joined = true;
          for (let k = i; k < j; k++) if (!/^[\s-]$/.test(text.slice(words[k].end, words[k + 1].start))) joined = false;
          if (!joined) continue;
          const last = words[j];
          const possessive = /['’]s$/.test(last.text);
          const nameEnd = possessive ? last.end - 2 : last.end;
          const key = englishKey(text.slice(words[i].start, nameEnd));
          const candidates = byKey.get(key);
          if (!candidates) continue;
          const level = possessive ? null : levelAfter(text, nameEnd, to);
          if (!level && notAlone.has(key)) continue;
          // A capitalized word right before (not a possessive, not a word of rules/en/places.yaml notNameBefore) makes a person's or an organization's name: Li Guoying.
          const before = i > 0 ? words[i - 1] : null;
          if (!level && before && /^[A-Z]/.test(before.text) && !/['’]s$/.test(before.text) && /^\s+$/.test(text.slice(before.end, words[i].start)) && !levelOf.has(before.text.toLowerCase()) && !notNameBefore.has(before.text.toLowerCase())) continue;
          const place = resolve(candidates, level?.level ?? null, level?.word ?? null, preferProvince);
          const end = level ? level.end : nameEnd;
          // Jiangsu province's: the possessive after the level word
          const levelPossessive = level && /^['’]s\b/.test(text.slice(end, end + 3)) ? end + 2 : end;
          if (!place) {
            // Baiyun district (Guangzhou's or Guiyang's?): the place named right after it may tell
            pending.push({ candidates, level: level?.level ?? null, levelWord: level?.word ?? null, start: words[i].start, end, after: possessive ? last.end : levelPossessive });
            break;
          }
          mentions.push({ place, start: words[i].start, end, after: possessive ? last.end : levelPossessive, levelWord: level?.word ?? null });
          while (i + 1 < words.length && words[i + 1].start < end) i++;
          break;
        }
      }
      if (pending.length === 0) return mentions;
      // an ambiguous name followed closely by the place it lies in (Baiyun district in Guiyang; Yiwu, Zhejiang
      // province): the one of its readings inside that place
      for (const p of pending) {
        const next = mentions.find((m) => m.start >= p.end && m.start - p.end <= 60 && !/[.;!?]/.test(text.slice(p.end, m.start)));
        if (!next) continue;
        const within = p.candidates.filter((c) => c !== next.place && (c.parent === next.place.name || (next.place.level === 'province' && c.province === next.place.name)));
        const place = within.length > 1 ? resolve(within, p.level, p.levelWord, null) : (within[0] ?? null);
        if (place) mentions.push({ place, start: p.start, end: p.end, after: p.after, levelWord: p.levelWord });
      }
      return mentions.sort((a, b) => a.start - b.start);
    },
  };
}
