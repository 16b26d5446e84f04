/** File-reading convenience for the CLI: everything else in the gazetteer takes already-read text. */
import { readFileSync } from 'fs';
import { join } from 'path';
import { buildGazetteer, type Gazetteer } from './gazetteer';
import { parsePlacesRules } from './placesRules';

/** Reads `<rulesDir>/places.yaml` and builds the gazetteer; throws RuleFileError on bad rules. */
export function loadGazetteerFromDir(rulesDir: string): Gazetteer {
  const file = join(rulesDir, 'places.yaml');
  return buildGazetteer(parsePlacesRules(readFileSync(file, 'utf8'), file), file);
}
