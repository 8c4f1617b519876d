import type { Resource } from '@medplum/fhirtypes';
import type { FhirClient } from '../../ehr/FhirClient';

/**
 * A search with repeated parameters (`start=ge…&start=le…`, the FHIR way to give a range), which
 * FhirClient.search's Record cannot express. The query goes in the path and the client follows `next`
 * links as for any search (same origin, bounded pages).
 */
export async function searchWithRepeats<T extends Resource>(
  fhir: FhirClient,
  resourceType: T['resourceType'],
  params: readonly (readonly [string, string])[],
  options: { maxPages?: number; signal?: AbortSignal } = {},
): Promise<T[]> {
  const query = new URLSearchParams(params.map(([k, v]): [string, string] => [k, v])).toString();
  const bundle = await fhir.searchBundle(`${resourceType}?${query}`, {}, options);
  return (bundle.entry ?? []).filter((e) => e.search?.mode !== 'include' && e.resource?.resourceType === resourceType).map((e) => e.resource as T);
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
