import { readFileSync } from 'node:fs';
import { join } from 'node:path';
// The symptom checker is pure renderer code shared with headless triage (see headlessTriage.ts).
import { compileLexicon } from '../../src-renderer/src/features/symptom-checker/engine';
import { ProtocolLibrary } from '../catalog/ProtocolLibrary';
import { ServiceLineCatalog } from '../catalog/ServiceLineCatalog';
import type { TriageContent } from './headlessTriage';

/**
 * The content headless triage runs on, read from a resources directory: every protocol in protocols/*.json,
 * the lay-term lexicon and the service lines. Throws with the file and the reason when content is invalid.
 */
export function loadTriageContent(resourcesDir: string): TriageContent {
  const library = ProtocolLibrary.fromDirectory(join(resourcesDir, 'protocols'));
  const protocols = library.ids().flatMap((id) => library.get(id) ?? []);
  const lexicon = compileLexicon(JSON.parse(readFileSync(join(resourcesDir, 'lexicon', 'lay-terms.json'), 'utf8')));
  const serviceLines = ServiceLineCatalog.fromResources(resourcesDir).lines;
  return { protocols, lexicon, serviceLines };
}
