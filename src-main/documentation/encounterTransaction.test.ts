import type { Communication, Encounter, QuestionnaireResponse } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { DocumentEncounterRequest, type User } from '../../src-preload/contract';
import { DISPOSITION_EXTENSION, IDENTIFIER_SYSTEMS, assignedIds, buildEncounterTransaction } from './encounterTransaction';

const nurse: User = { id: 'nurse-jordan', displayName: 'Jordan Lee', role: 'nurse', credentials: 'RN' };
const request: DocumentEncounterRequest = {
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

describe('buildEncounterTransaction', () => {
  const bundle = buildEncounterTransaction(request, { user: nurse, serviceLineName: 'After-hours Nurse Line', callTypeLabel: 'Symptoms' });
  const [encounterEntry, qrEntry, commEntry] = bundle.entry ?? [];
  const encounter = encounterEntry?.resource as Encounter;
  const qr = qrEntry?.resource as QuestionnaireResponse;
  const comm = commEntry?.resource as Communication;

  it('is a transaction of Encounter, QuestionnaireResponse and Communication, each conditional on its identifier', () => {
    expect(bundle.type).toBe('transaction');
    expect(bundle.entry?.map((e) => e.resource?.resourceType)).toEqual(['Encounter', 'QuestionnaireResponse', 'Communication']);
    expect(encounterEntry?.request?.ifNoneExist).toBe(`identifier=${IDENTIFIER_SYSTEMS.encounter}|${request.draftId}`);
    expect(qrEntry?.request?.ifNoneExist).toBe(`identifier=${IDENTIFIER_SYSTEMS.questionnaireResponse}|${request.draftId}`);
    expect(new Set(bundle.entry?.map((e) => e.fullUrl)).size).toBe(3);
  });

  it('links everything to the patient and the encounter, and says who documented it', () => {
    expect(encounter.subject?.reference).toBe('Patient/pat-000001');
    expect(qr.subject?.reference).toBe('Patient/pat-000001');
    expect(qr.encounter?.reference).toBe(encounterEntry?.fullUrl);
    expect(comm.encounter?.reference).toBe(encounterEntry?.fullUrl);
    expect(encounter.participant?.[0]?.individual?.display).toBe('Jordan Lee, RN (nurse)');
    expect(qr.author?.identifier?.value).toBe('nurse-jordan');
    expect(comm.sender?.identifier?.value).toBe('nurse-jordan');
  });

  it('records the disposition with its reason, the hours branch and every answer (not-asked ones marked)', () => {
    expect(encounter.extension?.find((x) => x.url === DISPOSITION_EXTENSION)?.valueCoding?.code).toBe('home-care');
    const byLink = new Map(qr.item?.map((i) => [i.linkId, i]));
    expect(byLink.get('disposition')?.answer?.[0]?.item?.[0]?.answer?.[0]?.valueString).toBe('No to every question');
    expect(byLink.get('hours')?.answer?.[0]?.valueString).toMatch(/^after hours/);
    expect(byLink.get('red-flags/not-breathing')?.answer?.[0]?.valueBoolean).toBe(false);
    expect(byLink.get('fever/infant-fever')?.answer).toBeUndefined();
    expect(qr.questionnaire).toContain('fever|0.2.0');
  });

  it('is pure: the same request gives the same bundle', () => {
    expect(buildEncounterTransaction(request, { user: nurse, serviceLineName: 'After-hours Nurse Line', callTypeLabel: 'Symptoms' })).toEqual(bundle);
  });

  it('writes no Communication when no care advice was given', () => {
    const b = buildEncounterTransaction({ ...request, careAdvice: null }, { user: nurse, serviceLineName: 'x', callTypeLabel: 'y' });
    expect(b.entry?.map((e) => e.resource?.resourceType)).toEqual(['Encounter', 'QuestionnaireResponse']);
  });
});

describe('interview answers of every question type', () => {
  const answers: DocumentEncounterRequest['interview']['answers'] = [
    { protocolId: 'headache', questionId: 'onset', text: 'How did it start?', answer: 'value', source: 'asked', answeredAt: 1, type: 'single-choice', value: { choices: [{ id: 'gradual', label: 'Gradually' }] }, display: 'Gradually' },
    { protocolId: 'x', questionId: 'symptoms', text: 'Which apply?', answer: 'value', source: 'callers-words', answeredAt: 2, type: 'multi-choice', value: { choices: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }] }, display: 'A, B' },
    { protocolId: 'x', questionId: 'none', text: 'Which apply?', answer: 'value', source: 'asked', answeredAt: 2, type: 'multi-choice', value: { choices: [] }, display: 'None of these' },
    { protocolId: 'fever', questionId: 'infant-temperature', text: 'Temperature?', answer: 'value', source: 'asked', answeredAt: 3, type: 'number', value: { number: 101.5, unit: '°F' }, display: '101.5 °F' },
    { protocolId: 'x', questionId: 'notes', text: 'Anything else?', answer: 'value', source: 'asked', answeredAt: 4, type: 'free-text', value: { text: 'Started after lunch' }, display: 'Started after lunch' },
    { protocolId: 'x', questionId: 'days', text: 'How many days?', answer: 'unknown', source: 'asked', answeredAt: 5, type: 'number', value: null, display: 'Caller did not know' },
    { protocolId: 'x', questionId: 'yn', text: 'Fever?', answer: 'yes', source: 'asked', answeredAt: 6, type: 'yes-no', value: null, display: 'Yes' },
  ];
  const bundle = buildEncounterTransaction({ ...request, interview: { ...request.interview, answers } }, { user: nurse, serviceLineName: 'x', callTypeLabel: 'y' });
  const qr = bundle.entry?.[1]?.resource as QuestionnaireResponse;
  const byLink = new Map(qr.item?.map((i) => [i.linkId, i]));

  it('maps choices to one valueCoding per option, in the question\'s own code system', () => {
    expect(byLink.get('headache/onset')?.answer).toEqual([{ valueCoding: { system: 'urn:careline:protocol:headache:onset', code: 'gradual', display: 'Gradually' } }]);
    const multi = byLink.get('x/symptoms')?.answer;
    expect(multi?.map((a) => a.valueCoding?.code)).toEqual(['a', 'b']);
    expect(multi?.[0]?.item?.[0]?.answer?.[0]?.valueString).toBe("from the caller's words, confirmed");
    expect(byLink.get('x/none')?.answer).toEqual([{ valueString: 'None of these' }]);
  });

  it('maps numbers to valueQuantity, free text to valueString, yes-no to valueBoolean', () => {
    expect(byLink.get('fever/infant-temperature')?.answer).toEqual([{ valueQuantity: { value: 101.5, unit: '°F' } }]);
    expect(byLink.get('x/notes')?.answer).toEqual([{ valueString: 'Started after lunch' }]);
    expect(byLink.get('x/yn')?.answer).toEqual([{ valueBoolean: true }]);
  });

  it("records 'unknown' like not asked, but says the caller did not know", () => {
    const item = byLink.get('x/days');
    expect(item?.answer).toBeUndefined();
    expect(item?.item?.[0]).toEqual({ linkId: 'x/days/unknown', text: 'Caller did not know' });
  });

  it('every recorded answer passes the contract', () => {
    expect(DocumentEncounterRequest.safeParse({ ...request, interview: { ...request.interview, answers } }).error?.issues ?? []).toEqual([]);
  });
});

describe('assignedIds', () => {
  it('reads ids from resources or from response locations', () => {
    expect(
      assignedIds({
        resourceType: 'Bundle',
        type: 'transaction-response',
        entry: [{ response: { status: '201', location: 'Encounter/abc/_history/1' } }, { resource: { resourceType: 'QuestionnaireResponse', id: 'q1', status: 'completed' } }],
      }),
    ).toEqual(['abc', 'q1']);
  });
});
