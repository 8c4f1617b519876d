/**
 * DEMO ENVIRONMENT (simulation) — not a real EHR.
 *
 * The CapabilityStatement the demo EHR answers at GET [base]/metadata. It lists what the demo really does
 * (and what our tests exercise), so the EHR client's capability checks behave as they would against a
 * production server that supports phone search.
 */
import { globalSchema } from '@medplum/core';
import type { CapabilityStatement, CapabilityStatementRestResource, CapabilityStatementRestResourceSearchParam, ResourceType } from '@medplum/fhirtypes';

export const DEMO_EHR_SOFTWARE_NAME = 'Careline Demo EHR (simulation)';

/** Resource types and search parameters the demo EHR supports; each is checked against the loaded definitions. */
const SUPPORTED: Readonly<Partial<Record<ResourceType, readonly string[]>>> = {
  Patient: ['_id', '_lastUpdated', 'identifier', 'name', 'family', 'given', 'birthdate', 'gender', 'phone', 'telecom', 'email', 'address-postalcode', 'address-state', 'general-practitioner', 'active'],
  Practitioner: ['_id', 'identifier', 'name', 'family', 'given'],
  PractitionerRole: ['_id', 'practitioner', 'location', 'specialty', 'role'],
  Organization: ['_id', 'identifier', 'name', 'type'],
  Location: ['_id', 'name', 'address-postalcode', 'address-state', 'status'],
  Schedule: ['_id', 'actor', 'active', 'specialty'],
  Slot: ['_id', 'schedule', 'status', 'start'],
  Appointment: ['_id', 'identifier', 'patient', 'actor', 'date', 'status', 'slot'],
  Coverage: ['_id', 'identifier', 'patient', 'beneficiary', 'payor', 'status'],
  Encounter: ['_id', 'identifier', 'patient', 'subject', 'date', 'status', 'class', 'type'],
  QuestionnaireResponse: ['_id', 'identifier', 'patient', 'subject', 'encounter', 'status'],
  Communication: ['_id', 'identifier', 'patient', 'subject', 'encounter', 'status'],
};

const NOTES: Readonly<Record<string, string>> = {
  phone: "Exact match on the stored value, which is E.164 (+1AAA555XXXX) in the demo data; send '+' as %2B (an unencoded '+' arrives as a space and is refused with 400).",
  telecom: 'Exact match on any ContactPoint value.',
  name: 'Starts-with on any word of the name, case- and accent-insensitive; :exact and :contains supported.',
  family: 'Starts-with, case- and accent-insensitive; :exact and :contains supported.',
  given: 'Starts-with, case- and accent-insensitive; :exact and :contains supported.',
  patient: 'Accepts Patient/[id] or a bare id.',
};

export function buildCapabilityStatement(baseUrl: string, startedAt: string, indexedParameters: readonly string[]): CapabilityStatement {
  const indexed = new Set(indexedParameters);
  const resource: CapabilityStatementRestResource[] = (Object.entries(SUPPORTED) as [ResourceType, readonly string[]][]).map(([type, codes]) => ({
    type,
    interaction: [{ code: 'read' }, { code: 'vread' }, { code: 'search-type' }, { code: 'create' }, { code: 'update' }, { code: 'patch' }, { code: 'delete' }, { code: 'history-instance' }],
    versioning: 'versioned',
    readHistory: true,
    updateCreate: true,
    conditionalCreate: true,
    conditionalUpdate: true,
    conditionalDelete: 'single',
    searchParam: codes.flatMap((code): CapabilityStatementRestResourceSearchParam[] => {
      const definition = globalSchema.types[type]?.searchParams?.[code];
      if (!definition) return [];
      const notes = [NOTES[code], indexed.has(`${type}?${code}`) || code === '_id' ? 'Indexed.' : undefined].filter(Boolean).join(' ');
      return [{ name: code, type: definition.type, ...(definition.url ? { definition: definition.url } : {}), ...(notes ? { documentation: notes } : {}) }];
    }),
  }));
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: startedAt,
    publisher: 'Careline (demo environment)',
    kind: 'instance',
    software: { name: DEMO_EHR_SOFTWARE_NAME, version: '1' },
    implementation: {
      description: 'Embedded demo FHIR R4 server holding synthetic patients only. A simulation for training and testing, not a real EHR.',
      url: baseUrl,
    },
    fhirVersion: '4.0.1',
    format: ['application/fhir+json', 'application/json'],
    patchFormat: ['application/json-patch+json'],
    rest: [
      {
        mode: 'server',
        documentation:
          'Unknown search parameters, chained searches, _include and _revinclude are refused with 400. Searches page by _count (default 20, max 1000) and _offset with a next link.',
        resource,
        interaction: [{ code: 'transaction' }, { code: 'batch' }],
        searchParam: [
          { name: '_count', type: 'number' },
          { name: '_offset', type: 'number' },
          { name: '_sort', type: 'string' },
          { name: '_summary', type: 'token', documentation: 'Only _summary=count.' },
        ],
      },
    ],
  };
}
