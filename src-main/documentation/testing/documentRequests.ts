import type { DocumentEncounterRequest, User } from '../../../src-preload/contract';

/** Synthetic users and a documentation request shared by the documentation and handler tests. */
export const agent: User = { id: 'agent-sam', displayName: 'Sam Rivera', role: 'agent' };
export const nurse: User = { id: 'nurse-jordan', displayName: 'Jordan Lee', role: 'nurse', credentials: 'RN' };
export const feverRequest: DocumentEncounterRequest = {
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
