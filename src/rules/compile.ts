/**
 * The rule set compiled from rule data already validated (see ruleset.ts, which validates it). Free of
 * zod and of the YAML parser: a worker thread is handed the data the main thread validated and
 * compiles it here, without loading the validator (about a third of its start-up).
 */
import type { CuesFile, DocumentsFile, MetricFile, PeriodsFile, UnitsFile } from './schemas';
import type { IndicatorFile } from './indicator-schema';
import type { PlacesRules } from '../gazetteer/placesRules';
import { buildIndicatorLexicon, type IndicatorLexicon } from './indicators';
import { buildGazetteerFromDivisions, type Gazetteer } from '../gazetteer/gazetteer';
import type { Division } from '../gazetteer/divisions';
import type { PapersFile } from './papers-schema';
import type { RegionsFile } from './regions-schema';
import { compileRegionRules, type RegionRules } from '../extract/region-rules';
import { buildPaperRegistry, type PaperRegistry } from '../articles/papers';
import type { EnglishRuleData } from './en/schemas';
import type { ConfidenceFile } from './confidence-schema';
import type { TablesFile } from './tables-schema';
import { compileTableRules, type TableRules } from '../extract/tables';
import { compileConfidenceModel, type ConfidenceModel } from '../record/confidence';

export interface RuleSet {
  units: UnitsFile;
  cues: CuesFile;
  periods: PeriodsFile;
  metric: MetricFile;
  documents: DocumentsFile;
  indicators: IndicatorLexicon;
  gazetteer: Gazetteer;
  /** The region of a paper or news site (rules/papers.yaml). */
  papers: PaperRegistry;
  /** The words that decide which region a figure is about (rules/regions.yaml). */
  regions: RegionRules;
  /** The weights a record's confidence is estimated with (rules/confidence.yaml). */
  confidence: ConfidenceModel;
  /** How tables are written: their headers, captions and empty cells (rules/tables.yaml). */
  tables: TableRules;
  /** The English rules (rules/en/), compiled by the English extractor when an English article first needs them. */
  en: EnglishRuleData;
  /** English wordings of the indicators (lower case, single spaces) → canonical id. */
  enIndicators: ReadonlyMap<string, string>;
  /** sha256 over the rule files' names and contents: the same rules give the same record ids. */
  hash: string;
}

/**
 * Every rule file's data as its schema gave it back, with the divisions the places rules were checked
 * against: plain data, which crosses to a worker thread as it is.
 */
export interface ValidatedRules {
  units: UnitsFile;
  cues: CuesFile;
  periods: PeriodsFile;
  metric: MetricFile;
  documents: DocumentsFile;
  indicators: IndicatorFile;
  places: PlacesRules;
  papers: PapersFile;
  regions: RegionsFile;
  confidence: ConfidenceFile;
  tables: TablesFile;
  en: EnglishRuleData;
  divisions: readonly Division[];
  hash: string;
}

export function compileRuleSet(rules: ValidatedRules): RuleSet {
  const { units, cues, periods, metric, documents, en, hash } = rules;
  const enIndicators = new Map<string, string>();
  for (const indicator of rules.indicators.indicators) for (const wording of indicator.en ?? []) enIndicators.set(englishIndicatorKey(wording), indicator.id);
  const gazetteer = buildGazetteerFromDivisions(rules.divisions, rules.places);
  return {
    units, cues, periods, metric, documents, en, enIndicators, indicators: buildIndicatorLexicon(rules.indicators), gazetteer,
    papers: buildPaperRegistry(rules.papers, gazetteer), regions: compileRegionRules(rules.regions), hash,
    confidence: compileConfidenceModel(rules.confidence.bias, rules.confidence.weights),
    tables: compileTableRules(rules.tables),
  };
}

/** How an English metric phrase is looked up: lower case, single spaces, no article before it. */
export function englishIndicatorKey(phrase: string): string {
  return phrase.toLowerCase().replace(/[’']/g, "'").replace(/\s+/g, ' ').trim().replace(/^(?:the|a|an) /, '');
}
