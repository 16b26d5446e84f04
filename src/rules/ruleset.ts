/**
 * The rule set: every rules/*.yaml file parsed, validated and compiled once, then passed to the
 * stages as context. Loading reports the issues of all files together (file + path + message).
 */
import { createHash } from 'node:crypto';
import { RuleFileError, parseRuleFile, type RuleIssue } from './validate';
import { CuesFileSchema, MetricFileSchema, PeriodsFileSchema, UnitsFileSchema, type CuesFile, type MetricFile, type PeriodsFile, type UnitsFile } from './schemas';
import { parseIndicators, type IndicatorLexicon } from './indicators';
import { parsePlacesRules } from '../gazetteer/placesRules';
import { buildGazetteer, type Gazetteer } from '../gazetteer/gazetteer';

export interface RuleFileText {
  /** File name inside the rules directory, e.g. `units.yaml`. */
  name: string;
  text: string;
}

export interface RuleSet {
  units: UnitsFile;
  cues: CuesFile;
  periods: PeriodsFile;
  metric: MetricFile;
  indicators: IndicatorLexicon;
  gazetteer: Gazetteer;
  /** sha256 over the rule files' names and contents: the same rules give the same record ids. */
  hash: string;
}

export const RULE_FILES = ['units.yaml', 'cues.yaml', 'periods.yaml', 'metric.yaml', 'indicators.yaml', 'places.yaml'] as const;

export function loadRuleSet(files: readonly RuleFileText[]): RuleSet {
  const byName = new Map(files.map((f) => [f.name, f]));
  const issues: RuleIssue[] = [];
  const unknown = files.filter((f) => !(RULE_FILES as readonly string[]).includes(f.name));
  for (const f of unknown) issues.push({ file: f.name, path: '', message: `unknown rule file; expected one of ${RULE_FILES.join(', ')}` });

  function parse<T>(name: (typeof RULE_FILES)[number], parser: (text: string, file: string) => T): T | undefined {
    const file = byName.get(name);
    if (!file) {
      issues.push({ file: name, path: '', message: 'rule file is missing' });
      return undefined;
    }
    try {
      return parser(file.text, name);
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
  const indicators = parse('indicators.yaml', parseIndicators);
  const places = parse('places.yaml', parsePlacesRules);
  if (issues.length > 0 || !units || !cues || !periods || !metric || !indicators || !places) throw new RuleFileError(issues);

  const hash = createHash('sha256');
  for (const f of [...files].sort((a, b) => a.name.localeCompare(b.name))) hash.update(f.name).update('\0').update(f.text).update('\0');
  return { units, cues, periods, metric, indicators, gazetteer: buildGazetteer(places), hash: hash.digest('hex').slice(0, 16) };
}
