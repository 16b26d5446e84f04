/**
 * The paper registry (rules/papers.yaml): the region a paper or news site is at home in. Listed outlets
 * first (新华日报 → 江苏省, 人民日报 → national), then the regular naming of local outlets (嘉兴日报,
 * 长兴发布, 云上仙桃): the name less a listed suffix or prefix must be a place's name or short form.
 */
import type { Gazetteer, Place } from '../gazetteer/gazetteer';
import type { PapersFile } from '../rules/papers-schema';

export interface PaperHome {
  /** The region; null for a national outlet, which names none. */
  place: Place | null;
  /** The rule that decided it (a registry entry's id or a naming rule's). */
  ruleId: string;
}

export interface PaperRegistry {
  /** Where the outlet is at home, or null when no rule knows it. */
  homeOf(paper: string, preferProvince?: string): PaperHome | null;
}

/** A paper's name as the registry lists it: without 《》, spaces and a trailing 社 (新华日报社). */
export function paperKey(paper: string): string {
  return paper.replace(/[《》<>〈〉\s]/gu, '').replace(/社$/u, '');
}

/** The endings of units' full names, tried after a short form no place answers to. */
const UNIT_ENDINGS = ['市', '县', '区'];

interface AffixRule {
  ruleId: string;
  /** Longest first: 融媒体中心 is tried before 中心 could be. */
  affixes: string[];
  atEnd: boolean;
}

export function buildPaperRegistry(file: PapersFile, gazetteer: Gazetteer): PaperRegistry {
  const listed = new Map<string, PaperHome>();
  for (const entry of file.papers) {
    const place = entry.region === null ? null : entry.code ? gazetteer.byCode(entry.code) : gazetteer.byName(entry.region);
    for (const name of entry.names) listed.set(paperKey(name), { place, ruleId: entry.id });
  }
  const naming: AffixRule[] = file.naming.map((rule) => ({
    ruleId: rule.id,
    affixes: [...(rule.suffixes ?? rule.prefixes ?? [])].sort((a, b) => b.length - a.length),
    atEnd: rule.suffixes !== undefined,
  }));
  return {
    homeOf(paper, preferProvince) {
      const key = paperKey(paper);
      const known = listed.get(key);
      if (known) return known;
      for (const rule of naming) {
        for (const affix of rule.affixes) {
          if (key.length < affix.length + 2 || !(rule.atEnd ? key.endsWith(affix) : key.startsWith(affix))) continue;
          const rest = rule.atEnd ? key.slice(0, key.length - affix.length) : key.slice(affix.length);
          // The short form, else the full name it shortens (中山日报: 中山 is also a person's name, so the
          // gazetteer reads 中山 as a place only written 中山市).
          const place = gazetteer.byName(rest, preferProvince) ?? UNIT_ENDINGS.map((end) => (rest.endsWith(end) ? null : gazetteer.byName(rest + end, preferProvince))).find((p) => p) ?? null;
          if (place) return { place, ruleId: rule.ruleId };
        }
      }
      return null;
    },
  };
}
