import { readFileSync } from 'fs';
import { join } from 'path';
import { buildGazetteer, buildGazetteerFromDivisions, type Gazetteer, type Place } from '../../src/gazetteer/gazetteer';
import { buildDivisions, deriveShortName } from '../../src/gazetteer/divisions';
import { parsePlacesRules, type PlacesRules } from '../../src/gazetteer/placesRules';
import { RuleFileError, parseRuleFile } from '../../src/rules/validate';
import { DivisionsFileSchema } from '../../src/rules/schemas';
import { pick, seededRandom } from '../support/fuzz';

const PLACES_FILE = 'rules/places.yaml';
const placesYaml = readFileSync(join(__dirname, '../../rules/places.yaml'), 'utf8');
/** How division names are read (rules/divisions.yaml). */
const names = parseRuleFile(DivisionsFileSchema, readFileSync(join(__dirname, '../../rules/divisions.yaml'), 'utf8'), 'rules/divisions.yaml');
let gazetteer: Gazetteer;

beforeAll(() => {
  gazetteer = buildGazetteer(parsePlacesRules(placesYaml, PLACES_FILE), names);
});

function mentionNames(text: string, preferProvince?: string): string[] {
  return gazetteer.findMentions(text, preferProvince).map((m) => m.place.name);
}

describe('byName on the real data', () => {
  test.each([
    ['湖州市', '330500', 'prefecture', '浙江省'],
    ['平湖市', '330482', 'county', '嘉兴市'],
    ['乐清市', '330382', 'county', '温州市'],
    ['吴兴区', '330502', 'county', '湖州市'],
    ['德清县', '330521', 'county', '湖州市'],
    ['南浔区', '330503', 'county', '湖州市'],
    ['浙江省', '330000', 'province', null],
    ['金华市', '330700', 'prefecture', '浙江省'],
    ['芜湖市', '340200', 'prefecture', '安徽省'],
    ['肥西县', '340123', 'county', '合肥市'],
  ])('%s → %s %s under %s', (name, code, level, parent) => {
    expect(gazetteer.byName(name)).toMatchObject({ name, code, level, parent });
  });

  test.each([
    ['湖州', '湖州市'],
    ['平湖', '平湖市'],
    ['浙江', '浙江省'],
    ['长兴', '长兴县'],
    ['吴兴', '吴兴区'],
    ['广西', '广西壮族自治区'],
    ['新疆', '新疆维吾尔自治区'],
    ['内蒙古', '内蒙古自治区'],
    ['恩施', '恩施土家族苗族自治州'],
    ['内蒙', '内蒙古自治区'], // extra alias from the rules
  ])('short form %s → %s', (alias, name) => {
    expect(gazetteer.byName(alias)?.name).toBe(name);
  });

  test('byCode returns the same place', () => {
    expect(gazetteer.byCode('330500')?.name).toBe('湖州市');
    expect(gazetteer.byCode('999999')).toBeNull();
  });

  test('units directly under a province have the province as parent', () => {
    expect(gazetteer.byName('仙桃市')).toMatchObject({ code: '429004', level: 'county', parent: '湖北省' });
    expect(gazetteer.byName('济源市')).toMatchObject({ code: '419001', level: 'county', parent: '河南省' });
  });

  test('municipalities are provinces and their districts and counties hang under them', () => {
    expect(gazetteer.byName('北京市')).toMatchObject({ code: '110000', level: 'province', parent: null });
    expect(gazetteer.byName('东城区')).toMatchObject({ level: 'county', parent: '北京市', province: '北京市' });
    expect(gazetteer.byName('城口县')).toMatchObject({ level: 'county', parent: '重庆市' });
  });

  test('placeholder rows and development-zone codes are not places', () => {
    expect(gazetteer.byName('市辖区')).toBeNull();
    expect(gazetteer.byName('温州经济技术开发区')).toBeNull();
    expect(gazetteer.places().some((p) => p.name.includes('直辖'))).toBe(false);
    expect(gazetteer.byCode('330501')).toBeNull();
  });
});

