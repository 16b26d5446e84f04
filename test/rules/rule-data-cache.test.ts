import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { loadRuleSet, withParsedYaml } from '../../src/rules/ruleset';
import { RuleFileError } from '../../src/rules/validate';
import { cacheRuleData, withCachedRuleData } from '../../src/cli/rules-cache';
import { bundledRuleFiles } from '../support/extract';

describe('rule files with their parsed YAML', () => {
  test('load to the same rule set as their texts', () => {
    const files = bundledRuleFiles();
    const fromTexts = loadRuleSet(files);
    const fromData = loadRuleSet(withParsedYaml(files));
    expect(fromData.hash).toBe(fromTexts.hash);
    for (const part of ['units', 'cues', 'periods', 'metric'] as const) expect(fromData[part]).toEqual(fromTexts[part]);
    expect(fromData.indicators.indicators).toEqual(fromTexts.indicators.indicators);
    expect(fromData.gazetteer.dictionaryTerms()).toEqual(fromTexts.gazetteer.dictionaryTerms());
  });

  test('the data is what gets validated, and still strictly: the text is not parsed again', () => {
    const files = withParsedYaml(bundledRuleFiles());
    const units = files.find((f) => f.name === 'units.yaml')!;
    const unparsable = files.map((f) => (f === units ? { ...f, text: 'units: [' } : f));
    expect(() => loadRuleSet(unparsable)).not.toThrow();
    const unknownKey = files.map((f) => (f === units ? { ...f, data: { ...(f.data as object), unknownKey: 1 } } : f));
    expect(() => loadRuleSet(unknownKey)).toThrow(/units\.yaml.*unknownKey/);
  });

  test('a file whose YAML does not parse is left to loadRuleSet, which reports it with the others', () => {
    const files = bundledRuleFiles().map((f) => (f.name === 'cues.yaml' ? { ...f, text: f.text + '\nbroken: [\n' } : f));
    const parsed = withParsedYaml(files);
    expect(parsed.find((f) => f.name === 'cues.yaml')).not.toHaveProperty('data');
    expect(parsed.filter((f) => 'data' in f)).toHaveLength(files.length - 1);
    expect(() => loadRuleSet(parsed)).toThrow(RuleFileError);
  });
});

describe('the rule data cache', () => {
  let cacheDir: string;
  beforeEach(() => (cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhstat-rule-cache-'))));
  afterEach(() => fs.rmSync(cacheDir, { recursive: true, force: true }));

  test('gives back the data of the same texts, and nothing for other texts', async () => {
    const files = bundledRuleFiles();
    expect((await withCachedRuleData(files, cacheDir)).some((f) => 'data' in f)).toBe(false);
    const parsed = withParsedYaml(files);
    await cacheRuleData(parsed, cacheDir);
    expect(await withCachedRuleData(files, cacheDir)).toEqual(parsed);
    const edited = files.map((f) => (f.name === 'metric.yaml' ? { ...f, text: f.text + '\n# edited\n' } : f));
    expect((await withCachedRuleData(edited, cacheDir)).some((f) => 'data' in f)).toBe(false);
  });

  test('a garbled or incomplete cache file is a miss', async () => {
    const files = bundledRuleFiles();
    await cacheRuleData(withParsedYaml(files), cacheDir);
    const [cacheFile] = fs.readdirSync(cacheDir).map((n) => path.join(cacheDir, n));
    const cached = JSON.parse(fs.readFileSync(cacheFile, 'utf8')) as Record<string, unknown>;
    delete cached['places.yaml'];
    fs.writeFileSync(cacheFile, JSON.stringify(cached));
    expect((await withCachedRuleData(files, cacheDir)).some((f) => 'data' in f)).toBe(false);
    fs.writeFileSync(cacheFile, '{"units.yaml": ');
    expect((await withCachedRuleData(files, cacheDir)).some((f) => 'data' in f)).toBe(false);
  });

  test('keeps nothing for files that did not parse, nor data JSON would not give back as it is', async () => {
    await cacheRuleData([{ name: 'units.yaml', text: 'units: [' }], cacheDir);
    await cacheRuleData([{ name: 'units.yaml', text: 'limit: .inf', data: { limit: Infinity } }], cacheDir);
    expect(fs.readdirSync(cacheDir)).toEqual([]);
  });
});
