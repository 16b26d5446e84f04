/**
 * The rule set: every rules/*.yaml file parsed, validated and compiled once, then passed to the
 * stages as context. Loading reports the issues of all files together (file + path + message).
 * Validating and compiling are apart (validateRuleFiles, compile.ts): the main thread of a run
 * validates, its worker threads compile what it validated.
 */
import { RuleFileError, parseRuleFile, parseRuleYaml, type RuleIssue, type RuleSource } from './validate';
import { CuesFileSchema, DivisionsFileSchema, DocumentsFileSchema, MetricFileSchema, PeriodsFileSchema, UnitsFileSchema, type DivisionsFile } from './schemas';
import { IndicatorFileSchema } from './indicator-schema';
import { ConfidenceFileSchema } from './confidence-schema';
import { TablesFileSchema } from './tables-schema';
import { parsePapersFile, papersRulesIssues } from './papers-schema';
import { parseRegionsFile } from './regions-schema';
import { parsePlacesRules } from '../gazetteer/placesRules';
import { placesRulesIssues } from '../gazetteer/gazetteer';
import { deriveShortName, derivePlainName, packageDivisions } from '../gazetteer/divisions';
import { compileRuleSet, type RuleSet, type ValidatedRules } from './compile';
import { ruleFilesHash, type RuleFileText } from './rule-files';
import { ENGLISH_RULE_FILES, EnglishCuesSchema, EnglishMetricSchema, EnglishPeriodsSchema, EnglishPlacesSchema, EnglishUnitsSchema, type EnglishPlaces } from './en/schemas';
import type { Division } from '../gazetteer/divisions';

export type { RuleFileText } from './rule-files';
export type { RuleSet, ValidatedRules } from './compile';

export const RULE_FILES = ['units.yaml', 'cues.yaml', 'periods.yaml', 'metric.yaml', 'indicators.yaml', 'places.yaml', 'divisions.yaml', 'documents.yaml', 'papers.yaml', 'regions.yaml', 'confidence.yaml', 'tables.yaml', ...ENGLISH_RULE_FILES] as const;

export function loadRuleSet(files: readonly RuleFileText[]): RuleSet {
  return compileRuleSet(validateRuleFiles(files));
}