describe('ambiguity', () => {
  test('a name shared by several districts resolves only with a province preference', () => {
    expect(gazetteer.byName('朝阳区')).toBeNull();
    expect(gazetteer.byName('朝阳区', '北京市')?.code).toBe('110105');
    expect(gazetteer.byName('朝阳区', '吉林省')?.code).toBe('220104');
    expect(gazetteer.byName('朝阳区', '吉林')?.code).toBe('220104'); // preference by short form
    expect(gazetteer.byName('鼓楼区', '福建省')?.parent).toBe('福州市');
    expect(gazetteer.byName('鼓楼区', '江苏省')).toBeNull(); // 南京 and 徐州 both have one
  });

  test('without a preference the higher level wins', () => {
    expect(gazetteer.byName('吉林')?.name).toBe('吉林省');
    expect(gazetteer.byName('海南')?.name).toBe('海南省');
    expect(gazetteer.byName('吉林市')).toMatchObject({ level: 'prefecture', code: '220200' }); // a full name beats a short form
  });

  test('an autonomous unit is named by its short form and plain suffix anywhere (陵水县, 恩施州)', () => {
    const names = (text: string) => gazetteer.findMentions(text).map((m) => [m.place.name, m.text]);
    expect(names('陵水县、琼中县和白沙县的旅游收入分别增长')).toEqual([
      ['陵水黎族自治县', '陵水县'],
      ['琼中黎族苗族自治县', '琼中县'],
      ['白沙黎族自治县', '白沙县'],
    ]);
    expect(names('恩施州与湘西州')).toEqual([
      ['恩施土家族苗族自治州', '恩施州'],
      ['湘西土家族苗族自治州', '湘西州'],
    ]);
    // 沙县 (Fujian) is not read inside 白沙县 any more; a unit really called so keeps its name.
    expect(names('沙县小吃')).toEqual([['沙县', '沙县']]);
  });

  test('a bare short form shared by a prefecture and a county under it is the prefecture', () => {
    const names = (text: string) => gazetteer.findMentions(text, '湖南省').map((m) => m.place.name);
    expect(names('岳阳和常德增势较好，衡阳、邵阳次之。')).toEqual(['岳阳市', '常德市', '衡阳市', '邵阳市']);
    expect(names('岳阳县和华容县分别增长6.1%和5.8%。')).toEqual(['岳阳县', '华容县']);
  });

  test('findMentions resolves an ambiguous district by the city the text names', () => {
    const mentions = gazetteer.findMentions('南京市鼓楼区新增企业');
    expect(mentions.map((m) => [m.place.name, m.place.parent])).toEqual([
      ['南京市', '江苏省'],
      ['鼓楼区', '南京市'],
    ]);
  });
});

