/**
 * A run's main thread validates the rules and its worker threads compile what it validated
 * (validateRuleFiles, compileRuleSet): the data crossing threads must compile to the rule set
 * loadRuleSet makes from the texts, the validation must still report every issue, and a worker's
 * modules must not load zod at all.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadRuleSet, validateRuleFiles, withParsedYaml, type RuleSet } from '../../src/rules/ruleset';
import { compileRuleSet } from '../../src/rules/compile';
import { RuleFileError } from '../../src/rules/validate';
import { processFile } from '../../src/pipeline/process-file';
import { bundledRuleFiles } from '../support/extract';

function seedRecordsJson(rules: RuleSet): string[] {
  const dir = path.join(__dirname, '../../seeds');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .map((name) => JSON.stringify(processFile({ file: name, bytes: fs.readFileSync(path.join(dir, name)), sidecar: null, publishedOverride: null }, { rules }).records));
}

describe('validated rules, as a worker thread receives them', () => {
  // postMessage copies with the structured clone algorithm, as structuredClone does.
  const received = structuredClone(validateRuleFiles(withParsedYaml(bundledRuleFiles())));
  const fromWorker = compileRuleSet(received);
  const fromTexts = loadRuleSet(bundledRuleFiles());

  test('compile to the rule set loadRuleSet makes from the texts', () => {
    expect(fromWorker.hash).toBe(fromTexts.hash);
    for (const part of ['units', 'cues', 'periods', 'metric'] as const) expect(fromWorker[part]).toEqual(fromTexts[part]);
    expect(fromWorker.indicators.indicators).toEqual(fromTexts.indicators.indicators);
    expect(fromWorker.indicators.dictionaryTerms()).toEqual(fromTexts.indicators.dictionaryTerms());
    expect(fromWorker.gazetteer.places()).toEqual(fromTexts.gazetteer.places());
    expect(fromWorker.gazetteer.dictionaryTerms()).toEqual(fromTexts.gazetteer.dictionaryTerms());
  });

  test('give the same records for the seeds', () => {
    expect(seedRecordsJson(fromWorker)).toEqual(seedRecordsJson(fromTexts));
  });
});

describe('validateRuleFiles', () => {
  test('reports places rules naming no place together with the other files\' issues', () => {
    const files = withParsedYaml(bundledRuleFiles()).map((f) => {
      if (f.name === 'units.yaml') return { ...f, data: { ...(f.data as object), unknownKey: 1 } };
      if (f.name === 'places.yaml') return { ...f, data: { ...(f.data as object), blockedAliases: ['不是地名'] } };
      return f;
    });
    let error: unknown;
    try {
      validateRuleFiles(files);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(RuleFileError);
    expect((error as RuleFileError).issues.map((i) => i.file)).toEqual(['units.yaml', 'places.yaml']);
    expect((error as RuleFileError).message).toMatch(/places\.yaml: blockedAliases\[0\]: .*不是地名/);
  });
  test('reports a division name that does not read as its example says (rules/divisions.yaml)', () => {
    const files = withParsedYaml(bundledRuleFiles()).map((f) =>
      f.name === 'divisions.yaml' ? { ...f, data: { ...(f.data as object), examples: [{ name: '湖州市', short: '吴兴' }] } } : f,
    );
    expect(() => validateRuleFiles(files)).toThrow(/^divisions\.yaml: examples\[0\]: "湖州市" gives the short form "湖州", not "吴兴"$/);
  });
});

test('the modules of a worker thread do not load zod', () => {
  jest.isolateModules(() => {
    jest.doMock('zod', () => {
      throw new Error('zod loaded');
    });
    // What src/run/worker.ts imports (it cannot itself run outside a worker thread).
    expect(() => {
      require('../../src/rules/compile');
      require('../../src/extract/segmenter');
      require('../../src/run/extract-one');
      require('../../src/run/journal');
    }).not.toThrow();
  });

});
