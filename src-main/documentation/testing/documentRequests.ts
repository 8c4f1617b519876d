import type { DocumentEncounterRequest, User } from '../../../src-preload/contract';

/** Synthetic users and a documentation request shared by the documentation and handler tests. */
export const agent: User = { id: 'agent-sam', displayName: 'Sam Rivera', role: 'agent' };
export const nurse: User = { id: 'nurse-jordan', displayName: 'Jordan Lee', role: 'nurse', credentials: 'RN' };
export const feverRequest: DocumentEncounterRequest & { readonly patientId: string } = {
  draftId: '6f1c7a52-3c1e-4c55-9a0e-2b7d1d2f0a1b',
  callId: null,
  patientId: 'pat-000001',
  serviceLineId: 'after-hours-nurse',
  callTypeId: 'symptoms',
  reasonForCall: 'Child with fever',
  identityVerifiedBy: 'name-and-birth-date',
  interview: {
    protocols: [
      { id: 'red-flags', version: '0.1.0', title: 'Red-flag screen' },
      { id: 'fever', version: '0.2.0', title: 'Fever' },
    ],
    ageBand: 'child',
    afterHours: true,
    hoursBecause: 'closed: hours Mon 08:00-17:00, now Mon 19:10 America/New_York',
    answers: [
      { protocolId: 'red-flags', questionId: 'not-breathing', text: 'Not breathing?', answer: 'no', source: 'callers-words', answeredAt: 1 },
      { protocolId: 'fever', questionId: 'infant-fever', text: 'Under 3 months with fever?', answer: 'not-asked', source: null, answeredAt: null },
    ],
    disposition: { id: 'home-care', because: 'No to every question' },
  },
  careAdvice: [{ id: 'fluids', title: 'Fluids', text: 'Offer small sips often.' }],
  startedAt: Date.UTC(2026, 10, 23, 0, 5),
  endedAt: Date.UTC(2026, 10, 23, 0, 15),
};

/**
 * A caller with no chart (a mother calling about her son, unknown to the EHR): triaged by a nurse, documented
 * with a minimal new Patient and the caller as a RelatedPerson.
 */
export const newPatientRequest: DocumentEncounterRequest = {
  ...withoutPatientId(feverRequest),
  draftId: '0b7d3e1c-5a2f-4d8e-9c61-7f2a4b9e3d10',
  newPatient: { family: 'Okafor', given: 'Tobi', birthDate: '2019-04-02', sex: 'male', phone: '+16175550177', address: '12 Elm St, Somerville MA' },
  caller: { relationship: 'parent', name: 'Ada Okafor', phone: '+16175550177' },
  identityVerifiedBy: 'unverified',
};

function withoutPatientId(request: DocumentEncounterRequest): Omit<DocumentEncounterRequest, 'patientId'> {
  const { patientId: _known, ...rest } = request;
  return rest;
}