describe('findMentions', () => {
  test('finds short forms with offsets', () => {
    const text = '深圳前三季度增长5%，广州增长3%';
    const mentions = gazetteer.findMentions(text);
    expect(mentions.map((m) => m.place.name)).toEqual(['深圳市', '广州市']);
    for (const m of mentions) expect(text.slice(m.start, m.end)).toBe(m.text);
    expect(mentions[1]!.start).toBe(text.indexOf('广州'));
  });

  test('blocked words and one-character forms are not places', () => {
    expect(mentionNames('中山路上人来人往')).toEqual([]);
    expect(mentionNames('全省、全市和城区的战略性新兴产业')).toEqual([]);
    expect(mentionNames('阿里云与朝阳产业')).toEqual([]);
  });

  test('a full name wins over a short form and the suffix is part of the match', () => {
    const mentions = gazetteer.findMentions('湖州市吴兴区和长兴县');
    expect(mentions.map((m) => m.text)).toEqual(['湖州市', '吴兴区', '长兴县']);
  });

  test('a full name is preferred even where a short form starts earlier', () => {
    // 嘉兴 | 兴平 (兴平市, 陕西) | 平湖市: the full name 平湖市 is taken, 兴平 overlaps it, 嘉兴 stays.
    expect(mentionNames('嘉兴平湖市')).toEqual(['嘉兴市', '平湖市']);
  });

  test('the 市 of 市场 is not read as a suffix', () => {
    expect(gazetteer.findMentions('江山市场', '浙江省').map((m) => m.text)).toEqual(['江山']);
    expect(gazetteer.findMentions('江山市的市场').map((m) => m.text)).toEqual(['江山市']);
    expect(mentionNames('中山市场')).toEqual([]);
  });

  test('adjacent short forms split left to right', () => {
    expect(mentionNames('上海宁波两地')).toEqual(['上海市', '宁波市']);
  });

  test('county short forms count only where the text or the caller puts their province', () => {
    expect(mentionNames('搭建平台，生产高密度电路板')).toEqual([]); // 建平县 (辽宁), 高密市 (山东)
    expect(mentionNames('安吉白茶')).toEqual([]);
    expect(mentionNames('安吉白茶', '浙江省')).toEqual(['安吉县']);
    expect(mentionNames('安吉白茶', '浙江')).toEqual(['安吉县']);
    expect(mentionNames('浙江安吉白茶')).toEqual(['浙江省', '安吉县']);
    expect(mentionNames('温州乐清')).toEqual(['温州市', '乐清市']);
    // a prefecture admits its own counties, not every county of its province
    expect(mentionNames('杭州的安吉白茶')).toEqual(['杭州市']);
    // full names are never held back
    expect(mentionNames('高密市')).toEqual(['高密市']);
  });

  test('preferProvince resolves an ambiguous mention', () => {
    expect(mentionNames('鼓楼区发布数据', '福建省')).toEqual(['鼓楼区']);
    expect(mentionNames('鼓楼区发布数据')).toEqual([]);
  });

  test('is fast enough for every sentence', () => {
    const sentence = '今年1至6月，湖州市数字经济核心产业增加值同比增长18%，长兴县、德清县和安吉县分别增长12%、9%和7%。';
    const started = Date.now();
    for (let i = 0; i < 2000; i++) gazetteer.findMentions(sentence);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});

/**
 * The policy of gazetteer.ts in its plainest form — every term tried at every position, both passes in
 * full, no shortcuts: what the fast findMentions must agree with.
 */
function referenceMentions(g: Gazetteer, blocked: ReadonlySet<string>, text: string, preferProvince?: string): [string, number, number, string][] {
  interface Term { text: string; isFullName: boolean; places: Place[] }
  interface Context { provinces: Set<string>; namedProvinces: Set<string>; prefectures: Set<string> }
  const terms = new Map<string, Term>();
  for (const p of g.places()) {
    if (blocked.has(p.name)) continue;
    const term = terms.get(p.name);
    if (term?.isFullName) term.places.push(p);
    else terms.set(p.name, { text: p.name, isFullName: true, places: [p] });
  }
  // An autonomous unit's short form with the plain suffix (陵水县) reads as a full name does.
  for (const p of g.places()) {
    const form = names.plainForms.find((f) => p.name.endsWith(f.autonomous));
    const short = form ? g.shortNameOf(p) : null;
    if (!form || !short || blocked.has(short + form.plain)) continue;
    const term = terms.get(short + form.plain);
    if (!term) terms.set(short + form.plain, { text: short + form.plain, isFullName: true, places: [p] });
    else if (term.isFullName && !term.places.some((q) => q.name === short + form.plain)) term.places.push(p);
  }
  for (const p of g.places()) {
    for (const alias of p.aliases) {
      const term = terms.get(alias);
      if (!term) terms.set(alias, { text: alias, isFullName: false, places: [p] });
      else if (!term.isFullName) term.places.push(p);
    }
  }
  const provinceByAnyName = new Map<string, string>();
  for (const p of g.places()) if (p.level === 'province') for (const name of [p.name, ...p.aliases]) provinceByAnyName.set(name, p.name);
  const province = preferProvince === undefined ? undefined : (provinceByAnyName.get(preferProvince.trim()) ?? preferProvince.trim());
  const rank = { province: 3, prefecture: 2, county: 1 };

  const mentionable = (term: Term, ctx: Context) =>
    term.isFullName
      ? term.places
      : term.places.filter((p) => p.level !== 'county' || p.province === province || ctx.namedProvinces.has(p.province) || (p.parent !== null && ctx.prefectures.has(p.parent)));
  const resolve = (places: Place[], ctx?: Context): Place | null => {
    let candidates = places;
    if (candidates.length <= 1) return candidates[0] ?? null;
    if (province !== undefined && candidates.some((p) => p.province === province)) candidates = candidates.filter((p) => p.province === province);
    if (ctx) {
      // (not a county whose own prefecture is one of the names' candidates: 岳阳 → 岳阳市, not 岳阳县)
      const namesPrefecture = new Set(candidates.map((p) => p.name));
      const underPrefecture = candidates.filter((p) => p.parent !== null && ctx.prefectures.has(p.parent) && !namesPrefecture.has(p.parent));
      const inContextProvince = candidates.filter((p) => ctx.provinces.has(p.province));
      if (underPrefecture.length > 0) candidates = underPrefecture;
      else if (inContextProvince.length > 0) candidates = inContextProvince;
    }
    const top = Math.max(...candidates.map((p) => rank[p.level]));
    const best = candidates.filter((p) => rank[p.level] === top);
    return best.length === 1 ? best[0]! : null;
  };
  const select = (found: { term: Term; start: number; end: number }[]) => {
    const ordered = [...found].sort((a, b) => Number(b.term.isFullName) - Number(a.term.isFullName) || b.end - b.start - (a.end - a.start) || a.start - b.start);
    const kept: typeof found = [];
    for (const c of ordered) if (!kept.some((k) => k.start < c.end && c.start < k.end)) kept.push(c);
    return kept.sort((a, b) => a.start - b.start);
  };

  const candidates: { term: Term; start: number; end: number }[] = [];
  for (let i = 0; i < text.length; i++) {
    for (const term of terms.values()) {
      if (!text.startsWith(term.text, i)) continue;
      const end = i + term.text.length;
      if (term.isFullName && term.text.endsWith('市') && text[end] === '场') continue;
      candidates.push({ term, start: i, end });
    }
  }
  const noContext: Context = { provinces: new Set(), namedProvinces: new Set(), prefectures: new Set() };
  const context: Context = { provinces: new Set(), namedProvinces: new Set(), prefectures: new Set() };
  for (const c of select(candidates.filter((c) => mentionable(c.term, noContext).length > 0))) {
    const place = resolve(mentionable(c.term, noContext));
    if (!place) continue;
    context.provinces.add(place.province);
    if (place.level === 'province') context.namedProvinces.add(place.name);
    if (place.level === 'prefecture') context.prefectures.add(place.name);
  }
  const mentions: [string, number, number, string][] = [];
  for (const c of select(candidates.filter((c) => mentionable(c.term, context).length > 0))) {
    const place = resolve(mentionable(c.term, context), context);
    if (place) mentions.push([place.code, c.start, c.end, c.term.text]);
  }
  return mentions;
}

describe('findMentions against the plain reference', () => {
  const blocked = new Set(parsePlacesRules(placesYaml, PLACES_FILE).blockedAliases);
  test.each([
    ['嘉兴平湖市和湖州市吴兴区、长兴县', undefined], // full vs short forms
    ['江山市场与中山市场，江山市的市场', undefined], // 市场 after a name ending in 市
    ['江山市场', '浙江省'],
    ['南京市鼓楼区、福州鼓楼区和徐州市鼓楼区', undefined], // one name, several places
    ['鼓楼区发布数据', '福建'],
    ['搭建平台，生产高密度电路板，三大关键', undefined], // county short forms inside ordinary words
    ['浙江安吉白茶，温州乐清，杭州的安吉白茶', undefined], // county short forms where they are expected
    ['安吉白茶与德清、长兴', '浙江省'],
    ['内蒙古自治区、广西壮族自治区、恩施土家族苗族自治州和内蒙', undefined], // long names, an extra alias
    ['上海宁波两地，吉林市与吉林省，海南', undefined], // adjacent short forms, province vs city
    ['浙江东尼电子在湖州，朝阳区与朝阳产业', '北京'],
    ['今年1至6月，湖州市数字经济核心产业增加值同比增长18%，长兴县、德清县和安吉县分别增长12%、9%和7%。', undefined],
    ['没有地名的句子。', undefined],
    ['岳阳和常德增势较好，衡阳、邵阳次之', '湖南省'], // a county named like its prefecture
  ])('%s (%s)', (text, preferProvince) => {
    const found = gazetteer.findMentions(text, preferProvince).map((m) => [m.place.code, m.start, m.end, m.text]);
    expect(found).toEqual(referenceMentions(gazetteer, blocked, text, preferProvince));
  });

  test('fuzzed texts, whole and in ranges (what a range finds is what its slice would)', () => {
    const random = seededRandom(7);
    const terms = gazetteer.dictionaryTerms();
    const fragments = ['市', '场', '区', '省', '县', '的', '和', '，', '经济', '平台', '高密度', '三大关键', '浙江', '湖州', '温州', '南京', '福州', '江山市', '鼓楼区'];
    let mentionCount = 0;
    for (let i = 0; i < 300; i++) {
      let text = '';
      for (let n = 2 + Math.floor(random() * 8); n > 0; n--) text += random() < 0.5 ? pick(random, terms) : pick(random, fragments);
      const preferProvince = pick(random, [undefined, '浙江省', '福建', '江苏省']);
      const whole = gazetteer.findMentions(text, preferProvince).map((m) => [m.place.code, m.start, m.end, m.text]);
      expect(whole).toEqual(referenceMentions(gazetteer, blocked, text, preferProvince));
      mentionCount += whole.length;
      const from = Math.floor(random() * text.length);
      const to = from + Math.floor(random() * (text.length - from + 1));
      const inRange = gazetteer.findMentions(text, preferProvince, from, to).map((m) => [m.place.code, m.start - from, m.end - from, m.text]);
      expect(inRange).toEqual(referenceMentions(gazetteer, blocked, text.slice(from, to), preferProvince));
    }
    expect(mentionCount).toBeGreaterThan(300);
  });

  test('every range of a text with names cut at its edges', () => {
    const text = '江山市场与湖州市吴兴区、长兴县';
    for (let from = 0; from <= text.length; from++) {
      for (let to = from; to <= text.length; to++) {
        const inRange = gazetteer.findMentions(text, undefined, from, to).map((m) => [m.place.code, m.start - from, m.end - from, m.text]);
        expect(inRange).toEqual(referenceMentions(gazetteer, blocked, text.slice(from, to)));
      }
    }
  });
});

describe('mayMentionAt', () => {
  test('is whether some name or short form starts at a position and ends by the range end', () => {
    const terms = gazetteer.dictionaryTerms();
    const text = '江山市场与湖州市吴兴区、长兴县，浙江安吉';
    for (let at = 0; at < text.length; at++) {
      for (let to = at + 1; to <= text.length; to++) {
        expect(gazetteer.mayMentionAt(text, at, to)).toBe(terms.some((t) => text.startsWith(t, at) && at + t.length <= to));
      }
    }
  });
});

describe('dictionaryTerms', () => {
  test('holds full names and usable short forms, not blocked words', () => {
    const terms = new Set(gazetteer.dictionaryTerms());
    expect(terms.has('湖州市')).toBe(true);
    expect(terms.has('湖州')).toBe(true);
    expect(terms.has('中山市')).toBe(true);
    expect(terms.has('中山')).toBe(false);
    expect(terms.has('城区')).toBe(false);
  });
});

describe('deriveShortName', () => {
  test.each([
    ['湖州市', '湖州'],
    ['恩施土家族苗族自治州', '恩施'],
    ['博尔塔拉蒙古自治州', '博尔塔拉'],
    ['内蒙古自治区', '内蒙古'],
    ['香港特别行政区', '香港'],
    ['浦东新区', '浦东'],
    ['清新区', '清新'],
    ['景宁畲族自治县', '景宁'],
    ['锡林郭勒盟', '锡林郭勒'],
  ])('%s → %s', (full, short) => {
    expect(deriveShortName(full, names)).toBe(short);
  });

  test('one-character remainders give no short form', () => {
    expect(deriveShortName('忠县', names)).toBeNull();
    expect(deriveShortName('城区', names)).toBeNull();
    expect(deriveShortName('西沙群岛', names)).toBeNull();
  });
});

describe('rules file', () => {
  test('an unknown key is rejected with file and path', () => {
    const yaml = 'version: 1\nblockedAliases: []\nextraAliases:\n  - { alias: 内蒙, name: 内蒙古自治区, note: x }\n';
    try {
      parsePlacesRules(yaml, PLACES_FILE);
      throw new Error('expected a RuleFileError');
    } catch (err) {
      expect(err).toBeInstanceOf(RuleFileError);
      expect((err as RuleFileError).issues).toEqual([expect.objectContaining({ file: PLACES_FILE, path: 'extraAliases[0]' })]);
      expect((err as Error).message).toContain('note');
    }
  });

  test('a missing key and a top-level unknown key are both reported', () => {
    const yaml = 'version: 1\nblockedAliases: [中山]\nstoplist: []\n';
    expect(() => parsePlacesRules(yaml, PLACES_FILE)).toThrow(RuleFileError);
    try {
      parsePlacesRules(yaml, PLACES_FILE);
    } catch (err) {
      const paths = (err as RuleFileError).issues.map((i) => i.path);
      expect(paths).toEqual(expect.arrayContaining(['extraAliases', '']));
    }
  });

  test('entries that name no place are errors, all reported', () => {
    const rules: PlacesRules = {
      version: 1,
      blockedAliases: ['中山', '开发'],
      extraAliases: [
        { alias: '甬城', name: '宁波州' },
        { alias: '鼓楼', name: '鼓楼区' },
      ],
    };
    try {
      buildGazetteer(rules, names, PLACES_FILE);
      throw new Error('expected a RuleFileError');
    } catch (err) {
      expect(err).toBeInstanceOf(RuleFileError);
      expect((err as RuleFileError).issues.map((i) => [i.file, i.path])).toEqual([
        [PLACES_FILE, 'blockedAliases[1]'],
        [PLACES_FILE, 'extraAliases[0].name'],
        [PLACES_FILE, 'extraAliases[1]'],
      ]);
    }
  });

  test('an extra alias with a code picks one of several same-named places', () => {
    const rules: PlacesRules = { version: 1, blockedAliases: [], extraAliases: [{ alias: '榕城鼓楼', name: '鼓楼区', code: '350102' }] };
    expect(buildGazetteer(rules, names).byName('榕城鼓楼')?.parent).toBe('福州市');
  });
});

describe('rules/divisions.yaml examples', () => {
  test.each(names.examples.map((e) => [e.name, e.short] as const))('%s → %s', (name, short) => {
    expect(deriveShortName(name, names)).toBe(short);
  });
  test('the gazetteer gives each place the short form of its full name, blocked or not', () => {
    expect(gazetteer.shortNameOf(gazetteer.byName('湖州市')!)).toBe('湖州');
    expect(gazetteer.shortNameOf(gazetteer.byName('中山市')!)).toBe('中山');
  });
});

describe('buildDivisions on a small table', () => {
  const divisions = buildDivisions({
    provinces: [
      { code: '330000', name: '浙江省' },
      { code: '500000', name: '重庆市' },
    ],
    prefectures: [
      { code: '330500', name: '湖州市' },
      { code: '339000', name: '浙江省-省直辖县级行政区划' },
    ],
    counties: [
      { code: '330501', name: '市辖区' },
      { code: '330502', name: '吴兴区' },
      { code: '330571', name: '湖州经济技术开发区' },
      { code: '339001', name: '某某市' },
      { code: '500229', name: '城口县' },
    ],
  }, names);

  test('keeps administrative units and sets parents', () => {
    expect(divisions.map((d) => [d.name, d.level, d.parent])).toEqual([
      ['浙江省', 'province', null],
      ['重庆市', 'province', null],
      ['湖州市', 'prefecture', '浙江省'],
      ['吴兴区', 'county', '湖州市'],
      ['某某市', 'county', '浙江省'],
      ['城口县', 'county', '重庆市'],
    ]);
  });

  test('a gazetteer can be built over it', () => {
    const small = buildGazetteerFromDivisions(divisions, { version: 1, blockedAliases: [], extraAliases: [] });
    expect(small.findMentions('吴兴和湖州').map((m) => m.place.code)).toEqual(['330502', '330500']);
  });
});