/** Parses (unless their data comes with them) and validates the rule files; throws RuleFileError listing every issue. */
export function validateRuleFiles(files: readonly RuleFileText[]): ValidatedRules {
  const byName = new Map(files.map((f) => [f.name, f]));
  const issues: RuleIssue[] = [];
  const unknown = files.filter((f) => !(RULE_FILES as readonly string[]).includes(f.name));
  for (const f of unknown) issues.push({ file: f.name, path: '', message: `unknown rule file; expected one of ${RULE_FILES.join(', ')}` });

  function parse<T>(name: (typeof RULE_FILES)[number], parser: (source: RuleSource, file: string) => T): T | undefined {
    const file = byName.get(name);
    if (!file) {
      issues.push({ file: name, path: '', message: 'rule file is missing' });
      return undefined;
    }
    try {
      return parser(file, name);
    } catch (err) {
      if (err instanceof RuleFileError) issues.push(...err.issues);
      else issues.push({ file: name, path: '', message: (err as Error).message });
      return undefined;
    }
  }

  const units = parse('units.yaml', (t, f) => parseRuleFile(UnitsFileSchema, t, f));
  const cues = parse('cues.yaml', (t, f) => parseRuleFile(CuesFileSchema, t, f));
  const periods = parse('periods.yaml', (t, f) => parseRuleFile(PeriodsFileSchema, t, f));
  const metric = parse('metric.yaml', (t, f) => parseRuleFile(MetricFileSchema, t, f));
  const indicators = parse('indicators.yaml', (t, f) => parseRuleFile(IndicatorFileSchema, t, f));
  const places = parse('places.yaml', parsePlacesRules);
  const documents = parse('documents.yaml', (t, f) => parseRuleFile(DocumentsFileSchema, t, f));
  const papers = parse('papers.yaml', parsePapersFile);
  const regions = parse('regions.yaml', parseRegionsFile);
  const confidence = parse('confidence.yaml', (t, f) => parseRuleFile(ConfidenceFileSchema, t, f));
  const tables = parse('tables.yaml', (t, f) => parseRuleFile(TablesFileSchema, t, f));
  const enUnits = parse('en/units.yaml', (t, f) => parseRuleFile(EnglishUnitsSchema, t, f));
  const enCues = parse('en/cues.yaml', (t, f) => parseRuleFile(EnglishCuesSchema, t, f));
  const enPeriods = parse('en/periods.yaml', (t, f) => parseRuleFile(EnglishPeriodsSchema, t, f));
  const enMetric = parse('en/metric.yaml', (t, f) => parseRuleFile(EnglishMetricSchema, t, f));
  const enPlaces = parse('en/places.yaml', (t, f) => parseRuleFile(EnglishPlacesSchema, t, f));
  const divisionNames = parse('divisions.yaml', (t, f) => parseRuleFile(DivisionsFileSchema, t, f));
  const divisions = divisionNames ? packageDivisions(divisionNames) : [];
  // Names the places and papers rules give must be those of places (read only with valid division names).
  if (places && divisionNames) issues.push(...placesRulesIssues(divisions, places, 'places.yaml'));
  if (papers && divisionNames) issues.push(...papersRulesIssues(divisions, papers, 'papers.yaml'));
  if (enPlaces && divisionNames) issues.push(...englishPlacesIssues(divisions, enPlaces, 'en/places.yaml'));
  if (divisionNames) issues.push(...divisionNamesIssues(divisionNames, 'divisions.yaml'));
  if (issues.length > 0 || !divisionNames || !units || !cues || !periods || !metric || !indicators || !places || !documents || !papers || !regions || !confidence || !tables || !enUnits || !enCues || !enPeriods || !enMetric || !enPlaces) {
    throw new RuleFileError(issues);
  }

  const en = { units: enUnits, cues: enCues, periods: enPeriods, metric: enMetric, places: enPlaces };
  return { units, cues, periods, metric, indicators, places, documents, papers, regions, confidence, tables, en, divisions, hash: ruleFilesHash(files) };
}

/** Each example of rules/divisions.yaml must read as it says (湖州市 → 湖州). */
function divisionNamesIssues(names: DivisionsFile, file: string): RuleIssue[] {
  const issues: RuleIssue[] = [];
  names.examples.forEach((example, i) => {
    const short = deriveShortName(example.name, names);
    if (short !== example.short) issues.push({ file, path: `examples[${i}]`, message: `"${example.name}" gives the short form ${short === null ? 'none' : `"${short}"`}, not ${example.short === null ? 'none' : `"${example.short}"`}` });
    if (example.plain !== undefined) {
      const plain = derivePlainName(example.name, names);
      if (plain !== example.plain) issues.push({ file, path: `examples[${i}].plain`, message: `"${example.name}" gives the plain name ${plain === null ? 'none' : `"${plain}"`}, not ${example.plain === null ? 'none' : `"${example.plain}"`}` });
    }
  });
  return issues;
}

/** Each English form must name a unit of the gazetteer (with its code where the name is shared). */
function englishPlacesIssues(divisions: readonly Division[], places: EnglishPlaces, file: string): RuleIssue[] {
  const issues: RuleIssue[] = [];
  places.forms.forEach((form, i) => {
    const named = divisions.filter((d) => d.name === form.name && (!form.code || d.code === form.code));
    if (named.length === 0) issues.push({ file, path: `forms[${i}].name`, message: `"${form.name}" is no unit of the gazetteer` });
    else if (named.length > 1) issues.push({ file, path: `forms[${i}].code`, message: `"${form.name}" names ${named.length} units: give the code` });
  });
  return issues;
}

/** The files with the data their YAML parses to; a file whose YAML does not parse is left as it is, for validateRuleFiles to report. */
export function withParsedYaml(files: readonly RuleFileText[]): RuleFileText[] {
  return files.map((f) => {
    if ('data' in f) return f;
    try {
      return { ...f, data: parseRuleYaml(f.text, f.name) };
    } catch (err) {
      if (err instanceof RuleFileError) return f;
      throw err;
    }
  });
}
