/** File-reading convenience for the CLI: everything else in the gazetteer takes already-read text. */
import { readFileSync } from 'fs';
import { join } from 'path';
import { buildGazetteer, type Gazetteer } from './gazetteer';
import { parsePlacesRules } from './placesRules';
import { parseRuleFile } from '../rules/validate';
import { DivisionsFileSchema } from '../rules/schemas';

/** Reads `<rulesDir>/places.yaml` and `divisions.yaml` and builds the gazetteer; throws RuleFileError on bad rules. */
export function loadGazetteerFromDir(rulesDir: string): Gazetteer {
  const file = join(rulesDir, 'places.yaml');
  const namesFile = join(rulesDir, 'divisions.yaml');
  const names = parseRuleFile(DivisionsFileSchema, readFileSync(namesFile, 'utf8'), namesFile);
  return buildGazetteer(parsePlacesRules(readFileSync(file, 'utf8'), file), names, file);
}
